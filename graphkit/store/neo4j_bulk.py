"""A bulk first load: Neo4j's own importer into the empty database of a stopped local server.

``neo4j-admin database import`` writes the store files directly, without
transactions, and is many times faster than any online loader on millions of
relationships; in exchange it only fills an empty database, offline. So
``BulkTarget`` refuses (one line, nothing written) when the server is
running or the database holds anything, then writes one CSV file per label and
per relationship type and runs the importer, with graphkit's constraints and
indexes created after it (``tools/neo4j/src/main/java/graphkit/neo4j/BulkImport.java``, from the jars of
``make neo4j-build``). The graph is the one an online load of the same
articles makes: :func:`merge_articles` merges them with the library's merge
and stores an id that two labels share as ``label:id``, as the online loader does.
"""

from __future__ import annotations

import csv
import os
import socket
import subprocess
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

from ..errors import StoreError
from ..model import LABELS, REL_TYPES, GraphDoc, Node, Relationship
from .neo4j import NODE_LABEL, batch_renames, schema_statements

#: Array values are joined with the ASCII unit separator: no text graphkit stores contains it.
ARRAY_DELIMITER = "\x1f"
JAVA_OPTS = ["-Xms1g", "-Xmx1g", "--add-opens=java.base/java.nio=ALL-UNNAMED",
             "--add-opens=java.base/java.io=ALL-UNNAMED", "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
             "--enable-native-access=ALL-UNNAMED", "-Dlog4j2.disable.jmx=true", "-Dfile.encoding=UTF-8"]


def merge_articles(docs: Iterable[GraphDoc]) -> GraphDoc:
    """Articles' docs merged in order, as loading them one by one into Neo4j would store them
    (an id given two labels is ``label:id`` for the later one)."""
    merged = GraphDoc()
    labels: dict[str, list[str]] = {}
    for doc in docs:
        renames = batch_renames([doc], labels)[0]
        for node in doc.nodes.values():
            node_id = renames.get(node.id, node.id)
            labels.setdefault(node_id, [node.label])
            merged.add_node(Node(node_id, node.label, dict(node.properties)))
        for rel in doc.relationships.values():
            merged.add_relationship(Relationship(rel.type, renames.get(rel.start, rel.start),
                                                 renames.get(rel.end, rel.end), dict(rel.properties)))
    return merged


def server_running(home: Path, uri: str | None) -> str | None:
    """Why the database in ``home`` is in use (its launcher's pid is alive, or ``uri`` answers), or None."""
    pid_file = home / "neo4j.pid"
    try:
        pid = int(pid_file.read_text().strip())
        os.kill(pid, 0)
        return f"its server is running (pid {pid})"
    except (OSError, ValueError):
        pass
    if uri:
        parsed = urlparse(uri)
        try:
            with socket.create_connection((parsed.hostname or "127.0.0.1", parsed.port or 7687), timeout=1):
                return f"a Neo4j server answers at {uri}"
        except OSError:
            pass
    return None


def _type(value: Any) -> str:
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "long"
    if isinstance(value, float):
        return "double"
    if isinstance(value, list):
        kinds = {_type(v) for v in value}
        return f"{kinds.pop() if len(kinds) == 1 else 'string'}[]"
    return "string"


def _columns(items: list[dict[str, Any]], what: str) -> dict[str, str]:
    """Property name -> importer type for one file; a key holding two types cannot be imported."""
    types: dict[str, str] = {}
    for props in items:
        for key, value in props.items():
            if value is None:
                continue
            kind = _type(value)
            if isinstance(value, list) and not value:
                kind = types.get(key, "string[]")
            have = types.setdefault(key, kind)
            if have != kind:
                if have.endswith("[]") and kind.endswith("[]") and not value:
                    continue
                raise StoreError(f"{what} property {key!r} holds both {have} and {kind} values; "
                                 "the bulk importer needs one type per property: load without --bulk")
    return types


#: Column naming a row's properties that are empty lists: the importer stores none, so they are
#: set after it (``FILL_EMPTY_LISTS``); ``__`` names are never graphkit properties.
EMPTY = "__empty"
#: "// batched: FIND ; CHANGE": BulkImport.java runs CHANGE on FIND's ids, 10,000 per transaction.
FILL_EMPTY_LISTS = {
    "nodes": f"// batched: MATCH (n) WHERE n.{EMPTY} IS NOT NULL RETURN id(n) AS id ; "
             f"UNWIND $ids AS i MATCH (n) WHERE id(n) = i FOREACH (k IN n.{EMPTY} | SET n[k] = []) REMOVE n.{EMPTY}",
    "relationships": f"// batched: MATCH ()-[r]->() WHERE r.{EMPTY} IS NOT NULL RETURN id(r) AS id ; "
                     f"UNWIND $ids AS i MATCH ()-[r]->() WHERE id(r) = i FOREACH (k IN r.{EMPTY} | SET r[k] = []) "
                     f"REMOVE r.{EMPTY}",
}


