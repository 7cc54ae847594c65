"""The embedded store: a ``networkx.MultiDiGraph`` kept in one Graph JSON file.

Nodes are keyed by id and carry ``__labels__`` (the label set grand-cypher
matches on) plus their properties; each relationship is an edge keyed by
``TYPE|article`` so the same fact from two articles is two edges and the same
fact from the same article is one. Writes take a file lock, re-read the file,
merge and replace it atomically (temporary file, fsync, rename), so a crash
leaves the old or the new graph and concurrent loaders lose nothing. The file
is compact Graph JSON (sorted, no indentation: it is for machines, and
``graphkit export`` writes the indented form for people); indented files of
earlier versions open as well.
"""

from __future__ import annotations

import gc
import json
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import networkx as nx
from filelock import FileLock, Timeout

from ..atomic import atomic_write
from ..errors import OutputError, QueryError, StoreError
from ..model import (
    FORMAT_VERSION,
    LIST_PROPERTIES,
    REL_TYPES,
    SYMMETRIC,
    GraphDoc,
    Node,
    Relationship,
    property_problem,
)
from ..settings import DEFAULT_STORE_PATH
from .base import QueryResult, Store
from .nx_cypher import anchor, pattern_hops, prepare

DEFAULT_PATH = DEFAULT_STORE_PATH  # the one default, held by graphkit.settings
LABELS_ATTR = "__labels__"


def edge_key(rel_type: str, props: dict[str, Any]) -> str:
    """The MultiDiGraph key of a relationship: one edge per type and source article."""
    return f"{rel_type}|{props.get('article', '')}"


