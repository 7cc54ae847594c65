"""The explorer on Neo4j gives the answers it gives on the embedded store (marker ``neo4j``: a real server).

The same graph (a real article extracted by spaCy, a hostile hand-made one and
a chain of 60 people) is loaded into both stores; every question the explorer
asks is asked of both, through the app, and the answers compared.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from starlette.testclient import TestClient
from test_serve import ARTICLE, BASE, XSS, chain_doc, hostile_doc

from graphkit.ingest import read_article
from graphkit.model import GraphDoc
from graphkit.serve import create_app
from graphkit.store import open_store

pytestmark = pytest.mark.neo4j


@pytest.fixture(scope="module")
def docs(tmp_path_factory: pytest.TempPathFactory, extractor: Any) -> list[GraphDoc]:
    article = tmp_path_factory.mktemp("serve-neo4j") / "lavrov.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    return [extractor.extract(read_article(article)), hostile_doc(), chain_doc()]


@pytest.fixture()
def clients(docs: list[GraphDoc], neo4j_store: Any, tmp_path: Path) -> tuple[TestClient, TestClient]:
    path = tmp_path / "graph.db"
    with open_store("embedded", path=path) as store:
        for doc in docs:
            store.upsert(doc)
    for doc in docs:
        neo4j_store.upsert(doc)
    embedded = open_store("embedded", path=path, read_only=True)
    return (TestClient(create_app(embedded, host="127.0.0.1", port=8765), base_url=BASE),
            TestClient(create_app(neo4j_store, host="127.0.0.1", port=8765), base_url=BASE))


def shape(piece: dict[str, Any]) -> dict[str, Any]:
    """What a piece says, without what the two engines may order differently."""
    return {"nodes": sorted((n["id"], n["group"], n["name"]) for n in piece["nodes"]),
            "edges": sorted((e["type"], e["from"], e["to"], e["count"], tuple(map(tuple, e["evidence"])))
                            for e in piece["edges"])}


def test_every_question_has_the_same_answer_on_both_stores(clients: tuple[TestClient, TestClient]) -> None:
    embedded, neo4j = clients
    for url in ("/api/search?q=lavrov", "/api/search?q=img%20src", "/api/search?q=person%201"):
        assert embedded.get(url).json() == neo4j.get(url).json(), url
    for nid in ("sergei-lavrov", "p00", "x-person"):
        a, b = embedded.get(f"/api/node/{nid}").json(), neo4j.get(f"/api/node/{nid}").json()
        assert a["node"]["name"] == b["node"]["name"]
        assert a["connections"] == b["connections"], nid
    for url in ("/api/expand/sergei-lavrov", "/api/expand/p00?limit=20", "/api/expand/p00?offset=55&limit=20"):
        a, b = embedded.get(url).json(), neo4j.get(url).json()
        assert (a["total"], a["shown"], a["more"], a["neighbours"]) == (b["total"], b["shown"], b["more"],
                                                                         b["neighbours"]), url
        assert shape(a) == shape(b), url
    for url in ("/api/path?a=kim-jong-un&b=USA", "/api/path?a=p10&b=p30", "/api/path?a=p05&b=p07"):
        a, b = embedded.get(url).json(), neo4j.get(url).json()
        assert a["path"] == b["path"] and shape(a) == shape(b), url
    for url in ("/api/actors", "/api/actors?type=met", "/api/actors?label=person&label=state",
                "/api/actors?since=2024-01-01&until=2024-01-31"):
        a, b = embedded.get(url).json(), neo4j.get(url).json()
        assert (a["total"], a["shown"], a["mode"]) == (b["total"], b["shown"], b["mode"]) and shape(a) == shape(b), url
    query = {"query": "MATCH (a:Person)-[r:MET]->(b:Person) WHERE a.name STARTS WITH 'Person 0' RETURN a, b"}
    a, b = embedded.post("/api/query", json=query).json(), neo4j.post("/api/query", json=query).json()
    assert a["total"] == b["total"] == 18 and shape(a["graph"]) == shape(b["graph"])
    assert embedded.get("/api/info").json()["counts"] == neo4j.get("/api/info").json()["counts"]


def test_neo4j_answers_are_escaped_and_read_only(clients: tuple[TestClient, TestClient]) -> None:
    _, neo4j = clients
    hits = neo4j.get("/api/search", params={"q": "img src"}).json()
    assert hits[0]["name"] == XSS  # as data, in JSON: the page puts it in with textContent
    wrote = neo4j.post("/api/query", json={"query": "MATCH (n:Person) SET n.name = 'x' RETURN n"})
    assert wrote.status_code == 400 and "queries only read" in wrote.json()["error"]
    assert neo4j.get("/api/search", params={"q": "Sergei Lavrov"}).json()[0]["name"] == "Sergei Lavrov"
