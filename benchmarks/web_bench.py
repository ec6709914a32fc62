"""Time every page and API endpoint of the web UI over a corpus store (not a timed test).

    dyads ingest /work/shared/corpus/fakes-syria.jsonl.gz --db /tmp/fakes.duckdb     # ~1-2 min
    python benchmarks/web_bench.py --db /tmp/fakes.duckdb --repeat 5

Requests go through the app in-process (httpx's ASGI transport): each one opens the store
read-only, builds the page's context, renders it and closes the store, as under `dyads serve`,
without the network. The first request also computes the corpus actors when the store was
written without `rebuild_corpus` (reported apart as "cold"). Prints the first time of each route
(its page built from the store), the median and the slowest time (later ones come from the
page cache while the store is unchanged, web/store.py) and its size; --json writes them too.

Under load, while the corpus grows (a real server and a real ingest on the same store):

    python benchmarks/web_bench.py --db /tmp/fakes.duckdb --load 2000 --concurrency 8 \
        --ingest /work/shared/corpus/bench-news.jsonl.gz --ingest-docs 300

starts `dyads serve` on 127.0.0.1 (a free port) in a subprocess, then `dyads ingest` of the
first --ingest-docs records of --ingest (copied to a temporary JSONL file) into the same store,
and sends --load requests, --concurrency at a time, over article, actor, network, claims and
search pages and their API; prints requests/s, p50/p95/p99 and the count of each status. The
store is changed by the ingest: use a copy.
"""
from __future__ import annotations

import argparse
import asyncio
import gzip
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from urllib.parse import quote

import duckdb
import httpx

from dyads.web import create_app


def sample_ids(db: str, overview: dict) -> dict:
    """Heavy cases: the article with the most events, the actor in most articles, the person in
    most articles (from the overview, so corpus actors computed in memory count too), the
    biggest outlet."""
    con = duckdb.connect(db, read_only=True)
    try:
        doc = con.execute("SELECT doc_id FROM events GROUP BY doc_id ORDER BY count(*) DESC, doc_id LIMIT 1").fetchone()
    finally:
        con.close()
    if not doc:
        sys.exit(f"{db}: no events; ingest a corpus first")
    top = overview["top_actors"]
    persons = [a for a in top if a["type"] == "person"] or top
    outlets = overview["outlets"]
    return {"doc": doc[0], "actor": top[0]["corpus_id"], "person": persons[0]["corpus_id"],
            "outlet": outlets[0]["outlet"] if outlets else ""}


def routes(ids: dict) -> list[str]:
    d, a, p, o = (quote(ids[k], safe="") for k in ("doc", "actor", "person", "outlet"))
    pages = ["/", "/articles", f"/articles/{d}", "/actors", f"/actors/{a}", f"/actors/{p}", "/network",
             "/network?min_weight=3", f"/network?category=ASSAULT&since=2015&until=2016&source={o}",
             f"/network?doc={d}", "/claims", f"/claims?source={o}&since=2016", "/search?q=assad"]
    apis = ["/api/overview", "/api/articles", f"/api/articles/{d}", "/api/actors", f"/api/actors/{a}", "/api/network",
            "/api/network?min_weight=3", "/api/claims", "/api/disagreements", "/api/search?q=chemical"]
    return pages + apis


async def run(db: str, repeat: int) -> dict:
    app = create_app(db)
    out: dict = {"db": db, "repeat": repeat, "routes": {}}
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://127.0.0.1", timeout=120) as client:
        t = time.perf_counter()
        r = await client.get("/api/overview")
        out["cold"] = round(time.perf_counter() - t, 3)
        r.raise_for_status()
        ids = out["samples"] = sample_ids(db, r.json())
        for path in routes(ids):
            times, size = [], 0
            for _ in range(repeat):
                t = time.perf_counter()
                r = await client.get(path)
                times.append(time.perf_counter() - t)
                if r.status_code != 200:
                    sys.exit(f"{path}: {r.status_code} {r.text[:300]}")
                size = len(r.content)
            out["routes"][path] = {"first": round(times[0], 3), "median": round(statistics.median(times), 3),
                                   "max": round(max(times), 3), "bytes": size}
    return out