class NetworkXStore(Store):
    """Graph in memory, persisted as Graph JSON at ``path``."""

    backend = "networkx"
    #: anchored queries run on the pinned nodes' neighbourhood when it is at most this share of the nodes
    neighbourhood_share = 0.25

    def __init__(self, path: str | Path = DEFAULT_PATH, *, lock_timeout: float = 600,
                 on_wait: Callable[[str], None] | None = None) -> None:
        self.path = Path(path)
        self.lock_timeout = lock_timeout
        #: called once with a message when another process holds the lock (the CLI prints it)
        self.on_wait = on_wait
        self._graph: nx.MultiDiGraph | None = None
        self._mtime: float | None = None
        self._batch = 0

    # -- file -------------------------------------------------------------

    @property
    def graph(self) -> nx.MultiDiGraph:
        """The graph, read from the file on first use (and again if another process changed it)."""
        mtime = self.path.stat().st_mtime if self.path.exists() else None
        if self._graph is None or (self._batch == 0 and mtime != self._mtime):
            self._graph = self._read()
            self._mtime = mtime
        return self._graph

    def _read(self) -> nx.MultiDiGraph:
        if not self.path.exists():
            return nx.MultiDiGraph()
        try:
            text = self.path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as e:
            raise StoreError(f"{self.path}: cannot read the store ({e})") from e
        with _collector_paused():
            try:
                return graph_from_json(json.loads(text))
            except ValueError as e:
                raise StoreError(f"{self.path}: the store file is damaged or not Graph JSON ({e}); "
                                 "restore it or pass another --store") from e

    def _write(self) -> None:
        with _collector_paused():
            data = store_json(self.graph)
        try:
            atomic_write(self.path, data)
        except OutputError as e:
            raise StoreError(f"{self.path}: cannot save the store ({e.__cause__})") from e
        self._mtime = self.path.stat().st_mtime

    @contextmanager
    def writing(self) -> Iterator[None]:
        """Hold the store's lock, read the current file, and save once at the end."""
        if self._batch:
            self._batch += 1
            try:
                yield
            finally:
                self._batch -= 1
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        lock = FileLock(str(self.path) + ".lock", timeout=self.lock_timeout)
        try:
            try:
                lock.acquire(timeout=0.2)
            except Timeout:
                if self.on_wait is not None:
                    self.on_wait(f"{self.path}: another graphkit process is writing this store; waiting for it")
                lock.acquire()
        except Timeout as e:
            raise StoreError(f"{self.path}: another graphkit process holds the store lock "
                             f"({self.path}.lock) for more than {self.lock_timeout:.0f} s") from e
        try:
            self._graph = None  # re-read under the lock: another writer may have saved
            _ = self.graph
            self._batch = 1
            self._dirty = False
            try:
                yield
            except BaseException:
                self._graph = None  # drop half-merged state; the file is untouched
                raise
            if self._dirty:
                self._write()
        finally:
            self._batch = 0
            lock.release()

    # -- Store ------------------------------------------------------------

    def upsert(self, doc: GraphDoc) -> None:
        with self.writing(), _collector_paused():
            merge_into(self.graph, doc)
            self._dirty = True

    def query(self, cypher: str, params: dict[str, Any] | None = None) -> QueryResult:
        from grandcypher import GrandCypher

        prepared = prepare(cypher, params)
        columns = prepared.columns
        graph: nx.MultiDiGraph | None = None
        hints = None
        pinned = anchor(prepared.text)
        if pinned is not None:
            var, key, value = pinned
            ids = self._lookup(key, value)
            if not ids and not re.search(r"\b(COUNT|SUM|AVG|MIN|MAX|COLLECT)\(", prepared.text):
                return QueryResult(columns, [])
            # One variable only: grand-cypher 1.2 drops rows when hints pin both ends.
            hints = [{var: nid} for nid in ids] or None
            if ids:
                graph = self._neighbourhood(ids, pattern_hops(prepared.text, var), prepared.undirected)
        if graph is None:
            graph = self._both_ways() if prepared.undirected else self.graph
        try:
            # A fresh GrandCypher per query: a reused one returns the previous query's rows.
            engine = GrandCypher(graph)
            # grand-cypher 1.2's experimental automatic hints drop rows when both ends of a
            # relationship are pinned and the pair has several relationships: keep them off.
            engine.auto_where_hints = False
            engine.auto_node_jsondata_hints = False
            raw = engine.run(prepared.text, hints=hints)
        except QueryError:
            raise
        except Exception as e:  # grand-cypher raises lark and plain errors alike
            first = str(e).strip().splitlines()[0] if str(e).strip() else type(e).__name__
            raise QueryError(f"the embedded backend cannot run this query: {first[:200]}") from e
        keys = list(raw)
        cols = [c if c in raw else _match_key(c, keys) for c in columns]
        length = len(raw[keys[0]]) if keys else 0
        rows = [{col: _plain(raw[key][i]) for col, key in zip(columns, cols, strict=True)}
                for i in range(length)]
        return QueryResult(columns, rows)

    def _lookup(self, key: str, value: object) -> list[str]:
        """Node ids whose ``name`` (or ``id``) is ``value``: the index behind anchored queries."""
        graph = self.graph
        if key == "id":
            return [value] if isinstance(value, str) and value in graph else []
        if getattr(self, "_index_for", None) is not graph or self._index_size != graph.number_of_nodes():
            index: dict[object, list[str]] = {}
            for nid, data in graph.nodes(data=True):
                index.setdefault(data.get("name"), []).append(nid)
            self._index, self._index_for, self._index_size = index, graph, graph.number_of_nodes()
        return list(self._index.get(value, []))

    def _both_ways(self) -> nx.MultiDiGraph:
        """The graph with every relationship also stored reversed, for undirected patterns."""
        graph = self.graph
        if getattr(self, "_both_for", None) is not graph or self._both_version != graph.size():
            both = nx.MultiDiGraph()
            both.add_nodes_from(graph.nodes(data=True))
            for a, b, key, data in graph.edges(keys=True, data=True):
                both.add_edge(a, b, key=key, **data)
                both.add_edge(b, a, key=f"{key}|reversed", **data)
            self._both, self._both_for, self._both_version = both, graph, graph.size()
        return self._both

    def _neighbourhood(self, ids: list[str], hops: int | None, undirected: bool) -> nx.MultiDiGraph | None:
        """The part of the graph an anchored query can match in: the nodes within ``hops`` of ``ids``.

        grand-cypher's constructor lists and indexes every node of the graph it
        is given, which is O(nodes) per query (184 ms at 330,000 nodes) however
        few nodes the match visits. When the query is one MATCH chain of
        ``hops`` fixed-length relationships (``pattern_hops``) and its anchored
        variable is pinned to ``ids``, every node of every match is within
        ``hops`` relationships of a pinned node, in either direction, so the
        induced subgraph on those nodes gives the same matches. Its inner nodes
        keep all their relationships, in the same order, so the rows come in
        the same order too. ``None`` (use the whole graph) when the pattern is
        not of that kind or the neighbourhood is more than ``neighbourhood_share``
        of the graph, where the subgraph would save nothing.
        """
        if hops is None:
            return None
        graph = self.graph
        keep = _within(graph, ids, hops, int(graph.number_of_nodes() * self.neighbourhood_share))
        if keep is None:
            return None
        return self._both_ways_of(keep) if undirected else graph.subgraph(keep)

    def _both_ways_of(self, keep: set[str]) -> nx.MultiDiGraph:
        """``_both_ways().subgraph(keep)``, built without building ``_both_ways()`` over the whole graph.

        Nodes and relationships are added in the order ``_both_ways`` adds them
        (the graph's node order, then each node's successors), so every node
        whose neighbours are all in ``keep`` lists its neighbours in the same
        order as there, and grand-cypher returns the rows in the same order.
        """
        graph = self.graph
        if getattr(self, "_rank_for", None) is not graph or len(self._rank) != graph.number_of_nodes():
            self._rank = {nid: i for i, nid in enumerate(graph)}
            self._rank_for = graph
        both = nx.MultiDiGraph()
        order = sorted(keep, key=self._rank.__getitem__)
        both.add_nodes_from((nid, graph.nodes[nid]) for nid in order)
        succ = graph.succ
        for a in order:
            for b, keys in succ[a].items():
                if b in keep:
                    for key, data in keys.items():
                        both.add_edge(a, b, key=key, **data)
                        both.add_edge(b, a, key=f"{key}|reversed", **data)
        return both

    def export(self) -> GraphDoc:
        return from_networkx(self.graph)

    def stats(self) -> dict[str, dict[str, int]]:
        nodes: dict[str, int] = {}
        rels: dict[str, int] = {}
        for _, data in self.graph.nodes(data=True):
            for label in data.get(LABELS_ATTR, ()):
                nodes[label] = nodes.get(label, 0) + 1
        for _, _, data in self.graph.edges(data=True):
            for rel_type in data.get(LABELS_ATTR, ()):
                rels[rel_type] = rels.get(rel_type, 0) + 1
        return {"nodes": dict(sorted(nodes.items())), "relationships": dict(sorted(rels.items()))}


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector while a whole graph is built, merged or serialised.

    These steps allocate millions of dicts, lists and sets that all stay alive,
    and every few hundred allocations the collector runs and, as they pile up,
    walks all of them again: reading 100,000 relationships took 2.1 s with it
    and 0.8 s without. None of these objects form reference cycles, so pausing
    it finds nothing later that it would have found now.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def store_json(graph: nx.MultiDiGraph) -> str:
    """The store file's text: the graph's Graph JSON, sorted like ``GraphDoc.to_json`` but compact.

    Indentation made ``json.dumps`` three times slower and the file 27% bigger
    (100,000 relationships: 2.26 s against 0.78 s, 33.9 against 26.8 MB).
    """
    return json.dumps(from_networkx(graph).to_dict(), sort_keys=True, separators=(",", ":"),
                      ensure_ascii=False) + "\n"


