"""Check a graph against the model: labels, relationship ends, required properties, sorting.

Used by ``graphkit validate`` and the property-based tests; the rules are those
of :mod:`graphkit.schema`, so a graph that passes here loads in both stores.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import InputError
from .schema import INTERACTIONS, LABELS, RELATIONSHIPS


@dataclass
class Validation:
    """What ``validate_file`` found in one file."""

    path: str
    nodes: int = 0
    relationships: int = 0
    problems: list[str] = field(default_factory=list)


def validate_file(path: str | Path) -> Validation:
    """Check one Graph JSON file; raises InputError when it cannot be read as JSON at all."""
    from .exchange import read_text

    p = Path(path)
    text = read_text(p, "Graph JSON file")
    try:
        data = json.loads(text)
    except ValueError as e:
        raise InputError(f"{p}: not JSON ({e})") from e
    if not isinstance(data, dict):
        return Validation(str(p), problems=["not a Graph JSON object"])
    nodes, rels = data.get("nodes"), data.get("relationships")
    return Validation(str(p), len(nodes) if isinstance(nodes, list) else 0,
                      len(rels) if isinstance(rels, list) else 0, problems(data))


def problems(graph: dict[str, Any]) -> list[str]:
    """Every way a Graph JSON object breaks the model (empty when it is valid)."""
    out: list[str] = []
    nodes, rels = graph.get("nodes"), graph.get("relationships")
    if not isinstance(nodes, list) or not isinstance(rels, list):
        return ["top level must have lists 'nodes' and 'relationships'"]
    labels: dict[str, str] = {}
    for n in nodes:
        if not isinstance(n, dict):
            out.append(f"node {str(n)[:40]!r} is not an object")
            continue
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
        if not isinstance(r, dict):
            out.append(f"relationship {str(r)[:40]!r} is not an object")
            continue
        t, a, b, props = r.get("type"), r.get("start"), r.get("end"), r.get("properties") or {}
        where = f"{t} {a!r}->{b!r}"
        if a not in labels or b not in labels:
            out.append(f"{where}: an end is not a node")
            continue
        info = RELATIONSHIPS.get(t)
        if info is None:
            out.append(f"{where}: unknown relationship type")
            continue
        for end, label, allowed in (("start", labels[a], info.starts), ("end", labels[b], info.ends)):
            if allowed is not None and label not in allowed:
                out.append(f"{where}: may not {end} at a {label}")
            if allowed is None and label == "Article":
                out.append(f"{where}: may not {end} at an Article")
        if info.provenance and not (props.get("article") and props.get("evidence")):
            out.append(f"{where}: needs article and evidence")
        if t in INTERACTIONS and not props.get("cameo"):
            out.append(f"{where}: needs a cameo code")
    return out
