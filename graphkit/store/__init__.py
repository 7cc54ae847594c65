"""Graph stores behind one interface: the embedded store (SQLite + graphqlite) and Neo4j."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..errors import UsageError
from .base import QueryResult, Store
from .embedded import DEFAULT_PATH, EmbeddedStore

#: Backend names; ``networkx`` is the embedded store's earlier name, kept as an alias.
BACKENDS = ("embedded", "networkx", "neo4j")
#: The name of the embedded store in earlier versions of graphkit (its Python class).
NetworkXStore = EmbeddedStore


def open_store(backend: str = "embedded", *, path: str | Path | None = None, read_only: bool = False,
               **neo4j: Any) -> Store:
    """Open a store by backend name; ``path`` is the embedded store's file.

    With ``read_only=True`` the store refuses writes, and a missing embedded
    store file raises :class:`~graphkit.errors.NoStoreError` instead of
    being created by the first write.
    """
    if backend in ("embedded", "networkx"):
        return EmbeddedStore(path or DEFAULT_PATH, read_only=read_only)
    if backend == "neo4j":
        from .neo4j import Neo4jStore

        return Neo4jStore(**neo4j)
    raise UsageError(f"unknown backend {backend!r}: choose one of {', '.join(BACKENDS)}")


__all__ = ["BACKENDS", "DEFAULT_PATH", "EmbeddedStore", "NetworkXStore", "QueryResult", "Store", "open_store"]
