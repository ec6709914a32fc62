"""Reported speech no verb of saying with a clause introduces (nlp/quotes/reach.py): a verb of
stance with its object and what follows it, a verb of saying under a verb adding no speaker or
under one making its object speak, asking with "on", a noun of a speech act with its
infinitive, a noun of claim made its subject's by a light verb. Negative cases: intention and
perception are no cues, a noun without a holder is nobody's claim. Hand-built Docs."""
from __future__ import annotations

import pytest

from dyads.nlp.claims import load_reporting
from dyads.nlp.quotes.reach import extra_claims, widen
from dyads.nlp.claims import Claim
from tests.docs import build

LEX = load_reporting()


def _doc(spec: str, lemmas: dict):
    doc = build(spec)
    for t in doc:
        if t.text in lemmas:
            t.lemma_ = lemmas[t.text]
    return doc


def _claims(doc):
    return [(doc[c.cue[0] : c.cue[1]].text, doc[c.content[0] : c.content[1]].text,
             doc[c.speaker[0] : c.speaker[1]].text if c.speaker else None)
            for c in extra_claims(doc, LEX, lambda t: True, [])]


def test_a_stance_verb_says_its_object_and_the_phrase_after_it():
    doc = _doc("""
        Okafor   NNP  nsubj  1
        touted   VBD  ROOT   1
        the      DT   det    3
        levy     NN   dobj   1
        at       IN   prep   1
        a        DT   det    6
        rally    NN   pobj   4
        .        .    punct  1
    """, {"touted": "tout"})
    assert _claims(doc) == [("touted", "the levy at a rally", "Okafor")]


def test_a_verb_of_perception_with_an_object_is_no_claim():
    doc = _doc("""
        Okafor   NNP  nsubj  1
        watched  VBD  ROOT   1
        the      DT   det    3
        parade   NN   dobj   1
        .        .    punct  1
    """, {"watched": "watch"})
    assert _claims(doc) == []


def test_a_verb_of_saying_under_go_on_is_the_subjects_report():
    doc = _doc("""
        Mensah   NNP  nsubj  1
        went     VBD  ROOT   1
        on       RP   prt    1
        to       TO   aux    4
        discuss  VB   xcomp  1
        the      DT   det    6
        tariffs  NNS  dobj   4
        .        .    punct  1
    """, {"went": "go", "discuss": "discuss", "tariffs": "tariff"})
    assert _claims(doc) == [("to discuss", "the tariffs", "Mensah")]


def test_an_intention_over_a_verb_of_saying_is_no_report():
    doc = _doc("""
        Mensah   NNP  nsubj  1
        plans    VBZ  ROOT   1
        to       TO   aux    3
        discuss  VB   xcomp  1
        the      DT   det    5
        tariffs  NNS  dobj   3
        .        .    punct  1
    """, {"plans": "plan", "discuss": "discuss"})
    assert _claims(doc) == []


def test_the_one_made_to_admit_is_the_speaker():
    doc = _doc("""
        panel    NN   nsubj  1
        forced   VBD  ROOT   1
        the      DT   det    3
        banker   NN   dobj   1
        to       TO   aux    5
        admit    VB   xcomp  1
        that     IN   mark   9
        no       DT   det    8
        one      NN   nsubj  9
        resigned VBD  ccomp  5
        .        .    punct  1
    """, {"forced": "force", "admit": "admit", "resigned": "resign"})
    assert _claims(doc) == [("to admit", "no one resigned", "the banker")]


def test_calling_on_someone_to_act_is_a_request_said():
    doc = _doc("""
        Ruiz     NNP  nsubj  1
        called   VBD  ROOT   1
        on       IN   prep   1
        the      DT   det    4
        mayor    NN   pobj   2
        to       TO   aux    6
        resign   VB   xcomp  1
        .        .    punct  1
    """, {"called": "call"})
    assert _claims(doc) == [("called on", "the mayor to resign", "Ruiz")]


def test_calling_on_without_an_act_asked_is_no_request():
    doc = _doc("""
        Ruiz     NNP  nsubj  1
        called   VBD  ROOT   1
        on       IN   prep   1
        Monday   NNP  pobj   2
        .        .    punct  1
    """, {"called": "call"})
    assert _claims(doc) == []


def test_a_promise_with_its_holder_says_its_infinitive():
    doc = _doc("""
        her      PRP$ poss   1
        promise  NN   nsubj  6
        to       TO   aux    3
        cut      VB   acl    1
        fuel     NN   compound 5
        taxes    NNS  dobj   3
        worried  VBD  ROOT   6
        .        .    punct  6
    """, {"taxes": "tax"})
    assert _claims(doc) == [("promise", "to cut fuel taxes", "her")]


