"""A second report the text starts inside what a first one says is a quote of its own:

    Ruiz praised the plan for its cost, arguing that it helps farmers.   two: the participle of
                                                                         saying reports anew
    Ruiz said the dam would hold, and warned against new debt.          two: a second cue conjoined
    Ruiz was criticized for saying that the dam would hold.              one: a gerund after a
                                                                         preposition is what is said
    Ruiz said Lee told police that he left at noon.                      kept whole: the inner
                                                                         report names its own speaker
    Ruiz said that taxes would fall and that debt would shrink.          one: conjoined 'that'-clauses
                                                                         under one cue are one report

The first claim's content ends before the second report's cue (the comma or conjunction dropped);
the second claim, no longer inside the first, then stays a quote of its own (nested.outermost).
A second cue with no subject of its own shares the first's: when the parser hung it on the
content's verb ("said costs grew, citing …"), its speaker is the first claim's, not the content's
subject. A second cue with a subject of its own is a report inside the report, and a second
verb of intention ("… and refused to leave") tells what the content's subject did, not a report.
Splitting conjoined 'that'-clauses too scored polnear-dev quotes F1 0.7854 against 0.7861: the
gold there keeps "that A and that B" as one attribution.
"""
from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Doc

from ..claims import Claim

MIN_PART = 3  # words each part must keep to stand as a report


def _trim_end(doc: Doc, s: int, e: int) -> int:
    """The end of a part without the comma, conjunction or dash that joined it to the next."""
    while e > s and (doc[e - 1].is_punct or doc[e - 1].dep_ == "cc" or doc[e - 1].lower_ in ("and", "but")):
        e -= 1
    return e


def _words(doc: Doc, s: int, e: int) -> int:
    return sum(1 for t in doc[s:e] if not t.is_punct)


def _cut(doc: Doc, c: Claim, e: int) -> Claim | None:
    """The claim with its content ending at e, or None when too little is left."""
    e = _trim_end(doc, c.content[0], e)
    if _words(doc, c.content[0], e) < MIN_PART:
        return None
    gap = c.gap if c.gap is not None and c.gap[1] <= e else None
    return replace(c, content=(c.content[0], e), gap=gap)


_LINKS = ("advcl", "conj")  # how a second report hangs on the first: "…, adding …", "… and warned …"
_PATH = ("ccomp", "dobj", "xcomp", "advcl", "conj", "obj")  # heads it may pass through to the first cue


def _starts_report(doc: Doc, c: Claim, o: Claim) -> bool:
    """o's cue opens a second report: after a comma or conjunction, hung on c's cue by a participle
    or conjunct (not a gerund after a preposition, a relative clause or a noun's modifier)."""
    t = doc[o.cue[0]]
    k = t.i - 1
    while k > c.content[0] and doc[k].dep_ in ("advmod", "neg"):
        k -= 1  # "…, even suggesting …"
    if not (doc[k].is_punct or doc[k].dep_ == "cc") or t.dep_ not in _LINKS:
        return False
    h = t.head
    while c.content[0] <= h.i < c.content[1]:
        if h.dep_ not in _PATH:
            return False
        h = h.head
    return c.cue[0] <= h.i < c.cue[1]


def _later_cue(doc: Doc, c: Claim, claims: list[Claim]) -> Claim | None:
    """A claim whose cue lies in c's content and whose speaker is not named inside it."""
    s, e = c.content
    for o in claims:
        if o is c or not (s < o.cue[0] < e) or o.content[1] > e or o.kind == "intent":
            continue
        if any(k.dep_ in ("nsubj", "nsubjpass") for k in doc[o.cue[0]].children):
            continue  # 'Ruiz said Lee told police …': a report inside the report
        if _starts_report(doc, c, o):
            return o
    return None


def split_reports(doc: Doc, claims: list[Claim]) -> list[Claim]:
    """The claims with each content cut where the text starts a second report, whose speaker
    (the subject it shares with the first, not a phrase inside the first content) is the first's."""
    out: list[Claim] = []
    speakers: dict[int, Claim] = {}  # id of a second report -> the first claim it shares a subject with
    for c in claims:
        o = _later_cue(doc, c, claims)
        first = _cut(doc, c, o.cue[0]) if o is not None else None
        out.append(first if first is not None else c)
        if first is not None:
            speakers[id(o)] = c
    for n, o in enumerate(out):
        c = speakers.get(id(claims[n]))
        if c is not None and o.speaker is not None and c.content[0] <= o.speaker[0] < c.content[1]:
            out[n] = replace(o, speaker=c.speaker, head=c.head)
    return out
