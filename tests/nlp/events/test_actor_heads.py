"""Which actor a phrase's head stands for (events/actor_heads.py and Participants' modifiers), on
hand-built Docs: one of a group the article names in the plural; the nearer of two named modifiers."""
from __future__ import annotations

from docs import events_doc
from dyads.nlp.events.component import EventsComponent

GROUP_THEN_ONE = """
Ruritanian 1 amod ADJ JJ Ruritanian
fans 2 nsubj NOUN NNS fan
cheered 2 ROOT VERB VBD cheer
. 2 punct PUNCT . .
One 6 nummod NUM CD one
Ruritanian 6 amod ADJ JJ Ruritanian
fan 7 nsubj NOUN NN fan
criticised 7 ROOT VERB VBD criticise
Chile 7 dobj PROPN NNP Chile
. 7 punct PUNCT . .
"""


def accusers(doc) -> set:
    EventsComponent()(doc)
    return {e.source for e in doc._.dyads_events if e.category == "ACCUSE"}


def test_one_of_a_group_the_article_names_is_that_group():
    doc = events_doc(GROUP_THEN_ONE, {"Ruritanian": ("A1", "country"), "Chile": ("A2", "country"),
                                      "fans": ("A3", "community")})
    next(a for a in doc._.dyads_actors if a.id == "A3").synthetic = "group-phrase:ruritanian fans"
    assert accusers(doc) == {"A3"}


def test_without_such_a_group_the_one_is_of_the_people_named():
    doc = events_doc(GROUP_THEN_ONE, {"Ruritanian": ("A1", "country"), "Chile": ("A2", "country")})
    assert accusers(doc) == {"A1"}


TWO_MODIFIERS = """
Senate 2 nmod PROPN NNP Senate
Liberal 2 amod ADJ JJ Liberal
leaders 3 nsubj NOUN NNS leader
criticised 3 ROOT VERB VBD criticise
Chile 3 dobj PROPN NNP Chile
. 3 punct PUNCT . .
"""


def test_of_two_named_modifiers_the_nearer_names_the_group():
    doc = events_doc(TWO_MODIFIERS, {"Senate": ("A1", "organization"), "Liberal": ("A2", "political_group"),
                                     "Chile": ("A3", "country")})
    assert accusers(doc) == {"A2"}


OWNED_AND_NAMED = """
Chile 3 poss PROPN NNP Chile
's 0 case PART POS 's
Liberal 3 amod ADJ JJ Liberal
leaders 4 nsubj NOUN NNS leader
criticised 4 ROOT VERB VBD criticise
Peru 4 dobj PROPN NNP Peru
. 4 punct PUNCT . .
"""


def test_a_possessor_comes_before_a_nearer_modifier():
    doc = events_doc(OWNED_AND_NAMED, {"Chile": ("A1", "country"), "Liberal": ("A2", "political_group"),
                                       "Peru": ("A3", "country")})
    assert accusers(doc) == {"A1"}


SETTLERS = """
Borduric 1 amod ADJ JJ Borduric
settlers 2 nsubj NOUN NNS settler
marched 2 ROOT VERB VBD march
. 2 punct PUNCT . .
Ruritanian 6 amod ADJ JJ Ruritanian
settler 6 compound NOUN NN settler
violence 9 nsubj NOUN NN violence
against 6 prep ADP IN against
Chile 7 pobj PROPN NNP Chile
grew 9 ROOT VERB VBD grow
. 9 punct PUNCT . .
"""


def violence_sources(doc) -> set:
    EventsComponent()(doc)
    return {e.source for e in doc._.dyads_events if e.category == "ASSAULT"}


def test_a_people_noun_of_another_adjective_is_the_articles_only_community_of_it():
    # Borduric settlers marched . Ruritanian settler violence against Chile grew .
    doc = events_doc(SETTLERS, {"Borduric": ("A1", "country"), "Ruritanian": ("A2", "country"),
                                "Chile": ("A3", "country"), "settlers": ("A4", "community")})
    next(a for a in doc._.dyads_actors if a.id == "A4").synthetic = "group-phrase:borduric settlers"
    assert violence_sources(doc) == {"A4"}


def test_a_people_noun_with_no_such_community_is_the_people():
    doc = events_doc(SETTLERS, {"Borduric": ("A1", "country"), "Ruritanian": ("A2", "country"),
                                "Chile": ("A3", "country")})
    assert violence_sources(doc) == {"A2"}
