"""graphkit serve without a browser: the app's JSON API, its guards and headers, on a real embedded store.

The store holds one real article, extracted by spaCy from a file (so the
evidence offsets are the extractor's), plus a hand-made hostile graph whose
names carry XSS payloads. tests/test_serve_browser.py drives the page itself.
"""

from __future__ import annotations

import random
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from starlette.testclient import TestClient

from graphkit.errors import GraphkitError
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
    timing = client.get("/api/expand/sergei-lavrov").headers["server-timing"]
    assert timing.startswith("app;dur=") and float(timing.split("=")[1]) > 0


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


# -- the questions behind the API, on the store's own Cypher ---------------------------------------


def chain_doc(n: int = 60) -> GraphDoc:
    """People p00 - p01 - ... in a line (KNOWS is not in the schema: MET), every one of them also MET p00,
    all mentioned in one dated article: a store where a set of more than PAIR_PROBE_NODES nodes occurs."""
    art = Node("chain-art", "Article", {"title": "The chain", "published": "2024-03-01"})
    people = [Node(f"p{i:02d}", "Person", {"name": f"Person {i:02d}", "articles": ["chain-art"]}) for i in range(n)]
    rels = [Relationship("MET", f"p{i:02d}", f"p{i + 1:02d}", {"article": "chain-art", "evidence": f"{i} met {i + 1}"})
            for i in range(n - 1)]
    rels += [Relationship("MET", f"p{i:02d}", "p00", {"article": "chain-art", "evidence": f"{i} met 0"})
             for i in range(2, n)]
    rels += [Relationship("MENTIONED_IN", p.id, "chain-art", {"count": 1}) for p in people]
    return GraphDoc([art, *people], rels)


@pytest.fixture(scope="module")
def chain_store(tmp_path_factory: pytest.TempPathFactory) -> Any:
    path = tmp_path_factory.mktemp("chain") / "graph.db"
    with open_store("embedded", path=path) as store:
        store.upsert(chain_doc())
    store = open_store("embedded", path=path, read_only=True)
    yield store
    store.close()


