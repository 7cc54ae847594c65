"""Dictionaries: the known states, organizations, alliances and places, as data.

The files are JSON Lines under ``graphkit/ingest/data/`` (format in that
folder's README.md); users add their own with ``--dictionary FILE`` (same
fields plus ``label``). A :class:`Gazetteer` turns them into surface forms,
each with one reading, which the pipeline's entity ruler matches before spaCy's
statistical NER runs, so known names get their canonical id whatever the model
guesses.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from ..errors import InputError
from ..model import slugify

ORG_KINDS = frozenset({"media", "government", "military", "intelligence", "legislature", "party",
                       "international", "company", "other"})
PLACE_KINDS = frozenset({"city", "region", "site"})
ALLIANCE_KINDS = frozenset({"treaty", "alliance", "partnership", "bloc"})

#: Entity-ruler labels, one per reading of a surface form.
RULER_LABELS = {
    "State": "GK_STATE", "Organization": "GK_ORG", "Alliance": "GK_ALLIANCE", "Place": "GK_PLACE",
    "Person": "GK_PERSON", "seat": "GK_SEAT", "demonym": "GK_DEMONYM",
}

_BUILTIN = (
    ("states.jsonl", "State"),
    ("organizations.jsonl", "Organization"),
    ("alliances.jsonl", "Alliance"),
    ("places.jsonl", "Place"),
)


@dataclass
class Entry:
    """One known thing: its label, stable id, canonical name and facts about it."""

    label: str
    id: str
    name: str
    kind: str | None = None
    state: str | None = None
    aliases: list[str] = field(default_factory=list)
    demonyms: list[str] = field(default_factory=list)
    seats: list[str] = field(default_factory=list)
    capital: str | None = None
    descriptors: list[str] = field(default_factory=list)
    #: the body an organization belongs to (``United Nations`` for the UN Security Council)
    parent: str | None = None
    #: where a body that is not its state's is based: ISO3 codes or place names, in order of preference
    located: list[str] = field(default_factory=list)


def _clean(form: str) -> str:
    """Normalise a surface form for matching: straight apostrophes, no leading ``the``."""
    form = form.replace("\u2019", "'").strip()
    if form.lower().startswith("the "):
        form = form[4:]
    return form


def _variants(form: str) -> set[str]:
    """The spellings a form is matched in: as written and with a curly apostrophe."""
    form = _clean(form)
    return {form, form.replace("'", "\u2019")} if form else set()


def parse_entry(raw: dict[str, Any], label: str | None, where: str) -> Entry:
    """Validate one dictionary object and return its :class:`Entry`."""
    label = raw.get("label", label)
    name = raw.get("name")
    if label not in ("State", "Organization", "Alliance", "Place", "Person"):
        raise InputError(f"{where}: label must be State, Organization, Alliance, Place, Person or Role")
    if not isinstance(name, str) or not name.strip():
        raise InputError(f"{where}: entry has no name")
    kind = raw.get("kind")
    allowed = {"Organization": ORG_KINDS, "Place": PLACE_KINDS, "Alliance": ALLIANCE_KINDS}.get(label)
    if allowed is not None and kind is not None and kind not in allowed:
        raise InputError(f"{where}: kind {kind!r} is not one of {', '.join(sorted(allowed))}")
    if label == "State":
        iso3 = raw.get("iso3") or raw.get("id")
        if not isinstance(iso3, str) or len(iso3) != 3:
            raise InputError(f"{where}: a State needs a three-letter iso3 code")
        ident = iso3.upper()
    else:
        ident = raw.get("id") or slugify(name)

    def strings(key: str) -> list[str]:
        value = raw.get(key) or []
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise InputError(f"{where}: {key} must be a list of strings")
        return value

    return Entry(label=label, id=ident, name=name.strip(), kind=kind,
                 state=(raw.get("state") or None), aliases=strings("aliases"),
                 demonyms=strings("demonyms"), seats=strings("seats"),
                 capital=raw.get("capital"), descriptors=strings("descriptors"),
                 parent=raw.get("part_of") or None, located=strings("located"))


def jsonl_rows(text: str, where: str) -> list[tuple[str, dict[str, Any]]]:
    """The JSON objects of a JSON Lines text, each with ``file:line`` (blank and ``#`` lines skipped)."""
    rows = []
    for lineno, line in enumerate(text.splitlines(), 1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        try:
            raw = json.loads(line)
        except ValueError as e:
            raise InputError(f"{where}:{lineno}: not a JSON object ({e.msg})") from e
        if not isinstance(raw, dict):
            raise InputError(f"{where}:{lineno}: not a JSON object")
        rows.append((f"{where}:{lineno}", raw))
    return rows


def read_jsonl(path: Path | str, label: str | None = None, text: str | None = None) -> list[Entry]:
    """Read a dictionary file (JSON Lines; blank and ``#`` lines skipped)."""
    if text is None:
        try:
            text = Path(path).read_text(encoding="utf-8")
        except OSError as e:
            raise InputError(f"{path}: cannot read dictionary ({e.strerror})") from e
        except UnicodeDecodeError as e:
            raise InputError(f"{path}: dictionary is not UTF-8 text") from e
    entries = []
    for where, raw in jsonl_rows(text, str(path)):
        if raw.get("label") == "Role":
            continue  # a term of office: the role base reads it (roles.py)
        entries.append(parse_entry(raw, label, where))
    return entries


class Gazetteer:
    """All dictionary entries, indexed for the entity ruler and for lookups by the rules."""

    def __init__(self, entries: Iterable[Entry]) -> None:
        self.entries: dict[tuple[str, str], Entry] = {}
        self.states: dict[str, Entry] = {}
        #: surface form -> (ruler label, entry); one reading per form, first one wins.
        self.forms: dict[str, tuple[str, Entry]] = {}
        #: (state iso3, descriptor) -> organization entry ("spy agency" of KOR -> NIS).
        self.descriptors: dict[tuple[str, str], Entry] = {}
        self.places: dict[str, Entry] = {}
        entries = list(entries)
        # Readings in priority order: a form that names a state is that state
        # before it is a seat, an organization, a place or a demonym.
        for entry in entries:
            self.entries.setdefault((entry.label, entry.id), entry)
            if entry.label == "State":
                self.states.setdefault(entry.id, entry)
            if entry.label == "Place":
                for form in [entry.name, *entry.aliases]:
                    self.places.setdefault(_clean(form).lower(), entry)
            for d in entry.descriptors:
                if entry.state:
                    self.descriptors.setdefault((entry.state, d.lower()), entry)
        order = ("State", "Person", "Alliance", "Organization")
        for label in order:
            for entry in entries:
                if entry.label == label:
                    self._add_forms([entry.name, *entry.aliases], RULER_LABELS[label], entry)
        # Only the seats listed: a capital that is also a first name (Sofia) or a common
        # word stays a place unless the dictionary says it stands for its government.
        for entry in self.states.values():
            self._add_forms(entry.seats, "GK_SEAT", entry)
        for entry in self.states.values():
            self._add_forms(entry.demonyms, "GK_DEMONYM", entry)
        #: Place forms, matched after NER so that a person or organization named like a
        #: town (Sofia Coppola, Georgetown University) keeps its statistical reading.
        # Names of several words ("South China Sea", "Taiwan Strait") are unambiguous and
        # contain other names, so they join the first ruler, where the longest match wins.
        self.place_forms: dict[str, Entry] = {}
        for entry in entries:
            if entry.label == "Place":
                for form in [entry.name, *entry.aliases]:
                    for variant in _variants(form):
                        if variant in self.forms:
                            continue
                        if " " in variant:
                            self.forms[variant] = ("GK_PLACE", entry)
                        else:
                            self.place_forms.setdefault(variant, entry)

    def _add_forms(self, forms: Iterable[str], ruler_label: str, entry: Entry) -> None:
        for form in forms:
            for variant in _variants(form):
                self.forms.setdefault(variant, (ruler_label, entry))

    def forms_of(self, entry: Entry) -> list[str]:
        """Every name and alias of an entry (for recognising a short form inside a longer match)."""
        return [_clean(f) for f in [entry.name, *entry.aliases] if _clean(f)]

    def get(self, label: str, ident: str) -> Entry | None:
        return self.entries.get((label, ident))

    def named(self, label: str, name: str) -> Entry | None:
        """The entry of ``label`` whose canonical name is ``name``."""
        if not hasattr(self, "_by_name"):
            self._by_name = {(e.label, e.name): e for e in self.entries.values()}
        return self._by_name.get((label, name))

    def body_key(self, name: str) -> str | None:
        """The entity key (``Organization:united-nations``) of the body or alliance named ``name``."""
        for label in ("Organization", "Alliance"):
            entry = self.named(label, name)
            if entry is not None:
                return f"{label}:{entry.id}"
        return None

    def place_named(self, form: str) -> Entry | None:
        """The Place entry with this surface form (capitals are places when they are locations)."""
        return self.places.get(_clean(form).lower())

    def org_for(self, state: str, phrase: str) -> Entry | None:
        """The organization of ``state`` that ``phrase`` ("spy agency") describes, if any.

        The longest descriptor that ends the phrase wins, so "domestic spy agency"
        prefers a "domestic spy agency" entry over a "spy agency" one.
        """
        phrase = " ".join(phrase.lower().replace("\u2019", "'").split())
        words = phrase.split()
        for n in range(len(words), 0, -1):
            entry = self.descriptors.get((state, " ".join(words[-n:])))
            if entry is not None:
                return entry
        return None

    def ruler_patterns(self) -> list[dict[str, str]]:
        """Phrase patterns for the ruler before NER: the form, its reading and the entry key."""
        return [{"label": label, "pattern": form, "id": f"{entry.label}:{entry.id}"}
                for form, (label, entry) in sorted(self.forms.items())]

    def place_patterns(self) -> list[dict[str, str]]:
        """Phrase patterns for the ruler after NER (places fill only what NER left)."""
        return [{"label": "GK_PLACE", "pattern": form, "id": f"Place:{entry.id}"}
                for form, entry in sorted(self.place_forms.items())]


def builtin_entries() -> list[Entry]:
    """The dictionaries shipped with graphkit."""
    entries: list[Entry] = []
    data = resources.files("graphkit.ingest") / "data"
    for filename, label in _BUILTIN:
        res = data / filename
        if res.is_file():
            entries.extend(read_jsonl(f"graphkit/ingest/data/{filename}", label, res.read_text("utf-8")))
    return entries


def load_gazetteer(user_files: Iterable[str | Path] = ()) -> Gazetteer:
    """Built-in dictionaries plus the user's files; a user entry wins over a built-in one."""
    user: list[Entry] = []
    for path in user_files:
        user.extend(read_jsonl(path))
    return Gazetteer([*user, *builtin_entries()])
