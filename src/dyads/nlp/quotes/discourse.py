"""Speakers the text around a quotation names without a verb of saying.

    "We will not leave." -- Dana Whitfield          a quotation signed after a dash
    "Resign now," the senator told the chairman      a verb of saying with its listener

Pure functions over the Doc and the actors component's mentions.
"""
from __future__ import annotations

import re
from typing import Optional

from spacy.tokens import Doc

from ..actors import SPAN_KEY
from ..doc import QuoteInfo
from ..mentions import doc_text
from .marks import Region
from .speakers import description_actor
from .spans import token_range

# after the closing mark: a dash, then a name of one to six capitalised words up to the line's end
_SIGNED = re.compile(r"[^\S\n]*(?:[\u2015\u2014\u2013]|--?)[^\S\n]*((?:[A-Z\u00c0-\u00de][\w.'\u2019-]*[^\S\n]*){1,6})[.,;]?[^\S\n]*(?:\n|$)")


def signature(doc: Doc, r: Region) -> Optional[tuple[int, int]]:
    """The characters of the name signing the quotation r ('"..." -- Dana Whitfield'), or None."""
    text = doc_text(doc)
    m = _SIGNED.match(text, r.close)
    if m is None:
        return None
    s, e = m.start(1), m.end(1)
    while e > s and text[e - 1] in " \t\u00a0.,;":
        e -= 1
    return (s, e) if e > s else None


def sign(doc: Doc, q: QuoteInfo, r: Region) -> bool:
    """Give the quotation r the speaker whose name signs it; False when no name does."""
    chars = signature(doc, r)
    if chars is None:
        return False
    s, e = chars
    q.speaker_text, q.speaker_chars, q.cue = doc_text(doc)[s:e], (s, e), None
    mentions = doc.spans[SPAN_KEY] if SPAN_KEY in doc.spans else []
    for m in mentions:
        if s <= m.start_char < e and m.end_char <= e:
            q.speaker = m.label_
            return True
    ts, te = token_range(doc, s, e)
    if te > ts:
        q.speaker = description_actor(doc, (ts, te))
    return True
