"""Incidents: the events of different articles that report one happening, joined.

A corpus holds the same attack told by several outlets on several days; counting events counts
reports. At the end of each ingest `update_incidents` joins the reports of one happening into an
incident, kept in three tables (schema.py): `incidents` (one row each: category, sides, best date
and place with their precision, reports, articles, outlets, first reported, asserted and denied
reports, the fatalities its reports give), `incident_reports` (which event of which article, its
outlet and voice, and why it joined) and `incident_numbers` (each report's count of the dead).

Which events report a happening: a category, at least one side linked to a corpus actor, the two
sides different, a modality in `kb/incidents.yaml` (asserted, historical). Negated events are
reports too: where one report asserts an act and another denies it, the incident is `disputed`.

How reports join (`cluster`), the thresholds being `IncidentSettings`:
- the same block: compatible categories (`compatible` groups) and the same source and target
  corpus actors, in that direction;
- dates: the event's own date where the text fixes one, else the article's; a month or a year is
  a span of days. A report joins an incident when its span comes within `window_days` of the
  incident's first report (the anchor), so an incident never drifts along a daily series;
- places: unknown on either side, the same place, or one a whole country and the other inside it.
A report left open on one side (no source, or no target) joins the one incident of its category
whose known side it shares and whose date and place fit; when none or several fit, it makes an
incident with the other open reports of its block.

Incremental: a report's block is stored with it, so the events that are new, gone or moved to
another block (the corpus actors were re-clustered) name the blocks to redo; only those are
clustered again, then the open reports (few) are attached again, then the incidents' figures
are recomputed in SQL. All of it in one transaction with the watermark, so a run killed here
leaves the previous incidents, and the next ingest finds the same blocks to redo.
"""
from __future__ import annotations

import dataclasses
import datetime as _dt
import hashlib
import json
import re
from dataclasses import dataclass
from typing import Iterable, Optional

import pandas as pd

from .. import kb
from ..kb.names import place_key

TABLES = ("incidents", "incident_reports", "incident_numbers", "incident_docs")


@dataclass(frozen=True)
class IncidentSettings:
    """The thresholds of joining (defaults: `kb/incidents.yaml`)."""

    window_days: int = 3
    own_window_days: int = 1
    fill_open_sides: bool = True
    compatible: tuple = (("ASSAULT", "COERCE"),)
    modalities: tuple = ("asserted", "historical")

    @classmethod
    def defaults(cls, **overrides) -> "IncidentSettings":
        d = kb.data("incidents.yaml") or {}
        given = dict(window_days=int(d.get("window_days", 3)), own_window_days=int(d.get("own_window_days", 1)),
                     fill_open_sides=bool(d.get("fill_open_sides", True)),
                     compatible=tuple(tuple(g) for g in d.get("compatible") or ()),
                     modalities=tuple(d.get("modalities") or ("asserted",)))
        given.update({k: v for k, v in overrides.items() if v is not None})
        given["own_window_days"] = min(given["own_window_days"], given["window_days"])
        return cls(**given)

    def group(self, category: str) -> str:
        """The block name of a category: its compatible group's first member, else itself."""
        for g in self.compatible:
            if category in g:
                return g[0]
        return category

    def key(self) -> str:
        return json.dumps(dataclasses.asdict(self), sort_keys=True)


# ---------------------------------------------------------------- dates and places

_DATE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


def day_span(value: Optional[str]) -> tuple[Optional[int], Optional[int], Optional[str]]:
    """'2014-03-20' -> (ordinal, ordinal, 'day'); '2014-03' the month's days; '2014' the year's."""
    m = _DATE.match(str(value or "").strip())
    if not m:
        return None, None, None
    y, mo, d = int(m.group(1)), m.group(2), m.group(3)
    try:
        if d:
            o = _dt.date(y, int(mo), int(d)).toordinal()
            return o, o, "day"
        if mo:
            first = _dt.date(y, int(mo), 1)
            nxt = _dt.date(y + (first.month == 12), first.month % 12 + 1, 1)
            return first.toordinal(), nxt.toordinal() - 1, "month"
        return _dt.date(y, 1, 1).toordinal(), _dt.date(y, 12, 31).toordinal(), "year"
    except ValueError:
        return None, None, None


def gap(lo1, hi1, lo2, hi2) -> int:
    """Days between two spans (0 when they overlap)."""
    return max(0, lo2 - hi1, lo1 - hi2)


def _country_keys() -> dict:
    """name key -> ISO3 of the gazetteer's countries (a small table, cached on disk)."""
    def build() -> dict:
        from ..nlp.places.gazetteer import gazetteer  # loads spaCy with the places package: only to build

        return dict(gazetteer().country_keys)

    return kb.cached("country-keys", 1, [kb.path("places_curated.yaml")], build)


