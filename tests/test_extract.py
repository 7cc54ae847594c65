"""Extraction on the seed article with the real spaCy model: entities, offices, statements."""

from __future__ import annotations

from conftest import names, node_named, rels

from graphkit.ingest import article_from_text


def test_people_and_states_found_once_with_their_variants(seed_graph):
    persons = names(seed_graph, "Person")
    for name in ("Kim Jong Un", "Sergei Lavrov", "Vladimir Putin", "Choe Son Hui", "Lee Seong-kweun"):
        assert persons.count(name) == 1, persons
    assert len(persons) == 5
    states = names(seed_graph, "State")
    for name in ("Russia", "North Korea", "Ukraine", "United States", "South Korea", "Japan"):
        assert states.count(name) == 1, states
    kim = node_named(seed_graph, "Kim Jong Un").properties
    assert {"Kim", "Kim Jong-Un", "Kim Jong-un", "Kim Jong Un"} <= set(kim["aliases"])
    assert "Kim Jong-Un Breaks" not in kim["aliases"]
    lavrov = node_named(seed_graph, "Sergei Lavrov").properties
    assert {"Lavrov", "Sergey Lavrov", "Sergei Lavrov"} <= set(lavrov["aliases"])


def test_states_have_iso3_ids_and_metonyms_as_aliases(seed_graph):
    prk = seed_graph.nodes["PRK"].properties
    assert prk["name"] == "North Korea" and prk["iso3"] == "PRK"
    assert {"DPRK", "Pyongyang"} <= set(prk["aliases"])
    assert "Kremlin" in seed_graph.nodes["RUS"].properties["aliases"]


def test_capital_is_a_place_when_it_is_a_location(seed_graph):
    assert "Pyongyang" in names(seed_graph, "Place")
    assert ("Pyongyang", "North Korea") in rels(seed_graph, "LOCATED_IN")


def test_offices_and_agencies(seed_graph):
    assert rels(seed_graph, "LEADS") >= {("Kim Jong Un", "North Korea"), ("Vladimir Putin", "Russia")}
    assert rels(seed_graph, "HOLDS_OFFICE") >= {("Sergei Lavrov", "Russia"), ("Choe Son Hui", "North Korea"),
                                                ("Lee Seong-kweun", "South Korea")}
    assert rels(seed_graph, "PART_OF") >= {("Korean Central News Agency", "North Korea"),
                                           ("TASS", "Russia"), ("National Intelligence Service", "South Korea")}
    assert "Foreign Minister" in node_named(seed_graph, "Sergei Lavrov").properties["titles"]


def test_treaty_members_and_signatories(seed_graph):
    treaty = "Comprehensive Strategic Partnership Treaty"
    assert rels(seed_graph, "MEMBER_OF") == {("North Korea", treaty), ("Russia", treaty)}
    assert rels(seed_graph, "SIGNED") == {("North Korea", treaty), ("Russia", treaty)}


def test_warnings_fan_out_over_coordination(seed_graph):
    warned = {b for a, b in rels(seed_graph, "WARNED") if a == "Sergei Lavrov"}
    assert warned == {"United States", "South Korea", "Japan"}
    accused = {b for a, b in rels(seed_graph, "ACCUSED") if a == "Sergei Lavrov"}
    assert accused == {"United States", "South Korea", "Japan"}


def test_statements_speakers_stances_and_outlets(seed_graph):
    stmts = {n.id: n.properties for n in seed_graph.by_label("Statement")}
    made = {r.end: seed_graph.nodes[r.start].name for r in seed_graph.relationships.values() if r.type == "MADE"}
    outlet = {r.start: seed_graph.nodes[r.end].name
              for r in seed_graph.relationships.values() if r.type == "REPORTED_BY"}
    by_text = {p["text"]: (made[sid], p["stance"], outlet.get(sid), p["quoted"]) for sid, p in stmts.items()}
    support = next(v for t, v in by_text.items() if "unconditionally support and encourage" in t)
    assert support == ("Kim Jong Un", "SUPPORTS", "Korean Central News Agency", True)
    tass = next(v for t, v in by_text.items() if "exploiting these ties" in t)
    assert tass == ("Sergei Lavrov", "WARNED", "TASS", True)
    lee = next(v for t, v in by_text.items() if "600 North Korean soldiers" in t)
    assert lee[:2] == ("Lee Seong-kweun", "CLAIM")
    assert len(stmts) == 9


