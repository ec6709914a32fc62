"""The members of a Doc's span group as plain rows, read once while the group is unchanged.

Iterating a spaCy SpanGroup builds a new Span object for every member, every time. Code that
asks "which mention covers this token" once per quote or per event built millions of them
over a long article (a fifth of the components' time). `rows(doc, key)` gives
(start, end, label_, start_char, end_char) tuples, remembered for the Doc being processed
until its group under `key` is replaced or changes length (our components only ever replace
a group or append to it).
"""
from __future__ import annotations

from typing import NamedTuple

from spacy.tokens import Doc


class Row(NamedTuple):
    start: int
    end: int
    label_: str
    start_char: int
    end_char: int


_LAST: dict = {"doc": None, "groups": {}}  # the one Doc being processed (components run one at a time)


def rows(doc: Doc, key: str) -> tuple[Row, ...]:
    if key not in doc.spans:
        return ()
    group = doc.spans[key]
    if _LAST["doc"] is not doc:
        _LAST["doc"], _LAST["groups"] = doc, {}
    hit = _LAST["groups"].get(key)
    if hit is not None and hit[0] is group and hit[1] == len(group):
        return hit[2]
    out = tuple(Row(sp.start, sp.end, sp.label_, sp.start_char, sp.end_char) for sp in group)
    _LAST["groups"][key] = (group, len(group), out)
    return out


def append(doc: Doc, key: str, span) -> None:
    """Add one span to the group under `key` (made if missing), without copying the group."""
    if key in doc.spans:
        doc.spans[key].append(span)
    else:
        doc.spans[key] = [span]


def forget() -> None:
    """Drop the remembered Doc (its memory goes with it)."""
    _LAST["doc"], _LAST["groups"] = None, {}
