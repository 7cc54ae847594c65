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

from ..model import GraphDoc, Node, Relationship
from . import rules
from .context import Context
from .dictionary import Gazetteer, load_gazetteer
from .entities import find_mentions, resolve
from .fingerprint import content_hash, settings_fingerprint
from .nlp import build_pipeline
from .reader import ArticleText


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
        return self.extract_doc(article, self.nlp(article.text))

    def extract_doc(self, article: ArticleText, doc: Doc) -> GraphDoc:
        """Run the rules over an already parsed ``doc`` of ``article``."""
        gaz = self.gazetteer
        mentions = find_mentions(doc, gaz)
        entities = resolve(doc, mentions, gaz)
        ctx = Context(article=article, doc=doc, gaz=gaz, mentions=mentions, entities=entities)
        _add_article_and_entities(ctx)
        rules.apply_all(ctx)
        ctx.graph.nodes[article.id].properties["content_hash"] = self.content_hash(article)
        return ctx.graph

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
            for article, doc in zip(batch, self.nlp.pipe([a.text for a in batch]), strict=True):
                yield article, self.extract_doc(article, doc)

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


def _add_article_and_entities(ctx: Context) -> None:
    """The Article node, one node per resolved entity, and MENTIONED_IN with counts."""
    art = ctx.article
    ctx.graph.add_node(Node(art.id, "Article", {
        "name": art.title, "title": art.title, "source": art.source, "published": art.published,
        "path": art.path, "url": art.url, "sha256": art.sha256, "aliases": [], "articles": [art.id],
    }))
    for ent in ctx.entities.values():
        props: dict[str, object] = {"name": ent.name, "aliases": sorted(ent.aliases)}
        props.update(ent.props)
        ctx.add_node(ent.id, ent.label, **props)
        count = len(ent.mentions)
        ctx.graph.add_relationship(Relationship("MENTIONED_IN", ent.id, art.id, {"count": count}))
