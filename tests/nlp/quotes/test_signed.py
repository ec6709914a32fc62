"""Quotations signed after a dash ('"..." -- Dana Whitfield'), and a closing mark that opens a
line. Sentences written for these tests; negatives: a dash inside a sentence, a name not at the
line's end, a lowercase phrase after the dash."""
from __future__ import annotations

import pytest
import spacy

from dyads.nlp.quotes import quote_regions
from dyads.nlp.quotes.discourse import signature

NLP = spacy.blank("en")


def signed_by(text):
    doc = NLP.make_doc(text)
    regions, _ = quote_regions(text)
    out = []
    for r in regions:
        chars = signature(doc, r)
        out.append(text[chars[0] : chars[1]] if chars else None)
    return out


@pytest.mark.parametrize(
    "text,name",
    [
        ("\u201cThe ferry has not run since May.\u201d \u2015 Dana Whitfield\n", "Dana Whitfield"),
        ("\u201cThe ferry has not run since May.\u201d\u2015 Dana Whitfield.\n", "Dana Whitfield"),
        ("\u201cWe rebuilt the school ourselves.\u201d \u2014 Tomas K. Varga\u00a0\nNext line.", "Tomas K. Varga"),
        ('"Prices doubled in a year." -- Priya Nair', "Priya Nair"),
        ("\u201cNobody asked us.\u201d \u2013 Ines Moreau", "Ines Moreau"),
    ],
)
def test_a_name_after_a_dash_at_the_lines_end_signs_the_quotation(text, name):
    assert signed_by(text) == [name]


@pytest.mark.parametrize(
    "text",
    [
        # the dash goes on with the sentence: no signature
        "\u201cThe ferry has not run since May\u201d \u2014 a claim the company disputes.\n",
        # a name, then more of the sentence
        "\u201cThe ferry has not run,\u201d \u2014 Dana Whitfield said on Monday, \u201cnot once.\u201d",
        # no dash at all
        "\u201cThe ferry has not run since May.\u201d Dana Whitfield\n",
    ],
)
def test_no_signature_without_a_name_alone_after_a_dash(text):
    assert signed_by(text)[0] is None


def test_a_closing_mark_that_opens_a_line_opens_a_quotation():
    text = "Readers wrote in.\n\u201dThe bridge must stay open.\u201d \u2015 Lena Ortiz\n\u201cToll it.\u201d \u2015 Sam Obi"
    regions, stray = quote_regions(text)
    assert [text[r.start : r.end] for r in regions] == ["The bridge must stay open.", "Toll it."]
    assert stray == []


def test_a_closing_mark_inside_a_line_with_nothing_open_stays_stray():
    text = "He left\u201d early that day."
    regions, stray = quote_regions(text)
    assert regions == [] and stray == [7]
