"""Does a change keep dyads' output the same? Run a reference revision and the working tree on the
same inputs and diff their `dyads.article/1` results, document by document.

    python benchmarks/same_output.py                      # HEAD against the working tree
    python benchmarks/same_output.py --ref 3931c27 --bench 2000
    python benchmarks/same_output.py --ignore trigger_start,trigger_end

Inputs: every dev set under ../shared/eval/dev (when it exists) and the first N articles of
../shared/corpus/bench-news.jsonl.gz. The reference revision is checked out with `git worktree` into a
temporary folder and run with its own `src/` first on PYTHONPATH, so both sides use this machine's
installed packages and model. Keys named by --ignore are dropped anywhere in the JSON before comparing
(for a field a change adds on purpose). Exit status 0 when every document is identical, 1 otherwise.
"""
from __future__ import annotations

import argparse
import gzip
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"


def _inputs(tmp: Path, bench: int) -> list[Path]:
    files = sorted((SHARED / "eval" / "dev").glob("*.jsonl")) if (SHARED / "eval" / "dev").is_dir() else []
    corpus = SHARED / "corpus" / "bench-news.jsonl.gz"
    if bench and corpus.exists():
        part = tmp / f"bench-news-{bench}.jsonl"
        with gzip.open(corpus, "rt", encoding="utf-8") as src, open(part, "w", encoding="utf-8") as dst:
            for i, line in enumerate(src):
                if i >= bench:
                    break
                dst.write(line)
        files.append(part)
    if not files:
        sys.exit("no inputs: ../shared is not beside the project")
    return files


def _run(src: Path, inp: Path, out: Path) -> float:
    env = dict(os.environ, PYTHONPATH=str(src) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    t0 = time.perf_counter()
    with open(out, "w", encoding="utf-8") as fh:
        subprocess.run([sys.executable, "-m", "dyads", "analyze", str(inp), "--format", "jsonl", "-q"],
                       stdout=fh, stderr=subprocess.DEVNULL, env=env, cwd=str(src.parent), check=False)
    return time.perf_counter() - t0


def _strip(value, ignore: frozenset):
    if isinstance(value, dict):
        return {k: _strip(v, ignore) for k, v in value.items() if k not in ignore}
    if isinstance(value, list):
        return [_strip(v, ignore) for v in value]
    return value


def _load(path: Path, ignore: frozenset) -> dict:
    docs = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            d = json.loads(line)
            docs[d["document"]["id"]] = _strip(d, ignore)
    return docs


def _first_difference(a, b, where: str = "") -> str:
    if type(a) is not type(b):
        return f"{where}: {a!r:.80} != {b!r:.80}"
    if isinstance(a, dict):
        for k in sorted(set(a) | set(b)):
            if a.get(k) != b.get(k):
                return _first_difference(a.get(k), b.get(k), f"{where}.{k}")
    elif isinstance(a, list):
        if len(a) != len(b):
            return f"{where}: {len(a)} items != {len(b)}"
        for i, (x, y) in enumerate(zip(a, b)):
            if x != y:
                return _first_difference(x, y, f"{where}[{i}]")
    return f"{where}: {a!r:.80} != {b!r:.80}"


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--ref", default="HEAD", help="git revision to compare against (default HEAD)")
    ap.add_argument("--bench", type=int, default=2000, help="articles of bench-news to include (default 2000)")
    ap.add_argument("--ignore", default="", help="comma-separated JSON keys to drop before comparing")
    ap.add_argument("--show", type=int, default=10, help="differences to print")
    args = ap.parse_args(argv)
    ignore = frozenset(k for k in args.ignore.split(",") if k)
    tmp = Path(tempfile.mkdtemp(prefix="dyads-same-"))
    tree = tmp / "ref"
    subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "--detach", "-q", str(tree), args.ref], check=True)
    try:
        total = same = 0
        shown = 0
        for inp in _inputs(tmp, args.bench):
            a, b = tmp / f"{inp.stem}.ref.jsonl", tmp / f"{inp.stem}.new.jsonl"
            ta = _run(tree / "src", inp, a)
            tb = _run(ROOT / "src", inp, b)
            ref, new = _load(a, ignore), _load(b, ignore)
            ids = sorted(set(ref) | set(new))
            diff = [i for i in ids if ref.get(i) != new.get(i)]
            total += len(ids)
            same += len(ids) - len(diff)
            print(f"{inp.name}: {len(ids) - len(diff)}/{len(ids)} identical  (ref {ta:.0f} s, new {tb:.0f} s)")
            for i in diff:
                if shown >= args.show:
                    break
                shown += 1
                if i not in ref or i not in new:
                    print(f"  {i}: only in {'new' if i not in ref else 'ref'}")
                else:
                    print(f"  {i}{_first_difference(ref[i], new[i])}")
        print(f"all: {same}/{total} documents identical")
        return 0 if same == total else 1
    finally:
        subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(tree)], check=False)
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
