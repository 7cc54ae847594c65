"""A synthetic GraphDoc of the schema's shape: N nodes and M relationships, fast to make at any size.

The mix of labels and relationship types is the one extraction gives on the
benchmark corpus (about three relationships per node, half of them
MENTIONED_IN, then Statement plumbing, offices and interactions). States,
alliances and dictionary organizations and places keep their real names and
ids; people, further organizations and places are generated. Every property
the schema names is filled (article and evidence on every relationship but
MENTIONED_IN, cameo on interactions, titles, kinds, dates, quotes), and actor
degrees are skewed, a few hubs and a long tail, like a real corpus.
"""

from __future__ import annotations

import hashlib
import random

from corpus import FIRST, LAST, QUOTES, _Writer, load_pools

from graphkit.model import INTERACTIONS, GraphDoc, Node, Relationship, slugify

#: Share of nodes per label (Article ... Statement), from extracting the benchmark corpus.
NODE_MIX = {"Article": 0.04, "Person": 0.2, "State": 0.05, "Organization": 0.12, "Place": 0.08,
            "Alliance": 0.02, "Event": 0.12, "Statement": 0.37}
ACTORS = ("Person", "State", "Organization")
#: (type, start labels, end labels, weight): the relationship mix, with the schema's endpoint rules.
REL_MIX: list[tuple[str, tuple[str, ...], tuple[str, ...], float]] = [
    ("MENTIONED_IN", ("Person", "State", "Organization", "Place", "Alliance", "Event"), ("Article",), 0.45),
    ("ABOUT", ("Statement",), ("Person", "State", "Organization", "Place", "Alliance", "Event"), 0.12),
    ("MADE", ACTORS, ("Statement",), 0.11),
    ("PARTICIPATED_IN", ACTORS, ("Event",), 0.08),
    ("HOLDS_OFFICE", ("Person",), ("State", "Organization", "Alliance"), 0.05),
    ("LEADS", ("Person",), ("State", "Organization", "Alliance"), 0.012),
    ("PART_OF", ("Organization",), ("State", "Organization"), 0.008),
    ("LOCATED_IN", ("Place", "Event", "Organization"), ("Place", "State"), 0.008),
    ("MEMBER_OF", ("State", "Organization"), ("Alliance",), 0.005),
    ("ALLIED_WITH", ("State",), ("State",), 0.002),
    ("REPORTED_BY", ("Statement",), ("Organization",), 0.01),
    ("SIGNED", ACTORS, ("Alliance",), 0.02),
] + [(t, ACTORS, ("Person", "State", "Organization", "Place") if t == "VISITED" else ACTORS, 0.008)
     for t in INTERACTIONS if t != "SIGNED"]
ROLES = ("host", "visitor", "casualty", "participant")
EVENT_KINDS = ("meeting", "visit", "war", "deployment", "ceremony", "signing", "casualty report")


