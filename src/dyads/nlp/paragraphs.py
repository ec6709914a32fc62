"""The `dyads_paragraphs` component: sentences never run across a paragraph break.

Placed before the parser, it marks the first token after a paragraph break as a
sentence start; the parser keeps the marks. Headlines, datelines and transcript
lines then stop swallowing the paragraph after them. A piece of a long text (longdoc.py)
carries the whole text's layout under `doc.user_data[WRAPPED_KEY]`.
"""
from __future__ import annotations

from .mentions import doc_text

from spacy.language import Language
from spacy.tokens import Doc


WRAPPED_KEY = "dyads_wrapped"


@Language.component("dyads_paragraphs", assigns=["token.is_sent_start"])
def mark_paragraphs(doc: Doc) -> Doc:
    wrapped = doc.user_data.get(WRAPPED_KEY)
    if wrapped is None:
        wrapped = _wrapped(doc_text(doc))
    after_break = False
    for tok in doc:
        if tok.is_space and ("\n\n" in tok.text or ("\n" in tok.text and not wrapped)):
            after_break = True
            continue
        if after_break and tok.i > 0:
            tok.is_sent_start = True
        after_break = False
    return doc


def _wrapped(text: str) -> bool:
    """Is the text wrapped at a fixed width (single line breaks inside paragraphs)?"""
    from .quotes import paragraph_break

    return paragraph_break(text) == "\n\n"