def _within(graph: nx.MultiDiGraph, ids: list[str], hops: int, limit: int) -> set[str] | None:
    """The nodes at most ``hops`` relationships from ``ids`` in either direction; ``None`` past ``limit`` nodes."""
    keep = set(ids)
    frontier = list(keep)
    succ, pred = graph.succ, graph.pred
    for _ in range(hops):
        found: list[str] = []
        for nid in frontier:
            for near in (succ[nid], pred[nid]):
                for other in near:
                    if other not in keep:
                        keep.add(other)
                        found.append(other)
            if len(keep) > limit:
                return None
        frontier = found
    return keep if len(keep) <= limit else None


def _match_key(column: str, keys: list[str]) -> str:
    low = {k.lower().replace(" ", ""): k for k in keys}
    found = low.get(column.lower())
    if found is None:
        raise QueryError(f"cannot find column {column!r} in the embedded backend's result")
    return found


def _plain(value: Any) -> Any:
    """Turn grand-cypher's values into JSON-friendly ones (sets to sorted lists, nodes to ids)."""
    if isinstance(value, (set, frozenset)):
        return sorted(value, key=str)
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items() if k != LABELS_ATTR}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value


def merge_into(graph: nx.MultiDiGraph, doc: GraphDoc) -> None:
    """Merge a GraphDoc into a MultiDiGraph by node id and relationship key."""
    rename: dict[str, str] = {}
    for node in doc.nodes.values():
        nid = node.id
        have = graph.nodes.get(nid)
        if have is not None and node.label not in have[LABELS_ATTR]:
            # Same id, different label (a person and a place named alike): keep both apart.
            nid = rename[node.id] = f"{node.label.lower()}:{node.id}"
            have = graph.nodes.get(nid)
        if have is None:
            graph.add_node(nid, **{LABELS_ATTR: {node.label}}, id=nid, **node.properties)
            continue
        for key, value in node.properties.items():
            if key in LIST_PROPERTIES:
                have[key] = sorted(set(have.get(key, [])) | set(value))
            elif have.get(key) in (None, "") and value not in (None, ""):
                have[key] = value
    for rel in doc.relationships.values():
        a, b = rename.get(rel.start, rel.start), rename.get(rel.end, rel.end)
        key = edge_key(rel.type, rel.properties)
        if rel.type in SYMMETRIC and graph.has_edge(b, a, key):
            a, b = b, a
        if graph.has_edge(a, b, key):
            data = graph.edges[a, b, key]
            if rel.type == "MENTIONED_IN":
                data["count"] = max(int(data.get("count", 0)), int(rel.properties.get("count", 0)))
            continue
        graph.add_edge(a, b, key=key, **{LABELS_ATTR: {rel.type}}, **rel.properties)


