"""How fast full-text search answers over the 804-article FA-KES store (a benchmark, not a timed test).

    python benchmarks/search_speed.py                          # builds /tmp/dyads-search-bench/fakes.duckdb once
    python benchmarks/search_speed.py --db corpus.duckdb       # or any store (left as it is when indexed)

Without --db, the store is built once by `dyads ingest` of ../shared/corpus/fakes-syria.jsonl.gz
(beside the project, not part of it; the benchmark says so and stops when it is absent) with
--processes 2, then reused. A store without a full-text index gets one first (store/search.py).
Then: the time to build the index again, whole (what an ingest that changed anything pays), and
for a dozen queries, `CorpusStore.search` as the web calls it (a page of --limit hits with their
snippets) --repeat times each after one warm-up: the median wall time, the median CPU time of
this process (DuckDB's threads included; less sensitive to other processes on a shared
machine) and the ranking query alone. Goal: median under 50 ms. The last line is JSON.
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
CORPUS = os.path.join(ROOT, "..", "shared", "corpus", "fakes-syria.jsonl.gz")
DEFAULT_DB = os.path.join("/tmp", "dyads-search-bench", "fakes.duckdb")
# a dozen searches an analyst of the Syrian war might type (our own words)
QUERIES = ["chemical attack", "airstrikes Aleppo", "barrel bombs", "Idlib", "civilians killed", "ceasefire talks",
           "Russian jets", "Islamic State fighters", "hospital bombed", "children", "rebels shelled Damascus",
           "refugees Turkey border"]


def build(db: str, corpus: str, processes: int) -> None:
    """The store, by dyads' own ingest (the index is built as it finishes)."""
    os.makedirs(os.path.dirname(os.path.abspath(db)), exist_ok=True)
    env = dict(os.environ, PYTHONPATH=os.path.join(ROOT, "src") + os.pathsep + os.environ.get("PYTHONPATH", ""))
    print(f"building {db} from {corpus} (dyads ingest, {processes} processes; a few minutes) ...", file=sys.stderr)
    started = time.monotonic()
    subprocess.run([sys.executable, "-m", "dyads", "ingest", corpus, "--db", db, "--processes", str(processes), "-q"],
                   env=env, check=False)
    print(f"built in {time.monotonic() - started:.0f} s", file=sys.stderr)


def index(db: str) -> dict:
    """Index the store if it has no index (or pending articles), then time a whole rebuild."""
    from dyads.store import Store
    from dyads.store.search import load, refresh_index

    with Store(db) as st:
        why = load(st.con)
        if why is not None:
            sys.exit(f"the FTS extension cannot be loaded ({why}): nothing to measure")
        refresh_index(st.con)
        wall, cpu = time.perf_counter(), time.process_time()
        refresh_index(st.con, force=True)
        out = {"index_seconds": round(time.perf_counter() - wall, 3), "index_cpu_seconds": round(time.process_time() - cpu, 3)}
        out["articles"] = st.con.execute("SELECT count(*) FROM documents").fetchone()[0]
        out["chars"] = st.con.execute("SELECT coalesce(sum(chars), 0) FROM documents").fetchone()[0]
    return out


def timed(fn, repeat: int) -> tuple[list[float], list[float]]:
    fn()  # warm: the extension loaded, the stems of the snippets' words known
    wall, cpu = [], []
    for _ in range(repeat):
        w, c = time.perf_counter(), time.process_time()
        fn()
        wall.append(time.perf_counter() - w)
        cpu.append(time.process_time() - c)
    return wall, cpu


def measure(db: str, repeat: int, limit: int) -> dict:
    from dyads.store import open_store
    from dyads.store.search import _plan

    rows, walls, cpus, ranks = [], [], [], []
    with open_store(db) as store:
        for q in QUERIES:
            wall, cpu = timed(lambda: store.search(q, limit=limit), repeat)
            plan = _plan(store.con, q)
            rank, _ = timed(lambda: store.con.execute(plan.sql, plan.params).fetchall(), repeat)
            hits = store.search(q, limit=limit)
            rows.append({"query": q, "hits": hits.attrs["total"], "ms": round(statistics.median(wall) * 1000, 1),
                         "cpu_ms": round(statistics.median(cpu) * 1000, 1),
                         "rank_ms": round(statistics.median(rank) * 1000, 1),
                         "warnings": [w["code"] for w in hits.attrs["warnings"]]})
            walls += wall
            cpus += cpu
            ranks += rank
    return {"queries": rows, "median_ms": round(statistics.median(walls) * 1000, 1),
            "median_cpu_ms": round(statistics.median(cpus) * 1000, 1),
            "median_rank_ms": round(statistics.median(ranks) * 1000, 1),
            "p90_ms": round(sorted(walls)[int(0.9 * (len(walls) - 1))] * 1000, 1)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--db", help=f"the store to search (default {DEFAULT_DB}, built when missing)")
    ap.add_argument("--corpus", default=CORPUS, help="what to ingest when the store is missing")
    ap.add_argument("--processes", type=int, default=2)
    ap.add_argument("--repeat", type=int, default=7, help="timed runs of each query (after one warm-up)")
    ap.add_argument("--limit", type=int, default=50, help="hits a search returns (the web's page: 50)")
    args = ap.parse_args()
    sys.path.insert(0, os.path.join(ROOT, "src"))
    db = args.db or DEFAULT_DB
    if not os.path.exists(db):
        if args.db or not os.path.exists(args.corpus):
            print(f"skipped: no store at {db} and no corpus at {args.corpus} (../shared is beside the project)")
            return
        build(db, args.corpus, args.processes)
    figures = {"bench": "search", "db": db, **index(db), "limit": args.limit, "repeat": args.repeat,
               "load_average": round(os.getloadavg()[0], 2), "cpus": os.cpu_count()}
    figures.update(measure(db, args.repeat, args.limit))
    print(f"{figures['articles']} articles, {figures['chars']:,} characters; index rebuilt in "
          f"{figures['index_seconds']} s ({figures['index_cpu_seconds']} s CPU); load average {figures['load_average']}")
    print(f"{'query':28s} {'hits':>5s} {'ms':>7s} {'cpu ms':>7s} {'rank ms':>8s}")
    for r in figures["queries"]:
        print(f"{r['query']:28s} {r['hits']:5d} {r['ms']:7.1f} {r['cpu_ms']:7.1f} {r['rank_ms']:8.1f} "
              f"{' '.join(r['warnings'])}")
    print(f"median {figures['median_ms']} ms (CPU {figures['median_cpu_ms']} ms, ranking alone "
          f"{figures['median_rank_ms']} ms), p90 {figures['p90_ms']} ms; goal < 50 ms")
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
