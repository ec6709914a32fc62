"""Event counts over time (`dyads query series`): per dyad, actor or country, per day, week, month
or year, cooperative and conflictual apart, with a Goldstein-like intensity summed per period.

    series(store, by="dyad", every="month")                 # one row per directed dyad and month
    series(store, by="actor", every="week", actor="Hezbollah", since="2014")
    series(store, by="country", every="day", category="ASSAULT")

Which events count is the network's rule, not restated here: the events `CorpusStore.ties` folds
(their stored `graph.event_voice` among `graph.counting_voices(include_claimed)`, between two
different corpus actors), each counted once. Filters are the other queries': actor (either end),
category, source (outlet), speaker, since/until, own (`include_claimed=False`). An event is dated
as the events query dates it: its own date where the text fixes one, else its article's; the
since/until filter and the periods go by that date. A date coarser than the period (a year in a
monthly series) or none at all puts the event in the row whose `period` is empty, so every
counted event is in some row.

Keys. `dyad`: the directed pair, from the actor that acted (source) to the one acted on (target),
as PLOVER codes it; add both directions for the pair. `actor`: each event counts for both its
ends (`acted` as source, `received` as target), so the actors' events sum to twice the events;
with an actor filter, only the matching actors' rows. `country`: where the event happened, the
country of its place (ISO 3166 alpha-3); an event the text does not place counts under an empty
country. Actors carry their CAMEO code where their articles' actors have one (the commonest).

Columns per key and period (the period's first day, ISO: a Monday for weeks): events, articles,
cooperative / conflictual / neutral (by the event's polarity), intensity (the summed scores),
intensity_cooperative and intensity_conflictual (summed over those events). Scores come from
`kb/intensity.yaml` (a score in [-10, 10] per PLOVER category, and per mode where one is set).

Incidents: the rows come from `counted_events`, one per counted event, and `aggregate` folds them;
counting incidents instead (one event told by several reports) only needs a source of one row per
incident with the same columns (its best date and place), `aggregate` unchanged.
"""
from __future__ import annotations

import datetime as _dt
import functools
import math
from typing import Optional

import pandas as pd

from ..errors import DyadsError

BY = ("dyad", "actor", "country")
EVERY = ("day", "week", "month", "year")
INTENSITY_FILE = "intensity.yaml"
SCALE = 10.0
_PARTS = {"year": 1, "month": 2, "week": 3, "day": 3}  # date parts a period needs
COUNTS = ["events", "articles", "cooperative", "conflictual", "neutral", "intensity", "intensity_cooperative",
          "intensity_conflictual"]
KEYS = {"dyad": ["source_id", "source", "source_cameo", "target_id", "target", "target_cameo"],
        "actor": ["actor_id", "actor", "cameo"], "country": ["country"]}
# what a table for people shows (CSV and JSON keep every column)
SHOWN = {"dyad": (["source", "target"], []), "actor": (["actor"], ["acted", "received"]), "country": (["country"], [])}
SHOWN_COUNTS = ["period", "events", "articles", "cooperative", "conflictual", "neutral", "intensity"]


def shown(df: pd.DataFrame) -> pd.DataFrame:
    """The columns of a series a table for people shows."""
    by = next((b for b in ("dyad", "actor", "country") if KEYS[b][0] in df.columns), "country")
    head, tail = SHOWN[by]
    return df[[c for c in head + SHOWN_COUNTS + tail if c in df.columns]]


# ---------------------------------------------------------------- intensity

@functools.lru_cache(maxsize=None)
def intensity_table() -> dict[str, tuple[float, dict[str, float]]]:
    """kb/intensity.yaml (read by the one kb loader): {CATEGORY: (score, {mode: score})};
    E113 when a score is not a number in [-10, 10]."""
    from .. import kb

    out = {}
    for cat, entry in (kb.data(INTENSITY_FILE) or {}).items():
        entry = entry if isinstance(entry, dict) else {"score": entry}
        modes = {str(m): _score(cat, m, v) for m, v in (entry.get("modes") or {}).items()}
        out[str(cat).upper()] = (_score(cat, None, entry.get("score")), modes)
    return out


