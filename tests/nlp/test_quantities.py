"""The quantities component: number parsing, unit lookup, the text rules, and the
constructions that need a parse (marked slow: they load the spaCy model).

Sentences are the team's own. Each table has negative rows: things that look like
numbers and are not quantities (years, decades, dates, clock times, names).
"""
from __future__ import annotations

import math

import pytest

from dyads.nlp.numbers import find_quantities, load_units, lookup_unit, parse_number


def close(a, b) -> bool:
    if a is None or b is None:
        return a is b
    return math.isclose(float(a), float(b), rel_tol=1e-9)


# ---------------------------------------------------------------- pure functions


@pytest.mark.parametrize(
    "text, expected",
    [
        ("1,300", 1300),
        ("13,000", 13000),
        ("1.356", 1.356),
        (".5", 0.5),
        ("five", 5),
        ("twenty-five", 25),
        ("two million", 2_000_000),
        ("one hundred and fifty", 150),
        ("three thousand", 3000),
        ("two dozen", 24),
        ("a dozen", 12),
        ("a million", 1_000_000),
        ("1.356 billion", 1_356_000_000),
        ("1.762bn", 1_762_000_000),
        ("4.3M", 4_300_000),
        ("4 hundred million", 400_000_000),
        # not numbers
        ("million", None),
        ("one two", None),
        ("F16", None),
        ("several", None),
        ("", None),
    ],
)
def test_parse_number(text, expected):
    assert close(parse_number(text), expected)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("%", "percent"),
        ("per cent", "percent"),
        ("percent", "percent"),
        ("pct", "percent"),
        ("basis points", "basis point"),
        ("$", "USD"),
        ("US$", "USD"),
        ("dollars", "USD"),
        ("A$", "AUD"),
        ("Australian dollars", "AUD"),
        ("€", "EUR"),
        ("£", "GBP"),
        ("yen", "JPY"),
        ("shekels", "ILS"),
        ("miles", "mile"),
        ("km", "kilometre"),
        ("kilometers", "kilometre"),
        ("feet", "foot"),
        ("mph", "mile per hour"),
        ("km/h", "kilometre per hour"),
        ("miles per hour", "mile per hour"),
        ("degrees Celsius", "celsius"),
        ("cents", "cent"),
        # case matters for abbreviations: M is a scale, m a metre
        ("M", None),
        ("m", "metre"),
        ("fighters", None),
        ("banana", None),
    ],
)
def test_lookup_unit(text, expected):
    assert lookup_unit(text) == expected


def test_units_data_is_consistent():
    u = load_units()
    assert set(u.approx.values()) <= {"about", "more than", "less than", "at least", "at most"}
    assert all(len(code) == 3 and code.isupper() for code in u.cur_name)
    assert "people" in u.people and "fighter" in u.people
    assert u.time_units <= set(u.unit_forms.values())


# ---------------------------------------------------------------- text rules (no parse)


def found(text):
    return [(text[f.start : f.end], f.value, f.low, f.high, f.approx, f.unit) for f in find_quantities(text)]


def one(text):
    out = found(text)
    assert len(out) == 1, out
    return out[0]


