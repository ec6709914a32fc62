"""A range split by what it is about: "from 21 mpg in the city to 23", "from $36,040 at
midnight to $34,935". The bounds stand apart with an adjunct between them; joined, they
are one quantity with low and high, as "from 252 to 287 miles" (numbers._range) is.

Joined only when the first bound follows "from", the second follows "to" after at most a
few words of the same clause (no comma, no sentence end, no "according to"), and their
units agree (or one has none).
"""
from __future__ import annotations

import re
from typing import Optional

from .number_words import Found

_FROM = re.compile(r"(?<![A-Za-z])from[ \t]+$", re.I)
_BETWEEN = re.compile(r"[ \t]+(?!according\b)(?:[^,;:.!?\n()\u2013\u2014]|\.(?=\S)){1,40}?[ \t]+to[ \t]+", re.I)
_MAX_BETWEEN = 48


def _joinable(text: str, f: Found, g: Found) -> Optional[str]:
    """The joined range's unit, or None when f and g are no split range."""
    if f.value is None or g.value is None or f.kind not in ("digits", "words") or g.kind not in ("digits", "words"):
        return None
    if not _FROM.search(text[max(0, f.start - 8) : f.start]):
        return None
    gap = text[f.end : g.start]
    if len(gap) > _MAX_BETWEEN or not _BETWEEN.fullmatch(gap) or re.search(r"\baccording\b", gap, re.I):
        return None
    if f.unit and g.unit and f.unit != g.unit:
        return None
    if g.approx is not None:
        return None
    return f.unit or g.unit or "count"


def join_split_ranges(text: str, out: list[Found]) -> list[Found]:
    """`out` (in text order) with each split "from A ... to B" pair made one range."""
    joined: list[Found] = []
    k = 0
    while k < len(out):
        f = out[k]
        g = out[k + 1] if k + 1 < len(out) else None
        unit = _joinable(text, f, g) if g is not None else None
        if unit is None:
            joined.append(f)
            k += 1
            continue
        joined.append(Found(f.start, g.end, value=None, low=min(f.value, g.value), high=max(f.value, g.value),
                            approx=f.approx, unit=None if unit == "count" else unit, currency=f.currency or g.currency,
                            counts=f.counts or g.counts, subject=f.subject or g.subject, plain=False, left=f.left,
                            num_end=g.num_end, kind=f.kind))
        k += 2
    return joined
