"""Keeping a store's incidents up to date (`update_incidents`): see incidents.py for what an
incident is and how reports join. This module reads the store, finds what changed, clusters
again only the blocks it touches, re-attaches the open reports and recomputes the figures, in one
transaction."""
from __future__ import annotations

import re
from collections import defaultdict
from typing import Optional

import pandas as pd
import pyarrow as pa

from .. import kb
from .schema import INCIDENT_DDL as DDL
from .incidents import Cluster, IncidentSettings, Places, Report, _fits, _why, cluster, day_span

_EVENTS = """
SELECT e.doc_id, e.event_id, e.category, ls.corpus_id AS s, lt.corpus_id AS t, coalesce(e.negated, false) AS negated,
       e.voice, e.date AS edate, dyads_day(d.date) AS adate, d.source AS outlet, e.start, e."end",
       p.name AS place, p.country AS country, p.lat, p.lon
FROM events e JOIN documents d ON d.doc_id = e.doc_id
LEFT JOIN actor_links ls ON ls.doc_id = e.doc_id AND ls.actor_id = e.source
LEFT JOIN actor_links lt ON lt.doc_id = e.doc_id AND lt.actor_id = e.target
LEFT JOIN places p ON p.doc_id = e.doc_id AND p.place_id = e.place
WHERE e.category IS NOT NULL AND list_contains(?, coalesce(e.modality, 'asserted'))
  AND (ls.corpus_id IS NOT NULL OR lt.corpus_id IS NOT NULL)
  AND coalesce(ls.corpus_id, '') <> coalesce(lt.corpus_id, '')
"""

_FIGURES = """
UPDATE incidents SET reports = a.reports, articles = a.articles, outlets = a.outlets,
       first_reported = a.first_reported, asserted = a.asserted, denied = a.denied,
       disputed = a.asserted > 0 AND a.denied > 0,
       fatalities_low = f.low, fatalities_high = f.high, fatalities_median = f.median
FROM (SELECT incident_id, count(*)::INTEGER AS reports, count(DISTINCT doc_id)::INTEGER AS articles,
             count(DISTINCT outlet)::INTEGER AS outlets, min(article_date) AS first_reported,
             count(*) FILTER (WHERE NOT negated)::INTEGER AS asserted,
             count(*) FILTER (WHERE negated)::INTEGER AS denied
      FROM incident_reports GROUP BY incident_id) a
LEFT JOIN (SELECT incident_id, min(v) AS low, max(v) AS high, median(v) AS median
           FROM (SELECT incident_id, doc_id, event_id, max(value) AS v FROM incident_numbers GROUP BY ALL)
           GROUP BY incident_id) f ON f.incident_id = a.incident_id
WHERE incidents.incident_id = a.incident_id
"""


def _none(x):
    return None if x is None or (isinstance(x, float) and pd.isna(x)) or x is pd.NA else x


def events_frame(con, settings: IncidentSettings) -> pd.DataFrame:
    """The events that report a happening, with their corpus sides, dates, outlet and place,
    and their block ("GROUP|source|target", a side left open empty)."""
    from .query import DAY_MACRO

    con.execute(DAY_MACRO)
    df = con.execute(_EVENTS, [list(settings.modalities)]).df()
    s, t = [_none(x) for x in df["s"]], [_none(x) for x in df["t"]]
    df["block"] = [f"{settings.group(c)}|{a or ''}|{b or ''}" for c, a, b in zip(df["category"], s, t)]
    df["open"] = [a is None or b is None for a, b in zip(s, t)]
    return df


def _changes(con, df: pd.DataFrame, settings: IncidentSettings) -> tuple[set, set, bool]:
    """(blocks to cluster again, documents new or changed since the incidents were built,
    whether everything is to be redone)."""
    meta = dict(con.execute("SELECT key, value FROM meta WHERE key LIKE 'incidents_%'").fetchall())
    docs = con.execute("""SELECT d.doc_id FROM documents d
                          ANTI JOIN incident_docs i ON i.doc_id = d.doc_id AND i.stored_at = d.stored_at""").df()
    gone = con.execute("SELECT doc_id FROM incident_docs ANTI JOIN documents USING (doc_id)").df()
    changed = set(docs["doc_id"]) | set(gone["doc_id"])
    if meta.get("incidents_settings") != settings.key():
        return set(df["block"]) | _stored_blocks(con), set(df["doc_id"]) | changed, True
    stored = con.execute("SELECT doc_id, event_id, block FROM incident_reports").df()
    now = df[["doc_id", "event_id", "block"]]
    both = now.merge(stored, on=["doc_id", "event_id"], how="outer", suffixes=("", "_was"), indicator=True)
    moved = both[(both["_merge"] != "both") | (both["block"] != both["block_was"])
                 | both["doc_id"].isin(changed)]
    blocks = {b for b in moved["block"].dropna()} | {b for b in moved["block_was"].dropna()}
    return blocks, changed, False


