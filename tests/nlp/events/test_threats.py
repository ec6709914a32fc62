"""Warnings of retaliation (events/threats.py) on hand-built Docs (no model)."""
from __future__ import annotations

from docs import build

from dyads.nlp.events.threats import answer


def _warning(modal: str, verb: str):
    # Peru warned that Chile <modal> <verb> to Bolivia .
    return build(f"""
        Peru      NNP  nsubj   1
        warned    VBD  ROOT    1
        that      IN   mark    5
        Chile     NNP  nsubj   5
        {modal}   MD   aux     5
        {verb}    VB   ccomp   1
        to        IN   prep    5
        Bolivia   NNP  pobj    6
        .         .    punct   1
    """)


def test_answer_needs_a_retaliating_verb_announced_by_a_modal():
    doc = _warning("would", "respond")
    assert answer(doc[1]).i == 5
    assert answer(_warning("could", "respond")[1]) is None  # a possibility, not an announcement
    assert answer(_warning("would", "speak")[1]) is None  # no answer in kind
    assert answer(_warning("will", "retaliate")[1]) is not None



def _threat(mark: str):
    # Peru threatened to leave <mark> Chile deploys .
    return build(f"""
        Peru        NNP  nsubj   1
        threatened  VBD  ROOT    1
        to          TO   aux     3
        leave       VB   xcomp   1
        {mark}      IN   mark    6
        Chile       NNP  nsubj   6
        deploys     VBZ  advcl   3
        .           .    punct   1
    """)


def test_the_condition_of_a_threat_names_its_target():
    from types import SimpleNamespace

    from dyads.nlp.events.threats import conditioned

    f = SimpleNamespace(actor_at={0: "A1", 5: "A2"})
    assert conditioned(f, _threat("if")[1]) == ["A2"]
    assert conditioned(f, _threat("unless")[1]) == ["A2"]
    assert conditioned(f, _threat("when")[1]) == []  # a time, not a condition
