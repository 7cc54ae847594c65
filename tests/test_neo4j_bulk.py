"""Big loads on the real server: chunks written by two sessions, CREATE where it is safe, MERGE elsewhere.

Each test compares what the server holds (duplicates included: ``export`` would fold them)
against the same graph written the slow, obviously right way: every node and every
relationship MERGEd on its own, by the loader's MERGE statements (``merged_one_by_one``).
"""

from __future__ import annotations

import threading

import pytest
from bulk_docs import corpus_doc
from conftest import NEO4J_PASSWORD, NEO4J_URI

from graphkit.errors import GraphkitError
from graphkit.model import GraphDoc, Node, Relationship
from graphkit.store.neo4j import Neo4jStore, _node_query, _rel_query

pytestmark = pytest.mark.neo4j


def small_batches(batch_size: int = 40, writers: int = 2) -> Neo4jStore:
    return Neo4jStore(NEO4J_URI, "neo4j", NEO4J_PASSWORD, "neo4j", batch_size=batch_size, writers=writers,
                      single_tx_rows=0)


def merged_one_by_one(store: Neo4jStore, doc: GraphDoc) -> None:
    """Every node, then every relationship, MERGEd in a statement of its own."""
    store.ensure_schema()
    for node in doc.nodes.values():
        props = {k: v for k, v in node.properties.items() if v is not None}
        store.query(_node_query(node.label), {"rows": [{"id": node.id, "p": props}]}, write=True)
    for rel in doc.relationships.values():
        props = {k: v for k, v in rel.properties.items() if v is not None}
        row = {"start": rel.start, "end": rel.end, "article": props.get("article", ""), "p": props}
        store.query(_rel_query(rel.type), {"rows": [row]}, write=True)


def held(store: Neo4jStore) -> tuple[list, list]:
    """Every node and relationship the server holds, as sorted plain tuples (MET/ALLIED_WITH
    ends sorted: they have no direction)."""
    nodes = store.query("MATCH (n) RETURN n.id AS id, [x IN labels(n) WHERE x <> 'Node'] AS labels, "
                        "properties(n) AS p").rows
    rels = store.query("MATCH (a)-[r]->(b) RETURN type(r) AS t, a.id AS s, b.id AS e, properties(r) AS p").rows
    return (sorted((n["id"], n["labels"], sorted((k, repr(v)) for k, v in n["p"].items())) for n in nodes),
            sorted((r["t"], *(sorted((r["s"], r["e"])) if r["t"] in ("MET", "ALLIED_WITH") else (r["s"], r["e"])),
                    sorted((k, repr(v)) for k, v in r["p"].items())) for r in rels))


def rel_count(store: Neo4jStore) -> int:
    return store.query("MATCH ()-[r]->() RETURN count(r) AS n").rows[0]["n"]


@pytest.fixture()
def doc() -> GraphDoc:
    return corpus_doc(articles=30)


def test_a_big_load_makes_what_merging_one_by_one_makes(neo4j_store, doc):
    merged_one_by_one(neo4j_store, doc)
    expected = held(neo4j_store)
    neo4j_store.clear()
    store = small_batches()
    try:
        plan = store.plan(doc)
        assert len(plan) > 10  # many chunks, two writers, relationships across chunks
        store.upsert(doc)
        assert held(store) == expected
    finally:
        store.close()
    nodes, rels = expected
    assert len(nodes) == len(doc.nodes) == 4 + 40 + 30 + 90
    assert len(rels) == len(doc.relationships) == 541
    allied = neo4j_store.query("MATCH (a)-[r:ALLIED_WITH]-(b) RETURN DISTINCT r.evidence AS e, r.cameo AS c").rows
    assert allied == [{"e": "one way", "c": "057"}]


def test_list_properties_lose_repeats_on_create_as_on_merge(neo4j_store, doc):
    doc.nodes["state-0"].properties["aliases"] = ["b", "a", "b"]  # GraphDoc.add_node would have sorted them
    store = small_batches()
    try:
        store.upsert(doc)
    finally:
        store.close()
    rows = neo4j_store.query("MATCH (s:State {id: 'state-0'}) RETURN s.aliases AS a").rows
    assert rows == [{"a": ["b", "a"]}]


def test_reloading_a_big_load_changes_nothing(neo4j_store, doc):
    store = small_batches()
    try:
        store.upsert(doc)
        first, count = held(store), rel_count(store)
        store.upsert(doc)
        assert rel_count(store) == count == len(doc.relationships)
        assert held(store) == first
    finally:
        store.close()


