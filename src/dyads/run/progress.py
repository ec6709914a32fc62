"""What `dyads ingest` shows: a rich progress bar on a terminal, a status line every few
seconds otherwise (logs, CI), nothing with --quiet; and the cheap count of what is to come."""
from __future__ import annotations

import os
import time
from typing import Optional

from rich.progress import BarColumn, MofNCompleteColumn, Progress, ProgressColumn, TextColumn, TimeRemainingColumn
from rich.text import Text

from ..ingest import kind_of

STATUS_SECONDS = 5.0  # a status line this often when standard error is not a terminal
SHOWN_FAILURES = 20   # failures printed one by one; the rest are counted


class Display:
    """A rich progress bar on a terminal; a status line every few seconds otherwise; nothing when quiet."""

    def __init__(self, console, quiet: bool, total: Optional[int]):
        self.console, self.quiet = console, quiet
        self.progress = self.task = None
        self.shown = 0
        self.last_status = float("-inf")
        self.started = time.monotonic()
        if not quiet and console.is_terminal:
            self.progress = Progress(TextColumn("[bold]ingest"), BarColumn(), MofNCompleteColumn(), RateColumn(),
                                     TextColumn("[red]{task.fields[failed]} failed"), TimeRemainingColumn(),
                                     console=console, transient=False)
            self.task = self.progress.add_task("ingest", total=total, failed=0)

    def __enter__(self):
        if self.progress is not None:
            self.progress.start()
        return self

    def __exit__(self, *exc):
        if self.progress is not None:
            self.progress.stop()

    def advance(self, n: int, failed: int = 0) -> None:
        if self.progress is not None and n:
            fields = self.progress.tasks[0].fields
            self.progress.update(self.task, advance=n, failed=fields["failed"] + failed)

    def failure(self, f: dict) -> None:
        if self.quiet:
            return
        from rich.markup import escape

        self.shown += 1
        if self.shown <= SHOWN_FAILURES:
            self.console.print(f"[red]{f['code']}[/red] {escape(f['message'])}", highlight=False)
        elif self.shown == SHOWN_FAILURES + 1:
            self.console.print("... more failures: see the summary and the failures table", highlight=False)

    def committed(self, report) -> None:
        if self.quiet or self.progress is not None:
            return
        now = time.monotonic()
        if now - self.last_status < STATUS_SECONDS:
            return
        self.last_status = now
        done = report.stored + report.unchanged + report.failed + report.duplicates
        rate = done / max(now - self.started, 1e-9)
        self.console.print(f"ingest: {report.stored} stored, {report.unchanged} unchanged, {report.failed} failed "
                           f"({rate:.1f} articles/s)", highlight=False)


class RateColumn(ProgressColumn):
    def render(self, task) -> Text:
        speed = task.finished_speed or task.speed
        return Text("-- articles/s" if speed is None else f"{speed:.1f} articles/s", style="progress.data.speed")


def cheap_total(paths: list[str], gz_limit: int = 256 << 20) -> Optional[int]:
    """How many documents `paths` hold, when that is cheap to know (JSON Lines counted by
    line, a gzip one only under `gz_limit` bytes; a file is one document); None otherwise."""
    import gzip

    from ..ingest.readers import _walk

    total = 0
    for path in paths:
        path = os.fspath(path)
        if path == "-":
            return None
        try:
            files = _walk(path) if os.path.isdir(path) else [path]
            for file in files:
                kind = kind_of(file)
                if kind == "csv":
                    return None
                if kind in ("jsonl", "jsonl.gz"):
                    if kind == "jsonl.gz" and os.path.getsize(file) > gz_limit:
                        return None
                    with (gzip.open(file, "rb") if kind == "jsonl.gz" else open(file, "rb")) as f:
                        total += sum(1 for line in f if line.strip())
                else:
                    total += 1
        except (OSError, EOFError, ValueError):
            return None  # the reader reports it
    return total
