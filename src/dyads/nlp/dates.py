"""When an event happened, as far as its sentence and the article's date fix it.

    resolve_date(doc, sent.start, sent.end, "2014-03-20", anchor=trigger.i)   # -> "2014-03-19", "2014-03", "1971" or None
    date_in_chars(doc, start_char, end_char, "2014-03-20", anchor_char=...)   # the same, by character offsets
    normalise("last Wednesday", date(2014, 3, 20))                             # -> "2014-03-19"
    date_expressions(doc, start, end, article_date)                            # every expression found, with its value

Pure functions. The candidates are the model's DATE entities and our own scan of
the sentence (the model misses many: "yesterday", "on Tuesday", "in 1971").

What a value means. The result is the finest ISO 8601 unit that contains the
whole period the words name: a day ("2014-03-19"), a month ("2014-03") or a
year ("1971"); null when no such unit does, or when nothing fixes it.
- Explicit dates: "12 March 2014", "March 12, 2014", "2014-03-12", "12/03/2014"
  (day first, the world's habit; "03/25/2014", which cannot be, month first);
  "March 2014" -> month; "in 1971", "the 1982 massacre" -> year (a bare year
  counts only where the model marks a DATE, so "2000 fighters" is no year).
- A day or month without a year takes the article's year, moved back a year when
  that would put a past event more than a month after the article ("December 30"
  in an article of 5 January is last December), forward for a future one.
- Relative to the article's date: "today", "tonight", "this morning" -> that
  day; "yesterday", "last night" -> the day before; "tomorrow"; "N days/weeks
  ago" -> that day; "N months ago" -> that month; "N years ago", "a decade ago"
  -> that year; "on Tuesday", "Tuesday's attack" -> the last Tuesday on or
  before the article's date (the next one after it when the verb is future:
  "will meet on Tuesday"); "last Tuesday" -> the last one before; "next
  Tuesday" -> the next one after; "last/this/next week" -> the month holding
  that Monday-to-Sunday week, else its year; "last/this/next month"; "last/this/
  next year"; "in March" -> the last March up to the article's month (the next
  one when future); "last summer" -> its year; winter, across two years, none.
- Durations and ranges: "since 2011", "over the past three years", "between
  2012 and 2014", "the past week" name a period, not a date: by the rule above
  they give the unit holding all of it ("the past three days" in mid-month ->
  that month; "between 3 and 5 March 2014" -> "2014-03"), and none when no
  unit does ("since 2011" in a 2014 article, "over the past three years").
  Decades ("the 1980s") are none; "in 1971" is a year.
- Without the article's date, relative expressions are none; explicit ones
  with a year still count.
When a sentence has several, the one in the trigger's own clause (the anchor's
nearest verb) wins, then the nearest to the anchor, then the first.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Optional

from spacy.tokens import Doc

from .. import kb
from .date_values import (  # noqa: F401  (re-exported)
    MONTHS, NUMBERS, SEASONS, WEEKDAYS, _iso, _mkdate, _value)
from .mentions import doc_text


# Month names are matched capitalised only ("may", "march" are verbs too).
_MONTH = (r"(?P<{g}>Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
          r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?")
_DAY = r"(?P<{g}>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<{g}>(?:1[0-9]|20)\d\d)"
_NUM = r"\b(?P<n>\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|a few|few|several|some|many)"
_WD = r"(?P<wd>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"


def _p(template: str, **groups) -> str:
    out = template
    for name, pattern in groups.items():
        out = out.replace("{" + name + "}", pattern.replace("{g}", name))
    return out


_I = re.IGNORECASE
PATTERNS: list[tuple[str, re.Pattern]] = [
    # ranges first, so that their parts are not taken alone
    ("range_days", re.compile(_p(r"\b(?:between\s+|from\s+)?{d1}\s*(?:-|–|and|to|until)\s*{d2}\s+{m}(?:,?\s+{y})?\b",
                                 d1=_DAY, d2=_DAY, m=_MONTH, y=_YEAR))),
    ("range_years", re.compile(_p(r"\b(?:between|from)\s+{y1}\s+(?:and|to|until)\s+{y2}\b|\b{y3}\s*(?:-|–)\s*{y4}\b",
                                  y1=_YEAR, y2=_YEAR, y3=_YEAR, y4=_YEAR), _I)),
    ("since", re.compile(_p(r"\b(?:since|ever since)\s+(?:(?:early|late|mid-?)\s*)?(?:(?:{d}\s+)?{m}\s+)?{y}\b",
                            d=_DAY, m=_MONTH, y=_YEAR))),
    ("iso", re.compile(r"\b(?P<y>(?:1[0-9]|20)\d\d)-(?P<m>[01]\d)-(?P<d>[0-3]\d)\b")),
    ("numeric", re.compile(r"\b(?P<a>[0-3]?\d)[/.](?P<b>[0-3]?\d)[/.](?P<y>(?:1[0-9]|20)\d\d)\b")),
    ("d_m_y", re.compile(_p(r"\b{d}\s+(?:of\s+)?{m},?\s+{y}\b", d=_DAY, m=_MONTH, y=_YEAR))),
    ("m_d_y", re.compile(_p(r"\b{m}\s+{d},?\s+{y}\b", m=_MONTH, d=_DAY, y=_YEAR))),
    ("m_y", re.compile(_p(r"\b(?:(?:early|late|mid-?|the end of|the beginning of|the start of)\s*)?{m},?\s+(?:of\s+)?{y}\b", m=_MONTH, y=_YEAR))),
    ("d_m", re.compile(_p(r"\b{d}\s+(?:of\s+)?{m}\b", d=_DAY, m=_MONTH))),
    ("m_d", re.compile(_p(r"\b{m}\s+{d}\b(?!\s*(?:%|per|,\d|\d))", m=_MONTH, d=_DAY))),
    ("decade", re.compile(r"\b(?:the\s+)?(?:(?:early|late|mid-?)\s*)?(?:1[0-9]|20)\d0s\b|\b(?:the\s+)?'?[0-9]0s\b", _I)),
    ("season_y", re.compile(_p(r"\b(?:the\s+)?(?P<s>spring|summer|autumn|fall|winter)\s+(?:of\s+)?{y}\b", y=_YEAR), _I)),
    ("season_rel", re.compile(r"\b(?P<r>last|this|next|past)\s+(?P<s>spring|summer|autumn|fall|winter)\b", _I)),
    ("day_before", re.compile(r"\bthe\s+day\s+before\s+yesterday\b", _I)),
    ("day_after", re.compile(r"\bthe\s+day\s+after\s+tomorrow\b", _I)),
    ("today", re.compile(r"\b(?:today|tonight|this\s+(?:morning|afternoon|evening))\b", _I)),
    ("yesterday", re.compile(r"\b(?:yesterday|last\s+night)\b", _I)),
    ("tomorrow", re.compile(r"\btomorrow\b", _I)),
    ("ago", re.compile(_NUM + r"\s+(?P<u>days?|weeks?|months?|years?|decades?)\s+ago\b", _I)),
    ("past_n", re.compile(r"\b(?:in|over|during|for)?\s*(?:the\s+)?(?:past|last|previous)\s+" + _NUM +
                          r"\s+(?P<u>days?|weeks?|months?|years?|decades?)\b", _I)),
    ("past_unit", re.compile(r"\b(?:in|over|during|for)?\s*the\s+(?:past|last|previous)\s+(?P<u>day|week|month|year|decade)\b", _I)),
    ("rel_wd", re.compile(r"\b(?P<r>last|this|next|past)\s+" + _WD + r"\b")),
    ("rel_unit", re.compile(r"\b(?:(?:earlier|later|early|late)\s+)?(?P<r>last|this|next|past)\s+(?P<u>week|month|year)\b", _I)),
    ("rel_month", re.compile(_p(r"\b(?P<r>last|this|next|past)\s+{m}\b", m=_MONTH))),
    ("weekday", re.compile(_WD + r"(?:'s|\u2019s)?\b")),
    ("since_month", re.compile(_p(r"\b(?:since|ever since)\s+(?:(?:early|late|mid-?)\s*)?{m}\b(?!\s+\d)", m=_MONTH))),
    ("in_month", re.compile(_p(r"\b(?:in|during|early|late|mid-?|end of|beginning of|the end of|the beginning of)\s+{m}\b(?!\s+\d)", m=_MONTH))),
    ("year", re.compile(_p(r"\b(?P<cue>in|since|by|until|till|from|during|of|early|late|mid-?|year|around|before|after|circa|c\.)?\s*{y}\b(?!\s*(?:%|per|people|dead|killed|troops|soldiers|fighters|km|miles|tonnes|\$))", y=_YEAR), _I)),
]


@dataclass
class DateExpr:
    """A date expression in the text and what it fixes."""

    start: int  # characters
    end: int
    text: str
    kind: str
    value: Optional[str]


# ---------------------------------------------------------------- public API

def parse_article_date(value) -> Optional[date]:
    """The article's date from what readers give: '2014-03-20', '2014-03-20T10:00:00Z',
    '4/4/2017' (month first, the US metadata habit, unless the first number is over 12),
    '20 March 2014', a date or datetime."""
    if value is None:
        return None
    if isinstance(value, date):
        return value if type(value) is date else value.date()
    s = str(value).strip()
    if not s:
        return None
    m = re.match(r"(\d{4})-(\d{1,2})-(\d{1,2})", s)
    if m:
        return _mkdate(int(m[1]), int(m[2]), int(m[3]))
    m = re.match(r"(\d{1,2})[/.](\d{1,2})[/.](\d{4})", s)
    if m:
        a, b, y = int(m[1]), int(m[2]), int(m[3])
        return _mkdate(y, b, a) if a > 12 else _mkdate(y, a, b)
    m = re.match(r"(\d{4})(\d{2})(\d{2})$", s)
    if m:
        return _mkdate(int(m[1]), int(m[2]), int(m[3]))
    for e in _scan(s, 0):
        if e[2] in ("d_m_y", "m_d_y"):
            v = _value(e[2], e[3], None, False)
            if v and len(v) == 10:
                return date.fromisoformat(v)
    try:
        from dateutil import parser as du  # optional: other formats ('Thu, 20 Mar 2014 10:00:00 GMT')

        return du.parse(s, fuzzy=True).date()
    except Exception:  # noqa: BLE001 - no such module, or no date in it
        return None


def normalise(text: str, article_date=None, future: bool = False) -> Optional[str]:
    """The value of one date expression ('last Wednesday', 'March 2014', 'in 1971')."""
    ref = parse_article_date(article_date)
    found = _scan(text, 0)
    for s, e, kind, m in found:
        v = _value(kind, m, ref, future)
        if v is not None:
            return v
    return None


def date_expressions(doc: Doc, start: int, end: int, article_date=None, future: Optional[bool] = None) -> list[DateExpr]:
    """The date expressions of tokens [start, end), with their values (None for those that fix
    nothing). `future` None: decided from the words around each expression."""
    if start >= end:
        return []
    ref = parse_article_date(article_date)
    text = doc_text(doc)
    s_char = doc[start].idx
    e_char = doc[end - 1].idx + len(doc[end - 1].text)
    found = _scan(text[s_char:e_char], s_char)
    # the model's DATE entities: the expressions our patterns do not know stay as candidates
    # worth nothing, and bare years it marks count ("the 1982 massacre")
    for e_start, e_end, e_char, e_text in _date_ents(doc):
        if not (start <= e_start and e_end <= end):
            continue
        for m in re.finditer(r"\b(?:1[0-9]|20)\d\d\b", e_text):
            a, b = e_char + m.start(), e_char + m.end()
            if not any(fs < b and a < fe for fs, fe, _, _ in found):
                found.append((a, b, "year_ent", m))
    out = []
    for a, b, kind, m in sorted(found, key=lambda f: f[0]):
        fut = _is_future(doc, a) if future is None else future
        out.append(DateExpr(a, b, text[a:b], kind, _value(kind, m, ref, fut)))
    return _drop_weekday_before_date(out, text)


_last_ents: list = [None, None]


def _date_ents(doc: Doc) -> list[tuple[int, int, int, str]]:
    """The model's DATE entities (token start, end, start char, text), listed once per Doc."""
    if _last_ents[0] is not doc:
        _last_ents[0] = doc
        _last_ents[1] = [(e.start, e.end, e.start_char, e.text) for e in doc.ents if e.label_ == "DATE"]
    return _last_ents[1]


