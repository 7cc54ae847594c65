"""What every stage shares: sizes per scale, the Metric record, interleaved timing, peak memory."""

from __future__ import annotations

import gc
import os
import re
import resource
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "out" / "bench"


@dataclass(frozen=True)
class Scale:
    """Sizes of one run: ``default`` fits in a few minutes on 2 cores, ``full`` is the issue's sizes."""

    name: str
    extract_articles: int
    extract_reps: int
    nx_rels: int
    neo4j_rels: int
    neo4j_naive_rels: int
    neo4j_sweep_rels: int
    map_nodes: tuple[int, ...]
    memory_articles: tuple[int, int]
    draw_cap_s: float = 60.0

    batch_sizes: tuple[int, ...] = (500, 2000, 10_000)
    #: extracted articles loaded through graphkit and its peers (LangChain, neo4j-graphrag)
    neo4j_corpus_articles: int = 60


SCALES = {
    "default": Scale("default", extract_articles=48, extract_reps=2, nx_rels=100_000, neo4j_rels=30_000,
                     neo4j_naive_rels=800, neo4j_sweep_rels=6_000, map_nodes=(1000, 10_000),
                     memory_articles=(100, 400)),
    "full": Scale("full", extract_articles=1000, extract_reps=3, nx_rels=1_000_000, neo4j_rels=1_000_000,
                  neo4j_naive_rels=10_000, neo4j_sweep_rels=100_000, map_nodes=(1000, 10_000),
                  memory_articles=(1000, 10_000), batch_sizes=(500, 1000, 2000, 5000, 10_000),
                  neo4j_corpus_articles=300),
}


def scale_from_env() -> Scale:
    name = os.environ.get("BENCH_SCALE", "default") or "default"
    if name not in SCALES:
        raise SystemExit(f"BENCH_SCALE={name!r}: expected one of {', '.join(SCALES)}")
    return SCALES[name]


_GOAL = re.compile(r"^(>=|<=|<|>)\s*([0-9.]+)$")


@dataclass
class Metric:
    """One figure of the report. ``goal`` is ``">= 0.8"``-style or empty (information only).

    ``value`` is a string when the figure could not be measured (``"skipped: no server"``).
    """

    name: str
    value: float | int | str | None
    unit: str = ""
    goal: str = ""
    note: str = ""
    status: str = field(default="")

    def __post_init__(self) -> None:
        if not self.status:
            self.status = judge(self.value, self.goal)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def judge(value: object, goal: str) -> str:
    """``pass``/``FAIL`` against the goal, ``skip`` when unmeasured, ``info`` without a goal."""
    if value is None or (isinstance(value, str) and value.startswith(("skipped", "error"))):
        return "skip"
    if not goal or isinstance(value, str):
        return "info"
    match = _GOAL.match(goal)
    if match is None:
        raise ValueError(f"bad goal {goal!r}")
    op, bound = match.group(1), float(match.group(2))
    ok = {">=": value >= bound, "<=": value <= bound, "<": value < bound, ">": value > bound}[op]
    return "pass" if ok else "FAIL"


def skipped(names_units: list[tuple[str, str, str]], reason: str) -> list[Metric]:
    """The same metrics, recorded as not measured, with the reason."""
    return [Metric(name, f"skipped: {reason}", unit, goal) for name, unit, goal in names_units]


def timed(fn: Callable[[], Any]) -> tuple[float, Any]:
    """Seconds taken by ``fn()`` (after a garbage collection, so earlier garbage is not billed) and its result."""
    gc.collect()
    start = time.perf_counter()
    result = fn()
    return time.perf_counter() - start, result


def interleaved(fns: dict[str, Callable[[], Any]], reps: int) -> dict[str, float]:
    """Best time of each function over ``reps`` rounds, run in turn (A B A B ...).

    Alternating and taking the minimum is what makes ratios usable on a shared,
    noisy machine: a burst of load elsewhere slows one round, not one side.
    """
    best = dict.fromkeys(fns, float("inf"))
    for _ in range(reps):
        for name, fn in fns.items():
            seconds, result = timed(fn)
            del result
            best[name] = min(best[name], seconds)
    return best


def peak_rss_mb(children: bool = False) -> float:
    """Peak resident memory of this process (or of its largest finished child), in MB."""
    who = resource.RUSAGE_CHILDREN if children else resource.RUSAGE_SELF
    return resource.getrusage(who).ru_maxrss / 1024  # Linux reports KiB


def rss_mb() -> float:
    """Current resident memory of this process, in MB (from /proc, Linux)."""
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20
