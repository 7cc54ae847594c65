"""The map in a real browser: headless Chromium (Debian's, driven by Playwright's Python package).

Installed by ``make browser-deps``. Without it these tests skip on a developer's
machine and fail under CI=true, where a skipped browser test would hide a broken
map. ``open_map`` is the machinery: any test can open any map file with it and
get the page, its console errors and the requests it made.
"""

from __future__ import annotations

import json
import random
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from graphkit.model import LABELS, REL_TYPES, GraphDoc, Node, Relationship
from graphkit.render import write_map

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parent.parent
SCREENSHOT = ROOT / "out" / "map-test.png"

XSS_IMG = '<img src=x onerror="window.__xss=1">'
XSS_SCRIPT = "<script>window.__xss=2</script>"


@dataclass
class OpenMap:
    """A map opened in a fresh page, with everything it logged and requested since loading."""

    page: Any
    url: str
    errors: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)

    def eval(self, script: str, arg: Any = None) -> Any:
        return self.page.evaluate(script, arg)


def open_map(browser: Any, path: Path, *, timeout_ms: int = 60_000) -> OpenMap:
    """Open ``path`` and wait until the map's first layout is settled (``<body data-map="ready">``)."""
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    opened = OpenMap(page, path.resolve().as_uri())
    page.on("console", lambda m: m.type == "error" and opened.errors.append(f"console.error: {m.text}"))
    page.on("pageerror", lambda e: opened.errors.append(f"page error: {e}"))
    page.on("request", lambda r: opened.requests.append(r.url))
    page.goto(opened.url)
    page.wait_for_selector("body[data-map=ready]", state="attached", timeout=timeout_ms)
    return opened


def browser_doc() -> GraphDoc:
    """A small hand-made graph: Lavrov's visit, and two nodes whose names are XSS payloads."""
    art = "a1"
    ev = "Russian Foreign Minister Sergei Lavrov met North Korean leader Kim Jong Un on Saturday."
    nodes = [
        Node(art, "Article", {"title": f"Lavrov in Pyongyang {XSS_SCRIPT}", "source": "Tass",
                              "published": "2024-06-19"}),
        Node("sergei-lavrov", "Person", {"name": "Sergei Lavrov", "aliases": ["Sergey Lavrov"],
                                         "titles": ["Foreign Minister"], "articles": [art]}),
        Node("kim-jong-un", "Person", {"name": "Kim Jong Un", "aliases": ["Kim Jong-Un"], "articles": [art]}),
        Node("RUS", "State", {"name": "Russia", "articles": [art]}),
        Node("PRK", "State", {"name": "North Korea", "aliases": ["DPRK"], "articles": [art]}),
        Node("USA", "State", {"name": "United States", "articles": [art]}),
        Node("kcna", "Organization", {"name": "Korean Central News Agency", "kind": "media",
                                      "articles": [art]}),
        Node("statement:warn", "Statement", {"text": "We warn against exploiting these ties", "quoted": True,
                                             "articles": [art]}),
        Node("xss-img", "Person", {"name": XSS_IMG, "aliases": [XSS_SCRIPT], "titles": [XSS_IMG],
                                   "articles": [art]}),
        Node(XSS_SCRIPT, "Organization", {"name": XSS_SCRIPT, "kind": "other", "articles": [art]}),
    ]
    rels = [
        Relationship("LEADS", "kim-jong-un", "PRK", {"article": art, "evidence": ev}),
        Relationship("HOLDS_OFFICE", "sergei-lavrov", "RUS", {"article": art, "evidence": ev,
                                                              "title": "Foreign Minister"}),
        Relationship("MET", "sergei-lavrov", "kim-jong-un", {"article": art, "evidence": ev}),
        Relationship("WARNED", "sergei-lavrov", "USA", {"article": art, "evidence": XSS_IMG, "cameo": "130"}),
        Relationship("MADE", "sergei-lavrov", "statement:warn", {"article": art, "evidence": ev}),
        Relationship("ABOUT", "statement:warn", "USA", {"article": art, "evidence": ev}),
        Relationship("REPORTED_BY", "statement:warn", "kcna", {"article": art, "evidence": ev}),
        Relationship("ACCUSED", "xss-img", "sergei-lavrov", {"article": art, "evidence": XSS_SCRIPT}),
        Relationship("PART_OF", XSS_SCRIPT, "RUS", {"article": art, "evidence": XSS_IMG}),
    ]
    rels += [Relationship("MENTIONED_IN", n.id, art, {"count": 1}) for n in nodes if n.id != art]
    return GraphDoc(nodes, rels)


