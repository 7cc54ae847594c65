"""The embedded store's file: graphqlite's tables in one SQLite database, read and written in bulk.

graphqlite (a SQLite extension, pinned in pyproject.toml) keeps a property
graph in plain tables: ``nodes``, ``node_labels``, ``edges`` (source, target,
type) and one table of properties per value type and per kind
(``node_props_text``, ``edge_props_json``, ...), keyed by ``property_keys``.
Its ``cypher()`` function answers queries on them; graphkit writes them
directly with SQL (``executemany`` over whole batches), which is what makes
loads fast and incremental: an article touches the rows of its own nodes and
relationships and nothing else. A node's graphkit id is its ``id`` property,
as in Neo4j, found through graphqlite's index on text properties.

The pyenv Pythons' ``sqlite3`` module cannot load extensions, so the store
uses ``pysqlite3`` (the ``pysqlite3-binary`` wheel: the standard module's
code built against a recent SQLite with extension loading on), pinned.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any

#: Python type -> graphqlite's property table suffix
_TABLE_OF = {str: "text", bool: "bool", int: "int", float: "real", list: "json"}
TABLES = ("text", "int", "real", "bool", "json")
#: SQLite's limit on bound parameters is 32,766; stay well below it
CHUNK = 900


def table_of(value: Any) -> str:
    """The property table a value goes to (``bool`` before ``int``: it is one)."""
    kind = _TABLE_OF.get(type(value))
    if kind is None:
        raise ValueError(f"property value {value!r} is not text, a number, true/false or a list")
    return kind


_dump = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode


def encode(value: Any) -> Any:
    """A property value as its table stores it."""
    if isinstance(value, bool):
        return 1 if value else 0
    if isinstance(value, list):
        return _dump(value)
    return value


def decode(kind: str, value: Any) -> Any:
    if kind == "bool":
        return bool(value)
    if kind == "json":
        return json.loads(value)
    return value


def chunks(items: list[Any], size: int = CHUNK) -> Iterator[list[Any]]:
    for i in range(0, len(items), size):
        yield items[i:i + size]


class Tables:
    """SQL on graphqlite's tables through one connection: keys, lookups, property reads and writes."""

    def __init__(self, conn: Any) -> None:
        self.conn = conn
        self._keys: dict[str, int] = {}

    @contextmanager
    def indexes_deferred(self) -> Iterator[None]:
        """Drop the secondary indexes, write, and build them again, all in the caller's transaction.

        For a first load into an empty store: SQLite builds an index from sorted rows several
        times faster than it updates it row by row (a million evidence texts in a text index).
        A failure inside rolls the drop back with everything else.
        """
        found = self.conn.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL").fetchall()
        for name, _ in found:
            self.conn.execute(f'DROP INDEX "{name}"')
        yield
        for _, sql in found:
            self.conn.execute(sql)

    # -- property keys -----------------------------------------------------------

    def forget_keys(self) -> None:
        """Drop cached key ids (after a rollback they may not exist)."""
        self._keys.clear()

    def key_id(self, key: str, *, create: bool = True) -> int | None:
        found = self._keys.get(key)
        if found is not None:
            return found
        row = self.conn.execute("SELECT id FROM property_keys WHERE key = ?", (key,)).fetchone()
        if row is None:
            if not create:
                return None
            row = (self.conn.execute("INSERT INTO property_keys (key) VALUES (?)", (key,)).lastrowid,)
        self._keys[key] = row[0]
        return row[0]

    def key_names(self) -> dict[int, str]:
        return {kid: key for kid, key in self.conn.execute("SELECT id, key FROM property_keys")}

    # -- lookups -----------------------------------------------------------------

    def node_rowids(self, ids: Iterable[str]) -> dict[str, int]:
        """Row ids of the nodes whose ``id`` property is one of ``ids``."""
        idk = self.key_id("id", create=False)
        if idk is None:
            return {}
        found: dict[str, int] = {}
        for part in chunks(list(ids)):
            marks = ",".join("?" * len(part))
            for value, rowid in self.conn.execute(
                    f"SELECT value, node_id FROM node_props_text WHERE key_id = ? AND value IN ({marks})",
                    (idk, *part)):
                found[value] = rowid
        return found

    def labels(self, rowids: Iterable[int], but: str) -> dict[int, str]:
        """The label of each node, leaving out ``but`` (the label every node carries)."""
        out: dict[int, str] = {}
        for part in chunks(list(rowids)):
            marks = ",".join("?" * len(part))
            out.update(self.conn.execute(
                f"SELECT node_id, label FROM node_labels WHERE node_id IN ({marks}) AND label <> ?", (*part, but)))
        return out

    def properties(self, kind: str, rowids: Iterable[int] | None = None) -> dict[int, dict[str, Any]]:
        """Properties of nodes or edges (``kind`` ``node``/``edge``): all of them, or of ``rowids``."""
        names = self.key_names()
        owner = f"{kind}_id"
        out: dict[int, dict[str, Any]] = {}
        parts: Iterable[list[int] | None] = [None] if rowids is None else chunks(list(rowids))
        for part in parts:
            for table in TABLES:
                sql = f"SELECT {owner}, key_id, value FROM {kind}_props_{table}"
                args: list[int] = []
                if part is not None:
                    sql += f" WHERE {owner} IN ({','.join('?' * len(part))})"
                    args = part
                if table in ("text", "int", "real"):
                    for rid, kid, value in self.conn.execute(sql, args):
                        out.setdefault(rid, {})[names[kid]] = value
                else:
                    for rid, kid, value in self.conn.execute(sql, args):
                        out.setdefault(rid, {})[names[kid]] = decode(table, value)
        return out

    # -- writes ------------------------------------------------------------------

    def next_rowid(self, table: str) -> int:
        return self.conn.execute(f"SELECT COALESCE(MAX(id), 0) + 1 FROM {table}").fetchone()[0]

    def insert_properties(self, kind: str, rows: Iterable[tuple[int, dict[str, Any]]]) -> None:
        """Insert the properties of new nodes or edges: (rowid, properties) pairs, ``None`` values skipped.

        The values are sorted into one batch per table by their type in one
        pass (this loop runs for every property of a bulk load).
        """
        text: list[tuple[int, int, Any]] = []
        ints: list[tuple[int, int, Any]] = []
        reals: list[tuple[int, int, Any]] = []
        bools: list[tuple[int, int, Any]] = []
        lists: list[tuple[int, int, Any]] = []
        keys = self._keys
        for rid, props in rows:
            for key, value in props.items():
                kid = keys.get(key)
                if kid is None:
                    kid = self.key_id(key)
                kind_of = type(value)
                if kind_of is str:
                    text.append((rid, kid, value))
                elif kind_of is list:
                    lists.append((rid, kid, _dump(value)))
                elif kind_of is int:
                    ints.append((rid, kid, value))
                elif kind_of is bool:
                    bools.append((rid, kid, 1 if value else 0))
                elif kind_of is float:
                    reals.append((rid, kid, value))
                elif value is not None:
                    table_of(value)  # raises, naming the value
        for table, batch in (("text", text), ("int", ints), ("real", reals), ("bool", bools), ("json", lists)):
            if batch:
                self.conn.executemany(
                    f"INSERT INTO {kind}_props_{table} ({kind}_id, key_id, value) VALUES (?, ?, ?)", batch)

    def update_properties(self, kind: str, rid: int, old: dict[str, Any], changed: dict[str, Any]) -> None:
        """Write the properties that changed, moving a value whose type changed to its new table."""
        for key, value in changed.items():
            kid = self.key_id(key)
            if key in old and old[key] is not None and table_of(old[key]) != table_of(value):
                self.conn.execute(f"DELETE FROM {kind}_props_{table_of(old[key])} WHERE {kind}_id = ? "
                                  "AND key_id = ?", (rid, kid))
            self.conn.execute(f"INSERT OR REPLACE INTO {kind}_props_{table_of(value)} ({kind}_id, key_id, value) "
                              "VALUES (?, ?, ?)", (rid, kid, encode(value)))

    def delete_edges(self, rowids: list[int]) -> None:
        for part in chunks(rowids):
            marks = ",".join("?" * len(part))
            for table in TABLES:
                self.conn.execute(f"DELETE FROM edge_props_{table} WHERE edge_id IN ({marks})", part)
            self.conn.execute(f"DELETE FROM edges WHERE id IN ({marks})", part)

    def delete_nodes(self, rowids: list[int]) -> None:
        """Delete nodes with their relationships and properties."""
        for part in chunks(rowids):
            marks = ",".join("?" * len(part))
            edges = [r for (r,) in self.conn.execute(
                f"SELECT id FROM edges WHERE source_id IN ({marks}) UNION SELECT id FROM edges "
                f"WHERE target_id IN ({marks})", part + part)]
            self.delete_edges(edges)
            for table in TABLES:
                self.conn.execute(f"DELETE FROM node_props_{table} WHERE node_id IN ({marks})", part)
            self.conn.execute(f"DELETE FROM node_labels WHERE node_id IN ({marks})", part)
            self.conn.execute(f"DELETE FROM nodes WHERE id IN ({marks})", part)
