"""Ingest on a Dask cluster: workers analyse, the client alone writes the store.

    ingest_dask(["news.jsonl.gz"], db="corpus.duckdb", local_workers=2)            # this machine
    ingest_dask(["news.jsonl.gz"], db="corpus.duckdb", scheduler="tcp://host:8786")  # a cluster

The client streams the inputs, skips documents already stored with the same id, text and
pipeline, and submits chunks of articles (plain dicts) to the workers, never more than a few per
worker at a time. A worker loads the model once, analyses its chunk with the same code as local
ingest (`Analyzer.pipe`, `writer.result_rows`) and writes one Parquet file per table into a shard
directory, `<db>.shards/<run_id>/<chunk>/`, with a marker file written last. It never opens
DuckDB. The client merges each finished shard, in input order, in one transaction that replaces
the shard's documents and records the shard in `merged_shards`; then it deletes the files. A
shard is therefore merged exactly once, even when the client dies between the commit and the
deletion, and complete shards left by a crashed run are merged when the next run starts.

Workers on other machines need not share a file system with the client: a shard the client
cannot see is fetched from the worker that wrote it.
"""
from __future__ import annotations

import dataclasses
import datetime as _dt
import hashlib
import itertools
import json
import logging
import os
import shutil
import threading
import time
import uuid
from collections import deque
from typing import Iterable, Optional

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from ..errors import DocumentFailure, DyadsError
from .locks import IngestLock
from .schema import DOCUMENT_TABLES, columns

MARKER = "_SUCCESS"  # written last: a shard directory without it is incomplete
MERGED_DDL = """CREATE TABLE IF NOT EXISTS merged_shards (
    shard_id VARCHAR PRIMARY KEY, run_id VARCHAR, documents INTEGER, merged_at TIMESTAMP)"""
READ_AHEAD = 256  # articles read and looked up in the store at a time
TASKS_PER_THREAD = 2  # chunks in flight per worker thread: one running, one waiting
MAX_KILLED_IN_A_ROW = 3  # chunks whose workers died, one after another, before the run stops
SHOWN_FAILURES = 20  # failures printed one by one; the rest are counted

log = logging.getLogger(__name__)


def shard_root(db: str) -> str:
    """Where the shards of a store live: beside it."""
    return os.path.abspath(db) + ".shards"


# ---------------------------------------------------------------- worker side

_LOCAL = threading.local()  # one Analyzer per worker thread (an Analyzer is not thread-safe)
_PIPELINE: list = []
LOADS = {"count": 0}  # how many times this process built a pipeline (tests look)


def worker_analyzer(model: Optional[str] = None, actors: tuple = (), batch_size: int = 32,
                    max_chars: int = 2_000_000):
    """The Analyzer of this worker thread, built on first use and kept for every later chunk.
    `actors` are (file name, bytes) pairs sent by the client, so that remote workers need not
    have the files."""
    from ..nlp.pipeline import Analyzer

    key = (model, tuple((n, hashlib.sha256(b).hexdigest()) for n, b in actors), batch_size, max_chars)
    cache = getattr(_LOCAL, "analyzers", None)
    if cache is None:
        cache = _LOCAL.analyzers = {}
    if key not in cache:
        cache[key] = Analyzer(model=model, actors_files=_actor_paths(actors), batch_size=batch_size,
                              max_chars=max_chars)
        LOADS["count"] += 1
    return cache[key]


def _actor_paths(actors: tuple) -> list[str]:
    if not actors:
        return []
    import tempfile

    paths = []
    for name, data in actors:
        d = os.path.join(tempfile.gettempdir(), "dyads-actors", hashlib.sha256(data).hexdigest()[:16])
        os.makedirs(d, exist_ok=True)
        path = os.path.join(d, os.path.basename(name))
        if not os.path.exists(path):
            tmp = f"{path}.{uuid.uuid4().hex}.tmp"
            with open(tmp, "wb") as f:
                f.write(data)
            os.replace(tmp, path)
        paths.append(path)
    return paths


def _pipeline() -> str:
    if not _PIPELINE:
        from .writer import pipeline_version

        _PIPELINE.append(pipeline_version())
    return _PIPELINE[0]


