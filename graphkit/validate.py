"""Check a graph against the model: labels, relationship ends, required properties, sorting.

Used by ``graphkit validate`` and the property-based tests; the same rules as
SCHEMA.md states them, so a graph that passes here loads in both stores.
"""

from __future__ import annotations

from typing import Any

from .model import ACTOR_LABELS, INTERACTIONS, LABELS

_ANY = None
ENDS: dict[str, tuple[frozenset[str] | None, frozenset[str] | None]] = {
    "LEADS": (frozenset({"Person"}), frozenset({"State", "Organization", "Alliance"})),
    "HOLDS_OFFICE": (frozenset({"Person"}), frozenset({"State", "Organization", "Alliance"})),
    "PART_OF": (frozenset({"Organization"}), frozenset({"State", "Organization"})),
    "LOCATED_IN": (frozenset({"Place", "Event", "Organization"}), frozenset({"Place", "State"})),
    "MEMBER_OF": (frozenset({"State", "Organization"}), frozenset({"Alliance"})),
    "ALLIED_WITH": (frozenset({"State"}), frozenset({"State"})),
    "MADE": (ACTOR_LABELS, frozenset({"Statement"})),
    "ABOUT": (frozenset({"Statement"}), _ANY),
    "REPORTED_BY": (frozenset({"Statement"}), frozenset({"Organization"})),
    "PARTICIPATED_IN": (ACTOR_LABELS, frozenset({"Event"})),
    "MENTIONED_IN": (_ANY, frozenset({"Article"})),
    "VISITED": (ACTOR_LABELS, frozenset({"State", "Place"})),
    "SIGNED": (ACTOR_LABELS, frozenset({"Alliance"})),
}
for _t in INTERACTIONS:
    ENDS.setdefault(_t, (ACTOR_LABELS, ACTOR_LABELS))


def problems(graph: dict[str, Any]) -> list[str]:
    """Every way a Graph JSON object breaks the model (empty when it is valid)."""
    out: list[str] = []
    nodes, rels = graph.get("nodes"), graph.get("relationships")
    if not isinstance(nodes, list) or not isinstance(rels, list):
        return ["top level must have lists 'nodes' and 'relationships'"]
    labels: dict[str, str] = {}
    for n in nodes:
        nid, props = n.get("id"), n.get("properties") or {}
        label = (n.get("labels") or [None])[0]
        if not isinstance(nid, str) or not nid or nid in labels:
            out.append(f"node id {nid!r} missing or repeated")
            continue
        labels[nid] = label
        if label not in LABELS:
            out.append(f"node {nid!r}: unknown label {label!r}")
        if label != "Article":
            if "name" not in props:
                out.append(f"node {nid!r}: no name")
            for key in ("aliases", "articles"):
                value = props.get(key)
                if not isinstance(value, list) or value != sorted(value):
                    out.append(f"node {nid!r}: {key} must be a sorted list")
        if label == "Statement" and not {"text", "stance"} <= set(props):
            out.append(f"Statement {nid!r}: needs text and stance")
    for r in rels:
        t, a, b, props = r.get("type"), r.get("start"), r.get("end"), r.get("properties") or {}
        where = f"{t} {a!r}->{b!r}"
        if a not in labels or b not in labels:
            out.append(f"{where}: an end is not a node")
            continue
        if t not in ENDS:
            out.append(f"{where}: unknown relationship type")
            continue
        starts, ends = ENDS[t]
        if starts is not None and labels[a] not in starts:
            out.append(f"{where}: may not start at a {labels[a]}")
        if ends is not None and labels[b] not in ends:
            out.append(f"{where}: may not end at a {labels[b]}")
        if ends is None and labels[b] == "Article":
            out.append(f"{where}: may not point at an Article")
        if t != "MENTIONED_IN" and not (props.get("article") and props.get("evidence")):
            out.append(f"{where}: needs article and evidence")
        if t in INTERACTIONS and not props.get("cameo"):
            out.append(f"{where}: needs a cameo code")
    return out
