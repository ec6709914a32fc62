"""Which actor a phrase's head stands for, where the parse or the noun's number misleads.

    possessed(p, tok)         # "demanding Yemen's Houthis end attacks", "Yemen" made the object:
                              # the Houthis, the named actor after its "'s"
    people_group(p, mod, n)   # "One Ruritanian fan": one of "Ruritanian fans", when the article
                              # names that group, not Ruritania

`p`: the events' Participants (its doc, actors and `actor_at`).
"""
from __future__ import annotations

from typing import Optional

from spacy.tokens import Token

GROUP_KEY = "group-phrase:"  # the synthetic key of the article's group phrases (nlp/coref_groups.py)


def possessed(p, t: Token) -> Optional[str]:
    """A possessor the parser made the head: the named actor right after its "'s", when the
    parser did not hang it on the possessor."""
    doc = p.doc
    if t.dep_ == "poss" or t.i + 2 >= len(doc) or doc[t.i + 1].tag_ != "POS":
        return None
    nxt = doc[t.i + 2]
    if nxt.head.i == t.i or nxt.tag_ not in ("NNP", "NNPS") or nxt.i not in p.actor_at:
        return None
    return p.actor_at[nxt.i] if p.actor_at[nxt.i] != p.actor_at[t.i] else None


def people_group(p, mod: Token, noun: Token) -> Optional[str]:
    """A singular noun with a people's adjective ("one Ruritanian fan", "Ruritanian settler
    violence") that the article also names in the plural as a group of its own: that group."""
    if noun.tag_ != "NN" or not noun.is_alpha:
        return None
    groups = getattr(p, "_groups", None)
    if groups is None:
        groups = p._groups = {a.synthetic: a.id for a in p.actors.values()
                              if (a.synthetic or "").startswith(GROUP_KEY)}
    if not groups:
        return None
    return groups.get(f"{GROUP_KEY}{mod.lower_} {plural(noun.lemma_.lower())}")


def plural(w: str) -> str:
    if w.endswith("y") and w[-2:-1] not in "aeiou":
        return w[:-1] + "ies"
    return w + ("es" if w.endswith(("s", "x", "ch", "sh")) else "s")
