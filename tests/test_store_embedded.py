"""The embedded store: idempotent merges, one transaction per write, read-only readers, Cypher checks."""

from __future__ import annotations

import subprocess
import sys

import networkx as nx
import pytest
from conftest import ROOT

from graphkit.errors import NoStoreError, QueryError, StoreError
from graphkit.model import GraphDoc, Node, Relationship
from graphkit.store import EmbeddedStore, open_store
from graphkit.store.embedded_cypher import analyse
from graphkit.store.embedded_sql import compile_query
from graphkit.store.networkx import LABELS_ATTR, from_networkx, to_networkx


@pytest.fixture()
def seed_store(tmp_path, seed_graph) -> EmbeddedStore:
    store = EmbeddedStore(tmp_path / "g.db")
    store.upsert(seed_graph)
    return store


def test_loading_the_same_article_twice_changes_nothing(seed_store, seed_graph):
    first = seed_store.export().to_json()
    seed_store.upsert(seed_graph)
    assert seed_store.export().to_json() == first == seed_graph.to_json()
    assert seed_store.stats() == seed_graph.stats()


def test_export_is_byte_stable_graph_json(tmp_path, seed_graph):
    a, b = EmbeddedStore(tmp_path / "a.db"), EmbeddedStore(tmp_path / "b.db")
    a.upsert(seed_graph)
    reversed_doc = GraphDoc(reversed(list(seed_graph.nodes.values())),
                            reversed(list(seed_graph.relationships.values())))
    b.upsert(reversed_doc)
    assert a.export().to_json() == b.export().to_json() == seed_graph.to_json()


def test_a_first_load_builds_its_indexes_after_the_rows_and_ends_as_a_merge_would(tmp_path, seed_graph):
    # the first upsert into an empty store drops the secondary indexes and builds them at the end; a
    # store that already holds a node merges the same article through them: same indexes, same graph,
    # and a second upsert in the deferred load's transaction merges through the rebuilt indexes
    one = GraphDoc(list(seed_graph.nodes.values())[:1], [])
    first = EmbeddedStore(tmp_path / "first.db")
    with first.writing():
        first.upsert(seed_graph)
        first.upsert(seed_graph)
    merged = EmbeddedStore(tmp_path / "merged.db")
    merged.upsert(one)
    merged.upsert(seed_graph)

    def indexes(store: EmbeddedStore) -> list[tuple[str, str]]:
        return store.tables.conn.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL ORDER BY name").fetchall()

    assert indexes(first) == indexes(merged) and len(indexes(first)) >= 15
    assert first.export().to_json() == merged.export().to_json() == seed_graph.to_json()


def test_a_failed_write_leaves_the_store_as_it_was(seed_store, seed_graph):
    before = seed_store.export().to_json()
    extra = GraphDoc([Node("half-written", "Person", {"name": "Half", "aliases": [], "articles": ["x"]})])
    with pytest.raises(RuntimeError, match="crash"), seed_store.writing():
        seed_store.upsert(extra)
        raise RuntimeError("crash in the middle of a load")
    assert seed_store.export().to_json() == before
    assert EmbeddedStore(seed_store.path).export().to_json() == before


def test_a_process_killed_mid_write_leaves_the_previous_state(seed_store, seed_graph):
    before = seed_store.export().to_json()
    seed_store.close()
    code = (f"import os, sys; sys.path.insert(0, {str(ROOT)!r})\n"
            "from graphkit.store import EmbeddedStore\n"
            "from graphkit.model import GraphDoc, Node\n"
            f"s = EmbeddedStore({str(seed_store.path)!r})\n"
            "with s.writing():\n"
            "    s.upsert(GraphDoc([Node(f'n{i}', 'Person', {'name': f'N{i}'}) for i in range(5000)]))\n"
            "    os._exit(9)\n")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert proc.returncode == 9, proc.stderr
    assert EmbeddedStore(seed_store.path).export().to_json() == before


def test_store_file_is_sqlite_and_reopens(seed_store, seed_graph):
    assert seed_store.path.read_bytes()[:16] == b"SQLite format 3\x00"
    seed_store.close()
    assert EmbeddedStore(seed_store.path).export().to_json() == seed_graph.to_json()


