"""`dyads export --format dta`: every table of a corpus store as a Stata file that pandas reads back,
Stata's limits met (names, long strings, lists, datetimes); and the CAMEO actor codes events carry
in every export format. Stores built from hand-made articles (handmade.py)."""
from __future__ import annotations

import csv
import json
import shutil
import subprocess

import pandas as pd
import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from dyads.cli import app
from dyads.store import open_store
from dyads.store.export import EXPORT_TABLES, export
from dyads.store.tables import STATA_NAME_MAX, STATA_STR_MAX, stata_frame, stata_names

from handmade import COAST, ISLES, MONKS, NORTH, article, build

runner = CliRunner()

# a text longer than a Stata str# holds, in bytes but not in characters (é is two bytes)
LONG = "Le général a dit: " + "é" * 1100 + " fin."


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    return build(tmp_path_factory.mktemp("dta") / "s.duckdb", [
        article("d1", [("E1", "A1", "A2", "ASSAULT", -1, {"mode": "aerial", "place": "P1"}),
                       ("E2", "A2", "A4", "COERCE", -1, {"negated": True}),
                       ("E3", "A3", "A1", "SUPPORT", 1, {"claimed_by": "A3"}),
                       ("E4", "A1", "A2", "ASSAULT", -1, {"mode": "firearms"})],
                text=LONG, quotes=[("Q1", "We will not leave; never.", "A1")]),
        article("d2", [("E1", "A3", "A2", "AID", 1, {"mode": "humanitarian", "date": "2024-05"})], date=None),
    ])


def test_every_table_reads_back_from_stata_with_its_rows(db, tmp_path):
    written = export(db, "all", tmp_path / "dta", "dta")
    assert [p.rsplit("/", 1)[1] for p in written] == [t + ".dta" for t in EXPORT_TABLES]
    with open_store(db) as s:
        for table, path in zip(EXPORT_TABLES, written):
            back = pd.read_stata(path)
            assert len(back) == s.sql(f"SELECT count(*) AS n FROM {table}")["n"].iloc[0], table
            assert all(len(c) <= STATA_NAME_MAX for c in back.columns)


def test_events_in_stata_keep_their_keys_codes_and_flags(db, tmp_path):
    (path,) = export(db, "events", tmp_path / "events.dta", "dta")
    ev = pd.read_stata(path).set_index(["doc_id", "event_id"])
    assert ev.loc[("d1", "E1"), ["category", "mode", "source", "target"]].tolist() == ["ASSAULT", "aerial", "A1", "A2"]
    assert ev.loc[("d1", "E1"), ["source_cameo", "target_cameo"]].tolist() == ["NRTREB", "CSTMIL"]
    assert ev.loc[("d1", "E2"), "target_cameo"] == ""        # no code in the kb: Stata's empty string
    assert ev.loc[("d1", "E2"), "negated"] == 1 and ev.loc[("d1", "E1"), "negated"] == 0
    assert ev.loc[("d1", "E1"), "voice"] == "article" and ev.loc[("d1", "E2"), "voice"] == ""
    assert ev.loc[("d2", "E1"), "date"] == "2024-05"          # a partial date stays a string
    assert "end" not in ev.columns and "end_" in ev.columns  # `end` is reserved in Stata
    with pd.io.stata.StataReader(path) as r:
        assert r.variable_labels()["end_"] == "end" and r.data_label == "dyads events"


def test_long_text_lists_and_timestamps_in_stata(db, tmp_path):
    docs = pd.read_stata(export(db, "documents", tmp_path / "docs.dta", "dta")[0]).set_index("doc_id")
    assert len(LONG.encode("utf-8")) > STATA_STR_MAX and docs.loc["d1", "text"] == LONG   # strL, whole
    assert json.loads(docs.loc["d1", "result"])["document"]["id"] == "d1"
    assert pd.api.types.is_datetime64_any_dtype(docs["stored_at"])
    assert docs.loc["d2", "date"] == ""                       # no date: empty, not "None"
    actors = pd.read_stata(export(db, "actors", tmp_path / "actors.dta", "dta")[0])
    north = actors[(actors["doc_id"] == "d1") & (actors["actor_id"] == "A1")].iloc[0]
    assert north["aliases"] == "the militia;Northerners;Northern Militia" and north["cameo"] == "NRTREB"
    rel = pd.read_stata(export(db, "relations", tmp_path / "rel.dta", "dta")[0])
    assert sorted(rel["events"]) == ["E1", "E1;E4", "E3"]       # a relation's event ids, ';'-joined


