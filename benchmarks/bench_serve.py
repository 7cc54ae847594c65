"""The explorer (``graphkit serve``) and the corpus map: what a user waits for.

* The map of a 300-article corpus (benchmarks/corpus.py, extracted by spaCy
  and loaded as ``graphkit load`` does, drawn as ``graphkit render`` draws the
  whole store) in headless Chromium: navigation to the first drawn frame
  (goal < 5 s; the 10,000-node map is the maps stage's).
* ``graphkit serve`` as users start it, over that store and over the synthetic
  store of ``nx_rels`` relationships (1,000,000 at full scale): seconds until
  it says it is ready, its memory, its start view loaded in Chromium, and what
  the server spends on each answer (its ``Server-Timing`` header: store,
  layout and JSON included, the network not) for a one-hop expand of nodes
  from the biggest hubs to the tail and of the biggest hub alone (goal < 200
  ms each), a node's panel, a search and a path. Next to the expands, the least any expand must read: the store
  counting those nodes' relationships, in this process.
* The same questions of ``graphkit serve --backend neo4j`` with Neo4j holding
  the synthetic graph, when a server is reachable (the stage empties its
  database, as the neo4j stage does).
"""

from __future__ import annotations

import contextlib
import json
import os
import socket
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from itertools import pairwise
from pathlib import Path
from typing import Any

import bench_maps
import corpus
import synthetic
from common import OUT, ROOT, Metric, Scale, skipped, timed

from graphkit.ingest import Extractor
from graphkit.load import load
from graphkit.model import GraphDoc
from graphkit.render import write_map
from graphkit.store import EmbeddedStore

