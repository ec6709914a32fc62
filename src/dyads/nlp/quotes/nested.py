"""Reports inside reports: a claim of evidence, intention or act whose cue lies inside what
another claim says is part of that report, not an attribution of its own.

    Ruiz said the figures show that rents doubled.       one quote: Ruiz's (not the figures')
    Ruiz said Lee plans to sell the farm.                one quote: Ruiz's
    Ruiz said Lee told police that he left at noon.      two: speech reported inside speech is
                                                         still someone's words ('Lee told police')
    Ruiz said Lee believes the vote was rigged.          two: the belief is Lee's, and what lies
                                                         in both is voiced by Lee (quote_at)
    Ruiz said he believes the vote was rigged.           one: the same voice hedging its own
                                                         words is one report, not two

Speech, belief and an 'according to' source stay quotes of their own inside another report, unless
the inner speaker is a pronoun (or the same words) opening the outer content: the speaker's own
hedge (polnear-dev F1 0.7894 -> 0.7913, precision 0.857 -> 0.863).
(Dropping nested beliefs too scored polnear-dev F1 0.7661 against 0.7617, but the pipeline voices
what a nested belief holds by its holder: tests/nlp/test_quotes.py pins it.)
"""
from __future__ import annotations

from ..claims import Claim

_OWN_SOURCE = ("speech", "according", "belief", "naming")  # kinds of claims that stay quotes inside another report


_BACK = {"he", "she", "they", "we", "i", "it"}  # a subject inside a report that points back to its speaker


def outermost(claims: list[Claim], doc=None) -> list[Claim]:
    """The claims without those whose cue is inside another claim's content, unless they are speech,
    belief or an 'according to' source voiced by someone other than the outer claim's speaker."""
    def inside(c: Claim, o: Claim) -> bool:
        return o is not c and o.content[0] <= c.cue[0] and c.content[1] <= o.content[1]

    def renamed(o: Claim) -> bool:
        """'She protested what the minister called a reform': the naming says it, not the protest."""
        return any(c is not o and c.kind == "naming" and c.content == o.content for c in claims)

    return [c for c in claims if not renamed(c) and not any(
        inside(c, o) and (c.kind not in _OWN_SOURCE or same_voice(doc, c, o)) for o in claims)]


def same_voice(doc, inner: Claim, outer: Claim) -> bool:
    """Whether the inner claim's speaker is the outer one's: a pronoun pointing back to it ('Ruiz
    said he believes …') or the same words ('Ruiz said Ruiz would …')."""
    if doc is None or inner.speaker is None or outer.speaker is None or outer.kind == "according":
        return False
    if not outer.content[0] <= inner.speaker[0] < outer.content[1]:
        return False  # a cue sharing the outer subject ('X complained …, even suggesting …'): split's work
    if any(not (t.is_punct or t.lower_ == "that") for t in doc[outer.content[0]:inner.speaker[0]]):
        return False  # '…, though she noted …' deep inside: a second report, not a hedge on the first
    words = [t.lower_ for t in doc[inner.speaker[0]:inner.speaker[1]]]
    if len(words) == 1 and words[0] in _BACK:
        return True
    return words == [t.lower_ for t in doc[outer.speaker[0]:outer.speaker[1]]]
