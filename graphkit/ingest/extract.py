"""The extractor: article text in, :class:`~graphkit.model.GraphDoc` out.

    >>> from graphkit.ingest import Extractor, read_article
    >>> doc = Extractor().extract(read_article("seeds/000_c2068ff2b0e694ef.txt"))  # doctest: +SKIP

The spaCy pipeline is loaded lazily, once per Extractor, and texts go through
``nlp.pipe`` in batches; ``extract_many(..., workers=N)`` spreads articles over
N processes.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from ..model import GraphDoc
from . import rules
from .chunking import parse, pipe
from .clean import Prepared, prepare
from .context import Context
from .dictionary import Gazetteer, load_gazetteer
from .entities import resolve
from .fingerprint import content_hash, settings_fingerprint
from .mentions import find_mentions
from .nlp import build_pipeline
from .reader import ArticleText
from .roles import RoleBase, article_day, load_roles


class Extractor:
    """Turns articles into GraphDocs with spaCy, the dictionaries and the rules."""

    def __init__(self, model: str | None = None, dictionaries: Iterable[str | Path] = ()) -> None:
        self.model = model
        self.dictionaries = [str(d) for d in dictionaries]
        self._gaz: Gazetteer | None = None
        self._nlp: Language | None = None
        self._fingerprint: str | None = None

    def content_hash(self, article: ArticleText) -> str:
        """The Article's ``content_hash``: its text and metadata with these extraction settings."""
        if self._fingerprint is None:
            self._fingerprint = settings_fingerprint(self.model, self.dictionaries)
        return content_hash(article, self._fingerprint)

    @property
    def roles(self) -> RoleBase:
        """The dated role base (built in, plus the dictionaries' ``Role`` lines); once per process."""
        return load_roles(tuple(self.dictionaries))

    @property
    def gazetteer(self) -> Gazetteer:
        if self._gaz is None:
            self._gaz = load_gazetteer(self.dictionaries)
        return self._gaz

    @property
    def nlp(self) -> Language:
        if self._nlp is None:
            self._nlp = build_pipeline(self.gazetteer, self.model)
        return self._nlp

    def extract(self, article: ArticleText) -> GraphDoc:
        """Extract one article."""
        prepared = prepare(article.text)
        return self.extract_doc(article, parse(self.nlp, prepared.text), prepared)

    def extract_doc(self, article: ArticleText, doc: Doc, prepared: Prepared | None = None) -> GraphDoc:
        """Run the rules over an already parsed ``doc`` of ``article`` (parsed from ``prepared.text``)."""
        gaz, roles = self.gazetteer, self.roles
        prepared = prepared or Prepared(doc.text)
        day = article_day(article.published)
        mentions = find_mentions(doc, gaz, prepared.datelines, roles)
        entities = resolve(doc, mentions, gaz, roles, day)
        ctx = Context(article=article, doc=doc, gaz=gaz, mentions=mentions, entities=entities, roles=roles,
                      text=prepared.text, day=day, datelines=prepared.datelines)
        graph = rules.extract(ctx)
        graph.nodes[article.id].properties["content_hash"] = self.content_hash(article)
        return graph

    def extract_many(self, articles: Iterable[ArticleText], *, batch_size: int = 16,
                     workers: int = 1) -> Iterator[tuple[ArticleText, GraphDoc]]:
        """Extract a stream of articles, in order; ``workers`` > 1 uses that many processes."""
        if workers > 1:
            yield from self._extract_parallel(articles, batch_size, workers)
            return
        pending = iter(articles)
        while True:
            batch = [a for _, a in zip(range(batch_size), pending, strict=False)]
            if not batch:
                return
            prepared = [prepare(a.text) for a in batch]
            docs = pipe(self.nlp, [p.text for p in prepared])
            for article, doc, prep in zip(batch, docs, prepared, strict=True):
                yield article, self.extract_doc(article, doc, prep)

    def _extract_parallel(self, articles: Iterable[ArticleText], batch_size: int,
                          workers: int) -> Iterator[tuple[ArticleText, GraphDoc]]:
        with ProcessPoolExecutor(max_workers=workers, initializer=_worker_init,
                                 initargs=(self.model, self.dictionaries)) as pool:
            window: list = []
            pending = iter(articles)
            while True:
                batch = [a for _, a in zip(range(batch_size), pending, strict=False)]
                if batch:
                    window.append((batch, pool.submit(_worker_extract, batch)))
                if not window:
                    return
                if batch and len(window) < workers * 2:
                    continue
                done_batch, future = window.pop(0)
                for article, data in zip(done_batch, future.result(), strict=True):
                    yield article, GraphDoc.from_dict(data)


_WORKER: Extractor | None = None


def _worker_init(model: str | None, dictionaries: list[str]) -> None:
    global _WORKER
    _WORKER = Extractor(model, dictionaries)
    _WORKER.nlp  # noqa: B018 - load the pipeline once per process, before the first batch


def _worker_extract(batch: list[ArticleText]) -> list[dict]:
    assert _WORKER is not None
    return [g.to_dict() for _, g in _WORKER.extract_many(batch, batch_size=len(batch))]
