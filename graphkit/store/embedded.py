"""The embedded store: the graph in one SQLite file, Cypher through graphqlite, NetworkX on demand.

Underneath is SQLite, with the graph in graphqlite's tables
(``sqlite_graph``); queries run in graphqlite's Cypher engine behind
graphkit's own layer (``embedded_cypher``), except whole-graph patterns of
one plain shape, which that layer compiles to SQL itself
(``embedded_sql``), and graph algorithms (paths,
neighbours, centrality, map layouts) run on a ``networkx.MultiDiGraph`` built
from the file when asked for (``to_networkx``). So:

* **opening is instant**: nothing is read until a query asks, and a query
  reads the rows it needs through SQLite's indexes;
* **writes are incremental and atomic**: ``writing()`` is one SQLite
  transaction (``BEGIN IMMEDIATE``), so a killed load leaves the previous
  state, and a second loader waits for the first (and says so) instead of
  losing its work. Merges follow the one rule, ``model.merge_properties``;
* **readers see new loads**: the file is in WAL mode, so a reader (say the
  explorer, opened with ``read_only=True``) reads while a loader writes and
  sees each load once it commits; its caches follow ``PRAGMA data_version``.

Graph JSON files from earlier versions of graphkit (the old store format)
are not opened: the error names the one command that migrates them,
``graphkit import OLD.json --store NEW.db`` (a Graph JSON file read whole,
then one ``upsert`` into the empty store, which takes the bulk path).
"""

from __future__ import annotations

import gc
import json
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import NoStoreError, QueryError, StoreError
from ..model import SYMMETRIC, GraphDoc, Node, Relationship, merge_properties
from ..settings import DEFAULT_STORE_PATH as DEFAULT_PATH
from .base import QueryResult, Store
from .cypher_regex import UnsupportedRegex, to_posix
from .embedded_cypher import NODE_LABEL, analyse, engine_error, parse_rows, plain
from .embedded_sql import Compiled, compile_query
from .networkx import LABELS_ATTR, edge_key
from .sqlite_graph import CHUNK, Tables, chunks

if TYPE_CHECKING:
    import networkx as nx

#: The store format graphkit writes (``graphkit_meta``), checked when a file is opened.
STORE_FORMAT = "1"
_SQLITE_MAGIC = b"SQLite format 3\x00"
#: SQLite's page cache while writing, in KiB (bulk loads update big indexes; reads need little)
WRITE_CACHE_KB = 512 * 1024
#: How long a reader's statement waits for another connection's lock (in WAL mode it hardly ever does)
_BUSY_S = 30.0


def _sqlite() -> Any:
    """pysqlite3's DB-API module (an SQLite that can load extensions), imported on first use."""
    import pysqlite3.dbapi2 as sqlite3

    return sqlite3


def _regex_params(regexes: Iterable[tuple[str, str | None, str | None]], params: dict[str, Any]) -> dict[str, Any]:
    """The hidden parameters holding a query's ``=~`` patterns, written for graphqlite (``cypher_regex``)."""
    out: dict[str, Any] = {}
    for hidden, posix, source in regexes:
        if not _utf8_locale():
            raise QueryError("=~ outside a UTF-8 locale (the C library's regular expressions then read bytes, "
                             "not characters) is not supported on the embedded backend; use --backend neo4j")
        value = posix if source is None else params.get(source)
        if source is not None and isinstance(value, str):
            try:
                value = to_posix(value)
            except UnsupportedRegex as e:
                raise QueryError(f"the regular expression feature {e} in =~ is not supported on the embedded "
                                 "backend; use --backend neo4j") from None
        out[hidden] = value
    return out


def _utf8_locale() -> bool:
    """Does the C library read text as UTF-8 (the locale graphqlite's regular expressions run in)?"""
    import locale

    return "utf" in (locale.setlocale(locale.LC_CTYPE) or "").lower().replace("-", "")


