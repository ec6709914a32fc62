"""Which actor a phrase's head stands for, where the parse or the noun's number misleads.

    possessed(p, tok)         # "demanding Yemen's Houthis end attacks", "Yemen" made the object:
                              # the Houthis, the named actor after its "'s"
    people_group(p, mod, n)   # "One Ruritanian fan": one of "Ruritanian fans", when the article
                              # names that group, not Ruritania
    people_before(p, tok)     # "Ruritanian settler violence" parsed with both words on "violence"

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
    violence") that the article also names in the plural as a group of its own: that group; or,
    named with another adjective, the article's one community of that noun (its only settlers)."""
    if noun.tag_ != "NN" or not noun.is_alpha:
        return None
    groups = getattr(p, "_groups", None)
    if groups is None:
        groups = p._groups = {a.synthetic: a.id for a in p.actors.values()
                              if (a.synthetic or "").startswith(GROUP_KEY)}
    if not groups:
        return None
    many = plural(noun.lemma_.lower())
    found = groups.get(f"{GROUP_KEY}{mod.lower_} {many}")
    if found is None:  # "Ruritanian settler violence" where the article's only settlers are "Borduric settlers"
        same = [aid for key, aid in groups.items() if key.endswith(" " + many)]
        found = same[0] if len(same) == 1 and p.actors[same[0]].type == "community" else None
    return found


def plural(w: str) -> str:
    if w.endswith("y") and w[-2:-1] not in "aeiou":
        return w[:-1] + "ies"
    return w + ("es" if w.endswith(("s", "x", "ch", "sh")) else "s")


def people_before(p, t: Token) -> Optional[str]:
    """A people's adjective the parser hung beside the people noun after it rather than on it
    ("Ruritanian settler violence": both on "violence"): read as on that noun (`people_group`)."""
    if t.dep_ != "amod" or t.i + 1 >= len(p.doc):
        return None
    n = p.doc[t.i + 1]
    if n.dep_ != "compound" or n.head.i != t.head.i:
        return None
    return people_group(p, t, n)
