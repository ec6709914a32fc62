"""Quotations that belong to a quote already found, or that have no cue at all: the opening
part of a split quote, paragraphs and sentences continuing a quote, and quotations whose
speaker only the text around them implies. Titles and scare quotes are dropped."""
from __future__ import annotations

from typing import Optional

from spacy.tokens import Doc

from ..claims import ReportingLexicon
from ..doc import QuoteInfo
from ..mentions import doc_text
from .cues import colon_intro, continues
from .discourse import sign, signature
from .framed import framing_claim
from .marks import Region
from .speakers import set_speaker
from .spans import opens_sentence, strip_marks

MIN_QUOTE_WORDS = 4  # shorter quoted strings without a cue are titles or scare quotes
LAST_SPEAKER_CHARS = 2500  # how far back an uncued quote looks for the previous speaker


def split_openings(doc: Doc, regions: list[Region], used: dict, quotes: list[QuoteInfo]) -> None:
    """'"A," X said, "B."': the opening part before the cue belongs to the same quote."""
    text = doc_text(doc)
    for q in quotes:
        if q.kind != "direct" or not q.regions or q.claim is None:
            continue
        c = q.claim
        left = min(c.cue[0], c.speaker[0] if c.speaker else c.cue[0])
        left_char = doc[left].idx
        for k, r in enumerate(regions):
            if k in used or r.close > left_char or r.open >= q.regions[0].open:
                continue
            if text[r.close + 1 : left_char].strip(" ,\u2014-") == "" and "\n" not in text[r.close : left_char]:
                q.regions.insert(0, r)
                q.start = r.start
                q.text = strip_marks(text[r.start : r.end].strip()) + " " + q.text
                used[k] = q


def _extend(q: QuoteInfo, r: Region, text: str, sep: str) -> None:
    """The region goes on with quote q, after `sep`."""
    q.regions.append(r)
    q.end = r.end
    q.text = strip_marks(q.text + sep + text[r.start : r.end].strip())


def uncued(doc: Doc, lex: ReportingLexicon, persons: set[str], regions: list[Region], region_tokens: list,
           used: dict, quotes: list[QuoteInfo]) -> None:
    """Quotation marks no reporting expression took: titles and scare quotes are
    dropped; a quotation continues the previous one, or takes the speaker the
    text implies."""
    text = doc_text(doc)
    last: Optional[QuoteInfo] = None
    by_order = sorted(quotes, key=lambda q: q.start)
    for k, r in enumerate(regions):
        if k in used:
            last = used[k]
            continue
        prev = max((q for q in by_order if q.start < r.start), key=lambda q: q.end, default=None)
        prev_direct = max((q for q in by_order if q.start < r.start and q.kind == "direct"), key=lambda q: q.end, default=None)
        if r.continued and last is not None and last.kind == "direct" and last.regions:
            _extend(last, r, text, "\n\n")
            used[k] = last
            continue
        if prev_direct is not None and prev_direct.regions and continues(doc, prev_direct, r, lex):
            _extend(prev_direct, r, text, " ")
            used[k] = prev_direct
            last = prev_direct
            continue
        s, e = region_tokens[k]
        words = [t for t in doc[s:e] if t.is_alpha]
        framed = framing_claim(doc, s, e) if not opens_sentence(doc, s) else None
        if len(words) < MIN_QUOTE_WORDS or framed is None and not any(t.pos_ in ("VERB", "AUX") for t in doc[s:e]) \
                and signature(doc, r) is None:
            continue  # a title, a name or a scare quote (not one a name signs: '"No mercy." -- Dana Whitfield')
        intro = colon_intro(doc, s, lex)
        q = QuoteInfo("direct", r.start, r.end, strip_marks(text[r.start : r.end].strip()), regions=[r])
        if intro is None and sign(doc, q, r):  # '"..." -- Dana Whitfield': the name signing it speaks
            intro = False
        elif intro is None and not opens_sentence(doc, s):
            # a fragment quoted inside the article's own sentence: the subject's words when a verb
            # of speech or accusation frames it ('it blamed "..."'), else whose, the text does not say
            if framed is not None:
                q.cue, q.claim = framed.cue_text, framed
                set_speaker(doc, q, framed, persons)
            quotes.append(q)
            by_order = sorted(quotes, key=lambda q: q.start)
            used[k] = q
            continue
        if intro is False:
            pass
        elif intro is not None:
            q.cue = intro.cue_text or None
            set_speaker(doc, q, intro, persons)
        elif prev is not None and r.open - prev.end < LAST_SPEAKER_CHARS and (prev.speaker or prev.speaker_text):
            q.speaker, q.speaker_text, q.speaker_chars = prev.speaker, prev.speaker_text, prev.speaker_chars
        quotes.append(q)
        by_order = sorted(quotes, key=lambda q: q.start)
        used[k] = q
        last = q
