"""The values of date expressions: `_value(kind, match, article date, future)` -> an ISO date,
month, year or span (or None), for `dates.py`'s scan.
"""
from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Optional

from .. import kb

# month names and abbreviations -> month number
MONTHS = kb.table("dates", "months")
# weekday names -> Python weekday number (Monday = 0)
WEEKDAYS = kb.table("dates", "weekdays")
# number words in spans of time ("two weeks ago") -> their value
NUMBERS = kb.table("dates", "numbers")
# seasons (northern hemisphere) -> first and last month
SEASONS = {k: tuple(v) for k, v in kb.table("dates", "seasons").items()}


# ---------------------------------------------------------------- values

def _mkdate(y: int, m: int, d: int) -> Optional[date]:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _month_no(s: Optional[str]) -> Optional[int]:
    return MONTHS.get(s.lower().rstrip(".")) if s else None


def _num(s: Optional[str]) -> Optional[int]:
    if s is None:
        return None
    s = s.lower()
    if s.isdigit():
        return int(s)
    return NUMBERS.get(s)


def _iso(d: Optional[date]) -> Optional[str]:
    return d.isoformat() if d else None


def _span_value(a: Optional[date], b: Optional[date]) -> Optional[str]:
    """The finest ISO unit holding the days a..b."""
    if a is None or b is None:
        return None
    if a > b:
        a, b = b, a
    if a == b:
        return a.isoformat()
    if (a.year, a.month) == (b.year, b.month):
        return f"{a.year:04d}-{a.month:02d}"
    if a.year == b.year:
        return f"{a.year:04d}"
    return None


def _add_months(d: date, n: int) -> tuple[int, int]:
    k = d.year * 12 + d.month - 1 + n
    return k // 12, k % 12 + 1


def _day_without_year(m: int, d: int, ref: Optional[date], future: bool) -> Optional[str]:
    if ref is None:
        return None
    cand = _mkdate(ref.year, m, d)
    if cand is None:
        return None
    if not future and cand > ref + timedelta(days=31):
        cand = _mkdate(ref.year - 1, m, d)
    elif future and cand < ref - timedelta(days=31):
        cand = _mkdate(ref.year + 1, m, d)
    return _iso(cand)


def _month_without_year(m: int, ref: Optional[date], future: bool) -> Optional[str]:
    if ref is None:
        return None
    y = ref.year
    if not future and m > ref.month:
        y -= 1
    elif future and m < ref.month:
        y += 1
    return f"{y:04d}-{m:02d}"


_FIXED_KINDS = frozenset({"iso", "numeric", "d_m_y", "m_d_y", "m_y", "d_m", "m_d", "range_days", "range_years",
                          "since", "decade", "season_y", "season_rel"})
_BACK_KINDS = frozenset({"today", "yesterday", "day_before", "tomorrow", "day_after", "ago", "past_n", "past_unit"})


def _value(kind: str, m: re.Match, ref: Optional[date], future: bool) -> Optional[str]:
    """The ISO value of a date expression of `kind` (None when it names no date); `ref` is the article date."""
    if kind in _FIXED_KINDS:
        return _fixed_value(kind, m.groupdict(), ref, future)
    if kind in ("year", "year_ent"):
        return _year(m, kind)
    if ref is None:
        return None
    if kind in _BACK_KINDS:
        return _counted_value(kind, m.groupdict(), ref)
    return _named_value(kind, m.groupdict(), ref, future)


def _fixed_value(kind: str, g: dict, ref: Optional[date], future: bool) -> Optional[str]:
    """Dates written out (a year, a month, a day), resolved with the article date where one is missing."""
    if kind == "iso":
        return _iso(_mkdate(int(g["y"]), int(g["m"]), int(g["d"])))
    if kind == "numeric":
        a, b, y = int(g["a"]), int(g["b"]), int(g["y"])
        d = _mkdate(y, b, a) or _mkdate(y, a, b)  # day first; month first when that is the only reading
        return _iso(d)
    if kind in ("d_m_y", "m_d_y"):
        return _iso(_mkdate(int(g["y"]), _month_no(g["m"]), int(g["d"])))
    if kind == "m_y":
        return f"{int(g['y']):04d}-{_month_no(g['m']):02d}"
    if kind in ("d_m", "m_d"):
        d = int(g["d"])
        if not 1 <= d <= 31:
            return None
        return _day_without_year(_month_no(g["m"]), d, ref, future)
    if kind == "range_days":
        mo = _month_no(g["m"])
        if g.get("y"):
            return f"{int(g['y']):04d}-{mo:02d}"
        v = _month_without_year(mo, ref, future)
        return v
    if kind == "range_years":
        years = [int(x) for x in (g.get("y1"), g.get("y2"), g.get("y3"), g.get("y4")) if x]
        return str(years[0]) if len(set(years)) == 1 else None
    if kind == "since":
        if ref is None:
            return None
        y = int(g["y"])
        mo = _month_no(g.get("m"))
        start = _mkdate(y, mo or 1, int(g["d"]) if g.get("d") else 1)
        return _span_value(start, ref) if start and start <= ref else None
    if kind in ("decade",):
        return None
    if kind == "season_y":
        s = g["s"].lower()
        return None if s == "winter" else g["y"]
    if kind == "season_rel":
        s, r = g["s"].lower(), g["r"].lower()
        if ref is None or s == "winter":
            return None
        first, last = SEASONS[s]
        if r == "this":
            return str(ref.year)
        if r == "next":
            return str(ref.year if ref.month < first else ref.year + 1)
        return str(ref.year if ref.month > last else ref.year - 1)  # last / past
    return None