def test_an_old_graph_json_store_names_the_migration(tmp_path, seed_graph):
    old = tmp_path / "graph.json"
    old.write_text(seed_graph.to_json(), encoding="utf-8")
    with pytest.raises(StoreError, match=r"graph\.json is a Graph JSON store .*`graphkit import .*graph\.json "
                                         r"--store .*graph\.db`"):
        EmbeddedStore(old).stats()
    # what `graphkit import` does: the file read whole, then one upsert into the new store
    new = EmbeddedStore(tmp_path / "graph.db")
    new.upsert(GraphDoc.from_json(old.read_text(encoding="utf-8")))
    assert EmbeddedStore(tmp_path / "graph.db").export().to_json() == seed_graph.to_json()


def test_a_graph_json_store_with_the_new_name_is_renamed_first(tmp_path, seed_graph):
    store = tmp_path / "graph.db"
    store.write_text(seed_graph.to_json(), encoding="utf-8")
    with pytest.raises(StoreError, match=r"`mv .*graph\.db .*graph\.json && graphkit import .*graph\.json "
                                         r"--store .*graph\.db`"):
        EmbeddedStore(store).stats()


@pytest.mark.parametrize("content, needle", [
    (b"not a database at all", "not a graphkit store"),
    (b"SQLite format 3\x00" + b"\x00" * 200, "not a graphkit store or damaged"),
])
def test_damaged_store_files_give_one_line(tmp_path, content, needle):
    path = tmp_path / "g.db"
    path.write_bytes(content)
    with pytest.raises(StoreError, match=needle) as raised:
        EmbeddedStore(path).stats()
    assert "\n" not in str(raised.value)
    assert path.read_bytes() == content


def test_read_only_open_of_a_missing_store(tmp_path):
    with pytest.raises(NoStoreError, match=r"no graphkit store at .*missing\.db; make one with `graphkit load`"):
        open_store("embedded", path=tmp_path / "missing.db", read_only=True)
    for read in (lambda s: s.query("MATCH (n) RETURN n"), EmbeddedStore.stats, EmbeddedStore.export,
                 EmbeddedStore.to_networkx):
        with pytest.raises(NoStoreError, match="no graphkit store"):
            read(EmbeddedStore(tmp_path / "missing.db"))
    assert not (tmp_path / "missing.db").exists()


def test_a_read_only_reader_sees_later_loads_and_cannot_write(seed_store, seed_graph):
    reader = open_store("networkx", path=seed_store.path, read_only=True)
    count = "MATCH (n:Person) RETURN count(n) AS n"
    before = reader.query(count).rows[0]["n"]
    assert len(reader.to_networkx()) == len(seed_graph.nodes)
    seed_store.upsert(GraphDoc([Node("new-person", "Person", {"name": "New Person", "aliases": [],
                                                              "articles": ["z"]})]))
    assert reader.query(count).rows[0]["n"] == before + 1
    assert "new-person" in reader.to_networkx()
    with pytest.raises(StoreError, match="read-only"):
        reader.upsert(seed_graph)


def test_to_networkx_is_the_graph_doc_as_a_multidigraph(seed_store, seed_graph):
    graph = seed_store.to_networkx()
    assert isinstance(graph, nx.MultiDiGraph)
    expected = to_networkx(seed_graph)
    assert sorted(graph.nodes(data=True), key=str) == sorted(expected.nodes(data=True), key=str)
    assert sorted(graph.edges(keys=True, data=True), key=str) == sorted(expected.edges(keys=True, data=True), key=str)
    assert graph.nodes["sergei-lavrov"][LABELS_ATTR] == {"Person"}
    assert from_networkx(graph).to_json() == seed_graph.to_json()
    assert seed_store.graph is graph  # cached until the data change


