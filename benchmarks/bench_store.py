"""The embedded store: bulk load against the in-memory merge, and what users wait for at scale.

On the synthetic graph (``nx_rels`` relationships, a third as many nodes):

* the bulk load into an empty store, against building the same graph in
  memory with ``merge_into`` (what the NetworkX store of earlier versions did
  on every load), run in turn in the same minutes;
* ``graphkit query`` of an anchored one-hop pattern, as a user runs it: a new
  process each time, wall time and peak memory included process start;
* ``graphkit load`` of one more article into that store (a copy of it),
  spaCy's start included;
* two global aggregations (co-mentioned pairs, top-10 degree) on the store and
  on Neo4j holding the same graph, when a server is reachable.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

import synthetic
from common import OUT, ROOT, Metric, Scale, interleaved, timed

from graphkit.ingest import Extractor, read_article
from graphkit.model import GraphDoc
from graphkit.store import EmbeddedStore
from graphkit.store.networkx import to_networkx

QUERY = "MATCH (a)-[r]->(b) WHERE a.name = $name RETURN b.name, type(r)"
SEED = ROOT / "seeds" / "000_c2068ff2b0e694ef.txt"
AGGREGATIONS = {
    "co_mentioned": "MATCH (a:Person)-[:MENTIONED_IN]->(art:Article)<-[:MENTIONED_IN]-(b:Person) "
                    "WHERE a.name < b.name RETURN a.name AS a, b.name AS b, count(art) AS articles "
                    "ORDER BY articles DESC, a, b LIMIT 10",
    "top_degree": "MATCH (a)-[r]-() WHERE type(r) <> 'MENTIONED_IN' RETURN a.name AS actor, count(r) AS degree "
                  "ORDER BY degree DESC, actor LIMIT 10",
}


def query_names(doc: GraphDoc, count: int = 15) -> list[str]:
    """Person names from the head (hubs) to the tail of the degree distribution."""
    people = [n.name for n in doc.by_label("Person")]
    step = max(1, len(people) // count)
    return people[::step][:count]


def _remove(path: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(str(path) + suffix).unlink(missing_ok=True)


def bulk_load(doc: GraphDoc, path: Path) -> None:
    _remove(path)
    store = EmbeddedStore(path)
    store.upsert(doc)
    store.close()


#: Runs ``graphkit`` and reports its peak memory (VmHWM: what the process itself touched after exec;
#: ru_maxrss of a child forked from this big process would count the parent's pages).
_RUN = """
import atexit, runpy, sys
def report():
    for line in open('/proc/self/status'):
        if line.startswith('VmHWM'):
            sys.stderr.write('\\nvmhwm ' + line.split()[1] + '\\n')
