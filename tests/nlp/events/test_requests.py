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
