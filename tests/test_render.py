"""Fast tests of graphkit.render: subgraph selection, the page's content and safety, big maps, files.

No browser here (tests/test_browser.py opens the page in Chromium). The graph is
built by hand, with an XSS payload in every kind of text an article can put on
a map: a name, an alias, a title, an evidence sentence, an article title, an id.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import math
import random
import re
import sys
from pathlib import Path

import pytest

import graphkit.render
from graphkit.errors import GraphkitError, UsageError
from graphkit.model import LABELS, REL_TYPES, GraphDoc, Node, Relationship
from graphkit.render import (
    BIG_GRAPH_NODES,
    RenderError,
    graph_data,
    render_html,
    script_json,
    select,
    show,
    write_map,
)
from graphkit.render.layout import force_layout
from graphkit.render.style import LABEL_STYLES, TYPE_STYLES, short
from graphkit.render.subgraph import map_title

XSS_NAME = '<img src=x onerror="window.__xss=1">'
XSS_ALIAS = "<script>window.__xss=2</script>"
XSS_ID = "</script><script>window.__xss=3</script>"
XSS_EVIDENCE = '<img src=x onerror="window.__xss=5"> said nobody'
XSS_TITLE = '"><svg onload="window.__xss=6">'
ARTICLE_TITLE = "Lavrov visits Pyongyang <b>bold</b> & more"


def sample_doc() -> GraphDoc:
    """A small graph in the shape the extractor makes, with hostile text in every field."""
    art = "a1"
    ev = "Russian Foreign Minister Sergei Lavrov met North Korean leader Kim Jong Un on Saturday."
    nodes = [
        Node(art, "Article", {"title": ARTICLE_TITLE, "source": "Tass", "published": "2024-06-19",
                              "path": "seeds/a1.txt"}),
        Node("sergei-lavrov", "Person", {"name": "Sergei Lavrov", "aliases": ["Lavrov", "Sergey Lavrov"],
                                         "titles": ["Foreign Minister"], "articles": [art]}),
        Node("kim-jong-un", "Person", {"name": "Kim Jong Un", "aliases": ["Kim", "Kim Jong-Un"],
                                       "articles": [art]}),
        Node("RUS", "State", {"name": "Russia", "aliases": ["Moscow"], "iso3": "RUS", "articles": [art]}),
        Node("PRK", "State", {"name": "North Korea", "aliases": ["DPRK", "Pyongyang"], "iso3": "PRK",
                              "articles": [art]}),
        Node("USA", "State", {"name": "United States", "aliases": ["US"], "iso3": "USA", "articles": [art]}),
        Node("kcna", "Organization", {"name": "Korean Central News Agency", "aliases": ["KCNA"],
                                      "kind": "media", "articles": [art]}),
        Node("statement:warn", "Statement", {
            "name": "statement:warn", "quoted": True, "stance": "WARNED", "cameo": "130", "articles": [art],
            "text": "We warn against exploiting these ties to build alliances"}),
        Node("xss-person", "Person", {"name": XSS_NAME, "aliases": [XSS_ALIAS], "titles": [XSS_TITLE],
                                      "articles": [art]}),
        Node(XSS_ID, "Place", {"name": "Evil & Co", "kind": "site", "articles": [art]}),
    ]
    rels = [
        Relationship("LEADS", "kim-jong-un", "PRK", {"article": art, "evidence": ev}),
        Relationship("HOLDS_OFFICE", "sergei-lavrov", "RUS",
                     {"article": art, "evidence": ev, "title": "Foreign Minister"}),
        Relationship("MET", "sergei-lavrov", "kim-jong-un", {"article": art, "evidence": ev, "cameo": "040"}),
        Relationship("WARNED", "sergei-lavrov", "USA",
                     {"article": art, "evidence": XSS_EVIDENCE, "cameo": "130",
                      "statement": "statement:warn"}),
        Relationship("MADE", "sergei-lavrov", "statement:warn", {"article": art, "evidence": ev}),
        Relationship("ABOUT", "statement:warn", "USA", {"article": art, "evidence": ev}),
        Relationship("REPORTED_BY", "statement:warn", "kcna", {"article": art, "evidence": ev}),
        Relationship("ACCUSED", "xss-person", "sergei-lavrov", {"article": art, "evidence": XSS_EVIDENCE}),
        Relationship("LOCATED_IN", XSS_ID, "PRK", {"article": art, "evidence": ev}),
    ]
    rels += [Relationship("MENTIONED_IN", n.id, art, {"count": 1}) for n in nodes if n.id != art]
    return GraphDoc(nodes, rels)


def generated_doc(n_nodes: int, n_edges: int, seed: int = 1) -> GraphDoc:
    """A random graph with every label and type, for the big-map path."""
    rnd = random.Random(seed)
    labels = [lb for lb in LABELS if lb != "Article"]
    types = [t for t in REL_TYPES if t != "MENTIONED_IN"]
    doc = GraphDoc()
    for i in range(n_nodes):
        label = labels[i % len(labels)]
        doc.add_node(Node(f"n{i}", label, {"name": f"{label} {i}", "aliases": [f"alias {i}"]}))
    while len(doc.relationships) < n_edges:
        a, b = rnd.randrange(n_nodes), rnd.randrange(n_nodes)
        if a != b:
            doc.add_relationship(Relationship(rnd.choice(types), f"n{a}", f"n{b}",
                                              {"article": "a1", "evidence": f"sentence {a} {b}"}))
    return doc


def page_data(page: str) -> dict:
    """The graph JSON embedded in a rendered page, read back the way the page's script reads it."""
    match = re.search(r'<script type="application/json" id="graph-data">(.*?)</script>', page, re.S)
    assert match, "no graph-data block"
    return json.loads(match.group(1))


