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
    "polnear-dev": {  # issue 14 asks 0.80 and 0.88; 0.8002 and 0.906 are reached
        "quotes.f1": 0.80,
        "quotes.speaker_accuracy": 0.88,
    },
    "newsquant-dev": {  # issue 14's floors (0.974 and 0.893 reached)
        "quantities.value.f1": 0.95,
        "quantities.value_unit.f1": 0.88,
    },
    "plover-dev": {  # issue 13's floors
        "events.category_recall": 0.85,
        "events.dyad_recall": 0.75,
        "events.f1": 0.65,
    },
    "conflict-dev": {  # issue 13's floors, raised where they are well passed (0.722, 0.972, 0.951)
        "relations.recall": 0.70,
        "relations.precision": 0.95,
        "actors.recall": 0.93,
        "actors.precision": 0.85,
        "actors.type_accuracy": 0.94,
    },
}

MAXIMA: dict[str, dict[str, float]] = {
    "seed": {
        "relations.wrong_sign": 0,
        "must_not.violations": 0,
    },
    "conflict-dev": {
        "must_not.violations": 0,
        # 5, not 4: the scorer matches names loosely, so right relations that other required gold
        # rows credit (the US backing Israel; Sudan, Morocco and Bahrain normalising ties with
        # Israel) also meet a gold hostility of a near name ("Israeli settlers"; the group "Arab
        # countries that have normalised ties with Israel", whose aliases are its members) and each
        # counts as a wrong sign there. All five are of that kind; the two real wrong signs of
        # before (the US and Israel, the Indian fans and the board) were fixed
        "relations.wrong_sign": 5,
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