def test_stata_names_are_legal_unique_and_short():
    names = stata_names(["end", "in", "ok_name", "2nd", "a-b c", "x" * 40, "x" * 33, "é"])
    assert names["end"] == "end_" and names["in"] == "in_" and names["ok_name"] == "ok_name"
    assert names["2nd"] == "_2nd" and names["a-b c"] == "a_b_c" and names["é"] == "_"
    assert len(names["x" * 40]) == len(names["x" * 33]) == STATA_NAME_MAX
    assert len(set(names.values())) == len(names)


def test_a_frame_with_nested_and_missing_values_is_made_writable(tmp_path):
    df = pd.DataFrame({"ids": [["E1", "E2"], []], "d": [{"ASSAULT": 2}, None],
                       "n": pd.array([1, None], dtype="Int32"), "ok": pd.array([True, None], dtype="boolean"),
                       "all_null": [None, None]})
    frame, dates, strl, labels = stata_frame(df)
    assert frame["ids"].tolist() == ["E1;E2", ""] and frame["d"].tolist() == ['{"ASSAULT": 2}', ""]
    assert not dates and not strl and not labels
    path = tmp_path / "f.dta"
    frame.to_stata(path, write_index=False, version=118)
    back = pd.read_stata(path)
    assert back["n"].tolist()[0] == 1 and pd.isna(back["n"].tolist()[1]) and pd.isna(back["ok"].tolist()[1])


def test_events_carry_their_actors_cameo_codes_in_every_table_format(db, tmp_path):
    for fmt in ("csv", "parquet", "jsonl"):
        (path,) = export(db, "events", tmp_path / f"events.{fmt}", fmt)
        if fmt == "csv":
            with open(path, newline="", encoding="utf-8") as f:
                rows = list(csv.DictReader(f))
        elif fmt == "parquet":
            rows = pq.read_table(path).to_pylist()
        else:
            with open(path, encoding="utf-8") as f:
                rows = [json.loads(line) for line in f]
        codes = {(r["doc_id"], r["event_id"]): (r["source_cameo"], r["target_cameo"]) for r in rows}
        empty = "" if fmt == "csv" else None
        assert codes[("d1", "E1")] == ("NRTREB", "CSTMIL"), fmt
        assert codes[("d2", "E1")] == ("ISL", "CSTMIL") and codes[("d1", "E2")] == ("CSTMIL", empty), fmt


def test_cli_exports_a_stata_table_and_refuses_stata_for_the_network(db, tmp_path):
    res = runner.invoke(app, ["export", "--db", db, "--format", "dta", "--table", "events", str(tmp_path / "e.dta")])
    assert res.exit_code == 0, res.output
    assert len(pd.read_stata(tmp_path / "e.dta")) == 5
    res = runner.invoke(app, ["export", "--db", db, "--format", "dta", "--since", "2024", str(tmp_path / "n.dta")])
    assert res.exit_code == 2 and "E111" in res.output
    res = runner.invoke(app, ["export", "--help"])
    assert "dta" in res.output


@pytest.mark.skipif(shutil.which("Rscript") is None, reason="R is not installed (Debian: r-base-core r-cran-haven)")
def test_r_reads_the_stata_file_too(db, tmp_path):
    """Another reader than the writer's own: R's haven (ReadStat)."""
    (path,) = export(db, "events", tmp_path / "events.dta", "dta")
    script = ('if (!requireNamespace("haven", quietly=TRUE)) quit(status=3); d <- haven::read_dta(commandArgs(TRUE)[1]); '
              'cat(nrow(d), attr(d$end_, "label"), d$source_cameo[d$doc_id == "d1" & d$event_id == "E1"], sep="|")')
    res = subprocess.run(["Rscript", "-e", script, str(path)], capture_output=True, text=True, timeout=120)
    if res.returncode == 3:
        pytest.skip("R's haven package is not installed")
    assert res.returncode == 0, res.stderr
    assert res.stdout.strip() == "5|end|NRTREB"
