"""What the explorer asks of a graph: search, a node's connections, one-hop expands, paths, the actors view.

The explorer answers from a ``networkx.MultiDiGraph`` of the store, in the
embedded store's layout (nodes keyed by id with ``__labels__``, one edge per
relationship with ``__labels__`` holding its type). The store gives it
(``to_networkx()``, cached by the store until its data change; the older
file store's ``graph`` property; else built from ``export()``), and
:class:`Snapshot` keeps its own indexes (names, adjacency) for as long as the
store hands back the same graph object, so a load that lands while the
explorer runs is seen at the next request. Answers are pieces of graph in the
shape the maps draw (``graphkit.render.graph_data``), so the explorer and the
standalone map share one front end.
"""

from __future__ import annotations

import threading
import time
from collections import deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from itertools import pairwise
from typing import Any

from ..errors import GraphkitError, UsageError
from ..model import GraphDoc, Node, Relationship
from ..render import DOCUMENT_LABELS, graph_data
from ..text import fold

LABELS_ATTR = "__labels__"
#: Neighbours an expand returns at once (as Neo4j Browser does); "show more" asks for the next ones.
EXPAND_LIMIT = 100
#: The actors view of a whole store draws at most this many entities, the best-connected ones (as many as a
#: map shows before it switches to its actors view; more is a hairball at any zoom).
ACTORS_LIMIT = 500


def _label(data: dict[str, Any]) -> str:
    labels = data.get(LABELS_ATTR) or ()
    return sorted(labels)[0] if labels else "Node"


