"""The `dyads_quotes` spaCy component: who said what, with its speaker and its voice.

    nlp.add_pipe("dyads_quotes")      # after dyads_actors
    doc._.dyads_quotes                # [QuoteInfo] in text order

Quotation marks give direct quotes (split around the cue, across sentences and
paragraphs); reporting expressions (`claims.py`) give indirect speech and, when
they hold a quoted fragment, mixed quotes. A quote with no cue of its own takes
the speaker the text implies: a speaker introduced with a colon just before, or
the previous quote's. Speakers resolve to actors through the actors component's
mentions (names, surnames, pronouns); a description ("a source", "one of
Al-Assad's advisors") becomes an actor of its own. Unbalanced quotation marks
never stop the article: the rest is extracted and a W003 warning says where.
"""
from __future__ import annotations

from .mentions import doc_text, token_strings

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from typing import Optional

from spacy.language import Language
from spacy.tokens import Doc

from .. import kb
from ..errors import warning
from .actors import SPAN_KEY
from .claims import Claim, QUOTE_CHARS, find_claims, load_reporting
from . import spanrows
from .doc import ActorRegistry, QuoteInfo  # noqa: F401 - the quote record, declared with the Doc's other records
from .mentions import Cand

_MARKS = re.compile(r"''|``|[\"\u201c\u201d\u00ab\u00bb\u201e]")
_OPENERS = {"\u201c", "\u00ab", "\u201e", "``"}
_CLOSERS = {"\u201d", "\u00bb"}
_COLON_LINE = re.compile(r"(?:^|\n)[\"\u201c]?([A-Z][\w.'\u2019 -]{1,40}?):[ \t]+(\S)")
MIN_QUOTE_WORDS = 4
MIN_REPORTED_WORDS = 3  # "he mentioned the issue": too little said to be a claim  # shorter quoted strings without a cue are titles or scare quotes
LAST_SPEAKER_CHARS = 2500  # how far back an uncued quote looks for the previous speaker


@dataclass
class Region:
    """Text between a pair of quotation marks: content [start, end) in characters."""

    open: int
    start: int
    end: int
    close: int
    continued: bool = False  # a paragraph continuing the previous region's quotation


# ---------------------------------------------------------------- quotation marks


def quote_at(quotes, start: int, end: int):
    """The innermost quote with a speaker that holds [start, end), or None: whose voice
    asserts what lies there (None is the article's own voice). Of two as short, the first in
    `quotes`."""
    index = _quote_index(quotes)
    starts, order, longest = index[2], index[3], index[4]
    best, best_key = None, None
    # only a quote starting at most `longest` characters before `end` can hold [start, end)
    for k in range(bisect_left(starts, end - longest), bisect_right(starts, start)):
        n = order[k]
        q = quotes[n]
        if q.start <= start and end <= q.end and q.speaker:
            key = (q.end - q.start, n)
            if best_key is None or key < best_key:
                best, best_key = q, key
    return best


_QUOTE_INDEX: list = [None]  # (quotes, len, starts, order, longest) for the last list asked about


def _quote_index(quotes) -> tuple:
    """The quotes' starts in ascending order with their places in the list, kept while the
    same list is asked about and keeps its length."""
    hit = _QUOTE_INDEX[0]
    if hit is not None and hit[0] is quotes and hit[1] == len(quotes):
        return hit
    order = sorted(range(len(quotes)), key=lambda n: quotes[n].start)
    starts = [quotes[n].start for n in order]
    longest = max((q.end - q.start for q in quotes), default=0)
    _QUOTE_INDEX[0] = hit = (quotes, len(quotes), starts, order, longest)
    return hit


def paragraph_break(text: str) -> str:
    """What parts paragraphs: a line break, or a blank line when the text is wrapped
    at a fixed width (then single line breaks fall inside paragraphs)."""
    lines = text.split("\n")
    if len(lines) > 5:
        full = [ln for ln in lines if ln.strip()]
        wrapped = sum(1 for ln in full if 50 <= len(ln) <= 90)
        if wrapped >= 0.8 * len(full) and "\n\n" in text:
            return "\n\n"
    return "\n"


def _family(mark: str) -> str:
    if mark in ('"', "''"):
        return "straight"
    if mark in ("\u00ab", "\u00bb"):
        return "guillemet"
    return "curly"  # \u201c \u201d \u201e ``


