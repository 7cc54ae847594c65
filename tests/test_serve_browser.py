"""The explorer in real Chromium against a real ``graphkit serve`` process (marker ``browser``).

A store is loaded from two real articles, one of them hostile (XSS payloads in
its quotes and title); the server runs as the CLI runs it. Screenshots go to
``out/explorer-*.png``.
"""

from __future__ import annotations

import contextlib
import json
import os
import socket
import subprocess
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from test_browser import DRAWN_PAIRS, LABEL_OVERLAPS, XSS_IMG, XSS_SCRIPT, wait_until
from test_serve import dense_doc, overview, pair_facts

from graphkit.ingest import read_article
from graphkit.store import open_store

pytestmark = pytest.mark.browser
ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "out"
LAVROV = ("Russian Foreign Minister Sergei Lavrov met North Korean leader Kim Jong Un in Pyongyang on Saturday.\n"
          "Lavrov warned the United States against forming a security partnership targeting North Korea.\n"
          "Japan criticized China over its naval drills, the Kyodo news agency reported.\n")
HOSTILE = (f'Russian Foreign Minister Sergei Lavrov said "{XSS_IMG} {XSS_SCRIPT}" on Monday.\n'
           f"Japan criticized China over {XSS_SCRIPT} exercises.\n")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def serving(store_path: Path) -> Iterator[str]:
    """``graphkit serve`` over ``store_path`` as a user starts it; yields its address."""
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "graphkit.cli", "serve", "--store", str(store_path),
                             "--port", str(port)], stderr=subprocess.PIPE, text=True, cwd=ROOT,
                            env={**os.environ, "GRAPHKIT_DEBUG": "1"})
    try:
        line = proc.stderr.readline()
        assert f"graphkit explorer on http://127.0.0.1:{port}/" in line, line
        yield f"http://127.0.0.1:{port}/"
    finally:
        proc.terminate()
        proc.wait(timeout=20)


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory, extractor: Any) -> Iterator[str]:
    folder = tmp_path_factory.mktemp("explorer")
    (folder / "lavrov.txt").write_text(LAVROV, encoding="utf-8")
    (folder / "hostile.txt").write_text(HOSTILE, encoding="utf-8")
    (folder / "hostile.meta.json").write_text(json.dumps({"title": f"Hostile {XSS_IMG}"}), encoding="utf-8")
    store_path = folder / "graph.db"
    with open_store("networkx", path=store_path) as store:
        for name in ("lavrov.txt", "hostile.txt"):
            store.upsert(extractor.extract(read_article(folder / name)))
    yield from serving(store_path)


