"""The frames a reporting verb takes (nlp/quotes/frames.py, not in the pipeline: see its
docstring). Hand-built Docs; negatives: an intention with a to-infinitive, a wh-clause after a
verb that asks nothing, a participle of asking opening the sentence."""
from __future__ import annotations

from dyads.nlp.claims import Claim
from dyads.nlp.quotes.frames import keeps
from tests.docs import doc_of


def claim(cue, content, kind):
    return Claim((cue, cue + 1), content, (0, 1), 0, kind)


def test_a_directive_with_an_infinitive_is_reported_speech():
    doc = doc_of("""
        Ngata   NNP nsubj 1 Ngata PROPN
        urged   VBD ROOT  1 urge  VERB
        voters  NNS dobj  1 voter NOUN
        to      TO  aux   4 to    PART
        stay    VB  xcomp 1 stay  VERB
    """)
    assert keeps(doc, claim(1, (2, 5), "request"))


def test_an_intention_with_an_infinitive_is_not():
    doc = doc_of("""
        Ngata   NNP nsubj 1 Ngata PROPN
        plans   VBZ ROOT  1 plan  VERB
        to      TO  aux   3 to    PART
        run     VB  xcomp 1 run   VERB
        again   RB  advmod 3 again ADV
    """)
    assert not keeps(doc, claim(1, (2, 5), "intent"))


def test_a_perception_verb_with_a_clause_is_not():
    doc = doc_of("""
        Ngata   NNP nsubj 1 Ngata PROPN
        saw     VBD ROOT  1 see   VERB
        prices  NNS nsubj 3 price NOUN
        double  VB  ccomp 1 double VERB
    """)
    assert not keeps(doc, claim(1, (2, 4), "belief"))


def test_a_wh_clause_is_said_only_after_a_verb_of_asking_or_telling():
    rows = """
        Ngata   NNP nsubj 1 Ngata PROPN
        {verb}  VBD ROOT  1 {lemma} VERB
        where   WRB advmod 4 where ADV
        rents   NNS nsubj 4 rent  NOUN
        went    VBD ccomp 1 go    VERB
    """
    asked = doc_of(rows.format(verb="asked", lemma="ask"))
    knew = doc_of(rows.format(verb="knew", lemma="know"))
    assert keeps(asked, claim(1, (2, 5), "speech"))
    assert not keeps(knew, claim(1, (2, 5), "belief"))


def test_a_participle_of_asking_opening_the_sentence_is_the_question_put_not_the_answer():
    doc = doc_of("""
        Asked   VBN advcl 5 ask   VERB
        what    WP  dobj  4 what  PRON
        she     PRP nsubj 4 she   PRON
        changed VBD ccomp 0 change VERB
        ,       ,   punct 5 ,     PUNCT
        she     PRP nsubj 6 she   PRON
        laughed VBD ROOT  6 laugh VERB
    """)
    assert not keeps(doc, claim(0, (1, 4), "speech"))


def test_said_with_a_that_clause_is_reported_speech():
    doc = doc_of("""
        Ngata   NNP nsubj 1 Ngata PROPN
        said    VBD ROOT  1 say   VERB
        that    IN  mark  4 that  SCONJ
        rents   NNS nsubj 4 rent  NOUN
        rose    VBD ccomp 1 rise  VERB
    """)
    assert keeps(doc, claim(1, (3, 5), "speech"))