def ids(doc: GraphDoc) -> set[str]:
    return set(doc.nodes)


def types_of(doc: GraphDoc) -> set[str]:
    return {r.type for r in doc.relationships.values()}


NOT_MENTIONS = [t for t in REL_TYPES if t != "MENTIONED_IN"]


# -- select ---------------------------------------------------------------------


def test_focus_depth_one_follows_both_directions() -> None:
    got = select(sample_doc(), focus="Sergei Lavrov", depth=1, types=NOT_MENTIONS)
    # out: RUS (HOLDS_OFFICE), kim (MET), USA (WARNED), statement (MADE); in: xss-person (ACCUSED)
    assert ids(got) == {"sergei-lavrov", "RUS", "kim-jong-un", "USA", "statement:warn", "xss-person"}
    assert types_of(got) == {"HOLDS_OFFICE", "MET", "WARNED", "MADE", "ACCUSED", "ABOUT"}


def test_focus_depth_two_and_zero() -> None:
    doc = sample_doc()
    two = select(doc, focus="sergei-lavrov", depth=2, types=NOT_MENTIONS)
    # KCNA is reached only through Lavrov's statement (REPORTED_BY): a statement is no stepping stone
    assert ids(two) == {"sergei-lavrov", "RUS", "kim-jong-un", "USA", "statement:warn", "xss-person", "PRK"}
    through = select(doc, focus="sergei-lavrov", depth=2, types=NOT_MENTIONS, through=["statement"])
    assert ids(through) == ids(two) | {"kcna"}
    assert ids(select(doc, focus="Sergei Lavrov", depth=0)) == {"sergei-lavrov"}
    assert select(doc, focus="Sergei Lavrov", depth=0).relationships == {}