def test_article_hashes_and_drop_article(tmp_path, seed_graph):
    store = EmbeddedStore(tmp_path / "g.db")
    article = seed_graph.articles()[0]
    other = GraphDoc([Node("a2", "Article", {"name": "Two", "title": "Two", "articles": ["a2"], "aliases": [],
                                             "content_hash": "h2"}),
                      Node("sergei-lavrov", "Person", {"name": "Sergei Lavrov", "aliases": [], "articles": ["a2"]}),
                      Node("lone", "Person", {"name": "Lone", "aliases": [], "articles": ["a2"]})],
                     [Relationship("MENTIONED_IN", "sergei-lavrov", "a2", {"count": 1}),
                      Relationship("MET", "sergei-lavrov", "lone", {"article": "a2", "evidence": "They met."})])
    store.upsert(seed_graph)
    store.upsert(other)
    assert store.article_hashes([article.id, "a2", "nope"]) == {
        **({article.id: article.properties["content_hash"]} if "content_hash" in article.properties else {}),
        "a2": "h2"}
    store.drop_article("a2")
    assert store.export().to_json() == seed_graph.to_json()
    assert store.article_hashes(["a2"]) == {}


# -- the one merge (issue 14): a relationship seen again with properties it lacked gains them ------------

def _drift_docs() -> tuple[GraphDoc, GraphDoc]:
    nodes = [Node("a", "Person", {"name": "A", "aliases": [], "articles": ["1"]}),
             Node("b", "State", {"name": "B", "aliases": [], "articles": ["1"], "iso3": "BBB"})]
    first = GraphDoc(nodes, [Relationship("WARNED", "a", "b", {"article": "1", "evidence": "A warned B."})])
    again = GraphDoc([Node(n.id, n.label, {**n.properties, "aliases": ["Aa"]}) for n in nodes],
                     [Relationship("WARNED", "a", "b", {"article": "1", "evidence": "other words",
                                                        "cameo": "130", "statement": "statement:1-0"})])
    return first, again


def test_a_relationship_seen_again_gains_the_properties_it_lacked(tmp_path):
    first, again = _drift_docs()
    expected = GraphDoc()
    expected.update(first)
    expected.update(again)
    rel = next(iter(expected.relationships.values()))
    assert rel.properties == {"article": "1", "evidence": "A warned B.", "cameo": "130",
                              "statement": "statement:1-0"}
    assert expected.nodes["a"].properties["aliases"] == ["Aa"]
    store = EmbeddedStore(tmp_path / "g.db")
    store.upsert(first)
    store.upsert(again)
    assert store.export().to_json() == expected.to_json()
    graph = to_networkx(first)
    from graphkit.store.networkx import merge_into

    merge_into(graph, again)
    assert from_networkx(graph).to_json() == expected.to_json()


def test_same_id_another_label_is_kept_apart(tmp_path):
    store = EmbeddedStore(tmp_path / "g.db")
    store.upsert(GraphDoc([Node("georgia", "State", {"name": "Georgia", "iso3": "GEO"})]))
    store.upsert(GraphDoc([Node("georgia", "Person", {"name": "Georgia"}),
                           Node("x", "State", {"name": "X"})],
                          [Relationship("LEADS", "georgia", "x", {"article": "1"})]))
    doc = store.export()
    assert doc.nodes["georgia"].label == "State" and doc.nodes["person:georgia"].label == "Person"
    assert [(r.start, r.end) for r in doc.relationships.values()] == [("person:georgia", "x")]


def test_symmetric_relationships_are_stored_once(tmp_path):
    nodes = [Node("a", "State", {"name": "A"}), Node("b", "State", {"name": "B"})]
    store = EmbeddedStore(tmp_path / "g.db")
    store.upsert(GraphDoc(nodes, [Relationship("ALLIED_WITH", "a", "b", {"article": "1"})]))
    store.upsert(GraphDoc(nodes, [Relationship("ALLIED_WITH", "b", "a", {"article": "1", "evidence": "e"})]))
    rels = list(store.export().relationships.values())
    assert [(r.start, r.end, r.properties) for r in rels] == [("a", "b", {"article": "1", "evidence": "e"})]


# -- queries --------------------------------------------------------------------------------------------

