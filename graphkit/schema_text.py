"""The text ``graphkit schema`` prints: the graph model as implemented (see docs/model.md)."""

from __future__ import annotations

from .model import INTERACTIONS

_NODES = """\
Nodes (every node: id, name, aliases [sorted], articles [sorted Article ids])
  Article       one ingested document: title, source, published, path, url, sha256
  Person        a named individual: titles
  State         a sovereign country, id = ISO 3166-1 alpha-3: iso3
  Organization  agency, ministry, armed force, news agency, party, international body: kind
  Place         a city, region or site that is not a state: kind (city, region, site)
  Alliance      a treaty, alliance, partnership or bloc: kind (treaty, alliance, partnership, bloc)
  Event         meeting, visit, war, deployment, ceremony, signing, casualty report: kind, date, count
  Statement     a direct quote or reported claim: text, quoted, stance, cameo, sentence

Relationships (all but MENTIONED_IN: article, evidence, start, end = evidence offsets)
  LEADS            Person -> State | Organization | Alliance       head of it: title
  HOLDS_OFFICE     Person -> State | Organization | Alliance       any other office: title
  PART_OF          Organization -> State | Organization
  LOCATED_IN       Place | Event | Organization -> Place | State
  MEMBER_OF        State | Organization -> Alliance
  ALLIED_WITH      State -> State                                  (unordered)
  MADE             Actor -> Statement
  ABOUT            Statement -> any node but Article
  REPORTED_BY      Statement -> Organization                       the outlet it is attributed to
  PARTICIPATED_IN  Actor -> Event: role (host, visitor, casualty, ...)
  MENTIONED_IN     any node but Article -> Article: count

Interactions (Actor -> Actor, VISITED -> State | Place, SIGNED -> Alliance): cameo, statement
"""


def _interactions() -> str:
    return "".join(f"  {name.ljust(20)} CAMEO {code}\n" for name, code in INTERACTIONS.items())


SCHEMA_TEXT = _NODES + _interactions()
