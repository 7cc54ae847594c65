"""The Neo4j store: the official driver, batched idempotent MERGE loads, no APOC.

* One driver per store object, created on first use (never in ``__init__``);
  the database is passed on every call.
* Writes are managed transactions (``execute_write``), so transient errors
  are retried by the driver. A GraphDoc of ordinary size (one article) is
  written in one transaction, so an article is never half-written.
* Schema first (``schema_statements()``, the same text as
  ``cypher/schema.cypher``): a uniqueness constraint on ``id`` for every
  label and an index on ``name``, and every node also carries the label
  ``Node`` with its own unique ``id`` (ids are unique across the whole graph,
  SCHEMA.md): relationships find both ends by one index whatever their labels,
  so a load needs one query text per label and per type, not per combination.
* Nodes, then relationships, as ``UNWIND $rows`` batches that MERGE on the key
  and fill properties; list properties (aliases, articles, titles) are merged
  without duplicates; relationships MERGE on (type, ends, article).
* Load statements start with ``CYPHER replan=skip``: a first load into an
  empty database moves its statistics with every batch, and the server would
  otherwise plan the same text again and again (each plan costs more than a
  batch). The plans cannot go stale: every lookup is a unique-index seek.
* Labels, relationship types and property keys reach the query text only
  from the SCHEMA whitelist (labels, types) or after an identifier check
  (keys); every value is a parameter.
"""

from __future__ import annotations

import logging
import re
from collections import defaultdict
from collections.abc import Iterator
from typing import Any

from ..errors import QueryError, StoreError
from ..model import LABELS, LIST_PROPERTIES, REL_TYPES, GraphDoc, Node, Relationship
from .base import QueryResult, Store

_KEY = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
# The driver logs every retry and server notification; with no handler configured Python
# prints them to stderr. graphkit reports failures itself, in one line, so keep them quiet
# unless the application configures logging.
logging.getLogger("neo4j").addHandler(logging.NullHandler())
DEFAULT_BATCH = 10000
#: Above this many rows a GraphDoc is written in one transaction per batch (idempotent on rerun).
SINGLE_TX_ROWS = 20000
#: The label every graphkit node carries in Neo4j besides its own (see the module docstring).
NODE_LABEL = "Node"
_PREFIX = "CYPHER replan=skip "


def schema_statements() -> list[str]:
    """Constraints and indexes, one statement each (also ``cypher/schema.cypher``)."""
    out = []
    for label in LABELS:
        low = label.lower()
        out.append(f"CREATE CONSTRAINT {low}_id IF NOT EXISTS FOR (n:{label}) REQUIRE n.id IS UNIQUE")
        out.append(f"CREATE INDEX {low}_name IF NOT EXISTS FOR (n:{label}) ON (n.name)")
    out.append(f"CREATE CONSTRAINT node_id IF NOT EXISTS FOR (n:{NODE_LABEL}) REQUIRE n.id IS UNIQUE")
    return out


def _check_key(key: str) -> str:
    if not _KEY.match(key):
        raise StoreError(f"property name {key!r} cannot be stored in Neo4j (letters, digits and _ only)")
    return key


def _node_query(label: str) -> str:
    """MERGE nodes of one label; new keys are added, values already stored win (first value wins).

    ``SET n += row.p SET n += old`` does that for any set of keys without naming
    them, so one query text serves a whole label (the server plans it once);
    the list properties are then unioned, keeping the stored order. MERGE on
    both labels: an id already used by a node of another label is refused by
    the ``Node`` constraint instead of silently joining the two.
    """
    assert label in LABELS
    union = ", ".join(
        f"n.{k} = CASE WHEN row.p.{k} IS NULL THEN old.{k} ELSE reduce(acc = coalesce(old.{k}, []), "
        f"x IN row.p.{k} | CASE WHEN x IN acc THEN acc ELSE acc + x END) END" for k in LIST_PROPERTIES)
    return (f"{_PREFIX}UNWIND $rows AS row MERGE (n:{label}:{NODE_LABEL} {{id: row.id}}) "
            f"WITH n, row, properties(n) AS old SET n += row.p SET n += old SET {union}")


def _rel_query(rel_type: str) -> str:
    """MERGE relationships of one type, keyed by their article; both ends found by the ``Node`` id."""
    assert rel_type in REL_TYPES
    arrow = "-" if rel_type in ("MET", "ALLIED_WITH") else "->"
    head = (f"{_PREFIX}UNWIND $rows AS row MATCH (a:{NODE_LABEL} {{id: row.start}}) "
            f"MATCH (b:{NODE_LABEL} {{id: row.end}}) ")
    if rel_type == "MENTIONED_IN":
        return head + (f"MERGE (a)-[r:{rel_type}]{arrow}(b) SET r.count = CASE WHEN coalesce(r.count, 0) > "
                       "row.p.count THEN r.count ELSE row.p.count END")
    return head + (f"MERGE (a)-[r:{rel_type} {{article: row.article}}]{arrow}(b) "
                   "WITH r, row, properties(r) AS old SET r += row.p SET r += old")


