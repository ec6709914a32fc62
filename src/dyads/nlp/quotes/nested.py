"""Reports inside reports: a claim of evidence, intention or act whose cue lies inside what
another claim says is part of that report, not an attribution of its own.

    Ruiz said the figures show that rents doubled.       one quote: Ruiz's (not the figures')
    Ruiz said Lee plans to sell the farm.                one quote: Ruiz's
    Ruiz said Lee told police that he left at noon.      two: speech reported inside speech is
                                                         still someone's words ('Lee told police')
    Ruiz said Lee believes the vote was rigged.          two: the belief is Lee's, and what lies
                                                         in both is voiced by Lee (quote_at)

Speech, belief and an 'according to' source stay quotes of their own inside another report.
(Dropping nested beliefs too scored polnear-dev F1 0.7661 against 0.7617, but the pipeline voices
what a nested belief holds by its holder: tests/nlp/test_quotes.py pins it.)
"""
from __future__ import annotations

from ..claims import Claim

_OWN_SOURCE = ("speech", "according", "belief")  # kinds of claims that stay quotes inside another report


def outermost(claims: list[Claim]) -> list[Claim]:
    """The claims without those (other than speech) whose cue is inside another claim's content."""
    return [c for c in claims if c.kind in _OWN_SOURCE or not any(
        o is not c and o.content[0] <= c.cue[0] and c.content[1] <= o.content[1] for o in claims)]