def _empty_lists(props: dict[str, Any]) -> list[str] | None:
    return [k for k, v in props.items() if isinstance(v, list) and not v] or None


def _cell(value: Any) -> Any:
    if value is None or value == []:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        texts = ["true" if v is True else "false" if v is False else str(v) for v in value]
        if any(ARRAY_DELIMITER in t for t in texts):
            raise StoreError("a list value holds the ASCII unit separator; load without --bulk")
        return ARRAY_DELIMITER.join(texts)
    return value


def write_csv(doc: GraphDoc, folder: Path) -> tuple[list[str], list[str]]:
    """One CSV file per label and per relationship type in ``folder``; the importer's arguments,
    and the statements to run after it (empty lists). Nodes are numbered for the importer
    (integer ids are cheaper for it to match than text), their ``id`` is an ordinary column."""
    args: list[str] = [f"--array-delimiter=U+{ord(ARRAY_DELIMITER):04X}", "--id-type=integer"]
    after: list[str] = []
    multiline = False
    number = {node_id: i for i, node_id in enumerate(doc.nodes)}

    def write(path: Path, header: list[str], columns: dict[str, str], rows: list[list[Any]], lead: int) -> None:
        """The importer reads an empty field as no value and a quoted ``""`` as an empty text;
        the csv module writes both as an empty field, so a file holding an empty text is
        written with every text quoted instead."""
        nonlocal multiline
        for i, kind in enumerate(columns.values(), start=lead):
            if kind.endswith("[]") or kind == "boolean":
                for row in rows:
                    row[i] = _cell(row[i])
            if kind.startswith("string"):
                multiline = multiline or any(isinstance(row[i], str) and ("\n" in row[i] or "\r" in row[i])
                                             for row in rows)
        with path.open("w", encoding="utf-8", newline="") as f:
            if not any("" in row for row in rows):
                out = csv.writer(f, lineterminator="\n")
                out.writerow(header)
                out.writerows(rows)
                return
            f.write(",".join(header) + "\n")
            for row in rows:
                f.write(",".join("" if c is None else '"' + c.replace('"', '""') + '"' if isinstance(c, str)
                                 else str(c) for c in row) + "\n")

    by_label: dict[str, list[Node]] = {}
    for node in doc.nodes.values():
        by_label.setdefault(node.label, []).append(node)
    for label in LABELS:
        nodes = by_label.get(label)
        if not nodes:
            continue
        columns = _columns([n.properties for n in nodes], label)
        columns.pop("id", None)
        if any(_empty_lists(n.properties) for n in nodes):
            columns[EMPTY] = "string[]"
            if FILL_EMPTY_LISTS["nodes"] not in after:
                after.append(FILL_EMPTY_LISTS["nodes"])
        labels = f"{label}{ARRAY_DELIMITER}{NODE_LABEL}"
        rows = [[number[n.id], labels, n.id, *(n.properties.get(k) for k in columns)] for n in nodes]
        if EMPTY in columns:
            for row, n in zip(rows, nodes, strict=True):
                row[-1] = _empty_lists(n.properties)
        path = folder / f"nodes-{label}.csv"
        write(path, [":ID", ":LABEL", "id:string", *(f"{k}:{t}" for k, t in columns.items())], columns, rows, 3)
        args.append(f"--nodes={path}")
    by_type: dict[str, list[Relationship]] = {}
    for rel in doc.relationships.values():
        by_type.setdefault(rel.type, []).append(rel)
    for rel_type in REL_TYPES:
        rels = by_type.get(rel_type)
        if not rels:
            continue
        columns = _columns([r.properties for r in rels], rel_type)
        if any(_empty_lists(r.properties) for r in rels):
            columns[EMPTY] = "string[]"
            if FILL_EMPTY_LISTS["relationships"] not in after:
                after.append(FILL_EMPTY_LISTS["relationships"])
        rows = [[number[r.start], number[r.end], *(r.properties.get(k) for k in columns)] for r in rels]
        if EMPTY in columns:
            for row, r in zip(rows, rels, strict=True):
                row[-1] = _empty_lists(r.properties)
        path = folder / f"rels-{rel_type}.csv"
        write(path, [":START_ID", ":END_ID", *(f"{k}:{t}" for k, t in columns.items())], columns, rows, 2)
        args.append(f"--relationships={rel_type}={path}")
    if multiline:
        args.append("--multiline-fields=true")
    return args, after


