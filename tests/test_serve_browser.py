"""The explorer in real Chromium against a real ``graphkit serve`` process (marker ``browser``).

A store is loaded from two real articles, one of them hostile (XSS payloads in
its quotes and title); the server runs as the CLI runs it. Screenshots go to
``out/explorer-*.png``.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from test_browser import XSS_IMG, XSS_SCRIPT, wait_until

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


@pytest.fixture()
def page(browser: Any, server: str) -> Iterator[Any]:
    p = browser.new_page(viewport={"width": 1400, "height": 900})
    p.errors, p.requests = [], []
    p.on("console", lambda m: m.type == "error" and p.errors.append(m.text))
    p.on("pageerror", lambda e: p.errors.append(str(e)))
    p.on("request", lambda r: p.requests.append(r.url))
    p.goto(server)
    p.wait_for_selector("body[data-map=ready]", state="attached", timeout=30_000)
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
