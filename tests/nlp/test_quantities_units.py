"""Units and currencies as data (kb/units.yaml): ISO 4217 codes for currencies named in
words or signs, names several currencies share, compound and sports units, fractions
of a unit, the bounds of vague counts, and units left out (nlp/unit_ellipsis.py).

Sentences are the team's own; each table has negative rows.
"""
from __future__ import annotations

import math

import pytest

from dyads.nlp.numbers import find_quantities, load_units, lookup_unit


def found(text):
    return [(text[f.start : f.end], f.value, f.low, f.high, f.unit) for f in find_quantities(text)]


def close(a, b) -> bool:
    if a is None or b is None:
        return a is b
    return math.isclose(float(a), float(b), rel_tol=1e-9)


# ---------------------------------------------------------------- currencies


@pytest.mark.parametrize(
    "written, code",
    [
        ("pounds sterling", "GBP"), ("sterling", "GBP"), ("yen", "JPY"), ("yuan", "CNY"), ("renminbi", "CNY"),
        ("rupees", "INR"), ("francs", "CHF"), ("Swiss francs", "CHF"), ("roubles", "RUB"), ("rubles", "RUB"),
        ("lira", "TRY"), ("naira", "NGN"), ("shekels", "ILS"), ("rand", "ZAR"), ("dinars", "IQD"),
        ("riyals", "SAR"), ("dirhams", "AED"), ("pesos", "MXN"), ("reais", "BRL"), ("Argentine pesos", "ARS"),
        ("Jordanian dinars", "JOD"), ("Moroccan dirhams", "MAD"), ("CFA francs", "XOF"), ("forints", "HUF"),
        ("South Korean won", "KRW"), ("Egyptian pounds", "EGP"), ("C$", "CAD"), ("A$", "AUD"), ("HK$", "HKD"),
        ("£", "GBP"), ("¥", "JPY"), ("₹", "INR"), ("€", "EUR"), ("₦", "NGN"), ("₺", "TRY"),
        # not currencies on their own: a verb, an adjective, a mass
        ("won", None), ("real", None), ("pounds", "pound-mass"),
    ],
)
def test_currency_names_and_signs_give_iso_codes(written, code):
    assert lookup_unit(written) == code


def test_every_currency_has_an_iso_code_and_every_shared_name_a_known_default():
    u = load_units()
    assert all(len(code) == 3 and code.isupper() for code in u.cur_name)
    for name, (default, _, cues) in u.cur_ambiguous.items():
        assert default in u.cur_name, name
        assert set(cues.values()) <= set(u.cur_name), name


@pytest.mark.parametrize(
    "text, unit",
    [
        ("The Tunisian treasury borrowed 900 million dinars.", "TND"),
        ("In Amman the levy was raised to 40 dinars a head.", "jordanian dinar per head"),
        ("A Kuwaiti fund pledged 3 million dinars.", "KWD"),
        ("Bogota's Colombian mayor spent 12 billion pesos.", "COP"),
        ("A Rwandan cooperative earned 600,000 francs.", "RWF"),
        ("Omani ministers cut 5 million riyals from the budget.", "OMR"),
        ("Lebanese banks froze 9 billion lira in deposits.", "LBP"),
        ("They paid 80 million reais for the striker.", "BRL"),
        ("The lender wrote off 2 billion real of loans.", "BRL"),
        # no country in the sentence: the default reading
        ("Each ticket costs 300 dinars.", "IQD"),
        # a country in an earlier sentence does not count
        ("Jordan held talks. The fee is 20 dinars.", "IQD"),
    ],
)
def test_a_shared_currency_name_takes_the_country_named_in_its_sentence(text, unit):
    got = found(text)
    assert len(got) == 1, got
    assert got[0][4] == unit


@pytest.mark.parametrize(
    "text",
    [
        "There are 5 real problems with the plan.",
        "The team won 3 games in a row.",
    ],
)
def test_a_currency_word_that_is_also_a_common_word_needs_a_scale(text):
    assert all(g[4] not in ("BRL", "KRW") for g in found(text))


# ---------------------------------------------------------------- units


