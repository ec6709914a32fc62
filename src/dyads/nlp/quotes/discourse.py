"""Speakers the text around a quotation names without a verb of saying.

    "We will not leave." -- Dana Whitfield          a quotation signed after a dash
    "Resign now," the senator told the chairman      a role referring back to the person so titled

Pure functions over the Doc and the actors component's mentions.
"""
from __future__ import annotations

import re
from typing import Optional

from spacy.tokens import Doc

from ... import kb
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


# abbreviated and full titles -> the role noun they stand for ("Sen." -> senator)
TITLE_ROLES = {k.lower().rstrip("."): v for k, v in kb.table("quotes", "title_roles").items()}
OFFICES = frozenset(TITLE_ROLES.values())  # the roles a definite description refers back by
DEFINITE = kb.words("quotes", "definite")
SUB_OFFICES = kb.words("quotes", "sub_offices")
ROLE_LOOKBACK = 6000  # characters back to the person a role refers to
_ROLE_WINDOW = 4  # tokens before a name holding its title ("Vermont Sen. Ada Ruiz")
_APPOS_WINDOW = 10  # tokens after a name holding its role in apposition ("Ruiz, the senator, ...")


def role_antecedent(doc: Doc, head: int, span: tuple[int, int]) -> Optional[str]:
    """'the senator said': the person introduced before with that role ('Sen. Ada Ruiz', 'Ada
    Ruiz, a senator from ...'), the most recent one; None when the text names no such person."""
    first = doc[span[0]]
    if first.lower_ not in DEFINITE:
        return None
    role = doc[head].lemma_.lower()
    before = doc[span[0]].idx
    persons = {a.id for a in (doc._.dyads_actors or []) if a.type == "person"}
    mentions = doc.spans[SPAN_KEY] if SPAN_KEY in doc.spans else []
    best, best_at = None, -1
    for m in mentions:
        if m.label_ not in persons or m.end_char > before or before - m.start_char > ROLE_LOOKBACK or m.start <= best_at:
            continue
        if role in _roles_around(doc, m.start, m.end):
            best, best_at = m.label_, m.start
    return best


def _roles_around(doc: Doc, start: int, end: int) -> set[str]:
    """The offices of a name: its title just before it ('Vermont Sen. Ada Ruiz') and the head of
    an apposition after it ('Ada Ruiz, the senator from ...')."""
    out = set()
    i = start - 1
    while i >= max(0, start - _ROLE_WINDOW) and doc[i].pos_ in ("PROPN", "NOUN", "ADJ") and doc[i].text.rstrip(".").isalpha():
        if not (i > 0 and doc[i - 1].lower_ in SUB_OFFICES):  # "Vice President X" is no president
            out.add(TITLE_ROLES.get(doc[i].lower_.rstrip("."), doc[i].lemma_.lower()))
        i -= 1
    for t in doc[end : min(len(doc), end + _APPOS_WINDOW)]:
        if t.dep_ == "appos" and start <= t.head.i < end:
            out.add(t.lemma_.lower())
    return out & OFFICES


_AGE = re.compile(r"the \d{1,3}-year-old$")
AGE_BACK = 2  # sentences before its own where 'the 41-year-old' looks for the person it stands for


def age_antecedent(doc: Doc, span: tuple[int, int]) -> Optional[str]:
    """'the 41-year-old said': the person named last (by name, not pronoun) in its sentence before
    it or in the two sentences before; None when no person is named there."""
    if not _AGE.match(doc[span[0] : span[1]].text.lower()):
        return None
    first = doc[span[0]].sent.start
    for _ in range(AGE_BACK):
        if first == 0:
            break
        first = doc[first - 1].sent.start
    persons = {a.id for a in (doc._.dyads_actors or []) if a.type == "person"}
    mentions = doc.spans[SPAN_KEY] if SPAN_KEY in doc.spans else []
    named = [m for m in mentions if m.label_ in persons and first <= m.start and m.end <= span[0]
             and doc[m.start].tag_ not in ("PRP", "PRP$")]
    return max(named, key=lambda m: m.start).label_ if named else None