def _counted_value(kind: str, g: dict, ref: date) -> Optional[str]:
    """Days and periods counted from the article date: "yesterday", "three weeks ago", "the past year"."""
    if kind == "today":
        return ref.isoformat()
    if kind == "yesterday":
        return _iso(ref - timedelta(days=1))
    if kind == "day_before":
        return _iso(ref - timedelta(days=2))
    if kind == "tomorrow":
        return _iso(ref + timedelta(days=1))
    if kind == "day_after":
        return _iso(ref + timedelta(days=2))
    if kind == "ago":
        n = _num(g["n"])
        if n is None:
            return None
        u = g["u"].lower().rstrip("s")
        if u == "day":
            return _iso(ref - timedelta(days=n))
        if u == "week":
            return _iso(ref - timedelta(days=7 * n))
        if u == "month":
            y, mo = _add_months(ref, -n)
            return f"{y:04d}-{mo:02d}"
        if u == "year":
            return str(ref.year - n)
        if u == "decade":
            return str(ref.year - 10 * n)
        return None
    if kind == "past_n":
        n = _num(g["n"])
        if n is None:
            return None
        u = g["u"].lower().rstrip("s")
        return _period_back(ref, n, u)
    if kind == "past_unit":
        return _period_back(ref, 1, g["u"].lower())
    return None


def _named_value(kind: str, g: dict, ref: date, future: bool) -> Optional[str]:
    """Weekdays, months and periods named relative to the article date: "last Friday", "next month"."""
    if kind == "rel_wd":
        wd, r = WEEKDAYS[g["wd"].lower()], g["r"].lower()
        if r in ("last", "past"):
            back = (ref.weekday() - wd) % 7 or 7
            return _iso(ref - timedelta(days=back))
        if r == "next":
            ahead = (wd - ref.weekday()) % 7 or 7
            return _iso(ref + timedelta(days=ahead))
        return _weekday(ref, wd, future)
    if kind == "weekday":
        return _weekday(ref, WEEKDAYS[g["wd"].lower()], future)
    if kind == "rel_unit":
        r, u = g["r"].lower(), g["u"].lower()
        step = {"last": -1, "past": -1, "this": 0, "next": 1}[r]
        if u == "year":
            return str(ref.year + step)
        if u == "month":
            y, mo = _add_months(ref, step)
            return f"{y:04d}-{mo:02d}"
        monday = ref - timedelta(days=ref.weekday()) + timedelta(days=7 * step)
        return _span_value(monday, monday + timedelta(days=6))
    if kind == "rel_month":
        r, mo = g["r"].lower(), _month_no(g["m"])
        if r in ("last", "past"):
            y = ref.year if mo < ref.month else ref.year - 1
        elif r == "next":
            y = ref.year if mo > ref.month else ref.year + 1
        else:
            y = ref.year
        return f"{y:04d}-{mo:02d}"
    if kind == "since_month":
        mo = _month_no(g["m"])
        y = ref.year if mo <= ref.month else ref.year - 1
        return _span_value(date(y, mo, 1), ref)
    if kind == "in_month":
        return _month_without_year(_month_no(g["m"]), ref, future)
    return None


# prepositions that make a date a bound, not the time of the event ("since March", "by Friday")
BOUND_CUES = kb.words("dates", "bound_cues")


def _year(m: re.Match, kind: str) -> Optional[str]:
    if kind == "year_ent":
        return m.group(0)
    cue = (m.group("cue") or "").lower()
    if cue in BOUND_CUES:
        return None  # a period that runs from or to that year, not the year itself
    return m.group("y")


def _period_back(ref: date, n: int, unit: str) -> Optional[str]:
    if unit == "day":
        return _span_value(ref - timedelta(days=n), ref)
    if unit == "week":
        return _span_value(ref - timedelta(days=7 * n), ref)
    if unit == "month":
        y, mo = _add_months(ref, -n)
        return _span_value(date(y, mo, min(ref.day, 28)), ref)
    if unit == "year":
        return None if n >= 1 else str(ref.year)
    return None


def _weekday(ref: date, wd: int, future: bool) -> Optional[str]:
    if future:
        ahead = (wd - ref.weekday()) % 7 or 7
        return _iso(ref + timedelta(days=ahead))
    back = (ref.weekday() - wd) % 7
    return _iso(ref - timedelta(days=back))
