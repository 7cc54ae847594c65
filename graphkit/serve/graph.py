"""What the explorer asks of a store, answered by the store itself through parameterised Cypher.

The explorer never copies the graph: a store of a million relationships
(embedded or Neo4j) answers each question with a few small queries anchored
on node ids, so a click costs what the clicked node's own relationships cost,
whatever the size of the store. Every query text here is fixed; values are
parameters, and the only names that reach a query text are labels and
relationship types (checked against the schema, or a type name's spelling): a
type in the pattern is what lets both engines use their type index. Anchors
are written ``(n {id: $x}) WHERE n:Node``: Neo4j then seeks its ``Node.id``
constraint, graphqlite its index on text properties (``(n:Node {id: i})``
after an ``UNWIND`` makes graphqlite scan).

Three things are read whole, once per version of the store's data, because
every keystroke or page needs them: the names (id, label, name and aliases,
for search suggestions), the articles' catalogue (title, source, date, file)
and the counts per label and type. They follow the store's data
version (the embedded store's ``data_version``; Neo4j's node and
relationship counts, polled at most every ``poll_s`` seconds), so a load
that lands while the explorer runs is seen at the next request.

Answers are pieces of graph in the shape the maps draw
(``graphkit.render.graph_data``), so the explorer and the standalone map
share one front end.
"""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise
from typing import Any

from ..errors import GraphkitError, UsageError
from ..model import GraphDoc, Node, Relationship
from ..render import DOCUMENT_LABELS, graph_data
from ..schema import LABELS, NODE_LABEL, PLUMBING, REL_TYPES
from ..store.base import Store
from ..text import fold

#: The explorer's map canvas in a 1400 x 900 window, between the query panel and the legend (px): a piece
#: is laid out so that its hubs' labels clear each other once fitted into it.
EXPLORER_PX = (690, 800)
#: Neighbours an expand returns at once (as Neo4j Browser does); "show more" asks for the next ones.
EXPAND_LIMIT = 100
#: An expand counts a node's neighbours up to this many ("100 of 10,000+"), so that its cost is
#: bounded whatever the hub: past a page of names, an exact count tells a reader nothing more.
EXPAND_COUNT_CAP = 10_000
#: The actors view draws at most this many entities, the best-connected ones (as many as a map shows
#: before it switches to its actors view; more is a hairball at any zoom), and stops adding entities
#: once the lines among them would pass EDGE_BUDGET (a dense corpus gives fewer, better-connected
#: entities; the rest are a search, an expand or a filter away), but never below MIN_ACTORS.
ACTORS_LIMIT = 500
EDGE_BUDGET = 400
MIN_ACTORS = 25
#: Above this many relationships a store is "big": its first view is the START_ACTORS entities the
#: START_ARTICLES latest articles mention most, and the relationships among them (a few hundred index
#: seeks), not a scan of every interaction (which takes seconds at a million).
BIG_STORE_RELS = 100_000
START_ACTORS = 50
START_ARTICLES = 20
#: Search ranks this many of its best matches by how many articles mention them.
SEARCH_RANKED = 60
#: A filtered actors view reads at most this many relationships (and says so when it stops there).
ACTORS_READ_CAP = 50_000
#: Relationships among a set of nodes are found by probing each ordered pair (an index seek each)
#: up to this many nodes; above it, from each node's own relationships, at most LINKS_READ_CAP of them.
PAIR_PROBE_NODES = 50
LINKS_READ_CAP = 50_000
#: A path search gives up after reading this many connections in one step (hubs join everything).
PATH_STEP_CAP = 20_000
MAX_PATH_HOPS = 6
#: The connections panel ranks the others of a group by how many relationships they share with the
#: node when the group is at most this big; a bigger group lists the first it finds.
RANKED_GROUP = 500
_DOCS = "(b:Article OR b:Statement OR b:Event)"
_TYPE_NAME = re.compile(r"^[A-Z][A-Z0-9_]*$")

# -- query texts (fixed; values are parameters) ------------------------------------------------------

