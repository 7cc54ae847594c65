"""The embedded store: idempotent merges, atomic file, Cypher through grand-cypher."""

from __future__ import annotations

import json

import pytest

from graphkit.errors import QueryError, StoreError
from graphkit.model import GraphDoc, Node, Relationship
from graphkit.store import NetworkXStore
from graphkit.store.networkx import to_networkx
from graphkit.store.nx_cypher import pattern_hops


def test_loading_the_same_article_twice_changes_nothing(tmp_path, seed_graph):
    store = NetworkXStore(tmp_path / "g.json")
    store.upsert(seed_graph)
    first = (tmp_path / "g.json").read_bytes()
    store.upsert(seed_graph)
    assert (tmp_path / "g.json").read_bytes() == first
    assert store.stats() == seed_graph.stats()


def test_store_file_is_the_graph_json_export_without_indentation(tmp_path, seed_graph):
    store = NetworkXStore(tmp_path / "g.json")
    store.upsert(seed_graph)
    text = (tmp_path / "g.json").read_text(encoding="utf-8")
    assert text == json.dumps(json.loads(seed_graph.to_json()), sort_keys=True, separators=(",", ":"),
                              ensure_ascii=False) + "\n"
    assert text.count("\n") == 1
    assert NetworkXStore(tmp_path / "g.json").export().to_json() == seed_graph.to_json()
    assert not list(tmp_path.glob("*.tmp"))


def test_an_indented_store_file_of_earlier_versions_opens(tmp_path, seed_graph):
    old = tmp_path / "old.json"
    old.write_text(seed_graph.to_json(), encoding="utf-8")
    NetworkXStore(tmp_path / "new.json").upsert(seed_graph)
    new = NetworkXStore(tmp_path / "new.json")
    store = NetworkXStore(old)
    assert store.export().to_json() == seed_graph.to_json()
    assert list(store.graph.nodes(data=True)) == list(new.graph.nodes(data=True))
    assert list(store.graph.edges(keys=True, data=True)) == list(new.graph.edges(keys=True, data=True))
    store.upsert(seed_graph)  # the next save writes it compact: the same bytes as a new store's
    assert old.read_bytes() == (tmp_path / "new.json").read_bytes()


def test_a_failed_write_leaves_the_file_as_it_was(tmp_path, seed_graph):
    store = NetworkXStore(tmp_path / "g.json")
    store.upsert(seed_graph)
    before = (tmp_path / "g.json").read_bytes()
    with pytest.raises(RuntimeError), store.writing():
        store.graph.add_node("half-written", __labels__={"Person"}, name="Half")
        raise RuntimeError("crash in the middle of a load")
    assert (tmp_path / "g.json").read_bytes() == before
    assert "half-written" not in store.graph


def test_damaged_store_file_gives_a_clear_error(tmp_path):
    path = tmp_path / "g.json"
    path.write_text('{"format_version": 1, "nodes": [', encoding="utf-8")
    with pytest.raises(StoreError, match=r"g\.json: the store file is damaged"):
        NetworkXStore(path).stats()


def test_query_with_parameters_and_column_order(tmp_path, seed_graph):
    store = NetworkXStore(tmp_path / "g.json")
    store.upsert(seed_graph)
    result = store.query("MATCH (p:Person)-[m:MENTIONED_IN]->(a:Article) WHERE p.name = $name "
                         "RETURN m.count AS mentions, p.name AS name", {"name": "Sergei Lavrov"})
    assert result.columns == ["mentions", "name"]
    assert result.rows == [{"mentions": 4, "name": "Sergei Lavrov"}]


def test_parameters_cannot_change_the_query(tmp_path, seed_graph):
    store = NetworkXStore(tmp_path / "g.json")
    store.upsert(seed_graph)
    evil = '" OR p.name <> "'
    result = store.query("MATCH (p:Person) WHERE p.name = $name RETURN p.name", {"name": evil})
    assert result.rows == []


def test_single_quoted_strings_work(tmp_path, seed_graph):
    store = NetworkXStore(tmp_path / "g.json")
    store.upsert(seed_graph)
    result = store.query("MATCH (s:State) WHERE s.name = 'North Korea' RETURN s.iso3")
    assert result.rows == [{"s.iso3": "PRK"}]


@pytest.mark.parametrize("cypher, construct", [
    ("OPTIONAL MATCH (n) RETURN n", "OPTIONAL MATCH"),
    ("MATCH (n) WITH n RETURN n", "WITH"),
    ("MATCH (n) DETACH DELETE n RETURN n", "writing clauses"),
])
def test_unsupported_constructs_fail_with_one_line(tmp_path, cypher, construct):
    with pytest.raises(QueryError, match=construct):
        NetworkXStore(tmp_path / "g.json").query(cypher)


# -- anchored queries on the pinned node's neighbourhood ---------------------------------------------

def _far_away() -> GraphDoc:
    """A component the seed article never reaches: the neighbourhood path must leave it out."""
    return GraphDoc(
        [Node("far-person", "Person", {"name": "Far Person", "aliases": [], "articles": ["far"]}),
         Node("far-state", "State", {"name": "Far State", "aliases": [], "articles": ["far"], "iso3": "FAR"})],
        [Relationship("LEADS", "far-person", "far-state", {"article": "far", "evidence": "He leads it."})])


