"""The quality floors: one pinned table that tests/test_quality_gate.py reads.

Each row is (set, measure, bound). A measure is a path into the JSON that
/work/shared/eval/score.py prints with --json ("quotes.f1", "quantities.value.f1").
A floor is a minimum; a row in MAXIMA is a ceiling. Floors only go up: raise one when
the pipeline's score has risen well clear of it, never lower one to let a change through.
"""
from __future__ import annotations

FLOORS: dict[str, dict[str, float]] = {
    "seed": {
        "actors.recall": 0.95,
        "actors.precision": 0.85,
        "actors.type_accuracy": 0.85,
        "quotes.f1": 0.90,
        "quotes.speaker_accuracy": 0.90,
        "quantities.value.f1": 0.95,
        "quantities.subject_accuracy": 0.80,
        "relations.recall": 0.85,
    },
    "polnear-dev": {
        "quotes.f1": 0.75,
        "quotes.speaker_accuracy": 0.80,
    },
    "newsquant-dev": {
        "quantities.value.f1": 0.92,
        "quantities.value_unit.f1": 0.82,
    },
    "plover-dev": {  # issue 13's floors
        "events.category_recall": 0.85,
        "events.dyad_recall": 0.75,
        "events.f1": 0.65,
    },
    "conflict-dev": {
        # issue 13 asks relations recall and precision 0.70 and actors precision 0.85; these are
        # the figures reached so far (recall 0.47, precision 0.84, actors 0.91 / 0.83 / 0.91),
        # pinned a little below so that no change takes them back; raise them as they rise
        "relations.recall": 0.45,
        "relations.precision": 0.80,
        "actors.recall": 0.90,
        "actors.precision": 0.82,
        "actors.type_accuracy": 0.90,
    },
}

MAXIMA: dict[str, dict[str, float]] = {
    "seed": {
        "relations.wrong_sign": 0,
        "must_not.violations": 0,
    },
    "conflict-dev": {
        "must_not.violations": 1,  # issue 13 asks 0; one left (a demand's complement the parser misplaces)
        "relations.wrong_sign": 7,
    },
}


def measure(scores: dict, path: str):
    """The value at a dotted path of a scorer's JSON, or None when it is absent."""
    value = scores
    for key in path.split("."):
        if not isinstance(value, dict) or key not in value:
            return None
        value = value[key]
    return value