def _person_name(i: int) -> str:
    first, last = FIRST[i % len(FIRST)], LAST[(i // len(FIRST)) % len(LAST)]
    extra = i // (len(FIRST) * len(LAST))
    return f"{first} {last}" if not extra else f"{first} {LAST[extra % len(LAST)]}-{last}"


class _Maker:
    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.pools = load_pools()
        writer = _Writer(self.pools, random.Random(seed + 1))
        self.sentences = [writer.sentence() for _ in range(3000)]
        self.articles: list[str] = []

    def some_articles(self) -> list[str]:
        return sorted({self.rng.choice(self.articles) for _ in range(self.rng.randint(1, 3))})

    def node(self, label: str, i: int) -> Node:
        rng, pools = self.rng, self.pools
        props: dict[str, object] = {"aliases": []}
        if label == "Article":
            sha = hashlib.sha256(str(i).encode()).hexdigest()
            nid, title = sha[:12], rng.choice(self.sentences)[:90]
            props |= {"name": title, "title": title, "source": "bench wire", "sha256": sha,
                      "published": f"2024-{1 + i % 12:02d}-{1 + i % 28:02d}", "path": f"corpus/{i:07d}.txt"}
            self.articles.append(nid)
            return Node(nid, label, props | {"articles": [nid]})
        props["articles"] = self.some_articles()
        if label == "State":
            s = pools.states[i]
            return Node(s["iso3"], label, props | {"name": s["name"], "iso3": s["iso3"],
                                                   "aliases": sorted(s.get("aliases", []))[:3]})
        if label == "Alliance":
            a = pools.alliances[i % len(pools.alliances)]
            name = a["name"] if i < len(pools.alliances) else f"{a['name']} Protocol {i}"
            return Node(slugify(name), label, props | {"name": name, "kind": a["kind"]})
        if label == "Organization":
            o = pools.orgs[i % len(pools.orgs)]
            name = o["name"] if i < len(pools.orgs) else f"{rng.choice(pools.states)['demonyms'][0]} " \
                f"{rng.choice(['Defense Council', 'Trade Agency', 'People Party', 'Border Guard'])} {i}"
            return Node(slugify(name), label, props | {"name": name, "kind": o["kind"]})
        if label == "Place":
            p = pools.places[i % len(pools.places)]
            name = p["name"] if i < len(pools.places) else f"{p['name']} District {i}"
            return Node(slugify(name), label, props | {"name": name, "kind": p["kind"]})
        if label == "Person":
            name = _person_name(i)
            return Node(slugify(name), label, props | {
                "name": name, "aliases": [name.split()[-1]],
                "titles": [rng.choice(["Foreign Minister", "President", "lawmaker", "spokesman", "envoy"])]})
        if label == "Event":
            kind = rng.choice(EVENT_KINDS)
            return Node(f"event:{props['articles'][0]}-{i}", label, props | {
                "name": f"{kind} {i}", "kind": kind, "date": f"2024-{1 + i % 12:02d}-{1 + i % 28:02d}"})
        quoted = rng.random() < 0.4
        text = rng.choice(QUOTES) if quoted else rng.choice(self.sentences)
        stance = rng.choice([*list(INTERACTIONS)[:10], "CLAIM"])
        return Node(f"statement:{props['articles'][0]}-{i}", label, props | {
            "name": text[:60], "text": text, "quoted": quoted, "stance": stance,
            "cameo": INTERACTIONS.get(stance, "010"), "sentence": rng.choice(self.sentences)})

    def relationship(self, rel_type: str, a: Node, b: Node) -> Relationship:
        rng = self.rng
        if rel_type == "MENTIONED_IN":
            return Relationship(rel_type, a.id, b.id, {"count": rng.randint(1, 6)})
        arts = a.properties.get("articles") or self.articles
        props: dict[str, object] = {"article": rng.choice(arts), "evidence": rng.choice(self.sentences)}
        if rel_type in INTERACTIONS:
            props["cameo"] = INTERACTIONS[rel_type]
            if rng.random() < 0.3:
                props["statement"] = f"statement:{props['article']}-{rng.randint(0, 10**6)}"
        elif rel_type == "HOLDS_OFFICE":
            props["title"] = rng.choice(["Foreign Minister", "lawmaker", "aide", "Defense Minister"])
        elif rel_type == "PARTICIPATED_IN":
            props["role"] = rng.choice(ROLES)
        return Relationship(rel_type, a.id, b.id, props)


def generate(n_nodes: int, n_rels: int, seed: int = 11) -> GraphDoc:
    """A GraphDoc with ``n_nodes`` nodes and exactly ``n_rels`` relationships (same seed, same graph)."""
    maker = _Maker(seed)
    rng = maker.rng
    caps = {"State": len(maker.pools.states)}
    counts = {lb: max(1, int(n_nodes * share)) for lb, share in NODE_MIX.items()}
    counts["State"] = min(counts["State"], caps["State"])
    counts["Statement"] += n_nodes - sum(counts.values())
    doc = GraphDoc()
    by_label: dict[str, list[Node]] = {}
    for label in NODE_MIX:  # Article first: the others point at articles
        nodes = [maker.node(label, i) for i in range(counts[label])]
        by_label[label] = [doc.add_node(n) for n in nodes]
    types = [t for t, _, _, _ in REL_MIX]
    weights = [w for _, _, _, w in REL_MIX]
    ends = {t: (s, e) for t, s, e, _ in REL_MIX}

    def draw(labels: tuple[str, ...], skew: float) -> Node:
        pool = by_label[rng.choice(labels)]
        return pool[int(len(pool) * rng.random() ** skew)]

    while len(doc.relationships) < n_rels:
        for rel_type in rng.choices(types, weights, k=min(10_000, n_rels - len(doc.relationships))):
            starts, stops = ends[rel_type]
            a, b = draw(starts, 2.0), draw(stops, 1.5)
            if a.id != b.id:
                doc.add_relationship(maker.relationship(rel_type, a, b))
    return doc
