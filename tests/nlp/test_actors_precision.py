"""Rule tests of what makes no actor: a continent's or a language's word the recogniser takes for
a people, and a speaker phrase headed by a text ("a statement said"). Own invented sentences."""
from __future__ import annotations

import pytest

from dyads.nlp.kb import Entry, KnowledgeBase
from docs import build, run_actors

KB = KnowledgeBase([
    Entry("country:IRN", "Iran", "country", country="IRN", demonyms=["Iranian"]),
])


def actor_names(spec: str) -> list[str]:
    doc = build(spec)
    run_actors(doc, KB)
    return [a.name for a in doc._.dyads_actors]


def test_continent_adjective_is_no_actor():
    names = actor_names('''
        The        DT   det     2
        Caribbean  JJ   amod    2  B-NORP
        champions  NNS  nsubj   3
        won        VBD  ROOT    3
        .          .    punct   3
    ''')
    assert "Caribbean" not in names


def test_language_is_no_actor():
    names = actor_names('''
        He         PRP  nsubj   1
        wrote      VBD  ROOT    1
        in         IN   prep    1
        Farsi      NNP  pobj    2  B-NORP
        .          .    punct   1
    ''')
    assert "Farsi" not in names


def test_a_people_the_knowledge_base_lacks_stays_an_actor():
    # negative case: an unknown people's name is still an actor
    names = actor_names('''
        The        DT   det     1
        Zorvani    NNPS nsubj   2  B-NORP
        marched    VBD  ROOT    2
        .          .    punct   2
    ''')
    assert "Zorvani" in names


slow = pytest.mark.slow


@pytest.fixture(scope="module")
def analyzer():
    from dyads import Analyzer

    return Analyzer()


@slow
def test_a_statement_speaking_is_no_actor(analyzer):
    r = analyzer.analyze("A statement issued on Monday said the harbour would reopen within a week.")
    assert not any(a.name.lower().endswith("statement") for a in r.actors)
    assert any((q.speaker_text or "").lower().endswith("statement") for q in r.quotes)


@slow
def test_analysts_speaking_are_an_actor(analyzer):
    # negative case: persons known by description still become actors
    r = analyzer.analyze("Several analysts said the harbour would reopen within a week.")
    assert any("analysts" in a.name.lower() for a in r.actors)


def test_country_as_a_yardstick_is_no_actor():
    names = actor_names('''
        The        DT   det     1
        lake       NN   nsubj   2
        is         VBZ  ROOT    2
        similar    JJ   acomp   2
        in         IN   prep    3
        size       NN   pobj    4
        to         IN   prep    3
        Iran       NNP  pobj    6  B-GPE
        .          .    punct   2
    ''')
    assert "Iran" not in names


def test_country_compared_as_a_party_stays_an_actor():
    # negative case: "talks similar to ..." aside, a country spoken to is an actor
    names = actor_names('''
        Envoys     NNS  nsubj   1
        spoke      VBD  ROOT    1
        to         IN   prep    1
        Iran       NNP  pobj    2  B-GPE
        .          .    punct   1
    ''')
    assert "Iran" in names


def test_name_does_not_end_in_a_lowercase_word_or_run_across_a_quote():
    from dyads.nlp.mentions import names_an_actor

    cut = build('''
        Unidad     NNP  compound 2  B-ORG
        de         NNP  compound 2  I-ORG
        .          .    ROOT     2
    ''')
    assert not names_an_actor(cut[0:2])
    quoted = build('''
        Mara       NNP  compound 2  B-PERSON
        \u201c     ``   punct    2  I-PERSON
        Vell       NNP  ROOT     2  I-PERSON
    ''')
    assert not names_an_actor(quoted[0:3])
    # negative case: a particle inside, a capitalised last word
    whole = build('''
        Bureau     NNP  ROOT     0  B-ORG
        of         IN   prep     0  I-ORG
        Harbours   NNP  pobj     1  I-ORG
    ''')
    assert names_an_actor(whole[0:3])
    # negative case: a name the recogniser cut after an English function word stays a name
    cut_short = build('''
        Office     NNP  ROOT     0  B-ORG
        of         IN   prep     0  I-ORG
        Roads      NNP  pobj     1  I-ORG
        and        CC   cc       2  I-ORG
    ''')
    assert names_an_actor(cut_short[0:4])


def test_weapon_designation_is_no_name():
    from dyads.nlp.mentions import names_an_actor

    doc = build('''
        Zorvan     NNP  compound 1  B-ORG
        Ka-52      NNP  ROOT     1  I-ORG
    ''')
    assert not names_an_actor(doc[0:2])
    single = build('''
        G-20       NNP  ROOT     0  B-ORG
    ''')
    assert names_an_actor(single[0:1])  # negative case: a group called by a letter and a number


@slow
def test_relative_phrase_speaking_is_no_actor(analyzer):
    r = analyzer.analyze("Aid came from Norway, whose people have said for years that the valley must be rebuilt.")
    assert not any(a.name.lower().startswith("whose") for a in r.actors)


@slow
def test_apposition_speaking_is_the_named_one(analyzer):
    r = analyzer.analyze("The walkout was led by Ghana, a founding member, which argued that the vote broke the charter.")
    assert not any("member" in a.name.lower() for a in r.actors)


@slow
def test_description_speaking_alone_stays_an_actor(analyzer):
    # negative case: no name beside it, the description is its own actor
    r = analyzer.analyze("A founding member argued that the vote broke the charter.")
    assert any("member" in a.name.lower() for a in r.actors)
