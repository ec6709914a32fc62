"""Units left out: a bare number that takes the unit of a quantity beside it.

Newswriting states a unit once and leaves it out of the numbers that follow in
the same construction. Four constructions, each read from the text alone, each
giving a number with no unit of its own the unit of one precise other quantity:

- the partitive: "raised 40 million of the 90 million euros" (the whole's unit);
- the parallel preposition: "rose by 3 percent and fell by 2", "rose to 40 mpg in town and to 35",
  "ended at 1,200 points while the other ended at 980" (the unit of the nearest
  earlier quantity in the sentence introduced by the same preposition; "to" pairs
  with "from" and "to");
- the suspended hyphen: "four-, five- and six-cylinder engines" (the unit of the
  last member of the chain);
- the named scale: "between 50 and 70 on the GPa scale".

Units that count nothing measurable (`count`, `fraction`, `people`) are never
carried, nor are numbers that already name what they count.
"""
from __future__ import annotations

import re
from typing import Optional

from .. import kb
from .number_words import Found, Units

_PREPOSITIONS = kb.words("quantities", "parallel_prepositions")
_PAIRS = {p: {p} for p in _PREPOSITIONS}
_PAIRS["to"] = {"to", "from"}
_NOT_CARRIED = {"count", "fraction", "people"}

_PREP_BEFORE = re.compile(r"(?<![A-Za-z])(" + "|".join(sorted(_PREPOSITIONS, key=len, reverse=True)) + r")[ \t]+$", re.I)
_PARTITIVE = re.compile(r"[ \t]+of[ \t]+(?:the|its|their|his|her|our|a total of|an? estimated)?[ \t]*$", re.I)
_SUSPENDED = re.compile(r"-[ \t]*(?:,|(?:and|or|to)\b)")
_SCALE = re.compile(r"[ \t]+on[ \t]+the[ \t]+")
_SENTENCE_END = re.compile(r"[.!?;\n]\s")
_REACH = 120  # how far back the parallel preposition looks (within the sentence)


def _bare(f: Found) -> bool:
    return f.kind in ("digits", "words") and f.unit in (None, "count") and not f.counts and not f.currency


def _carried(g: Found) -> Optional[str]:
    return g.unit if g.unit and g.unit not in _NOT_CARRIED else None


def _prep_before(text: str, f: Found) -> Optional[str]:
    m = _PREP_BEFORE.search(text[max(0, f.start - 12) : f.start])
    return m.group(1).lower() if m else None


def _same_sentence(text: str, a: int, b: int) -> bool:
    return b - a <= _REACH and _SENTENCE_END.search(text, a, b) is None


def _partitive(text: str, out: list[Found], k: int) -> Optional[str]:
    f = out[k]
    if k + 1 >= len(out):
        return None
    g = out[k + 1]
    if _PARTITIVE.fullmatch(text[f.end : g.start] if g.start > f.end else "") is None:
        return None
    return _carried(g)


def _parallel(text: str, out: list[Found], k: int) -> Optional[str]:
    f = out[k]
    p = _prep_before(text, f)
    if p is None:
        return None
    for j in range(k - 1, -1, -1):
        g = out[j]
        if not _same_sentence(text, g.end, f.start):
            return None
        q = _prep_before(text, g)
        if q is not None and q in _PAIRS[p]:
            return _carried(g)
    return None


def _suspended(text: str, out: list[Found], k: int) -> Optional[str]:
    if _SUSPENDED.match(text, out[k].end) is None:
        return None
    for g in out[k + 1 :]:
        joined = g.hyphen_unit or text[g.num_end : g.num_end + 1] == "-"
        if joined or _SUSPENDED.match(text, g.end) is None:
            return _carried(g) if joined else None
    return None


def _scale(text: str, f: Found, u: Units, unit_at) -> Optional[str]:
    m = _SCALE.match(text, f.end)
    if m is None:
        return None
    unit, end = unit_at(text, m.end(), u)
    if unit is None or not re.match(r"[ \t]+scale\b", text[end : end + 12]):
        return None
    return unit if unit not in _NOT_CARRIED else None


def carry_units(text: str, out: list[Found], u: Units, unit_at) -> None:
    """Give each bare number of `out` (in text order) the unit its construction leaves out.
    `unit_at(text, pos, u)` reads a unit written at pos -> (unit, end)."""
    for k in range(len(out) - 1, -1, -1):  # a chain takes its unit from its last member
        if _bare(out[k]):
            out[k].unit = _suspended(text, out, k) or out[k].unit
    for k, f in enumerate(out):
        if not _bare(f):
            continue
        unit = _partitive(text, out, k) or _scale(text, f, u, unit_at) or _parallel(text, out, k)
        if unit is not None:
            f.unit = unit
