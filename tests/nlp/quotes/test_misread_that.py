"""A that-clause the tagger misread: 'that' as an adverb and the clause as an adverbial one hung on
the verb of saying ("Ruiz tweeted in the night that Lopez was a fraud") is still what was said.
Negatives: 'so that' (a purpose, its 'that' a marker) and a clause without a subject. Hand-built
Docs, so the parse is the one the rule is about."""
from __future__ import annotations

from dyads.nlp.claims import find_claims, load_reporting
from tests.docs import doc_of

LEX = load_reporting()


def tweeted(that_dep="advmod", subject="Lopez", subject_dep="nsubj"):
    return doc_of(f"""
        Ruiz      NNP  nsubj    1 ruiz     PROPN
        tweeted   VBD  ROOT     1 tweet    VERB
        in        IN   prep     1 in       ADP
        the       DT   det      4 the      DET
        night     NN   pobj     2 night    NOUN
        that      {"IN" if that_dep == "mark" else "RB"} {that_dep} 7 that {"SCONJ" if that_dep == "mark" else "ADV"}
        {subject} NNP  {subject_dep} 7 {subject.lower()} PROPN
        was       VBD  advcl    1 be       AUX
        a         DT   det      9 a        DET
        fraud     NN   attr     7 fraud    NOUN
        .         .    punct    1 .        PUNCT
    """)


def test_a_that_the_tagger_read_as_an_adverb_still_opens_what_was_said():
    [c] = find_claims(tweeted(), LEX)
    assert c.cue == (1, 2) and c.speaker == (0, 1)
    assert c.content[1] == 10 and c.content[0] in (5, 6)  # 'that Lopez was a fraud'


def test_a_that_marking_a_purpose_opens_nothing_said():
    # 'so that' or 'in order that': the clause is marked, and it says why, not what
    assert find_claims(tweeted(that_dep="mark"), LEX) == []


def test_a_clause_without_a_subject_is_not_what_was_said():
    assert find_claims(tweeted(subject_dep="dep"), LEX) == []
