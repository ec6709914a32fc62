"""The parts of a verb's parse the trigger entries look at, and the token helpers the verb matcher
(`matcher.py`), the target slots (`targets.py`) and the noun matcher (`nouns.py`) share.
"""
from __future__ import annotations

from typing import Optional

from spacy.tokens import Token

from ...kb.names import singular
from .lexicon import ACTOR_ENTS, COMPLEMENT_DEPS, MOD_DEPS, MUST, OBJ_DEPS, PREP_DEPS, QUANTITY


def _keys(tok: Token) -> tuple:
    low = tok.lower_
    lem = tok.lemma_.lower()
    return (lem, low, singular(low)) if lem != low else (lem, singular(low))


class _Frame:
    """The parts of a verb's parse the entries look at, read once per verb."""

    __slots__ = ("verb", "children", "prt", "dobjs", "comps", "preps", "passive", "subjpass", "xcomp", "ccomp")

    def __init__(self, verb: Token):
        self.verb = verb
        self.children = list(verb.children)
        self.prt = None
        self.dobjs: list[Token] = []
        self.comps: list[Token] = []
        self.preps: list[Token] = []
        self.passive = False
        self.subjpass = None
        self.xcomp = None
        self.ccomp = None
        for c in self.children:
            d = c.dep_
            if d == "prt":
                self.prt = c
            elif d in OBJ_DEPS:
                self.dobjs.append(c)
            elif d in PREP_DEPS:
                if d == "dative" and c.pos_ in ("NOUN", "PROPN", "PRON"):
                    self.comps.append(c)
                else:
                    self.preps.append(c)
            elif d == "nsubjpass":
                self.subjpass = c
                self.passive = True
            elif d == "auxpass":
                self.passive = True
            elif d == "xcomp":
                if c.pos_ in ("VERB", "AUX"):
                    self.xcomp = c
                else:
                    self.comps.append(c)
                    # "is willing to withdraw": the adjective's own complement
                    for g in c.children:
                        if g.dep_ == "xcomp" and self.xcomp is None:
                            self.xcomp = g
            elif d == "ccomp":
                if c.pos_ in ("VERB", "AUX"):
                    self.ccomp = c
                else:
                    self.comps.append(c)
            elif d == "advcl" and self.xcomp is None and c.pos_ in ("VERB", "AUX") and \
                    any(g.dep_ == "aux" and g.lower_ == "to" for g in c.children) and \
                    not any(g.dep_ in ("nsubj", "mark") for g in c.children):
                self.xcomp = c  # "have sworn to fight" parsed as an adverbial clause
            elif d in COMPLEMENT_DEPS:
                self.comps.append(c)
                if d == "acomp":
                    for g in c.children:
                        if g.dep_ == "xcomp" and self.xcomp is None:
                            self.xcomp = g


def _pobj(prep: Token) -> Optional[Token]:
    for c in prep.children:
        if c.dep_ == "pobj":
            return c
    for c in prep.children:
        if c.dep_ == "pcomp":
            return c
    return None


def _find_prep(name: str, owners: list, skip: Optional[Token] = None) -> Optional[tuple]:
    """(prep token, its object) of the first preposition `name` under one of `owners`."""
    for o in owners:
        if o is None:
            continue
        for c in o.children:
            if c.dep_ in PREP_DEPS and c.lower_ == name:
                p = _pobj(c)
                if p is not None and p != skip:
                    return c, p
    return None


def _matches_noun(tok: Token, words: frozenset) -> bool:
    for k in _keys(tok):
        if k in words:
            return True
    return False


def _mods_ok(noun: Token, groups: tuple) -> bool:
    if not groups:
        return True
    have = set()
    for c in noun.children:
        if c.dep_ in MOD_DEPS or c.dep_ == "det":
            have.add(c.lower_)
            have.add(c.lemma_.lower())
    # hyphenated or fused forms the tokenizer kept whole ("air-strike" heads have no children)
    return all(have & g for g in groups)


def _owner(noun: Optional[Token]) -> Optional[tuple]:
    """Who a noun belongs to: "Serbia's suppression", "an Indian proposal", "calls by Belarus"."""
    if noun is None:
        return None
    for c in noun.children:
        if c.dep_ == "poss":
            return "poss", c
    for c in noun.children:
        if c.dep_ in ("compound", "amod", "nmod") and (c.pos_ == "PROPN" or c.ent_type_ in ACTOR_ENTS):
            return "modifier", c
    for c in noun.children:
        if c.dep_ in ("prep", "agent") and c.lower_ in ("by", "from"):
            p = _pobj(c)
            if p is not None:
                return c.lower_, p
    return None


def _span(trig: set, anchor: int) -> tuple:
    """The contiguous words of the trigger around its verb (or noun): the trigger's tokens joined while
    they lie within four words of each other, so that "defended Iraq on Friday against criticism" gives
    "defended", and "offered financial support" stays whole."""
    idx = sorted(trig)
    start = end = anchor
    for i in sorted((i for i in idx if i > anchor)):
        if i - end <= 4:
            end = i
        else:
            break
    for i in sorted((i for i in idx if i < anchor), reverse=True):
        if start - i <= 4:
            start = i
        else:
            break
    return start, end + 1


def _heads(c: Token) -> list:
    """The nouns an object slot offers: itself, its conjuncts, and the "of" object of a quantity
    ("thousands of fighters")."""
    out = [c]
    for cc in c.children:
        if cc.dep_ == "conj":
            out.append(cc)
    if c.lemma_.lower() in QUANTITY or c.lower_ in QUANTITY or c.like_num or \
            any(x.dep_ == "nummod" for x in c.children):
        fp = _find_prep("of", [c])
        if fp is not None:
            out.append(fp[1])
            out.extend(cc for cc in fp[1].children if cc.dep_ == "conj")
    return out


def _must_clause(f: _Frame) -> bool:
    c = f.ccomp
    if c is None:
        return False
    return any(a.dep_ == "aux" and a.lower_ in MUST for a in c.children)
