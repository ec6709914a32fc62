"""Long documents parsed in bounded pieces, then analysed as one Doc.

spaCy's statistical components (tokenizer, tok2vec, tagger, parser, attribute ruler, lemmatizer,
ner) take time and working memory that grow faster than the text when one Doc is very long, and
refuse a text over `nlp.max_length` characters (E088). A text longer than `chunk_chars` is
therefore cut at paragraph breaks into pieces of at most that many characters; each piece goes
through the pipeline's components up to the first of dyads' own (`stage_one`), the parsed pieces
are joined with `Doc.from_docs` into one Doc whose text is the original text character for
character, and dyads' components then run once on that Doc, so that actors, coreference and
quotes see the whole article and every offset points into the original text.

A text of `chunk_chars` characters or fewer is parsed whole, exactly as before. Cuts fall right
before the first non-space character after a paragraph break, where `dyads_paragraphs` starts a
sentence anyway; a paragraph longer than a piece is cut after a line break, else after a
sentence end, else at a space (else, for a text with no space at all, at the limit).
"""
from __future__ import annotations

import re
from typing import Iterator, Sequence

from spacy.language import Language
from spacy.tokens import Doc

from .paragraphs import WRAPPED_KEY
from .quotes import paragraph_break

CHUNK_CHARS = 100_000

_SENTENCE_END = re.compile(r"[.!?][\"'\u201d\u2019)\]]*\s+")


def cut_points(text: str, limit: int, brk: str = "\n") -> list[int]:
    """Offsets that part `text` into pieces of at most `limit` characters (the first 0, the
    last len(text)); each cut (but a forced one) falls before a non-space character."""
    limit = max(1, int(limit))
    cuts = [0]
    while len(text) - cuts[-1] > limit:
        start = cuts[-1]
        cut = _best_cut(text, start, start + limit, brk)
        cuts.append(cut)
    cuts.append(len(text))
    return cuts


def _best_cut(text: str, start: int, end: int, brk: str) -> int:
    """The last good place to cut text[start:end] (end exclusive, end < len(text))."""
    for sep in dict.fromkeys((brk, "\n")):  # a paragraph break, then any line break
        pos = text.rfind(sep, start + 1, end)
        while pos > start:
            cut, pos = _cut_at(text, pos, start, end)
            if cut:
                return cut
            pos = text.rfind(sep, start + 1, pos)
    ends = [m.end() - 1 for m in _SENTENCE_END.finditer(text, start, end)]
    for pos in reversed(ends):
        cut, _ = _cut_at(text, pos, start, end)
        if cut:
            return cut
    pos = end - 1
    while pos > start:  # any space
        if text[pos].isspace():
            cut, pos = _cut_at(text, pos, start, end)
            if cut:
                return cut
        pos -= 1
    return end  # no whitespace at all: a forced cut


def _cut_at(text: str, pos: int, start: int, end: int) -> tuple[int, int]:
    """(offset after the whitespace run holding `pos`, or 0 when that run starts the piece
    or reaches past `end`; the run's first offset)."""
    first = pos
    while first > start and text[first - 1].isspace():
        first -= 1
    cut = pos
    while cut < len(text) and text[cut].isspace():
        cut += 1
    return (cut if start < first and cut <= end else 0), first


def stage_one(nlp: Language, own: Sequence[str]) -> list[str]:
    """The components run on each piece: those before the first of dyads' own (`own`)."""
    names = list(nlp.pipe_names)
    first = min((names.index(n) for n in own if n in names), default=len(names))
    return names[:first]


def parse_long(nlp: Language, text: str, limit: int, own: Sequence[str]) -> Doc:
    """`text` parsed in pieces of at most `limit` characters by the components before dyads'
    own, joined into one Doc whose text is `text`."""
    first = set(stage_one(nlp, own))
    later = [n for n in nlp.pipe_names if n not in first]
    wrapped = paragraph_break(text) == "\n\n"
    cuts = cut_points(text, limit, "\n\n" if wrapped else "\n")

    def pieces() -> Iterator[Doc]:
        for a, b in zip(cuts, cuts[1:]):
            piece = nlp.make_doc(text[a:b])
            piece.user_data[WRAPPED_KEY] = wrapped  # the whole text's layout, not the piece's
            yield piece

    parsed = []
    for piece in nlp.pipe(pieces(), batch_size=1, disable=later):
        piece.tensor = piece.tensor[:0]  # the joined Doc keeps no tensor: free it now
        piece.user_data.clear()
        parsed.append(piece)
    doc = Doc.from_docs(parsed, ensure_whitespace=False, exclude=["tensor", "user_data"])
    if doc is None:
        doc = nlp.make_doc(text)
    return doc
