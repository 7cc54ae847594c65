"""Graph stores behind one interface: the embedded NetworkX file store and Neo4j."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..errors import UsageError
from .base import QueryResult, Store
from .networkx import DEFAULT_PATH, NetworkXStore

BACKENDS = ("networkx", "neo4j")


def open_store(backend: str = "networkx", *, path: str | Path | None = None, **neo4j: Any) -> Store:
    """Open a store by backend name; ``path`` is the embedded store's file."""
    if backend == "networkx":
        return NetworkXStore(path or DEFAULT_PATH)
    if backend == "neo4j":
        from .neo4j import Neo4jStore

        return Neo4jStore(**neo4j)
    raise UsageError(f"unknown backend {backend!r}: choose one of {', '.join(BACKENDS)}")


__all__ = ["BACKENDS", "DEFAULT_PATH", "NetworkXStore", "QueryResult", "Store", "open_store"]
