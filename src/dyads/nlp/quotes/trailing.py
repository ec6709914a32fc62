"""A cue written just after the closing mark, read from the words when the parse lost it.

    "We will find the truth," Harbor police Chief Dana Ruiz said Monday.     Ruiz
    "It was a long night," said Omar Haddad, a nurse at the clinic.          Haddad
    "They left at dawn," the report said.                                     the report

The parser often hangs such a verb from the quotation (as its conjunct, with no subject) or
reads the name as an object; the quotation then found no cue and took the previous speaker.
Here the words decide: right after the closing mark (and its comma), a short name or noun
phrase and a verb of saying, or a verb of saying and then the phrase. The verb must end the
reporting ("said Monday", "said in a statement"), not open a clause of its own ("said that").
"""
from __future__ import annotations

from typing import Optional

from spacy.tokens import Doc

from ..claims import QUOTE_CHARS, Claim, ReportingLexicon, _cue_text
from ..doc import QuoteInfo
from .build import direct_quote
from .marks import Region
from .spans import token_range

_MAX_PHRASE = 8  # words of the speaker's phrase
_PHRASE_POS = {"PROPN", "NOUN", "DET", "ADJ", "PRON", "NUM", "PART"}
_VERB_TAGS = {"VBD", "VBZ", "VBP", "VB", "VBN"}
_BETWEEN = {",", "\u2014", "\u2013", "--", "\u2015"}  # between the closing mark and the cue


def trailing_cues(doc: Doc, lex: ReportingLexicon, persons: set[str], regions: list[Region], used: dict,
                  quotes: list[QuoteInfo]) -> None:
    """Quotations no cue took, followed by 'Name said' or 'said Name': that cue and speaker."""
    for k, r in enumerate(regions):
        if k in used:
            continue
        found = trailing(doc, r, lex)
        if found is None:
            continue
        verb, (ps, pe) = found
        s, e = token_range(doc, r.start, r.end)
        claim = Claim((verb, verb + 1), (s, e), (ps, pe), pe - 1, "speech", cue_text=_cue_text(doc, (verb, verb + 1)))
        q = direct_quote(doc, [r], claim, persons)
        used[k] = q
        quotes.append(q)


def trailing(doc: Doc, r: Region, lex: ReportingLexicon) -> Optional[tuple[int, tuple[int, int]]]:
    """The verb of saying and the speaker's tokens written right after region r's closing mark."""
    i = _after_mark(doc, r)
    if i is None:
        return None
    if _saying(doc, i, lex):  # "…," said Omar Haddad, a nurse
        ps, pe = i + 1, _phrase_end(doc, i + 1)
        return (i, (ps, pe)) if pe > ps and _ends_report(doc, pe) else None
    pe = _phrase_end(doc, i)  # "…," Omar Haddad said
    if pe == i or pe >= len(doc) or not _saying(doc, pe, lex) or not _ends_report(doc, pe + 1):
        return None
    return pe, (i, pe)


def _after_mark(doc: Doc, r: Region) -> Optional[int]:
    """The first word after the closing mark (and a comma or dash), in the same paragraph."""
    s, e = token_range(doc, r.end, r.end + 1)
    if e == s:
        return None
    i = s
    while i < len(doc) and (doc[i].text in QUOTE_CHARS or doc[i].text in _BETWEEN or doc[i].is_space and "\n" not in doc[i].text):
        i += 1
    if i >= len(doc) or i == s or "\n" in doc.text[r.end : doc[i].idx]:
        return None
    return i


def _saying(doc: Doc, i: int, lex: ReportingLexicon) -> bool:
    t = doc[i]
    return t.tag_ in _VERB_TAGS and t.lemma_.lower() in lex.speech and t.text.islower()


def _phrase_end(doc: Doc, i: int) -> int:
    """The end of a short noun phrase from token i: words of a name or description, capitalised
    words, a parenthesis ('Lee (D-Ore.)'), up to a comma or the verb."""
    j, depth = i, 0
    while j < len(doc) and j - i < _MAX_PHRASE + 4:
        t = doc[j]
        if t.text == "(":
            depth += 1
        elif t.text == ")" and depth:
            depth -= 1
        elif not depth and (t.is_punct or t.pos_ not in _PHRASE_POS and not (t.is_alpha and t.text[:1].isupper())):
            break  # (a capitalised word is a name's, whatever its tag: 'Tulsa' read as a verb)
        j += 1
    if depth or j - i > _MAX_PHRASE + 3:
        return i
    return j


def _ends_report(doc: Doc, i: int) -> bool:
    """Does the reporting stop after the verb: the sentence ends, or a comma, a time or a
    prepositional phrase follows ('said Monday', 'said in a statement') rather than a clause?"""
    if i >= len(doc):
        return True
    t = doc[i]
    if t.is_punct or t.is_space:
        return True
    if t.lower_ in ("that", "whether", "if"):
        return False
    return t.pos_ in ("ADP", "ADV", "PROPN", "NOUN", "NUM") and t.dep_ not in ("nsubj", "ccomp")
