"""The side behind a weapon that acts: "X launched missiles that destroyed Y's radar sites", "rockets
fired by X hit the town": the weapon is no actor, so the act's source is whoever fired it. Word lists:
kb/grammar/instruments.yaml.
"""
from __future__ import annotations

from typing import Optional

from spacy.tokens import Token

from ... import kb

# what is fired ("missiles", "drones")
WEAPONS = kb.words("instruments", "weapon_nouns")
# verbs of firing ("launch", "fire")
FIRING = kb.words("instruments", "firing_verbs")


def firing_verb(subject: Token) -> Optional[Token]:
    """The verb that fired the weapon `subject` names: its governor when the weapon is that verb's
    object ("launched missiles that ..."), or the participle describing it ("rockets fired by X")."""
    if subject.lemma_.lower() not in WEAPONS and subject.lower_ not in WEAPONS:
        return None
    if subject.dep_ == "dobj" and subject.head.lemma_.lower() in FIRING:
        return subject.head
    for c in subject.children:
        if c.dep_ == "acl" and c.tag_ == "VBN" and c.lemma_.lower() in FIRING:
            return c
    return None


def weapon_sources(participants, subject: Token, verb: Token) -> list[str]:
    """The sources of an act whose subject is a weapon: those of the verb that fired it."""
    fired = firing_verb(subject)
    if fired is None or fired.i == verb.i or not (fired.i < verb.i or subject.i < fired.i):
        return []
    return participants._sources(fired, fired)
