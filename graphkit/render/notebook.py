"""A graph as a ``pyvis.network.Network`` styled like graphkit's maps, for notebook users who customise
with pyvis itself.

pyvis writes its pages with its own template, which is not graphkit's: it
loads vis-network and Bootstrap from a CDN unless ``cdn_resources="in_line"``,
puts node ids and the heading into the page unescaped, and shows a tooltip as
HTML once any title holds ``href``. So every title made here is HTML-escaped
text, and ``render``/``write_map`` stay the safe standalone writer
(docs/maps.md, "From Python and Jupyter").
"""

from __future__ import annotations

import html
from typing import Any

from ..model import GraphDoc
from .html import graph_data


def _title(*lines: str) -> str:
    """Tooltip text, escaped: pyvis may show it as HTML."""
    return "\n".join(html.escape(line, quote=True) for line in lines if line)


def to_pyvis(graph: GraphDoc, *, height: str = "720px", width: str = "100%", **network: Any) -> Any:
    """A ``pyvis.network.Network`` of ``graph`` with graphkit's labels, colours, shapes and positions.

    Nodes carry their short label, an escaped tooltip (name, label and kind,
    aliases), the label's colour and shape, a size by degree and the positions
    graphkit's layout computed; physics starts off on graphs above
    :data:`~graphkit.render.BIG_GRAPH_NODES` nodes, where pyvis's stabilisation
    would keep the page blank for long. Relationships of one type between the
    same two nodes are one edge with a count, as on the maps. Extra keyword
    arguments go to ``Network`` (``notebook=True``, ``cdn_resources=...``).
    """
    from pyvis.network import Network

    data = graph_data(graph)
    net = Network(height=height, width=width, directed=True, **network)
    names = {n["id"]: n["name"] for n in data["nodes"]}
    for n in data["nodes"]:
        style = data["labels"][n["group"]]
        kind = f"{n['group']} · {n['kind']}" if n.get("kind") else n["group"]
        aliases = ", ".join(n["aliases"])
        net.add_node(n["id"], label=n["label"], title=_title(n["name"], kind, aliases and f"also: {aliases}",
                                                             n.get("text", "")),
                     color=style["color"], shape=style["shape"], size=n["size"], x=n["x"], y=n["y"])
    for e in data["edges"]:
        style = data["types"][e["type"]]
        first = next((ev[1] for ev in e["evidence"] if ev[1]), "")
        arrow = " → " if style["directed"] else " — "
        net.add_edge(e["from"], e["to"], title=_title(f"{e['type']} ({e['count']})",
                                                      names[e["from"]] + arrow + names[e["to"]], first),
                     color=style["color"], width=min(1.6 + e["count"] ** 0.5, 6), dashes=style["dashes"],
                     arrows="to" if style["directed"] else "")
    if data["big"]:
        net.toggle_physics(False)
    return net
