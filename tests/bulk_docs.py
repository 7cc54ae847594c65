"""A corpus-shaped GraphDoc for the bulk-load tests: hubs, articles, statements, and the awkward cases."""

from __future__ import annotations

import random

from graphkit.model import GraphDoc, Node, Relationship

INTERACTIONS = ("CRITICIZED", "PRAISED", "MET", "WARNED", "SUPPORTS")


def corpus_doc(articles: int = 30, seed: int = 7) -> GraphDoc:
    """``articles`` articles over a few states and people: mentions of hubs, statements, and
    interactions between people who land in different chunks of a load. MET and ALLIED_WITH
    are also given the other way round (``GraphDoc`` folds them, as Neo4j's MERGE would)."""
    rng = random.Random(seed)
    doc = GraphDoc()
    states = [f"state-{i}" for i in range(4)]
    people = [f"person-{i}" for i in range(40)]
    for s in states:
        doc.add_node(Node(s, "State", {"name": s.title(), "aliases": [s, s.upper()], "articles": [], "iso3": s[-3:]}))
    for p in people:
        doc.add_node(Node(p, "Person", {"name": p.title(), "aliases": [p], "articles": [], "titles": ["minister"]}))
    doc.add_relationship(Relationship("ALLIED_WITH", states[0], states[1], {"article": "a0", "evidence": "one way"}))
    doc.add_relationship(Relationship("ALLIED_WITH", states[1], states[0], {"article": "a0", "evidence": "other way",
                                                                          "cameo": "057"}))
    for a in range(articles):
        art = f"a{a}"
        doc.add_node(Node(art, "Article", {"title": f"Article {a}", "source": "test", "published": "2026-01-01"}))
        cast = rng.sample(people, 6) + rng.sample(states, 2)
        for who in cast:
            doc.add_relationship(Relationship("MENTIONED_IN", who, art, {"count": rng.randint(1, 4)}))
        for i in range(3):
            speaker, target = rng.sample(cast, 2)
            st = f"{art}-s{i}"
            doc.add_node(Node(st, "Statement", {"text": f"quote {a}.{i}", "stance": "negative", "article": art}))
            doc.add_relationship(Relationship("MADE", speaker, st, {"article": art, "evidence": f"said {i}"}))
            doc.add_relationship(Relationship("ABOUT", st, target, {"article": art, "evidence": f"about {i}"}))
            kind = rng.choice(INTERACTIONS)
            doc.add_relationship(Relationship(kind, speaker, target, {"article": art, "evidence": f"{kind} {i}"}))
        x, y = rng.sample(people, 2)
        doc.add_relationship(Relationship("MET", x, y, {"article": art, "evidence": "met"}))
        doc.add_relationship(Relationship("MET", y, x, {"article": art, "evidence": "met again", "cameo": "040"}))
    return doc
