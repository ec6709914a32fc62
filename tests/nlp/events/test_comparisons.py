"""What a comparing verb likens its object to (events/speech.py likened), on hand-built Docs."""
from __future__ import annotations

from docs import build

from dyads.nlp.events.speech import likened


def _doc(verb: str, prep: str):
    # Peru <verb> Bolivia <prep> a rogue regime .
    return build(f"""
        Peru      NNP  nsubj   1
        {verb}    VBD  ROOT    1
        Bolivia   NNP  dobj    1
        {prep}    IN   prep    1
        a         DT   det     6
        rogue     JJ   amod    6
        regime    NN   pobj    3
        .         .    punct   1
    """)


def test_likened_is_the_object_of_to_or_with():
    assert likened(_doc("compare", "to")[1]).i == 6
    assert likened(_doc("liken", "with")[1]).i == 6


def test_no_likeness_for_other_verbs_or_prepositions():
    assert likened(_doc("visit", "to")[1]) is None
    assert likened(_doc("compare", "in")[1]) is None
