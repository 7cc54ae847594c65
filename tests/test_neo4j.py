"""The Neo4j store against a real server over Bolt: same graph as the embedded store, idempotent."""

from __future__ import annotations

import pytest
from conftest import NEO4J_PASSWORD, NEO4J_URI, SEED, run_cli

from graphkit.errors import StoreError
from graphkit.model import GraphDoc, Node, Relationship
from graphkit.store import EmbeddedStore
from graphkit.store.neo4j import Neo4jStore, schema_statements

pytestmark = pytest.mark.neo4j


def _canonical(doc: GraphDoc) -> str:
    return doc.to_json()


def test_loaded_graph_equals_the_embedded_store(neo4j_store, seed_graph, tmp_path):
    neo4j_store.upsert(seed_graph)
    nx_store = EmbeddedStore(tmp_path / "g.db")
    nx_store.upsert(seed_graph)
    assert neo4j_store.stats() == nx_store.stats() == seed_graph.stats()
    assert _canonical(neo4j_store.export()) == _canonical(nx_store.export())


def test_reloading_changes_nothing(neo4j_store, seed_graph):
    neo4j_store.upsert(seed_graph)
    first = neo4j_store.stats()
    neo4j_store.upsert(seed_graph)
    assert neo4j_store.stats() == first
    rows = neo4j_store.query("MATCH (p:Person {id: $id}) RETURN p.aliases AS aliases", {"id": "kim-jong-un"}).rows
    assert sorted(rows[0]["aliases"]) == sorted(set(rows[0]["aliases"]))


def test_list_properties_merge_without_duplicates(neo4j_store):
    a = GraphDoc([Node("x", "Person", {"name": "X", "aliases": ["A", "B"], "articles": ["1"]})])
    b = GraphDoc([Node("x", "Person", {"name": "X", "aliases": ["B", "C"], "articles": ["2"]})])
    neo4j_store.upsert(a)
    neo4j_store.upsert(b)
    row = neo4j_store.query("MATCH (p:Person {id: 'x'}) RETURN p.aliases AS a, p.articles AS r").rows[0]
    assert sorted(row["a"]) == ["A", "B", "C"] and sorted(row["r"]) == ["1", "2"]


def test_injection_text_is_stored_verbatim(neo4j_store):
    evil = "'}) DETACH DELETE n // `x` {$y} \\ \""
    doc = GraphDoc([Node("e", "Person", {"name": evil, "aliases": [evil], "articles": []}),
                    Node("s", "State", {"name": "S", "aliases": [], "articles": [], "iso3": "SSS"})],
                   [Relationship("LEADS", "e", "s", {"article": "a", "evidence": evil})])
    neo4j_store.upsert(doc)
    rows = neo4j_store.query("MATCH (p:Person)-[r:LEADS]->(s) RETURN p.name AS n, r.evidence AS e").rows
    assert rows == [{"n": evil, "e": evil}]


def test_schema_constraints_exist(neo4j_store):
    rows = neo4j_store.query("SHOW CONSTRAINTS YIELD name RETURN name").rows
    assert {r["name"] for r in rows} >= {"person_id", "state_id", "statement_id", "article_id", "node_id"}
    assert len(schema_statements()) == 17


def test_every_node_also_carries_the_node_label(neo4j_store, seed_graph):
    neo4j_store.upsert(seed_graph)
    assert neo4j_store.query("MATCH (n) WHERE NOT n:Node RETURN count(n) AS n").rows == [{"n": 0}]
    rows = neo4j_store.query("MATCH (n:Node {id: $id}) RETURN labels(n) AS labels", {"id": "kim-jong-un"}).rows
    assert [sorted(r["labels"]) for r in rows] == [["Node", "Person"]]
    assert "Node" not in neo4j_store.stats()["nodes"]
    assert sum(neo4j_store.stats()["nodes"].values()) == len(seed_graph.nodes)


def test_nodes_of_an_older_load_get_the_node_label(neo4j_server):
    """A database loaded before the Node label existed is labelled once, then merged into, not duplicated."""
    neo4j_server.clear()
    neo4j_server.query("CREATE (:Person {id: 'old-p', name: 'Old P', aliases: ['P'], articles: ['1']}), "
                       "(:State {id: 'OLD', name: 'Oldland', aliases: [], articles: ['1']})", write=True)
    store = Neo4jStore(NEO4J_URI, "neo4j", NEO4J_PASSWORD, "neo4j")
    try:
        store.upsert(GraphDoc([Node("old-p", "Person", {"name": "Old P", "aliases": ["Q"], "articles": ["2"]}),
                               Node("OLD", "State", {"name": "Oldland", "aliases": [], "articles": ["2"]})],
                              [Relationship("LEADS", "old-p", "OLD", {"article": "2", "evidence": "e"})]))
        assert store.stats() == {"nodes": {"Person": 1, "State": 1}, "relationships": {"LEADS": 1}}
        row = store.query("MATCH (p:Person:Node {id: 'old-p'}) RETURN p.aliases AS a, p.articles AS r").rows
        assert row == [{"a": ["P", "Q"], "r": ["1", "2"]}]
    finally:
        store.close()


