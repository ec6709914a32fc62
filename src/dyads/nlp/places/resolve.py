"""Resolution: which namesake each mention means (`choose`), and one Place per distinct place."""
from __future__ import annotations

import math
from collections import Counter, defaultdict
from typing import Optional

from spacy.tokens import Doc, Span

from ...kb.names import place_key
from ...model import Mention, Place
from .context import Context, Hit
from .gazetteer import GeoEntry, Gazetteer
from .words import COMPASS, DETERMINERS

KIND_BONUS = {"country": 3.0, "curated": 1.5, "state": 0.5, "continent": 1.0}
QUALITY_BONUS = (0.0, 0.7, 1.0)  # matched by the name without its article, an alias, the name


def prominence(e: GeoEntry) -> float:
    """0..3: population and renown."""
    return math.log10(e.population + 1) / 7 + min(e.fame, 120) / 60


def choose(cands: list[tuple[GeoEntry, int]], ctx: Counter, local: set, apposed: frozenset = frozenset()) -> GeoEntry:
    """The namesake meant: a country named right after the name weighs most ("Tripoli,
    Lebanon"); then one named in the same sentence, and the countries of the whole article,
    helps that shrink to nothing for a namesake much less known than the best known one
    (Geneva in an article about the United States is still Geneva, Switzerland); then the
    kind of place, the kind of match and renown."""
    top_prom = max(prominence(e) for e, _ in cands) or 1.0
    top_ctx = max(ctx.values()) if ctx else 0

    def score(c):
        e, q = c
        p = prominence(e)
        s = KIND_BONUS.get(e.kind, 0.0) + QUALITY_BONUS[q] + p
        if not e.country:
            return s
        if e.country in apposed:
            s += 5.0
        known = min(1.0, max(0.0, (p / top_prom - 0.4) / 0.35))  # 0 for a namesake under 40% as known
        if e.country in local:
            s += 3.0 * known
        if top_ctx > 0 and ctx.get(e.country, 0) > 0:
            s += (0.5 + 2.0 * ctx[e.country] / top_ctx) * known
        return s

    return max(cands, key=score)[0]



def resolve_places(doc: Doc, hits: list[Hit], gaz: Gazetteer, cx: Optional[Context] = None):
    """Choose each mention's place among its namesakes; one Place per distinct place.
    Returns the Places, the mention Spans (labelled with place ids) and {place id: GeoEntry or None}."""
    cx = cx or Context(doc)
    # first pass: the actors' countries, the countries beside a name and the places with one country
    ctx0 = Counter(cx.actor_country)
    local0: dict[int, set] = defaultdict(set)
    for k, codes in cx.actor_countries_in_sent.items():
        local0[k] |= codes
    for h in hits:
        codes = {ent.country for ent, _ in h.cands}
        if len(codes) == 1 and None not in codes:
            local0[cx.sent_of[h.start]].add(next(iter(codes)))
    apposed = {id(h): _apposed_country(cx, gaz, h.end) for h in hits}
    first = {id(h): choose(h.cands, ctx0, local0[cx.sent_of[h.start]], apposed[id(h)]) for h in hits if h.cands}
    # second pass: with the countries named, and the places of one country, as context
    ctx = Counter(ctx0)
    local: dict[int, set] = defaultdict(set, {k: set(v) for k, v in local0.items()})
    for h in hits:
        e = first.get(id(h))
        if e is None or not e.country:
            continue
        if e.kind == "country":
            ctx[e.country] += 1
            local[cx.sent_of[h.start]].add(e.country)
        elif len({c.country for c, _ in h.cands}) == 1:
            ctx[e.country] += 1
    for h in hits:
        if h.cands:
            h.entry = choose(h.cands, ctx, local[cx.sent_of[h.start]], apposed[id(h)])

    places: dict[tuple, Place] = {}
    entries: dict[str, Optional[GeoEntry]] = {}
    spans: list[Span] = []
    for h in hits:
        surface = cx.words(h.start, h.end)
        if h.entry is None:
            pkey = ("unknown", h.key)
        else:
            pkey = (h.entry.id, h.suffix)
        place = places.get(pkey)
        if place is None:
            place = Place(id=f"P{len(places) + 1}", name=_display_name(h, surface), country=None, lat=None, lon=None)
            if h.entry is not None:
                place.country, place.lat, place.lon = h.entry.country, h.entry.lat, h.entry.lon
            places[pkey] = place
            entries[place.id] = None if h.entry is None or h.suffix else h.entry
        span = doc[h.start : h.end]
        place.mentions.append(Mention(start=span.start_char, end=span.end_char, text=surface))
        spans.append(Span(doc, h.start, h.end, label=place.id))
    return list(places.values()), spans, entries


def _display_name(h: Hit, surface: str) -> str:
    if h.entry is None or h.suffix or h.entry.kind == "city":
        return surface
    return h.entry.name


def _apposed_country(cx: Context, gaz: Gazetteer, e: int) -> frozenset:
    """'Tripoli, Lebanon' / 'Tripoli in northern Lebanon': the country named right after."""
    doc = cx.doc
    if e >= len(doc) or doc[e].text not in (",", "in"):
        return frozenset()
    k = e + 1
    while k < len(doc) and (doc[k].lower_ in DETERMINERS or doc[k].lower_ in COMPASS):
        k += 1
    for L in (3, 2, 1):
        if k + L <= len(doc):
            code = gaz.country_keys.get(place_key(cx.words(k, k + L)))
            if code:
                return frozenset((code,))
    return frozenset()
