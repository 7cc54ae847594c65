"""Graph stores behind one interface: the embedded store (SQLite + graphqlite) and Neo4j."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..errors import NoStoreError, UsageError
from ..schema import LABELS
from ..settings import BACKENDS, DEFAULT_STORE_PATH
from .base import QueryResult, Store
from .embedded import DEFAULT_PATH, EmbeddedStore

#: The name of the embedded store in earlier versions of graphkit (its Python class).
NetworkXStore = EmbeddedStore


def open_store(backend: str = "embedded", *, path: str | Path | None = None, read_only: bool = False,
               **neo4j: Any) -> Store:
    """Open a store by backend name; ``path`` is the embedded store's file.

    ``networkx`` is the embedded store's earlier name, kept as an alias. With
    ``read_only`` (every command that only reads) the store refuses writes, and a
    store that is not there raises :class:`NoStoreError` instead of reading as an
    empty graph: a missing embedded file, or a Neo4j database that holds no
    graphkit data.
    """
    if backend in ("embedded", "networkx"):
        return EmbeddedStore(path or DEFAULT_STORE_PATH, read_only=read_only)
    if backend == "neo4j":
        from .neo4j import Neo4jStore

        store = Neo4jStore(**neo4j)
        if read_only and not _holds_graphkit_data(store):
            store.close()
            raise NoStoreError(f"{store.uri}: database {store.database!r} holds no graphkit data; "
                               "make it with `graphkit load --backend neo4j`")
        return store
    raise UsageError(f"unknown backend {backend!r}: choose one of {', '.join(BACKENDS)}")


def _holds_graphkit_data(store: Store) -> bool:
    labels = "|".join(LABELS)  # the schema's own names, never user text
    return bool(store.query(f"RETURN EXISTS {{ MATCH (n:{labels}) }} AS found").rows[0]["found"])


__all__ = ["BACKENDS", "DEFAULT_PATH", "EmbeddedStore", "NetworkXStore", "QueryResult", "Store", "open_store"]
