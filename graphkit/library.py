"""The Cypher query library: ``cypher/queries/*.cypher``, each with a header.

A library query starts with ``//`` comment lines: the first says what it
answers; ``// params: name=example ...`` gives each parameter with an example
value that returns rows on ``seeds/``; ``// names: param ...`` lists the
parameters that name a node (resolved like every name graphkit takes, so
``actor=Lavrov`` finds Sergei Lavrov); ``// backends: embedded, neo4j`` says
where it runs. ``graphkit queries`` lists them and ``graphkit query NAME``
runs one. The files ship inside the package as ``graphkit.cypher``.
"""

from __future__ import annotations

import json
import shlex
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import UsageError
from .resolve import NameIndex, did_you_mean

if TYPE_CHECKING:
    from .store.base import QueryResult, Store


@dataclass
class LibraryQuery:
    name: str
    description: str
    cypher: str
    path: Path
    backends: list[str] = field(default_factory=list)
    params: dict[str, Any] = field(default_factory=dict)
    #: parameters whose value names a node (resolved before the query runs)
    names: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {"name": self.name, "description": self.description, "backends": self.backends,
                "params": self.params, "names": self.names}


def library_dirs(extra: str | Path | None = None) -> list[Path]:
    """Where library queries are looked up: ``extra`` (``GRAPHKIT_QUERIES``), then the package's own."""
    dirs = [Path(extra)] if extra else []
    dirs.append(Path(str(resources.files("graphkit.cypher") / "queries")))
    return [d for d in dirs if d.is_dir()]


def _typed(raw: str) -> Any:
    try:
        return json.loads(raw)
    except ValueError:
        return raw


def parse_query_file(path: Path) -> LibraryQuery:
    """Read one library file and its header."""
    text = path.read_text(encoding="utf-8")
    description: list[str] = []
    backends = ["embedded", "neo4j"]
    params: dict[str, Any] = {}
    names: list[str] = []
    for line in text.splitlines():
        if not line.startswith("//"):
            break
        body = line[2:].strip()
        if body.lower().startswith("params:"):
            spec = body.split(":", 1)[1].strip()
            if spec and spec != "(none)":
                for item in shlex.split(spec):
                    key, _, value = item.partition("=")
                    params[key] = _typed(value)
        elif body.lower().startswith("names:"):
            names = body.split(":", 1)[1].split()
        elif body.lower().startswith("backends:"):
            backends = [b.strip() for b in body.split(":", 1)[1].split(",") if b.strip()]
        elif body:
            description.append(body)
    return LibraryQuery(path.stem, " ".join(description), text, path, backends, params, names)


def load_library(extra: str | Path | None = None) -> dict[str, LibraryQuery]:
    """Every library query by name (a query in ``extra`` wins over the package's of the same name)."""
    found: dict[str, LibraryQuery] = {}
    for d in library_dirs(extra):
        for path in sorted(d.glob("*.cypher")):
            found.setdefault(path.stem, parse_query_file(path))
    return dict(sorted(found.items()))


def resolve_query(text: str, library: dict[str, LibraryQuery] | None = None) -> tuple[str, LibraryQuery | None]:
    """A query argument as Cypher: a .cypher file path, a library name, or the query itself."""
    path = Path(text)
    if text.endswith(".cypher"):
        if not path.is_file():
            raise UsageError(f"{text}: no such query file")
        return path.read_text(encoding="utf-8"), parse_query_file(path)
    if " " not in text.strip() and "(" not in text:
        library = load_library() if library is None else library
        if text in library:
            return library[text].cypher, library[text]
        raise UsageError(f"{text!r} is neither a Cypher query nor a library query{did_you_mean(text, library)} "
                         f"(see 'graphkit queries')")
    return text, None


def run_query(store: Store, text: str, params: dict[str, Any] | None = None, *,
              library: dict[str, LibraryQuery] | None = None, write: bool = False) -> QueryResult:
    """Run a query argument (text, file or library name) with ``params`` on ``store``.

    A library query's name parameters are resolved first, as every name
    graphkit takes is: ``actor=Lavrov`` becomes ``actor=Sergei Lavrov``. With
    ``write`` the query may change the graph (Neo4j only); otherwise it runs in
    a read transaction and a query that writes is refused.
    """
    cypher, query = resolve_query(text, library)
    bound = dict(params or {})
    if query is not None:
        unknown = sorted(set(bound) - set(query.params))
        if unknown:
            raise UsageError(f"{query.name} has no parameter {unknown[0]!r}"
                             f"{did_you_mean(unknown[0], query.params)} (parameters: "
                             f"{', '.join(query.params) or 'none'})")
        missing = [k for k, example in query.params.items() if k not in bound and isinstance(example, str)]
        if missing:
            example = " ".join(f"--param {k}={json.dumps(query.params[k], ensure_ascii=False)}" for k in missing)
            raise UsageError(f"{query.name} needs {example} (or another value)")
        bound = {**{k: v for k, v in query.params.items() if k not in missing}, **bound}
        index: NameIndex | None = None
        for name in query.names:
            value = bound.get(name)
            if not isinstance(value, str) or _names_a_node(store, value):
                continue  # an exact name needs no look-up (and no scan of every name in a big store)
            index = index or NameIndex.from_store(store)
            bound[name] = index.canonical_name(value)
    if write:
        return store.query(cypher, bound, write=True)  # type: ignore[call-arg]
    return store.query(cypher, bound)


def _names_a_node(store: Store, name: str) -> bool:
    return bool(store.query("MATCH (n) WHERE n.name = $name RETURN n.id AS id LIMIT 1", {"name": name}).rows)
