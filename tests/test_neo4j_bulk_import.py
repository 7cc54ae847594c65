"""``graphkit load --backend neo4j --bulk``: Neo4j's own importer into the empty database of a
stopped server gives the graph an online load gives, and refuses (one line) anything else."""

from __future__ import annotations

import os
import socket
import subprocess

import pytest
from conftest import DATA, IN_CI, NEO4J_PASSWORD, NEO4J_URI, ROOT, run_cli

from graphkit.errors import StoreError
from graphkit.load import load_paths
from graphkit.model import GraphDoc, Node, Relationship
from graphkit.store import neo4j_bulk
from graphkit.store.neo4j import Neo4jStore
from graphkit.store.neo4j_bulk import CLASS_ARCHIVE, BulkTarget, merge_articles, write_csv

pytestmark = pytest.mark.neo4j

ARTICLES = DATA / "articles"
LIB = os.environ.get("NEO4J_LIB", str(ROOT / ".neo4j" / "lib"))


@pytest.fixture(scope="module")
def jars():
    if not any(p.name.startswith("graphkit-neo4j-launcher") for p in (ROOT / ".neo4j" / "lib").glob("*.jar")) \
            and "NEO4J_LIB" not in os.environ:
        if IN_CI:
            pytest.fail("no Neo4j jars under CI=true ('make neo4j-build')")
        pytest.skip("no Neo4j jars; 'make neo4j-build' fetches them")
    return LIB


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def make(target: str, home, port: int) -> None:
    proc = subprocess.run(["make", "-s", "--no-print-directory", target, f"NEO4J_HOME_DIR={home}",
                           f"NEO4J_PORT={port}", f"NEO4J_LIB={LIB}"], cwd=ROOT, capture_output=True, text=True,
                          timeout=300)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_refused_while_a_server_answers(neo4j_server, jars, tmp_path):
    with pytest.raises(StoreError, match=r"a Neo4j server answers at bolt://.*a bulk load needs it stopped"):
        BulkTarget(tmp_path, lib=jars, uri=NEO4J_URI).check()


def test_refused_while_the_homes_server_runs(jars, tmp_path):
    (tmp_path / "neo4j.pid").write_text(str(os.getpid()))
    with pytest.raises(StoreError, match=r"its server is running \(pid \d+\); a bulk load needs it stopped"):
        BulkTarget(tmp_path, lib=jars).check()


def test_ids_two_labels_share_are_prefixed_as_online():
    a = GraphDoc([Node("abu-dhabi", "Place", {"name": "Abu Dhabi"})])
    b = GraphDoc([Node("abu-dhabi", "Organization", {"name": "Abu Dhabi"}), Node("p", "Person", {"name": "P"})],
                 [Relationship("CRITICIZED", "p", "abu-dhabi", {"article": "x", "evidence": "e"})])
    merged = merge_articles([a, b])
    assert {n.id: n.label for n in merged.nodes.values()} == {
        "abu-dhabi": "Place", "organization:abu-dhabi": "Organization", "p": "Person"}
    assert [(r.start, r.end) for r in merged.relationships.values()] == [("p", "organization:abu-dhabi")]


def test_bulk_load_gives_the_online_graph_and_refuses_a_filled_database(neo4j_store, extractor, jars, tmp_path):
    home, port = tmp_path / "home", free_port()
    env = {"NEO4J_URI": f"bolt://127.0.0.1:{port}", "NEO4J_LIB": jars, "NEO4J_PASSWORD": NEO4J_PASSWORD}
    proc = run_cli("load", str(ARTICLES), "--backend", "neo4j", "--bulk", "--neo4j-home", str(home), env=env)
    assert proc.returncode == 0, proc.stderr
    load_paths([ARTICLES], neo4j_store, extractor)
    online = neo4j_store.export()
    stats = online.stats()
    nodes, rels = sum(stats["nodes"].values()), sum(stats["relationships"].values())
    count = len(list(ARTICLES.glob("*.txt")))
    assert proc.stdout.startswith(f"loaded {count} articles into {home} database 'neo4j' by bulk import "
                                  f"({nodes} nodes, {rels} relationships, 0 failed)")

    again = run_cli("load", str(ARTICLES), "--backend", "neo4j", "--bulk", "--neo4j-home", str(home), env=env)
    assert again.returncode == 1 and again.stdout == ""
    assert again.stderr == (f"graphkit: database 'neo4j' in {home} is not empty ({nodes} nodes): a bulk load only "
                            "fills an empty database; load without --bulk\n")

    bulk = Neo4jStore(env["NEO4J_URI"], "neo4j", NEO4J_PASSWORD)
    try:
        make("neo4j-up", home, port)  # inside the try: a start that fails half-way is stopped too
        assert bulk.export().to_json() == online.to_json()
        constraints = {r["name"] for r in bulk.query("SHOW CONSTRAINTS YIELD name RETURN name").rows}
        online_constraints = {r["name"] for r in neo4j_store.query("SHOW CONSTRAINTS YIELD name RETURN name").rows}
        assert constraints == online_constraints and "node_id" in constraints
        busy = run_cli("load", str(ARTICLES), "--backend", "neo4j", "--bulk", "--neo4j-home", str(home), env=env)
        assert busy.returncode == 1 and "its server is running" in busy.stderr
        # the imported database takes online loads like any other: reloading changes nothing
        assert load_paths([ARTICLES], bulk, extractor).unchanged != []
        assert bulk.export().to_json() == online.to_json()
    finally:
        bulk.close()
        make("neo4j-down", home, port)


