"""Cut a map-sized piece out of a graph: a neighbourhood, some labels, some types, some nodes.

Filters apply first and the neighbourhood walk runs on what they keep, so
``--focus Lavrov --labels Person,State`` walks only through people and states.
The walk counts hops between entities: Articles, Statements and Events (the
"documents") are not stepping stones unless ``through`` names them, because an
Article mentions everybody in it and would make the whole article two hops
from anyone. The documents that sit between the entities reached (a statement
the focus made, a meeting of two of them) are drawn with them.
"""

from __future__ import annotations

from collections.abc import Iterable

from ..errors import UsageError
from ..model import GraphDoc, Node, Relationship
from ..resolve import NameIndex, resolve_label, resolve_type

#: Labels of the nodes that record where and how things were said or happened, rather than who acts:
#: a focus walk does not step through them, and the actors view hides them.
DOCUMENT_LABELS: tuple[str, ...] = ("Article", "Statement", "Event")


def find_nodes(doc: GraphDoc, name: str) -> list[str]:
    """Ids of the nodes that ``name`` designates (see :meth:`GraphDoc.find`)."""
    return doc.find(name)


def select(doc: GraphDoc, *, focus: str | None = None, depth: int = 1, labels: Iterable[str] | None = None,
           types: Iterable[str] | None = None, node_ids: Iterable[str] | None = None,
           through: Iterable[str] | None = None) -> GraphDoc:
    """Return the part of ``doc`` to draw, as a new GraphDoc (``doc`` is not changed).

    ``node_ids`` keeps those nodes, ``labels`` those node labels and ``types`` those
    relationship types; a relationship stays only when both its ends stay. With
    ``types``, nodes left without any relationship of those types are dropped too
    (a map of who MET whom should not be a cloud of unconnected nodes). Then
    ``focus`` (a name, alias or id) keeps the nodes within ``depth`` hops of it,
    following the kept relationships in both directions; the focus node itself
    always stays. Hops count between entities: a walk steps through Articles,
    Statements and Events only when ``through`` names their labels. With
    ``depth`` 1 or more, a Statement or Event joined to the focus node, or to two
    of the nodes reached, is kept too (what the focus said, where two of them
    met). Raises UsageError for an unknown focus, an unknown node id or a
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
        steps = set(DOCUMENT_LABELS) - {resolve_label(label) for label in through or ()}
        walkable = [r for r in rels if doc.nodes[r.start].label not in steps and doc.nodes[r.end].label not in steps]
        keep = _neighbourhood(seeds, walkable, depth)
        if depth > 0:
            keep |= _documents_between(doc, rels, keep, set(seeds), steps)
        rels = [r for r in rels if r.start in keep and r.end in keep]

    out = GraphDoc()
    for node_id in sorted(keep):
        node = doc.nodes[node_id]
        out.nodes[node_id] = Node(node.id, node.label, dict(node.properties))
    for rel in rels:
        copy = Relationship(rel.type, rel.start, rel.end, dict(rel.properties))
        out.relationships[copy.key] = copy
    return out


def _documents_between(doc: GraphDoc, rels: list[Relationship], keep: set[str], seeds: set[str],
                       documents: set[str]) -> set[str]:
    """The Statements and Events (never Articles, which join everything) joined to a seed or to two kept nodes."""
    touching: dict[str, set[str]] = {}
    for r in rels:
        for doc_end, other in ((r.start, r.end), (r.end, r.start)):
            label = doc.nodes[doc_end].label
            if label in documents and label != "Article" and other in keep:
                touching.setdefault(doc_end, set()).add(other)
    return {d for d, near in touching.items() if len(near) >= 2 or near & seeds}


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


def map_title(doc: GraphDoc, *, focus: str | None = None, depth: int = 1, labels: Iterable[str] | None = None,
              types: Iterable[str] | None = None, query: str | None = None) -> str:
    """A map's title after what it shows: "Kim Jong Un and neighbours, 2 hops", "MET and WARNED", a query.

    ``doc`` is the graph the map was cut from (the focus is named as it is there).
    """
    parts: list[str] = []
    if query is not None:
        parts.append(f"Query: {' '.join(query.split())}")
    if focus is not None:
        entries = NameIndex.from_doc(doc)
        found = entries.find(focus)
        name = entries.entries[found[0]].name if len(found) == 1 else focus
        parts.append(f"{name} and neighbours, {depth} hop{'' if depth == 1 else 's'}")
    if labels:
        parts.append(_listed(resolve_label(label) for label in labels))
    if types:
        parts.append(_listed(resolve_type(t) for t in types))
    if parts:
        return " · ".join(parts)
    articles = sum(1 for _ in doc.by_label("Article"))
    return f"All {articles:,} article{'' if articles == 1 else 's'}" if articles else "graphkit map"


def _listed(names: Iterable[str]) -> str:
    items = list(dict.fromkeys(names))
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def returned_node_ids(rows: Iterable[dict[str, object]], doc: GraphDoc | None = None) -> set[str]:
    """Ids of the nodes that query rows hold: nodes come back from both stores as property maps with their
    ``id``, paths as lists of them, anywhere in a row (also inside lists and maps). With ``doc``, only ids of
    its nodes; without, every such id (the explorer then asks the store which exist)."""
    found: set[str] = set()

    def visit(value: object) -> None:
        if isinstance(value, dict):
            node_id = value.get("id")
            if isinstance(node_id, str) and (doc is None or node_id in doc.nodes):
                found.add(node_id)
                return
            for item in value.values():
                visit(item)
        elif isinstance(value, (list, tuple)):
            for item in value:
                visit(item)

    for row in rows:
        visit(row)
    return found
