"""Incidents as ACLED rows (`dyads export --format acled-csv`): one row per incident, in the
column order ACLED's users load, PLOVER mapped to ACLED's event types and inter codes by
`kb/acled.yaml` where a mapping holds; where none does, the type stays empty and the tags say
the PLOVER category. Deaths are the lowest count the reports give (ACLED's conservative rule).

    acled_frame(store)                    # a pandas DataFrame, ACLED_COLUMNS in order
    write_acled(store, "events.csv")      # the CSV file
"""
from __future__ import annotations

from typing import Optional

import pandas as pd

from .. import kb

ACLED_COLUMNS = ["event_id_cnty", "event_date", "year", "time_precision", "event_type", "sub_event_type", "actor1",
                 "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction", "civilian_targeting",
                 "iso", "country", "admin1", "location", "latitude", "longitude", "geo_precision", "source",
                 "source_scale", "notes", "fatalities", "tags", "timestamp"]

_EXTRA = """
SELECT i.incident_id,
       (SELECT mode(e.mode) FROM incident_reports r JOIN events e ON e.doc_id = r.doc_id AND e.event_id = r.event_id
        WHERE r.incident_id = i.incident_id AND e.mode IS NOT NULL) AS mode,
       cs.type AS source_type, ct.type AS target_type,
       (SELECT epoch(max(d.stored_at))::BIGINT FROM incident_reports r JOIN documents d ON d.doc_id = r.doc_id
        WHERE r.incident_id = i.incident_id) AS stored
FROM incidents i
LEFT JOIN corpus_actors cs ON cs.corpus_id = i.source
LEFT JOIN corpus_actors ct ON ct.corpus_id = i.target
"""


def mapping() -> dict:
    return kb.data("acled.yaml") or {}


def event_type(category: str, mode: Optional[str], civilians: bool, table: Optional[dict] = None) -> tuple[str, str]:
    """ACLED (event_type, sub_event_type) of a PLOVER category and mode; ("", "") where none holds."""
    entry = ((table or mapping()).get("events") or {}).get(category)
    if not entry:
        return "", ""
    by_mode = (entry.get("modes") or {}).get(mode or "")
    if by_mode:
        return tuple(by_mode)
    if civilians and entry.get("civilians"):
        return tuple(entry["civilians"])
    return tuple(entry.get("default") or ("", ""))


def inter_code(actor_type: Optional[str], table: Optional[dict] = None) -> int:
    return int(((table or mapping()).get("inter") or {}).get(actor_type or "", 0))


def interaction(a: int, b: int) -> int:
    """ACLED's interaction: the two inter codes, the lower first (12); one actor alone: 10, 20, ..."""
    if a and b:
        return int(f"{min(a, b)}{max(a, b)}")
    return int(f"{a or b}0") if (a or b) else 0


def _country(iso3: Optional[str]) -> tuple[str, str]:
    """(ISO 3166 numeric code, name) of an ISO3 code."""
    if not iso3:
        return "", ""
    import pycountry

    c = pycountry.countries.get(alpha_3=iso3)
    if c is None:
        return "", ""
    return str(int(c.numeric)), getattr(c, "common_name", None) or c.name


def _day(date: Optional[str]) -> str:
    """A full ISO day for ACLED's event_date: a month or year given as its first day."""
    if not date:
        return ""
    parts = str(date).split("-")
    return "-".join(parts + ["01"] * (3 - len(parts)))


def _v(x):
    return None if x is None or (isinstance(x, float) and pd.isna(x)) else x


def _row(r, extra, table: dict) -> dict:
    mode = _v(extra.get("mode"))
    inter1, inter2 = inter_code(_v(extra.get("source_type")), table), inter_code(_v(extra.get("target_type")), table)
    civilians = inter2 == 7
    etype, sub = event_type(r.category, mode, civilians, table)
    iso, country = _country(_v(r.place_country))
    outlets = sorted(o for o in (r.outlet_names if r.outlet_names is not None else []) if o)
    low, high = _v(r.fatalities_low), _v(r.fatalities_high)
    def n(k, word):
        return f"{k} {word}" + ("" if k == 1 else "s")

    notes = [f"{r.date or 'Undated'}: {r.category} by {r.source or 'an unnamed actor'} on "
             f"{r.target or 'an unnamed actor'}" + (f" in {r.place}" if _v(r.place) else "") + ".",
             f"{n(r.reports, 'report')} in {n(r.articles, 'article')} from {n(r.outlets, 'outlet')}, "
             f"first reported {r.first_reported}."]
    if r.disputed:
        notes.append(f"Disputed: {n(r.denied, 'report')} of {r.reports} deny it.")
    if low is not None:
        notes.append(f"Reported deaths {int(low)}" + (f" to {int(high)}." if high != low else "."))
    tags = [f"plover={r.category}"] + ([f"mode={mode}"] if mode else []) + [f"dyads_incident={r.incident_id}"]
    tags += ["disputed"] if r.disputed else []
    day = _day(_v(r.date))
    return {
        "event_id_cnty": f"{_v(r.place_country) or 'XXX'}-{r.incident_id}", "event_date": day,
        "year": int(day[:4]) if day else None,
        "time_precision": (table.get("time_precision") or {}).get(_v(r.date_precision) or "", 3),
        "event_type": etype, "sub_event_type": sub,
        "actor1": r.source or "", "assoc_actor_1": "", "inter1": inter1,
        "actor2": r.target or "", "assoc_actor_2": "", "inter2": inter2,
        "interaction": interaction(inter1, inter2),
        "civilian_targeting": "Civilian targeting" if civilians and etype else "",
        "iso": iso, "country": country, "admin1": "", "location": _v(r.place) or "",
        "latitude": _v(r.lat), "longitude": _v(r.lon),
        "geo_precision": (table.get("geo_precision") or {}).get(_v(r.place_precision) or "", "") if _v(r.place) else "",
        "source": "; ".join(outlets), "source_scale": "", "notes": " ".join(notes),
        "fatalities": int(low) if low is not None else 0, "tags": "; ".join(tags),
        "timestamp": int(_v(extra.get("stored")) or 0),
    }


def acled_frame(store, **filters) -> pd.DataFrame:
    """The incidents of a CorpusStore (filters of `CorpusStore.incidents`) as ACLED rows."""
    incidents = store.incidents(**filters)
    if incidents.empty:
        return pd.DataFrame(columns=ACLED_COLUMNS)
    extra = store.con.execute(_EXTRA + " WHERE list_contains(?, i.incident_id)",
                              [list(incidents["incident_id"])]).df().set_index("incident_id").to_dict("index")
    table = mapping()
    rows = [_row(r, extra.get(r.incident_id, {}), table) for r in incidents.itertuples(index=False)]
    df = pd.DataFrame(rows, columns=ACLED_COLUMNS)
    for col in ("year", "inter1", "inter2", "interaction", "fatalities", "timestamp", "time_precision"):
        df[col] = df[col].astype("Int64")
    return df.sort_values(["event_date", "event_id_cnty"], kind="stable").reset_index(drop=True)


def write_acled(store, path: str, **filters) -> str:
    acled_frame(store, **filters).to_csv(path, index=False)
    return path
