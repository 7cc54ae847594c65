"""How a GraphDoc goes to Neo4j: parameter rows, cut into chunks of one transaction each.

Pure Python (no driver, no server), so the plan can be tested on its own.

The loader may CREATE a relationship instead of MERGE-ing it only when no
other transaction can hold that relationship already. That is true when one
of its ends was created by the very transaction that creates the
relationship: until that transaction commits nobody else can see the node,
let alone connect to it. So every relationship travels with one of its ends,
its *anchor*, and a chunk holds some nodes and the relationships anchored on
them:

* Nodes are ordered by label, the long-lived actors first and the per-article
  nodes (Article, Statement) last, and every relationship is anchored on its
  end that comes later in that order. Its other end is then in the same chunk
  or an earlier one, which must have committed first: when two writers run
  neighbouring chunks at once, the few relationships between them wait and are
  MERGEd at the end (``Chunk.split``, ``Schedule``).
* Because articles and statements come last, most relationships (mentions,
  statements, and whatever an article adds) are anchored on nodes that a load
  of new articles creates, even when their other end (a state, a person) has
  been in the database for long.
* Rows that Neo4j's MERGE would fold into one relationship (the same type,
  ends and article; either direction for MET and ALLIED_WITH) are folded here
  the same way, so CREATE makes what MERGE would have made.
"""

from __future__ import annotations

import contextlib
import gc
import re
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from ..errors import StoreError
from ..model import GraphDoc, Relationship
from ..schema import LABELS, LIST_PROPERTIES, REL_TYPES, SYMMETRIC

#: The order of chunks: the later a label, the more relationships are anchored on its nodes.
LABEL_ORDER = ("State", "Alliance", "Organization", "Place", "Person", "Event", "Article", "Statement")
assert set(LABEL_ORDER) == set(LABELS)

_KEY = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")

Row = dict[str, Any]


@dataclass
class Chunk:
    """One transaction's worth of a load: some nodes and the relationships anchored on them."""

    index: int
    #: label -> node rows ``{"id", "p"}``
    nodes: dict[str, list[Row]] = field(default_factory=dict)
    #: type -> relationship rows ``{"start", "end", "article", "p"}``
    rels: dict[str, list[Row]] = field(default_factory=dict)
    #: type -> the anchor id of each row of ``rels[type]``, in the same order
    anchors: dict[str, list[str]] = field(default_factory=dict)
    #: type -> the chunk holding the other end of each row of ``rels[type]`` (this one or earlier)
    others: dict[str, list[int]] = field(default_factory=dict)
    rows: int = 0
    #: fills the four maps above for a chunk of ``chunks(..., lazy=True)``
    fill: Callable[[Chunk], None] | None = field(default=None, repr=False, compare=False)

    def built(self) -> Chunk:
        """This chunk with its rows made (they are made once, by whoever needs them first)."""
        if self.fill is not None:
            fill, self.fill = self.fill, None
            fill(self)
        return self

    @property
    def node_ids(self) -> list[str]:
        return [row["id"] for rows in self.nodes.values() for row in rows]

    def split(self, committed: set[int] | frozenset[int]) -> tuple[Chunk, dict[str, list[Row]]]:
        """This chunk without the relationships whose other end is in a chunk not yet committed,
        and those relationships by type (they wait, and are MERGEd once it has)."""
        if all(o == self.index or o in committed for others in self.others.values() for o in others):
            return self, {}
        part = Chunk(self.index, self.nodes)
        later: dict[str, list[Row]] = {}
        for rel_type, rows in self.rels.items():
            anchors, others = self.anchors[rel_type], self.others[rel_type]
            for row, anchor, other in zip(rows, anchors, others, strict=True):
                if other == self.index or other in committed:
                    part.rels.setdefault(rel_type, []).append(row)
                    part.anchors.setdefault(rel_type, []).append(anchor)
                    part.others.setdefault(rel_type, []).append(other)
                else:
                    later.setdefault(rel_type, []).append(row)
        return part, later


class _Keys:
    """Property names checked once each (a load has millions of rows but a handful of names)."""

    def __init__(self) -> None:
        self.good: set[str] = set()

    def check_names(self, props: dict[str, Any]) -> None:
        if not self.good.issuperset(props):
            for key in props:
                if not _KEY.match(key):
                    raise StoreError(f"property name {key!r} cannot be stored in Neo4j (letters, digits and _ only)")
                self.good.add(key)

    @staticmethod
    def values(props: dict[str, Any]) -> dict[str, Any]:
        """A copy of ``props`` without None values (Neo4j stores no nulls)."""
        if None in props.values():
            return {k: v for k, v in props.items() if v is not None}
        return dict(props)


