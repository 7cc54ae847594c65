"""Cut a map-sized piece out of a graph: a neighbourhood, some labels, some types, some nodes.

Filters apply first and the neighbourhood walk runs on what they keep, so
``--focus Lavrov --labels Person,State`` walks only through people and states
(and does not reach every entity of an article through its Article node).
"""

from __future__ import annotations

from collections.abc import Iterable

from ..errors import UsageError
from ..model import GraphDoc, Node, Relationship
from ..resolve import NameIndex, resolve_label, resolve_type


def find_nodes(doc: GraphDoc, name: str) -> list[str]:
    """Ids of the nodes that ``name`` designates (see :meth:`GraphDoc.find`)."""
    return doc.find(name)


def select(doc: GraphDoc, *, focus: str | None = None, depth: int = 1, labels: Iterable[str] | None = None,
           types: Iterable[str] | None = None, node_ids: Iterable[str] | None = None) -> GraphDoc:
    """Return the part of ``doc`` to draw, as a new GraphDoc (``doc`` is not changed).

    ``node_ids`` keeps those nodes, ``labels`` those node labels and ``types`` those
    relationship types; a relationship stays only when both its ends stay. With
    ``types``, nodes left without any relationship of those types are dropped too
    (a map of who MET whom should not be a cloud of unconnected nodes). Then
    ``focus`` (a name, alias or id) keeps the nodes within ``depth`` hops of it,
    following the kept relationships in both directions; the focus node itself
    always stays. Raises UsageError for an unknown focus, an unknown node id or a
    negative depth, and for a label or type that no graph can have (labels and
    types match in any case).
    """
    if depth < 0:
        raise UsageError(f"depth must be 0 or more, not {depth}")
    keep = set(doc.nodes)
    if node_ids is not None:
        wanted = set(node_ids)
        missing = sorted(wanted - keep)
        if missing:
            shown = ", ".join(repr(m) for m in missing[:5]) + (" ..." if len(missing) > 5 else "")
            raise UsageError(f"{len(missing)} node id(s) not in the graph: {shown}")
        keep = wanted
    if labels is not None:
        label_set = {resolve_label(label) for label in labels}
        keep = {i for i in keep if doc.nodes[i].label in label_set}
    type_set = {resolve_type(t) for t in types} if types is not None else None
    rels = [r for r in doc.relationships.values()
            if r.start in keep and r.end in keep and (type_set is None or r.type in type_set)]
    candidates = keep
    if type_set is not None:
        keep = {r.start for r in rels} | {r.end for r in rels}

    if focus is not None:
        index = NameIndex.from_doc(doc)
        seeds = index.find(focus)
        if not seeds:
            index.resolve(focus)  # raises, with suggestions
        seeds = [s for s in seeds if s in candidates]
        if not seeds:
            raise UsageError(f"the node named {focus!r} is left out by the label or node filters")
        keep = _neighbourhood(seeds, rels, depth)
        rels = [r for r in rels if r.start in keep and r.end in keep]

    out = GraphDoc()
    for node_id in sorted(keep):
        node = doc.nodes[node_id]
        out.nodes[node_id] = Node(node.id, node.label, dict(node.properties))
    for rel in rels:
        copy = Relationship(rel.type, rel.start, rel.end, dict(rel.properties))
        out.relationships[copy.key] = copy
    return out


def _neighbourhood(seeds: list[str], rels: list[Relationship], depth: int) -> set[str]:
    """Nodes within ``depth`` hops of ``seeds`` over ``rels``, ignoring direction (breadth-first)."""
    adjacent: dict[str, set[str]] = {}
    for r in rels:
        adjacent.setdefault(r.start, set()).add(r.end)
        adjacent.setdefault(r.end, set()).add(r.start)
    seen = set(seeds)
    frontier = set(seeds)
    for _ in range(depth):
        frontier = {m for n in frontier for m in adjacent.get(n, ())} - seen
        if not frontier:
            break
        seen |= frontier
    return seen
