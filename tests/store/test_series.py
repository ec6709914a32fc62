"""`dyads query series`: counts per dyad, actor or country per period, cooperative and conflictual
apart, with the intensity of kb/intensity.yaml; the events counted are exactly those the network
counts. A hand-made store (handmade.py) whose events cover each reason an event does or does not
count, and each way it is dated."""
from __future__ import annotations

import csv
import json
import math

import pytest
import yaml
from typer.testing import CliRunner

from dyads import kb
from dyads.cli import app
from dyads.errors import DyadsError
from dyads.model import PLOVER
from dyads.store import open_store
from dyads.store.series import intensity, intensity_table, period, series, series_query

from handmade import article, build

runner = CliRunner()

# s1 is dated Monday 2024-06-03, s2 Wednesday 2024-06-05, s3 not at all
ARTICLES = [
    article("s1", [
        ("E1", "A1", "A2", "ASSAULT", -1, {"mode": "aerial", "place": "P1"}),     # counts: -10
        ("E2", "A1", "A2", "ASSAULT", -1, {"date": "2024-05-30", "place": "P2"}),  # its own date; -9
        ("E3", "A1", "A2", "ASSAULT", -1, {"claimed_by": "A3"}),                   # a third party's claim: no
        ("E4", "A2", "A1", "ACCUSE", -1, {"negated": True}),                       # denied: no
        ("E5", "A3", "A2", "AID", 1, {"mode": "humanitarian", "claimed_by": "A3"}),  # the giver's own claim: 7.5
        ("E6", "A2", "A1", "THREATEN", -1, {"modality": "future"}),                # not yet: no
        ("E7", "A1", "A1", "ASSAULT", -1, {}),                                     # one actor at both ends: no
        ("E8", "A3", "A4", "CONSULT", 0, {"mode": "visit"}),                       # neither: 1.5
    ], date="2024-06-03"),
    article("s2", [
        ("E1", "A1", "A2", "ASSAULT", -1, {"date": "2024"}),                       # a year only
        ("E2", "A2", "A1", "RETREAT", 1, {"mode": "ceasefire"}),                   # 9
    ], date="2024-06-05", source="Courier"),
    article("s3", [
        ("E1", "A1", "A2", "ASSAULT", -1, {}),                                     # undated
        ("E2", "A1", "A2", "ASSAULT", -1, {"date": "2024-06-04"}),
    ], date=None),
]


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    return build(tmp_path_factory.mktemp("series") / "s.duckdb", ARTICLES)


@pytest.fixture
def store(db):
    with open_store(db) as s:
        yield s


def none(v):
    """A missing cell (None, NaN) as None."""
    return None if v is None or (isinstance(v, float) and math.isnan(v)) else v


def rows(df, *keys):
    return {tuple(none(r[k]) for k in keys): r for r in df.to_dict("records")}


def test_a_dyad_per_month_counts_what_the_network_counts(store):
    df = series(store)
    r = rows(df, "source", "target", "period")
    mm = r[("Northern Militia", "Coastal Army", "2024-06-01")]
    assert (mm["events"], mm["articles"], mm["conflictual"], mm["intensity"]) == (2, 2, 2, -19.0)   # s1 E1, s3 E2
    assert (mm["source_cameo"], mm["target_cameo"]) == ("NRTREB", "CSTMIL")
    assert r[("Northern Militia", "Coastal Army", "2024-05-01")]["events"] == 1                    # s1 E2's own date
    undated = r[("Northern Militia", "Coastal Army", None)]                                        # a year; no date
    assert (undated["events"], undated["articles"]) == (2, 2)
    aid = r[("Island Republic", "Coastal Army", "2024-06-01")]
    assert (aid["cooperative"], aid["intensity"], aid["intensity_cooperative"]) == (1, 7.5, 7.5)
    visit = r[("Island Republic", "Hill Monks", "2024-06-01")]
    assert (visit["neutral"], visit["cooperative"], visit["conflictual"], visit["intensity"]) == (1, 0, 0, 1.5)
    assert none(visit["target_cameo"]) is None                                                     # no code known
    assert r[("Coastal Army", "Northern Militia", "2024-06-01")]["intensity"] == 9.0              # a ceasefire
    # the busiest dyad first, its periods in order, the undated row last
    assert list(df["source"][:3]) == ["Northern Militia"] * 3 and [none(p) for p in df["period"][:3]] == ["2024-05-01", "2024-06-01", None]
    for own in (False, True):
        assert series(store, include_claimed=not own)["events"].sum() == store.network(include_claimed=not own)["weight"].sum()
    assert series(store)["events"].sum() == 8 and series(store, include_claimed=False)["events"].sum() == 7


