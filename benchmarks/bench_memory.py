"""Memory: loading a corpus four times bigger must not need more memory (read, extract, upsert stream).

Each size runs in a fresh process (peak RSS only ever grows) and loads files
written by corpus.py with ``graphkit.load.load_paths`` into a store that only
counts what it receives. What is measured is graphkit's own pipeline: the
embedded store keeps its whole graph in memory by design (its size per
relationship is in the ``nx_*`` figures) and Neo4j keeps it in the server.

    python benchmarks/bench_memory.py N FOLDER   # one load; prints JSON
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import corpus
from common import OUT, Metric, Scale, peak_rss_mb, rss_mb

from graphkit.load import load_paths
from graphkit.model import GraphDoc
from graphkit.store.base import QueryResult, Store


class CountingStore(Store):
    """Receives GraphDocs and keeps only their counts."""

    backend = "counting"

    def __init__(self) -> None:
        self.relationships = 0

    def upsert(self, doc: GraphDoc) -> None:
        self.relationships += len(doc.relationships)

    def query(self, cypher: str, params: dict[str, Any] | None = None) -> QueryResult:
        raise NotImplementedError

    def export(self) -> GraphDoc:
        return GraphDoc()


def one_load(n: int, folder: Path) -> dict[str, Any]:
    """The child's work: load the first ``n`` articles and report memory."""
    from graphkit.ingest.extract import Extractor

    files = sorted(folder.glob("*.txt"))[:n]
    extractor = Extractor()
    extractor.nlp  # noqa: B018 - load the model before taking the baseline
    base = rss_mb()
    start = time.perf_counter()
    report = load_paths(files, CountingStore(), extractor)
    seconds = time.perf_counter() - start
    return {"articles": len(report.loaded), "relationships": report.relationships, "seconds": seconds,
            "base_mb": base, "peak_mb": peak_rss_mb()}


def measure(n: int, folder: Path) -> dict[str, Any]:
    out = subprocess.run([sys.executable, __file__, str(n), str(folder)], check=True,
                         capture_output=True, text=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def long_article(folder: Path, chars: int = 1_000_000) -> Path:
    """One article of ``chars`` characters on one line (the corpus's articles run together)."""
    path = OUT / f"long-article-{chars}.txt"
    if not path.exists():
        texts, size = [], 0
        articles = [" ".join(a.read_text(encoding="utf-8").split()) for a in sorted(folder.glob("*.txt"))]
        while articles and size < chars:
            texts.append(articles[len(texts) % len(articles)])
            size += len(texts[-1]) + 1
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(" ".join(texts)[:chars], encoding="utf-8")
    return path


def run(scale: Scale) -> list[Metric]:
    small, big = scale.memory_articles
    folder = OUT / f"corpus-{big}"
    if len(list(folder.glob("*.txt"))) < big:
        corpus.write(big, folder)
    a, b = measure(small, folder), measure(big, folder)
    long = long_article(folder)
    one = measure(1, folder)
    huge = _measure_file(long)
    return [
        Metric("mem_long_article_mb", round(huge["peak_mb"], 1), "MB", "<= 1024",
               f"peak RSS extracting one 1,000,000-character single-line article (parsed in parts); "
               f"{huge['seconds']:.0f} s; one ordinary article: {one['peak_mb']:.0f} MB"),
        Metric("mem_peak_ratio", round(b["peak_mb"] / a["peak_mb"], 3), "x", "<= 1.1",
               f"peak RSS loading {big} / {small} articles with load_paths (read, extract, upsert into a "
               "store that only counts)"),
        Metric(f"mem_peak_{small}_mb", round(a["peak_mb"], 1), "MB",
               note=f"{a['base_mb']:.0f} MB after loading the model; {a['articles'] / a['seconds']:.1f} articles/s"),
        Metric(f"mem_peak_{big}_mb", round(b["peak_mb"], 1), "MB",
               note=f"{b['base_mb']:.0f} MB after loading the model; {b['articles'] / b['seconds']:.1f} articles/s, "
               f"{b['relationships']:,} relationships"),
    ]


def _measure_file(path: Path) -> dict[str, Any]:
    out = subprocess.run([sys.executable, __file__, "file", str(path)], check=True, capture_output=True, text=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


if __name__ == "__main__":
    if sys.argv[1] == "file":
        from graphkit.ingest.extract import Extractor

        extractor = Extractor()
        extractor.nlp  # noqa: B018 - load the model before timing
        started = time.perf_counter()
        report = load_paths([Path(sys.argv[2])], CountingStore(), extractor)
        print(json.dumps({"articles": len(report.loaded), "seconds": time.perf_counter() - started,
                          "peak_mb": peak_rss_mb()}))
    else:
        print(json.dumps(one_load(int(sys.argv[1]), Path(sys.argv[2]))))
