"""Speech acts toward actors: welcoming an actor's fall, "the latter"/"the former" as the speaker,
and a past act told inside a demand. Sentences written for these tests."""
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


@pytest.mark.parametrize("text", [
    "Kenya on Sunday hailed Ouattara's removal.",
    "Ghana welcomed the arrest of Ouattara.",
    "Ghana gave strong support for Ouattara's ousting.",
])
def test_welcoming_an_actors_fall_is_hostile_to_them(analyzer, text):
    rel = relations(analyzer, text)
    hostile = [p for p, pol in rel.items() if p[1] == "Ouattara" and pol < 0]
    assert hostile, rel
    assert not any(p[1] == "Ouattara" and pol > 0 for p, pol in rel.items()), rel


@pytest.mark.parametrize("text", [
    "Kenya hailed Ouattara's victory.",
    "Ghana gave strong support for Ouattara.",
    "Spain praised Portugal.",
])
def test_praise_without_a_fall_stays_friendly(analyzer, text):
    rel = relations(analyzer, text)
    assert rel and all(pol > 0 for pol in rel.values()), rel


def test_a_condemnation_of_no_actor_makes_no_relation(analyzer):
    assert relations(analyzer, "The Argentine foreign minister criticised the attack.") == {}


def test_a_negated_condemnation_makes_no_relation(analyzer):
    assert relations(analyzer, "Spain did not condemn Portugal.") == {}


def test_the_latter_is_the_last_actor_named(analyzer):
    rel = relations(analyzer, "Chile accused Argentina of staging the walkout, and the latter accused Brazil of lying.")
    assert rel.get(("Argentina", "Brazil"), 0) < 0, rel
    assert ("Chile", "Brazil") not in rel, rel


def test_a_past_act_in_a_demands_clause_of_time_is_narrated(analyzer):
    rel = relations(analyzer, "Peru demanded that Chile explain itself after the latter accused Bolivia of staging the walkout.")
    assert rel.get(("Chile", "Bolivia"), 0) < 0, rel


def test_an_act_a_speaker_says_happened_stays_the_speakers_claim(analyzer):
    # "said", not a demand: what follows "after" is still what Peru says, no relation of Chile's
    rel = relations(analyzer, "Peru said that Chile left the talks after Bolivia accused Argentina of lying.")
    assert ("Bolivia", "Argentina") not in rel, rel
