"""A cue written right after the closing mark ('"...," Ana Ruiz said Monday' / '"...," said Omar
Haddad, a nurse') is read from the words even where the parse hung the verb from the quotation;
a verb opening a clause of its own ('said that ...'), a word that is no verb of saying, or a
paragraph break between them is no such cue. Hand-built Docs (deliberately mis-parsed heads)."""
from __future__ import annotations

from dyads.nlp.claims import load_reporting
from dyads.nlp.quotes.marks import quote_regions
from dyads.nlp.quotes.trailing import trailing
from tests.docs import build

LEX = load_reporting()


def _cue(doc):
    regions, _ = quote_regions(doc.text)
    found = trailing(doc, regions[0], LEX)
    if found is None:
        return None
    verb, (s, e) = found
    return doc[verb].text, doc[s:e].text


def test_name_then_verb_after_the_mark_the_parse_hung_on_the_quotation():
    doc = build("""
        “        ``   punct     2
        We       PRP  nsubj     2
        won      VBD  ROOT      2
        ,        ,    punct     2
        ”        ''   punct     2
        Harbor   VB   dep       2
        Chief    NNP  dobj      5
        Ana      NNP  compound  8
        Ruiz     NNP  appos     6
        said     VBD  conj      2
        Monday   NNP  npadvmod  9
        .        .    punct     2
    """)
    assert _cue(doc) == ("said", "Harbor Chief Ana Ruiz")


def test_inverted_verb_then_name_up_to_the_apposition():
    doc = build("""
        “       ``   punct  2
        We      PRP  nsubj  2
        won     VBD  ROOT   2
        ,       ,    punct  2
        ”       ''   punct  2
        said    VBD  conj   2
        Omar    NNP  compound 7
        Haddad  NNP  dobj   5
        ,       ,    punct  7
        a       DT   det    10
        nurse   NN   appos  7
        .       .    punct  2
    """)
    assert _cue(doc) == ("said", "Omar Haddad")


def test_a_verb_opening_a_clause_of_its_own_is_no_trailing_cue():
    doc = build("""
        “       ``   punct  2
        We      PRP  nsubj  2
        won     VBD  ROOT   2
        ,       ,    punct  2
        ”       ''   punct  2
        Ruiz    NNP  nsubj  6
        said    VBD  conj   2
        that    IN   mark   9
        the     DT   det    9
        vote    NN   nsubj  10
        stood   VBD  ccomp  6
        .       .    punct  2
    """)
    assert _cue(doc) is None


def test_a_verb_that_is_not_of_saying_is_no_cue():
    doc = build("""
        “       ``   punct  2
        We      PRP  nsubj  2
        won     VBD  ROOT   2
        ,       ,    punct  2
        ”       ''   punct  2
        Ruiz    NNP  nsubj  6
        smiled  VBD  conj   2
        .       .    punct  2
    """)
    assert _cue(doc) is None


def test_a_long_clause_before_the_verb_is_no_speaker_phrase():
    doc = build("""
        “        ``   punct  2
        We       PRP  nsubj  2
        won      VBD  ROOT   2
        ”        ''   punct  2
        and      CC   cc     2
        Ruiz     NNP  nsubj  6
        said     VBD  conj   2
        .        .    punct  2
    """)
    assert _cue(doc) is None