def test_query_with_parameters_and_column_order(seed_store):
    result = seed_store.query("MATCH (p:Person)-[m:MENTIONED_IN]->(a:Article) WHERE p.name = $name "
                              "RETURN m.count AS mentions, p.name AS name", {"name": "Sergei Lavrov"})
    assert result.columns == ["mentions", "name"]
    assert result.rows == [{"mentions": 4, "name": "Sergei Lavrov"}]
    assert result.warnings == []


def test_parameters_cannot_change_the_query(seed_store):
    evil = "' OR p.name <> '"
    assert seed_store.query("MATCH (p:Person) WHERE p.name = $name RETURN p.name", {"name": evil}).rows == []


def test_a_missing_parameter_is_named(seed_store):
    with pytest.raises(QueryError, match=r"\$name but no value was given"):
        seed_store.query("MATCH (p:Person) WHERE p.name = $name RETURN p.name")


def test_unknown_names_give_warnings(seed_store):
    result = seed_store.query("MATCH (p:Persn)-[:WARNS]->(x) WHERE p.nmae = 'x' RETURN x.name")
    assert result.rows == []
    assert result.warnings == ["the label 'Persn' is not in the store",
                               "the relationship type 'WARNS' is not in the store",
                               "the property name 'nmae' is not in the store"]


@pytest.mark.parametrize("cypher, construct", [
    ("MATCH (n) DETACH DELETE n", "writing clauses"),
    ("CREATE (n:Person {name: 'x'}) RETURN n", "writing clauses"),
    ("MATCH (n:State) SET n.x = 1 RETURN n.name", "writing clauses"),
    ("CALL db.labels()", "CALL"),
    ("MATCH p = shortestPath((a {name: 'x'})-[*..4]-(b {name: 'y'})) RETURN p", "shortestPath"),
    ("MATCH (a)-[*]->(b) RETURN b", "variable-length relationships longer than 3 hops"),
    ("MATCH (a)-[*2..9]->(b) RETURN b", "variable-length relationships longer than 3 hops"),
    ("MATCH (a)-[r]->(b) RETURN collect(DISTINCT b.name)", r"collect\(DISTINCT"),
    ("MATCH (e:Event) WHERE EXISTS { MATCH (p:Place {id: e.place}) } RETURN e.name",
     r"write `p.id = e.place` in WHERE"),
    ("MATCH (s:State) OPTIONAL MATCH (s)-[:ALLIED_WITH]-(o) RETURN s.name, o.name",
     "an undirected relationship in OPTIONAL MATCH"),
    ("MATCH (s:State) OPTIONAL MATCH (s)-[:MEMBER_OF*1..2]->(o) RETURN s.name", "variable-length relationships in "
     "OPTIONAL MATCH"),
    ("MATCH (n:Person) RETURN round(size(n.name) / 3.0, 2)", r"round\(\) with a precision"),
    ("MATCH (n:Person) WHERE n.name =~ '(?=K).*' RETURN n.name", "the regular expression feature look-around"),
    ("MATCH (n:Person) WHERE n.name =~ '.*' + $x RETURN n.name", "=~ with a pattern computed in the query"),
])
def test_refusals_name_the_construct(seed_store, cypher, construct):
    with pytest.raises(QueryError, match=construct + ".*use --backend neo4j"):
        seed_store.query(cypher)


@pytest.mark.parametrize("cypher, where", [
    ("MATCH (n RETURN n", "line 1, column 10"),
    ("MATCH (n)\nRETURN", "line 2, column 7"),
    ("MATCH (n) WHERE n.name = 'open RETURN n", "line 1, column 26"),
])
def test_syntax_errors_say_where(seed_store, cypher, where):
    with pytest.raises(QueryError, match="syntax error at " + where) as raised:
        seed_store.query(cypher)
    assert "\n" not in str(raised.value)


def test_each_query_is_read_once():
    analyse.cache_clear()
    text = "MATCH (a)-[:MET]-(b) WHERE a.name = $n RETURN b.name AS b"
    first = analyse(text)
    assert analyse(text) is first and analyse.cache_info().hits == 1
    assert "(a {name: $n})" in first.text and "-[:MET]-" in first.text
    assert first.columns == ("b",)


