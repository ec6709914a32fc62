"""The words of numbers and the record of what the scan finds, for `numbers.py`.

`Units` holds the word lists of `kb/units.yaml` (number words, scales, currencies, units,
approximators); `parse_number` and `parse_words` read them without any context;
`Found` is a quantity found in the text before the contract numbers it.
"""
from __future__ import annotations

import functools
import math
import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Optional

import yaml

from .. import kb

UNITS_FILE = kb.path("units.yaml")

def _out(x: Optional[Decimal]):
    if x is None or not x.is_finite():
        return None
    if x == x.to_integral_value() and abs(x) < Decimal(10) ** 18:
        return int(x)
    value = float(x)
    return value if math.isfinite(value) else None  # beyond a float (1e309...): no value, the text stays


# ---------------------------------------------------------------- the word lists


def _alt(words) -> str:
    """A regex alternation of literal words, longest first."""
    return "|".join(re.escape(w) for w in sorted(set(words), key=lambda w: (-len(w), w)))


def _bounded(words, strict: bool = False) -> str:
    """Alternation whose word-final members must not run on into a letter or digit
    (with strict, not even those ending in a sign: "2022\u2032s" is no length in feet)."""
    parts = []
    for w in sorted(set(words), key=lambda w: (-len(w), w)):
        p = re.escape(w)
        parts.append(p + r"(?![A-Za-z0-9&])" if (strict or w[-1].isalnum()) else p)
    return "|".join(parts)


def _plurals(form: str) -> list[str]:
    out = [form]
    if form[-1].isalpha():
        out.append(form + "s")
        if form.endswith(("ch", "sh", "x", "s")):
            out.append(form + "es")
        if form.endswith("y") and len(form) > 2 and form[-2] not in "aeiou":
            out.append(form[:-1] + "ies")
    return out