class _ConstraintError(StoreError):
    """A write broke a uniqueness constraint; ``upsert`` looks for the node that did."""


def _batches(rows: list[dict[str, Any]], size: int) -> Iterator[list[dict[str, Any]]]:
    for i in range(0, len(rows), size):
        yield rows[i:i + size]


class Neo4jStore(Store):
    """A Neo4j database reached over Bolt."""

    backend = "neo4j"

    def __init__(self, uri: str = "bolt://127.0.0.1:7687", user: str = "neo4j", password: str | None = None,
                 database: str = "neo4j", *, batch_size: int = DEFAULT_BATCH) -> None:
        self.uri = uri
        self.user = user
        self._password = password
        self.database = database
        self.batch_size = batch_size
        self._driver: Any = None
        self._schema_done = False

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
            return StoreError(f"{self.uri}: cannot reach the Neo4j server (is it running? "
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
                return session.execute_write(fn, *args)
        except (ex.Neo4jError, ex.DriverError, OSError) as e:
            raise self._translate(e) from None

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

    def _plan(self, doc: GraphDoc) -> list[tuple[str, list[dict[str, Any]]]]:
        """(query, rows) pairs: nodes grouped by label, then relationships by type.

        Few distinct query texts matter more than anything else here: each one is
        planned by the server, and planning costs more than writing a batch.
        """
        plan: list[tuple[str, list[dict[str, Any]]]] = []
        groups: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for node in doc.nodes.values():
            if node.label not in LABELS:
                raise StoreError(f"label {node.label!r} is not in the graph model")
            props = {_check_key(k): v for k, v in node.properties.items() if v is not None and k != "id"}
            groups[node.label].append({"id": node.id, "p": props})
        for label, rows in sorted(groups.items()):
            plan.append((_node_query(label), rows))
        rgroups: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for rel in doc.relationships.values():
            if rel.start not in doc.nodes or rel.end not in doc.nodes:
                raise StoreError(f"relationship {rel.type} {rel.start}->{rel.end} has an end not in the graph")
            if rel.type not in REL_TYPES:
                raise StoreError(f"relationship type {rel.type!r} is not in the graph model")
            props = {_check_key(k): v for k, v in rel.properties.items() if v is not None}
            rgroups[rel.type].append(
                {"start": rel.start, "end": rel.end, "article": props.get("article", ""), "p": props})
        for rel_type, rows in sorted(rgroups.items()):
            plan.append((_rel_query(rel_type), rows))
        return plan

    def upsert(self, doc: GraphDoc) -> None:
        """Write a GraphDoc: one transaction for an article-sized doc, else transactions of about
        ``batch_size`` rows each (every statement is an idempotent MERGE, so a rerun after a
        failure completes the load without duplicates)."""
        self.ensure_schema()
        try:
            self._write(doc)
        except _ConstraintError as e:
            raise StoreError(self._label_conflict(doc) or str(e)) from None

    def _label_conflict(self, doc: GraphDoc) -> str | None:
        """Name a node whose id the database already holds under another label, if there is one."""
        rows = [{"id": n.id, "label": n.label} for n in doc.nodes.values()]
        found = self.query(f"UNWIND $rows AS row MATCH (n:{NODE_LABEL} {{id: row.id}}) "
                           "WHERE NOT row.label IN labels(n) "
                           f"RETURN row.id AS id, row.label AS label, [x IN labels(n) WHERE x <> '{NODE_LABEL}'] "
                           "AS stored LIMIT 1", {"rows": rows}).rows
        if not found:
            return None
        row = found[0]
        return (f"{self.uri}: node id {row['id']!r} is a {row['label']} in this graph but a "
                f"{'/'.join(row['stored'])} in the database; graphkit ids are unique across labels")

    def _write(self, doc: GraphDoc) -> None:
        units = [(query, batch) for query, rows in self._plan(doc) for batch in _batches(rows, self.batch_size)]

        def write_all(tx: Any, steps: list[tuple[str, list[dict[str, Any]]]]) -> None:
            for query, batch in steps:
                tx.run(query, rows=batch).consume()

        if sum(len(batch) for _, batch in units) <= SINGLE_TX_ROWS:
            self._run(write_all, units)
            return
        # Many small statements share a transaction: each commit costs a log flush.
        pending: list[tuple[str, list[dict[str, Any]]]] = []
        size = 0
        for unit in units:
            pending.append(unit)
            size += len(unit[1])
            if size >= self.batch_size:
                self._run(write_all, pending)
                pending, size = [], 0
        if pending:
            self._run(write_all, pending)

    def query(self, cypher: str, params: dict[str, Any] | None = None) -> QueryResult:
        from neo4j import exceptions as ex

        try:
            records, _summary, keys = self.driver.execute_query(cypher, params or {}, database_=self.database)
        except (ex.Neo4jError, ex.DriverError) as e:
            raise self._translate(e) from None
        rows = [{k: _plain(record[k]) for k in keys} for record in records]
        return QueryResult(list(keys), rows)

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
