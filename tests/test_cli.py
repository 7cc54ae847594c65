"""The command line: real subprocesses, real exit codes, one-line errors."""

from __future__ import annotations

import json

from conftest import SEED, run_cli


def test_extract_writes_graph_json(tmp_path):
    out = tmp_path / "seed.json"
    proc = run_cli("extract", str(SEED), "-o", str(out))
    assert proc.returncode == 0, proc.stderr
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["format_version"] == 1
    persons = sorted(n["properties"]["name"] for n in data["nodes"] if n["labels"] == ["Person"])
    assert {"Kim Jong Un", "Sergei Lavrov", "Vladimir Putin"} <= set(persons)


def test_load_then_query_returns_rows(tmp_path):
    store = str(tmp_path / "g.db")
    proc = run_cli("load", str(SEED), "--store", store)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith("loaded 1 article into ")
    proc = run_cli("query", "MATCH (s:State) WHERE s.iso3 = $iso RETURN s.name AS name",
                   "--param", "iso=PRK", "--store", store, "--format", "json")
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout) == [{"name": "North Korea"}]
    proc = run_cli("query", "MATCH (p:Person) RETURN p.name AS name ORDER BY p.name",
                   "--store", store, "--format", "csv")
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    assert lines[0] == "name"
    assert "Sergei Lavrov" in lines and "Kim Jong Un" in lines


def test_stats_json_shape(tmp_path):
    store = str(tmp_path / "g.db")
    assert run_cli("load", str(SEED), "--store", store).returncode == 0
    proc = run_cli("stats", "--store", store, "--format", "json")
    stats = json.loads(proc.stdout)
    assert set(stats) == {"nodes", "relationships"}
    assert stats["nodes"]["Article"] == 1
    assert stats["nodes"]["Person"] == 5


def test_missing_file_is_one_line_and_exit_1(tmp_path):
    proc = run_cli("extract", str(tmp_path / "nope.txt"))
    assert proc.returncode == 1
    assert proc.stderr.strip() == f"graphkit: {tmp_path / 'nope.txt'}: no such file or folder"


def test_binary_and_bad_encoding_are_refused_with_the_file_name(tmp_path):
    binary = tmp_path / "a.txt"
    binary.write_bytes(b"\x00\x01\x02binary")
    latin = tmp_path / "b.txt"
    latin.write_bytes("Caf\xe9 Moscow".encode("latin-1"))
    for path, why in ((binary, "binary"), (latin, "not UTF-8")):
        proc = run_cli("extract", str(path))
        assert proc.returncode == 1
        assert len(proc.stderr.strip().splitlines()) == 1
        assert str(path) in proc.stderr and why in proc.stderr
        assert "Traceback" not in proc.stderr


def test_bad_param_is_a_usage_error(tmp_path):
    proc = run_cli("query", "MATCH (n) RETURN n.name", "--param", "novalue", "--store", str(tmp_path / "g"))
    assert proc.returncode == 2
    assert "expected key=value" in proc.stderr


def test_schema_lists_every_label_and_type():
    from graphkit.model import LABELS, REL_TYPES

    proc = run_cli("schema")
    assert proc.returncode == 0
    for name in (*LABELS, *REL_TYPES):
        assert name in proc.stdout


def test_workers_give_the_same_graph(tmp_path):
    from conftest import DATA

    from graphkit.store import EmbeddedStore

    one, two = tmp_path / "one.db", tmp_path / "two.db"
    articles = str(DATA / "articles")
    assert run_cli("load", articles, "--store", str(one)).returncode == 0
    proc = run_cli("load", articles, "--store", str(two), "--workers", "2")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith("loaded 5 articles")
    assert EmbeddedStore(one).export().to_json() == EmbeddedStore(two).export().to_json()
