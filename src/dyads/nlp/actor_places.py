"""Countries (and other places) the article names only as places: not actors.

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
from ..kb.names import place_key
from .doc import ActorInfo
from .mentions import Cand

# prepositions whose object is where something is or goes ("in Syria", "across Lebanon")
LOCATING_PREPS = kb.words("actor_places", "locating_preps")
# nouns of a country's ground ("Syria's capital", "the border with Lebanon")
GROUND_NOUNS = kb.words("actor_places", "ground_nouns")
# participles whose hyphened name is where something is ("Britain-based", "Israel-bound"), not
# who acts ("Iran-backed", "Togo-led": the country backs, leads)
PLACING_PARTICIPLES = kb.words("actor_places", "placing_participles")
# adjectives whose "to"/"with" object is a yardstick ("similar in size to X")
COMPARISON_ADJECTIVES = kb.words("actor_places", "comparison_adjectives")
# dashes that end a dateline ("Harwick, Northland — ...")
DATELINE_DASHES = {"\u2014", "\u2013", "--"}
# the types the entity recogniser's guess gives a place it mistook for an actor (country: a place
# the gazetteer knows that the recogniser took for a person, typed so by mentions.type_entity)
GUESSED_TYPES = {"person", "organization", "company", "community", "country"}


def only_a_place(doc: Doc, a: ActorInfo) -> bool:
    """Is `a` a known country, or a name the gazetteer knows as a place ("Nalchik", "Jenin" the
    model took for an organisation or a person), whose every mention names it only as a place?"""
    named = [c for c in a.cands if c.kind != "pronoun"]
    if not named:
        return False
    if a.entry is not None:
        if a.type != "country" or a.entry.type != "country":
            return False
        return all(_placed(doc, c) for c in named)
    if a.synthetic or a.type not in GUESSED_TYPES or any(c.kind not in ("ner", "name") for c in named):
        return False
    if not all(_placed(doc, c) or _dateline(doc, c) for c in named):
        return False
    return any(_named_a_place(doc, c) or _dateline(doc, c) for c in named) or _known_place(a.name)


def _named_a_place(doc: Doc, c: Cand) -> bool:
    """'the town of Harwick', 'the Harwick camp': a noun of ground says the name is a place's."""
    tok = doc[c.start : c.end].root
    if tok.dep_ == "pobj" and tok.head.lower_ == "of" and tok.head.head.lemma_.lower() in GROUND_NOUNS:
        return True
    return tok.dep_ == "compound" and tok.head.lemma_.lower() in GROUND_NOUNS


def _dateline(doc: Doc, c: Cand) -> bool:
    """'Harwick, Northland — As soon as ...': the place an article is filed from, at its start."""
    if c.start > 0 and "\n" not in doc[c.start - 1].text_with_ws and not doc[c.start - 1].is_space:
        return False
    for t in doc[c.end : c.end + 6]:
        if t.text in DATELINE_DASHES:
            return True
        if not (t.is_punct or (t.text[:1].isupper() and t.pos_ == "PROPN")):
            return False
    return False


def _known_place(name: str) -> bool:
    from .places.gazetteer import gazetteer  # loaded once per process; asked only of names placed so

    return bool(gazetteer().candidates(place_key(name)))


def _placed(doc: Doc, c: Cand) -> bool:
    """Does this mention name the country as a place (or as an adjective of something else)?"""
    if c.role == "government" or c.kind == "desc":
        return False  # a capital acting, a description resolved to it
    tok = doc[c.start : c.end].root
    for _ in range(4):  # "in Iraq and Syria", "in Beirut, Lebanon": as the first of them
        if tok.dep_ in ("conj", "appos") and tok.head.i != tok.i:
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
    if dep == "pobj" and head.lower_ in ("to", "with") and head.head.lemma_.lower() in COMPARISON_ADJECTIVES:
        return True  # "an area similar in size to Haiti": a yardstick
    if dep == "poss" and head.lemma_.lower() in GROUND_NOUNS:
        return True  # "Qatar's capital"
    if dep == "compound" and head.lemma_.lower() in GROUND_NOUNS:
        return True  # "the Jenin camp"
    if dep == "compound" and head.pos_ == "PROPN" and not _dashed(tok, head):
        return True  # "Jordan Valley": part of a longer name (not "Armenia-Azerbaijan": a pair)
    return False


def _dashed(a: Token, b: Token) -> bool:
    """Two names joined by a dash ("Armenia-Azerbaijan"): a pair of sides, not one longer name."""
    lo, hi = sorted((a.i, b.i))
    return hi - lo == 2 and a.doc[lo + 1].text in ("-", "\u2013", "\u2014", "/")
