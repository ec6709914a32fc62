"""Where sources disagree, over a corpus store.

A voice is who asserts something: an outlet (`documents.source`) in its own voice, or a speaker
it reports (`claimed_by`, as a corpus actor) in that outlet. Articles without an outlet are each
a voice of their own.

- Relations (`kind == "relation"`): for an ordered pair of corpus actors (source → target), the
  events of each voice are summed: those the network folds (the article's voice and the sides'
  own claims) and a third party's claims too (`graph.event_voice` "other": they make no
  relation, but a voice that asserts them is a voice that can disagree); the pair
  is listed when one voice's sum is cooperative (sign +1) and another's conflictual (-1):
  "Turkey supported the FSA" in one outlet, "Turkey attacked the FSA" in another. Every voice
  on the pair is listed, neutral ones included.
- Quantities (`kind == "quantity"`): numbers about the same corpus actor (`subject`) in the same
  unit counting the same thing (`counts`, compared by `counts_key`: "the population" and
  "population" are one) are listed when two voices give different values (value, or its bounds
  when vague): "10 per cent" in one, "12 per cent" in another. One row per voice and value.

Filters by outlet (`source`) and `speaker` keep the topics they take part in, with every other
voice on them, since a disagreement needs both sides; the other filters select what is compared.
"""
from __future__ import annotations

from collections import defaultdict
from typing import Optional

import numpy as np
import pandas as pd

from ..graph import VOICES
from .corpus import name_key

COLUMNS = ["kind", "topic", "subject_id", "subject", "object_id", "object", "outlet", "speaker_id", "speaker",
           "claim", "sign", "polarity", "weight", "categories", "value", "low", "high", "approx", "unit", "counts",
           "texts", "docs", "first", "last"]
_DETERMINERS = {"its", "their", "his", "her", "our", "of", "a", "an"}


def counts_key(counts: Optional[str]) -> str:
    """What is counted, compared loosely: "The population" = "population" = "its population"."""
    words = name_key(counts).split()
    while len(words) > 1 and words[0] in _DETERMINERS:
        words = words[1:]
    return " ".join(words)


def disagreements(store, kind: Optional[str] = None, actor=None, category=None, source=None, since=None,
                  until=None, speaker=None, limit: Optional[int] = None) -> pd.DataFrame:
    frames = []
    if kind in (None, "relation", "relations"):
        frames.append(_relations(store, actor=actor, category=category, since=since, until=until))
    if kind in (None, "quantity", "quantities"):
        frames.append(_quantities(store, actor=actor, since=since, until=until))
    frames = [f for f in frames if not f.empty]
    if not frames:
        return pd.DataFrame(columns=COLUMNS)
    df = pd.concat(frames, ignore_index=True).reindex(columns=COLUMNS)
    for c in ("sign", "weight"):
        df[c] = df[c].astype("Int64")
    keep = pd.Series(True, index=df.index)
    if source:
        hit = df["outlet"].fillna("").str.lower() == str(source).lower()
        keep &= df["topic"].isin(set(df.loc[hit, "topic"]))
    if speaker:
        ids = store.match(speaker) or []
        keep &= df["topic"].isin(set(df.loc[df["speaker_id"].isin(ids), "topic"]))
    df = df[keep].reset_index(drop=True)
    return df.head(limit) if limit else df


def _voice(outlet, doc_id) -> str:
    return outlet if isinstance(outlet, str) and outlet else f"doc:{doc_id}"


