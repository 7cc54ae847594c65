"""Neo4j on the real server: graphkit's batched UNWIND MERGE loader against one MERGE per call.

Needs the server of ``make neo4j-up`` (bolt://127.0.0.1:7687 or NEO4J_URI, user neo4j,
password NEO4J_PASSWORD or graphkit-local). Without one every figure is recorded as
"skipped: no server", also under CI=true: the benchmarks are not part of CI.
The database is cleared between runs and at the end.
"""

from __future__ import annotations

import importlib.metadata
import os
import subprocess
import sys
from collections.abc import Callable
from typing import Any

import synthetic
from common import Metric, Scale, skipped, timed

from graphkit.errors import StoreError
from graphkit.model import GraphDoc
from graphkit.store.neo4j import DEFAULT_BATCH, DEFAULT_WRITERS, Neo4jStore, chunk_statements

URI = os.environ.get("NEO4J_URI", "bolt://127.0.0.1:7687")
GOALS = [("neo4j_vs_naive", "x", ">= 50"), ("neo4j_rels_per_s", "rels/s", ">= 20000"),
         ("neo4j_reload_rels_per_s", "rels/s", ""), ("neo4j_best_batch_size", "rows", "")]


def connect(batch_size: int = DEFAULT_BATCH, writers: int = DEFAULT_WRITERS, *, chunked: bool = False) -> Neo4jStore:
    """A store on the benchmark server; ``chunked``: write even a small doc in ``batch_size`` chunks
    (else a doc of up to SINGLE_TX_ROWS rows is one transaction, and batch size would not matter)."""
    return Neo4jStore(URI, password=os.environ.get("NEO4J_PASSWORD", "graphkit-local"), batch_size=batch_size,
                      writers=writers, **({"single_tx_rows": 0} if chunked else {}))


def naive_load(store: Neo4jStore, doc: GraphDoc) -> None:
    """What a first loader looks like: one MERGE per node and per relationship, one driver call each."""
    driver, db = store.driver, store.database
    labels = {n.id: n.label for n in doc.nodes.values()}
    for node in doc.nodes.values():
        driver.execute_query(f"MERGE (n:{node.label} {{id: $id}}) SET n += $props",
                             id=node.id, props=node.properties, database_=db)
    for rel in doc.relationships.values():
        props = dict(rel.properties)
        driver.execute_query(
            f"MATCH (a:{labels[rel.start]} {{id: $start}}) MATCH (b:{labels[rel.end]} {{id: $end}}) "
            f"MERGE (a)-[r:{rel.type} {{article: $article}}]->(b) SET r += $props",
            start=rel.start, end=rel.end, article=props.get("article", ""), props=props, database_=db)


def server_ceiling(store: Neo4jStore, doc: GraphDoc) -> tuple[float, float]:
    """Rows/s of the server itself on the simplest loads of the doc's biggest label: MERGE on the
    unique id with no properties, and plain CREATE. graphkit's loader cannot beat the first."""
    label = max({n.label for n in doc.nodes.values()}, key=lambda lb: sum(1 for _ in doc.by_label(lb)))
    rows = [{"id": n.id} for n in doc.by_label(label)][:10_000]
    rates = []
    queries = (f"UNWIND $rows AS row MERGE (n:{label} {{id: row.id}})",
               "UNWIND $rows AS row CREATE (n:Bench {id: row.id})")
    for query in queries:
        store.clear()
        seconds, _ = timed(lambda q=query: store.driver.execute_query(q, rows=rows, database_=store.database))
        rates.append(len(rows) / seconds)
    store.clear()
    return rates[0], rates[1]


def count_rels(store: Neo4jStore) -> int:
    return int(store.query("MATCH ()-[r]->() RETURN count(r) AS n").rows[0]["n"])


def rust_ext() -> str:
    try:
        return importlib.metadata.version("neo4j-rust-ext")
    except importlib.metadata.PackageNotFoundError:
        return ""


def run(scale: Scale) -> list[Metric]:
    store = connect()
    try:
        info: dict[str, Any] = store.server_info()
    except StoreError as e:
        return [*skipped(GOALS, "no server"), Metric("neo4j_server", "skipped: no server", note=str(e))]
    try:
        return _run(scale, store, info)
    finally:
        store.clear()
        store.close()


