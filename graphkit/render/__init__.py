"""Interactive HTML maps of a graph: one self-contained, offline, XSS-safe file per map.

``select`` cuts the part to draw out of a GraphDoc, ``render_html`` turns it
into a page, ``write_map`` writes that page atomically, and ``show`` displays
it in Jupyter. The page is documented for users in ``docs/maps.md``.
"""

from __future__ import annotations

from .html import ACTORS_VIEW_NODES, BIG_GRAPH_NODES, RenderError, graph_data, render_html, script_json, show, write_map
from .notebook import to_pyvis
from .subgraph import DOCUMENT_LABELS, find_nodes, map_title, returned_node_ids, select

__all__ = [
    "ACTORS_VIEW_NODES",
    "BIG_GRAPH_NODES",
    "DOCUMENT_LABELS",
    "RenderError",
    "find_nodes",
    "graph_data",
    "map_title",
    "render_html",
    "returned_node_ids",
    "script_json",
    "select",
    "show",
    "to_pyvis",
    "write_map",
]
