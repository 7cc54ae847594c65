"""Extraction: graphkit's Extractor against bare spaCy on the same texts, and 2 workers against 1."""

from __future__ import annotations

import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from typing import Any

import corpus
from common import Metric, Scale, peak_rss_mb, timed

from graphkit.ingest.extract import Extractor
from graphkit.ingest.nlp import load_model
from graphkit.ingest.reader import ArticleText, article_from_text

BATCH = 16  # Extractor.extract_many's default
WORKER_BATCH = 8  # smaller batches for the workers comparison: enough batches to keep both busy


def chunked_best(fns: dict[str, Callable[[list[ArticleText]], Any]], articles: list[ArticleText],
                 reps: int) -> dict[str, float]:
    """Sum over chunks of one batch of the best of ``reps`` alternated runs per side.

    Alternating on every batch and keeping each batch's best time means a burst
    of load elsewhere on the machine costs one batch one round, not a whole side.
    """
    total = dict.fromkeys(fns, 0.0)
    for i in range(0, len(articles), BATCH):
        chunk = articles[i:i + BATCH]
        best = dict.fromkeys(fns, float("inf"))
        for _ in range(reps):
            for name, fn in fns.items():
                best[name] = min(best[name], timed(lambda f=fn, c=chunk: f(c))[0])
        for name in fns:
            total[name] += best[name]
    return total


def extract_seconds(extractor: Extractor, articles: list[ArticleText], workers: int) -> float:
    """Seconds for extract_many over ``articles`` with ``workers`` processes (pool start included)."""
    return timed(lambda: list(extractor.extract_many(articles, batch_size=WORKER_BATCH, workers=workers)))[0]


def _burn(n: int) -> int:
    total = 0
    for i in range(n):
        total += i * i
    return total


def machine_parallelism(n: int = 3_000_000) -> float:
    """How much faster two processes finish two pure-Python jobs than one process does: the
    parallelism the machine actually gives right now (2.0 on two idle cores, 1.0 when others hold one)."""
    with ProcessPoolExecutor(2) as pool:
        list(pool.map(_burn, [1000, 1000]))  # processes started before timing
        start = time.perf_counter()
        list(pool.map(_burn, [n, n]))
        parallel = time.perf_counter() - start
    start = time.perf_counter()
    _burn(n)
    _burn(n)
    return (time.perf_counter() - start) / parallel


def rules_per_token(extractor: Extractor, sets: list[list[ArticleText]], reps: int = 3) -> list[float]:
    """Seconds per token of graphkit's rules alone (parsing done first), best of ``reps`` rounds in turn."""
    parsed = [(arts, list(extractor.nlp.pipe([a.text for a in arts], batch_size=BATCH))) for arts in sets]
    best = [float("inf")] * len(sets)
    for _ in range(reps):
        for i, (arts, docs) in enumerate(parsed):
            seconds, _ = timed(lambda a=arts, d=docs: [extractor.extract_doc(x, y) for x, y in zip(a, d, strict=True)])
            best[i] = min(best[i], seconds / sum(len(d) for d in docs))
    return best


def run(scale: Scale) -> list[Metric]:
    articles = list(corpus.generate(scale.extract_articles))
    words = sum(len(a.text.split()) for a in articles)
    n = len(articles)

    extractor = Extractor()
    graphkit_nlp = extractor.nlp
    bare = load_model()  # the same model and exclusions, without graphkit's rulers and rules
    list(bare.pipe([a.text for a in articles[:8]]))  # warm both: first calls allocate
    list(extractor.extract_many(articles[:8]))

    best = chunked_best({
        "spacy": lambda c: list(bare.pipe([a.text for a in c], batch_size=BATCH)),
        "pipeline": lambda c: list(graphkit_nlp.pipe([a.text for a in c], batch_size=BATCH)),
        "graphkit": lambda c: list(extractor.extract_many(c, batch_size=BATCH)),
    }, articles, scale.extract_reps)
    peak_one = peak_rss_mb()

    # Rules time per token on the same text as articles four times longer: 1.0 when the rules are linear.
    joined = [article_from_text("\n".join(a.text for a in articles[i:i + 4]), f"<long {i}>")
              for i in range(0, 32, 4)]
    short_per_token, long_per_token = rules_per_token(extractor, [articles[:32], joined])

    # workers=2 against workers=1, in turn, with the machine's own parallelism measured around them.
    # Steady state = the whole corpus minus its first two batches (what one batch per worker costs,
    # pool start and model loading included), so start-up is not billed to throughput.
    head = articles[:2 * WORKER_BATCH]
    t = {key: float("inf") for key in ("1n", "1h", "2n", "2h")}
    capacity = machine_parallelism()
    for _ in range(max(1, scale.extract_reps - 1)):
        for workers in (1, 2):
            t[f"{workers}n"] = min(t[f"{workers}n"], extract_seconds(extractor, articles, workers))
            t[f"{workers}h"] = min(t[f"{workers}h"], extract_seconds(extractor, head, workers))
        capacity = max(capacity, machine_parallelism())
    steady = (t["1n"] - t["1h"]) / (t["2n"] - t["2h"])
    startup = t["2h"] - t["1h"] / 2

    return [
        Metric("extract_vs_spacy", round(best["spacy"] / best["graphkit"], 3), "x", ">= 0.8",
               f"graphkit Extractor.extract_many throughput / bare spaCy nlp.pipe, {n} articles"),
        Metric("extract_articles_per_s", round(n / best["graphkit"], 2), "articles/s",
               note=f"{words / best['graphkit']:.0f} words/s; {words / n:.0f} words per article"),
        Metric("spacy_articles_per_s", round(n / best["spacy"], 2), "articles/s", note="bare nlp.pipe, same model"),
        Metric("extract_pipeline_vs_spacy", round(best["spacy"] / best["pipeline"], 3), "x",
               note="graphkit's spaCy pipeline alone (rulers, paragraph breaks, NER with preset entities)"),
        Metric("extract_rules_share", round(1 - best["pipeline"] / best["graphkit"], 3), "fraction",
               note="share of extraction time spent in graphkit's rules after parsing"),
        Metric("extract_rules_long_vs_short", round(long_per_token / short_per_token, 2), "x",
               note="rules time per token, articles 4x longer (the same text joined) / normal ones; "
               "1.0 = linear in article length"),
        Metric("workers2_speedup", round(steady, 3), "x", ">= 1.7",
               f"throughput workers=2 / workers=1 on {n - len(head)} articles after the first two batches "
               f"(batch size {WORKER_BATCH})"),
        Metric("machine_parallel_speedup", round(capacity, 3), "x",
               note="baseline: 2 processes of pure-Python work / 1 process, best of the rounds around the "
               "workers runs"),
        Metric("workers2_vs_machine", round(steady / capacity, 3), "x",
               note="workers2_speedup / machine_parallel_speedup: the share of the available parallelism used"),
        Metric("workers2_speedup_incl_startup", round(t["1n"] / t["2n"], 3), "x",
               note=f"whole call incl. starting 2 processes that load the model, {n} articles"),
        Metric("workers2_startup_s", round(startup, 2), "s",
               note="workers=2: starting the pool and loading the model in each worker"),
        Metric("extract_peak_rss_mb", round(peak_one, 1), "MB",
               note="extraction process, graphkit pipeline and the bare model both loaded"),
        Metric("workers2_worker_peak_rss_mb", round(peak_rss_mb(children=True), 1), "MB",
               note="largest worker process"),
    ]