def test_weeks_start_on_monday_and_days_need_a_full_date(store):
    w = rows(series(store, every="week"), "source", "target", "period")
    assert w[("Northern Militia", "Coastal Army", "2024-06-03")]["events"] == 2
    assert w[("Northern Militia", "Coastal Army", "2024-05-27")]["events"] == 1
    d = rows(series(store, every="day"), "source", "target", "period")
    assert d[("Northern Militia", "Coastal Army", "2024-06-04")]["events"] == 1
    assert d[("Northern Militia", "Coastal Army", None)]["events"] == 2
    y = rows(series(store, every="year"), "source", "target", "period")
    assert y[("Northern Militia", "Coastal Army", "2024-01-01")]["events"] == 4        # the year-only date too


@pytest.mark.parametrize("date,every,expected", [
    ("2024-06-05", "day", "2024-06-05"), ("2024-06-05", "week", "2024-06-03"), ("2024-06-09", "week", "2024-06-03"),
    ("2024-06-10", "week", "2024-06-10"), ("2024-06-05", "month", "2024-06-01"), ("2024-06", "month", "2024-06-01"),
    ("2024-06", "day", None), ("2024", "month", None), ("2024", "year", "2024-01-01"), (None, "year", None),
    ("2024-02-30", "day", None), ("2021-01-01", "week", "2020-12-28"),
])
def test_periods(date, every, expected):
    assert period(date, every) == expected


def test_actors_count_both_ends_and_countries_where_it_happened(store):
    a = rows(series(store, by="actor"), "actor", "period")
    north = a[("Northern Militia", "2024-06-01")]
    assert (north["events"], north["acted"], north["received"], north["cameo"]) == (3, 2, 1, "NRTREB")
    everyone = series(store, by="actor")
    assert everyone["events"].sum() == 2 * series(store)["events"].sum()
    only = series(store, by="actor", actor="the militia")
    assert set(only["actor"]) == {"Northern Militia"} and only["events"].sum() == 6
    c = series(store, by="country", every="year")
    by_country: dict = {}
    for r in c.to_dict("records"):
        by_country[none(r["country"])] = by_country.get(none(r["country"]), 0) + r["events"]
    assert by_country == {"CST": 1, "ISL": 1, None: 6}


def test_filters_are_the_other_queries(store):
    assert set(series(store, category="assault")["source"]) == {"Northern Militia"}
    assert series(store, category="ASSAULT")["events"].sum() == 5
    courier = series(store, source="Courier")
    assert courier["events"].sum() == 2
    assert series(store, since="2024-06")["events"].sum() == 6           # s1 E2 (May) and s3 E1 (undated) out
    assert series(store, until="2024-05")["events"].sum() == 2           # s1 E2 and the year-only 2024
    assert series(store, speaker="Island Republic")["events"].sum() == 1  # its own claim counts; its claim on others not
    assert series(store, actor="Hill Monks")["events"].sum() == 1
    assert list(series(store, limit=2)["period"]) == ["2024-05-01", "2024-06-01"]
    assert series(store, actor="nobody at all").empty


def test_bad_options_are_coded_errors(store):
    for kw in ({"by": "region"}, {"every": "fortnight"}):
        with pytest.raises(DyadsError) as err:
            series(store, **kw)
        assert err.value.code == "E110"
    with pytest.raises(DyadsError) as err:
        series_query(store, min_weight=2)
    assert err.value.code == "E111" and "--min-weight" in str(err.value)
    with pytest.raises(DyadsError) as err:
        series(store, since="June")
    assert err.value.code == "E109"
    assert series_query(store, own=True)["events"].sum() == 7


