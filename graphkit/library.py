"""The Cypher query library: ``cypher/queries/*.cypher``, each with a header.

A library query starts with ``//`` comment lines: the first says what it
answers; ``// params: name=example ...`` gives each parameter with an example
value that returns rows on ``seeds/``; ``// backends: networkx, neo4j`` says
where it runs. ``graphkit queries`` lists them and ``graphkit query NAME``
runs one.
"""

from __future__ import annotations

import json
import os
import shlex
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import UsageError

_PACKAGE_ROOT = Path(__file__).resolve().parent.parent


@dataclass
class LibraryQuery:
    name: str
    description: str
    cypher: str
    path: Path
    backends: list[str] = field(default_factory=list)
    params: dict[str, Any] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return {"name": self.name, "description": self.description, "backends": self.backends,
                "params": self.params}


def library_dirs() -> list[Path]:
    """Where library queries are looked up: $GRAPHKIT_QUERIES, ./cypher/queries, the source tree's."""
    dirs = []
    if os.environ.get("GRAPHKIT_QUERIES"):
        dirs.append(Path(os.environ["GRAPHKIT_QUERIES"]))
    dirs += [Path.cwd() / "cypher" / "queries", _PACKAGE_ROOT / "cypher" / "queries"]
    seen: list[Path] = []
    for d in dirs:
        if d.is_dir() and d.resolve() not in [s.resolve() for s in seen]:
            seen.append(d)
    return seen


def _typed(raw: str) -> Any:
    try:
        return json.loads(raw)
    except ValueError:
        return raw


def parse_query_file(path: Path) -> LibraryQuery:
    """Read one library file and its header."""
    text = path.read_text(encoding="utf-8")
    description: list[str] = []
    backends = ["networkx", "neo4j"]
    params: dict[str, Any] = {}
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
        elif body.lower().startswith("backends:"):
            backends = [b.strip() for b in body.split(":", 1)[1].split(",") if b.strip()]
        elif body:
            description.append(body)
    return LibraryQuery(path.stem, " ".join(description), text, path, backends, params)


def load_library() -> dict[str, LibraryQuery]:
    """Every library query by name (an earlier directory wins)."""
    found: dict[str, LibraryQuery] = {}
    for d in library_dirs():
        for path in sorted(d.glob("*.cypher")):
            found.setdefault(path.stem, parse_query_file(path))
    return dict(sorted(found.items()))


def resolve_query(text: str) -> tuple[str, LibraryQuery | None]:
    """A query argument as Cypher: a .cypher file path, a library name, or the query itself."""
    path = Path(text)
    if text.endswith(".cypher"):
        if not path.is_file():
            raise UsageError(f"{text}: no such query file")
        return path.read_text(encoding="utf-8"), parse_query_file(path)
    if " " not in text.strip() and "(" not in text:
        library = load_library()
        if text in library:
            return library[text].cypher, library[text]
        raise UsageError(f"{text!r} is neither a Cypher query nor a library query "
                         f"(see 'graphkit queries')")
    return text, None
