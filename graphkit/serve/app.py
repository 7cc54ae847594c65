"""``graphkit serve``: the explorer, a Starlette app over one read-only store.

Endpoints (all GET but ``/api/query`` and ``/api/export``, all JSON but the page, its assets and the export):

=====================  ===========================================================================
``/``                  the explorer page
``/static/NAME``       vis-network's script and CSS (from the installed pyvis) and the page's own files
``/api/info``          counts, labels, types, article dates, the query library with its parameters
``/api/search?q=``     nodes by name or alias, for suggestions
``/api/node/ID``       one node with its connections grouped by type and direction
``/api/expand/ID``     the node and its next 100 neighbours (``offset`` for "show more")
``/api/path?a=&b=``    the shortest chain between two nodes, not through articles (up to ``max_hops``)
``/api/actors``        entities and their interactions, filtered by label, type, article, dates
``/api/article/ID``    an article's text (read from the file the store names), title and date
``/api/query``         runs Cypher (text or a library name with parameters): rows, and a map of the nodes
``/api/export``        the nodes in view as a standalone map (``graphkit render``'s page)
=====================  ===========================================================================

Safety: every value from the graph reaches the page as JSON and is put on it
with ``textContent``; a Content-Security-Policy allows only the app's own
scripts and connections; a request whose ``Host`` or ``Origin`` is not the
server's own is refused (DNS rebinding); files are served only from a fixed
list of assets and, for articles, from the paths the store's Article nodes
hold; the store is opened read-only and Neo4j queries run in read transactions.

Every answer comes from the store's own Cypher (``graph.StoreGraph``): nothing
copies the graph, so a store of a million relationships opens in seconds and
a click costs what the clicked node's relationships cost.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import jinja2
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.routing import Route
from starlette.types import ASGIApp, Receive, Scope, Send

from ..errors import GraphkitError, InputError, UsageError
from ..library import LibraryQuery, load_library, run_query
from ..render import render_html, returned_node_ids
from ..render.style import label_style
from ..resolve import resolve_label, resolve_type
from ..schema import LABELS
from ..store.base import Store
from .graph import EXPAND_LIMIT, MAX_PATH_HOPS, StoreGraph

CSP = "; ".join([
    "default-src 'none'",
    "script-src 'self'",
    "connect-src 'self'",
    # vis-network sizes its canvas and tooltips through element styles
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
])
HEADERS = {"Content-Security-Policy": CSP, "X-Content-Type-Options": "nosniff", "Referrer-Policy": "no-referrer",
           "X-Frame-Options": "DENY", "Cache-Control": "no-store"}
#: Files under /static/: name -> (package, path inside it, media type). Nothing else is ever served.
ASSETS = {
    "vis-network.min.js": ("pyvis", "lib/vis-9.1.2/vis-network.min.js", "text/javascript"),
    "vis-network.css": ("pyvis", "lib/vis-9.1.2/vis-network.css", "text/css"),
    "gkcore.js": ("graphkit.render", "static/gkcore.js", "text/javascript"),
    "map.css": ("graphkit.render", "static/map.css", "text/css"),
    "explorer.js": ("graphkit.serve", "static/explorer.js", "text/javascript"),
    "explorer.css": ("graphkit.serve", "static/explorer.css", "text/css"),
}
#: Rows a query returns to the page at most (the rest are counted, not sent).
MAX_ROWS = 2000


class HostGuard:
    """Refuse requests whose ``Host`` is not one of the server's names, or whose ``Origin`` (when the
    browser sends one) is not the server itself: a page elsewhere, or a name rebound to 127.0.0.1, gets 403."""

    def __init__(self, app: ASGIApp, hosts: set[str]) -> None:
        self.app = app
        self.hosts = {h.lower() for h in hosts}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
            host = headers.get("host", "").lower()
            origin = headers.get("origin")
            bad = None
            if host not in self.hosts:
                bad = f"Host {host!r} is not this server"
            elif origin is not None and origin.lower() not in {f"http://{h}" for h in self.hosts}:
                bad = f"Origin {origin!r} is not this server"
            elif headers.get("sec-fetch-site") == "cross-site":
                bad = "cross-site request"
            if bad:
                response = JSONResponse({"error": f"graphkit: refused: {bad}"}, status_code=403, headers=HEADERS)
                await response(scope, receive, send)
                return
        await self.app(scope, receive, send)


def allowed_hosts(host: str, port: int) -> set[str]:
    """The ``Host`` values a browser sends to this server: its address, and localhost for a loopback one."""
    names = {host}
    if host in ("127.0.0.1", "localhost", "::1"):
        names |= {"127.0.0.1", "localhost", "[::1]"}
    return {f"{name}:{port}" for name in names} | ({name for name in names} if port == 80 else set())


#: Nodes of a query result drawn on the map at most (the rows are all in the table).
MAX_MAP_NODES = 1000


class Explorer:
    """The app's state: the store, its questions, the query library; one request at a time talks to the store."""

    def __init__(self, store: Store, *, queries_dir: str | Path | None = None, where: str = "",
                 graph: StoreGraph | None = None) -> None:
        self.store = store
        self.where = where
        self.library: dict[str, LibraryQuery] = load_library(queries_dir)
        self.graph = graph or StoreGraph(store)
        self.lock = threading.Lock()

    def article_file(self, article_id: str) -> tuple[dict[str, Any], str]:
        """An Article's properties and its text, read from the path the store holds for it (and only that)."""
        from ..ingest import read_article

        props = self.graph.articles().get(article_id)
        if props is None:
            raise UsageError(f"no article with id {article_id!r} in the graph")
        path = props.get("path")
        if not path:
            raise InputError(f"article {props.get('title') or article_id!r}: the store holds no file path for it")
        text = read_article(Path(str(path))).text
        return props, text