def resolve_date(doc: Doc, sent_start: int, sent_end: int, article_date=None, anchor: Optional[int] = None) -> Optional[str]:
    """The date the sentence (tokens [sent_start, sent_end)) fixes for an event: an ISO day,
    month or year, or None. `anchor` (a token index, the trigger) chooses among several."""
    found = date_expressions(doc, sent_start, sent_end, article_date)
    exprs = [x for x in found if x.value is not None]
    if anchor is None or len(found) <= 1:
        return exprs[0].value if exprs else None
    verb = _clause_verb(doc[anchor])
    pos = doc[anchor].idx

    def own(x: DateExpr) -> bool:
        span = doc.char_span(x.start, x.end, alignment_mode="expand")
        return span is not None and verb is not None and _clause_verb(span.root).i == verb.i

    mine = [x for x in found if own(x)]
    if mine:  # the trigger's own clause says when, or that it was a period ('has ruled since 1970')
        return min(mine, key=lambda x: abs(x.start - pos)).value
    return min(exprs, key=lambda x: abs(x.start - pos)).value if exprs else None


def date_in_chars(doc: Doc, start_char: int, end_char: int, article_date=None,
                  anchor_char: Optional[int] = None) -> Optional[str]:
    """`resolve_date` by character offsets (an event's sentence and its trigger's start)."""
    span = doc.char_span(start_char, end_char, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    anchor = None
    if anchor_char is not None:
        a = doc.char_span(anchor_char, min(anchor_char + 1, len(doc_text(doc))), alignment_mode="expand")
        anchor = a.start if a is not None and len(a) else None
    return resolve_date(doc, span.start, span.end, article_date, anchor)


# ---------------------------------------------------------------- finding

def _scan(text: str, offset: int) -> list[tuple[int, int, str, re.Match]]:
    """Non-overlapping matches, earlier patterns first (longer, more explicit forms)."""
    taken: list[tuple[int, int]] = []
    out = []
    for kind, pat in PATTERNS:
        for m in pat.finditer(text):
            a, b = m.span()
            while a < b and text[a].isspace():
                a += 1
            if a >= b:
                continue
            if any(ta < b and a < tb for ta, tb in taken):
                continue
            if kind == "year" and not m.group("cue"):
                continue  # a bare number may be a count: the model's DATE entity must vouch for it
            taken.append((a, b))
            out.append((offset + a, offset + b, kind, m))
    return out


def _drop_weekday_before_date(exprs: list[DateExpr], text: str) -> list[DateExpr]:
    """'on Monday, March 12, 2014': the explicit date speaks for the weekday."""
    out = []
    for i, x in enumerate(exprs):
        if x.kind == "weekday" and i + 1 < len(exprs):
            nxt = exprs[i + 1]
            if nxt.kind in ("d_m_y", "m_d_y", "d_m", "m_d", "iso", "numeric") and text[x.end : nxt.start].strip(" ,") == "":
                continue
        out.append(x)
    return out


# auxiliaries that put a verb in the past ("had agreed", "was killed")
PAST_AUXILIARIES = kb.words("dates", "past_auxiliaries")
# auxiliaries that put a verb in the future ("will meet", "won't meet")
FUTURE_AUXILIARIES = kb.words("dates", "future_auxiliaries")
# verbs whose complement is planned, so its date lies ahead ("plans to meet on Monday")
PLANNING_HEADS = kb.words("dates", "planning_heads")
# words under a verb that make its date a scheduled one ("is due to meet", "set to sign")
SCHEDULED_WORDS = kb.words("dates", "scheduled_words")
# verbs whose own present tense speaks of what lies ahead ("plans a vote on Monday")
PLANNING_VERBS = kb.words("dates", "planning_verbs")


def _is_future(doc: Doc, char: int) -> bool:
    """Whether the clause around the expression speaks of what is to come ('will meet on Tuesday')."""
    span = doc.char_span(char, char + 1, alignment_mode="expand")
    if span is None or not len(span):
        return False
    tok = span[0]
    verb = _clause_verb(tok)
    if verb is None:
        return False
    if verb.tag_ == "VBD" or any(c.tag_ == "VBD" or c.lower_ in PAST_AUXILIARIES for c in verb.children if c.dep_ in ("aux", "auxpass")):
        return False
    words = {c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass", "advmod", "neg")}
    if words & FUTURE_AUXILIARIES:
        return True
    head = verb.head
    if verb.dep_ == "xcomp" and head.lemma_.lower() in PLANNING_HEADS:
        return True
    if any(c.lower_ in SCHEDULED_WORDS for c in verb.children):
        return True
    return verb.lemma_.lower() in PLANNING_VERBS and verb.tag_ in ("VBZ", "VBP")


def _clause_verb(tok):
    """The verb heading the clause a token is in."""
    t = tok
    for _ in range(12):
        if t.pos_ in ("VERB", "AUX") and t.dep_ not in ("aux", "auxpass"):
            return t
        if t.head.i == t.i:
            return t
        t = t.head
    return t
