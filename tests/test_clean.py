"""Text as published, made ready for parsing: noise blanked, wraps joined, offsets kept."""

from __future__ import annotations

import pytest

from graphkit.ingest.clean import is_noise_line, prepare


@pytest.mark.parametrize("line", [
    "Reporting by Jane Doe in Kyiv and John Roe in Moscow; Writing by Ann Lee; Editing by Bo Chen",
    "(Additional reporting by Maria Tsvetkova; Editing by Alex Richardson)",
    "Editing by Tim Smith",
    "By Jane Doe and John Roe",
    "By Humeyra Pamuk, Reuters",
    "FILE PHOTO: Chinese President Xi Jinping attends a meeting in Beijing, May 5, 2023. REUTERS/Tingshu Wang",
    "Related: Five things to know about the summit",
    "READ MORE: Inside the talks",
    "Our Standards: The Thomson Reuters Trust Principles.",
    "(With agency inputs)",
])
def test_noise_lines(line):
    assert is_noise_line(line)


@pytest.mark.parametrize("line", [
    "North Korea on Tuesday accused the United States of building an Asian version of NATO.",
    "By the end of the day, Russia had fired 40 missiles at Kyiv.",
    "Related talks are expected in Geneva next week, the ministry said.",
    "The photo agency said it had withdrawn the picture.",
])
def test_article_sentences_are_not_noise(line):
    assert not is_noise_line(line)


def test_credit_lines_are_blanked_and_offsets_kept():
    text = ("Leaders meet\n\nNATO leaders met on Wednesday in Washington.\n\n"
            "Reporting by Jane Doe; Editing by John Roe\n")
    out = prepare(text)
    assert len(out.text) == len(text)
    assert "Jane" not in out.text and "Editing" not in out.text
    assert out.text.index("NATO leaders met") == text.index("NATO leaders met")
    assert out.text.count("\n") == text.count("\n")


def test_dateline_keeps_its_place_on_a_line_of_its_own():
    text = "SEOUL, Aug. 22 (Reuters) - North Korea on Tuesday accused the United States of plotting."
    out = prepare(text)
    assert out.text.startswith("Seoul ")
    assert out.datelines == [(0, 5)]
    assert "(Reuters)" in out.text and "Aug" not in out.text
    dateline, lede = out.text.split("\n")
    assert dateline.split() == ["Seoul", "(Reuters)"]
    assert lede.strip().startswith("North Korea on Tuesday")
    assert len(out.text) == len(text)


@pytest.mark.parametrize("text", [
    "NATO - the alliance said on Monday that it would expand its presence in the east.",
    "Russia and China - the two powers - held joint drills on Monday near Japan.",
])
def test_a_dash_after_a_name_is_not_a_dateline(text):
    assert prepare(text).text == text


def test_hard_wrapped_paragraphs_are_joined():
    wrapped = "\n".join([
        "President Muhammadu Buhari has blamed his predecessor Goodluck",
        "Jonathan, who was in office when the girls were taken, for the",
        "slow response to the kidnapping in the northeastern town of",
        "Chibok, the presidency said in a statement on Tuesday night.",
    ])
    text = "Buhari blames predecessor\n\n" + wrapped + "\n\nA second paragraph follows here, short.\n"
    out = prepare(text)
    assert "Goodluck Jonathan, who was in office" in out.text
    assert "\n\nA second paragraph" in out.text
    assert out.text.startswith("Buhari blames predecessor\n\n")


def test_one_paragraph_per_line_is_not_taken_for_wrapping():
    text = ("Kim Jong Un met Sergei Lavrov in Pyongyang on Saturday, state media said.\n"
            "The two discussed the war in Ukraine and the treaty signed last year between their countries, "
            "which provides for mutual military assistance.\n"
            "Lavrov later left for Moscow.\n")
    assert prepare(text).text == text


def test_a_break_in_the_middle_of_a_sentence_is_joined_in_unwrapped_text():
    text = ("Buhari has blamed his predecessor Goodluck Jonathan who was\n"
            "in office when the girls were abducted, for failing to act quickly.\n")
    assert prepare(text).text.startswith("Buhari has blamed his predecessor Goodluck Jonathan who was in office")
