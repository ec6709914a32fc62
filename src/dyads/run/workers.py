"""The analysis side of `dyads ingest`: batches of articles in, rows and failure dicts out,
either in this process or in worker processes that each build the Analyzer once.

    runner = Pool(2, Config(model, actors_files, batch_size, max_chars, pipeline, run_id))
    for rows, failures in runner.submit(batch): ...     # blocks while 2 batches per worker are out
    for rows, failures in runner.drain(): ...

Workers never touch the store: they return `writer.result_rows` per good document and a
failure dict (doc_id, sha256, origin, code, message) per bad one; the main process writes.
"""
from __future__ import annotations

import multiprocessing
import multiprocessing.connection
import os
import signal
import threading
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from typing import Callable, Iterator, Optional

from ..errors import DocumentFailure, DyadsError
from ..ingest import sha256
from ..store.writer import result_rows

IN_FLIGHT_PER_WORKER = 2  # batches queued or running per worker process

Rows = dict  # one document's rows, table -> list of tuples (writer.result_rows)
BatchOut = tuple  # (list[Rows], list[failure dict])


def analyse_batch(analyzer, batch: list, pipeline: str, run_id: str) -> BatchOut:
    """Analyse a batch of articles: the rows of each good one, a failure dict for each bad one.
    An unexpected error that breaks the whole batch is retried document by document."""
    try:
        outs = list(analyzer.pipe(batch))
        if len(outs) != len(batch):
            raise RuntimeError(f"{len(outs)} results for {len(batch)} articles")
    except Exception as exc:  # noqa: BLE001 - one document must not sink its batch
        if len(batch) > 1:
            rows, failures = [], []
            for article in batch:
                r, f = analyse_batch(analyzer, [article], pipeline, run_id)
                rows += r
                failures += f
            return rows, failures
        outs = [_crashed(batch[0], "pipeline", exc)]
    rows, failures = [], []
    for article, out in zip(batch, outs):
        if not isinstance(out, DocumentFailure):
            try:
                rows.append(result_rows(out, out.text, pipeline, run_id))
                continue
            except Exception as exc:  # noqa: BLE001
                out = _crashed(article, "store rows", exc)
        failures.append(failure_dict(out, doc_id=article.id, sha=sha_of(article.text)))
    return rows, failures


def _crashed(article, step: str, exc: BaseException) -> DocumentFailure:
    err = DyadsError("E200", input=article.origin or article.id or "<text>", detail=step,
                     error=f"{type(exc).__name__}: {exc}"[:300])
    return DocumentFailure(err, origin=article.origin)


def failure_dict(failure: DocumentFailure, doc_id: Optional[str] = None, sha: Optional[str] = None) -> dict:
    return {"doc_id": doc_id, "sha256": sha, "origin": failure.origin, "code": failure.code,
            "message": failure.error.as_dict()["message"]}


def sha_of(text) -> Optional[str]:
    return sha256(text) if isinstance(text, str) else None


@dataclass
class Config:
    model: Optional[str]
    actors_files: list
    batch_size: int
    max_chars: int
    pipeline: str
    run_id: str
    analyse: Callable = analyse_batch  # tests swap it for one that crashes its worker

    def analyzer(self):
        from ..nlp.pipeline import Analyzer

        return Analyzer(model=self.model, actors_files=self.actors_files, batch_size=self.batch_size,
                        max_chars=self.max_chars)


class _Fatal:
    """A worker could not build its pipeline: the run stops with this error."""

    def __init__(self, code: str, info: dict):
        self.code, self.info = code, info


_WORKER: dict = {}