def test_focus_counts_hops_between_entities_not_through_articles() -> None:
    doc = sample_doc()
    one = {"sergei-lavrov", "RUS", "kim-jong-un", "USA", "statement:warn", "xss-person"}
    assert ids(select(doc, focus="Lavrov", depth=1)) == one
    # two hops: who Lavrov's neighbours deal with (Kim leads North Korea), not everybody in the article
    assert ids(select(doc, focus="Lavrov", depth=2)) == one | {"PRK"}
    # through the Article, as before: one hop reaches the article, two reach everything it mentions
    assert ids(select(doc, focus="Lavrov", depth=1, through=["Article"])) == one | {"a1"}
    assert ids(select(doc, focus="Lavrov", depth=2, through=["Article"])) == ids(doc)


def test_map_titles_say_what_the_map_shows() -> None:
    doc = sample_doc()
    assert map_title(doc, focus="kim", depth=2) == "Kim Jong Un and neighbours, 2 hops"
    assert map_title(doc, focus="Lavrov", types=["met", "warned"]) == \
        "Sergei Lavrov and neighbours, 1 hop · MET and WARNED"
    assert map_title(doc, labels=["person"]) == "Person"
    assert map_title(doc) == "All 1 article"
    assert map_title(doc, query="MATCH (a)-[r:MET]->(b)\n RETURN a, b") == "Query: MATCH (a)-[r:MET]->(b) RETURN a, b"


@pytest.mark.parametrize("name", ["Sergei Lavrov", "sergei lavrov", "LAVROV", "Sergey Lavrov",
                                  "sergei-lavrov"])
def test_focus_by_name_alias_or_id_case_insensitive(name: str) -> None:
    assert ids(select(sample_doc(), focus=name, depth=0)) == {"sergei-lavrov"}


def test_focus_by_alias_of_a_state() -> None:
    got = select(sample_doc(), focus="dprk", depth=1, types=["LEADS", "LOCATED_IN"])
    assert ids(got) == {"PRK", "kim-jong-un", XSS_ID}


def test_unknown_focus_is_a_usage_error() -> None:
    with pytest.raises(UsageError, match=r"no node named 'Boris Johnson' in the graph$") as info:
        select(sample_doc(), focus="Boris Johnson")
    assert info.value.exit_code == 2
    with pytest.raises(UsageError, match="no node named 'Sergei Lavorv' in the graph; did you mean 'Sergei Lavrov'"):
        select(sample_doc(), focus="Sergei Lavorv")


def test_focus_left_out_by_labels_is_a_usage_error() -> None:
    with pytest.raises(UsageError, match="left out by the label or node filters"):
        select(sample_doc(), focus="Lavrov", labels=["State"])


def test_negative_depth_and_unknown_names_are_usage_errors() -> None:
    doc = sample_doc()
    with pytest.raises(UsageError, match="depth must be 0 or more"):
        select(doc, focus="Lavrov", depth=-1)
    with pytest.raises(UsageError, match="unknown relationship type 'WARN'"):
        select(doc, types=["WARN"])
    with pytest.raises(UsageError, match="unknown label 'persn'; did you mean 'Person'"):
        select(doc, labels=["persn"])
    assert select(doc, labels=["person"]).stats() == select(doc, labels=["Person"]).stats()
    with pytest.raises(UsageError, match=r"1 node id\(s\) not in the graph: 'nobody'"):
        select(doc, node_ids=["sergei-lavrov", "nobody"])


def test_labels_filter_keeps_only_those_labels_and_edges_between_them() -> None:
    got = select(sample_doc(), labels=["Person", "State"])
    assert ids(got) == {"sergei-lavrov", "kim-jong-un", "xss-person", "RUS", "PRK", "USA"}
    assert types_of(got) == {"LEADS", "HOLDS_OFFICE", "MET", "WARNED", "ACCUSED"}
    assert len(got.relationships) == 5


def test_types_filter_drops_nodes_without_such_relationships() -> None:
    got = select(sample_doc(), types=["MET", "WARNED"])
    assert ids(got) == {"sergei-lavrov", "kim-jong-un", "USA"}
    assert types_of(got) == {"MET", "WARNED"}


