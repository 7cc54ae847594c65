"""Extraction quality on the test corpus: fails if any score drops below the level reached.

The floors are what the extractor scored when they were set (docs/extraction.md
has the current figures), rounded down a little so that harmless changes pass.
Raise them when the extractor improves; never lower them to make a change pass.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import DATA

from graphkit.evaluate import Score, read_gold, score
from graphkit.ingest import read_article

ARTICLES = sorted((DATA / "articles").glob("*.txt"))
#: (entities F1, relations F1, statements F1) floors
SEED_FLOOR = (0.95, 0.90, 0.95)
CORPUS_FLOOR = (0.93, 0.77, 0.88)


def _score(extractor, paths: list[Path]) -> Score:
    total = Score()
    for path in paths:
        total.add(score(extractor.extract(read_article(path)), read_gold(DATA / "gold" / f"{path.stem}.json")))
    return total


def test_corpus_has_five_articles_with_gold():
    assert len(ARTICLES) >= 5
    for path in ARTICLES:
        assert (DATA / "gold" / f"{path.stem}.json").exists()


def test_seed_scores(extractor):
    s = _score(extractor, [DATA / "articles" / "00-seed.txt"])
    assert s.entities.f1 >= SEED_FLOOR[0] and s.duplicates == 0, s.missing
    assert s.relations.f1 >= SEED_FLOOR[1], s.missing
    assert s.statements.f1 >= SEED_FLOOR[2], s.missing


@pytest.mark.parametrize("part, floor", list(zip(("entities", "relations", "statements"), CORPUS_FLOOR,
                                                  strict=True)))
def test_corpus_scores(extractor, part, floor):
    s = _score(extractor, ARTICLES)
    assert getattr(s, part).f1 >= floor, s.missing


def test_shared_scorer_agrees_with_graphkit_eval(tmp_path, seed_graph):
    """Our reimplementation gives the shared scorer's numbers (when ../shared is there to compare)."""
    import json
    import subprocess
    import sys

    from conftest import ROOT

    scorer = ROOT.parent / "shared" / "eval" / "score.py"
    if not scorer.exists():
        pytest.skip("../shared/eval/score.py is not beside this checkout")
    graph = tmp_path / "seed.json"
    graph.write_text(seed_graph.to_json(), encoding="utf-8")
    gold = DATA / "gold" / "00-seed.json"
    out = subprocess.run([sys.executable, str(scorer), str(graph), str(gold), "--json"],
                         capture_output=True, text=True, check=True)
    theirs = json.loads(out.stdout)
    ours = score(seed_graph, read_gold(gold))
    assert round(ours.entities.f1, 4) == round(theirs["entities"]["f1"], 4)
    assert round(ours.relations.f1, 4) == round(theirs["relations"]["f1"], 4)
    assert round(ours.statements.f1, 4) == round(theirs["statements"]["f1"], 4)
