"""A finding or intention reported inside what another claim says is part of that report; speech
and belief reported inside a report and an 'according to' source stay quotes of their own; claims
side by side are all kept. Pure function over Claims (token offsets of an imagined sentence)."""
from __future__ import annotations

from dyads.nlp.claims import Claim
from dyads.nlp.quotes.nested import outermost

# "Ruiz said the figures show that rents doubled last year ."
#   0    1    2    3      4    5    6     7       8    9   10
OUTER = Claim((1, 2), (2, 10), (0, 1), 0, "speech")


def test_a_finding_inside_a_report_is_part_of_it():
    inner = Claim((4, 5), (6, 10), (2, 4), 3, "evidence")
    assert outermost([OUTER, inner]) == [OUTER]


def test_an_intention_inside_a_report_is_part_of_it():
    inner = Claim((4, 5), (6, 10), (2, 4), 3, "intent")
    assert outermost([OUTER, inner]) == [OUTER]


def test_a_belief_inside_a_report_stays_its_holders():
    inner = Claim((4, 5), (6, 10), (2, 4), 3, "belief")
    assert outermost([OUTER, inner]) == [OUTER, inner]


def test_speech_inside_a_report_stays_a_quote_of_its_own():
    inner = Claim((4, 5), (6, 10), (2, 4), 3, "speech")
    assert outermost([OUTER, inner]) == [OUTER, inner]


def test_claims_side_by_side_are_both_kept():
    # "Ruiz said rents rose , and Lee believes prices fell ."
    first = Claim((1, 2), (2, 4), (0, 1), 0, "speech")
    second = Claim((7, 8), (8, 10), (6, 7), 6, "belief")
    assert outermost([first, second]) == [first, second]


def test_the_outer_belief_is_kept_when_nothing_holds_it():
    outer = Claim((1, 2), (2, 10), (0, 1), 0, "belief")
    assert outermost([outer]) == [outer]


def test_a_claim_voiced_by_no_one_else_is_kept_without_a_doc():
    # without the words of the speakers nothing says the voices are the same: both stay
    inner = Claim((4, 5), (6, 10), (3, 4), 3, "belief")
    assert outermost([OUTER, inner]) == [OUTER, inner]