def test_types_filter_with_focus_keeps_an_isolated_focus() -> None:
    got = select(sample_doc(), focus="KCNA", depth=3, types=["MET"])
    assert ids(got) == {"kcna"}
    assert got.relationships == {}


def test_node_ids_keep_those_nodes_and_edges_among_them() -> None:
    got = select(sample_doc(), node_ids=["sergei-lavrov", "kim-jong-un", "PRK"])
    assert ids(got) == {"sergei-lavrov", "kim-jong-un", "PRK"}
    assert {(r.type, r.start, r.end) for r in got.relationships.values()} == {
        ("MET", "sergei-lavrov", "kim-jong-un"), ("LEADS", "kim-jong-un", "PRK")}


def test_select_copies_and_leaves_the_input_alone() -> None:
    doc = sample_doc()
    before = doc.to_json()
    got = select(doc, focus="Lavrov", depth=1)
    got.nodes["sergei-lavrov"].properties["name"] = "changed"
    next(iter(got.relationships.values())).properties["evidence"] = "changed"
    assert doc.to_json() == before
    assert select(doc).to_json() == before  # no filter: the same graph


# -- the page -------------------------------------------------------------------


def test_every_name_is_in_the_page_escaped() -> None:
    doc = sample_doc()
    page = render_html(doc, title="test")
    data = page_data(page)
    assert {n["name"] for n in data["nodes"]} == {n.name for n in doc.nodes.values()}
    assert {n["id"] for n in data["nodes"]} == set(doc.nodes)
    for node in doc.nodes.values():
        assert script_json(node.name) in page
    lavrov = next(n for n in data["nodes"] if n["id"] == "sergei-lavrov")
    assert lavrov["aliases"] == ["Lavrov", "Sergey Lavrov"]
    assert lavrov["titles"] == ["Foreign Minister"]
    assert lavrov["group"] == "Person"


def test_xss_payloads_appear_only_escaped() -> None:
    page = render_html(sample_doc(), title="<script>window.__xss=7</script> map")
    for raw in (XSS_NAME, XSS_ALIAS, XSS_ID, XSS_EVIDENCE, XSS_TITLE, "<b>bold</b>",
                "window.__xss=7</script>"):
        assert raw not in page
    # Outside the script blocks (vis-network's own code mentions onerror) there is no active markup.
    markup = re.sub(r"(<script[^>]*>).*?(</script>)", r"\1\2", page, flags=re.S)
    for needle in ("<img", "<svg onload", "onerror", "onload"):
        assert needle not in markup
    # The page's own tags: the JSON block and three scripts, nothing injected.
    assert len(re.findall(r"<script\b", markup, re.I)) == 4
    assert len(re.findall(r"</script", page, re.I)) == 4
    # Where text goes into HTML (title, heading, sources list), it is entity-escaped.
    assert "<title>&lt;script&gt;window.__xss=7&lt;/script&gt; map</title>" in page
    assert html.escape(ARTICLE_TITLE, quote=False) in page
    assert f'data-node="{html.escape("a1")}"' in page
    # In the JSON block, < > & are \\u escapes, and the data round-trips exactly.
    data = page_data(page)
    assert {n["name"] for n in data["nodes"]} >= {XSS_NAME, "Evil & Co"}
    assert any(XSS_ALIAS in n["aliases"] for n in data["nodes"])
    assert any(e["evidence"] == [["a1", XSS_EVIDENCE, None, None]] for e in data["edges"])


def test_no_remote_resources() -> None:
    page = render_html(sample_doc())
    assert not re.search(r"""\b(?:src|href|action|poster|data)\s*=\s*["']?\s*(?:https?:)?//""", page, re.I)
    assert not re.search(r"<link\b", page, re.I)
    assert not re.search(r"<(?:script|img|iframe)\b[^>]*\bsrc=", page, re.I)
    assert not re.search(r"@import|url\(\s*['\"]?(?:https?:)?//", page, re.I)


