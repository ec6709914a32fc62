"""Which name an acronym in brackets spells: "National Coordination Committee (NCC)", and the
name before a place that the acronym spells with it ("Board of Cricket Control in Ruritania
(BCCR)": the board, whose full name holds the place)."""
from __future__ import annotations

from typing import Optional

from spacy.tokens import Doc


def spelled(doc: Doc, by_end: dict, long, words: list[str]):
    """The mention (of `by_end`, mentions by their end) the acronym after `long` spells, or None.
    `long` is the mention right before the bracket; the acronym is the word after the bracket."""
    acr = words[long.end + 1]
    if _initials_fit(acr, words[long.start : long.end]):
        return long
    prev: Optional[object] = by_end.get(long.start - 1) if long.start >= 2 and doc[long.start - 1].is_lower else None
    if prev is None or prev.kind == "pronoun" or not _initials_fit(acr, words[prev.start : long.end]):
        return None
    return prev


def _initials_fit(acr: str, words: list[str]) -> bool:
    initials = [w[0].upper() for w in words if w[:1].isalpha() and (w[0].isupper() or len(w) > 3)]
    letters = [c for c in acr.upper() if c.isalpha()]
    it = iter(initials)
    return len(letters) >= 2 and all(any(c == x for x in it) for c in letters)
