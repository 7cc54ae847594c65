"""A bulk first load: Neo4j's own importer into the empty database of a stopped local server.

``neo4j-admin database import`` writes the store files directly, without
transactions, and is many times faster than any online loader on millions of
relationships; in exchange it only fills an empty database, offline. So
``BulkTarget`` refuses (one line, nothing written) when the server is
running or the database holds anything, then writes one CSV file per label and
per relationship type (two processes for a big graph) and hands them to one JVM
(``tools/neo4j/src/main/java/graphkit/neo4j/BulkImport.java``, from the jars of
``make neo4j-build``) that has checked the database meanwhile, imports them
(empty lists included, which Neo4j's CSV reader alone would drop) and creates
graphkit's constraints and indexes. The graph is the one an online load of the
same articles makes: :func:`merge_articles` merges them with the library's merge
and stores an id that two labels share as ``label:id``, as the online loader does.
"""

from __future__ import annotations

import csv
import json
import os
import re
import socket
import subprocess
import tempfile
import time
from collections import Counter, defaultdict
from collections.abc import Iterable
from itertools import chain, count
from operator import attrgetter, itemgetter
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

from ..errors import StoreError
from ..model import LABELS, REL_TYPES, GraphDoc, Node, Relationship
from .neo4j import NODE_LABEL, batch_renames, schema_statements

