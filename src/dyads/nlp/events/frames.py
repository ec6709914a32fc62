"""The parts of a verb's parse the trigger entries look at, and the token helpers the verb matcher
(`matcher.py`), the target slots (`targets.py`) and the noun matcher (`nouns.py`) share; and the
frames of an act's sides the participants read: "between X and Y", "received X from Y", and
whether conjoined sides act on each other (`mutual`).
"""
from __future__ import annotations

from typing import Optional

from spacy.tokens import Token

from ... import kb
from ...kb.names import singular
from .lexicon import ACTOR_ENTS, COMPLEMENT_DEPS, MOD_DEPS, MUST, OBJ_DEPS, PREP_DEPS, QUANTITY
from .words import people_noun

# verbs whose subject gets what a trigger names ("received support from X": X gives), the acts so
# given, and the prepositions of the giver
RECEIVING_VERBS = kb.words("alignments", "receiving_verbs")
GIVEN_CATEGORIES = kb.words("alignments", "given_categories")
GIVER_PREPS = kb.words("alignments", "giver_preps")
# verbs of an act two conjoined sides do to each other ("X and Y exchanged fire")
RECIPROCAL_VERBS = kb.words("alignments", "reciprocal_verbs")
# acts conjoined sides do with each other: whatever their object ("X and Y agreed on a pact"); unless
# the verb has an object of its own ("X and Y welcomed the deal"); only with no object at all
MUTUAL_CATEGORIES = kb.words("alignments", "mutual_categories")
MUTUAL_UNLESS_OBJECT = kb.words("alignments", "mutual_unless_object")
MUTUAL_WITHOUT_OBJECT = kb.words("alignments", "mutual_without_object")
# "fighting between X and Y": both sides of the act
BETWEEN_PREPS = kb.words("alignments", "between_preps")


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


def between_object(tok: Token) -> Optional[Token]:
    """The object of "between" after a trigger with no subject of its own ("fighting between X and
    Y", "clashes between X, Y and Z"); "X mediated between Y and Z" is X's act, and gives None."""
    if any(c.dep_ in ("nsubj", "nsubjpass") for c in tok.children):
        return None
    for c in tok.children:
        if c.dep_ == "prep" and c.lower_ in BETWEEN_PREPS:
            return _pobj(c)
    return None


def giver_object(tok: Token, verb: Optional[Token], category: str) -> Optional[tuple]:
    """(the giver's phrase, the receiving verb) of "Syria received support from Moscow": a trigger
    that is a verb of receiving or its object, for an act that is given (aid, support); "received a
    mission from X" (letting it in) is the receiver's own act."""
    v = verb if tok.pos_ == "NOUN" else tok
    if v is None or category not in GIVEN_CATEGORIES or v.lemma_.lower() not in RECEIVING_VERBS or \
            (tok.i != v.i and tok.head.i != v.i):
        return None
    for owner in [v] + [c for c in v.children if c.dep_ == "dobj"]:
        for c in owner.children:
            if c.dep_ == "prep" and c.lower_ in GIVER_PREPS:
                p = _pobj(c)
                if p is not None:
                    return p, v
    return None


def mutual(tok: Token, verb: Optional[Token], hit, category: str) -> bool:
    """Do conjoined sides, with no one else named, do the act with each other? An agreement, a
    meeting or cooperation whatever its object ("the United States and Jordan agreed on a pact");
    support unless the verb has an object of its own ("signed a treaty" is mutual, "welcomed the
    deal" is each one's); a rejection only with no object at all ("vetoed the plan" is each one's);
    an act of the reciprocal verbs ("X and Y have been exchanging fire"). Never when the object is
    people ("recruited combatants" has someone at the other end)."""
    v = verb if verb is not None else tok
    if any(c.i not in hit.tokens and people_noun(c) for _, c in (hit.candidates or ())):
        return False
    objects = [c for c in v.children if c.dep_ in ("dobj", "ccomp", "xcomp")]
    return category in MUTUAL_CATEGORIES or v.lemma_.lower() in RECIPROCAL_VERBS or \
        category in MUTUAL_UNLESS_OBJECT and all(c.i in hit.tokens for c in objects) or \
        category in MUTUAL_WITHOUT_OBJECT and not objects and not hit.candidates
