"""Quotation marks: the regions they enclose, the marks left unpaired, and what parts paragraphs.

Pure functions over the text (no Doc): `quote_regions` pairs the marks, `paragraph_break`
says whether paragraphs are parted by a line break or a blank line.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from typing import Optional

_MARKS = re.compile(r"''|``|[\"\u201c\u201d\u00ab\u00bb\u201e]")
_OPENERS = {"\u201c", "\u00ab", "\u201e", "``"}
_CLOSERS = {"\u201d", "\u00bb"}


@dataclass
class Region:
    """Text between a pair of quotation marks: content [start, end) in characters."""

    open: int
    start: int
    end: int
    close: int
    continued: bool = False  # a paragraph continuing the previous region's quotation


def paragraph_break(text: str) -> str:
    """What parts paragraphs: a line break, or a blank line when the text is wrapped
    at a fixed width (then single line breaks fall inside paragraphs)."""
    lines = text.split("\n")
    if len(lines) > 5:
        full = [ln for ln in lines if ln.strip()]
        wrapped = sum(1 for ln in full if 50 <= len(ln) <= 90)
        if wrapped >= 0.8 * len(full) and "\n\n" in text:
            return "\n\n"
    return "\n"


def _family(mark: str) -> str:
    if mark in ('"', "''"):
        return "straight"
    if mark in ("\u00ab", "\u00bb"):
        return "guillemet"
    return "curly"  # \u201c \u201d \u201e ``


def quote_regions(text: str) -> tuple[list[Region], list[int]]:
    """Pairs of quotation marks, and the offsets of marks left unpaired.

    Curly marks pair open with close; straight marks (and NYT-style '') toggle; a
    quotation of the other style inside an open one is nested and stays part of
    it. A quotation left open at a paragraph's end continues when the next
    paragraph opens with a mark (the convention for quotes running over
    paragraphs); open at a paragraph's end otherwise, its mark is unbalanced."""
    para = paragraph_break(text)
    regions: list[Region] = []
    stray: list[int] = []
    open_at: Optional[int] = None
    open_len, cont, family, nested = 0, False, "", 0
    for m in _MARKS.finditer(text):
        mark, i = m.group(), m.start()
        if open_at is not None and para in text[open_at:i]:
            para_end = text.index(para, open_at)
            if text[para_end:i].strip() == "" and mark not in _CLOSERS:
                # the next paragraph opens with a mark: the quotation goes on there
                regions.append(Region(open_at, open_at + open_len, para_end, para_end, continued=cont))
                open_at, open_len, cont, family, nested = i, len(mark), True, _family(mark), 0
                continue
            stray.append(open_at)
            open_at, cont, nested = None, False, 0
        if open_at is None:
            if mark in _CLOSERS and not (i == 0 or text[i - 1] == "\n"):  # a closer opening a line opens
                stray.append(i)
                continue
            open_at, open_len, cont, family, nested = i, len(mark), False, _family(mark), 0
            continue
        fam = _family(mark)
        if fam != family:  # a quotation inside the quotation
            if fam == "straight":
                nested = 0 if nested else 1
            elif mark in _OPENERS:
                nested += 1
            elif nested:
                nested -= 1
            continue
        if mark in _OPENERS:
            stray.append(open_at)  # a new opening inside an open quotation
            open_at, open_len, cont, nested = i, len(mark), False, 0
            continue
        regions.append(Region(open_at, open_at + open_len, i, i + len(mark), continued=cont))
        open_at, cont, nested = None, False, 0
    if open_at is not None:
        stray.append(open_at)
    return [r for r in regions if r.end > r.start], sorted(stray)


def regions_over(regions: list[Region], ends: list[int], start: int, end: int) -> range:
    """The indices of the regions sharing a character with [start, end). Regions come in text
    order and do not overlap (quote_regions), so both their starts and their ends ascend."""
    first = bisect_right(ends, start)
    last = first
    while last < len(regions) and regions[last].start < end:
        last += 1
    return range(first, last)