Q_NODES = ("UNWIND $ids AS i MATCH (n {id: i}) WHERE n:Node "
           "RETURN n.id AS id, labels(n) AS labels, properties(n) AS props")
Q_NEIGHBOURS = "MATCH (a {id: $id})-[r]-(b) WHERE a:Node WITH DISTINCT b LIMIT $cap RETURN count(b) AS n"
Q_ENTITY_NEIGHBOURS = f"MATCH (a {{id: $id}})-[r]-(b) WHERE a:Node AND NOT {_DOCS} RETURN count(DISTINCT b) AS n"
Q_ENTITY_PAGE = (f"MATCH (a {{id: $id}})-[r]-(b) WHERE a:Node AND NOT {_DOCS} WITH b, count(r) AS c "
                 "RETURN b.id AS id, c ORDER BY c DESC, id SKIP $skip LIMIT $limit")
Q_DOCUMENT_PAGE = (f"MATCH (a {{id: $id}})-[r]-(b) WHERE a:Node AND {_DOCS} WITH b, count(r) AS c "
                   "RETURN b.id AS id, c ORDER BY c DESC, id SKIP $skip LIMIT $limit")
#: every relationship between one node and each of some others, either way round
Q_BETWEEN = ("UNWIND $others AS j MATCH (a {id: $id})-[r]-(b {id: j}) WHERE a:Node AND b:Node "
             "RETURN startNode(r).id AS src, endNode(r).id AS dst, type(r) AS type, properties(r) AS props")
Q_PAIRS = ("UNWIND $ids AS i UNWIND $ids AS j MATCH (a {id: i})-[r]->(b {id: j}) WHERE a:Node AND b:Node "
           "RETURN a.id AS src, b.id AS dst, type(r) AS type, properties(r) AS props")
Q_LINKS = ("UNWIND $ids AS i MATCH (a {id: i})-[r]->(b) WHERE a:Node AND b.id IN $ids "
           "RETURN a.id AS src, b.id AS dst, type(r) AS type, properties(r) AS props LIMIT $cap")
Q_GROUPS_OUT = "MATCH (a {id: $id})-[r]->(b) WHERE a:Node RETURN type(r) AS type, count(DISTINCT b) AS n"
Q_GROUPS_IN = "MATCH (a {id: $id})<-[r]-(b) WHERE a:Node RETURN type(r) AS type, count(DISTINCT b) AS n"
#: the path search's step: the neighbours of a frontier, not through articles
Q_STEP = ("UNWIND $ids AS i MATCH (a {id: i})-[r]-(b) WHERE a:Node AND NOT b:Article "
          "RETURN DISTINCT a.id AS a, b.id AS b LIMIT $cap")
#: the entities the given articles mention most (anchored on the articles: graphqlite follows a pattern
#: from its first node, so the anchor comes first)
Q_MENTIONED = ("UNWIND $articles AS aid MATCH (art {id: aid})<-[:MENTIONED_IN]-(x) WHERE art:Node AND NOT x:Event "
               "RETURN x.id AS id, count(*) AS c ORDER BY c DESC, id LIMIT $limit")
Q_MENTIONS = "UNWIND $ids AS i MATCH (n {id: i}) WHERE n:Node RETURN n.id AS id, size(n.articles) AS articles"
Q_ARTICLES = ("MATCH (n:Article) RETURN n.id AS id, n.title AS title, n.source AS source, "
              "n.published AS published, n.path AS path")
Q_COUNTS = "MATCH (n) WITH count(n) AS nodes MATCH ()-[r]->() RETURN nodes, count(r) AS rels"


def _group_query(rel_type: str, out: bool, ranked: bool) -> str:
    """The others of one group of a node's connections; ``rel_type`` is checked to be a type name."""
    if not _TYPE_NAME.match(rel_type):
        raise UsageError(f"not a relationship type: {rel_type!r}")
    arrow = f"-[r:`{rel_type}`]->" if out else f"<-[r:`{rel_type}`]-"
    head = f"MATCH (a {{id: $id}}){arrow}(b) WHERE a:Node "
    if ranked:
        return head + "WITH b, count(r) AS c ORDER BY c DESC, b.id LIMIT $limit RETURN b.id AS id, b.name AS name, " \
                      "b.title AS title"
    return head + "RETURN DISTINCT b.id AS id, b.name AS name, b.title AS title LIMIT $limit"


