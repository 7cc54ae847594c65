"""``graphkit serve``: a local explorer over one store (docs/explorer.md).

:func:`create_app` builds the Starlette app over an open, read-only store;
:func:`serve` opens the store named by a :class:`~graphkit.settings.Settings`
and runs the app under uvicorn until interrupted.
"""

from __future__ import annotations

import contextlib
import threading
from typing import TYPE_CHECKING

from ..errors import GraphkitError
from .app import create_app
from .graph import StoreGraph

if TYPE_CHECKING:
    from ..settings import Settings

__all__ = ["StoreGraph", "create_app", "serve"]

LOOPBACK = ("127.0.0.1", "localhost", "::1")


def serve(settings: Settings, *, host: str = "127.0.0.1", port: int = 8765, on_ready=None) -> None:
    """Serve the explorer for ``settings``' store on ``host:port`` until interrupted (Ctrl-C).

    ``on_ready(url)`` is called once the server listens (the CLI prints the
    address and may open a browser).
    """
    import uvicorn

    store = settings.open_store(read_only=True)
    names_store = settings.open_store(read_only=True)
    try:
        graph = StoreGraph(store, names_store=names_store)
        app = create_app(store, host=host, port=port, queries_dir=settings.queries_dir, where=settings.where(),
                         graph=graph)
        graph.warm()  # the counts and the articles, before saying the server is ready
        # The names (for search) take seconds on a big store: read them on the second handle meanwhile.
        threading.Thread(target=_read_names, args=(graph,), name="graphkit-names", daemon=True).start()
        config = uvicorn.Config(app, host=host, port=port, log_level="warning", access_log=False,
                                server_header=False, lifespan="off")
        server = uvicorn.Server(config)
        if on_ready is not None:
            shown = f"[{host}]" if ":" in host else host
            original = server.startup

            async def startup(sockets=None) -> None:
                await original(sockets)
                if server.started:
                    on_ready(f"http://{shown}:{port}/")

            server.startup = startup  # type: ignore[method-assign]
        server.run()
        if not server.started:
            raise GraphkitError(f"cannot listen on {host}:{port} (is another server using the port?)")
    finally:
        store.close()
        names_store.close()


def _read_names(graph: StoreGraph) -> None:
    """Read the names for search in the background. Whatever goes wrong (a store error, the store closed
    by Ctrl-C meanwhile) is dropped here: the first search reads the names again and reports it."""
    with contextlib.suppress(Exception):
        graph.names()
