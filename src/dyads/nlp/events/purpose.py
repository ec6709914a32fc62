"""Who does what a thing was made for: "X, a naval mission set up to protect ships from Y's raids", "the
force was formed to fight the rebels", "a task force that was established to defend shipping": the
purpose clause of a passive has no subject, and what was set up, formed or sent is its doer.
"""
from __future__ import annotations

from typing import Optional

from spacy.tokens import Token

from ..claims import infinitive


def has_aux(v: Token) -> bool:
    """Whether a verb has an auxiliary of its own ("will", "was", "to")."""
    return any(c.dep_ in ("aux", "auxpass") for c in v.children)


def _described(noun: Token, actor_at: dict) -> Token:
    """The noun, or the actor it is in apposition to ("X, a naval mission ...": X)."""
    return noun.head if noun.dep_ == "appos" and noun.head.i in actor_at else noun


def purpose_doer(t: Token, v: Token, actor_at: dict) -> Optional[Token]:
    """The doer of the to-infinitive `v` when climbing from it reached the passive `t`: the noun a
    participle describes, or the passive's subject (the antecedent of a relative one)."""
    if t.i == v.i or not infinitive(v):
        return None
    if t.dep_ == "acl" and t.tag_ == "VBN" and t.head.pos_ in ("NOUN", "PROPN"):
        return _described(t.head, actor_at)
    subj = next((c for c in t.children if c.dep_ == "nsubjpass"), None)
    if subj is None:
        return None
    if subj.tag_ in ("WDT", "WP") and t.dep_ == "relcl":
        return _described(t.head, actor_at)
    return subj if subj.pos_ in ("NOUN", "PROPN") else None
