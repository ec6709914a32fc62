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