def test_content_security_policy_allows_exactly_the_inline_scripts() -> None:
    page = render_html(sample_doc())
    meta = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', page)
    csp = html.unescape(meta.group(1))
    assert "default-src 'none'" in csp and "'unsafe-inline'" not in csp.split("script-src")[1].split(";")[0]
    scripts = re.findall(r"<script>(.*?)</script>", page, re.S)
    assert len(scripts) == 3
    for script in scripts:
        digest = base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()
        assert f"'sha256-{digest}'" in csp


def test_vis_network_and_our_script_are_inlined() -> None:
    page = render_html(sample_doc())
    assert "vis-network" in page and "window.graphkitNetwork = network" in page
    assert len(page) > 500_000  # vis-network itself is ~470 kB


def test_header_legend_and_counts() -> None:
    doc = sample_doc()
    page = render_html(doc, title="Seed & friends")
    assert '<h1 id="gk-title">Seed &amp; friends</h1>' in page
    assert "10 nodes" in page and f"{len(doc.relationships)} relationships" in page
    assert "1 source article" in page
    assert 'id="gk-search-input"' in page and 'id="gk-legend"' in page and 'id="gk-physics"' in page
    for label in ("Article", "Person", "State", "Organization", "Statement", "Place"):
        assert f'data-label="{label}"' in page
    for rel_type in types_of(doc):
        assert f'data-type="{rel_type}"' in page


def test_sources_count_articles_whose_nodes_are_filtered_out() -> None:
    page = render_html(select(sample_doc(), labels=["Person", "State"]))
    assert "1 source article" in page
    assert '<span class="gk-meta">article a1 (not in this map)</span>' in page
    assert 'data-node="a1"' not in page  # nothing to focus on


def test_graph_data_styles_merges_and_sizes() -> None:
    doc = sample_doc()
    data = graph_data(doc)
    assert data["big"] is False and data["physics"] is False and data["types_off"] == []
    assert list(data["labels"]) == ["Article", "Person", "State", "Organization", "Place", "Statement"]
    assert data["labels"]["Person"] == {"color": LABEL_STYLES["Person"].color, "shape": "dot"}
    assert data["types"]["MET"]["directed"] is False and data["types"]["WARNED"]["directed"] is True
    assert data["types"]["MENTIONED_IN"]["dashes"] is True
    assert data["articles"] == {"a1": {"title": ARTICLE_TITLE, "source": "Tass", "published": "2024-06-19"}}
    by_id = {n["id"]: n for n in data["nodes"]}
    assert by_id["a1"]["degree"] == 9 and by_id["sergei-lavrov"]["size"] > by_id["kcna"]["size"]
    assert by_id["a1"]["size"] == by_id["statement:warn"]["size"] == 7  # documents are small, whatever their degree
    # the first words on the map; the whole quote in the panel
    assert by_id["statement:warn"]["label"] == "“We warn against exploiting…”"
    assert by_id["statement:warn"]["text"] == "We warn against exploiting these ties to build alliances"
    assert by_id["statement:warn"]["text"].startswith("We warn")
    assert all(math.isfinite(n["x"]) and math.isfinite(n["y"]) for n in data["nodes"])
    warned = next(e for e in data["edges"] if e["type"] == "WARNED")
    assert warned["from"] == "sergei-lavrov" and warned["to"] == "USA"
    assert dict(warned["props"]) == {"cameo": "130"}  # no internal ids (the statement's) in a panel


def test_same_fact_from_two_articles_is_one_edge_with_both_sentences() -> None:
    doc = sample_doc()
    doc.add_node(Node("a2", "Article", {"title": "Second"}))
    doc.add_relationship(Relationship("MET", "sergei-lavrov", "kim-jong-un",
                                      {"article": "a2", "evidence": "They met again."}))
    met = [e for e in graph_data(doc)["edges"] if e["type"] == "MET"]
    assert len(met) == 1
    assert met[0]["count"] == 2
    assert [ev[0] for ev in met[0]["evidence"]] == ["a1", "a2"]


