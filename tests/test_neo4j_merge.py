"""One merge rule: Neo4j's Cypher merge gives what the library's merge (``GraphDoc.update``) gives
on the same GraphDocs in the same order, written one at a time or as one batch (issue 14)."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from graphkit.model import GraphDoc, Node, Relationship

pytestmark = pytest.mark.neo4j


def library_merge(docs: list[GraphDoc]) -> str:
    merged = GraphDoc()
    for doc in docs:
        merged.update(doc)
    return merged.to_json()


def assert_same_merge(store, docs: list[GraphDoc]) -> None:
    expected = library_merge(docs)
    store.clear()
    for doc in docs:
        store.upsert(doc)
    assert store.export().to_json() == expected, "one upsert per doc"
    store.clear()
    store.upsert_many(docs)
    assert store.export().to_json() == expected, "one batch"


def state(iso3: str, **props) -> Node:
    return Node(iso3, "State", {"name": iso3.title(), **props})


def test_properties_lists_and_first_values(neo4j_store):
    docs = [GraphDoc([state("RUS", aliases=["Moscow"], articles=["a1"]),
                      Node("p", "Person", {"name": "Sergei Lavrov", "titles": ["Foreign Minister"],
                                           "aliases": ["Lavrov"], "articles": ["a1"]})]),
            GraphDoc([state("RUS", name="Russian Federation", code="RUS", aliases=["Kremlin", "Moscow"],
                            articles=["a2"]),
                      Node("p", "Person", {"name": "S. Lavrov", "titles": ["minister"], "aliases": ["Sergey Lavrov"],
                                           "articles": ["a2"]})])]
    assert_same_merge(neo4j_store, docs)
    row = neo4j_store.query("MATCH (s:State {id: 'RUS'}) RETURN s.name AS name, s.code AS code").rows
    assert row == [{"name": "Rus", "code": "RUS"}]  # first name kept, new key added


def test_mention_counts(neo4j_store):
    art = Node("a1", "Article", {"title": "A", "articles": ["a1"]})
    docs = [GraphDoc([state("RUS"), art], [Relationship("MENTIONED_IN", "RUS", "a1", {"count": n})])
            for n in (3, 5, 2)]
    assert_same_merge(neo4j_store, docs)
    assert neo4j_store.query("MATCH ()-[m:MENTIONED_IN]->() RETURN m.count AS c").rows == [{"c": 5}]


def test_a_relationship_that_comes_again_with_properties_it_lacked_gets_them(neo4j_store):
    """The drift case: the same WARNED (type, ends, article) first without, then with cameo and statement."""
    nodes = [state("RUS"), state("USA")]
    bare = Relationship("WARNED", "RUS", "USA", {"article": "a1", "evidence": "first"})
    full = Relationship("WARNED", "RUS", "USA", {"article": "a1", "evidence": "second", "cameo": "130",
                                                 "statement": "statement:x"})
    assert_same_merge(neo4j_store, [GraphDoc(nodes, [bare]), GraphDoc(nodes, [full])])
    rows = neo4j_store.query("MATCH ()-[r:WARNED]->() RETURN properties(r) AS p").rows
    assert rows == [{"p": {"article": "a1", "evidence": "first", "cameo": "130", "statement": "statement:x"}}]


def test_symmetric_relationships_given_both_ways(neo4j_store):
    nodes = [state("RUS"), state("CHN")]
    docs = [GraphDoc(nodes, [Relationship("MET", "RUS", "CHN", {"article": "a1", "evidence": "one"})]),
            GraphDoc(nodes, [Relationship("MET", "CHN", "RUS", {"article": "a1", "evidence": "two", "cameo": "040"}),
                             Relationship("ALLIED_WITH", "CHN", "RUS", {"article": "a2", "evidence": "x"})])]
    assert_same_merge(neo4j_store, docs)


def test_empty_text_counts_as_unset(neo4j_store):
    docs = [GraphDoc([state("RUS", kind="")], []), GraphDoc([state("RUS", kind="state")], [])]
    assert_same_merge(neo4j_store, docs)


_ids = st.sampled_from(["RUS", "USA", "CHN"])
_text = st.sampled_from(["", "a", "b"])
_node = st.builds(lambda i, name, kind, aliases, arts: state(i, name=name, kind=kind, aliases=aliases, articles=arts),
                  _ids, st.sampled_from(["N1", "N2"]), _text, st.lists(st.sampled_from("xyz"), max_size=3),
                  st.lists(st.sampled_from(["a1", "a2"]), max_size=2))
_rel = st.builds(lambda t, s, e, art, ev, cameo: Relationship(t, s, e, {"article": art, "evidence": ev,
                                                                       **({"cameo": cameo} if cameo else {})}),
                 st.sampled_from(["WARNED", "MET"]), _ids, _ids, st.sampled_from(["a1", "a2"]), _text,
                 st.sampled_from([None, "130", "040"]))


@st.composite
def _docs(draw) -> list[GraphDoc]:
    out = []
    for _ in range(draw(st.integers(1, 4))):
        nodes = draw(st.lists(_node, max_size=3))
        have = {n.id for n in nodes}
        rels = [r for r in draw(st.lists(_rel, max_size=3)) if r.start in have and r.end in have and r.start != r.end]
        out.append(GraphDoc(nodes, rels))
    return out


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(docs=_docs())
def test_any_sequence_of_docs_merges_as_the_library_merges(neo4j_store, docs):
    assert_same_merge(neo4j_store, docs)
