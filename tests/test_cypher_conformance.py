"""The embedded store's Cypher against Neo4j's: the same rows, or a refusal by name, never other rows.

The seed and tests/data/articles are loaded through graphkit's loader into a
real Neo4j server (the oracle) and into the embedded store; every query of
conformance_queries.py runs on both. This is the regression test for the
pins of graphqlite and pysqlite3: a new engine version that answers one of
these differently fails here. The counts go in docs/cypher.md's table,
which test_conformance_table_in_docs checks.
"""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from conformance_queries import QUERIES
from conftest import DATA, ROOT

from graphkit.errors import QueryError
from graphkit.load import load_paths
from graphkit.store import EmbeddedStore

pytestmark = pytest.mark.neo4j

CORPUS = [ROOT / "seeds", DATA / "articles"]
TABLE_START, TABLE_END = "<!-- conformance:start -->", "<!-- conformance:end -->"


@pytest.fixture(scope="module")
def embedded(tmp_path_factory, extractor):
    store = EmbeddedStore(tmp_path_factory.mktemp("conformance") / "graph.db")
    load_paths(CORPUS, store, extractor)
    return store


@pytest.fixture(scope="module")
def oracle(neo4j_server, extractor, embedded):
    neo4j_server.clear()
    load_paths(CORPUS, neo4j_server, extractor)
    assert neo4j_server.export().to_json() == embedded.export().to_json(), "the two stores hold different graphs"
    return neo4j_server


def _value(value: Any, keep_lists: bool) -> Any:
    if isinstance(value, float):
        return round(value, 9)
    if isinstance(value, dict):
        return {k: _value(v, keep_lists) for k, v in value.items()}
    if isinstance(value, list):
        items = [_value(v, keep_lists) for v in value]
        return items if keep_lists else sorted(items, key=lambda v: json.dumps(v, sort_keys=True))
    return value


def comparable(cypher: str, name: str, rows: list[dict[str, Any]]) -> list[str]:
    """Rows as sorted-key JSON; in their order when the query orders them, sorted otherwise."""
    keep_lists = name.endswith("[ordered lists]")
    out = [json.dumps({k: _value(v, keep_lists) for k, v in r.items()}, sort_keys=True, ensure_ascii=False)
           for r in rows]
    return out if re.search(r"\bORDER\s+BY\b", cypher, re.I) else sorted(out)


def outcome(oracle, embedded, name: str, cypher: str, params: dict[str, Any]) -> tuple[str, str]:
    """(same | wrong | refused, detail) for one query."""
    expected = oracle.query(cypher, params)
    try:
        got = embedded.query(cypher, params)
    except QueryError as e:
        return "refused", str(e)
    if got.columns != expected.columns:
        return "wrong", f"columns {got.columns} instead of {expected.columns}"
    mine, theirs = comparable(cypher, name, got.rows), comparable(cypher, name, expected.rows)
    if mine != theirs:
        return "wrong", f"{len(got.rows)} rows instead of {len(expected.rows)}: {sorted(set(mine) ^ set(theirs))[:3]}"
    return "same", ""


@pytest.mark.parametrize("name, cypher, params", QUERIES, ids=[q[0] for q in QUERIES])
def test_same_rows_as_neo4j_or_refused_by_name(oracle, embedded, name, cypher, params):
    expected = oracle.query(cypher, params).rows
    assert expected, f"{name}: Neo4j returns no rows, so the comparison proves little"
    result, detail = outcome(oracle, embedded, name, cypher, params)
    assert result != "wrong", f"{name}: {detail}"
    if result == "refused":
        assert "use --backend neo4j" in detail and "\n" not in detail, detail


def test_conformance_table_in_docs(oracle, embedded):
    """docs/cypher.md's table is what this suite measures, and no query gives other rows than Neo4j."""
    counts = {"same": 0, "wrong": 0, "refused": 0}
    refused = []
    for name, cypher, params in QUERIES:
        result, detail = outcome(oracle, embedded, name, cypher, params)
        counts[result] += 1
        if result == "refused":
            refused.append(f"{name}: {detail.split(' is not supported')[0]}")
    lines = ["| engine | queries | same rows as Neo4j | different rows | refused by name |",
             "| --- | --- | --- | --- | --- |",
             f"| embedded (graphqlite 0.12.0 behind graphkit's layer) | {len(QUERIES)} | {counts['same']} | "
             f"{counts['wrong']} | {counts['refused']} |", "", "Refused:", ""]
    lines += [f"- {line}" for line in refused]
    table = "\n".join(lines)
    doc = (ROOT / "docs" / "cypher.md").read_text(encoding="utf-8")
    found = re.search(re.escape(TABLE_START) + r"\n(.*?)\n" + re.escape(TABLE_END), doc, re.S)
    assert counts["wrong"] == 0, table
    assert found and found.group(1) == table, f"docs/cypher.md is stale; the table is:\n{table}"
