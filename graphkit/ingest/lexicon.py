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
    """An office: the relationship it gives (LEADS or HOLDS_OFFICE), its canonical title, and its
    class (``head``, ``foreign``, ``defence``, ``vice`` or ``-``): offices of one class are one
    office in different words (a Secretary of State is a foreign minister)."""

    relation: str
    title: str
    cls: str = "-"

    def fits(self, other_title: str, other_cls: str) -> bool:
        """Whether an office recorded as ``other_title`` (of class ``other_cls``) is this one."""
        if self.title.lower() == other_title.lower():
            return True
        if self.cls == "head" and self.title.lower() in GENERIC_HEADS:
            return other_cls == "head"
        return self.cls in ("foreign", "defence", "vice") and self.cls == other_cls


#: Titles that name any head of a state or body ("leader Kim", "the North Korean leader").
GENERIC_HEADS = frozenset({"leader", "head", "chief", "ruler"})


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
class Frame:
    """A word that evokes a frame (``meeting``, ``visit``, ...), with the prepositions of its roles."""

    frame: str
    pos: str
    lemma: str
    preps: tuple[str, ...]


@dataclass(frozen=True)
class Lexicon:
    titles: dict[str, Title]
    title_words: frozenset[str]
    verbs: dict[str, Trigger]
    nouns: dict[str, Trigger]
    speech: frozenset[str]
    #: (pos, lemma) -> frame trigger (``frames.tsv``)
    frames: dict[tuple[str, str], Frame]
    #: evaluative word -> the stance it gives (``stance.tsv``)
    stance_words: dict[str, str]
    #: the rules' word lists (``words.tsv``): list name -> words, and for some lists word -> value
    word_lists: dict[str, frozenset[str]]
    word_values: dict[str, dict[str, str]]

    def title_class(self, title: str) -> str:
        """The class of an office written ``title`` (``Foreign Minister`` -> ``foreign``)."""
        found = self.titles.get(title.lower().replace("-", " ")) or self.titles.get(title.lower())
        if found is not None:
            return found.cls
        low = title.lower()
        if "foreign" in low:
            return "foreign"
        if "defen" in low:
            return "defence"
        return "-"

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
    titles = {row[0].lower(): Title(row[1], row[2], row[3] if len(row) > 3 else "-")
              for row in _rows("titles.tsv")}
    words = frozenset(w for phrase in titles for w in phrase.replace("-", " ").split())
    verbs: dict[str, Trigger] = {}
    nouns: dict[str, Trigger] = {}
    for lemma, pos, rel_type, cameo, speech, preps in _rows("verbs.tsv"):
        trig = Trigger(lemma, pos, rel_type, cameo, speech == "yes",
                       tuple(p for p in preps.split(",") if p and p != "-"))
        (verbs if pos == "VERB" else nouns)[lemma] = trig
    speech_words = frozenset(row[0] for row in _rows("speech.tsv"))
    frames = {(pos, lemma): Frame(frame, pos, lemma, tuple(p for p in preps.split(",") if p and p != "-"))
              for frame, pos, lemma, preps in _rows("frames.tsv")}
    stance = {row[0].lower(): row[1] for row in _rows("stance.tsv")}
    lists: dict[str, set[str]] = {}
    values: dict[str, dict[str, str]] = {}
    for row in _rows("words.tsv"):
        lists.setdefault(row[0], set()).add(row[1])
        if len(row) > 2:
            values.setdefault(row[0], {})[row[1]] = row[2]
    return Lexicon(titles, words, verbs, nouns, speech_words | {v for v, t in verbs.items() if t.speech},
                   frames, stance, {k: frozenset(v) for k, v in lists.items()}, values)


@lru_cache(maxsize=1)
def memberships() -> dict[str, list[tuple[str, str, str]]]:
    """``members.tsv``: bloc name -> [(member ISO3, joined, left or "")] (ISO dates)."""
    out: dict[str, list[tuple[str, str, str]]] = {}
    for bloc, member, start, end in _rows("members.tsv"):
        out.setdefault(bloc, []).append((member, start, "" if end == "-" else end))
    return out


def wordlist(name: str) -> frozenset[str]:
    """A word list of ``words.tsv`` (``wordlist("group_noun")``)."""
    return lexicon().word_lists[name]


def word_values(name: str) -> dict[str, str]:
    """A word list of ``words.tsv`` with its values (``word_values("generic_body")``)."""
    return lexicon().word_values[name]