@pytest.mark.parametrize(
    "text, surface, unit",
    [
        ("The shortstop was worth 2.5 WAR last season.", "2.5 WAR", "win above replacement"),
        ("He closed the year with a 3.10 ERA.", "3.10 ERA", "earned run average"),
        ("The engine makes 300 lb-ft of torque.", "300 lb-ft", "pound-foot"),
        ("Gas cost $3.10 per mmBTU in May.", "$3.10 per mmBTU", "dollar per mega british thermal unit"),
        ("Pour in 4 fluid ounces of milk.", "4 fluid ounces", "ounce"),
        ("The car reached 200 km/h on the straight.", "200 km/h", "kilometre per hour"),
        ("Brent traded at $80 a barrel.", "$80 a barrel", "dollar per barrel"),
        ("The board paid 45 cents per share.", "45 cents per share", "cent per share"),
        ("The bank raised rates by 50 basis points.", "50 basis points", "basis point"),
        ("The fund is worth $1.2bn.", "$1.2bn", "USD"),
        ("Winds of 90 miles per hour hit the coast.", "90 miles per hour", "mile per hour"),
    ],
)
def test_compound_sports_and_finance_units(text, surface, unit):
    got = found(text)
    assert len(got) == 1, got
    assert got[0][0] == surface and got[0][4] == unit


@pytest.mark.parametrize(
    "text, surface, value, unit",
    [
        ("The state budgeted Rs 3,200 crore for roads.", "Rs 3,200 crore", 32_000_000_000, "INR"),
        ("The prize is 15 lakh rupees.", "15 lakh rupees", 1_500_000, "INR"),
        ("A ticket costs Rp 50,000 at the gate.", "Rp 50,000", 50_000, "IDR"),
        ("He paid Rs450 for it.", "Rs450", 450, "INR"),
        # two letters that end a word are no currency before a number
        ("Mrs 5 left early.", "5", 5, None),
    ],
)
def test_south_asian_scales_and_spaced_letter_prefixes(text, surface, value, unit):
    got = found(text)
    assert len(got) == 1, got
    assert got[0][0] == surface and close(got[0][1], value) and got[0][4] == unit


def test_lakhs_and_crores_as_vague_counts():
    got = found("Crores of viewers watched the final.")
    assert len(got) == 1 and close(got[0][2], 10_000_000) and close(got[0][3], 100_000_000)


@pytest.mark.parametrize(
    "text, surface, value, unit",
    [
        ("The camp lies half a mile from the river.", "half a mile", 0.5, "mile"),
        ("A third of a mile of the wall fell.", "A third of a mile", 1 / 3, "mile"),
        ("A cup is 1/4 of a US quart.", "1/4 of a US quart", 0.25, "quart"),
        ("Shelling went on for a quarter of an hour.", "a quarter of an hour", 0.25, "hour"),
        # a fraction of a whole that is no unit stays a fraction
        ("A third of the village fled.", "A third", 1 / 3, "fraction"),
        ("Half of the convoy turned back.", "Half", 0.5, "fraction"),
    ],
)
def test_a_fraction_of_one_unit_is_measured_in_that_unit(text, surface, value, unit):
    got = found(text)
    assert len(got) == 1, got
    assert got[0][0] == surface and close(got[0][1], value) and got[0][4] == unit


@pytest.mark.parametrize(
    "text, low, high",
    [
        ("Thousands of families left.", 1000, 10_000),
        ("Dozens of shops closed.", 12, 120),
        ("Tens of thousands of people marched.", 10_000, 100_000),
        ("Hundreds of millions of dollars vanished.", 100_000_000, 1_000_000_000),
    ],
)
def test_a_vague_count_runs_to_the_next_order_of_magnitude(text, low, high):
    got = found(text)
    assert len(got) == 1, got
    assert got[0][1] is None and close(got[0][2], low) and close(got[0][3], high)


# ---------------------------------------------------------------- units left out


