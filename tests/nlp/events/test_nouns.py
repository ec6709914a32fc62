"""Events named by nouns (dyads.nlp.events: nouns.py, dyads_nouns.py, nominal.py), on sentences the team wrote.

Model-free: the dyad pairs of a noun ("the Armenia-Azerbaijan war", "fighting between X and Y") and
whose subject authors an event noun, on hand-built parses (tests/docs.py). With the model (slow): the
author a noun phrase names beats the subject of an unrelated verb, casualty verbs take the author of
the act they happened in, and places are never sources.
"""
from __future__ import annotations

import pytest

from dyads.nlp.events.dyads_nouns import between_pair, dyad_hit, hyphen_pair
from dyads.nlp.events.lexicon import load_triggers
from dyads.nlp.events.nominal import event_sources, instrument_sources
from dyads.nlp.events.nouns import match_noun_trigger

from docs import build


def _hyphen_war():
    # "The Armenia-Azerbaijan war ended ."
    return build('''
        The         DT    det       4
        Armenia     NNP   compound  3  B-GPE
        -           HYPH  punct     3
        Azerbaijan  NNP   compound  4  B-GPE
        war         NN    nsubj     5
        ended       VBD   ROOT      5
        .           .     punct     5
    ''')


def test_hyphened_pair_before_a_war_noun_is_a_dyad():
    doc = _hyphen_war()
    a, b = hyphen_pair(doc[4])
    assert (a.text, b.text) == ("Armenia", "Azerbaijan")
    hit = dyad_hit(doc[4])
    assert hit.category == "ASSAULT" and hit.polarity == -1
    assert hit.source.text == "Armenia" and hit.target.text == "Azerbaijan" and hit.nominal
    # the noun matcher answers with the pair first
    got = match_noun_trigger(doc[4], load_triggers())
    assert got.source.text == "Armenia" and got.target.text == "Azerbaijan"


def test_talks_between_two_named_sides_are_a_consultation():
    # "The talks between Kenya and Somalia resumed ."
    doc = build('''
        The      DT   det    1
        talks    NNS  nsubj  6
        between  IN   prep   1
        Kenya    NNP  pobj   2  B-GPE
        and      CC   cc     3
        Somalia  NNP  conj   3  B-GPE
        resumed  VBD  ROOT   6
        .        .    punct  6
    ''')
    a, b = between_pair(doc[1])
    assert (a.text, b.text) == ("Kenya", "Somalia")
    hit = dyad_hit(doc[1])
    assert hit.category == "CONSULT" and hit.polarity == 0


def test_no_dyad_without_a_dyad_noun_or_a_pair():
    # "the Kenya-Somalia border": a border is no act
    doc = build('''
        the      DT    det       4
        Kenya    NNP   compound  3  B-GPE
        -        HYPH  punct     3
        Somalia  NNP   compound  4  B-GPE
        border   NN    ROOT      4
    ''')
    assert dyad_hit(doc[4]) is None
    # "the war between rebels": one side only
    doc = build('''
        the      DT   det   1
        war      NN   ROOT  1
        between  IN   prep  1
        rebels   NNS  pobj  2
    ''')
    assert between_pair(doc[1]) is None and dyad_hit(doc[1]) is None
    # "a pro - Kenya war" spaced dashes are not a compound pair; lowercase words are no sides
    doc = build('''
        the     DT    det       4
        border  NN    compound  3
        -       HYPH  punct     3
        town    NN    compound  4
        war     NN    ROOT      4
    ''')
    assert hyphen_pair(doc[4]) is None


class _Finder:
    """What event_sources asks of the events component: the actors a token names."""

    def __init__(self, names):
        self.names = names

    def _actors_of(self, tok):
        return [self.names[tok.i]] if tok is not None and tok.i in self.names else []


class _Hit:
    def __init__(self, source=None, nominal=True):
        self.source, self.nominal = source, nominal


def _recorded():
    # "The monitor recorded twenty raids ."
    return build('''
        The       DT   det     1
        monitor   NN   nsubj   2
        recorded  VBD  ROOT    2
        twenty    CD   nummod  4
        raids     NNS  dobj    2
        .         .    punct   2
    ''')


def test_a_noun_under_a_verb_of_record_has_no_author():
    doc = _recorded()
    lex = load_triggers()
    assert event_sources(_Finder({1: "A1"}), doc[4], doc[2], _Hit(), lex) == []


def test_a_noun_under_a_verb_that_carries_the_act_on_takes_its_subject():
    # "Kenya intensified its raids ."
    doc = build('''
        Kenya        NNP   nsubj  1  B-GPE
        intensified  VBD   ROOT   1
        its          PRP$  poss   3
        raids        NNS   dobj   1
        .            .     punct  1
    ''')
    lex = load_triggers()
    assert event_sources(_Finder({0: "A1"}), doc[3], doc[1], _Hit(), lex) is None  # the subject rules decide


def test_the_author_the_noun_phrase_names_comes_first():
    doc = _recorded()
    lex = load_triggers()
    # as if "twenty" named an actor ("twenty Kenyan raids": the modifier)
    assert event_sources(_Finder({3: "A2", 1: "A1"}), doc[4], doc[2], _Hit(source=doc[3]), lex) == ["A2"]
    # verbs are left to the subject rules
    assert event_sources(_Finder({1: "A1"}), doc[2], doc[2], _Hit(nominal=False), lex) is None


# ------------------------------------------------------------------ with the model

@pytest.fixture(scope="module")
def analyzer():
    from dyads import Analyzer

    return Analyzer()


def _rows(analyzer, text):
    r = analyzer.analyze(text)
    names = {a.id: a.name for a in r.actors}
    return [(e.category, names.get(e.source), names.get(e.target)) for e in r.events], r, names


