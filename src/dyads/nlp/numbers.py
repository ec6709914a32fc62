"""Numbers in text: the scan behind the quantities component, free of spaCy.

`find_quantities(text, units, parse)` finds digits, number words, vague counts and
fractions, with their currency, scale, unit, approximator and range, and rejects
dates, clock times, years, ordinals, addresses and numbers that are part of a
name. `parse` (the component's view of the parse) is consulted only around what
was found. The word lists are data: `kb/units.yaml`, read in `number_words.py`.
"""
from __future__ import annotations

import re
from decimal import Decimal
from typing import Optional

from .. import kb
from ..kb.names import singular
from .number_filters import _WINDOW, _age, _is_year, _keep, _one_is_number, _sentence_start
from .split_ranges import join_split_ranges
from .unit_ellipsis import carry_units
from .number_words import (  # noqa: F401  (re-exported: the word lists and the Found record)
    UNITS_FILE, Found, Units, _alt, _bounded, _digits, _out, _plurals, load_units, parse_number, parse_words)


def lookup_unit(text: str, units: Optional[Units] = None) -> Optional[str]:
    """The contract's unit for a unit or currency as written: "per cent" -> "percent",
    "miles per hour" -> "mile per hour", "km" -> "kilometre", "$" -> "USD",
    "Australian dollars" -> "AUD"; None when unknown."""
    u = units or load_units()
    s = text.strip()
    if s in u.cur_prefix:
        return u.cur_prefix[s]
    if not s:
        return None
    probe = "1 " + s  # read it the way it is read after a number
    f = _unit(probe, Found(0, 1, value=Decimal(1), base=Decimal(1), num_end=1), u)
    return f.unit if f is not None and f.end == len(probe) else None


def find_quantities(text: str, units: Optional[Units] = None, parse=None) -> list[Found]:
    """Every quantity of the text, in order. `parse` is the quantities component's
    `ParseView`; without it the rules that need one (counted nouns, the pronoun
    "one", subjects) are left out."""
    u = units or load_units()
    out: list[Found] = []
    pos = 0
    for m in u.atom.finditer(text):
        if m.start() < pos:
            continue
        f = _read(text, m, u, parse)
        if f is None:
            continue
        if f.kind in ("digits", "words"):
            g = _range(text, f, u)
            if g is None or not _keep(text, g, u, parse):
                pos = max(pos, (g or f).end)
                continue
            f = g
            if f.word == "one" and not _one_is_number(text, f, parse):
                continue
            if parse is not None and not parse.not_name(f):
                continue
            _age(text, f, parse)
            if parse is not None:
                parse.count(text, f, u)
        elif parse is not None:
            parse.people(f)  # "displaced thousands of villagers"
        if parse is not None:
            f.subject = parse.subject(f, text)
        out.append(f)
        pos = f.end
    out = join_split_ranges(text, out)
    carry_units(text, out, u, _unit_at)
    return out


def _read(text: str, m: re.Match, u: Units, parse) -> Optional[Found]:
    if m.group("frac"):
        return _fraction(text, m, u)
    if m.group("vague"):
        return _vague(text, m, u, parse)
    if m.group("digits"):
        return _read_digits(text, m.start("digits"), m.end("digits"), u)
    return _read_words(text, m.start("words"), m.end("words"), u)


def _fraction(text: str, m: re.Match, u: Units) -> Optional[Found]:
    after = text[m.end() : m.end() + 12]
    half = m.group().lower() == "half"
    of_unit = _of_a_unit(text, m.end(), u, of=not half)
    if of_unit is None and not re.match(r"\s+of\b", after) and not (half and re.match(r"\s+(?:the|its|their|his|her|our|all)\b", after)):
        return None
    before = text[max(0, m.start() - 12) : m.start()].lower()
    if re.search(r"(?:first|second|third|fourth|last|final|and|an?)\s+$", before) and half:
        return None
    f = Found(m.start(), m.end(), value=u.fractions[m.group().lower()], unit="fraction", kind="frac", plain=False)
    if of_unit is not None:
        f.unit, f.end = of_unit
    _approx_before(text, f, f.start, u)
    return f


_OF_A = re.compile(r"[ \t]+(?:of[ \t]+)?(?:an?|one)[ \t]+(?:(?:US|U\.S\.|imperial|metric)[ \t]+)?")