def analyse_chunk(articles: list[dict], shard_dir: str, shard_id: str, run_id: str, options: dict) -> dict:
    """Analyse a chunk of articles (dicts from `article_dict`) and write its shard. Returns the
    shard's manifest: where it is, which documents it holds, and the failure dicts. Runs on a
    worker; a usage error (model, actors file) comes back as {"fatal": ...}, since coded errors
    do not survive pickling."""
    from ..model import Warning
    from ..ingest.normalise import IngestedArticle
    from .writer import result_rows

    try:
        analyzer = worker_analyzer(options.get("model"), tuple(options.get("actors") or ()),
                                   options.get("batch_size", 32), options.get("max_chars", 2_000_000))
    except DyadsError as exc:
        return {"fatal": {"code": exc.code, "info": {k: str(v) for k, v in exc.info.items()}}}
    pipeline = _pipeline() + (options.get("pipeline_suffix") or "")
    items = []
    for a in articles:
        fields = {k: a.get(k) for k in ("text", "id", "title", "date", "source", "url", "origin", "language")}
        items.append(IngestedArticle(**fields, warnings=[Warning(**w) for w in a.get("warnings") or []]))
    docs: dict[str, dict] = {}
    failures = []
    for a, out in zip(articles, analyzer.pipe(items)):
        if isinstance(out, DocumentFailure):
            failures.append({"doc_id": a.get("doc_id"), "sha256": a.get("sha256"), "origin": out.origin or a.get("origin"),
                             "code": out.code, "message": out.error.as_dict()["message"]})
            continue
        docs.pop(out.document.id, None)  # of one document twice, the last wins
        docs[out.document.id] = result_rows(out, out.text, pipeline, run_id)
    return write_shard(shard_dir, shard_id, run_id, pipeline, list(docs.values()), failures, len(articles))


def write_shard(shard_dir: str, shard_id: str, run_id: str, pipeline: str, docs: list[dict], failures: list[dict],
                articles: int) -> dict:
    """One Parquet file per non-empty table, then the marker (the manifest), atomically, last.
    Falls back to the worker's own directory when it cannot write where the client asked."""
    from .writer import arrow_table, merge_rows

    try:
        os.makedirs(shard_dir, exist_ok=True)
    except OSError:
        shard_dir = os.path.join(_worker_dir(), "dyads-shards", *shard_id.split("/"))
        os.makedirs(shard_dir, exist_ok=True)
    rows = merge_rows(docs)
    tables = []
    for t in DOCUMENT_TABLES:
        if rows[t]:
            pq.write_table(arrow_table(t, rows[t]), os.path.join(shard_dir, f"{t}.parquet"))
            tables.append(t)
    manifest = {"shard": shard_id, "run_id": run_id, "pipeline": pipeline, "articles": articles,
                "documents": [d["documents"][0][0] for d in docs], "tables": tables, "failures": failures,
                "path": shard_dir, "worker": _worker_address()}
    tmp = os.path.join(shard_dir, f"{MARKER}.tmp")
    with open(tmp, "w", encoding="utf-8") as f:
        json.dump(manifest, f)
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, os.path.join(shard_dir, MARKER))
    return manifest


def _worker_address() -> Optional[str]:
    try:
        from distributed import get_worker

        return get_worker().address
    except (ImportError, ValueError):
        return None


def _worker_dir() -> str:
    try:
        from distributed import get_worker

        return get_worker().local_directory
    except (ImportError, ValueError):
        import tempfile

        return tempfile.gettempdir()


def read_shard_files(path: str) -> dict[str, bytes]:
    """Run on the worker that wrote a shard the client cannot see: its files."""
    out = {}
    for name in sorted(os.listdir(path)):
        if name.endswith(".parquet") or name == MARKER:
            with open(os.path.join(path, name), "rb") as f:
                out[name] = f.read()
    return out


def remove_shard_files(path: str) -> None:
    """Run on that worker once the client has its copy."""
    shutil.rmtree(path, ignore_errors=True)


# ---------------------------------------------------------------- client side: merging


def ensure_bookkeeping(con) -> None:
    con.execute(MERGED_DDL)


