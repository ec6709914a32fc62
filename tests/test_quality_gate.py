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


@needs_shared
def test_seed_actors_floor():
    actors = score("seed")["actors"]
    assert actors["recall"] >= 0.95, actors
    assert actors["precision"] >= 0.85, actors
    assert actors["type_accuracy"] >= 0.85, actors
