"""The command line through Click's CliRunner: real commands, real exit codes, one-line errors.

Exit codes (cli.py's docstring): 1 when the input or the world is wrong, 2 when the command line is.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from conftest import DATA, ROOT, SEED

from graphkit.store import EmbeddedStore


def one_line(result, code: int, *needles: str) -> str:
    """The one stderr line of a failed command, after checking its exit code and contents."""
    assert result.exit_code == code, (result.exit_code, result.output)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "Traceback" not in result.output and "internal error" not in result.output
    for needle in needles:
        assert needle in lines[0], lines[0]
    return lines[0]


@pytest.fixture()
def seed_store(cli_run, tmp_path) -> Path:
    store = tmp_path / "g.db"
    result = cli_run("load", SEED, "--store", store)
    assert result.exit_code == 0, result.output
    return store


def test_version(cli_run):
    from graphkit import __version__

    result = cli_run("--version")
    assert result.exit_code == 0
    assert result.stdout == f"graphkit {__version__}\n"


def test_extract_writes_graph_json_and_says_so(cli_run, tmp_path):
    out = tmp_path / "seed.json"
    result = cli_run("extract", SEED, "-o", out)
    assert result.exit_code == 0, result.output
    data = json.loads(out.read_text(encoding="utf-8"))
    assert result.stdout == f"wrote {out} ({len(data['nodes'])} nodes, {len(data['relationships'])} relationships)\n"
    persons = {n["properties"]["name"] for n in data["nodes"] if n["labels"] == ["Person"]}
    assert {"Kim Jong Un", "Sergei Lavrov", "Vladimir Putin"} <= persons


def test_load_prints_the_summary_line(cli_run, tmp_path):
    store = tmp_path / "g.db"
    result = cli_run("load", SEED, "--store", store)
    assert result.exit_code == 0, result.output
    assert result.stdout == f"loaded 1 article (1 new, 0 already in the store, 0 failed) into {store}\n"


def test_reloading_counts_articles_already_in_the_store(cli_run, seed_store):
    """Depends on the reload skip (LoadReport.unchanged, filled by load_paths with Store.article_hashes)."""
    from graphkit.store.base import Store

    if not hasattr(Store, "article_hashes"):
        pytest.skip("the reload skip (Store.article_hashes) is not on this branch yet")
    result = cli_run("load", SEED, "--store", seed_store)
    assert result.stdout.startswith("loaded 1 article (0 new, 1 already in the store, 0 failed)")


@pytest.mark.parametrize("fmt", ["json", "jsonl", "csv", "tsv", "table"])
def test_query_formats(cli_run, seed_store, fmt):
    result = cli_run("query", "MATCH (s:State) WHERE s.iso3 = $iso RETURN s.name AS name, s.iso3 AS iso3",
                     "--param", "iso=PRK", "--store", seed_store, "--format", fmt)
    assert result.exit_code == 0, result.output
    expected = {
        "json": '[\n  {\n    "name": "North Korea",\n    "iso3": "PRK"\n  }\n]\n',
        "jsonl": '{"name": "North Korea", "iso3": "PRK"}\n',
        "csv": "name,iso3\nNorth Korea,PRK\n",
        "tsv": "name\tiso3\nNorth Korea\tPRK\n",
    }
    if fmt == "table":
        lines = result.stdout.splitlines()
        assert lines[0].split() == ["name", "iso3"] and lines[2].split() == ["North", "Korea", "PRK"]
        assert lines[-1] == "(1 row)"
    else:
        assert result.stdout == expected[fmt]


def test_tables_fit_the_terminal(cli_run, seed_store):
    for width in (60, 100, 160):
        result = cli_run("query", "statements-by-actor", "--param", "actor=Sergei Lavrov", "--store", seed_store,
                         env={"COLUMNS": str(width)})
        assert result.exit_code == 0, result.output
        lines = result.stdout.splitlines()
        assert max(len(line) for line in lines) <= width
        assert "…" in result.stdout  # the quotes are longer than any of these widths
        assert len(lines) == 5 + 3  # one line per row: header, rule, rows, count
        assert "\x1b[" not in result.stdout  # no colour when not on a terminal


def test_stats_formats(cli_run, seed_store):
    stats = json.loads(cli_run("stats", "--store", seed_store, "--format", "json").stdout)
    assert set(stats) == {"nodes", "relationships"}
    assert stats["nodes"]["Article"] == 1 and stats["nodes"]["Person"] == 5
    csv = cli_run("stats", "--store", seed_store, "--format", "csv").stdout.splitlines()
    assert csv[0] == "kind,name,count" and "node,Person,5" in csv


@pytest.mark.parametrize("args", [
    ("stats",),
    ("query", "MATCH (n) RETURN n.name"),
    ("query", "who-leads"),
    ("render", "-o", "{tmp}/map.html"),
    ("export",),
    ("neighbors", "Lavrov"),
    ("path", "Lavrov", "Japan"),
    ("central",),
    ("ping",),
])
def test_read_commands_on_a_missing_store_say_so(cli_run, tmp_path, args):
    typo = tmp_path / "typo.json"
    args = tuple(a.replace("{tmp}", str(tmp_path)) for a in args)
    result = cli_run(*args, "--store", typo)
    one_line(result, 1, f"no graphkit store at {typo}", "graphkit load")
    assert result.stdout == ""
    assert not typo.exists() and not (tmp_path / "map.html").exists()


def test_a_folder_without_articles_lists_what_it_skipped_and_fails(cli_run, tmp_path):
    folder = tmp_path / "images"
    folder.mkdir()
    (folder / "photo.jpg").write_bytes(b"\xff\xd8\xff")
    (folder / "NOTES").write_text("no extension", encoding="utf-8")
    result = cli_run("load", folder, "--store", tmp_path / "g.db")
    assert result.exit_code == 1
    assert f"skipped {folder / 'NOTES'}: a file without an extension, not an article" in result.stderr
    assert f"skipped {folder / 'photo.jpg'}: a .jpg file, not an article" in result.stderr
    assert result.stderr.strip().splitlines()[-1].startswith("graphkit: no article files to load (2 other files")
    assert result.stdout == ""
    assert not (tmp_path / "g.db").exists()


def test_folder_scans_take_articles_only_and_named_files_always(cli_run, tmp_path):
    folder = tmp_path / "corpus"
    folder.mkdir()
    shutil.copy(SEED, folder / "a.txt")
    shutil.copy(SEED.with_name(SEED.stem + ".meta.json"), folder / "a.meta.json")
    (folder / "README.md").write_text("Japan criticized China. Russia warned Japan.", encoding="utf-8")
    (folder / "SOURCES.md").write_text("France praised India.", encoding="utf-8")
    store = tmp_path / "g.db"
    result = cli_run("load", folder, "--store", store)
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("loaded 1 article (1 new")
    assert "a.meta.json" not in result.stderr  # a sidecar is read with its article, not skipped
    assert "README.md: a .md file, not an article" in result.stderr and "--glob '*.md'" in result.stderr
    assert "India" not in {n.name for n in EmbeddedStore(store).export().nodes.values()}
    result = cli_run("load", folder / "SOURCES.md", "--store", store)
    assert result.exit_code == 0, result.output
    assert "India" in {n.name for n in EmbeddedStore(store).export().nodes.values()}
    result = cli_run("load", folder, "--glob", "*.md", "--store", store)
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("loaded 3 articles")


def test_loading_a_graph_file_points_to_import(cli_run, tmp_path, seed_graph):
    graph = tmp_path / "graph.json"
    graph.write_text(seed_graph.to_json(), encoding="utf-8")
    result = cli_run("load", graph, "--store", tmp_path / "g.db")
    one_line(result, 1, f"{graph}: is a graph file", f"graphkit import {graph}")
    sidecar = SEED.with_name(SEED.stem + ".meta.json")
    one_line(cli_run("load", sidecar, "--store", tmp_path / "g.db"), 1, f"{sidecar}: is an article's sidecar")
    assert not (tmp_path / "g.db").exists()


@pytest.mark.parametrize("args, needle", [
    (("load", "--date", "2025-13-01", str(SEED)), "'2025-13-01' is not a date written YYYY-MM-DD"),
    (("extract", "--date", "yesterday", str(SEED)), "'yesterday' is not a date"),
    (("query", "MATCH (n) RETURN n.name", "--param", "novalue"), "expected key=value"),
    (("stats", "--backend", "sqlite"), "'sqlite' is not one of"),
    (("query", "statments-by-actor"), "did you mean 'statements-by-actor'"),
    (("eval", str(SEED)), "eval takes pairs"),
])
def test_the_command_line_is_wrong_exit_2(cli_run, seed_store, args, needle):
    result = cli_run(*args, "--store", seed_store) if args[0] in ("query", "stats", "load") else cli_run(*args)
    assert result.exit_code == 2, result.output
    assert needle in result.stderr
    assert "Traceback" not in result.output and "internal error" not in result.output


@pytest.mark.parametrize("args, needle", [
    (("validate", "{tmp}/missing.json"), "missing.json: no such file"),
    (("eval", "{tmp}/missing.json", str(DATA / "gold" / "00-seed.json")), "missing.json: no such file"),
    (("extract", "{tmp}/missing.txt"), "missing.txt: no such file or folder"),
    (("import", "{tmp}/missing.json"), "missing.json: no such file"),
])
def test_the_input_is_wrong_exit_1(cli_run, tmp_path, args, needle):
    result = cli_run(*(a.replace("{tmp}", str(tmp_path)) for a in args), "--store", tmp_path / "g.db") \
        if args[0] == "import" else cli_run(*(a.replace("{tmp}", str(tmp_path)) for a in args))
    one_line(result, 1, needle)


def test_a_bad_date_in_a_sidecar_names_the_sidecar(cli_run, tmp_path):
    article = tmp_path / "a.txt"
    shutil.copy(SEED, article)
    (tmp_path / "a.meta.json").write_text('{"published": "2025-13-01"}', encoding="utf-8")
    one_line(cli_run("extract", article), 1, "a.meta.json: published date '2025-13-01' is not a date")


def test_write_is_refused_on_the_embedded_store(cli_run, seed_store):
    result = cli_run("query", "MATCH (n) DETACH DELETE n", "--write", "--store", seed_store)
    one_line(result, 2, "--write needs --backend neo4j")


def test_names_resolve_the_same_way_everywhere(cli_run, seed_store):
    by_query = cli_run("query", "statements-by-actor", "--param", "actor=lavrov", "--store", seed_store,
                       "--format", "json")
    assert by_query.exit_code == 0, by_query.output
    full = cli_run("query", "statements-by-actor", "--param", "actor=Sergei Lavrov", "--store", seed_store,
                   "--format", "json")
    assert json.loads(by_query.stdout) == json.loads(full.stdout) != []
    near = cli_run("neighbors", "lavrov", "--store", seed_store, "--format", "json")
    assert {"hops": 1, "label": "State", "name": "Japan"} in json.loads(near.stdout)
    result = cli_run("neighbors", "Lavorv", "--store", seed_store)
    one_line(result, 2, "no node named 'Lavorv' in the graph; did you mean 'Sergei Lavrov'")
    result = cli_run("query", "warned-by", "--param", "actor=Lavorv", "--store", seed_store)
    one_line(result, 2, "did you mean 'Sergei Lavrov'")


def test_labels_and_types_in_any_case_and_did_you_mean(cli_run, seed_store, tmp_path):
    lower = cli_run("render", "--store", seed_store, "--label", "person", "--label", "state", "--type", "met",
                    "-o", tmp_path / "a.html")
    upper = cli_run("render", "--store", seed_store, "--label", "Person", "--label", "State", "--type", "MET",
                    "-o", tmp_path / "b.html")
    assert lower.exit_code == upper.exit_code == 0, lower.output
    assert lower.stdout.split("(")[1] == upper.stdout.split("(")[1]
    one_line(cli_run("render", "--store", seed_store, "--type", "WARN", "-o", tmp_path / "c.html"), 2,
             "unknown relationship type 'WARN'; did you mean 'WARNED'")
    one_line(cli_run("central", "--store", seed_store, "--label", "persn"), 2, "did you mean 'Person'")
    ranked = json.loads(cli_run("central", "--store", seed_store, "--label", "state", "--format", "json").stdout)
    assert ranked and {r["label"] for r in ranked} == {"State"}


def test_library_facts_come_once_with_their_article_count(cli_run, tmp_path, seed_store):
    copy = tmp_path / "copy.txt"
    copy.write_text("A copy.\n" + SEED.read_text(encoding="utf-8"), encoding="utf-8")
    assert cli_run("load", copy, "--store", seed_store).exit_code == 0
    rows = json.loads(cli_run("query", "interactions", "--store", seed_store, "--format", "json").stdout)
    facts = [(r["source"], r["interaction"], r["target"]) for r in rows]
    assert len(facts) == len(set(facts))
    assert {"source": "Sergei Lavrov", "interaction": "WARNED", "target": "Japan", "articles": 2} in rows


def test_export_then_import_gives_the_same_graph(cli_run, seed_store, tmp_path):
    for fmt in ("json", "graphml"):
        out = tmp_path / f"g.{fmt}"
        result = cli_run("export", "--format", fmt, "-o", out, "--store", seed_store)
        assert result.exit_code == 0, result.output
        assert result.stdout.startswith(f"wrote {out} (")
        other = tmp_path / f"other-{fmt}.db"
        result = cli_run("import", out, "--store", other)
        assert result.exit_code == 0, result.output
        assert result.stdout.startswith(f"imported {out} into {other} (")
        again = cli_run("export", "--store", other).stdout
        assert again == cli_run("export", "--store", seed_store).stdout


def test_import_merges_as_load_does(cli_run, seed_store, tmp_path, seed_graph):
    graph = tmp_path / "seed.json"
    graph.write_text(seed_graph.to_json(), encoding="utf-8")
    before = EmbeddedStore(seed_store).export().to_json()
    assert cli_run("import", graph, "--store", seed_store).exit_code == 0
    assert EmbeddedStore(seed_store).export().to_json() == before  # the same article's graph: nothing changes


@pytest.mark.parametrize("content, needle", [
    ("not a graph", "neither Graph JSON nor GraphML"),
    ('{"nodes": [{"id": "x", "labels": ["Robot"]}], "relationships": []}', "label 'Robot' is not one of the model"),
    ('{"nodes": [], "relationships": [{"type": "LEADS", "start": "a", "end": "b"}]}', "missing node"),
])
def test_import_refuses_bad_files_and_changes_nothing(cli_run, seed_store, tmp_path, content, needle):
    bad = tmp_path / "bad.txt"
    bad.write_text(content, encoding="utf-8")
    before = seed_store.read_bytes()
    one_line(cli_run("import", bad, "--store", seed_store), 1, str(bad), needle)
    assert seed_store.read_bytes() == before


def test_ping_goes_through_the_store(cli_run, seed_store, seed_graph):
    result = cli_run("ping", "--store", seed_store)
    assert result.exit_code == 0, result.output
    nodes, rels = len(seed_graph.nodes), len(seed_graph.relationships)
    assert result.stdout == f"{seed_store}: embedded store, {nodes} nodes, {rels} relationships\n"


def test_validate_reports_problems_and_exits_1(cli_run, tmp_path, seed_graph):
    good = tmp_path / "good.json"
    good.write_text(seed_graph.to_json(), encoding="utf-8")
    assert cli_run("validate", good).exit_code == 0
    bad = tmp_path / "bad.json"
    data = json.loads(seed_graph.to_json())
    data["nodes"][0]["labels"] = ["Robot"]
    bad.write_text(json.dumps(data), encoding="utf-8")
    result = cli_run("validate", good, bad)
    assert result.exit_code == 1
    assert "unknown label 'Robot'" in result.stdout
    assert result.stderr.strip() == "graphkit: 1 of 2 files break the graph model"


def test_plain_progress_lines_every_n_articles(capsys):
    from graphkit.cli import PlainProgress

    progress = PlainProgress(5, every_s=3600, every_n=2)
    for i in range(5):
        progress.article(f"a{i}.txt")
    lines = capsys.readouterr().err.splitlines()
    assert [line.split(" (")[0] for line in lines] == ["graphkit: 2 of 5 articles", "graphkit: 4 of 5 articles"]


def test_readme_documents_completion_and_every_command():
    from graphkit.cli import cli

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "_GRAPHKIT_COMPLETE=bash_source graphkit" in readme
    for name in cli.commands:
        assert f"graphkit {name}" in readme, name


@pytest.mark.slow
def test_workers_give_the_same_graph(cli_run, tmp_path):
    one, two = tmp_path / "one.db", tmp_path / "two.db"
    articles = DATA / "articles"
    assert cli_run("load", articles, "--store", one).exit_code == 0
    result = cli_run("load", articles, "--store", two, "--workers", "2")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(f"loaded {len(list(articles.glob('*.txt')))} articles")
    assert EmbeddedStore(one).export().to_json() == EmbeddedStore(two).export().to_json()
