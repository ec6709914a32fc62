"""Incidents on a corpus written for it (tests/fixtures/incidents/reports.jsonl): twelve short
articles from four outlets telling four happenings on different days, one told again two months
later, one denied in a report, two with death tolls. Ingested with the model, in this process."""
import os
import shutil
import subprocess
import sys

import duckdb
import pytest

pytestmark = pytest.mark.slow

HERE = os.path.dirname(os.path.abspath(__file__))
CORPUS = os.path.join(HERE, "..", "fixtures", "incidents", "reports.jsonl")


def incidents(db):
    con = duckdb.connect(str(db), read_only=True)
    try:
        rows = con.execute("""SELECT i.incident_id, i.category, i.source, i.target, i.date, i.place, i.reports, i.articles,
                                     i.outlets, i.first_reported, i.asserted, i.denied, i.disputed,
                                     i.fatalities_low, i.fatalities_high, i.fatalities_median,
                                     list(r.doc_id ORDER BY r.doc_id) AS docs
                              FROM incidents i JOIN incident_reports r USING (incident_id)
                              GROUP BY ALL ORDER BY docs""").df()
    finally:
        con.close()
    rows["docs"] = [tuple(d) for d in rows["docs"]]
    return rows.astype(object).where(rows.notna(), None)  # null figures as None, comparable


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    from dyads.run.ingest import ingest

    db = tmp_path_factory.mktemp("incidents") / "reports.duckdb"
    report = ingest([CORPUS], db=str(db), processes=1, quiet=True)
    assert report.stored == 12
    return db


def by_docs(df):
    return {d: r for d, r in zip(df["docs"], df.itertuples(index=False))}


def test_four_happenings_and_a_later_one_come_out_as_five_incidents(store):
    got = by_docs(incidents(store))
    assert set(got) == {("inc-a1", "inc-a2", "inc-a3"), ("inc-a4",), ("inc-b1", "inc-b2", "inc-b3"),
                        ("inc-c1", "inc-c2", "inc-c3"), ("inc-d1", "inc-d2")}
    a = got[("inc-a1", "inc-a2", "inc-a3")]
    assert (a.category, a.reports, a.articles, a.outlets) == ("ASSAULT", 3, 3, 3)
    assert a.date == "2021-03-03" and a.first_reported == "2021-03-03" and a.place == "Kobani"


def test_the_death_tolls_of_the_reports_make_a_range(store):
    got = by_docs(incidents(store))
    a = got[("inc-a1", "inc-a2", "inc-a3")]
    assert (a.fatalities_low, a.fatalities_high, a.fatalities_median) == (12, 15, 13.5)
    b = got[("inc-b1", "inc-b2", "inc-b3")]
    assert (b.fatalities_low, b.fatalities_high) == (4, 4)
    d = got[("inc-d1", "inc-d2")]
    assert d.fatalities_high is None  # no report gives one


def test_a_denial_makes_the_incident_disputed(store):
    got = by_docs(incidents(store))
    c = got[("inc-c1", "inc-c2", "inc-c3")]
    assert (c.asserted, c.denied, bool(c.disputed)) == (2, 1, True)
    assert not any(bool(r.disputed) for k, r in got.items() if k != ("inc-c1", "inc-c2", "inc-c3"))


def test_each_report_says_why_it_joined(store):
    con = duckdb.connect(str(store), read_only=True)
    try:
        why = dict(con.execute("SELECT doc_id, why FROM incident_reports").fetchall())
    finally:
        con.close()
    assert why["inc-a1"] == "first report"
    assert why["inc-a3"].startswith("same sides") and "2 days" in why["inc-a3"]


def test_reingesting_adds_nothing(store, tmp_path):
    from dyads.run.ingest import ingest

    copy = tmp_path / "again.duckdb"
    shutil.copy(store, copy)
    before = incidents(copy)
    report = ingest([CORPUS], db=str(copy), processes=1, quiet=True)
    assert report.stored == 0
    assert incidents(copy).to_dict("records") == before.to_dict("records")


