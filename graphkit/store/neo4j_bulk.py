"""A bulk first load: Neo4j's own importer into the empty database of a stopped local server.

``neo4j-admin database import`` writes the store files directly, without
transactions, and is many times faster than any online loader on millions of
relationships; in exchange it only fills an empty database, offline. So
``BulkTarget`` refuses (one line, nothing written) when the server is
running or the database holds anything, then writes one CSV file per label and
per relationship type and hands them to one JVM
(``tools/neo4j/src/main/java/graphkit/neo4j/BulkImport.java``, from the jars of
``make neo4j-build``) that has checked the database meanwhile, imports them
(empty lists included, which Neo4j's CSV reader alone would drop) and creates
graphkit's constraints and indexes. The graph is the one an online load of the
same articles makes: :func:`merge_articles` merges them with the library's merge
and stores an id that two labels share as ``label:id``, as the online loader does.
"""

from __future__ import annotations

import csv
import os
import socket
import subprocess
import tempfile
import time
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


#: Python type -> the importer's type of a column (or of an array column's elements).
_KINDS = {bool: "boolean", int: "long", float: "double", str: "string"}


def _kind(values: list[Any], key: str, what: str) -> str:
    """The importer's type of one column; a key holding two types cannot be imported."""
    kinds = {v.__class__ for v in values} - {type(None)}
    if list in kinds:
        if len(kinds) > 1:
            raise StoreError(f"{what} property {key!r} holds both lists and single values; "
                             "the bulk importer needs one type per property: load without --bulk")
        items = {x.__class__ for v in values if v for x in v}
        return f"{_KINDS.get(items.pop(), 'string') if len(items) == 1 else 'string'}[]"
    names = {_KINDS.get(k, "string") for k in kinds}
    if len(names) > 1:
        a, b = sorted(names)
        raise StoreError(f"{what} property {key!r} holds both {a} and {b} values; "
                         "the bulk importer needs one type per property: load without --bulk")
    return names.pop() if names else "string"


def _text(value: Any) -> str:
    return ("true" if value else "false") if value.__class__ is bool else str(value)


def _cells(values: list[Any], kind: str, key: str, empty: list[Any]) -> list[Any]:
    """One column as the importer reads it: arrays joined, booleans spelled out, and each
    row's empty lists named in ``empty`` (the importer cannot read an empty array field)."""
    if kind == "boolean":
        return [None if v is None else "true" if v else "false" for v in values]
    if not kind.endswith("[]"):
        return values
    for i, v in enumerate(values):
        if v == []:
            if empty[i] is None:
                empty[i] = []
            empty[i].append(key)
    if kind != "string[]" or any(x.__class__ is not str for v in values if v for x in v):
        values = [[_text(x) for x in v] if v else v for v in values]
    if any(ARRAY_DELIMITER in x for v in values if v for x in v):
        raise StoreError("a list value holds the ASCII unit separator; load without --bulk")
    return [ARRAY_DELIMITER.join(v) if v else None for v in values]


#: Column naming a row's properties that are empty lists: Neo4j's CSV reader drops an empty
#: array, so BulkImport.java (EmptyListsImport) writes an empty list for each name it holds;
#: ``__`` names are never graphkit properties.
EMPTY = "__empty"


def _write(path: Path, header: list[str], columns: list[list[Any]]) -> bool:
    """One CSV file from its columns; whether a text in it spans lines. The importer reads an
    empty field as no value and a quoted ``""`` as an empty text; the csv module writes both as
    an empty field, so a file holding an empty text is written with every text quoted instead."""
    rows = list(zip(*columns, strict=True))
    with path.open("w", encoding="utf-8", newline="") as f:
        if not any("" in column for column in columns):
            out = csv.writer(f, lineterminator="\n")
            out.writerow(header)
            out.writerows(rows)
        else:
            f.write(",".join(header) + "\n")
            for row in rows:
                f.write(",".join("" if c is None else '"' + c.replace('"', '""') + '"' if isinstance(c, str)
                                 else str(c) for c in row) + "\n")
    data = path.read_bytes()  # one line a row unless a text holds a line break
    return data.count(b"\n") != len(rows) + 1 or b"\r" in data


class _Part:
    """One label's nodes or one type's relationships: the columns every row has (ids, label or
    type), and its properties' columns by key with their importer types."""

    def __init__(self, lead: list[list[Any]], items: list[dict[str, Any]], what: str, skip: str = "") -> None:
        self.lead, self.size = lead, len(items)
        self.kinds: dict[str, str] = {}
        self.columns: dict[str, list[Any]] = {}
        empty: list[Any] = [None] * len(items)
        for key in dict.fromkeys(k for props in items for k in props):
            if key != skip:
                values = [props.get(key) for props in items]
                self.kinds[key] = kind = _kind(values, key, what)
                self.columns[key] = _cells(values, kind, key, empty)
        if any(e is not None for e in empty):
            self.kinds[EMPTY] = "string[]"
            self.columns[EMPTY] = [ARRAY_DELIMITER.join(e) if e else None for e in empty]


