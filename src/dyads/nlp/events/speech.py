"""Speech acts toward actors: who "the latter" and "the former" are.

    back_reference(f, t)     # "demanded that X explain itself after the latter accused Z": X
    narrated(doc, tok, q)    # ... and "the latter accused Z" is the article's, not the demander's
"""
from __future__ import annotations

from typing import Optional

from spacy.tokens import Token

from ... import kb

LATTER = kb.words("speech", "latter")
FORMER = kb.words("speech", "former")
DEMANDING = kb.words("speech", "demanding_cues")
TIME_MARKS = kb.words("speech", "time_marks")


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
