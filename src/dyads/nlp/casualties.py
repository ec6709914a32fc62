"""What a number of people counts in casualty and displacement reports, and whose they are.

    "the strikes killed seven people"        -> counts "people killed"
    "seven villagers were killed"            -> counts "villagers killed"
    "12 civilians killed in the raid"        -> counts "civilians killed"
    "some 300 people fled"                   -> counts "people fled"
    "the shelling killed 20"                 -> unit people, counts "people killed"
    "displaced 10,000 residents of <town>"   -> subject: the actor the residents belong to
    "detained 40 <demonym plural>"           -> unit people (an actor's people, harmed)

The verbs are data (kb/grammar/casualties.yaml). The subject is the victims' side: an
actor named in the counted noun phrase, or the one its people belong to ("of"/"from"),
never the perpetrator.
"""
from __future__ import annotations

from typing import Optional

from .. import kb
from .number_words import Found

HARM = kb.table("casualties", "harm_verbs")
INTRANSITIVE = kb.table("casualties", "intransitive_harm_verbs")
BELONGING = kb.words("casualties", "belonging_prepositions")
PERSONS = kb.words("casualties", "person_nouns")
ADJECTIVES = kb.words("casualties", "casualty_adjectives")
TOLLS = kb.words("casualties", "toll_nouns")
INCLUDING = kb.words("casualties", "inclusion_prepositions")


def harm_participle(tok, depth: int = 0) -> Optional[str]:
    """The participle of what happened to the people a token names, from its place in the
    parse: object or passive subject of a harm verb, subject of an intransitive one,
    modified by a participle ("civilians killed in the raid"), or part of such a group
    ("twelve people, including four children, were killed")."""
    head = tok.head
    if tok.dep_ == "pobj" and head.lower_ in INCLUDING and head.head.pos_ in ("NOUN", "PROPN", "NUM") and depth < 2:
        return harm_participle(head.head, depth + 1)
    if tok.dep_ in ("dobj", "nsubjpass") and head.lemma_ in HARM and head.pos_ in ("VERB", "AUX"):
        return HARM[head.lemma_]
    if tok.dep_ == "nsubj" and head.lemma_ in INTRANSITIVE:
        return INTRANSITIVE[head.lemma_]
    if tok.dep_ == "nsubj" and head.lemma_ in HARM and any(c.dep_ == "auxpass" for c in head.children):
        return HARM[head.lemma_]
    for c in tok.children:
        if c.dep_ == "acl" and c.tag_ == "VBN" and c.lemma_ in HARM:
            return HARM[c.lemma_]
    if tok.pos_ == "NUM":
        nxt = tok.nbor(1) if tok.i + 1 < len(tok.doc) else None
        if nxt is not None and nxt.lower_ in ADJECTIVES:
            return nxt.lower_  # "left 12 dead"
        if _toll(tok):
            return "killed"
    return None


def _toll(tok) -> bool:
    """'the death toll rose to 45', 'a toll of 12', 'the toll is 30'."""
    x = tok.head if tok.dep_ == "pobj" else tok
    h = x.head
    if h.lemma_ in TOLLS:
        return True
    return h.pos_ in ("VERB", "AUX") and any(c.dep_ == "nsubj" and c.lemma_ in TOLLS for c in h.children)


def _phrase_token(parse, f: Found):
    """The token that stands for the counted people in the clause: the counted noun when the
    number modifies one, the vague word or the number itself otherwise."""
    t, h = parse._noun_after(f.num_end)
    if h is not None:
        return h
    if f.kind == "vague":
        return parse.tok(f.num_end - 1)
    return t


def _counted_noun(tok, f: Found):
    """The noun counted: the phrase token, or the object of "of" after a vague word."""
    if f.kind == "vague":
        of = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        obj = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
        if obj is not None:
            return obj
    return tok


def count_people(parse, f: Found) -> None:
    """Complete `counts` (and the unit of a bare number or of a plural naming an actor's
    people) for a number of people harmed or displaced."""
    tok = _phrase_token(parse, f)
    if tok is None:
        return
    participle = harm_participle(tok)
    if f.unit not in (None, "count", "people"):
        noun = _counted_noun(tok, f)
        if participle is not None and noun.i in parse.actors and f.unit.lower() in (noun.text.lower(), noun.lemma_.lower()):
            f.unit = "people"  # "killed seven Freedonians", "displaced thousands of Rohingya": an actor's people
        elif not (participle and f.counts and noun.lemma_.lower() in PERSONS):
            return  # "three journalists detained" keeps its unit; "tanks captured" is no casualty
    if participle is None:
        return
    if f.unit in (None, "count"):
        if f.counts or tok.pos_ != "NUM":
            return
        f.unit = "people"  # "the shelling killed 20"
    f.counts = f"{f.counts or 'people'} {participle}"


def victims_side(parse, f: Found) -> Optional[str]:
    """The actor whose people a casualty count counts: named in the counted noun phrase,
    else the one after "of"/"from" ("residents of <town>")."""
    tok = _phrase_token(parse, f)
    if tok is None or f.unit != "people":
        return None
    tok = _counted_noun(tok, f)
    a = parse.actor_in(tok.left_edge.i, tok.i + 1, prefer=tok.i)
    if a:
        return a
    for prep in tok.children:
        if prep.dep_ == "prep" and prep.lower_ in BELONGING:
            obj = next((c for c in prep.children if c.dep_ == "pobj"), None)
            if obj is not None:
                a = parse.actor_of_phrase(obj)
                if a:
                    return a
    return None


def harmed_by_agent(parse, f: Found) -> bool:
    """True when the people counted are the object of a harm verb in the active voice
    ("<X>, which killed 1,200 people"): the verb's subject (or a relative clause's
    antecedent) is who harmed them, never whose they are."""
    tok = _phrase_token(parse, f)
    return tok is not None and tok.dep_ == "dobj" and tok.head.lemma_ in HARM