@dataclass
class Snapshot:
    """One version of the graph with the indexes the explorer needs."""

    graph: Any
    #: folded name or alias -> node ids
    names: dict[str, list[str]] = field(default_factory=dict)
    degree: dict[str, int] = field(default_factory=dict)
    articles: dict[str, dict[str, Any]] = field(default_factory=dict)

    @classmethod
    def of(cls, graph: Any) -> Snapshot:
        snap = cls(graph)
        for nid, data in graph.nodes(data=True):
            keys = {fold(str(data.get("name") or data.get("title") or nid))}
            keys |= {fold(str(a)) for a in data.get("aliases") or ()}
            for key in keys:
                snap.names.setdefault(key, []).append(nid)
            if "Article" in (data.get(LABELS_ATTR) or ()):
                snap.articles[nid] = {k: v for k, v in data.items() if k != LABELS_ATTR}
        snap.degree = {nid: graph.in_degree(nid) + graph.out_degree(nid) for nid in graph}
        return snap

    # -- pieces -----------------------------------------------------------------------------------

    def node(self, nid: str) -> Node:
        data = self.graph.nodes[nid]
        return Node(nid, _label(data), {k: v for k, v in data.items() if k not in (LABELS_ATTR, "id")})

    def relationships(self, pairs: Iterable[tuple[str, str]]) -> list[Relationship]:
        """Every relationship between each (a, b) pair, either way round."""
        out = []
        succ = self.graph.succ
        for a, b in pairs:
            for x, y in ((a, b), (b, a)):
                for data in succ[x].get(y, {}).values():
                    rel_type = next(iter(data.get(LABELS_ATTR) or ("RELATED",)))
                    out.append(Relationship(rel_type, x, y, {k: v for k, v in data.items() if k != LABELS_ATTR}))
                if a == b:
                    break
        return out

    def piece(self, ids: Iterable[str], rels: Iterable[Relationship] | None = None) -> dict[str, Any]:
        """The map data of these nodes and ``rels`` (default: every relationship among them)."""
        ids = [i for i in dict.fromkeys(ids) if i in self.graph]
        doc = GraphDoc()
        for nid in ids:
            doc.nodes[nid] = self.node(nid)
        if rels is None:
            keep = set(ids)
            succ = self.graph.succ
            pairs = {(a, b) for a in ids for b in succ[a] if b in keep}
            rels = self.relationships({(a, b) if a <= b else (b, a) for a, b in pairs})
        for rel in rels:
            if rel.start in doc.nodes and rel.end in doc.nodes:
                doc.relationships[rel.key] = rel
        data = graph_data(doc, articles=self.articles)
        for e in data["edges"]:  # stable ids, so pieces added to a view one after another merge
            e["id"] = f"{e['type']}|{e['from']}|{e['to']}"
        data["degrees"] = {nid: self.degree.get(nid, 0) for nid in ids}
        return data

    # -- questions --------------------------------------------------------------------------------

    def require(self, nid: str) -> str:
        if nid not in self.graph:
            raise UsageError(f"no node with id {nid!r} in the graph (it may have gone with a reload)")
        return nid

    def search(self, text: str, limit: int = 12) -> list[dict[str, Any]]:
        """Nodes whose name or alias is ``text``, starts with it, has a word starting with it, or holds it;
        entities before documents, then the better-connected."""
        q = fold(text)
        if not q:
            return []
        ranked: dict[str, int] = {}
        for key, ids in self.names.items():
            if key == q:
                rank = 0
            elif key.startswith(q) or f" {q}" in key or f"-{q}" in key:
                rank = 1
            elif q in key:
                rank = 2
            else:
                continue
            for nid in ids:
                ranked[nid] = min(rank, ranked.get(nid, 9))
        if text in self.graph:
            ranked[text] = 0

        def order(nid: str) -> tuple[int, int, int, str]:
            label = _label(self.graph.nodes[nid])
            return ranked[nid], label in DOCUMENT_LABELS, -self.degree.get(nid, 0), nid

        out = []
        for nid in sorted(ranked, key=order)[:limit]:
            data = self.graph.nodes[nid]
            out.append({"id": nid, "name": str(data.get("name") or data.get("title") or nid),
                        "label": _label(data), "degree": self.degree.get(nid, 0)})
        return out

    def neighbours(self, nid: str) -> list[str]:
        """Neighbours of ``nid`` either way, entities first, then the better-connected."""
        graph = self.graph
        near = set(graph.succ[nid]) | set(graph.pred[nid])
        near.discard(nid)
        return sorted(near, key=lambda m: (_label(graph.nodes[m]) in DOCUMENT_LABELS, -self.degree.get(m, 0), m))

    def expand(self, nid: str, offset: int = 0, limit: int = EXPAND_LIMIT) -> dict[str, Any]:
        """``nid`` with its next ``limit`` neighbours and the relationships among them."""
        self.require(nid)
        near = self.neighbours(nid)
        chosen = near[offset:offset + limit]
        data = self.piece([nid, *chosen])
        data.update(centre=nid, total=len(near), offset=offset, shown=len(chosen),
                    more=max(0, len(near) - offset - len(chosen)))
        return data

    def connections(self, nid: str, sample: int = 8) -> list[dict[str, Any]]:
        """A node's relationships grouped by type and direction, with counts and the first few others."""
        graph = self.graph
        groups: dict[tuple[str, bool], dict[str, Any]] = {}
        for out, edges in ((True, graph.out_edges(nid, data=True)), (False, graph.in_edges(nid, data=True))):
            for a, b, data in edges:
                other = b if out else a
                rel_type = next(iter(data.get(LABELS_ATTR) or ("RELATED",)))
                g = groups.setdefault((rel_type, out), {"type": rel_type, "out": out, "total": 0, "others": {}})
                g["total"] += 1
                g["others"].setdefault(other, 0)
                g["others"][other] += 1
        rows = []
        for g in groups.values():
            others = sorted(g["others"], key=lambda m: (-g["others"][m], -self.degree.get(m, 0), m))
            rows.append({"type": g["type"], "out": g["out"], "total": len(others),
                         "others": [{"id": m, "name": self.node(m).name} for m in others[:sample]]})
        return sorted(rows, key=lambda r: (-r["total"], r["type"], not r["out"]))

    def path(self, a: str, b: str, max_hops: int = 6) -> dict[str, Any]:
        """The shortest chain between two nodes, either direction, not through Articles (which join
        everybody they mention); breadth-first, so the fewest hops."""
        self.require(a)
        self.require(b)
        graph = self.graph

        def passable(m: str) -> bool:
            return m in (a, b) or _label(graph.nodes[m]) != "Article"

        before: dict[str, str | None] = {a: None}
        frontier = deque([(a, 0)])
        while frontier:
            cur, hops = frontier.popleft()
            if cur == b or hops >= max_hops:
                continue
            for m in sorted(set(graph.succ[cur]) | set(graph.pred[cur])):
                if m not in before and passable(m):
                    before[m] = cur
                    frontier.append((m, hops + 1))
        if b not in before:
            raise GraphkitError(f"no path between {self.node(a).name!r} and {self.node(b).name!r} "
                             f"within {max_hops} hops (articles left out)")
        chain = [b]
        while before[chain[-1]] is not None:
            chain.append(before[chain[-1]])  # type: ignore[arg-type]
        chain.reverse()
        rels = self.relationships(pairwise(chain))
        data = self.piece(chain, rels)
        data["path"] = chain
        return data

    def actors(self, *, labels: Iterable[str] = (), types: Iterable[str] = (), article: str | None = None,
               since: str | None = None, until: str | None = None, limit: int = ACTORS_LIMIT) -> dict[str, Any]:
        """The entities and the relationships between them (no Articles, Statements or Events), filtered
        by label, type, one article and a date range of the articles; the ``limit`` best-connected."""
        graph = self.graph
        label_set, type_set = set(labels), set(types)
        in_range = None
        if article or since or until:
            in_range = {aid for aid, props in self.articles.items()
                        if (not article or aid == article)
                        and (not since or str(props.get("published") or "") >= since)
                        and (not until or str(props.get("published") or "9999") <= until)}
        keep: dict[str, int] = {}
        rels: list[Relationship] = []
        for a, b, data in graph.edges(data=True):
            rel_type = next(iter(data.get(LABELS_ATTR) or ("RELATED",)))
            la, lb = _label(graph.nodes[a]), _label(graph.nodes[b])
            if la in DOCUMENT_LABELS or lb in DOCUMENT_LABELS:
                continue
            if (label_set and (la not in label_set or lb not in label_set)) or (type_set and rel_type not in type_set):
                continue
            if in_range is not None and data.get("article") not in in_range:
                continue
            rels.append(Relationship(rel_type, a, b, {k: v for k, v in data.items() if k != LABELS_ATTR}))
            keep[a] = keep.get(a, 0) + 1
            keep[b] = keep.get(b, 0) + 1
        chosen = sorted(keep, key=lambda m: (-keep[m], m))[:limit]
        data = self.piece(chosen, rels)
        data["total"] = len(keep)
        data["shown"] = len(chosen)
        return data