def _stored_blocks(con) -> set:
    return {r[0] for r in con.execute("SELECT DISTINCT block FROM incidents").fetchall()}


def _reports(rows: pd.DataFrame, places: Places) -> list[tuple[Report, dict]]:
    out = []
    for r in rows.itertuples(index=False):
        own = _none(r.edate)
        lo, hi, prec = day_span(own)
        alo, ahi, _ = day_span(_none(r.adate))
        # no own date, or only a month or year the article's day lies in: the article's day
        if lo is None or (prec != "day" and alo is not None and lo <= alo <= hi):
            own = None
            lo, hi, prec = alo, ahi, "article"
        place = places.describe(_none(r.place), _none(r.country))
        rep = Report(r.doc_id, r.event_id, r.block, lo, hi, place, order=(r.doc_id, r.event_id),
                     own=own is not None and prec == "day", strict=bool(r.open), sentence=int(r.start))
        out.append((rep, {"row": r, "date": own or _none(r.adate), "own": own is not None, "precision": prec,
                          "open": bool(r.open)}))
    return out


def _best_date(members, info) -> tuple[Optional[str], Optional[str]]:
    """The incident's date: the most common of its reports' own dates at the finest precision
    they give (earliest on a tie), else its first article's date."""
    rank = {"day": 0, "month": 1, "year": 2}
    own = [info[id(m[0])] for m in members if info[id(m[0])]["own"]]
    if own:
        best = min(rank[i["precision"]] for i in own)
        dates = sorted(i["date"] for i in own if rank[i["precision"]] == best)
        counts = defaultdict(int)
        for d in dates:
            counts[d] += 1
        d = max(dates, key=lambda x: (counts[x], -dates.index(x)))
        return d, {0: "day", 1: "month", 2: "year"}[best]
    dates = sorted(i["date"] for i in (info[id(m[0])] for m in members) if i["date"])
    return (dates[0], "article") if dates else (None, None)


def _incident_row(c: Cluster, info: dict) -> dict:
    r0 = info[id(c.members[0][0])]["row"]
    place_row = None
    for m, _, _ in c.members:  # the place row of the incident's (finest) place
        if c.place is not None and m.place is not None and m.place[0] == c.place[0]:
            place_row = info[id(m)]["row"]
            break
    date, precision = _best_date(c.members, info)
    group, s, t = c.block.split("|")[:3]
    return {"incident_id": c.incident_id, "block": c.block, "category": r0.category, "source": s or None,
            "target": t or None, "date": date, "date_precision": precision, "anchor_lo": c.lo, "anchor_hi": c.hi,
            "place": _none(place_row.place) if place_row is not None else None,
            "place_country": _none(place_row.country) if place_row is not None else None,
            "lat": _none(place_row.lat) if place_row is not None else None,
            "lon": _none(place_row.lon) if place_row is not None else None,
            "place_precision": None if c.place is None else ("country" if c.place[2] else "place")}


def _report_row(incident_id: str, rep: Report, g: int, why: str, i: dict) -> dict:
    r = i["row"]
    return {"incident_id": incident_id, "doc_id": rep.doc_id, "event_id": rep.event_id, "block": rep.block,
            "open_side": i["open"], "outlet": _none(r.outlet), "voice": _none(r.voice), "negated": bool(r.negated),
            "date": i["date"] if i["own"] else None, "article_date": _none(r.adate), "date_gap": int(g),
            "place": _none(r.place), "why": why}


# ---------------------------------------------------------------- open sides

def _attach_open(open_reps: list, full: pd.DataFrame, places: Places,
                 settings: IncidentSettings, generic: frozenset = frozenset()) -> tuple[list[tuple[str, Report, int, str]], list[Report]]:
    """Open reports that join exactly one fitting full incident sharing their known side, when
    that side is no `generic` group: (incident id, report, gap, why); and those left over."""
    by_side: dict[tuple, list] = defaultdict(list)
    for r in full.itertuples(index=False):
        group = r.block.split("|")[0]
        anchor = Cluster(r.block, _none(r.anchor_lo), _none(r.anchor_hi),
                         places.describe(_none(r.place), _none(r.place_country)), own=bool(r.own))
        by_side[(group, "s", r.source)].append((r.incident_id, anchor))
        by_side[(group, "t", r.target)].append((r.incident_id, anchor))
    joined, left = [], []
    for rep in open_reps:
        group, s, t = rep.block.split("|")
        cands = by_side.get((group, "s", s), []) if s else by_side.get((group, "t", t), [])
        if (s or t) in generic:  # "civilians", "people": a side every report shares
            left.append(rep)
            continue
        fits = [(iid, g, a) for iid, a in cands
                if (g := _fits(a, rep, settings.window_days, settings.own_window_days)) is not None]
        if settings.fill_open_sides and len(fits) == 1:
            iid, g, a = fits[0]
            joined.append((iid, rep, g, _why(a, rep, g, True)))
        else:
            left.append(rep)
    return joined, left


