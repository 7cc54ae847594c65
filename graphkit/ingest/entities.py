"""Resolution within one article: which mentions are one real-world thing.

People cluster by name (``people.py``, with the dated role base); dictionary
mentions get their canonical id; other mentions a slug of their name. A
surname the NER missed or mislabelled (``Lavrov`` tagged ORG, ``Zelenskyy``
tagged a common noun) is the person of that surname.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from spacy.tokens import Doc

from ..model import slugify
from .dictionary import Gazetteer
from .mentions import Mention, fold, surface
from .people import Person, choose, cluster_people
from .roles import RoleBase


@dataclass
class Entity:
    """One resolved real-world thing within an article."""

    id: str
    label: str
    name: str
    aliases: set[str] = field(default_factory=set)
    props: dict[str, object] = field(default_factory=dict)
    mentions: list[Mention] = field(default_factory=list)
    state: str | None = None
    #: ``m``, ``f`` or None, for persons (pronoun resolution reads it; it is not written to the graph)
    gender: str | None = None


def resolve(doc: Doc, mentions: list[Mention], gaz: Gazetteer, roles: RoleBase | None = None,
            day: dt.date | None = None) -> dict[str, Entity]:
    """Cluster mentions into entities; sets ``mention.entity`` on every name mention."""
    roles = roles or RoleBase()
    entities: dict[str, Entity] = {}

    def entity_for(label: str, ident: str, name: str, **props: object) -> Entity:
        key = f"{label}:{ident}"
        ent = entities.get(key)
        if ent is None:
            ent = entities[key] = Entity(ident, label, name, props={k: v for k, v in props.items() if v})
        return ent

    people = cluster_people(doc, mentions, roles, day)
    by_id = {p.id: p for p in people}
    tokens = {w for p in people for w in p.words() if len(w) > 2}
    # Surnames the NER missed altogether ("Zelenskyy accused Russia", tagged a common noun).
    covered = {i for m in mentions for i in range(m.start, m.end)}
    for tok in doc:
        if tok.i not in covered and tok.is_title and tok.pos_ in ("PROPN", "NOUN") and len(tok) > 2 \
                and not tok.ent_type_ and fold(tok.text) in tokens:
            p = choose(people, fold(tok.text), tok.i, None, roles, day)
            if p is not None and (p.words()[-1] == fold(tok.text) or len(p.words()) >= 3):
                mentions.append(Mention(tok.i, tok.i + 1, "Person", tok.text, entity=f"Person:{p.id}"))
    mentions.sort(key=lambda m: m.start)
    _acronyms(mentions)
    states_seen = {m.key for m in mentions if m.label == "State" and m.key}
    for m in mentions:
        if m.label in ("Organization", "Place") and m.key is None and m.role == "name" \
                and fold(surface(m.text)) in tokens:
            # The small model tags a surname alone as ORG ("Lavrov accused ...").
            p = choose(people, fold(surface(m.text)), m.start, None, roles, day)
            if p is not None:
                m.label, m.entity = "Person", f"Person:{p.id}"
        if m.label == "Person":
            if m.entity is None:
                continue
            p = by_id[m.entity.split(":", 1)[1]]
            ent = _person_entity(entity_for, p)
            ent.aliases.add(surface(m.text))
            ent.mentions.append(m)
            continue
        if m.role == "demonym":
            # "Russian Foreign Minister ...": the state exists in the article even if never named;
            # the demonym is not one of its names, so it is not an alias.
            entry = gaz.states.get(m.key or "")
            if entry is not None:
                ent = entity_for("State", entry.id, entry.name, iso3=entry.id)
                ent.mentions.append(m)
            continue
        if m.role == "direction":
            target = next((s for s in sorted(states_seen) if gaz.states[s].name.startswith(surface(m.text))),
                          None)
            if target is None:
                continue
            m.key, m.role = target, "seat"
        if m.label == "State":
            entry = gaz.states.get(m.key or "")
            if entry is None:
                continue
            ent = entity_for("State", entry.id, entry.name, iso3=entry.id)
        elif m.key is not None:
            entry = gaz.get(m.label, m.key)
            if entry is None:
                entry = gaz.place_named(m.text)
            if entry is None:
                continue
            ent = entity_for(m.label, entry.id, entry.name, kind=entry.kind)
            ent.state = entry.state
        else:
            name = m.canonical or surface(m.text)
            if not name:
                continue
            known = gaz.place_named(name) if m.label == "Place" else None
            if known is not None:
                ent = entity_for("Place", known.id, known.name, kind=known.kind)
                ent.state = known.state
            else:
                ent = entity_for(m.label, slugify(name), name, kind=m.kind)
        m.entity = f"{ent.label}:{ent.id}"
        ent.aliases.add(surface(m.text))
        if m.key is not None and m.label in ("Organization", "Alliance", "Place"):
            # "IRNA news agency" also shows "IRNA": record the dictionary forms seen inside.
            seen = f" {surface(m.text)} "
            entry = gaz.get(m.label, m.key)
            if entry is not None:
                ent.aliases.update(f for f in gaz.forms_of(entry) if f" {f} " in seen)
        if m.extra_alias:
            ent.aliases.add(surface(m.extra_alias))
        ent.mentions.append(m)
    return entities


_SMALL = frozenset({"of", "and", "the", "for", "in", "on", "to", "&"})


def _acronyms(mentions: list[Mention]) -> None:
    """``JEM`` is the Justice and Equality Movement named in full earlier (or later) in the article:
    an all-capitals organization whose letters are another's initials is that organization."""
    full: dict[str, Mention] = {}
    for m in mentions:
        if m.label == "Organization" and m.role == "name":
            words = [w for w in surface(m.text).replace("-", " ").split() if w.lower() not in _SMALL]
            if len(words) >= 2:
                full.setdefault("".join(w[0] for w in words).upper(), m)
    for m in mentions:
        text = surface(m.text)
        if m.label in ("Organization", "Person") and m.key is None and text.isupper() and 2 <= len(text) <= 6:
            source = full.get(text)
            if source is not None and source is not m:
                m.label, m.key, m.kind = "Organization", source.key, source.kind
                m.canonical = source.canonical or surface(source.text)


def _person_entity(entity_for, p: Person) -> Entity:
    ent = entity_for("Person", p.id, p.name)
    ent.gender = p.gender
    return ent
