"""The command line against the real Neo4j server: read-only queries, --write, empty databases, import/export."""

from __future__ import annotations

import pytest
from conftest import NEO4J_PASSWORD, NEO4J_URI, SEED

pytestmark = pytest.mark.neo4j
NEO = {"NEO4J_URI": NEO4J_URI, "NEO4J_PASSWORD": NEO4J_PASSWORD, "GRAPHKIT_BACKEND": "neo4j"}


@pytest.fixture()
def embedded(cli_run, tmp_path):
    store = tmp_path / "g.db"
    assert cli_run("load", SEED, "--store", store).exit_code == 0
    return store


def test_a_database_without_graphkit_data_is_no_store(cli_run, neo4j_store):
    for args in (("stats",), ("query", "who-leads"), ("export",)):
        result = cli_run(*args, env=NEO)
        assert result.exit_code == 1, result.output
        assert result.stderr == (f"graphkit: {NEO4J_URI}: database 'neo4j' holds no graphkit data; "
                                 "make it with `graphkit load --backend neo4j`\n")
    assert cli_run("ping", env=NEO).stdout.endswith("database 'neo4j': 0 nodes, 0 relationships\n")


def test_queries_only_read_unless_given_write(cli_run, neo4j_store, seed_graph):
    neo4j_store.upsert(seed_graph)
    before = neo4j_store.stats()
    result = cli_run("query", "MATCH (n) DETACH DELETE n", env=NEO)
    assert result.exit_code == 2
    assert result.stderr == "graphkit: this query writes to the graph; queries only read unless given --write\n"
    assert neo4j_store.stats() == before
    result = cli_run("query", "MATCH (e:Event) DETACH DELETE e", "--write", env=NEO)
    assert result.exit_code == 0, result.output
    events = before["nodes"]["Event"]
    assert f"nodes deleted: {events}" in result.stderr and "relationships deleted:" in result.stderr
    assert "Event" not in neo4j_store.stats()["nodes"]


@pytest.mark.parametrize("fmt", ["json", "graphml"])
def test_export_then_import_into_the_other_backend_gives_the_same_graph(cli_run, neo4j_store, embedded, tmp_path,
                                                                        fmt):
    original = cli_run("export", "--store", embedded).stdout
    out = tmp_path / f"g.{fmt}"
    assert cli_run("export", "--format", fmt, "-o", out, "--store", embedded).exit_code == 0
    result = cli_run("import", out, env=NEO)
    assert result.exit_code == 0, result.output
    from_neo = cli_run("export", env=NEO).stdout
    assert from_neo == original
    back = tmp_path / f"back.{fmt}"
    assert cli_run("export", "--format", fmt, "-o", back, env=NEO).exit_code == 0
    copy = tmp_path / f"copy-{fmt}.db"
    assert cli_run("import", back, "--store", copy).exit_code == 0
    assert cli_run("export", "--store", copy).stdout == original


def test_import_merges_as_load_does(cli_run, neo4j_store, embedded, tmp_path):
    out = tmp_path / "g.json"
    cli_run("export", "-o", out, "--store", embedded)
    assert cli_run("load", SEED, env=NEO).exit_code == 0
    loaded = neo4j_store.export().to_json()
    assert cli_run("import", out, env=NEO).exit_code == 0
    assert neo4j_store.export().to_json() == loaded


def test_names_resolve_on_neo4j_as_on_the_embedded_store(cli_run, neo4j_store, embedded, seed_graph):
    neo4j_store.upsert(seed_graph)
    args = ("query", "statements-by-actor", "--param", "actor=lavrov", "--format", "json")
    on_neo = cli_run(*args, env=NEO)
    assert on_neo.exit_code == 0, on_neo.output
    assert sorted(on_neo.stdout.splitlines()) == sorted(cli_run(*args, "--store", embedded).stdout.splitlines())