@pytest.fixture(scope="module")
def small_map(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_map(browser_doc(), tmp_path_factory.mktemp("map") / "map.html", title=f"test map {XSS_IMG}")


@pytest.fixture
def opened(browser: Any, small_map: Path) -> Iterator[OpenMap]:
    page = open_map(browser, small_map)
    yield page
    page.page.close()


def hover_node(m: OpenMap, node_id: str) -> None:
    """Move the mouse onto a node, where vis-network opens its tooltip.

    Waits for the view to hold still first: a search or a click may have started
    a focus animation, and a point taken during it is no longer the node's.
    """
    box = m.page.locator("#gk-map").bounding_box()
    where = "id => graphkitNetwork.canvasToDOM(graphkitNetwork.getPosition(id))"
    point = m.eval(where, node_id)
    for _ in range(50):
        m.page.wait_for_timeout(100)
        now = m.eval(where, node_id)
        if now == point:
            break
        point = now
    m.page.mouse.move(box["x"] + point["x"] - 40, box["y"] + point["y"] - 40)
    m.page.mouse.move(box["x"] + point["x"], box["y"] + point["y"], steps=5)


def test_map_opens_offline_with_no_errors(opened: OpenMap) -> None:
    assert opened.errors == []
    assert opened.requests == [opened.url]  # nothing but the file itself: no CDN, font or image
    assert opened.eval("window.__xss") is None
    assert opened.page.locator("#gk-legend").is_visible()
    assert opened.page.locator("#gk-search-input").is_visible()
    legend = opened.page.locator("#gk-legend").inner_text()
    for text in ("Person", "State", "Statement", "MET", "WARNED", "MENTIONED_IN", "physics"):
        assert text in legend
    assert opened.page.locator("#gk-title").inner_text() == f"test map {XSS_IMG}"
    assert "10 nodes" in opened.page.locator("#gk-counts").inner_text()
    assert opened.eval("graphkitNetwork.body.data.nodes.length") == 10
    SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
    opened.page.screenshot(path=str(SCREENSHOT))
    assert SCREENSHOT.stat().st_size > 20_000


def test_search_selects_and_focuses_lavrov(opened: OpenMap) -> None:
    search = opened.page.locator("#gk-search-input")
    search.fill("Lavrov")
    results = opened.page.locator("#gk-search-results li")
    assert results.first.inner_text().startswith("Sergei Lavrov")
    search.press("Enter")
    assert opened.eval("graphkitNetwork.getSelectedNodes()") == ["sergei-lavrov"]
    info = opened.page.locator("#gk-info")
    assert info.is_visible()
    assert "Sergei Lavrov" in info.inner_text() and "Foreign Minister" in info.inner_text()
    # By alias, case-insensitively, by clicking the result.
    search.fill("dprk")
    results.first.click()
    assert opened.eval("graphkitNetwork.getSelectedNodes()") == ["PRK"]
    assert opened.errors == []


def test_xss_payloads_render_as_text(opened: OpenMap) -> None:
    search = opened.page.locator("#gk-search-input")
    search.fill("img src")
    assert opened.page.locator("#gk-search-results li").first.inner_text().startswith(XSS_IMG)
    search.press("Enter")
    assert opened.eval("graphkitNetwork.getSelectedNodes()") == ["xss-img"]
    info = opened.page.locator("#gk-info")
    assert XSS_IMG in info.inner_text() and XSS_SCRIPT in info.inner_text()
    assert opened.page.locator("#gk-info img, #gk-info script, #gk-header img").count() == 0
    sources = opened.page.locator("#gk-sources")
    sources.locator("summary").click()
    assert XSS_SCRIPT in sources.inner_text()
    # The tooltip, as vis-network shows it on hover, is text too.
    opened.page.locator("#gk-physics").uncheck()
    hover_node(opened, "xss-img")
    tooltip = opened.page.locator("div.vis-tooltip")
    tooltip.wait_for(state="visible", timeout=5_000)
    assert tooltip.inner_text().startswith(XSS_IMG)
    # one line of who it is; the aliases and the rest are in the panel a click opens (no repeat)
    assert "Person · 2 connections" in tooltip.inner_text() and XSS_SCRIPT not in tooltip.inner_text()
    assert tooltip.locator("img, script").count() == 0
    assert opened.eval("window.__xss") is None
    assert opened.errors == []


def test_edge_tooltip_names_it_and_the_panel_shows_evidence(opened: OpenMap) -> None:
    opened.page.locator("#gk-physics").uncheck()
    box = opened.page.locator("#gk-map").bounding_box()
    # The middle of the drawn (curved) MET edge, from vis-network's own geometry.
    point = opened.eval("""() => {
        const met = graphkit.data.edges.find(e => e.type === 'MET');
        const edge = graphkitNetwork.body.edges[met.id];
        return graphkitNetwork.canvasToDOM(edge.edgeType.getPoint(0.5));
    }""")
    opened.page.mouse.move(box["x"] + point["x"] + 30, box["y"] + point["y"] + 30)
    opened.page.mouse.move(box["x"] + point["x"], box["y"] + point["y"], steps=5)
    tooltip = opened.page.locator("div.vis-tooltip")
    tooltip.wait_for(state="visible", timeout=5_000)
    text = tooltip.inner_text()
    assert text.startswith("MET")
    assert "Sergei Lavrov — Kim Jong Un" in text
    assert "met North Korean leader" not in text  # the evidence is in the panel, not repeated on hover
    opened.page.mouse.click(box["x"] + point["x"], box["y"] + point["y"])
    panel = opened.page.locator("#gk-info").inner_text()
    assert "met North Korean leader Kim Jong Un on Saturday" in panel
    assert f"Lavrov in Pyongyang {XSS_SCRIPT} (Tass, 2024-06-19)" in panel
    assert "a1" not in panel.split()  # articles by title, never by id


def test_label_and_type_filters(opened: OpenMap) -> None:
    count = "() => [graphkit.nodeView.length, graphkit.edgeView.length]"
    nodes, edges = opened.eval(count)
    assert (nodes, edges) == (10, 18)
    opened.page.locator("#gk-legend input[data-label=Person]").uncheck()
    # 3 people gone, with their 6 relationships and their 3 mentions
    assert opened.eval(count) == [7, 9]
    opened.page.locator("#gk-legend input[data-type=MENTIONED_IN]").uncheck()
    assert opened.eval(count) == [7, 3]  # ABOUT, REPORTED_BY, PART_OF
    opened.page.locator("#gk-types-none").click()
    assert opened.eval(count) == [7, 0]
    opened.page.locator("#gk-types-all").click()
    opened.page.locator("#gk-legend input[data-label=Person]").check()
    assert opened.eval(count) == [10, 18]
    # Searching for a node whose label is filtered out turns its label back on.
    opened.page.locator("#gk-legend input[data-label=State]").uncheck()
    opened.page.locator("#gk-search-input").fill("Russia")
    opened.page.locator("#gk-search-input").press("Enter")
    assert opened.eval("graphkitNetwork.getSelectedNodes()") == ["RUS"]
    assert opened.page.locator("#gk-legend input[data-label=State]").is_checked()
    assert opened.errors == []


#: The extent (largest side of the nodes' bounding box) of the network's current positions.
EXTENT = """() => {
    const p = Object.values(graphkitNetwork.getPositions());
    const xs = p.map(q => q.x), ys = p.map(q => q.y);
    return Math.max(Math.max(...xs) - Math.min(...xs), Math.max(...ys) - Math.min(...ys));
}"""
#: The largest distance between a node's position in the network and the one computed in Python.
MOVED = """() => {
    const p = graphkitNetwork.getPositions();
    return Math.max(...graphkit.data.nodes.map(n => Math.hypot(p[n.id].x - n.x, p[n.id].y - n.y)));
}"""


#: Pairs of nodes whose labels, as drawn at the current zoom, overlap (by more than a pixel on screen).
LABEL_OVERLAPS = """(() => {
    const net = graphkitNetwork, scale = net.getScale(), pad = 1 / scale;
    const boxes = graphkit.nodeView.getIds().map(id => [id, net.body.nodes[id]])
        .filter(([id, n]) => n.options.label && n.options.font.size * scale >= 8)
        .map(([id, n]) => [id, n.labelModule.size]);
    const out = [];
    for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) {
        const [a, p] = boxes[i], [b, q] = boxes[j];
        if (p.left + pad < q.left + q.width && q.left + pad < p.left + p.width &&
            p.top + pad < q.top + q.height && q.top + pad < p.top + p.height) { out.push([a, b]); }
    }
    return out;
})()"""


#: The lines vis-network draws, as sorted (from, to) pairs for pair lines and null for a line per type.
DRAWN_PAIRS = """graphkitNetwork.body.data.edges.get().map(e => {
    if (!e.id.startsWith('pair:')) { return null; }
    return [e.from, e.to].sort();
})"""


def wait_until(page: Any, script: str, timeout_s: float = 20) -> None:
    """Poll ``script`` until it is truthy (``page.wait_for_function`` would need eval, which the CSP forbids)."""
    deadline = time.monotonic() + timeout_s
    while not page.evaluate(script):
        assert time.monotonic() < deadline, f"still false after {timeout_s} s: {script}"
        page.wait_for_timeout(100)


def test_map_draws_the_python_layout_without_stabilising(opened: OpenMap) -> None:
    """The first frame is drawn from the computed positions: vis-network ran no stabilisation before it."""
    opened.page.wait_for_selector("body[data-drawn]", state="attached", timeout=10_000)
    assert opened.eval("graphkitNetwork.physics.options.stabilization.enabled") is False
    assert opened.eval("graphkitNetwork.physics.stabilizationIterations") == 0
    assert opened.eval(MOVED) < 2  # where Python put them
    assert opened.eval("graphkitNetwork.physics.options.enabled") is False


def test_physics_toggle_keeps_the_layout(opened: OpenMap) -> None:
    toggle = opened.page.locator("#gk-physics")
    assert not toggle.is_checked()
    assert opened.eval("graphkitNetwork.physics.options.enabled") is False
    before = opened.eval(EXTENT)
    toggle.check()
    assert opened.eval("graphkitNetwork.physics.options.enabled") is True
    wait_until(opened.page, "graphkitNetwork.physics.stabilizationIterations > 30")
    assert opened.eval(MOVED) > 1  # the nodes move
    assert 0.6 < opened.eval(EXTENT) / before < 1.6  # and the map keeps its size: no collapse, no explosion
    toggle.uncheck()
    assert opened.eval("graphkitNetwork.physics.options.enabled") is False
    assert opened.errors == []


def test_physics_on_from_the_start_draws_before_moving(browser: Any, tmp_path: Path) -> None:
    """``physics=True``: the first frame shows the computed layout, which then settles while visible."""
    rnd = random.Random(3)
    types = [t for t in REL_TYPES if t != "MENTIONED_IN"]
    doc = GraphDoc(Node(f"n{i}", LABELS[i % len(LABELS)], {"name": f"node {i}"}) for i in range(300))
    while len(doc.relationships) < 900:
        a, b = rnd.randrange(300), rnd.randrange(300)
        if a != b:
            doc.add_relationship(Relationship(rnd.choice(types), f"n{a}", f"n{b}", {"article": "x"}))
    path = write_map(doc, tmp_path / "physics.html", physics=True)
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    # Catch the page's network as it is created and record its state at its first drawn frame.
    page.add_init_script("""
        let net;
        Object.defineProperty(window, "graphkitNetwork", {configurable: true, get() { return net; }, set(v) {
            net = v;
            v.once("afterDrawing", () => {
                const p = v.getPositions();
                const moved = graphkit.data.nodes.map(n => Math.hypot(p[n.id].x - n.x, p[n.id].y - n.y));
                const at = new Map(graphkit.data.nodes.map(n => [n.id, n]));
                const edges = graphkit.data.edges.map(
                    e => Math.hypot(at.get(e.from).x - at.get(e.to).x, at.get(e.from).y - at.get(e.to).y));
                edges.sort((a, b) => a - b);
                window.__first = {iterations: v.physics.stabilizationIterations, max: Math.max(...moved),
                                  mean: moved.reduce((a, b) => a + b, 0) / moved.length,
                                  edge: edges[edges.length >> 1]};
            });
        }});
    """)
    try:
        page.goto(path.resolve().as_uri())
        wait_until(page, "window.__first !== undefined", 30)
        first = page.evaluate("window.__first")
        # At most a step or two of physics: a step moves a node by at most 20 px on each axis, which is
        # a fraction of an edge's length (a stabilised layout would have moved them by an edge or more).
        assert first["iterations"] <= 2 and first["max"] < 60 and first["mean"] < 0.25 * first["edge"], first
        assert page.evaluate("graphkitNetwork.physics.options.enabled") is True
        assert page.locator("#gk-physics").is_checked()
        wait_until(page, "graphkitNetwork.physics.stabilizationIterations > 40", 30)
        extent = page.evaluate(EXTENT)
        layout = page.evaluate("""() => {
            const xs = graphkit.data.nodes.map(n => n.x), ys = graphkit.data.nodes.map(n => n.y);
            return Math.max(Math.max(...xs) - Math.min(...xs), Math.max(...ys) - Math.min(...ys));
        }""")
        assert 0.6 < extent / layout < 1.6
    finally:
        page.close()


def test_big_map_opens_laid_out_with_physics_off(browser: Any, tmp_path: Path) -> None:
    rnd = random.Random(5)
    labels = [lb for lb in LABELS if lb != "Article"]
    types = [t for t in REL_TYPES if t != "MENTIONED_IN"]
    doc = GraphDoc(Node(f"n{i}", labels[i % len(labels)], {"name": f"node {i}"}) for i in range(2500))
    while len(doc.relationships) < 7500:
        a, b = rnd.randrange(2500), rnd.randrange(2500)
        if a != b:
            doc.add_relationship(Relationship(rnd.choice(types), f"n{a}", f"n{b}",
                                              {"article": "x", "evidence": "e"}))
    path = write_map(doc, tmp_path / "big.html")
    start = time.perf_counter()
    m = open_map(browser, path)
    opened_in = time.perf_counter() - start
    try:
        assert m.errors == [] and m.requests == [m.url]
        assert opened_in < 20, f"a 2,500-node map took {opened_in:.1f}s to open"
        assert m.eval("graphkitNetwork.physics.options.enabled") is False
        assert not m.page.locator("#gk-physics").is_checked()
        assert not m.page.locator("#gk-hidden-note").count()  # no MENTIONED_IN here: nothing held back
        before = m.eval("graphkitNetwork.getPositions(['n0', 'n1'])")
        m.page.wait_for_timeout(300)
        assert m.eval("graphkitNetwork.getPositions(['n0', 'n1'])") == before  # nothing simulating
        m.page.locator("#gk-search-input").fill("node 1234")
        m.page.locator("#gk-search-input").press("Enter")
        assert m.eval("graphkitNetwork.getSelectedNodes()") == ["n1234"]
    finally:
        m.page.close()


def test_big_map_starts_without_mentions_until_ticked(browser: Any, tmp_path: Path) -> None:
    """On a big map MENTIONED_IN starts unticked and out of vis-network's edges; ticking it draws them."""
    rnd = random.Random(8)
    labels = [lb for lb in LABELS if lb != "Article"]
    types = [t for t in REL_TYPES if t != "MENTIONED_IN"]
    doc = GraphDoc(Node(f"n{i}", labels[i % len(labels)], {"name": f"node {i}"}) for i in range(1800))
    for a in range(30):
        doc.add_node(Node(f"a{a}", "Article", {"title": f"article {a}"}))
    while len(doc.relationships) < 3600:
        a, b = rnd.randrange(1800), rnd.randrange(1800)
        if a != b:
            doc.add_relationship(Relationship(rnd.choice(types), f"n{a}", f"n{b}", {"article": "a0"}))
    for i in range(1800):
        doc.add_relationship(Relationship("MENTIONED_IN", f"n{i}", f"a{i % 30}", {"count": 1}))
    m = open_map(browser, write_map(doc, tmp_path / "big-mentions.html"))
    # Edge counts: in the data, handed to vis-network, and of those the MENTIONED_IN ones.
    counts = """() => {
        const mention = new Set(graphkit.data.edges.filter(e => e.type === 'MENTIONED_IN').map(e => e.id));
        const inNetwork = Object.keys(graphkitNetwork.body.edges);
        return {data: graphkit.data.edges.length, mentions: mention.size, network: inNetwork.length,
                networkMentions: inNetwork.filter(id => mention.has(id)).length};
    }"""
    try:
        assert m.errors == [] and m.requests == [m.url]
        # over 500 nodes: the map opens in the actors view; show everything, then look at the mentions
        assert m.page.locator("#gk-actors-note").is_visible()
        m.page.locator("#gk-show-all").click()
        assert not m.page.locator("#gk-actors-note").is_visible()
        box = m.page.locator("#gk-legend input[data-type=MENTIONED_IN]")
        note = m.page.locator("#gk-hidden-note")
        assert not box.is_checked() and m.page.locator("#gk-legend input[data-type=MET]").is_checked()
        assert note.is_visible()
        assert note.inner_text() == "· large map: 1,800 MENTIONED_IN not drawn, tick it in the legend"
        assert box.locator("xpath=..").inner_text().split() == ["MENTIONED_IN", "1800"]  # its row, with its count
        first = m.eval(counts)
        assert first["mentions"] == 1800 and first["networkMentions"] == 0
        assert first["network"] == first["data"] - 1800
        box.check()
        now = m.eval(counts)
        assert now["networkMentions"] == 1800 and now["network"] == now["data"]
        assert not note.is_visible()
        box.uncheck()
        assert m.eval(counts)["networkMentions"] == 0 and note.is_visible()
        assert m.errors == []
    finally:
        m.page.close()


def test_seed_map_in_chromium(browser: Any, seed_graph: GraphDoc, tmp_path: Path) -> None:
    """The map of seeds/ as users get it: offline, legend and search, Lavrov found by name."""
    m = open_map(browser, write_map(seed_graph, tmp_path / "seed.html", title="seeds/"))
    try:
        assert m.errors == [] and m.requests == [m.url]
        assert m.page.locator("#gk-legend").is_visible() and m.page.locator("#gk-search-input").is_visible()
        m.page.locator("#gk-search-input").fill("Lavrov")
        m.page.locator("#gk-search-input").press("Enter")
        assert m.eval("graphkitNetwork.getSelectedNodes()") == ["sergei-lavrov"]
        assert m.eval("graphkitNetwork.body.data.nodes.length") == len(seed_graph.nodes)
        shot = ROOT / "out" / "seed-map.png"
        shot.parent.mkdir(parents=True, exist_ok=True)
        m.page.screenshot(path=str(shot))
        assert shot.stat().st_size > 20_000
    finally:
        m.page.close()


def test_article_with_xss_payload_renders_it_as_text(browser: Any, extractor: Any, tmp_path: Path) -> None:
    """An extracted article whose text carries payloads: the map shows them, never runs them."""
    from graphkit.ingest import article_from_text

    text = (f'Russian Foreign Minister Sergei Lavrov said "{XSS_IMG} {XSS_SCRIPT}" on Monday.\n'
            f"Japan criticized China over {XSS_SCRIPT} exercises.")
    doc = extractor.extract(article_from_text(text, "xss.txt", title=f"Title {XSS_IMG}"))
    m = open_map(browser, write_map(doc, tmp_path / "xss.html", title=XSS_SCRIPT))
    try:
        assert m.errors == [] and m.requests == [m.url]
        assert m.eval("window.__xss") is None
        assert m.page.locator("#gk-title").inner_text() == XSS_SCRIPT
        m.page.locator("#gk-sources summary").click()
        assert XSS_IMG in m.page.locator("#gk-sources").inner_text()
        assert m.page.locator("body img, #gk-header script").count() == 0
    finally:
        m.page.close()


def test_a_dense_actors_view_draws_one_line_per_pair(browser: Any, tmp_path: Path) -> None:
    """Over 500 nodes with entities that all deal with each other: one line per pair, the strongest first,
    every hub's label legible; showing the documents goes back to a line per type."""
    from test_serve import dense_doc, overview, pair_facts

    doc = dense_doc(states=160, facts=2400)
    for i in range(400):  # statements: over ACTORS_VIEW_NODES, hidden in the actors view
        doc.add_node(Node(f"st{i}", "Statement", {"text": f"quote {i}", "articles": ["d-art0"]}))
        doc.add_relationship(Relationship("MADE", f"S{i % 160:02d}", f"st{i}", {"article": "d-art0"}))
    m = open_map(browser, write_map(doc, tmp_path / "dense.html"))
    try:
        data = m.eval("graphkit.data")
        assert data["merge"] is True and data["actors_view"] is True
        entities = {n["id"] for n in data["nodes"] if n["group"] == "State"}
        pairs = pair_facts([e for e in data["edges"] if e["from"] in entities and e["to"] in entities])
        lines = [tuple(p) for p in m.eval(DRAWN_PAIRS)]
        assert None not in lines and len(lines) == len(set(lines)) and set(lines) == overview(pairs, 80)
        note = m.page.locator("#gk-lines-note")
        assert note.inner_text() == f"· {len(pairs) - len(lines):,} weaker links hidden — show all"
        assert m.page.locator(".gk-merge-key").is_visible()
        assert m.eval(LABEL_OVERLAPS) == []  # the hubs' labels, drawn at overview, clear each other
        SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
        m.page.screenshot(path=str(ROOT / "out" / "map-dense.png"))
        (a, b), facts = max(pairs.items(), key=lambda kv: (sum(kv[1].values()), kv[0]))
        m.eval("id => graphkit.showInfo('e', id)", "pair:" + json.dumps([a, b], separators=(",", ":")))
        assert f"{sum(facts.values())} facts in {len(facts)} types" in m.page.locator("#gk-info").inner_text()
        note.locator("button").click()
        assert len(m.eval(DRAWN_PAIRS)) == len(pairs)
        m.page.locator("#gk-show-all").click()  # the documents too: a line per type, as on a small map
        per_type = m.eval("graphkitNetwork.body.data.edges.getIds()")
        assert per_type and not any(i.startswith("pair:") for i in per_type)
        assert len(per_type) == len(data["edges"]) and note.is_hidden()
        for label in ("Article", "Statement"):  # the actors view again
            m.page.locator(f"#gk-legend input[data-label={label}]").uncheck()
        assert None not in m.eval(DRAWN_PAIRS) and len(m.eval(DRAWN_PAIRS)) == len(pairs)
        assert m.errors == []
    finally:
        m.page.close()