#: Array values are joined with the ASCII unit separator: no text graphkit stores contains it.
ARRAY_DELIMITER = "\x1f"
#: The JVM's options: Neo4j's own (the opens, native access, no JMX), and only the quick JIT: a run
#: of seconds spends more on the optimising compiler's work than that work saves.
JAVA_OPTS = ["-Xms1g", "-Xmx1g", "-XX:TieredStopAtLevel=1", "--add-opens=java.base/java.nio=ALL-UNNAMED",
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


def _two_types(what: str, key: str, a: str, b: str) -> StoreError:
    """The one-line refusal of a property holding two of the importer's types (``long``, ``string[]``)."""
    if a.endswith("[]") != b.endswith("[]"):
        both = "lists and single values"
    else:
        x, y = sorted((a.removesuffix("[]"), b.removesuffix("[]")))
        both = f"{x} and {y} values"
    return StoreError(f"{what} property {key!r} holds both {both}; "
                      "the bulk importer needs one type per property: load without --bulk")


def _kind(values: list[Any], key: str, what: str) -> str:
    """The importer's type of one column; a key holding two types cannot be imported."""
    kinds = set(map(type, values)) - {type(None)}
    if list in kinds:
        if len(kinds) > 1:
            raise _two_types(what, key, "string[]", "string")
        items = set(map(type, chain.from_iterable(filter(None, values))))
        return f"{_KINDS.get(items.pop(), 'string') if len(items) == 1 else 'string'}[]"
    names = {_KINDS.get(k, "string") for k in kinds}
    if len(names) > 1:
        raise _two_types(what, key, *sorted(names)[:2])
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
    if kind != "string[]" or set(map(type, chain.from_iterable(filter(None, values)))) - {str}:
        values = [[_text(x) for x in v] if v else v for v in values]
    if ARRAY_DELIMITER in "".join(chain.from_iterable(filter(None, values))):
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
    rows = zip(*columns, strict=True)
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
    return data.count(b"\n") != len(columns[0]) + 1 or b"\r" in data


class _Part:
    """The properties of one label's nodes or one type's relationships: their columns by key,
    with their importer types."""

    def __init__(self, items: list[dict[str, Any]], what: str, skip: str = "") -> None:
        self.kinds: dict[str, str] = {}
        self.columns: dict[str, list[Any]] = {}
        empty: list[Any] = [None] * len(items)
        for key, rows in Counter(chain.from_iterable(items)).items():  # keys in the order first seen
            if key != skip:
                values = list(map(itemgetter(key), items)) if rows == len(items) else [p.get(key) for p in items]
                self.kinds[key] = kind = _kind(values, key, what)
                self.columns[key] = _cells(values, kind, key, empty)
        if any(e is not None for e in empty):
            self.kinds[EMPTY] = "string[]"
            self.columns[EMPTY] = [ARRAY_DELIMITER.join(e) if e else None for e in empty]


class _Group:
    """Nodes of one label or relationships of one type, or a slice of them: one CSV file, its
    labels or type given on the importer's command line (so no column repeats them)."""

    def __init__(self, name: str, items: list[Any], nodes: bool, first: int = 0) -> None:
        self.name, self.items, self.nodes = name, items, nodes
        self.first = first  # a slice of nodes: the number of its first node (they are numbered in turn)

    def write(self, path: Path, number: dict[str, int]) -> dict[str, Any]:
        """Write the file; what the parent needs of it: the properties' importer types (checked
        against the other slices of the same label or type), whether a text spans lines, and
        counts for the importer's estimates."""
        items = self.items
        lead: list[Any]
        if self.nodes:
            lead = [range(self.first, self.first + len(items)), list(map(attrgetter("id"), items))]
            header = [":ID", "id:string"]
        else:
            lead = [list(map(number.__getitem__, map(attrgetter(end), items))) for end in ("start", "end")]
            header = [":START_ID", ":END_ID"]
        part = _Part(list(map(attrgetter("properties"), items)), self.name, skip="id" if self.nodes else "")
        header += [f"{k}:{v}" for k, v in part.kinds.items()]
        columns = [*lead, *part.columns.values()]
        multiline = _write(path, header, columns)
        cells = sum(len(c) - c.count(None) for c in part.columns.values())
        return {"kinds": {k: v for k, v in part.kinds.items() if k != EMPTY}, "multiline": multiline,
                "properties": cells + self.nodes * len(items), "bytes": path.stat().st_size}


def _groups(doc: GraphDoc) -> tuple[list[_Group], dict[str, int]]:
    """The doc's labels and types in model order, a big one cut in slices so that two processes
    can share the writing evenly; and the nodes' numbers, consecutive within a label."""
    by_label: defaultdict[str, list[Node]] = defaultdict(list)
    for node in doc.nodes.values():
        by_label[node.label].append(node)
    by_type: defaultdict[str, list[Relationship]] = defaultdict(list)
    for rel in doc.relationships.values():
        by_type[rel.type].append(rel)
    slice_size = max(SLICE_MIN, (len(doc.nodes) + len(doc.relationships)) // 4)
    groups: list[_Group] = []
    first = 0
    for label in LABELS:
        nodes = by_label.get(label, [])
        for i in range(0, len(nodes), slice_size):
            groups.append(_Group(label, nodes[i:i + slice_size], True, first))
            first += len(groups[-1].items)
    for rel_type in REL_TYPES:
        rels = by_type.get(rel_type, [])
        groups += [_Group(rel_type, rels[i:i + slice_size], False) for i in range(0, len(rels), slice_size)]
    number = dict(zip(map(attrgetter("id"), chain.from_iterable(g.items for g in groups if g.nodes)), count()))
    return groups, number


#: Rows below which a label or type is never cut, and the whole graph is written by one process.
SLICE_MIN = 50_000


def _written(groups: list[_Group], paths: list[Path], number: dict[str, int], share: list[int]) -> dict[int, Any]:
    """Write the groups whose index is in ``share``; their results by index."""
    return {i: groups[i].write(paths[i], number) for i in share}


def _write_forked(groups: list[_Group], paths: list[Path], number: dict[str, int],
                  shares: list[list[int]]) -> dict[int, Any]:
    """The second share written by a forked child (it has the graph without copying it), the first
    by this process; a failure in either raises here."""
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: write, report on the pipe, leave without running the parent's cleanup
        status = 0
        try:
            report: Any = _written(groups, paths, number, shares[1])
        except StoreError as e:
            report, status = {"error": str(e)}, 1
        except BaseException as e:  # reported to the parent, which raises it
            report, status = {"error": f"writing the CSV files failed: {e.__class__.__name__}: {e}"}, 1
        try:
            with os.fdopen(write, "w", encoding="utf-8") as out:
                json.dump(report, out)
        finally:
            os._exit(status)
    os.close(write)
    try:
        mine = _written(groups, paths, number, shares[0])
    finally:
        with os.fdopen(read, encoding="utf-8") as pipe:
            text = pipe.read()
        os.waitpid(pid, 0)
    theirs = json.loads(text or '{"error": "writing the CSV files failed: the writing process died"}')
    if "error" in theirs:
        raise StoreError(theirs["error"])
    return mine | {int(i): r for i, r in theirs.items()}


def write_csv(doc: GraphDoc, folder: Path, *, processes: int | None = None) -> list[str]:
    """The nodes and the relationships as CSV files in ``folder``, one per label and per type
    (or per slice of one); the importer's arguments, its estimates among them. Nodes are
    numbered from 0, which the importer takes as their store ids (``--id-type=actual``: nothing
    to match), their ``id`` is an ordinary column. ``processes`` (default: two for a big graph
    where ``os.fork`` exists) write the files side by side."""
    groups, number = _groups(doc)
    paths = [folder / f"{'nodes' if g.nodes else 'relationships'}-{i}.csv" for i, g in enumerate(groups)]
    if processes is None:
        processes = 2 if hasattr(os, "fork") and len(doc.nodes) + len(doc.relationships) > SLICE_MIN else 1
    shares: list[list[int]] = [[] for _ in range(max(1, min(processes, 2)))]
    loads = [0] * len(shares)
    for i in sorted(range(len(groups)), key=lambda i: -len(groups[i].items)):  # biggest first, to the lighter
        j = loads.index(min(loads))
        shares[j].append(i)
        loads[j] += len(groups[i].items)
    results = _write_forked(groups, paths, number, shares) if len(shares) > 1 and shares[1] \
        else _written(groups, paths, number, list(range(len(groups))))
    kinds: dict[tuple[bool, str, str], str] = {}
    for i, group in enumerate(groups):  # slices of one label or type must agree on each type
        for key, kind in results[i]["kinds"].items():
            other = kinds.setdefault((group.nodes, group.name, key), kind)
            if other != kind:
                raise _two_types(group.name, key, other, kind)
    args = [f"--array-delimiter=U+{ord(ARRAY_DELIMITER):04X}", "--id-type=actual"]
    totals = {True: [0, 0, 0], False: [0, 0, 0]}  # rows, properties, bytes
    for i, (group, path) in enumerate(zip(groups, paths, strict=True)):
        args.append(f"--nodes={group.name}:{NODE_LABEL}={path}" if group.nodes
                    else f"--relationships={group.name}={path}")
        total = totals[group.nodes]
        for j, value in enumerate((len(group.items), results[i]["properties"], results[i]["bytes"])):
            total[j] += value
    if any(r["multiline"] for r in results.values()):
        args.append("--multiline-fields=true")
    (n, n_props, n_bytes), (r, r_props, r_bytes) = totals[True], totals[False]
    args.append(f"{ESTIMATES}{n},{r},{n_props},{r_props},{n_bytes},{r_bytes},{2 * n}")
    return args


#: The argument giving BulkImport.java the importer's estimates (nodes, relationships, node and
#: relationship properties, their sizes in bytes, node labels), known here exactly or from the
#: files' sizes, so that it need not sample every file before it starts.
ESTIMATES = "--graphkit-estimates="


class BulkTarget:
    """The database of a stopped local server that a bulk load may fill: its home, jars and name."""

    def __init__(self, home: str | Path, *, lib: str | Path | None = None, database: str = "neo4j",
                 uri: str | None = None, java: str = "java") -> None:
        self.home = Path(home).resolve()
        self.lib = Path(lib or os.environ.get("NEO4J_LIB") or self.home / "lib").resolve()
        self.database, self.uri, self.java = database, uri, java
        #: JVM options beyond JAVA_OPTS (archive_classes sets one).
        self.jvm_options: list[str] = []

    def _java(self, *args: str) -> list[str]:
        archive = self.lib / CLASS_ARCHIVE
        share = [f"-XX:SharedArchiveFile={archive}"] if archive.is_file() and not self.jvm_options else []
        return [self.java, *JAVA_OPTS, *share, *self.jvm_options, "-cp", f"{self.lib}/*", "graphkit.neo4j.BulkImport",
                "--home", str(self.home), "--database", self.database, *args]

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
            schema.write_text("\n".join(_biggest_first(schema_statements(), doc)) + "\n", encoding="utf-8")
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


#: Neo4j's classes as a bulk load's JVM loads them, in the JDK's class-data-sharing format
#: (``archive_classes``, run by ``make neo4j-build``'s followers ``make test`` and ``make bench``):
#: a JVM started from it maps them instead of reading and verifying thousands of classes, which
#: takes a second or more of both cores from the CSV writing beside it. Without it (or when the
#: jars have changed since, which the JVM checks) a bulk load works the same, only starts slower.
CLASS_ARCHIVE = "graphkit-bulk.jsa"


def archive_classes(lib: str | Path) -> Path:
    """Write ``CLASS_ARCHIVE`` into the jar folder ``lib``: one small bulk load into a throwaway
    home, its JVM archiving every class it loaded as it exits. Raises StoreError (one line)."""
    lib = Path(lib).resolve()
    path, partial = lib / CLASS_ARCHIVE, lib / f".{CLASS_ARCHIVE}.tmp"
    partial.unlink(missing_ok=True)
    with tempfile.TemporaryDirectory(prefix="graphkit-archive-") as tmp:
        target = BulkTarget(Path(tmp) / "home", lib=lib)
        target.jvm_options = [f"-XX:ArchiveClassesAtExit={partial}"]
        target.load(GraphDoc(
            [Node("p", "Person", {"name": "P", "aliases": [], "titles": ["envoy"], "active": True}),
             Node("s", "State", {"name": "S", "aliases": ["Ess"], "iso3": "SSS"}),
             Node("a", "Article", {"title": "T", "articles": ["a"]})],
            [Relationship("CRITICIZED", "p", "s", {"article": "a", "evidence": "e", "sources": []}),
             Relationship("MENTIONED_IN", "s", "a", {"count": 2})]))
    if not partial.is_file():
        raise StoreError(f"{lib}: the JVM wrote no class archive")
    os.replace(partial, path)
    return path


def _biggest_first(statements: list[str], doc: GraphDoc) -> list[str]:
    """Schema statements in the order the JVM should start them: the one over the most nodes first
    (it builds them two at a time, so the longest should not come last)."""
    sizes = Counter(node.label for node in doc.nodes.values())
    sizes[NODE_LABEL] = len(doc.nodes)

    def size(statement: str) -> int:
        label = re.search(r"\(\w+:(\w+)\)", statement)
        return sizes[label.group(1)] if label else 0

    return sorted(statements, key=size, reverse=True)


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


if __name__ == "__main__":  # python -m graphkit.store.neo4j_bulk archive-classes LIB (the Makefile's)
    import sys

    if sys.argv[1:2] != ["archive-classes"] or len(sys.argv) != 3:
        sys.exit("usage: python -m graphkit.store.neo4j_bulk archive-classes NEO4J_LIB")
    try:
        print(f"neo4j: bulk loader's class archive written to {archive_classes(sys.argv[2])}")
    except StoreError as e:
        sys.exit(f"neo4j: no class archive for the bulk loader (it works without, only starts slower): {e}")
