"""How names and words are compared: the one home of folding, name keys and singulars.

- `strip_accents`: without diacritics ('Dūmā' -> 'Duma'), case kept.
- `fold`: one word's comparable form: accents and apostrophes dropped, case folded.
- Three keys, for three different matchings (each keeps the rules its callers were built on):
  - `name_key`: actor names against the knowledge base, word by word (a tuple of `fold`ed
    words; "U.N." as "un"; the Arabic article al-/el- and hyphenated particles dropped).
  - `place_key`: place names against the gazetteer (one string; hyphens as spaces, final
    "-ah" as "-a" so 'Raqqah' = 'Raqqa', a leading "the" dropped).
  - `corpus_key`: actors of different articles against each other in the store (one string;
    a possessive "'s" and al-/el- dropped, a person's leading titles dropped).
- `singular`: a plural noun's singular, by one of two rules (see there).

The particles and titles these rules drop are data: `kb/grammar/names.yaml`.
"""
from __future__ import annotations

import functools
import re
import unicodedata
from typing import Optional

from . import words

_APOSTROPHES = dict.fromkeys(map(ord, "'\u2019\u2018`\u02bc\u02bf\u02be"), None)
HYPHENS = {"-", "\u2010", "\u2011", "\u2012", "\u2013", "\u2014", "_"}
# Particles of Arabic names dropped from actor keys; hyphen particles only when a hyphen follows
# ("ad-Din", "as-Sham"), as they are English words too.
_PARTICLES = words("names", "actor_particles")
_HYPHEN_PARTICLES = words("names", "actor_hyphen_particles")


def strip_accents(s: str) -> str:
    """Without diacritics: 'Dūmā' -> 'Duma' (case and apostrophes kept)."""
    if s.isascii():
        return s
    return "".join(ch for ch in unicodedata.normalize("NFKD", s) if not unicodedata.combining(ch))


@functools.lru_cache(maxsize=1 << 16)  # called on every word of every document
def fold(s: str) -> str:
    """Case, accents and apostrophes folded: the comparable form of one word."""
    return strip_accents(s).translate(_APOSTROPHES).casefold()


# ---------------------------------------------------------------- actor names (knowledge base)


def token_keys(words: list[str]) -> list[tuple[int, str]]:
    """(index, key) for the words of a name that count for matching."""
    out = []
    n = len(words)
    for i, w in enumerate(words):
        if w in HYPHENS or not w.strip():
            continue
        k = fold(w)
        if "." in k and len(k) <= 10 and k.replace(".", "").isalpha() and k.count(".") >= len(k.replace(".", "")) - 1:
            k = k.replace(".", "")  # "U.N.", "U.S.": the acronym, as the names file writes it
        if k.endswith("-") and len(k) > 1:  # "al-" as one token
            k = k[:-1]
        if not k:
            continue
        if k in _PARTICLES and i + 1 < n:
            continue
        if k in _HYPHEN_PARTICLES and i + 1 < n and words[i + 1] in HYPHENS:
            continue
        out.append((i, k))
    return out


def split_words(name: str) -> list[str]:
    """Split a name the way spaCy's tokenizer splits it for our purposes."""
    out, cur = [], []
    for ch in name:
        if ch.isspace():
            if cur:
                out.append("".join(cur))
                cur = []
        elif ch in HYPHENS or ch in "().,/":
            if cur:
                out.append("".join(cur))
                cur = []
            if ch in HYPHENS:
                out.append(ch)
        else:
            cur.append(ch)
    if cur:
        out.append("".join(cur))
    return out


@functools.lru_cache(maxsize=1 << 14)  # the same names come back in every article
def name_key(name: str) -> tuple[str, ...]:
    """An actor name's key for the knowledge base: its folded words, particles dropped."""
    return tuple(k for _, k in token_keys(split_words(name)))


# ---------------------------------------------------------------- place names (gazetteer)

_PUNCT = str.maketrans({"-": " ", "\u2010": " ", "\u2011": " ", "\u2012": " ", "\u2013": " ", "\u2014": " ",
                        "'": "", "\u2019": "", "\u2018": "", "`": "", "\u02bf": "", "\u02be": "", "\u02bc": "",
                        ".": "", ",": " ", "(": " ", ")": " ", "/": " ", "\u00b4": ""})
_AH = re.compile(r"(?<=[a-z0-9]{2})ah\b")


@functools.lru_cache(maxsize=1 << 15)  # the scan looks up every capitalised span of every article
def place_key(s: str) -> str:
    """The form place names are matched in: folded, lower case, no hyphens or apostrophes,
    final '-ah' as '-a' ('Raqqah' = 'Raqqa'), a leading 'the' dropped."""
    if not s.isascii():
        s = strip_accents(s)
    s = " ".join(s.lower().translate(_PUNCT).split())
    if s.startswith("the ") and len(s) > 4:
        s = s[4:]
    return _AH.sub("a", s)


# ---------------------------------------------------------------- actors across the corpus (store)

# leading words that are titles, not names, of persons ("President Assad" is "Assad")
TITLES = words("names", "person_titles")
_ARTICLES = words("names", "corpus_articles")
_APOS = re.compile(r"[\u2019\u2018'`\u00b4\u02bc]")
_NONWORD = re.compile(r"[^\w]+")


def corpus_key(name: Optional[str], type: Optional[str] = None) -> str:
    """The key actors of different articles are compared by: "President Bashar al-Assad" (person)
    -> "bashar assad", "The Free Syrian Army" -> "free syrian army". Empty when nothing is left."""
    if not name:
        return ""
    s = unicodedata.normalize("NFKD", name)
    s = "".join(ch for ch in s if not unicodedata.combining(ch)).casefold()
    s = _APOS.sub("", s)
    if s.endswith("s") and re.search(r"[\u2019']s$", name.casefold()):  # a possessive: "Assad's"
        s = s[:-1]
    tokens = [t for t in _NONWORD.sub(" ", s).split() if t not in _ARTICLES]
    while len(tokens) > 1 and tokens[0] == "the":
        tokens = tokens[1:]
    if type == "person":
        while len(tokens) > 1 and tokens[0] in TITLES:
            tokens = tokens[1:]
    return " ".join(tokens)


# ---------------------------------------------------------------- singulars


def singular(w: str, rule: str = "lexicon") -> str:
    """The singular of a plural noun, by one of two rules:

    - "lexicon" (trigger and agent words, lower case): -ies -> -y, -ches/-shes/-xes/-sses/-zes
      lose "es", other -s lose "s"; words under 4 letters and those in -ss, -us, -is, -ics, -ews
      are kept ("press", "status", "analysis", "politics", "news").
    - "unit" (the unit after "per" in a quantity): lower-cased unless written in capitals
      (an acronym), -ies -> -y past 4 letters, a final -s (not -ss) dropped past 3 letters.
    """
    if rule == "unit":
        lw = w if w.isupper() or any(c.isupper() for c in w[1:]) else w.lower()
        if lw.endswith("ies") and len(lw) > 4:
            return lw[:-3] + "y"
        if lw.endswith("s") and not lw.endswith("ss") and len(lw) > 3:
            return lw[:-1]
        return lw
    if len(w) < 4 or not w.endswith("s") or w.endswith(("ss", "us", "is", "ics", "ews")):
        return w
    if w.endswith("ies"):
        return w[:-3] + "y"
    if w.endswith(("ches", "shes", "xes", "sses", "zes")):
        return w[:-2]
    return w[:-1]