# ---------------------------------------------------------------- under load, beside an ingest


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def first_records(path: str, n: int, out: str) -> int:
    """The first `n` records of a JSONL(.gz) file, into `out`; how many there were."""
    opener = gzip.open if path.endswith(".gz") else open
    k = 0
    with opener(path, "rt", encoding="utf-8") as src, open(out, "w", encoding="utf-8") as dst:
        for line in src:
            if k >= n:
                break
            dst.write(line)
            k += 1
    return k


def load_paths(ids: dict) -> list[str]:
    d, a, p, o = (quote(ids[k], safe="") for k in ("doc", "actor", "person", "outlet"))
    return [f"/articles/{d}", f"/actors/{a}", f"/actors/{p}", "/network", "/network?min_weight=3", "/claims",
            f"/claims?source={o}", "/search?q=assad", "/articles", "/", f"/api/articles/{d}", "/api/network",
            "/api/search?q=chemical", f"/api/actors/{a}"]


async def hammer(base: str, paths: list[str], total: int, concurrency: int) -> dict:
    """`total` GETs, `concurrency` at a time, cycling over `paths`: latencies and statuses."""
    times: list[float] = []
    status: Counter = Counter()
    by_path: dict[str, list[float]] = {}
    bodies: dict[int, str] = {}
    counter = iter(range(total))
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)

    async def worker(client):
        for i in counter:
            path = paths[i % len(paths)]
            t = time.perf_counter()
            try:
                r = await client.get(path)
                code = r.status_code
                if code != 200 and code not in bodies:
                    bodies[code] = r.text[:300]
            except httpx.HTTPError as exc:
                code = f"error:{type(exc).__name__}"
            dt = time.perf_counter() - t
            times.append(dt)
            by_path.setdefault(path.split("?")[0].rsplit("/", 1)[0] or path, []).append(dt)
            status[code] += 1

    async with httpx.AsyncClient(base_url=base, timeout=120, limits=limits) as client:
        t = time.perf_counter()
        await asyncio.gather(*(worker(client) for _ in range(concurrency)))
        wall = time.perf_counter() - t
    times.sort()

    def pct(q, xs=times):
        xs = sorted(xs)
        return round(xs[min(len(xs) - 1, int(q * len(xs)))] * 1000, 1)

    return {"requests": len(times), "seconds": round(wall, 1), "rps": round(len(times) / wall, 1),
            "p50_ms": pct(0.50), "p95_ms": pct(0.95), "p99_ms": pct(0.99), "max_ms": round(times[-1] * 1000, 1),
            "status": {str(k): v for k, v in status.items()}, "bodies": bodies,
            "p95_by_route_ms": {k: pct(0.95, v) for k, v in sorted(by_path.items())}}


def count_docs(base: str) -> int:
    return httpx.get(base + "/api/overview", timeout=120).json()["counts"]["articles"]


