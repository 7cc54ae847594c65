"""The embedded store: idempotent merges, atomic file, Cypher through grand-cypher."""

from __future__ import annotations

import pytest

from graphkit.errors import QueryError, StoreError
from graphkit.store import NetworkXStore


def test_loading_the_same_article_twice_changes_nothing(tmp_path, seed_graph):
    store = NetworkXStore(tmp_path / "g.json")
    store.upsert(seed_graph)
    first = (tmp_path / "g.json").read_bytes()
    store.upsert(seed_graph)
    assert (tmp_path / "g.json").read_bytes() == first
    assert store.stats() == seed_graph.stats()


def test_store_file_is_the_graph_json_export(tmp_path, seed_graph):
    store = NetworkXStore(tmp_path / "g.json")
    store.upsert(seed_graph)
    assert (tmp_path / "g.json").read_text(encoding="utf-8") == seed_graph.to_json()
    assert NetworkXStore(tmp_path / "g.json").export().to_json() == seed_graph.to_json()
    assert not list(tmp_path.glob("*.tmp"))


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