def _of_a_unit(text: str, pos: int, u: Units, of: bool = True):
    """'a third of a mile', '1/16 of a US pint', 'half an hour': a fraction of one unit is
    measured in that unit -> (unit, end), else None."""
    m = _OF_A.match(text, pos)
    if m is None or (of and "of" not in m.group()) or (not of and "of" in m.group()):
        return None
    unit, end = _unit_at(text, m.end(), u)
    if unit is None or unit == "count" or text[m.end() : m.end() + 1] in " \t-":
        return None
    return unit, end


def _vague(text: str, m: re.Match, u: Units, parse) -> Optional[Found]:
    word = m.group("vw").lower()
    low = u.vague[word]
    if m.group("vm"):
        low = low * u.vague_mult[m.group("vm").lower()]
    has_of = re.match(r"[ \t]+of[ \t]+\S", text[m.end() : m.end() + 6]) is not None
    if not has_of:
        if word == "scores" or parse is None or not parse.vague_alone(m.start(), m.end()):
            return None
    before = text[max(0, m.start() - 20) : m.start()].lower()
    if re.search(r"(?:\bthe|\bby|\bin|\binto|\bfor)\s+$", before) and not has_of:
        return None
    f = Found(m.start(), m.end(), value=None, low=low, high=low * u.vague_span, approx="vague", kind="vague",
              plain=False, num_end=m.end())
    if has_of:
        rest = m.end() + len(re.match(r"[ \t]+of[ \t]+", text[m.end() : m.end() + _WINDOW]).group())
        unit, uend = _unit_at(text, rest - 1, u)
        if unit is None:
            unit, uend = _currency_word_at(text, rest - 1, u)
        if unit is not None and uend is not None:
            f.unit, f.end = unit, uend
        elif parse is not None:
            parse.vague_noun(f, rest, u)
    return f


def _read_digits(text: str, s: int, e: int, u: Units, in_range: bool = False) -> Optional[Found]:
    raw = text[s:e]
    f = Found(s, e, kind="digits", base=_digits(raw), plain=("," not in raw and "." not in raw))
    nxt = text[e : e + 1]
    if nxt and nxt in ":/\u2044" and text[e + 1 : e + 2].isdigit():
        if nxt in "/\u2044" and (frac := _digit_fraction(text, f, u)) is not None:
            return frac
        return None  # clock time, date, ratio, score
    if nxt == "." and text[e + 1 : e + 2].isdigit():
        return None  # a version or a dotted date
    left, negative = s, False
    prev = text[s - 1 : s]
    if prev in ":/\u2044" and text[s - 2 : s - 1].isdigit():
        return None
    if prev in _HYPHENS and not in_range:
        before = text[max(0, s - 7) : s - 1]
        if re.search(r"minus$", before, re.I):
            negative, left = True, s - 6
        elif re.search(r"(?<![A-Za-z])sub$", before, re.I):
            f.approx, left = "less than", s - 4
        elif not before or before[-1] in " \t\n([\"'\u201c$":
            negative, left = prev != "\u2013", s - 1
        elif before[-1].isalpha():
            f.after_word = True  # "now-18 month-old" (kept), "COVID-19", "F-16" (not: no unit)
        else:
            return None  # digit-digit: a phone number, a date, the second half of a score
    elif prev in ("'", "\u2019") and text[e : e + 1] == "s":
        return None
    if re.search(r"\bminus[ \t]+$", text[max(0, s - 8) : s], re.I):
        negative, left = True, s - len(re.search(r"minus[ \t]+$", text[max(0, s - 8) : s], re.I).group())
    # currency before: "US $58.24", "PS2.7m", "$-50.8bn"
    cm = u.cur_prefix_re.search(text[max(0, left - 8) : left])
    if cm:
        f.unit, f.currency = u.cur_prefix[cm.group().rstrip(" \t")], True
        left -= len(cm.group())
        if text[left - 1 : left] in ("-", "\u2212") and not text[left - 2 : left - 1].isalnum():
            negative, left = True, left - 1
    elif prev.isalpha() and not in_range:
        return None  # "F16", "G20", "S22": part of a name
    f.left = f.start = left
    if negative:
        f.base = -f.base
    value, end = f.base, e
    # the scale: "1.762bn", "4.3M", "$5m", "2.2 billion", "4 hundred million"
    sm = u.suffix_always_re.match(text, end)
    if sm and not _unit_longer(text, end, sm.end(), u):
        f.scale, end = u.suffix_always[sm.group(1)], sm.end()
    elif (sm := u.suffix_money_re.match(text, end)) and (f.currency or _money_follows(text, sm, u)):
        f.scale, end = u.suffix_money[sm.group(1)], sm.end()  # "$5m", "77m euros", "1m barrels"
    while sm := u.scale_after.match(text, end):
        f.scale = (f.scale or Decimal(1)) * u.scales[sm.group(1).lower()]
        end = sm.end()
    xm = re.match(r"[ \t]?[\u00d7x][ \t]?10(?:\^|\*\*)?([-\u2212]?\d{1,3})(?!\d)", text[end : end + _WINDOW])
    if xm:  # "1.99x10-30"
        f.scale = Decimal(10) ** int(xm.group(1).replace("\u2212", "-"))
        end += xm.end()
    if f.scale is not None:
        value, f.plain = value * f.scale, False
    f.value, f.num_end, f.end = value, end, end
    return _unit(text, f, u)


