"""A verb of saying whose object is the one spoken to stays the cue of the quotation beside it
('"Resign," the senator told Harlan'); an object that is what is said ('asked a question') or a
verb that takes no listener ('added a goal') does not. Hand-built Docs."""
from __future__ import annotations

from dyads.nlp.quotes.cues import _listener
from tests.docs import build


def test_a_named_listener_of_tell_is_a_listener():
    doc = build("""
        senator  NN   nsubj  1
        told     VBD  ROOT   1
        Harlan   NNP  dobj   1  B-PERSON
    """)
    assert _listener(doc[1], doc[2])


def test_a_pronoun_object_is_a_listener():
    doc = build("""
        she    PRP  nsubj  1
        asked  VBD  ROOT   1
        him    PRP  dobj   1
    """)
    assert _listener(doc[1], doc[2])


def test_a_common_noun_object_is_what_is_said_not_a_listener():
    doc = build("""
        she       PRP  nsubj  1
        asked     VBD  ROOT   1
        a         DT   det    3
        question  NN   dobj   1
    """)
    assert not _listener(doc[1], doc[3])


def test_a_name_after_a_verb_that_takes_no_listener_is_not_one():
    doc = build("""
        Okafor  NNP  nsubj  1  B-PERSON
        added   VBD  ROOT   1
        Mensah  NNP  dobj   1  B-PERSON
    """)
    assert not _listener(doc[1], doc[2])
