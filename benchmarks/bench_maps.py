"""Maps: write time and size of graphkit's map, and time to first draw in headless Chromium.

The first draw is timed inside the page: a script injected before the page's own
catches the vis Network the page creates (``window.graphkitNetwork`` on ours,
the global ``network`` on pyvis's) and records ``performance.now()``, i.e. time
since navigation started, at its first ``afterDrawing`` event: when the user first
sees a map. (vis-network draws nothing while its physics stabilises; graphkit's maps
skip that, pyvis's do not.)
The comparison is pyvis's defaults (physics on) on the same graph, written with
``cdn_resources="in_line"``; its page still asks jsDelivr for Bootstrap, which is
refused here so that the run stays offline, as a viewer without network would see it.
"""

from __future__ import annotations

import json
import os
import time
from pathlib import Path
from typing import Any

import synthetic
from common import OUT, Metric, Scale, timed

from graphkit.model import GraphDoc
from graphkit.render import write_map

CHROMIUM = Path(os.environ.get("GRAPHKIT_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
HOOK = """
(() => {
  const t = {};
  window.__gkDraw = t;
  for (const name of ["graphkitNetwork", "network"]) {
    let value;
    Object.defineProperty(window, name, {configurable: true, get() { return value; }, set(v) {
      value = v;
      if (v && typeof v.once === "function" && t.created === undefined) {
        t.created = performance.now();
        v.once("afterDrawing", () => {
          t.firstDraw = performance.now();
          console.log("gk-draw " + JSON.stringify(t));
        });
      }
    }});
  }
})();
"""


def pyvis_page(doc: GraphDoc, path: Path) -> Path:
    """The same graph with pyvis's defaults: physics on, its own template, vis inlined."""
    from pyvis.network import Network

    net = Network(directed=True, cdn_resources="in_line")
    for node in doc.nodes.values():
        net.add_node(node.id, label=node.name[:40], title=node.label, group=node.label)
    # Appended as pyvis's add_edge would store them: add_edge checks both ends with a list scan,
    # O(nodes) per edge, which would time pyvis's Python side rather than the page.
    net.edges = [{"from": r.start, "to": r.end, "title": r.type, "arrows": "to"}
                 for r in doc.relationships.values()]
    net.write_html(str(path), notebook=False)
    return path


def first_draw(chromium: Any, path: Path, cap_s: float) -> tuple[float | None, float | None]:
    """Seconds from navigation to the vis Network's creation and to its first drawn frame (None: not by ``cap_s``).

    A fresh browser per page, closed (killed) afterwards: a page still stabilising
    past the cap keeps its renderer busy, and nothing else should share it.
    """
    browser = chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
    try:
        page = browser.new_page(viewport={"width": 1400, "height": 900})
        page.route("http*://**", lambda route: route.abort())  # offline, like the tests
        page.add_init_script(HOOK)
        try:
            # The hook reports on the console: evaluating in a page busy stabilising would block.
            with page.expect_console_message(lambda m: m.text.startswith("gk-draw "), timeout=cap_s * 1000) as msg:
                page.goto(path.resolve().as_uri(), wait_until="commit", timeout=cap_s * 1000)
        except Exception as e:  # playwright's TimeoutError
            if type(e).__name__ != "TimeoutError":
                raise
            return None, None
        t = json.loads(msg.value.text.split(" ", 1)[1])
        return t["created"] / 1000, t["firstDraw"] / 1000
    finally:
        browser.close()


def playwright_or_reason() -> tuple[Any, str]:
    """(started playwright, "") or (None, why not)."""
    if not CHROMIUM.exists():
        return None, f"{CHROMIUM} missing (make browser-deps)"
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return None, "playwright not installed (make browser-deps)"
    return sync_playwright().start(), ""


def run(scale: Scale) -> list[Metric]:
    folder = OUT / "maps"
    folder.mkdir(parents=True, exist_ok=True)
    metrics: list[Metric] = []
    docs: dict[int, GraphDoc] = {}
    for n in scale.map_nodes:
        docs[n] = doc = synthetic.generate(n, 3 * n, seed=n)
        seconds, path = timed(lambda d=doc, n=n: write_map(d, folder / f"map{n // 1000}k.html"))
        metrics += [
            Metric(f"map{n // 1000}k_write_s", round(seconds, 2), "s",
                   note=f"graphkit.render.write_map, {n:,} nodes, {len(doc.relationships):,} relationships"),
            Metric(f"map{n // 1000}k_file_mb", round(path.stat().st_size / 1e6, 2), "MB",
                   note="self-contained: vis-network inlined"),
        ]
    small, big = min(scale.map_nodes), max(scale.map_nodes)
    tag = f"map{big // 1000}k"
    # The small map again with physics running from the first frame (the viewer's checkbox, or
    # physics=True): the page must still draw at once, without stabilising first.
    write_map(docs[small], folder / f"map{small // 1000}k-physics.html", physics=True)
    start = time.perf_counter()
    pyvis_path = pyvis_page(docs[big], folder / f"pyvis{big // 1000}k.html")
    metrics.append(Metric(f"pyvis{big // 1000}k_write_s", round(time.perf_counter() - start, 2), "s",
                          note=f"pyvis defaults, same graph, {pyvis_path.stat().st_size / 1e6:.1f} MB"))

    pw, reason = playwright_or_reason()
    if pw is None:
        names = [f"map{n // 1000}k_first_draw_s" for n in scale.map_nodes] + [f"pyvis{big // 1000}k_first_draw_s"]
        return metrics + [Metric(name, f"skipped: {reason}", "s", "< 5" if name == f"{tag}_first_draw_s" else "")
                          for name in names]
    cap = scale.draw_cap_s
    try:
        pages = [(f"map{n // 1000}k", folder / f"map{n // 1000}k.html", "graphkit map") for n in scale.map_nodes]
        pages.append((f"map{small // 1000}k_physics_on", folder / f"map{small // 1000}k-physics.html",
                      "graphkit map written with physics=True"))
        pages.append((f"pyvis{big // 1000}k", pyvis_path, "pyvis defaults (physics on), same graph"))
        for name, path, what in pages:
            created, drawn = first_draw(pw.chromium, path, cap)
            goal = "< 5" if name == tag else ""
            metrics.append(Metric(
                f"{name}_first_draw_s", round(drawn, 2) if drawn is not None else f">{cap:.0f}", "s", goal,
                f"{what}: headless Chromium, navigation to first drawn frame; network created at "
                + (f"{created:.1f} s" if created is not None else "-"),
                status="" if drawn is not None else "FAIL" if goal else "info"))
    finally:
        pw.stop()
    return metrics