def test_render_is_deterministic_and_handles_an_empty_graph() -> None:
    assert render_html(sample_doc()) == render_html(sample_doc())
    empty = render_html(GraphDoc(), title="empty")
    assert page_data(empty)["nodes"] == [] and "0 nodes" in empty


def test_physics_starts_off_unless_asked_for() -> None:
    """The positions computed in Python are the map; physics runs from the first frame only on request."""
    assert graph_data(sample_doc())["physics"] is False
    assert 'id="gk-physics">' in render_html(sample_doc())  # the toggle, unticked
    assert graph_data(sample_doc(), physics=True)["physics"] is True
    page = render_html(sample_doc(), physics=True)
    assert page_data(page)["physics"] is True and 'id="gk-physics" checked>' in page


def test_big_graph_has_fixed_positions_and_no_physics() -> None:
    doc = generated_doc(2000, 4000)
    assert len(doc.nodes) > BIG_GRAPH_NODES
    data = page_data(render_html(doc))
    assert data["big"] is True and data["physics"] is False
    assert data["types_off"] == []  # no MENTIONED_IN in this graph: every type is drawn
    assert len(data["nodes"]) == 2000 and len(data["edges"]) == 4000
    assert all(math.isfinite(n["x"]) and math.isfinite(n["y"]) for n in data["nodes"])
    assert len({(n["x"], n["y"]) for n in data["nodes"]}) == 2000  # nobody stacked on anybody
    assert data["labels"]["Statement"]["shape"] == "dot"  # no text boxes covering the overview
    assert graph_data(doc, physics=True)["physics"] is True


def with_mentions(doc: GraphDoc, articles: int = 20) -> GraphDoc:
    """``doc`` plus Article nodes and a MENTIONED_IN from every other node to one of them."""
    nodes = list(doc.nodes.values())
    for a in range(articles):
        doc.add_node(Node(f"art{a}", "Article", {"title": f"Article {a}"}))
    for i, node in enumerate(nodes):
        doc.add_relationship(Relationship("MENTIONED_IN", node.id, f"art{i % articles}", {"count": 1}))
    return doc


def test_big_map_starts_with_mentions_unticked_and_says_so() -> None:
    doc = with_mentions(generated_doc(2000, 3000))
    mentions = sum(r.type == "MENTIONED_IN" for r in doc.relationships.values())
    page = render_html(doc)
    data = page_data(page)
    assert data["big"] is True and data["types_off"] == ["MENTIONED_IN"]
    # All edges are in the data (the viewer can tick the type); the legend row is unticked, with its count.
    assert sum(e["type"] == "MENTIONED_IN" for e in data["edges"]) == mentions
    row = re.search(r'<label class="gk-row"[^>]*><input type="checkbox"([^>]*) data-type="MENTIONED_IN">'
                    r'.*?<span class="gk-count">(\d+)</span></label>', page)
    assert row and "checked" not in row.group(1) and int(row.group(2)) == mentions
    assert 'checked data-type="MET">' in page
    assert f'id="gk-hidden-note">· large map: {mentions:,} MENTIONED_IN not drawn, tick it in the legend<' in page


def test_mentions_stay_on_on_small_maps_and_when_they_are_all_there_is() -> None:
    page = render_html(sample_doc())
    assert page_data(page)["types_off"] == [] and 'id="gk-hidden-note"' not in page
    assert 'checked data-type="MENTIONED_IN">' in page
    only = with_mentions(GraphDoc(Node(f"p{i}", "Person", {"name": f"P {i}"}) for i in range(1600)))
    page = render_html(only)
    assert page_data(page)["big"] is True and page_data(page)["types_off"] == []
    assert 'id="gk-hidden-note"' not in page and 'checked data-type="MENTIONED_IN">' in page


