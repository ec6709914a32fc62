"""A country named in a dashed compound: a place only before a participle of place
("Freedonia-based"), an actor before any other ("Freedonia-led", "Freedonia-backed") and in a
dashed pair of sides ("the Ruritania-Freedonia war"). Hand-built parses, no model."""
from __future__ import annotations

import pytest
from spacy.tokens import Doc
from spacy.vocab import Vocab

from dyads.nlp.actor_places import _placed_token


def _doc(words, heads, deps, pos, lemmas=None):
    return Doc(Vocab(), words=words, heads=heads, deps=deps, pos=pos, lemmas=lemmas or [w.lower() for w in words])


@pytest.mark.parametrize("participle,lemma,placed", [
    ("based", "base", True),
    ("bound", "bind", True),
    ("led", "lead", False),
    ("backed", "back", False),
    ("funded", "fund", False),
])
def test_a_dashed_participle_places_only_when_it_says_where(participle, lemma, placed):
    # "a Ruritania-<participle> group"
    d = _doc(["a", "Ruritania", "-", participle, "group"], [4, 3, 3, 4, 4],
             ["det", "npadvmod", "punct", "amod", "ROOT"], ["DET", "PROPN", "PUNCT", "VERB", "NOUN"],
             ["a", "Ruritania", "-", lemma, "group"])
    assert _placed_token(d[1]) is placed


def test_a_dashed_pair_of_names_is_two_sides_not_one_longer_name():
    # "the Ruritania-Freedonia war": the first name hangs on the second as a compound
    d = _doc(["the", "Ruritania", "-", "Freedonia", "war"], [4, 3, 3, 4, 4],
             ["det", "compound", "punct", "compound", "ROOT"], ["DET", "PROPN", "PUNCT", "PROPN", "NOUN"])
    assert _placed_token(d[1]) is False


def test_a_name_inside_a_longer_name_is_still_a_place():
    # "the Ruritania Valley": part of the valley's name
    d = _doc(["the", "Ruritania", "Valley"], [2, 2, 2], ["det", "compound", "ROOT"], ["DET", "PROPN", "PROPN"])
    assert _placed_token(d[1]) is True
