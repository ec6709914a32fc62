"""Score this checkout on every dev set together, the way a rule change is judged.

    python tools/devscore.py                     # all five sets, one line per measure
    python tools/devscore.py --save before.json  # keep the figures
    python tools/devscore.py --against before.json   # before -> after for each measure
    python tools/devscore.py --sets conflict-dev plover-dev

It runs ../shared/eval/score.py with this checkout's own source first on the path (so a
git worktree scores its own code, not the installed package) and prints the measures the
quality floors name (tests/floors.py) plus the ones a rule change moves. A change is kept
only when the sum over all sets improves; the last line gives that sum (higher is better;
wrong signs and must-not violations count against it).
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SETS = ["seed", "conflict-dev", "plover-dev", "polnear-dev", "newsquant-dev"]

MEASURES: dict[str, list[str]] = {
    "seed": ["actors.recall", "actors.precision", "actors.type_accuracy", "quotes.f1",
             "quotes.speaker_accuracy", "quantities.value.f1", "quantities.subject_accuracy",
             "relations.recall", "relations.wrong_sign", "must_not.violations"],
    "conflict-dev": ["relations.recall", "relations.precision", "relations.wrong_sign",
                     "must_not.violations", "actors.recall", "actors.precision", "actors.type_accuracy"],
    "plover-dev": ["events.category_recall", "events.dyad_recall", "events.f1", "events.p"],
    "polnear-dev": ["quotes.f1", "quotes.speaker_accuracy"],
    "newsquant-dev": ["quantities.value.f1", "quantities.value_unit.f1"],
}
PENALTIES = {"relations.wrong_sign": 0.01, "must_not.violations": 0.02}


def measure(scores: dict, path: str):
    value = scores
    for key in path.split("."):
        if not isinstance(value, dict) or key not in value:
            return None
        value = value[key]
    return value


def score_set(name: str) -> dict:
    gold = SHARED / "eval" / "dev" / f"{name}.jsonl"
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src") + os.pathsep + os.environ.get("PYTHONPATH", ""))
    out = subprocess.run([sys.executable, str(SHARED / "eval" / "score.py"), str(gold), "--json", "--misses", "0",
                          "--cmd", f"{sys.executable} -m dyads analyze"],
                         capture_output=True, text=True, env=env, check=True)
    return json.loads(out.stdout)


def total(figures: dict[str, dict[str, float]]) -> float:
    s = 0.0
    for name, row in figures.items():
        for path, v in row.items():
            if v is None:
                continue
            s += -PENALTIES[path] * v if path in PENALTIES else v
    return round(s, 4)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sets", nargs="+", default=SETS, choices=SETS)
    ap.add_argument("--save", help="write the figures to this JSON file")
    ap.add_argument("--against", help="a JSON file from --save: print before -> after")
    args = ap.parse_args(argv)
    if not (SHARED / "eval" / "score.py").exists():
        print(f"no scorer at {SHARED / 'eval' / 'score.py'}", file=sys.stderr)
        return 2
    before = json.loads(Path(args.against).read_text()) if args.against else {}
    figures: dict[str, dict[str, float]] = {}
    for name in args.sets:
        scores = score_set(name)
        figures[name] = {p: measure(scores, p) for p in MEASURES[name]}
        for p, v in figures[name].items():
            old = (before.get(name) or {}).get(p)
            arrow = "" if old is None else f"   (before {old}{'' if old == v else ', CHANGED'})"
            print(f"{name:14} {p:28} {v}{arrow}", flush=True)
    both = {n: figures[n] for n in figures if n in before} if before else {}
    print(f"sum {total(figures)}" + (f"   (before {total({n: before[n] for n in both})} on the same sets)" if both else ""))
    if args.save:
        Path(args.save).write_text(json.dumps(figures, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