def test_layout_keeps_clusters_apart() -> None:
    # Two cliques of 30 joined by one edge: each clique ends up far tighter than the gap between them.
    edges = [(a, b) for c in (0, 30) for a in range(c, c + 30) for b in range(a + 1, c + 30)] + [(0, 30)]
    pos = force_layout(60, edges)
    left, right = pos[:30], pos[30:]
    gap = math.dist(left.mean(axis=0), right.mean(axis=0))
    spread = max(float(abs(left - left.mean(axis=0)).max()), float(abs(right - right.mean(axis=0)).max()))
    assert gap > 2 * spread


def test_styles_cover_the_model() -> None:
    assert set(LABEL_STYLES) == set(LABELS)
    assert set(TYPE_STYLES) == set(REL_TYPES)
    assert len({s.color for s in LABEL_STYLES.values()}) == len(LABELS)
    # A shape per label, but Statements: they are small dots (their size tells them from people), since a
    # shape with the label inside (a box) covers the names around it.
    assert len({s.shape for lb, s in LABEL_STYLES.items() if lb != "Statement"}) == len(LABELS) - 1
    assert short("one two three four", 9) == "one two…"
    assert short("  spaced\n out  ", 40) == "spaced out"


def test_docs_match_the_code() -> None:
    """docs/maps.md names every public function, the real threshold and the real label styles."""
    docs = (Path(__file__).resolve().parent.parent / "docs" / "maps.md").read_text(encoding="utf-8")
    for name in graphkit.render.__all__:
        assert f"{name}" in docs, f"docs/maps.md does not mention {name}"
    assert f"`BIG_GRAPH_NODES` = {BIG_GRAPH_NODES:,}" in docs
    rows = re.findall(r"^\s*\| (\w+) \| (\w+) \| `(#[0-9a-f]{6})` \|$", docs, re.M)
    assert {label: (shape, color) for label, shape, color in rows} == {
        label: (style.shape, style.color) for label, style in LABEL_STYLES.items()}


# -- files and Jupyter ----------------------------------------------------------


def test_write_map_is_atomic_and_creates_the_directory(tmp_path: Path) -> None:
    target = tmp_path / "deep" / "er" / "map.html"
    got = write_map(sample_doc(), target, title="written")
    assert got == target
    assert sorted(p.name for p in target.parent.iterdir()) == ["map.html"]
    text = target.read_text(encoding="utf-8")
    assert "<h1 id=\"gk-title\">written</h1>" in text
    assert target.stat().st_mode & 0o644 == 0o644
    write_map(sample_doc(), str(target), title="again")  # overwrite, str path
    assert "again" in target.read_text(encoding="utf-8")
    assert sorted(p.name for p in target.parent.iterdir()) == ["map.html"]


def test_write_map_failure_leaves_no_temporary_file(tmp_path: Path) -> None:
    target = tmp_path / "map.html"
    target.mkdir()  # a directory where the file should go: the final rename fails
    with pytest.raises(RenderError, match="cannot write map to") as info:
        write_map(sample_doc(), target)
    assert isinstance(info.value, GraphkitError) and info.value.__cause__ is not None
    assert [p.name for p in tmp_path.iterdir()] == ["map.html"]


def test_show_returns_an_escaped_srcdoc_iframe() -> None:
    pytest.importorskip("IPython")
    shown = show(sample_doc(), title="nb", height=500)
    assert type(shown).__name__ == "HTML"
    assert shown.data.startswith('<div class="graphkit-map"><iframe srcdoc="&lt;!DOCTYPE html&gt;')
    assert 'sandbox="allow-scripts"' in shown.data and "height:500px" in shown.data
    srcdoc = re.search(r'srcdoc="([^"]*)"', shown.data).group(1)
    assert "<" not in srcdoc and '"' not in srcdoc
    assert html.unescape(srcdoc) == render_html(sample_doc(), title="nb")


def test_show_without_ipython_raises_a_graphkit_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "IPython", None)
    monkeypatch.setitem(sys.modules, "IPython.display", None)
    with pytest.raises(RenderError, match="needs IPython"):
        show(sample_doc())