def _score(cat, mode, v) -> float:
    try:
        x = float(v)
    except (TypeError, ValueError):
        x = math.nan
    if not -SCALE <= x <= SCALE:
        from .. import kb

        where = f"{cat}" + (f", mode {mode}" if mode else "")
        raise DyadsError("E113", input=kb.path(INTENSITY_FILE), detail=f"{where}: {v!r} is not a score in [-10, 10]")
    return x


def intensity(category: Optional[str], mode: Optional[str] = None) -> float:
    """The score of an event of `category` and `mode` (the category's when the mode has none);
    NaN for a category the table lacks."""
    score, modes = intensity_table().get(str(category).upper(), (math.nan, {}))
    return modes.get(mode, score) if isinstance(mode, str) else score


# ---------------------------------------------------------------- periods

def period(date, every: str) -> Optional[str]:
    """The first day (ISO) of the `every` period an ISO date ("2014", "2014-03", "2014-03-20")
    falls in; None when the date is absent or coarser than the period."""
    if not isinstance(date, str):
        return None
    parts = date.strip()[:10].split("-")
    if len(parts) < _PARTS[every]:
        return None
    try:
        if every == "year":
            return f"{int(parts[0]):04d}-01-01"
        if every == "month":
            return _dt.date(int(parts[0]), int(parts[1]), 1).isoformat()
        d = _dt.date(int(parts[0]), int(parts[1]), int(parts[2]))
    except ValueError:
        return None
    return (d - _dt.timedelta(days=d.weekday())).isoformat() if every == "week" else d.isoformat()


# ---------------------------------------------------------------- the rows

def counted_events(store, actor=None, category=None, source=None, since=None, until=None, speaker=None,
                   include_claimed: bool = True) -> pd.DataFrame:
    """One row per event the network counts (`CorpusStore.ties`, filtered alike): doc_id,
    event_id, s, t (corpus ids), category, mode, polarity, date (its own, else the article's),
    country (of its place); since/until apply to that date."""
    from .query import _Where

    ties = store.ties(actor=actor, category=category, source=source, speaker=speaker, include_claimed=include_claimed)
    ev = ties[["doc_id", "s", "t", "events"]].explode("events").rename(columns={"events": "event_id"})
    w = _Where()
    w.dates("coalesce(e.date, d.day)", since, until)
    name = "_dyads_series_events"
    store.con.register(name, ev.reset_index(drop=True))
    try:
        return store.con.execute(f"""
            SELECT x.doc_id, x.event_id, x.s, x.t, e.category, e.mode, e.polarity,
                   coalesce(e.date, d.day) AS date, p.country
            FROM {name} x
            JOIN events e ON e.doc_id = x.doc_id AND e.event_id = x.event_id
            JOIN dyads_docs d ON d.doc_id = x.doc_id
            LEFT JOIN places p ON p.doc_id = e.doc_id AND p.place_id = e.place
            {w.sql()} ORDER BY x.doc_id, e.start, x.event_id""", w.params).df()
    finally:
        store.con.unregister(name)


def aggregate(rows: pd.DataFrame, by: str, every: str) -> pd.DataFrame:
    """Rows of `counted_events` (or any with its columns) folded per key of `by` and period:
    key ids, period and the COUNTS, with `acted`/`received` for actors; unnamed."""
    df = rows.copy()
    df["period"] = [period(d, every) for d in df["date"]]
    df["score"] = [intensity(c, m) for c, m in zip(df["category"], df["mode"])]
    pol = df["polarity"].astype(float)
    df["coop"], df["confl"], df["neut"] = (pol > 0).astype(int), (pol < 0).astype(int), (pol == 0).astype(int)
    df["s_coop"], df["s_confl"] = df["score"].where(pol > 0, 0.0), df["score"].where(pol < 0, 0.0)
    if by == "dyad":
        keys = ["s", "t"]
    elif by == "actor":
        a, b = df.assign(key=df["s"], acted=1, received=0), df.assign(key=df["t"], acted=0, received=1)
        df, keys = pd.concat([a, b], ignore_index=True), ["key"]
    else:
        keys = ["country"]
    named = {"events": ("event_id", "size"), "articles": ("doc_id", "nunique"), "cooperative": ("coop", "sum"),
             "conflictual": ("confl", "sum"), "neutral": ("neut", "sum"), "intensity": ("score", "sum"),
             "intensity_cooperative": ("s_coop", "sum"), "intensity_conflictual": ("s_confl", "sum")}
    if by == "actor":
        named.update(acted=("acted", "sum"), received=("received", "sum"))
    out = df.groupby(keys + ["period"], dropna=False, sort=False).agg(**named).reset_index()
    for c in ("intensity", "intensity_cooperative", "intensity_conflictual"):
        out[c] = out[c].astype(float).round(4)
    return out