def _actors_query(types: Iterable[str], labels: Iterable[str], articles: bool) -> str:
    """The actors view's query with its filters. Relationship types go into the pattern and labels into
    the WHERE, as schema names only (checked here): both engines then read those types' relationships
    through their index, where testing ``type(r) IN $types`` row by row takes seconds on a big store."""
    type_names, label_names = sorted(set(types)), sorted(set(labels))
    for name in type_names:
        if name not in REL_TYPES:
            raise UsageError(f"unknown relationship type {name!r}")
    for name in label_names:
        if name not in LABELS:
            raise UsageError(f"unknown label {name!r}")
    rel = "[r:" + "|".join(f"`{n}`" for n in type_names) + "]" if type_names else "[r]"
    where = ["NOT (a:Article OR a:Statement OR a:Event)", "NOT " + _DOCS]
    if label_names:
        where += ["(" + " OR ".join(f"{v}:{n}" for n in label_names) + ")" for v in ("a", "b")]
    if articles:
        where.append("r.article IN $articles")
    return (f"MATCH (a)-{rel}->(b) WHERE " + " AND ".join(where) +
            " RETURN a.id AS src, b.id AS dst, type(r) AS type, properties(r) AS props LIMIT $cap")


def _label_of(labels: Iterable[str]) -> str:
    """A node's graphkit label among its labels (``Node`` and unknown ones last)."""
    found = list(labels)
    return next((lb for lb in LABELS if lb in found), next((lb for lb in found if lb != NODE_LABEL), "Node"))


def _text(value: Any) -> str:
    return "" if value is None else str(value)


@dataclass(frozen=True)
class Name:
    """What search and the start view need of one node, read once per version of the store."""

    id: str
    label: str
    name: str
    keys: tuple[str, ...]  # folded name and aliases


