"""One schema: every file and table that names the model is generated from graphkit.schema or checked here."""

from __future__ import annotations

import re

import pytest
from conftest import ROOT

from graphkit import schema
from graphkit.validate import problems


def test_cypher_schema_file_is_generated_from_the_schema():
    text = (ROOT / "cypher" / "schema.cypher").read_text(encoding="utf-8")
    assert text == schema.cypher_schema(), "cypher/schema.cypher is stale: run 'make schema'"


def test_docs_model_tables_are_generated_from_the_schema():
    text = (ROOT / "docs" / "model.md").read_text(encoding="utf-8")
    assert text == schema.update_markdown(text), "docs/model.md is stale: run 'make schema'"
    for name in (*schema.LABELS, *schema.REL_TYPES):
        assert f"`{name}`" in text, name


def test_graphkit_schema_prints_the_schema(cli_run):
    result = cli_run("schema")
    assert result.output == schema.schema_text()
    for rel in schema.RELATIONSHIPS.values():
        line = next(x for x in result.output.splitlines() if x.split()[:1] == [rel.name])
        assert (f"CAMEO {rel.cameo}" in line) == rel.interaction
        assert ("unordered" in line) == rel.symmetric


def test_one_name_for_symmetric_types():
    assert {"MET", "ALLIED_WITH"} == schema.SYMMETRIC
    from graphkit.store import neo4j_plan

    assert not hasattr(neo4j_plan, "UNDIRECTED")


def test_map_legend_families_come_from_the_schema():
    from graphkit.render.style import TYPE_STYLES

    assert list(TYPE_STYLES) and set(TYPE_STYLES) == set(schema.REL_TYPES)
    for rel_type, style in TYPE_STYLES.items():
        assert style.group == schema.RELATIONSHIPS[rel_type].family in schema.FAMILIES


def _graph(rel_type: str, start_label: str, end_label: str) -> dict:
    node = {"aliases": [], "articles": ["a"]}
    props = {"article": "a", "evidence": "e", "cameo": schema.RELATIONSHIPS[rel_type].cameo} \
        if schema.RELATIONSHIPS[rel_type].provenance else {"count": 1}
    statement = {"text": "t", "stance": "CLAIM"}
    return {"nodes": [{"id": "x", "labels": [start_label], "properties": {"name": "X", **statement, **node}},
                      {"id": "y", "labels": [end_label], "properties": {"name": "Y", **statement, **node}}],
            "relationships": [{"type": rel_type, "start": "x", "end": "y",
                               "properties": {k: v for k, v in props.items() if v is not None}}]}


@pytest.mark.parametrize("rel_type", schema.REL_TYPES)
def test_validate_takes_its_rules_from_the_schema(rel_type):
    rel = schema.RELATIONSHIPS[rel_type]
    start = sorted(rel.starts or {"Person"})[0]
    end = sorted(rel.ends or {"Place"})[0]
    assert problems(_graph(rel_type, start, end)) == []
    wrong = next(label for label in schema.LABELS if label not in (rel.ends or {"Person"}))
    expected = "may not end at an Article" if rel.ends is None else f"may not end at a {wrong}"
    assert problems(_graph(rel_type, start, wrong)) == [f"{rel_type} 'x'->'y': {expected}"]


#: Files a document may name although they are not in the repository (made by commands).
_MADE = {"graph.json", "graph.db", "map.html", "seed.json", "graph.graphml", "bench.json", "README.md"}


def test_docs_and_code_name_only_files_that_exist():
    """Every ``something.md`` or ``dir/file.ext`` a doc or docstring names is in the repository."""
    sources = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md")), *sorted((ROOT / "graphkit").rglob("*.py"))]
    missing = set()
    for path in sources:
        text = path.read_text(encoding="utf-8")
        for name in re.findall(r"\b[A-Z][A-Z_]+\.md\b", text):
            if not list(ROOT.rglob(name)) and name not in _MADE:
                missing.add(f"{path.relative_to(ROOT)}: {name}")
        for rel in re.findall(r"(?<![\w/.])((?:docs|cypher|seeds|graphkit|tools|benchmarks)/[\w./-]+\.\w+)", text):
            if not (ROOT / rel).exists():
                missing.add(f"{path.relative_to(ROOT)}: {rel}")
    assert not missing, sorted(missing)