CORPUS_ARTICLES = 300
COUNT = "MATCH (a {id: $id})-[r]-() WHERE a:Node RETURN count(r) AS n"
#: The biggest hub is expanded this many times (its median is the figure the goal is about).
HUB_REPEATS = 5


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """A ``graphkit serve`` process, started as a user starts it, asked over HTTP."""

    def __init__(self, *args: str, env: dict[str, str] | None = None) -> None:
        self.port = _free_port()
        start = time.perf_counter()
        self.proc = subprocess.Popen([sys.executable, "-m", "graphkit.cli", "serve", "--port", str(self.port), *args],
                                     stderr=subprocess.PIPE, text=True, cwd=ROOT, env={**os.environ, **(env or {})})
        line = self.proc.stderr.readline() if self.proc.stderr else ""
        self.ready_s = time.perf_counter() - start
        if "graphkit explorer on" not in line:
            self.proc.kill()
            raise RuntimeError(f"graphkit serve did not start: {line.strip() or self.proc.stderr.read()[-300:]}")
        self.url = f"http://127.0.0.1:{self.port}/"

    def get(self, path: str, **params: Any) -> tuple[float, Any]:
        """Milliseconds the server spent (Server-Timing) and the JSON answer."""
        query = ("?" + urllib.parse.urlencode(params, doseq=True)) if params else ""
        with urllib.request.urlopen(self.url.rstrip("/") + path + query, timeout=300) as r:
            timing = r.headers.get("Server-Timing", "")
            body = json.loads(r.read())
        return float(timing.split("dur=")[1]) if "dur=" in timing else float("nan"), body

    def query(self, cypher: str) -> list[dict[str, Any]]:
        req = urllib.request.Request(self.url + "api/query", data=json.dumps({"query": cypher}).encode(),
                                     headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(req, timeout=300) as r:
            return json.loads(r.read())["rows"]

    def memory_mb(self) -> tuple[float, float]:
        """Current and peak resident memory of the server process."""
        values = {}
        with open(f"/proc/{self.proc.pid}/status") as f:
            for line in f:
                if line.startswith(("VmRSS", "VmHWM")):
                    values[line.split(":")[0]] = int(line.split()[1]) / 1024
        return values.get("VmRSS", 0.0), values.get("VmHWM", 0.0)

    def close(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.proc.kill()


#: What the start view draws: lines handed to vis-network, the pairs they stand for, relationships in view.
DRAWN = """[graphkitNetwork.body.data.edges.length, graphkit.lines.on ? graphkit.lines.pairs.size : 0,
            graphkit.edgeById.size, graphkit.nodeById.size]"""


def first_view_s(chromium: Any, url: str, cap_s: float) -> tuple[float | None, list[int]]:
    """Seconds from navigation until the explorer's start view is loaded in the page (None: not by ``cap_s``),
    and what it draws (``DRAWN``)."""
    browser = chromium.launch(executable_path=str(bench_maps.CHROMIUM), args=bench_maps.CHROMIUM_ARGS)
    try:
        page = browser.new_page(viewport={"width": 1400, "height": 900})
        page.goto(url, wait_until="commit")
        try:
            page.wait_for_selector("body[data-map=ready]", state="attached", timeout=cap_s * 1000)
        except Exception as e:  # playwright's TimeoutError
            if type(e).__name__ != "TimeoutError":
                raise
            return None, []
        return page.evaluate("performance.now()") / 1000, page.evaluate(DRAWN)
    finally:
        browser.close()


def view_metric(pw: Any, server: Server, name: str, scale: Scale, note: str) -> Metric:
    """Seconds until the explorer of ``server`` shows its start view, as a metric."""
    view, drawn = first_view_s(pw.chromium, server.url, scale.draw_cap_s)
    if drawn:
        lines, pairs, rels, nodes = drawn
        note += (f"; draws {lines} lines for {rels:,} relationships between {nodes} nodes"
                 + (f" ({pairs} pairs, the strongest first)" if pairs else ""))
    return Metric(name, round(view, 2) if view is not None else f">{scale.draw_cap_s:.0f}", "s", note=note)


def corpus_store(folder: Path) -> Path:
    """The 300-article corpus, extracted and loaded into an embedded store (kept between runs)."""
    path = folder / f"corpus{CORPUS_ARTICLES}.db"
    articles = folder / f"corpus{CORPUS_ARTICLES}"
    if not path.exists() or len(list(articles.glob("*.txt"))) != CORPUS_ARTICLES:
        for suffix in ("", "-wal", "-shm"):
            Path(str(path) + suffix).unlink(missing_ok=True)
        corpus.write(CORPUS_ARTICLES, articles)
        with EmbeddedStore(path) as store:
            report = load([articles], store, Extractor(), workers=2)
        if report.failed:
            raise RuntimeError(f"corpus load failed: {report.failed[:3]}")
    return path


def synthetic_store(doc: GraphDoc, folder: Path) -> Path:
    """The synthetic graph in an embedded store: the nx stage's file when it holds this graph, else built."""
    for path in (OUT / "embedded" / "graph.db", folder / "synthetic.db"):
        if path.exists():
            with EmbeddedStore(path, read_only=True) as store:
                counts = store.stats()
            if sum(counts["relationships"].values()) == len(doc.relationships) \
                    and sum(counts["nodes"].values()) == len(doc.nodes):
                return path
    path = folder / "synthetic.db"
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(str(path) + suffix).unlink(missing_ok=True)
    with EmbeddedStore(path) as store:
        store.upsert(doc)
    return path


def probe_nodes(doc: GraphDoc) -> list[str]:
    """The three best-connected entities, then people and states from the head to the tail."""
    degree: dict[str, int] = {}
    for rel in doc.relationships.values():
        degree[rel.start] = degree.get(rel.start, 0) + 1
        degree[rel.end] = degree.get(rel.end, 0) + 1
    entities = [n.id for n in doc.nodes.values() if n.label in ("Person", "State", "Organization")]
    hubs = sorted(entities, key=lambda i: -degree.get(i, 0))[:3]
    people = [n.id for n in doc.by_label("Person")]
    states = [n.id for n in doc.by_label("State")]
    spread = people[:: max(1, len(people) // 12)][:12] + states[:: max(1, len(states) // 5)][:5]
    return list(dict.fromkeys(hubs + spread))


def ask(server: Server, nodes: list[str], people: list[str], tag: str,
        baseline: dict[str, float] | None) -> list[Metric]:
    """The explorer's questions of one server, as metrics named ``serve_<tag>_...``.

    The expands are timed once the server has read the names for search (the first search waits for
    them): until then a thread of its own reads them, on the same cores. The first expand, of the
    biggest hub the moment the server is ready, is a figure of its own; the same hub expanded once
    the names are read is the worst case users wait for (its neighbours are counted up to a cap and
    drawn a page at a time, so it costs about what a page costs)."""
    hub = "/api/expand/" + urllib.parse.quote(nodes[0], safe="")
    startup_ms, _ = server.get(hub)  # cold: the first queries planned, the names being read meanwhile
    first_search_ms, _ = server.get("/api/search", q="zz")
    hub_ms, hub_body = [], {}
    for _ in range(HUB_REPEATS):
        ms, hub_body = server.get(hub)
        hub_ms.append(ms)
    hub_total = f"{hub_body['total']:,}{'+' if hub_body.get('total_capped') else ''}"
    expands = []
    for nid in nodes:
        ms, body = server.get("/api/expand/" + urllib.parse.quote(nid, safe=""))
        expands.append((ms, nid, f"{body['total']:,}{'+' if body.get('total_capped') else ''}"))
    panel = [server.get("/api/node/" + urllib.parse.quote(nid, safe=""))[0] for nid in nodes[:8]]
    searches = [server.get("/api/search", q=nid.split("-")[-1][:5])[0] for nid in people[:8]]
    paths = []
    for a, b in pairwise(people):
        with contextlib.suppress(urllib.error.HTTPError):  # no path within the hops: not a timing
            paths.append(server.get("/api/path", a=a, b=b)[0])
    worst = max(expands)
    times = [ms for ms, _, _ in expands]
    note = (f"Server-Timing of /api/expand (100 neighbours, entities first), {len(times)} nodes from the three "
            f"biggest hubs to the tail; max {worst[0]:.0f} ms for {worst[1]} ({worst[2]} neighbours)")
    if baseline:
        base = [baseline[n] for _, n, _ in expands if n in baseline]
        note += f"; the store counting those nodes' relationships took median {statistics.median(base):.1f} ms"
    rss, peak = server.memory_mb()
    return [
        Metric(f"serve_{tag}_ready_s", round(server.ready_s, 2), "s",
               note="`graphkit serve` start to its 'explorer on' line (counts and articles read; names later)"),
        Metric(f"serve_{tag}_expand_ms", round(statistics.median(times), 1), "ms", "< 200", note),
        Metric(f"serve_{tag}_expand_hub_ms", round(statistics.median(hub_ms), 1), "ms", "< 200",
               note=f"/api/expand of the biggest hub, {nodes[0]} ({hub_total} neighbours, {hub_body['shown']} "
                    f"drawn), median of {len(hub_ms)}, max {max(hub_ms):.0f} ms"),
        Metric(f"serve_{tag}_expand_max_ms", round(worst[0], 1), "ms", note=f"{worst[1]}, {worst[2]} neighbours"),
        Metric(f"serve_{tag}_expand_at_start_ms", round(startup_ms, 1), "ms",
               note=f"the first request: {nodes[0]} expanded the moment the server is ready (cold, while it "
                    "reads the names for search)"),
        Metric(f"serve_{tag}_node_ms", round(statistics.median(panel), 1), "ms",
               note=f"/api/node (connections grouped by type, first 8 of each), median of {len(panel)}, "
                    f"max {max(panel):.0f} ms"),
        Metric(f"serve_{tag}_search_ms", round(statistics.median(searches), 1), "ms",
               note=f"/api/search of surnames' first 5 letters, median of {len(searches)}; the first search "
                    f"{first_search_ms:.0f} ms (it waits for the names, still being read after the first expand)"),
        Metric(f"serve_{tag}_path_ms", round(statistics.median(paths), 1) if paths else "skipped: no path", "ms",
               note=f"/api/path between people, median of {len(paths)}"),
        Metric(f"serve_{tag}_rss_mb", round(rss, 1), "MB", note=f"the server process after these, peak {peak:.0f} MB"),
    ]


def neo4j_server_env(doc: GraphDoc) -> tuple[dict[str, str] | None, str]:
    """Environment for ``serve --backend neo4j`` with Neo4j holding ``doc``, or why not."""
    from graphkit.errors import StoreError
    from graphkit.store.neo4j import Neo4jStore

    uri = os.environ.get("NEO4J_URI", "bolt://127.0.0.1:7687")
    password = os.environ.get("NEO4J_PASSWORD", "graphkit-local")
    store = Neo4jStore(uri, "neo4j", password, "neo4j")
    try:
        store.ensure_schema()
        store.clear()
        store.upsert(doc)
    except StoreError as e:
        return None, f"skipped: no server ({str(e)[:80]})"
    finally:
        store.close()
    return {"NEO4J_URI": uri, "NEO4J_PASSWORD": password}, ""


def run(scale: Scale) -> list[Metric]:
    folder = OUT / "serve"
    folder.mkdir(parents=True, exist_ok=True)
    metrics: list[Metric] = []
    pw, reason = bench_maps.playwright_or_reason()
    try:
        seconds, path = timed(lambda: corpus_store(folder))
        with EmbeddedStore(path, read_only=True) as store:
            whole = store.export()
        map_path = write_map(whole, folder / f"corpus{CORPUS_ARTICLES}.html", title="corpus")
        what = f"{CORPUS_ARTICLES} articles, {len(whole.nodes):,} nodes, {len(whole.relationships):,} relationships"
        if pw is None:
            metrics += skipped([(f"map_corpus{CORPUS_ARTICLES}_first_draw_s", "s", "< 5")], reason)
        else:
            _, drawn = bench_maps.first_draw(pw.chromium, map_path, scale.draw_cap_s)
            metrics.append(Metric(f"map_corpus{CORPUS_ARTICLES}_first_draw_s",
                                  round(drawn, 2) if drawn is not None else f">{scale.draw_cap_s:.0f}", "s", "< 5",
                                  f"the whole store's map ({what}), navigation to first drawn frame",
                                  status="" if drawn is not None else "FAIL"))
        server = Server("--store", str(path))
        try:
            if pw is not None:
                built = f"extracted and loaded in {seconds:.0f} s" if seconds > 1 else "the store of an earlier run"
                metrics.append(view_metric(pw, server, f"serve_corpus{CORPUS_ARTICLES}_first_view_s", scale,
                                           f"the explorer's actors view loaded ({what}; {built})"))
            hubs = [r["id"] for r in server.query(
                "MATCH (n:State)-[r]-() RETURN n.id AS id, count(r) AS d ORDER BY d DESC, id LIMIT 10")]
            ms = [server.get("/api/expand/" + urllib.parse.quote(h, safe=""))[0] for h in hubs]
            metrics.append(Metric(f"serve_corpus{CORPUS_ARTICLES}_expand_ms", round(statistics.median(ms), 1), "ms",
                                  note=f"the 10 best-connected states, max {max(ms):.0f} ms"))
        finally:
            server.close()

        m = scale.nx_rels
        doc = synthetic.generate(m * 33 // 100, m)
        nodes = probe_nodes(doc)
        people = [n for n in nodes if doc.nodes[n].label == "Person"]
        path = synthetic_store(doc, folder)
        with EmbeddedStore(path, read_only=True) as store:
            store.query(COUNT, {"id": nodes[0]})
            baseline = {n: timed(lambda n=n: store.query(COUNT, {"id": n}))[0] * 1000 for n in nodes}
        tag = f"{m // 1000}k" if m < 1_000_000 else f"{m // 1_000_000}m"
        server = Server("--store", str(path))
        try:
            if pw is not None:
                metrics.append(view_metric(pw, server, f"serve_{tag}_first_view_s", scale,
                                           f"the explorer's start view loaded, {m:,} relationships (embedded)"))
            metrics += ask(server, nodes, people, tag, baseline)
        finally:
            server.close()

        env, why = neo4j_server_env(doc)
        if env is None:
            metrics.append(Metric(f"serve_neo4j_{tag}_expand_ms", why, "ms", "< 200"))
        else:
            server = Server("--backend", "neo4j", env=env)
            try:
                metrics += ask(server, nodes, people, f"neo4j_{tag}", None)
            finally:
                server.close()
                from graphkit.store.neo4j import Neo4jStore

                with Neo4jStore(env["NEO4J_URI"], "neo4j", env["NEO4J_PASSWORD"], "neo4j") as store:
                    store.clear()
    finally:
        if pw is not None:
            pw.stop()
    return metrics