# -- endpoints ------------------------------------------------------------------------------------


def _json(value: Any, status: int = 200) -> JSONResponse:
    return JSONResponse(value, status_code=status, headers=HEADERS)


def _failure(e: Exception) -> JSONResponse:
    if isinstance(e, GraphkitError):
        return _json({"error": f"graphkit: {e}", "exit_code": e.exit_code}, 400 if e.exit_code == 2 else 422)
    return _json({"error": f"graphkit: internal error: {type(e).__name__}: {e}"}, 500)


def endpoint(fn: Callable[[Explorer, Request], Any]) -> Callable[[Request], Any]:
    """A JSON endpoint: runs ``fn`` under the store lock, turns GraphkitErrors into the CLI's one line."""

    def handler(request: Request) -> Response:
        explorer: Explorer = request.app.state.explorer
        start = time.perf_counter()
        try:
            with explorer.lock:
                result = fn(explorer, request)
        except Exception as e:  # every failure is one line for the page, as the CLI prints it
            return _failure(e)
        response = result if isinstance(result, Response) else _json(result)
        # what the answer cost here, store included (the browser's developer tools show it; make bench reads it)
        response.headers["Server-Timing"] = f"app;dur={(time.perf_counter() - start) * 1000:.1f}"
        return response

    return handler


def _body(request: Request) -> dict[str, Any]:
    import anyio.from_thread

    raw = anyio.from_thread.run(request.body)
    try:
        body = json.loads(raw or b"{}")
    except ValueError as e:
        raise UsageError(f"the request body is not JSON ({e})") from e
    if not isinstance(body, dict):
        raise UsageError("the request body must be a JSON object")
    return body


def info(ex: Explorer, request: Request) -> dict[str, Any]:
    catalogue = ex.graph.articles()
    dates = sorted(p["published"] for p in catalogue.values() if p.get("published"))
    articles = sorted(({"id": a, "title": p.get("title") or a, "published": p.get("published", "")}
                       for a, p in catalogue.items()), key=lambda a: (a["published"], a["title"]))
    return {"where": ex.where, "backend": ex.store.backend, "counts": ex.graph.counts(),
            "colors": {label: label_style(label).color for label in LABELS},
            "dates": [dates[0], dates[-1]] if dates else None, "articles": articles[:5000],
            "queries": [{**q.as_dict(), "cypher": q.cypher} for q in ex.library.values()
                        if ex.store.backend in q.backends or not q.backends
                        or (ex.store.backend != "neo4j" and "networkx" in q.backends)]}


def search(ex: Explorer, request: Request) -> Any:
    return ex.graph.search(request.query_params.get("q", ""), limit=12)


def node(ex: Explorer, request: Request) -> Any:
    return ex.graph.node(request.path_params["node_id"])


def _int(request: Request, name: str, default: int, low: int, high: int) -> int:
    raw = request.query_params.get(name)
    if raw is None:
        return default
    try:
        value = int(raw)
    except ValueError:
        raise UsageError(f"{name} must be a whole number, not {raw!r}") from None
    return max(low, min(high, value))


def expand(ex: Explorer, request: Request) -> Any:
    return ex.graph.expand(request.path_params["node_id"], offset=_int(request, "offset", 0, 0, 10**9),
                            limit=_int(request, "limit", EXPAND_LIMIT, 1, 1000))


