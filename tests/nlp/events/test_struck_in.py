"""The place a blow falls in (dyads.nlp.events.nominal: `_struck_in`, `_standing`), on sentences the
team wrote. A country named only as a place ("in Cameroon") is no actor of the actors component's;
a blow with no named victim that falls in it makes the country's actor itself. "in X" may hang on
the author's name in the parse ("attacks by the group X in Cameroon"): it is still where the blow
fell. No author, no side; the author's own country is not its victim.
"""
from __future__ import annotations

import pytest


@pytest.fixture(scope="module")
def analyzer():
    from dyads.nlp.pipeline import Analyzer

    return Analyzer()


def _rows(analyzer, text):
    r = analyzer.analyze(text)
    names = {a.id: a.name for a in r.actors}
    return [(e.category, names.get(e.source), names.get(e.target)) for e in r.events]


@pytest.mark.slow
def test_a_country_named_only_as_the_place_of_a_blow_is_its_victim(analyzer):
    rows = _rows(analyzer, "Farmers fled after raids by the Nigerian group Boko Haram in Cameroon last month.")
    assert ("ASSAULT", "Boko Haram", "Cameroon") in rows
    assert not any(t == "Nigeria" for c, _, t in rows if c == "ASSAULT")


@pytest.mark.slow
def test_a_light_verb_blow_inside_a_country_strikes_it(analyzer):
    rows = _rows(analyzer, "Boko Haram launched a surprise attack inside Niger last month.")
    assert ("ASSAULT", "Boko Haram", "Niger") in rows


@pytest.mark.slow
def test_a_blow_in_the_authors_own_country_has_no_victim_there(analyzer):
    rows = _rows(analyzer, "Raids by the Kenyan army in Kenya rose this year.")
    assert not any(t == "Kenya" for c, _, t in rows if c == "ASSAULT")


@pytest.mark.slow
def test_an_attack_with_no_author_has_no_sides(analyzer):
    rows = _rows(analyzer, "The attack on the convoy in Cameroon killed four drivers.")
    assert not any(s is not None and t is not None for c, s, t in rows if c == "ASSAULT")


@pytest.mark.slow
def test_a_country_made_weapon_is_no_attack_by_it(analyzer):
    rows = _rows(analyzer, "Police found a Russian-made rifle in a house in Cameroon.")
    assert not any(s == "Russia" for c, s, _ in rows if c == "ASSAULT")


@pytest.mark.slow
def test_a_passive_relative_clause_tells_the_victim_of_its_noun(analyzer):
    rows = _rows(analyzer, "Her brother, Omar Haddad, who was shot dead by Serbian forces, was buried on Friday.")
    assert ("ASSAULT", "Serbia", "Omar Haddad") in rows


@pytest.mark.slow
def test_an_active_relative_clause_names_the_author_not_the_victim(analyzer):
    rows = _rows(analyzer, "Serbian officials said the gunmen, who attacked Kosovo police, had fled.")
    assert not any(t == "gunmen" for c, _, t in rows if c == "ASSAULT")
