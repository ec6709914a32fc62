"""Things an act is aimed at that the text ties to an actor or a place: "strikes on X-linked targets", "attacked an
X-flagged tanker", "destroyed radar sites in X-held territory". The thing is no actor, so the act's
recipient is the actor its hyphened participle names. Word lists: kb/grammar/belonging.yaml.
"""
from __future__ import annotations

from typing import Optional

from spacy.tokens import Token

from ... import kb

# participles that make a thing the named actor's ("X-owned ships")
BELONGING = kb.words("belonging", "belonging_participles")
# participles that make an area the named actor's ("X-held territory")
CONTROL = kb.words("belonging", "control_participles")
# nouns of an area ("territory", "areas")
AREAS = kb.words("belonging", "area_nouns")


def hyphen_owner(noun: Token, actor_at: dict, words=BELONGING) -> Optional[str]:
    """The actor of "X-<participle>" before `noun`, when the participle is one of `words`."""
    for m in noun.children:
        if m.dep_ != "amod" or m.i > noun.i or m.lower_ not in words:
            continue
        if m.i < 2 or m.doc[m.i - 1].tag_ != "HYPH":
            continue
        name = m.doc[m.i - 2]
        if name.i in actor_at and name.head.i in (m.i, noun.i):
            return actor_at[name.i]
    return None


def owner_of_thing(noun: Token, actor_at: dict) -> Optional[str]:
    """Whose thing `noun` is: "X-linked targets" (X), "radar sites in X-held territory" (X)."""
    got = hyphen_owner(noun, actor_at)
    if got is not None:
        return got
    for p in noun.children:
        if p.dep_ == "prep" and p.lower_ == "in":
            area = next((c for c in p.children if c.dep_ == "pobj"), None)
            if area is not None and area.lower_ in AREAS:
                return hyphen_owner(area, actor_at, CONTROL)
    return None


def place_noun_actor(p, t: Token, depth: int) -> list:
    """"a curfew in the town of Cizre", "shelled the city of Rafah": the place named; "a camp for
    Congolese refugees": the people it is for (`p`: the Participants of the Doc)."""
    for c in t.children:
        if c.dep_ == "prep" and c.lower_ == "of":
            pobj = next((x for x in c.children if x.dep_ == "pobj"), None)
            if pobj is not None and pobj.i in p.place_at:
                return [p._place_actor(p.place_at[pobj.i])]
        if c.dep_ == "prep" and c.lower_ == "for" and depth < 2:
            pobj = next((x for x in c.children if x.dep_ == "pobj"), None)
            found = p._actor_of_head(pobj, depth + 1) if pobj is not None else []
            if found:
                return found
    return []
