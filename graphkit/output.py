"""Rows as people and programs read them: a table that fits the terminal, JSON, JSON Lines, CSV or TSV.

Every command that prints rows offers the same ``--format`` choices
(:data:`FORMATS`). A table is drawn by rich: columns share the width, long
cells end in an ellipsis (one line per row, so ``grep`` still works), numbers
are right-aligned, and colour is used only on a terminal. The machine formats
carry every value in full.
"""

from __future__ import annotations

import csv
import io
import json
from typing import Any

FORMATS = ("table", "json", "jsonl", "csv", "tsv")
#: A column is not shrunk below this many characters (or its natural width, if less).
_MIN_SHRUNK = 16


def cell(value: Any) -> str:
    """One value as table or CSV text: lists joined with ``; ``, objects as JSON, None as nothing."""
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return "; ".join(cell(v) for v in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    return str(value)


def render_rows(columns: list[str], rows: list[dict[str, Any]], fmt: str, *, width: int = 100,
                color: bool = False) -> str:
    """``rows`` (dicts keyed by ``columns``) in ``fmt``; a table is at most ``width`` characters wide."""
    if fmt == "json":
        return json.dumps(rows, ensure_ascii=False, indent=2, default=str) + "\n"
    if fmt == "jsonl":
        return "".join(json.dumps(row, ensure_ascii=False, default=str) + "\n" for row in rows)
    if fmt in ("csv", "tsv"):
        buf = io.StringIO()
        writer = csv.writer(buf, lineterminator="\n", delimiter="\t" if fmt == "tsv" else ",")
        writer.writerow(columns)
        for row in rows:
            writer.writerow([cell(row.get(c)) for c in columns])
        return buf.getvalue()
    return _table(columns, rows, width, color)


def _table(columns: list[str], rows: list[dict[str, Any]], width: int, color: bool) -> str:
    from rich import box
    from rich.console import Console
    from rich.table import Table

    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, header_style="bold" if color else "",
                  expand=False)
    cells = [[cell(row.get(c)).replace("\n", " ") for c in columns] for row in rows]
    natural = [max([len(c)] + [len(r[i]) for r in cells]) for i, c in enumerate(columns)]
    for c, w in zip(columns, _fit(natural, width - 3 * (len(columns) - 1)), strict=True):
        numeric = bool(rows) and all(isinstance(r.get(c), (int, float)) and not isinstance(r.get(c), bool)
                                     for r in rows if r.get(c) is not None)
        table.add_column(c, overflow="ellipsis", no_wrap=True, justify="right" if numeric else "left", width=w)
    for row in cells:
        table.add_row(*row)
    buf = io.StringIO()
    console = Console(file=buf, width=max(width, 20), force_terminal=color, no_color=not color,
                      color_system="standard" if color else None, highlight=False, emoji=False, markup=False)
    console.print(table)
    lines = [line.rstrip() for line in buf.getvalue().splitlines()]
    lines.append(f"({len(rows)} row{'' if len(rows) == 1 else 's'})")
    return "\n".join(lines) + "\n"


def _fit(widths: list[int], room: int) -> list[int]:
    """Column widths that fit ``room``: the widest columns give way first, none below a floor."""
    if sum(widths) <= room:
        return widths
    floor = [min(w, _MIN_SHRUNK) for w in widths]
    cap = max(widths)
    while cap > _MIN_SHRUNK and sum(max(min(w, cap), f) for w, f in zip(widths, floor, strict=True)) > room:
        cap -= 1
    return [max(min(w, cap), f) for w, f in zip(widths, floor, strict=True)]


def render_stats(stats: dict[str, dict[str, int]], fmt: str) -> str:
    """``graphkit stats``: counts per label and per type, as text or in a machine format."""
    if fmt == "json":
        return json.dumps(stats, indent=2, sort_keys=True) + "\n"
    if fmt != "table":
        rows = [{"kind": "node" if key == "nodes" else "relationship", "name": name, "count": n}
                for key in ("nodes", "relationships") for name, n in stats[key].items()]
        return render_rows(["kind", "name", "count"], rows, fmt)
    lines = []
    for key in ("nodes", "relationships"):
        counts = stats[key]
        lines.append(f"{key}: {sum(counts.values())}")
        width = max((len(k) for k in counts), default=0)
        lines += [f"  {k.ljust(width)}  {v:>6}" for k, v in counts.items()]
    return "\n".join(lines) + "\n"
