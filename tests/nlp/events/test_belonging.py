"""Things an act is aimed at that a hyphened participle ties to an actor: "attacked Ruritania-owned
ships" is aimed at Ruritania; "sites in rebel-held territory" at the rebels. Hand-built parses, made-up
countries; negatives: a participle of backing or placing, and an area that is only occupied.
"""
from __future__ import annotations

import pytest
from spacy.tokens import Doc

from dyads.nlp.events import EventsComponent
from docs import events_doc

RURITANIA, MILITANTS = ("A1", "country"), ("A2", "armed_group")
# the second parse has two actors only, numbered from A1
GUNMEN, REBELS = ("A1", "armed_group"), ("A2", "armed_group")


@pytest.fixture(scope="module")
def acts():
    component = EventsComponent()

    def run(doc: Doc) -> list[tuple]:
        component(doc)
        return [(e.category, e.source, e.target) for e in doc._.dyads_events]
    return run


def owned(participle: str, noun: str = "ships") -> str:
    return f"""
Militants 1 nsubj NOUN NNS militant
attacked 1 ROOT VERB VBD attack
Ruritania 4 npadvmod PROPN NNP Ruritania
- 4 punct PUNCT HYPH -
{participle} 5 amod VERB VBN {participle}
{noun} 1 dobj NOUN NNS {noun}
. 1 punct PUNCT . .
"""


@pytest.mark.parametrize("participle", ["owned", "linked", "flagged", "bound"])
def test_an_act_on_a_thing_a_participle_ties_to_a_name_is_aimed_at_the_name(acts, participle):
    doc = events_doc(owned(participle), {"Militants": MILITANTS, "Ruritania": RURITANIA})
    assert ("ASSAULT", "A2", "A1") in acts(doc)


@pytest.mark.parametrize("participle", ["based", "made"])
def test_a_participle_that_places_or_makes_the_thing_ties_it_to_no_one(acts, participle):
    doc = events_doc(owned(participle), {"Militants": MILITANTS, "Ruritania": RURITANIA})
    assert all(target != "A1" for _, _, target in acts(doc))


def held(participle: str) -> str:
    return f"""
Militants 1 nsubj NOUN NNS militant
destroyed 1 ROOT VERB VBD destroy
radar 3 compound NOUN NN radar
sites 1 dobj NOUN NNS site
in 3 prep ADP IN in
rebel 7 npadvmod NOUN NN rebel
- 7 punct PUNCT HYPH -
{participle} 8 amod VERB VBN {participle}
territory 4 pobj NOUN NN territory
. 1 punct PUNCT . .
"""


def test_a_thing_in_an_area_a_side_holds_is_that_side_s(acts):
    doc = events_doc(held("held"), {"Militants": GUNMEN, "rebel": REBELS})
    assert ("ASSAULT", "A1", "A2") in acts(doc)


def test_an_area_only_occupied_by_a_side_does_not_make_its_things_that_side_s(acts):
    doc = events_doc(held("occupied"), {"Militants": GUNMEN, "rebel": REBELS})
    assert all(target != "A2" for _, _, target in acts(doc))
