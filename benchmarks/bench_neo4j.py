"""Neo4j on the real server: graphkit's loader against one MERGE per call, against its peers
(LangChain, neo4j-graphrag, a plain driver loop) on the same extracted corpus, reloads, and the
bulk importer against the online loader.

Needs the server ``make bench`` starts (its own home, with APOC for the peers; or NEO4J_URI,
user neo4j, password NEO4J_PASSWORD or graphkit-local). Without one every figure is recorded as
"skipped: no server", also under CI=true: the benchmarks are not part of CI. The bulk figures
stop and start that server, so they need BENCH_NEO4J_HOME and BENCH_NEO4J_PORT (``make bench``
sets them). The database is cleared between runs and at the end. BENCH_NEO4J_PARTS=bulk runs the
main online load and the bulk import only.
"""

from __future__ import annotations

import importlib.metadata
import os
import subprocess
import sys
from collections.abc import Callable
from typing import Any

import corpus
import peers
import synthetic
from common import OUT, ROOT, Metric, Scale, skipped, timed

from graphkit.errors import GraphkitError, StoreError
from graphkit.ingest import Extractor
from graphkit.ingest.reader import iter_article_paths
from graphkit.load import BATCH_ROWS, CHECK_GROUP, LoadReport, load_paths, read_articles
from graphkit.model import GraphDoc
from graphkit.store.neo4j import DEFAULT_BATCH, DEFAULT_WRITERS, Neo4jStore, chunk_statements
from graphkit.store.neo4j_bulk import BulkTarget, merge_articles

URI = os.environ.get("NEO4J_URI", "bolt://127.0.0.1:7687")
PASSWORD = os.environ.get("NEO4J_PASSWORD", "graphkit-local")
GOALS = [("neo4j_vs_naive", "x", ">= 50"), ("neo4j_rels_per_s", "rels/s", ">= 20000"),
         ("neo4j_reload_rels_per_s", "rels/s", ""), ("neo4j_best_batch_size", "rows", ""),
         ("neo4j_corpus_vs_langchain", "x", "<= 0.5"), ("neo4j_reload_speedup", "x", ">= 10"),
         ("neo4j_one_call_vs_best_peer", "x", "< 1"), ("neo4j_bulk_speedup", "x", ">= 3")]


