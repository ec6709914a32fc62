"""A faster `match` for spaCy's attribute ruler, with the same matches.

The English pipelines map tags to parts of speech and morphology with an AttributeRuler of
about 180 one- and two-token patterns ({"TAG": "VBZ", "LOWER": {"IN": ["is", "'s"]}}, ...).
spaCy runs them through its general Matcher, which tries every pattern at every token: about
an eighth of the whole parse time of a news article. Here each pattern is compiled once into
tests on the token's hashes, indexed by the tag (or the lowercase form) its first token
requires, so that a token is tested only against the few patterns that can start on it.

`speed_up(nlp)` swaps the ruler's `match` for the compiled one when every pattern uses only
what is compiled here (TAG, LOWER, DEP, IS_SPACE; plain values, IN, NOT_IN, REGEX; no
quantifiers). Otherwise the ruler is left as it was. The matches are the same list, in the same
order, as the ruler's own (`tests/test_fastattrs.py` compares them); `set_annotations`, which
applies them, is spaCy's own.
"""
from __future__ import annotations

import re
from typing import Optional

import numpy
from spacy.attrs import DEP, IS_SPACE, LOWER, TAG
from spacy.language import Language
from spacy.tokens import Doc

_ATTRS = {"TAG": 0, "LOWER": 1, "DEP": 2, "IS_SPACE": 3}  # columns of the token array
_COLUMNS = [TAG, LOWER, DEP, IS_SPACE]


class Unsupported(ValueError):
    """A pattern this module does not compile: the ruler keeps spaCy's matcher."""


EQ, IN, NOT_IN, REGEX = range(4)


def _condition(attr: str, spec, strings) -> tuple:
    """One attribute condition of a token pattern: (column, kind, value) on the token's row."""
    if attr not in _ATTRS:
        raise Unsupported(attr)
    col = _ATTRS[attr]
    if attr == "IS_SPACE":
        if not isinstance(spec, bool):
            raise Unsupported(f"{attr}: {spec!r}")
        return col, EQ, int(spec)
    if isinstance(spec, str):
        return col, EQ, strings.add(spec)
    if isinstance(spec, dict) and len(spec) == 1:
        (op, arg), = spec.items()
        if op in ("IN", "NOT_IN") and isinstance(arg, list) and all(isinstance(a, str) for a in arg):
            return col, IN if op == "IN" else NOT_IN, frozenset(strings.add(a) for a in arg)
        if op == "REGEX" and isinstance(arg, str):
            return col, REGEX, re.compile(arg)
    raise Unsupported(f"{attr}: {spec!r}")


def _holds(conditions: tuple, row: list, strings) -> bool:
    for col, kind, value in conditions:
        v = row[col]
        if kind == EQ:
            if v != value:
                return False
        elif kind == IN:
            if v not in value:
                return False
        elif kind == NOT_IN:
            if v in value:
                return False
        elif value.search(strings[v]) is None:
            return False
    return True


def _key(tok: dict) -> Optional[str]:
    """The attribute a pattern's first token is indexed by (one it requires to equal a value
    or one of a list), or None when the pattern must be tried at every token."""
    for attr in ("TAG", "LOWER"):
        spec = tok.get(attr)
        if isinstance(spec, str) or (isinstance(spec, dict) and len(spec) == 1 and isinstance(spec.get("IN"), list)):
            return attr
    return None


CACHE_LIMIT = 200_000  # token rows remembered (a few tens of MB at most); then forgotten


class CompiledRuler:
    """The patterns of one AttributeRuler, compiled; `match(doc)` is a drop-in for its own.

    What one-token patterns match depends only on the token's row (tag, lowercase form,
    dependency, whether it is space), so it is worked out once per distinct row and
    remembered; patterns of several tokens are tried where their first token's index leads."""

    def __init__(self, ruler):
        strings = ruler.vocab.strings
        self.strings = strings
        # per length class: column -> hash -> [(attr_id, match_id, token tests)]; and those tried everywhere
        self.single = _Index()
        self.multi = _Index()
        for attr_id in range(len(ruler.attrs)):
            key = str(attr_id)
            match_id = strings.add(key)
            got = ruler.matcher.get(match_id)
            if got is None:
                raise Unsupported(f"no patterns under {key}")
            for pattern in got[1]:
                if not pattern or any(not isinstance(t, dict) or "OP" in t for t in pattern):
                    raise Unsupported(repr(pattern))
                key = _key(pattern[0])
                # the first token's indexed condition holds wherever the index leads: not tested again
                tests = tuple(tuple(_condition(a, s, strings) for a, s in tok.items() if not (k == 0 and a == key))
                              for k, tok in enumerate(pattern))
                index = self.single if len(pattern) == 1 else self.multi
                if key is None:
                    index.anywhere.append((attr_id, match_id, tests))
                else:
                    col, kind, value = _condition(key, pattern[0][key], strings)
                    index.add(col, [value] if kind == EQ else value, (attr_id, match_id, tests))
        self.cache: dict[tuple, tuple] = {}

    def _one_token(self, row: list) -> tuple:
        strings = self.strings
        hits = {(attr_id, match_id) for attr_id, match_id, tests in self.single.candidates(row)
                if _holds(tests[0], row, strings)}
        return tuple(sorted(hits))

    def match(self, doc: Doc) -> list:
        rows = doc.to_array(_COLUMNS).tolist()
        n = len(rows)
        found = []
        cache = self.cache
        if len(cache) > CACHE_LIMIT:
            cache.clear()
        strings, multi = self.strings, self.multi
        for i, row in enumerate(rows):
            key = tuple(row)
            hits = cache.get(key)
            if hits is None:
                hits = cache[key] = self._one_token(row)
            for attr_id, match_id in hits:
                found.append((attr_id, match_id, i, i + 1))
            for attr_id, match_id, tests in multi.candidates(row):
                end = i + len(tests)
                if end > n:
                    continue
                for j, conditions in enumerate(tests, i):
                    if conditions and not _holds(conditions, rows[j], strings):
                        break
                else:
                    found.append((attr_id, match_id, i, end))
        return sorted(set(found))


class _Index:
    """Patterns by the hash their first token requires in one column, and those without one."""

    def __init__(self):
        self.by_column: dict[int, dict[int, list]] = {}
        self.anywhere: list = []

    def add(self, col: int, hashes, entry: tuple) -> None:
        by_hash = self.by_column.setdefault(col, {})
        for h in hashes:
            by_hash.setdefault(h, []).append(entry)

    def candidates(self, row: list) -> list:
        out = self.anywhere
        for col, by_hash in self.by_column.items():
            hit = by_hash.get(row[col])
            if hit:
                out = out + hit
        return out


def speed_up(nlp: Language, name: str = "attribute_ruler") -> bool:
    """Give the pipeline's attribute ruler the compiled `match`; False (and nothing changed)
    when there is no such ruler or a pattern is not one this module compiles."""
    if name not in nlp.pipe_names:
        return False
    ruler = nlp.get_pipe(name)
    if not hasattr(ruler, "matcher") or not hasattr(ruler, "attrs"):
        return False
    try:
        compiled = CompiledRuler(ruler)
    except Unsupported:
        return False
    ruler.match = compiled.match  # an instance attribute: __call__ looks it up on self
    return True