class StoreGraph:
    """The explorer's questions (search, a node's connections, expand, path, actors, pieces) on one store."""

    def __init__(self, store: Store, *, names_store: Store | None = None, poll_s: float = 2.0,
                 big_store_rels: int = BIG_STORE_RELS) -> None:
        self.store = store
        #: where the names are read from: a second handle on the same store lets ``serve`` read them in
        #: a thread of their own (seconds on a big store) while requests go on through ``store``
        self.names_store = names_store or store
        self.big_store_rels = big_store_rels
        self._stamps = {id(store): _stamp_function(store, poll_s)}
        self._stamps.setdefault(id(self.names_store), _stamp_function(self.names_store, poll_s))
        self._cache: dict[str, tuple[object, Any]] = {}
        self._locks: dict[str, threading.Lock] = {key: threading.Lock() for key in ("counts", "articles", "names")}

    # -- what is read once per version ----------------------------------------------------------------

    def _cached(self, key: str, make: Callable[[], Any], source: Store | None = None) -> Any:
        """``make()``, again only once the data of ``source`` (default: the store) have changed. A version
        stamp is only comparable with another from the same connection, hence one per source."""
        stamp_of = self._stamps[id(source or self.store)]
        with self._locks[key]:
            stamp = stamp_of()
            hit = self._cache.get(key)
            if hit is not None and hit[0] == stamp:
                return hit[1]
            value = make()
            self._cache[key] = (stamp, value)
            return value

    def counts(self) -> dict[str, dict[str, int]]:
        """Nodes per label and relationships per type."""
        return self._cached("counts", self.store.stats)

    def articles(self) -> dict[str, dict[str, str]]:
        """Every article: id -> title, source, published, path (those it has)."""
        def read() -> dict[str, dict[str, str]]:
            out = {}
            for row in self.store.query(Q_ARTICLES).rows:
                out[str(row["id"])] = {k: str(row[k]) for k in ("title", "source", "published", "path") if row.get(k)}
            return out
        return self._cached("articles", read)

    def names(self) -> list[Name]:
        """Every node but the Statements (a quote is not a name) with its folded name and aliases, one
        query per label. Only what search matches on: each property read costs a second per 60,000
        nodes on the embedded store."""
        def read() -> list[Name]:
            out = []
            for label in LABELS:  # the schema's names, never user text
                if label == "Statement":
                    continue
                name = "n.title" if label == "Article" else "n.name"
                rows = self.names_store.query(f"MATCH (n:{label}) RETURN n.id AS id, {name} AS name, "
                                              "n.aliases AS aliases").rows
                for r in rows:
                    if r["id"] is None:
                        continue
                    shown = _text(r["name"] or r["id"])
                    keys = tuple(dict.fromkeys(folded(k) for k in [shown, *(str(a) for a in r["aliases"] or ())]))
                    out.append(Name(str(r["id"]), label, shown, keys))
            return out

        folded = lru_cache(maxsize=None)(fold)  # surnames and common aliases recur across many nodes
        return self._cached("names", read, self.names_store)

    def warm(self) -> None:
        """Read the counts and the articles' catalogue now, before the first request needs them (the
        names are read at the first search, or by ``serve`` in a thread of their own)."""
        self.counts()
        self.articles()

    # -- nodes and relationships by id ----------------------------------------------------------------

    def nodes(self, ids: Iterable[str]) -> dict[str, Node]:
        """The nodes with these ids that exist, in the order given."""
        wanted = [i for i in dict.fromkeys(ids) if isinstance(i, str)]
        if not wanted:
            return {}
        found = {}
        for row in self.store.query(Q_NODES, {"ids": wanted}).rows:
            props = {k: v for k, v in (row["props"] or {}).items() if k != "id" and v is not None}
            found[row["id"]] = Node(row["id"], _label_of(row["labels"] or ()), props)
        return {i: found[i] for i in wanted if i in found}

    def require(self, nid: str) -> Node:
        found = self.nodes([nid])
        if not found:
            raise UsageError(f"no node with id {nid!r} in the graph (it may have gone with a reload)")
        return found[nid]

    def between(self, nid: str, others: Iterable[str]) -> list[Relationship]:
        """Every relationship between ``nid`` and each of ``others``, either direction."""
        others = [o for o in dict.fromkeys(others) if o != nid]
        if not others:
            return []
        rows = self.store.query(Q_BETWEEN, {"id": nid, "others": others}).rows
        return [Relationship(r["type"], r["src"], r["dst"], r["props"] or {}) for r in rows]

    def among(self, ids: Iterable[str]) -> tuple[list[Relationship], bool]:
        """The relationships among ``ids`` and whether the read stopped at its cap (then some are missing)."""
        ids = list(dict.fromkeys(ids))
        if len(ids) < 2:
            return [], False
        if len(ids) <= PAIR_PROBE_NODES:
            rows = self.store.query(Q_PAIRS, {"ids": ids}).rows
            capped = False
        else:
            rows = self.store.query(Q_LINKS, {"ids": ids, "cap": LINKS_READ_CAP}).rows
            capped = len(rows) >= LINKS_READ_CAP
        return [Relationship(r["type"], r["src"], r["dst"], r["props"] or {}) for r in rows], capped

    # -- pieces -----------------------------------------------------------------------------------------

    def piece(self, nodes: dict[str, Node], rels: Iterable[Relationship] = (), *, actors: bool | None = None
              ) -> dict[str, Any]:
        """The map data of ``nodes`` and those of ``rels`` whose both ends are among them; ``actors=True``
        for an actors view (a dense one is drawn with a line per pair)."""
        doc = GraphDoc()
        for node in nodes.values():
            doc.nodes[node.id] = node
        for rel in rels:
            if rel.start in doc.nodes and rel.end in doc.nodes:
                doc.relationships[rel.key] = rel
        catalogue = self.articles()
        cited = {str(r.properties.get("article")) for r in doc.relationships.values() if r.properties.get("article")}
        cited |= {str(a) for n in doc.nodes.values() if n.label == "Statement"
                  for a in n.properties.get("articles") or ()}
        data = graph_data(doc, articles={a: catalogue[a] for a in cited if a in catalogue}, actors=actors,
                          canvas=EXPLORER_PX)
        for e in data["edges"]:  # stable ids, so pieces added to a view one after another merge
            e["id"] = f"{e['type']}|{e['from']}|{e['to']}"
        return data

    def graph_of(self, ids: Iterable[str]) -> tuple[GraphDoc, bool]:
        """The nodes among ``ids`` that exist and the relationships among them, as a GraphDoc."""
        nodes = self.nodes(ids)
        rels, capped = self.among(nodes)
        doc = GraphDoc()
        doc.nodes.update(nodes)
        for rel in rels:
            doc.relationships[rel.key] = rel
        return doc, capped

    # -- questions --------------------------------------------------------------------------------------

    def search(self, text: str, limit: int = 12) -> list[dict[str, Any]]:
        """Nodes whose name or alias is ``text``, starts with it, has a word starting with it, or holds it;
        entities before articles and events; then those more articles mention (asked of the store for
        the SEARCH_RANKED best matches only)."""
        q = fold(text)
        if not q:
            return []
        ranked = []
        for entry in self.names():
            rank = 9
            for key in entry.keys:
                if key == q:
                    rank = 0
                    break
                if key.startswith(q) or f" {q}" in key:
                    rank = min(rank, 1)
                elif q in key:
                    rank = min(rank, 2)
            if entry.id == text:
                rank = 0
            if rank < 9:
                ranked.append((rank, entry.label in DOCUMENT_LABELS, entry.name, entry.id, entry))
        best = sorted(ranked, key=lambda t: t[:4])[:SEARCH_RANKED]
        mentions = {r["id"]: int(r["articles"] or 0)
                    for r in self.store.query(Q_MENTIONS, {"ids": [t[3] for t in best]}).rows} if best else {}
        best.sort(key=lambda t: (t[0], t[1], -mentions.get(t[3], 0), t[2], t[3]))
        return [{"id": e.id, "name": e.name, "label": e.label, "articles": mentions.get(e.id, 0)}
                for *_, e in best[:limit]]

    def connections(self, nid: str, sample: int = 8) -> list[dict[str, Any]]:
        """A node's relationships grouped by type and direction, with how many others each group has and
        the first few (those sharing most relationships with it, in groups of up to RANKED_GROUP);
        interactions and structure first, the plumbing after."""
        groups = []
        for out, text in ((True, Q_GROUPS_OUT), (False, Q_GROUPS_IN)):
            for row in self.store.query(text, {"id": nid}).rows:
                rel_type, total = str(row["type"]), int(row["n"])
                query = _group_query(rel_type, out, ranked=total <= RANKED_GROUP)
                others = self.store.query(query, {"id": nid, "limit": sample}).rows
                groups.append({"type": rel_type, "out": out, "total": total,
                               "others": [{"id": o["id"], "name": _text(o["name"] or o["title"] or o["id"])}
                                          for o in others]})
        # who they deal with first; the plumbing (statements made, articles mentioning it) after
        return sorted(groups, key=lambda g: (g["type"] in PLUMBING, -g["total"], g["type"], not g["out"]))

    def node(self, nid: str) -> dict[str, Any]:
        """One node as the map draws it, with its connections."""
        node = self.require(nid)
        data = self.piece({nid: node})
        return {"node": data["nodes"][0], "articles": data["articles"], "labels": data["labels"],
                "connections": self.connections(nid)}

    def expand(self, nid: str, offset: int = 0, limit: int = EXPAND_LIMIT) -> dict[str, Any]:
        """``nid`` with its next ``limit`` neighbours and its relationships with them: entities first, then
        articles, statements and events; in each, those sharing the most relationships with it first.

        ``total`` counts the neighbours up to EXPAND_COUNT_CAP (or the page asked for, if further);
        ``total_capped`` says there are more than that."""
        ceiling = max(EXPAND_COUNT_CAP, offset + limit)
        counted = int(self.store.query(Q_NEIGHBOURS, {"id": nid, "cap": ceiling + 1}).rows[0]["n"])
        total, capped = min(counted, ceiling), counted > ceiling
        page = {"id": nid, "skip": offset, "limit": limit}
        chosen = [r["id"] for r in self.store.query(Q_ENTITY_PAGE, page).rows] if total else []
        if len(chosen) < limit and (capped or offset + len(chosen) < total):  # entities all shown: documents
            if chosen:
                entities = offset + len(chosen)
            else:  # only here is the number of entities not known from the page itself
                entities = int(self.store.query(Q_ENTITY_NEIGHBOURS, {"id": nid}).rows[0]["n"])
            page = {"id": nid, "skip": max(0, offset - entities), "limit": limit - len(chosen)}
            chosen += [r["id"] for r in self.store.query(Q_DOCUMENT_PAGE, page).rows]
        nodes = self.nodes([nid, *chosen])  # the node itself with its neighbours: one query
        if nid not in nodes:
            self.require(nid)  # says it is not in the graph
        data = self.piece(nodes, self.between(nid, chosen))
        more = total - offset - len(chosen)
        data.update(centre=nid, total=total, total_capped=capped, offset=offset, shown=len(chosen),
                    neighbours=chosen, more=max(more, 1) if capped else max(0, more))
        return data

    def path(self, a: str, b: str, max_hops: int = 4) -> dict[str, Any]:
        """The shortest chain between two nodes, either direction, not through Articles (which join
        everybody they mention): a breadth-first search from both ends at once, a level at a time from
        the smaller side, each level one anchored query; it stops at ``max_hops`` or when a level would
        read more than PATH_STEP_CAP connections."""
        ends = self.nodes([a, b])
        for nid in (a, b):
            if nid not in ends:
                self.require(nid)
        if a == b:
            return {**self.piece(ends), "path": [a]}
        sides = [({a: None}, [a]), ({b: None}, [b])]  # (node -> the node before it on its side, frontier)
        depth = [0, 0]
        meet: str | None = None
        while meet is None and depth[0] + depth[1] < max_hops and sides[0][1] and sides[1][1]:
            s = 0 if len(sides[0][1]) <= len(sides[1][1]) else 1
            before, frontier = sides[s]
            other = sides[1 - s][0]
            rows = self.store.query(Q_STEP, {"ids": sorted(frontier), "cap": PATH_STEP_CAP}).rows
            if len(rows) >= PATH_STEP_CAP:
                raise GraphkitError(
                    f"no path between {ends[a].name!r} and {ends[b].name!r} found within {depth[0] + depth[1]} "
                    f"hops before the search grew past {PATH_STEP_CAP:,} connections; the nodes between them "
                    "are too connected to search further (articles left out)")
            nxt = []
            for row in sorted(rows, key=lambda r: (r["a"], r["b"])):
                m = row["b"]
                if m not in before:
                    before[m] = row["a"]
                    nxt.append(m)
            sides[s] = (before, nxt)
            depth[s] += 1
            found = sorted(m for m in nxt if m in other)
            meet = found[0] if found else None
        if meet is None:
            raise GraphkitError(f"no path between {ends[a].name!r} and {ends[b].name!r} "
                                f"within {max_hops} hops (articles left out)")
        chain = _walk(sides[0][0], meet)[::-1] + _walk(sides[1][0], meet)[1:]
        rels = [r for x, y in pairwise(chain) for r in self.between(x, [y])]
        data = self.piece(self.nodes(chain), rels)
        data["path"] = chain
        return data

    def actors(self, *, labels: Iterable[str] = (), types: Iterable[str] = (), article: str | None = None,
               since: str | None = None, until: str | None = None, limit: int = ACTORS_LIMIT) -> dict[str, Any]:
        """The entities and the relationships between them (no Articles, Statements or Events), filtered
        by label, type, one article and a date range of the articles; the ``limit`` best-connected.

        A big store without filters starts from the START_ACTORS entities its START_ARTICLES latest
        articles mention most and the relationships among them (a few hundred index seeks), not from a
        scan of every relationship; ``mode`` says which it is (``latest``, ``all`` or ``filtered``)."""
        label_set, type_list = set(labels), list(types)
        filtered = bool(label_set or type_list or article or since or until)
        entity_total = sum(n for lb, n in self.counts()["nodes"].items() if lb not in DOCUMENT_LABELS)
        if not filtered and sum(self.counts()["relationships"].values()) > self.big_store_rels:
            latest = sorted(self.articles().items(), key=lambda a: (a[1].get("published", ""), a[0]),
                            reverse=True)[:START_ARTICLES]
            rows = self.store.query(Q_MENTIONED, {"articles": [a for a, _ in latest], "limit": START_ACTORS}).rows
            rels, _ = self.among(r["id"] for r in rows)
            nodes = self.nodes(_readable([r["id"] for r in rows], rels))
            data = self.piece(nodes, rels, actors=True)
            data.update(total=entity_total, shown=len(nodes), mode="latest", capped=False,
                        articles_read=len(latest), articles_total=len(self.articles()))
            return data
        params: dict[str, Any] = {"cap": ACTORS_READ_CAP}
        in_articles = None
        if article or since or until:
            in_articles = sorted(aid for aid, props in self.articles().items()
                                 if (not article or aid == article)
                                 and (not since or props.get("published", "") >= since)
                                 and (not until or props.get("published", "9999") <= until))
            params["articles"] = in_articles
        query = _actors_query(type_list, label_set, in_articles is not None)
        rows = self.store.query(query, params).rows if in_articles != [] else []
        keep: dict[str, int] = {}
        rels = []
        for r in rows:
            rels.append(Relationship(r["type"], r["src"], r["dst"], r["props"] or {}))
            keep[r["src"]] = keep.get(r["src"], 0) + 1
            keep[r["dst"]] = keep.get(r["dst"], 0) + 1
        chosen = _readable(sorted(keep, key=lambda m: (-keep[m], m))[:limit], rels)
        data = self.piece(self.nodes(chosen), rels, actors=True)
        data.update(total=len(keep), shown=len(chosen), mode="filtered" if filtered else "all",
                    capped=len(rows) >= ACTORS_READ_CAP)
        return data


