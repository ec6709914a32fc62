"""Speakers across an article: a participle of saying speaks for the subject of its clause, a
role ('the senator') refers back to the person introduced with that office, 'it said' keeps its
words when no group before it is found, and signed quotations in an interview of several people.
Hand-built Docs where the rule needs no actors; articles written for these tests, with the model,
where it does (slow). Negatives: a vice president is not 'the president', a role no one was
introduced with stays a description, a noun near a name is no title."""
from __future__ import annotations

import pytest

from dyads.nlp.claims import Claim
from dyads.nlp.doc import QuoteInfo
from dyads.nlp.quotes.discourse import _roles_around
from dyads.nlp.quotes.speakers import participle_speaker
from tests.docs import build

slow = pytest.mark.slow


def _participle(rows, cue):
    doc = build(rows)
    q = QuoteInfo("indirect", 0, 1, "")
    participle_speaker(doc, q, Claim((cue, cue + 1), (cue + 1, len(doc)), None, None, "speech"), set())
    return q.speaker_text


def test_a_participle_after_a_comma_speaks_for_the_clauses_subject():
    assert _participle("""
        Okafor    NNP  nsubj  1  B-PERSON
        left      VBD  ROOT   1
        ,         ,    punct  1
        saying    VBG  advcl  1
        talks     NNS  nsubj  5
        failed    VBD  ccomp  3
    """, 3) == "Okafor"


def test_a_participle_after_by_climbs_through_the_preposition():
    assert _participle("""
        Mensah    NNP  nsubj  1  B-PERSON
        began     VBD  ROOT   1
        by        IN   prep   1
        saying    VBG  pcomp  2
        rents     NNS  nsubj  5
        rose      VBD  ccomp  3
    """, 3) == "Mensah"


def test_a_participle_describing_a_noun_is_that_nouns():
    assert _participle("""
        They      PRP  nsubj  1
        issued    VBD  ROOT   1
        a         DT   det    3
        statement NN   dobj   1
        saying    VBG  acl    3
        rents     NNS  nsubj  6
        rose      VBD  ccomp  4
    """, 4) == "a statement"


def test_a_finite_verb_is_no_participle():
    assert _participle("""
        Okafor    NNP  nsubj  1  B-PERSON
        left      VBD  ROOT   1
        and       CC   cc     1
        said      VBD  conj   1
        talks     NNS  nsubj  5
        failed    VBD  ccomp  3
    """, 3) is None


def test_a_title_before_a_name_is_its_office():
    doc = build("""
        Sen.      NNP  compound  2
        Ada       NNP  compound  2  B-PERSON
        Ruiz      NNP  nsubj     3  I-PERSON
        spoke     VBD  ROOT      3
    """)
    assert _roles_around(doc, 1, 3) == {"senator"}


def test_a_vice_president_is_not_the_president():
    doc = build("""
        Vice       NNP  compound  1
        President  NNP  compound  3
        Ada        NNP  compound  3  B-PERSON
        Ruiz       NNP  nsubj     4  I-PERSON
        spoke      VBD  ROOT      4
    """)
    assert "president" not in _roles_around(doc, 2, 4)


def test_a_noun_before_a_name_across_a_preposition_is_no_title():
    doc = build("""
        a          DT   det       1
        source     NN   nsubj     5
        close      JJ   amod      1
        to         IN   prep      2
        Ruiz       NNP  pobj      3  B-PERSON
        said       VBD  ROOT      5
    """)
    assert _roles_around(doc, 4, 5) == set()


# ------------------------------------------------------------------ articles (with the model)


@pytest.fixture(scope="module")
def analyzer():
    from dyads import Analyzer

    return Analyzer()


def _speakers(analyzer, text):
    r = analyzer.analyze(text)
    names = {a.id: a.name for a in r.actors}
    return [(q.text, names.get(q.speaker), q.speaker_text) for q in r.quotes]


def _who_said(speakers, needle):
    found = [s for s in speakers if needle in s[0]]
    assert found, speakers
    return found[0][1]


INTERVIEW = (
    "Sen. Marta Villanueva opened the hearing on the harbour toll on Tuesday. Beside her sat Tomasz "
    "Brandt, the port's director, who had flown in from Gdansk.\n"
    "Brandt said the toll would pay for dredging the channel within three years.\n"
    "The committee then heard from residents of the waterfront.\n"
    "\u201cThe toll falls on fishermen who earn the least,\u201d the senator said.\n"
    "Villanueva left the room early, saying the committee would vote next month.\n"
)


@slow
def test_an_office_three_paragraphs_on_is_the_person_introduced_with_it(analyzer):
    speakers = _speakers(analyzer, INTERVIEW)
    assert _who_said(speakers, "falls on fishermen") == "Marta Villanueva"


@slow
def test_a_participle_three_paragraphs_on_speaks_for_its_clauses_subject(analyzer):
    speakers = _speakers(analyzer, INTERVIEW)
    assert _who_said(speakers, "vote next month") == "Marta Villanueva"
    assert _who_said(speakers, "dredging the channel") == "Tomasz Brandt"


@slow
def test_an_office_no_one_was_introduced_with_stays_a_description(analyzer):
    text = ("Marta Villanueva opened the hearing on Tuesday.\n"
            "\u201cThe toll falls on fishermen who earn the least,\u201d the governor said.\n")
    speakers = _speakers(analyzer, text)
    assert _who_said(speakers, "falls on fishermen") != "Marta Villanueva"


@slow
def test_signed_answers_of_several_readers_each_take_their_name(analyzer):
    text = ("We asked readers what the new bridge means to them.\n"
            "\u201cI cross it twice a day and it saves me an hour.\u201d \u2015 Lucia Ferraro\n"
            "\u201cThe old ferry was slower but it was ours.\u201d \u2015 Dmitri Volkov\n"
            "\u201cNobody asked the people on the island what they wanted.\u201d \u2014 Amara Osei\n")
    speakers = _speakers(analyzer, text)
    assert _who_said(speakers, "saves me an hour") == "Lucia Ferraro"
    assert _who_said(speakers, "ferry was slower") == "Dmitri Volkov"
    assert _who_said(speakers, "Nobody asked") == "Amara Osei"


@slow
def test_it_said_keeps_its_words_when_no_group_stands_behind_it(analyzer):
    speakers = _speakers(analyzer, "Mayor Ellen Park spoke first. It said the attack on the town was illegal.")
    found = [s for s in speakers if "attack on the town" in s[0]]
    assert found and found[0][1] is None and found[0][2] == "It"


@slow
def test_a_relative_pronoun_that_speaks_is_a_mention_of_its_antecedent(analyzer):
    text = ("The port's director, Tomasz Brandt, who said the toll would pay for dredging the channel, "
            "left for Gdansk on Tuesday.")
    r = analyzer.analyze(text)
    brandt = next(a for a in r.actors if a.name == "Tomasz Brandt")
    who = text.index("who")
    assert any(m.start == who and m.text == "who" for m in brandt.mentions)
    q = next(q for q in r.quotes if "dredging" in q.text)
    assert q.speaker == brandt.id


@slow
def test_a_relative_pronoun_that_is_not_the_speaker_is_no_mention(analyzer):
    # 'whom' is the object of the relative clause: the one spoken of, not the speaker
    text = "Tomasz Brandt, whom the council said it would sue, left for Gdansk on Tuesday."
    r = analyzer.analyze(text)
    brandt = next(a for a in r.actors if a.name == "Tomasz Brandt")
    assert not any(m.text == "whom" for m in brandt.mentions)
