"""README.md shows real output: re-run its commands and compare (docs kept true by the suite)."""

from __future__ import annotations

import pytest
from conftest import ROOT, run_cli

README = (ROOT / "README.md").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def demo_store(tmp_path_factory):
    store = str(tmp_path_factory.mktemp("demo") / "graph.db")
    proc = run_cli("load", "seeds/", "--store", store)
    assert proc.returncode == 0, proc.stderr
    return store, proc.stdout


def test_readme_opens_with_the_two_commands():
    head = README[:600]
    assert "make demo" in head and "make test" in head


def test_readme_demo_output_is_real(demo_store):
    store, load_out = demo_store
    stats = run_cli("stats", "--store", store).stdout
    loaded = load_out.replace(store, "out/demo/graph.db")
    assert loaded + stats in README


@pytest.mark.parametrize("args", [
    ("statements-by-actor", "--param", "actor=Sergei Lavrov"),
    ("MATCH (p:Person)-[r:HOLDS_OFFICE]->(s:State) RETURN p.name AS person, r.title AS title, "
     "s.name AS state ORDER BY person",),
])
def test_readme_query_output_is_real(demo_store, args):
    proc = run_cli("query", *args, "--store", demo_store[0])
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout in README


def test_every_command_is_documented():
    from graphkit.cli import cli

    for name in cli.commands:
        assert f"graphkit {name}" in README, name
