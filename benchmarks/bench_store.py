"""The embedded store: merge against plain networkx, save and reopen, and an anchored one-hop query."""

from __future__ import annotations

import gc
import json
import statistics
import time
from pathlib import Path

import networkx as nx
import synthetic
from common import OUT, Metric, Scale, interleaved, timed

from graphkit.model import GraphDoc
from graphkit.store.networkx import LABELS_ATTR, NetworkXStore, edge_key, merge_into

QUERY = "MATCH (a)-[r]->(b) WHERE a.name = $name RETURN b.name, type(r)"


def raw_networkx(doc: GraphDoc) -> nx.MultiDiGraph:
    """The baseline: the same nodes, edges, keys and attributes, added with networkx's bulk calls."""
    graph = nx.MultiDiGraph()
    graph.add_nodes_from((n.id, {LABELS_ATTR: {n.label}, "id": n.id, **n.properties}) for n in doc.nodes.values())
    graph.add_edges_from((r.start, r.end, edge_key(r.type, r.properties), {LABELS_ATTR: {r.type}, **r.properties})
                         for r in doc.relationships.values())
    return graph


def graphkit_merge(doc: GraphDoc) -> nx.MultiDiGraph:
    graph = nx.MultiDiGraph()
    merge_into(graph, doc)
    return graph


def query_names(doc: GraphDoc, count: int = 15) -> list[str]:
    """Person names from the head (hubs) to the tail of the degree distribution."""
    people = [n.name for n in doc.by_label("Person")]
    step = max(1, len(people) // count)
    return people[::step][:count]


def run(scale: Scale) -> list[Metric]:
    m = scale.nx_rels
    doc = synthetic.generate(m * 33 // 100, m)
    best = interleaved({"raw": lambda: raw_networkx(doc), "graphkit": lambda: graphkit_merge(doc)}, 2)

    path = OUT / "nx" / "graph.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.unlink(missing_ok=True)
    load_s, _ = timed(lambda: NetworkXStore(path).upsert(doc))
    size_mb = path.stat().st_size / 1e6
    store = NetworkXStore(path)
    reopen_s, _ = timed(lambda: store.graph)
    json_s, _ = timed(lambda: _json_load(path))

    names = query_names(doc)
    first_s, _ = timed(lambda: store.query(QUERY, {"name": names[0]}))
    times, rows = [], 0
    for name in names[1:]:
        start = time.perf_counter()
        rows += len(store.query(QUERY, {"name": name}))
        times.append(time.perf_counter() - start)
    setup_s, _ = timed(lambda: _engine(store.graph))
    return [
        Metric("nx_upsert_vs_raw", round(best["graphkit"] / best["raw"], 3), "x", "<= 2.0",
               f"merge_into / networkx add_nodes_from+add_edges_from, {m:,} relationships, "
               f"{len(doc.nodes):,} nodes"),
        Metric("nx_upsert_rels_per_s", round(m / best["graphkit"]), "rels/s",
               note=f"merge_into {best['graphkit']:.2f} s, raw networkx {best['raw']:.2f} s"),
        Metric("nx_load_and_save_s", round(load_s, 2), "s", note="NetworkXStore.upsert into an empty file: merge + "
               "Graph JSON save (compact, sorted, fsync)"),
        Metric("nx_file_mb", round(size_mb, 1), "MB", note=f"{size_mb * 1e6 / m:.0f} bytes per relationship"),
        Metric("nx_reopen_s", round(reopen_s, 2), "s", note="NetworkXStore(path).graph: read, parse, rebuild"),
        Metric("nx_reopen_vs_json_load", round(reopen_s / json_s, 2), "x",
               note=f"reopen / plain json.loads of the same file ({json_s:.2f} s)"),
        Metric("nx_anchored_query_ms", round(statistics.median(times) * 1000, 1), "ms", "< 50",
               f"median of {len(times)} one-hop queries from one named person (hub to tail), "
               f"max {max(times) * 1000:.0f} ms, {rows / len(times):.0f} rows on average"),
        Metric("nx_anchored_first_query_ms", round(first_s * 1000, 1), "ms", note="first query: builds the name index"),
        Metric("nx_query_engine_setup_ms", round(setup_s * 1000, 1), "ms",
               note="GrandCypher(whole graph) alone: O(nodes), what every query the store cannot anchor pays"),
    ]


def _engine(graph: nx.MultiDiGraph) -> object:
    from grandcypher import GrandCypher

    return GrandCypher(graph)


def _json_load(path: Path) -> object:
    """The reopen baseline: plain ``json.loads``, with the collector paused as the store pauses it."""
    gc.disable()
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    finally:
        gc.enable()
