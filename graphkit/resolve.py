"""One resolver: what a user types, to the node, label, type or query it means.

Names resolve the same way everywhere (``neighbors``, ``path``, ``render
--focus``, the parameters of library queries): an exact id, else every node
whose name folds (:func:`graphkit.text.fold`) to the same key, else every node
with such an alias. Labels and relationship types are matched without regard to
case. Whatever does not resolve is a :class:`~graphkit.errors.UsageError` that
suggests the nearest candidates ("did you mean ...").
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .errors import UsageError
from .schema import ENTITY_LABELS, LABELS, REL_TYPES
from .text import fold

if TYPE_CHECKING:
    from .model import GraphDoc
    from .store.base import Store


def suggest(word: str, choices: Iterable[str], *, limit: int = 3, cutoff: float = 75) -> list[str]:
    """The choices nearest to ``word`` (fuzzy, on folded text), best first."""
    from rapidfuzz import fuzz, process

    unique = list(dict.fromkeys(choices))
    hits = process.extract(fold(word), [fold(c) for c in unique], scorer=fuzz.WRatio, limit=limit,
                           score_cutoff=cutoff)
    return [unique[index] for _, _, index in hits]


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """``; did you mean 'X'?`` (or ``'X' or 'Y'``), or nothing when no choice is near."""
    near = suggest(word, choices, limit=2)
    return f"; did you mean {' or '.join(repr(n) for n in near)}?" if near else ""


def _word_key(text: str) -> str:
    return text.strip().upper().replace("-", "_").replace(" ", "_")


def resolve_label(text: str) -> str:
    """A node label in any case (``person`` -> ``Person``); UsageError for one the model lacks."""
    by_key = {_word_key(label): label for label in LABELS}
    found = by_key.get(_word_key(text))
    if found is None:
        raise UsageError(f"unknown label {text!r}{did_you_mean(text, LABELS)} (labels: {', '.join(LABELS)})")
    return found


def resolve_type(text: str) -> str:
    """A relationship type in any case, with - or space for _ (``called on`` -> ``CALLED_ON``)."""
    if _word_key(text) in REL_TYPES:
        return _word_key(text)
    raise UsageError(f"unknown relationship type {text!r}{did_you_mean(text, REL_TYPES)}")


@dataclass(frozen=True)
class Entry:
    """What the resolver knows of one node."""

    id: str
    label: str
    name: str
    aliases: tuple[str, ...] = ()


@dataclass
class NameIndex:
    """Nodes by id, by folded name and by folded alias."""

    entries: dict[str, Entry] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self._names: dict[str, list[str]] = {}
        self._aliases: dict[str, list[str]] = {}
        for entry in self.entries.values():
            self._names.setdefault(fold(entry.name), []).append(entry.id)
            for alias in entry.aliases:
                self._aliases.setdefault(fold(alias), []).append(entry.id)

    @classmethod
    def of(cls, entries: Iterable[Entry]) -> NameIndex:
        return cls({e.id: e for e in entries})

    @classmethod
    def from_doc(cls, doc: GraphDoc) -> NameIndex:
        return cls.of(Entry(n.id, n.label, n.name, tuple(str(a) for a in n.properties.get("aliases") or ()))
                      for n in doc.nodes.values())

    @classmethod
    def from_store(cls, store: Store) -> NameIndex:
        """The names of a store's nodes, read with one query per label (the same text on both backends)."""
        entries = []
        for label in LABELS:  # the schema's names, never user text
            rows = store.query(f"MATCH (n:{label}) RETURN n.id AS id, n.name AS name, n.aliases AS aliases").rows
            entries += [Entry(r["id"], label, str(r["name"] if r["name"] is not None else r["id"]),
                              tuple(str(a) for a in r["aliases"] or ())) for r in rows if r["id"] is not None]
        return cls.of(entries)

    def find(self, name: str) -> list[str]:
        """Ids of the nodes ``name`` designates: an exact id, else by name, else by alias (sorted)."""
        if name in self.entries:
            return [name]
        key = fold(name)
        return sorted(self._names.get(key) or self._aliases.get(key) or [])

    def resolve(self, name: str, *, what: str = "node") -> Entry:
        """The one node ``name`` designates; UsageError when none does (with suggestions) or several do."""
        found = self.find(name)
        if not found:
            choices = [e.name for e in self.entries.values() if e.label in ENTITY_LABELS]
            raise UsageError(f"no {what} named {name!r} in the graph{did_you_mean(name, choices)}")
        if len(found) > 1:
            names = sorted(f"{self.entries[i].name} ({self.entries[i].label}, id {i})" for i in found)
            shown = ", ".join(names[:5]) + (f" and {len(names) - 5} more" if len(names) > 5 else "")
            raise UsageError(f"{name!r} names several nodes: {shown}; use the full name or the id")
        return self.entries[found[0]]

    def canonical_name(self, name: str) -> str:
        """The canonical name of what ``name`` designates (several nodes may share it: a place and an
        organization both called Abu Dhabi), for queries that compare ``n.name``."""
        found = self.find(name)
        names = {self.entries[i].name for i in found}
        if len(names) == 1:
            return names.pop()
        return self.resolve(name).name
