"""Relations on a dev set, pair by pair: what was missed, what came out wrong, and why.

    python tools/reldiag.py                    # run this checkout on conflict-dev, list misses and extras
    python tools/reldiag.py --all              # every gold relation, found or not
    python tools/reldiag.py --pred out.jsonl   # read predictions instead of running
    python tools/reldiag.py 2024-01-11         # only documents whose id contains this

Each miss is printed with the gold evidence, each extra with the sentence of its first event,
so a rule change starts from the construction that failed, not from a figure. Reads the gold
from ../shared/eval at run time; nothing of it is kept in the project.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EVAL = ROOT.parent / "shared" / "eval"


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("only", nargs="*", help="document id fragments")
    ap.add_argument("--gold", default=str(EVAL / "dev" / "conflict-dev.jsonl"))
    ap.add_argument("--pred", help="predictions (JSON Lines) instead of running this checkout")
    ap.add_argument("--all", action="store_true", help="also list the relations that were found")
    args = ap.parse_args(argv)
    sys.path.insert(0, str(EVAL))
    import score as S  # the scorer's own matching

    pred_path = args.pred
    if not pred_path:
        pred_path = os.path.join(tempfile.mkdtemp(prefix="dyads-reldiag-"), "pred.jsonl")
        env = dict(os.environ, PYTHONPATH=str(ROOT / "src") + os.pathsep + os.environ.get("PYTHONPATH", ""))
        with open(pred_path, "w") as out:
            subprocess.run([sys.executable, "-m", "dyads", "analyze", args.gold, "--format", "jsonl"],
                           stdout=out, env=env, check=True)
    docs = [json.loads(line) for line in open(args.gold, encoding="utf-8")]
    preds = S.parse_preds(open(pred_path, encoding="utf-8"))
    for doc in docs:
        if args.only and not any(o in doc["id"] for o in args.only):
            continue
        pred = preds.get(doc["id"])
        if pred is None:
            print(f"=== {doc['id']}: no prediction")
            continue
        text = doc["text"]
        _gold_names(S, doc, pred)
        rels = pred.obj.get("relations") or []
        evs = {e["id"]: e for e in pred.obj.get("events") or []}
        names = {a["id"]: a["name"] for a in pred.obj.get("actors") or []}
        print(f"=== {doc['id']} {doc.get('title', '')[:80]}")
        for g in doc.get("relations") or []:
            hit = [r for r in rels if S._rel_matches(g, r, pred)]
            tag = "OK" if any(S._sign_ok(g, r) for r in hit) else ("SIGN" if hit else "MISS")
            if not g.get("required", True):
                tag = "opt-" + tag
            if args.all or tag in ("MISS", "SIGN"):
                print(f"  {tag:8} {g['source']} {g.get('polarity', 0):+d} {g['target']} [{g.get('voice')}]"
                      f" :: {g.get('evidence', '')[:140]}")
        for r in rels:
            if any(S._rel_matches(g, r, pred) for g in doc.get("relations") or []):
                continue
            e0 = evs.get(r["events"][0]) if r.get("events") else None
            where = text[e0["start"]:e0["end"]][:140].replace("\n", " ") if e0 and e0.get("start") is not None else ""
            print(f"  EXTRA    {names.get(r['source'])} {r['polarity']:+.1f} {names.get(r['target'])}"
                  f" {','.join(r.get('categories') or {})} :: {where}")
    return 0


def _gold_names(S, doc: dict, pred) -> None:
    """The scorer's one-to-one assignment of predicted to gold actors, as score.py makes it before
    scoring relations: a relation's end answers to its gold actor's names (else only to its own)."""
    if not doc.get("actors"):
        return
    for aid, gi in S.assign_actors(doc["actors"], pred).items():
        if gi is not None and gi >= 0:
            pred.gold_names[aid] = S.gold_actor_names(doc["actors"][gi]) | {S.norm(pred.actors[aid].get("name"))} - {""}


if __name__ == "__main__":
    sys.exit(main())
