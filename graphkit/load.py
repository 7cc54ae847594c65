"""Loading a corpus: read, extract and upsert article files, reporting the bad ones.

This is the Python API behind ``graphkit load``: a folder with a few bad files
loads the good ones and returns the bad ones with one-line reasons, and the
store only ever receives whole articles.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from .errors import InputError
from .ingest.extract import Extractor
from .ingest.reader import ArticleText, iter_article_paths, looks_english, read_article, scan_paths
from .model import GraphDoc
from .store.base import Store


@dataclass
class LoadReport:
    """What a load did: articles written, already there, failed, and files that are not articles."""

    #: new or changed articles written
    loaded: list[str] = field(default_factory=list)
    #: articles already in the store with the same content hash (not written again)
    unchanged: list[str] = field(default_factory=list)
    #: article files that could not be read, with the reason
    failed: list[tuple[str, str]] = field(default_factory=list)
    #: files in the folders given that are not articles, with the reason
    skipped: list[tuple[str, str]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    nodes: int = 0
    relationships: int = 0

    def summary(self) -> str:
        """``loaded N articles (M new, K already in the store, J failed)``: N = M + K."""
        n = len(self.loaded) + len(self.unchanged)
        return (f"loaded {n} article{'' if n == 1 else 's'} ({len(self.loaded)} new, "
                f"{len(self.unchanged)} already in the store, {len(self.failed)} failed)")

    def error(self) -> InputError | None:
        """The load's failure, if it had one: what makes ``graphkit load`` exit 1.

        One article file that failed gives its own reason; nothing to load at
        all says so (with the skipped files); some failures among good files
        give their count (the good ones are in the store).
        """
        attempted = len(self.loaded) + len(self.unchanged) + len(self.failed)
        if attempted == 1 and self.failed:
            return InputError(self.failed[0][1])
        if attempted == 0:
            skipped = f" ({len(self.skipped)} other file{'' if len(self.skipped) == 1 else 's'} skipped)" \
                if self.skipped else ""
            return InputError(f"no article files to load{skipped}; articles are .txt, .html or .htm files "
                              "(--glob adds other patterns)")
        if self.failed:
            return InputError(f"{len(self.failed)} of {attempted} article files could not be read")
        return None


def load(paths: Iterable[str | Path], store: Store, extractor: Extractor, *, globs: Iterable[str] = (),
         workers: int = 1, published: str | None = None,
         progress: Callable[[str], None] | None = None) -> LoadReport:
    """Scan ``paths`` for article files and load them into ``store`` (``graphkit load``).

    Folders are scanned (:func:`~graphkit.ingest.reader.scan_paths`) before anything
    is read, so a missing path fails before the store changes; files that are not
    articles come back in ``skipped``. ``LoadReport.error()`` says whether the load failed.
    """
    scan = scan_paths(list(paths), globs)
    report = load_paths(scan.files, store, extractor, workers=workers, published=published, progress=progress) \
        if scan.files else LoadReport()
    report.skipped = scan.skipped
    return report


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
    articles = read_articles(files, report, published)
    first = next(articles, None)
    if first is None:  # nothing readable: no store is created or touched
        return report
    articles = itertools.chain([first], articles)
    with store.writing():
        for article, doc in extractor.extract_many(articles, batch_size=batch_size, workers=workers):
            store.upsert(doc)
            report.loaded.append(article.path)
            report.nodes += len(doc.nodes)
            report.relationships += len(doc.relationships)
            if progress:
                progress(article.path)
    return report


def extract_paths(paths: Iterable[str | Path], extractor: Extractor, *, published: str | None = None,
                  workers: int = 1, globs: Iterable[str] = ()) -> GraphDoc:
    """Extract articles into one merged GraphDoc (what ``graphkit extract`` prints)."""
    files = list(iter_article_paths(list(paths), globs))
    if not files:
        raise InputError("no article files to extract; articles are .txt, .html or .htm files "
                         "(--glob adds other patterns)")
    merged = GraphDoc()
    report = LoadReport()
    for _, doc in extractor.extract_many(read_articles(files, report, published), workers=workers):
        merged.update(doc)
    if report.failed:
        raise InputError(report.failed[0][1])
    return merged