def path(ex: Explorer, request: Request) -> Any:
    q = request.query_params
    return ex.graph.path(q.get("a", ""), q.get("b", ""), max_hops=_int(request, "max_hops", 4, 1, MAX_PATH_HOPS))


def actors(ex: Explorer, request: Request) -> Any:
    q = request.query_params
    labels = [resolve_label(x) for x in q.getlist("label") if x]
    types = [resolve_type(x) for x in q.getlist("type") if x]
    return ex.graph.actors(labels=labels, types=types, article=q.get("article") or None,
                            since=q.get("since") or None, until=q.get("until") or None)


def article(ex: Explorer, request: Request) -> Any:
    props, text = ex.article_file(request.path_params["article_id"])
    return {"id": request.path_params["article_id"], "title": str(props.get("title") or ""),
            "source": str(props.get("source") or ""), "published": str(props.get("published") or ""),
            "text": text}


def query(ex: Explorer, request: Request) -> Any:
    body = _body(request)
    text = body.get("query")
    if not isinstance(text, str) or not text.strip():
        raise UsageError("no query to run")
    params = body.get("params") or {}
    if not isinstance(params, dict):
        raise UsageError("params must be a JSON object")
    result = run_query(ex.store, text, params, library=ex.library)  # a read: Neo4j runs it in a read transaction
    ids = sorted(returned_node_ids(result.rows))
    graph = None
    if ids:
        doc, capped = ex.graph.graph_of(ids[:MAX_MAP_NODES])
        if doc.nodes:
            graph = ex.graph.piece(doc.nodes, doc.relationships.values())
            graph["capped"] = capped or len(ids) > MAX_MAP_NODES
    return {"columns": result.columns, "rows": result.rows[:MAX_ROWS], "total": len(result.rows), "graph": graph}


def export(ex: Explorer, request: Request) -> Response:
    body = _body(request)
    ids = body.get("ids")
    if not isinstance(ids, list) or not all(isinstance(i, str) for i in ids) or not ids:
        raise UsageError("nothing to export: the view is empty")
    doc, _ = ex.graph.graph_of(ids)
    if not doc.nodes:
        raise UsageError("nothing to export: none of the nodes in view is in the store now")
    title = str(body.get("title") or "graphkit explorer view")[:200]
    catalogue = ex.graph.articles()
    page = render_html(doc, title=title, articles=catalogue)
    return Response(page, media_type="text/html; charset=utf-8",
                    headers={**HEADERS, "Content-Disposition": 'attachment; filename="graphkit-map.html"'})


# -- page and assets ------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _template() -> jinja2.Template:
    # the map's templates too: the parts both pages share (the search box) are written once, there
    loader = jinja2.ChoiceLoader([jinja2.PackageLoader("graphkit.serve", "templates"),
                                  jinja2.PackageLoader("graphkit.render", "templates")])
    env = jinja2.Environment(loader=loader, autoescape=True, undefined=jinja2.StrictUndefined)
    return env.get_template("explorer.html")


def page(request: Request) -> Response:
    explorer: Explorer = request.app.state.explorer
    return HTMLResponse(_template().render(where=explorer.where), headers=HEADERS)


def asset(request: Request) -> Response:
    name = request.path_params["name"]
    if name not in ASSETS:
        return _json({"error": "graphkit: no such file"}, 404)
    package, inside, media = ASSETS[name]
    data = resources.files(package).joinpath(inside).read_bytes()
    return Response(data, media_type=media, headers={**HEADERS, "Cache-Control": "max-age=300"})


def create_app(store: Store, *, host: str = "127.0.0.1", port: int = 8765, queries_dir: str | Path | None = None,
               where: str = "", graph: StoreGraph | None = None) -> Starlette:
    """The explorer app over ``store`` (opened read-only by the caller), answering on ``host:port`` only."""
    routes = [
        Route("/", page),
        Route("/static/{name}", asset),
        Route("/favicon.ico", lambda request: Response(status_code=204, headers=HEADERS)),
        Route("/api/info", endpoint(info)),
        Route("/api/search", endpoint(search)),
        Route("/api/node/{node_id:path}", endpoint(node)),
        Route("/api/expand/{node_id:path}", endpoint(expand)),
        Route("/api/path", endpoint(path)),
        Route("/api/actors", endpoint(actors)),
        Route("/api/article/{article_id}", endpoint(article)),
        Route("/api/query", endpoint(query), methods=["POST"]),
        Route("/api/export", endpoint(export), methods=["POST"]),
    ]
    app = Starlette(routes=routes, middleware=[Middleware(HostGuard, hosts=allowed_hosts(host, port))])
    app.state.explorer = Explorer(store, queries_dir=queries_dir, where=where, graph=graph)
    return app
