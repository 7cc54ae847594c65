"""graphkit serve without a browser: the app's JSON API, its guards and headers, on a real embedded store.

The store holds one real article, extracted by spaCy from a file (so the
evidence offsets are the extractor's), plus a hand-made hostile graph whose
names carry XSS payloads. tests/test_serve_browser.py drives the page itself.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from starlette.testclient import TestClient

from graphkit.ingest import read_article
from graphkit.model import GraphDoc, Node, Relationship
from graphkit.serve import create_app
from graphkit.store import open_store

BASE = "http://127.0.0.1:8765"
XSS = '<img src=x onerror="window.__xss=1">'
ARTICLE = ("Russian Foreign Minister Sergei Lavrov met North Korean leader Kim Jong Un in Pyongyang on Saturday.\n"
           "Lavrov warned the United States against forming a security partnership targeting North Korea.\n"
           "Japan criticized China over its naval drills, the Kyodo news agency reported.\n")


def hostile_doc() -> GraphDoc:
    nodes = [Node("x-art", "Article", {"title": f"Hostile {XSS}", "published": "2024-01-02"}),
             Node("x-person", "Person", {"name": XSS, "aliases": ["<script>alert(1)</script>"], "articles": ["x-art"]}),
             Node("x-org", "Organization", {"name": "Evil & Co", "articles": ["x-art"]})]
    rels = [Relationship("ACCUSED", "x-person", "x-org", {"article": "x-art", "evidence": XSS}),
            Relationship("MENTIONED_IN", "x-person", "x-art", {"count": 1})]
    return GraphDoc(nodes, rels)


@pytest.fixture(scope="module")
def store_path(tmp_path_factory: pytest.TempPathFactory, extractor: Any) -> Path:
    folder = tmp_path_factory.mktemp("serve")
    article = folder / "lavrov.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    path = folder / "graph.db"
    with open_store("networkx", path=path) as store:
        store.upsert(extractor.extract(read_article(article)))
        store.upsert(hostile_doc())
    return path


@pytest.fixture()
def client(store_path: Path) -> TestClient:
    store = open_store("networkx", path=store_path, read_only=True)
    return TestClient(create_app(store, host="127.0.0.1", port=8765, where=str(store_path)), base_url=BASE)


def test_page_and_every_answer_carry_the_security_headers(client: TestClient) -> None:
    for url in ("/", "/api/info", "/static/explorer.js", "/api/search?q=lavrov", "/api/node/nobody"):
        r = client.get(url)
        csp = r.headers["content-security-policy"]
        assert "default-src 'none'" in csp and "script-src 'self'" in csp and "connect-src 'self'" in csp
        assert r.headers["x-content-type-options"] == "nosniff" and r.headers["x-frame-options"] == "DENY"
    page = client.get("/").text
    assert '<script src="/static/explorer.js"></script>' in page and "<script>" not in page  # no inline script


def test_requests_from_another_host_or_origin_are_refused(client: TestClient) -> None:
    assert client.get("/api/info").status_code == 200
    assert client.get("/api/info", headers={"Origin": BASE}).status_code == 200
    assert client.get("/", headers={"Host": "localhost:8765"}).status_code == 200
    rebound = client.get("/api/info", headers={"Host": "attacker.example:8765"})
    assert rebound.status_code == 403 and "Host 'attacker.example:8765' is not this server" in rebound.json()["error"]
    assert client.get("/api/info", headers={"Host": "127.0.0.1:9999"}).status_code == 403
    foreign = client.post("/api/query", json={"query": "MATCH (n) RETURN n"}, headers={"Origin": "http://evil.example"})
    assert foreign.status_code == 403 and "Origin" in foreign.json()["error"]
    assert client.get("/api/info", headers={"Sec-Fetch-Site": "cross-site"}).status_code == 403


def test_only_the_listed_assets_are_served(client: TestClient) -> None:
    vis = client.get("/static/vis-network.min.js")
    assert vis.status_code == 200 and vis.headers["content-type"].startswith("text/javascript")
    assert "vis" in vis.text[:2000]
    for url in ("/static/map.html", "/static/..%2F..%2Fpyproject.toml", "/static/app.py", "/pyproject.toml",
                "/static/../templates/explorer.html"):
        assert client.get(url).status_code == 404, url


def test_info_lists_counts_and_the_query_library(client: TestClient) -> None:
    info = client.get("/api/info").json()
    assert info["counts"]["nodes"]["Person"] >= 3 and info["counts"]["relationships"]["ACCUSED"] == 1
    names = {q["name"]: q for q in info["queries"]}
    assert names["connections"]["params"] == {"actor": "Choe Son Hui"} and "MATCH" in names["connections"]["cypher"]
    assert "paths" not in names  # Neo4j only


def test_search_ranks_people_before_their_events(client: TestClient) -> None:
    hits = client.get("/api/search", params={"q": "lavrov"}).json()
    assert hits[0]["name"] == "Sergei Lavrov" and hits[0]["label"] == "Person"
    assert client.get("/api/search", params={"q": "img src"}).json()[0]["name"] == XSS
    assert client.get("/api/search", params={"q": ""}).json() == []


def test_node_panel_groups_connections_without_internal_fields(client: TestClient) -> None:
    r = client.get("/api/node/sergei-lavrov").json()
    groups = {(g["type"], g["out"]): g for g in r["connections"]}
    assert [o["name"] for o in groups[("MET", True)]["others"]] == ["Kim Jong Un"]
    assert groups[("WARNED", True)]["total"] == 1
    props = dict(r["node"]["props"])
    assert not {"start", "end", "path", "sha256", "id"} & set(props)
    assert client.get("/api/node/nobody").json()["error"].startswith("graphkit: no node with id 'nobody'")


def test_expand_returns_neighbours_a_page_at_a_time(client: TestClient) -> None:
    whole = client.get("/api/expand/sergei-lavrov").json()
    total = whole["total"]
    assert total >= 4 and whole["more"] == 0 and whole["centre"] == "sergei-lavrov"
    assert {n["name"] for n in whole["nodes"]} >= {"Sergei Lavrov", "Kim Jong Un", "United States"}
    first = client.get("/api/expand/sergei-lavrov", params={"limit": 2}).json()
    assert first["shown"] == 2 and first["more"] == total - 2 and len(first["nodes"]) == 3
    rest = client.get("/api/expand/sergei-lavrov", params={"offset": 2, "limit": 100}).json()
    assert rest["shown"] == total - 2 and rest["more"] == 0
    # the people and states come first, statements and events after them
    group = {n["id"]: n["group"] for n in whole["nodes"]}
    labels = [group[i] for i in whole["neighbours"]]
    assert labels.index("Person") < max(labels.index(x) for x in ("Statement", "Event") if x in labels)
    bad = client.get("/api/expand/sergei-lavrov", params={"limit": "many"})
    assert bad.status_code == 400 and bad.json()["error"] == "graphkit: limit must be a whole number, not 'many'"


def test_path_between_two_actors_avoids_the_article(client: TestClient) -> None:
    r = client.get("/api/path", params={"a": "kim-jong-un", "b": "USA"}).json()
    assert r["path"][0] == "kim-jong-un" and r["path"][-1] == "USA"
    labels = {n["id"]: n["group"] for n in r["nodes"]}
    assert all(labels[i] != "Article" for i in r["path"])
    assert len(r["edges"]) >= len(r["path"]) - 1
    none = client.get("/api/path", params={"a": "kim-jong-un", "b": "x-org"})
    assert none.status_code == 422 and "no path between 'Kim Jong Un' and 'Evil & Co'" in none.json()["error"]


def test_query_by_library_name_and_typed(client: TestClient) -> None:
    lib = client.post("/api/query", json={"query": "connections", "params": {"actor": "Lavrov"}}).json()
    assert lib["columns"] == ["relation", "other", "articles"]
    assert {"relation": "MET", "other": "Kim Jong Un", "articles": 1} in lib["rows"] and lib["graph"] is None
    typed = client.post("/api/query", json={"query": "MATCH (a:Person)-[r:MET]->(b) RETURN a, r, b"}).json()
    assert typed["total"] == 1 and {n["name"] for n in typed["graph"]["nodes"]} == {"Sergei Lavrov", "Kim Jong Un"}
    assert [e["type"] for e in typed["graph"]["edges"]] == ["MET"]
    wrong = client.post("/api/query", json={"query": "connections", "params": {"who": "x"}})
    assert wrong.status_code == 400
    assert wrong.json()["error"].startswith("graphkit: connections has no parameter 'who'")
    broken = client.post("/api/query", json={"query": "MATCH (a RETURN a"})
    assert broken.status_code == 400 and broken.json()["exit_code"] == 2
    assert client.post("/api/query", content=b"not json").json()["error"].startswith("graphkit: the request body")


def test_article_text_holds_the_evidence_at_its_offsets(client: TestClient) -> None:
    piece = client.get("/api/expand/sergei-lavrov").json()
    met = next(e for e in piece["edges"] if e["type"] == "MET")
    article_id, sentence, start, end = met["evidence"][0]
    art = client.get(f"/api/article/{article_id}").json()
    assert art["text"] == ARTICLE and art["title"].startswith("Russian Foreign Minister")
    assert art["text"][start:end].strip() == sentence.strip()
    assert "Lavrov met North Korean leader Kim Jong Un" in sentence
    missing = client.get("/api/article/x-art")  # the hostile graph's article has no file
    assert missing.status_code == 422 and "holds no file path" in missing.json()["error"]
    assert client.get("/api/article/..%2F..%2Fetc%2Fpasswd").status_code in (400, 404)


def test_actors_view_hides_documents_and_filters(client: TestClient) -> None:
    r = client.get("/api/actors").json()
    assert r["nodes"] and not {n["group"] for n in r["nodes"]} & {"Article", "Statement", "Event"}
    only = client.get("/api/actors", params={"type": "accused"}).json()
    assert {e["type"] for e in only["edges"]} == {"ACCUSED"}
    assert {n["name"] for n in only["nodes"]} == {XSS, "Evil & Co"}
    dated = client.get("/api/actors", params={"since": "2024-01-01", "until": "2024-01-31"}).json()
    assert {n["id"] for n in dated["nodes"]} == {"x-person", "x-org"}
    assert client.get("/api/actors", params={"label": "persn"}).json()["error"].startswith("graphkit: unknown label")


def test_export_is_the_standalone_map_of_the_view(client: TestClient) -> None:
    r = client.post("/api/export", json={"ids": ["sergei-lavrov", "kim-jong-un"], "title": f"view {XSS}"})
    assert r.status_code == 200 and r.headers["content-disposition"].startswith("attachment")
    assert "<title>view &lt;img src=x" in r.text and 'id="graph-data"' in r.text
    empty = client.post("/api/export", json={"ids": []}).json()
    assert empty["error"] == "graphkit: nothing to export: the view is empty"


def test_a_load_while_serving_is_seen_at_the_next_request(client: TestClient, store_path: Path) -> None:
    assert client.get("/api/search", params={"q": "Zanzibar Jones"}).json() == []
    with open_store("networkx", path=store_path) as writer:
        writer.upsert(GraphDoc([Node("zj", "Person", {"name": "Zanzibar Jones"})]))
    assert client.get("/api/search", params={"q": "Zanzibar Jones"}).json()[0]["id"] == "zj"
