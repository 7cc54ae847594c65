"""Reading what people really have: HTML pages (trafilatura), real dates, long texts parsed in parts."""

from __future__ import annotations

import json
import shutil

import pytest
from conftest import ROOT, SEED

from graphkit.errors import InputError
from graphkit.ingest import article_from_text, read_article
from graphkit.ingest.chunking import PART_CHARS, parse, split_text

PAGE = ROOT / "tests" / "pages" / "talks.html"
#: Words of the page's menu, cookie banner, related links and footer: none may reach the extractor.
BOILERPLATE = ("cookie", "Home", "Politics", "Related", "France", "Brazil", "India", "Kenya", "Contact us",
               "Chile", "newsletter", "rights reserved", "By Jane Reporter")


def test_an_html_page_gives_its_article_and_nothing_else(tmp_path):
    article = read_article(PAGE)
    assert "Sergei Lavrov met North Korean leader Kim Jong Un in Pyongyang" in article.text
    for word in BOILERPLATE:
        assert word not in article.text, word
    assert "tracking" not in article.text and "color: red" not in article.text
    assert (article.title, article.published, article.author, article.source, article.url) == (
        "Lavrov meets Kim in Pyongyang", "2024-06-19", "Jane Reporter", "World News Daily",
        "https://news.example.org/world/lavrov-kim-talks")


def test_the_graph_of_an_html_page_has_no_boilerplate_entities(cli_run, tmp_path):
    out = tmp_path / "page.json"
    assert cli_run("extract", PAGE, "-o", out).exit_code == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    names = {n["properties"].get("name") for n in data["nodes"]}
    assert {"Sergei Lavrov", "Kim Jong Un", "North Korea", "Russia", "United States"} <= names
    assert not names & {"France", "Brazil", "India", "Kenya", "Chile", "Peru", "Japan", "China"}
    article = next(n["properties"] for n in data["nodes"] if n["labels"] == ["Article"])
    assert article["published"] == "2024-06-19" and article["author"] == "Jane Reporter"
    assert article["source"] == "World News Daily"


def test_date_order_is_option_then_sidecar_then_page(tmp_path):
    page = tmp_path / "talks.html"
    shutil.copy(PAGE, page)
    assert read_article(page).published == "2024-06-19"
    (tmp_path / "talks.meta.json").write_text('{"published": "2024-06-20", "source": "Wire"}', encoding="utf-8")
    assert (read_article(page).published, read_article(page).source) == ("2024-06-20", "Wire")
    assert read_article(page, published="2024-06-21").published == "2024-06-21"


def test_a_page_in_another_declared_charset_is_decoded(tmp_path):
    page = tmp_path / "latin.html"
    html = PAGE.read_text(encoding="utf-8").replace('<meta charset="utf-8">', '<meta charset="windows-1252">')
    html = html.replace("met North Korean", "met the caf\u00e9-loving North Korean")
    page.write_bytes(html.encode("cp1252"))
    assert "caf\u00e9-loving" in read_article(page).text


def test_a_page_without_article_text_is_refused(tmp_path):
    page = tmp_path / "empty.html"
    page.write_text("<html><body><nav><a href='/'>Home</a></nav></body></html>", encoding="utf-8")
    with pytest.raises(InputError, match=r"empty\.html: no article text found in the HTML page"):
        read_article(page)


@pytest.mark.parametrize("date", ["2025-13-01", "2025-02-30", "20250101", "2025-1-1"])
def test_impossible_dates_are_refused_with_the_file(date):
    with pytest.raises(InputError, match=rf"a\.txt: published date '{date}' is not a date written YYYY-MM-DD"):
        article_from_text("Russia warned Japan.", "a.txt", published=date)


@pytest.mark.parametrize("text", [
    "para one.\n" * 5000,
    "One sentence. " * 4000,
    "word " * 10000,
    "x" * 45000,
    "short",
])
def test_split_text_keeps_every_character_in_bounded_parts(text):
    parts = split_text(text, 1000)
    assert "".join(parts) == text
    assert all(0 < len(p) <= 1000 for p in parts)
    if "\n" in text:
        assert all(p.endswith("\n") for p in parts[:-1])
    elif ". " in text:
        assert all(p.endswith(". ") for p in parts[:-1])


def test_a_long_text_parsed_in_parts_keeps_offsets_and_facts(extractor, monkeypatch):
    """The seed three times over, parsed in parts of ~1,500 characters: the same text, offsets that slice it."""
    import graphkit.ingest.chunking as chunking

    text = "\n".join([SEED.read_text(encoding="utf-8")] * 3)
    monkeypatch.setattr(chunking, "PART_CHARS", 1500)
    seen: list[tuple[int, int]] = []
    with chunking.reporting_parts(lambda done, total: seen.append((done, total))):
        doc = parse(extractor.nlp, text)
        graph = extractor.extract(article_from_text(text, "long.txt"))
    assert doc.text == text
    assert len(seen) >= 2 * len(split_text(text, 1500)) and seen[-1][0] == seen[-1][1]
    for rel in graph.relationships.values():
        if "start" in rel.properties:
            assert text[rel.properties["start"]:rel.properties["end"]].strip() == rel.properties["evidence"]
    assert ("Sergei Lavrov", "Japan") in {(graph.nodes[r.start].name, graph.nodes[r.end].name)
                                          for r in graph.relationships.values() if r.type == "WARNED"}


def test_part_size_is_a_long_news_article():
    assert 10_000 <= PART_CHARS <= 50_000
