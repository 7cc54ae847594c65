"""The graph model shared by every stage: extraction, stores, export and maps.

It implements the model of :mod:`graphkit.schema` (documented for users in
``docs/model.md`` and printed by ``graphkit schema``). A :class:`GraphDoc` is a
set of :class:`Node` objects keyed by id and a set of :class:`Relationship`
objects keyed by ``(type, start, end, article)``. Adding the same thing twice
merges it, which is what makes loads idempotent in both stores.

Graph JSON (``to_json``/``from_json``) is the one file format: the extractor's
output, the export, and the embedded store's file. Keys and lists are sorted so
that the same graph always gives the same bytes.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

# The model's names live in graphkit.schema; they are re-exported here for older imports.
from .schema import (
    ACTOR_LABELS,
    FORMAT_VERSION,
    INTERACTIONS,
    LABELS,
    LIST_PROPERTIES,
    PLUMBING,
    REL_TYPES,
    STRUCTURAL,
    SYMMETRIC,
)
from .text import slugify

__all__ = [
    "ACTOR_LABELS", "FORMAT_VERSION", "INTERACTIONS", "LABELS", "LIST_PROPERTIES", "PLUMBING", "REL_TYPES",
    "STRUCTURAL", "SYMMETRIC", "GraphDoc", "Node", "Relationship", "property_problem", "slugify",
]


def merge_properties(old: dict[str, Any], new: dict[str, Any], rel_type: str | None = None) -> dict[str, Any]:
    """The one merge rule: the properties of a node (``rel_type`` None) or relationship seen again.

    Every store applies it (GraphDoc here, the embedded store on its rows, and
    Neo4j's load Cypher is tested against it). Properties the first sighting
    lacked are added; a scalar already set is kept, because the first value
    (usually the canonical one) must not flip between loads; list properties
    of nodes (``LIST_PROPERTIES``) are unioned and sorted; ``MENTIONED_IN``
    keeps the larger ``count``, so loading the same article twice changes
    nothing. Returns a new dict; neither argument is changed.
    """
    merged = dict(old)
    if rel_type == "MENTIONED_IN":
        merged["count"] = max(int(old.get("count", 0)), int(new.get("count", 0)))
        return merged
    for key, value in new.items():
        if rel_type is None and key in LIST_PROPERTIES:
            merged[key] = sorted(set(old.get(key) or []) | set(value or []))
        elif merged.get(key) in (None, "") and value not in (None, ""):
            merged[key] = value
    return merged


@dataclass
class Node:
    """One node: an id unique across the graph, one label of the schema and its properties."""

    id: str
    label: str
    properties: dict[str, Any] = field(default_factory=dict)

    @property
    def name(self) -> str:
        return str(self.properties.get("name", self.properties.get("title", self.id)))

    def merge(self, other: Node) -> None:
        """Merge ``other`` (same id) into this node (``merge_properties``)."""
        self.properties = merge_properties(self.properties, other.properties)


@dataclass
class Relationship:
    """One directed relationship of a schema type between two node ids."""

    type: str
    start: str
    end: str
    properties: dict[str, Any] = field(default_factory=dict)

    @property
    def key(self) -> tuple[str, str, str, str]:
        """Identity of a relationship: one per type, ends and source article."""
        return (self.type, self.start, self.end, str(self.properties.get("article", "")))

    def merge(self, other: Relationship) -> None:
        """Merge a duplicate (same key) into this one (``merge_properties``)."""
        self.properties = merge_properties(self.properties, other.properties, self.type)


class GraphDoc:
    """A graph of nodes and relationships: one article's extraction, or a whole store's export."""

    def __init__(self, nodes: Iterable[Node] = (), relationships: Iterable[Relationship] = ()) -> None:
        self.nodes: dict[str, Node] = {}
        self.relationships: dict[tuple[str, str, str, str], Relationship] = {}
        for node in nodes:
            self.add_node(node)
        for rel in relationships:
            self.add_relationship(rel)

    def add_node(self, node: Node) -> Node:
        """Add ``node`` or merge it into the node with its id; return the stored node."""
        have = self.nodes.get(node.id)
        if have is None:
            node.properties = _normalise_props(node.properties)
            self.nodes[node.id] = node
            return node
        have.merge(node)
        return have

    def add_relationship(self, rel: Relationship) -> Relationship:
        """Add ``rel`` or merge it into the one with its key; return the stored one."""
        if rel.type not in REL_TYPES:
            raise ValueError(f"unknown relationship type {rel.type!r}")
        if rel.type in SYMMETRIC:
            flipped = Relationship(rel.type, rel.end, rel.start, rel.properties)
            if flipped.key in self.relationships:
                rel = flipped
        have = self.relationships.get(rel.key)
        if have is None:
            self.relationships[rel.key] = rel
            return rel
        have.merge(rel)
        return have

    def update(self, other: GraphDoc) -> None:
        """Merge another GraphDoc into this one."""
        for node in other.nodes.values():
            self.add_node(Node(node.id, node.label, dict(node.properties)))
        for rel in other.relationships.values():
            self.add_relationship(Relationship(rel.type, rel.start, rel.end, dict(rel.properties)))

    def find(self, name: str) -> list[str]:
        """Ids of the nodes ``name`` designates: an exact id, else every node with that name
        (an Article's title counts), else every node with that alias, compared as
        :func:`graphkit.text.fold` keys (see :mod:`graphkit.resolve`)."""
        from .resolve import NameIndex

        return NameIndex.from_doc(self).find(name)

    def by_label(self, label: str) -> Iterator[Node]:
        return (n for n in self.nodes.values() if n.label == label)

    def articles(self) -> list[Node]:
        return sorted(self.by_label("Article"), key=lambda n: n.id)

    def stats(self) -> dict[str, dict[str, int]]:
        """Counts per label and per relationship type (the shape ``graphkit stats`` prints)."""
        nodes: dict[str, int] = {}
        rels: dict[str, int] = {}
        for n in self.nodes.values():
            nodes[n.label] = nodes.get(n.label, 0) + 1
        for r in self.relationships.values():
            rels[r.type] = rels.get(r.type, 0) + 1
        return {"nodes": dict(sorted(nodes.items())), "relationships": dict(sorted(rels.items()))}

    # -- Graph JSON ---------------------------------------------------------

    def to_dict(self) -> dict[str, Any]:
        """The Graph JSON object (docs/model.md), with nodes and relationships in sorted order."""
        nodes = [
            {"id": n.id, "labels": [n.label], "properties": _normalise_props(n.properties)}
            for n in sorted(self.nodes.values(), key=lambda n: n.id)
        ]
        rels = [
            {"type": r.type, "start": r.start, "end": r.end, "properties": _normalise_props(r.properties)}
            for r in self.relationships.values()
        ]
        _sort_relationships(rels)
        return {"format_version": FORMAT_VERSION, "nodes": nodes, "relationships": rels}

    def to_json(self) -> str:
        """Serialise to Graph JSON text: sorted keys and lists, so equal graphs give equal bytes."""
        return json.dumps(self.to_dict(), sort_keys=True, indent=1, ensure_ascii=False) + "\n"

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> GraphDoc:
        """Build a GraphDoc from a Graph JSON object; raises ValueError when it is not one."""
        if not isinstance(data, dict) or not isinstance(data.get("nodes"), list) \
                or not isinstance(data.get("relationships"), list):
            raise ValueError("not Graph JSON: expected an object with lists 'nodes' and 'relationships'")
        version = data.get("format_version", FORMAT_VERSION)
        if version != FORMAT_VERSION:
            raise ValueError(f"Graph JSON format_version {version} is not supported (expected {FORMAT_VERSION})")
        doc = cls()
        for raw in data["nodes"]:
            labels = raw.get("labels") or []
            if not isinstance(raw.get("id"), str) or not labels:
                raise ValueError(f"node without id or labels: {str(raw)[:80]}")
            doc.add_node(Node(raw["id"], labels[0], _checked_props(raw, f"node {raw['id']!r}", node=True)))
        for raw in data["relationships"]:
            if not isinstance(raw, dict) or not isinstance(raw.get("type"), str):
                raise ValueError(f"relationship without a type: {str(raw)[:80]}")
            if raw.get("start") not in doc.nodes or raw.get("end") not in doc.nodes:
                raise ValueError(f"relationship {raw.get('type')} points at a missing node")
            doc.add_relationship(Relationship(raw["type"], raw["start"], raw["end"], _checked_props(
                raw, f"relationship {raw['type']} {raw['start']}->{raw['end']}", node=False)))
        return doc

    @classmethod
    def from_json(cls, text: str) -> GraphDoc:
        return cls.from_dict(json.loads(text))


_SCALARS = (str, int, float, bool)


def _checked_props(raw: dict[str, Any], where: str, *, node: bool) -> dict[str, Any]:
    """The ``properties`` of a Graph JSON item, refused unless both stores can hold them.

    Values are scalars or lists of scalars (what Neo4j stores); ``id`` is the
    node's key, not a property; ``__``-names are the embedded store's own.
    """
    props = raw.get("properties") or {}
    if not isinstance(props, dict):
        raise ValueError(f"{where}: properties must be an object")
    for key, value in props.items():
        problem = property_problem(key, value, node=node)
        if problem:
            raise ValueError(f"{where}: {problem}")
    return dict(props)


def property_problem(key: str, value: Any, *, node: bool) -> str | None:
    """Why a property cannot be stored, or ``None``: the one rule for every reader of Graph JSON."""
    if key.startswith("__") or (node and key == "id"):
        return f"property name {key!r} is reserved"
    if value is None or isinstance(value, _SCALARS):
        return None
    if isinstance(value, list) and all(v is None or isinstance(v, _SCALARS) for v in value):
        return None
    return f"property {key!r} must be text, a number, true/false or a list of those"


def _sort_relationships(rels: list[dict[str, Any]]) -> None:
    """Sort Graph JSON relationships by type, start, end, then their properties as sorted JSON.

    Only relationships with the same type and ends (one fact from several
    articles) need their properties compared, so only those are serialised.
    Both sorts are stable, so the order is exactly that of sorting by the four keys.
    """
    rels.sort(key=lambda r: (r["type"], r["start"], r["end"]))
    i, n = 0, len(rels)
    while i < n:
        first, j = rels[i], i + 1
        while j < n and rels[j]["end"] == first["end"] and rels[j]["start"] == first["start"] \
                and rels[j]["type"] == first["type"]:
            j += 1
        if j - i > 1:
            rels[i:j] = sorted(rels[i:j], key=lambda r: json.dumps(r["properties"], sort_keys=True))
        i = j


def _normalise_props(props: dict[str, Any]) -> dict[str, Any]:
    """Drop empty values and sort list properties so output is canonical."""
    out: dict[str, Any] = {}
    for key, value in props.items():
        if value is None:
            continue
        if isinstance(value, (list, tuple, set, frozenset)):
            value = sorted(set(value), key=str)
        out[key] = value
    return out