class GraphSource:
    """The store's graph for the explorer, fetched again when the store's data change.

    ``fetch`` returns the store's current graph; a store that caches it (the
    embedded store keys its cache on SQLite's ``data_version``) returns the same
    object until a load commits, and the indexes here are kept for exactly as
    long. ``changed`` (optional) is a cheap check that lets a store without
    such a cache (Neo4j) be fetched again only when its counts move; it is
    asked at most every ``poll_s`` seconds.
    """

    def __init__(self, fetch: Callable[[], Any], changed: Callable[[], object] | None = None,
                 poll_s: float = 2.0) -> None:
        self._fetch = fetch
        self._changed = changed
        self._poll_s = poll_s
        self._lock = threading.Lock()
        self._snap: Snapshot | None = None
        self._stamp: object = None
        self._checked = 0.0

    def snapshot(self) -> Snapshot:
        with self._lock:
            if self._changed is not None:
                now = time.monotonic()
                if self._snap is None or now - self._checked >= self._poll_s:
                    self._checked = now
                    stamp = self._changed()
                    if self._snap is None or stamp != self._stamp:
                        self._stamp = stamp
                        self._snap = Snapshot.of(self._fetch())
                return self._snap
            graph = self._fetch()
            if self._snap is None or self._snap.graph is not graph:
                self._snap = Snapshot.of(graph)
            return self._snap
