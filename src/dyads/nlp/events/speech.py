"""Speech acts toward actors: who "the latter" and "the former" are.

    back_reference(f, t)     # "demanded that X explain itself after the latter accused Z": X
    narrated(doc, tok, q)    # ... and "the latter accused Z" is the article's, not the demander's
    comparisons(f)           # "X compares Y to an apartheid state": X accuses Y
"""
from __future__ import annotations

from typing import Optional

from spacy.tokens import Token

from ... import kb

LATTER = kb.words("speech", "latter")
FORMER = kb.words("speech", "former")
DEMANDING = kb.words("speech", "demanding_cues")
TIME_MARKS = kb.words("speech", "time_marks")
COMPARING = kb.words("speech", "comparing_verbs")
LIKENESSES = kb.words("speech", "condemned_likenesses")


def back_reference(f, t: Token) -> Optional[str]:
    """"the latter" (a noun phrase of its own, not "the former president"): the last actor named
    before it in its sentence or the one before; "the former": the one named before that. None
    when the word is no such reference or fewer actors precede."""
    low = t.lower_
    if low not in LATTER and low not in FORMER:
        return None
    if t.dep_ in ("amod", "compound") or not any(c.dep_ == "det" and c.lower_ == "the" for c in t.children):
        return None
    doc = f.doc
    start = t.sent.start
    if start > 0:
        start = doc[start - 1].sent.start
    seen: list = []
    for i in range(t.i - 1, start - 1, -1):
        a = f.actor_at.get(i)
        if a is not None and a not in seen:
            seen.append(a)
            if low in LATTER or len(seen) == 2:
                return a
    return None


def narrated(doc, tok: Token, q) -> bool:
    """Whether the act of verb `tok`, inside what quote `q` reports, is the article's narration: a
    past verb in a clause of time ("after Y accused Z") within a demand ("demanded that X leave"),
    which asserts nothing."""
    if q is None or q.claim is None or tok.tag_ not in ("VBD", "VBN") or tok.dep_ != "advcl":
        return False
    if not any(c.dep_ == "nsubj" for c in tok.children):
        return False  # a past act with its doer ("after Y accused Z"), not a participle ("after being told")
    if not any(c.dep_ == "mark" and c.lower_ in TIME_MARKS for c in tok.children):
        return False
    cue = {doc[i].lemma_.lower() for i in range(q.claim.cue[0], q.claim.cue[1])}
    return bool(cue & DEMANDING)


def likened(tok: Token) -> Optional[Token]:
    """"compares Y to an apartheid state", "likened Y with the Nazis": what a comparing verb
    likens its object to (the preposition's object), or None."""
    if tok.lemma_.lower() not in COMPARING or not any(c.dep_ == "dobj" for c in tok.children):
        return None
    obj = next(c for c in tok.children if c.dep_ == "dobj")
    for c in list(tok.children) + list(obj.children):
        if c.dep_ == "prep" and c.lower_ in ("to", "with"):
            return next((g for g in c.children if g.dep_ == "pobj"), None)
    return None


def comparisons(f) -> list:
    """"X compares Y to an apartheid state": X accuses Y (ACCUSE, mode allege), when what Y is
    likened to is condemning; in the voice of the quote around the verb, if any."""
    from ..doc import EventRecord
    from ..doctext import token_strings
    from .marks import negated
    from .reports import cue_speaker
    from .words import accusing_words

    words = accusing_words() | LIKENESSES | kb.words("denials", "condemning")
    out = []
    for i, lemma in enumerate(token_strings(f.doc, "LEMMA")):
        if lemma.lower() not in COMPARING:
            continue  # most words: one look at the lemma array
        tok = f.doc[i]
        like = likened(tok) if tok.pos_ == "VERB" else None
        if like is None or negated(tok, None) or not {x.lemma_.lower() for x in like.subtree} & words:
            continue
        obj = next(c for c in tok.children if c.dep_ == "dobj")
        speakers = f._sources(tok, tok) or ([cue_speaker(f, tok)] if cue_speaker(f, tok) else [])
        targets = f._actors_of(obj)
        if not speakers:
            continue
        start, end = tok.idx, tok.idx + len(tok.text)
        outer = f._quote_at(start, end)
        for t in targets:
            if t != speakers[0]:
                out.append(EventRecord(
                    category="ACCUSE", trigger=tok.text, trigger_start=start, trigger_end=end,
                    start=tok.sent.start_char, end=tok.sent.end_char, source=speakers[0], target=t,
                    mode="allege", cameo="112", polarity=-1,
                    claimed_by=outer.speaker if outer is not None else None,
                    quote=outer.id if outer is not None else None))
    return out