def _both_paths(store: NetworkXStore, monkeypatch, cypher: str, params: dict) -> tuple[list, list, int | None]:
    """Rows on the neighbourhood path, rows on the whole graph, and the neighbourhood's size (None: not used)."""
    sizes: list[int | None] = []
    real = store._neighbourhood

    def spy(*args):
        graph = real(*args)
        sizes.append(None if graph is None else graph.number_of_nodes())
        return graph

    monkeypatch.setattr(NetworkXStore, "neighbourhood_share", 1.0)
    monkeypatch.setattr(store, "_neighbourhood", spy)
    near = store.query(cypher, params).rows
    monkeypatch.undo()
    monkeypatch.setattr(NetworkXStore, "neighbourhood_share", 0.0)
    whole = store.query(cypher, params).rows
    assert sizes, "the query was not anchored"
    return near, whole, sizes[0]


@pytest.mark.parametrize("cypher, name, expected", [
    # directed, one hop
    ("MATCH (a)-[r]->(b) WHERE a.name = $name AND type(r) <> \"MENTIONED_IN\" "
     "RETURN type(r) AS relation, b.name AS other", "Choe Son Hui",
     {"relation": "HOLDS_OFFICE", "other": "North Korea"}),
    # undirected: runs on the both-ways view of the neighbourhood
    ("MATCH (a)-[r]-(b) WHERE a.name = $name RETURN type(r) AS relation, b.name AS other",
     "Choe Son Hui", {"relation": "MET", "other": "Sergei Lavrov"}),
    # two hops, anchored at one end
    ("MATCH (a)-[:MADE]->(s:Statement)-[:ABOUT]->(t) WHERE a.name = $name "
     "RETURN t.name AS target, s.stance AS stance", "Sergei Lavrov",
     {"target": "Japan", "stance": "WARNED"}),
    # two hops, anchored in the middle, with an aggregate
    ("MATCH (a)-[:MENTIONED_IN]->(art:Article)<-[:MENTIONED_IN]-(b) WHERE a.name = $name "
     "RETURN b.name AS other, count(art) AS articles ORDER BY other", "Choe Son Hui",
     {"other": "Sergei Lavrov", "articles": 1}),
    ("MATCH (a)-[:PARTICIPATED_IN]->(e:Event)<-[:PARTICIPATED_IN]-(b) WHERE a.name = $name "
     "RETURN e.name AS event, b.name AS other", "Choe Son Hui",
     {"event": "Meeting: Choe Son Hui / Sergei Lavrov", "other": "Sergei Lavrov"}),
    # undirected and two hops, WHERE on the far end
    ("MATCH (a)-[r]-(b)-[s]-(c) WHERE a.name = $name AND c.name = \"Russia\" "
     "RETURN b.name AS via, type(r) AS first, type(s) AS second", "Choe Son Hui",
     {"via": "North Korea", "first": "HOLDS_OFFICE", "second": "ALLIED_WITH"}),
    # incoming, WHERE on the relationship, LIMIT (rows must come in the same order)
    ("MATCH (a)<-[r]-(b) WHERE a.name = $name AND type(r) <> \"ABOUT\" RETURN type(r) AS relation, "
     "b.name AS other LIMIT 3", "North Korea", None),
    # pinned inline, whole nodes and relationships returned
    ("MATCH (a:Person {name: $name})-[r:HOLDS_OFFICE]->(b) RETURN b, r", "Sergei Lavrov", None),
])
def test_anchored_queries_give_the_same_rows_on_the_neighbourhood(tmp_path, seed_graph, monkeypatch,
                                                                  cypher, name, expected):
    store = NetworkXStore(tmp_path / "g.json")
    store.upsert(seed_graph)
    store.upsert(_far_away())
    near, whole, size = _both_paths(store, monkeypatch, cypher, {"name": name})
    assert near == whole
    assert near, "no rows: the comparison proves nothing"
    if expected is not None:
        assert expected in near
    assert size is not None and size < store.graph.number_of_nodes()


@pytest.mark.parametrize("cypher", [
    # variable length: a match can reach past the neighbourhood of any fixed size
    "MATCH (a)-[*1..2]->(b) WHERE a.name = $name RETURN b.name AS other",
    "MATCH (a)-[r*2]->(b) WHERE a.name = $name RETURN b.name AS other",
])
def test_variable_length_patterns_fall_back_to_the_whole_graph(tmp_path, seed_graph, monkeypatch, cypher):
    store = NetworkXStore(tmp_path / "g.json")
    store.upsert(seed_graph)
    near, whole, size = _both_paths(store, monkeypatch, cypher, {"name": "Choe Son Hui"})
    assert size is None
    assert near == whole
    assert {"other": "Russia"} in near  # two hops away: North Korea -> Russia


