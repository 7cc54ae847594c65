"""Hostile input, crashes and concurrent writers: one-line errors, nothing lost or half-written."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import ROOT, SEED, run_cli
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from graphkit.ingest import article_from_text
from graphkit.model import GraphDoc, Node, Relationship
from graphkit.store import EmbeddedStore
from graphkit.validate import problems

EVIL = "'}) DETACH DELETE n // `x` {$y} \\\\ \" <script>alert(1)</script> MATCH (n) RETURN n"


def one_line_error(result, *needles: str) -> None:
    """A CliRunner result (or a finished subprocess) that failed with one line on stderr holding ``needles``."""
    code = getattr(result, "exit_code", getattr(result, "returncode", None))
    assert code in (1, 2), (code, result.stdout, result.stderr)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr
    for needle in needles:
        assert needle in lines[0], lines[0]


@pytest.mark.parametrize("name, content, needle", [
    ("empty.txt", b"", "empty article"),
    ("blank.txt", b"  \n\t\n  ", "empty article"),
    ("binary.txt", bytes(range(256)) * 4, "binary"),
    ("latin1.txt", "R\xe9sum\xe9 of the talks in Moscow".encode("latin-1"), "not UTF-8"),
])
def test_bad_article_files(cli_run, tmp_path, name, content, needle):
    path = tmp_path / name
    path.write_bytes(content)
    store = tmp_path / "g.db"
    for args in (("extract", str(path)), ("load", str(path), "--store", str(store))):
        one_line_error(cli_run(*args), str(path), needle)
    assert not store.exists() or EmbeddedStore(store).export().nodes == {}


def test_bom_and_utf16_are_read(cli_run, tmp_path, extractor):
    text = SEED.read_text(encoding="utf-8")
    for enc, name in (("utf-8-sig", "bom.txt"), ("utf-16", "u16.txt")):
        (tmp_path / name).write_bytes(text.encode(enc))
        proc = cli_run("extract", str(tmp_path / name), "-o", str(tmp_path / f"{name}.json"))
        assert proc.exit_code == 0, proc.stderr
        data = json.loads((tmp_path / f"{name}.json").read_text(encoding="utf-8"))
        assert "Sergei Lavrov" in {n["properties"].get("name") for n in data["nodes"]}


def test_a_50_mb_file_is_refused_before_it_is_read(cli_run, tmp_path):
    big = tmp_path / "big.txt"
    big.write_bytes(b"Russia warned Japan. " * (50 * 1024 * 1024 // 21))
    one_line_error(cli_run("extract", str(big)), str(big), "too large")


def test_html_pages_are_stripped_to_text(cli_run, tmp_path, extractor):
    page = tmp_path / "page.html"
    page.write_text("<html><head><title>Talks</title><script>var x = 'Japan';</script></head><body>"
                    "<nav>Home | World</nav><p>Russian Foreign Minister Sergei Lavrov met North Korean "
                    "leader Kim Jong Un in Pyongyang.</p></body></html>", encoding="utf-8")
    proc = cli_run("extract", str(page), "-o", str(tmp_path / "p.json"))
    assert proc.exit_code == 0, proc.stderr
    data = json.loads((tmp_path / "p.json").read_text(encoding="utf-8"))
    names = {n["properties"].get("name") for n in data["nodes"]}
    assert {"Sergei Lavrov", "Kim Jong Un", "Russia", "North Korea"} <= names
    assert "Japan" not in names  # script content is not article text
    article = next(n for n in data["nodes"] if n["labels"] == ["Article"])
    assert article["properties"]["title"] == "Talks"


def test_non_english_text_warns_and_loads(cli_run, tmp_path):
    path = tmp_path / "ru.txt"
    path.write_text("Министр иностранных дел России Сергей Лавров встретился с лидером КНДР.", encoding="utf-8")
    proc = cli_run("load", str(path), "--store", str(tmp_path / "g.db"))
    assert proc.exit_code == 0, proc.stderr
    assert "does not look like English" in proc.stderr and "Traceback" not in proc.stderr


def test_folder_load_reports_bad_files_and_loads_good_ones(cli_run, tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    (folder / "b.txt").write_bytes(b"\x00\x01binary")
    (folder / "c.txt").write_text("Japan criticized China on Monday.", encoding="utf-8")
    store = tmp_path / "g.db"
    proc = cli_run("load", str(folder), "--store", str(store))
    assert proc.exit_code == 1
    assert "b.txt: looks like a binary file" in proc.stderr
    assert proc.stdout.startswith("loaded 2 articles")
    doc = EmbeddedStore(store).export()
    assert len(doc.articles()) == 2


def test_missing_path_changes_nothing(cli_run, tmp_path):
    store = tmp_path / "g.db"
    assert cli_run("load", str(SEED), "--store", str(store)).exit_code == 0
    before = EmbeddedStore(store).export().to_json()
    one_line_error(cli_run("load", str(SEED), str(tmp_path / "missing.txt"), "--store", str(store)),
                   "missing.txt", "no such file")
    assert EmbeddedStore(store).export().to_json() == before


@pytest.mark.parametrize("name, content, needle", [
    ("g.json", b'{"format_version": 1, "nodes": [], "relationships": []}', "is a Graph JSON store"),
    ("g.json", b'{"format_version": 1, "nodes": [{"id": ', "`graphkit import"),
    ("g.db", b'{"format_version": 1, "nodes": [{"id": ', "&& graphkit import"),
    ("g.db", b"not a store at all", "not a graphkit store"),
    ("g.db", b"SQLite format 3\x00" + bytes(range(256)) * 8, "damaged"),
])
def test_broken_store_file_is_one_line_and_untouched(cli_run, tmp_path, name, content, needle):
    store = tmp_path / name
    store.write_bytes(content)
    for args in (("stats",), ("load", str(SEED)), ("query", "MATCH (n) RETURN n.name")):
        one_line_error(cli_run(*args, "--store", str(store)), str(store), needle)
    assert store.read_bytes() == content


@pytest.mark.parametrize("cypher", ["MATCH (n RETURN n", "MATCH (n) RETURN", "RETURN 1 +",
                                    "MATCH (n) SET n.x = 1 RETURN n"])
def test_bad_cypher_is_one_line(cli_run, tmp_path, cypher):
    store = tmp_path / "g.db"
    assert cli_run("load", str(SEED), "--store", str(store)).exit_code == 0
    one_line_error(cli_run("query", cypher, "--store", str(store)))


@pytest.mark.parametrize("param", ["novalue", "=x", "n=[1,", 'n="open'])
def test_bad_param_is_one_line(cli_run, tmp_path, param):
    one_line_error(cli_run("query", "MATCH (n) WHERE n.name = $n RETURN n.name", "--param", param,
                           "--store", str(tmp_path / "g.db")), "--param")


def test_injection_text_is_stored_verbatim_and_breaks_nothing(tmp_path, extractor):
    text = f'Russian Foreign Minister Sergei Lavrov said "{EVIL}" on Monday, according to Tass.'
    doc = extractor.extract(article_from_text(text, "evil.txt"))
    assert problems(json.loads(doc.to_json())) == []
    evil = GraphDoc([Node("e", "Person", {"name": EVIL, "aliases": [EVIL], "articles": ["a"]}),
                     Node("s", "State", {"name": "S", "aliases": [], "articles": ["a"], "iso3": "SSS"})],
                    [Relationship("LEADS", "e", "s", {"article": "a", "evidence": EVIL})])
    store = EmbeddedStore(tmp_path / "g.db")
    store.upsert(doc)
    store.upsert(evil)
    rows = store.query("MATCH (p:Person)-[r:LEADS]->(s) WHERE p.name = $n RETURN p.name AS n, r.evidence AS e",
                       {"n": EVIL}).rows
    assert rows == [{"n": EVIL, "e": EVIL}]
    reread = EmbeddedStore(tmp_path / "g.db").export()
    assert reread.nodes["e"].properties["name"] == EVIL
    assert store.stats()["nodes"]["Person"] == doc.stats()["nodes"]["Person"] + 1


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(min_size=1, max_size=400))
def test_random_text_never_escapes_an_exception(extractor, tmp_path, text):
    if not text.strip():
        return
    doc = extractor.extract(article_from_text(text, "random.txt"))
    data = json.loads(doc.to_json())
    assert problems(data) == []
    store = EmbeddedStore(tmp_path / f"h{abs(hash(text))}.db")
    store.upsert(doc)
    assert store.stats() == doc.stats()


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(["Russia", "warned", "Japan", "Kim Jong Un", "said", '"', "NATO", ",", ".",
                                 "Lavrov", "met", "in", "Pyongyang", "not", "supports", "the", "'s", "\n"]),
                min_size=3, max_size=40))
def test_news_like_word_salad_gives_valid_graphs(extractor, words):
    doc = extractor.extract(article_from_text(" ".join(words) + ".", "salad.txt"))
    assert problems(json.loads(doc.to_json())) == []


# -- crash safety and concurrent writers ------------------------------------------------------------


def _articles(folder: Path, n: int) -> None:
    folder.mkdir()
    base = SEED.read_text(encoding="utf-8")
    for i in range(n):
        (folder / f"a{i:02d}.txt").write_text(f"Story {i}.\n{base}\nJapan criticized China on day {i}.",
                                              encoding="utf-8")


@pytest.mark.slow
def test_sigkill_during_load_leaves_the_old_or_the_new_store(tmp_path):
    corpus = tmp_path / "corpus"
    _articles(corpus, 6)
    store = tmp_path / "g.db"
    assert run_cli("load", str(SEED), "--store", str(store)).returncode == 0
    old_file = store.read_bytes()
    old = EmbeddedStore(store).export().to_json()
    assert run_cli("load", str(corpus), "--store", str(tmp_path / "full.db")).returncode == 0
    merged = GraphDoc.from_json(old)
    merged.update(EmbeddedStore(tmp_path / "full.db").export())
    new = merged.to_json()
    rng = random.Random(7)
    outcomes = {"old": 0, "new": 0}
    for _ in range(20):
        for leftover in tmp_path.glob("g.db-*"):
            leftover.unlink()
        store.write_bytes(old_file)
        proc = subprocess.Popen([sys.executable, "-m", "graphkit.cli", "load", str(corpus), "--store", str(store)],
                                cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0.5, 6.0))
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        now = EmbeddedStore(store).export().to_json()  # always readable
        assert now in (old, new)
        outcomes["old" if now == old else "new"] += 1
    assert outcomes["old"] + outcomes["new"] == 20


@pytest.mark.slow
def test_concurrent_loads_lose_no_article(tmp_path):
    corpus = tmp_path / "corpus"
    _articles(corpus, 4)
    store = tmp_path / "g.db"
    env = {**os.environ}
    procs = [subprocess.Popen([sys.executable, "-m", "graphkit.cli", "load", str(path), "--store", str(store)],
                              cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for path in sorted(corpus.iterdir())]
    for p in procs:
        _out, err = p.communicate(timeout=300)
        assert p.returncode == 0, err
    doc = EmbeddedStore(store).export()
    assert len(doc.articles()) == 4


@pytest.mark.slow
def test_a_folder_with_thousands_of_files(tmp_path):
    folder = tmp_path / "many"
    folder.mkdir()
    states = ["Japan", "China", "Russia", "France", "India", "Brazil", "Kenya", "Chile"]
    for i in range(2000):
        a, b = states[i % 8], states[(i * 3 + 1) % 8]
        (folder / f"{i:04d}.txt").write_text(f"{a} criticized {b} on day {i}.", encoding="utf-8")
    store = tmp_path / "g.db"
    proc = run_cli("load", str(folder), "--store", str(store))
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith("loaded 2000 articles")
    doc = EmbeddedStore(store).export()
    assert len(doc.articles()) == 2000
    assert doc.stats()["nodes"]["State"] == 8
