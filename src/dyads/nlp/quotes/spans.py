"""Small conversions between characters and tokens, and trimming of quoted text."""
from __future__ import annotations

from spacy.tokens import Doc

from ..claims import QUOTE_CHARS


def opens_sentence(doc: Doc, s: int) -> bool:
    """Does the quotation starting at token s begin its sentence (after its opening mark)?"""
    sent = doc[s].sent
    return all(t.is_punct or t.is_space or t.text in QUOTE_CHARS for t in doc[sent.start : s])


def word_count(doc: Doc, span: tuple[int, int]) -> int:
    return sum(1 for t in doc[span[0] : span[1]] if t.is_alpha or t.like_num)


def token_range(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """The tokens covering characters [start, end), (0, 0) when none do."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return 0, 0
    return span.start, span.end


def end_char(doc: Doc, token_end: int) -> int:
    """The character just after the token before `token_end`."""
    t = doc[token_end - 1]
    return t.idx + len(t.text)


def strip_span(text: str, s: int, e: int) -> tuple[int, int]:
    """[s, e) without white space, quotation marks and ',;:' at either end."""
    while s < e and (text[s].isspace() or text[s] in QUOTE_CHARS or text[s] in ",;:"):
        s += 1
    while e > s and (text[e - 1].isspace() or text[e - 1] in QUOTE_CHARS or text[e - 1] in ",;:"):
        e -= 1
    return s, e


def strip_marks(s: str) -> str:
    """The text without white space and quotation marks at either end."""
    s = s.strip()
    while s and s[0] in QUOTE_CHARS:
        s = s[1:].lstrip()
    while s and s[-1] in QUOTE_CHARS:
        s = s[:-1].rstrip()
    return s
