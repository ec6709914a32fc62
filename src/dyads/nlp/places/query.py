"""Asking a processed Doc about its places: by span, by character, and where an event happened."""
from __future__ import annotations

from typing import Optional

from spacy.tokens import Doc

from ...model import Place
from .. import spanrows
from .rules import _cue
from .words import ACTORS_KEY, COMPASS, DETERMINERS, LOC_PREPS, NOT_LOCATING_PREPS, OF_PLACE_NOUNS, SPAN_KEY


def _place_spans(doc: Doc) -> tuple[spanrows.Row, ...]:
    return spanrows.rows(doc, SPAN_KEY)


def _places_by_id(doc: Doc) -> dict[str, Place]:
    return {p.id: p for p in (doc._.dyads_places or [])}


def places_in(doc: Doc, start_char: int, end_char: int) -> list[Place]:
    """The places mentioned within [start_char, end_char), in order of their first mention there."""
    by_id = _places_by_id(doc)
    out: list[Place] = []
    for sp in sorted(_place_spans(doc), key=lambda s: s.start_char):
        if start_char <= sp.start_char and sp.end_char <= end_char:
            p = by_id.get(sp.label_)
            if p is not None and p not in out:
                out.append(p)
    return out


def place_at(doc: Doc, char_index: int) -> Optional[str]:
    """The id of the place whose mention covers that character, if any."""
    for sp in _place_spans(doc):
        if sp.start_char <= char_index < sp.end_char:
            return sp.label_
    return None


def place_for(doc: Doc, start_char: int, end_char: int, anchor_char: Optional[int] = None) -> Optional[str]:
    """The id of the place where what [start_char, end_char) (an event's sentence) tells happened.

    Among the place mentions there, a place introduced by a locative preposition ("in Aleppo",
    "near the border town of Kobani") or the object of a verb of taking or striking ("shelled
    Douma") wins; a place that is also one of the actors ("Russia accused Ukraine") is no
    place of the event unless a locative preposition introduces it ("backed by Washington": the capital acts). Towns and regions come before countries, and the
    mention nearest the anchor (the trigger's offset) before the others. None when no mention fits.
    """
    cx_actor = set()
    for m in spanrows.overlapping(doc, ACTORS_KEY, start_char, end_char):
        cx_actor.update(range(m.start, m.end))
    by_id = _places_by_id(doc)
    entries = doc._.dyads_place_entries or {}
    best, best_score = None, 0.0
    for sp in spanrows.overlapping(doc, SPAN_KEY, start_char, end_char):
        if not (start_char <= sp.start_char and sp.end_char <= end_char):
            continue
        place = by_id.get(sp.label_)
        if place is None:
            continue
        score = 1.0
        locative = _locative(doc, sp.start, sp.end)
        acting = any(i in cx_actor for i in range(sp.start, sp.end))
        if locative:
            score += 4.0
        elif _cue(doc, sp.start, sp.end) and not (acting and sp.start > 0 and doc[sp.start - 1].lower_ == "by"):
            score += 2.5  # "shelled Douma"; not "backed by Washington", where the capital is the agent
        if acting and not locative:
            score -= 3.0
        entry = entries.get(place.id)
        if entry is None or entry.kind not in ("country", "continent"):
            score += 1.0
        if anchor_char is not None:
            score -= min(abs(sp.start_char - anchor_char), 400) / 400
        if score > best_score:
            best, best_score = place.id, score
    return best


def _locative(doc: Doc, s: int, e: int) -> bool:
    k = s - 1
    while k >= 0 and (doc[k].lower_ in DETERMINERS or (doc[k].lower_ in COMPASS and doc[k].is_lower)
                      or doc[k].lower_ in OF_PLACE_NOUNS or doc[k].lower_ == "of"):
        if doc[k].lower_ == "of" and not (k > 0 and doc[k - 1].lower_ in OF_PLACE_NOUNS):
            break
        k -= 1
    return k >= 0 and doc[k].lower_ in LOC_PREPS - NOT_LOCATING_PREPS
