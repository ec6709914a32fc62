"""Cues found beside quotation marks that no reporting expression took: a speaker's name
and a colon opening a paragraph, a verb of saying parsed apart from its quotation, an
introduction ending in a colon, and the test whether a quotation goes on with the quote
before it."""
from __future__ import annotations

import re
from typing import Optional

from spacy.tokens import Doc

from ... import kb

from ..actors import SPAN_KEY
from ..claims import Claim, QUOTE_CHARS, ReportingLexicon, _cue_text, _cue_tokens, speaker_span, subject_of
from ..doc import QuoteInfo
from ..mentions import doc_text, token_strings
from .build import direct_quote
from .marks import Region
from .speakers import NOT_SPEAKERS, participle_subject
from .spans import end_char, strip_marks, strip_span, token_range

# verbs of saying whose object is the listener ('"Resign," she told the chairman')
LISTENER_VERBS = kb.words("quotes", "listener_verbs")
_COLON_LINE = re.compile(r"(?:^|\n)[\"\u201c]?([A-Z][\w.'\u2019 -]{1,40}?):[ \t]+(\S)")


def colon_lines(doc: Doc, para: str, used: dict, regions: list[Region], quotes: list[QuoteInfo]) -> None:
    """'Pat Caddell: Democrat voters worried ...' and transcripts ('WALLACE: Let's
    start ...'): a paragraph opening with a speaker's name and a colon."""
    text = doc_text(doc)
    mentions = doc.spans[SPAN_KEY] if SPAN_KEY in doc.spans else []
    for m in _COLON_LINE.finditer(text):
        name_s, name_e, body_s = m.start(1), m.end(1), m.start(2)
        body_e = text.find(para, body_s)
        body_e = len(text) if body_e == -1 else body_e
        body_s, body_e = strip_span(text, body_s, body_e)
        if len(text[body_s:body_e].split()) < 3 or any(q.start <= body_s < q.end for q in quotes):
            continue
        speaker = None
        for sp in mentions:
            if sp.start_char >= name_s and sp.end_char <= name_e and (sp.end_char - sp.start_char) * 2 >= name_e - name_s:
                speaker = sp
                break
        transcript = text[name_s:name_e].isupper() and len(text[name_s:name_e].split()) <= 3
        quoted = text[m.start(2)] in QUOTE_CHARS
        if speaker is None and quoted:
            speaker = _headline_person(doc, mentions, name_s, name_e)  # 'A lesson from Ada Ruiz: "Q"'
            if speaker is not None:
                name_s, name_e = speaker.start_char, speaker.end_char
        if speaker is None and not transcript:
            continue
        q = QuoteInfo("direct" if transcript or quoted else "indirect", body_s, body_e, strip_marks(text[body_s:body_e]), cue=":")
        q.speaker_text = text[name_s:name_e]
        q.speaker_chars = (name_s, name_e)
        q.speaker = speaker.label_ if speaker is not None else None
        for k, r in enumerate(regions):
            if r.start < body_e and body_s < r.end:
                used[k] = q
        quotes.append(q)


def _headline_person(doc: Doc, mentions, start: int, end: int):
    """The first person named in a line's words before a colon and a quotation."""
    persons = {a.id for a in (doc._.dyads_actors or []) if a.type == "person"}
    return next((m for m in mentions if start <= m.start_char and m.end_char <= end and m.label_ in persons), None)


def _listener(verb, obj) -> bool:
    """Is the verb's object the one spoken to ('told her', 'told the chairman'), not what is said?"""
    if obj.pos_ == "PRON":
        return True
    return verb.lemma_.lower() in LISTENER_VERBS and (obj.pos_ == "PROPN" or obj.ent_type_ in ("PERSON", "ORG", "NORP"))


