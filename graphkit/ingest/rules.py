"""The rule stages run after entity resolution, in order.

Each stage is a function of one :class:`~graphkit.ingest.context.Context`;
the order matters because later stages read what earlier ones found (offices
are needed to resolve "Russia's foreign minister" to a person).
"""

from __future__ import annotations

from collections.abc import Callable

from . import events, interactions, statements, structure
from .context import Context
from .offices import find_offices

STAGES: list[Callable[[Context], None]] = [
    find_offices,
    structure.apply,
    statements.apply,
    interactions.apply,
    events.apply,
]


def apply_all(ctx: Context) -> None:
    for stage in STAGES:
        stage(ctx)
