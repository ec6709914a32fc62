"""`dyads ingest`: read, analyse and store a corpus on one machine, resumably.

    from dyads.run.ingest import ingest
    report = ingest(["news.jsonl.gz"], db="corpus.duckdb", processes=2)
    report.stored, report.unchanged, report.failed

The main process reads the inputs (lazily), skips documents already stored with the same id,
text (sha256) and pipeline (triage.py, shared with the Dask run), sends the others in bounded batches to worker processes that each
build the Analyzer once, and writes what comes back through the one `Store`. Only
`Store.write_rows` writes a document, one transaction per group of batches, so an ingest killed
at any moment and started again stores every document exactly once; a document that fails is
recorded in `failures` and what was stored for it before stays.

One ingest per store at a time (`IngestLock`, E107 for a second one). The store file itself is
held only while a lookup or a write runs and released after it, so `dyads serve` can show the
corpus growing; a write waits for readers to let go (locks.py).

Memory stays flat however large the corpus: at most `2 * processes` batches in flight, a
bounded read-ahead and a bounded write buffer, committed at least every `commit_seconds`.
The analysis (in-process or worker processes) is in workers.py, what the user sees in
progress.py.
"""
from __future__ import annotations

import itertools
import os
import time
from collections import Counter
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, Iterator, Optional

from ..errors import DocumentFailure
from ..ingest import DEFAULT_MAX_CHARS, read_inputs
from ..store.locks import IngestLock
from ..store.writer import Store, default_db
from .progress import Display, cheap_total
from .triage import triage
from .version import pipeline_for, pipeline_version
from .workers import BatchOut, Config, InProcess, Lazy, Pool, Rows, analyse_batch, failure_dict, sha_of

READ_AHEAD = 256          # articles read and looked up in the store at a time
FLUSH_DOCS = 256          # write when this many documents are waiting, or this many characters ...
FLUSH_CHARS = 64_000_000
COMMIT_SECONDS = 2.0      # ... or this long after the last commit
WRITER_MEMORY = "256MB"   # DuckDB's buffer pool in the writer (by default it grows towards 80% of RAM)


@dataclass
class IngestReport:
    """What an ingest did; `as_dict()` has the counts the summary and the exit code use."""

    run_id: str
    db: str
    pipeline: str
    stored: int = 0
    unchanged: int = 0
    failed: int = 0
    replaced: int = 0  # of the stored: documents that were there before (other text or pipeline)
    duplicates: int = 0  # documents met again in this run under an id it had analysed already
    seconds: float = 0.0
    processes: int = 1
    failures_by_code: dict = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return self.failed == 0

    def as_dict(self) -> dict:
        return {"run_id": self.run_id, "db": self.db, "pipeline": self.pipeline, "stored": self.stored,
                "unchanged": self.unchanged, "failed": self.failed, "replaced": self.replaced,
                "duplicates": self.duplicates,
                "seconds": round(self.seconds, 3), "processes": self.processes,
                "failures_by_code": dict(self.failures_by_code)}


# ---------------------------------------------------------------- the run


def ingest(
    paths: list[str],
    *,
    db: Optional[str] = None,
    processes: Optional[int] = None,
    batch_size: int = 32,
    max_chars: int = DEFAULT_MAX_CHARS,
    model: Optional[str] = None,
    actors_files: Iterable[str] = (),
    force: bool = False,
    quiet: bool = False,
    stdin: Any = None,
    console=None,
    commit_seconds: float = COMMIT_SECONDS,
    incident_days: Optional[int] = None,
    analyzer=None,
    command: str = "ingest",
    _analyse: Callable = analyse_batch,
) -> IngestReport:
    """Analyse the documents under `paths` and store them in the DuckDB file `db` (default:
    $DYADS_DB or dyads.duckdb). Documents stored already with the same id, text and pipeline
    are skipped unless `force`. Raises DyadsError for what stops the whole run (E100, E101,
    E105, E107, E108); a bad document only counts as failed. `incident_days`: how many days
    apart two reports of one incident may be dated (default: kb/incidents.yaml). `analyzer` (anything with the
    Analyzer's `pipe`) analyses in this process instead of building one; `command` is what the
    run is recorded as (`dyads serve FILE` stores its articles with this same run)."""
    processes = 1 if analyzer is not None else max(1, int(processes or os.cpu_count() or 1))
    batch_size = max(1, int(batch_size))
    actors_files = [str(p) for p in actors_files]
    if console is None:
        from rich.console import Console

        console = Console(stderr=True)
    show = Display(console, quiet, cheap_total(paths) if not quiet and console.is_terminal else None)
    pipeline = pipeline_for(model, actors_files, base=pipeline_version())
    lock, store = locked_store(str(db or default_db()), memory_limit=WRITER_MEMORY)
    started = time.monotonic()
    try:
        # one ingest at a time (the ingest lock): a run still 'running' was killed
        store.con.execute("UPDATE runs SET status = 'interrupted' WHERE status = 'running'")
        run_id = store.start_run(command, [str(p) for p in paths], pipeline)
        store.release()
        report = IngestReport(run_id=run_id, db=store.path, pipeline=pipeline, processes=processes)
        config = Config(model, actors_files, batch_size, max_chars, pipeline, run_id, _analyse)
        status = "failed"
        runner = Lazy(lambda: InProcess(config, analyzer) if processes == 1 else Pool(processes, config))
        buffer = _Buffer(store, report, show, commit_seconds)
        try:
            with show:
                for chunk in _chunks(read_inputs(paths, stdin=stdin, max_chars=max_chars), READ_AHEAD):
                    todo = _triage(chunk, store, pipeline, force, buffer, report, show)
                    store.release()  # readers may open the store while the batches are analysed
                    for i in range(0, len(todo), batch_size):
                        for out in runner.submit(todo[i:i + batch_size]):
                            buffer.add(out)
                for out in runner.drain():
                    buffer.add(out)
                buffer.flush()
            across_articles(store, report.stored or not _corpus_fresh(store), incident_days)
            status = "done"
        except KeyboardInterrupt:
            status = "interrupted"
            raise
        finally:
            runner.close(abort=status != "done")
            if status != "done":
                _quietly(buffer.flush)  # what was analysed is good: keep it
            report.seconds = time.monotonic() - started
            _quietly(store.finish_run, run_id, status, stored=report.stored, unchanged=report.unchanged,
                     failed=report.failed)
            if status == "interrupted" and not quiet:
                console.print(f"interrupted: {summary(report.as_dict())}\nRun the same command again to resume.",
                              highlight=False, markup=False)
        return report
    finally:
        store.close()
        lock.release()