_HYPHENS = ("-", "\u2212", "\u2010", "\u2013")


# words in -s that are no plural noun
NOT_PLURALS = kb.words("numbers", "not_plurals")


def _money_follows(text: str, sm: re.Match, u: Units) -> bool:
    """'77m euros', '705m rupees', '1m barrels': an attached 'm' or 'bn' is a scale when
    a currency or a counted plural follows, not metres."""
    if sm.group().startswith((" ", "\t")):
        return False
    if _currency_word_at(text, sm.end(), u, scaled=True)[0] or u.cur_suffix_re.match(text, sm.end()):
        return True
    nm = re.match(r"[ \t]+([a-z]+)", text[sm.end() : sm.end() + 30])
    return bool(nm and nm.group(1).endswith("s") and not nm.group(1).endswith("ss") and nm.group(1) not in NOT_PLURALS)


def _unit_longer(text: str, start: int, scale_end: int, u: Units) -> bool:
    """'5 million' is a scale; '5 mph' or '5 mn' ... is a unit when the unit is longer."""
    um = u.unit_abbr_re.match(text, start)
    return bool(um and um.end() > scale_end)


def _digit_fraction(text: str, f: Found, u: Units) -> Optional[Found]:
    """'1/16 of a pint': a fraction before 'of' or a unit."""
    m = re.match(r"[/\u2044](\d+)(?!\d)", text[f.end : f.end + _WINDOW])
    if not m:
        return None
    num, den = f.base, Decimal(m.group(1))
    if den == 0 or num >= den or not re.match(r"\s+of\b", text[f.end + m.end() : f.end + m.end() + _WINDOW]):
        return None
    g = Found(f.start, f.end + m.end(), value=num / den, unit="fraction", kind="frac", plain=False)
    of_unit = _of_a_unit(text, g.end, u)
    if of_unit is not None:
        g.unit, g.end = of_unit
    return g


def _read_words(text: str, s: int, e: int, u: Units) -> Optional[Found]:
    raw = text[s:e]
    spans = [(m.end(), m.group().lower()) for m in re.finditer(r"[A-Za-z]+", raw) if m.group().lower() != "and"]
    words = [w for _, w in spans]
    value, n = parse_words(words, u)
    left = s
    if value is None:
        # "a dozen", "a million", "half a dozen"
        am = re.search(r"(?:(?<![\w])half[ \t]+)?(?<![\w])an?[ \t]+$", text[max(0, s - 10) : s], re.I)
        if not am or words[0] not in u.scales:
            return None
        value, n = u.scales[words[0]], 1
        if am.group().lower().startswith("half"):
            value *= Decimal("0.5")
        if len(words) > 1 and words[1] in u.scales and u.scales[words[1]] >= 1000:
            value, n = value * u.scales[words[1]], 2
        left = s - len(am.group())
    end = s + spans[n - 1][0]
    if raw[:1].isupper() and left == s and not _sentence_start(text, s) and text[s - 1 : s] not in "(\"'\u201c\u2018":
        return None  # "Formula One", "Channel Four", "One Direction"
    f = Found(left, end, value=value, base=value, kind="words", plain=False, num_end=end, left=left)
    if n == 1 and left == s:
        f.word = words[0]
    hm = re.match(r"[ \t]+and[ \t]+a[ \t]+half\b", text[end : end + _WINDOW])
    if hm:  # "two and a half"
        f.value += Decimal("0.5")
        f.end = f.num_end = end + hm.end()
    om = u.out_of_re.match(text[f.end : f.end + _WINDOW])
    if om and f.value is not None:  # "one out of three", "one in five"
        g = om.group(1)
        den = Decimal(g) if g.isdigit() else parse_words([w for w in re.findall(r"[a-z]+", g.lower()) if w != "and"], u)[0]
        if den and f.value < den:
            return Found(f.start, f.end + om.end(), value=f.value / den, unit="fraction", kind="frac", plain=False, left=f.left)
    return _unit(text, f, u)