# ---------------------------------------------------------------- the dead

def _death_words() -> list[str]:
    return [str(w).casefold() for w in (kb.data("incidents.yaml") or {}).get("fatalities") or ()]


def is_fatality(counts) -> bool:
    """Whether a count of people is a count of the dead, by what the analysis says it counts
    (`counts`, nlp/casualties.py: "people killed", "civilians died", "people dead")."""
    words = str(counts or "").split()
    return bool(words) and words[-1].casefold() in set(_death_words())


def _events_of_count(evs, text: str, start: int, end: int) -> list[str]:
    """The events (id, start, end; in text order) a count at text[start:end] belongs to: those
    whose sentence holds it, else the last event before it when the count is in the very next
    sentence and no other event lies between."""
    inside = [e for e, s, t in evs if s <= start and t >= end]
    if inside:
        return inside
    before = [(t, e) for e, s, t in evs if t <= start]
    if not before:
        return []
    last_end = max(t for t, _ in before)
    if any(last_end <= s < start for _, s, _ in evs) or len(re.findall(r"[.!?]\s", text[last_end:start])) > 1:
        return []
    return [e for t, e in before if t == last_end]


def numbers_of(con, doc_ids: list[str], df: pd.DataFrame) -> pd.DataFrame:
    """incident_numbers rows (without incident_id) for the events of `doc_ids`: the counts of
    the dead (`is_fatality`) inside each event's sentence, or in the sentence after it when that one reports no
    event of its own ("X shelled Y. At least 15 were killed.")."""
    cols = ["doc_id", "event_id", "outlet", "quantity_id", "value", "text"]
    if not doc_ids:
        return pd.DataFrame(columns=cols)
    qs = con.execute("""SELECT q.doc_id, q.quantity_id, q.start, q."end", coalesce(q.value, q.high) AS value,
                               q.text, q.counts, d.text AS doc_text
                        FROM quantities q JOIN documents d ON d.doc_id = q.doc_id
                        WHERE list_contains(?, q.doc_id) AND q.unit = 'people'
                          AND coalesce(q.value, q.high) IS NOT NULL""", [list(doc_ids)]).df()
    qs = qs[[is_fatality(c) for c in qs["counts"]]]
    if qs.empty:
        return pd.DataFrame(columns=cols)
    spans = con.execute("""SELECT doc_id, event_id, start, "end" FROM events WHERE list_contains(?, doc_id)
                           ORDER BY doc_id, start""", [list(doc_ids)]).fetchall()
    by_doc: dict[str, list] = defaultdict(list)
    for d, e, st, en in spans:
        by_doc[d].append((e, st, en))
    counting = df[df["doc_id"].isin(set(doc_ids))].set_index(["doc_id", "event_id"])["outlet"].to_dict()
    rows = []
    for q in qs.itertuples(index=False):
        for e in _events_of_count(by_doc.get(q.doc_id, ()), q.doc_text, q.start, q.end):
            if (q.doc_id, e) in counting:
                rows.append((q.doc_id, e, counting[(q.doc_id, e)], q.quantity_id, q.value, q.text))
    return pd.DataFrame(rows, columns=cols)


# ---------------------------------------------------------------- the update

_INCIDENT_COLS = ["incident_id", "block", "category", "source", "target", "date", "date_precision", "anchor_lo",
                  "anchor_hi", "place", "place_country", "lat", "lon", "place_precision"]
_REPORT_COLS = ["incident_id", "doc_id", "event_id", "block", "open_side", "outlet", "voice", "negated", "date",
                "article_date", "date_gap", "place", "why"]


def _insert(con, table: str, rows, cols: list[str]) -> None:
    frame = rows if isinstance(rows, pd.DataFrame) else pd.DataFrame(rows, columns=cols)
    if frame.empty:
        return
    con.register("_incident_rows", pa.Table.from_pandas(frame[cols], preserve_index=False))
    try:
        con.execute(f"INSERT INTO {table} ({', '.join(cols)}) SELECT {', '.join(cols)} FROM _incident_rows")
    finally:
        con.unregister("_incident_rows")


def _clustered(reps: list, settings: IncidentSettings) -> tuple[list[dict], list[dict]]:
    """Incident and report rows of reports clustered block by block."""
    info = {id(rep): i for rep, i in reps}
    by_block: dict[str, list] = defaultdict(list)
    for rep, _ in reps:
        by_block[rep.block].append(rep)
    incidents, reports = [], []
    for block in sorted(by_block):
        for c in cluster(by_block[block], settings.window_days, settings.own_window_days):
            incidents.append(_incident_row(c, info))
            reports += [_report_row(c.incident_id, m, g, why, info[id(m)]) for m, g, why in c.members]
    return incidents, reports


