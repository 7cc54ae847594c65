"""Settings: the one place that knows graphkit's defaults and the environment variables that change them.

The CLI builds one :class:`Settings` from the environment (:meth:`Settings.from_env`)
and its flags (:meth:`Settings.with_options`) and passes it down; the library
never reads the environment itself. Python users make one directly::

    from graphkit.settings import Settings
    store = Settings(store_path="my.db").open_store()
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .ingest.extract import Extractor
    from .store.base import Store

#: Where the embedded store lives unless ``--store`` or ``GRAPHKIT_STORE`` says otherwise.
DEFAULT_STORE_PATH = Path("graphkit-data") / "graph.db"
#: Backend names; ``networkx`` is the embedded store's earlier name, kept as an alias.
BACKENDS = ("embedded", "networkx", "neo4j")

#: Environment variable -> setting. The Neo4j names are the ones Neo4j's own tools read.
ENVIRONMENT: dict[str, str] = {
    "GRAPHKIT_BACKEND": "backend",
    "GRAPHKIT_STORE": "store_path",
    "GRAPHKIT_SPACY_MODEL": "model",
    "GRAPHKIT_QUERIES": "queries_dir",
    "NEO4J_URI": "neo4j_uri",
    "NEO4J_USERNAME": "neo4j_user",
    "NEO4J_PASSWORD": "neo4j_password",
    "NEO4J_DATABASE": "neo4j_database",
}


@dataclass
class Settings:
    """Everything a command needs to know: where the graph lives and how to extract."""

    backend: str = "embedded"
    store_path: Path = DEFAULT_STORE_PATH
    #: spaCy pipeline (None: the first of graphkit's preferred models that is installed)
    model: str | None = None
    dictionaries: list[str] = field(default_factory=list)
    #: an extra folder of library queries, looked up before the ones graphkit ships
    queries_dir: Path | None = None
    neo4j_uri: str = "bolt://127.0.0.1:7687"
    neo4j_user: str = "neo4j"
    neo4j_password: str | None = field(default=None, repr=False)
    neo4j_database: str = "neo4j"

    def __post_init__(self) -> None:
        self.store_path = Path(self.store_path)
        if self.queries_dir is not None:
            self.queries_dir = Path(self.queries_dir)

    @classmethod
    def from_env(cls, environ: Mapping[str, str]) -> Settings:
        """Defaults overridden by the environment variables of :data:`ENVIRONMENT` that are set."""
        return cls(**{name: environ[var] for var, name in ENVIRONMENT.items() if environ.get(var)})

    def with_options(self, **options: Any) -> Settings:
        """A copy with the options that were given (not None, not empty) replacing the settings."""
        names = {f.name for f in fields(self)}
        given = {k: v for k, v in options.items() if k in names and v not in (None, (), [])}
        if "dictionaries" in given:
            given["dictionaries"] = list(given["dictionaries"])
        return replace(self, **given)

    def where(self) -> str:
        """The store as messages name it: the embedded file, or the Neo4j server and database."""
        if self.backend == "neo4j":
            return f"{self.neo4j_uri} (database {self.neo4j_database!r})"
        return str(self.store_path)

    def open_store(self, *, read_only: bool = False) -> Store:
        """Open the store; with ``read_only`` a store that does not exist raises NoStoreError."""
        from .store import open_store

        return open_store(self.backend, path=self.store_path, read_only=read_only, uri=self.neo4j_uri,
                          user=self.neo4j_user, password=self.neo4j_password, database=self.neo4j_database)

    def extractor(self) -> Extractor:
        from .ingest import Extractor

        return Extractor(self.model, self.dictionaries)
