"""The one triage step of an ingest, local or on Dask: which documents need analysing.

    for article, doc_id, sha, verdict in triage(store.con, items, pipeline, run_id, force, in_flight):
        verdict.kind  # "repeat", "unchanged", "failed" or "analyse"

A document is
- a *repeat* when this run has it already: in flight with the same text (`in_flight`), or
  stored or recorded as failed by this very run with the same text;
- *unchanged* when it is stored with the same id, text (sha256) and pipeline;
- *failed* again, without analysis, when it failed before with the same text and pipeline
  (other than a dead worker, which may not happen again); its code and message are the old ones;
- to *analyse* otherwise (always with `force`, repeats aside); `stored` says it replaces one.

The caller may change what `in_flight` answers between two articles (the verdicts are made one
at a time), so that a document met twice in one read-ahead is analysed once.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Iterable, Iterator, Optional

RETRIED = frozenset({"E201"})  # failures that may not happen again with the same text and pipeline

_DOCS = "SELECT doc_id, sha256, pipeline, run_id FROM documents WHERE doc_id IN (SELECT unnest(?::VARCHAR[]))"
_FAILS = ("SELECT f.doc_id, f.sha256, r.pipeline, f.run_id, f.code, f.message FROM failures f "
          "JOIN runs r USING (run_id) WHERE f.doc_id IN (SELECT unnest(?::VARCHAR[])) ORDER BY f.failed_at")


@dataclass(frozen=True)
class Verdict:
    kind: str  # "repeat", "unchanged", "failed", "analyse"
    stored: bool = False  # a version of the document is stored already
    code: Optional[str] = None  # "failed": the earlier failure's code and message
    message: Optional[str] = None


def stored_state(con, ids: list[str]) -> tuple[dict, dict]:
    """Of `ids`: doc_id -> (sha256, pipeline, run_id) of the stored documents, and doc_id ->
    (sha256, pipeline, run_id, code, message) of their latest recorded failures."""
    if not ids:
        return {}, {}
    docs = con.execute(_DOCS, [ids]).fetchall()
    fails = con.execute(_FAILS, [ids]).fetchall()
    return {r[0]: r[1:] for r in docs}, {r[0]: r[1:] for r in fails}


def triage(con, items: Iterable[tuple], pipeline: str, run_id: str, force: bool,
           in_flight: Callable[[Optional[str], Optional[str]], bool]) -> Iterator[tuple]:
    """For each (article, doc_id, sha256) of `items`: (article, doc_id, sha256, Verdict), with one
    store lookup for all."""
    items = list(items)
    known, failed = stored_state(con, sorted({d for _, d, _ in items if d}))
    for article, doc_id, sha in items:
        before, f = known.get(doc_id), failed.get(doc_id)
        if in_flight(doc_id, sha) or any(x is not None and x[0] == sha and x[2] == run_id for x in (before, f)):
            yield article, doc_id, sha, Verdict("repeat", before is not None)
        elif not force and before is not None and before[:2] == (sha, pipeline):
            yield article, doc_id, sha, Verdict("unchanged", True)
        elif not force and f is not None and f[:2] == (sha, pipeline) and f[3] not in RETRIED:
            yield article, doc_id, sha, Verdict("failed", before is not None, f[3], f[4])
        else:
            yield article, doc_id, sha, Verdict("analyse", before is not None)
