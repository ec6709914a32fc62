"""Demanding that a side prove, justify or retract what it said disputes it: a rebuke (ACCUSE,
conflictual), not a request; any other demanded act stays a REQUEST (polarity 0). Hand-built parses
(tests/docs.py; the lemma is the word, so verbs are written in their base form)."""
from __future__ import annotations

from dyads.nlp.events import match_trigger

from docs import build


def _demand_that(verb: str):
    return build(f"""
        Genovia     NNP  nsubj  1
        demand      VBD  ROOT   1
        that        IN   mark   4
        Ruritania   NNP  nsubj  4
        {verb}      VB   ccomp  1
        its         PRP$ poss   6
        claim       NN   dobj   4
        .           .    punct  1
    """)


def test_demand_to_substantiate_a_claim_is_a_rebuke():
    for verb in ("substantiate", "prove", "retract"):
        hit = match_trigger(_demand_that(verb)[1])
        assert hit.category == "ACCUSE" and hit.polarity == -1, verb
        assert hit.target.text == "Ruritania"


def test_demand_of_another_act_stays_a_request():
    for verb in ("explain", "withdraw", "examine"):
        hit = match_trigger(_demand_that(verb)[1])
        assert hit.category == "REQUEST" and hit.polarity == 0, verb
