"""Ingest on a Dask cluster: workers analyse, the client alone writes the store.

    ingest_dask(["news.jsonl.gz"], db="corpus.duckdb", local_workers=2)            # this machine
    ingest_dask(["news.jsonl.gz"], db="corpus.duckdb", scheduler="tcp://host:8786")  # a cluster

The client streams the inputs, skips documents already stored with the same id, text and
pipeline, and submits chunks of articles (plain dicts) to the workers, never more than a few per
worker at a time; the triage is local ingest's (triage.py). A worker analyses its chunk into a
shard of Parquet files, and the client merges each finished shard, in input order, exactly once
(shards.py).

Workers on other machines need not share a file system with the client: a shard the client
cannot see is fetched from the worker that wrote it.
"""
from __future__ import annotations

import dataclasses
import itertools
import logging
import os
import time
import uuid
from collections import deque
from typing import Iterable, Optional

from ..errors import DocumentFailure, DyadsError
from ..store.writer import default_db
from .ingest import locked_store
from .shards import (MARKER, analyse_chunk, ensure_bookkeeping, merge_shard, read_shard_files, recover,
                     remove_shard_files, rmdir, shard_root)
from .triage import triage
from .version import pipeline_for, pipeline_version

READ_AHEAD = 256  # articles read and looked up in the store at a time
TASKS_PER_THREAD = 2  # chunks in flight per worker thread: one running, one waiting
MAX_KILLED_IN_A_ROW = 3  # chunks whose workers died, one after another, before the run stops
SHOWN_FAILURES = 20  # failures printed one by one; the rest are counted

log = logging.getLogger(__name__)


# ---------------------------------------------------------------- client side: the run


def article_dict(article, doc_id: str, sha: str) -> dict:
    """What travels to a worker: the article's fields, plain."""
    d = {f.name: getattr(article, f.name, None) for f in dataclasses.fields(article)}
    d["warnings"] = [{"code": w.code, "message": w.message} for w in (d.get("warnings") or [])]
    d["doc_id"], d["sha256"] = doc_id, sha
    return d


def ingest_dask(paths, db=None, scheduler=None, local_workers=None, batch_size=32, max_chars=2_000_000, model=None,
                actors_files=(), force=False, quiet=False, incident_days=None) -> dict:
    """Analyse and store `paths` with Dask workers; see the module docstring. Returns
    {"stored", "unchanged", "failed", "run_id"}, and "duplicates" (ids met again in this run),
    "seconds" and "db" as local ingest's report has them."""
    started = time.monotonic()
    db = str(db or default_db())
    paths = [str(p) for p in paths]
    actors_files = [str(p) for p in actors_files or ()]
    actors = tuple(_read_actors(actors_files))
    # rows carry what local ingest stamps them with: the package and knowledge files, and the
    # model and extra actors when given; a worker puts its own package version in front
    base = pipeline_version()
    pipeline = pipeline_for(model, actors_files, base=base)
    options = {"model": model or os.environ.get("DYADS_MODEL") or None, "actors": actors, "batch_size": batch_size,
               "max_chars": max_chars, "pipeline_suffix": pipeline[len(base):]}
    lock, store = locked_store(db)  # one ingest per store (E107), as local ingest
    cluster = client = None
    run_id = None
    try:
        ensure_bookkeeping(store.con)
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
        rmdir(os.path.join(shard_root(db), run_id))
        rmdir(shard_root(db))
        from .ingest import across_articles

        across_articles(store, bool(run.stored or recovered), incident_days)
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
        """Read, look each chunk up in the store, send what needs analysing. The triage is local
        ingest's (triage.py): what is stored with the same text and pipeline is unchanged, what
        failed so before fails again without a worker's time, what this run has is a duplicate."""
        from ..ingest import read_inputs
        from ..ingest.normalise import sha256

        self.batch: list[dict] = []
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
            for item, doc_id, sha, verdict in triage(self.store.con, articles, self.pipeline, self.run_id, force,
                                                     self._in_flight):
                self._sort(item, doc_id, sha, verdict)
            self._flush_client_failures()
            self.store.release()  # looked up and written: readers may open the store
        if self.batch:
            self._submit(self.batch)
        self._flush_client_failures()

    def _in_flight(self, doc_id: str, sha: str) -> bool:
        entry = self.pending.get(doc_id)
        return entry is not None and entry[0] == sha

    def _sort(self, item, doc_id: str, sha: str, verdict) -> None:
        """Count an article the triage settled, or add it to the batch to send."""
        if verdict.kind == "repeat":
            self.duplicates += 1  # this run has it already
            self._tick(1)
        elif verdict.kind == "unchanged":
            self.unchanged += 1
            self._tick(1)
        elif verdict.kind == "failed":
            self._client_failure({"doc_id": doc_id, "sha256": sha, "origin": item.origin,
                                  "code": verdict.code, "message": verdict.message})
        else:
            entry = self.pending.setdefault(doc_id, [sha, 0])
            entry[0] = sha
            entry[1] += 1
            self.batch.append(article_dict(item, doc_id, sha))
            if len(self.batch) >= self.chunk_size:
                self._submit(self.batch)
                self.batch = []

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