def test_a_noun_of_intention_or_without_a_holder_is_no_claim():
    doc = _doc("""
        an       DT   det    1
        effort   NN   nsubj  5
        to       TO   aux    3
        cut      VB   acl    1
        taxes    NNS  dobj   3
        failed   VBD  ROOT   5
        .        .    punct  5
    """, {"taxes": "tax"})
    assert _claims(doc) == []
    doc = _doc("""
        the      DT   det    1
        promise  NN   nsubj  5
        to       TO   aux    3
        cut      VB   acl    1
        taxes    NNS  dobj   3
        failed   VBD  ROOT   5
        .        .    punct  5
    """, {"taxes": "tax"})
    assert _claims(doc) == []


def test_a_light_verb_makes_a_noun_of_claim_its_subjects():
    doc = _doc("""
        Unions   NNPS nsubj  1
        voiced   VBD  ROOT   1
        concern  NN   dobj   1
        that     IN   mark   5
        wages    NNS  nsubj  5
        fell     VBD  acl    2
        .        .    punct  1
    """, {"voiced": "voice", "wages": "wage", "fell": "fall"})
    assert _claims(doc) == [("voiced concern", "wages fell", "Unions")]


def test_a_noun_of_claim_under_a_verb_that_is_not_light_is_left():
    doc = _doc("""
        Unions   NNPS nsubj  1
        studied  VBD  ROOT   1
        concern  NN   dobj   1
        that     IN   mark   5
        wages    NNS  nsubj  5
        fell     VBD  acl    2
        .        .    punct  1
    """, {"studied": "study", "wages": "wage", "fell": "fall"})
    assert _claims(doc) == []


def test_widen_goes_on_through_the_phrase_after_the_object_but_not_past_a_comma():
    doc = _doc("""
        Ruiz     NNP  nsubj  1
        likened  VBD  ROOT   1
        the      DT   det    3
        tax      NN   dobj   1
        to       IN   prep   1
        theft    NN   pobj   4
        ,        ,    punct  1
        reporters NNS nsubj  8
        said     VBD  ccomp  1
    """, {"likened": "liken"})
    c = Claim((1, 2), (2, 4), (0, 1), 0, "act", cue_text="likened")
    (w,) = widen(doc, [c])
    assert doc[w.content[0] : w.content[1]].text == "the tax to theft"
    c = Claim((1, 2), (2, 4), (0, 1), 0, "speech", cue_text="likened")
    assert widen(doc, [c])[0].content == (2, 4)  # a clause said is not widened


def test_voting_against_a_bill_takes_a_side_on_it():
    doc = _doc("""
        Okafor   NNP  nsubj  1
        voted    VBD  ROOT   1
        against  IN   prep   1
        the      DT   det    5
        fuel     NN   compound 5
        levy     NN   pobj   2
        .        .    punct  1
    """, {"voted": "vote"})
    assert _claims(doc) == [("voted against", "the fuel levy", "Okafor")]


def test_a_phrasal_verb_is_another_verb():
    doc = _doc("""
        riots    NNS  nsubj  1
        broke    VBD  ROOT   1
        out      RP   prt    1
        with     IN   prep   1
        many     JJ   amod   5
        arrests  NNS  pobj   3
        .        .    punct  1
    """, {"broke": "break", "riots": "riot"})
    assert _claims(doc) == []


def test_an_attitude_about_something_is_its_subjects():
    doc = _doc("""
        Farmers  NNS  nsubj  1
        were     VBD  ROOT   1
        worried  JJ   acomp  1
        about    IN   prep   2
        the      DT   det    5
        drought  NN   pobj   3
        .        .    punct  1
    """, {"were": "be", "Farmers": "farmer"})
    assert _claims(doc) == [("were worried about", "the drought", "Farmers")]


def test_a_passive_attitude_with_a_clause_is_held_by_its_subject():
    doc = _doc("""
        Farmers     NNS  nsubjpass  2
        were        VBD  auxpass    2
        frustrated  VBN  ROOT       2
        that        IN   mark       5
        prices      NNS  nsubj      5
        fell        VBD  ccomp      2
        .           .    punct      2
    """, {"fell": "fall", "prices": "price"})
    assert _claims(doc) == [("frustrated", "prices fell", "Farmers")]


def test_a_court_ruling_that_says_its_clause():
    doc = _doc("""
        court    NN   nsubj  1
        ruled    VBD  ROOT   1
        that     IN   mark   5
        the      DT   det    4
        purge    NN   nsubj  5
        broke    VBD  ccomp  1
        the      DT   det    7
        law      NN   dobj   5
        .        .    punct  1
    """, {"ruled": "rule", "broke": "break"})
    assert _claims(doc) == [("ruled", "the purge broke the law", "court")]


