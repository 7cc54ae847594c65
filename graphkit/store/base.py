"""The one interface both stores implement: upsert, query, stats, export.

Code above the stores (CLI, render, query library) talks only to
:class:`Store`, so the embedded NetworkX store and Neo4j are interchangeable.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator
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

    #: ``networkx`` or ``neo4j``: what ``graphkit stats`` and errors call it.
    backend: str = ""

    @abstractmethod
    def upsert(self, doc: GraphDoc) -> None:
        """Merge ``doc`` into the store: loading the same GraphDoc twice changes nothing."""

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

    def article_hashes(self, ids: Iterable[str]) -> dict[str, str]:
        """The stored ``content_hash`` of those Article ids that exist."""
        raise NotImplementedError

    def drop_article(self, article_id: str) -> None:
        """Remove one article's own contribution so a changed article can replace it."""
        raise NotImplementedError

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