def locked_store(db: str, memory_limit: Optional[str] = None) -> tuple[IngestLock, Store]:
    """The ingest lock of the store at `db` (E107 while another ingest runs) and the store,
    opened (E105 when it cannot be; E112 when readers hold it too long; locks.py)."""
    lock = IngestLock(db).acquire()
    try:
        return lock, Store(lock.path, memory_limit=memory_limit)
    except BaseException:
        lock.release()
        raise


def across_articles(store: Store, rebuild: bool, incident_days: Optional[int] = None) -> None:
    """What an ingest ends with: the corpus actors (when `rebuild`: documents were stored, or the
    actors are stale) and the incidents (always: a run killed during them is completed now)."""
    if rebuild:
        from ..store.corpus import rebuild_corpus

        rebuild_corpus(store)  # actors across articles, for queries and the web
    from ..store.incident_update import update_incidents
    from ..store.incidents import IncidentSettings

    update_incidents(store.con, IncidentSettings.defaults(window_days=incident_days))


def _corpus_fresh(store: Store) -> bool:
    """Were the corpus actors rebuilt after the last document was stored?"""
    try:
        from ..store.corpus import is_stale

        return not is_stale(store.con)
    except Exception:  # noqa: BLE001 - when in doubt, rebuild
        return False


def _quietly(fn, *args, **kwargs) -> None:
    try:
        fn(*args, **kwargs)
    except Exception:  # noqa: BLE001 - already failing; the first error is the one to show
        pass


def _chunks(items: Iterable, n: int) -> Iterator[list]:
    it = iter(items)
    while True:
        chunk = list(itertools.islice(it, n))
        if not chunk:
            return
        yield chunk


def _triage(chunk: list, store: Store, pipeline: str, force: bool, buffer: "_Buffer", report: IngestReport,
            show: "Display") -> list:
    """The articles of `chunk` to analyse (triage.py). Reading failures go to the buffer;
    documents stored already count as unchanged, those that failed so before as failed again,
    and repeats of a document this run is analysing already as duplicates."""
    articles, done = [], []
    for item in chunk:
        if isinstance(item, DocumentFailure):
            done.append(failure_dict(item))
        else:
            articles.append((item, item.id, sha_of(item.text)))
    todo = []
    for a, _, sha, verdict in triage(store.con, articles, pipeline, report.run_id, force, buffer.analysing):
        if verdict.kind == "repeat":
            report.duplicates += 1  # this run has it already
            show.advance(1)
        elif verdict.kind == "unchanged":
            buffer.supersede(a.id, sha)
            report.unchanged += 1
            show.advance(1)
        elif verdict.kind == "failed":  # it would fail again (--force tries anyway)
            buffer.supersede(a.id, sha)
            done.append({"doc_id": a.id, "sha256": sha, "origin": a.origin, "code": verdict.code,
                         "message": verdict.message})
        else:
            buffer.submitted(a.id, sha, replaces=verdict.stored)
            todo.append(a)
    if done:
        buffer.add(([], done), analysed=False)
    return todo