@pytest.mark.parametrize(
    "text, units",
    [
        # the partitive takes the unit of its whole
        ("The club has paid 30 million of the 90 million euros it owes.", ["EUR", "EUR"]),
        # the same preposition before both numbers
        ("Exports grew by 6 percent while imports grew by 2.", ["percent", "percent"]),
        ("Mileage rose to 40 mpg in the city and to 35 on the motorway.", ["mile per gallon", "mile per gallon"]),
        ("The first index closed at 880 points and the second closed at 415.", ["point", "point"]),
        # a suspended hyphen takes the unit of the last member
        ("Shops sell 2-, 4- and 6-litre tins.", ["litre", "litre", "litre"]),
        # a scale named after the numbers
        ("The quake measured between 5 and 6 on the km scale.", ["kilometre"]),
        # negatives: a level after a change, another sentence, a whole that counts people
        ("Prices rose 5% to 200.", ["percent", None]),
        ("Sales rose by 4% to 300.", ["percent", None]),
        ("The road is 5 miles long. At 7 the gates close.", ["mile", None]),
        ("Of the 40 people held, 12 were freed.", [None, None]),
        ("Exports grew by 6 percent. Imports grew by 2.", ["percent", None]),
    ],
)
def test_a_bare_number_takes_the_unit_its_construction_leaves_out(text, units):
    assert [g[4] for g in found(text)] == units


# ---------------------------------------------------------------- with the parse (the real model)


@pytest.fixture(scope="module")
def analyzer():
    from dyads import Analyzer

    return Analyzer()


@pytest.mark.slow
@pytest.mark.parametrize(
    "text, unit",
    [
        ("She turned 40 in the spring.", "year of age"),
        ("He will be 61 when the term ends.", "year of age"),
        ("Maria Lopez is 52 and lives alone.", "year of age"),
        ("A 25-year-old was detained.", "year of age"),
        ("The suspect, aged 31, was charged.", "year of age"),
        # not ages: a thing, a group, a score, a share
        ("It is 35 by now.", "count"),
        ("They were 12 in the room.", "count"),
        ("He was 5 points ahead.", "point"),
        ("Her share is 30 percent.", "percent"),
    ],
)
def test_a_persons_age_after_be_or_turn(analyzer, text, unit):
    qs = analyzer.analyze(text).quantities
    assert len(qs) == 1, qs
    assert qs[0].unit == unit


@pytest.mark.parametrize(
    "text, units",
    [
        ("The heat reached 44C in the valley.", ["celsius"]),
        ("Readings topped 110F at noon.", ["fahrenheit"]),
        ("Nights fell to -4C and days rose to 12C.", ["celsius", "celsius"]),
        # a letter after a number that names a seat, a flat or a gate is no temperature
        ("Seat 14C was taken.", []),
        ("The family lives in apartment 3F.", []),
        # one letter counts only attached: "5 C" is not five degrees
        ("She got a 5 C in maths.", [None]),
    ],
)
def test_one_letter_temperature_units_only_attached_to_the_digits(text, units):
    assert [g[4] for g in found(text)] == units


@pytest.mark.slow
@pytest.mark.parametrize(
    "text, counts",
    [
        ("The port handled 80,000 tonnes of maize.", "maize"),
        ("The state sold $3bn of bonds.", "bonds"),
        ("Turnout reached 55 percent of registered voters.", "registered voters"),
        # the whole of a partitive is no thing counted
        ("They spent 20 million of the 50 million dollars.", None),
    ],
)
def test_what_a_measure_or_a_sum_counts_after_of(analyzer, text, counts):
    qs = analyzer.analyze(text).quantities
    assert qs[0].counts == counts


@pytest.mark.parametrize(
    "text, surface, low, high, unit",
    [
        ("Range grew from 310 km on the old model to 380 this year.", "310 km on the old model to 380", 310, 380,
         "kilometre"),
        ("The coin sank from $52,100 at dawn to $49,800.", "$52,100 at dawn to $49,800", 49_800, 52_100, "USD"),
        ("Turnout slipped from 64 percent in 2015 to 59 percent.", "64 percent in 2015 to 59 percent", 59, 64,
         "percent"),
    ],
)
def test_a_range_split_by_an_adjunct(text, surface, low, high, unit):
    got = found(text)
    assert len(got) == 1, got
    assert got[0][0] == surface and got[0][1] is None
    assert close(got[0][2], low) and close(got[0][3], high) and got[0][4] == unit


@pytest.mark.parametrize(
    "text, n",
    [
        # a comma, another sentence, "according to", or two different units keep them apart
        ("Sales fell from 40 units, according to 12 dealers.", 2),
        ("Sales fell from 40 units in May, to 12 in June.", 2),
        ("It fell from 5 in May. To 3 later.", 2),
        ("The road runs from 12 km north to 3 miles south.", 2),
    ],
)
def test_no_split_range_across_a_clause_or_units(text, n):
    assert len(found(text)) == n
