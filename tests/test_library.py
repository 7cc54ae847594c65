"""The Cypher library on both backends over seeds/, and the support table in docs/cypher.md."""

from __future__ import annotations

import json
import re

import pytest
from conftest import DATA, ROOT

from graphkit.errors import QueryError
from graphkit.library import load_library
from graphkit.load import load_paths
from graphkit.store import EmbeddedStore

LIBRARY = load_library()


@pytest.fixture(scope="module")
def nx_seed(tmp_path_factory, seed_graph):
    store = EmbeddedStore(tmp_path_factory.mktemp("lib") / "g.db")
    store.upsert(seed_graph)
    return store


@pytest.fixture(scope="module")
def neo_seed(neo4j_server, seed_graph):
    neo4j_server.clear()
    neo4j_server.upsert(seed_graph)
    return neo4j_server


def normalised(rows: list[dict]) -> list[str]:
    """Rows in a comparable form: JSON with sorted keys and sorted list values, order-free."""
    def fix(v):
        return sorted(v, key=str) if isinstance(v, list) else v
    return sorted(json.dumps({k: fix(v) for k, v in r.items()}, sort_keys=True, default=str) for r in rows)


def test_library_has_at_least_fifteen_documented_queries():
    assert len(LIBRARY) >= 15
    for q in LIBRARY.values():
        assert q.description, q.name
        assert set(q.backends) <= {"embedded", "neo4j"} and q.backends, q.name


@pytest.mark.parametrize("name", sorted(n for n, q in LIBRARY.items() if "embedded" in q.backends))
def test_library_query_returns_rows_on_the_embedded_store(nx_seed, name):
    q = LIBRARY[name]
    if name == "events-by-date":
        return  # the seed carries no date; test_events_by_date_orders_a_dated_article covers it
    assert nx_seed.query(q.cypher, q.params).rows, f"{name} returned no rows with its example parameters"


def test_events_by_date_orders_a_dated_article(tmp_path, extractor):
    store = EmbeddedStore(tmp_path / "graph.db")
    load_paths([DATA / "articles" / "05-bush-putin-slovenia.txt"], store, extractor)
    rows = store.query(LIBRARY["events-by-date"].cypher, {}).rows
    assert rows == [{"date": "2001-06-16", "kind": "meeting",
                     "event": "Meeting: George W. Bush / Vladimir Putin (2001-06-16)"},
                    {"date": "2001-06-16", "kind": "visit",
                     "event": "Visit: George W. Bush / Kranj / Slovenia / Vladimir Putin (2001-06-16)"}]


@pytest.mark.neo4j
@pytest.mark.parametrize("name", sorted(LIBRARY))
def test_library_query_gives_the_same_rows_on_both_backends(nx_seed, neo_seed, name):
    q = LIBRARY[name]
    neo_rows = neo_seed.query(q.cypher, q.params).rows
    if "embedded" not in q.backends:
        with pytest.raises(QueryError, match="use --backend neo4j"):
            nx_seed.query(q.cypher, q.params)
        assert neo_rows
        return
    assert normalised(nx_seed.query(q.cypher, q.params).rows) == normalised(neo_rows)


def test_expected_answers(nx_seed):
    def col(name: str, column: str, **params):
        return [r[column] for r in nx_seed.query(LIBRARY[name].cypher, params).rows]

    assert col("warned-by", "warned", actor="Sergei Lavrov") == ["Japan", "South Korea", "United States"]
    assert col("alliance-members", "member", alliance="Comprehensive Strategic Partnership Treaty") == \
        ["North Korea", "Russia"]
    assert sorted(col("statements-by-actor", "stance", actor="Sergei Lavrov")) == \
        ["ACCUSED", "CLAIM", "COOPERATES_WITH", "WARNED", "WARNED"]
    assert col("who-leads", "leads") == ["North Korea", "Russia"]
    assert col("statement-outlets", "outlet", actor="Kim Jong Un") == ["Korean Central News Agency"] * 2
    assert ("Lee Seong-kweun", "South Korea") in [(r["person"], r["of"]) for r in
                                                  nx_seed.query(LIBRARY["offices"].cypher).rows]


def test_queries_json_lists_names_descriptions_backends_and_params(cli_run):
    proc = cli_run("queries", "--format", "json")
    assert proc.exit_code == 0, proc.stderr
    items = json.loads(proc.stdout)
    assert {i["name"] for i in items} == set(LIBRARY)
    by_name = {i["name"]: i for i in items}
    assert by_name["statements-by-actor"]["params"] == {"actor": "Sergei Lavrov"}
    assert by_name["paths"]["backends"] == ["neo4j"]
    assert by_name["statements-by-actor"]["names"] == ["actor"]


def test_every_name_parameter_is_a_parameter():
    for q in LIBRARY.values():
        assert set(q.names) <= set(q.params), q.name


def library_table() -> str:
    lines = ["| name | answers | example parameters | backends |", "| --- | --- | --- | --- |"]
    for q in LIBRARY.values():
        params = ", ".join(f"{k}={v!r}" for k, v in q.params.items()) or "—"
        lines.append(f"| `{q.name}` | {q.description} | {params} | {', '.join(q.backends)} |")
    return "\n".join(lines)


