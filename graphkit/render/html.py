"""Build the self-contained interactive HTML map of a GraphDoc.

The page is our own Jinja2 template (autoescape on) with vis-network's script
and CSS, as shipped inside the installed pyvis package, inlined, so the file
works offline and no request ever leaves it. pyvis's own template is not used:
it writes node ids and the heading into the page unescaped and switches its
tooltips to raw HTML when any title contains ``href``, and article text is
untrusted.

Graph data reaches the page only as JSON inside a ``<script
type="application/json">`` block, with ``<``, ``>`` and ``&`` written as
``\\u003c`` escapes so no string can close the block; the page's script parses
it with ``JSON.parse`` and builds every label and tooltip with ``textContent``.
A Content-Security-Policy allows only the page's two inline scripts (by hash)
and no network access at all, so even a bug in that chain cannot run injected
script or fetch anything.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import math
from collections.abc import Iterable
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import jinja2
import numpy as np
from markupsafe import Markup

from ..atomic import atomic_write
from ..errors import GraphkitError, OutputError
from ..model import LABELS, GraphDoc, Node
from .layout import force_layout, place_around, separate_groups, separate_labels
from .style import TYPE_STYLES, is_directed, label_style, node_size, short, type_style
from .subgraph import DOCUMENT_LABELS

#: Above this many nodes a map opens in the actors view: Articles, Statements and Events hidden (one
#: click shows them), the layout made for the entities and their interactions alone.
ACTORS_VIEW_NODES = 500
#: How many of the best-connected nodes are labelled at overview on a map that opens with more nodes
#: than this; the other labels appear as the viewer zooms in.
LABELLED_AT_OVERVIEW = 40
#: An actors view with more lines than this (one per type and pair) is "dense": the page draws one line
#: per pair of nodes instead, every type between them merged, as wide as the facts behind it are many.
DENSE_LINES = 80
#: A dense view draws at first only its OVERVIEW_LINES strongest pair lines (and each node's strongest,
#: so none floats alone); the header's "show all" draws the rest.
OVERVIEW_LINES = 80
#: The part of a 1400 x 900 window a map's canvas takes (px), beside the legend and under the header: the
#: zoom that fits a big map into it sets how much room the labels drawn at overview need.
OVERVIEW_PX = (1050, 740)
#: gkcore.js draws the labels of nodes that are not hubs once the zoom passes about 8/9 (LEGIBLE px from a
#: 9 px font), so a map labelled only at its hubs is spread until the zoom that fits it is no more than this:
#: at overview, the hubs' labels alone are drawn.
HUBS_ONLY_ZOOM = 0.75
#: Above this many nodes a map is "big": edges are straight and unlabelled, Statements are dots and
#: the HIDDEN_ON_BIG_MAPS types start switched off, so the browser can draw it in a few seconds.
BIG_GRAPH_NODES = 1500
#: Relationship types a big map starts with unticked in its legend (the viewer can tick them).
#: MENTIONED_IN is ~45% of a map's edges and says only "this node is in that article": leaving it
#: out of the first draw makes big maps open markedly faster (docs/performance.md).
HIDDEN_ON_BIG_MAPS = ("MENTIONED_IN",)
#: Node properties shown under their own headings, or not at all: internal keys, offsets, hashes and
#: file paths mean nothing to a reader (the article itself opens from the explorer).
_SHOWN_APART = frozenset({"name", "aliases", "articles", "titles", "kind", "text", "title", "sha256", "content_hash",
                          "path", "start", "end", "sentence", "quoted", "id"})
#: Relationship properties that are merged into the evidence list or are internal (offsets, statement ids).
_EDGE_APART = frozenset({"article", "evidence", "start", "end", "statement", "count"})
_VIS_DIR = "lib/vis-9.1.2"


class RenderError(GraphkitError):
    """A map cannot be built or written (missing asset, unwritable path, no IPython for show())."""


# -- assets -------------------------------------------------------------------


@lru_cache(maxsize=1)
def _assets() -> dict[str, str]:
    """vis-network's script and CSS from the installed pyvis, and our own page script and CSS.

    Read once per process: they are ~700 kB and the same for every map.
    """
    try:
        vis = resources.files("pyvis").joinpath(_VIS_DIR)
        own = resources.files("graphkit.render").joinpath("static")
        assets = {
            "vis_js": vis.joinpath("vis-network.min.js").read_text(encoding="utf-8"),
            "vis_css": vis.joinpath("vis-network.css").read_text(encoding="utf-8"),
            "core_js": own.joinpath("gkcore.js").read_text(encoding="utf-8"),
            "app_js": own.joinpath("map.js").read_text(encoding="utf-8"),
            "app_css": own.joinpath("map.css").read_text(encoding="utf-8"),
        }
    except (ModuleNotFoundError, OSError) as exc:
        raise RenderError(f"cannot read the map's script assets ({exc}); reinstall pyvis and graphkit") \
            from exc
    for key, text in assets.items():
        # The assets are inlined into <script>/<style>: a closing tag inside would end the block early,
        # and "<!--" would switch the HTML parser into its escaped-script states.
        if any(bad in text.lower() for bad in ("</script", "</style", "<!--")):
            raise RenderError(f"asset {key} contains a closing tag and cannot be inlined")
    return assets


@lru_cache(maxsize=1)
def _template() -> jinja2.Template:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("graphkit.render", "templates"),
        autoescape=True,  # every name, title and heading from an article is escaped by default
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    return env.get_template("map.html")


def _csp_hash(script: str) -> str:
    digest = hashlib.sha256(script.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def script_json(value: Any) -> str:
    """JSON text that is safe to place inside a ``<script type="application/json">`` element.

    ``<``, ``>`` and ``&`` can only occur inside JSON strings, where their
    ``\\uXXXX`` escapes mean the same thing to ``JSON.parse`` but can never
    form ``</script>`` or ``<!--`` for the HTML parser.
    """
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    return (text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


# -- graph data ---------------------------------------------------------------


def _display_label(node: Node) -> str:
    """The short text drawn by the node: a Statement its first words (the quote is in the panel), an
    Article its title."""
    props = node.properties
    if node.label == "Statement" and props.get("text"):
        text = short(str(props["text"]), 28)
        return f"“{text}”" if props.get("quoted") else text
    if node.label == "Article":
        return short(str(props.get("title") or node.id), 32)
    return short(node.name, 40)


def _as_text(value: Any) -> str:
    if isinstance(value, (list, tuple)):
        return ", ".join(_as_text(v) for v in value)
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    return str(value)


def _ordered(present: Iterable[str], order: Iterable[str]) -> list[str]:
    """``present`` in the documented order, unknown names after it alphabetically."""
    present = set(present)
    known = [name for name in order if name in present]
    return known + sorted(present - set(known))


def graph_data(doc: GraphDoc, *, physics: bool = False, articles: dict[str, dict[str, Any]] | None = None,
               actors: bool | None = None, canvas: tuple[int, int] = OVERVIEW_PX) -> dict[str, Any]:
    """Everything the page's script needs, as plain JSON-able data.

    Relationships of one type between the same two nodes (the same fact read
    in several articles) become one drawn edge with all their evidence, so the
    map shows facts rather than a stack of identical lines. Positions are always
    computed here: the page draws them at once and stays deterministic, and
    vis-network's physics, when the viewer turns it on (or ``physics=True``),
    starts from them rather than from chaos.

    ``types_off`` lists the relationship types the page starts with switched
    off: :data:`HIDDEN_ON_BIG_MAPS` on a big map, unless no other type would be
    left to draw. ``labels_off`` lists the labels it starts with hidden: above
    :data:`ACTORS_VIEW_NODES` nodes the map opens in the actors view (no
    Articles, Statements or Events), laid out for what that view shows, with
    the hidden nodes placed by the entities they belong to. ``actors=True``
    says ``doc`` is an actors view whatever its size (the explorer's). An
    actors view with more than :data:`DENSE_LINES` lines is drawn with one line
    per pair of nodes (``merge``), the :data:`OVERVIEW_LINES` strongest at first.
    ``articles`` gives the title, source and date of articles whose nodes are
    not in ``doc`` (a focus map), so evidence is always shown with its
    article's title. ``canvas`` is the size (px) of the canvas the page fits
    the map into at first, which sets the zoom the hubs' labels must clear
    each other at (the explorer's is narrower than a map's).
    """
    big = len(doc.nodes) > BIG_GRAPH_NODES
    present = {n.label for n in doc.nodes.values()}
    actors_view = bool(present - set(DOCUMENT_LABELS)) and (
        len(doc.nodes) > ACTORS_VIEW_NODES if actors is None else actors)
    labels_off = [lb for lb in DOCUMENT_LABELS if actors_view and lb in present]

    merged: dict[tuple[str, str, str], list[dict[str, Any]]] = {}
    for rel in doc.relationships.values():
        if rel.start in doc.nodes and rel.end in doc.nodes:
            merged.setdefault((rel.type, rel.start, rel.end), []).append(rel.properties)

    degree = dict.fromkeys(doc.nodes, 0)
    for _type, start, end in merged:
        degree[start] += 1
        degree[end] += 1

    types_present = _ordered((t for t, _s, _e in merged), TYPE_STYLES)
    types_off = [t for t in types_present if big and t in HIDDEN_ON_BIG_MAPS]
    if len(types_off) == len(types_present):
        types_off = []  # a map of nothing but mentions (--type MENTIONED_IN) draws them
    lines_at_first = sum(1 for t, s, e in merged if t not in types_off
                         and doc.nodes[s].label not in labels_off and doc.nodes[e].label not in labels_off)
    merge = actors_view and lines_at_first > DENSE_LINES

    node_ids = sorted(doc.nodes)
    index = {node_id: i for i, node_id in enumerate(node_ids)}
    weights: list[int] | None = None
    if merge:  # laid out as it is drawn: a line per pair, pulling as hard as the facts behind it are many
        facts: dict[tuple[int, int], int] = {}
        for (_t, s, e), group in merged.items():
            key = (min(index[s], index[e]), max(index[s], index[e]))
            facts[key] = facts.get(key, 0) + len(group)
        pairs, weights = list(facts), list(facts.values())
    else:
        pairs = [(index[s], index[e]) for _t, s, e in merged]
    hidden = [doc.nodes[i].label in labels_off for i in node_ids]
    if actors_view:  # an entity joined to no other entity waits, with the documents, outside the core
        joined = {i for a, b in pairs if not hidden[a] and not hidden[b] for i in (a, b)}
        apart = [h or i not in joined for i, h in enumerate(hidden)]
        # sized (and labelled) by the others shown it deals with, not by the statements and articles hidden
        partners: dict[str, set[str]] = {i: set() for i in node_ids}
        for a, b in pairs:
            if not hidden[a] and not hidden[b] and a != b:
                partners[node_ids[a]].add(node_ids[b])
                partners[node_ids[b]].add(node_ids[a])
        weight = {i: len(partners[i]) for i in node_ids}
    else:
        apart = hidden
        weight = degree
    raw, core_pairs = _positions(node_ids, pairs, apart, [doc.nodes[i].label == "Article" for i in node_ids],
                                 weights)
    scale = _pixel_scale(raw, core_pairs)
    labelled = _labelled(node_ids, weight, hidden, doc)
    if len(labelled) == len(node_ids) - sum(hidden):  # every label drawn at once: keep them apart
        boxes = [_label_box(doc.nodes[i], weight[i]) for i in node_ids]
        raw = separate_labels(raw * scale, [b[0] for b in boxes], [b[1] for b in boxes]) / scale
    elif labelled:  # only the hubs are labelled at overview: keep their labels apart at the overview's zoom
        raw = _spread_labelled(raw * scale, node_ids, labelled, hidden, pairs, weights, doc, weight, canvas) / scale

    nodes = []
    for i, node_id in enumerate(node_ids):
        node = doc.nodes[node_id]
        props = node.properties
        item: dict[str, Any] = {
            "id": node.id,
            "group": node.label,
            "label": _display_label(node),
            "name": node.name,
            "aliases": [str(a) for a in props.get("aliases", ()) if str(a) != node.name],
            "titles": [str(t) for t in props.get("titles", ())],
            "articles": len(props.get("articles", ())),
            "degree": degree[node_id],
            "size": node_size(weight[node_id], 4.0 if big else 10.0) if node.label not in DOCUMENT_LABELS else 7.0,
            "hub": node_id in labelled,
            "x": round(float(raw[i, 0]) * scale, 1),
            "y": round(float(raw[i, 1]) * scale, 1),
            "props": [[k, _as_text(v)] for k, v in sorted(props.items())
                      if k not in _SHOWN_APART and v not in (None, "", [])],
        }
        if props.get("kind"):
            item["kind"] = str(props["kind"])
        if node.label == "Statement" and props.get("text"):
            item["text"] = str(props["text"])
            item["quoted"] = bool(props.get("quoted"))
            sources = props.get("articles") or ()
            if len(sources) == 1:  # where the quote is: opens the article at it in the explorer
                item["evidence"] = [str(sources[0]), item["text"], _offset(props.get("start")),
                                    _offset(props.get("end"))]
        nodes.append(item)

    edges = []
    pair_count: dict[frozenset[str], int] = {}
    for number, ((rel_type, start, end), group) in enumerate(sorted(merged.items())):
        # (article, sentence, start, end): the offsets let the explorer open the article at the sentence.
        evidence = sorted({(str(p.get("article", "")), str(p.get("evidence", "")), _offset(p.get("start")),
                            _offset(p.get("end"))) for p in group}, key=lambda ev: (ev[0], ev[2], ev[1]))
        extra: dict[str, str] = {}
        for p in group:
            for k, v in sorted(p.items()):
                if k not in _EDGE_APART and v not in (None, "", []):
                    extra.setdefault(k, _as_text(v))
        pair = frozenset((start, end))
        parallel = pair_count.get(pair, 0)
        pair_count[pair] = parallel + 1
        edges.append({
            "id": f"e{number}",
            "from": start,
            "to": end,
            "type": rel_type,
            "count": len(group),
            "evidence": [list(ev) for ev in evidence if ev[0] or ev[1]],
            "props": sorted(extra.items()),
            # The n-th edge between the same two nodes bends further, alternating sides,
            # so parallel relationships stay apart; the sign follows the pair's sorted order.
            "bend": 0 if parallel == 0 else ((parallel + 1) // 2) * 0.18 * (1 if parallel % 2 else -1)
                     * (1 if start < end else -1),
        })

    known = dict(articles or {})
    known.update({a.id: a.properties for a in doc.by_label("Article")})
    referenced = {ev[0] for e in edges for ev in e["evidence"] if ev[0]}
    referenced |= {str(a) for n in doc.nodes.values() for a in n.properties.get("articles", ())}
    article_meta = {
        a: {k: str(props[k]) for k in ("title", "source", "published") if props.get(k)}
        for a, props in known.items() if a in referenced or a in doc.nodes
    }
    labels_present = _ordered((n.label for n in doc.nodes.values()), LABELS)
    return {
        "big": big,
        "physics": bool(physics),
        "actors_view": actors_view,
        # one line per pair of nodes while the actors view is on, the strongest first (gkcore.js draws them)
        "merge": merge,
        "overview_lines": OVERVIEW_LINES,
        # physics pulls edges towards this length (px): the layout's own median, so turning it on keeps the size
        "spring": _median_length(nodes, edges),
        "labels_off": labels_off,
        "types_off": types_off,
        "labels": {lb: {"color": label_style(lb).color, "shape": _shape(lb, big)} for lb in labels_present},
        "types": {t: {"color": type_style(t).color, "dashes": type_style(t).dashes,
                      "directed": is_directed(t)} for t in types_present},
        "articles": article_meta,
        "nodes": nodes,
        "edges": edges,
    }


def _label_box(node: Node, degree: int, zoom: float = 1.0) -> tuple[float, float]:
    """About how much room (width, height in px of the layout) a node and the label under it take at zoom
    1, or at an overview's ``zoom`` < 1, where the page draws a hub's label a little bigger and keeps its
    size on screen (gkcore.js's sizeLabels), not the node's."""
    document = node.label in DOCUMENT_LABELS
    size = 7.0 if document else node_size(degree)
    chars = len(_display_label(node))
    char = 6.0 if document else 7.2 if zoom >= 1 else 7.9
    width = max(2 * size, (chars * char + 8) / zoom)
    return width, 2 * size + ((14 if document else 17) + 6) / zoom


def _spread_labelled(pos: Any, node_ids: list[str], labelled: set[str], hidden: list[bool],
                     pairs: list[tuple[int, int]], weights: list[int] | None, doc: GraphDoc,
                     degree: dict[str, int], canvas: tuple[int, int]) -> Any:
    """Move the nodes labelled at overview apart until their labels clear each other at the zoom that fits
    the map into ``canvas``, each other node moving with the labelled node it is most tied to
    (so a hub keeps its neighbours around it). Positions in px."""
    heads = [i for i, node_id in enumerate(node_ids) if node_id in labelled]
    slot = {i: k for k, i in enumerate(heads)}
    best: dict[int, tuple[int, int]] = {}  # node -> (weight, the labelled node it is most tied to)
    for k, (a, b) in enumerate(pairs):
        w = weights[k] if weights is not None else 1
        for me, other in ((a, b), (b, a)):
            if other in slot and me not in slot and w > best.get(me, (0, -1))[0]:
                best[me] = (w, other)
    follows = [slot[best[i][1]] if i in best else -1 for i in range(len(node_ids))]
    shown = ~np.asarray(hidden, dtype=bool)
    if not shown.any():
        return pos
    # as wide as the window is: the same zoom then shows the map bigger
    spread = np.maximum(pos[shown].max(axis=0) - pos[shown].min(axis=0), 1.0)
    wider = (canvas[0] / canvas[1]) / (spread[0] / spread[1])
    if wider > 1:
        pos = pos * np.asarray([wider, 1.0])
    fits = _fit_zoom(pos[shown], canvas)
    if fits > HUBS_ONLY_ZOOM:  # so small that every label would be drawn at once, on top of each other
        pos = pos * (fits / HUBS_ONLY_ZOOM)
    for _ in range(5):  # spreading widens the map a little, and so lowers the zoom it is shown at
        zoom = min(1.0, _fit_zoom(pos[shown], canvas))
        boxes = [_label_box(doc.nodes[node_ids[i]], degree[node_ids[i]], zoom) for i in heads]
        pos = separate_groups(pos, heads, [b[0] for b in boxes], [b[1] for b in boxes], follows)
    return pos


def _fit_zoom(pos: Any, canvas: tuple[int, int]) -> float:
    """The zoom at which vis-network's fit shows positions ``pos`` (px) in ``canvas`` (0.85: its margin and the
    nodes and labels at the rim), before its cap at 1."""
    spread = np.maximum(pos.max(axis=0) - pos.min(axis=0), 1.0)
    return 0.85 * min(canvas[0] / float(spread[0]), canvas[1] / float(spread[1]))


def _median_length(nodes: list[dict[str, Any]], edges: list[dict[str, Any]]) -> float:
    at = {n["id"]: (n["x"], n["y"]) for n in nodes}
    lengths = sorted(math.dist(at[e["from"]], at[e["to"]]) for e in edges if e["from"] != e["to"])
    return round(lengths[len(lengths) // 2], 1) if lengths else 100.0


def _offset(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _positions(node_ids: list[str], pairs: list[tuple[int, int]], hidden: list[bool], articles: list[bool],
               weights: list[int] | None = None) -> tuple[Any, list[tuple[int, int]]]:
    """Layout positions, and the pairs that set the drawing's scale.

    With nodes hidden at first (the actors view) the layout is made for the
    nodes shown, so that view is not shaped by what it hides; each hidden node
    is then placed by the shown nodes it is joined to (Articles on a ring
    around them), where it appears when the viewer shows everything.
    ``weights`` (one per pair) make the pairs that carry more facts pull harder.
    """
    if not any(hidden):
        return force_layout(len(node_ids), pairs, weights=weights), pairs
    shown = [i for i, h in enumerate(hidden) if not h]
    local = {g: i for i, g in enumerate(shown)}
    core = [k for k, (a, b) in enumerate(pairs) if not hidden[a] and not hidden[b]]
    core_pairs = [pairs[k] for k in core]
    core_pos = force_layout(len(shown), [(local[a], local[b]) for a, b in core_pairs],
                            weights=None if weights is None else [weights[k] for k in core])
    return place_around(len(node_ids), shown, core_pos, pairs, ring=[i for i, a in enumerate(articles) if a]), \
        core_pairs


def _labelled(node_ids: list[str], degree: dict[str, int], hidden: list[bool], doc: GraphDoc) -> set[str]:
    """The nodes labelled at overview: all of them on a small map; on a bigger one the
    :data:`LABELLED_AT_OVERVIEW` best-connected entities shown at first (the rest appear on zoom)."""
    shown = [i for i, h in zip(node_ids, hidden, strict=True) if not h]
    if len(shown) <= LABELLED_AT_OVERVIEW * 2:
        return set(shown)
    entities = [i for i in shown if doc.nodes[i].label not in DOCUMENT_LABELS] or shown
    return set(sorted(entities, key=lambda i: (-degree[i], i))[:LABELLED_AT_OVERVIEW])


def _shape(label: str, big: bool) -> str:
    """The node shape; on big maps Statements are dots, because a box sized to its (hidden) text
    would cover the overview."""
    shape = label_style(label).shape
    return "dot" if big and shape == "box" else shape


def _pixel_scale(raw: Any, pairs: list[tuple[int, int]]) -> float:
    """Layout units to pixels: edges about 120 px long, but nodes never closer on average than ~100 px on
    a map of a few dozen nodes, where every label is drawn, down to ~45 px on big ones, where most labels
    wait for the viewer to zoom in."""
    n = len({i for pair in pairs for i in pair}) or len(raw)
    if n < 2:
        return 1.0
    spread = raw.max(axis=0) - raw.min(axis=0)
    per_node = math.sqrt(max(float(spread[0] * spread[1]), 1e-9) / len(raw))
    scale = max(45.0, 110.0 - 10.0 * math.log2(max(n, 16) / 16)) / per_node
    if pairs:
        lengths = sorted(math.dist(raw[a], raw[b]) for a, b in pairs)
        median = lengths[len(lengths) // 2]
        if median > 0:
            scale = min(max(scale, 120.0 / median), 240.0 / median)  # a handful of nodes: no edge of half a screen
    return scale


def _legend(doc: GraphDoc, data: dict[str, Any]) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Legend rows: labels with colour, shape and count; types grouped by family with counts, and
    whether each type starts switched on."""
    label_counts: dict[str, int] = {}
    for node in doc.nodes.values():
        label_counts[node.label] = label_counts.get(node.label, 0) + 1
    type_counts: dict[str, int] = {}
    for rel in doc.relationships.values():
        type_counts[rel.type] = type_counts.get(rel.type, 0) + 1
    labels = [{"name": lb, "color": st["color"], "shape": st["shape"], "count": label_counts.get(lb, 0),
               "on": lb not in data["labels_off"]} for lb, st in data["labels"].items()]
    groups: dict[str, list[dict[str, Any]]] = {}
    for t, st in data["types"].items():
        groups.setdefault(type_style(t).group, []).append(
            {"name": t, "color": st["color"], "dashes": st["dashes"], "count": type_counts.get(t, 0),
             "on": t not in data["types_off"]})
    titles = {"structure": "who is who", "cooperative": "cooperative", "hostile": "hostile",
              "statements": "statements and sources", "other": "other"}
    return labels, [{"title": titles.get(g, g), "types": rows} for g, rows in groups.items()]


def _plural(label: str, count: int) -> str:
    """"Statement" -> "statements": how the header counts hidden nodes."""
    word = label.lower()
    return word if count == 1 else word + "s"


def _sources(doc: GraphDoc, meta: dict[str, dict[str, str]]) -> list[dict[str, Any]]:
    """The header's source list: every article the map's nodes and relationships come from.

    A map cut with ``--label Person`` or ``--focus`` has no Article nodes but
    still comes from articles: those are listed by the title in ``meta`` (what
    the caller knows of them), else by id.
    """
    known = {a.id: a for a in doc.by_label("Article")}
    referenced = {str(a) for n in doc.nodes.values() for a in n.properties.get("articles", ())}
    referenced |= {str(r.properties["article"]) for r in doc.relationships.values() if r.properties.get("article")}
    rows = [{"id": a.id, "title": str(a.properties.get("title") or a.id), "in_map": True,
             "source": str(a.properties.get("source") or ""), "published": str(a.properties.get("published") or "")}
            for a in known.values()]
    rows += [{"id": i, "title": meta.get(i, {}).get("title") or f"article {i}", "in_map": False,
              "source": meta.get(i, {}).get("source", ""), "published": meta.get(i, {}).get("published", "")}
             for i in referenced - set(known)]
    return sorted(rows, key=lambda a: (not a["in_map"], a["published"], a["title"], a["id"]))


def render_html(doc: GraphDoc, *, title: str = "graphkit map", physics: bool = False,
                articles: dict[str, dict[str, Any]] | None = None) -> str:
    """The map of ``doc`` as one self-contained HTML page.

    The page draws the positions computed here as its first frame, at once.
    ``physics`` says whether vis-network's physics is running from then on
    (nodes settle while visible; no stabilisation runs before the first frame);
    off by default, and the viewer can toggle it either way. ``articles`` maps
    article ids to their properties (title, source, published) for articles whose
    nodes are not drawn, so the sources and the evidence name them by title.
    """
    assets = _assets()
    data = graph_data(doc, physics=physics, articles=articles)
    legend_labels, legend_types = _legend(doc, data)
    hidden_types = [row for group in legend_types for row in group["types"] if not row["on"]]
    actors_hidden = [{"name": _plural(row["name"], row["count"]), "count": row["count"]}
                     for row in legend_labels if not row["on"]]
    sources = _sources(doc, data["articles"])
    csp = "; ".join([
        "default-src 'none'",
        "script-src " + " ".join(_csp_hash(assets[key]) for key in ("vis_js", "core_js", "app_js")),
        "style-src 'unsafe-inline'",
        "img-src data:",
        "base-uri 'none'",
        "form-action 'none'",
    ])
    return _template().render(
        title=title,
        node_count=len(doc.nodes),
        rel_count=len(doc.relationships),
        articles=sources,
        legend_labels=legend_labels,
        legend_types=legend_types,
        hidden_types=hidden_types,
        actors_hidden=actors_hidden,
        physics=data["physics"],
        big=data["big"],
        csp=csp,
        data_json=Markup(script_json(data)),
        vis_js=Markup(assets["vis_js"]),
        vis_css=Markup(assets["vis_css"]),
        core_js=Markup(assets["core_js"]),
        app_js=Markup(assets["app_js"]),
        app_css=Markup(assets["app_css"]),
    )


def write_map(doc: GraphDoc, path: str | Path, **kw: Any) -> Path:
    """Render ``doc`` and write it to ``path`` atomically; return the path.

    The page goes to a temporary file in the same directory that is renamed
    over ``path``, so a reader (or a browser reloading) never sees half a map
    and a failed run leaves the previous map in place. Keyword arguments go to
    :func:`render_html`.
    """
    text = render_html(doc, **kw)
    try:
        return atomic_write(path, text)
    except OutputError as exc:
        cause = exc.__cause__
        raise RenderError(f"cannot write map to {path}: {getattr(cause, 'strerror', None) or cause}") from exc


def show(doc: GraphDoc, *, height: int = 640, **kw: Any) -> Any:
    """Display the map inline in Jupyter; returns an ``IPython.display.HTML`` object.

    The page goes into an ``<iframe srcdoc>`` (attribute-escaped) sandboxed to
    scripts only, so its script and styles cannot touch the notebook and nothing
    is written to disk. Keyword arguments go to :func:`render_html`.
    """
    try:
        from IPython.display import HTML
    except ImportError as exc:
        raise RenderError("show() needs IPython (pip install ipython); use write_map() outside Jupyter") \
            from exc
    page = render_html(doc, **kw)
    frame = (f'<iframe srcdoc="{html.escape(page, quote=True)}" sandbox="allow-scripts" '
             f'style="width:100%;height:{int(height)}px;border:1px solid #ddd"></iframe>')
    # Wrapped in a div: IPython warns about a bare <iframe> and suggests IFrame, which needs a URL.
    return HTML(f'<div class="graphkit-map">{frame}</div>')