def connect(batch_size: int = DEFAULT_BATCH, writers: int = DEFAULT_WRITERS, *, chunked: bool = False) -> Neo4jStore:
    """A store on the benchmark server; ``chunked``: write even a small doc in ``batch_size`` chunks
    (else a doc of up to SINGLE_TX_ROWS rows is one transaction, and batch size would not matter)."""
    return Neo4jStore(URI, password=PASSWORD, batch_size=batch_size,
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
    if os.environ.get("BENCH_NEO4J_PARTS") == "bulk":  # the online load and the bulk import alone
        doc = synthetic.generate(scale.neo4j_rels * 33 // 100, scale.neo4j_rels)
        store.clear()
        load_s, _ = timed(lambda: store.upsert(doc))
        return [*metrics, Metric("neo4j_rels_per_s", round(len(doc.relationships) / load_s), "rels/s", ">= 20000",
                                 f"{len(doc.relationships):,} relationships in {load_s:.1f} s"),
                *bulk_metrics(scale, store, doc, load_s)]

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
    folder, docs = corpus_docs(scale.neo4j_corpus_articles)
    metrics += corpus_metrics(store, docs)
    metrics += reload_metrics(store, folder, len(docs))
    metrics += one_call_metrics(store, sweep)
    metrics += bulk_metrics(scale, store, doc, load_s)
    return metrics


def corpus_docs(n: int) -> tuple[Any, list[GraphDoc]]:
    """``n`` benchmark articles as files (for reloads) and their extracted GraphDocs, in order."""
    folder = OUT / f"neo4j-corpus-{n}"
    if len(list(folder.glob("*.txt"))) != n:
        corpus.write(n, folder)
    report = LoadReport()
    files = list(iter_article_paths([folder]))
    return folder, [doc for _, doc in Extractor().extract_many(read_articles(files, report))]


def graphkit_corpus(store: Neo4jStore, docs: list[GraphDoc]) -> None:
    """What ``graphkit load`` does with extracted articles: stored hashes read per group of
    articles, then batches of up to BATCH_ROWS rows, one transaction each."""
    batch: list[GraphDoc] = []
    rows = 0
    for i in range(0, len(docs), CHECK_GROUP):
        group = docs[i:i + CHECK_GROUP]
        store.article_hashes([d.articles()[0].id for d in group])
        for d in group:
            batch.append(d)
            rows += len(d.nodes) + len(d.relationships)
            if rows >= BATCH_ROWS:
                store.upsert_many(batch)
                batch, rows = [], 0
    if batch:
        store.upsert_many(batch)


def corpus_metrics(store: Neo4jStore, docs: list[GraphDoc]) -> list[Metric]:
    """The same extracted corpus through graphkit and its peers, each into an emptied database,
    in turn, best of 3; what each left is checked against the library's merge of the corpus."""
    expected = merge_articles(docs)
    top = max(expected.nodes.values(), key=lambda n: len(n.properties.get("articles", [])))
    hub = top.name
    want = {"nodes": len(expected.nodes), "rels": len(expected.relationships), "hub_nodes": 1,
            "hub_articles": len(top.properties["articles"])}
    loaders: dict[str, Callable[[list[GraphDoc]], None]] = {
        "graphkit": lambda d: graphkit_corpus(store, d),
        "graphkit_per_article": lambda d: [store.upsert(x) for x in d],
    }
    errors: dict[str, str] = {}
    for name, make_peer in (("langchain", lambda: peers.langchain(store, PASSWORD)),
                            ("graphrag", lambda: peers.graphrag(store)), ("plain", lambda: peers.plain(store))):
        try:
            loaders[name] = make_peer()
        except Exception as e:  # a peer not installed: recorded, the others still run
            errors[name] = f"{type(e).__name__}: {str(e).splitlines()[0][:120]}"
    best = dict.fromkeys(loaders, float("inf"))
    left: dict[str, dict[str, Any]] = {}
    for _ in range(3):
        for name, load in list(loaders.items()):
            store.clear()
            try:
                best[name] = min(best[name], timed(lambda f=load: f(docs))[0])
            except Exception as e:
                errors[name] = f"{type(e).__name__}: {str(e).splitlines()[0][:120]}"
                del loaders[name]
                continue
            left[name] = peers.held(store, hub)
            if name == "graphkit" and store.export().to_json() != expected.to_json():
                errors["graphkit"] = "NOT the library's merge of the corpus"
    store.clear()
    rels = len(expected.relationships)

    def said(name: str) -> str:
        if name in errors:
            return f"{name}: {errors[name]}"
        h = left[name]
        return (f"{name} {best[name]:.2f} s ({h['nodes']:,} nodes, {h['rels']:,} relationships, "
                f"{hub} x{h['hub_nodes']} listing {h['hub_articles']} articles)")

    note = (f"{len(docs)} extracted articles, {rels:,} relationships; expected {want['nodes']:,} nodes, "
            f"{want['rels']:,} relationships, {hub} once listing {want['hub_articles']} articles; best of 3, "
            "in turn, each into an emptied database: " + "; ".join(said(n) for n in [*loaders, *errors]
                                                                  if n in left or n in errors))
    out = [Metric("neo4j_corpus_s", round(best["graphkit"], 2), "s", note=note)]
    if "graphkit" in errors:
        out.append(Metric("neo4j_corpus_semantics", "error: " + errors["graphkit"], status="FAIL"))
    for name, metric, goal in (("langchain", "neo4j_corpus_vs_langchain", "<= 0.5"),
                               ("graphrag", "neo4j_corpus_vs_graphrag", ""), ("plain", "neo4j_corpus_vs_plain", ""),
                               ("graphkit_per_article", "neo4j_corpus_batched_vs_per_article", "")):
        if name in best and best[name] < float("inf"):
            out.append(Metric(metric, round(best["graphkit"] / best[name], 3), "x", goal,
                              f"graphkit's batched load / {name}, same corpus, same run"))
        else:
            out.append(Metric(metric, f"skipped: {errors.get(name, 'not run')}", "x", goal))
    return out


def reload_metrics(store: Neo4jStore, folder: Any, n: int) -> list[Metric]:
    """``graphkit load`` of the corpus folder into an emptied database, then again (nothing
    changed: every article is found by its content_hash and skipped), in turn, best of 2."""
    extractor = Extractor()
    extractor.nlp  # noqa: B018 - load spaCy before timing
    best = {"first": float("inf"), "reload": float("inf")}
    reports = {}
    for _ in range(2):
        store.clear()
        before = store.transactions
        first_s, reports["first"] = timed(lambda: load_paths([folder], store, extractor))
        transactions = store.transactions - before
        reload_s, reports["reload"] = timed(lambda: load_paths([folder], store, extractor))
        best["first"], best["reload"] = min(best["first"], first_s), min(best["reload"], reload_s)
        written = store.transactions - before - transactions
    store.clear()
    ok = len(reports["reload"].unchanged) == n and not reports["reload"].loaded and written == 0
    return [Metric("neo4j_reload_speedup", round(best["first"] / best["reload"], 1), "x", ">= 10",
                   f"graphkit load of {n} article files (extraction included) {best['first']:.2f} s in "
                   f"{transactions} transactions; the same folder again {best['reload']:.2f} s, "
                   f"{len(reports['reload'].unchanged)} unchanged, {written} write transactions"
                   + ("" if ok else " - NOT SKIPPED"), status="" if ok else "FAIL")]


def one_call_metrics(store: Neo4jStore, doc: GraphDoc) -> list[Metric]:
    """One big GraphDoc in one call through graphkit and through each peer, in turn, best of 2."""
    loaders: dict[str, Callable[[], None]] = {"graphkit": lambda: store.upsert(doc)}
    try:
        lc, gr = peers.langchain(store, PASSWORD), peers.graphrag(store)
        loaders |= {"langchain": lambda: lc([doc]), "graphrag": lambda: gr([doc])}
    except Exception as e:
        return [Metric("neo4j_one_call_vs_best_peer", f"skipped: {type(e).__name__}: {e}"[:200], "x", "< 1")]
    best = dict.fromkeys(loaders, float("inf"))
    for _ in range(2):
        for name, load in loaders.items():
            store.clear()
            best[name] = min(best[name], timed(load)[0])
    store.clear()
    peer = min((n for n in best if n != "graphkit"), key=lambda n: best[n])
    return [Metric("neo4j_one_call_vs_best_peer", round(best["graphkit"] / best[peer], 3), "x", "< 1",
                   f"one GraphDoc of {len(doc.relationships):,} relationships in one call: "
                   + ", ".join(f"{n} {t:.2f} s" for n, t in best.items()) + "; best of 2, in turn")]


def _server(target: str, home: str, port: str) -> float:
    seconds, proc = timed(lambda: subprocess.run(
        ["make", "-s", "--no-print-directory", target, f"NEO4J_HOME_DIR={home}", f"NEO4J_PORT={port}",
         "NEO4J_UNRESTRICTED=apoc.*"], cwd=ROOT, capture_output=True, text=True))
    if proc.returncode != 0:
        raise StoreError(f"make {target}: {(proc.stderr or proc.stdout).strip()[-300:]}")
    return seconds


def bulk_metrics(scale: Scale, store: Neo4jStore, doc: GraphDoc, online_s: float) -> list[Metric]:
    """The main GraphDoc through neo4j-admin's importer (CSV files written while the JVM starts and
    checks the database, import, constraints and indexes) into the emptied database of the stopped
    bench server, against the online load."""
    home, port = os.environ.get("BENCH_NEO4J_HOME"), os.environ.get("BENCH_NEO4J_PORT")
    goal = ">= 3" if scale.name == "full" else ""
    if not home or not port:
        return [Metric("neo4j_bulk_speedup", "skipped: no BENCH_NEO4J_HOME/BENCH_NEO4J_PORT (make bench sets them)",
                       "x", goal)]
    store.clear()
    store.close()
    _server("neo4j-down", home, port)
    target = BulkTarget(home, lib=os.environ.get("NEO4J_LIB", str(ROOT / ".neo4j" / "lib")), uri=URI)
    try:
        bulk_s, summary = timed(lambda: target.load(doc))
    except GraphkitError as e:
        _server("neo4j-up", home, port)
        return [Metric("neo4j_bulk_speedup", f"error: {e}"[:300], "x", goal, status="ERROR")]
    start_s = _server("neo4j-up", home, port)
    held = peers.held(store, next(iter(doc.nodes.values())).name)
    store.clear()
    ok = held["nodes"] == len(doc.nodes) and held["rels"] == len(doc.relationships)
    return [Metric("neo4j_bulk_speedup", round(online_s / bulk_s, 2), "x", goal,
                   f"{len(doc.relationships):,} relationships, {len(doc.nodes):,} nodes into an empty database: "
                   f"online {online_s:.1f} s, bulk {bulk_s:.1f} s ({target.timings}), server start after it "
                   f"{start_s:.1f} s; imported "
                   f"{summary}" + ("" if ok else " - COUNTS DIFFER"), status="" if ok else "FAIL")]


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