class BulkTarget:
    """The database of a stopped local server that a bulk load may fill: its home, jars and name."""

    def __init__(self, home: str | Path, *, lib: str | Path | None = None, database: str = "neo4j",
                 uri: str | None = None, java: str = "java") -> None:
        self.home = Path(home).resolve()
        self.lib = Path(lib or os.environ.get("NEO4J_LIB") or self.home / "lib").resolve()
        self.database, self.uri, self.java = database, uri, java

    def _java(self, *args: str) -> list[str]:
        return [self.java, *JAVA_OPTS, "-cp", f"{self.lib}/*", "graphkit.neo4j.BulkImport", "--home", str(self.home),
                "--database", self.database, *args]

    def refuse_if_running(self) -> None:
        if not any(self.lib.glob("graphkit-neo4j-launcher-*.jar")):
            raise StoreError(f"{self.lib}: no Neo4j jars for the bulk importer ('make neo4j-build' fetches them)")
        busy = server_running(self.home, self.uri)
        if busy:
            raise StoreError(f"{self.home}: {busy}; a bulk load needs it stopped ('make neo4j-down'), "
                             "or load without --bulk")

    def start_check(self) -> subprocess.Popen:
        """Start checking that the database is empty (a JVM opening it takes seconds: run it
        while doing something else, then ``finish_check``)."""
        self.refuse_if_running()
        return subprocess.Popen(self._java("check"), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)

    def finish_check(self, proc: subprocess.Popen) -> None:
        out, err = proc.communicate()
        _raise_for(proc.returncode, out + err, self.home)

    def check(self) -> None:
        """Raise StoreError (one line) unless the server is stopped and the database empty."""
        self.finish_check(self.start_check())

    def load(self, doc: GraphDoc, *, checked: bool = False) -> str:
        """Import ``doc``, then create graphkit's constraints and indexes; returns the summary
        ("N nodes, M relationships"). Checks first unless ``checked`` (the server must still be
        stopped). Raises StoreError (one line) on a refusal or a failure."""
        check = None if checked else self.start_check()
        if checked:
            self.refuse_if_running()
        with tempfile.TemporaryDirectory(prefix="graphkit-bulk-") as tmp:
            folder = Path(tmp)
            args, after = write_csv(doc, folder)
            schema = folder / "schema.cypher"
            schema.write_text("\n".join([*after, *schema_statements()]) + "\n", encoding="utf-8")
            if check is not None:
                self.finish_check(check)
            proc = subprocess.run(self._java("--schema", str(schema), "--", "--max-off-heap-memory=1G",
                                             f"--report-file={folder / 'import.report'}", *args),
                                  capture_output=True, text=True)
        _raise_for(proc.returncode, proc.stdout + proc.stderr, self.home)
        self.timings = next((line.split("seconds: ", 1)[1] for line in proc.stdout.splitlines()
                             if line.startswith("graphkit-neo4j: seconds: ")), "")
        lines = [line for line in proc.stdout.splitlines() if line.startswith("graphkit-neo4j: imported ")]
        return lines[-1].removeprefix("graphkit-neo4j: imported ") if lines else ""


def _raise_for(status: int, output: str, home: Path) -> None:
    if status == 0:
        return
    lines = [line.removeprefix("graphkit-neo4j: ") for line in output.splitlines()
             if line.startswith("graphkit-neo4j: ")]
    if status == 3 and lines:
        raise StoreError(f"{lines[-1]}: a bulk load only fills an empty database; load without --bulk")
    if status == 4 and lines:
        raise StoreError(f"{lines[-1]}: stop its server first ('make neo4j-down')")
    errors = [line.strip() for line in output.splitlines() if "Exception" in line or "Error" in line]
    detail = next(iter(errors if errors and (status != 1 or not lines) else lines[-1:]), None) \
        or ([line for line in output.splitlines() if line.strip()] or ["no output"])[-1]
    raise StoreError(f"bulk import into {home} failed: {detail[:300]}")
