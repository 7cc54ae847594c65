"""``graphkit serve``: a local explorer over one store (docs/explorer.md).

:func:`create_app` builds the Starlette app over an open, read-only store;
:func:`serve` opens the store named by a :class:`~graphkit.settings.Settings`
and runs the app under uvicorn until interrupted.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .app import create_app
from .graph import GraphSource, Snapshot

if TYPE_CHECKING:
    from ..settings import Settings

__all__ = ["GraphSource", "Snapshot", "create_app", "serve"]

LOOPBACK = ("127.0.0.1", "localhost", "::1")


def serve(settings: Settings, *, host: str = "127.0.0.1", port: int = 8765, on_ready=None) -> None:
    """Serve the explorer for ``settings``' store on ``host:port`` until interrupted (Ctrl-C).

    ``on_ready(url)`` is called once the server listens (the CLI prints the
    address and may open a browser).
    """
    import uvicorn

    store = settings.open_store(read_only=True)
    try:
        app = create_app(store, host=host, port=port, queries_dir=settings.queries_dir, where=settings.where())
        app.state.explorer.snap()  # read the graph before saying the server is ready
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
            from ..errors import GraphkitError

            raise GraphkitError(f"cannot listen on {host}:{port} (is another server using the port?)")
    finally:
        store.close()