@pytest.mark.slow
def test_modifier_author_beats_the_reporting_subject(analyzer):
    rows, _, _ = _rows(analyzer, "The monitor said it had counted 20 Turkish raids on Iraqi territory this year.")
    assert ("ASSAULT", "Turkey", "Iraq") in rows
    assert not any(s == "monitor" for _, s, _ in rows)


@pytest.mark.slow
def test_casualty_verb_takes_the_author_of_the_offensive(analyzer):
    rows, _, _ = _rows(analyzer, "Dozens of Kurds have been killed in the Turkish offensive.")
    assert ("ASSAULT", "Turkey", "Kurds") in rows


@pytest.mark.slow
def test_hyphened_war_joins_both_sides(analyzer):
    rows, r, names = _rows(analyzer, "Thousands fled during the Armenia-Azerbaijan war.")
    assert ("ASSAULT", "Armenia", "Azerbaijan") in rows
    assert any({names[x.source], names[x.target]} == {"Armenia", "Azerbaijan"} for x in r.relations)


@pytest.mark.slow
def test_a_town_under_attack_stands_for_its_state(analyzer):
    rows, _, _ = _rows(analyzer, "Iraq protested after Turkish jets bombed Mosul on Sunday.")
    assert ("ASSAULT", "Turkey", "Iraq") in rows
    # the state's own forces in its own town: the town stays
    rows, _, _ = _rows(analyzer, "Iraqi troops shelled Mosul on Sunday.")
    assert ("ASSAULT", "Iraq", "Iraq") not in rows


@pytest.mark.slow
def test_a_dateline_place_is_no_source(analyzer):
    rows, _, _ = _rows(analyzer, "Nairobi – Hundreds of students have joined a protest outside the embassy.")
    assert not any(s == "Nairobi" for _, s, _ in rows)


@pytest.mark.slow
def test_vague_victims_are_no_target(analyzer):
    rows, _, _ = _rows(analyzer, "Rebel fighters killed three people in the market.")
    assert not any(t == "people" for _, _, t in rows)


@pytest.mark.slow
def test_a_base_of_a_named_state_stands_for_it(analyzer):
    rows, _, _ = _rows(analyzer, "Britain condemned Iran. Last year, Iran fired missiles at a British base in Iraq.")
    assert ("ASSAULT", "Iran", "United Kingdom") in rows


@pytest.mark.slow
def test_a_known_war_stays_asserted_in_a_hypothetical_clause(analyzer):
    r = analyzer.analyze("Diplomats fear the unrest could see Kenya's war on Somalia spread to Uganda.")
    names = {a.id: a.name for a in r.actors}
    war = [e for e in r.events if e.category == "ASSAULT" and names.get(e.source) == "Kenya"]
    assert war and war[0].modality == "asserted"
    r = analyzer.analyze("The planned Kenyan offensive on Somalia could begin next month.")
    assert all(e.modality != "asserted" for e in r.events if e.category == "ASSAULT")


@pytest.mark.slow
def test_the_subject_of_a_verb_of_undergoing_is_the_target(analyzer):
    # (a people's villagers are a community actor of their own: nlp/coref_groups.py)
    rows, _, _ = _rows(analyzer, "Kurdish villagers have faced regular harassment by Turkish police.")
    assert ("COERCE", "Turkish police", "Kurdish villagers") in rows
    rows, _, _ = _rows(analyzer, "The Iraqi army came under attack from ISIL fighters.")
    assert any(c == "ASSAULT" and t == "Iraqi army" for c, _, t in rows)
    # a verb of record says nothing of who underwent it
    rows, _, _ = _rows(analyzer, "Kurdish villagers have documented harassment by Turkish police.")
    assert not any(t in ("Kurds", "Kurdish villagers") for _, _, t in rows)


@pytest.mark.slow
def test_a_relative_clause_tells_the_blow_of_its_noun(analyzer):
    rows, _, _ = _rows(analyzer, "Somalia has faced a fierce response by Kenya which has killed 300 people in Somalia.")
    assert ("ASSAULT", "Kenya", "Somalia") in rows


def test_only_a_verbs_own_blow_takes_an_instrument_author():
    # "the Somali faction that controls Kismayo": a relative clause, but the event is a noun's
    doc = build('''
        the       DT   det       2
        Somali    JJ   amod      2  B-NORP
        faction   NN   ROOT      2
        that      WDT  nsubj     4
        controls  VBZ  relcl     2
        Kismayo   NNP  dobj      4  B-GPE
    ''')
    lex = load_triggers()
    assert instrument_sources(_Finder({1: "A1"}), doc[2], lex) == []  # a noun: not a blow of its own
    assert instrument_sources(_Finder({1: "A1"}), doc[4], lex) == ["A1"]  # the verb of the clause


@pytest.mark.slow
def test_the_named_author_in_apposition_beats_its_kind(analyzer):
    rows, _, _ = _rows(analyzer, "The raid answered attacks by the Somali group al-Shabab in Kenya last week.")
    assert ("ASSAULT", "Al-Shabaab", "Kenya") in rows
    assert not any(t == "Somalia" for c, _, t in rows if c == "ASSAULT")


@pytest.mark.slow
def test_a_named_war_in_reported_speech_is_not_the_speakers_claim(analyzer):
    r = analyzer.analyze("The ministry said shipping had come under fire since the Armenia-Azerbaijan war began.")
    names = {a.id: a.name for a in r.actors}
    war = [e for e in r.events if names.get(e.source) == "Armenia" and names.get(e.target) == "Azerbaijan"]
    assert war and war[0].claimed_by is None