def _relations(store, **filters) -> pd.DataFrame:
    ties = store.ties(voices=VOICES, **filters)
    if ties.empty:
        return pd.DataFrame(columns=COLUMNS)
    ties["voice"] = [_voice(o, d) for o, d in zip(ties["outlet"], ties["doc_id"])]
    ties["speaker"] = ties["speaker"].fillna("")
    keys = ["s", "t", "voice", "speaker"]
    v = ties.groupby(keys, sort=False).agg(weight=("n", "sum"), value=("value", "sum"), outlet=("outlet", "first"),
                                           first=("day", "min"), last=("day", "max")).reset_index()
    v["sign"] = [1 if x > 1e-9 else -1 if x < -1e-9 else 0 for x in v["value"]]
    signs = v.groupby(["s", "t"])["sign"].agg(lambda s: {1, -1} <= set(s))
    pairs = set(signs[signs].index)
    if not pairs:
        return pd.DataFrame(columns=COLUMNS)
    v = v[[p in pairs for p in zip(v["s"], v["t"])]].copy()
    cats: dict = defaultdict(lambda: defaultdict(int))
    docs: dict = defaultdict(set)
    for r in ties.itertuples(index=False):
        k = (r.s, r.t, r.voice, r.speaker)
        if (r.s, r.t) in pairs:
            cats[k][r.category] += int(r.n)
            docs[k].add(r.doc_id)
    names = store._names_of(set(v["s"]) | set(v["t"]) | {x for x in v["speaker"] if x})
    rows = []
    for r in v.itertuples(index=False):
        k = (r.s, r.t, r.voice, r.speaker)
        c = dict(sorted(cats[k].items(), key=lambda kv: (-kv[1], kv[0])))
        word = {1: "cooperative", -1: "conflictual", 0: "neutral"}[r.sign]
        rows.append({
            "kind": "relation", "topic": f"{names.get(r.s, r.s)} → {names.get(r.t, r.t)}",
            "subject_id": r.s, "subject": names.get(r.s), "object_id": r.t, "object": names.get(r.t),
            "outlet": r.outlet if isinstance(r.outlet, str) else None,
            "speaker_id": r.speaker or None, "speaker": names.get(r.speaker) if r.speaker else None,
            "claim": f"{word}: " + ", ".join(f"{cat} {n}" for cat, n in c.items()),
            "sign": int(r.sign), "polarity": round(float(r.value) / r.weight, 4), "weight": int(r.weight),
            "categories": c, "docs": sorted(docs[k]), "first": r.first, "last": r.last,
        })
    out = pd.DataFrame(rows)
    return out.sort_values(["topic", "sign", "outlet"], ascending=[True, False, True], na_position="last")


def _quantities(store, actor=None, since=None, until=None) -> pd.DataFrame:
    q = store.quantities(actor=actor, since=since, until=until)
    q = q[q["subject_id"].notna() & q["counts"].notna()
          & (q["value"].notna() | q["low"].notna() | q["high"].notna())].copy()
    if q.empty:
        return pd.DataFrame(columns=COLUMNS)
    q["ckey"] = [counts_key(c) for c in q["counts"]]
    q["vkey"] = [_value_key(a, b, c) for a, b, c in zip(q["value"], q["low"], q["high"])]
    q["voice"] = [_voice(o, d) for o, d in zip(q["outlet"], q["doc_id"])]
    q["speaker"] = q["claimed_by_id"].fillna("")
    q["who"] = q["voice"] + "\x00" + q["speaker"]
    topic = ["subject_id", "unit", "ckey"]
    g = q.groupby(topic)
    differ = g["vkey"].nunique().gt(1) & g["who"].nunique().gt(1)
    keep = set(differ[differ].index)
    q = q[[k in keep for k in zip(q["subject_id"], q["unit"], q["ckey"])]]
    if q.empty:
        return pd.DataFrame(columns=COLUMNS)
    rows = []
    for key, grp in q.groupby(topic + ["voice", "speaker", "vkey"], sort=True):
        f = grp.iloc[0]
        counts = grp["counts"].mode().iloc[0]
        rows.append({
            "kind": "quantity", "topic": f"{f['subject']}: {counts} ({f['unit']})",
            "subject_id": f["subject_id"], "subject": f["subject"], "object_id": None, "object": counts,
            "outlet": f["outlet"] if isinstance(f["outlet"], str) else None,
            "speaker_id": f["claimed_by_id"] if f["speaker"] else None,
            "speaker": f["claimed_by"] if f["speaker"] else None,
            "claim": " / ".join(dict.fromkeys(grp["text"])),
            "value": _num(f["value"]), "low": _num(f["low"]), "high": _num(f["high"]),
            "approx": f["approx"] if isinstance(f["approx"], str) else None, "unit": f["unit"], "counts": counts,
            "texts": list(dict.fromkeys(grp["text"])), "docs": sorted(set(grp["doc_id"])), "weight": len(grp),
            "first": grp["date"].min(), "last": grp["date"].max(),
        })
    out = pd.DataFrame(rows)
    out["_v"] = [v if v is not None else (lo if lo is not None else hi) for v, lo, hi in
                 zip(out["value"], out["low"], out["high"])]
    return out.sort_values(["topic", "_v", "outlet"], na_position="last").drop(columns="_v")


def _num(x):
    return None if x is None or (isinstance(x, float) and np.isnan(x)) else float(x)


def _value_key(value, low, high) -> str:
    return "|".join("" if _num(x) is None else f"{float(x):.6g}" for x in (value, low, high))
