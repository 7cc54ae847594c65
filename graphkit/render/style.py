"""How each node label and relationship type looks on a map.

Colours and shapes are data, kept here in one place so the legend, the nodes and
the docs agree. Labels use a colour *and* a shape each, so the map still reads
in greyscale and for colour-blind readers. Relationship types are coloured by
family: red-orange for hostile interactions, green-blue for cooperative ones,
slate for who-is-who structure, grey for the statement/mention plumbing, so a
reader sees the tone of a neighbourhood before reading any label.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from ..schema import SYMMETRIC, family


@dataclass(frozen=True)
class LabelStyle:
    """Look of one node label: fill colour and a vis-network shape name."""

    color: str
    shape: str


@dataclass(frozen=True)
class TypeStyle:
    """Look of one relationship type: line colour, dashed or not, and the legend group it sits in."""

    color: str
    group: str
    dashes: bool = False


#: One colour and one shape per label of the schema (Tableau 10 hues, distinct for common colour blindness).
LABEL_STYLES: dict[str, LabelStyle] = {
    "Person": LabelStyle("#4e79a7", "dot"),
    "State": LabelStyle("#e15759", "diamond"),
    "Organization": LabelStyle("#f28e2b", "triangle"),
    "Place": LabelStyle("#59a14f", "triangleDown"),
    "Alliance": LabelStyle("#b07aa1", "hexagon"),
    "Event": LabelStyle("#d4a017", "star"),
    "Statement": LabelStyle("#76b7b2", "dot"),
    "Article": LabelStyle("#9d9590", "square"),
}

#: The line colour of each relationship type, in legend order (families in the order of ``schema.FAMILIES``).
_TYPE_COLORS: dict[str, str] = {
    "LEADS": "#2f4b7c",
    "HOLDS_OFFICE": "#4f6d9a",
    "PART_OF": "#6b7f99",
    "LOCATED_IN": "#7a8c5c",
    "MEMBER_OF": "#8e6c8a",
    "ALLIED_WITH": "#5b4a9e",
    "SUPPORTS": "#2e8b57",
    "PRAISED": "#4caf50",
    "COOPERATES_WITH": "#1b9e77",
    "MET": "#1f78b4",
    "VISITED": "#3ca0d0",
    "SIGNED": "#6a3d9a",
    "SENT_TROOPS_TO": "#00796b",
    "SUPPLIED_WEAPONS_TO": "#827717",
    "CALLED_ON": "#0097a7",
    "OPPOSES": "#d95f02",
    "CRITICIZED": "#e6550d",
    "ACCUSED": "#c2185b",
    "WARNED": "#d62728",
    "THREATENED": "#a50f15",
    "FIGHTS": "#67000d",
    "MADE": "#5f9ea0",
    "ABOUT": "#8fbcbb",
    "REPORTED_BY": "#a0887e",
    "PARTICIPATED_IN": "#b8a13a",
    "MENTIONED_IN": "#c8c8c8",
}
#: Relationship types in legend order, with their colour and their family from the schema.
TYPE_STYLES: dict[str, TypeStyle] = {
    t: TypeStyle(color, family(t), dashes=t == "MENTIONED_IN") for t, color in _TYPE_COLORS.items()
}

#: Colours for labels or types a future model adds before this table learns them.
_FALLBACK = ("#9c755f", "#ff9da7", "#bab0ac", "#86bcb6", "#8cd17d", "#f1ce63", "#d37295", "#a0cbe8")


def _fallback_color(name: str) -> str:
    """A stable colour for an unknown name (stable across runs, unlike ``hash()``)."""
    digest = hashlib.sha256(name.encode("utf-8")).digest()
    return _FALLBACK[digest[0] % len(_FALLBACK)]


def label_style(label: str) -> LabelStyle:
    """The style of ``label``; unknown labels get a stable colour and a dot."""
    return LABEL_STYLES.get(label) or LabelStyle(_fallback_color(label), "dot")


def type_style(rel_type: str) -> TypeStyle:
    """The style of ``rel_type``; unknown types get a stable colour in the 'other' group."""
    return TYPE_STYLES.get(rel_type) or TypeStyle(_fallback_color(rel_type), "other")


def is_directed(rel_type: str) -> bool:
    """Whether the map draws an arrow: symmetric types (MET, ALLIED_WITH) have no direction."""
    return rel_type not in SYMMETRIC


def node_size(degree: int, base: float = 10.0) -> float:
    """Node radius in pixels: grows with the square root of the degree so hubs stand out without
    swallowing the map (an Article mentioning 300 entities stays readable). A big map passes a smaller
    ``base``: its thousands of nodes with a connection or two are dots, and its hubs stand out."""
    return round(min(base + 4.0 * degree ** 0.5, 48.0), 1)


def short(text: str, limit: int) -> str:
    """``text`` on one line, cut at a word boundary to at most ``limit`` characters plus an ellipsis."""
    text = " ".join(str(text).split())
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0] if " " in text[:limit] else text[:limit]
    return cut.rstrip(" ,;:.") + "…"