@pytest.mark.parametrize("cypher, var, hops", [
    ('MATCH (a)-[r]->(b) WHERE a.name = "x" RETURN b.name', "a", 1),
    ('MATCH (a)-->(b)<--(c) WHERE b.name = "x" RETURN c', "b", 2),
    ('MATCH (a:Person|State {name: "x (y)"})-[r:MET]->(b)-[s]->(c) RETURN c', "a", 2),
    ('MATCH (a) WHERE a.name = "x" RETURN a', "a", 0),
    ('MATCH (a)-[r*1..2]->(b) WHERE a.name = "x" RETURN b', "a", None),
    ('MATCH (a)-[*2]->(b) WHERE a.name = "x" RETURN b', "a", None),
    ('MATCH (a)-->(b) MATCH (b)-->(c) WHERE a.name = "x" RETURN c', "a", None),
    ('MATCH p = (a)-->(b) WHERE a.name = "x" RETURN p', "a", None),
    ('MATCH (a)-->(b) WHERE a.name = "x" AND EXISTS { MATCH (b)-->(c) } RETURN b', "a", None),
    ('MATCH (a)-[r]->(b) WHERE r.name = "x" RETURN type(r)', "r", None),  # not a node of the pattern
])
def test_pattern_hops(cypher, var, hops):
    assert pattern_hops(cypher, var) == hops


# -- reopening: the graph straight from the parsed JSON ------------------------------------------------

def _layout(graph) -> tuple:
    """Everything of a MultiDiGraph that queries can see, order included."""
    return (list(graph.nodes(data=True)), list(graph.edges(keys=True, data=True)),
            [list(graph.pred[n]) for n in graph])


def _node(nid: str, label: str = "Person", **props) -> dict:
    return {"id": nid, "labels": [label], "properties": {"aliases": [], "articles": ["a1"], **props}}


def _rel(rel_type: str, start: str, end: str, **props) -> dict:
    return {"type": rel_type, "start": start, "end": end, "properties": props}


@pytest.mark.parametrize("data", [
    {"format_version": 1, "nodes": [_node("x", name="X", aliases=["b", "a", "b"], gone=None), _node("y", "State")],
     "relationships": [_rel("LEADS", "x", "y", article="a1", evidence=None),
                       _rel("MENTIONED_IN", "x", "y", count=2), _rel("MET", "x", "x", article="a2")]},
    # what only the GraphDoc can merge: a repeated node, a repeated relationship, MET stored both ways
    {"nodes": [_node("x", name="X"), _node("y", "State"), _node("x", "State", name="Other", aliases=["c"])],
     "relationships": [_rel("LEADS", "x", "y", article="a1")]},
    {"nodes": [_node("x", name="X"), _node("y", "State")],
     "relationships": [_rel("MENTIONED_IN", "x", "y", count=5), _rel("MENTIONED_IN", "x", "y", count=2)]},
    {"nodes": [_node("x", name="X"), _node("y", name="Y")],
     "relationships": [_rel("MET", "x", "y", article="a1"), _rel("MET", "y", "x", article="a1", evidence="e"),
                       _rel("MET", "y", "x", article="a2")]},
])
def test_reopening_builds_the_graph_the_graph_doc_would(tmp_path, data):
    path = tmp_path / "g.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    assert _layout(NetworkXStore(path).graph) == _layout(to_networkx(GraphDoc.from_dict(data)))


def test_reopening_the_seed_store_gives_the_graph_of_its_graph_doc(tmp_path, seed_graph):
    NetworkXStore(tmp_path / "g.json").upsert(seed_graph)
    data = json.loads((tmp_path / "g.json").read_text(encoding="utf-8"))
    assert _layout(NetworkXStore(tmp_path / "g.json").graph) == _layout(to_networkx(GraphDoc.from_dict(data)))


@pytest.mark.parametrize("data", [
    [],
    {"nodes": {}, "relationships": []},
    {"format_version": 2, "nodes": [], "relationships": []},
    {"nodes": [{"labels": ["Person"]}], "relationships": []},
    {"nodes": [_node("x")], "relationships": [_rel("LEADS", "x", "nowhere")]},
    {"nodes": [_node("x")], "relationships": [_rel("LIKES", "x", "x")]},
    {"nodes": [_node("x", name={"first": "X"})], "relationships": []},
    {"nodes": [_node("x", id=None)], "relationships": []},
    {"nodes": [_node("x")], "relationships": [_rel("LEADS", "x", "x", article="a", evidence=["e", {"n": 1}])]},
    {"nodes": [_node("x")], "relationships": [_rel("LEADS", "x", "x", article="a", __labels__="T")]},
])
def test_damaged_store_files_give_the_graph_doc_error(tmp_path, data):
    path = tmp_path / "g.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(ValueError) as expected:
        GraphDoc.from_dict(data)
    with pytest.raises(StoreError) as raised:
        NetworkXStore(path).stats()
    assert str(raised.value) == (f"{path}: the store file is damaged or not Graph JSON ({expected.value}); "
                                 "restore it or pass another --store")
    assert "\n" not in str(raised.value)


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
    store = NetworkXStore(tmp_path / "g.json")
    store.upsert(first)
    store.upsert(again)
    assert store.export().to_json() == expected.to_json()
