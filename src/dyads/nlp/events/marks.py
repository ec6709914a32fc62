"""Negation and modality of an act, read from the parse around its trigger.

    negated(tok, verb)    # "did not attack", "no massacres have been committed", "carried out no attacks"
    modality(tok, verb)   # "asserted", "hypothetical" ("could attack"), "future" ("will attack"),
                          # "demanded" ("urged them to withdraw")
"""
from __future__ import annotations

from typing import Optional

from spacy.tokens import Token

from .words import (ASKING, CONDITIONALS, EXPECTING, FINITE_TAGS, MODALS_FUTURE, MODALS_HYPOTHETICAL, REPORTING_FUTURE, STOPPING_VERBS,
                    TELLING, UNABLE, WANTING)


def main_clause(v: Token) -> bool:
    """Is this the sentence's own predicate, or what its reporting verb reports?"""
    t = v
    for _ in range(3):
        if t.dep_ == "ROOT":
            return True
        if t.dep_ in ("ccomp", "conj") and t.head.i != t.i:
            t = t.head
            continue
        return False
    return False


def reported_clause(comp: Token) -> bool:
    """A tensed clause under an asking verb reports what is so ("told me that Russia bombed the
    village", "told me the village was bombed"); only an infinitive ("told the army to withdraw")
    or a bare subjunctive ("demanded that Israel withdraw") is the act asked for; and only a verb
    of telling reports ("demanded the army withdraws" asks, whatever its tense)."""
    if comp.head.lemma_.lower() not in TELLING:
        return False
    if comp.dep_ != "ccomp" or any(c.dep_ == "aux" and c.lower_ == "to" for c in comp.children):
        return False
    return comp.tag_ in FINITE_TAGS or any(c.dep_ in ("aux", "auxpass") and c.tag_ in FINITE_TAGS
                                           for c in comp.children)


def negated(tok: Token, verb: Optional[Token], trigger: tuple = ()) -> bool:
    v = verb if verb is not None else tok
    if v.dep_ == "xcomp" and v.head.lemma_.lower() in UNABLE:
        return True  # "unable to reach the town"
    for t in (tok, verb):
        if t is None:
            continue
        for c in t.children:
            if c.dep_ == "neg" or c.lower_ in ("never",) and c.dep_ in ("advmod", "neg"):
                return True
            if c.dep_ in ("nsubj", "nsubjpass", "dobj") and any(g.lower_ == "no" and g.dep_ == "det" for g in c.children):
                if c is tok or t is tok and c.dep_ == "nsubjpass" or c.i == tok.i:
                    return True
                if c.dep_ == "dobj" and c.i in trigger:
                    return True  # "carried out no attacks": the act is the light verb's object
            if c.dep_ == "dobj" and _no_more(c):
                return True  # "is sending no more arms to X": what is no longer given is not given
        if tok.pos_ == "NOUN" and any(c.lower_ == "no" and c.dep_ == "det" for c in tok.children):
            return True
    return False


def modality(tok: Token, verb: Optional[Token]) -> str:
    v = verb if verb is not None else tok
    if stray_asked(v):
        return "demanded"
    if expected(tok):
        return "hypothetical"  # not "future": the expecting side does not promise the act
    t = v
    for depth in range(5):
        for c in t.children:
            if c.dep_ in ("aux", "auxpass"):
                low = c.lower_
                if low == "would" and t.dep_ == "ccomp" and t.head.lemma_.lower() in REPORTING_FUTURE:
                    return "future"  # "said they would boycott": the future of a report
                if low in MODALS_HYPOTHETICAL:
                    return "hypothetical"
                if low in MODALS_FUTURE or low == "wo":
                    return "future"
            if c.dep_ == "mark" and c.lower_ in CONDITIONALS:
                return "hypothetical"
        if t.dep_ in ("xcomp", "ccomp", "advcl") and t.head.i != t.i:
            head = t.head
            lemma = head.lemma_.lower()
            if lemma in ASKING and not reported_clause(t):
                return "demanded"
            if lemma in WANTING:
                return "hypothetical"
            if lemma in STOPPING_VERBS:
                return "demanded" if under_asking(head) else "asserted"
            t = head
            continue
        if t.dep_ == "conj" and t.head.i != t.i and not _has_subject(t):
            t = t.head  # "urged the UK to stand by it and recognise the state": the conjunct is asked too
            continue
        break
    return "asserted"


def _no_more(obj: Token) -> bool:
    """ "no more arms", "no further troops": the object counted down to nothing."""
    return any(a.dep_ == "amod" and a.lower_ in ("more", "further", "additional", "longer")
               and any(g.lower_ == "no" and g.dep_ in ("neg", "det", "advmod") for g in a.children)
               or a.lower_ == "no" and a.dep_ in ("neg", "det") and a.i + 1 < len(obj.doc)
               and obj.doc[a.i + 1].lower_ in ("more", "further", "additional", "longer")
               for a in obj.children)


def expected(tok: Token) -> bool:
    """An act named as what a side expects or braces for ("expects an attack", "braced for a
    strike") has not happened."""
    if tok.pos_ != "NOUN":
        return False
    gov = tok.head
    if tok.dep_ == "pobj" and gov.dep_ == "prep":
        gov = gov.head
    elif tok.dep_ != "dobj":
        return False
    return gov.pos_ in ("VERB", "AUX") and gov.lemma_.lower() in EXPECTING


def _has_subject(v: Token) -> bool:
    return any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in v.children)


def stray_asked(v: Token) -> bool:
    """A bare verb the parser hung on the main verb as a conjunct although it follows an asking verb
    and its object: "held a rally to demand the UK recognise the state" (recognise under "held").
    The main verb is tensed, the conjunct bare and subjectless: it is the act asked for."""
    if v.dep_ != "conj" or v.tag_ not in ("VB", "VBP") or _has_subject(v):
        return False
    head = v.head
    if head.i == v.i or head.tag_ not in ("VBD", "VBZ", "VBN") or head.lemma_.lower() in ASKING:
        return False
    for a in v.doc[head.i + 1:v.i]:
        if a.pos_ == "VERB" and a.lemma_.lower() in ASKING and a.head.i == head.i and a.dep_ in ("advcl", "xcomp", "acl", "ccomp") \
                and any(c.dep_ in ("dobj", "dative") for c in a.children):
            return True
    return False


def unless(v: Token) -> bool:
    return any(c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ == "unless" for m in c.children)
               for c in v.children)


def under_asking(t: Token) -> bool:
    for _ in range(3):
        if t.dep_ not in ("xcomp", "ccomp") or t.head.i == t.i:
            return False
        comp, t = t, t.head
        if t.lemma_.lower() in ASKING:
            return not reported_clause(comp)
    return False
