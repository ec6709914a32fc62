"""The word lists and labels the place rules read (the lists are data: kb/grammar/places.yaml)."""
from __future__ import annotations

from ... import kb

SPAN_KEY = "dyads_places"
ACTORS_KEY = "dyads_actors"

PLACE_LABELS = {"GPE", "LOC", "FAC"}
# entity labels whose longer names may contain a place name that is not a place mention
NAME_LABELS = {"PERSON", "ORG", "NORP", "WORK_OF_ART", "EVENT", "LAW", "PRODUCT", "LANGUAGE", "FAC"}
# actor types that are not places: a place name inside (or linked as) one is not a place mention
NON_PLACE_ACTORS = {"person", "armed_group", "political_group", "community", "media", "company", "organization"}
# determiners dropped before a place name
DETERMINERS = kb.words("places", "determiners")
# direction and area words before a place name ("northern Syria", "rural Damascus")
COMPASS = kb.words("places", "compass")
# prepositions that introduce a place ("in Aleppo", "towards Mosul")
LOC_PREPS = kb.words("places", "loc_preps")
# nouns whose "of" leads on to a place name ("the outskirts of Aleppo", "residents of Homs")
OF_PLACE_NOUNS = kb.words("places", "of_place_nouns")
# nouns after a place's name that make a larger place of it ("Idlib province", "Aleppo airport")
SUFFIX_NOUNS = kb.words("places", "suffix_nouns")
# verbs whose object is where the action happened
TAKE_VERBS = kb.words("places", "take_verbs")
# capitalised words that name a place somewhere but rarely do in the news
STOP_KEYS = kb.words("places", "stop_keys")
# what the model labels a place but names none: 'the West', 'Strip' of a split 'Gaza Strip'
GENERIC_NAMES = kb.words("places", "generic_names")
# titles before a name: a capitalised word after one is a person's name, not a place
HONORIFICS = kb.words("places", "honorifics")
MAX_TOKENS = 7
# the Arabic article in its spellings, which a place key may drop ("al-Bab" = "Bab")
ARABIC_ARTICLES = kb.words("places", "arabic_articles")
# nouns after a place name that keep the inner name the place ("Aleppo city", "the Turkish border")
AREA_SUFFIXES = kb.words("places", "area_suffixes")
DEMONYM_ENDINGS = ("is", "i", "ians", "ian", "ans", "an", "ese", "ish", "s")
# place prepositions that do not say where something is ("to Aleppo", "from Homs")
NOT_LOCATING_PREPS = kb.words("places", "not_locating_preps")