def test_building_from_scratch_gives_what_the_increments_gave(store, tmp_path):
    """A changed window redoes every block; back to the default, the incidents are the same."""
    from dyads.store.incident_update import update_incidents
    from dyads.store.incidents import IncidentSettings
    from dyads.store.writer import Store

    copy = tmp_path / "scratch.duckdb"
    shutil.copy(store, copy)
    before = incidents(copy)
    with Store(str(copy)) as s:
        wide = update_incidents(s.con, IncidentSettings.defaults(window_days=120, own_window_days=120))
        assert wide["incidents"] == 4  # two months apart now join
        update_incidents(s.con, IncidentSettings.defaults())
    assert incidents(copy).to_dict("records") == before.to_dict("records")


KILL_IN_INCIDENTS = r"""
import os, signal, sys
import dyads.store.incident_update as iu
real = iu._renumber
def killed(*a, **k):
    real(*a, **k)
    os.kill(os.getpid(), signal.SIGKILL)  # mid-transaction: incidents written, figures not
iu._renumber = killed
from dyads.run.ingest import ingest
ingest([sys.argv[1]], db=sys.argv[2], processes=1, quiet=True)
"""


def test_a_kill_during_the_incident_step_is_completed_by_the_next_run(store, tmp_path):
    from dyads.run.ingest import ingest

    db = tmp_path / "killed.duckdb"
    proc = subprocess.run([sys.executable, "-c", KILL_IN_INCIDENTS, CORPUS, str(db)], capture_output=True, timeout=600)
    assert proc.returncode == -9, proc.stderr.decode()[-2000:]
    report = ingest([CORPUS], db=str(db), processes=1, quiet=True)
    assert report.stored == 0  # the articles were stored before the kill
    assert incidents(db).to_dict("records") == incidents(store).to_dict("records")


def test_acled_csv_has_acleds_columns_and_one_row_an_incident(store, tmp_path):
    import pandas as pd

    from dyads.store.acled import ACLED_COLUMNS
    from dyads.store.export import export

    path = tmp_path / "acled.csv"
    export(str(store), "incidents", str(path), "acled-csv")
    df = pd.read_csv(path, keep_default_na=False)
    assert list(df.columns) == ACLED_COLUMNS and len(df) == 5
    rsf = df[df["actor1"] == "Rapid Support Forces"].iloc[0]
    assert (rsf["event_date"], rsf["year"], rsf["country"], rsf["location"]) == ("2023-06-01", 2023, "Sudan", "El Fasher")
    assert rsf["event_type"] == "Battles" and rsf["interaction"] == 12 and "disputed" in rsf["tags"]
    assert rsf["source"] == "daily-two; evening-four; wire-one"
    kobani = df[(df["location"] == "Kobani") & (df["event_date"] == "2021-03-03")].iloc[0]
    assert kobani["fatalities"] == 12  # the lowest count the reports give, ACLED's conservative rule
    assert "12 to 15" in kobani["notes"] and kobani["iso"] == 760
    filtered = tmp_path / "two.csv"
    export(str(store), "incidents", str(filtered), "acled-csv", min_articles=3)
    assert len(pd.read_csv(filtered)) == 3


@pytest.mark.skipif(shutil.which("Rscript") is None, reason="R is not installed (Debian: r-base-core)")
def test_acled_csv_reads_in_r(store, tmp_path):
    from dyads.store.export import export

    path = tmp_path / "acled.csv"
    export(str(store), "incidents", str(path), "acled-csv")
    out = subprocess.run(["Rscript", "-e", f"d <- read.csv('{path}'); cat(nrow(d), ncol(d), names(d)[1], names(d)[27], "
                          "class(d$fatalities), sep=' ')"], capture_output=True, text=True, timeout=120)
    assert out.stdout.split() == ["5", "27", "event_id_cnty", "timestamp", "integer"], out.stderr


def test_incident_tables_export_to_stata(store, tmp_path):
    import pandas as pd

    from dyads.store.export import export

    written = export(str(store), "incidents", str(tmp_path / "incidents.dta"), "dta")
    back = pd.read_stata(written[0])
    assert len(back) == 5 and {"incident_id", "articles", "disputed"} <= set(back.columns)
