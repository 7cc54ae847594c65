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

import contextlib
import csv
import itertools
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
    if kind == "string":
        return values if all(v.__class__ is str for v in values if v is not None) else \
            [None if v is None else str(v) for v in values]
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


class _CsvFile:
    """One CSV file from its columns, written in two goes (``head``, then ``rest``) so that the
    importer can start on the first part while the rest is written. The importer reads an empty
    field as no value and a quoted ``""`` as an empty text; the csv module writes both as an
    empty field, so a file holding an empty text is written with every text quoted instead."""

    def __init__(self, path: Path, header: list[str], columns: list[list[Any]], texts: list[int]) -> None:
        self.path, self.header, self.rows = path, header, zip(*columns, strict=True)
        self.quote_all = any("" in column for column in columns)
        #: whether a text (the columns ``texts``) holds a line break: the importer must know beforehand
        self.multiline = any("\n" in joined or "\r" in joined
                             for joined in ("".join(filter(None, columns[i])) for i in texts))
        self.file: Any = None

    def head(self, size: int | None = None) -> None:
        """The header and the rows up to about ``size`` bytes (all of them if None), flushed."""
        self.file = self.path.open("w", encoding="utf-8", newline="")
        self._rows([self.header])
        while size is None or self.file.tell() < size:
            batch = list(itertools.islice(self.rows, 10_000))
            if not batch:
                break
            self._rows(batch)
        self.file.flush()

    def rest(self) -> None:
        self._rows(self.rows)
        self.file.close()

    def _rows(self, rows: Iterable[tuple[Any, ...]]) -> None:
        if not self.quote_all:
            csv.writer(self.file, lineterminator="\n").writerows(rows)
            return
        for row in rows:
            self.file.write(",".join("" if c is None else '"' + c.replace('"', '""') + '"' if isinstance(c, str)
                                     else str(c) for c in row) + "\n")


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
        #: values the importer will store (an empty list is one)
        self.properties = sum(len(c) - c.count(None) for c in self.columns.values())
        if any(e is not None for e in empty):
            self.kinds[EMPTY] = "string[]"
            self.columns[EMPTY] = [ARRAY_DELIMITER.join(e) if e else None for e in empty]
            self.properties += sum(len(e) for e in empty if e)


def _csv_file(path: Path, lead: list[str], parts: list[_Part]) -> _CsvFile:
    """Parts that give each key one type, as one file under one header (a missing key is an
    empty field)."""
    kinds = {k: v for part in parts for k, v in part.kinds.items() if k != EMPTY}
    if any(EMPTY in part.kinds for part in parts):
        kinds[EMPTY] = "string[]"
    header = [*lead, *(f"{k}:{v}" for k, v in kinds.items())]
    columns = [[x for part in parts for x in part.lead[i]] for i in range(len(lead))]
    columns += [[x for part in parts for x in part.columns.get(key, [None] * part.size)] for key in kinds]
    return _CsvFile(path, header, columns, [i for i, field in enumerate(header) if ":string" in field])


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


