"""Scoring an extracted graph against a hand-written gold graph.

Used by ``graphkit eval`` (for users tuning dictionaries on their own gold
files) and by the test that guards extraction quality. Gold files look like::

    {"article": "...",
     "entities":   [{"label": "Person", "name": "Kim Jong Un", "aliases": ["Kim"]}],
     "relations":  [{"type": "LEADS", "from": "Kim Jong Un", "to": "North Korea"}],
     "statements": [{"speaker": "...", "stance": "WARNED", "about": ["..."],
                     "reported_by": null, "key": "words from the text", "quoted": true}]}

Matching rules: an entity matches a gold entity sharing a normalised name or
alias and the same label (a second match of one gold entity is a duplicate
and counts as a false positive); relations match on (source, type, target),
unordered for MET and ALLIED_WITH, plumbing types ignored; a statement matches
when its speaker is right and the gold key phrase is in its text.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import InputError, UsageError
from .model import GraphDoc
from .schema import ENTITY_LABELS, PLUMBING, SYMMETRIC
from .text import fold as normalise

if TYPE_CHECKING:
    from .ingest.extract import Extractor

_PLUMBING = frozenset(PLUMBING)


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def __iadd__(self, other: Counts) -> Counts:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn
        return self

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Score:
    """Counts and misses for one or more (graph, gold) pairs."""

    entities: Counts = field(default_factory=Counts)
    relations: Counts = field(default_factory=Counts)
    statements: Counts = field(default_factory=Counts)
    duplicates: int = 0
    wrong_label: int = 0
    stance_ok: int = 0
    #: the statements' ABOUT targets, over matched statements
    about: Counts = field(default_factory=Counts)
    #: relations per relationship type
    by_type: dict[str, Counts] = field(default_factory=dict)
    missing: dict[str, list[Any]] = field(default_factory=dict)

    def add(self, other: Score) -> None:
        self.entities += other.entities
        self.relations += other.relations
        self.statements += other.statements
        self.about += other.about
        self.duplicates += other.duplicates
        self.wrong_label += other.wrong_label
        self.stance_ok += other.stance_ok
        for rel_type, counts in other.by_type.items():
            self.by_type.setdefault(rel_type, Counts()).__iadd__(counts)
        for key, values in other.missing.items():
            self.missing.setdefault(key, []).extend(values)

    @property
    def stance_accuracy(self) -> float:
        return self.stance_ok / self.statements.tp if self.statements.tp else 0.0

    def as_dict(self) -> dict[str, Any]:
        def block(c: Counts) -> dict[str, float]:
            return {"precision": round(c.precision, 4), "recall": round(c.recall, 4), "f1": round(c.f1, 4)}

        st = block(self.statements)
        st["stance_accuracy"] = round(self.stance_accuracy, 4)
        st["about_f1"] = round(self.about.f1, 4)
        ent = block(self.entities)
        ent.update(duplicates=self.duplicates, wrong_label=self.wrong_label)
        by_type = {t: {**block(c), "gold": c.tp + c.fn, "found": c.tp + c.fp}
                   for t, c in sorted(self.by_type.items())}
        return {"entities": ent, "relations": block(self.relations), "relations_by_type": by_type,
                "statements": st, "missing": self.missing}

    def summary_lines(self) -> list[str]:
        """The totals and the per-type relation table, as ``graphkit eval`` prints them."""
        e, r, st = self.entities, self.relations, self.statements
        lines = [
            f"entities   P {e.precision:.2f} R {e.recall:.2f} F1 {e.f1:.2f} "
            f"(duplicates {self.duplicates}, wrong label {self.wrong_label})",
            f"relations  P {r.precision:.2f} R {r.recall:.2f} F1 {r.f1:.2f}",
            f"statements P {st.precision:.2f} R {st.recall:.2f} F1 {st.f1:.2f} "
            f"(stance accuracy {self.stance_accuracy:.2f}, ABOUT F1 {self.about.f1:.2f})",
            "",
            f"{'relation type':22s} {'gold':>5s} {'found':>6s} {'P':>5s} {'R':>5s} {'F1':>5s}",
        ]
        for rel_type, c in sorted(self.by_type.items(), key=lambda kv: (-(kv[1].tp + kv[1].fn), kv[0])):
            lines.append(f"{rel_type:22s} {c.tp + c.fn:5d} {c.tp + c.fp:6d} "
                         f"{c.precision:5.2f} {c.recall:5.2f} {c.f1:5.2f}")
        return lines


def _forms(name: str, aliases: list[str] | None) -> set[str]:
    return {f for f in {normalise(name), *(normalise(a) for a in aliases or [])} if f}


def score(graph: GraphDoc, gold: dict[str, Any]) -> Score:
    """Score one extracted graph against one gold graph."""
    out = Score()
    gold_forms = {e["name"]: _forms(e["name"], e.get("aliases")) for e in gold["entities"]}
    gold_label = {e["name"]: e["label"] for e in gold["entities"]}
    all_forms = {f for fs in gold_forms.values() for f in fs}
    node_gold: dict[str, str] = {}
    matched: set[str] = set()
    for nid in sorted(graph.nodes):
        node = graph.nodes[nid]
        if node.label not in ENTITY_LABELS:
            continue
        name = normalise(node.properties.get("name", nid))
        mine = _forms(node.properties.get("name", nid), node.properties.get("aliases"))
        best = next((g for g in gold_forms if normalise(g) == name), None)
        if best is None and name in all_forms:
            hits = [g for g, f in gold_forms.items() if name in f]
            best = hits[0] if len(hits) == 1 else None
        elif best is None:
            ranked = sorted(((len(mine & f), g) for g, f in gold_forms.items() if mine & f), reverse=True)
            best = ranked[0][1] if ranked else None
        if best is not None:
            node_gold[nid] = best
        if best is None:
            out.entities.fp += 1
        elif gold_label[best] != node.label:
            out.wrong_label += 1
            out.entities.fp += 1
        elif best in matched:
            out.duplicates += 1
            out.entities.fp += 1
        else:
            matched.add(best)
            out.entities.tp += 1
    out.entities.fn = len(gold_forms) - out.entities.tp
    out.missing["entities"] = sorted(set(gold_forms) - matched)

    def key(a: str, t: str, b: str) -> tuple[str, ...]:
        return (t, *sorted((a, b))) if t in SYMMETRIC else (t, a, b)

    want = {key(r["from"], r["type"], r["to"]) for r in gold["relations"]}
    have = {key(node_gold.get(r.start, "?" + r.start), r.type, node_gold.get(r.end, "?" + r.end))
            for r in graph.relationships.values() if r.type not in _PLUMBING}
    out.relations = Counts(len(want & have), len(have - want), len(want - have))
    for rel_type in {k[0] for k in want | have}:
        w = {k for k in want if k[0] == rel_type}
        h = {k for k in have if k[0] == rel_type}
        out.by_type[rel_type] = Counts(len(w & h), len(h - w), len(w - h))
    out.missing["relations"] = sorted(want - have)
    out.missing["extra_relations"] = sorted(have - want)

    speakers: dict[str, set[str | None]] = {}
    about: dict[str, set[str | None]] = {}
    for r in graph.relationships.values():
        if r.type == "MADE":
            speakers.setdefault(r.end, set()).add(node_gold.get(r.start))
        elif r.type == "ABOUT":
            about.setdefault(r.start, set()).add(node_gold.get(r.end))
    statements = [n for n in graph.nodes.values() if n.label == "Statement"]
    used: set[str] = set()
    for g in gold["statements"]:
        phrase = normalise(g["key"])
        hit = next((s for s in statements if s.id not in used and phrase
                    and phrase in normalise(s.properties.get("text", ""))
                    and g["speaker"] in speakers.get(s.id, set())), None)
        if hit is None:
            out.missing.setdefault("statements", []).append(f'{g["speaker"]}: {g["key"]}')
            continue
        used.add(hit.id)
        out.statements.tp += 1
        out.stance_ok += hit.properties.get("stance") == g["stance"]
        got = about.get(hit.id, set()) - {None}
        wanted = set(g.get("about") or [])
        out.about += Counts(len(got & wanted), len(got - wanted), len(wanted - got))
        if got != wanted:
            out.missing.setdefault("about", []).append(
                f'{g["speaker"]}: {g["key"]}: about {sorted(got)} (gold {sorted(wanted)})')
        if hit.properties.get("stance") != g["stance"]:
            out.missing.setdefault("stances", []).append(
                f'{g["speaker"]}: {g["key"]}: {hit.properties.get("stance")} (gold {g["stance"]})')
    out.statements.fp = len(statements) - out.statements.tp
    out.statements.fn = len(gold["statements"]) - out.statements.tp
    return out


def read_gold(path: str | Path) -> dict[str, Any]:
    """Read and check a gold file."""
    try:
        gold = json.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError as e:
        raise InputError(f"{path}: no such file") from e
    except (OSError, ValueError) as e:
        raise InputError(f"{path}: not a readable gold JSON file ({e})") from e
    if not isinstance(gold, dict) or not all(isinstance(gold.get(k), list)
                                             for k in ("entities", "relations", "statements")):
        raise InputError(f"{path}: a gold file needs lists 'entities', 'relations' and 'statements'")
    return gold


@dataclass
class FileScore:
    """The score of one (graph or article, gold) pair."""

    source: str
    gold: str
    score: Score


def evaluate_files(pairs: Sequence[tuple[str, str]], extractor: Callable[[], Extractor], *,
                   published: str | None = None) -> tuple[Score, list[FileScore]]:
    """Score each (Graph JSON or article file, gold file) pair; return the total and each pair's score.

    A ``.json`` source is read as Graph JSON; anything else is extracted as an
    article with the Extractor that ``extractor()`` returns (called once, and
    only when an article needs it: loading spaCy takes seconds).
    """
    from .ingest.reader import read_article

    total, each = Score(), []
    loaded: Extractor | None = None
    for source, gold_path in pairs:
        gold = read_gold(gold_path)
        if source.endswith(".json"):
            graph = read_graph_json(source)
        else:
            loaded = loaded or extractor()
            graph = loaded.extract(read_article(source, published=published))
        one = score(graph, gold)
        total.add(one)
        each.append(FileScore(source, gold_path, one))
    return total, each


def pairs_of(args: Sequence[str]) -> list[tuple[str, str]]:
    """``GRAPH_OR_ARTICLE GOLD [GRAPH_OR_ARTICLE GOLD ...]`` as pairs."""
    if len(args) % 2:
        raise UsageError("eval takes pairs: GRAPH_OR_ARTICLE GOLD [GRAPH_OR_ARTICLE GOLD ...]")
    return list(zip(args[::2], args[1::2], strict=True))


def read_graph_json(path: str | Path) -> GraphDoc:
    """A Graph JSON file as a GraphDoc, or InputError naming the file and the problem."""
    from .exchange import read_text

    text = read_text(path, "Graph JSON file")
    try:
        return GraphDoc.from_json(text)
    except ValueError as e:
        raise InputError(f"{path}: not a readable Graph JSON file ({e})") from e
