"""Nouns whose two sides the noun phrase names together: "the Armenia-Azerbaijan war", "the US-Iran
talks" (a hyphened pair before the noun), "fighting between the army and the rebels" (a pair after
"between"). The act is mutual; one event joins them, the first named as its source.

    hit = dyad_hit(noun_token)     # TriggerHit (nominal, source and target set) or None
"""
from __future__ import annotations

from typing import Optional

from spacy.tokens import Token

from ... import kb
from .frames import _keys, _pobj
from .lexicon import PREP_DEPS, TriggerHit, polarity_of

DYAD_HEADS = kb.table("nominal", "dyad_heads")
DASHES = kb.words("nominal", "dyad_dashes")
SIDE_ENTS = {"NORP", "GPE", "ORG", "PERSON"}


def _side(t: Token) -> bool:
    # a name, or a capitalised adjective ("the Israeli-Palestinian conflict")
    return t.pos_ == "PROPN" or t.ent_type_ in SIDE_ENTS or (t.pos_ == "ADJ" and t.is_title)


def hyphen_pair(noun: Token) -> Optional[tuple]:
    """The two names joined by a dash among the words before the noun: ("Armenia", "Azerbaijan")."""
    doc = noun.doc
    for i in range(max(noun.left_edge.i + 1, noun.i - 6), noun.i - 1):
        h = doc[i]
        if h.text not in DASHES or h.whitespace_ or doc[i - 1].whitespace_:
            continue
        a, b = doc[i - 1], doc[i + 1]
        if _side(a) and _side(b):
            return a, b
    return None


def between_pair(noun: Token) -> Optional[tuple]:
    """"fighting between the army and the rebels": ("army", "rebels")."""
    for c in noun.children:
        if c.dep_ in PREP_DEPS and c.lower_ == "between":
            a = _pobj(c)
            if a is None:
                return None
            b = next((x for x in a.children if x.dep_ == "conj"), None)
            return (a, b) if b is not None else None
    return None


def dyad_hit(noun: Token) -> Optional[TriggerHit]:
    row = next((DYAD_HEADS[k] for k in _keys(noun) if k in DYAD_HEADS), None)
    if not row:
        return None
    pair, how = hyphen_pair(noun), "hyphen dyad"
    if pair is None:
        pair, how = between_pair(noun), "dyad"
    if pair is None:
        return None
    a, b = pair
    category, cameo = row[0], str(row[1])
    return TriggerHit(category=category, mode=None, cameo=cameo, polarity=polarity_of(category),
                      trigger_start=noun.i, trigger_end=noun.i + 1, target=b, target_rule="dyad",
                      candidates=(("dyad", b),), source=a, source_rule="dyad", tokens=(noun.i,),
                      nominal=True, entry=f"{noun.lemma_.lower()} ({how})")
