"""Loading a corpus: read, extract and upsert article files, reporting the bad ones.

This is the Python API behind ``graphkit load``: a folder with a few bad files
loads the good ones and returns the bad ones with one-line reasons, and the
store only ever receives whole articles.

Three things make a load cost what its slower half costs, and a reload almost
nothing:

* Extraction runs in a thread of its own (its processes with ``workers`` > 1)
  while this thread writes, so the store is written while spaCy reads the
  next articles. Every store call stays in the calling thread.
* Articles are written in batches (``Store.upsert_many``), bounded by rows and
  by time so progress stays visible. A batch the store refuses is written
  again article by article, so one bad article never costs the others.
* Before extraction, each group of articles read is checked against the
  store's ``content_hash`` (one read per group): an unchanged article is not
  extracted or written at all; a changed one replaces its own contribution.
"""

from __future__ import annotations

import itertools
import queue
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import GraphkitError, InputError, StoreUnavailableError
from .ingest.extract import Extractor
from .ingest.reader import ArticleText, iter_article_paths, looks_english, read_article, scan_paths
from .model import GraphDoc
from .store.base import Store

if TYPE_CHECKING:
    from .store.neo4j_bulk import BulkTarget

#: A batch is written once it holds this many rows (nodes plus relationships) ...
BATCH_ROWS = 5000
#: ... or once its first article has waited this long (seconds).
BATCH_SECONDS = 1.0
#: Articles read and checked against the store's hashes at a time.
CHECK_GROUP = 64


@dataclass
class LoadReport:
    """What a load did: articles written or found unchanged, and files that failed, with reasons."""

    #: paths of the articles written (new, or changed and replaced)
    loaded: list[str] = field(default_factory=list)
    #: paths of the articles already in the store with the same ``content_hash`` (not extracted again)
    unchanged: list[str] = field(default_factory=list)
    #: (path, one-line reason) of files that could not be read or written
    failed: list[tuple[str, str]] = field(default_factory=list)
    #: (path, reason) of files in the folders that are not articles
    skipped: list[tuple[str, str]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    #: paths among ``loaded`` that replaced an older version of the same article
    replaced: list[str] = field(default_factory=list)
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
               progress: Callable[[str], None] | None = None,
               batch_rows: int = BATCH_ROWS, batch_seconds: float = BATCH_SECONDS) -> LoadReport:
    """Extract every article under ``paths`` that the store lacks (or holds in another version)
    and write it into ``store``.

    Missing paths fail before anything is written. The store receives whole
    articles only, a batch at a time inside one ``store.writing()``, so an
    interrupted load leaves the store as it was (embedded store) or with whole
    articles (Neo4j). ``progress`` is called with each article's path once it is
    written or found unchanged.
    """
    files = list(iter_article_paths(list(paths)))
    report = LoadReport()
    articles = read_articles(files, report, published)
    first = next(articles, None)
    if first is None:  # nothing readable: no store is created or touched
        return report
    articles = itertools.chain([first], articles)
    with store.writing():
        _Load(store, extractor, report, workers=workers, batch_size=batch_size, progress=progress,
              batch_rows=batch_rows, batch_seconds=batch_seconds).run(articles)
    return report


_END = object()


class _Extraction(threading.Thread):
    """Extracts the articles it is given, in order, in a thread of its own; an exception is
    handed over as the last item."""

    def __init__(self, extractor: Extractor, batch_size: int, workers: int) -> None:
        super().__init__(name="graphkit-extract", daemon=True)
        self.extractor, self.batch_size, self.workers = extractor, batch_size, workers
        self.todo: queue.Queue = queue.Queue()
        self.done: queue.Queue = queue.Queue()

    def _articles(self) -> Iterator[ArticleText]:
        while (article := self.todo.get()) is not _END:
            yield article

    def run(self) -> None:
        try:
            for item in self.extractor.extract_many(self._articles(), batch_size=self.batch_size,
                                                    workers=self.workers):
                self.done.put(item)
        except BaseException as e:  # handed to the writing thread, which raises it
            self.done.put(e)
        self.done.put(_END)