@pytest.mark.parametrize(
    "text, surface, value, unit, approx",
    [
        ("The Alawites make up 10 per cent of the population.", "10 per cent", 10, "percent", None),
        ("Turnout was 70 percent in the north.", "70 percent", 70, "percent", None),
        ("Prices rose 4.5% last month.", "4.5%", 4.5, "percent", None),
        ("Inflation hit 7pct in the capital.", "7pct", 7, "percent", None),
        ("The rate went up 25 basis points.", "25 basis points", 25, "basis point", None),
        ("More than 90 per cent of the commanders are loyal.", "More than 90 per cent", 90, "percent", "more than"),
        ("Nearly 40% of the voters stayed home.", "Nearly 40%", 40, "percent", "about"),
        ("The fund lost just under 20 percent.", "just under 20 percent", 20, "percent", "less than"),
        ("The wall is at least 12 metres high.", "at least 12 metres", 12, "metre", "at least"),
        ("The grant is worth up to $8 million.", "up to $8 million", 8_000_000, "USD", "at most"),
        ("Some 300 families returned.", "Some 300", 300, None, "about"),
        ("The ministry paid $800 million for the jets.", "$800 million", 800_000_000, "USD", None),
        ("Its reserves stand at $1.762bn.", "$1.762bn", 1_762_000_000, "USD", None),
        ("Crude fell to US$58.24 on Tuesday.", "US$58.24", 58.24, "USD", None),
        ("The deal is worth A$2.5 billion.", "A$2.5 billion", 2_500_000_000, "AUD", None),
        ("Tickets cost €45 at the door.", "€45", 45, "EUR", None),
        ("The fine was £1.2m.", "£1.2m", 1_200_000, "GBP", None),
        ("He was paid 500 million yen.", "500 million yen", 500_000_000, "JPY", None),
        ("The bill came to 40 shekels.", "40 shekels", 40, "ILS", None),
        ("Rents average 2,000 Australian dollars a month.", "2,000 Australian dollars a month", 2000,
         "australian dollar per month", None),
        ("Oil traded at US $61.10 per barrel.", "US $61.10 per barrel", 61.1, "dollar per barrel", None),
        ("The shares rose 19 cents.", "19 cents", 19, "cent", None),
        ("The convoy drove 120 miles overnight.", "120 miles", 120, "mile", None),
        ("Shells landed 3 km from the border.", "3 km", 3, "kilometre", None),
        ("The truck was doing 60mph.", "60mph", 60, "mile per hour", None),
        ("Winds reached 150 km/h near the coast.", "150 km/h", 150, "kilometre per hour", None),
        ("Temperatures fell to minus 12 degrees Celsius.", "minus 12 degrees Celsius", -12, "celsius", None),
        ("The deficit widened to $-3.5bn.", "$-3.5bn", -3_500_000_000, "USD", None),
        ("The siege lasted 18 months.", "18 months", 18, "month", None),
        ("He was sentenced to three years in prison.", "three years", 3, "year", None),
        ("A 34-year-old man was arrested.", "34-year-old", 34, "year of age", None),
        ("The victim, aged 19, was a student.", "19", 19, "year of age", None),
        ("They hold two million tons of grain.", "two million tons", 2_000_000, "ton", None),
        ("They counted 1,300 graves.", "1,300", 1300, None, None),
        ("Aid reached a dozen villages.", "a dozen", 12, None, None),
        ("A quarter of the town was destroyed.", "A quarter", 0.25, "fraction", None),
        ("One in five children is underweight.", "One in five", 0.2, "fraction", None),
        ("The drone flew at 10,000 feet.", "10,000 feet", 10_000, "foot", None),
        ("It costs 6.5 times the old price.", "6.5 times", 6.5, "count", None),
        ("Ankara wants a 30-km buffer zone.", "30-km", 30, "kilometre", None),
    ],
)
def test_numbers_units_and_approximators(text, surface, value, unit, approx):
    got = one(text)
    assert got[0] == surface
    assert close(got[1], value), got
    assert got[5] == unit
    assert got[4] == approx


@pytest.mark.parametrize(
    "text, surface, low, high, unit",
    [
        ("Between 5 and 10 people were hurt.", "5 and 10", 5, 10, None),
        ("A 5-10 km stretch of road was closed.", "5-10 km", 5, 10, "kilometre"),
        ("The range grew from 252 to 287 miles.", "252 to 287 miles", 252, 287, "mile"),
        ("Between 1,000 and 2,000 fighters joined.", "1,000 and 2,000", 1000, 2000, None),
        ("Some 1 to 2 thousand people fled.", "Some 1 to 2 thousand", 1000, 2000, None),
        ("Bids ranged from $89 to $93 billion.", "$89 to $93 billion", 89e9, 93e9, "USD"),
        ("Sales grew between 4% and 6%.", "4% and 6%", 4, 6, "percent"),
        ("It lasted three or four days.", "three or four days", 3, 4, "day"),
        ("Shares are priced between $12 and $14 per share.", "$12 and $14 per share", 12, 14, "dollar per share"),
    ],
)
def test_ranges(text, surface, low, high, unit):
    got = one(text)
    assert got[0] == surface
    assert got[1] is None
    assert close(got[2], low) and close(got[3], high), got
    assert got[5] == unit


@pytest.mark.parametrize(
    "text, values",
    [
        # a change and a level are two values, not a range
        ("Unemployment rose 32,000 to 1.41 million.", [32000, 1_410_000]),
        ("The debt increased by $4 billion to $19 billion.", [4e9, 19e9]),
        ("Shares fell 3% to $12.", [3, 12]),
        # several numbers in one sentence, each in order
        ("Of 120 detainees, 45 were freed and 75 remain held.", [120, 45, 75]),
        ("Police said 13,000 workers struck, and 2.2 billion dollars were lost.", [13000, 2.2e9]),
    ],
)
def test_separate_values(text, values):
    got = found(text)
    assert [g[1] for g in got] == pytest.approx(values), got