# ---------------------------------------------------------------- the query

def series(store, by: str = "dyad", every: str = "month", actor: Optional[str] = None,
           category: Optional[str] = None, source: Optional[str] = None, since: Optional[str] = None,
           until: Optional[str] = None, speaker: Optional[str] = None, include_claimed: bool = True,
           limit: Optional[int] = None) -> pd.DataFrame:
    """Counts per key of `by` (BY) and period of `every` (EVERY); see the module. The busiest
    keys first, each key's periods in order (the undated row last)."""
    if by not in BY:
        raise DyadsError("E110", what="--by", detail=by, choices=", ".join(BY))
    if every not in EVERY:
        raise DyadsError("E110", what="--every", detail=every, choices=", ".join(EVERY))
    rows = counted_events(store, actor=actor, category=category, source=source, since=since, until=until,
                          speaker=speaker, include_claimed=include_claimed)
    out = aggregate(rows, by, every)
    if by == "actor" and actor:
        out = out[out["key"].isin(store.match(actor) or [])]
    out = _named(store, out, by)
    cols = KEYS[by] + ["period"] + COUNTS + (["acted", "received"] if by == "actor" else [])
    if out.empty:
        return pd.DataFrame(columns=cols)
    ids = [c for c in KEYS[by] if c.endswith("_id") or c == "country"]
    total = out.groupby(ids, dropna=False)["events"].transform("sum")
    out = out.assign(_total=total, _undated=out["period"].isna()).sort_values(
        ["_total"] + ids + ["_undated", "period"], ascending=[False] + [True] * len(ids) + [True, True],
        na_position="last")
    out = out[cols].reset_index(drop=True)
    return out.head(limit) if limit else out


def _named(store, out: pd.DataFrame, by: str) -> pd.DataFrame:
    """Corpus ids -> names and CAMEO codes."""
    if by == "country" or out.empty:
        return out
    ids = set(out["key"]) if by == "actor" else set(out["s"]) | set(out["t"])
    names, codes = _names_and_codes(store, ids)
    if by == "actor":
        return out.assign(actor_id=out["key"], actor=out["key"].map(names), cameo=out["key"].map(codes))
    return out.assign(source_id=out["s"], source=out["s"].map(names), source_cameo=out["s"].map(codes),
                      target_id=out["t"], target=out["t"].map(names), target_cameo=out["t"].map(codes))


def _names_and_codes(store, ids) -> tuple[dict, dict]:
    """Corpus actors' names, and the CAMEO code most of their article actors carry."""
    ids = sorted(ids)
    names = dict(store.con.execute("SELECT corpus_id, name FROM corpus_actors WHERE list_contains(?, corpus_id)",
                                   [ids]).fetchall())
    codes = dict(store.con.execute("""
        SELECT corpus_id, cameo FROM (
            SELECT l.corpus_id, a.cameo, row_number() OVER (PARTITION BY l.corpus_id ORDER BY count(*) DESC, a.cameo) AS k
            FROM actor_links l JOIN actors a ON a.doc_id = l.doc_id AND a.actor_id = l.actor_id
            WHERE a.cameo IS NOT NULL AND a.cameo <> '' AND list_contains(?, l.corpus_id)
            GROUP BY l.corpus_id, a.cameo)
        WHERE k = 1""", [ids]).fetchall())
    return names, codes


def series_query(store, **options) -> pd.DataFrame:
    """`series` with the command line's options: those that are None left out, `own=True` as
    `include_claimed=False`, any other option E111."""
    import inspect

    given = {k: v for k, v in options.items() if v is not None and not (isinstance(v, (list, tuple)) and not v)}
    if given.pop("own", False):
        given["include_claimed"] = False
    takes = set(inspect.signature(series).parameters) - {"store"}
    extra = sorted(set(given) - takes)
    if extra:
        from .query import _flag

        raise DyadsError("E111", what="query series", detail=", ".join(_flag(k) for k in extra),
                         choices=", ".join(_flag(t) for t in sorted(takes)))
    return series(store, **given)
