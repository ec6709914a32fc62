"""Countries the article names only as places: not actors.

A country is an actor when it does something or something is done to it ("Jordan closed its
border", "talks with Egypt", "Iran's proposal"). Named only as where things happen or where
things are ("killed in Syria", "the border with Lebanon", "Qatar's capital", "Britain-based",
the "Jordan" of "Jordan Valley"), it is a place, which the places component records, and no
actor. Its adjective ("Syrian pilgrims", "the Australian proposal") still names it: whose
proposal it is can be the country's. Pure functions over a Doc and the
resolver's `ActorInfo`s.
"""
from __future__ import annotations

from spacy.tokens import Doc, Token

from .. import kb
from .doc import ActorInfo
from .mentions import Cand

# prepositions whose object is where something is or goes ("in Syria", "across Lebanon")
LOCATING_PREPS = kb.words("actor_places", "locating_preps")
# nouns of a country's ground ("Syria's capital", "the border with Lebanon")
GROUND_NOUNS = kb.words("actor_places", "ground_nouns")
# participles whose hyphened name is where something is ("Britain-based", "Israel-bound"), not
# who acts ("Iran-backed", "Togo-led": the country backs, leads)
PLACING_PARTICIPLES = kb.words("actor_places", "placing_participles")


def only_a_place(doc: Doc, a: ActorInfo) -> bool:
    """Is `a` a known country whose every mention names it only as a place?"""
    if a.type != "country" or a.entry is None or a.entry.type != "country":
        return False
    named = [c for c in a.cands if c.kind != "pronoun"]
    return bool(named) and all(_placed(doc, c) for c in named)


def _placed(doc: Doc, c: Cand) -> bool:
    """Does this mention name the country as a place (or as an adjective of something else)?"""
    if c.role == "government" or c.kind == "desc":
        return False  # a capital acting, a description resolved to it
    tok = doc[c.start : c.end].root
    for _ in range(4):  # "in Iraq and Syria", "in Beirut, Lebanon": as the first of them
        if tok.dep_ in ("conj", "appos") and tok.head is not tok:
            tok = tok.head
        else:
            break
    return _placed_token(tok)


def _placed_token(tok: Token) -> bool:
    dep, head = tok.dep_, tok.head
    if dep == "npadvmod":
        return head.lemma_.lower() in PLACING_PARTICIPLES or head.lower_ in PLACING_PARTICIPLES
        # "Britain-based", "Israel-bound" are places; "Iran-backed", "Togo-led" name who acts
    if dep == "pobj" and head.lower_ in LOCATING_PREPS:
        return True  # "killed in Syria", "between Jordan and Egypt"
    if dep == "pobj" and head.head.lemma_.lower() in GROUND_NOUNS:
        return True  # "the border with Lebanon"
    if dep == "poss" and head.lemma_.lower() in GROUND_NOUNS:
        return True  # "Qatar's capital"
    if dep == "compound" and head.pos_ == "PROPN" and not _dashed(tok, head):
        return True  # "Jordan Valley": part of a longer name (not "Armenia-Azerbaijan": a pair)
    return False


def _dashed(a: Token, b: Token) -> bool:
    """Two names joined by a dash ("Armenia-Azerbaijan"): a pair of sides, not one longer name."""
    lo, hi = sorted((a.i, b.i))
    return hi - lo == 2 and a.doc[lo + 1].text in ("-", "\u2013", "\u2014", "/")
