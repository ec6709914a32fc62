"""Which numbers found in text are quantities: the filters behind `numbers.find_quantities`
(dates, years, clock times, names, addresses, time anchors), ages, and the number "one".
Free of spaCy: `parse` is the quantities component's view of the parse, or None."""
from __future__ import annotations

import re
from decimal import Decimal
from typing import Optional

from .number_words import Found, Units

_WINDOW = 80  # how far after a number the rules look (never the rest of the document)


def _sentence_start(text: str, i: int) -> bool:
    j = i - 1
    while j >= 0 and text[j] in " \t\"'\u201c\u2018(":
        j -= 1
    return j < 0 or text[j] in ".!?\n:;\u2014"


def _is_year(v: Optional[Decimal]) -> bool:
    return v is not None and v == v.to_integral_value() and 1000 <= v <= 2200


def _titled(text: str, f: Found, u: Units) -> bool:
    """A number after a noun that numbers things by name ("Gate 5C", "seat 12F")."""
    pw = re.search(r"([#\w.'&]+)[ \t]*$", text[max(0, f.left - 30) : f.left])
    return bool(pw) and pw.group(1).lower().rstrip(".") in u.title_nouns


def _keep(text: str, f: Found, u: Units, parse) -> bool:
    """False for numbers that are dates, years, clock times, names, addresses or codes."""
    if f.unit in u.time_units:
        if _time_anchor(text, f):
            return False  # "the past three years", "1,300 years ago"
        if f.hyphen_unit and not re.match(r"[ \t-]*old\b", text[f.end : f.end + _WINDOW]):
            return False  # "a five-year plan", "24-hour": an adjective of time
    if f.attached_unit and _titled(text, f, u):
        return False  # "Apartment 5C", "Row 12F"
    if f.unit:
        return True
    if f.after_word:
        return False  # "COVID-19", "F-16", "TA-35"
    prev_text = text[max(0, f.left - 30) : f.left]
    after = text[f.end : f.end + 40]
    mm = u.months_re.search(prev_text)
    if mm and (mm.group(1)[:1].isupper() or mm.group(1).lower() not in ("may", "march")):
        return False  # "March 29", "Oct. 31"
    if f.value is not None and f.value <= 31 and u.month_after_re.match(after):
        return False  # "8 July"
    pw = re.search(r"([#\w.'&]+)[ \t]*$", prev_text)
    if pw:
        word = pw.group(1)
        if word.lower() in u.title_nouns or word.lower().rstrip(".") in u.title_nouns:
            if parse is None or parse._noun_after(f.num_end)[1] is None:
                return False  # "Resolution 2254", "article 5", "No. 1" (not "that day 40 people")
        if any(c.isupper() for c in word) and word[:1].isalpha() and not _sentence_start(text, f.left - len(pw.group())):
            if parse is None or parse.tag_before(f.left) in ("NNP", "NNPS"):
                return False  # "Model 3", "Big 12", "Lang 20"
    if u.street_re.match(after) or re.match(r"[ \t]+(?:ZIP|zip code|postcode|area code)\b", after, re.I):
        return False
    if re.search(r"\b(?:ZIP|zip code|postcode|phone|tel\.?|fax)[ \t]*:?[ \t]*$", prev_text, re.I):
        return False
    values = [v for v in (f.value, f.low, f.high) if v is not None]
    if f.plain and values and all(_is_year(v) for v in values):
        if parse is None or not parse.counts_plural(f.num_end, prev_text, u, values):
            return False  # "in 1971", "2019", "between 1600 and 1900"
    return True


_ANCHOR_BEFORE = re.compile(r"\b(?:last|past|next|coming|previous|first|final|following|ensuing|recent|preceding)[ \t]+$")
_ANCHOR_AFTER = re.compile(r"[ \t]+(?:ago|later|earlier|before|after|since|hence|prior|from now)\b")


def _time_anchor(text: str, f: Found) -> bool:
    """'the past three years', '1,300 years ago': a point in time, not a measure."""
    before = text[max(0, f.start - 30) : f.start].lower()
    return _ANCHOR_BEFORE.search(before) is not None or _ANCHOR_AFTER.match(text[f.end : f.end + 20].lower()) is not None


def _age(text: str, f: Found, parse) -> None:
    """'a 50-year-old', '400 million-year-old', 'aged 50', 'Maddon, 66,' -> year of age."""
    if f.unit in ("year", "month", "week", "day"):
        om = re.match(r"[ \t-]*old\b", text[f.end : f.end + _WINDOW])
        if om:
            f.unit, f.end = f.unit + " of age", f.end + om.end()
        return
    if f.unit is not None or f.value is None or f.value != f.value.to_integral_value():
        return
    before = text[max(0, f.start - 12) : f.start]
    if re.search(r"\b(?:aged|ages|age of)[ \t]+$", before, re.I):
        f.unit = "year of age"
    elif (0 < f.value < 120 and re.search(r"[A-Za-z],[ \t]*$", before) and re.match(r"[ \t]*[,)]", text[f.end : f.end + _WINDOW])
          and parse is not None and parse.name_before(f.start)):
        f.unit = "year of age"  # "Maddon, 66, has ..."
    elif 0 < f.value < 120 and f.kind in ("digits", "words") and parse is not None and parse.age_of_person(f):
        f.unit = "year of age"  # "she turned 40"


def _one_is_number(text: str, f: Found, parse) -> bool:
    """'one' counts in 'one hand', 'one of the best speakers'; not in 'one of his
    advisors', 'no one', 'more than one', 'one another'."""
    if f.unit and f.unit != "count":
        return True
    if f.approx == "more than":
        return False
    before = text[max(0, f.start - 12) : f.start].lower()
    if re.search(r"\b(?:the|this|that|each|every|any|no|which|another|same)\s+$", before):
        return False
    after = text[f.end : f.end + 40]
    if re.match(r"-[A-Za-z]", after):
        return False  # "one-off", "one-way", "one-sided"
    if re.match(r"\s+(?:another|day|time|way|thing)\b", after, re.I) or (
            re.search(r"\bat\s+$", before) and re.match(r"\s+point\b", after, re.I)):
        return False  # "one another", "one day", "at one point"
    if parse is None:
        return not re.match(r"\s+of\b", after)
    return parse.one_counts(f)