class EmbeddedStore(Store):
    """A graphkit graph in one SQLite file at ``path``; ``read_only`` opens it for reading only."""

    backend = "embedded"

    def __init__(self, path: str | Path = DEFAULT_PATH, *, read_only: bool = False, lock_timeout: float = 600,
                 on_wait: Callable[[str], None] | None = None) -> None:
        self.path = Path(path)
        self.read_only = read_only
        self.lock_timeout = lock_timeout
        #: called once with a message when another process is writing the store (the CLI prints it)
        self.on_wait = on_wait
        self._conn: Any = None
        self._tables: Tables | None = None
        self._depth = 0
        self._fresh = False  # a write transaction began on an empty store and nothing is merged yet
        self._writes = 0  # commits through this connection (data_version counts only the others')
        self._cache: dict[str, tuple[tuple[int, int], Any]] = {}
        #: how long a statement waits for another connection's lock: a loader may wait for another
        #: loader (creating the store, or graphqlite's first statistics); readers in WAL mode hardly wait
        self._busy_s = _BUSY_S if read_only else lock_timeout
        if read_only and not self.path.exists():
            raise NoStoreError(f"no graphkit store at {self.path}; make one with `graphkit load`")
        if self.path.exists():
            _check_file(self.path)

    # -- connection ----------------------------------------------------------------

    def _connection(self, *, create: bool = False) -> Any:
        if self._conn is not None:
            return self._conn
        if not self.path.exists():
            if not create:
                raise NoStoreError(f"no graphkit store at {self.path}; make one with `graphkit load`")
            self.path.parent.mkdir(parents=True, exist_ok=True)
        else:
            _check_file(self.path)
        sqlite3 = _sqlite()
        import graphqlite

        mode = "ro" if self.read_only else "rwc"
        try:
            conn = sqlite3.connect(f"file:{_uri_path(self.path)}?mode={mode}", uri=True, isolation_level=None,
                                   check_same_thread=False, timeout=self._busy_s)
            graphqlite.load(conn)
            conn.create_function("upper", 1, _upper, deterministic=True)
            conn.create_function("lower", 1, _lower, deterministic=True)
            if not self.read_only:
                _prepare(conn)
            row = conn.execute("SELECT value FROM graphkit_meta WHERE key = 'format'").fetchone()
            if row is None or row[0] != STORE_FORMAT:
                raise StoreError(f"{self.path}: store format {row[0] if row else '?'} is not supported "
                                 f"(this graphkit reads format {STORE_FORMAT})")
            if not self.read_only:
                conn.execute("PRAGMA synchronous = FULL")
                conn.execute("PRAGMA analysis_limit = 1000")
        except sqlite3.DatabaseError as e:
            raise StoreError(f"{self.path}: not a graphkit store or damaged ({_first_line(e)}); "
                             "restore it or pass another --store") from e
        self._conn = conn
        self._tables = Tables(conn)
        return conn

    @property
    def tables(self) -> Tables:
        self._connection()
        assert self._tables is not None
        return self._tables

    def _version(self) -> tuple[int, int]:
        """Changes whenever the data may have: another connection committed, or this one did."""
        conn = self._connection()
        return conn.execute("PRAGMA data_version").fetchone()[0], self._writes

    def data_version(self) -> tuple[int, int]:
        """A value that changes whenever the data may have (a commit here or by another process): what
        a long-running reader, the explorer, keys its own caches on."""
        return self._version()

    def _cached(self, name: str, make: Callable[[], Any]) -> Any:
        version = self._version()
        hit = self._cache.get(name)
        if hit is not None and hit[0] == version and self._depth == 0:
            return hit[1]
        value = make()
        if self._depth == 0:
            self._cache[name] = (version, value)
        return value

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None
            self._tables = None
        self._cache.clear()

    # -- writing -------------------------------------------------------------------

    @contextmanager
    def writing(self) -> Iterator[None]:
        """One transaction around many upserts: all of them are stored, or none (a crash, an error)."""
        if self._depth:
            self._depth += 1
            try:
                yield
            finally:
                self._depth -= 1
            return
        if self.read_only:
            raise StoreError(f"{self.path}: opened read-only")
        conn = self._connection(create=True)
        bulk = self._bulk_mode(conn)
        self._fresh = bulk  # the first upsert into an empty store may build its indexes at the end
        conn.execute(f"PRAGMA cache_size = -{WRITE_CACHE_KB}")
        self._begin(conn)
        self._depth = 1
        try:
            yield
        except BaseException:
            conn.execute("ROLLBACK")
            self.tables.forget_keys()
            raise
        else:
            conn.execute("COMMIT")
            self._after_commit(conn, bulk)
        finally:
            self._depth = 0
            self._fresh = False
            self._writes += 1
            self._cache.clear()
            conn.execute("PRAGMA cache_size = -2000")

    def _after_commit(self, conn: Any, bulk: bool) -> None:
        """Back to WAL after a bulk load, and fresh planner statistics; the data are safe whatever happens here.

        The statistics are sampled (``analysis_limit``): graphqlite computes them
        in full, seconds at a million relationships, when it opens a store
        without any; ``optimize`` refreshes them once a table has grown tenfold.
        """
        try:
            if bulk:
                self._bulk_mode(conn)  # not empty now: WAL
            conn.execute("ANALYZE" if bulk else "PRAGMA optimize")
        except _sqlite().OperationalError:
            pass  # another connection holds a lock: the next write tries again

    def _bulk_mode(self, conn: Any) -> bool:
        """Write into an empty store through a rollback journal instead of the WAL.

        A first load (or ``graphkit import``) writes every page of the file: in
        WAL mode each would be written twice, to the log and then back into the
        file. An empty store has nothing for a reader to see, so nothing is lost
        by the rollback journal's exclusive commit; it stays atomic. Not possible
        while another connection has the file open: then the WAL it is. A store
        that is not empty goes (back) to WAL, also one a bulk load was killed in
        just after its commit.
        """
        sqlite3 = _sqlite()
        empty = conn.execute("SELECT 1 FROM nodes LIMIT 1").fetchone() is None
        conn.execute("PRAGMA busy_timeout = 0")  # never wait here: someone else has the file open
        try:
            mode = conn.execute(f"PRAGMA journal_mode = {'DELETE' if empty else 'WAL'}").fetchone()[0].lower()
        except sqlite3.OperationalError:
            mode = ""
        finally:
            conn.execute(f"PRAGMA busy_timeout = {int(self._busy_s * 1000)}")
        return empty and mode == "delete"

    def _begin(self, conn: Any) -> None:
        sqlite3 = _sqlite()
        conn.execute("PRAGMA busy_timeout = 200")
        try:
            conn.execute("BEGIN IMMEDIATE")
            return
        except sqlite3.OperationalError as e:
            if "locked" not in str(e) and "busy" not in str(e):
                raise StoreError(f"{self.path}: cannot write the store ({_first_line(e)})") from e
        finally:
            conn.execute(f"PRAGMA busy_timeout = {int(self._busy_s * 1000)}")
        if self.on_wait is not None:
            self.on_wait(f"{self.path}: another graphkit process is writing this store; waiting for it")
        conn.execute(f"PRAGMA busy_timeout = {int(self.lock_timeout * 1000)}")
        try:
            conn.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as e:
            raise StoreError(f"{self.path}: another graphkit process has been writing the store for more than "
                             f"{self.lock_timeout:.0f} s") from e
        finally:
            conn.execute(f"PRAGMA busy_timeout = {int(self._busy_s * 1000)}")

    def upsert(self, doc: GraphDoc) -> None:
        with self.writing(), _collector_paused():
            if self._fresh:
                self._fresh = False
                with self.tables.indexes_deferred():
                    _Merge(self.tables, doc).run()
            else:
                _Merge(self.tables, doc).run()

    def drop_article(self, article_id: str) -> None:
        """Remove what one article brought: its relationships, its MENTIONED_IN, its id from
        ``articles`` lists, and the nodes (the Article too) that no other article mentions."""
        with self.writing():
            t = self.tables
            conn = t.conn
            found = t.node_rowids([article_id])
            article = found.get(article_id)
            art_key = t.key_id("article", create=False)
            edges = []
            if art_key is not None:
                edges += [r for (r,) in conn.execute(
                    "SELECT edge_id FROM edge_props_text WHERE key_id = ? AND value = ?", (art_key, article_id))]
            if article is not None:
                edges += [r for (r,) in conn.execute(
                    "SELECT id FROM edges WHERE target_id = ? AND type = 'MENTIONED_IN'", (article,))]
            t.delete_edges(sorted(set(edges)))
            gone: list[int] = [article] if article is not None else []
            list_key = t.key_id("articles", create=False)
            if list_key is not None:
                needle = json.dumps(article_id, ensure_ascii=False)
                for rid, value in conn.execute("SELECT node_id, value FROM node_props_json WHERE key_id = ? "
                                               "AND instr(value, ?) > 0", (list_key, needle)).fetchall():
                    articles = json.loads(value)
                    if article_id not in articles:
                        continue
                    articles.remove(article_id)
                    if articles:
                        conn.execute("UPDATE node_props_json SET value = ? WHERE node_id = ? AND key_id = ?",
                                     (json.dumps(articles, ensure_ascii=False), rid, list_key))
                    else:
                        gone.append(rid)
            t.delete_nodes(sorted(set(gone)))

    # -- reading -------------------------------------------------------------------

    def query(self, cypher: str, params: dict[str, Any] | None = None) -> QueryResult:
        params = dict(params or {})
        found = analyse(cypher)
        if found.refusal:
            raise QueryError(f"{found.refusal} is not supported on the embedded backend; use --backend neo4j")
        missing = sorted(found.params - set(params))
        if missing:
            raise QueryError(f"query uses ${missing[0]} but no value was given (--param {missing[0]}=...)")
        conn = self._connection()
        sqlite3 = _sqlite()
        compiled = compile_query(cypher) if found.columns and len(set(found.columns)) == len(found.columns) else None
        if compiled is not None:
            rows = self._compiled(conn, compiled, params)
            if rows is not None:
                columns = list(found.columns or ())
                return QueryResult(columns, [dict(zip(columns, row, strict=True)) for row in rows],
                                   warnings=self._warnings(found.labels, found.types, found.properties))
        used = {k: v for k, v in params.items() if k in found.params}
        used.update(_regex_params(found.regexes, params))
        try:
            raw = conn.execute("SELECT cypher(?, ?)", (found.text, json.dumps(used) if used else None)).fetchone()
        except sqlite3.Error as e:
            message = str(e)
            if found.text != cypher and "PARSE_ERROR" in message:
                # the position in the text the user wrote, not in graphkit's rewrite of it
                check = json.loads(conn.execute("SELECT cypher_validate(?)", (cypher,)).fetchone()[0])
                message = json.dumps(check) if not check.get("valid") else message
            raise engine_error(message, cypher) from None
        except (ValueError, TypeError) as e:
            raise QueryError(f"parameters: {e}") from None
        if found.refusal == "":  # a pattern graphkit's reader does not know, which graphqlite parsed
            raise QueryError("this pattern form is not supported on the embedded backend; use --backend neo4j")
        rows = parse_rows(raw[0] if raw else None)
        columns = list(found.columns) if found.columns else [k for k, _ in rows[0]] if rows else []
        out = []
        for row in rows:
            values = [plain(v) for k, v in row if not k.startswith("__gqlt")]
            if len(values) != len(columns):
                raise QueryError("the embedded backend returned columns this query does not name; "
                                 "use --backend neo4j")
            out.append(dict(zip(columns, values, strict=True)))
        return QueryResult(columns, out, warnings=self._warnings(found.labels, found.types, found.properties))

    def _compiled(self, conn: Any, compiled: Compiled, params: dict[str, Any]) -> list[tuple[Any, ...]] | None:
        """Rows of a query ``embedded_sql`` compiles, or ``None`` when this store's values leave its shape.

        The kinds of values it checks and the query read one snapshot of the file (one read transaction).
        """
        own = not conn.in_transaction
        if own:
            conn.execute("BEGIN")
        try:
            statement = compiled.sql(conn, lambda key: self.tables.key_id(key, create=False), params)
            return None if statement is None else conn.execute(*statement).fetchall()
        except _sqlite().Error:
            return None  # say an integer overflow in sum(): graphqlite answers it as it would have
        finally:
            if own:
                conn.execute("COMMIT")

    def _warnings(self, labels: Iterable[str], types: Iterable[str], props: Iterable[str]) -> list[str]:
        """Names the query uses that the store holds nowhere (Neo4j warns about them too)."""
        conn = self._connection()
        out = []
        for label in sorted(labels):
            if conn.execute("SELECT 1 FROM node_labels WHERE label = ? LIMIT 1", (label,)).fetchone() is None:
                out.append(f"the label {label!r} is not in the store")
        for rel_type in sorted(types):
            if conn.execute("SELECT 1 FROM edges WHERE type = ? LIMIT 1", (rel_type,)).fetchone() is None:
                out.append(f"the relationship type {rel_type!r} is not in the store")
        for key in sorted(props):
            if conn.execute("SELECT 1 FROM property_keys WHERE key = ?", (key,)).fetchone() is None:
                out.append(f"the property name {key!r} is not in the store")
        return out

    def stats(self) -> dict[str, dict[str, int]]:
        conn = self._connection()
        nodes = dict(conn.execute("SELECT label, count(*) FROM node_labels WHERE label <> ? GROUP BY label",
                                  (NODE_LABEL,)))
        rels = dict(conn.execute("SELECT type, count(*) FROM edges GROUP BY type"))
        return {"nodes": dict(sorted(nodes.items())), "relationships": dict(sorted(rels.items()))}

    def article_hashes(self, ids: Iterable[str]) -> dict[str, str]:
        """The stored ``content_hash`` of those Article ids that are in the store."""
        t = self.tables
        idk, hk = t.key_id("id", create=False), t.key_id("content_hash", create=False)
        if idk is None or hk is None:
            return {}
        out: dict[str, str] = {}
        for part in chunks(list(ids)):
            marks = ",".join("?" * len(part))
            out.update(t.conn.execute(
                "SELECT i.value, h.value FROM node_props_text i "
                "JOIN node_labels l ON l.node_id = i.node_id AND l.label = 'Article' "
                "JOIN node_props_text h ON h.node_id = i.node_id AND h.key_id = ? "
                f"WHERE i.key_id = ? AND i.value IN ({marks})", (hk, idk, *part)))
        return out

    def _rows(self) -> tuple[dict[int, str], dict[int, dict[str, Any]], list[tuple[int, int, int, str]],
                             dict[int, dict[str, Any]]]:
        """Every node (rowid -> label, rowid -> properties) and edge (rowid, start, end, type), with properties."""
        t = self.tables
        conn = t.conn
        if self._depth == 0:
            conn.execute("BEGIN")  # one snapshot for the four reads
        try:
            labels = dict(conn.execute("SELECT node_id, label FROM node_labels WHERE label <> ? ORDER BY node_id",
                                       (NODE_LABEL,)))
            nprops = t.properties("node")
            edges = conn.execute("SELECT id, source_id, target_id, type FROM edges ORDER BY id").fetchall()
            eprops = t.properties("edge")
        finally:
            if self._depth == 0:
                conn.execute("COMMIT")
        return labels, nprops, edges, eprops

    def export(self) -> GraphDoc:
        with _collector_paused():
            return self._export()

    def _export(self) -> GraphDoc:
        labels, nprops, edges, eprops = self._rows()
        doc = GraphDoc()
        ext: dict[int, str] = {}
        for rid, label in labels.items():
            props = nprops.get(rid, {})
            nid = ext[rid] = props.pop("id")
            doc.nodes[nid] = Node(nid, label, props)
        for rid, a, b, rel_type in edges:
            rel = Relationship(rel_type, ext[a], ext[b], eprops.get(rid, {}))
            doc.relationships[rel.key] = rel
        return doc

    def to_networkx(self) -> nx.MultiDiGraph:
        """The whole graph as a MultiDiGraph: nodes keyed by id with ``__labels__`` and their properties,
        one edge per relationship keyed ``TYPE|article`` (``networkx.edge_key``). Cached until the data change."""
        with _collector_paused():
            return self._cached("networkx", self._build_networkx)

    @property
    def graph(self) -> nx.MultiDiGraph:
        """``to_networkx()``: what the NetworkX-backed store of earlier versions exposed."""
        return self.to_networkx()

    def _build_networkx(self) -> nx.MultiDiGraph:
        import networkx as nx

        labels, nprops, edges, eprops = self._rows()
        graph = nx.MultiDiGraph()
        ext: dict[int, str] = {}
        for rid, label in labels.items():
            props = nprops.get(rid, {})
            ext[rid] = props["id"]
            graph.add_node(props["id"], **{LABELS_ATTR: {label}}, **props)
        for rid, a, b, rel_type in edges:
            props = eprops.get(rid, {})
            graph.add_edge(ext[a], ext[b], key=edge_key(rel_type, props), **{LABELS_ATTR: {rel_type}}, **props)
        return graph


