"""Neo4j server faults: stopped mid-load gives one line and exit 1; a rerun completes without duplicates.

Runs its own throwaway server (the Makefile's launcher on another port and
home), so stopping it never disturbs the server the other tests use.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time

import pytest
from conftest import DATA, IN_CI, ROOT, run_cli

pytestmark = pytest.mark.neo4j
PORT = "7697"


def _make(target: str, home: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["make", "--no-print-directory", target, f"NEO4J_PORT={PORT}", f"NEO4J_HOME_DIR={home}"],
                          cwd=ROOT, capture_output=True, text=True, timeout=300)


@pytest.fixture()
def own_server(tmp_path):
    if shutil.which("make") is None or shutil.which("java") is None:
        if IN_CI:
            pytest.fail("make and java are needed for the Neo4j fault tests")
        pytest.skip("make or java missing")
    home = str(tmp_path / "neo4j")
    up = _make("neo4j-up", home)
    if up.returncode != 0:
        if IN_CI:
            pytest.fail(f"could not start a Neo4j server: {up.stderr[-500:]}")
        pytest.skip(f"could not start a Neo4j server: {up.stderr[-200:]}")
    yield home
    _make("neo4j-down", home)
    # Belt and braces: no launcher of this test may outlive it, whatever the pid file says.
    subprocess.run(["pkill", "-f", f"--home {home}"], check=False)


def _wait_for_articles(env: dict[str, str], n: int, proc: subprocess.Popen[str]) -> None:
    """Wait until the load has written ``n`` articles (a busy machine may take a minute to get there)."""
    from graphkit.store.neo4j import Neo4jStore

    store = Neo4jStore(env["NEO4J_URI"], "neo4j", env["NEO4J_PASSWORD"], "neo4j")
    deadline = time.monotonic() + 240
    try:
        while time.monotonic() < deadline:
            if proc.poll() is not None:
                out, err = proc.communicate()
                pytest.fail(f"the load ended before the server was stopped: {out} {err}")
            if store.query("MATCH (a:Article) RETURN count(a) AS n").rows[0]["n"] >= n:
                return
            time.sleep(0.05)
    finally:
        store.close()
    pytest.fail(f"the load did not reach {n} articles in 240 s")


def test_server_stopped_mid_load_then_rerun(own_server, tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    base = (DATA / "articles" / "00-seed.txt").read_text(encoding="utf-8")
    for i in range(300):
        (corpus / f"a{i:02d}.txt").write_text(f"Report {i}.\n{base}", encoding="utf-8")
    env = {**os.environ, "NEO4J_URI": f"bolt://127.0.0.1:{PORT}", "NEO4J_PASSWORD": "graphkit-local",
           "GRAPHKIT_BACKEND": "neo4j"}
    proc = subprocess.Popen([sys.executable, "-m", "graphkit.cli", "load", str(corpus)], cwd=ROOT, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    _wait_for_articles(env, 5, proc)  # some articles are in: the load is under way
    _make("neo4j-down", own_server)
    out, err = proc.communicate(timeout=300)
    assert proc.returncode == 1, (out, err)
    errors = [line for line in err.strip().splitlines() if " articles (" not in line]  # progress lines
    assert len(errors) == 1 and "Traceback" not in err, err
    assert f"bolt://127.0.0.1:{PORT}" in err and "graphkit-local" not in err
    assert _make("neo4j-up", own_server).returncode == 0
    rerun = run_cli("load", str(corpus), env=env)
    assert rerun.returncode == 0, rerun.stderr
    rows = run_cli("query", "MATCH (a:Article) RETURN count(a) AS n", "--format", "json", env=env)
    assert "\"n\": 300" in rows.stdout
    dup = run_cli("query", "MATCH (p:Person) WITH p.id AS id, count(*) AS c WHERE c > 1 RETURN id",
                  "--format", "json", env=env)
    assert dup.returncode == 0 and dup.stdout.strip() == "[]", dup.stdout + dup.stderr
    rels = run_cli("query", "MATCH (a)-[r:WARNED]->(b) WITH a, b, r.article AS art, count(*) AS c "
                   "WHERE c > 1 RETURN art", "--format", "json", env=env)
    assert rels.stdout.strip() == "[]", rels.stdout