def _lower_at(text: str, pos: int) -> str:
    """The text after pos, lowercased, for the word lists (same length, or nothing)."""
    window = text[pos : pos + _WINDOW]
    low = window.lower()
    return low if len(low) == len(window) else ""


def _currency_word_at(text: str, pos: int, u: Units, scaled: bool = False):
    cm = u.cur_words_re.match(_lower_at(text, pos))
    if cm:
        word = cm.group(1)
        if word in u.cur_ambiguous:
            return _resolve_currency(text, pos, u.cur_ambiguous[word]), pos + cm.end()
        return u.cur_words[word], pos + cm.end()
    if scaled:
        cm = u.cur_scaled_re.match(text, pos)
        if cm:
            return u.cur_scaled[cm.group(1).lower()], cm.end()
    return None, None


_SENTENCE_END = re.compile(r"[.!?\n][\"'\u201d\u2019)]*\s+(?=\S)")


def _resolve_currency(text: str, pos: int, spec) -> str:
    """A currency name several countries share ("dinars", "pesos"): the one of the country or
    people named last in the sentence before the number, else the name's default."""
    default, cue_re, cues = spec
    if cue_re is None:
        return default
    before = text[max(0, pos - 300) : pos]
    ends = list(_SENTENCE_END.finditer(before))
    before = before[ends[-1].end() :] if ends else before
    hits = cue_re.findall(before.lower())
    return cues[hits[-1]] if hits else default


def _unit_at(text: str, pos: int, u: Units):
    """The measure unit written at pos (after an optional space or hyphen)."""
    best, end = None, None
    um = u.unit_form_re.match(_lower_at(text, pos))
    if um:
        best, end = u.unit_forms[um.group(1)], pos + um.end()
    um = u.unit_abbr_re.match(text, pos)
    if um and (end is None or um.end() > end):
        best, end = u.unit_abbr[um.group(1)], um.end()
    if end is None and pos > 0 and text[pos - 1].isdigit() and (um := u.unit_attached_re.match(text, pos)):
        best, end = u.unit_attached[um.group(1)], um.end()  # "40C"
    return best, end


def _unit(text: str, f: Found, u: Units) -> Optional[Found]:
    """The currency or unit after the number, a rate ("per barrel"), then approximators."""
    end = f.end
    if f.currency:
        dm = u.dollar_us_re.match(text, end)
        if dm and f.unit == "USD":
            end = dm.end()
    else:
        cm = u.cur_suffix_re.match(text, end)
        if cm:
            f.unit, f.currency, end = u.cur_suffix[cm.group(1)], True, cm.end()
        else:
            code, cend = _currency_word_at(text, end, u, scaled=f.scale is not None)
            if code:
                f.unit, f.currency, end = code, True, cend
    if not f.currency:
        if f.kind == "digits" and u.clock_re.match(text, end):
            return None  # "5 pm", "10:27", "2 GMT"
        unit, uend = _unit_at(text, end, u)
        if unit is not None:
            f.hyphen_unit = text[end : end + 1] == "-"
            f.attached_unit = text[end:uend] in u.unit_attached
            f.unit, end = unit, uend
        elif text[end : end + 1].isalpha() and f.kind == "digits":
            return None  # "5G", "1990s", "3rd", "9AB": not a quantity
    # a rate: "$58.24 per barrel", "$3,500 a month", "$80/sq m"
    if f.unit and f.unit not in ("percent", "point", "basis point", "count"):
        rm = re.match(r"[ \t]*(?:per[ \t]+|an?[ \t]+|/[ \t]?)", text[end : end + _WINDOW])
        if rm:
            p = end + rm.end() - 1
            per, pend = _unit_at(text, p, u)
            is_per = rm.group().strip().startswith("per")
            if per is None and is_per:
                wm = re.match(r"[ \t]([A-Za-z][\w-]*)", text[p : p + _WINDOW])
                if wm:
                    per, pend = singular(wm.group(1), "unit"), p + wm.end()
            if per is not None and not is_per and re.match(r"[ \t]+(?:ago|earlier|later|before|after|since|on|from|in)\b", text[pend : pend + _WINDOW]):
                per = None  # "a year earlier"
            elif per is None and re.match(r"[ \t]*an?[ \t]", rm.group()):
                wm = re.match(r"[ \t](share|head|person|piece|unit|visit|ticket)\b", text[p : p + _WINDOW])
                if wm:
                    per, pend = wm.group(1), p + wm.end()
            if per is not None and per not in ("percent", "count"):
                name = u.cur_name.get(f.unit, f.unit) if f.currency else f.unit
                f.unit, end = f"{name} per {per}", pend
    f.end = end
    _approx_before(text, f, f.start, u)
    return f


