"""The `dyads_paragraphs` component: sentences never run across a paragraph break.

Placed before the parser, it marks the first token after a paragraph break as a
sentence start; the parser keeps the marks. Headlines, datelines and transcript
lines then stop swallowing the paragraph after them. A piece of a long text (longdoc.py)
carries the whole text's layout under `doc.user_data[WRAPPED_KEY]`.

It carries no data: `initialize`, `to_disk` and `from_disk` exist so that a saved pipeline
treats it as every other dyads component.
"""
from __future__ import annotations

from .mentions import doc_text

from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc


WRAPPED_KEY = "dyads_wrapped"


@Language.factory("dyads_paragraphs", assigns=["token.is_sent_start"])
def make_paragraphs(nlp: Language, name: str):
    return ParagraphsComponent(name)


class ParagraphsComponent:
    def __init__(self, name: str = "dyads_paragraphs"):
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        return mark_paragraphs(doc)

    def initialize(self, get_examples=None, *, nlp=None) -> None:
        """Nothing to load."""

    def to_disk(self, path, *, exclude=()) -> None:
        """Nothing to save but its folder, so that the saved pipeline's layout is regular."""
        Path(path).mkdir(parents=True, exist_ok=True)

    def from_disk(self, path, *, exclude=()) -> "ParagraphsComponent":
        return self


def mark_paragraphs(doc: Doc) -> Doc:
    """Start a sentence at the first token after each paragraph break."""
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
