"""What introduces a quotation just before its opening mark: a verb of saying and a comma
('Okafor said, "..."'), a colon, or an inverted 'Said Mensah:'. Negatives: a comma after a noun
or after a verb that is not one of saying. Hand-built Docs."""
from __future__ import annotations

from dyads.nlp.claims import load_reporting
from dyads.nlp.quotes.cues import colon_intro
from tests.docs import build

LEX = load_reporting()


def speaker(doc, s):
    c = colon_intro(doc, s, LEX)
    return None if c is None else doc[c.speaker[0] : c.speaker[1]].text


def test_a_verb_of_saying_and_a_comma_introduce_the_quotation():
    doc = build("""
        Okafor  NNP  nsubj  1  B-PERSON
        said    VBD  ROOT   1
        ,       ,    punct  1
        "       ``   punct  5
        We      PRP  nsubj  5
        stay    VBP  ccomp  1
        .       .    punct  5
        "       ''   punct  5
    """)
    assert speaker(doc, 4) == "Okafor"


def test_an_inverted_verb_of_saying_takes_the_name_after_it():
    doc = build("""
        Said    VBD  ROOT      0
        Mensah  NNP  npadvmod  0  B-PERSON
        :       :    punct     0
        "       ``   punct     5
        Rents   NNS  nsubj     5
        rose    VBD  ccomp     0
        "       ''   punct     5
    """)
    assert speaker(doc, 4) == "Mensah"


def test_a_comma_after_a_noun_introduces_nothing():
    doc = build("""
        In       IN   prep   6
        the      DT   det    2
        capital  NN   pobj   0
        ,        ,    punct  6
        "        ``   punct  6
        rents    NNS  nsubj  6
        rose     VBD  ROOT   6
        "        ''   punct  6
    """)
    assert speaker(doc, 5) is None


def test_a_comma_after_a_verb_of_motion_introduces_nothing():
    doc = build("""
        She     PRP  nsubj  1
        walked  VBD  ROOT   1
        ,       ,    punct  1
        "       ``   punct  5
        rents   NNS  nsubj  5
        rose    VBD  ccomp  1
        "       ''   punct  5
    """)
    assert speaker(doc, 4) is None


def test_a_participle_before_a_comma_speaks_for_the_subject_of_its_clause():
    # 'Okafor began by arguing, "We stay."': the participle hangs from a preposition and has no
    # subject of its own; the clause it hangs from has one
    doc = build("""
        Okafor     NNP  nsubj  1  B-PERSON
        began      VBD  ROOT   1
        by         IN   prep   1
        arguing    VBG  pcomp  2
        ,          ,    punct  3
        "          ``   punct  7
        We         PRP  nsubj  7
        stay       VBP  ccomp  3
        "          ''   punct  7
    """)
    doc[3].lemma_ = "argue"
    assert speaker(doc, 6) == "Okafor"


def test_a_participle_of_a_verb_not_of_saying_introduces_nothing():
    doc = build("""
        Okafor     NNP  nsubj  1  B-PERSON
        left       VBD  ROOT   1
        ,          ,    punct  1
        smiling    VBG  advcl  1
        ,          ,    punct  3
        "          ``   punct  7
        We         PRP  nsubj  7
        stay       VBP  ccomp  1
        "          ''   punct  7
    """)
    doc[3].lemma_ = "smile"
    assert speaker(doc, 6) is None