def test_library_table_in_docs_is_the_library():
    doc = (ROOT / "docs" / "cypher.md").read_text(encoding="utf-8")
    start, end = "<!-- library-table:start -->", "<!-- library-table:end -->"
    found = re.search(re.escape(start) + r"\n(.*?)\n" + re.escape(end), doc, re.S)
    assert found and found.group(1) == library_table(), f"docs/cypher.md is stale; the table is:\n{library_table()}"


# -- what works where: the table in docs/cypher.md is produced here ---------------------------------

PROBES = [
    ("double-quoted strings", 'MATCH (s:State) WHERE s.name = "Japan" RETURN s.iso3'),
    ("single-quoted strings", "MATCH (s:State) WHERE s.name = 'Japan' RETURN s.iso3"),
    ("$parameters", "MATCH (s:State) WHERE s.name = $name RETURN s.iso3"),
    ("lowercase count()", "MATCH (s:State) RETURN count(s) AS n"),
    ("count(*)", "MATCH (s:State) RETURN count(*) AS n"),
    ("IS NOT NULL", "MATCH (s:State) WHERE s.iso3 IS NOT NULL RETURN s.name"),
    ("undirected pattern", "MATCH (a)-[r:MET]-(b) RETURN a.name, b.name"),
    ("both ends pinned", 'MATCH (a)-[r]->(b) WHERE a.name = "Sergei Lavrov" AND b.name = "Japan" RETURN type(r)'),
    ("relationship type alternatives", "MATCH (a)-[r:WARNED|ACCUSED]->(b) RETURN type(r), b.name"),
    ("ORDER BY / SKIP / LIMIT", "MATCH (s:State) RETURN s.name ORDER BY s.name SKIP 1 LIMIT 2"),
    ("DISTINCT", "MATCH (a)-[:WARNED]->(b) RETURN DISTINCT a.name"),
    ("collect()", "MATCH (s)-[:MEMBER_OF]->(a:Alliance) RETURN a.name, collect(s.name) AS members"),
    ("mixed directions", "MATCH (a)-[:MADE]->(s)-[:ABOUT]-(b) RETURN a.name"),
    ("OPTIONAL MATCH", "MATCH (s:State) OPTIONAL MATCH (s)<-[:LEADS]-(p) RETURN s.name, p.name"),
    ("OPTIONAL MATCH over two relationships",
     "MATCH (s:State) OPTIONAL MATCH (s)<-[:LEADS]-(p)-[:MADE]->(st:Statement) RETURN s.name, p.name, st.stance"),
    ("OPTIONAL MATCH, undirected", "MATCH (s:State) OPTIONAL MATCH (s)-[:ALLIED_WITH]-(o) RETURN s.name, o.name"),
    ("pattern predicate with a property map", "MATCH (p:Person) WHERE (p)-[:LEADS]->(:State {name: $name}) "
     "RETURN p.name"),
    ("WITH ... WHERE", "MATCH (p:Person) WITH p WHERE size(p.name) > 12 RETURN p.name"),
    ("=~ (whole string, Java syntax)", "MATCH (p:Person) WHERE p.name =~ '(?i)kim.*\\w{2}' RETURN p.name"),
    ("round(x, 2)", "MATCH (s:State) RETURN round(size(s.name) / 3.0, 2) AS r"),
    ("WITH", "MATCH (s:State) WITH s RETURN s.name"),
    ("UNWIND", "UNWIND [1, 2] AS x RETURN x"),
    ("shortestPath()", "MATCH p = shortestPath((a {name: 'Japan'})-[*..4]-(b {name: 'Ukraine'})) RETURN length(p)"),
    ("labels()", "MATCH (n:State) RETURN labels(n)"),
    ("writing (CREATE/MERGE/SET/DELETE)", "MATCH (n:State) SET n.x = 1 RETURN n.name"),
]
TABLE_START, TABLE_END = "<!-- support-table:start -->", "<!-- support-table:end -->"


@pytest.mark.neo4j
def test_support_table_in_docs_is_what_the_backends_do(nx_seed, neo_seed):
    lines = ["| construct | embedded | neo4j |", "| --- | --- | --- |"]
    for name, cypher in PROBES:
        params = {"name": "Japan"}
        try:
            neo = normalised(neo_seed.query(cypher, params).rows) if "SET" not in cypher else None
        except QueryError:
            neo = None
        try:
            mine = normalised(nx_seed.query(cypher, params).rows)
            embedded = "same rows as Neo4j" if mine == neo else "DIFFERENT rows"
        except QueryError as e:
            embedded = "refused: " + str(e).split(" is not supported")[0].split(";")[0]
        lines.append(f"| {name} | {embedded} | {'yes' if neo is not None or 'SET' in cypher else 'no'} |")
    table = "\n".join(lines)
    assert "DIFFERENT rows" not in table, table
    doc = (ROOT / "docs" / "cypher.md").read_text(encoding="utf-8")
    found = re.search(re.escape(TABLE_START) + r"\n(.*?)\n" + re.escape(TABLE_END), doc, re.S)
    assert found and found.group(1) == table, f"docs/cypher.md is stale; the table is:\n{table}"
