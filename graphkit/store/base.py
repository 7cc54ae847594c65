"""The one interface both stores implement: upsert, query, stats, export.

Code above the stores (CLI, render, query library) talks only to
:class:`Store`, so the embedded store and Neo4j are interchangeable.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ..model import GraphDoc

if TYPE_CHECKING:
    import networkx as nx


@dataclass
class QueryResult:
    """Rows of a query, with the column order of its RETURN clause."""

    columns: list[str]
    rows: list[dict[str, Any]] = field(default_factory=list)
    #: what a writing query changed (Neo4j's update counters that are not zero), else None
    counters: dict[str, int] | None = None
    #: what the backend noticed about the query (names the store does not hold), one line each
    warnings: list[str] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.rows)


class Store(ABC):
    """A graph store that merges GraphDocs by id and answers Cypher."""

    #: ``embedded`` or ``neo4j``: what ``graphkit stats`` and errors call it.
    backend: str = ""

    @abstractmethod
    def upsert(self, doc: GraphDoc) -> None:
        """Merge ``doc`` into the store: loading the same GraphDoc twice changes nothing."""

    def upsert_many(self, docs: Sequence[GraphDoc], *, replace: Iterable[str] = ()) -> None:
        """Write several articles' GraphDocs as one write, first dropping the articles ``replace``
        names (changed articles, whose old contribution goes).

        The result is exactly that of ``drop_article`` for each id and then ``upsert`` for each
        doc in order, which is what this default does; a store may do it in fewer round trips.
        If it raises, a caller may write the docs again one at a time: upserts are idempotent.
        """
        for article_id in replace:
            self.drop_article(article_id)
        for doc in docs:
            self.upsert(doc)

    def article_hashes(self, ids: Iterable[str]) -> dict[str, str]:
        """The stored ``content_hash`` of those Article ``ids`` that are stored (``""`` for one
        stored without a hash), so a reload can skip what has not changed.

        This default knows of nothing stored, so every article is written (and merged).
        """
        return {}

    def drop_article(self, article_id: str) -> None:
        """Remove one article's own contribution: its relationships, its MENTIONED_IN, its id
        from ``articles`` lists, and nodes left with no article (a changed article is dropped
        and written again)."""
        raise NotImplementedError(f"the {self.backend or type(self).__name__} store cannot drop an article")

    @abstractmethod
    def query(self, cypher: str, params: dict[str, Any] | None = None) -> QueryResult:
        """Run a Cypher query with parameters; values are never pasted into the query text."""

    @abstractmethod
    def export(self) -> GraphDoc:
        """The whole graph as a GraphDoc (for Graph JSON, GraphML and maps)."""

    def stats(self) -> dict[str, dict[str, int]]:
        """Counts per node label and per relationship type."""
        return self.export().stats()

    def to_networkx(self) -> nx.MultiDiGraph:
        """The whole graph as a ``networkx.MultiDiGraph`` (layout: ``graphkit.store.networkx``)."""
        from .networkx import to_networkx

        return to_networkx(self.export())

    @contextmanager
    def writing(self) -> Iterator[None]:
        """Group many upserts into one write (one lock and one save for the file store)."""
        yield

    def close(self) -> None:  # noqa: B027 - optional hook
        """Release connections or locks."""

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
