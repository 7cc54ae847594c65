"""Graph JSON: canonical bytes, round trips, merging by id."""

from __future__ import annotations

import json

import pytest

from graphkit.model import GraphDoc, Node, Relationship, slugify


def small() -> GraphDoc:
    doc = GraphDoc()
    doc.add_node(Node("a1", "Article", {"title": "T", "sha256": "x", "aliases": [], "articles": ["a1"]}))
    doc.add_node(Node("kim-jong-un", "Person", {"name": "Kim Jong Un", "aliases": ["Kim", "Kim Jong-Un"],
                                                "articles": ["a1"]}))
    doc.add_node(Node("PRK", "State", {"name": "North Korea", "aliases": ["DPRK"], "articles": ["a1"],
                                       "iso3": "PRK"}))
    doc.add_relationship(Relationship("LEADS", "kim-jong-un", "PRK", {"article": "a1", "evidence": "s"}))
    return doc


def test_slugify_folds_case_accents_and_hyphens():
    assert slugify("Kim Jong-Un") == slugify("Kim Jong Un") == "kim-jong-un"
    assert slugify("Élysée Palace") == "elysee-palace"
    assert slugify("Seoul's spy agency") == "seouls-spy-agency"


def test_graph_json_round_trips_byte_for_byte(seed_graph):
    text = seed_graph.to_json()
    again = GraphDoc.from_json(text).to_json()
    assert again == text
    data = json.loads(text)
    assert data["format_version"] == 1
    assert [n["id"] for n in data["nodes"]] == sorted(n["id"] for n in data["nodes"])
    for n in data["nodes"]:
        for key in ("aliases", "articles"):
            if key in n["properties"]:
                assert n["properties"][key] == sorted(n["properties"][key])


def test_same_graph_in_another_order_gives_the_same_bytes():
    a = small()
    b = GraphDoc(reversed(list(a.nodes.values())), reversed(list(a.relationships.values())))
    assert a.to_json() == b.to_json()


def test_merging_unions_aliases_and_keeps_the_first_name():
    doc = small()
    doc.add_node(Node("kim-jong-un", "Person", {"name": "Kim Jong-un", "aliases": ["Kim Jong-un"],
                                                "articles": ["b2"]}))
    props = doc.nodes["kim-jong-un"].properties
    assert props["name"] == "Kim Jong Un"
    assert props["aliases"] == ["Kim", "Kim Jong-Un", "Kim Jong-un"]
    assert props["articles"] == ["a1", "b2"]


def test_symmetric_relationships_are_stored_once():
    doc = small()
    doc.add_node(Node("x", "Person", {"name": "X", "aliases": [], "articles": ["a1"]}))
    doc.add_relationship(Relationship("MET", "x", "kim-jong-un", {"article": "a1", "evidence": "e"}))
    doc.add_relationship(Relationship("MET", "kim-jong-un", "x", {"article": "a1", "evidence": "e"}))
    assert sum(r.type == "MET" for r in doc.relationships.values()) == 1


@pytest.mark.parametrize("bad, why", [
    ("[]", "not Graph JSON: expected an object"),
    ('{"nodes": []}', "not Graph JSON: expected an object"),
    ('{"format_version": 2, "nodes": [], "relationships": []}', "format_version 2 is not supported"),
    ('{"nodes": [], "relationships": [{"type": "LEADS", "start": "a", "end": "b"}]}', "points at a missing node"),
])
def test_from_json_rejects_what_is_not_graph_json(bad, why):
    with pytest.raises(ValueError, match=why):
        GraphDoc.from_json(bad)


def test_unknown_relationship_type_is_refused():
    with pytest.raises(ValueError, match="unknown relationship type 'LIKES'"):
        small().add_relationship(Relationship("LIKES", "kim-jong-un", "PRK", {}))