atexit.register(report)
sys.argv = ['graphkit'] + sys.argv[1:]
runpy.run_module('graphkit.cli', run_name='__main__')
"""


def cli(*args: str) -> tuple[float, float, str]:
    """Wall seconds, peak RSS (MB) and output of one ``graphkit`` process, process start included."""
    start = time.perf_counter()
    proc = subprocess.run([sys.executable, "-c", _RUN, *args], cwd=ROOT, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if proc.returncode:
        raise RuntimeError(f"graphkit {' '.join(args[:2])} failed: {proc.stderr.strip()[-300:]}")
    kb = [int(line.split()[1]) for line in proc.stderr.splitlines() if line.startswith("vmhwm ")]
    return seconds, kb[-1] / 1024, proc.stdout


def _open_and_upsert(path: Path, doc: GraphDoc) -> None:
    store = EmbeddedStore(path)
    store.upsert(doc)
    store.close()


def neo4j_times(doc: GraphDoc) -> dict[str, float] | str:
    """Best of two runs of each aggregation on Neo4j holding ``doc``, or why not measured."""
    from graphkit.errors import StoreError
    from graphkit.store.neo4j import Neo4jStore

    store = Neo4jStore(os.environ.get("NEO4J_URI", "bolt://127.0.0.1:7687"),
                       password=os.environ.get("NEO4J_PASSWORD", "graphkit-local"))
    try:
        store.ensure_schema()
    except StoreError as e:
        return f"skipped: no server ({str(e)[:80]})"
    try:
        store.clear()
        store.upsert(doc)
        out = {}
        for name, cypher in AGGREGATIONS.items():
            out[name] = min(timed(lambda c=cypher: store.query(c))[0] for _ in range(2))
        store.clear()
        return out
    finally:
        store.close()


def run(scale: Scale) -> list[Metric]:
    m = scale.nx_rels
    doc = synthetic.generate(m * 33 // 100, m)
    folder = OUT / "embedded"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "graph.db"
    reps = 1 if m >= 500_000 else 2
    best = interleaved({"memory": lambda: to_networkx(doc), "embedded": lambda: bulk_load(doc, path)}, reps)
    size_mb = path.stat().st_size / 1e6

    names = query_names(doc, 9)
    store = EmbeddedStore(path, read_only=True)
    first_s, _ = timed(lambda: store.query(QUERY, {"name": names[0]}))
    inproc = []
    for name in names:
        inproc.append(timed(lambda n=name: store.query(QUERY, {"name": n}))[0])
    runs = [cli("query", QUERY, "--param", f"name={name}", "--store", str(path), "--format", "json")
            for name in names]
    walls, rss = [r[0] for r in runs], [r[1] for r in runs]
    rows = sum(len(r[2].splitlines()) for r in runs)
    stats_s, stats_rss, _ = cli("stats", "--store", str(path))

    loaded = folder / "load.db"
    _remove(loaded)
    shutil.copyfile(path, loaded)
    load_s, load_rss, _ = cli("load", str(SEED), "--store", str(loaded))
    load_again_s, _, _ = cli("load", str(SEED), "--store", str(loaded))
    extract_s = min(cli("extract", str(SEED))[0] for _ in range(2))
    _remove(loaded)
    shutil.copyfile(path, loaded)
    seed = Extractor().extract(read_article(SEED))
    merge_s, _ = timed(lambda: _open_and_upsert(loaded, seed))
    _remove(loaded)

    mine = {name: min(timed(lambda c=cypher: store.query(c))[0] for _ in range(2))
            for name, cypher in AGGREGATIONS.items()}
    nx_s, graph = timed(store.to_networkx)
    del graph
    store.close()
    neo = neo4j_times(doc)

    metrics = [
        Metric("embedded_load_vs_memory", round(best["embedded"] / best["memory"], 3), "x", "<= 2.0",
               f"bulk load into an empty store ({best['embedded']:.1f} s) / the same graph merged in memory "
               f"(merge_into, {best['memory']:.1f} s), {m:,} relationships, {len(doc.nodes):,} nodes"),
        Metric("embedded_load_rels_per_s", round(m / best["embedded"]), "rels/s",
               note=f"in memory: {m / best['memory']:,.0f} rels/s"),
        Metric("embedded_file_mb", round(size_mb, 1), "MB", note=f"{size_mb * 1e6 / m:.0f} bytes per relationship"),
        Metric("embedded_query_cli_s", round(statistics.median(walls), 3), "s", "< 1.0",
               f"`graphkit query` of an anchored one-hop pattern, new process each (start included), "
               f"median of {len(walls)} people hub to tail, max {max(walls):.2f} s, {rows / len(runs):.0f} "
               "output lines on average"),
        Metric("embedded_query_peak_mb", round(max(rss), 1), "MB", "< 500", "peak RSS of those processes"),
        Metric("embedded_anchored_query_ms", round(statistics.median(inproc) * 1000, 2), "ms",
               note=f"the same queries in one process, max {max(inproc) * 1000:.1f} ms; first {first_s * 1000:.0f} ms"),
        Metric("embedded_stats_cli_s", round(stats_s, 2), "s", note=f"`graphkit stats`, peak {stats_rss:.0f} MB"),
        Metric("embedded_load_one_cli_s", round(load_s, 2), "s", "< 2.0",
               f"`graphkit load` of the seed article into a copy of the store (spaCy start included), "
               f"peak {load_rss:.0f} MB; again (nothing new): {load_again_s:.2f} s"),
        Metric("embedded_load_one_store_ms", round(merge_s * 1000, 1), "ms",
               note="the store's share of that load: open the copy and upsert the extracted article, in one "
               f"process; `graphkit extract` of the same article took {extract_s:.2f} s (best of 2)"),
        Metric("embedded_to_networkx_s", round(nx_s, 2), "s", note="the whole store as a networkx.MultiDiGraph"),
    ]
    for name, seconds in mine.items():
        if isinstance(neo, str):
            metrics.append(Metric(f"embedded_{name}_vs_neo4j", neo, "x", "<= 10"))
        else:
            metrics.append(Metric(f"embedded_{name}_vs_neo4j", round(seconds / neo[name], 2), "x", "<= 10",
                                  f"{seconds:.2f} s here, {neo[name]:.2f} s on Neo4j, best of 2 each"))
    return metrics
