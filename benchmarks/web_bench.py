"""Time every page and API endpoint of the web UI over a corpus store (not a timed test).

    dyads ingest /work/shared/corpus/fakes-syria.jsonl.gz --db /tmp/fakes.duckdb     # ~1-2 min
    python benchmarks/web_bench.py --db /tmp/fakes.duckdb --repeat 5

Requests go through the app in-process (httpx's ASGI transport): each one opens the store
read-only, builds the page's context, renders it and closes the store, as under `dyads serve`,
without the network. The first request also computes the corpus actors when the store was
written without `rebuild_corpus` (reported apart as "cold"). Prints the median and the slowest
time of each route and its size; --json writes them as JSON too.
"""
from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import sys
import time
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
            out["routes"][path] = {"median": round(statistics.median(times), 3), "max": round(max(times), 3),
                                   "bytes": size}
    return out


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--db", default="/tmp/fakes.duckdb", help="The corpus store (default /tmp/fakes.duckdb).")
    ap.add_argument("--repeat", type=int, default=5, help="Requests per route (default 5).")
    ap.add_argument("--json", help="Also write the figures to this JSON file.")
    args = ap.parse_args(argv)
    res = asyncio.run(run(args.db, args.repeat))
    con = duckdb.connect(args.db, read_only=True)
    n = con.execute("SELECT count(*) FROM documents").fetchone()[0]
    con.close()
    print(f"{args.db}: {n} articles; first request (opens the store, corpus actors if stale): {res['cold']:.3f} s")
    print(f"{'route':<72} {'median s':>9} {'max s':>7} {'KB':>7}")
    for path, r in res["routes"].items():
        shown = path if len(path) <= 72 else path[:69] + "..."
        print(f"{shown:<72} {r['median']:>9.3f} {r['max']:>7.3f} {r['bytes'] / 1024:>7.0f}")
    worst = max(res["routes"].items(), key=lambda kv: kv[1]["max"])
    print(f"slowest: {worst[0]} {worst[1]['max']:.3f} s")
    if args.json:
        with open(args.json, "w", encoding="utf-8") as f:
            json.dump(res, f, indent=2)


if __name__ == "__main__":
    main()
