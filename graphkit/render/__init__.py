"""Interactive HTML maps of a graph: one self-contained, offline, XSS-safe file per map.

``select`` cuts the part to draw out of a GraphDoc, ``render_html`` turns it
into a page, ``write_map`` writes that page atomically, and ``show`` displays
it in Jupyter. The page is documented for users in ``docs/maps.md``.
"""

from __future__ import annotations

from .html import BIG_GRAPH_NODES, RenderError, graph_data, render_html, script_json, show, write_map
from .subgraph import find_nodes, select

__all__ = [
    "BIG_GRAPH_NODES",
    "RenderError",
    "find_nodes",
    "graph_data",
    "render_html",
    "script_json",
    "select",
    "show",
    "write_map",
]