class _Merge:
    """One GraphDoc merged into the tables: look up what exists, merge it, insert the rest in bulk."""

    def __init__(self, tables: Tables, doc: GraphDoc) -> None:
        self.t = tables
        self.doc = doc

    def run(self) -> None:
        rowid_of, new_rowids = self.nodes()
        self.relationships(rowid_of, new_rowids)

    def nodes(self) -> tuple[dict[str, int], set[int]]:
        t, doc = self.t, self.doc
        found = t.node_rowids(doc.nodes)
        labels = t.labels(found.values(), NODE_LABEL)
        # Same id, another label (a person and a place named alike): stored apart as label:id.
        store_id = {n.id: (f"{n.label.lower()}:{n.id}" if n.id in found and labels[found[n.id]] != n.label else n.id)
                    for n in doc.nodes.values()}
        renamed = [sid for nid, sid in store_id.items() if sid != nid]
        if renamed:
            found.update(t.node_rowids(renamed))
        rowid_of: dict[str, int] = {}
        existing: dict[int, Node] = {}
        new: list[tuple[str, Node]] = []
        for node in doc.nodes.values():
            rid = found.get(store_id[node.id])
            if rid is None:
                new.append((store_id[node.id], node))
            else:
                existing[rid] = node
                rowid_of[node.id] = rid
        if existing:
            stored = t.properties("node", existing)
            for rid, node in existing.items():
                old = stored.get(rid, {})
                merged = merge_properties(old, node.properties)
                changed = {k: v for k, v in merged.items() if v is not None and old.get(k) != v}
                if changed:
                    t.update_properties("node", rid, old, changed)
        start = t.next_rowid("nodes")
        rows = []
        for i, (sid, node) in enumerate(new):
            rowid_of[node.id] = start + i
            rows.append((start + i, sid, node))
        conn = t.conn
        conn.executemany("INSERT INTO nodes (id) VALUES (?)", [(r,) for r, _, _ in rows])
        conn.executemany("INSERT INTO node_labels (node_id, label) VALUES (?, ?)",
                         [(r, label) for r, _, n in rows for label in (n.label, NODE_LABEL)])
        t.insert_properties("node", ((r, {"id": sid, **n.properties}) for r, sid, n in rows))
        return rowid_of, {r for r, _, _ in rows}

    def relationships(self, rowid_of: dict[str, int], new_rowids: set[int]) -> None:
        t = self.t
        conn = t.conn
        rels = []
        pairs: set[tuple[int, int]] = set()
        for rel in self.doc.relationships.values():
            a, b = rowid_of[rel.start], rowid_of[rel.end]
            rels.append((rel, a, b, str(rel.properties.get("article", ""))))
            if a not in new_rowids and b not in new_rowids:
                pairs.add((a, b))
                if rel.type in SYMMETRIC:
                    pairs.add((b, a))
        have = self.existing_edges(pairs)
        stored = t.properties("edge", set(have.values())) if have else {}
        start = t.next_rowid("edges")
        new_edges: list[tuple[int, int, int, str]] = []
        new_props: list[tuple[int, dict[str, Any]]] = []
        for rel, a, b, article in rels:
            eid = have.get((rel.type, a, b, article))
            if eid is None and rel.type in SYMMETRIC:
                eid = have.get((rel.type, b, a, article))
            if eid is None:
                eid = start + len(new_edges)
                new_edges.append((eid, a, b, rel.type))
                new_props.append((eid, rel.properties))
                continue
            old = stored.get(eid, {})
            merged = merge_properties(old, rel.properties, rel.type)
            changed = {k: v for k, v in merged.items() if v is not None and old.get(k) != v}
            if changed:
                t.update_properties("edge", eid, old, changed)
        conn.executemany("INSERT INTO edges (id, source_id, target_id, type) VALUES (?, ?, ?, ?)", new_edges)
        t.insert_properties("edge", new_props)

    def existing_edges(self, pairs: set[tuple[int, int]]) -> dict[tuple[str, int, int, str], int]:
        """The stored relationships between those (start, end) row ids, by (type, start, end, article)."""
        if not pairs:
            return {}
        conn = self.t.conn
        edges: list[tuple[int, int, int, str]] = []
        for part in chunks(sorted(pairs), CHUNK // 2):
            where = " OR ".join("(source_id = ? AND target_id = ?)" for _ in part)
            edges += conn.execute(f"SELECT id, source_id, target_id, type FROM edges WHERE {where}",
                                  [x for pair in part for x in pair]).fetchall()
        if not edges:
            return {}
        art_key = self.t.key_id("article", create=False)
        articles: dict[int, str] = {}
        if art_key is not None:
            for part in chunks([e[0] for e in edges]):
                articles.update(conn.execute(
                    f"SELECT edge_id, value FROM edge_props_text WHERE key_id = ? AND edge_id IN "
                    f"({','.join('?' * len(part))})", (art_key, *part)))
        return {(rel_type, a, b, articles.get(eid, "")): eid for eid, a, b, rel_type in edges}


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector while a whole graph is read or its rows are built.

    These steps allocate millions of dicts and tuples that all stay alive, and
    the collector, running every few hundred allocations, walks all of them
    again and again, which makes reading a big store grow faster than the store.
    None of them form reference cycles, so pausing it finds nothing later that
    it would have found now.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _prepare(conn: Any) -> None:
    """Make a new file a graphkit store: WAL mode, graphkit's index and format. Loaders may race here."""
    try:
        if conn.execute("SELECT value FROM graphkit_meta WHERE key = 'format'").fetchone() is not None:
            return
    except _sqlite().OperationalError:
        pass  # no graphkit_meta yet
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("BEGIN IMMEDIATE")
    try:
        conn.execute("CREATE TABLE IF NOT EXISTS graphkit_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
        conn.execute("CREATE INDEX IF NOT EXISTS graphkit_edges_pair ON edges (source_id, target_id)")
        if conn.execute("SELECT 1 FROM graphkit_meta WHERE key = 'format'").fetchone() is None \
                and conn.execute("SELECT 1 FROM nodes LIMIT 1").fetchone() is None:
            conn.execute("INSERT INTO graphkit_meta VALUES ('format', ?)", (STORE_FORMAT,))
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


def _check_file(path: Path) -> None:
    """Refuse a file that is not an SQLite database, naming the migration for old Graph JSON stores."""
    try:
        with path.open("rb") as f:
            head = f.read(len(_SQLITE_MAGIC))
    except OSError as e:
        raise StoreError(f"{path}: cannot read the store ({_first_line(e)})") from e
    if not head or head == _SQLITE_MAGIC:
        return
    if head.lstrip()[:1] in (b"{", b"["):
        if path.suffix != ".db":
            how = f"`graphkit import {path} --store {path.with_suffix('.db')}`"
        else:  # the file already has the new store's name: rename it first
            old = path.with_suffix(".json")
            how = f"`mv {path} {old} && graphkit import {old} --store {path}`"
        raise StoreError(f"{path} is a Graph JSON store of an earlier graphkit; move it into the new store with "
                         f"{how}")
    raise StoreError(f"{path}: not a graphkit store (not an SQLite database); pass another --store")


def _uri_path(path: Path) -> str:
    from urllib.parse import quote

    return quote(str(path.resolve()))


def _first_line(e: BaseException) -> str:
    text = str(e).strip()
    return text.splitlines()[0] if text else type(e).__name__


def _upper(value: Any) -> Any:
    """Cypher's toUpper on all of Unicode (SQLite's own upper() changes ASCII letters only)."""
    return value.upper() if isinstance(value, str) else value


def _lower(value: Any) -> Any:
    return value.lower() if isinstance(value, str) else value
