"""The bundled example, examples/sample-article.txt, says what the README shows: who fights whom,
who only says so, and that a denial makes no relation.

The example is text we wrote for the project; these tests pin the relations a reader takes from
it, the denial and the quoted accusation that must not become relations in the article's voice,
the capital that acts (never the place of the events it acts in), and speakers.
"""
from __future__ import annotations

from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "sample-article.txt"


@pytest.fixture(scope="module")
def result():
    from dyads.nlp.pipeline import Analyzer

    text = EXAMPLE.read_text(encoding="utf-8")
    return Analyzer().analyze(text)


def _names(result) -> dict:
    return {a.id: a.name for a in result.actors}


def _find(result, needle: str):
    """The actor ids whose name contains `needle` (case-insensitive)."""
    return {a.id for a in result.actors if needle.casefold() in a.name.casefold()}


def _rel(result, a_ids, b_ids, sign: int):
    """Relations between the two sets of actors (either direction) with the given sign."""
    return [r for r in result.relations
            if ((r.source in a_ids and r.target in b_ids) or (r.source in b_ids and r.target in a_ids))
            and (r.polarity > 0) - (r.polarity < 0) == sign]


def test_the_sdf_accuses_the_syrian_government(result):
    sdf = _find(result, "Syrian Democratic Forces")
    gov = _find(result, "Syrian government") | _find(result, "Syria")
    assert sdf and gov, _names(result)
    rels = _rel(result, sdf, gov, -1)
    assert rels, [(r.source, r.target, r.polarity) for r in result.relations]
    assert all(r.voices.get("article", 0) + r.voices.get("self", 0) == r.weight for r in rels)


def test_the_ministry_blames_the_militias(result):
    ministry = _find(result, "Foreign Ministry") | _find(result, "Syrian government")
    militias = _find(result, "militia")
    assert ministry and militias, _names(result)
    assert _rel(result, ministry, militias, -1)


def test_the_ministry_calls_on_the_united_states(result):
    ministry = _find(result, "Foreign Ministry") | _find(result, "Syrian government")
    us = _find(result, "United States") | _find(result, "US government")
    assert us, _names(result)
    assert [r for r in result.relations if r.source in ministry and r.target in us]


def test_the_denial_makes_no_relation_and_no_asserted_attack(result):
    """'the government has denied targeting civilians': the attack is negated and claimed by the
    government; neither it nor the SDF's denied massacre makes a relation."""
    text = EXAMPLE.read_text(encoding="utf-8")
    denied = [e for e in result.events if e.trigger_start is not None
              and text[e.trigger_start:e.trigger_end].startswith("target")]
    assert denied, "the denied act is kept as an event"
    for e in denied:
        assert e.negated, e
        assert e.claimed_by is not None, e
    civilians = _find(result, "civilian")
    assert not [r for r in result.relations if r.source in civilians or r.target in civilians]
    massacre = [e for e in result.events if e.trigger_start is not None
                and "massacre" in text[e.trigger_start:e.trigger_end]]
    assert massacre and all(e.negated for e in massacre)


def test_what_the_ministry_quotes_is_its_claim_not_the_articles(result):
    """'it blamed "separatist militias backed by Washington"': the backing is inside the
    ministry's quotation marks, so it is the ministry's claim (a third party's): no relation."""
    us = _find(result, "United States") | _find(result, "US government")
    militias = _find(result, "militia")
    backing = [e for e in result.events if e.category == "SUPPORT" and e.target in militias]
    for e in backing:
        assert e.claimed_by is not None and e.claimed_by not in (e.source, e.target), e
    assert not _rel(result, us, militias, +1)


def test_a_capital_that_acts_is_not_where_events_happen(result):
    washington = {p.id for p in result.places if p.name == "Washington"}
    assert not [e for e in result.events if e.place in washington]


def test_speakers_are_people_or_institutions(result):
    names = _names(result)
    speakers = {names.get(q.speaker, "") for q in result.quotes if q.speaker}
    assert not [s for s in speakers if "ceasefire" in s.casefold()]
    according = [q for q in result.quotes if "ceasefire agreed" in q.text]
    assert according and all(q.speaker in (_find(result, "Russia") | _find(result, "Moscow")) for q in according)