class _Load:
    """One load: reads and checks in this thread, extracts in another, writes batches here."""

    def __init__(self, store: Store, extractor: Extractor, report: LoadReport, *, workers: int, batch_size: int,
                 progress: Callable[[str], None] | None, batch_rows: int, batch_seconds: float) -> None:
        self.store, self.extractor, self.report, self.progress = store, extractor, report, progress
        self.batch_rows, self.batch_seconds = batch_rows, batch_seconds
        self.extraction = _Extraction(extractor, batch_size, workers)
        # Articles handed over and not yet back: enough for the extractor to fill its pipeline
        # (``extract_many`` holds up to 2 * workers + 1 batches), few enough to bound memory.
        self.window = batch_size * (2 * workers + 2)
        #: for each article handed over and not yet back, in order: does it replace a stored one?
        self.in_flight: deque[bool] = deque()
        self.batch: list[tuple[ArticleText, bool, GraphDoc]] = []
        self.batch_rows_now = 0
        self.batch_started = 0.0

    def run(self, articles: Iterator[ArticleText]) -> None:
        self.extraction.start()
        try:
            self._loop(articles)
        finally:
            if self.extraction.is_alive():  # an error or Ctrl-C here: let the extractor wind down
                self.extraction.todo.put(_END)
                self.extraction.join(timeout=10)

    def _loop(self, articles: Iterator[ArticleText]) -> None:
        reading = True
        while True:
            while reading and len(self.in_flight) < self.window:
                reading = self._check(articles)
                if not reading:
                    self.extraction.todo.put(_END)
            # The window is bigger than what the extractor holds, so waiting for it cannot stall.
            wait = max(0.0, self.batch_started + self.batch_seconds - time.monotonic()) if self.batch else None
            try:
                item = self.extraction.done.get(timeout=wait)
            except queue.Empty:
                item = None
            if item is _END:
                self._flush()
                return
            if isinstance(item, BaseException):
                raise item
            if item is not None:
                article, doc = item
                self._add(article, self.in_flight.popleft(), doc)
            if self.batch and time.monotonic() - self.batch_started >= self.batch_seconds:
                self._flush()

    def _check(self, articles: Iterator[ArticleText]) -> bool:
        """Read the next group of articles, hand over those the store lacks or holds in another
        version; False once there are none left."""
        group = [a for _, a in zip(range(CHECK_GROUP), articles, strict=False)]
        if not group:
            return False
        stored = self.store.article_hashes(list(dict.fromkeys(a.id for a in group)))
        for article in group:
            have = stored.get(article.id)
            if have is not None and have == self.extractor.content_hash(article):
                self.report.unchanged.append(article.path)
                if self.progress:
                    self.progress(article.path)
                continue
            self.extraction.todo.put(article)
            self.in_flight.append(have is not None)
        return True

    def _add(self, article: ArticleText, replace: bool, doc: GraphDoc) -> None:
        if not self.batch:
            self.batch_started = time.monotonic()
        self.batch.append((article, replace, doc))
        self.batch_rows_now += len(doc.nodes) + len(doc.relationships)
        self.report.nodes += len(doc.nodes)
        self.report.relationships += len(doc.relationships)
        if self.batch_rows_now >= self.batch_rows:
            self._flush()

    def _flush(self) -> None:
        """Write the batch; if the store refuses it, write its articles one by one and record the
        ones refused. A store that cannot be reached, or that refuses every article for the same
        reason, means the world is wrong, not the articles: that is raised."""
        batch, self.batch, self.batch_rows_now = self.batch, [], 0
        if not batch:
            return
        try:
            self.store.upsert_many([doc for _, _, doc in batch],
                                   replace=[a.id for a, replace, _ in batch if replace])
            written = batch
        except StoreUnavailableError:
            raise
        except GraphkitError as first:
            written, refused = [], []
            for item in batch:
                article, replace, doc = item
                try:
                    self.store.upsert_many([doc], replace=[article.id] if replace else [])
                    written.append(item)
                except GraphkitError as e:
                    refused.append((article.path, str(e)))
            if not written and len(batch) > 1 and len({reason for _, reason in refused}) == 1:
                raise first from None
            self.report.failed.extend((path, f"{path}: {reason}") for path, reason in refused)
        for article, replace, _ in written:
            self.report.loaded.append(article.path)
            if replace:
                self.report.replaced.append(article.path)
            if self.progress:
                self.progress(article.path)


def bulk_load_paths(paths: Iterable[str | Path], target: BulkTarget, extractor: Extractor, *, workers: int = 1,
                    published: str | None = None, progress: Callable[[str], None] | None = None
                    ) -> tuple[LoadReport, str]:
    """A first load through Neo4j's offline importer (see ``graphkit.store.neo4j_bulk``): checks
    that the server is stopped and the database empty before extracting anything, merges every
    article in memory as the online loader would store them, and imports the result. Returns
    the report and the importer's summary ("N nodes, M relationships")."""
    from .store.neo4j_bulk import merge_articles

    files = list(iter_article_paths(list(paths)))
    target.check()
    report = LoadReport()

    def extracted() -> Iterator[GraphDoc]:
        for article, doc in extractor.extract_many(read_articles(files, report, published), workers=workers):
            report.loaded.append(article.path)
            report.nodes += len(doc.nodes)
            report.relationships += len(doc.relationships)
            if progress:
                progress(article.path)
            yield doc

    merged = merge_articles(extracted())
    return report, target.load(merged, checked=True) if report.loaded else ""


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