def empty_lists_doc() -> GraphDoc:
    """Empty lists on nodes of two labels and on a relationship, beside filled and missing ones;
    ``founded`` a number on a person and a text on an organization (two node files)."""
    return GraphDoc([Node("p", "Person", {"name": "P", "aliases": [], "titles": ["envoy"], "founded": 1950}),
                     Node("q", "Person", {"name": "Q", "aliases": ["Kew"], "titles": []}),
                     Node("s", "State", {"name": "S", "aliases": []}),
                     Node("o", "Organization", {"name": "O", "aliases": [], "founded": "1990"}),
                     Node("a", "Article", {"title": "T", "articles": ["a"]})],
                    [Relationship("CRITICIZED", "p", "q", {"article": "a", "evidence": "e", "sources": []}),
                     Relationship("MENTIONED_IN", "s", "a", {"count": 2})])


def test_bulk_writes_empty_lists_at_import_and_checks_in_its_own_jvm(neo4j_store, jars, tmp_path):
    """BulkTarget.load checks the database itself (no separate check): the second load is refused
    with one line and leaves the first one's graph as it was."""
    home, port, doc = tmp_path / "home", free_port(), empty_lists_doc()
    target = BulkTarget(home, lib=jars, uri=f"bolt://127.0.0.1:{port}")
    args = [a.replace(str(tmp_path), "T") for a in write_csv(doc, tmp_path)]
    assert args == ["--array-delimiter=U+001F", "--id-type=actual", "--nodes=Article:Node=T/nodes-0.csv",
                    "--nodes=Person:Node=T/nodes-1.csv", "--nodes=State:Node=T/nodes-2.csv",
                    "--nodes=Organization:Node=T/nodes-3.csv", "--relationships=CRITICIZED=T/relationships-4.csv",
                    "--relationships=MENTIONED_IN=T/relationships-5.csv", "--graphkit-estimates=5,2,19,4,357,135,10"]
    assert (tmp_path / "nodes-1.csv").read_text() == (
        ":ID,id:string,name:string,aliases:string[],titles:string[],founded:long,__empty:string[]\n"
        "1,p,P,,envoy,1950,aliases\n2,q,Q,Kew,,,titles\n")
    assert target.load(doc) == "5 nodes, 2 relationships"
    assert target.timings.startswith("CSV files ")
    with pytest.raises(StoreError, match=r"^database 'neo4j' in .* is not empty \(5 nodes\): a bulk load only "
                                         r"fills an empty database; load without --bulk$") as refused:
        target.load(empty_lists_doc())
    assert "\n" not in str(refused.value)
    neo4j_store.upsert(doc)
    online = neo4j_store.export()
    bulk = Neo4jStore(f"bolt://127.0.0.1:{port}", "neo4j", NEO4J_PASSWORD)
    try:
        make("neo4j-up", home, port)
        assert bulk.export().to_json() == online.to_json()
        rows = bulk.query("MATCH (n) WHERE any(k IN keys(n) WHERE k STARTS WITH '__') RETURN n.id AS id").rows
        assert rows == []
        rows = bulk.query("MATCH (:Person {id: 'p'})-[r:CRITICIZED]->() RETURN r.sources AS s").rows
        assert rows == [{"s": []}]
        rows = bulk.query("MATCH (n:Person) RETURN n.id AS id, n.aliases AS a, n.titles AS t ORDER BY id").rows
        assert rows == [{"id": "p", "a": [], "t": ["envoy"]}, {"id": "q", "a": ["Kew"], "t": []}]
    finally:
        bulk.close()
        make("neo4j-down", home, port)