class Units:
    """The compiled contents of `units.yaml`."""

    def __init__(self, data: dict):
        self.number_words = {k: Decimal(v) for k, v in data["number_words"].items()}
        self.scales = {k: Decimal(v) for k, v in data["scales"].items()}
        self.suffix_always = {k: Decimal(v) for k, v in data["scale_suffixes"]["always"].items()}
        self.suffix_money = {k: Decimal(v) for k, v in data["scale_suffixes"]["money"].items()}
        self.vague = {k: Decimal(v) for k, v in data["vague"].items()}
        self.vague_mult = {k: Decimal(v) for k, v in data["vague_multipliers"].items()}
        self.vague_span = Decimal(data.get("vague_span", 10))
        self.fractions = {k: Decimal(str(v)) for k, v in data["fractions"].items()}
        self.approx = {}
        for label, phrases in data["approximators"].items():
            for p in phrases:
                self.approx[p.lower()] = label
        self.people = set(data["people"])
        self.time_units = set(data["time_units"])
        self.months = set(data["months"])
        self.clock = set(data["clock_words"])
        self.title_nouns = set(data["title_nouns"])
        self.streets = set(data["street_words"])
        # currencies
        self.cur_prefix, self.cur_suffix, self.cur_words, self.cur_scaled = {}, {}, {}, {}
        self.cur_name = {}
        for c in data["currencies"]:
            code = c["code"]
            self.cur_name[code] = c.get("name") or code
            for p in c.get("prefix") or []:
                self.cur_prefix[p] = code
            for s in c.get("suffix") or []:
                self.cur_suffix[s] = code
            for w in c.get("words") or []:
                for f in _plurals(w.lower()):
                    self.cur_words.setdefault(f, code)
            for w in c.get("scaled_words") or []:
                self.cur_scaled[w.lower()] = code
        self.dollar_us = list(data["dollar_us_suffix"])
        self.spaced_letter_prefixes = set(data.get("spaced_letter_prefixes") or [])
        # names several currencies share: {plural or singular form: (default code, cue regex, {cue: code})}
        self.cur_ambiguous = {}
        for name, spec in (data.get("ambiguous_currencies") or {}).items():
            cues = {str(k).lower(): v for k, v in (spec.get("cues") or {}).items()}
            cue_re = re.compile(r"(?<![a-z])(" + _alt(cues) + r")(?![a-z])") if cues else None
            for f in _plurals(name.lower()):
                self.cur_ambiguous[f] = (spec["default"], cue_re, cues)
        # units of measure
        self.unit_forms, self.unit_abbr, self.unit_attached = {}, {}, {}
        for u in data["units"]:
            for f in u.get("forms") or []:
                for p in _plurals(str(f).lower()):
                    self.unit_forms.setdefault(p, u["name"])
            for a in u.get("abbr") or []:
                self.unit_abbr.setdefault(str(a), u["name"])
            for a in u.get("attached") or []:
                self.unit_attached.setdefault(str(a), u["name"])
        self._compile()

    def _compile(self) -> None:
        words = list(self.number_words) + list(self.scales)
        w = _alt(words)
        self.words_pattern = r"\b(?:" + w + r")(?:(?:[ \t]+|-|[ \t]+and[ \t]+)(?:" + w + r"))*\b"
        frac = _alt(self.fractions)
        # a cheap guard first: most positions are neither a digit nor the first letter
        # of a word that can start a number, and fail there
        firsts = {w[0].lower() for w in [*words, *self.fractions, *self.vague, *self.vague_mult]}
        guard = r"(?=[\d.]|(?<![A-Za-z])[" + "".join(sorted(firsts | {c.upper() for c in firsts})) + r"])"
        self.atom = re.compile(
            guard +
            r"(?:(?P<frac>(?<![\w-])(?:" + frac + r")(?![\w-]))"
            r"|(?P<vague>\b(?:(?P<vm>" + _alt(self.vague_mult) + r")\s+of\s+)?(?P<vw>" + _alt(self.vague) + r")\b)"
            r"|(?P<digits>(?<![\d.,])(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?!\d)|(?<![\w.])\.\d+)"
            r"|(?P<words>" + self.words_pattern + "))",
            re.I,
        )
        self.word_split = re.compile(r"[ \t]+and[ \t]+|[ \t]+|-")
        self.scale_after = re.compile(r"(?:[ \t]+|-)(" + _alt(self.scales) + r")(?![\w])", re.I)
        self.suffix_always_re = re.compile(r"[ \t]?(" + _bounded(self.suffix_always) + r")")
        self.suffix_money_re = re.compile(r"[ \t]?(" + _bounded(self.suffix_money) + r")")
        # before the number: currency signs (short letter prefixes only attached: "PS2.7m", "RM23")
        attached = [p for p in self.cur_prefix]
        spaced = [p for p in self.cur_prefix if not (p.isalpha() and len(p) < 3) or p in self.spaced_letter_prefixes]
        self.cur_prefix_re = re.compile(
            r"(?:(?<![A-Za-z])(?:" + _alt(attached) + r")|(?<![A-Za-z])(?:" + _alt(spaced) + r")[ \t])$"
        )
        approx = "(?:" + _alt(self.approx) + r")?\s*"
        self.between_re = re.compile(r"\bbetween\s+" + approx + "$")
        self.from_re = re.compile(r"\bfrom\s+" + approx + "$")
        self.out_of_re = re.compile(r"[ \t]+(?:out[ \t]+of|in)[ \t]+(" + self.words_pattern + r"|\d+)", re.I)
        self.per_time_re = re.compile(r"[ \t]+(?:per|a|an)[ \t]+(" + _alt(self.time_units) + r")\b")
        self.cur_prefix_start_re = re.compile(r"(?:" + _alt(self.cur_prefix) + r")[ \t]?")
        self.approx_re = re.compile(r"(?:^|(?<=[\s(\[]))(" + _alt(self.approx) + r")[ \t]*$", re.I)
        self.cur_suffix_re = re.compile(r"[ \t]?(" + _bounded(self.cur_suffix) + r")=?")
        # word lists are matched on lowercased text: case-insensitive patterns of
        # hundreds of words are slow to compile
        self.cur_words_re = re.compile(r"(?:[ \t]+|-)(" + _alt(self.cur_words) + r")(?![a-z0-9&])")
        self.cur_scaled_re = re.compile(r"[ \t]+(" + _bounded(self.cur_scaled) + r")", re.I)
        self.dollar_us_re = re.compile(r"[ \t]+(?:" + _alt(self.dollar_us) + r")(?![\w.])|[ \t]+U\.S\.")
        self.unit_form_re = re.compile(r"(?:[ \t]?|-)(" + _alt(self.unit_forms) + r")(?![a-z0-9&])")
        self.unit_abbr_re = re.compile(r"(?:[ \t]?|-)(" + _bounded(self.unit_abbr, strict=True) + r")")
        self.unit_attached_re = re.compile(r"(" + _bounded(self.unit_attached or ["\u0000"], strict=True) + r")(?![\-/])")
        self.months_re = re.compile(r"(?:^|\s)(" + _alt(self.months) + r")\.?,?[ \t]*$", re.I)
        self.month_after_re = re.compile(r"(?:st|nd|rd|th)?[ \t]+(?:of[ \t]+)?(" + _alt(self.months) + r")\b\.?", re.I)
        self.clock_re = re.compile(r"[ \t]?(?:" + _bounded(self.clock) + r")|:\d\d", re.I)
        self.street_re = re.compile(
            r"[ \t]+(?:(?:[A-Z][\w'.]*|\d+(?:st|nd|rd|th))[ \t]+){0,3}(?:"
            + _bounded(w.capitalize() for w in self.streets) + r")"
        )