def to_networkx(doc: GraphDoc) -> nx.MultiDiGraph:
    """A GraphDoc as a MultiDiGraph in the embedded store's layout."""
    graph = nx.MultiDiGraph()
    merge_into(graph, doc)
    return graph


def graph_from_json(data: Any) -> nx.MultiDiGraph:
    """Parsed Graph JSON as a MultiDiGraph: ``to_networkx(GraphDoc.from_dict(data))``, faster.

    A store file holds each node and relationship once, so the graph is built
    straight from the parsed JSON, without a GraphDoc in between (100,000
    relationships: 0.42 s against 0.74 s). Whatever that cannot take exactly
    as the GraphDoc would (a repeated node or relationship, a symmetric one
    stored both ways, anything malformed) goes through the GraphDoc, which
    merges it or raises its ValueError: the same graph, the same errors.
    """
    graph = _graph_from_plain_json(data)
    return graph if graph is not None else to_networkx(GraphDoc.from_dict(data))


#: property values that need no closer look (``property_problem`` judges the rest)
_SCALAR_TYPES = frozenset({str, int, float, bool, type(None)})


def _graph_from_plain_json(data: Any) -> nx.MultiDiGraph | None:
    """The graph when ``data`` is well-formed Graph JSON without repeats, else ``None``."""
    if not isinstance(data, dict) or data.get("format_version", FORMAT_VERSION) != FORMAT_VERSION:
        return None
    raw_nodes, raw_rels = data.get("nodes"), data.get("relationships")
    if not isinstance(raw_nodes, list) or not isinstance(raw_rels, list):
        return None
    nodes: dict[str, dict[str, Any]] = {}
    for raw in raw_nodes:
        if not isinstance(raw, dict):
            return None
        nid, labels, props = raw.get("id"), raw.get("labels"), raw.get("properties") or {}
        if not isinstance(nid, str) or nid in nodes or not isinstance(labels, list) or not labels \
                or not isinstance(labels[0], str) or not isinstance(props, dict):
            return None
        attrs: dict[str, Any] = {LABELS_ATTR: {labels[0]}, "id": nid}
        for key, value in props.items():  # GraphDoc's _normalise_props
            if (type(value) not in _SCALAR_TYPES or key[:2] == "__" or key == "id") \
                    and property_problem(key, value, node=True):
                return None
            if value is None:
                continue
            if isinstance(value, list):
                try:
                    value = sorted(set(value), key=str)
                except TypeError:
                    return None
            attrs[key] = value
        nodes[nid] = attrs
    graph = nx.MultiDiGraph()
    graph.add_nodes_from(nodes.items())
    seen: set[tuple[str, str, str, str]] = set()
    add_edge = graph.add_edge
    for raw in raw_rels:
        if not isinstance(raw, dict):
            return None
        rel_type, start, end, props = raw.get("type"), raw.get("start"), raw.get("end"), raw.get("properties") or {}
        if not isinstance(start, str) or not isinstance(end, str) or start not in nodes or end not in nodes \
                or rel_type not in REL_TYPES or not isinstance(props, dict):
            return None
        for k, v in props.items():
            if (type(v) not in _SCALAR_TYPES or k[:2] == "__") and property_problem(k, v, node=False):
                return None
        article = str(props.get("article", ""))
        key = (rel_type, start, end, article)
        if key in seen or (rel_type in SYMMETRIC and (rel_type, end, start, article) in seen):
            return None
        seen.add(key)
        add_edge(start, end, edge_key(rel_type, props), **{LABELS_ATTR: {rel_type}}, **props)
    return graph


def from_networkx(graph: nx.MultiDiGraph) -> GraphDoc:
    """The embedded store's MultiDiGraph back as a GraphDoc."""
    doc = GraphDoc()
    for nid, data in graph.nodes(data=True):
        props = {k: v for k, v in data.items() if k not in (LABELS_ATTR, "id")}
        doc.add_node(Node(nid, next(iter(sorted(data[LABELS_ATTR]))), props))
    for a, b, data in graph.edges(data=True):
        props = {k: v for k, v in data.items() if k != LABELS_ATTR}
        doc.add_relationship(Relationship(next(iter(data[LABELS_ATTR])), a, b, props))
    return doc