def _node_row(node_id: str, props: dict[str, Any]) -> Row:
    props.pop("id", None)
    for key in LIST_PROPERTIES:  # MERGE's list union drops repeats: so does a CREATE row
        value = props.get(key)
        if isinstance(value, list) and len(value) > 1:
            with contextlib.suppress(TypeError):  # unhashable items: stored as given
                props[key] = list(dict.fromkeys(value))
    return {"id": node_id, "p": props}


def fold_node_row(first: Row, later: Row) -> None:
    """Fold a later row of the same node into an earlier one, as MERGE-ing the two in turn would:
    values already there win, new keys are added, list properties are unioned in order.

    Rows of one statement must name each node once: Cypher runs each clause for all rows
    before the next, so two rows of one node would both see it as it was before either."""
    merged = _first_values(first["p"], later["p"])
    for key in LIST_PROPERTIES:
        old, new = first["p"].get(key), later["p"].get(key)
        if isinstance(old, list) and isinstance(new, list):
            merged[key] = old + [x for x in new if x not in old]
    first["p"] = merged


def rel_row_key(rel_type: str, row: Row) -> tuple[str, ...]:
    """What the relationship MERGE of ``rel_type`` matches a row on (see ``_identity``)."""
    start, end = row["start"], row["end"]
    if rel_type in SYMMETRIC and end < start:
        start, end = end, start
    return (start, end, "" if rel_type == "MENTIONED_IN" else str(row["article"]))


def fold_rel_row(first: Row, later: Row, rel_type: str) -> None:
    """Fold a later row of the same relationship into an earlier one, as the MERGE queries would."""
    if rel_type == "MENTIONED_IN":
        counts = [c for c in (first["p"].get("count"), later["p"].get("count")) if c is not None]
        if counts:
            first["p"]["count"] = max(counts)
        return
    first["p"] = _first_values(first["p"], later["p"])


def _first_values(first: dict[str, Any], later: dict[str, Any]) -> dict[str, Any]:
    """Values already there win, new keys are added, and an empty text counts as unset
    (``GraphDoc``'s merge, which the MERGE queries follow)."""
    merged = {**later, **first}
    for key, value in first.items():
        if value == "" and later.get(key) not in (None, ""):
            merged[key] = later[key]
    return merged


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the garbage collector while a load makes its rows.

    The rows are millions of new dicts and lists, none of them garbage, and the
    collector would walk them all again and again (docs/performance.md has the cost).
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def chunks(doc: GraphDoc, size: int, renames: dict[str, str] | None = None, *, lazy: bool = False) -> list[Chunk]:
    """Cut ``doc`` into chunks of about ``size`` rows (nodes plus relationships), in commit order.

    ``renames`` maps node ids to the ids they are stored under (an id the database
    holds under another label, see ``Neo4jStore.upsert``); relationship ends follow.
    Everything that could fail is checked here, before anything is written. With
    ``lazy`` the rows of a chunk are made by ``Chunk.built()``: a writer makes the
    next chunk's rows while the server writes the one before.
    """
    with gc_paused():
        return _chunks(doc, size, renames or {}, lazy)


