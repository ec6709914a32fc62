"""Standing ties on the model's own parses (invented sentences): a group its backer describes, a
backing relative clause, a quoted front a country supports, a recipient of a country's aid."""
from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def analyze():
    from dyads import Analyzer

    analyzer = Analyzer()

    def run(text: str) -> set[tuple]:
        r = analyzer.analyze(text)
        names = {a.id: a.name for a in r.actors}
        return {(e.category, names.get(e.source), names.get(e.target)) for e in r.events}
    return run


def test_a_group_its_backer_describes_is_a_side_of_its_own(analyze):
    found = analyze("Kremlin-aligned groups shelled positions held by Ukraine on Sunday.")
    assert ("SUPPORT", "Kremlin", "Kremlin-aligned groups") in found
    assert ("ASSAULT", "Kremlin-aligned groups", "Ukraine") in found


def test_a_backing_relative_clause_on_a_named_group(analyze):
    assert ("SUPPORT", "Iran", "Hezbollah") in analyze("Hezbollah, a militia that is backed by Tehran, fired rockets at Israel.")


def test_a_quoted_front_a_country_supports_is_an_actor(analyze):
    found = analyze("The Houthis are part of the “axis of defiance” that Iran supports in the Middle East.")
    assert ("SUPPORT", "Iran", "axis of defiance") in found


def test_a_recipient_of_a_country_s_aid(analyze):
    found = analyze("Jordan, one of the biggest recipients of American aid, voted against the resolution.")
    assert ("SUPPORT", "United States", "Jordan") in found
    assert not any(c == "SUPPORT" for c, _, _ in analyze("Jordan, one of the biggest recipients of literary prizes, voted."))
