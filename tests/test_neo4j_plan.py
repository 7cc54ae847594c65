"""The Neo4j load plan on its own (no server): chunks, anchors, folding, and the writers' schedule."""

from __future__ import annotations

import pytest
from bulk_docs import corpus_doc

from graphkit.errors import StoreError
from graphkit.model import GraphDoc, Node, Relationship
from graphkit.store.neo4j_plan import LABEL_ORDER, Schedule, chunks


def test_every_node_and_relationship_is_in_exactly_one_chunk():
    doc = corpus_doc(articles=30)
    plan = chunks(doc, 40)
    node_ids = [i for c in plan for i in c.node_ids]
    assert sorted(node_ids) == sorted(doc.nodes)
    rels = [(t, r["start"], r["end"], r["article"]) for c in plan for t, rows in c.rels.items() for r in rows]
    assert sorted(rels) == sorted((r.type, r.start, r.end, r.properties.get("article", ""))
                                  for r in doc.relationships.values())
    assert [c.index for c in plan] == list(range(len(plan)))
    assert all(40 <= c.rows < 40 + 60 for c in plan[:-1])  # a chunk closes once it has 40 rows


def test_a_relationship_travels_with_its_later_end_and_its_other_end_is_not_later():
    doc = corpus_doc(articles=30)
    plan = chunks(doc, 40)
    chunk_of = {i: c.index for c in plan for i in c.node_ids}
    order = {label: i for i, label in enumerate(LABEL_ORDER)}
    rank = {n.id: order[n.label] for n in doc.nodes.values()}
    for c in plan:
        for rel_type, rows in c.rels.items():
            for row, anchor, other in zip(rows, c.anchors[rel_type], c.others[rel_type], strict=True):
                assert anchor in (row["start"], row["end"]) and chunk_of[anchor] == c.index
                far = row["end"] if anchor == row["start"] else row["start"]
                assert rank[far] <= rank[anchor] and chunk_of[far] == other <= c.index
    # mentions and statements hang on the per-article nodes, which come last
    for c in plan:
        for anchor in c.anchors.get("MENTIONED_IN", []) + c.anchors.get("MADE", []):
            assert doc.nodes[anchor].label in ("Article", "Statement")


def test_relationships_neo4j_would_merge_are_folded_like_merge():
    doc = GraphDoc([Node("s1", "State", {"name": "A"}), Node("s2", "State", {"name": "B"}),
                    Node("a1", "Article", {"title": "T"})])
    # put in directly: GraphDoc.add_relationship would fold these itself
    for rel in (Relationship("MET", "s1", "s2", {"article": "a1", "evidence": "first"}),
                Relationship("MET", "s2", "s1", {"article": "a1", "evidence": "second", "cameo": "040"}),
                Relationship("MENTIONED_IN", "s1", "a1", {"count": 1, "article": "x"}),
                Relationship("MENTIONED_IN", "s1", "a1", {"count": 3, "article": "y"})):
        doc.relationships[(rel.type, rel.start, rel.end, rel.properties["article"] + rel.start)] = rel
    (chunk,) = chunks(doc, 100)
    assert [r["p"] for r in chunk.rels["MET"]] == [{"article": "a1", "evidence": "first", "cameo": "040"}]
    assert [r["p"]["count"] for r in chunk.rels["MENTIONED_IN"]] == [3]


def test_none_values_are_dropped_and_the_doc_is_left_as_it_was():
    doc = GraphDoc([Node("p", "Person", {"name": "P"})])
    doc.nodes["p"].properties.update(born=None, aliases=["b", "a", "b"])  # past GraphDoc's own clean-up
    (chunk,) = chunks(doc, 10)
    assert chunk.nodes["Person"] == [{"id": "p", "p": {"name": "P", "aliases": ["b", "a"]}}]
    assert doc.nodes["p"].properties == {"name": "P", "born": None, "aliases": ["b", "a", "b"]}


def test_a_bad_property_name_fails_before_anything_is_planned():
    doc = GraphDoc([Node("p", "Person", {"name": "P", "bad name": 1})])
    with pytest.raises(StoreError, match="'bad name' cannot be stored in Neo4j"):
        chunks(doc, 10)


def test_split_holds_back_relationships_to_a_chunk_still_in_flight():
    plan = chunks(corpus_doc(articles=30), 40)
    late = plan[-1]
    wanted = {o for others in late.others.values() for o in others} - {late.index}
    assert wanted  # the last chunk's statements point at earlier chunks
    part, later = late.split(frozenset())
    assert part.nodes == late.nodes
    kept = sum(len(r) for r in part.rels.values())
    held = sum(len(r) for r in later.values())
    assert kept + held == sum(len(r) for r in late.rels.values()) and held > 0
    assert all(o == late.index for others in part.others.values() for o in others)
    everything, nothing = late.split(frozenset(range(len(plan))))
    assert everything is late and nothing == {}


def test_the_schedule_hands_out_chunks_in_order_with_what_has_committed():
    plan = chunks(corpus_doc(articles=5), 30)
    schedule = Schedule(plan)
    first, committed = schedule.take()
    second, committed2 = schedule.take()
    assert (first.index, second.index, committed, committed2) == (0, 1, frozenset(), frozenset())
    schedule.done(first)
    third, committed3 = schedule.take()
    assert third.index == 2 and committed3 == {0}
    schedule.stop()
    assert schedule.take() is None
