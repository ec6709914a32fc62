"""Acts against an attack (the trigger lexicon's thwart/foil/repel/intercept entries, read by
dyads.nlp.events.nouns/targets), on hand-built parses of sentences the team wrote; the countries
are made up. Stopping an attack strikes at its authors, the owner of the attack noun; stopping a
plan is a rejection, not a blow.
"""
from __future__ import annotations

import pytest
from spacy.tokens import Doc

from dyads.nlp.events import EventsComponent

from docs import events_doc

ACTORS = {"Genovia": ("A1", "country"), "Ruritanian": ("A2", "country")}


@pytest.fixture(scope="module")
def events():
    component = EventsComponent()

    def run(doc: Doc) -> list[tuple]:
        component(doc)
        return sorted((e.category, e.source, e.target) for e in doc._.dyads_events)
    return run


def stopped(verb: str, lemma: str, noun: str, noun_lemma: str) -> Doc:
    # "Genovia <verb> a Ruritanian <noun> ."
    return events_doc(f"""
Genovia 1 nsubj PROPN NNP Genovia
{verb} 1 ROOT VERB VBD {lemma}
a 4 det DET DT a
Ruritanian 4 amod ADJ JJ ruritanian
{noun} 1 dobj NOUN NN {noun_lemma}
. 1 punct PUNCT . .
""", ACTORS)


@pytest.mark.parametrize("verb,lemma", [("thwarted", "thwart"), ("foiled", "foil"), ("intercepted", "intercept")])
def test_stopping_an_attack_strikes_its_authors(events, verb, lemma):
    assert ("ASSAULT", "A1", "A2") in events(stopped(verb, lemma, "raid", "raid"))


def test_stopping_a_plan_is_no_blow(events):
    got = events(stopped("thwarted", "thwart", "plan", "plan"))
    assert not any(c == "ASSAULT" for c, _, _ in got)


def guarded(noun: str, noun_lemma: str, owner: str = "Ruritanian") -> Doc:
    # "Genovia guarded its port from <owner> <noun> ."
    return events_doc(f"""
Genovia 1 nsubj PROPN NNP Genovia
guarded 1 ROOT VERB VBD guard
its 3 poss PRON PRP$ its
port 1 dobj NOUN NN port
from 1 prep ADP IN from
{owner} 6 amod ADJ JJ {owner.lower()}
{noun} 4 pobj NOUN NNS {noun_lemma}
. 1 punct PUNCT . .
""", ACTORS)


def test_guarding_something_from_attacks_is_a_show_of_force_against_their_authors(events):
    assert ("MOBILIZE", "A1", "A2") in events(guarded("raids", "raid"))


def test_guarding_something_from_what_is_no_attack_is_no_act_against_anyone(events):
    assert not any(c in ("MOBILIZE", "ASSAULT") for c, _, _ in events(guarded("floods", "flood")))


def test_the_target_is_the_attacks_author_never_the_owner_of_what_is_guarded(events):
    # the possessive "its" names the guard itself; only the attack's author is the target
    got = events(guarded("raids", "raid", owner="Cold"))
    assert all(target != "A1" for _, _, target in got)