class Places:
    """Place names as keys, and which are whole countries."""

    def __init__(self, countries: Optional[dict] = None):
        self._countries = countries

    def countries(self) -> dict:
        if self._countries is None:
            self._countries = _country_keys()
        return self._countries

    def describe(self, name, country) -> Optional[tuple[str, Optional[str], bool]]:
        """(key, country, whole country?) of a place, None when there is none."""
        if name is None or (isinstance(name, float) and pd.isna(name)) or not str(name).strip():
            return None
        key = place_key(str(name)) or str(name).casefold()
        country = None if country is None or (isinstance(country, float) and pd.isna(country)) else str(country)
        whole = self.countries().get(key) is not None and self.countries().get(key) == country
        return key, country, whole


def place_fits(a, b) -> bool:
    """Whether two places (Places.describe) can be one happening's: either unknown, the same,
    or one a whole country and the other in it."""
    if a is None or b is None or a[0] == b[0]:
        return True
    return (a[2] and b[1] == a[1]) or (b[2] and a[1] == b[1])


def finer(a, b):
    """The more precise of two fitting places (a town over its country)."""
    if a is None:
        return b
    if b is None:
        return a
    return b if a[2] and not b[2] else a


# ---------------------------------------------------------------- clustering

@dataclass
class Report:
    """One event as a report of a happening."""

    doc_id: str
    event_id: str
    block: str
    lo: Optional[int]
    hi: Optional[int]
    place: Optional[tuple]
    order: tuple = ()
    own: bool = False  # dated to the day by its own text (not by its article)
    strict: bool = False  # a side left open: an unknown place fits nothing
    sentence: int = -1  # where its sentence starts in its article


@dataclass
class Cluster:
    """An incident being built: its anchor span, its place, its reports (with why they joined)."""

    block: str
    lo: Optional[int]
    hi: Optional[int]
    place: Optional[tuple]
    members: list = dataclasses.field(default_factory=list)  # (Report, date gap, why)
    own: bool = False
    strict: bool = False

    def tells_elsewhere(self, r: Report) -> bool:
        """Whether a report of `r`'s article in another sentence is in it already: two sentences
        of one article tell two happenings (one sentence may tell one in several words)."""
        return any(m.doc_id == r.doc_id and m.sentence != r.sentence for m, _, _ in self.members)

    @property
    def incident_id(self) -> str:
        first = self.members[0][0]
        h = hashlib.sha1(f"{self.block}\x1f{first.doc_id}\x1f{first.event_id}".encode()).hexdigest()[:14]
        return "I" + h


def _fits(c: Cluster, r: Report, window: int, own_window: Optional[int] = None) -> Optional[int]:
    """The date gap when `r` can join `c`, else None. Two dates their own texts fix to the day
    may lie `own_window` days apart (the window is for a date an article's day stands in for); a
    report or incident with a side left open needs both places known."""
    if c.lo is None or r.lo is None or not place_fits(c.place, r.place) or c.tells_elsewhere(r):
        return None
    if (c.strict or r.strict) and (c.place is None or r.place is None):
        return None
    if own_window is not None and c.own and r.own:
        window = own_window
    if c.hi - c.lo > window or r.hi - r.lo > window:  # a month or a year: only the same month or year
        return 0 if (c.lo, c.hi) == (r.lo, r.hi) else None
    g = gap(c.lo, c.hi, r.lo, r.hi)
    return g if g <= window else None


def _why(c: Cluster, r: Report, g: int, filled: bool) -> str:
    parts = ["fills its open side from the incident" if filled else "same sides"]
    parts.append(f"{g} days from the first report" if g else "same dates")
    if r.place is not None and c.place is not None:
        parts.append("same place" if r.place[0] == c.place[0] else "place inside the incident's")
    return "; ".join(parts)


def cluster(reports: Iterable[Report], window: int, own_window: Optional[int] = None) -> list[Cluster]:
    """Reports of one block joined greedily in date order: each joins the fitting incident
    nearest in date (the first on a tie), else starts one. Undated reports stand alone."""
    out: list[Cluster] = []
    active: list[Cluster] = []
    for r in sorted(reports, key=lambda r: (r.lo is None, r.lo or 0, r.order)):
        if r.lo is not None:
            active = [c for c in active if c.hi + window >= r.lo]
        best = None
        for c in active:
            g = _fits(c, r, window, own_window)
            if g is not None and (best is None or g < best[1]):
                best = (c, g)
        if best is None:
            c = Cluster(r.block, r.lo, r.hi, r.place, own=r.own, strict=r.strict)
            c.members.append((r, 0, "first report"))
            out.append(c)
            if r.lo is not None:
                active.append(c)
        else:
            c, g = best
            c.members.append((r, g, _why(c, r, g, False)))
            c.place = finer(c.place, r.place)
    return out
