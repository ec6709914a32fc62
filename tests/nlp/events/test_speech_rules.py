"""back_reference and narrated on hand-built Docs (no model)."""
from __future__ import annotations

from types import SimpleNamespace

import spacy
from spacy.tokens import Doc

from dyads.nlp.events.speech import back_reference, narrated

VOCAB = spacy.blank("en").vocab


def _doc(words, heads, deps, pos, tags=None, lemmas=None):
    return Doc(VOCAB, words=words, heads=heads, deps=deps, pos=pos, tags=tags, lemmas=lemmas,
               sent_starts=[True] + [False] * (len(words) - 1))


def _clause_doc():
    # Peru demanded that Chile leave after the latter accused Bolivia .
    words = ["Peru", "demanded", "that", "Chile", "leave", "after", "the", "latter", "accused", "Bolivia", "."]
    heads = [1, 1, 4, 4, 1, 8, 7, 8, 4, 8, 1]
    deps = ["nsubj", "ROOT", "mark", "nsubj", "ccomp", "mark", "det", "nsubj", "advcl", "dobj", "punct"]
    pos = ["PROPN", "VERB", "SCONJ", "PROPN", "VERB", "SCONJ", "DET", "ADJ", "VERB", "PROPN", "PUNCT"]
    tags = ["NNP", "VBD", "IN", "NNP", "VB", "IN", "DT", "JJ", "VBD", "NNP", "."]
    lemmas = ["Peru", "demand", "that", "Chile", "leave", "after", "the", "latter", "accuse", "Bolivia", "."]
    return _doc(words, heads, deps, pos, tags, lemmas)


def test_the_latter_is_the_last_actor_before_it_the_former_the_one_before():
    doc = _clause_doc()
    f = SimpleNamespace(doc=doc, actor_at={0: "A1", 3: "A2", 9: "A3"})
    assert back_reference(f, doc[7]) == "A2"
    words = [t.text for t in doc]
    words[7] = "former"
    d2 = _doc(words, [t.head.i for t in doc], [t.dep_ for t in doc], [t.pos_ for t in doc])
    f2 = SimpleNamespace(doc=d2, actor_at={0: "A1", 3: "A2", 9: "A3"})
    assert back_reference(f2, d2[7]) == "A1"


def test_former_as_a_modifier_is_no_reference():
    # the former president spoke .
    doc = _doc(["the", "former", "president", "spoke", "."], [2, 2, 3, 3, 3],
               ["det", "amod", "nsubj", "ROOT", "punct"], ["DET", "ADJ", "NOUN", "VERB", "PUNCT"])
    f = SimpleNamespace(doc=doc, actor_at={})
    assert back_reference(f, doc[1]) is None
    assert back_reference(f, doc[2]) is None


def _quote(doc, cue_i):
    return SimpleNamespace(claim=SimpleNamespace(cue=(cue_i, cue_i + 1)))


def test_a_past_act_in_a_clause_of_time_of_a_demand_is_narrated():
    doc = _clause_doc()
    assert narrated(doc, doc[8], _quote(doc, 1))
    assert not narrated(doc, doc[4], _quote(doc, 1))  # the demanded act itself
    assert not narrated(doc, doc[8], None)


def test_a_saying_verb_keeps_the_clause_of_time_its_own():
    doc = _clause_doc()
    said = _doc([t.text for t in doc], [t.head.i for t in doc], [t.dep_ for t in doc], [t.pos_ for t in doc],
                [t.tag_ for t in doc], ["Peru", "say"] + [t.lemma_ for t in doc][2:])
    assert not narrated(said, said[8], _quote(said, 1))