def bare_cues(doc: Doc, lex: ReportingLexicon, persons: set[str], regions: list[Region], used: dict,
              quotes: list[QuoteInfo], claims: list[Claim]) -> None:
    """'"Q," Ms. Moore said.' parsed as two sentences: a verb of saying with a
    subject and nothing said is the cue of the quotation beside it."""
    taken = {t for c in claims for t in range(*c.cue)}
    text = doc_text(doc)
    verbs = [i for i, pos in enumerate(token_strings(doc, "POS")) if pos == "VERB" and i not in taken]
    for tok in (doc[i] for i in verbs):
        if tok.lemma_.lower() not in lex.speech:
            continue
        if any(c.dep_ in ("ccomp", "xcomp") or c.dep_ == "dobj" and not _listener(tok, c) for c in tok.children):
            continue  # "asking her, '...'", "told the chairman" are still cues; "asking a question" is not
        subj = subject_of(tok, lex) or _participle(tok)
        if subj is None:
            continue
        sp = speaker_span(subj)
        left = doc[min(sp[0], tok.i)].idx
        right = end_char(doc, max(sp[1], tok.i + 1))
        for k, r in enumerate(regions):
            if k in used:
                continue
            before = r.close < left and text[r.close + 1 : left].strip(" ,\u2014-") == "" and "\n" not in text[r.close : left]
            after = r.open >= right and text[right : r.open].strip(" ,:") == "" and "\n\n" not in text[right : r.open]
            if before or after:
                cue = _cue_tokens(tok)
                claim = Claim(cue, token_range(doc, r.start, r.end), sp, subj.i, "speech", cue_text=_cue_text(doc, cue))
                q = direct_quote(doc, [r], claim, persons)
                used[k] = q
                quotes.append(q)
                break


def _cue_ends_paragraph(between: str) -> bool:
    """'…,” she said.\n\n“B…': only the cue's sentence closes the paragraph, and the next one opens
    with the quotation."""
    head, _, tail = between.partition("\n")
    return tail.strip() == "" and head.rstrip().endswith(".") and head.count(". ") == 0


def continues(doc: Doc, prev: QuoteInfo, r: Region, lex: ReportingLexicon) -> bool:
    """'"A," said X. "B."' or '"A," X said, smiling. "B."': a quotation with no cue of
    its own, in the same paragraph and just after a direct quote, goes on with it; so does one
    opening the next paragraph when the cue's sentence ended the quote's own."""
    gap_s, gap_e = prev.regions[-1].close, r.open
    between = doc_text(doc)[gap_s:gap_e]
    if gap_e <= gap_s or gap_e - gap_s > 200:  # (inside the earlier quote: not after it)
        return False
    if "\n" in between and not _cue_ends_paragraph(between):
        return False
    span = doc.char_span(gap_s, gap_e, alignment_mode="expand")
    cue = set(range(*prev.claim.cue)) if prev.claim else set()
    for t in span or []:
        if t.i in cue:
            continue
        if t.pos_ in ("VERB", "AUX") and t.lemma_.lower() in lex.speech and any(
            c.dep_ in ("nsubj", "nsubjpass") for c in t.children
        ):
            return False  # another cue with its own speaker: another quote
    return True


def colon_intro(doc: Doc, s: int, lex: ReportingLexicon) -> Optional[Claim]:
    """'Caddell continued:' / 'X said:' / 'X said, "..."' / 'asserting, "..."' / 'Said Ellis:'
    just before the quotation starting at token s."""
    i = s - 1
    while i >= 0 and (doc[i].is_space or doc[i].text in QUOTE_CHARS):
        i -= 1
    if i < 1 or doc[i].text not in (":", ","):
        return None
    if doc[i].text == ",":
        before = [doc[i - 1]]  # a comma: only the verb just before it introduces the quotation
    else:
        before = [t for t in reversed(list(doc[i].sent)) if t.i < i]
    for tok in before:
        lemma = tok.lemma_.lower()
        if tok.pos_ in ("VERB", "AUX") and (lemma in lex.speech or lemma in lex.belief):
            subj = subject_of(tok, lex) or _participle(tok)
            span = speaker_span(subj) if subj is not None else _inverted(doc, tok, i)
            if span is None:
                return None
            cue = _cue_tokens(tok)
            head = subj.i if subj is not None else span[1] - 1
            return Claim(cue, (s, s + 1), span, head, "speech", cue_text=_cue_text(doc, cue))
    return None


def _participle(tok):
    """'..., asserting, "..."': the subject a participle of saying speaks for, not a pronoun
    standing for nothing said ('it', 'which')."""
    subj = participle_subject(tok)
    return None if subj is None or subj.lower_ in NOT_SPEAKERS else subj


def _inverted(doc: Doc, verb, end: int) -> Optional[tuple[int, int]]:
    """'Said Ellis:': a verb opening its sentence followed by a name up to the colon."""
    if any(not (t.is_punct or t.is_space or t.text in QUOTE_CHARS) for t in doc[verb.sent.start : verb.i]):
        return None
    name = doc[verb.i + 1 : end]
    if 0 < len(name) <= 5 and name[-1].pos_ == "PROPN" and all(t.pos_ in ("PROPN", "DET", "ADJ", "NOUN") for t in name):
        return verb.i + 1, end
    return None
