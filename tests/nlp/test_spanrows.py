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


def test_the_index_finds_what_a_scan_of_every_row_finds_in_the_groups_order():
    doc = spacy.blank("en")("Turkey accused Russia of shelling the town of Idlib on Monday")
    doc.spans["k"] = [Span(doc, 7, 9, label="P1"), Span(doc, 0, 1, label="A1"), Span(doc, 8, 9, label="P2")]
    assert [r.label_ for r in spanrows.covering(doc, "k", 8)] == ["P1", "P2"]  # group order, not text order
    assert spanrows.covering(doc, "k", 3) == [] and spanrows.covering(doc, "missing", 0) == []
    assert [r.label_ for r in spanrows.within(doc, "k", 7, 9)] == ["P1", "P2"]
    assert [r.label_ for r in spanrows.within(doc, "k", 8, 10)] == ["P2"]  # P1 starts before 8
    assert spanrows.within(doc, "k", 1, 7) == []
    # characters: "of Idlib" is 43..51, "Idlib" 46..51, "Turkey" 0..6
    assert [r.label_ for r in spanrows.overlapping(doc, "k", 45, 47)] == ["P1", "P2"]
    assert [r.label_ for r in spanrows.overlapping(doc, "k", 0, 1)] == ["A1"]
    assert spanrows.overlapping(doc, "k", 6, 38) == []  # touching is not sharing a character
    spanrows.append(doc, "k", Span(doc, 2, 3, label="A2"))  # the index follows an append
    assert [r.label_ for r in spanrows.covering(doc, "k", 2)] == ["A2"]
    assert [r.label_ for r in spanrows.overlapping(doc, "k", 0, 100)] == ["P1", "A1", "P2", "A2"]
    doc.spans["k"] = [Span(doc, 2, 3, label="B")]  # and a replaced group
    assert [r.label_ for r in spanrows.covering(doc, "k", 2)] == ["B"] and spanrows.covering(doc, "k", 8) == []
