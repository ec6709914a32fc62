"""Known names that are only part of a longer name, or a compass direction.

The knowledge base matches the longest actor name it knows, but it knows no places: the "West"
of "the West Bank" and the "Western" of "Western Sahara" are words of a longer place name, not
the bloc of Western states, and "West of the town" is a direction. A known name followed by
capitalised words that make, with it, a name the gazetteer knows gives way to that longer name;
a compass word is never an actor before "of", before another capitalised word ("West Java",
"Western Wall", "West African") nor dashed to another compass word ("East-West relations").
A known name written in lower case counts only when quotation marks set it off as a name. Pure
functions over a Doc.
"""
from __future__ import annotations

from typing import Callable, Optional

from spacy.tokens import Doc

from .. import kb
from ..kb.names import place_key

COMPASS_WORDS = kb.words("name_parts", "compass_words")
DIRECTION_FOLLOWERS = kb.words("name_parts", "direction_followers")
PROPER_TAGS = ("NNP", "NNPS")
DASHES = {"-", "\u2010", "\u2011", "\u2013", "\u2014"}
OPENING_QUOTES = {"\u201c", '"', "\u2018", "'", "\u00ab"}
CLOSING_QUOTES = {"\u201d", '"', "\u2019", "'", "\u00bb"}
MAX_EXTRA_WORDS = 3  # words a longer place name may add after the known one ("West Bank", "Gaza Strip")


def gazetteer_place(name: str) -> bool:
    """Does the gazetteer know a place of this name?"""
    from .places.gazetteer import gazetteer  # loaded once per process (the places component needs it too)

    return bool(gazetteer().candidates(place_key(name)))


def _proper(doc: Doc, i: int) -> bool:
    t = doc[i]
    return t.tag_ in PROPER_TAGS and t.text[:1].isupper() and t.is_alpha


def _capitalised_word(doc: Doc, i: int) -> bool:
    """A capitalised word that is no function word: "African" of "West African", not "For" of a
    headline's "Blames West For Unrest"."""
    t = doc[i]
    return t.text[:1].isupper() and t.is_alpha and not t.is_stop


def _axis(doc: Doc, s: int, e: int) -> bool:
    """'East-West relations', 'north-south': two compass words joined by a dash, an axis."""
    before = s >= 2 and doc[s - 1].text in DASHES and doc[s - 2].lower_ in COMPASS_WORDS
    after = e + 1 < len(doc) and doc[e].text in DASHES and doc[e + 1].lower_ in COMPASS_WORDS
    return before or after


def part_of_longer_name(doc: Doc, s: int, e: int, is_place: Optional[Callable[[str], bool]] = None) -> bool:
    """Is the known name at [s, e) a direction ("West of the city") or only the start of a longer
    name ("the West Bank", "Western Sahara", "West Java")?"""
    compass = e - s == 1 and doc[s].lower_ in COMPASS_WORDS
    if compass and _axis(doc, s, e):
        return True
    if e >= len(doc):
        return False
    if compass and (doc[e].lower_ in DIRECTION_FOLLOWERS or _capitalised_word(doc, e)):
        return True
    if not _proper(doc, e):
        return False
    is_place = is_place or gazetteer_place
    end = e
    while end < len(doc) and end - e < MAX_EXTRA_WORDS and _proper(doc, end):
        end += 1
        if is_place(doc[s:end].text):
            return True
    return False


def quoted_name(doc: Doc, s: int, e: int) -> bool:
    """A known name of two words or more written in lower case but set off in quotation marks as a
    name ('the "axis of resistance" it supports'); not one word ("the 'west'"), nor a name that
    only begins or ends a quotation."""
    return e - s >= 2 and s > 0 and e < len(doc) and doc[s - 1].text in OPENING_QUOTES \
        and doc[e].text in CLOSING_QUOTES