def test_cli_series_in_every_format(db):
    res = runner.invoke(app, ["query", "series", "--db", db, "--by", "actor", "--every", "week", "--format", "csv"])
    assert res.exit_code == 0, res.output
    got = list(csv.DictReader(res.stdout.splitlines()))
    assert {"actor", "cameo", "period", "events", "cooperative", "conflictual", "intensity"} <= set(got[0])
    res = runner.invoke(app, ["query", "series", "--db", db, "--format", "json", "--own", "-c", "AID"])
    assert res.exit_code == 0, res.output and json.loads(res.stdout) == []
    res = runner.invoke(app, ["query", "series", "--db", db])
    assert res.exit_code == 0 and "Northern Militia" in res.stdout
    res = runner.invoke(app, ["query", "network", "--db", db, "--by", "actor"])
    assert res.exit_code == 2 and "E111" in res.output
    res = runner.invoke(app, ["query", "series", "--db", db, "--every", "fortnight"])
    assert res.exit_code == 2 and "E110" in res.output
    res = runner.invoke(app, ["query", "--help"])
    assert "--every" in res.output and "series" in res.output


# ---------------------------------------------------------------- the intensity table

COOPERATIVE = {"AGREE", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT"}
NEITHER = {"CONSULT", "REQUEST"}


def test_every_category_has_a_score_whose_sign_is_its_polarity():
    table = intensity_table()
    assert set(table) == set(PLOVER)
    for cat, (score, modes) in table.items():
        for x in [score, *modes.values()]:
            assert -10 <= x <= 10, cat
            if cat in COOPERATIVE:
                assert x > 0, cat
            elif cat in NEITHER:
                assert -2 <= x <= 2, cat
            else:
                assert x < 0, cat


def test_deeds_weigh_more_than_words_and_modes_move_a_score():
    assert intensity("ASSAULT") < intensity("COERCE") < intensity("THREATEN") < intensity("ACCUSE") < 0
    assert intensity("AID") > intensity("SUPPORT") > 0
    assert intensity("ASSAULT", "aerial") < intensity("ASSAULT", "beat") < intensity("ASSAULT", "crowd-control")
    assert intensity("ASSAULT", "no-such-mode") == intensity("ASSAULT") == intensity("ASSAULT", None)
    assert math.isnan(intensity("FIGHT"))


def test_every_mode_the_trigger_lexicons_give_has_its_own_score():
    """A mode the lexicons code (the generated TSV, the curated YAML, and the modes code sets)
    must be in the table, else its events silently take the category's score."""
    pairs = {("ACCUSE", "allege"), ("SUPPORT", "alignment"), ("ACCUSE", "alignment")}   # set in nlp/events code
    with open(kb.path("triggers_generated.tsv"), encoding="utf-8") as f:
        for line in f:
            if line.strip() and not line.startswith(("#", "&", "@")):
                cells = [c.strip() for c in line.rstrip("\n").split("\t")] + [""] * 10
                if cells[6] in PLOVER and cells[7]:
                    pairs.add((cells[6], cells[7]))
    with open(kb.path("triggers_curated.yaml"), encoding="utf-8") as f:
        curated = yaml.safe_load(f)
    for item in (curated.get("verbs") or []) + (curated.get("nouns") or []):
        if item.get("mode"):
            pairs.add((item["cat"], item["mode"]))
        for fb in item.get("fallback") or []:
            if "/" in str(fb):
                pairs.add(tuple(str(fb).split("/", 1)))
    table = intensity_table()
    assert sorted(p for p in pairs if p[0] in table and p[1] not in table[p[0]][1]) == []


@pytest.fixture
def overlay(tmp_path, monkeypatch):
    def clear():
        kb.data.cache_clear()
        intensity_table.cache_clear()

    monkeypatch.setenv(kb.OVERLAY_ENV, str(tmp_path))
    clear()
    yield tmp_path
    monkeypatch.delenv(kb.OVERLAY_ENV)
    clear()


def test_a_users_overlay_changes_a_score_and_a_bad_one_is_a_coded_error(overlay):
    (overlay / "intensity.yaml").write_text("ASSAULT:\n  modes: {aerial: -8.5}\n", encoding="utf-8")
    assert intensity("ASSAULT", "aerial") == -8.5 and intensity("ASSAULT", "firearms") == -9.5
    intensity_table.cache_clear()
    kb.data.cache_clear()
    (overlay / "intensity.yaml").write_text("AID:\n  score: 12\n", encoding="utf-8")
    with pytest.raises(DyadsError) as err:
        intensity("AID")
    assert err.value.code == "E113" and "intensity.yaml" in str(err.value) and "AID" in str(err.value)
