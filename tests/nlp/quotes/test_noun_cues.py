"""A reporting verb the parser read as a noun ("The rebels claim they hold the bridge": "claim" the
root noun, the clause its relative clause) is still a claim by the plural name before it. Negatives:
a singular name before the noun, a clause opened by a relative word, a clause without a tense."""
from __future__ import annotations

from dyads.nlp.claims import find_claims, load_reporting
from tests.docs import doc_of

LEX = load_reporting()


def rebels(name="Zarqanis", name_tag="NNP", subject="they", subject_tag="PRP", aux="are", aux_tag="VBP",
           verb_tag="VBG"):
    return doc_of(f"""
        The       DT    det      2 the      DET
        {name}    {name_tag} compound 2 {name.lower()} PROPN
        claim     NN    ROOT     2 claim    NOUN
        {subject} {subject_tag} nsubj 5 {subject.lower()} PRON
        {aux}     {aux_tag} aux  5 be       AUX
        holding   {verb_tag} relcl 2 hold   VERB
        the       DT    det      7 the      DET
        bridge    NN    dobj     5 bridge   NOUN
        .         .     punct    2 .        PUNCT
    """)


def test_a_root_noun_of_saying_after_a_plural_name_with_a_tensed_clause_is_their_claim():
    claims = find_claims(rebels(), LEX)
    assert len(claims) == 1
    c = claims[0]
    assert c.cue_text == "claim" and c.speaker == (1, 2) and c.content == (3, 8)


def test_a_singular_name_before_the_noun_makes_no_claim():
    # "The Zarqan claim they are holding ...": a claim needs "claims" after one name
    assert find_claims(rebels(name="Zarqan"), LEX) == []


def test_a_clause_opened_by_a_relative_word_describes_the_noun():
    # "The Zarqanis claim that was holding the bridge": "that" is the clause's subject
    assert find_claims(rebels(subject="that", subject_tag="WDT"), LEX) == []


def test_a_clause_without_a_tense_describes_the_noun():
    # "The Zarqanis claim them holding the bridge": no tense, no report
    doc = doc_of("""
        The       DT    det      2 the      DET
        Zarqanis  NNP   compound 2 zarqanis PROPN
        claim     NN    ROOT     2 claim    NOUN
        them      PRP   nsubj    4 they     PRON
        holding   VBG   relcl    2 hold     VERB
        the       DT    det      6 the      DET
        bridge    NN    dobj     4 bridge   NOUN
        .         .     punct    2 .        PUNCT
    """)
    assert find_claims(doc, LEX) == []
