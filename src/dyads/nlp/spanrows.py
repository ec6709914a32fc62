"""The members of a Doc's span group as plain rows, read once while the group is unchanged.

Iterating a spaCy SpanGroup builds a new Span object for every member, every time. Code that
asks "which mention covers this token" once per quote or per event built millions of them
over a long article (a fifth of the components' time). `rows(doc, key)` gives
(start, end, label_, start_char, end_char) tuples, remembered for the Doc being processed
until its group under `key` is replaced or changes length (our components only ever replace
a group or append to it).

`covering(doc, key, i)`, `within(doc, key, start, end)` and `overlapping(doc, key, start_char,
end_char)` answer "which rows cover this token / lie in these tokens / share these characters"
from an index kept with the rows (and kept up to date by
`append`), in the group's order: a scan of every row per quote or event grew with the square
of a long document's length.
"""
from __future__ import annotations

from bisect import bisect_left, insort
from typing import NamedTuple

from spacy.tokens import Doc


class Row(NamedTuple):
    start: int
    end: int
    label_: str
    start_char: int
    end_char: int


_LAST: dict = {"doc": None, "groups": {}}  # the one Doc being processed (components run one at a time)


class _Index:
    """A group's rows with the token and character index over them."""

    def __init__(self, group, rows: list[Row]):
        self.group, self.rows, self._tuple = group, rows, None
        self.by_token: dict[int, list[int]] = {}
        self.starts: list[tuple[int, int]] = sorted((r.start_char, k) for k, r in enumerate(rows))
        self.widest = 0
        for k, r in enumerate(rows):
            self._index(k, r)

    def _index(self, k: int, r: Row) -> None:
        for i in range(r.start, r.end):
            self.by_token.setdefault(i, []).append(k)
        self.widest = max(self.widest, r.end_char - r.start_char)

    def add(self, r: Row) -> None:
        k = len(self.rows)
        self.rows.append(r)
        self._tuple = None
        insort(self.starts, (r.start_char, k))
        self._index(k, r)

    def as_tuple(self) -> tuple[Row, ...]:
        if self._tuple is None:
            self._tuple = tuple(self.rows)
        return self._tuple


def _entry(doc: Doc, key: str) -> "_Index | None":
    if key not in doc.spans:
        return None
    group = doc.spans[key]
    if _LAST["doc"] is not doc:
        _LAST["doc"], _LAST["groups"] = doc, {}
    hit = _LAST["groups"].get(key)
    if hit is not None and hit.group is group and len(hit.rows) == len(group):
        return hit
    hit = _Index(group, [Row(sp.start, sp.end, sp.label_, sp.start_char, sp.end_char) for sp in group])
    _LAST["groups"][key] = hit
    return hit


def rows(doc: Doc, key: str) -> tuple[Row, ...]:
    hit = _entry(doc, key)
    return () if hit is None else hit.as_tuple()


def covering(doc: Doc, key: str, i: int) -> list[Row]:
    """The rows whose tokens include token `i`, in the group's order."""
    hit = _entry(doc, key)
    if hit is None:
        return []
    return [hit.rows[k] for k in hit.by_token.get(i, ())]


def within(doc: Doc, key: str, start: int, end: int) -> list[Row]:
    """The rows whose tokens all lie in [start, end), in the group's order."""
    hit = _entry(doc, key)
    if hit is None:
        return []
    found = sorted(k for i in range(start, end) for k in hit.by_token.get(i, ())
                   if hit.rows[k].start == i and hit.rows[k].end <= end)
    return [hit.rows[k] for k in found]


def overlapping(doc: Doc, key: str, start_char: int, end_char: int) -> list[Row]:
    """The rows sharing a character with [start_char, end_char), in the group's order."""
    hit = _entry(doc, key)
    if hit is None:
        return []
    lo = bisect_left(hit.starts, (start_char - hit.widest, -1))
    hi = bisect_left(hit.starts, (end_char, -1))
    found = sorted(k for _, k in hit.starts[lo:hi] if hit.rows[k].end_char > start_char)
    return [hit.rows[k] for k in found]


def append(doc: Doc, key: str, span) -> None:
    """Add one span to the group under `key` (made if missing), without copying the group."""
    if key in doc.spans:
        hit = _entry(doc, key)  # up to date before the group grows
        doc.spans[key].append(span)
        hit.add(Row(span.start, span.end, span.label_, span.start_char, span.end_char))
    else:
        doc.spans[key] = [span]


def forget() -> None:
    """Drop the remembered Doc (its memory goes with it)."""
    _LAST["doc"], _LAST["groups"] = None, {}