def _approx_before(text: str, f: Found, at: int, u: Units) -> None:
    am = u.approx_re.search(text[max(0, at - 24) : at])
    if am:
        phrase = am.group(1).lower()
        if f.approx is None:
            f.approx = u.approx[phrase]
        f.start = at - len(am.group())


# ---------------------------------------------------------------- ranges and filters


_CONNECTOR = re.compile(r"[ \t]*(?:(-|\u2013|\u2014)|(to|and|or|through)\b)[ \t]*(?:-[ \t]*)?")


def _range(text: str, f: Found, u: Units) -> Optional[Found]:
    """'between 5 and 10', '5-10W', 'from 252 to 287 miles', '1 to 2 thousand', 'three or
    four years' -> one quantity with low and high; None for a score ('2-0')."""
    cm = _CONNECTOR.match(text, f.end)
    if not cm:
        return f
    at = cm.end()
    pm = u.cur_prefix_start_re.match(text, at)
    m2 = u.atom.match(text, pm.end() if pm else at)
    if not m2 or not (m2.group("digits") or m2.group("words")):
        return f
    if m2.group("digits"):
        g = _read_digits(text, m2.start("digits"), m2.end("digits"), u, in_range=True)
    else:
        g = _read_words(text, m2.start("words"), m2.end("words"), u)
    if g is None and cm.group() == "-" and m2.group("digits"):
        return None  # "777-200LR", "555-1234-": a code
    if g is None or g.value is None or f.value is None or g.kind == "frac":
        return f
    conn = (cm.group(1) or cm.group(2) or "").lower()
    before = text[max(0, f.left - 30) : f.left].lower()
    ctx_between = u.between_re.search(before) is not None
    ctx_from = ctx_between or u.from_re.search(before) is not None
    change = re.search(r"\b(?:by|up|down|rose|fell|grew|gained|lost|dropped|climbed|jumped|increased|decreased|declined|"
                       r"slid|slipped|plunged|soared|rallied|added|cut|raised|lowered)\s+$", before) is not None
    a, b = f.value, g.value
    if f.plain and _is_year(a) and f.unit is None and not (g.plain and _is_year(b)):
        return f
    if f.currency and g.unit and g.unit.startswith(u.cur_name.get(f.unit, "?") + " per "):
        f.unit = g.unit  # "between $62 and $68 per share"
    elif g.currency and f.unit and f.unit.startswith(u.cur_name.get(g.unit, "?") + " per "):
        g.unit = f.unit  # "from $75 per barrel to $45.88"
    if f.scale is None and g.scale is not None and f.base is not None and g.base is not None and f.base < g.base:
        a = f.base * g.scale  # a scale written once: "1 to 2 thousand", "$89 to $93 billion"
    same = f.unit == g.unit
    if conn == "and" and not ctx_between:
        return f
    if conn in ("-", "\u2013", "\u2014"):
        if a >= b and not ctx_from:
            return None if (f.unit is None and g.unit is None and f.kind == "digits") else f  # a score
        if f.kind == "words" and f.unit is None and g.kind == "words":
            return f
    if conn == "or" and not (a < b and (same or f.unit is None)):
        return f
    if conn in ("to", "through") and change and not ctx_from and not (f.unit is None and g.unit is not None):
        return f  # "rose 32,000 to 1.41 million": a change and a level (not "rose 5 to 10 per cent")
    if conn in ("to", "through") and not (ctx_from or (f.unit is None and (g.unit is not None or a < b))
                                           or (same and not change)):
        return f
    if not (same or f.unit is None or (g.unit is None and ctx_from)):
        return f
    return Found(f.start, g.end, value=None, low=min(a, b), high=max(a, b), approx=f.approx,
                 unit=g.unit if g.unit is not None else f.unit, currency=f.currency or g.currency,
                 plain=f.plain and g.plain, left=f.left, num_end=g.num_end,
                 hyphen_unit=g.hyphen_unit, kind=f.kind, scale=g.scale, base=f.base, after_word=f.after_word)