def test_a_load_over_stored_hubs_creates_no_duplicates(neo4j_store, doc):
    """Half the articles, then all of them: the second load meets stored people and states (its
    interactions between them MERGE) and new articles and statements (their relationships CREATE)."""
    half = corpus_doc(articles=15)
    store = small_batches()
    try:
        store.upsert(half)
        store.upsert(doc)
        got = held(store)
    finally:
        store.close()
    neo4j_store.clear()
    merged_one_by_one(neo4j_store, half)
    merged_one_by_one(neo4j_store, doc)
    assert got == held(neo4j_store)


def test_new_values_join_a_stored_relationship_and_stored_values_win(neo4j_store):
    people = [Node("p", "Person", {"name": "P"}), Node("q", "Person", {"name": "Q"})]
    neo4j_store.upsert(GraphDoc(people, [Relationship("CRITICIZED", "p", "q", {"article": "a1", "evidence": "old"})]))
    store = small_batches(batch_size=1)
    try:
        store.upsert(GraphDoc([*people, Node("a2", "Article", {"title": "T"})], [
            Relationship("CRITICIZED", "p", "q", {"article": "a1", "evidence": "new", "cameo": "111"}),
            Relationship("MENTIONED_IN", "p", "a2", {"count": 2})]))
    finally:
        store.close()
    rows = neo4j_store.query("MATCH (:Person {id: 'p'})-[r:CRITICIZED]->(:Person {id: 'q'}) "
                             "RETURN r.evidence AS e, r.cameo AS c").rows
    assert rows == [{"e": "old", "c": "111"}]
    assert neo4j_store.stats()["relationships"] == {"CRITICIZED": 1, "MENTIONED_IN": 1}


def load_at_once(doc: GraphDoc, loaders: int = 2) -> list[BaseException]:
    """``loaders`` stores upserting ``doc`` in threads released together; the errors they raised."""
    stores = [small_batches(batch_size=25) for _ in range(loaders)]
    errors: list[BaseException] = []
    start = threading.Barrier(loaders)

    def load(store: Neo4jStore) -> None:
        try:
            store.ensure_schema()
            start.wait()
            store.upsert(doc)
        except BaseException as e:
            errors.append(e)

    threads = [threading.Thread(target=load, args=(s,)) for s in stores]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    for s in stores:
        s.close()
    return errors


def test_two_loaders_at_once_into_an_empty_database_make_one_graph(neo4j_store, doc):
    """Both CREATE where they think the database is empty; the uniqueness constraint refuses the
    slower one, which reruns that chunk as MERGE. No node or relationship may be doubled."""
    merged_one_by_one(neo4j_store, doc)
    expected = held(neo4j_store)
    for _ in range(3):
        neo4j_store.clear()
        assert load_at_once(doc) == []
        assert held(neo4j_store) == expected


def test_a_failing_chunk_stops_the_load_with_one_line(neo4j_store, doc):
    bad = corpus_doc(articles=30)
    bad.nodes["a29-s2"].properties["text"] = {"not": "storable"}  # the server refuses a map value
    store = small_batches()
    try:
        with pytest.raises(GraphkitError, match="Neo4j") as info:
            store.upsert(bad)
    finally:
        store.close()
    assert "\n" not in str(info.value) and "Neo4j" in str(info.value)
    store = small_batches()
    try:
        store.upsert(doc)  # the rerun of the good graph completes it
        assert rel_count(store) == len(doc.relationships)
    finally:
        store.close()


def test_a_big_load_renames_ids_stored_under_another_label_in_every_chunk(neo4j_store, doc):
    neo4j_store.upsert(GraphDoc([Node("person-3", "Organization", {"name": "Person-3 Ltd"})]))
    store = small_batches()
    try:
        store.upsert(doc)
    finally:
        store.close()
    mine = [r for r in doc.relationships.values() if "person-3" in (r.start, r.end)]
    assert len(mine) > 5
    rows = neo4j_store.query("MATCH (:Person {id: 'person:person-3'})-[r]-() RETURN count(r) AS n").rows
    assert rows == [{"n": len(mine)}]
    assert neo4j_store.query("MATCH (:Organization {id: 'person-3'})-[r]-() RETURN count(r) AS n").rows == [{"n": 0}]
    assert rel_count(neo4j_store) == len(doc.relationships)


def test_an_empty_doc_writes_nothing(neo4j_store):
    neo4j_store.upsert(GraphDoc())
    assert neo4j_store.stats() == {"nodes": {}, "relationships": {}}