@pytest.mark.parametrize(
    "text",
    [
        "The party was founded in 1971.",
        "Violence peaked in the 1990s.",
        "Elections are due in 2019.",
        "Talks resumed on March 29 in Geneva.",
        "The ceasefire began on 8 July.",
        "The statement was issued at 10:30 GMT.",
        "The blast happened at 5pm on Friday.",
        "Resolution 2254 calls for a transition.",
        "Pilots flew F-16 jets over the city.",
        "The COVID-19 outbreak closed schools.",
        "The forces of the G20 met.",
        "He scored in the 96th minute.",
        "It finished 2-0 to the visitors.",
        "Call 555-123-4567 for details.",
        "The office is at 575 King Road.",
        "The regime has held power over the past three years.",
        "The conflict began 1,300 years ago.",
        "It is a five-year plan for the region.",
        "He spoke on Channel Four last night.",
    ],
)
def test_not_quantities(text):
    assert found(text) == []


# ---------------------------------------------------------------- with the parse (the real model)


@pytest.fixture(scope="module")
def analyzer():
    from dyads import Analyzer

    return Analyzer()


def quantities(analyzer, text):
    r = analyzer.analyze(text)
    for q in r.quantities:
        assert text[q.start : q.end] == q.text
    return r, r.quantities


def actor_named(result, *names):
    for a in result.actors:
        if a.name in names or any(m.text in names for m in a.mentions):
            return a.id
    raise AssertionError(f"none of {names} among {[a.name for a in result.actors]}")


@pytest.mark.slow
@pytest.mark.parametrize(
    "text, surface, unit",
    [
        ("The striker has scored 22 goals this season.", "22 goals", "goal"),
        ("The platform now has 2.2 billion users.", "2.2 billion users", "user"),
        ("The army sent 4,000 soldiers to the border.", "4,000 soldiers", "people"),
        ("Police detained 35 protesters overnight.", "35 protesters", "people"),
        ("Rebels shot down two helicopters.", "two helicopters", "helicopter"),
        ("It bought three new tankers.", "three", "new tanker"),
        ("Two dozen Russian jets took off.", "Two dozen", "Russian jet"),
    ],
)
def test_counted_nouns_name_the_unit(analyzer, text, surface, unit):
    _, qs = quantities(analyzer, text)
    assert len(qs) == 1, qs
    assert qs[0].text == surface and qs[0].unit == unit


@pytest.mark.slow
@pytest.mark.parametrize(
    "text, expected",
    [
        ("One of his advisors said the talks had failed.", []),
        ("No one was hurt in the blast.", []),
        ("The envoy met them on more than one occasion.", []),
        ("They blamed one another for the collapse.", []),
        ("The militia holds one hill and two villages.", [1, 2]),
        ("The town has one hospital.", [1]),
        ("It is one of the largest camps in the region.", [1]),
    ],
)
def test_which_one_is_a_number(analyzer, text, expected):
    _, qs = quantities(analyzer, text)
    assert [q.value for q in qs] == expected, qs


@pytest.mark.slow
@pytest.mark.parametrize(
    "text, surface, low, unit, counts",
    [
        ("Thousands of Hizbullah fighters crossed into Syria.", "Thousands of Hizbullah fighters", 1000, "people",
         "Hizbullah fighters"),
        ("The regime used hundreds of Iranian military experts.", "hundreds of Iranian military experts", 100, "people",
         "Iranian military experts"),
        ("Activists posted dozens of videos online.", "dozens of videos", 12, "video", "videos"),
        ("Scores of civilians were trapped.", "Scores of civilians", 20, "people", "civilians"),
        ("Tens of thousands of refugees reached the camps.", "Tens of thousands of refugees", 10000, "people", "refugees"),
        ("The war cost millions of dollars.", "millions of dollars", 1_000_000, "USD", None),
    ],
)
def test_vague_counts(analyzer, text, surface, low, unit, counts):
    _, qs = quantities(analyzer, text)
    assert len(qs) == 1, qs
    q = qs[0]
    assert (q.text, q.value, q.low, q.approx, q.unit) == (surface, None, low, "vague", unit)
    assert q.counts == counts


@pytest.mark.slow
def test_subject_of_a_relative_clause(analyzer):
    text = ("Tensions grew between the Alawites, who make up 10 per cent of the population, "
            "and the Sunnis, who make up 70 per cent.")
    r, qs = quantities(analyzer, text)
    assert [q.value for q in qs] == [10, 70]
    assert qs[0].subject == actor_named(r, "Alawites")
    assert qs[1].subject == actor_named(r, "Sunnis")
    assert qs[0].counts == "the population"