def quote_regions(text: str) -> tuple[list[Region], list[int]]:
    """Pairs of quotation marks, and the offsets of marks left unpaired.

    Curly marks pair open with close; straight marks (and NYT-style '') toggle; a
    quotation of the other style inside an open one is nested and stays part of
    it. A quotation left open at a paragraph's end continues when the next
    paragraph opens with a mark (the convention for quotes running over
    paragraphs); open at a paragraph's end otherwise, its mark is unbalanced."""
    para = paragraph_break(text)
    regions: list[Region] = []
    stray: list[int] = []
    open_at: Optional[int] = None
    open_len, cont, family, nested = 0, False, "", 0
    for m in _MARKS.finditer(text):
        mark, i = m.group(), m.start()
        if open_at is not None and para in text[open_at:i]:
            para_end = text.index(para, open_at)
            if text[para_end:i].strip() == "" and mark not in _CLOSERS:
                # the next paragraph opens with a mark: the quotation goes on there
                regions.append(Region(open_at, open_at + open_len, para_end, para_end, continued=cont))
                open_at, open_len, cont, family, nested = i, len(mark), True, _family(mark), 0
                continue
            stray.append(open_at)
            open_at, cont, nested = None, False, 0
        if open_at is None:
            if mark in _CLOSERS:
                stray.append(i)
                continue
            open_at, open_len, cont, family, nested = i, len(mark), False, _family(mark), 0
            continue
        fam = _family(mark)
        if fam != family:  # a quotation inside the quotation
            if fam == "straight":
                nested = 0 if nested else 1
            elif mark in _OPENERS:
                nested += 1
            elif nested:
                nested -= 1
            continue
        if mark in _OPENERS:
            stray.append(open_at)  # a new opening inside an open quotation
            open_at, open_len, cont, nested = i, len(mark), False, 0
            continue
        regions.append(Region(open_at, open_at + open_len, i, i + len(mark), continued=cont))
        open_at, cont, nested = None, False, 0
    if open_at is not None:
        stray.append(open_at)
    return [r for r in regions if r.end > r.start], sorted(stray)


def _regions_over(regions: list[Region], ends: list[int], start: int, end: int) -> range:
    """The indices of the regions sharing a character with [start, end). Regions come in text
    order and do not overlap (quote_regions), so both their starts and their ends ascend."""
    first = bisect_right(ends, start)
    last = first
    while last < len(regions) and regions[last].start < end:
        last += 1
    return range(first, last)


# ---------------------------------------------------------------- the component


@Language.factory(
    "dyads_quotes",
    assigns=["doc._.dyads_quotes", "doc._.dyads_warnings"],
    requires=["doc._.dyads_actors", "token.dep"],
)
def make_quotes(nlp: Language, name: str):
    return QuotesComponent()


# pronouns that cannot speak, promise or accuse
NOT_SPEAKERS = kb.words("quotes", "not_speakers")
# quantifiers before "of" whose noun is the speaker ("one of the witnesses")
QUANTIFIERS = kb.words("quotes", "quantifiers")
# determiners stripped from a speaker's description
DETERMINERS = kb.words("quotes", "determiners")


