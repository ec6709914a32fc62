"""Denials and claims of responsibility: the verb that disowns or owns an act.

    denial(v)             # "denied arming the rebels", "rejected claims that it shelled the town",
                          # "denied any role in the raid" -> the denying verb
    owning(v)             # "claimed responsibility for the raid", "the raid was claimed by X",
                          # "X claimed the bombing" -> the claiming verb

A denied act is negated and claimed by the denier (it never counts as a tie); an act someone
owns is theirs, and claimed by them (their own voice). Pure functions over the parse.
"""
from __future__ import annotations

from typing import Optional

from spacy.tokens import Token

from ... import kb
from ..doctext import token_strings

DENYING = kb.words("denials", "denying")
DISMISSING = kb.words("denials", "dismissing")
CLAIM_NOUNS = kb.words("denials", "claim_nouns")
PART_NOUNS = kb.words("denials", "part_nouns")
CLAIMING = kb.words("denials", "claiming")


def _said_no(v: Token) -> bool:
    """"did not deny", "never claimed": the verb is itself negated."""
    return any(c.dep_ == "neg" or c.lower_ == "never" and c.dep_ in ("advmod", "neg") for c in v.children)


def _clause_top(t: Token) -> Token:
    """The first of conjoined acts ("sheltered and armed"): the one attached to the denial."""
    for _ in range(3):
        if t.dep_ == "conj" and t.head.i != t.i and t.head.pos_ == t.pos_:
            t = t.head
        else:
            break
    return t


def _verb_of_noun(n: Token, verbs: frozenset) -> Optional[Token]:
    """The verb among `verbs` that takes the noun `n` as its object (or passive subject)."""
    if n.dep_ in ("dobj", "nsubjpass") and n.head.i != n.i and n.head.lemma_.lower() in verbs:
        return n.head
    return None


def _claim_noun(t: Token) -> Optional[Token]:
    """The noun of a claim whose content `t` is: "claims that it armed", "reports of shelling"."""
    h = t.head
    if t.dep_ in ("acl", "ccomp", "relcl") and h.pos_ == "NOUN" and h.lemma_.lower() in CLAIM_NOUNS:
        return h
    if t.dep_ in ("pcomp", "pobj") and h.dep_ == "prep" and h.lower_ in ("of", "about"):
        n = h.head
        if n.pos_ == "NOUN" and n.lemma_.lower() in CLAIM_NOUNS:
            return n
    return None


def _part_noun(t: Token) -> Optional[Token]:
    """The noun of a part in the act `t`: "any role in the raid", "responsibility for the bombing"."""
    h = t.head
    if t.dep_ in ("pobj", "pcomp") and h.dep_ == "prep" and h.lower_ in ("in", "for", "of", "behind"):
        n = h.head
        if n.pos_ == "NOUN" and n.lemma_.lower() in PART_NOUNS:
            return n
    return None


def denial(v: Token) -> Optional[Token]:
    """The verb that denies the act of `v` (the trigger's verb, or an event noun), or None."""
    t = _clause_top(v)
    if t.head.i == t.i:
        return None
    d = None
    if t.dep_ in ("xcomp", "ccomp", "dobj") and t.head.lemma_.lower() in DENYING:
        d = t.head  # "denied arming", "denied that it armed", "denied the raid"
    else:
        n = _claim_noun(t) or _part_noun(t)
        if n is not None:
            d = _verb_of_noun(n, DISMISSING if n.lemma_.lower() in CLAIM_NOUNS else DENYING)
    if d is None or _said_no(d):
        return None
    return d


def owning(v: Token) -> Optional[Token]:
    """The verb by which someone owns the act of the event noun `v` as theirs: "claimed
    responsibility for the raid", "took credit for the bombing", "claimed the raid", "the raid
    was claimed by X"."""
    if v.pos_ != "NOUN":
        return None
    n = _part_noun(v)
    c = _verb_of_noun(n, CLAIMING) if n is not None else None
    if c is None and v.dep_ in ("dobj", "nsubjpass") and v.head.lemma_.lower() == "claim":
        c = v.head
    if c is None or _said_no(c):
        return None
    return c


def rebuttals(f) -> list:
    """"X denied Y's allegation that ...", "X dismissed claims by Y that ...": X rejects Y (REJECT,
    toward the accuser its claim noun names), in the voice of whoever reports X's words; the act
    denied stays a negated event of its own. `f`: the events finder."""
    from ..doc import EventRecord

    out = []
    for i, lemma in enumerate(token_strings(f.doc, "LEMMA")):
        if lemma.lower() not in DISMISSING:
            continue  # most words: one look at the lemma array
        tok = f.doc[i]
        if tok.pos_ not in ("VERB", "AUX") or _said_no(tok):
            continue
        for n in tok.children:
            if n.dep_ != "dobj" or n.lemma_.lower() not in CLAIM_NOUNS:
                continue
            accuser = next((c for c in n.children if c.dep_ == "poss"), None)
            if accuser is None:
                by = next((c for c in n.children if c.dep_ == "prep" and c.lower_ == "by"), None)
                accuser = next((p for p in by.children if p.dep_ == "pobj"), None) if by is not None else None
            deniers = f._sources(tok, tok)
            accusers = f._actors_of(accuser) if accuser is not None else []
            if not deniers or not accusers or deniers[0] == accusers[0]:
                continue
            start, end = tok.idx, tok.idx + len(tok.text)
            outer = f._quote_at(start, end)
            sent = tok.sent
            out.append(EventRecord(
                category="REJECT", trigger=tok.text, trigger_start=start, trigger_end=end,
                start=sent.start_char, end=sent.end_char, source=deniers[0], target=accusers[0],
                mode=None, cameo="120", polarity=-1,
                claimed_by=outer.speaker if outer is not None else None,
                quote=outer.id if outer is not None else None))
    return out
