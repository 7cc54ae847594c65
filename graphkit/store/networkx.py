"""graphkit graphs as ``networkx.MultiDiGraph``: the layout ``EmbeddedStore.to_networkx()`` returns.

Nodes are keyed by id and carry ``__labels__`` (a one-label set) plus their
properties, ``id`` included; each relationship is an edge keyed by
``TYPE|article``, so the same fact from two articles is two edges and the
same fact from the same article is one, carrying ``__labels__`` (its type)
and its properties. This is the graph NetworkX's algorithms (paths,
centrality, layouts) and Python users work on; the store itself is SQLite
(``embedded``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..model import SYMMETRIC, GraphDoc, Node, Relationship, merge_properties

if TYPE_CHECKING:  # networkx is imported when a graph is built: `graphkit query` never needs it
    import networkx as nx

LABELS_ATTR = "__labels__"


def edge_key(rel_type: str, props: dict[str, Any]) -> str:
    """The MultiDiGraph key of a relationship: one edge per type and source article."""
    return f"{rel_type}|{props.get('article', '')}"


def merge_into(graph: nx.MultiDiGraph, doc: GraphDoc) -> None:
    """Merge a GraphDoc into a MultiDiGraph by node id and relationship key (``model.merge_properties``)."""
    rename: dict[str, str] = {}
    for node in doc.nodes.values():
        nid = node.id
        have = graph.nodes.get(nid)
        if have is not None and node.label not in have[LABELS_ATTR]:
            # Same id, different label (a person and a place named alike): keep both apart.
            nid = rename[node.id] = f"{node.label.lower()}:{node.id}"
            have = graph.nodes.get(nid)
        if have is None:
            graph.add_node(nid, **{LABELS_ATTR: {node.label}}, id=nid, **node.properties)
            continue
        old = {k: v for k, v in have.items() if k not in (LABELS_ATTR, "id")}
        have.update(merge_properties(old, node.properties))
    for rel in doc.relationships.values():
        a, b = rename.get(rel.start, rel.start), rename.get(rel.end, rel.end)
        key = edge_key(rel.type, rel.properties)
        if rel.type in SYMMETRIC and graph.has_edge(b, a, key):
            a, b = b, a
        if graph.has_edge(a, b, key):
            data = graph.edges[a, b, key]
            old = {k: v for k, v in data.items() if k != LABELS_ATTR}
            data.update(merge_properties(old, rel.properties, rel.type))
            continue
        graph.add_edge(a, b, key=key, **{LABELS_ATTR: {rel.type}}, **rel.properties)


def to_networkx(doc: GraphDoc) -> nx.MultiDiGraph:
    """A GraphDoc as a MultiDiGraph in the layout above."""
    import networkx as nx

    graph = nx.MultiDiGraph()
    merge_into(graph, doc)
    return graph


def from_networkx(graph: nx.MultiDiGraph) -> GraphDoc:
    """A MultiDiGraph of the layout above back as a GraphDoc."""
    doc = GraphDoc()
    for nid, data in graph.nodes(data=True):
        props = {k: v for k, v in data.items() if k not in (LABELS_ATTR, "id")}
        doc.add_node(Node(nid, next(iter(sorted(data[LABELS_ATTR]))), props))
    for a, b, data in graph.edges(data=True):
        props = {k: v for k, v in data.items() if k != LABELS_ATTR}
        doc.add_relationship(Relationship(next(iter(data[LABELS_ATTR])), a, b, props))
    return doc
