"""Asking for a hostile act (events/requests.py): what an asking verb asks for, on hand-built Docs."""
from __future__ import annotations

from docs import build

from dyads.nlp.events.requests import asked_acts


def test_the_asked_act_is_the_clause_and_its_conjuncts():
    # Peru urged Brazil to rally and confront Chile .
    doc = build("""
        Peru      NNP  nsubj   1
        urged     VBD  ROOT    1
        Brazil    NNP  dobj    1
        to        TO   aux     4
        rally     VB   xcomp   1
        and       CC   cc      4
        confront  VB   conj    4
        Chile     NNP  dobj    6
        .         .    punct   1
    """)
    assert [t.i for t in asked_acts(doc[1])] == [4, 6]



def test_a_prepositional_object_is_not_asked():
    # Peru called for sanctions against Chile .
    doc = build("""
        Peru       NNP  nsubj   1
        called     VBD  ROOT    1
        for        IN   prep    1
        sanctions  NNS  pobj    2
        against    IN   prep    3
        Chile      NNP  pobj    4
        .          .    punct   1
    """)
    assert list(asked_acts(doc[1])) == []


def _steps(purpose_head: int, purpose_dep: str):
    # Peru urged Brazil to take steps to isolate Chile .
    doc = build(f"""
        Peru      NNP  nsubj   1
        urged     VBD  ROOT    1
        Brazil    NNP  dobj    1
        to        TO   aux     4
        take      VB   xcomp   1
        steps     NNS  dobj    4
        to        TO   aux     7
        isolate   VB   {purpose_dep}   {purpose_head}
        Chile     NNP  dobj    7
        .         .    punct   1
    """)
    doc[5].lemma_ = "step"
    return doc


def test_steps_taken_to_do_an_act_ask_for_the_act():
    assert [t.i for t in asked_acts(_steps(4, "advcl")[1])] == [4, 7]
    assert [t.i for t in asked_acts(_steps(5, "relcl")[1])] == [4, 7]  # hung on "steps"


def test_other_things_taken_are_not_steps_to_an_act():
    doc = _steps(5, "relcl")
    doc[5].lemma_ = "photo"
    assert [t.i for t in asked_acts(doc[1])] == [4]