def merge_shard(store, shard_dir: str) -> tuple[int, list[dict], Optional[str]]:
    """Merge one complete shard into the store, unless it was merged before; then delete its
    files. Returns (documents written, the shard's failures, the pipeline of its worker).
    Documents stored since by a run that started later than the shard's run are left as they are."""
    with open(os.path.join(shard_dir, MARKER), encoding="utf-8") as f:
        manifest = json.load(f)
    con = store.con
    sid, run_id = manifest["shard"], manifest["run_id"]
    ensure_bookkeeping(con)
    written = 0
    if not con.execute("SELECT 1 FROM merged_shards WHERE shard_id = ?", [sid]).fetchone():
        tables = {t: pq.read_table(os.path.join(shard_dir, f"{t}.parquet")) for t in manifest["tables"]}
        ids = pa.array(manifest["documents"], type=pa.string())
        newer = {r[0] for r in con.execute(
            "SELECT d.doc_id FROM documents d JOIN runs r ON r.run_id = d.run_id JOIN runs s ON s.run_id = ? "
            "WHERE r.started > s.started AND d.doc_id IN (SELECT unnest(?::VARCHAR[]))",
            [run_id, manifest["documents"]]).fetchall()}
        if newer:
            ids = pc.filter(ids, pc.invert(pc.is_in(ids, pa.array(sorted(newer), type=pa.string()))))
            tables = {t: tb.filter(pc.invert(pc.is_in(tb["doc_id"], pa.array(sorted(newer), type=pa.string()))))
                      for t, tb in tables.items()}
        con.execute("BEGIN TRANSACTION")
        try:
            con.register("_shard_ids", pa.table({"doc_id": ids}))
            for t in DOCUMENT_TABLES:
                con.execute(f"DELETE FROM {t} WHERE doc_id IN (SELECT doc_id FROM _shard_ids)")
            con.execute("DELETE FROM failures WHERE doc_id IN (SELECT doc_id FROM _shard_ids)")
            for t, tb in tables.items():
                if tb.num_rows:
                    con.register("_shard_rows", tb)
                    cols = ", ".join(f'"{c}"' for c in columns(t))
                    con.execute(f"INSERT INTO {t} ({cols}) SELECT {cols} FROM _shard_rows")
                    con.unregister("_shard_rows")
            con.unregister("_shard_ids")
            con.execute("INSERT INTO merged_shards VALUES (?, ?, ?, ?)", [sid, run_id, len(ids), _now()])
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            raise
        written = len(ids)
        # after the commit: a crash here loses no rows, and the failed documents are not stored,
        # so the next run analyses them again and records them then
        store.record_failures(manifest["failures"], run_id)
    shutil.rmtree(shard_dir, ignore_errors=True)
    return written, manifest["failures"], manifest.get("pipeline")


def leftover_shards(db: str) -> tuple[list[str], list[str], set[str]]:
    """Complete and incomplete shard directories under the store's shard root, in the order
    they were made, and the runs they belong to."""
    root = shard_root(db)
    complete, incomplete, runs = [], [], set()
    if not os.path.isdir(root):
        return complete, incomplete, runs
    for run in sorted(os.listdir(root)):
        rdir = os.path.join(root, run)
        if not os.path.isdir(rdir):
            continue
        runs.add(run)
        for name in sorted(os.listdir(rdir)):
            sdir = os.path.join(rdir, name)
            if os.path.isdir(sdir):
                (complete if os.path.exists(os.path.join(sdir, MARKER)) else incomplete).append(sdir)
    return complete, incomplete, runs


def recover(store, db: str) -> int:
    """Merge the complete shards an interrupted run left, drop its incomplete ones (their
    documents are not stored, so this run analyses them again), and mark such runs as
    interrupted. Returns the documents written."""
    complete, incomplete, runs = leftover_shards(db)
    written = 0
    for sdir in complete:
        written += merge_shard(store, sdir)[0]
    for sdir in incomplete:
        shutil.rmtree(sdir, ignore_errors=True)
    # one ingest at a time (the ingest lock): a run still 'running' was killed
    store.con.execute("UPDATE runs SET status = 'interrupted' WHERE status = 'running'")
    for run in runs:
        try:
            os.rmdir(os.path.join(shard_root(db), run))
        except OSError:
            pass
    _rmdir(shard_root(db))
    return written


def _rmdir(path: str) -> None:
    try:
        os.rmdir(path)
    except OSError:
        pass


def _now() -> _dt.datetime:
    return _dt.datetime.now(_dt.timezone.utc).replace(tzinfo=None)


# ---------------------------------------------------------------- client side: the run


