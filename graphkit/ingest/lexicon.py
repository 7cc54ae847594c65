"""The rule lexicons: titles and offices, interaction verbs and nouns, speech verbs.

They are tab-separated data files in ``graphkit/ingest/data/`` so that they can
be read, reviewed and extended without touching code (``docs/extraction.md``).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources


@dataclass(frozen=True)
class Title:
    """An office: the relationship it gives (LEADS or HOLDS_OFFICE) and its canonical title."""

    relation: str
    title: str


@dataclass(frozen=True)
class Trigger:
    """A word that signals an interaction of ``type`` with CAMEO ``cameo``."""

    lemma: str
    pos: str
    type: str
    cameo: str
    speech: bool
    preps: tuple[str, ...]


def _rows(filename: str) -> list[list[str]]:
    text = (resources.files("graphkit.ingest") / "data" / filename).read_text("utf-8")
    return [line.split("\t") for line in text.splitlines() if line.strip() and not line.startswith("#")]


@dataclass(frozen=True)
class Lexicon:
    titles: dict[str, Title]
    title_words: frozenset[str]
    verbs: dict[str, Trigger]
    nouns: dict[str, Trigger]
    speech: frozenset[str]

    def match_title(self, words: list[str]) -> tuple[int, Title] | None:
        """The longest title phrase ending at the last of ``words`` (lower case): (length, title)."""
        for n in range(min(len(words), 5), 0, -1):
            phrase = " ".join(words[-n:])
            if phrase in self.titles:
                return n, self.titles[phrase]
        return None


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """Load the lexicons once per process."""
    titles = {row[0].lower(): Title(row[1], row[2]) for row in _rows("titles.tsv")}
    words = frozenset(w for phrase in titles for w in phrase.replace("-", " ").split())
    verbs: dict[str, Trigger] = {}
    nouns: dict[str, Trigger] = {}
    for lemma, pos, rel_type, cameo, speech, preps in _rows("verbs.tsv"):
        trig = Trigger(lemma, pos, rel_type, cameo, speech == "yes",
                       tuple(p for p in preps.split(",") if p and p != "-"))
        (verbs if pos == "VERB" else nouns)[lemma] = trig
    speech_words = frozenset(row[0] for row in _rows("speech.tsv"))
    return Lexicon(titles, words, verbs, nouns, speech_words | {v for v, t in verbs.items() if t.speech})