@pytest.fixture(scope="module")
def dense_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A store whose 24 states all deal with each other: a dense actors view."""
    store_path = tmp_path_factory.mktemp("dense-explorer") / "graph.db"
    with open_store("embedded", path=store_path) as store:
        store.upsert(dense_doc())
    yield from serving(store_path)


def open_page(browser: Any, url: str) -> Any:
    p = browser.new_page(viewport={"width": 1400, "height": 900})
    p.errors, p.requests = [], []
    p.on("console", lambda m: m.type == "error" and p.errors.append(m.text))
    p.on("pageerror", lambda e: p.errors.append(str(e)))
    p.on("request", lambda r: p.requests.append(r.url))
    p.goto(url)
    p.wait_for_selector("body[data-map=ready]", state="attached", timeout=30_000)
    return p


@pytest.fixture()
def page(browser: Any, server: str) -> Iterator[Any]:
    p = open_page(browser, server)
    yield p
    p.close()


@pytest.fixture()
def dense_page(browser: Any, dense_server: str) -> Iterator[Any]:
    p = open_page(browser, dense_server)
    yield p
    p.close()


def shot(page: Any, name: str) -> Path:
    OUT.mkdir(exist_ok=True)
    path = OUT / f"explorer-{name}.png"
    page.wait_for_timeout(400)
    page.screenshot(path=str(path))
    assert path.stat().st_size > 20_000
    return path


def test_opens_in_the_actors_view_offline(page: Any, server: str) -> None:
    assert page.errors == [] and all(url.startswith(server) for url in page.requests)
    groups = page.evaluate("Array.from(graphkit.nodeById.values()).map(n => n.group)")
    assert groups and not {"Article", "Statement", "Event"} & set(groups)
    assert page.evaluate("graphkitNetwork.body.data.nodes.length") == len(groups)
    assert "actors view" in page.locator("#gk-view-note").inner_text()
    # a small view: a line per type, as the store has them, and no "weaker links" note
    drawn = page.evaluate("graphkitNetwork.body.data.edges.getIds()")
    assert drawn and sorted(drawn) == sorted(page.evaluate("Array.from(graphkit.edgeById.keys())"))
    assert not any(d.startswith("pair:") for d in drawn) and page.locator("#gk-lines-note").is_hidden()
    shot(page, "start")


def test_library_query_and_typed_query(page: Any) -> None:
    page.select_option("#gk-picker", "connections")
    page.fill("#gk-param-actor", "Lavrov")
    page.click("#gk-run")
    page.wait_for_selector("#gk-table td")
    table = page.locator("#gk-table").inner_text()
    assert "relation" in table and "Kim Jong Un" in table and "MET" in table
    page.fill("#gk-cypher", "MATCH (a:Person)-[r:MET]->(b) RETURN a, b")
    page.press("#gk-cypher", "Control+Enter")
    wait_until(page, "document.body.dataset.nodes === '2'")
    assert page.locator("#gk-table tr").count() == 2  # header and one row
    assert sorted(page.evaluate("Array.from(graphkit.nodeById.values()).map(n => n.name)")) == \
        ["Kim Jong Un", "Sergei Lavrov"]
    assert page.evaluate("graphkitNetwork.body.data.edges.length") == 1
    shot(page, "query")
    page.fill("#gk-cypher", "MATCH (a RETURN a")
    page.click("#gk-run")
    page.wait_for_selector("#gk-error:not([hidden])")
    assert page.locator("#gk-error").inner_text().startswith("graphkit: ")
    # the 400 answer is the only console line: Chromium logs every failed request
    assert [e for e in page.errors if "status of 400" not in e] == []


def test_expand_and_path(page: Any) -> None:
    page.fill("#gk-search-input", "Kim Jong")
    page.wait_for_selector("#gk-search-results li")
    assert page.locator("#gk-search-results li").first.inner_text().startswith("Kim Jong Un")
    page.press("#gk-search-input", "Enter")
    wait_until(page, "graphkitNetwork.getSelectedNodes()[0] === 'kim-jong-un'")
    before = page.evaluate("graphkit.nodeById.size")
    page.evaluate("graphkit.expand('sergei-lavrov')")
    wait_until(page, f"graphkit.nodeById.size > {before}")
    assert page.evaluate("graphkit.nodeById.has('USA')")
    page.evaluate("graphkit.select(['kim-jong-un', 'USA'])")
    page.click("#gk-path")
    wait_until(page, "document.getElementById('gk-view-note').textContent.includes('path:')")
    note = page.locator("#gk-view-note").inner_text()
    assert note.startswith("· path: Kim Jong Un → ") and note.rstrip(")").endswith("hops") and "United States" in note
    shot(page, "path")


def test_edge_opens_the_article_at_its_sentence(page: Any) -> None:
    page.evaluate("graphkit.expand('sergei-lavrov')")
    wait_until(page, "graphkit.edgeById.has('MET|sergei-lavrov|kim-jong-un')")
    page.evaluate("graphkit.showEdge('MET|sergei-lavrov|kim-jong-un')")
    info = page.locator("#gk-info")
    assert "MET" in info.inner_text() and "Sergei Lavrov" in info.inner_text()
    assert "start" not in info.inner_text() and "statement:" not in info.inner_text()
    info.locator("button.gk-read").first.click()
    page.wait_for_selector("#gk-article:not([hidden]) mark")
    mark = page.locator("#gk-article-text mark").inner_text()
    assert "Sergei Lavrov met North Korean leader Kim Jong Un" in mark
    assert page.locator("#gk-article-text").inner_text().startswith("Russian Foreign Minister")
    shot(page, "article")


def test_hostile_article_renders_as_text(page: Any) -> None:
    page.fill("#gk-search-input", "img src")
    page.wait_for_selector("#gk-search-results li")
    page.press("#gk-search-input", "Enter")
    page.wait_for_selector("#gk-info:not([hidden])")
    wait_until(page, "document.getElementById('gk-info').textContent.includes('onerror')")
    assert XSS_IMG in page.locator("#gk-info").inner_text()
    read = page.locator("#gk-info button.gk-read")
    if read.count():
        read.first.click()
        page.wait_for_selector("#gk-article:not([hidden])")
        assert XSS_SCRIPT in page.locator("#gk-article-text").inner_text()
        assert page.locator("#gk-article-title").inner_text() == f"Hostile {XSS_IMG}"
    assert page.locator("#gk-info img, #gk-info script, #gk-article img, #gk-article script").count() == 0
    assert page.evaluate("window.__xss") is None
    assert page.errors == []


def test_the_legend_sits_beside_the_map_and_new_nodes_make_room(page: Any) -> None:
    box = page.evaluate("""(() => {
        const r = id => document.getElementById(id).getBoundingClientRect();
        return {map: r('gk-map').right, legend: r('gk-legend').left, canvas: document.querySelector('#gk-map canvas')
                .getBoundingClientRect().right};
    })()""")
    assert box["map"] <= box["legend"] and box["canvas"] <= box["legend"]  # nothing drawn under the legend
    page.evaluate("graphkit.expand('sergei-lavrov')")
    wait_until(page, "graphkit.nodeById.has('USA')")
    closest = page.evaluate("""(() => {
        const p = Object.values(graphkitNetwork.getPositions());
        let best = Infinity;
        for (let i = 0; i < p.length; i++) for (let j = i + 1; j < p.length; j++)
            best = Math.min(best, Math.hypot(p[i].x - p[j].x, p[i].y - p[j].y));
        return best;
    })()""")
    assert closest > 20  # no node drawn on another


def test_search_suggestions_say_what_each_node_is(page: Any) -> None:
    page.fill("#gk-search-input", "lavrov")
    page.wait_for_selector("#gk-search-results li")
    first = page.locator("#gk-search-results li").first.inner_text()
    assert first.startswith("Sergei Lavrov") and "Person · 2 articles" in first
    page.press("#gk-search-input", "ArrowDown")
    assert page.locator("#gk-search-results li[aria-selected=true]").count() == 1
    page.press("#gk-search-input", "Escape")
    assert page.locator("#gk-search-results").is_hidden()


def drawn_pairs(page: Any) -> list[tuple[str, str]]:
    drawn = page.evaluate(DRAWN_PAIRS)
    assert None not in drawn  # only pair lines, never a line per type
    return [tuple(p) for p in drawn]


def actors_json(page: Any, url: str) -> dict[str, Any]:
    return page.evaluate("u => fetch(u + 'api/actors').then(r => r.json())", url)


def test_a_dense_view_draws_the_strongest_line_of_each_pair(dense_page: Any, dense_server: str) -> None:
    page = dense_page
    piece = actors_json(page, dense_server)
    pairs = pair_facts(piece["edges"])
    drawn = drawn_pairs(page)
    assert len(drawn) == len(set(drawn))  # one line per pair
    assert set(drawn) == overview(pairs, 80)
    assert 80 <= len(drawn) <= 80 + len(piece["nodes"]) and len(drawn) < len(pairs)
    ends = {n for pair in drawn for n in pair}
    assert ends == {n["id"] for n in piece["nodes"]}  # nobody floats alone
    note = page.locator("#gk-lines-note")
    assert note.inner_text() == f"· {len(pairs) - len(drawn)} weaker links hidden — show all"
    assert page.evaluate(LABEL_OVERLAPS) == []  # every name legible at the start
    assert page.errors == []
    shot(page, "dense")

    note.locator("button").click()  # show all
    assert sorted(drawn_pairs(page)) == sorted(pairs)
    assert note.inner_text() == f"· all {len(pairs)} links drawn — strongest only"
    note.locator("button").click()
    assert set(drawn_pairs(page)) == overview(pairs, 80)


def test_a_merged_line_lists_its_types_with_their_evidence(dense_page: Any, dense_server: str) -> None:
    page = dense_page
    pairs = pair_facts(actors_json(page, dense_server)["edges"])
    (a, b), facts = max(pairs.items(), key=lambda kv: (sum(kv[1].values()), kv[0]))
    assert len(facts) >= 3
    page.evaluate("id => graphkit.showEdge(id)", "pair:" + json.dumps([a, b], separators=(",", ":")))
    info = page.locator("#gk-info")
    lines = [line for line in info.inner_text().splitlines() if line.strip()]
    assert lines[1] == f"State {a[1:]} — State {b[1:]}"
    listed = ", ".join(f"{t} {n}" for t, n in sorted(facts.items(), key=lambda kv: (-kv[1], kv[0])))
    assert lines[2] == f"{sum(facts.values())} facts in {len(facts)} types: {listed}"
    # a section per type and direction, its count in its heading, then its sentences with their articles
    counted: Counter = Counter()
    for section in info.locator("section.gk-part").all():
        rel_type, count = section.locator("h5").inner_text().split()
        assert rel_type == section.get_attribute("data-type")
        counted[rel_type] += int(count)
        assert section.locator("blockquote").first.inner_text().startswith(("State " + a[1:], "State " + b[1:]))
        assert "Dense story" in section.locator(".gk-src").first.inner_text()
    assert counted == facts
    assert page.errors == []
    shot(page, "pair")


def test_filters_recompute_the_merged_lines_and_a_node_shows_all_its_own(dense_page: Any, dense_server: str) -> None:
    page = dense_page
    edges = actors_json(page, dense_server)["edges"]
    page.locator("#gk-legend input[data-type=MET]").uncheck()
    without = pair_facts([e for e in edges if e["type"] != "MET"])
    assert set(drawn_pairs(page)) == overview(without, 80)
    assert all("MET" not in p["types"] for p in page.evaluate("Array.from(graphkit.lines.pairs.values())"))
    page.locator("#gk-legend input[data-type=MET]").check()
    pairs = pair_facts(edges)
    assert set(drawn_pairs(page)) == overview(pairs, 80)
    # a node picked draws every line it has, not only the overview's
    weakest = min({n for pair in pairs for n in pair}, key=lambda n: sum(sum(f.values()) for p, f in pairs.items()
                                                                         if n in p))
    page.evaluate("id => graphkit.select([id])", weakest)
    mine = {p for p in pairs if weakest in p}
    drawn = set(drawn_pairs(page))
    assert mine <= drawn and mine - overview(pairs, 80)
    assert page.errors == []


def test_a_wide_start_view_labels_its_hubs_apart_in_the_explorers_canvas(browser: Any,
                                                                          tmp_path_factory: pytest.TempPathFactory
                                                                          ) -> None:
    """150 states with a few dealings each: the start view shows those with any, labels only its hubs at first,
    and those labels clear each other in the explorer's canvas (narrower than a map's window)."""
    store_path = tmp_path_factory.mktemp("wide-explorer") / "graph.db"
    with open_store("embedded", path=store_path) as store:
        store.upsert(dense_doc(states=150, facts=300))
    with contextlib.contextmanager(serving)(store_path) as url:
        page = open_page(browser, url)
        try:
            items = page.evaluate("Array.from(graphkit.nodeById.values()).map(n => [n.id, n.hub])")
            hubs = [nid for nid, hub in items if hub]
            assert len(items) > 80 and len(hubs) == 40  # over 80 shown: only the 40 best-connected labelled
            assert page.evaluate("graphkit.lines.on") is True
            assert page.evaluate(LABEL_OVERLAPS) == []
            # what is legible at overview is the hubs' labels and no other
            legible = page.evaluate("""(() => { const net = graphkitNetwork, s = net.getScale();
                return graphkit.nodeView.getIds().filter(id => net.body.nodes[id].options.font.size * s >= 8); })()""")
            assert sorted(legible) == sorted(hubs)
            assert page.errors == []
            shot(page, "wide")
        finally:
            page.close()