def _write_parts(path: Path, lead: list[str], parts: list[_Part]) -> bool:
    """Parts that give each key one type, as one file under one header (a missing key is an
    empty field); whether a text in it spans lines."""
    kinds = {k: v for part in parts for k, v in part.kinds.items() if k != EMPTY}
    if any(EMPTY in part.kinds for part in parts):
        kinds[EMPTY] = "string[]"
    columns = [[x for part in parts for x in part.lead[i]] for i in range(len(lead))]
    columns += [[x for part in parts for x in part.columns.get(key, [None] * part.size)] for key in kinds]
    return _write(path, [*lead, *(f"{k}:{v}" for k, v in kinds.items())], columns)


def _files(parts: list[_Part]) -> list[list[_Part]]:
    """Parts grouped into as few files as their types allow: the importer samples every file
    it is given before it starts (a megabyte each), so fewer files start sooner."""
    files: list[tuple[dict[str, str], list[_Part]]] = []
    for part in parts:
        for kinds, members in files:
            if all(kinds.get(k, v) == v for k, v in part.kinds.items()):
                kinds.update(part.kinds)
                members.append(part)
                break
        else:
            files.append((dict(part.kinds), [part]))
    return [members for _, members in files]


def write_csv(doc: GraphDoc, folder: Path) -> list[str]:
    """The nodes and the relationships as CSV files in ``folder`` (usually one of each); the
    importer's arguments. Nodes are numbered for the importer (integer ids are cheaper for it to
    match than text), their ``id`` is an ordinary column."""
    args: list[str] = [f"--array-delimiter=U+{ord(ARRAY_DELIMITER):04X}", "--id-type=integer"]
    multiline = False
    number = {node_id: i for i, node_id in enumerate(doc.nodes)}
    by_label: dict[str, list[Node]] = {}
    for node in doc.nodes.values():
        by_label.setdefault(node.label, []).append(node)
    parts = [_Part([[number[n.id] for n in nodes], [f"{label}{ARRAY_DELIMITER}{NODE_LABEL}"] * len(nodes),
                    [n.id for n in nodes]], [n.properties for n in nodes], label, skip="id")
             for label in LABELS if (nodes := by_label.get(label))]
    for i, members in enumerate(_files(parts)):
        path = folder / f"nodes-{i}.csv"
        multiline |= _write_parts(path, [":ID", ":LABEL", "id:string"], members)
        args.append(f"--nodes={path}")
    by_type: dict[str, list[Relationship]] = {}
    for rel in doc.relationships.values():
        by_type.setdefault(rel.type, []).append(rel)
    parts = [_Part([[number[r.start] for r in rels], [number[r.end] for r in rels], [rel_type] * len(rels)],
                   [r.properties for r in rels], rel_type)
             for rel_type in REL_TYPES if (rels := by_type.get(rel_type))]
    for i, members in enumerate(_files(parts)):
        path = folder / f"relationships-{i}.csv"
        multiline |= _write_parts(path, [":START_ID", ":END_ID", ":TYPE"], members)
        args.append(f"--relationships={path}")
    if multiline:
        args.append("--multiline-fields=true")
    return args


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
        stopped). Raises StoreError (one line) on a refusal or a failure.

        One JVM does it all: it starts (and checks the database) while the CSV files are
        written, and gets the importer's arguments on its standard input once they are."""
        self.refuse_if_running()
        with tempfile.TemporaryDirectory(prefix="graphkit-bulk-") as tmp:
            folder = Path(tmp)
            schema = folder / "schema.cypher"
            schema.write_text("\n".join(schema_statements()) + "\n", encoding="utf-8")
            # Output to files, not pipes: nothing reads a pipe while the CSV files are written.
            with (folder / "out.txt").open("w+", encoding="utf-8") as out:
                proc = subprocess.Popen(self._java(*(() if checked else ("--check",)), "--schema", str(schema)),
                                        stdin=subprocess.PIPE, stdout=out, stderr=subprocess.STDOUT, text=True)
                args: list[str] = []
                try:
                    started = time.perf_counter()
                    args = ["--max-off-heap-memory=1G", f"--report-file={folder / 'import.report'}",
                            *write_csv(doc, folder)]
                    csv_s = time.perf_counter() - started
                finally:  # no arguments (write_csv failed): the JVM imports nothing
                    proc.communicate("\n".join(args) + "\n" if args else "")
                out.seek(0)
                output = out.read()
        _raise_for(proc.returncode, output, self.home)
        java = next((line.split("seconds: ", 1)[1] for line in output.splitlines()
                     if line.startswith("graphkit-neo4j: seconds: ")), "")
        self.timings = f"CSV files {csv_s:.1f} s, alongside the JVM's {java}"
        lines = [line for line in output.splitlines() if line.startswith("graphkit-neo4j: imported ")]
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
