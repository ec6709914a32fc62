"""How reports join into incidents (store/incidents.py), on hand-built reports (no store); one test
reads what the analysis says a count of people counts."""
import pytest

from dyads.store.incidents import Report, cluster, day_span, gap, place_fits
from dyads.store.incident_update import is_fatality

SYRIA = ("syria", "SYR", True)
ALEPPO = ("aleppo", "SYR", False)
HOMS = ("homs", "SYR", False)
BEIRUT = ("beirut", "LBN", False)


def rep(n, date, place=None, block="ASSAULT|a|b"):
    lo, hi, _ = day_span(date)
    return Report(f"d{n}", "E1", block, lo, hi, place, order=(f"d{n}", "E1"))


def groups(clusters):
    return sorted(sorted(m[0].doc_id for m in c.members) for c in clusters)


def test_day_spans_cover_the_precision_the_text_gives():
    lo, hi, p = day_span("2020-02")
    assert (hi - lo + 1, p) == (29, "month")  # a leap February
    assert day_span("2021")[2] == "year" and day_span("2021-03-04")[2] == "day"
    assert day_span("March 4") == (None, None, None) and day_span(None) == (None, None, None)
    assert gap(10, 12, 11, 11) == 0 and gap(10, 12, 15, 15) == 3


def test_reports_days_apart_within_the_window_join_and_beyond_do_not():
    out = cluster([rep(1, "2021-03-03"), rep(2, "2021-03-05"), rep(3, "2021-03-20")], window=3)
    assert groups(out) == [["d1", "d2"], ["d3"]]


def test_a_daily_series_does_not_chain_into_one_incident():
    days = [rep(i, f"2021-03-{i:02d}") for i in range(1, 11)]
    out = cluster(days, window=2)
    assert all(len(c.members) <= 3 for c in out)  # each incident within 2 days of its first report
    assert sum(len(c.members) for c in out) == 10


def test_a_town_fits_its_country_but_not_another_town():
    assert place_fits(SYRIA, ALEPPO) and place_fits(ALEPPO, SYRIA) and place_fits(None, HOMS)
    assert not place_fits(ALEPPO, HOMS) and not place_fits(SYRIA, BEIRUT)
    out = cluster([rep(1, "2021-03-03", SYRIA), rep(2, "2021-03-03", ALEPPO), rep(3, "2021-03-03", HOMS)], window=3)
    assert groups(out) == [["d1", "d2"], ["d3"]]
    joined = next(c for c in out if len(c.members) == 2)
    assert joined.place == ALEPPO  # the finer place
    assert "place inside" in joined.members[1][2]


def test_a_month_joins_only_the_same_month_and_undated_reports_stand_alone():
    out = cluster([rep(1, "2021-03"), rep(2, "2021-03"), rep(3, "2021-03-02"), rep(4, None), rep(5, None)], window=3)
    assert groups(out) == [["d1", "d2"], ["d3"], ["d4"], ["d5"]]


def test_the_incident_id_is_stable_whatever_the_input_order():
    a = cluster([rep(1, "2021-03-03"), rep(2, "2021-03-04")], window=3)
    b = cluster([rep(2, "2021-03-04"), rep(1, "2021-03-03")], window=3)
    assert [c.incident_id for c in a] == [c.incident_id for c in b]


@pytest.mark.slow
def test_counts_of_the_dead_by_what_the_analysis_says_they_count():
    """A count of people is one of the dead when its `counts` (nlp/casualties.py) says so."""
    from dyads import Analyzer

    analyzer = Analyzer()

    def dead(text):
        return {q.text: is_fatality(q.counts) for q in analyzer.analyze(text).quantities}

    got = dead("The strike killed 12 people. Another 18 were wounded. At least 30 civilians died in the raid.")
    assert got["12 people"] and not got["18"] and got["At least 30 civilians"]
    got = dead("Five people were killed and 18 wounded. The town has 4,000 residents.")
    assert got["Five people"] and not got["18"] and not got["4,000 residents"]
    assert not is_fatality(None) and not is_fatality("") and is_fatality("villagers killed")


def test_two_dates_the_texts_fix_to_the_day_join_only_a_day_apart():
    own = [rep(1, "2021-03-03"), rep(2, "2021-03-05")]
    for r in own:
        r.own = True
    assert groups(cluster(own, window=3, own_window=1)) == [["d1"], ["d2"]]
    own[1].own = False  # dated by its article, published two days on: the same happening
    assert groups(cluster(own, window=3, own_window=1)) == [["d1", "d2"]]


def test_a_report_with_a_side_left_open_needs_a_known_place():
    loose = [rep(1, "2021-03-03"), rep(2, "2021-03-03")]
    for r in loose:
        r.strict = True
    assert groups(cluster(loose, window=3)) == [["d1"], ["d2"]]
    placed = [rep(1, "2021-03-03", ALEPPO), rep(2, "2021-03-03", SYRIA)]
    for r in placed:
        r.strict = True
    assert groups(cluster(placed, window=3)) == [["d1", "d2"]]


def test_two_sentences_of_one_article_tell_two_happenings():
    a, b, c = rep(1, "2021-03-03"), rep(1, "2021-03-03"), rep(1, "2021-03-03")
    a.event_id, b.event_id, c.event_id = "E1", "E2", "E3"
    a.sentence, b.sentence, c.sentence = 0, 0, 120  # E1 and E2 in one sentence, E3 in the next
    out = cluster([a, b, c], window=3)
    assert sorted(sorted(m[0].event_id for m in x.members) for x in out) == [["E1", "E2"], ["E3"]]
    other = rep(2, "2021-03-03")  # another article's report still joins the first
    assert len(cluster([a, c, other], window=3)) == 2
