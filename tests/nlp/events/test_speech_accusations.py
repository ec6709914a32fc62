"""Reported clauses that accuse, and warnings of retaliation. Sentences written for these tests.

- a wrongful act below the reported clause's verb ("said Y was the one breaching the law",
  "said Y played a part in fomenting the riots") accuses Y, even when what describes Y names
  another act ("Y, which it has fought for years, ...");
- not when the clause only tells what was done to Y, or has a subject of its own;
- "X warned that Z would respond to any Y strikes": X threatens Y.
"""
from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def analyzer():
    from dyads import Analyzer

    return Analyzer()


def relations(analyzer, text):
    r = analyzer.analyze(text)
    names = {a.id: a.name for a in r.actors}
    return {(names[x.source], names[x.target]): x.polarity for x in r.relations}


def events(analyzer, text):
    r = analyzer.analyze(text)
    names = {a.id: a.name for a in r.actors}
    return {(e.category, names.get(e.source), names.get(e.target)) for e in r.events}


@pytest.mark.parametrize("text", [
    "Venezuela's envoy claimed Colombia was the one violating international law.",
    "Venezuela said that Colombia, which it has fought for years, played a key role in fomenting the riots.",
])
def test_a_wrongful_act_told_of_an_actor_accuses_it(analyzer, text):
    rel = relations(analyzer, text)
    assert rel.get(("Venezuela", "Colombia"), 0) < 0, rel


@pytest.mark.parametrize("text", [
    "Venezuela said that Colombia played a key role in the talks.",
    "Venezuela said that Pedro Ramos had been part of a convoy when he was killed by a drone attack.",
])
def test_no_accusation_without_a_wrongful_act_of_the_actors_own(analyzer, text):
    assert not any(pol < 0 and p[0] == "Venezuela" for p, pol in relations(analyzer, text).items())


@pytest.mark.parametrize("text", [
    "The general warned that Caracas would respond to any Colombian strikes.",
    "The minister vowed to retaliate against Colombia.",
])
def test_a_warning_of_retaliation_threatens_whom_it_answers(analyzer, text):
    ev = events(analyzer, text)
    assert any(c == "THREATEN" and t == "Colombia" and s not in (None, "Colombia") for c, s, t in ev), ev


@pytest.mark.parametrize("text", [
    "Venezuela warned that it would not respond to Colombian provocations.",
    "Peru said that Chile responded to Bolivian criticism.",
    "The general warned that Caracas had responded to Colombian strikes.",
])
def test_no_threat_without_an_announced_answer(analyzer, text):
    assert not any(c == "THREATEN" for c, _, _ in events(analyzer, text))



@pytest.mark.parametrize("text", [
    "Peru likened Bolivia to a rogue regime.",
    "Hezbollah, which compares Chile to an apartheid state, backed the motion.",
])
def test_likening_an_actor_to_something_condemned_accuses_it(analyzer, text):
    ev = events(analyzer, text)
    assert any(c == "ACCUSE" and t in ("Bolivia", "Chile") for c, s, t in ev), ev


@pytest.mark.parametrize("text", [
    "Peru compared Bolivia to Chile.",
    "Peru did not liken Bolivia to a rogue regime.",
])
def test_a_plain_or_negated_comparison_accuses_no_one(analyzer, text):
    assert not any(c == "ACCUSE" for c, _, _ in events(analyzer, text))


def test_standing_up_to_an_actor_is_hostile_and_a_vow_to_do_it_a_threat(analyzer):
    assert relations(analyzer, "Peru stood up to Chile during the talks.").get(("Peru", "Chile"), 0) < 0
    ev = events(analyzer, "The Peruvian opposition vowed to stand up to Chile.")
    assert not any(c == "AGREE" for c, _, _ in ev), ev
    assert not relations(analyzer, "The senator stood up to speak.")


@pytest.mark.parametrize("text", [
    "Peru has threatened to leave the talks if Chile goes ahead with the planned deployment.",
    "Peru threatened to close the border unless Chile pays.",
])
def test_a_threats_condition_names_whom_it_is_aimed_at(analyzer, text):
    assert ("THREATEN", "Peru", "Chile") in events(analyzer, text)


@pytest.mark.parametrize("text", [
    "Peru said it would leave if Chile deployed missiles.",
    "Peru did not threaten to leave the talks if Chile deployed missiles.",
])
def test_no_threat_at_a_condition_without_a_threat(analyzer, text):
    assert ("THREATEN", "Peru", "Chile") not in events(analyzer, text)


@pytest.mark.parametrize("text", [
    "Peru urged Brazil to impose sanctions on Chile.",
    "Peru asked Brazil to attack Chile.",
    "Peru called on Brazil to show some courage and stand up to Chile.",
])
def test_asking_for_a_hostile_act_disapproves_of_its_target(analyzer, text):
    assert ("ACCUSE", "Peru", "Chile") in events(analyzer, text)


@pytest.mark.parametrize("text", [
    "Peru urged Brazil not to attack Chile.",
    "Peru urged Brazil to help Chile.",
    "Peru did not call for sanctions against Chile.",
])
def test_no_disapproval_when_the_asked_act_is_not_hostile_or_not_asked(analyzer, text):
    assert ("ACCUSE", "Peru", "Chile") not in events(analyzer, text)


def test_a_party_expecting_a_friendly_act_of_another_requests_it(analyzer):
    ev = events(analyzer, "Brazil expects the Argentine authorities to protect Brazilian citizens.")
    assert any(c == "REQUEST" and s == "Brazil" and t != "Brazil" for c, s, t in ev), ev


@pytest.mark.parametrize("text", [
    "Brazil expects Argentina to attack Chile.",  # foreseen, not asked
    "Analysts expect Chile to help Peru.",  # no party expects
    "Brazil expects that Argentina will help Peru.",
    "Brazil does not expect Argentina to help Peru.",
])
def test_no_request_in_a_forecast(analyzer, text):
    assert not any(c == "REQUEST" for c, _, _ in events(analyzer, text))


def test_asking_one_to_stop_fighting_on_a_side_opposes_that_side(analyzer):
    ev = events(analyzer, "Venezuela has asked the militias to stop fighting alongside Colombia.")
    assert ("ACCUSE", "Venezuela", "Colombia") in ev, ev


@pytest.mark.parametrize("text", [
    "Venezuela has asked the militias to keep fighting alongside Colombia.",    # not a stop
    "Venezuela has asked the militias to stop fighting over Colombia's wells.",  # no side left
    "Venezuela has not asked the militias to stop fighting alongside Colombia.",  # no request
])
def test_no_opposition_without_a_stop_of_siding_with_someone(analyzer, text):
    ev = events(analyzer, text)
    assert not any(c == "ACCUSE" and s == "Venezuela" and t == "Colombia" for c, s, t in ev), ev
