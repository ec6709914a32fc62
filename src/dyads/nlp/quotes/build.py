"""Quote records made from a reporting expression (indirect and mixed speech) or from
quotation marks (direct speech), with the speaker the expression names."""
from __future__ import annotations

from typing import Optional

from spacy.tokens import Doc

from ..claims import Claim
from ..doc import QuoteInfo
from ..mentions import doc_text
from .marks import Region
from .speakers import set_speaker
from .spans import end_char, strip_marks, strip_span


def claim_quote(doc: Doc, c: Claim, kind: str, para: str, persons: set[str]) -> QuoteInfo:
    """What the claim says, kept within its cue's paragraph ("indirect" or "mixed")."""
    s, e = doc[c.content[0]].idx, end_char(doc, c.content[1])
    cue = doc[c.cue[0]].idx
    brk = doc_text(doc).find(para, s, e)
    while brk != -1:  # what is said stays in the cue's paragraph
        if brk < cue:
            s = brk + len(para)
        else:
            e = brk
            break
        brk = doc_text(doc).find(para, s, e)
    s, e = strip_span(doc_text(doc), s, e)
    if c.gap is not None and s < doc[c.gap[0]].idx and end_char(doc, c.gap[1]) < e:
        gs, ge = doc[c.gap[0]].idx, end_char(doc, c.gap[1])
        body = (doc_text(doc)[s:gs].rstrip(" ,") + " " + doc_text(doc)[ge:e].lstrip(" ,")).strip()
    else:
        body = doc_text(doc)[s:e]
    q = QuoteInfo(kind, s, e, strip_marks(body), cue=c.cue_text or None, claim=c)
    set_speaker(doc, q, c, persons)
    return q


def direct_quote(doc: Doc, regions: list[Region], c: Optional[Claim], persons: set[str]) -> QuoteInfo:
    """A direct quote of the regions' text, with the claim's cue and speaker when there is one."""
    start, end = regions[0].start, regions[-1].end
    text = regions and doc_text(doc)[regions[0].start : regions[0].end].strip()
    for prev, r in zip(regions, regions[1:]):
        text += ("\n\n" if r.continued else " ") + doc_text(doc)[r.start : r.end].strip()
    q = QuoteInfo("direct", start, end, strip_marks(text), cue=(c.cue_text or None) if c else None, claim=c,
                  regions=list(regions))
    if c is not None:
        set_speaker(doc, q, c, persons)
    return q
