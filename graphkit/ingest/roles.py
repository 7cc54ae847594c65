"""Who held which office when: the dated role base, and the given names that tell gender.

Event coders keep such a base because news names people by office and surname
("Prime Minister Modi said ...") and leaves the country to the reader. With the
article's date it answers what the text leaves out:

* who ``Prime Minister Modi`` is (Narendra Modi) and what he leads (India);
* which Obama a bare ``Obama`` is when several people share the surname;
* that ``Donald J. Trump`` and ``Donald Trump`` are one person;
* whether ``she`` can refer to someone (gender, also from given names and titles).

The data are JSON Lines files in ``graphkit/ingest/data/roles/`` (one line per term
of one person in one office; format in that folder's README) and tab-separated given
names in ``data/given_names/``. Users add terms with ``--dictionary`` lines labelled
``Role``. The base loads once per process.
"""

from __future__ import annotations

import datetime as dt
import pickle
import re
import sys
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from .. import cache
from ..errors import InputError
from .dictionary import jsonl_rows
from .lexicon import Title, lexicon, wordlist

_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


def fold_name(name: str) -> str:
    """A person's name for comparison: no accents, case, punctuation, middle initials or suffixes.

    ``Donald J. Trump`` and ``Donald Trump`` fold alike, as do ``Kim Jong-un`` and ``Kim Jong Un``.
    """
    text = unicodedata.normalize("NFKD", name)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower().replace("\u2019", "'")
    text = re.sub(r"[-\u2010-\u2015_.,]", " ", text)
    words = [w for w in text.split() if w]
    while words and words[-1] in ("jr", "sr", "ii", "iii", "iv"):
        words.pop()
    if len(words) > 2:
        words = [words[0], *[w for w in words[1:-1] if len(w) > 1], words[-1]]
    return " ".join(words)


