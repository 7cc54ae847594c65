"""Graph questions Cypher on NetworkX answers badly: paths, neighbourhoods, centrality.

They run on the exported GraphDoc with networkx's algorithms, so they work the
same on both backends. Articles and MENTIONED_IN are left out: co-occurrence
in an article is not a relationship between two actors.
"""

from __future__ import annotations

from collections.abc import Iterable

import networkx as nx

from .model import GraphDoc
from .resolve import NameIndex

_SKIP_TYPES = frozenset({"MENTIONED_IN"})


def find_node(doc: GraphDoc, name: str) -> str:
    """The id of the one node called ``name`` (name, alias or id; see :mod:`graphkit.resolve`)."""
    return NameIndex.from_doc(doc).resolve(name).id


def relation_graph(doc: GraphDoc, skip_labels: Iterable[str] = ("Article",)) -> nx.MultiGraph:
    """An undirected multigraph of the relationships between non-article nodes."""
    skip = set(skip_labels)
    graph = nx.MultiGraph()
    for node in doc.nodes.values():
        if node.label not in skip:
            graph.add_node(node.id)
    for rel in doc.relationships.values():
        if rel.type in _SKIP_TYPES or rel.start not in graph or rel.end not in graph:
            continue
        graph.add_edge(rel.start, rel.end, key=rel.type, type=rel.type)
    return graph


def shortest_path(doc: GraphDoc, source: str, target: str, max_hops: int = 6) -> list[tuple[str, str | None]]:
    """The shortest path between two nodes: [(node name, relationship type to the next), ...]."""
    a, b = find_node(doc, source), find_node(doc, target)
    graph = relation_graph(doc)
    try:
        path = nx.shortest_path(graph, a, b)
    except nx.NetworkXNoPath:
        return []
    if len(path) - 1 > max_hops:
        return []
    out: list[tuple[str, str | None]] = []
    for i, nid in enumerate(path):
        rel = None
        if i + 1 < len(path):
            rel = "|".join(sorted(graph.get_edge_data(nid, path[i + 1]).keys()))
        out.append((doc.nodes[nid].name, rel))
    return out


def neighbors(doc: GraphDoc, name: str, depth: int = 1) -> list[tuple[int, str, str]]:
    """Nodes within ``depth`` hops: (distance, label, name), nearest first."""
    start = find_node(doc, name)
    dist = nx.single_source_shortest_path_length(relation_graph(doc), start, cutoff=depth)
    return sorted((d, doc.nodes[n].label, doc.nodes[n].name) for n, d in dist.items() if n != start)


def central(doc: GraphDoc, top: int = 10, labels: Iterable[str] = ("Person", "State", "Organization")
            ) -> list[tuple[str, str, int, float]]:
    """The most central actors: (name, label, degree, betweenness), by degree then betweenness."""
    graph = nx.Graph(relation_graph(doc, skip_labels=("Article", "Statement", "Event")))
    keep = set(labels)
    k = min(len(graph), 500) if len(graph) > 2000 else None
    between = nx.betweenness_centrality(graph, k=k, seed=7) if len(graph) else {}
    rows = [(doc.nodes[n].name, doc.nodes[n].label, graph.degree(n), round(between.get(n, 0.0), 4))
            for n in graph if doc.nodes[n].label in keep]
    rows.sort(key=lambda r: (-r[2], -r[3], r[0]))
    return rows[:top]