def _run(scale: Scale, store: Neo4jStore, info: dict[str, Any]) -> list[Metric]:
    store.ensure_schema()
    metrics = [Metric("neo4j_server", f"{info.get('name')} {info.get('version')} {info.get('edition')}",
                      note=URI)]

    # graphkit's loader against one MERGE per call, on the same sample, nodes included in both;
    # two rounds, best of each: the first round also warms the server (JIT, query plans).
    sample = synthetic.generate(scale.neo4j_naive_rels * 33 // 100, scale.neo4j_naive_rels, seed=5)
    rows = len(sample.nodes) + len(sample.relationships)
    loaders: dict[str, Callable[[GraphDoc], None]] = {"graphkit": store.upsert, "naive": lambda d: naive_load(store, d)}
    best = dict.fromkeys(loaders, float("inf"))
    for _ in range(2):
        for name, load in loaders.items():
            store.clear()
            best[name] = min(best[name], timed(lambda f=load: f(sample))[0])
    metrics.append(Metric("neo4j_vs_naive", round(best["naive"] / best["graphkit"], 1), "x", ">= 50",
                          f"{rows:,} rows ({len(sample.relationships):,} relationships): naive "
                          f"{rows / best['naive']:,.0f} rows/s, graphkit {rows / best['graphkit']:,.0f} rows/s "
                          f"in {len(store.plan(sample))} transaction(s); best of 2 rounds"))

    # The main load, then the same load again (idempotent: nothing may change).
    doc = synthetic.generate(scale.neo4j_rels * 33 // 100, scale.neo4j_rels)
    store.clear()
    load_s, _ = timed(lambda: store.upsert(doc))
    before = count_rels(store)
    reload_s, _ = timed(lambda: store.upsert(doc))
    after = count_rels(store)
    m = len(doc.relationships)
    metrics += [
        Metric("neo4j_rels_per_s", round(m / load_s), "rels/s", ">= 20000",
               f"Neo4jStore.upsert of {m:,} relationships and {len(doc.nodes):,} nodes into an empty "
               f"database in {load_s:.1f} s (node time included; {len(store.plan(doc))} transactions, "
               f"{store.writers} writers)"),
        Metric("neo4j_reload_rels_per_s", round(m / reload_s), "rels/s",
               note=f"the same GraphDoc again: {reload_s:.1f} s; relationships before {before:,}, after "
               f"{after:,}" + ("" if before == after == m else " - NOT IDEMPOTENT")),
    ]

    merge_rate, create_rate = server_ceiling(store, doc)
    metrics += [
        Metric("neo4j_server_merge_rows_per_s", round(merge_rate), "rows/s",
               note="same-run baseline: UNWIND MERGE of bare nodes on the unique id, the server's ceiling for "
               "any idempotent load"),
        Metric("neo4j_vs_server_merge", round((len(doc.nodes) + m) / load_s / merge_rate, 3), "x",
               note="graphkit's rows/s on the main load (nodes + relationships) / that ceiling"),
        Metric("neo4j_server_create_rows_per_s", round(create_rate), "rows/s",
               note="same-run baseline: UNWIND CREATE of bare nodes (what a load into an empty database could use)"),
    ]

    # Planning: what the server spends on each distinct query text before it runs it (forced replan).
    texts = {query.removeprefix("CYPHER replan=skip "): rows[:1] for chunk in store.plan(doc)
             for stored in (set(), set(chunk.node_ids)) for query, rows in chunk_statements(chunk, stored)}
    planning_s = sum(timed(lambda q=q, r=r: store.driver.execute_query(
        "CYPHER replan=force EXPLAIN " + q, rows=r, database_=store.database))[0] for q, r in texts.items())
    metrics.append(Metric("neo4j_planning_s", round(planning_s, 2), "s",
                          note=f"planning the main load's {len(texts)} query texts once (CYPHER replan=force "
                          f"EXPLAIN), {planning_s / len(texts) * 1000:.0f} ms each; first load {load_s:.1f} s"))

    # Batch-size sweep on a smaller graph, each size on an empty database, sizes run forth and back
    # (best of two): the server replans after a clear, which would otherwise favour whichever runs last.
    sweep = synthetic.generate(scale.neo4j_sweep_rels * 33 // 100, scale.neo4j_sweep_rels, seed=3)
    rates = dict.fromkeys(scale.batch_sizes, 0.0)
    for size in [*scale.batch_sizes, *reversed(scale.batch_sizes)]:
        store.clear()
        sized = connect(size, chunked=True)
        try:
            sized.ensure_schema()
            seconds, _ = timed(lambda s=sized: s.upsert(sweep))
        finally:
            sized.close()
        rates[size] = max(rates[size], len(sweep.relationships) / seconds)
    best_size = max(rates, key=lambda k: rates[k])
    metrics.append(Metric("neo4j_best_batch_size", best_size, "rows",
                          note="rels/s by batch size: " + ", ".join(f"{k}: {v:,.0f}" for k, v in rates.items())
                          + f" ({len(sweep.relationships):,} relationships; default {DEFAULT_BATCH})"))

    # One writer against the default number, on the sweep's graph, forth and back, best of two.
    by_writers = {1: float("inf"), DEFAULT_WRITERS: float("inf")}
    for count in [*by_writers, *reversed(by_writers)]:
        store.clear()
        counted = connect(writers=count, chunked=True)
        try:
            counted.ensure_schema()
            by_writers[count] = min(by_writers[count], timed(lambda s=counted: s.upsert(sweep))[0])
        finally:
            counted.close()
    metrics.append(Metric("neo4j_writers_speedup", round(by_writers[1] / by_writers[DEFAULT_WRITERS], 2), "x",
                          note=f"{DEFAULT_WRITERS} writer sessions (the default) over 1, "
                          f"{len(sweep.relationships):,} relationships: {by_writers[1]:.1f} s / "
                          f"{by_writers[DEFAULT_WRITERS]:.1f} s, best of 2 each"))
    metrics += rust_ext_metrics(scale, store)
    return metrics


def rust_ext_metrics(scale: Scale, store: Neo4jStore) -> list[Metric]:
    """The driver with and without neo4j-rust-ext (graphkit depends on it), loads in turn.

    Each load runs in a fresh process, the extension blocked in one of them: the driver
    picks its packstream codec once, at import.
    """
    version = rust_ext()
    if not version:
        return [Metric("neo4j_rust_ext", "not installed", note="pip install neo4j-rust-ext, then run again")]
    rels = min(scale.neo4j_rels, 100_000)
    best = {"with": float("inf"), "without": float("inf")}
    for _ in range(2):
        for side in best:
            store.clear()
            proc = subprocess.run([sys.executable, __file__, "--load-once", str(rels),
                                   *(["--no-rust"] if side == "without" else [])],
                                  capture_output=True, text=True, check=True)
            best[side] = min(best[side], float(proc.stdout.split()[-1]))
    return [Metric("neo4j_rust_ext_speedup", round(best["without"] / best["with"], 2), "x",
                   note=f"neo4j-rust-ext {version}: Neo4jStore.upsert of {rels:,} relationships "
                   f"into an empty database without it / with it ({best['without']:.1f} s / {best['with']:.1f} s), "
                   "best of 2 each")]


def _load_once(rels: int, rust: bool) -> None:
    """Child process of ``rust_ext_metrics``: one timed load, seconds printed last."""
    if not rust:
        sys.modules["neo4j._rust"] = None  # type: ignore[assignment]  # makes the driver's import fail
    import neo4j._codec.packstream.v1 as packstream

    assert (packstream._rust_pack is not None) == rust
    store = connect()
    try:
        doc = synthetic.generate(rels * 33 // 100, rels, seed=3)
        store.ensure_schema()
        print(f"{timed(lambda: store.upsert(doc))[0]:.4f}")
    finally:
        store.close()


if __name__ == "__main__":
    _load_once(int(sys.argv[sys.argv.index("--load-once") + 1]), "--no-rust" not in sys.argv)
