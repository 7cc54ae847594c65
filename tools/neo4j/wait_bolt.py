#!/usr/bin/env python3
"""Wait until the local Neo4j server answers a real Bolt query (used by tools/neo4j/neo4j.mk).

    NEO4J_PASSWORD=... python tools/neo4j/wait_bolt.py [--port 7687] [--timeout 120] [--pid N] [--quiet]
    python tools/neo4j/wait_bolt.py --port 7687 --check-free

Connects as user neo4j with the password from the environment (NEO4J_PASSWORD, default
graphkit-local) and runs RETURN 1. Exit 0 once that works; exit 1 with one line on stderr when the
timeout passes (exit 2 if the server answers but refuses the password), or at once when the server
process --pid has exited. The password is never printed.
--check-free instead exits 0 when nothing listens on the port and 1 (with a line) when something does.
"""

from __future__ import annotations

import argparse
import logging
import os
import socket
import sys
import time

DEFAULT_PASSWORD = "graphkit-local"
AUTH_GRACE = 15.0  # seconds of refused logins to sit out: a lock after 3 failed logins lasts 5 s, and
# after a restart with a new NEO4J_PASSWORD the launcher sets it just after Bolt opens


def pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def port_in_use(host: str, port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.settimeout(1.0)
        return s.connect_ex((host, port)) == 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--host", default="127.0.0.1")
    ap.add_argument("--port", type=int, default=int(os.environ.get("NEO4J_PORT", "7687")))
    ap.add_argument("--user", default="neo4j")
    ap.add_argument("--timeout", type=float, default=120.0, help="seconds (default 120)")
    ap.add_argument("--pid", type=int, help="give up at once if this process exits")
    ap.add_argument("--quiet", action="store_true", help="no message on failure")
    ap.add_argument("--verbose", action="store_true", help="one line per attempt (never the password)")
    ap.add_argument("--check-free", action="store_true", help="only check that nothing listens on the port")
    args = ap.parse_args(argv)
    uri = f"bolt://{args.host}:{args.port}"

    if args.check_free:
        if port_in_use(args.host, args.port):
            print(f"neo4j: {args.host}:{args.port} is already in use by another process; "
                  "stop it or choose another NEO4J_PORT", file=sys.stderr)
            return 1
        return 0

    # The driver logs retries and defunct connections as warnings; the one line below is enough.
    logging.getLogger("neo4j").addHandler(logging.NullHandler())
    logging.getLogger("neo4j").propagate = False
    try:
        from neo4j import GraphDatabase
        from neo4j.exceptions import AuthError
    except ImportError:
        print(f"neo4j: the neo4j Python driver is not installed for {sys.executable} (run 'make install')",
              file=sys.stderr)
        return 1

    password = os.environ.get("NEO4J_PASSWORD") or DEFAULT_PASSWORD
    start = time.monotonic()
    deadline = start + args.timeout
    first_auth_failure = None
    last = "no answer"
    while True:
        if args.pid is not None and not pid_alive(args.pid):
            if not args.quiet:
                print(f"neo4j: the server process (pid {args.pid}) exited before {uri} answered", file=sys.stderr)
            return 1
        try:
            # A plain auto-commit query: execute_query would retry by itself with growing pauses
            # (up to 30 s), which makes the first successful answer come late.
            with GraphDatabase.driver(uri, auth=(args.user, password), connection_timeout=3.0) as driver, \
                    driver.session() as session:
                session.run("RETURN 1").consume()
            if args.verbose:
                print(f"{time.monotonic() - start:6.1f}s ok", file=sys.stderr)
            return 0
        except Exception as e:
            if isinstance(e, AuthError) or ".Security." in (getattr(e, "code", None) or ""):
                # Wrong password, or the user locked after failed logins (rate limit). A refusal
                # that outlasts AUTH_GRACE is a wrong NEO4J_PASSWORD: waiting longer would not help.
                reason = getattr(e, "message", None) or str(e).splitlines()[0]
                last = f"user {args.user} refused (wrong NEO4J_PASSWORD?): {reason}"
                auth_refused = True
                first_auth_failure = first_auth_failure or time.monotonic()
                if time.monotonic() - first_auth_failure > AUTH_GRACE:
                    deadline = time.monotonic()
                pause = 2.0
            else:  # not listening yet, databases still starting, ...
                last = f"{type(e).__name__}: {e}".splitlines()[0]
                auth_refused = False
                pause = 0.5
        if args.verbose:
            print(f"{time.monotonic() - start:6.1f}s {last}", file=sys.stderr)
        if time.monotonic() + pause > deadline:
            if not args.quiet:
                waited = time.monotonic() - start
                print(f"neo4j: {uri} not ready after {waited:.0f}s; last error: {last}", file=sys.stderr)
            return 2 if auth_refused else 1
        time.sleep(pause)


if __name__ == "__main__":
    sys.exit(main())