class CsvFiles:
    """The nodes and the relationships as CSV files in ``folder`` (usually one of each), with the
    importer's arguments. Nodes are numbered for the importer (integer ids are cheaper for it to
    match than text), their ``id`` is an ordinary column. Everything is checked before a file is
    written (a property the importer cannot take raises StoreError here)."""

    def __init__(self, doc: GraphDoc, folder: Path) -> None:
        number = {node_id: i for i, node_id in enumerate(doc.nodes)}
        by_label: dict[str, list[Node]] = {}
        for node in doc.nodes.values():
            by_label.setdefault(node.label, []).append(node)
        parts = [_Part([[number[n.id] for n in nodes], [f"{label}{ARRAY_DELIMITER}{NODE_LABEL}"] * len(nodes),
                        [n.id for n in nodes]], [n.properties for n in nodes], label, skip="id")
                 for label in LABELS if (nodes := by_label.get(label))]
        self.nodes = [_csv_file(folder / f"nodes-{i}.csv", [":ID", ":LABEL", "id:string"], members)
                      for i, members in enumerate(_files(parts))]
        node_properties = len(doc.nodes) + sum(part.properties for part in parts)
        by_type: dict[str, list[Relationship]] = {}
        for rel in doc.relationships.values():
            by_type.setdefault(rel.type, []).append(rel)
        parts = [_Part([[number[r.start] for r in rels], [number[r.end] for r in rels], [rel_type] * len(rels)],
                       [r.properties for r in rels], rel_type)
                 for rel_type in REL_TYPES if (rels := by_type.get(rel_type))]
        self.relationships = [_csv_file(folder / f"relationships-{i}.csv", [":START_ID", ":END_ID", ":TYPE"], members)
                              for i, members in enumerate(_files(parts))]
        files = [*self.nodes, *self.relationships]
        self.args = [f"--array-delimiter=U+{ord(ARRAY_DELIMITER):04X}", "--id-type=integer",
                     *(f"--nodes={f.path}" for f in self.nodes),
                     *(f"--relationships={f.path}" for f in self.relationships),
                     *(["--multiline-fields=true"] if any(f.multiline for f in files) else [])]
        #: nodes, relationships, node properties, relationship properties (for the importer's estimates)
        self.counts = (len(doc.nodes), len(doc.relationships), node_properties, sum(part.properties for part in parts))

    def head(self) -> None:
        """Every node file, and the start of the relationship file: enough for the importer to
        begin (it samples the first megabytes of each file, then reads the nodes, and the
        relationships only once every node is in). With several relationship files, all of them."""
        for f in self.nodes:
            f.head()
            f.rest()
        if len(self.relationships) == 1:
            self.relationships[0].head(HEAD_BYTES)
        else:
            for f in self.relationships:
                f.head()

    def rest(self) -> None:
        for f in self.relationships:
            f.rest()


#: Bytes of relationships written before the importer starts: more than the 4 MiB its sampler
#: reads at once (a row cut by the end of the file would be a bad row).
HEAD_BYTES = 8 << 20


def write_csv(doc: GraphDoc, folder: Path) -> list[str]:
    """Every CSV file of ``doc`` in ``folder``; the importer's arguments."""
    files = CsvFiles(doc, folder)
    files.head()
    files.rest()
    return files.args


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

        One JVM does it all. It starts (and checks the database) while the CSV files are
        written, gets the importer's arguments on its standard input once the node files are,
        and imports the nodes while the relationship file is finished. Should that fail, the
        JVM is told nothing more and leaves the database empty."""
        self.refuse_if_running()
        with tempfile.TemporaryDirectory(prefix="graphkit-bulk-") as tmp:
            folder = Path(tmp)
            schema = folder / "schema.cypher"
            schema.write_text("\n".join(schema_statements()) + "\n", encoding="utf-8")
            # Output to files, not pipes: nothing reads a pipe while the CSV files are written.
            with (folder / "out.txt").open("w+", encoding="utf-8") as out:
                proc = subprocess.Popen(self._java(*(() if checked else ("--check",)), "--schema", str(schema)),
                                        stdin=subprocess.PIPE, stdout=out, stderr=subprocess.STDOUT, text=True)
                try:
                    started = time.perf_counter()
                    files = CsvFiles(doc, folder)
                    files.head()
                    head_s = time.perf_counter() - started
                    if _tell(proc, "--max-off-heap-memory=1G", f"--report-file={folder / 'import.report'}",
                             *files.args, f"--graphkit-counts={','.join(map(str, files.counts))}", "start"):
                        files.rest()
                        _tell(proc, "written")
                    csv_s = time.perf_counter() - started
                finally:
                    with contextlib.suppress(BrokenPipeError):
                        proc.stdin.close()  # type: ignore[union-attr]
                    proc.wait()
                out.seek(0)
                output = out.read()
        _raise_for(proc.returncode, output, self.home)
        java = next((line.split("seconds: ", 1)[1] for line in output.splitlines()
                     if line.startswith("graphkit-neo4j: seconds: ")), "")
        self.timings = (f"CSV files {csv_s:.1f} s, the import starting after {head_s:.1f} s; "
                        f"alongside, the JVM's {java}")
        lines = [line for line in output.splitlines() if line.startswith("graphkit-neo4j: imported ")]
        return lines[-1].removeprefix("graphkit-neo4j: imported ") if lines else ""


def _tell(proc: subprocess.Popen, *lines: str) -> bool:
    """Lines to BulkImport's standard input; False when it has exited already (a refusal)."""
    try:
        proc.stdin.write("\n".join(lines) + "\n")  # type: ignore[union-attr]
        proc.stdin.flush()  # type: ignore[union-attr]
        return True
    except BrokenPipeError:
        return False


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