class QuotesComponent:
    def __init__(self):
        self.lex = load_reporting()
        self.person_nouns = _person_nouns() | self.lex.speaker_nouns

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
        text = doc_text(doc)
        self.para = paragraph_break(text)
        regions, stray = quote_regions(text)
        region_tokens = [_tokens(doc, r.start, r.end) for r in regions]
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

        claims = [c for c in find_claims(doc, self.lex, animate)
                  if not any(i in inside for i in range(*c.cue)) and _words(doc, c.content) >= MIN_REPORTED_WORDS]
        quotes: list[QuoteInfo] = []
        used: dict[int, QuoteInfo] = {}  # region index -> its quote
        ends = [r.end for r in regions]
        for c in claims:
            cs, ce = doc[c.content[0]].idx, _end_char(doc, c.content[1])
            hits = [k for k in _regions_over(regions, ends, cs, ce) if k not in used]
            if not hits:
                quotes.append(self._claim_quote(doc, c, "indirect"))
                continue
            first, last_r = regions[hits[0]], regions[hits[-1]]
            opens_it = first.open <= cs + 1 or text[cs : first.open].strip(" ,:") == ""
            # what follows the closing mark inside the content: nothing, or an apposition after a comma
            after = text[last_r.close + 1 : ce].lstrip()
            closes_clause = text[last_r.start : last_r.end].rstrip()[-1:] in (",", ".", "?", "!")
            if opens_it and (not after or after[:1] in ",;\u2014-(" or last_r.end >= ce or closes_clause):
                k = hits[0]
                while regions[k].continued and k - 1 >= 0 and k - 1 not in used:
                    k -= 1  # the paragraphs this quotation continues from are the same quote
                    hits.insert(0, k)
                q = self._direct(doc, [regions[k] for k in hits], c)
                for k in hits:
                    used[k] = q
            else:
                q = self._claim_quote(doc, c, "mixed")
                for k in hits:
                    used[k] = q
            quotes.append(q)
        self._colon_lines(doc, used, regions, quotes)
        self._split_openings(doc, regions, used, quotes)
        self._bare_cues(doc, regions, used, quotes, claims)
        self._uncued(doc, regions, region_tokens, used, quotes, claims)
        return quotes, stray

    def _colon_lines(self, doc: Doc, used: dict, regions: list[Region], quotes: list[QuoteInfo]) -> None:
        """'Pat Caddell: Democrat voters worried ...' and transcripts ('WALLACE: Let's
        start ...'): a paragraph opening with a speaker's name and a colon."""
        text = doc_text(doc)
        mentions = doc.spans[SPAN_KEY] if SPAN_KEY in doc.spans else []
        for m in _COLON_LINE.finditer(text):
            name_s, name_e, body_s = m.start(1), m.end(1), m.start(2)
            body_e = text.find(self.para, body_s)
            body_e = len(text) if body_e == -1 else body_e
            body_s, body_e = _strip_span(text, body_s, body_e)
            if len(text[body_s:body_e].split()) < 3 or any(q.start <= body_s < q.end for q in quotes):
                continue
            speaker = None
            for sp in mentions:
                if sp.start_char >= name_s and sp.end_char <= name_e and (sp.end_char - sp.start_char) * 2 >= name_e - name_s:
                    speaker = sp
                    break
            transcript = text[name_s:name_e].isupper() and len(text[name_s:name_e].split()) <= 3
            if speaker is None and not transcript:
                continue
            q = QuoteInfo("direct" if transcript else "indirect", body_s, body_e, _strip_marks(text[body_s:body_e]), cue=":")
            q.speaker_text = text[name_s:name_e]
            q.speaker_chars = (name_s, name_e)
            q.speaker = speaker.label_ if speaker is not None else None
            for k, r in enumerate(regions):
                if r.start < body_e and body_s < r.end:
                    used[k] = q
            quotes.append(q)

    def _split_openings(self, doc: Doc, regions: list[Region], used: dict, quotes: list[QuoteInfo]) -> None:
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
                    q.text = _strip_marks(text[r.start : r.end].strip()) + " " + q.text
                    used[k] = q

    def _bare_cues(self, doc: Doc, regions, used, quotes, claims) -> None:
        """'"Q," Ms. Moore said.' parsed as two sentences: a verb of saying with a
        subject and nothing said is the cue of the quotation beside it."""
        from .claims import _cue_text, _cue_tokens, speaker_span, subject_of

        taken = {t for c in claims for t in range(*c.cue)}
        text = doc_text(doc)
        verbs = [i for i, pos in enumerate(token_strings(doc, "POS")) if pos == "VERB" and i not in taken]
        for tok in (doc[i] for i in verbs):
            if tok.lemma_.lower() not in self.lex.speech:
                continue
            if any(c.dep_ in ("ccomp", "xcomp") or c.dep_ == "dobj" and c.pos_ != "PRON" for c in tok.children):
                continue  # "asking her, '...'" is still a cue; "asking a question" is not
            subj = subject_of(tok, self.lex)
            if subj is None:
                continue
            sp = speaker_span(subj)
            left = doc[min(sp[0], tok.i)].idx
            right = _end_char(doc, max(sp[1], tok.i + 1))
            for k, r in enumerate(regions):
                if k in used:
                    continue
                before = r.close < left and text[r.close + 1 : left].strip(" ,\u2014-") == "" and "\n" not in text[r.close : left]
                after = r.open >= right and text[right : r.open].strip(" ,:") == "" and "\n\n" not in text[right : r.open]
                if before or after:
                    cue = _cue_tokens(tok)
                    claim = Claim(cue, _tokens(doc, r.start, r.end), sp, subj.i, "speech", cue_text=_cue_text(doc, cue))
                    q = self._direct(doc, [r], claim)
                    used[k] = q
                    quotes.append(q)
                    break

    # ------------------------------------------------------------ building quotes

    def _claim_quote(self, doc: Doc, c: Claim, kind: str) -> QuoteInfo:
        s, e = doc[c.content[0]].idx, _end_char(doc, c.content[1])
        cue = doc[c.cue[0]].idx
        brk = doc_text(doc).find(self.para, s, e)
        while brk != -1:  # what is said stays in the cue's paragraph
            if brk < cue:
                s = brk + len(self.para)
            else:
                e = brk
                break
            brk = doc_text(doc).find(self.para, s, e)
        s, e = _strip_span(doc_text(doc), s, e)
        if c.gap is not None and s < doc[c.gap[0]].idx and _end_char(doc, c.gap[1]) < e:
            gs, ge = doc[c.gap[0]].idx, _end_char(doc, c.gap[1])
            body = (doc_text(doc)[s:gs].rstrip(" ,") + " " + doc_text(doc)[ge:e].lstrip(" ,")).strip()
        else:
            body = doc_text(doc)[s:e]
        q = QuoteInfo(kind, s, e, _strip_marks(body), cue=c.cue_text or None, claim=c)
        self._speaker(doc, q, c)
        return q

    def _direct(self, doc: Doc, regions: list[Region], c: Optional[Claim]) -> QuoteInfo:
        start, end = regions[0].start, regions[-1].end
        text = regions and doc_text(doc)[regions[0].start : regions[0].end].strip()
        for prev, r in zip(regions, regions[1:]):
            text += ("\n\n" if r.continued else " ") + doc_text(doc)[r.start : r.end].strip()
        q = QuoteInfo("direct", start, end, _strip_marks(text), cue=(c.cue_text or None) if c else None, claim=c,
                      regions=list(regions))
        if c is not None:
            self._speaker(doc, q, c)
        return q

    def _uncued(self, doc, regions, region_tokens, used, quotes, claims) -> None:
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
                last.regions.append(r)
                last.end = r.end
                last.text = _strip_marks(last.text + "\n\n" + text[r.start : r.end].strip())
                used[k] = last
                continue
            if prev_direct is not None and prev_direct.regions and self._continues(doc, prev_direct, r):
                prev_direct.regions.append(r)
                prev_direct.end = r.end
                prev_direct.text = _strip_marks(prev_direct.text + " " + text[r.start : r.end].strip())
                used[k] = prev_direct
                last = prev_direct
                continue
            s, e = region_tokens[k]
            words = [t for t in doc[s:e] if t.is_alpha]
            if len(words) < MIN_QUOTE_WORDS or not any(t.pos_ in ("VERB", "AUX") for t in doc[s:e]):
                continue  # a title, a name or a scare quote
            intro = self._colon_intro(doc, s, claims)
            q = QuoteInfo("direct", r.start, r.end, _strip_marks(text[r.start : r.end].strip()), regions=[r])
            if intro is None and not _opens_sentence(doc, s):
                # a fragment quoted inside the article's own sentence, with no cue: whose, the text does not say
                quotes.append(q)
                by_order = sorted(quotes, key=lambda q: q.start)
                used[k] = q
                continue
            if intro is not None:
                q.cue = intro.cue_text or None
                self._speaker(doc, q, intro)
            elif prev is not None and r.open - prev.end < LAST_SPEAKER_CHARS and (prev.speaker or prev.speaker_text):
                q.speaker, q.speaker_text, q.speaker_chars = prev.speaker, prev.speaker_text, prev.speaker_chars
            quotes.append(q)
            by_order = sorted(quotes, key=lambda q: q.start)
            used[k] = q
            last = q

    def _continues(self, doc: Doc, prev: QuoteInfo, r: Region) -> bool:
        """'"A," said X. "B."' or '"A," X said, smiling. "B."': a quotation with no cue of
        its own, in the same paragraph and just after a direct quote, goes on with it."""
        gap_s, gap_e = prev.regions[-1].close, r.open
        between = doc_text(doc)[gap_s:gap_e]
        if gap_e <= gap_s or gap_e - gap_s > 200 or "\n" in between:  # (inside the earlier quote: not after it)
            return False
        span = doc.char_span(gap_s, gap_e, alignment_mode="expand")
        cue = set(range(*prev.claim.cue)) if prev.claim else set()
        for t in span or []:
            if t.i in cue:
                continue
            if t.pos_ in ("VERB", "AUX") and t.lemma_.lower() in self.lex.speech and any(
                c.dep_ in ("nsubj", "nsubjpass") for c in t.children
            ):
                return False  # another cue with its own speaker: another quote
        return True

    def _colon_intro(self, doc: Doc, s: int, claims: list[Claim]) -> Optional[Claim]:
        """'Caddell continued:' / 'X said:' just before the quotation."""
        i = s - 1
        while i >= 0 and (doc[i].is_space or doc[i].text in QUOTE_CHARS):
            i -= 1
        if i < 0 or doc[i].text != ":":
            return None
        sent = doc[i].sent
        for tok in reversed(list(sent)):
            if tok.i >= i:
                continue
            lemma = tok.lemma_.lower()
            if tok.pos_ in ("VERB", "AUX") and (lemma in self.lex.speech or lemma in self.lex.belief):
                from .claims import _cue_text, _cue_tokens, speaker_span, subject_of

                subj = subject_of(tok, self.lex)
                if subj is None:
                    return None
                cue = _cue_tokens(tok)
                return Claim(cue, (s, s + 1), speaker_span(subj), subj.i, "speech", cue_text=_cue_text(doc, cue))
        return None

    # ------------------------------------------------------------ speakers

    def _speaker(self, doc: Doc, q: QuoteInfo, c: Claim) -> None:
        if c.speaker is None or c.head is None:
            return
        s, e = c.speaker
        q.speaker_text = doc[s:e].text
        q.speaker_chars = (doc[s].idx, _end_char(doc, e))
        q.speaker = self._actor_for(doc, c.head, (s, e))

    def _actor_for(self, doc: Doc, head: int, span: tuple[int, int]) -> Optional[str]:
        covering = spanrows.covering(doc, SPAN_KEY, head)
        if covering:
            return covering[0].label_
        # "the spokesman, Karim Nasser, said": the apposition names the speaker
        for child in doc[head].children:
            if child.dep_ == "appos":
                covering = spanrows.covering(doc, SPAN_KEY, child.i)
                if covering:
                    return covering[0].label_
        # "Hamas officials said", "some opposition figures": a group named in the phrase speaks
        inner = spanrows.within(doc, SPAN_KEY, span[0], span[1])
        actors = {a.id: a for a in (doc._.dyads_actors or [])} if inner else {}
        for m in inner:
            a = actors.get(m.label_)
            if a is not None and a.type != "person" and doc[m.end - 1].head.i == head:
                return m.label_
        tok = doc[head]
        noun = tok
        if tok.lower_ in QUANTIFIERS:
            noun = next((p for c in tok.children if c.dep_ == "prep" and c.lower_ == "of" for p in c.children if p.dep_ == "pobj"), tok)
        if noun.lemma_.lower() in self.person_nouns or noun.lower_ in self.person_nouns:
            return self._description_actor(doc, span)
        return None

    def _description_actor(self, doc: Doc, span: tuple[int, int]) -> str:
        """A speaker known only by description becomes an actor of its own."""
        s, e = span
        while s < e and doc[s].lower_ in DETERMINERS:
            s += 1
        name = doc[s:e].text
        registry = ActorRegistry(doc)
        key = "speaker:" + name.lower()
        a = registry.find(key) or registry.make(name, "person", key, index=len(registry.actors))
        registry.add_mention(a, Cand(s, e, "desc", type="person", role="speaker", actor=a.index))
        return a.id


