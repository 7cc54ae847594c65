"""Graph files in and out of a store: Graph JSON and GraphML, written by ``export``, read by ``import``.

One pure function per direction and format (``generate_graphml`` /
``parse_graphml``; Graph JSON's are ``GraphDoc.to_json`` / ``from_json``) and
thin file wrappers around them, as networkx's readwrite does. What ``export``
writes, ``import`` reads back into either backend as the same graph.

GraphML has no lists, so list properties (aliases, articles, titles, ...) are
written as JSON text and the graph records which keys hold such lists
(``graphkit_lists``); a GraphML file from another tool is read with its values
as they are.
"""

from __future__ import annotations

import contextlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import InputError
from .model import GraphDoc, Node, Relationship
from .schema import LABELS, REL_TYPES

if TYPE_CHECKING:
    from .store.base import Store

FORMATS = ("json", "graphml")
_LISTS_KEY = "graphkit_lists"


def generate_graphml(doc: GraphDoc) -> str:
    """GraphML for Gephi, yEd and ``graphkit import``: node ``label``, edge ``type``, lists as JSON text."""
    import networkx as nx

    graph = nx.MultiDiGraph()
    lists: set[str] = set()

    def plain(props: dict[str, Any]) -> dict[str, Any]:
        out = {}
        for key, value in props.items():
            if isinstance(value, (list, tuple, set)):
                lists.add(key)
                value = json.dumps(sorted(value, key=str) if isinstance(value, set) else list(value),
                                   ensure_ascii=False)
            if value is not None:
                out[key] = value
        return out

    for node in sorted(doc.nodes.values(), key=lambda n: n.id):
        graph.add_node(node.id, label=node.label, **plain(node.properties))
    for i, rel in enumerate(sorted(doc.relationships.values(), key=lambda r: r.key)):
        graph.add_edge(rel.start, rel.end, key=str(i), type=rel.type, **plain(rel.properties))
    graph.graph[_LISTS_KEY] = json.dumps(sorted(lists))
    return "\n".join(nx.generate_graphml(graph)) + "\n"


def parse_graphml(text: str) -> GraphDoc:
    """A GraphDoc from GraphML text as :func:`generate_graphml` writes it; ValueError when it is not one."""
    import networkx as nx

    try:
        graph = nx.parse_graphml(text, force_multigraph=True)
    except Exception as e:  # networkx raises ParseError, NetworkXError and KeyError alike
        raise ValueError(f"not GraphML ({str(e).splitlines()[0] if str(e) else type(e).__name__})") from e
    try:
        lists = set(json.loads(graph.graph.get(_LISTS_KEY, "[]")))
    except ValueError:
        lists = set()

    def props(data: dict[str, Any], skip: str) -> dict[str, Any]:
        out = {}
        for key, value in data.items():
            if key in (skip, "id"):
                continue
            if key in lists and isinstance(value, str):
                with contextlib.suppress(ValueError):
                    value = json.loads(value)
            out[key] = value
        return out

    doc = GraphDoc()
    for nid, data in graph.nodes(data=True):
        label = data.get("label")
        if label not in LABELS:
            raise ValueError(f"node {nid!r} has label {label!r}, not one of the model's ({', '.join(LABELS)})")
        doc.add_node(Node(str(nid), label, props(data, "label")))
    for a, b, data in graph.edges(data=True):
        rel_type = data.get("type")
        if rel_type not in REL_TYPES:
            raise ValueError(f"relationship {a!r}->{b!r} has type {rel_type!r}, not one of the model's")
        doc.add_relationship(Relationship(rel_type, str(a), str(b), props(data, "type")))
    return doc


def format_of(path: str | Path, text: str) -> str:
    """``json`` or ``graphml``, from the file's ending or, failing that, its first characters."""
    suffix = Path(path).suffix.lower()
    if suffix in (".graphml", ".xml"):
        return "graphml"
    if suffix == ".json":
        return "json"
    head = text.lstrip()[:200]
    return "json" if head.startswith("{") else "graphml" if "<graphml" in head or head.startswith("<?xml") else ""


def read_text(path: str | Path, what: str = "graph file") -> str:
    """A UTF-8 file's text, or InputError naming the file: missing, a folder, unreadable."""
    p = Path(path)
    try:
        return p.read_text(encoding="utf-8")
    except FileNotFoundError as e:
        raise InputError(f"{p}: no such file") from e
    except IsADirectoryError as e:
        raise InputError(f"{p}: is a folder, not a {what}") from e
    except (OSError, UnicodeDecodeError) as e:
        raise InputError(f"{p}: cannot read ({getattr(e, 'strerror', None) or e})") from e


def read_graph(path: str | Path) -> GraphDoc:
    """Read a Graph JSON or GraphML file; InputError naming the file and the problem."""
    p = Path(path)
    text = read_text(p)
    fmt = format_of(p, text)
    try:
        if fmt == "json":
            doc = GraphDoc.from_json(text)
            unknown = sorted({n.label for n in doc.nodes.values()} - set(LABELS))
            if unknown:
                raise ValueError(f"label {unknown[0]!r} is not one of the model's ({', '.join(LABELS)})")
            return doc
        if fmt == "graphml":
            return parse_graphml(text)
    except ValueError as e:
        raise InputError(f"{p}: {e}") from e
    raise InputError(f"{p}: neither Graph JSON nor GraphML (graphkit import reads the files graphkit export writes)")


def generate(doc: GraphDoc, fmt: str) -> str:
    """``doc`` as the text of ``fmt`` (``json`` or ``graphml``)."""
    return doc.to_json() if fmt == "json" else generate_graphml(doc)


@dataclass
class ImportReport:
    path: str
    nodes: int
    relationships: int


def import_graph(path: str | Path, store: Store) -> ImportReport:
    """Merge a Graph JSON or GraphML file into ``store``, exactly as ``load`` merges an article's graph.

    The whole file is read and checked before anything is written.
    """
    doc = read_graph(path)
    with store.writing():
        store.upsert(doc)
    return ImportReport(str(path), len(doc.nodes), len(doc.relationships))
