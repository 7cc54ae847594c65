"""Shared fixtures: the real spaCy pipeline (loaded once), the seed article and its graph, the Neo4j server,
and headless Chromium (one Playwright session for every browser test module: a second ``sync_playwright``
started while the first runs fails with "Sync API inside the asyncio loop")."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from graphkit.ingest import Extractor, read_article
from graphkit.model import GraphDoc

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_c2068ff2b0e694ef.txt"
DATA = ROOT / "tests" / "data"
IN_CI = os.environ.get("CI") == "true"


@pytest.fixture(scope="session")
def extractor() -> Extractor:
    return Extractor()


@pytest.fixture(scope="session")
def seed_graph(extractor: Extractor) -> GraphDoc:
    return extractor.extract(read_article(SEED))


def names(doc: GraphDoc, label: str) -> list[str]:
    """Sorted names of the nodes with ``label``."""
    return sorted(n.properties["name"] for n in doc.by_label(label))


def node_named(doc: GraphDoc, name: str):
    found = [n for n in doc.nodes.values() if n.properties.get("name") == name]
    assert len(found) == 1, f"{name!r}: {len(found)} nodes"
    return found[0]


def rels(doc: GraphDoc, rel_type: str) -> set[tuple[str, str]]:
    """(start name, end name) pairs of the relationships of ``rel_type``."""
    return {(doc.nodes[r.start].name, doc.nodes[r.end].name)
            for r in doc.relationships.values() if r.type == rel_type}


def run_cli(*args: str, input: str | None = None, env: dict[str, str] | None = None,
            cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """Run the real ``graphkit`` command in a subprocess."""
    full_env = {**os.environ, **(env or {})}
    return subprocess.run([sys.executable, "-m", "graphkit.cli", *args], capture_output=True, text=True,
                          input=input, env=full_env, cwd=cwd or ROOT, timeout=300)


NEO4J_URI = os.environ.get("NEO4J_URI", "bolt://127.0.0.1:7687")
NEO4J_PASSWORD = os.environ.get("NEO4J_PASSWORD", "graphkit-local")


@pytest.fixture(scope="session")
def neo4j_server():
    """The real Neo4j server that 'make test' starts (or the one NEO4J_URI names).

    Under CI=true a missing server fails the test run; elsewhere the tests skip.
    """
    from graphkit.errors import StoreError
    from graphkit.store.neo4j import Neo4jStore

    store = Neo4jStore(NEO4J_URI, "neo4j", NEO4J_PASSWORD, "neo4j")
    try:
        store.ensure_schema()
    except StoreError as e:
        if IN_CI:
            pytest.fail(f"Neo4j is not reachable under CI=true: {e}")
        pytest.skip(f"no Neo4j server ({e}); 'make neo4j-up' starts one")
    yield store
    store.close()


@pytest.fixture()
def neo4j_store(neo4j_server):
    """A Neo4j store emptied before the test."""
    neo4j_server.clear()
    return neo4j_server


@pytest.fixture()
def cli_run(extractor, monkeypatch):
    """Run ``graphkit`` in this process through Click's CliRunner (no new interpreter, spaCy loaded once).

    Returns a function ``run(*args, input=None, env=None)`` giving Click's Result:
    ``exit_code``, ``stdout``, ``stderr`` and ``output`` (both, as a user sees them).
    """
    from click.testing import CliRunner

    from graphkit.cli import cli
    from graphkit.settings import Settings

    real = Settings.extractor
    monkeypatch.setattr(Settings, "extractor",
                        lambda self: extractor if not self.model and not self.dictionaries else real(self))
    runner = CliRunner()

    def run(*args: object, input: str | None = None, env: dict[str, str] | None = None):
        return runner.invoke(cli, [str(a) for a in args], input=input, env=env, prog_name="graphkit")

    return run


#: Debian's Chromium; GRAPHKIT_CHROMIUM points elsewhere (another OS, or a path that does not exist
#: to check that CI fails without a browser).
CHROMIUM = Path(os.environ.get("GRAPHKIT_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def _browser_missing(reason: str) -> None:
    """Skip on a developer's machine; fail in CI, where a skipped browser test would hide a broken map."""
    if IN_CI:
        pytest.fail(f"{reason} (CI=true: run `make browser-deps`)")
    pytest.skip(f"{reason}; run `make browser-deps`")


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """Headless Chromium (Debian's, through Playwright's Python package), shared by every browser test.

    Defined here once: a fixture imported into two test modules is two fixtures, and the second
    ``sync_playwright()`` cannot start inside the first one's event loop.
    """
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _browser_missing("the playwright Python package is not installed")
    if not CHROMIUM.exists():
        _browser_missing(f"{CHROMIUM} is missing")
    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()