def article_dict(article, doc_id: str, sha: str) -> dict:
    """What travels to a worker: the article's fields, plain."""
    d = {f.name: getattr(article, f.name, None) for f in dataclasses.fields(article)}
    d["warnings"] = [{"code": w.code, "message": w.message} for w in (d.get("warnings") or [])]
    d["doc_id"], d["sha256"] = doc_id, sha
    return d


def ingest_dask(paths, db=None, scheduler=None, local_workers=None, batch_size=32, max_chars=2_000_000, model=None,
                actors_files=(), force=False, quiet=False) -> dict:
    """Analyse and store `paths` with Dask workers; see the module docstring. Returns
    {"stored", "unchanged", "failed", "run_id"}, and "duplicates" (ids met again in this run),
    "seconds" and "db" as local ingest's report has them."""
    from .ingest import pipeline_for
    from .writer import default_db, pipeline_version

    started = time.monotonic()
    db = str(db or default_db())
    paths = [str(p) for p in paths]
    actors_files = [str(p) for p in actors_files or ()]
    actors = tuple(_read_actors(actors_files))
    # rows carry what local ingest stamps them with: the package and knowledge files, and the
    # model and extra actors when given; a worker puts its own package version in front
    pipeline = pipeline_for(model, actors_files)
    options = {"model": model or os.environ.get("DYADS_MODEL") or None, "actors": actors, "batch_size": batch_size,
               "max_chars": max_chars, "pipeline_suffix": pipeline[len(pipeline_version()):]}
    lock = IngestLock(db).acquire()  # one ingest per store (E107), as local ingest
    try:
        store = _open_store(db)
    except BaseException:
        lock.release()
        raise
    cluster = client = None
    run_id = None
    try:
        recovered = recover(store, db)
        run_id = store.start_run("ingest", paths, pipeline)
        store.release()  # readers may open the store while the cluster starts and the workers analyse
        client, cluster = _connect(scheduler, local_workers, quiet)
        run = _Run(client, store, db, run_id, pipeline, options, batch_size, quiet)
        if recovered and not quiet:
            run.say(f"merged {recovered} documents left by an interrupted run")
        try:
            with run.progress():
                run.feed(paths, max_chars, force)
                run.drain()
        except KeyboardInterrupt:
            store.finish_run(run_id, "interrupted", **run.counts())
            raise
        except BaseException:
            store.finish_run(run_id, "failed", **run.counts())
            raise
        store.finish_run(run_id, "done", **run.counts())
        _rmdir(os.path.join(shard_root(db), run_id))
        _rmdir(shard_root(db))
        if run.stored or recovered:
            _rebuild_corpus(store)
        return {**run.counts(), "run_id": run_id, "duplicates": run.duplicates,
                "seconds": round(time.monotonic() - started, 3), "db": store.path}
    finally:
        if client is not None:
            client.close()
        if cluster is not None:
            cluster.close()
        store.close()
        lock.release()


def _read_actors(files) -> Iterable[tuple[str, bytes]]:
    for p in files or ():
        try:
            with open(p, "rb") as f:
                yield os.path.basename(str(p)), f.read()
        except OSError as exc:
            raise DyadsError("E101", input=str(p), detail=(exc.strerror or str(exc)).lower()) from None


def _open_store(db: str):
    """The store, its connection open; it is released after each lookup and merge (locks.py)."""
    import duckdb

    from .writer import Store

    try:
        store = Store(db)
    except duckdb.Error as exc:
        raise DyadsError("E105", path=db, detail=str(exc).splitlines()[0][:200]) from None
    ensure_bookkeeping(store.con)
    return store


def _connect(scheduler: Optional[str], local_workers: Optional[int], quiet: bool = False):
    import dask
    from distributed import Client, LocalCluster

    if scheduler:
        try:
            client = Client(scheduler, timeout=dask.config.get("distributed.comm.timeouts.connect"))
        except (OSError, TimeoutError) as exc:
            raise DyadsError("E120", address=scheduler, detail=str(exc).splitlines()[0][:200] or type(exc).__name__) from None
        try:
            client.wait_for_workers(1, timeout=30)
        except (TimeoutError, OSError):
            client.close()
            raise DyadsError("E120", address=scheduler, detail="it has no workers") from None
        return client, None
    # no dashboard; the scheduler's small HTTP server on any free port, not 8787
    cluster = LocalCluster(n_workers=local_workers or os.cpu_count() or 1, threads_per_worker=1, processes=True,
                           dashboard_address=None, scheduler_kwargs={"dashboard_address": ":0"},
                           silence_logs=logging.CRITICAL if quiet else logging.ERROR)
    try:
        return Client(cluster), cluster
    except BaseException:
        cluster.close()
        raise