CO_MENTIONED = ("MATCH (a:Person)-[:MENTIONED_IN]->(art:Article)<-[:MENTIONED_IN]-(b:Person) WHERE a.name < b.name "
                "RETURN a.name AS a, b.name AS b, count(art) AS articles ORDER BY articles DESC, a, b LIMIT 10")


def test_aggregations_group_by_the_nodes_first():
    found = analyse(CO_MENTIONED)
    # grouped by the two nodes, the WHERE tested once per pair of nodes, the partial counts summed per name
    assert "WITH a, b, count(art) AS _gk_g1 " in found.text
    assert found.text.index("count(art)") < found.text.index("a.name < b.name") < found.text.index("RETURN")
    assert "sum(_gk_g1), 0) AS articles ORDER BY articles DESC" in found.text
    assert found.columns == ("a", "b", "articles")
    degree = analyse("MATCH (a)-[r]-() WHERE type(r) <> 'X' RETURN a.name AS actor, count(r) AS degree, "
                     "min(r.since) AS first, max(r.since) AS last")
    # a condition on a variable that is not grouped stays before the grouping
    assert degree.text.startswith("MATCH (a)-[r]-() WHERE type(r) <> 'X' WITH a, count(r) AS _gk_g1, ")
    assert "min(_gk_g2) AS first, max(_gk_g3) AS last" in degree.text


@pytest.mark.parametrize("cypher", [
    "MATCH (a)-[:MENTIONED_IN]->(art) RETURN a.name AS a, avg(art.n) AS mean",
    "MATCH (a)-[:MENTIONED_IN]->(art) RETURN a.name AS a, collect(art.title) AS titles",
    "MATCH (a)-[:MENTIONED_IN]->(art) RETURN a.name AS a, count(DISTINCT art) AS n",
    "MATCH (a)-[:MENTIONED_IN]->(art) RETURN count(art) AS n",  # no key: one row even when nothing matches
    "MATCH (a)-[:MENTIONED_IN]->(art) RETURN labels(a) AS l, count(art) AS n",  # graphqlite fails after a WITH
    "MATCH (a)-[:MENTIONED_IN]->(art) RETURN a.name AS a, count(art) AS n ORDER BY count(art)",
    "MATCH (a)-[r:MENTIONED_IN]->(art) RETURN a.name AS a, art.title AS t, count(r) AS n",  # groups are the rows
    "MATCH (a)-[:MENTIONED_IN]->(art) WITH a, art RETURN a.name AS a, count(art) AS n",
    "MATCH (a) OPTIONAL MATCH (a)-[:MENTIONED_IN]->(art) RETURN a.name AS a, count(art) AS n",
])
def test_aggregations_that_do_not_group_first(cypher):
    assert "_gk_g" not in analyse(cypher).text


def test_rewrites_keep_strings_and_comments_intact():
    found = analyse("// who met 'x'\nMATCH (a)-->(b) WHERE a.name = \"-->(c)\" RETURN b.name AS `the name`")
    assert found.text.count('"-->(c)"') == 2
    assert found.columns == ("the name",)


@pytest.mark.parametrize("cypher", [
    "MATCH (a:Person)-[:MENTIONED_IN]->(art:Article)<-[:MENTIONED_IN]-(b:Person) WHERE a.name < b.name "
    "RETURN a.name AS a, b.name AS b, count(art) AS articles ORDER BY articles DESC, a, b LIMIT 10",
    "MATCH (s:State) RETURN s.name AS name ORDER BY name SKIP $skip LIMIT $n",
    "MATCH ()-[r:LEADS|HOLDS_OFFICE]->(x) WHERE r.title IS NOT NULL RETURN type(r) AS t, count(DISTINCT x) AS n",
    "MATCH (a)-[r:PARTICIPATED_IN]->(e) WHERE r.role = 'host' RETURN e.kind AS kind, sum(r.count) AS n",
    "MATCH (a)-[r]-() WHERE type(r) <> 'MENTIONED_IN' RETURN a.name AS actor, count(r) AS degree",
])
def test_whole_graph_patterns_compile_to_sql(cypher):
    assert compile_query(cypher) is not None