@pytest.mark.slow
def test_subject_on_the_other_side_of_a_copula(analyzer):
    text = "Today more than 90 per cent of the country's army commanders are Alawites."
    r, qs = quantities(analyzer, text)
    assert len(qs) == 1
    q = qs[0]
    assert (q.text, q.value, q.approx, q.unit, q.counts) == ("more than 90 per cent", 90, "more than", "percent", "army commanders")
    assert q.subject == actor_named(r, "Alawites")


@pytest.mark.slow
def test_subject_named_in_what_is_counted(analyzer):
    text = "The regime brought in thousands of Hizbullah fighters and hundreds of Iranian military experts."
    r, qs = quantities(analyzer, text)
    assert [q.low for q in qs] == [1000, 100]
    assert qs[0].subject == actor_named(r, "Hizbullah", "Hezbollah")
    assert qs[1].subject == actor_named(r, "Iran", "Iranian")


@pytest.mark.slow
def test_subject_of_make_up(analyzer):
    text = "The Kurds make up about 15 per cent of the population."
    r, qs = quantities(analyzer, text)
    assert len(qs) == 1 and qs[0].approx == "about"
    assert qs[0].subject == actor_named(r, "Kurds")


@pytest.mark.slow
def test_no_subject_without_an_actor(analyzer):
    _, qs = quantities(analyzer, "Prices rose 4 per cent in May.")
    assert len(qs) == 1 and qs[0].subject is None


@pytest.mark.slow
@pytest.mark.parametrize(
    "text, expected",
    [
        ("Apple released the iPhone 11 Pro in the autumn.", []),
        ("Sales of the Galaxy S22 slowed.", []),
        ("The match turned when Lang 20 on loan from the club scored.", []),
        ("In the 2019 elections, turnout fell.", []),
        ("About 1500 people attended.", [1500]),
        ("On day 3 of the offensive, the rebels advanced.", []),
        ("On the same day 40 people were killed.", [40]),
    ],
)
def test_names_and_years_with_the_parse(analyzer, text, expected):
    _, qs = quantities(analyzer, text)
    assert [q.value for q in qs] == expected, qs


@pytest.mark.slow
def test_an_age_after_a_name(analyzer):
    _, qs = quantities(analyzer, "Hassan Karimi, 66, was released on Sunday.")
    assert [(q.value, q.unit) for q in qs] == [(66, "year of age")]


@pytest.mark.slow
def test_the_component_writes_ids_spans_and_the_contract(analyzer):
    from dyads.nlp.quantities import quantity_results

    text = "Some 300 families fled, and 1,200 more left after 12 days of shelling."
    doc = analyzer.nlp(text)
    qs = quantity_results(doc)
    assert [q.id for q in qs] == ["N1", "N2", "N3"]
    assert [q.value for q in qs] == [300, 1200, 12]
    assert all(q.claimed_by is None for q in qs)
    spans = doc.spans["dyads_quantities"]
    assert [s.label_ for s in spans] == ["N1", "N2", "N3"]
    assert all(s.start_char <= q.start and q.end <= s.end_char for s, q in zip(spans, qs))


@pytest.mark.slow
@pytest.mark.parametrize(
    "text, surface, subject",
    [
        ("Hezbollah, which has sent 5,000 fighters to Syria, denied the report.", "5,000 fighters", "Hezbollah"),
        ("The Syrian army, which lost 300 soldiers in March, retreated.", "300 soldiers", "Syrian army"),
    ],
)
def test_the_antecedent_of_which_is_the_subject_of_a_count_in_its_clause(analyzer, text, surface, subject):
    r, qs = quantities(analyzer, text)
    assert [q.text for q in qs] == [surface]
    assert qs[0].subject == actor_named(r, subject)


@pytest.mark.slow
def test_a_relative_clause_on_a_thing_gives_no_subject(analyzer):
    r, qs = quantities(analyzer, "The truck, which carried 40 boxes of medicine, reached the clinic.")
    assert [(q.text, q.subject) for q in qs] == [("40 boxes", None)]


@pytest.mark.slow
@pytest.mark.parametrize(
    "text, surface, unit",
    [
        # people counted per day stay people: the rate is not made a unit
        ("Some 2,000 refugees per day crossed the border.", "Some 2,000 refugees", "people"),
        ("About 800 civilians per week left the town.", "About 800 civilians", "people"),
        # a thing counted per day is a rate
        ("The factory made 40 shells per day.", "40 shells per day", "shell per day"),
    ],
)
def test_a_rate_is_a_unit_except_for_people(analyzer, text, surface, unit):
    _, qs = quantities(analyzer, text)
    assert [(q.text, q.unit) for q in qs] == [(surface, unit)]