def _rebuild_corpus(store) -> None:
    try:
        from .corpus import rebuild_corpus
    except ImportError:
        return
    rebuild_corpus(store)


class _Run:
    """The client's loop: stream, skip, submit, merge in input order."""

    task = staticmethod(analyse_chunk)  # what a worker runs on a chunk

    def __init__(self, client, store, db, run_id, pipeline, options, batch_size, quiet):
        self.client, self.store, self.db, self.run_id = client, store, db, run_id
        self.pipeline, self.options, self.chunk_size = pipeline, options, max(1, batch_size)
        self.quiet = quiet
        self.stored = self.unchanged = self.failed = self.duplicates = 0
        self.pending: dict[str, list] = {}  # doc_id -> [latest sha256 sent, chunks out]: sent, not merged
        self.inflight: dict = {}  # future -> (key, articles)
        self.done: dict = {}  # key -> (manifest or {"failed": [...]}, [(doc_id, sha256, origin), ...])
        self.order: deque = deque()  # keys in input order, merged from the left
        self.client_failures: list[dict] = []  # found without a worker: unreadable, or failed so before
        self.killed_in_a_row = 0
        self.shown = 0
        self.warned_pipeline = False
        self.next_chunk = 0
        self._progress = self._task = None
        threads = sum(client.nthreads().values()) or 1
        self.limit = max(2, TASKS_PER_THREAD * threads)
        self.max_unmerged = 4 * self.limit  # finished shards waiting for a slow earlier one

    def counts(self) -> dict:
        return {"stored": self.stored, "unchanged": self.unchanged, "failed": self.failed}

    # -------------------------------------------------------- output

    def progress(self):
        import contextlib

        if self.quiet:
            return contextlib.nullcontext()
        from rich.console import Console
        from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

        self._progress = Progress(SpinnerColumn(), TextColumn("{task.description}"), BarColumn(),
                                  TextColumn("{task.completed} documents"), TimeElapsedColumn(),
                                  TextColumn("{task.fields[rate]}"), console=Console(stderr=True), transient=False)
        self._task = self._progress.add_task(self._describe(), total=None, rate="")
        return self._progress

    def _describe(self) -> str:
        return f"ingest (dask): {self.stored} stored, {self.unchanged} unchanged, {self.failed} failed"

    def _tick(self, n: int) -> None:
        if self._progress is not None:
            task = self._progress.tasks[0]
            rate = f"{task.completed / task.elapsed:.1f}/s" if task.elapsed else ""
            self._progress.update(self._task, advance=n, description=self._describe(), rate=rate)

    def show_failures(self, fs: list[dict]) -> None:
        from rich.markup import escape

        for f in fs:
            self.shown += 1
            if self.shown <= SHOWN_FAILURES:
                self.say(f"[red]{f['code']}[/red] {escape(f['message'] or '')}")
            elif self.shown == SHOWN_FAILURES + 1:
                self.say("... more failures: see the summary and the failures table")

    def say(self, text: str) -> None:
        if self.quiet:
            return
        from rich.console import Console

        (self._progress.console if self._progress is not None else Console(stderr=True)).print(text, highlight=False)

    # -------------------------------------------------------- feeding

    def feed(self, paths, max_chars, force) -> None:
        """Read, look each chunk up in the store, send what needs analysing. The same triage as
        local ingest: stored with the same text and pipeline is unchanged; failed so before
        (other than a dead worker) fails again without a worker's time; met again in this run
        is a duplicate."""
        from ..ingest import read_inputs
        from ..ingest.normalise import sha256
        from .ingest import RETRIED

        batch: list[dict] = []
        items = read_inputs(paths, max_chars=max_chars)
        while True:
            chunk = list(itertools.islice(items, READ_AHEAD))
            if not chunk:
                break
            articles = []
            for item in chunk:
                if isinstance(item, DocumentFailure):
                    self._client_failure({"doc_id": None, "sha256": None, "origin": item.origin, "code": item.code,
                                          "message": item.error.as_dict()["message"]})
                    continue
                sha = sha256(item.text or "")
                articles.append((item, item.id or sha[:16], sha))
            docs, fails = self._lookup([d for _, d, _ in articles])
            for item, doc_id, sha in articles:
                before, failed = docs.get(doc_id), fails.get(doc_id)
                entry = self.pending.get(doc_id)
                if (entry is not None and entry[0] == sha) or any(
                        x is not None and x[0] == sha and x[2] == self.run_id for x in (before, failed)):
                    self.duplicates += 1  # this run has it already
                    self._tick(1)
                    continue
                if not force:
                    if before is not None and before[:2] == (sha, self.pipeline):
                        self.unchanged += 1
                        self._tick(1)
                        continue
                    if failed is not None and failed[:2] == (sha, self.pipeline) and failed[3] not in RETRIED:
                        self._client_failure({"doc_id": doc_id, "sha256": sha, "origin": item.origin,
                                              "code": failed[3], "message": failed[4]})
                        continue
                entry = self.pending.setdefault(doc_id, [sha, 0])
                entry[0] = sha
                entry[1] += 1
                batch.append(article_dict(item, doc_id, sha))
                if len(batch) >= self.chunk_size:
                    self._submit(batch)
                    batch = []
            self._flush_client_failures()
            self.store.release()  # looked up and written: readers may open the store
        if batch:
            self._submit(batch)
        self._flush_client_failures()

    def _lookup(self, ids: list[str]) -> tuple[dict, dict]:
        """Of `ids`: doc_id -> (sha256, pipeline, run_id) of stored documents, and doc_id ->
        (sha256, pipeline, run_id, code, message) of their latest failures."""
        if not ids:
            return {}, {}
        con = self.store.con
        docs = con.execute("SELECT doc_id, sha256, pipeline, run_id FROM documents "
                           "WHERE doc_id IN (SELECT unnest(?::VARCHAR[]))", [ids]).fetchall()
        fails = con.execute("SELECT f.doc_id, f.sha256, r.pipeline, f.run_id, f.code, f.message FROM failures f "
                            "JOIN runs r USING (run_id) WHERE f.doc_id IN (SELECT unnest(?::VARCHAR[])) "
                            "ORDER BY f.failed_at", [ids]).fetchall()
        return {r[0]: r[1:] for r in docs}, {r[0]: r[1:] for r in fails}

    def _client_failure(self, f: dict) -> None:
        self.client_failures.append(f)
        self.show_failures([f])
        self.failed += 1
        self._tick(1)

    def _flush_client_failures(self) -> None:
        if self.client_failures:
            self.store.record_failures(self.client_failures, self.run_id)
            self.client_failures = []

    def _submit(self, articles: list[dict]) -> None:
        while self.inflight and (len(self.inflight) >= self.limit or len(self.done) >= self.max_unmerged):
            self._wait(block=True)
        key = (self.next_chunk,)
        self.next_chunk += 1
        self.order.append(key)
        self._launch(articles, key)
        self._wait(block=False)

    def _launch(self, articles: list[dict], key: tuple) -> None:
        name = ".".join(f"{k:06d}" if i == 0 else f"{k:03d}" for i, k in enumerate(key))
        shard_id = f"{self.run_id}/{name}"
        path = os.path.join(shard_root(self.db), self.run_id, name)
        fut = self.client.submit(self.task, articles, path, shard_id, self.run_id, self.options, pure=False,
                                 key=f"dyads-chunk-{uuid.uuid4().hex}")
        self.inflight[fut] = (key, articles)

    # -------------------------------------------------------- results

    def drain(self) -> None:
        while self.inflight:
            self._wait(block=True)
        self._merge_ready()

    def _wait(self, block: bool) -> None:
        from distributed import wait

        if block:
            wait(list(self.inflight), return_when="FIRST_COMPLETED")
        for fut in [f for f in self.inflight if f.done()]:
            key, articles = self.inflight.pop(fut)
            self._finished(fut, key, articles)
        self._merge_ready()

    def _finished(self, fut, key, articles) -> None:
        from distributed import KilledWorker

        try:
            manifest = fut.result()
        except KilledWorker as exc:
            self.killed_in_a_row += 1
            if self.killed_in_a_row >= MAX_KILLED_IN_A_ROW:
                raise DyadsError("E108", detail=str(exc)[:200]) from None
            if len(articles) > 1:  # one article may be the cause: try them one by one
                i = self.order.index(key)
                subs = [key + (j,) for j in range(len(articles))]
                self.order.remove(key)
                for j, sub in enumerate(subs):
                    self.order.insert(i + j, sub)
                for sub, a in zip(subs, articles):
                    self._launch([a], sub)
                return
            self._fail_all(key, articles, "E201", detail="killed")
            return
        except Exception as exc:  # noqa: BLE001 - the chunk's documents fail, the run goes on
            self._fail_all(key, articles, "E200", detail="dask worker", error=f"{type(exc).__name__}: {exc}"[:300])
            return
        self.killed_in_a_row = 0
        if "fatal" in manifest:
            raise DyadsError(manifest["fatal"]["code"], **manifest["fatal"]["info"])
        self.done[key] = (manifest, [(a["doc_id"], a["sha256"], a.get("origin")) for a in articles])

    def _fail_all(self, key, articles, code, **info) -> None:
        fs = []
        for a in articles:
            err = DyadsError(code, input=a.get("origin") or a.get("doc_id"), **info)
            fs.append({"doc_id": a["doc_id"], "sha256": a["sha256"], "origin": a.get("origin"), "code": code,
                       "message": err.as_dict()["message"]})
        self.done[key] = ({"failed": fs}, [(a["doc_id"], a["sha256"], a.get("origin")) for a in articles])

    def _merge_ready(self) -> None:
        while self.order and self.order[0] in self.done:
            key = self.order.popleft()
            manifest, meta = self.done.pop(key)
            self._merged(meta)
            if "failed" in manifest:
                self.show_failures(manifest["failed"])
                self.store.record_failures(manifest["failed"], self.run_id)
                self.failed += len(manifest["failed"])
                self._tick(len(manifest["failed"]))
                continue
            path = self._local_copy(manifest)
            if path is None:  # the worker went away with its shard
                fs = [{"doc_id": d, "sha256": h, "origin": o, "code": "E201",
                       "message": DyadsError("E201", input=o or d, detail="its results were lost").as_dict()["message"]}
                      for d, h, o in meta]
                self.show_failures(fs)
                self.store.record_failures(fs, self.run_id)
                self.failed += len(fs)
                self._tick(len(fs))
                continue
            written, failures, pipeline = merge_shard(self.store, path)
            if pipeline and pipeline != self.pipeline and not self.warned_pipeline:
                self.warned_pipeline = True
                self.say(f"[yellow]warning[/yellow] the workers run dyads {pipeline}, this machine {self.pipeline}: "
                         "install the same version everywhere, or their documents are analysed again next run")
            self.show_failures(failures)
            self.stored += written
            self.failed += len(failures)
            self._tick(manifest["articles"])
        self.store.release()  # merged: readers may open the store until the next merge

    def _sees(self, path: str) -> bool:
        return os.path.exists(os.path.join(path, MARKER))

    def _merged(self, meta: list) -> None:
        """These documents are in the store now (or failed there): it answers for them."""
        for doc_id, _, _ in meta:
            entry = self.pending.get(doc_id)
            if entry is not None:
                entry[1] -= 1
                if entry[1] <= 0:
                    del self.pending[doc_id]

    def _local_copy(self, manifest: dict) -> Optional[str]:
        """The shard's directory on this machine: where the worker wrote it when the client sees
        that place, else fetched from the worker into the place the client asked for."""
        path = manifest["path"]
        if self._sees(path):
            return path
        run, name = manifest["shard"].split("/", 1)
        local = os.path.join(shard_root(self.db), run, name)
        worker = manifest.get("worker")
        if not worker or worker not in self.client.nthreads():
            return None
        try:
            files = self.client.submit(read_shard_files, path, workers=[worker], allow_other_workers=False,
                                       pure=False).result(timeout=300)
        except Exception as exc:  # noqa: BLE001 - a worker gone with its shard: those documents fail
            log.warning("cannot fetch shard %s from %s: %s", manifest["shard"], worker, exc)
            return None
        os.makedirs(local, exist_ok=True)
        for name_, data in files.items():
            if name_ != MARKER:
                with open(os.path.join(local, name_), "wb") as f:
                    f.write(data)
        tmp = os.path.join(local, MARKER + ".tmp")
        with open(tmp, "wb") as f:
            f.write(files[MARKER])
        os.replace(tmp, os.path.join(local, MARKER))
        from distributed import fire_and_forget

        fire_and_forget(self.client.submit(remove_shard_files, path, workers=[worker], pure=False))
        return local