@pytest.mark.parametrize("cypher", [
    "MATCH (a:Person)-[r]->(b) WHERE a.name = $name RETURN b.name AS b",  # pinned: graphqlite starts there
    "MATCH (a)-[r]->(b) WHERE a.name STARTS WITH 'K' RETURN b.name AS b",  # other operators
    "MATCH (a)-[:LEADS*1..2]->(b) RETURN b.name AS b",  # variable length
    "MATCH (a:State), (b:State) RETURN count(*) AS n",  # two patterns
    "MATCH (a {name: 'x'})-[:LEADS]->(b) RETURN b.name AS b",  # a property map
    "MATCH (a)-[:LEADS]->(b) WHERE a.name < b.name OR a.name = 'x' RETURN b.name AS b",  # OR
    "MATCH (a)-[:LEADS]->(b) RETURN b",  # a whole node
    "MATCH (a)-[:LEADS]->(b) RETURN b.name AS b ORDER BY a.name",  # ORDER BY what is not returned
    "MATCH (a)-[:LEADS]->(b) RETURN collect(b.name) AS names",  # collect
    "OPTIONAL MATCH (a)-[:LEADS]->(b) RETURN b.name AS b",
    "MATCH (a)-[:LEADS]->(b) WITH a, count(b) AS n RETURN a.name AS a, n",
])
def test_other_shapes_are_left_to_graphqlite(cypher):
    assert compile_query(cypher) is None


def test_compiled_queries_fall_back_when_a_property_holds_mixed_kinds(tmp_path):
    """A key holding text on some nodes and numbers on others is compared the way Neo4j compares, by graphqlite."""
    store = EmbeddedStore(tmp_path / "g.db")
    people = [Node(f"p{i}", "Person", {"name": f"P{i}", "rank": i}) for i in range(4)]
    odd = Node("p9", "Person", {"name": "P9", "rank": "high"})
    org = Node("o", "Organization", {"name": "Org"})
    store.upsert(GraphDoc([*people, odd, org], [Relationship("MEMBER_OF", p.id, "o", {}) for p in [*people, odd]]))
    cypher = ("MATCH (p:Person)-[:MEMBER_OF]->(o:Organization) WHERE p.rank >= 2 "
              "RETURN o.name AS org, count(*) AS n, max(p.name) AS last")
    assert compile_query(cypher) is not None
    assert store.query(cypher).rows == [{"org": "Org", "n": 2, "last": "P3"}]
    numbers = ("MATCH (p:Person)-[:MEMBER_OF]->(o) WHERE p.name >= 'P2' AND p.name < $to "
               "RETURN p.name AS name ORDER BY name DESC")
    assert store.query(numbers, {"to": "P9"}).rows == [{"name": "P3"}, {"name": "P2"}]
    assert store.query(numbers, {"to": 9}).rows == []  # text against a number: no row, as on Neo4j


def test_an_undirected_pattern_matches_a_relationship_to_itself_once(tmp_path):
    """openCypher's rule, which Neo4j keeps: each relationship from both ends, a self-relationship once."""
    store = EmbeddedStore(tmp_path / "g.db")
    x, y = Node("x", "State", {"name": "X"}), Node("y", "State", {"name": "Y"})
    store.upsert(GraphDoc([x, y], [Relationship("SUPPORTS", "x", "x", {}), Relationship("SUPPORTS", "x", "y", {})]))
    cypher = "MATCH (a:State)-[r:SUPPORTS]-(b) RETURN a.name AS a, b.name AS b ORDER BY a, b"
    assert compile_query(cypher) is not None
    assert store.query(cypher).rows == [{"a": "X", "b": "X"}, {"a": "X", "b": "Y"}, {"a": "Y", "b": "X"}]
    degree = "MATCH (a)-[r]-() RETURN a.name AS name, count(r) AS degree ORDER BY degree DESC, name"
    assert store.query(degree).rows == [{"name": "X", "degree": 2}, {"name": "Y", "degree": 1}]
