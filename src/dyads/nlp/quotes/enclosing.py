"""The speaker of a quotation that no cue gave one: the subject of the clause it is quoted in.

    Ruiz told the board to "stop the sale now"                  Ruiz
    The memo used her words as its title: "No more delays."      the memo
    Ruiz, who joked of the plan, "I have not read it yet."       Ruiz (a relative's antecedent)
    "We will win."                                               none: the quotation is its own sentence

A quotation inside the article's sentence hangs, through its head word, from a verb outside it;
the nearest such verb with a subject (or a passive's agent, or the antecedent of a relative
pronoun) names who is quoted. The quotation's own verb is skipped: its subject outside the marks
('they "took the money"') is whom the words are about, not who says them. Pure functions over the Doc.
"""
from __future__ import annotations

from typing import Optional

from spacy.tokens import Doc, Token

from .. import spanrows
from ..actors import SPAN_KEY
from ..claims import ReportingLexicon, subject_of
from ..doc import QuoteInfo
from .framed import _head_of
from .speakers import NOT_SPEAKERS, _speaks
from .spans import token_range

_MAX_CLIMB = 6  # dependency steps from the quotation's head to the verb whose subject speaks


def governing_subject(top: Token, s: int, e: int, lex: ReportingLexicon) -> Optional[Token]:
    """The subject of the nearest verb above `top` (the head word of the quotation at tokens
    [s, e), or a reporting verb without a subject of its own) that lies outside the quotation."""
    cur = top
    for _ in range(_MAX_CLIMB):
        if cur.head.i == cur.i:
            return None
        cur = cur.head
        if s <= cur.i < e or cur.pos_ not in ("VERB", "AUX"):
            continue
        if cur.dep_ == "relcl" and cur.lemma_.lower() == "be":
            continue  # 'a liar who is "..."': the quotation describes the antecedent, who does not speak
        subj = subject_of(cur, lex)
        if subj is not None and not s <= subj.i < e:
            return None if subj.lower_ in NOT_SPEAKERS else subj
    return None


def clause_speaker(doc: Doc, q: QuoteInfo, lex: ReportingLexicon) -> bool:
    """Give the quote q, which has no speaker, the subject of the clause it is quoted in (for a
    reporting verb without a subject: of the clause the verb hangs from, else the name just
    before the verb, a subject the parse lost)."""
    if q.speaker is not None or q.speaker_text:
        return False
    if q.claim is not None:
        (s, e), top = q.claim.content, doc[q.claim.cue[1] - 1]
        subj = governing_subject(top, s, e, lex)
        if subj is None:
            return _name_before(doc, q, q.claim.cue[0])
    elif q.regions:
        s, e = token_range(doc, q.regions[0].start, q.regions[0].end)
        top = _head_of(doc, s, e) if e > s else None
        subj = governing_subject(top, s, e, lex) if top is not None else None
    else:
        return False
    if subj is None:
        return False
    # a named actor speaks; a description found this way ("the crowd") is the speaker's words but
    # no actor of its own (persons=()): the clause's subject is a guess a cue would not need
    _speaks(doc, q, subj, set())
    return True


def _name_before(doc: Doc, q: QuoteInfo, cue: int) -> bool:
    """'In a meeting with the board Ruiz said that ...' parsed with 'Ruiz' in the prepositional
    phrase: the actor's mention ending just before the verb is its subject."""
    if cue == 0:
        return False
    prev = doc[cue - 1]
    if prev.tag_ not in ("NNP", "NNPS") or prev.dep_ not in ("pobj", "compound", "appos", "npadvmod"):
        return False
    covering = [m for m in spanrows.covering(doc, SPAN_KEY, prev.i) if m.end == cue]
    if not covering:
        return False
    m = covering[0]
    q.speaker, q.speaker_text, q.speaker_chars = m.label_, doc[m.start : m.end].text, (m.start_char, m.end_char)
    return True