class _Buffer:
    """Analysed documents and failures waiting to be written: several batches per transaction,
    a commit at least every `commit_seconds`.

    It also knows the ids being analysed and not yet committed (bounded by the batches in
    flight), so that a document repeated in the input is analysed once, and that of two texts
    under one id the later in the input is the one stored, whatever order workers finish in."""

    def __init__(self, store: Store, report: IngestReport, show: "Display", commit_seconds: float):
        self.store, self.report, self.show, self.commit_seconds = store, report, show, commit_seconds
        self.rows: list[Rows] = []
        self.failures: list[dict] = []
        self.last = time.monotonic()
        self.pending: dict[str, list] = {}  # doc_id -> [latest sha256, batches out, replaces a stored one]
        self.replaced = 0
        self.chars = 0  # text and contract JSON waiting: big documents flush sooner
        self.codes: Counter = Counter()

    def analysing(self, doc_id: Optional[str], sha: Optional[str]) -> bool:
        entry = self.pending.get(doc_id)
        return entry is not None and entry[0] == sha

    def submitted(self, doc_id: Optional[str], sha: Optional[str], replaces: bool) -> None:
        if doc_id is None:
            return
        entry = self.pending.setdefault(doc_id, [sha, 0, False])
        entry[0] = sha
        entry[1] += 1
        entry[2] = entry[2] or replaces

    def supersede(self, doc_id: Optional[str], sha: Optional[str]) -> None:
        """A later text of `doc_id` needs no analysis (stored, or known to fail): an earlier text
        of it still in flight or waiting here must not overwrite it."""
        entry = self.pending.get(doc_id)
        if entry is None or entry[0] == sha:
            return
        entry[0] = sha
        stale = [r for r in self.rows if r["documents"][0][0] == doc_id]
        stale_f = [f for f in self.failures if f.get("doc_id") == doc_id]
        if stale or stale_f:
            self.rows = [r for r in self.rows if r["documents"][0][0] != doc_id]
            self.failures = [f for f in self.failures if f.get("doc_id") != doc_id]
            self.report.duplicates += len(stale) + len(stale_f)
            if entry[2]:
                self.replaced -= len(stale)
            for f in stale_f:
                self.codes[f["code"]] -= 1

    def _current(self, doc_id: Optional[str], sha: Optional[str]) -> bool:
        """Whether a result is for the latest text submitted under its id (counting it in)."""
        entry = self.pending.get(doc_id)
        if entry is None:
            return True
        entry[1] -= 1
        if entry[0] != sha:
            self.report.duplicates += 1  # a later text of the same id is the one to store
            return False
        if entry[2]:
            self.replaced += 1
        return True

    def add(self, out: BatchOut, analysed: bool = True) -> None:
        rows, failures = out
        if analysed:
            rows = [r for r in rows if self._current(r["documents"][0][0], r["documents"][0][1])]
            failures = [f for f in failures if f.get("doc_id") is None or self._current(f["doc_id"], f.get("sha256"))]
        self.rows += rows
        self.failures += failures
        self.chars += sum(len(r["documents"][0][8] or "") + len(r["documents"][0][12] or "") for r in rows)
        for f in failures:
            self.show.failure(f)
            self.codes[f["code"]] += 1
        self.show.advance(len(rows) + len(failures), failed=len(failures))
        if (len(self.rows) + len(self.failures) >= FLUSH_DOCS or self.chars >= FLUSH_CHARS
                or time.monotonic() - self.last >= self.commit_seconds):
            self.flush()

    def flush(self) -> None:
        if self.rows:
            self.report.stored += self.store.write_rows(self.rows)
            self.report.replaced += self.replaced
            self.rows, self.replaced, self.chars = [], 0, 0
        if self.failures:
            self.report.failed += self.store.record_failures(self.failures, self.report.run_id)
            self.failures = []
        for doc_id in [k for k, e in self.pending.items() if e[1] <= 0]:
            del self.pending[doc_id]  # committed: the store answers for it now
        self.store.release()  # written: readers may open the store until the next write
        self.report.failures_by_code = dict(self.codes)
        self.last = time.monotonic()
        self.show.committed(self.report)


def summary(counts: dict) -> str:
    """One line for the end of a run, from `IngestReport.as_dict()` or the distributed backend's counts."""
    stored, unchanged, failed = (int(counts.get(k) or 0) for k in ("stored", "unchanged", "failed"))
    line = f"{stored} stored, {unchanged} unchanged, {failed} failed"
    if counts.get("replaced"):
        line += f" ({counts['replaced']} replaced)"
    if counts.get("duplicates"):
        line += f", {counts['duplicates']} repeated ids"
    seconds = counts.get("seconds")
    if seconds:
        line += f" in {seconds:.1f} s ({(stored + unchanged + failed + int(counts.get('duplicates') or 0)) / seconds:.1f} articles/s)"
    if counts.get("db"):
        line += f"; store {counts['db']}"
    if counts.get("run_id"):
        line += f", run {counts['run_id']}"
    codes = counts.get("failures_by_code") or {}
    if codes:
        line += "\nfailures: " + ", ".join(f"{c} x{n}" for c, n in sorted(codes.items())) + " (see the failures table)"
    return line