def test_the_explorer_never_builds_the_whole_graph(store_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from graphkit.store.embedded import EmbeddedStore

    def whole(self: Any) -> None:
        raise AssertionError("the explorer asked for the whole graph")

    for name in ("to_networkx", "export"):
        monkeypatch.setattr(EmbeddedStore, name, whole)
    store = open_store("embedded", path=store_path, read_only=True)
    client = TestClient(create_app(store, host="127.0.0.1", port=8765), base_url=BASE)
    for url in ("/api/info", "/api/search?q=lavrov", "/api/node/sergei-lavrov", "/api/expand/sergei-lavrov",
                "/api/path?a=kim-jong-un&b=USA", "/api/actors", "/api/actors?type=met"):
        assert client.get(url).status_code == 200, url
    assert client.post("/api/query", json={"query": "MATCH (a:Person)-[r]->(b) RETURN a, b"}).status_code == 200
    assert client.post("/api/export", json={"ids": ["sergei-lavrov", "kim-jong-un"]}).status_code == 200


def test_relationships_among_many_nodes_are_the_same_by_pairs_and_by_links(chain_store: Any) -> None:
    from graphkit.serve.graph import PAIR_PROBE_NODES, StoreGraph

    graph = StoreGraph(chain_store)
    few = [f"p{i:02d}" for i in range(PAIR_PROBE_NODES)]
    many = [f"p{i:02d}" for i in range(60)]
    by_pairs, _ = graph.among(few)
    by_links, capped = graph.among(many)
    assert not capped and len(many) > PAIR_PROBE_NODES
    key = {(r.type, r.start, r.end) for r in by_pairs}
    assert key == {(r.type, r.start, r.end) for r in by_links if r.start in few and r.end in few}
    assert ("MET", "p00", "p01") in key and ("MET", "p49", "p00") in key and len(key) == 49 + 48
    assert len(by_links) == 59 + 58  # the chain and the returns to p00, no MENTIONED_IN (the article is not asked)


def test_expand_pages_through_entities_then_documents(chain_store: Any) -> None:
    from graphkit.serve.graph import StoreGraph

    graph = StoreGraph(chain_store)
    first = graph.expand("p00", limit=50)
    assert first["total"] == 60 and first["shown"] == 50 and first["more"] == 10  # 59 people and the article
    assert first["neighbours"][0] == "p01"  # shares two relationships with p00 (MET both ways)
    rest = graph.expand("p00", offset=50, limit=50)
    assert rest["shown"] == 10 and rest["more"] == 0 and rest["neighbours"][-1] == "chain-art"
    assert set(first["neighbours"]) | set(rest["neighbours"]) == {f"p{i:02d}" for i in range(1, 60)} | {"chain-art"}
    docs = graph.expand("p00", offset=59, limit=5)  # a page of documents only: the entities are counted
    assert docs["neighbours"] == ["chain-art"] and docs["more"] == 0


def test_path_is_the_shortest_and_stops_at_its_hops(chain_store: Any) -> None:
    from graphkit.serve.graph import StoreGraph

    graph = StoreGraph(chain_store)
    assert graph.path("p05", "p06")["path"] == ["p05", "p06"]
    assert graph.path("p05", "p07")["path"] == ["p05", "p00", "p07"]  # of two shortest, the first by id
    assert graph.path("p10", "p30")["path"] == ["p10", "p00", "p30"]  # through p00, not along the line
    assert [e["type"] for e in graph.path("p10", "p30")["edges"]] == ["MET", "MET"]
    assert graph.path("p03", "p03")["path"] == ["p03"]
    with pytest.raises(GraphkitError, match="no path between 'Person 10' and 'Person 30' within 1 hops"):
        graph.path("p10", "p30", max_hops=1)


def test_a_big_store_starts_from_the_actors_its_latest_articles_mention(store_path: Path) -> None:
    from graphkit.serve.graph import StoreGraph

    store = open_store("embedded", path=store_path, read_only=True)
    app = create_app(store, host="127.0.0.1", port=8765, graph=StoreGraph(store, big_store_rels=0))
    r = TestClient(app, base_url=BASE).get("/api/actors").json()
    assert r["mode"] == "latest" and r["articles_read"] == r["articles_total"] == 2
    names = {n["name"] for n in r["nodes"]}
    assert {"Sergei Lavrov", "Kim Jong Un", XSS} <= names and "Evil & Co" not in names  # not MENTIONED_IN
    assert not {n["group"] for n in r["nodes"]} & {"Article", "Statement", "Event"}
    assert ("MET", "sergei-lavrov", "kim-jong-un") in {(e["type"], e["from"], e["to"]) for e in r["edges"]}
    assert r["total"] == sum(n for lb, n in client_info(app)["counts"]["nodes"].items()
                             if lb not in ("Article", "Statement", "Event"))


def client_info(app: Any) -> dict[str, Any]:
    return TestClient(app, base_url=BASE).get("/api/info").json()


def test_query_results_are_drawn_from_the_store(client: TestClient) -> None:
    r = client.post("/api/query", json={"query": "MATCH (p:Person) RETURN p.name AS name, p ORDER BY name"}).json()
    assert r["total"] >= 3 and r["graph"]["capped"] is False
    assert {n["group"] for n in r["graph"]["nodes"]} == {"Person"}
    assert {"Sergei Lavrov", "Kim Jong Un"} <= {n["name"] for n in r["graph"]["nodes"]}
    plain = client.post("/api/query", json={"query": "MATCH (p:Person) RETURN p.name AS name"}).json()
    assert plain["graph"] is None  # names only: nothing to draw


def test_expand_counts_neighbours_up_to_a_cap(chain_store: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    from graphkit.serve import graph as serve_graph

    monkeypatch.setattr(serve_graph, "EXPAND_COUNT_CAP", 20)
    graph = serve_graph.StoreGraph(chain_store)
    first = graph.expand("p00", limit=10)  # 60 neighbours: "10 of 20+"
    assert (first["total"], first["total_capped"], first["shown"], first["more"]) == (20, True, 10, 10)
    assert first["neighbours"][0] == "p01"  # still ranked over all of them, not the first 20 found
    last = graph.expand("p00", offset=50, limit=20)  # a page past the cap counts as far as it reaches
    assert (last["total"], last["total_capped"], last["shown"], last["more"]) == (60, False, 10, 0)
    deep = graph.expand("p00", offset=59, limit=1)  # the documents' page: the entities counted apart
    assert deep["neighbours"] == ["chain-art"] and deep["more"] == 0
    with pytest.raises(GraphkitError, match="no node with id 'nobody'"):
        graph.expand("nobody")


# -- a dense corpus: one line per pair --------------------------------------------------------------

DENSE_TYPES = ("MET", "WARNED", "ACCUSED", "SUPPORTS", "CRITICIZED", "SIGNED", "VISITED", "PRAISED")


def dense_doc(states: int = 24, facts: int = 700, seed: int = 4) -> GraphDoc:
    """States that all deal with each other, as the wire stories of benchmarks/corpus.py do: ``facts``
    interactions of several types between random pairs, each from one of 40 dated articles."""
    rnd = random.Random(seed)
    arts = [Node(f"d-art{i}", "Article", {"title": f"Dense story {i}", "published": f"2024-02-{i % 28 + 1:02d}"})
            for i in range(40)]
    nodes = [Node(f"S{i:02d}", "State", {"name": f"State {i:02d}", "articles": [a.id for a in arts]})
             for i in range(states)]
    rels = []
    for k in range(facts):
        a, b = rnd.sample(range(states), 2)
        rel_type = rnd.choice(DENSE_TYPES)
        evidence = f"State {a:02d} {rel_type.lower()} State {b:02d} ({k})."
        rels.append(Relationship(rel_type, f"S{a:02d}", f"S{b:02d}",
                                 {"article": f"d-art{rnd.randrange(40)}", "evidence": evidence}))
    rels += [Relationship("MENTIONED_IN", n.id, a.id, {"count": 1}) for n in nodes for a in arts[:3]]
    return GraphDoc([*arts, *nodes], rels)


def pair_facts(edges: list[dict[str, Any]]) -> dict[tuple[str, str], Counter]:
    """The facts of each pair of nodes by type, from a piece's per-type edges."""
    pairs: dict[tuple[str, str], Counter] = {}
    for e in edges:
        pairs.setdefault(tuple(sorted((e["from"], e["to"]))), Counter())[e["type"]] += e["count"]
    return pairs


def overview(pairs: dict[tuple[str, str], Counter], cap: int) -> set[tuple[str, str]]:
    """The pairs an overview draws (docs/explorer.md): the ``cap`` with most facts (then most types, then by
    ids), and each node's strongest."""
    ranked = sorted(pairs, key=lambda k: (-sum(pairs[k].values()), -len(pairs[k]), k))
    placed: set[str] = set()
    shown = set()
    for i, (a, b) in enumerate(ranked):
        if i < cap or a not in placed or b not in placed:
            shown.add((a, b))
        placed |= {a, b}
    return shown


@pytest.fixture(scope="module")
def dense_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("dense") / "graph.db"
    with open_store("embedded", path=path) as store:
        store.upsert(dense_doc())
    return path


def test_a_dense_actors_view_is_merged_by_pair_and_a_small_one_is_not(dense_path: Path, client: TestClient,
                                                                         seed_graph: GraphDoc, tmp_path: Path) -> None:
    store = open_store("embedded", path=dense_path, read_only=True)
    dense = TestClient(create_app(store, host="127.0.0.1", port=8765), base_url=BASE).get("/api/actors").json()
    assert dense["merge"] is True and dense["overview_lines"] == 80
    pairs = pair_facts(dense["edges"])
    assert len(dense["edges"]) > 80 and len(pairs) > 80 and len(dense["nodes"]) == 24
    assert len(overview(pairs, 80)) < len(pairs)  # the overview leaves some out
    assert client.get("/api/actors").json()["merge"] is False  # two articles: a line per type
    with open_store("embedded", path=tmp_path / "seed.db") as seed_store:
        seed_store.upsert(seed_graph)
    seed_store = open_store("embedded", path=tmp_path / "seed.db", read_only=True)
    seed = TestClient(create_app(seed_store, host="127.0.0.1", port=8765), base_url=BASE).get("/api/actors").json()
    assert seed["merge"] is False and 0 < len(seed["edges"]) <= 80
