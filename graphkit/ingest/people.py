"""Which person mentions are one person, and what that person is called.

News names a person in full once (``U.S. President Donald J. Trump``) and then by
surname (``Trump said``). Within an article:

* full names cluster when they fold alike (case, accents, hyphens, middle initials
  and ``Jr.`` aside), when the role base knows them as one person, or when only a
  transliteration differs (``Sergei``/``Sergey Lavrov``);
* a bare surname is the person of that surname the article has named; when several
  share it (Barack and Michelle Obama), the principal one, as wire style writes it:
  an honorific decides first (``Mrs. Obama``), then the one who holds an office in
  the article or the role base, then the one named more often, then the latest;
* a surname the article never spells out (``Prime Minister Modi``) is the one
  person the dated role base has in that office with that name, if there is one.

The canonical name is the role base's when the person is known there, else the
full form seen (unhyphenated first, then most frequent, then first).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from ..model import slugify
from .lexicon import Title, lexicon, wordlist
from .mentions import Mention, fold, surface
from .roles import RoleBase, RolePerson, fold_name, token_is_surname


@dataclass
class Person:
    """One person of the article: the forms seen, the role base's entry, what the text says."""

    key: str
    order: int
    forms: list[str] = field(default_factory=list)
    full_positions: list[int] = field(default_factory=list)
    role: RolePerson | None = None
    titled: bool = False
    gender: str | None = None
    mentions: int = 0

    @property
    def name(self) -> str:
        if self.role is not None:
            return self.role.name
        full = [f for f in self.forms if len(f.split()) >= 2] or self.forms
        counts: dict[str, int] = {}
        for f in full:
            counts[f] = counts.get(f, 0) + 1
        return max(counts, key=lambda f: ("-" not in f, counts[f], -full.index(f)))

    @property
    def id(self) -> str:
        return slugify(self.name)

    def words(self) -> list[str]:
        return self.key.split()


def _edit_distance_le(a: str, b: str, limit: int) -> bool:
    """True when ``a`` and ``b`` differ by at most ``limit`` edits (small strings)."""
    if abs(len(a) - len(b)) > limit:
        return False
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1] <= limit


def _same_person(a: str, b: str) -> bool:
    """``Sergei Lavrov`` / ``Sergey Lavrov``: same surname, middle, and a near-identical given name."""
    ta, tb = a.split(), b.split()
    return (len(ta) == len(tb) >= 2 and ta[-1] == tb[-1] and ta[0][0] == tb[0][0]
            and _edit_distance_le(ta[0], tb[0], 2) and ta[1:-1] == tb[1:-1])


def _honorific(doc: Doc, m: Mention) -> str | None:
    """The gender an honorific right before the mention gives (``Mrs. Obama``)."""
    i = m.start - 1
    if i >= 0 and doc[i].text == ".":
        i -= 1
    if i < 0:
        return None
    low = doc[i].lower_.rstrip(".")
    if low in wordlist("female_honorific"):
        return "f"
    if low in wordlist("male_honorific"):
        return "m"
    return None


def title_before(doc: Doc, start: int) -> tuple[Title, list[Token]] | None:
    """A title written right before a name (``Prime Minister Modi``, ``Foreign Secretary``)."""
    lex = lexicon()
    words: list[str] = []
    toks: list[Token] = []
    i = start - 1
    while i >= 0 and start - i <= 5 and not doc[i].is_space:
        low = doc[i].lower_
        if low in lex.title_words:
            words.insert(0, low)
            toks.insert(0, doc[i])
        elif words or low not in ("the", "former", "acting", "then", "new", "interim"):
            break
        i -= 1
    found = lex.match_title(words) if words else None
    return (found[1], toks) if found else None


def _gender_from_title(title: Title | None, words: list[str]) -> str | None:
    low = " ".join(words)
    if any(w in wordlist("female_title") for w in words) or low in wordlist("female_title"):
        return "f"
    if any(w in wordlist("male_title") for w in words):
        return "m"
    return None