def _open_pass(con, df: pd.DataFrame, places: Places, settings: IncidentSettings) -> None:
    """Attach every open report again (to the one full incident it fits, else with its block's)."""
    con.execute("DELETE FROM incident_reports WHERE open_side")
    con.execute("DELETE FROM incidents WHERE source IS NULL OR target IS NULL")
    reps = _reports(df[df["open"]], places)
    if not reps:
        return
    info = {id(rep): i for rep, i in reps}
    full = con.execute("""SELECT incident_id, block, source, target, anchor_lo, anchor_hi, place, place_country,
                                 coalesce(date_precision = 'day', false) AS own
                          FROM incidents""").df()
    generic = frozenset(r[0] for r in con.execute(  # groups named by a common noun: "civilians", "people"
        "SELECT corpus_id FROM corpus_actors WHERE name = lower(name)").fetchall())
    joined, left = _attach_open([rep for rep, _ in reps], full, places, settings, generic)
    _insert(con, "incident_reports", [_report_row(iid, rep, g, why, info[id(rep)]) for iid, rep, g, why in joined],
            _REPORT_COLS)
    left_ids = {id(r) for r in left}
    # a report whose one known side is a common-noun group ("civilians") stands alone: that side
    # is no evidence that two reports tell one happening
    alone = {id(r) for r in left if any(side in generic for side in r.block.split("|")[1:] if side)}
    for rep in left:
        if id(rep) in alone:
            rep.block = f"{rep.block}|{rep.doc_id}|{rep.event_id}"  # a block of its own
    incidents, reports = _clustered([(rep, i) for rep, i in reps if id(rep) in left_ids], settings)
    for row in incidents + reports:
        row["block"] = "|".join(row["block"].split("|")[:3])
    _insert(con, "incidents", incidents, _INCIDENT_COLS)
    _insert(con, "incident_reports", reports, _REPORT_COLS)


def update_incidents(con, settings: Optional[IncidentSettings] = None, places: Optional[Places] = None) -> dict:
    """Bring the incidents of the store open on `con` (writable) up to date with its events; one
    transaction. Returns {"blocks": clustered again, "documents": new or changed, "incidents": all,
    "reports": all}."""
    settings = settings or IncidentSettings.defaults()
    for stmt in DDL:
        con.execute(stmt)
    df = events_frame(con, settings)
    blocks, changed, _ = _changes(con, df, settings)
    if blocks or changed:
        places = places or Places()
        full_blocks = sorted(b for b in blocks if all(b.split("|")[1:]))
        incidents, reports = _clustered(_reports(df[df["block"].isin(set(full_blocks))], places), settings)
        con.execute("BEGIN TRANSACTION")
        try:
            con.execute("""DELETE FROM incident_reports WHERE incident_id IN
                           (SELECT incident_id FROM incidents WHERE list_contains(?, block))""", [full_blocks])
            con.execute("DELETE FROM incidents WHERE list_contains(?, block)", [full_blocks])
            _insert(con, "incidents", incidents, _INCIDENT_COLS)
            _insert(con, "incident_reports", reports, _REPORT_COLS)
            _open_pass(con, df, places, settings)
            _renumber(con, df, sorted(changed))
            con.execute(_FIGURES)
            con.execute("DELETE FROM incident_docs")
            con.execute("INSERT INTO incident_docs SELECT doc_id, stored_at FROM documents")
            con.execute("INSERT OR REPLACE INTO meta VALUES ('incidents_settings', ?)", [settings.key()])
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            raise
    n = con.execute("SELECT (SELECT count(*) FROM incidents), (SELECT count(*) FROM incident_reports)").fetchone()
    return {"blocks": len(blocks), "documents": len(changed), "incidents": n[0], "reports": n[1]}


def _renumber(con, df: pd.DataFrame, changed: list[str]) -> None:
    """The counts of the dead of the changed documents' events, and every count's incident."""
    con.execute("DELETE FROM incident_numbers WHERE list_contains(?, doc_id)", [changed])
    known = set(df["doc_id"])
    present = [d for d in changed if d in known]
    _insert(con, "incident_numbers", numbers_of(con, present, df),
            ["doc_id", "event_id", "outlet", "quantity_id", "value", "text"])
    con.execute("""UPDATE incident_numbers SET incident_id = r.incident_id FROM incident_reports r
                   WHERE r.doc_id = incident_numbers.doc_id AND r.event_id = incident_numbers.event_id""")
    con.execute("""UPDATE incident_numbers SET incident_id = NULL WHERE NOT EXISTS (SELECT 1 FROM incident_reports r
                   WHERE r.doc_id = incident_numbers.doc_id AND r.event_id = incident_numbers.event_id)""")
