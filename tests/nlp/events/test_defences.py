"""Bolstering defences is a mobilization whose foe is only the side it is against ("bolstered its
defences against X"), never the owner of the defences ("bolstered its defences", "reinforced Y's
border"). Hand-built parses (tests/docs.py; the lemma is the word)."""
from __future__ import annotations

from dyads.nlp.events import match_trigger

from docs import build


def test_defences_against_a_side_target_it():
    doc = build("""
        Genovia    NNP  nsubj  1
        bolster    VBD  ROOT   1
        its        PRP$ poss   3
        defences   NNS  dobj   1
        against    IN   prep   1
        Ruritania  NNP  pobj   4
        .          .    punct  1
    """)
    hit = match_trigger(doc[1])
    assert hit.category == "MOBILIZE" and hit.target is not None and hit.target.text == "Ruritania"


def test_the_owner_of_the_defences_is_no_target():
    doc = build("""
        Genovia    NNP  nsubj  1
        bolster    VBD  ROOT   1
        Ruritania  NNP  poss   4
        's         POS  case   2
        defences   NNS  dobj   1
        .          .    punct  1
    """)
    hit = match_trigger(doc[1])
    assert hit.category == "MOBILIZE"
    assert hit.target is None or hit.target.text != "Ruritania"
