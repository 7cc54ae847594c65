"""The Neo4j store: the official driver, batched idempotent loads, no APOC.

* One driver per store object, created on first use (never in ``__init__``);
  the database is passed on every call.
* Writes are managed transactions (``execute_write``), so transient errors
  (deadlocks too) are retried by the driver. A GraphDoc of ordinary size (one
  article) is written in one transaction, so an article is never half-written;
  a big one in chunks of about ``batch_size`` rows (``neo4j_plan``), by two
  sessions at once.
* Schema first (``schema_statements()``, the same text as
  ``cypher/schema.cypher``): a uniqueness constraint on ``id`` for every
  label and an index on ``name``, and every node also carries the label
  ``Node`` with its own unique ``id`` (ids are unique across the whole graph,
  docs/model.md): relationships find both ends by one index whatever their labels,
  so a load needs one query text per label and per type, not per combination.
* ``UNWIND $rows`` statements, nodes then relationships: MERGE on the key,
  filling properties (first value wins; list properties such as aliases are
  merged without duplicates); relationships MERGE on (type, ends, article).
  In a chunk of a big load, the nodes the database does not hold yet are
  CREATEd instead, and so are the relationships anchored on them: nobody else
  can hold those yet (see ``neo4j_plan``). That is what a first load spends
  its time on, and CREATE skips MERGE's lookups and locks.
* An id the database holds under another label is stored as ``label:id``,
  as the embedded store does.
* Load statements start with ``CYPHER replan=skip``: a first load into an
  empty database moves its statistics with every batch, and the server would
  otherwise plan the same text again and again (each plan costs more than a
  batch). The plans cannot go stale: every lookup is a unique-index seek.
* Labels, relationship types and property keys reach the query text only
  from the whitelist of graphkit.schema (labels, types) or after an identifier check
  (keys); every value is a parameter.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterable, Sequence
from itertools import groupby
from operator import itemgetter
from typing import Any

from ..errors import QueryError, StoreError, StoreUnavailableError
from ..model import GraphDoc, Node, Relationship
from ..schema import LABELS, LIST_PROPERTIES, NODE_LABEL, REL_TYPES, SYMMETRIC, constraint_statements
from .base import QueryResult, Store
from .neo4j_plan import (
    LABEL_ORDER,
    Chunk,
    Row,
    Schedule,
    chunks,
    fold_node_row,
    fold_rel_row,
    gc_paused,
    rel_row_key,
)

# The driver logs every retry and server notification; with no handler configured Python
# prints them to stderr. graphkit reports failures itself, in one line, so keep them quiet
# unless the application configures logging.
logging.getLogger("neo4j").addHandler(logging.NullHandler())
DEFAULT_BATCH = 10000
#: Sessions writing a big GraphDoc at once (the server gives each transaction one core).
DEFAULT_WRITERS = 2
#: Above this many rows a GraphDoc is written in one transaction per batch (idempotent on rerun).
SINGLE_TX_ROWS = 20000
_PREFIX = "CYPHER replan=skip "


def schema_statements() -> list[str]:
    """Constraints and indexes, one statement each (also ``cypher/schema.cypher``)."""
    return constraint_statements()


#: After ``SET x += row.p SET x += old`` (stored values win): a stored empty text counts as unset,
#: as in ``GraphDoc``'s merge, so a value arriving for it is taken.
_FILL_EMPTY = ("FOREACH (k IN [k IN keys(old) WHERE old[k] = '' AND row.p[k] <> ''] | SET {x}[k] = row.p[k])")


def _node_query(label: str) -> str:
    """MERGE nodes of one label; new keys are added, values already stored win (first value wins).

    ``SET n += row.p SET n += old`` does that for any set of keys without naming
    them, so one query text serves a whole label (the server plans it once);
    the list properties are then unioned, keeping the stored order, and a stored empty
    text takes the new value (``_FILL_EMPTY``), as the library's merge does. MERGE on
    both labels: an id already used by a node of another label is refused by
    the ``Node`` constraint instead of silently joining the two.
    """
    assert label in LABELS
    union = ", ".join(
        f"n.{k} = CASE WHEN row.p.{k} IS NULL THEN old.{k} ELSE reduce(acc = coalesce(old.{k}, []), "
        f"x IN row.p.{k} | CASE WHEN x IN acc THEN acc ELSE acc + x END) END" for k in LIST_PROPERTIES)
    return (f"{_PREFIX}UNWIND $rows AS row MERGE (n:{label}:{NODE_LABEL} {{id: row.id}}) "
            f"WITH n, row, properties(n) AS old SET n += row.p SET n += old SET {union} {_FILL_EMPTY.format(x='n')}")


def _rel_query(rel_type: str) -> str:
    """MERGE relationships of one type, keyed by their article; both ends found by the ``Node`` id."""
    assert rel_type in REL_TYPES
    arrow = "-" if rel_type in SYMMETRIC else "->"
    head = (f"{_PREFIX}UNWIND $rows AS row MATCH (a:{NODE_LABEL} {{id: row.start}}) "
            f"MATCH (b:{NODE_LABEL} {{id: row.end}}) ")
    if rel_type == "MENTIONED_IN":
        return head + (f"MERGE (a)-[r:{rel_type}]{arrow}(b) SET r.count = CASE WHEN coalesce(r.count, 0) > "
                       "row.p.count THEN r.count ELSE row.p.count END")
    return head + (f"MERGE (a)-[r:{rel_type} {{article: row.article}}]{arrow}(b) "
                   f"WITH r, row, properties(r) AS old SET r += row.p SET r += old {_FILL_EMPTY.format(x='r')}")


def _create_node_query(label: str) -> str:
    """CREATE nodes no transaction has yet: what the MERGE above makes of a new id, without its lookups."""
    assert label in LABELS
    return f"{_PREFIX}UNWIND $rows AS row CREATE (n:{label}:{NODE_LABEL} {{id: row.id}}) SET n += row.p"


def _create_rel_query(rel_type: str) -> str:
    """CREATE relationships anchored on a node this transaction created (see ``neo4j_plan``)."""
    assert rel_type in REL_TYPES
    head = (f"{_PREFIX}UNWIND $rows AS row MATCH (a:{NODE_LABEL} {{id: row.start}}) "
            f"MATCH (b:{NODE_LABEL} {{id: row.end}}) ")
    if rel_type == "MENTIONED_IN":
        return head + f"CREATE (a)-[r:{rel_type}]->(b) SET r.count = row.p.count"
    return head + f"CREATE (a)-[r:{rel_type} {{article: row.article}}]->(b) SET r += row.p"


#: Ids the database holds under another label, and the ``label:id`` they are stored under instead.
_RENAMES = (f"{_PREFIX}UNWIND $rows AS row MATCH (n:{NODE_LABEL} {{id: row.id}}) WHERE NOT row.label IN labels(n) "
            "RETURN row.id AS id, toLower(row.label) + ':' + row.id AS name")
#: Reruns of a chunk whose CREATE met a node another loader created meanwhile.
_CONFLICT_RETRIES = 3
#: Which of a chunk's node ids the database holds already (their rows MERGE, the others CREATE).
_STORED = f"{_PREFIX}UNWIND $ids AS id MATCH (n:{NODE_LABEL} {{id: id}}) RETURN collect(id) AS ids"


def chunk_statements(chunk: Chunk, stored: set[str] | None) -> list[tuple[str, list[Row]]]:
    """(query, rows) that write ``chunk`` into a database holding the node ids ``stored``:
    CREATE for the new nodes and the relationships anchored on them, MERGE for the rest
    (for everything when ``stored`` is None)."""
    out: list[tuple[str, list[Row]]] = []
    if stored is None:
        out += [(_node_query(label), rows) for label, rows in chunk.nodes.items()]
        out += [(_rel_query(rel_type), rows) for rel_type, rows in chunk.rels.items()]
        return out
    for label, rows in chunk.nodes.items():
        new = [row for row in rows if row["id"] not in stored] if stored else rows
        old = [row for row in rows if row["id"] in stored] if stored else []
        out += [(q, part) for q, part in ((_create_node_query(label), new), (_node_query(label), old)) if part]
    for rel_type, rows in chunk.rels.items():
        anchors = chunk.anchors[rel_type]
        new = [row for row, a in zip(rows, anchors, strict=True) if a not in stored] if stored else rows
        old = [row for row, a in zip(rows, anchors, strict=True) if a in stored] if stored else []
        out += [(q, part) for q, part in ((_create_rel_query(rel_type), new), (_rel_query(rel_type), old)) if part]
    return out


def _write_chunk(tx: Any, chunk: Chunk) -> None:
    stored = set(tx.run(_STORED, ids=chunk.node_ids).single()["ids"])
    for query, rows in chunk_statements(chunk, stored):
        tx.run(query, rows=rows).consume()


#: The labels each of some ids is stored under (what a batch of articles renames, see ``batch_renames``).
_STORED_LABELS = (f"{_PREFIX}UNWIND $ids AS id MATCH (n:{NODE_LABEL} {{id: id}}) "
                  f"RETURN id, [x IN labels(n) WHERE x <> '{NODE_LABEL}'] AS labels")
#: Dropping articles: their relationships, their ids in ``articles`` lists, nodes left with none.
#: Every node an article adds lists it in ``articles``, and every relationship it adds has both
#: ends among those nodes, so the scan finds all of them (one scan per batch of articles).
_DROP = [f"MATCH (n:{NODE_LABEL}) WHERE any(x IN n.articles WHERE x IN $ids) "
         "CALL (n) { MATCH (n)-[r]-() WHERE r.article IN $ids DELETE r } "
         "SET n.articles = [x IN n.articles WHERE NOT x IN $ids] "
         "WITH n WHERE size(n.articles) = 0 DETACH DELETE n",
         "MATCH (a:Article) WHERE a.id IN $ids DETACH DELETE a"]
_HASHES = "UNWIND $ids AS id MATCH (a:Article {id: id}) RETURN a.id AS id, coalesce(a.content_hash, '') AS hash"


def batch_renames(docs: Sequence[GraphDoc], stored: dict[str, list[str]]) -> list[dict[str, str]]:
    """Per doc, the ids to store under ``label:id``, as writing the docs one after another would
    rename them. ``stored`` maps ids to the labels the database holds them under; an id the
    database lacks belongs to the first label a doc of the batch gives it."""
    first: dict[str, str] = {}
    out = []
    for doc in docs:
        renames = {}
        for node in doc.nodes.values():
            labels = stored.get(node.id)
            owner = labels if labels is not None else [first.setdefault(node.id, node.label)]
            if node.label not in owner:
                renames[node.id] = f"{node.label.lower()}:{node.id}"
        out.append(renames)
    return out


def _write_batch(tx: Any, docs: Sequence[GraphDoc], replace: list[str]) -> None:
    """Articles' docs in one transaction: the replaced articles dropped first, then one MERGE
    statement per label and per relationship type for all the docs' rows, the rows of one node
    or relationship folded into one in the docs' order: what writing the docs one after another
    gives (first values win, lists are unioned in order, MENTIONED_IN keeps the biggest count)."""
    if replace:
        for statement in _DROP:
            tx.run(statement, ids=replace).consume()
    ids = list({node_id for doc in docs for node_id in doc.nodes})
    stored = {row["id"]: row["labels"] for row in tx.run(_STORED_LABELS, ids=ids)}
    nodes: dict[str, dict[str, Row]] = {}
    rels: dict[str, dict[tuple[str, ...], Row]] = {}
    for doc, renames in zip(docs, batch_renames(docs, stored), strict=True):
        for chunk in chunks(doc, len(doc.nodes) + len(doc.relationships) + 1, renames):
            for label, rows in chunk.nodes.items():
                held = nodes.setdefault(label, {})
                for row in rows:
                    if (first := held.setdefault(row["id"], row)) is not row:
                        fold_node_row(first, row)
            for rel_type, rows in chunk.rels.items():
                held_rels = rels.setdefault(rel_type, {})
                for row in rows:
                    if (first := held_rels.setdefault(rel_row_key(rel_type, row), row)) is not row:
                        fold_rel_row(first, row, rel_type)
    for label in LABEL_ORDER:
        if label in nodes:
            tx.run(_node_query(label), rows=list(nodes[label].values())).consume()
    for rel_type in REL_TYPES:
        if rel_type in rels:
            tx.run(_rel_query(rel_type), rows=list(rels[rel_type].values())).consume()


def _label_rows(doc: GraphDoc) -> list[Row]:
    return [{"id": n.id, "label": n.label} for n in doc.nodes.values()]


def _merge_rels(tx: Any, rels: list[tuple[str, Row]]) -> None:
    """MERGE relationships given as (type, row), sorted by type."""
    for rel_type, group in groupby(rels, key=itemgetter(0)):
        tx.run(_rel_query(rel_type), rows=[row for _, row in group]).consume()


class _ConstraintError(StoreError):
    """A write broke a uniqueness constraint; ``upsert`` looks for the node that did."""


class Neo4jStore(Store):
    """A Neo4j database reached over Bolt."""

    backend = "neo4j"

    def __init__(self, uri: str = "bolt://127.0.0.1:7687", user: str = "neo4j", password: str | None = None,
                 database: str = "neo4j", *, batch_size: int = DEFAULT_BATCH,
                 writers: int = DEFAULT_WRITERS, single_tx_rows: int = SINGLE_TX_ROWS) -> None:
        self.uri = uri
        self.user = user
        self._password = password
        self.database = database
        self.batch_size = batch_size
        self.writers = max(1, writers)
        self.single_tx_rows = single_tx_rows
        self._driver: Any = None
        self._schema_done = False
        #: Write transactions committed through this object (tests check that a reload writes none).
        self.transactions = 0

    def __repr__(self) -> str:  # never show the password
        return f"Neo4jStore(uri={self.uri!r}, user={self.user!r}, database={self.database!r})"

    # -- connection ---------------------------------------------------------

    @property
    def driver(self) -> Any:
        if self._driver is None:
            import neo4j

            if self._password is None:
                raise StoreError(f"{self.uri}: no Neo4j password given (set NEO4J_PASSWORD or use "
                                 "--password-stdin)")
            driver = neo4j.GraphDatabase.driver(self.uri, auth=(self.user, self._password),
                                                connection_timeout=10)
            try:
                driver.verify_connectivity()
                driver.execute_query("RETURN 1", database_=self.database)
            except BaseException as e:
                driver.close()
                raise self._translate(e) from None
            self._driver = driver
        return self._driver

    def _translate(self, e: BaseException) -> BaseException:
        """Driver errors as one line naming the server and the cause, never the password."""
        from neo4j import exceptions as ex

        if isinstance(e, ex.AuthError):
            return StoreError(f"{self.uri}: Neo4j refused the credentials for user {self.user!r} "
                              "(check NEO4J_USERNAME / NEO4J_PASSWORD)")
        if isinstance(e, ex.ServiceUnavailable | OSError):
            return StoreUnavailableError(f"{self.uri}: cannot reach the Neo4j server (is it running? "
                              "'make neo4j-up' starts a local one)")
        if isinstance(e, ex.ClientError) and "DatabaseNotFound" in (e.code or ""):
            return StoreError(f"{self.uri}: database {self.database!r} does not exist on this server")
        if isinstance(e, ex.ClientError) and "ConstraintValidationFailed" in (e.code or ""):
            first = (e.message or str(e)).strip().splitlines()[0]
            return _ConstraintError(f"{self.uri}: Neo4j refused the write: {first}")
        if isinstance(e, ex.CypherSyntaxError):
            first = (e.message or str(e)).strip().splitlines()[0]
            return QueryError(f"Neo4j rejected the query: {first}")
        if isinstance(e, ex.ClientError):
            first = (e.message or str(e)).strip().splitlines()[0]
            return QueryError(f"Neo4j rejected the query: {first}")
        if isinstance(e, ex.Neo4jError | ex.DriverError):
            first = (str(e) or type(e).__name__).strip().splitlines()[0]
            return StoreError(f"{self.uri}: Neo4j error: {first[:200]}")
        return e

    def _run(self, fn: Any, *args: Any) -> Any:
        from neo4j import exceptions as ex

        try:
            with self.driver.session(database=self.database) as session:
                result = session.execute_write(fn, *args)
        except (ex.Neo4jError, ex.DriverError, OSError) as e:
            raise self._translate(e) from None
        self.transactions += 1
        return result

    def close(self) -> None:
        if self._driver is not None:
            self._driver.close()
            self._driver = None

    # -- schema ---------------------------------------------------------------

    def ensure_schema(self) -> None:
        if self._schema_done:
            return
        from neo4j import exceptions as ex

        try:
            for statement in schema_statements():
                self.driver.execute_query(statement, database_=self.database)
            self._label_older_nodes()
        except (ex.Neo4jError, ex.DriverError) as e:
            raise self._translate(e) from None
        self._schema_done = True

    def _label_older_nodes(self) -> None:
        """Give the ``Node`` label to nodes loaded before graphkit used it (once per database).

        The check reads the server's count store (no scan): when the graph's labels
        count as many nodes as ``Node`` does, every node has it already.
        """
        count = " + ".join(f"COUNT {{ MATCH (:{label}) }}" for label in LABELS)
        rows, _, _ = self.driver.execute_query(
            f"RETURN {count} AS labelled, COUNT {{ MATCH (:{NODE_LABEL}) }} AS nodes", database_=self.database)
        if rows[0]["labelled"] <= rows[0]["nodes"]:
            return
        with self.driver.session(database=self.database) as session:
            session.run(f"MATCH (n:{'|'.join(LABELS)}) WHERE NOT n:{NODE_LABEL} "
                        f"CALL (n) {{ SET n:{NODE_LABEL} }} IN TRANSACTIONS OF 10000 ROWS").consume()

    # -- Store ------------------------------------------------------------------

    def plan(self, doc: GraphDoc, renames: dict[str, str] | None = None, *, lazy: bool = False) -> list[Chunk]:
        """The transactions ``upsert`` will write ``doc`` in (see ``neo4j_plan``): one for a doc of
        up to ``single_tx_rows`` rows (an article is never half-written), else chunks of about
        ``batch_size`` rows."""
        rows = len(doc.nodes) + len(doc.relationships)
        return chunks(doc, rows + 1 if rows <= self.single_tx_rows else self.batch_size, renames, lazy=lazy)

    def upsert(self, doc: GraphDoc) -> None:
        """Write a GraphDoc: an article-sized one (up to ``single_tx_rows`` rows) in one transaction,
        a bigger one in the chunks of ``plan``, through ``writers`` sessions at once (the server
        runs each transaction on one core).

        In a chunk, nodes the database does not hold yet are CREATEd, and so are the
        relationships anchored on them; everything else is MERGEd. A rerun after a failure
        completes the load without duplicates. A node whose id the database holds under
        another label is stored as ``label:id``, as the embedded store does (docs/model.md: the
        project prefixes an id two labels share): a place and an organization both called
        Abu Dhabi stay apart.
        """
        self.ensure_schema()
        try:
            if len(doc.nodes) + len(doc.relationships) <= self.single_tx_rows:
                self._run(_write_batch, [doc], [])
            else:
                with gc_paused():
                    self._write(self.plan(doc, self._renames(doc), lazy=True))
        except _ConstraintError as e:
            raise StoreError(self._label_conflict(doc) or str(e)) from None

    def upsert_many(self, docs: Sequence[GraphDoc], *, replace: Iterable[str] = ()) -> None:
        """Write articles' docs in one transaction (``_write_batch``), after dropping the articles
        ``replace`` names in that same transaction, so a changed article is replaced whole or not
        at all. A doc too big for one transaction goes through ``upsert`` on its own."""
        docs, replace = list(docs), list(dict.fromkeys(replace))
        if any(len(d.nodes) + len(d.relationships) > self.single_tx_rows for d in docs):
            super().upsert_many(docs, replace=replace)
            return
        if not docs and not replace:
            return
        self.ensure_schema()
        try:
            self._run(_write_batch, docs, replace)
        except _ConstraintError as e:
            found = next(filter(None, (self._label_conflict(doc) for doc in docs)), None)
            raise StoreError(found or str(e)) from None

    def article_hashes(self, ids: Iterable[str]) -> dict[str, str]:
        """The ``content_hash`` of the stored Articles among ``ids`` (one read)."""
        return {row["id"]: row["hash"] for row in self.query(_HASHES, {"ids": list(ids)}).rows}

    def drop_article(self, article_id: str) -> None:
        """Remove one article's contribution (see ``Store.drop_article``), in one transaction."""
        self.upsert_many([], replace=[article_id])

    def _renames(self, doc: GraphDoc) -> dict[str, str]:
        """Ids of ``doc`` the database holds under another label, and the ids to store them under."""
        return {row["id"]: row["name"] for row in self.query(_RENAMES, {"rows": _label_rows(doc)}).rows}

    def _label_conflict(self, doc: GraphDoc) -> str | None:
        """Name a node whose id another loader stored under another label while this one ran."""
        found = self.query(f"UNWIND $rows AS row MATCH (n:{NODE_LABEL} {{id: row.id}}) "
                           "WHERE NOT row.label IN labels(n) "
                           f"RETURN row.id AS id, row.label AS label, [x IN labels(n) WHERE x <> '{NODE_LABEL}'] "
                           "AS stored LIMIT 1", {"rows": _label_rows(doc)}).rows
        if not found:
            return None
        row = found[0]
        return (f"{self.uri}: node id {row['id']!r} was stored as a {'/'.join(row['stored'])} while this "
                f"load wrote it as a {row['label']}; load again (it stores this one as "
                f"'{row['label'].lower()}:{row['id']}')")

    def _write(self, plan: list[Chunk]) -> None:
        schedule = Schedule(plan)
        failures: list[BaseException] = []
        held: list[tuple[str, Row]] = []  # relationships held back by ``Chunk.split``

        def writer() -> None:
            while (taken := schedule.take()) is not None:
                chunk, committed = taken
                part, later = chunk.split(committed)
                try:
                    self._write_chunk(part)
                except BaseException as e:  # handed to the calling thread, which raises it
                    failures.append(e)
                    schedule.stop()
                    return
                schedule.done(chunk)
                held.extend((rel_type, row) for rel_type, rows in later.items() for row in rows)

        count = min(self.writers, len(plan))
        if count <= 1:
            writer()
        else:
            threads = [threading.Thread(target=writer, name=f"graphkit-neo4j-writer-{i}", daemon=True)
                       for i in range(count)]
            for thread in threads:
                thread.start()
            try:
                for thread in threads:
                    thread.join()
            except BaseException:  # Ctrl-C: let the transactions in flight finish, start no more
                schedule.stop()
                for thread in threads:
                    thread.join()
                raise
        if failures:
            raise failures[0]
        held.sort(key=lambda item: item[0])
        for i in range(0, len(held), self.batch_size):
            self._run(_merge_rels, held[i:i + self.batch_size])

    def _write_chunk(self, chunk: Chunk) -> None:
        """One chunk, one transaction; again if another loader created one of its nodes meanwhile
        (the uniqueness constraint refuses our CREATE, and the rerun sees their node and MERGEs).
        A refusal that outlasts the retries is an id another loader stored under another label."""
        for attempt in range(_CONFLICT_RETRIES + 1):
            try:
                self._run(_write_chunk, chunk)
                return
            except _ConstraintError:
                if attempt == _CONFLICT_RETRIES:
                    raise

    def query(self, cypher: str, params: dict[str, Any] | None = None, *, write: bool = False) -> QueryResult:
        """Run ``cypher`` in a read transaction (the server refuses a query that writes) unless
        ``write``; a writing query's result carries the server's update counters."""
        from neo4j import RoutingControl
        from neo4j import exceptions as ex

        try:
            records, summary, keys = self.driver.execute_query(
                cypher, params or {}, database_=self.database,
                routing_=RoutingControl.WRITE if write else RoutingControl.READ)
        except (ex.Neo4jError, ex.DriverError) as e:
            if not write and "AccessMode" in (getattr(e, "code", None) or ""):
                raise QueryError("this query writes to the graph; queries only read unless given --write") from None
            raise self._translate(e) from None
        rows = [{k: _plain(record[k]) for k in keys} for record in records]
        counters = None
        if write:
            counters = {k: v for k, v in vars(summary.counters).items() if isinstance(v, int) and v and k[0] != "_"}
        return QueryResult(list(keys), rows, counters=counters)

    def export(self) -> GraphDoc:
        doc = GraphDoc()
        nodes = self.query("MATCH (n) RETURN n.id AS id, labels(n) AS labels, properties(n) AS props")
        for row in nodes.rows:
            label = next((lb for lb in row["labels"] if lb in LABELS), row["labels"][0])
            props = {k: v for k, v in row["props"].items() if k != "id"}
            doc.add_node(Node(row["id"], label, props))
        rels = self.query("MATCH (a)-[r]->(b) RETURN type(r) AS type, a.id AS start, b.id AS end, "
                          "properties(r) AS props")
        for row in rels.rows:
            if row["type"] in REL_TYPES:
                doc.add_relationship(Relationship(row["type"], row["start"], row["end"], row["props"]))
        return doc

    def stats(self) -> dict[str, dict[str, int]]:
        nodes = self.query("MATCH (n) UNWIND labels(n) AS label WITH label WHERE label <> $node "
                           "RETURN label, count(*) AS n", {"node": NODE_LABEL})
        rels = self.query("MATCH ()-[r]->() RETURN type(r) AS type, count(*) AS n")
        return {"nodes": dict(sorted((r["label"], r["n"]) for r in nodes.rows)),
                "relationships": dict(sorted((r["type"], r["n"]) for r in rels.rows))}

    def server_info(self) -> dict[str, Any]:
        """Version and edition of the server (for ``graphkit ping``)."""
        rows = self.query("CALL dbms.components() YIELD name, versions, edition "
                          "RETURN name, versions[0] AS version, edition").rows
        return rows[0] if rows else {}

    def clear(self) -> None:
        """Delete every node and relationship (tests and benchmarks), in batches.

        Relationships go first, 10,000 per transaction: deleting nodes with their
        relationships would put all of a batch's hubs' relationships in one
        transaction, which outgrows the server's transaction memory on big graphs.
        """
        from neo4j import exceptions as ex

        # CALL ... IN TRANSACTIONS needs an auto-commit transaction, hence session.run.
        try:
            with self.driver.session(database=self.database) as session:
                session.run("MATCH ()-[r]->() CALL (r) { DELETE r } IN TRANSACTIONS OF 10000 ROWS").consume()
                session.run("MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS").consume()
        except (ex.Neo4jError, ex.DriverError) as e:
            raise self._translate(e) from None


def _plain(value: Any) -> Any:
    """Driver values as plain Python: nodes and relationships become property dicts."""
    from neo4j.graph import Node as NeoNode
    from neo4j.graph import Path
    from neo4j.graph import Relationship as NeoRel

    if isinstance(value, NeoNode | NeoRel):
        return dict(value.items())
    if isinstance(value, Path):
        return [dict(n.items()) for n in value.nodes]
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if hasattr(value, "iso_format"):
        return value.iso_format()
    return value
