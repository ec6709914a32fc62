"""Span-group rows are read once, and read again when the group changes."""
from __future__ import annotations

import spacy
from spacy.tokens import Span

from dyads.nlp import spanrows


def test_rows_follow_the_group_when_it_is_replaced_or_grows():
    nlp = spacy.blank("en")
    doc = nlp("Turkey accused Russia of shelling Idlib on Monday")
    assert spanrows.rows(doc, "k") == ()
    doc.spans["k"] = [Span(doc, 0, 1, label="A1")]
    first = spanrows.rows(doc, "k")
    assert first == (spanrows.Row(0, 1, "A1", 0, 6),)
    assert spanrows.rows(doc, "k") is first  # remembered
    doc.spans["k"].append(Span(doc, 2, 3, label="A2"))
    assert [r.label_ for r in spanrows.rows(doc, "k")] == ["A1", "A2"]
    doc.spans["k"] = [Span(doc, 5, 6, label="P1"), Span(doc, 0, 1, label="A1")]  # replaced, same length
    assert [(r.start, r.label_) for r in spanrows.rows(doc, "k")] == [(5, "P1"), (0, "A1")]
    other = nlp("Idlib")
    other.spans["k"] = [Span(other, 0, 1, label="P9")]
    assert [r.label_ for r in spanrows.rows(other, "k")] == ["P9"]  # another Doc, its own rows
    spanrows.forget()
    assert [r.label_ for r in spanrows.rows(doc, "k")] == ["P1", "A1"]


def test_append_adds_to_the_group_or_makes_it():
    doc = spacy.blank("en")("Rebels shelled Aleppo")
    spanrows.append(doc, "new", Span(doc, 0, 1, label="A1"))
    spanrows.append(doc, "new", Span(doc, 2, 3, label="P1"))
    assert [(r.start, r.label_) for r in spanrows.rows(doc, "new")] == [(0, "A1"), (2, "P1")]