def _readable(ranked: list[str], rels: Iterable[Relationship], budget: int = EDGE_BUDGET,
              least: int = MIN_ACTORS) -> list[str]:
    """The first of ``ranked`` (best first) whose lines among them (one per type and pair, as the map
    draws them) stay within ``budget``; at least ``least`` of them whatever their lines."""
    lines: dict[str, set[tuple[str, str, str]]] = {}
    for rel in rels:
        for end in (rel.start, rel.end):
            lines.setdefault(end, set()).add((rel.type, rel.start, rel.end))
    chosen: set[str] = set()
    drawn: set[tuple[str, str, str]] = set()
    out = []
    for nid in ranked:
        new = {line for line in lines.get(nid, ()) if (line[2] if line[1] == nid else line[1]) in chosen | {nid}}
        if len(out) >= least and len(drawn | new) > budget:
            break
        chosen.add(nid)
        drawn |= new
        out.append(nid)
    return out


def _walk(before: dict[str, str | None], node: str) -> list[str]:
    """From ``node`` back to the start of its side of the search."""
    chain = [node]
    while before[chain[-1]] is not None:
        chain.append(before[chain[-1]])  # type: ignore[arg-type]
    return chain


def _stamp_function(store: Store, poll_s: float) -> Callable[[], object]:
    """A cheap value that changes when the store's data change: the embedded store's data version
    (it moves with every commit, this process's or another's); else the node and relationship counts,
    asked at most every ``poll_s`` seconds."""
    version = getattr(store, "data_version", None)
    if callable(version):
        return version
    last: list[Any] = [None, 0.0]

    def counts() -> object:
        now = time.monotonic()
        if last[0] is None or now - last[1] >= poll_s:
            rows = store.query(Q_COUNTS).rows
            last[0] = (rows[0]["nodes"], rows[0]["rels"]) if rows else ()
            last[1] = now
        return last[0]

    return counts
