"""How long the incident step takes, against the ingest that filled the store, and how it grows.

    python benchmarks/incident_bench.py --db fakes.duckdb          # a store made by `dyads ingest`
    python benchmarks/incident_bench.py --corpus ../shared/corpus/fakes-syria.jsonl.gz   # ingest it first

It copies the store, builds its incidents from scratch (the first ingest's cost), runs the step
again with nothing new (every later ingest's floor), then builds them on a quarter, half and all
of the documents to show the growth: seconds per event and per n·log2(n) events. The ingest's
own time is the store's `runs` table's (the runs that stored documents). A benchmark, never a test.
"""
from __future__ import annotations

import argparse
import math
import os
import shutil
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "src"))

from dyads.store.corpus import rebuild_corpus  # noqa: E402
from dyads.store.incident_update import update_incidents  # noqa: E402
from dyads.store.schema import DOCUMENT_TABLES  # noqa: E402
from dyads.store.writer import Store  # noqa: E402

INCIDENT_TABLES = ("incidents", "incident_reports", "incident_numbers", "incident_docs")


def _drop_incidents(con) -> None:
    for t in INCIDENT_TABLES:
        con.execute(f"DROP TABLE IF EXISTS {t}")
    con.execute("DELETE FROM meta WHERE key LIKE 'incidents_%'")


def _ingest_seconds(con) -> float:
    rows = con.execute("""SELECT sum(epoch(finished) - epoch(started)) FROM runs
                          WHERE stored > 0 AND finished IS NOT NULL""").fetchone()
    return float(rows[0] or 0.0)


def _timed(path: str) -> tuple[float, dict]:
    with Store(path) as s:
        t = time.perf_counter()
        out = update_incidents(s.con)
        return time.perf_counter() - t, out


def _sample(src: str, dst: str, fraction: float) -> None:
    shutil.copy(src, dst)
    with Store(dst) as s:
        con = s.con
        _drop_incidents(con)
        n = con.execute("SELECT count(*) FROM documents").fetchone()[0]
        keep = [r[0] for r in con.execute("SELECT doc_id FROM documents ORDER BY hash(doc_id) LIMIT ?",
                                          [max(1, int(n * fraction))]).fetchall()]
        for t in DOCUMENT_TABLES:
            con.execute(f"DELETE FROM {t} WHERE NOT list_contains(?, doc_id)", [keep])
        rebuild_corpus(s)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--db", help="a store made by dyads ingest")
    ap.add_argument("--corpus", help="ingest this corpus first (into a temporary store)")
    ap.add_argument("--processes", type=int, default=2)
    args = ap.parse_args(argv)
    tmp = tempfile.mkdtemp(prefix="dyads-incidents-")
    try:
        db = args.db
        if db is None:
            if not args.corpus or not os.path.exists(args.corpus):
                print("give --db STORE, or --corpus FILE to ingest (the shared corpus is absent here)")
                return 0
            from dyads.run.ingest import ingest

            db = os.path.join(tmp, "corpus.duckdb")
            ingest([args.corpus], db=db, processes=args.processes, quiet=True)
        work = os.path.join(tmp, "work.duckdb")
        shutil.copy(db, work)
        with Store(work) as s:
            _drop_incidents(s.con)
            ingest_s = _ingest_seconds(s.con)
            docs = s.con.execute("SELECT count(*) FROM documents").fetchone()[0]
        full_s, out = _timed(work)
        again_s, _ = _timed(work)
        print(f"documents {docs}, events that report a happening {out['reports']}, incidents {out['incidents']}")
        print(f"incident step from scratch {full_s:.2f} s; with nothing new {again_s:.2f} s; "
              f"the ingest that stored them {ingest_s:.0f} s: {100 * full_s / ingest_s:.1f}% of it"
              if ingest_s else f"incident step from scratch {full_s:.2f} s; with nothing new {again_s:.2f} s")
        print("fraction  events  seconds  us/event  us/(n log2 n)")
        for fraction in (0.25, 0.5, 1.0):
            part = os.path.join(tmp, f"part{fraction}.duckdb")
            _sample(db, part, fraction)
            secs, o = _timed(part)
            n = max(2, o["reports"])
            print(f"{fraction:8.2f}  {o['reports']:6d}  {secs:7.2f}  {1e6 * secs / n:8.1f}  {1e6 * secs / (n * math.log2(n)):13.2f}")
        return 0
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    raise SystemExit(main())