def test_a_graph_the_importer_cannot_take_writes_nothing(jars, tmp_path):
    home = tmp_path / "home"
    doc = GraphDoc([Node("p", "Person", {"name": "P", "born": 1950}), Node("q", "Person", {"name": "Q", "born": "x"})])
    with pytest.raises(StoreError, match=r"^Person property 'born' holds both long and string values; the bulk "
                                         r"importer needs one type per property: load without --bulk$"):
        BulkTarget(home, lib=jars).load(doc)
    assert not (home / "data" / "databases" / "neo4j").exists()
    assert BulkTarget(home, lib=jars).load(empty_lists_doc()) == "5 nodes, 2 relationships"


def sliced_doc(born: list[object]) -> GraphDoc:
    """People born in the given years, each criticising the next, and a state: cut in slices (of
    a quarter of the rows, SLICE_MIN permitting) that two processes share."""
    people = [Node(f"p{i}", "Person", {"name": f"P{i}", "born": b, "aliases": [] if i % 2 else ["x"]})
              for i, b in enumerate(born)]
    return GraphDoc([*people, Node("s", "State", {"name": "S"})],
                    [Relationship("CRITICIZED", f"p{i}", f"p{i + 1}", {"article": "a", "evidence": f"e{i}"})
                     for i in range(len(born) - 1)])


def test_two_processes_write_the_files_one_process_writes(tmp_path, monkeypatch):
    monkeypatch.setattr(neo4j_bulk, "SLICE_MIN", 2)
    doc = sliced_doc([1950, 1951, 1952, 1953, 1954, 1955])
    one, two = tmp_path / "one", tmp_path / "two"
    one.mkdir()
    two.mkdir()
    args = write_csv(doc, one, processes=1)
    assert [a.replace(str(two), str(one)) for a in write_csv(doc, two, processes=2)] == args
    files = sorted(p.name for p in one.iterdir())
    assert files == sorted(p.name for p in two.iterdir())
    assert [(one / f).read_bytes() for f in files] == [(two / f).read_bytes() for f in files]
    # 12 rows: slices of 3, so six people in two slices, numbered in turn, and five relationships in two
    assert [a.split("=")[1] for a in args if a.startswith("--nodes=")] == ["Person:Node"] * 2 + ["State:Node"]
    assert [a.split("=")[1] for a in args if a.startswith("--relationships=")] == ["CRITICIZED"] * 2
    assert (one / "nodes-1.csv").read_text().splitlines() == [
        ":ID,id:string,name:string,born:long,aliases:string[],__empty:string[]",
        "3,p3,P3,1953,,aliases", "4,p4,P4,1954,x,", "5,p5,P5,1955,,aliases"]
    assert args[-1] == "--graphkit-estimates=7,5,26,10," + ",".join(
        str(sum((one / f).stat().st_size for f in files if f.startswith(kind))) for kind in ("nodes", "rel")) + ",14"


def test_slices_written_apart_must_agree_on_types(tmp_path, monkeypatch):
    """One slice of people has years as numbers, the other (written by the forked process) as
    text: refused with the line one file would give."""
    monkeypatch.setattr(neo4j_bulk, "SLICE_MIN", 2)
    with pytest.raises(StoreError, match=r"^Person property 'born' holds both long and string values; the bulk "
                                         r"importer needs one type per property: load without --bulk$"):
        write_csv(sliced_doc([1950, 1951, "1952", "1953"]), tmp_path, processes=2)
    with pytest.raises(StoreError, match=r"^Person property 'born' holds both lists and single values; the bulk "
                                         r"importer needs one type per property: load without --bulk$"):
        write_csv(sliced_doc([1950, 1951, [1952], [1953]]), tmp_path, processes=2)


def test_a_failure_in_the_forked_writer_is_one_line(tmp_path, monkeypatch):
    monkeypatch.setattr(neo4j_bulk, "SLICE_MIN", 2)
    doc = sliced_doc([1950, 1951, 1952, 1953])
    doc.nodes["p3"].properties["aliases"] = ["a\x1fb"]
    with pytest.raises(StoreError, match=r"^a list value holds the ASCII unit separator; load without --bulk$"):
        write_csv(doc, tmp_path, processes=2)


def test_the_class_archive_fits_the_jars(jars, tmp_path):
    """The archive ``make test`` builds is one the JVM maps (``-Xshare:on`` fails otherwise), for
    the jars as they are now."""
    archive = neo4j_bulk.Path(jars) / CLASS_ARCHIVE
    if not archive.is_file():
        if IN_CI:
            pytest.fail(f"no {archive} under CI=true ('make test' builds it)")
        pytest.skip(f"no {archive}; 'make test' builds it")
    target = BulkTarget(tmp_path / "home", lib=jars)
    command = target._java("check")
    command.insert(1, "-Xshare:on")
    proc = subprocess.run(command, capture_output=True, text=True, timeout=120)
    assert f"-XX:SharedArchiveFile={archive}" in command
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert proc.stdout.strip().endswith(f"database 'neo4j' in {tmp_path / 'home'} is empty")
