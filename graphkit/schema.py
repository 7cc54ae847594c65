"""The graph model, written once: labels, relationship types, their properties, CAMEO codes.

Everything that names a label or a type reads it from here: ``GraphDoc``
(which types exist, which are symmetric), ``validate`` (which labels a type
may join), ``evaluate`` (which types are plumbing), the Neo4j schema
(``cypher/schema.cypher`` is :func:`cypher_schema`), the map legend's families,
``graphkit schema`` (:func:`schema_text`) and the tables of ``docs/model.md``
(:func:`markdown_tables`). ``tests/test_schema.py`` fails when a generated file
drifts; ``make schema`` writes them again.

The model may grow (new labels, types, properties) but never renames what it
names: users write Cypher against these names.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

#: Version of Graph JSON files written for this model.
FORMAT_VERSION = 1


@dataclass(frozen=True)
class Label:
    """One node label: what it is, how its id is made, and its own properties."""

    name: str
    description: str
    id_rule: str
    #: (property, meaning) pairs, beyond the ones every node has
    properties: tuple[tuple[str, str], ...] = ()
    #: properties graphkit adds beyond the model's contract
    extensions: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class RelType:
    """One relationship type: the labels it joins, its properties, its family and CAMEO code."""

    name: str
    description: str
    #: map legend family: structure, cooperative, hostile or statements
    family: str
    #: labels it may start and end at; ``None`` means any label but Article
    starts: frozenset[str] | None
    ends: frozenset[str] | None
    properties: tuple[str, ...] = ()
    #: default CAMEO event code, for interactions (actor acting on actor)
    cameo: str | None = None
    #: direction carries no meaning: stored once per pair, matched either way
    symmetric: bool = False
    #: carries ``article`` and ``evidence`` (all but MENTIONED_IN)
    provenance: bool = True

    @property
    def interaction(self) -> bool:
        return self.cameo is not None


#: Properties every node has.
NODE_PROPERTIES: tuple[tuple[str, str], ...] = (
    ("id", "stable key, unique across the graph"),
    ("name", "canonical display name"),
    ("aliases", "sorted surface forms seen"),
    ("articles", "sorted ids of the Articles that mention it"),
)
#: Node properties that are sorted sets of strings, merged by union.
LIST_PROPERTIES: tuple[str, ...] = ("aliases", "articles", "titles")
#: Properties every relationship but MENTIONED_IN has (``start``/``end`` are graphkit's extension).
PROVENANCE_PROPERTIES: tuple[str, ...] = ("article", "evidence", "start", "end")

_ACTORS = frozenset({"Person", "State", "Organization"})

NODE_LABELS: tuple[Label, ...] = (
    Label("Article", "one ingested document", "first 12 hex digits of the text's SHA-256",
          (("title", ""), ("source", "publisher or site"), ("published", "ISO date"), ("path", ""), ("url", ""),
           ("sha256", "of the text")),
          (("author", "from an HTML page"), ("content_hash", "text plus extraction settings"))),
    Label("Person", "a named individual", "slug of the canonical name (`kim-jong-un`)",
          (("titles", "offices seen, e.g. `Foreign Minister`"),)),
    Label("State", "a sovereign country", "ISO 3166-1 alpha-3 (`PRK`)", (("iso3", ""),)),
    Label("Organization", "agency, ministry, armed force, news agency, party, international body",
          "slug of the canonical name",
          (("kind", "media, government, military, intelligence, legislature, party, international, company, "
                    "other"),)),
    Label("Place", "a city, region or site that is not a state", "slug", (("kind", "city, region, site"),)),
    Label("Alliance", "a treaty, alliance, partnership or bloc", "slug",
          (("kind", "treaty, alliance, partnership, bloc"),)),
    Label("Event", "meeting, visit, war, deployment, ceremony, signing, casualty report",
          "`event:` + slug of kind, participants and date (or article)",
          (("kind", ""), ("date", "ISO, when the text and the article date resolve it")),
          (("date_text", "the words the date came from"), ("count", "for casualty reports"),
           ("casualty", "killed or wounded"), ("place", "id of the Place where it happened"))),
    Label("Statement", "a direct quote or reported claim", "`statement:` + hash of article and offsets",
          (("text", "the quoted words or reported clause"), ("quoted", "true for a direct quote"),
           ("stance", "an interaction type or CLAIM"), ("cameo", "CAMEO event code"), ("sentence", "")),
          (("start", "offset of `text` in the article"), ("end", ""))),
)

_STRUCTURE = (
    RelType("LEADS", "head of state, government, organization or alliance", "structure",
            frozenset({"Person"}), frozenset({"State", "Organization", "Alliance"}), ("title",)),
    RelType("HOLDS_OFFICE", "any other office", "structure",
            frozenset({"Person"}), frozenset({"State", "Organization", "Alliance"}), ("title",)),
    RelType("PART_OF", "an agency or body of a state or organization", "structure",
            frozenset({"Organization"}), frozenset({"State", "Organization"})),
    RelType("LOCATED_IN", "where something is", "structure",
            frozenset({"Place", "Event", "Organization"}), frozenset({"Place", "State"})),
    RelType("MEMBER_OF", "a party to a treaty, alliance or partnership", "structure",
            frozenset({"State", "Organization"}), frozenset({"Alliance"})),
    RelType("ALLIED_WITH", "an alliance or partnership the text states", "structure",
            frozenset({"State"}), frozenset({"State"}), symmetric=True),
)


def _interaction(name: str, cameo: str, family: str, description: str, *, ends: frozenset[str] = _ACTORS,
                 symmetric: bool = False) -> RelType:
    return RelType(name, description, family, _ACTORS, ends, ("cameo", "statement", "trigger"), cameo=cameo,
                   symmetric=symmetric)


#: Interactions, in the order docs list them, each with its default CAMEO code.
_INTERACTIONS = (
    _interaction("SUPPORTS", "051", "cooperative", "supports, backs, endorses"),
    _interaction("OPPOSES", "120", "hostile", "opposes, rejects, condemns"),
    _interaction("MET", "040", "cooperative", "met, held talks with", symmetric=True),
    _interaction("VISITED", "042", "cooperative", "visited a State or Place",
                 ends=frozenset({"State", "Place"})),
    _interaction("WARNED", "130", "hostile", "warned"),
    _interaction("ACCUSED", "112", "hostile", "accused"),
    _interaction("CRITICIZED", "111", "hostile", "criticized, denounced"),
    _interaction("PRAISED", "051", "cooperative", "praised, thanked, honoured"),
    _interaction("THREATENED", "138", "hostile", "threatened"),
    _interaction("CALLED_ON", "020", "cooperative", "called on, urged, appealed to"),
    _interaction("COOPERATES_WITH", "030", "cooperative", "agreed or pledged to cooperate"),
    _interaction("SENT_TROOPS_TO", "074", "cooperative", "sent or deployed forces to help"),
    _interaction("SUPPLIED_WEAPONS_TO", "072", "cooperative", "supplied weapons or munitions to"),
    _interaction("FIGHTS", "190", "hostile", "at war with, attacked, invaded"),
    _interaction("SIGNED", "057", "cooperative", "signed or ratified an Alliance",
                 ends=frozenset({"Alliance"})),
)

_PLUMBING = (
    RelType("MADE", "who said it", "statements", _ACTORS, frozenset({"Statement"})),
    RelType("ABOUT", "what or whom a statement is about", "statements", frozenset({"Statement"}), None),
    RelType("REPORTED_BY", "the outlet a statement is attributed to", "statements",
            frozenset({"Statement"}), frozenset({"Organization"})),
    RelType("PARTICIPATED_IN", "took part in an event", "statements", _ACTORS, frozenset({"Event"}), ("role",)),
    RelType("MENTIONED_IN", "co-occurrence with an article, never a relationship between actors",
            "statements", None, frozenset({"Article"}), ("count",), provenance=False),
)

#: Every relationship type by name, in the order docs and legends list them.
RELATIONSHIPS: dict[str, RelType] = {t.name: t for t in (*_STRUCTURE, *_INTERACTIONS, *_PLUMBING)}
#: Node labels by name, in the order docs and maps list them.
LABEL_INFO: dict[str, Label] = {label.name: label for label in NODE_LABELS}

LABELS: tuple[str, ...] = tuple(LABEL_INFO)
#: Labels that act and speak.
ACTOR_LABELS = _ACTORS
#: Labels the evaluation scores as entities (everything but articles, events and statements).
ENTITY_LABELS = frozenset({"Person", "State", "Organization", "Place", "Alliance"})
#: Interaction types with their default CAMEO code.
INTERACTIONS: dict[str, str] = {t.name: t.cameo for t in _INTERACTIONS if t.cameo}
STRUCTURAL: tuple[str, ...] = tuple(t.name for t in _STRUCTURE)
PLUMBING: tuple[str, ...] = tuple(t.name for t in _PLUMBING)
#: Every relationship type: the only ones that may reach Cypher text.
REL_TYPES: tuple[str, ...] = tuple(RELATIONSHIPS)
#: Types whose direction carries no meaning (stored once, compared unordered).
SYMMETRIC = frozenset(t.name for t in RELATIONSHIPS.values() if t.symmetric)
#: The map legend's families, in legend order.
FAMILIES: tuple[str, ...] = ("structure", "cooperative", "hostile", "statements")
#: CAMEO code of a Statement whose stance is CLAIM (make a public statement).
CLAIM_CAMEO = "010"
#: Stances a Statement may have: an interaction type or CLAIM.
STANCES: tuple[str, ...] = (*INTERACTIONS, "CLAIM")
#: The label every graphkit node also carries in Neo4j (one unique index finds any node by id).
NODE_LABEL = "Node"


def family(rel_type: str) -> str:
    """The legend family of a type (``other`` for a type the model does not name)."""
    info = RELATIONSHIPS.get(rel_type)
    return info.family if info else "other"


# -- generated texts ------------------------------------------------------------------------------


def _labels_text(labels: frozenset[str] | None) -> str:
    if labels is None:
        return "any node but Article"
    if labels == _ACTORS:
        return "Actor"
    return " | ".join(sorted(labels, key=LABELS.index))


def schema_text() -> str:
    """What ``graphkit schema`` prints."""
    lines = [f"Nodes (every node: {', '.join(p for p, _ in NODE_PROPERTIES)}; "
             f"{', '.join(LIST_PROPERTIES)} are sorted lists)"]
    width = max(len(label) for label in LABELS)
    for label in NODE_LABELS:
        props = ", ".join(p for p, _ in (*label.properties, *label.extensions))
        lines.append(f"  {label.name.ljust(width)}  {label.description}" + (f": {props}" if props else ""))
    lines += ["", "Relationships (all but MENTIONED_IN: article, evidence, start, end = evidence offsets; "
                  "Actor = Person | State | Organization)"]
    width = max(len(t) for t in REL_TYPES)
    for rel in RELATIONSHIPS.values():
        ends = f"{_labels_text(rel.starts)} -> {_labels_text(rel.ends)}"
        extra = [", ".join(rel.properties)] if rel.properties else []
        if rel.cameo:
            extra.append(f"CAMEO {rel.cameo}")
        if rel.symmetric:
            extra.append("unordered")
        lines.append(f"  {rel.name.ljust(width)}  {ends.ljust(44)} {'; '.join(extra)}".rstrip())
    lines += ["", f"Statement stances: {', '.join(STANCES)} (CLAIM: CAMEO {CLAIM_CAMEO})"]
    return "\n".join(lines) + "\n"


def constraint_statements() -> list[str]:
    """Neo4j constraints and indexes, one statement each: a unique id and a name index per label,
    and a unique id on ``Node``, the label every graphkit node also carries."""
    out = []
    for label in LABELS:
        low = label.lower()
        out.append(f"CREATE CONSTRAINT {low}_id IF NOT EXISTS FOR (n:{label}) REQUIRE n.id IS UNIQUE")
        out.append(f"CREATE INDEX {low}_name IF NOT EXISTS FOR (n:{label}) ON (n.name)")
    out.append(f"CREATE CONSTRAINT node_id IF NOT EXISTS FOR (n:{NODE_LABEL}) REQUIRE n.id IS UNIQUE")
    return out


def cypher_schema() -> str:
    """The text of ``cypher/schema.cypher``."""
    head = ["// graphkit's Neo4j schema, generated from graphkit/schema.py (make schema).",
            "// Applied by Neo4jStore.ensure_schema() before every load; all IF NOT EXISTS, so safe to rerun.",
            f"// Every node also carries the label {NODE_LABEL} (ids are unique across the graph), so a load",
            f"// finds both ends of a relationship by one index, and `MATCH (n:{NODE_LABEL} {{id: $id}})` "
            "finds any node."]
    return "\n".join(head + [s + ";" for s in constraint_statements()]) + "\n"


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def markdown_tables() -> dict[str, str]:
    """The tables of ``docs/model.md``, by marker name."""
    nodes = ["| label | what it is | id | properties |", "| --- | --- | --- | --- |"]
    for label in NODE_LABELS:
        props = [f"`{p}`" + (f" ({m})" if m else "") for p, m in label.properties]
        props += [f"`{p}`" + (f" ({m})" if m else "") + " *ext*" for p, m in label.extensions]
        nodes.append(f"| `{label.name}` | {label.description} | {_cell(label.id_rule)} | {_cell(', '.join(props))} |")
    rels = ["| type | from → to | properties | family | CAMEO | meaning |", "| --- | --- | --- | --- | --- | --- |"]
    for rel in RELATIONSHIPS.values():
        ends = f"{_labels_text(rel.starts)} → {_labels_text(rel.ends)}".replace(" | ", ", ")
        props = ", ".join(f"`{p}`" for p in rel.properties)
        sym = " (unordered)" if rel.symmetric else ""
        rels.append(f"| `{rel.name}` | {ends}{sym} | {props} | {rel.family} | {rel.cameo or ''} | "
                    f"{_cell(rel.description)} |")
    return {"nodes": "\n".join(nodes), "relationships": "\n".join(rels)}


def update_markdown(text: str) -> str:
    """``text`` with every ``<!-- schema:NAME -->`` ... ``<!-- /schema:NAME -->`` block regenerated."""
    for name, table in markdown_tables().items():
        pattern = re.compile(rf"(<!-- schema:{name} -->\n)(?:.*?\n)?(<!-- /schema:{name} -->)", re.S)
        text = pattern.sub(lambda m, t=table: m.group(1) + t + "\n" + m.group(2), text)
    return text


@dataclass
class _Files:
    root: Path
    written: list[Path] = field(default_factory=list)

    def write(self, rel: str, text: str) -> None:
        path = self.root / rel
        if path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
            self.written.append(path)


def main() -> None:
    """Regenerate ``cypher/schema.cypher`` and the tables of ``docs/model.md`` in a source checkout."""
    files = _Files(Path(__file__).resolve().parent.parent)
    files.write("cypher/schema.cypher", cypher_schema())
    model_md = files.root / "docs" / "model.md"
    files.write("docs/model.md", update_markdown(model_md.read_text(encoding="utf-8")))
    print("\n".join(f"wrote {p}" for p in files.written) or "schema files are up to date")

