"""The `dyads_quotes` component: reporting expressions paired with quotation marks, then
the cues and chains for the marks no expression took; W003 for unbalanced marks."""
from __future__ import annotations

from dataclasses import replace

from spacy.language import Language
from spacy.tokens import Doc

from ...errors import warning
from ..actors import SPAN_KEY
from ..claims import find_claims, load_reporting
from ..doc import QuoteInfo
from ..mentions import doc_text
from .build import claim_quote, direct_quote
from .chains import split_openings, uncued
from .cues import bare_cues, colon_lines
from .enclosing import clause_speaker
from .nested import outermost
from .split import split_reports
from .reach import extra_claims, widen
from .trailing import trailing_cues
from .marks import paragraph_break, quote_regions, regions_over
from .speakers import NOT_SPEAKERS, person_nouns
from .spans import end_char, token_range, word_count

MIN_REPORTED_WORDS = 3  # "he mentioned the issue": too little said to be a claim


@Language.factory(
    "dyads_quotes",
    assigns=["doc._.dyads_quotes", "doc._.dyads_warnings"],
    requires=["doc._.dyads_actors", "token.dep"],
)
def make_quotes(nlp: Language, name: str):
    return QuotesComponent()


class QuotesComponent:
    def __init__(self):
        self.lex = load_reporting()
        self.person_nouns = person_nouns() | self.lex.speaker_nouns

    def __call__(self, doc: Doc) -> Doc:
        quotes, stray = self.match(doc)
        warnings = list(doc._.dyads_warnings or [])
        for off in stray:
            warnings.append(warning("W003", offset=off))
        doc._.dyads_warnings = warnings
        for n, q in enumerate(sorted(quotes, key=lambda q: q.start), 1):
            q.id = f"Q{n}"
        doc._.dyads_quotes = sorted(quotes, key=lambda q: q.start)
        return doc

    def match(self, doc: Doc) -> tuple[list[QuoteInfo], list[int]]:
        """The quotes of the Doc and the offsets of unpaired quotation marks."""
        text = doc_text(doc)
        self.para = paragraph_break(text)
        regions, stray = quote_regions(text)
        region_tokens = [token_range(doc, r.start, r.end) for r in regions]
        inside = set()
        for s, e in region_tokens:
            inside.update(range(s, e))
        mentions = doc.spans[SPAN_KEY] if SPAN_KEY in doc.spans else []
        actor_tokens = {i for m in mentions for i in range(m.start, m.end)}

        def animate(tok) -> bool:
            """Who can promise, accuse or note: not 'the best thing' or 'the aim'."""
            if tok.lower_ in NOT_SPEAKERS:
                return False
            return tok.i in actor_tokens or tok.lemma_.lower() not in self.lex.abstract

        claims = widen(doc, find_claims(doc, self.lex, animate))
        claims = sorted(claims + extra_claims(doc, self.lex, animate, claims), key=lambda c: c.cue[0])
        claims = [c for c in claims
                  if not any(i in inside for i in range(*c.cue)) and word_count(doc, c.content) >= MIN_REPORTED_WORDS]
        claims = split_reports(doc, claims)  # "…, adding that …": a second report of its own
        claims = outermost(claims, doc)  # a thought or finding reported inside a report is part of it
        used: dict[int, QuoteInfo] = {}  # region index -> its quote
        quotes = self._pair_claims(doc, text, claims, regions, used)
        colon_lines(doc, self.para, used, regions, quotes)
        split_openings(doc, regions, used, quotes)
        bare_cues(doc, self.lex, self.person_nouns, regions, used, quotes, claims)
        trailing_cues(doc, self.lex, self.person_nouns, regions, used, quotes)
        uncued(doc, self.lex, self.person_nouns, regions, region_tokens, used, quotes)
        for q in quotes:
            clause_speaker(doc, q, self.lex)  # a quotation no cue gave a speaker
        # reported speech is someone's: a report with no speaker at all is dropped; words in marks stay
        quotes = [q for q in quotes if q.kind == "direct" or q.speaker is not None or q.speaker_text]
        return quotes, stray

    def _pair_claims(self, doc: Doc, text: str, claims: list, regions: list, used: dict) -> list[QuoteInfo]:
        """A quote a claim: direct when quotation marks hold all it says (the paragraphs a
        quotation continues from with it), mixed when they hold a part, indirect otherwise."""
        quotes: list[QuoteInfo] = []
        ends = [r.end for r in regions]
        for c in claims:
            cs, ce = doc[c.content[0]].idx, end_char(doc, c.content[1])
            hits = [k for k in regions_over(regions, ends, cs, ce) if k not in used]
            if not hits:
                quotes.append(claim_quote(doc, c, "indirect", self.para, self.person_nouns))
                continue
            first, last_r = regions[hits[0]], regions[hits[-1]]
            opens_it = first.open <= cs + 1 or text[cs : first.open].strip(" ,:") == ""
            # what follows the closing mark inside the content: nothing, or an apposition after a comma
            after = text[last_r.close + 1 : ce].lstrip()
            closes_clause = text[last_r.start : last_r.end].rstrip()[-1:] in (",", ".", "?", "!")
            # the content's own words between two quotations ('"A" the level of "B"'): a mixed quote
            unquoted = any(_own_words(doc, c, regions[a].close + 1, regions[b].open)
                           for a, b in zip(hits, hits[1:]) if not regions[b].continued)
            if opens_it and not unquoted and (not after or after[:1] in ",;\u2014-(" or last_r.end >= ce or closes_clause):
                k = hits[0]
                while regions[k].continued and k - 1 >= 0 and k - 1 not in used:
                    k -= 1  # the paragraphs this quotation continues from are the same quote
                    hits.insert(0, k)
                q = direct_quote(doc, [regions[k] for k in hits], c, self.person_nouns)
            else:
                if last_r.start < ce < last_r.end and c.gap is None:
                    # the claim's words stop inside the quotation: what is quoted goes on to its mark
                    c = replace(c, content=(c.content[0], max(c.content[1], token_range(doc, last_r.start, last_r.end)[1])))
                q = claim_quote(doc, c, "mixed", self.para, self.person_nouns)
            for k in hits:
                used[k] = q
            quotes.append(q)
        return quotes


def _own_words(doc: Doc, c, start: int, end: int) -> bool:
    """Whether the characters between two quotations hold words of what the claim says, not only
    its cue, its speaker or the parenthesis around them ('"A," he said, "B"')."""
    span = doc.char_span(start, end, alignment_mode="contract")
    if span is None:
        return False
    skip = set(range(*c.cue))
    for part in (c.speaker, c.gap):
        if part is not None:
            skip.update(range(*part))
    return any(t.is_alpha and t.i not in skip for t in span)
