"""The shards of a Dask ingest: what a worker writes, and how the client merges it.

A worker loads the model once, analyses its chunk with the same code as local ingest
(`Analyzer.pipe`, `writer.result_rows`) and writes one Parquet file per table into a shard
directory, `<db>.shards/<run_id>/<chunk>/`, with a marker file written last. It never opens
DuckDB. The client merges each finished shard in one transaction that replaces the shard's
documents and records the shard in `merged_shards`; then it deletes the files. A shard is
therefore merged exactly once, even when the client dies between the commit and the deletion,
and complete shards left by a crashed run are merged when the next run starts (`recover`).
"""
from __future__ import annotations

import datetime as _dt
import hashlib
import json
import os
import shutil
import threading
import uuid
from typing import Optional

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from ..errors import DocumentFailure, DyadsError
from ..store.schema import DOCUMENT_TABLES

MARKER = "_SUCCESS"  # written last: a shard directory without it is incomplete
MERGED_DDL = """CREATE TABLE IF NOT EXISTS merged_shards (
    shard_id VARCHAR PRIMARY KEY, run_id VARCHAR, documents INTEGER, merged_at TIMESTAMP)"""


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
        from .version import pipeline_version

        _PIPELINE.append(pipeline_version())
    return _PIPELINE[0]


def analyse_chunk(articles: list[dict], shard_dir: str, shard_id: str, run_id: str, options: dict) -> dict:
    """Analyse a chunk of articles (dicts from `article_dict`) and write its shard. Returns the
    shard's manifest: where it is, which documents it holds, and the failure dicts. Runs on a
    worker; a usage error (model, actors file) comes back as {"fatal": ...}, since coded errors
    do not survive pickling."""
    from ..model import Warning
    from ..ingest.normalise import IngestedArticle
    from ..store.writer import result_rows

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
    from ..store.writer import arrow_table, merge_rows

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
        store.replace_documents(ids, tables, also=[
            ("INSERT INTO merged_shards VALUES (?, ?, ?, ?)", [sid, run_id, len(ids), _now()])])
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
    rmdir(shard_root(db))
    return written


def rmdir(path: str) -> None:
    try:
        os.rmdir(path)
    except OSError:
        pass


def _now() -> _dt.datetime:
    return _dt.datetime.now(_dt.timezone.utc).replace(tzinfo=None)