def cluster_people(doc: Doc, mentions: list[Mention], roles: RoleBase, day: dt.date | None) -> list[Person]:
    """Group the person mentions; sets ``mention.entity`` to ``Person:<id>`` on each one."""
    people: list[Person] = []
    by_mention: dict[int, Person] = {}

    def new_person(key: str) -> Person:
        p = Person(key, len(people))
        people.append(p)
        return p

    persons = sorted((m for m in mentions if m.label == "Person"), key=lambda m: m.start)
    full_keys = {fold_name(surface(m.text)) for m in persons if len(fold_name(surface(m.text)).split()) >= 2}
    # Full names first, in text order, so that surnames can attach to them.
    for m in persons:
        words = surface(m.text).split()
        if len(fold_name(" ".join(words)).split()) < 2:
            continue
        key = fold_name(" ".join(words))
        # A headline's verb glued to a name ("Kim Jong-Un Breaks"): keep the known prefix.
        for cut in range(len(words) - 1, 0, -1):
            prefix = fold_name(" ".join(words[:cut]))
            if len(prefix.split()) >= 2 and prefix in full_keys:
                key, m.text = prefix, " ".join(words[:cut])
                m.end -= len(words) - cut
                break
        role = roles.person(surface(m.text))
        p = next((q for q in people if q.key == key or (role is not None and q.role is role)
                  or _same_person(q.key, key)), None)
        if p is None:
            p = new_person(key)
            p.role = role
        p.forms.append(surface(m.text))
        p.full_positions.append(m.start)
        by_mention[m.start] = p
    # Then single names, in text order.
    for m in persons:
        if m.start in by_mention:
            continue
        tok = fold_name(surface(m.text))
        if not tok:
            continue
        p = choose(people, tok, m.start, _honorific(doc, m), roles, day)
        if p is None:
            found = title_before(doc, m.start)
            role = roles.named(surface(m.text), day, found[0] if found else None)
            if role is not None:
                p = next((q for q in people if q.role is role), None) or new_person(fold_name(role.name))
                p.role = role
            else:
                p = next((q for q in people if q.key == tok), None) or new_person(tok)
        p.forms.append(surface(m.text))
        by_mention[m.start] = p
    for m in persons:
        p = by_mention.get(m.start)
        if p is None:
            continue
        p.mentions += 1
        found = title_before(doc, m.start)
        if found is not None:
            p.titled = True
            p.gender = p.gender or _gender_from_title(found[0], [t.lower_ for t in found[1]])
        p.gender = p.gender or _honorific(doc, m)
    for p in people:
        p.gender = p.gender or roles.gender(p.name)
        if p.role is None:
            p.role = roles.person(p.name)
    for m in persons:
        p = by_mention.get(m.start)
        if p is not None:
            m.entity = f"Person:{p.id}"
    return people


def choose(people: list[Person], tok: str, position: int, gender: str | None, roles: RoleBase,
           day: dt.date | None) -> Person | None:
    """The person a single name at ``position`` stands for, among those the article names."""
    cands = [p for p in people if tok in p.words() and (gender is None or p.gender in (None, gender))]
    if not cands:
        return None
    before = [p for p in cands if p.full_positions and p.full_positions[0] < position] or cands
    surname = [p for p in before if p.words()[-1] == tok or (p.role is not None and token_is_surname(p.role, tok))]
    pool = surname or before
    if len(pool) == 1:
        return pool[0]

    def rank(p: Person) -> tuple[int, int, int]:
        office = p.titled or (p.role is not None and any(t.active(day) for t in p.role.terms))
        latest = max((q for q in p.full_positions if q < position), default=-1)
        return (int(office), len([q for q in p.full_positions if q < position]), latest)

    return max(pool, key=rank)


def surname_index(people: list[Person]) -> dict[str, Person]:
    """Surnames (and family names written first) of the article's people, for names NER missed."""
    out: dict[str, Person] = {}
    for p in people:
        words = p.name.replace("-", " ").split()
        if len(words) >= 2:
            out.setdefault(fold(words[-1]), p)
        if len(words) >= 3:
            out.setdefault(fold(words[0]), p)
    return out
