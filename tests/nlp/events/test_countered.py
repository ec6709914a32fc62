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
