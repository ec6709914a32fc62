"""Quoted words framed by a verb of speech or accusation: 'it blamed "militias backed by X"
for the violence', 'called the plan "a betrayal of the revolution"', 'described them as
"armed gangs"'. The quotation is (part of) the verb's object, so its words are the verb's
subject's: the subject speaks them, though no verb of saying introduces them."""
from __future__ import annotations

from typing import Optional

from spacy.tokens import Doc, Token

from ... import kb
from ..claims import QUOTE_CHARS, Claim, speaker_span

# verbs whose object (or its description, "as ...", "for ...") can be the subject's own words
FRAMING_VERBS = kb.words("quotes", "framing_verbs")
# how a quotation hangs from the framing verb: as its object, an object's predicate, a
# prepositional object ("as", "for", "on"), or conjoined or in apposition with one of them
_OBJECT_DEPS = {"dobj", "oprd", "attr", "xcomp", "ccomp", "acomp", "pobj", "prep", "conj", "appos", "dative"}
_MAX_CLIMB = 4  # dependency steps from the quotation's head up to its verb


def framing_claim(doc: Doc, s: int, e: int) -> Optional[Claim]:
    """The claim whose content is the quotation at tokens [s, e) when a framing verb takes it as
    (part of) its object, with the verb's subject as speaker; None otherwise."""
    top = _head_of(doc, s, e)
    if top is None:
        return None
    cur = top
    for _ in range(_MAX_CLIMB):
        if cur.dep_ not in _OBJECT_DEPS or cur.head.i == cur.i:
            return None
        cur = cur.head
        if cur.pos_ in ("VERB", "AUX"):
            break
    else:
        return None
    if cur.pos_ not in ("VERB", "AUX") or cur.lemma_.lower() not in FRAMING_VERBS:
        return None
    subj = _subject(cur)
    if subj is None:
        return None
    return Claim((cur.i, cur.i + 1), (s, e), speaker_span(subj), subj.i, "act", cue_text=cur.text)


def _head_of(doc: Doc, s: int, e: int) -> Optional[Token]:
    """The quotation's word whose head lies outside it (the first such, punctuation aside)."""
    for t in doc[s:e]:
        if t.is_punct or t.is_space or t.text in QUOTE_CHARS:
            continue
        if not s <= t.head.i < e or t.head.i == t.i:
            return t
    return None


def _subject(verb: Token) -> Optional[Token]:
    """The active verb's subject, or that of the verb it is conjoined with ('rejected X and
    blamed "..."'); a passive's subject is blamed, not the speaker."""
    for _ in range(3):
        for c in verb.children:
            if c.dep_ == "nsubj":
                return c
            if c.dep_ == "nsubjpass":
                return None
        if verb.dep_ != "conj" or verb.head.i == verb.i:
            return None
        verb = verb.head
    return None
