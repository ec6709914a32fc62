"""Asking for a hostile act: the asker disapproves of the act's target.

    hostile_requests(f)   # "Peru urged Brazil to impose sanctions on Chile": ACCUSE Peru -> Chile
                          # "Peru asked the tribes to stop fighting alongside Chile": ACCUSE Peru -> Chile

PLOVER codes a call for punitive measures against Y as the caller's disapproval of Y; the asked
act itself stays demanded (not asserted) and the request to the one asked stays a REQUEST.
"""
from __future__ import annotations

from typing import Iterator

from spacy.tokens import Token

from ... import kb
from ..doc import EventRecord
from ..doctext import token_strings
from .marks import negated

ASKING = kb.words("speech", "asking_hostility")
HOSTILE_ASKED = kb.words("speech", "hostile_asked")
TARGET_RULES = kb.words("speech", "asked_target_rules")
EXPECTING = kb.words("speech", "expecting_demands")
CEASING = kb.words("speech", "ceasing_verbs")
SIDING = kb.words("speech", "siding_preps")
STEPS = kb.words("stance_acts", "step_nouns")


def asked_acts(tok: Token) -> Iterator[Token]:
    """The verbs of what an asking verb asks for: its clause ("urged Z to impose ..."), and the
    acts conjoined with it ("to show resolve and stand up to Y")."""
    for c in tok.children:
        if c.dep_ in ("xcomp", "ccomp") or (c.dep_ == "advcl" and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)):
            yield c
            yield from (x for x in c.conjuncts)
            yield from steps_to(c)


def steps_to(c: Token) -> Iterator[Token]:
    """"to take steps to isolate Y": the act the steps are taken to do."""
    steps = [o for o in c.children if o.dep_ == "dobj" and o.lemma_.lower() in STEPS] if c.lemma_.lower() == "take" else []
    for x in (x for h in [c] + steps for x in h.children):  # on "take" or, as the parser may hang it, on "steps"
        if x.dep_ in ("advcl", "xcomp", "relcl", "acl") and steps and any(a.lower_ == "to" for a in x.children):
            yield x


def sided_with(act: Token) -> list[Token]:
    """"to stop fighting alongside Y": Y, whose side the asked-for stop leaves (the object of a
    siding preposition on the act a verb of ceasing stops)."""
    if act.lemma_.lower() not in CEASING:
        return []
    out = []
    for ceased in act.children:
        if ceased.dep_ in ("xcomp", "dobj", "pcomp") and ceased.tag_ in ("VBG", "NN"):
            for p in ceased.children:
                if p.dep_ == "prep" and p.lower_ in SIDING:
                    out += [o for o in p.children if o.dep_ == "pobj"]
    return out


def hostile_requests(f) -> list[EventRecord]:
    """ACCUSE from who asks for a hostile act (in f.hits) to the act's target."""
    from .reports import cue_speaker

    out = []
    for i, lemma in enumerate(token_strings(f.doc, "LEMMA")):
        if lemma.lower() not in ASKING:
            if lemma.lower() in EXPECTING:
                out.extend(expectation(f, f.doc[i]))
            continue  # most words: one look at the lemma array
        tok = f.doc[i]
        if tok.pos_ != "VERB" or negated(tok, None):
            continue
        sources = None
        for act in asked_acts(tok):
            hit = f.hits.get(act.i)
            left = [] if negated(act, None) else sided_with(act)
            if not left and (hit is None or hit.category not in HOSTILE_ASKED or hit.target is None
                             or hit.target_rule not in TARGET_RULES or negated(act, None)):
                continue
            if sources is None:
                sources = f._sources(tok, tok) or ([cue_speaker(f, tok)] if cue_speaker(f, tok) else [])
            opposed = [a for o in left for a in f._actors_of(o)] if left else f._actors_of(hit.target)
            targets = [t for t in opposed if t not in sources]
            if not sources or not targets:
                continue
            start, end = tok.idx, tok.idx + len(tok.text)
            outer = f._quote_at(start, end)
            for t in targets:
                out.append(EventRecord(
                    category="ACCUSE", trigger=tok.text, trigger_start=start, trigger_end=end,
                    start=tok.sent.start_char, end=tok.sent.end_char, source=sources[0], target=t,
                    mode="allege", cameo="111", polarity=-1,
                    claimed_by=outer.speaker if outer is not None else None,
                    quote=outer.id if outer is not None else None))
    return out


def expectation(f, tok: Token) -> list[EventRecord]:
    """"X expects Y to protect its citizens": a REQUEST from X to Y when the act expected of Y is
    a friendly one (polarity above zero in the trigger lexicon); "expects Y to attack" foresees."""
    if tok.pos_ != "VERB" or negated(tok, None):
        return []
    act = next((c for c in tok.children if c.dep_ in ("xcomp", "ccomp") and c.i > tok.i), None)
    if act is None or not any(a.dep_ == "aux" and a.lower_ == "to" for a in act.children):
        return []  # "expects Y to ...", not "expects that Y will ..." (a forecast)
    obj = next((c for c in list(tok.children) + list(act.children)
                if c.dep_ in ("dobj", "nsubj") and tok.i < c.i < act.i), None)
    hit = f.hits.get(act.i) if act is not None else None
    if obj is None or hit is None or hit.polarity <= 0:
        return []
    # a named party expects (not "analysts expect ...", who foresee)
    sources = [a for a in f._sources(tok, tok) if a in f.actors and not f.actors[a].synthetic]
    targets = [t for t in f._actors_of(obj) if t not in sources]
    if not sources or not targets:
        return []
    start, end = tok.idx, tok.idx + len(tok.text)
    outer = f._quote_at(start, end)
    return [EventRecord(
        category="REQUEST", trigger=tok.text, trigger_start=start, trigger_end=end,
        start=tok.sent.start_char, end=tok.sent.end_char, source=sources[0], target=t,
        cameo="10", polarity=0, claimed_by=outer.speaker if outer is not None else None,
        quote=outer.id if outer is not None else None) for t in targets]