def _chunks(doc: GraphDoc, size: int, renames: dict[str, str], lazy: bool) -> list[Chunk]:
    keys = _Keys()
    order = {label: i for i, label in enumerate(LABEL_ORDER)}
    nodes = []
    for node in doc.nodes.values():
        if node.label not in order:
            raise StoreError(f"label {node.label!r} is not in the graph model")
        keys.check_names(node.properties)
        nodes.append(node)
    nodes.sort(key=lambda n: order[n.label])  # stable: the doc's order within a label
    position = {node.id: i for i, node in enumerate(nodes)}
    stored_id = [renames.get(node.id, node.id) for node in nodes] if renames else [node.id for node in nodes]

    # Relationships as MERGE would fold them: the first of each identity, with its anchor's
    # position and its other end's, and any later ones to fold into it.
    firsts: list[Relationship] = []
    anchor_at: list[int] = []
    other_at: list[int] = []
    folded: dict[int, list[Relationship]] = {}
    seen: dict[tuple[str, ...], int] = {}
    weight = [1] * len(nodes)  # rows each node brings: itself and the relationships anchored on it
    good_types, check_names = REL_TYPES, keys.check_names
    for rel in doc.relationships.values():
        start, end = position.get(rel.start), position.get(rel.end)
        if start is None or end is None:
            raise StoreError(f"relationship {rel.type} {rel.start}->{rel.end} has an end not in the graph")
        if rel.type not in good_types:
            raise StoreError(f"relationship type {rel.type!r} is not in the graph model")
        check_names(rel.properties)
        identity = _identity(rel)
        g = seen.setdefault(identity, len(firsts))
        if g != len(firsts):
            folded.setdefault(g, []).append(rel)
            continue
        firsts.append(rel)
        anchor, other = (start, end) if start > end else (end, start)
        weight[anchor] += 1
        anchor_at.append(anchor)
        other_at.append(other)

    chunk_at = [0] * len(nodes)
    index = filled = 0
    for i, w in enumerate(weight):
        if filled >= size:
            index, filled = index + 1, 0
        chunk_at[i] = index
        filled += w
    count = index + 1 if nodes else 0
    node_span = [[len(nodes), 0] for _ in range(count)]  # first and last position + 1 of each chunk
    rows = [0] * count
    for i, k in enumerate(chunk_at):
        node_span[k][0] = min(node_span[k][0], i)
        node_span[k][1] = i + 1
        rows[k] += weight[i]
    members: list[list[int]] = [[] for _ in range(count)]  # the relationships anchored in each chunk
    for g, anchor in enumerate(anchor_at):
        members[chunk_at[anchor]].append(g)

    def fill(chunk: Chunk) -> None:
        lo, hi = node_span[chunk.index]
        for i in range(lo, hi):
            node = nodes[i]
            chunk.nodes.setdefault(node.label, []).append(_node_row(stored_id[i], keys.values(node.properties)))
        for g in members[chunk.index]:
            rel, anchor, other = firsts[g], anchor_at[g], other_at[g]
            row = _rel_row(rel, stored_id[position[rel.start]], stored_id[position[rel.end]], keys)
            for later in folded.get(g, ()):
                fold_rel_row(row, _rel_row(later, "", "", keys), rel.type)
            chunk.rels.setdefault(rel.type, []).append(row)
            chunk.anchors.setdefault(rel.type, []).append(stored_id[anchor])
            chunk.others.setdefault(rel.type, []).append(chunk_at[other])

    out = [Chunk(k, rows=rows[k], fill=fill) for k in range(count)]
    if not lazy:
        for chunk in out:
            chunk.built()
    return out


def _rel_row(rel: Relationship, start: str, end: str, keys: _Keys) -> Row:
    props = keys.values(rel.properties)
    return {"start": start, "end": end, "article": props.get("article", ""), "p": props}


def _identity(rel: Relationship) -> tuple[str, ...]:
    """What the relationship MERGE query matches on: type, ends and article (MENTIONED_IN: no article)."""
    ends = (rel.start, rel.end)
    if rel.type in SYMMETRIC and rel.end < rel.start:
        ends = (rel.end, rel.start)
    article = "" if rel.type == "MENTIONED_IN" else rel.properties.get("article")
    return (rel.type, *ends, "" if article is None else str(article))


class Schedule:
    """Hands chunks to writer threads in order, each with the set of chunks committed by then.

    Chunks never wait for each other: the few relationships whose other end is in a
    chunk still in flight are held back (``Chunk.split``) and MERGEd at the end.
    """

    def __init__(self, plan: list[Chunk]) -> None:
        self._pending = iter(plan)
        self._committed: set[int] = set()
        self._stopped = False
        self._lock = threading.Lock()

    def take(self) -> tuple[Chunk, frozenset[int]] | None:
        """The next chunk and the chunks committed so far; None when all are taken or after ``stop``."""
        with self._lock:
            chunk = None if self._stopped else next(self._pending, None)
            committed = frozenset(self._committed)
        return None if chunk is None else (chunk.built(), committed)

    def done(self, chunk: Chunk) -> None:
        with self._lock:
            self._committed.add(chunk.index)

    def stop(self) -> None:
        """No more chunks for anyone (a writer failed, or the user pressed Ctrl-C)."""
        with self._lock:
            self._stopped = True