def _worker_init(config: Config) -> None:
    """Runs once in each worker process: build the Analyzer, and die with the main process."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the main process's business
    parent = multiprocessing.parent_process()
    if parent is not None:  # a killed main process must not leave workers behind
        def watch():
            multiprocessing.connection.wait([parent.sentinel])
            os._exit(1)

        threading.Thread(target=watch, daemon=True).start()
    _WORKER["config"] = config
    try:
        _WORKER["analyzer"] = config.analyzer()
    except DyadsError as exc:
        _WORKER["fatal"] = _Fatal(exc.code, exc.info)
    except Exception as exc:  # noqa: BLE001 - never break the pool in the initializer
        _WORKER["fatal"] = _Fatal("E106", {"detail": f"a worker could not build the pipeline: {type(exc).__name__}: {exc}"})


def _worker_run(batch: list):
    if "fatal" in _WORKER:
        return _WORKER["fatal"]
    c = _WORKER["config"]
    return c.analyse(_WORKER["analyzer"], batch, c.pipeline, c.run_id)


class InProcess:
    """--processes 1: the Analyzer in this process (or `analyzer`, one built already), each batch
    analysed when it is submitted."""

    def __init__(self, config: Config, analyzer=None):
        self.config = config
        self.analyzer = analyzer if analyzer is not None else config.analyzer()

    def submit(self, batch: list) -> Iterator[BatchOut]:
        yield self.config.analyse(self.analyzer, batch, self.config.pipeline, self.config.run_id)

    def drain(self) -> Iterator[BatchOut]:
        return iter(())

    def close(self, abort: bool = False) -> None:
        pass


class Lazy:
    """Builds the runner (the Analyzer, or the worker processes) when a document needs it: a run
    where everything is stored already never loads a model."""

    def __init__(self, make: Callable):
        self.make, self.runner = make, None

    def submit(self, batch: list) -> Iterator[BatchOut]:
        if self.runner is None:
            self.runner = self.make()
        return self.runner.submit(batch)

    def drain(self) -> Iterator[BatchOut]:
        return self.runner.drain() if self.runner is not None else iter(())

    def close(self, abort: bool = False) -> None:
        if self.runner is not None:
            self.runner.close(abort=abort)


class Pool:
    """Worker processes (spawned: safe with spaCy), at most `2 * processes` batches in flight.

    When a worker dies (killed, out of memory) the pool breaks and every batch in flight is lost:
    a new pool analyses those documents one at a time, and one that kills its worker alone is
    recorded as a failure (E201). The run stops (E108) if workers keep dying."""

    MAX_DEATHS_IN_A_ROW = 3

    def __init__(self, processes: int, config: Config):
        self.processes, self.config = processes, config
        self.limit = IN_FLIGHT_PER_WORKER * processes
        self.inflight: dict[Future, list] = {}
        self.executor: Optional[ProcessPoolExecutor] = None
        self._start()

    def _start(self) -> None:
        self.executor = ProcessPoolExecutor(self.processes, mp_context=multiprocessing.get_context("spawn"),
                                            initializer=_worker_init, initargs=(self.config,))

    def submit(self, batch: list) -> Iterator[BatchOut]:
        while len(self.inflight) >= self.limit:
            yield from self._completed()
        try:
            self.inflight[self.executor.submit(_worker_run, batch)] = batch
        except BrokenProcessPool:  # it broke since the last look
            yield from self._recover([batch])

    def drain(self) -> Iterator[BatchOut]:
        while self.inflight:
            yield from self._completed()

    def _completed(self) -> Iterator[BatchOut]:
        done, _ = wait(list(self.inflight), return_when=FIRST_COMPLETED)
        lost = []
        for fut in done:
            batch = self.inflight.pop(fut)
            try:
                out = fut.result()
            except BrokenProcessPool:
                lost.append(batch)
                continue
            except Exception as exc:  # noqa: BLE001 - e.g. a result that would not pickle
                out = ([], [failure_dict(_crashed(a, "worker", exc), a.id, sha_of(a.text)) for a in batch])
            yield _checked(out)
        if lost:
            yield from self._recover(lost)

    def _recover(self, lost: list) -> Iterator[BatchOut]:
        """The pool is broken: what finished is good, the rest is analysed again."""
        for fut, batch in self.inflight.items():
            if fut.done() and not fut.cancelled() and fut.exception() is None:
                yield _checked(fut.result())
            else:
                lost.append(batch)
        self.inflight.clear()
        yield from self._rescue([a for b in lost for a in b])

    def _rescue(self, articles: list) -> Iterator[BatchOut]:
        self._restart()
        deaths = 0
        for article in articles:
            try:
                out = self.executor.submit(_worker_run, [article]).result()
            except BrokenProcessPool as exc:
                deaths += 1
                if deaths >= self.MAX_DEATHS_IN_A_ROW:
                    raise DyadsError("E108", detail=str(exc) or "the pool broke") from None
                self._restart()
                err = DyadsError("E201", input=article.origin or article.id, detail=str(exc) or "killed")
                yield [], [failure_dict(DocumentFailure(err, origin=article.origin), article.id, sha_of(article.text))]
                continue
            except Exception as exc:  # noqa: BLE001
                out = ([], [failure_dict(_crashed(article, "worker", exc), article.id, sha_of(article.text))])
            deaths = 0
            yield _checked(out)

    def _restart(self) -> None:
        self.close(abort=True)
        self._start()

    def close(self, abort: bool = False) -> None:
        if self.executor is None:
            return
        if abort:  # do not wait for batches nobody will write
            for proc in list((getattr(self.executor, "_processes", None) or {}).values()):
                try:
                    proc.terminate()
                except Exception:  # noqa: BLE001 - already gone
                    pass
        self.executor.shutdown(wait=not abort, cancel_futures=True)
        self.executor = None


def _checked(out):
    if isinstance(out, _Fatal):
        raise DyadsError(out.code, **out.info)
    return out