def test_an_id_stored_under_another_label_gets_the_label_prefix_as_in_the_embedded_store(neo4j_store, tmp_path):
    """Extraction can call one name a Place in one article and an Organization in the next."""
    docs = [GraphDoc([Node("abu-dhabi", "Place", {"name": "Abu Dhabi"}), Node("a1", "Article", {"title": "1"})],
                     [Relationship("MENTIONED_IN", "abu-dhabi", "a1", {"count": 1})]),
            GraphDoc([Node("abu-dhabi", "Organization", {"name": "Abu Dhabi"}), Node("a2", "Article", {"title": "2"}),
                      Node("p", "Person", {"name": "P"})],
                     [Relationship("MENTIONED_IN", "abu-dhabi", "a2", {"count": 2}),
                      Relationship("CRITICIZED", "p", "abu-dhabi", {"article": "a2", "evidence": "e"})])]
    nx_store = EmbeddedStore(tmp_path / "g.db")
    for doc in [*docs, docs[1]]:  # the second article twice: the prefixed node is merged, not doubled
        neo4j_store.upsert(doc)
        nx_store.upsert(doc)
    assert _canonical(neo4j_store.export()) == _canonical(nx_store.export())
    rows = neo4j_store.query("MATCH (o:Organization)<-[:CRITICIZED]-(:Person {id: 'p'}) "
                             "MATCH (o)-[m:MENTIONED_IN]->(a) RETURN o.id AS id, a.id AS a, m.count AS c").rows
    assert rows == [{"id": "organization:abu-dhabi", "a": "a2", "c": 2}]
    assert neo4j_store.stats()["nodes"] == {"Article": 2, "Organization": 1, "Person": 1, "Place": 1}


def test_clear_empties_a_graph_with_a_hub(neo4j_store):
    hub = Node("hub", "Article", {"name": "hub"})
    people = [Node(f"p{i}", "Person", {"name": f"P {i}", "aliases": [], "articles": ["hub"]}) for i in range(3000)]
    rels = [Relationship("MENTIONED_IN", p.id, "hub", {"count": 1}) for p in people]
    neo4j_store.upsert(GraphDoc([hub, *people], rels))
    assert neo4j_store.stats()["relationships"] == {"MENTIONED_IN": 3000}
    neo4j_store.clear()
    assert neo4j_store.query("MATCH (n) RETURN count(n) AS n").rows == [{"n": 0}]


def test_schema_file_matches_the_code():
    from conftest import ROOT

    text = (ROOT / "cypher" / "schema.cypher").read_text(encoding="utf-8")
    statements = [line.rstrip(";") for line in text.splitlines() if line and not line.startswith("//")]
    assert statements == schema_statements()


def test_wrong_password_is_one_line_without_the_password():
    store = Neo4jStore(NEO4J_URI, "neo4j", "not-the-password-xyz", "neo4j")
    with pytest.raises(StoreError, match="refused the credentials") as info:
        store.stats()
    assert "not-the-password-xyz" not in str(info.value)


def test_unreachable_server_is_one_line():
    store = Neo4jStore("bolt://127.0.0.1:1", "neo4j", "pw", "neo4j")
    with pytest.raises(StoreError, match="cannot reach the Neo4j server"):
        store.stats()


def test_unknown_database_is_one_line(neo4j_server):
    store = Neo4jStore(NEO4J_URI, "neo4j", NEO4J_PASSWORD, "nosuchdb")
    with pytest.raises(StoreError, match="database 'nosuchdb' does not exist"):
        store.stats()


def test_cli_load_query_and_ping_on_neo4j(neo4j_store):
    env = {"NEO4J_URI": NEO4J_URI, "NEO4J_PASSWORD": NEO4J_PASSWORD, "GRAPHKIT_BACKEND": "neo4j"}
    proc = run_cli("load", str(SEED), env=env)
    assert proc.returncode == 0, proc.stderr
    proc = run_cli("query", "warned-by", "--param", "actor=Sergei Lavrov", "--format", "csv", env=env)
    assert proc.returncode == 0, proc.stderr
    assert [line.split(",")[0] for line in proc.stdout.splitlines()[1:]] == ["Japan", "South Korea",
                                                                             "United States"]
    proc = run_cli("ping", env=env)
    assert proc.returncode == 0, proc.stderr
    assert "Neo4j 5.26" in proc.stdout and "community" in proc.stdout
    assert NEO4J_PASSWORD not in proc.stdout + proc.stderr