def test_every_relationship_has_evidence_from_the_text(seed_graph):
    from conftest import SEED

    text = SEED.read_text(encoding="utf-8")
    for rel in seed_graph.relationships.values():
        if rel.type == "MENTIONED_IN":
            continue
        props = rel.properties
        assert props["evidence"] and props["article"] == "c0c4de2189be"
        assert text[props["start"]:props["end"]].strip() == props["evidence"]


def test_negation_cancels_an_interaction(extractor):
    doc = extractor.extract(article_from_text(
        "China did not support Russia. Japan supported Ukraine.", "neg.txt"))
    assert rels(doc, "SUPPORTS") == {("Japan", "Ukraine")}


def test_passive_voice_swaps_source_and_target(extractor):
    doc = extractor.extract(article_from_text("Ukraine was attacked by Russia on Monday.", "passive.txt"))
    assert rels(doc, "FIGHTS") == {("Russia", "Ukraine")}


def test_event_date_resolves_against_the_article_date(extractor):
    doc = extractor.extract(article_from_text(
        "Russian Foreign Minister Sergei Lavrov met North Korean leader Kim Jong Un on Saturday.",
        "date.txt", published="2025-07-14"))
    meeting = next(n for n in doc.by_label("Event") if n.properties["kind"] == "meeting")
    assert meeting.properties["date"] == "2025-07-12"


def test_a_third_partys_act_is_not_the_speakers_stance(extractor):
    doc = extractor.extract(article_from_text(
        "VILNIUS, July 11 \u2014 Turkish President Recep Tayyip Erdogan agreed on Monday to back Sweden's bid "
        "to join NATO, NATO Secretary-General Jens Stoltenberg said.", "third.txt"))
    assert rels(doc, "SUPPORTS") == {("Recep Tayyip Erdogan", "Sweden")}
    stmt = next(doc.by_label("Statement")).properties
    assert stmt["stance"] == "CLAIM" and not stmt["text"].startswith("VILNIUS")
    assert ("Jens Stoltenberg", "North Atlantic Treaty Organization") in rels(doc, "LEADS")


def test_quote_over_two_sentences_is_one_statement(extractor):
    doc = extractor.extract(article_from_text(
        'Philippine President Ferdinand Marcos Jr. spoke on Sunday.\n"We are not in the business of '
        'instigating wars. Our goal is always peace," Marcos told troops.', "quote.txt"))
    texts = [n.properties["text"] for n in doc.by_label("Statement")]
    assert texts == ["We are not in the business of instigating wars. Our goal is always peace"]


def test_statement_offsets_slice_the_article_text(extractor, seed_graph):
    from conftest import SEED

    from graphkit.ingest import read_article
    from graphkit.ingest.context import Context

    article = read_article(SEED)
    doc = extractor.nlp(article.text)
    ctx = Context(article=article, doc=doc, gaz=extractor.gazetteer, mentions=[], entities={})
    assert ctx.text == doc.text  # Statements slice ctx.text by the tokens' character offsets
    for node in seed_graph.by_label("Statement"):
        p = node.properties
        assert p["text"] and p["text"] in article.text[p["start"]:p["end"]]
    # A Doc of some other text (a caller's mistake) is sliced by its own text, not the article's.
    other = extractor.nlp("Japan supported Ukraine.")
    assert Context(article=article, doc=other, gaz=extractor.gazetteer, mentions=[], entities={}).text \
        == other.text