def run_load(args) -> dict:
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen([sys.executable, "-m", "dyads", "serve", "--db", args.db, "--host", "127.0.0.1",
                               "--port", str(port)], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    ingest = None
    tmp = tempfile.mkdtemp(prefix="dyads-web-bench-")
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                if httpx.get(base + "/api/overview", timeout=60).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if server.poll() is not None or time.monotonic() > deadline:
                sys.exit(f"the server did not start: {server.stderr.read()[-2000:]}")
            time.sleep(0.3)
        overview = httpx.get(base + "/api/overview", timeout=120).json()
        ids = sample_ids(args.db, overview)
        before = count_docs(base)
        out: dict = {"db": args.db, "concurrency": args.concurrency, "docs_before": before, "ingest": None}
        if args.ingest:
            part = os.path.join(tmp, "part.jsonl")
            n = first_records(args.ingest, args.ingest_docs, part)
            cmd = [sys.executable, "-m", "dyads", "ingest", part, "--db", args.db, "-p", str(args.ingest_processes),
                   "-q"]
            ingest = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
            out["ingest"] = {"records": n, "processes": args.ingest_processes}
            time.sleep(args.ingest_head_start)
        t0 = time.monotonic()
        out["load"] = asyncio.run(hammer(base, load_paths(ids), args.load, args.concurrency))
        out["docs_at_load_end"] = count_docs(base)  # what the pages showed then (the ingest goes on)
        if ingest is not None:
            running = ingest.poll() is None
            out["ingest"]["still_running_after_load"] = running
            rc = ingest.wait(timeout=3600)
            out["ingest"].update(exit=rc, seconds_after_load_start=round(time.monotonic() - t0, 1),
                                 stderr=ingest.stderr.read()[-500:])
        out["docs_after"] = count_docs(base)
        return out
    finally:
        for proc in (ingest, server):
            if proc is not None and proc.poll() is None:
                proc.terminate()
                try:
                    proc.wait(timeout=30)
                except subprocess.TimeoutExpired:
                    proc.kill()
        import shutil

        shutil.rmtree(tmp, ignore_errors=True)


def print_load(res: dict) -> None:
    ld = res["load"]
    print(f"{res['db']}: {res['docs_before']} articles before, {res.get('docs_at_load_end')} shown when the load "
          f"ended, {res['docs_after']} after")
    if res["ingest"]:
        ing = res["ingest"]
        print(f"ingest beside: {ing['records']} records, -p {ing['processes']}, exit {ing.get('exit')}, "
              f"still running when the load ended: {ing.get('still_running_after_load')}")
    print(f"{ld['requests']} requests at concurrency {res['concurrency']} in {ld['seconds']} s: {ld['rps']} req/s; "
          f"p50 {ld['p50_ms']} ms, p95 {ld['p95_ms']} ms, p99 {ld['p99_ms']} ms, max {ld['max_ms']} ms")
    print("status:", ", ".join(f"{k} x{v}" for k, v in sorted(ld["status"].items())))
    for code, body in ld["bodies"].items():
        print(f"  first {code} body: {body}")
    print("p95 by route (ms):", ", ".join(f"{k} {v}" for k, v in ld["p95_by_route_ms"].items()))


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--db", default="/tmp/fakes.duckdb", help="The corpus store (default /tmp/fakes.duckdb).")
    ap.add_argument("--repeat", type=int, default=5, help="Requests per route (default 5).")
    ap.add_argument("--json", help="Also write the figures to this JSON file.")
    ap.add_argument("--load", type=int, default=0, help="Requests to send to a real server (default 0: timing mode).")
    ap.add_argument("--concurrency", type=int, default=8, help="Requests at a time under --load (default 8).")
    ap.add_argument("--ingest", help="Under --load, ingest the first --ingest-docs records of this file meanwhile.")
    ap.add_argument("--ingest-docs", type=int, default=300, help="Records to ingest beside the load (default 300).")
    ap.add_argument("--ingest-processes", type=int, default=1, help="Processes of that ingest (default 1).")
    ap.add_argument("--ingest-head-start", type=float, default=10.0,
                    help="Seconds the ingest runs before the load starts (it loads its model; default 10).")
    args = ap.parse_args(argv)
    if args.load:
        res = run_load(args)
        print_load(res)
        if args.json:
            with open(args.json, "w", encoding="utf-8") as f:
                json.dump(res, f, indent=2)
        return
    res = asyncio.run(run(args.db, args.repeat))
    con = duckdb.connect(args.db, read_only=True)
    n = con.execute("SELECT count(*) FROM documents").fetchone()[0]
    con.close()
    print(f"{args.db}: {n} articles; first request (opens the store, corpus actors if stale): {res['cold']:.3f} s")
    print(f"{'route':<64} {'first s':>8} {'median s':>9} {'max s':>7} {'KB':>7}")
    for path, r in res["routes"].items():
        shown = path if len(path) <= 64 else path[:61] + "..."
        print(f"{shown:<64} {r['first']:>8.3f} {r['median']:>9.3f} {r['max']:>7.3f} {r['bytes'] / 1024:>7.0f}")
    worst = max(res["routes"].items(), key=lambda kv: kv[1]["max"])
    print(f"slowest: {worst[0]} {worst[1]['max']:.3f} s")
    if args.json:
        with open(args.json, "w", encoding="utf-8") as f:
            json.dump(res, f, indent=2)


if __name__ == "__main__":
    main()