@functools.lru_cache(maxsize=4)
def load_units(path: str = UNITS_FILE) -> Units:
    """The units of the bundled `units.yaml` (through `dyads.kb`, the user's overlay applied) or of
    another file in its format."""
    if path == UNITS_FILE:
        return Units(kb.data("units.yaml"))
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    with open(path, encoding="utf-8") as f:
        return Units(yaml.load(f, Loader=loader))


# ---------------------------------------------------------------- pure helpers


def parse_number(text: str, units: Optional[Units] = None) -> Optional[float]:
    """The value of a number written in digits or words: "1,300", ".5", "two million",
    "twenty-five", "1.762bn", "4.3M", "4 hundred million"; None when it is not one."""
    u = units or load_units()
    s = text.strip()
    m = re.fullmatch(r"(-?(?:\d{1,3}(?:,\d{3})+|\d+)?(?:\.\d+)?)(?:[ \t]*(\w+))?((?:[ \t-]+\w+)*)", s)
    if m and m.group(1) and m.group(1) not in ("-", ""):
        value = _digits(m.group(1))
        rest = " ".join(x for x in [m.group(2) or "", (m.group(3) or "")] if x).replace("-", " ").split()
        for w in rest:
            k = w.lower()
            if k in u.scales:
                value *= u.scales[k]
            elif w in u.suffix_always:
                value *= u.suffix_always[w]
            elif w in u.suffix_money:
                value *= u.suffix_money[w]
            else:
                return None
        return _out(value)
    words = [w for w in u.word_split.split(s.lower()) if w]
    value, n = parse_words(words, u)
    if value is None or n != len(words):
        if len(words) == 2 and words[0] in ("a", "an") and words[1] in u.scales:
            return _out(u.scales[words[1]])
        return None
    return _out(value)


def parse_words(words: list[str], u: Units) -> tuple[Optional[Decimal], int]:
    """Read number words from the start of `words` (lowercase, no 'and' or hyphens):
    the value and how many words it took. ("two", "million", "people") -> (2000000, 2)."""
    total = Decimal(0)
    current: Optional[Decimal] = None
    last = None  # "unit", "teen", "tens", "scale"
    n = 0
    for w in words:
        if w in u.number_words:
            v = u.number_words[w]
            kind = "tens" if v >= 20 else ("teen" if v >= 10 else "unit")
            if current is not None and last in ("unit", "teen", "tens") and not (last == "tens" and kind == "unit"):
                break  # "one two": a second number
            current = (current or Decimal(0)) + v
            last = kind
        elif w in u.scales:
            s = u.scales[w]
            if current is None and total == 0:
                break  # a scale word alone is not a number here ("million-dollar")
            if s < 1000:  # hundred, dozen
                current = (current if current is not None else Decimal(1)) * s
            else:
                total += (current if current is not None else Decimal(1)) * s
                current = None
            last = "scale"
        else:
            break
        n += 1
    if n == 0:
        return None, 0
    return total + (current or Decimal(0)), n


def _digits(s: str) -> Decimal:
    s = s.replace(",", "")
    if s.startswith("."):
        s = "0" + s
    return Decimal(s)


# ---------------------------------------------------------------- finding


@dataclass
class Found:
    """A quantity found in the text, before the contract numbers it."""

    start: int
    end: int
    value: Optional[Decimal] = None
    low: Optional[Decimal] = None
    high: Optional[Decimal] = None
    approx: Optional[str] = None
    unit: Optional[str] = None
    counts: Optional[str] = None
    subject: Optional[str] = None
    # how it was read
    base: Optional[Decimal] = None   # the number before its scale word
    scale: Optional[Decimal] = None
    currency: bool = False
    plain: bool = True               # digits without comma, decimal or scale (a possible year)
    word: Optional[str] = None       # the number word when it is one word ("one")
    num_end: int = 0                 # end of the number itself (before its unit)
    hyphen_unit: bool = False        # "five-year": unit joined by a hyphen
    attached_unit: bool = False      # "40C": a one-letter unit that counts only attached
    after_word: bool = False         # "COVID-19", "now-18": after a word and a hyphen
    left: int = 0                    # where the number's own left context starts (sign, currency)
    kind: str = "digits"
