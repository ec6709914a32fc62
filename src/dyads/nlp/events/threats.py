"""Warnings of retaliation: a speaker who announces an answer to an actor's acts threatens that actor.

    threats(f)   # "the general warned that Caracas would respond to any Colombian strikes":
                 # THREATEN general -> Colombia
"""
from __future__ import annotations

from typing import Optional

from spacy.tokens import Token

from ... import kb
from ..doc import EventRecord
from ..doctext import token_strings
from .marks import negated

WARNING_VERBS = kb.words("speech", "warning_verbs")
RETALIATING = kb.words("speech", "retaliating")
ANNOUNCING = kb.words("speech", "announcing_modals")
ANSWERED = kb.words("speech", "answered_preps")
CONDITIONS = kb.words("speech", "condition_marks")
THREATENING = kb.words("speech", "conditional_threats")


def answer(tok: Token) -> Optional[Token]:
    """The retaliation a warning verb announces: a clause of its ("warned that they would
    respond", "vowed to retaliate") whose verb answers in kind, announced by a modal when tensed."""
    for c in tok.children:
        if c.dep_ not in ("ccomp", "xcomp") or c.lemma_.lower() not in RETALIATING:
            continue
        if c.dep_ == "ccomp" and not any(a.dep_ == "aux" and a.lower_ in ANNOUNCING for a in c.children):
            continue
        if negated(c, None):
            continue
        return c
    return None


def answered(f, verb: Token) -> list[str]:
    """The actors an announced answer is aimed at: those named in what it answers ("respond to
    any Colombian strikes", "retaliate against the rebels")."""
    out: list[str] = []
    for p in verb.children:
        if p.dep_ != "prep" or p.lower_ not in ANSWERED:
            continue
        for x in p.subtree:
            a = f.actor_at.get(x.i)
            if a is not None and a not in out:
                out.append(a)
    return out


def conditioned(f, tok: Token) -> list[str]:
    """Whom a threat is aimed at by its condition: the actor subject of an "if"/"unless" clause of
    the threatening verb or of the act it threatens ("threatened to leave the talks if Y deploys
    its missiles")."""
    heads = [tok] + [c for c in tok.children if c.dep_ in ("xcomp", "ccomp")]
    out: list[str] = []
    for h in heads:
        for c in h.children:
            if c.dep_ != "advcl" or not any(m.dep_ == "mark" and m.lower_ in CONDITIONS for m in c.children):
                continue
            for s in c.children:
                a = f.actor_at.get(s.i) if s.dep_ == "nsubj" else None
                if a is not None and a not in out:
                    out.append(a)
    return out


def threats(f) -> list[EventRecord]:
    """THREATEN from who warns of a retaliation to whom it answers (in the voice of the quote
    around the warning, if any)."""
    from .reports import cue_speaker

    out = []
    for i, lemma in enumerate(token_strings(f.doc, "LEMMA")):
        if lemma.lower() not in WARNING_VERBS:
            continue  # most words: one look at the lemma array
        tok = f.doc[i]
        if tok.pos_ != "VERB" or negated(tok, None):
            continue
        verb = answer(tok)
        aimed = answered(f, verb) if verb is not None else []
        if tok.lemma_.lower() in THREATENING:
            aimed += conditioned(f, tok)
        if not aimed:
            continue
        sources = f._sources(tok, tok) or ([cue_speaker(f, tok)] if cue_speaker(f, tok) else [])
        if not sources and verb is not None:
            sources = f._sources(verb, verb)
        targets = list(dict.fromkeys(t for t in aimed if t not in sources))
        if not sources or not targets:
            continue
        start, end = tok.idx, tok.idx + len(tok.text)
        outer = f._quote_at(start, end)
        sent = tok.sent
        for t in targets:
            out.append(EventRecord(
                category="THREATEN", trigger=tok.text, trigger_start=start, trigger_end=end,
                start=sent.start_char, end=sent.end_char, source=sources[0], target=t,
                cameo="130", polarity=-1,
                claimed_by=outer.speaker if outer is not None else None,
                quote=outer.id if outer is not None else None))
    return out