def _day(value: str | None, end: bool) -> dt.date | None:
    """A term's date (``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``) as the widest day it can mean."""
    if value is None:
        return None
    parts = [int(p) for p in value.split("-")]
    if len(parts) == 1:
        return dt.date(parts[0], 12, 31) if end else dt.date(parts[0], 1, 1)
    if len(parts) == 2:
        if not end:
            return dt.date(parts[0], parts[1], 1)
        nxt = dt.date(parts[0] + parts[1] // 12, parts[1] % 12 + 1, 1)
        return nxt - dt.timedelta(days=1)
    return dt.date(*parts)


@dataclass(frozen=True)
class Term:
    """One person in one office for one stretch of time."""

    person: str
    title: str
    cls: str
    rel: str
    of: str
    start: dt.date | None
    end: dt.date | None

    def active(self, when: dt.date | None) -> bool:
        if when is None:
            return True
        return (self.start is None or self.start <= when) and (self.end is None or when <= self.end)


def _near(term: Term, when: dt.date | None, days: int) -> bool:
    """The term is active at ``when``, or (``days`` > 0) ended or starts within that many days of it:
    a leader ousted last week is still the one the news means by his surname."""
    if when is None or days == 0:
        return term.active(when)
    pad = dt.timedelta(days=days)
    return (term.start is None or term.start <= when + pad) and (term.end is None or when - pad <= term.end)


@dataclass
class RolePerson:
    """A person the base knows: canonical name, other full forms, gender and terms."""

    name: str
    aliases: set[str] = field(default_factory=set)
    gender: str | None = None
    terms: list[Term] = field(default_factory=list)

    @property
    def surname(self) -> str:
        return fold_name(self.name).split()[-1]


class RoleBase:
    """The terms, indexed by person name, surname and office."""

    def __init__(self, rows: Iterable[dict[str, Any]] = (), given_names: dict[str, str] | None = None) -> None:
        self.people: dict[str, RolePerson] = {}
        self._by_form: dict[str, RolePerson] = {}
        self._by_token: dict[str, list[RolePerson]] = {}
        self.given_names = given_names or {}
        for row in rows:
            self.add(row)

    def add(self, row: dict[str, Any], where: str = "role") -> None:
        """Add one term (a parsed JSON line), checking its fields."""
        name, rel, of, title = row.get("name"), row.get("rel"), row.get("of"), row.get("title")
        if not isinstance(name, str) or not name.strip():
            raise InputError(f"{where}: a role needs the person's name")
        if rel not in ("LEADS", "HOLDS_OFFICE") or not isinstance(of, str) or not isinstance(title, str):
            raise InputError(f"{where}: a role needs rel (LEADS or HOLDS_OFFICE), title and of")
        for key in ("from", "to"):
            if row.get(key) is not None and not _DATE.match(str(row[key])):
                raise InputError(f"{where}: {key} must be YYYY, YYYY-MM or YYYY-MM-DD")
        gender = row.get("gender")
        person = self.people.get(name)
        if person is None:
            person = self.people[name] = RolePerson(name)
            self._index(person, name)
        if gender in ("m", "f"):
            person.gender = gender
        for alias in row.get("aliases") or []:
            if isinstance(alias, str) and alias.strip() and alias not in person.aliases:
                person.aliases.add(alias)
                self._index(person, alias)
        lex = lexicon()
        cls = lex.title_class(str(row.get("local_title") or "")) if row.get("local_title") else "-"
        if cls == "-":
            cls = lex.title_class(title)
        if cls == "-" and rel == "LEADS":
            cls = "head"
        person.terms.append(Term(name, title, cls, rel, of, _day(row.get("from"), False), _day(row.get("to"), True)))

    def _index(self, person: RolePerson, form: str) -> None:
        key = fold_name(form)
        self._by_form.setdefault(key, person)
        for token in set(key.split()):
            bucket = self._by_token.setdefault(token, [])
            if person not in bucket:
                bucket.append(person)

    def person(self, name: str) -> RolePerson | None:
        """The person whose name or full alias this is (``Donald J. Trump``, ``Sergey Lavrov``)."""
        return self._by_form.get(fold_name(name))

    def named(self, token: str, when: dt.date | None, title: Title | None = None) -> RolePerson | None:
        """The one person an office and a single name stand for at ``when``: ``Prime Minister Modi``.

        Only a holder of a fitting office at that date (or, with no title, of any office),
        and only when exactly one person qualifies: the base never guesses between two.
        """
        people = [p for p in self._by_token.get(fold_name(token), []) if token_is_surname(p, token)]
        for window in (0, 5 * 365):
            found = {p.name: p for p in people if any(
                _near(t, when, window) and (title is None or title.fits(t.title, t.cls)) for t in p.terms)}
            if found:
                return next(iter(found.values())) if len(found) == 1 else None
        return None

    def is_surname(self, token: str) -> bool:
        """Whether some person of the base goes by this name alone (``Bazoum``, ``Tiani``)."""
        if not hasattr(self, "_surnames"):
            self._surnames = {fold_name(w).split()[-1] for p in self.people.values()
                              for w in [p.name, *p.aliases] if w.strip()}
        return fold_name(token) in self._surnames

    def terms_at(self, name: str, when: dt.date | None) -> list[Term]:
        person = self.person(name)
        return [t for t in person.terms if t.active(when)] if person else []

    def office_of(self, name: str, title: Title, when: dt.date | None) -> Term | None:
        """The term of ``name`` that ``title`` names at ``when`` (its owner is what the text left out)."""
        fitting = {(t.of, t.rel): t for t in self.terms_at(name, when) if title.fits(t.title, t.cls)}
        if len(fitting) == 1:
            return next(iter(fitting.values()))
        return None

    def gender(self, name: str) -> str | None:
        """``m``, ``f`` or None: from the base, else from the given name."""
        person = self.person(name)
        if person is not None and person.gender:
            return person.gender
        words = fold_name(name).split()
        for word in words[:-1] or words:
            g = self.given_names.get(word)
            if g:
                return g
        return None


def token_is_surname(person: RolePerson, token: str) -> bool:
    """Whether ``token`` is how news shortens this person: the last name, or for names written
    family name first (``Kim Jong Un``, ``Xi Jinping``) the first."""
    tok = fold_name(token)
    forms = [fold_name(f).split() for f in [person.name, *person.aliases]]
    return any(words and (words[-1] == tok or (len(words) >= 2 and words[0] == tok and _family_first(words)))
               for words in forms)


def _family_first(words: list[str]) -> bool:
    """East Asian names as wires write them: a short family name first (Kim, Xi, Moon, Lee, Li)."""
    return len(words[0]) <= 4 and words[0] in wordlist("family_first")




def _data_dir() -> Any:
    return resources.files("graphkit.ingest") / "data"


def _given_names() -> dict[str, str]:
    names: dict[str, str] = {}
    folder = _data_dir() / "given_names"
    if not folder.is_dir():
        return names
    for res in sorted(folder.iterdir(), key=lambda r: r.name):
        if not res.name.endswith(".tsv"):
            continue
        for line in res.read_text("utf-8").splitlines():
            if not line.strip() or line.startswith("#"):
                continue
            parts = line.split("\t")
            if len(parts) >= 2 and parts[1].strip() in ("m", "f"):
                names.setdefault(fold_name(parts[0]), parts[1].strip())
    return names


@lru_cache(maxsize=8)
def _builtin_rows() -> tuple[tuple[str, dict[str, Any]], ...]:
    rows: list[tuple[str, dict[str, Any]]] = []
    folder = _data_dir() / "roles"
    if folder.is_dir():
        for res in sorted(folder.iterdir(), key=lambda r: r.name):
            if res.name.endswith(".jsonl"):
                rows += jsonl_rows(res.read_text("utf-8"), f"graphkit/ingest/data/roles/{res.name}")
    return tuple(rows)


@lru_cache(maxsize=8)
def load_roles(user_files: tuple[str, ...] = ()) -> RoleBase:
    """The built-in role base plus the ``Role`` lines of the user's dictionaries (once per process).

    Kept in graphkit's cache (:mod:`graphkit.cache`), keyed by the data files, the
    user's files and the code that builds it: folding and indexing thousands of terms
    takes longer than reading them back.
    """
    key = _roles_key(user_files)
    if key is None:  # a user file cannot be read: the build says which, and why
        return _build_roles(user_files)
    return cache.load("roles", key, lambda: _build_roles(user_files),
                      lambda base: pickle.dumps(base, protocol=pickle.HIGHEST_PROTOCOL), _unpickle_roles)


def _roles_key(user_files: tuple[str, ...]) -> str | None:
    from .. import __version__
    from . import dictionary
    from . import lexicon as lexicon_module
    from .fingerprint import data_files

    parts: list[str | bytes] = [__version__, sys.version]
    parts += cache.sources(sys.modules[__name__], dictionary, lexicon_module)
    for name, data in data_files(_data_dir()):
        parts += [name, data]
    for path in user_files:
        try:
            parts += [path, Path(path).read_bytes()]
        except OSError:
            return None
    return cache.digest(*parts)


def _unpickle_roles(payload: bytes) -> RoleBase:
    try:
        base = pickle.loads(payload)
    except (pickle.UnpicklingError, AttributeError, ImportError, EOFError, TypeError) as e:
        raise ValueError(f"not a role base: {e}") from e
    if not isinstance(base, RoleBase):
        raise ValueError("not a role base")
    return base


def _build_roles(user_files: tuple[str, ...]) -> RoleBase:
    base = RoleBase(given_names=_given_names())
    for path in user_files:
        try:
            text = Path(path).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as e:
            raise InputError(f"{path}: cannot read dictionary ({e})") from e
        for where, raw in jsonl_rows(text, path):
            if raw.get("label") == "Role":
                base.add(raw, where)
    for where, raw in _builtin_rows():
        base.add(raw, where)
    return base


def article_day(published: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(published) if published else None
    except ValueError:
        return None
