"""Loading a corpus: read, extract and upsert article files, reporting the bad ones.

This is the Python API behind ``graphkit load``: a folder with a few bad files
loads the good ones and returns the bad ones with one-line reasons, and the
store only ever receives whole articles.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from .errors import InputError
from .ingest.extract import Extractor
from .ingest.reader import ArticleText, iter_article_paths, looks_english, read_article
from .model import GraphDoc
from .store.base import Store


@dataclass
class LoadReport:
    """What a load did: articles loaded, and files skipped with their reasons."""

    loaded: list[str] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    nodes: int = 0
    relationships: int = 0


def read_articles(paths: Iterable[Path], report: LoadReport, published: str | None = None
                  ) -> Iterator[ArticleText]:
    """Read articles one by one, recording unreadable files in ``report`` instead of stopping."""
    for path in paths:
        try:
            article = read_article(path, published=published)
        except InputError as e:
            report.failed.append((str(path), str(e)))
            continue
        if not looks_english(article.text):
            report.warnings.append(f"{path}: does not look like English; the extractor reads English only")
        yield article


def load_paths(paths: Iterable[str | Path], store: Store, extractor: Extractor, *, workers: int = 1,
               published: str | None = None, batch_size: int = 16,
               progress: Callable[[str], None] | None = None) -> LoadReport:
    """Extract every article under ``paths`` and merge it into ``store``.

    Missing paths fail before anything is written. Articles are upserted one
    GraphDoc at a time inside one store write, so an interrupted load leaves
    the store as it was (embedded store) or with whole articles (Neo4j).
    """
    files = list(iter_article_paths(list(paths)))
    report = LoadReport()
    with store.writing():
        articles = read_articles(files, report, published)
        for article, doc in extractor.extract_many(articles, batch_size=batch_size, workers=workers):
            store.upsert(doc)
            report.loaded.append(article.path)
            report.nodes += len(doc.nodes)
            report.relationships += len(doc.relationships)
            if progress:
                progress(article.path)
    return report


def extract_paths(paths: Iterable[str | Path], extractor: Extractor, *, published: str | None = None,
                  workers: int = 1) -> GraphDoc:
    """Extract articles into one merged GraphDoc (what ``graphkit extract`` prints)."""
    files = list(iter_article_paths(list(paths)))
    merged = GraphDoc()
    report = LoadReport()
    for _, doc in extractor.extract_many(read_articles(files, report, published), workers=workers):
        merged.update(doc)
    if report.failed:
        raise InputError(report.failed[0][1])
    return merged