def _person_nouns() -> set[str]:
    """Nouns of persons and communities in `kb/agents.tsv`, singular and plural."""
    out = set()
    for row in kb.rows("agents.tsv"):
        if row.get("type") in ("person", "community"):
            out.add(row["term"])
            out.update(p for p in (row.get("plural") or "").split("|") if p)
    return out


def _opens_sentence(doc: Doc, s: int) -> bool:
    """Does the quotation starting at token s begin its sentence (after its opening mark)?"""
    sent = doc[s].sent
    return all(t.is_punct or t.is_space or t.text in QUOTE_CHARS for t in doc[sent.start : s])


def _words(doc: Doc, span: tuple[int, int]) -> int:
    return sum(1 for t in doc[span[0] : span[1]] if t.is_alpha or t.like_num)


def _tokens(doc: Doc, start: int, end: int) -> tuple[int, int]:
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return 0, 0
    return span.start, span.end


def _end_char(doc: Doc, token_end: int) -> int:
    t = doc[token_end - 1]
    return t.idx + len(t.text)


def _strip_span(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and (text[s].isspace() or text[s] in QUOTE_CHARS or text[s] in ",;:"):
        s += 1
    while e > s and (text[e - 1].isspace() or text[e - 1] in QUOTE_CHARS or text[e - 1] in ",;:"):
        e -= 1
    return s, e


def _strip_marks(s: str) -> str:
    s = s.strip()
    while s and s[0] in QUOTE_CHARS:
        s = s[1:].lstrip()
    while s and s[-1] in QUOTE_CHARS:
        s = s[:-1].rstrip()
    return s
