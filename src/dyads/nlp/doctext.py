"""A Doc's words, token attributes and text as plain strings, each read once per Doc (spaCy
builds `doc.text` and each `token.text` anew at every call). Used across the pipeline's components.
"""
from __future__ import annotations

from spacy.parts_of_speech import NAMES as POS_NAMES
from spacy.tokens import Doc


_last_words: list = [None, None]


def doc_words(doc: Doc) -> list[str]:
    """The Doc's token texts, computed once per Doc."""
    if _last_words[0] is not doc:
        _last_words[0], _last_words[1] = doc, token_strings(doc, "ORTH")  # = [t.text for t in doc]
    return _last_words[1]


class _Strings(dict):
    """hash -> string of one StringStore, as a plain dict filled on demand (quicker to read)."""

    def __init__(self, strings):
        super().__init__()
        self.strings = strings

    def __missing__(self, h: int) -> str:
        s = self[h] = self.strings[h]
        return s


_STRINGS: list = [None]  # the _Strings of the last StringStore read
_POS_NAMES = {int(k): v for k, v in POS_NAMES.items()}


def token_strings(doc: Doc, attr: str) -> list[str]:
    """Every token's `attr` ("ORTH", "LOWER", "LEMMA", "TAG", "DEP", "POS") as `token.orth_` etc. give it,
    read from the token array in one go: for loops over the whole Doc that look at a word or two."""
    ids = doc.to_array(attr).tolist()
    if attr == "POS":
        return list(map(_POS_NAMES.__getitem__, ids))
    strings = doc.vocab.strings
    table = _STRINGS[0]
    if table is None or table.strings is not strings or len(table) > 1_000_000:
        table = _STRINGS[0] = _Strings(strings)
    return list(map(table.__getitem__, ids))


_last_text: list = [None, None]


def doc_text(doc: Doc) -> str:
    """The Doc's text, built once per Doc (spaCy builds `doc.text` anew at each call)."""
    if _last_text[0] is not doc:
        spaced = doc.to_array("SPACY").tolist()  # = doc.text, joined here from the words without Token objects
        _last_text[0], _last_text[1] = doc, "".join([w + " " if sp else w for w, sp in zip(doc_words(doc), spaced)])
    return _last_text[1]
