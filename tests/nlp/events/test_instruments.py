"""The side behind a weapon that acts: "Genovia launched missiles that destroyed Ruritania's radar" and
"rockets fired by Genovia shelled Ruritania" are Genovia's acts. Hand-built parses, made-up countries.
Negatives: a weapon nobody is said to have fired, and a noun that is no weapon."""
from __future__ import annotations

import pytest
from spacy.tokens import Doc

from dyads.nlp.events import EventsComponent
from docs import events_doc

ACTORS = {"Genovia": ("A1", "country"), "Ruritania": ("A2", "country")}


@pytest.fixture(scope="module")
def acts():
    component = EventsComponent()

    def run(doc: Doc) -> list[tuple]:
        component(doc)
        return [(e.category, e.source, e.target) for e in doc._.dyads_events]
    return run


def launched(noun: str = "missiles", verb: str = "launched", lemma: str = "launch") -> str:
    return f"""
Genovia 1 nsubj PROPN NNP Genovia
{verb} 1 ROOT VERB VBD {lemma}
{noun} 1 dobj NOUN NNS {noun}
that 4 nsubj PRON WDT that
destroyed 2 relcl VERB VBD destroy
Ruritania 4 dobj PROPN NNP Ruritania
. 1 punct PUNCT . .
"""


def test_a_weapon_a_side_launched_acts_for_that_side(acts):
    assert ("ASSAULT", "A1", "A2") in acts(events_doc(launched(), ACTORS))


def test_a_thing_that_is_no_weapon_does_not_act_for_whoever_has_it(acts):
    doc = events_doc(launched("reports", "published", "publish"), ACTORS)
    assert ("ASSAULT", "A1", "A2") not in acts(doc)


FIRED_BY = """
Rockets 4 nsubj NOUN NNS rocket
fired 0 acl VERB VBN fire
by 1 agent ADP IN by
Genovia 2 pobj PROPN NNP Genovia
shelled 4 ROOT VERB VBD shell
Ruritania 4 dobj PROPN NNP Ruritania
. 4 punct PUNCT . .
"""


def test_rockets_fired_by_a_side_hit_for_that_side(acts):
    assert ("ASSAULT", "A1", "A2") in acts(events_doc(FIRED_BY, ACTORS))


def test_rockets_nobody_is_said_to_have_fired_have_no_source(acts):
    rows = """
Rockets 1 nsubj NOUN NNS rocket
shelled 1 ROOT VERB VBD shell
Ruritania 1 dobj PROPN NNP Ruritania
. 1 punct PUNCT . .
"""
    assert all(src is None for _, src, _ in acts(events_doc(rows, {"Ruritania": ("A1", "country")})))