def test_a_proposal_by_gerund_is_what_is_proposed():
    doc = _doc("""
        Ruiz      NNP  nsubj  1
        proposed  VBD  ROOT   1
        dropping  VBG  xcomp  1
        the       DT   det    4
        levy      NN   dobj   2
        .         .    punct  1
    """, {"proposed": "propose", "dropping": "drop"})
    assert _claims(doc) == [("proposed", "dropping the levy", "Ruiz")]


def test_a_sentence_opening_with_its_source_says_the_rest():
    doc = _doc("""
        In       IN   prep   5
        the      DT   det    2
        poll     NN   pobj   0
        ,        ,    punct  5
        Okafor   NNP  nsubj  5
        leads    VBZ  ROOT   5
        by       IN   prep   5
        two      CD   nummod 8
        points   NNS  pobj   6
        .        .    punct  5
    """, {"leads": "lead"})
    assert _claims(doc) == [("In", "Okafor leads by two points", "the poll")]


def test_a_sentence_opening_with_a_time_or_place_has_no_source():
    doc = _doc("""
        In       IN   prep   4
        2010     CD   pobj   0
        ,        ,    punct  4
        Okafor   NNP  nsubj  4
        ran      VBD  ROOT   4
        for      IN   prep   4
        mayor    NN   pobj   5
        .        .    punct  4
    """, {"ran": "run"})
    assert _claims(doc) == []


def test_seeing_something_as_something_is_a_judgment_but_seeing_it_is_not():
    doc = _doc("""
        Critics  NNS  nsubj  1
        saw      VBD  ROOT   1
        the      DT   det    3
        levy     NN   dobj   1
        as       IN   prep   1
        a        DT   det    6
        giveaway NN   pobj   4
        .        .    punct  1
    """, {"saw": "see", "Critics": "critic"})
    assert _claims(doc) == [("saw", "the levy as a giveaway", "Critics")]
    doc = _doc("""
        Critics  NNS  nsubj  1
        saw      VBD  ROOT   1
        the      DT   det    3
        parade   NN   dobj   1
        on       IN   prep   1
        Monday   NNP  pobj   4
        .        .    punct  1
    """, {"saw": "see", "Critics": "critic"})
    assert _claims(doc) == []


@pytest.mark.slow
def test_a_verbless_quotation_a_name_signs_is_that_persons():
    from dyads.nlp.pipeline import build_nlp

    nlp = build_nlp()
    doc = nlp("Readers wrote in.\n\u201cNo mercy, no shame, a sad day for the valley.\u201d \u2015 Dana Whitfield\n")
    assert [(q.kind, q.speaker_text) for q in doc._.dyads_quotes] == [("direct", "Dana Whitfield")]
    doc = nlp("The film is called \u201cA Sad Day in the Valley\u201d and opens Friday.")
    assert [q for q in doc._.dyads_quotes if q.kind == "direct"] == []


@pytest.mark.slow
def test_a_plural_noun_parse_of_claims_still_reports_its_clause():
    from dyads.nlp.pipeline import build_nlp

    doc = build_nlp()("But Okafor claims that he should be the exception.")
    assert [q.text for q in doc._.dyads_quotes] == ["he should be the exception"]


@pytest.mark.slow
def test_a_headline_naming_a_person_before_a_colon_and_a_quotation_gives_it_that_speaker():
    from dyads.nlp.pipeline import build_nlp

    nlp = build_nlp()
    text = "A word of advice from Dana Whitfield: 'Keep the mills open.'\n\nDana Whitfield spoke at the fair on Monday.\n"
    quotes = [(q.kind, q.text, q.speaker_text) for q in nlp(text)._.dyads_quotes]
    assert ("direct", "Keep the mills open.", "Dana Whitfield") in quotes
    text = "Mills and markets: a guide for the fair season.\n\nDana Whitfield spoke at the fair on Monday.\n"
    assert [q for q in nlp(text)._.dyads_quotes if q.cue == ":"] == []


def test_a_passive_act_with_its_agent_says_its_subject():
    doc = _doc("""
        The       DT   det        2
        fuel      NN   compound   2
        levy      NN   nsubjpass  4
        was       VBD  auxpass    4
        reported  VBN  ROOT       4
        by        IN   agent      4
        the       DT   det        7
        Courier   NNP  pobj       5
        .         .    punct      4
    """, {"reported": "report"})
    assert _claims(doc) == [("reported by", "The fuel levy", "the Courier")]
    doc = _doc("""
        The       DT   det        1
        bridge    NN   nsubjpass  3
        was       VBD  auxpass    3
        built     VBN  ROOT       3
        by        IN   agent      3
        engineers NNS  pobj       4
        .         .    punct      3
    """, {"built": "build"})
    assert _claims(doc) == []
