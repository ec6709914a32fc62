"""Whose voice asserts a stretch of text: the innermost quote with a speaker that holds it."""
from __future__ import annotations

from bisect import bisect_left, bisect_right


def quote_at(quotes, start: int, end: int):
    """The innermost quote with a speaker that holds [start, end), or None: whose voice
    asserts what lies there (None is the article's own voice). Of two as short, the first in
    `quotes`."""
    index = _quote_index(quotes)
    starts, order, longest = index[2], index[3], index[4]
    best, best_key = None, None
    # only a quote starting at most `longest` characters before `end` can hold [start, end)
    for k in range(bisect_left(starts, end - longest), bisect_right(starts, start)):
        n = order[k]
        q = quotes[n]
        if q.start <= start and end <= q.end and q.speaker:
            key = (q.end - q.start, n)
            if best_key is None or key < best_key:
                best, best_key = q, key
    return best


_QUOTE_INDEX: list = [None]  # (quotes, len, starts, order, longest) for the last list asked about


def _quote_index(quotes) -> tuple:
    """The quotes' starts in ascending order with their places in the list, kept while the
    same list is asked about and keeps its length."""
    hit = _QUOTE_INDEX[0]
    if hit is not None and hit[0] is quotes and hit[1] == len(quotes):
        return hit
    order = sorted(range(len(quotes)), key=lambda n: quotes[n].start)
    starts = [quotes[n].start for n in order]
    longest = max((q.end - q.start for q in quotes), default=0)
    _QUOTE_INDEX[0] = hit = (quotes, len(quotes), starts, order, longest)
    return hit
