"""`dyads ingest`: a corpus into the store, idempotent, resumable after kill -9, parallel.

The articles are written here (short conflict-news items of our own wording); bad records
sit among them, each matched by its code. Model tests are marked slow."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import types
from pathlib import Path

import duckdb
import pytest
from typer.testing import CliRunner

from dyads.cli import app
from dyads.run import ingest as ingest_mod
from dyads.run.ingest import analyse_batch, ingest, summary
from dyads.run.progress import cheap_total
from dyads.store.schema import DOCUMENT_TABLES

runner = CliRunner()

GOOD = [
    ("a01", "Rebels take hill near Idlib",
     "Syrian rebels said on Tuesday they had captured a hill overlooking the town of Jisr al-Shughur after two days "
     "of fighting with government troops. \"We control the whole ridge now,\" said Abu Khaled, a commander of the Free "
     "Syrian Army. The army denied the claim and said its forces had killed 40 militants in the area."),
    ("a02", "Hezbollah fighters cross into Qusayr",
     "Hezbollah fighters crossed the Lebanese border near Qusayr on Monday to support the Syrian army, residents said. "
     "The opposition National Coalition accused Iran of sending experts to help the regime. A spokesman for the "
     "coalition said more than 300 families had fled the area."),
    ("a03", "Turkey shells Kurdish positions",
     "Turkish artillery shelled positions of the Syrian Democratic Forces near Manbij overnight, the group said on "
     "Wednesday. The SDF said two of its fighters were wounded. Ankara said it was responding to rocket fire from across "
     "the border and warned that it would not tolerate threats to its security."),
    ("a04", "UN calls for ceasefire in Aleppo",
     "The United Nations called on all parties in Aleppo to agree to a 48-hour ceasefire so that aid convoys could "
     "reach about 250,000 people trapped in the eastern districts. Russia said it supported a humanitarian pause but "
     "blamed the rebels for the shelling of western Aleppo."),
    ("a05", "Iraqi militias deploy to Deir ez-Zor",
     "Iraqi Shiite militias have deployed hundreds of fighters to Deir ez-Zor to back government forces against Islamic "
     "State, a monitoring group said. The Syrian Observatory for Human Rights said at least 25 militiamen had been "
     "killed in clashes since Friday."),
    ("a06", "Opposition accuses regime of barrel bombs",
     "Syrian opposition activists accused government helicopters of dropping barrel bombs on the town of Daraya on "
     "Thursday, killing at least 12 civilians. The government said it was targeting terrorists and denied using barrel "
     "bombs. The United States condemned the attack."),
    ("a07", "Jordan arrests smugglers on Syrian border",
     "Jordanian border guards arrested seven men trying to smuggle weapons from Syria on Saturday, the army said in a "
     "statement. The men were handed to the security services for questioning. Jordan has tightened controls on its "
     "northern border since the war began."),
    ("a08", "Israel strikes near Damascus airport",
     "Israeli warplanes struck an arms depot near Damascus airport early on Sunday, the Syrian state news agency said. "
     "Syria said its air defences had shot down several missiles. Israel did not comment, but officials have said they "
     "will stop Iran from sending advanced weapons to Hezbollah."),
    ("a09", "Kurdish and Arab leaders meet in Qamishli",
     "Kurdish and Arab tribal leaders met in Qamishli on Monday and agreed to cooperate against Islamic State, the "
     "Kurdish Democratic Union Party said. The party praised the tribes for their support and promised to share "
     "control of the villages they take."),
    ("a10", "Nusra fighters kidnap aid workers",
     "Fighters from the Nusra Front kidnapped three aid workers near Saraqeb on Tuesday, the Red Crescent said. The "
     "group demanded the release of prisoners held by the government. The Red Crescent appealed for the workers to be "
     "freed unharmed."),
]
FRENCH = ("Le gouvernement syrien a annoncé mardi que les forces de l'opposition avaient quitté la ville. Les habitants "
          "disent que la situation reste très difficile et que les combats continuent dans le nord du pays, selon "
          "plusieurs témoins.")
# line -> code of the bad records that follow the good ones
BAD = {11: "E001", 12: "E008", 13: "E007", 14: "E002", 15: "E003"}
READ_FAILURES = {"E001", "E008", "E002", "E003"}  # found by the readers: no id, keyed by origin


def bad_lines() -> list[bytes]:
    return [
        json.dumps({"id": "empty", "text": "   "}).encode(),
        b'{"id": "broken", "text": "no closing quote}',
        json.dumps({"id": "fr", "text": FRENCH}).encode(),
        json.dumps({"id": "bin", "text": "\x00\x01\x02\x03binary\x00\x00"}).encode(),
        b'{"id": "latin1", "text": "caf\xe9 in Aleppo"}',
    ]


def write_corpus(path: Path, good=GOOD, bad=True) -> Path:
    lines = [json.dumps({"id": i, "title": t, "date": "2016-05-03", "text": x}).encode() for i, t, x in good]
    if bad:
        lines += bad_lines()
    path.write_bytes(b"\n".join(lines) + b"\n")
    return path


SIDES = ["Syrian army", "Free Syrian Army", "Hezbollah", "Islamic State", "Nusra Front", "Syrian Democratic Forces",
         "Turkish army", "Iraqi militias"]
PLACES = ["Aleppo", "Homs", "Hama", "Idlib", "Raqqa", "Daraa", "Palmyra", "Manbij", "Qusayr", "Deir ez-Zor"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def generated(n: int) -> list[tuple[str, str, str]]:
    """n distinct short articles from a template: enough to kill an ingest half way."""
    out = []
    for i in range(n):
        a, b = SIDES[i % len(SIDES)], SIDES[(i * 3 + 1) % len(SIDES)]
        if a == b:
            b = SIDES[(i + 2) % len(SIDES)]
        place, day = PLACES[i % len(PLACES)], DAYS[i % len(DAYS)]
        text = (f"Fighters of the {a} attacked positions held by the {b} near {place} on {day}, a monitoring group "
                f"said. At least {i + 3} people were killed and {2 * i + 10} wounded in the clashes, it said. "
                f"\"We will not leave {place},\" a commander of the {b} told reporters. The {a} said it had taken "
                f"{i % 5 + 2} villages and accused the {b} of shelling civilians. Aid groups said {100 + 7 * i} "
                f"families had fled towards the border since the fighting began.")
        out.append((f"g{i:03d}", f"Clashes near {place} ({i})", text))
    return out


def counts(db) -> dict:
    with duckdb.connect(str(db), read_only=True) as con:
        return {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                for t in (*DOCUMENT_TABLES, "failures", "runs")}


def query(db, sql):
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(sql).fetchall()


def assert_once(db, n):
    """Every document stored exactly once, with each of its items once."""
    assert query(db, "SELECT count(*), count(DISTINCT doc_id) FROM documents") == [(n, n)]
    keys = {"actors": "actor_id", "quotes": "quote_id", "events": "event_id", "quantities": "quantity_id",
            "places": "place_id"}
    for table, key in keys.items():
        dup = query(db, f"SELECT count(*) FROM (SELECT doc_id, {key} FROM {table} GROUP BY ALL HAVING count(*) > 1)")
        assert dup == [(0,)], table
    # the tables agree with the contract JSON kept with each document
    for table, field in (("actors", "actors"), ("quotes", "quotes"), ("events", "events"),
                         ("quantities", "quantities"), ("places", "places"), ("relations", "relations")):
        expected = sum(len(json.loads(r[0])[field]) for r in query(db, "SELECT result FROM documents"))
        assert query(db, f"SELECT count(*) FROM {table}") == [(expected,)], table


# ---------------------------------------------------------------- without the model


def test_unreadable_records_are_failures_by_origin_and_recorded_once(tmp_path):
    corpus = tmp_path / "bad.jsonl"
    corpus.write_bytes(b"\n".join(line for line in bad_lines() if b'"fr"' not in line) + b"\n")
    db = tmp_path / "c.duckdb"
    for _ in range(2):  # nothing to analyse: the model is never loaded
        report = ingest([str(corpus)], db=str(db), processes=1, quiet=True)
        assert (report.stored, report.unchanged, report.failed) == (0, 0, 4)
    assert sorted(query(db, "SELECT code FROM failures")) == sorted((c,) for c in READ_FAILURES)
    assert query(db, "SELECT count(*) FROM failures WHERE doc_id IS NULL") == [(4,)]
    assert query(db, "SELECT status, failed FROM runs ORDER BY started") == [("done", 4), ("done", 4)]


def test_a_store_held_by_another_process_is_E107(tmp_path):
    db = tmp_path / "c.duckdb"
    holder = subprocess.Popen([sys.executable, "-c", f"import duckdb, time; c = duckdb.connect({str(db)!r}); "
                               "print('ready', flush=True); time.sleep(60)"], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "ready"
        corpus = write_corpus(tmp_path / "c.jsonl", good=[], bad=True)
        res = runner.invoke(app, ["ingest", str(corpus), "--db", str(db), "-q"])
        assert res.exit_code == 2
        assert "E107" in res.stderr
    finally:
        holder.kill()
        holder.wait()


def test_dask_options_dispatch_to_the_distributed_backend(tmp_path, monkeypatch):
    calls = []
    answer = {"stored": 3, "unchanged": 1, "failed": 2}

    def ingest_dask(paths, **kw):
        calls.append((paths, kw))
        return dict(answer)

    monkeypatch.setitem(sys.modules, "dyads.run.distributed", types.SimpleNamespace(ingest_dask=ingest_dask))
    res = runner.invoke(app, ["ingest", "x.jsonl", "--db", str(tmp_path / "d.duckdb"), "--dask-local", "2",
                              "--batch-size", "8", "--force"])
    assert res.exit_code == 1  # two failed
    assert "3 stored, 1 unchanged, 2 failed" in res.stderr
    (paths, kw), = calls
    assert paths == ["x.jsonl"]
    assert kw["local_workers"] == 2 and kw["scheduler"] is None and kw["batch_size"] == 8 and kw["force"] is True
    assert kw["db"] == str(tmp_path / "d.duckdb")
    calls.clear()
    answer["failed"] = 0
    res = runner.invoke(app, ["ingest", "x.jsonl", "--scheduler", "tcp://h:8786", "-q"])
    assert res.exit_code == 0 and res.stderr == ""
    assert calls[0][1]["scheduler"] == "tcp://h:8786" and calls[0][1]["quiet"] is True


def test_summary_line():
    line = summary({"stored": 5, "unchanged": 2, "failed": 1, "replaced": 1, "seconds": 2.0,
                    "failures_by_code": {"E007": 1}})
    assert line.startswith("5 stored, 2 unchanged, 1 failed (1 replaced)")
    assert "E007 x1" in line


def test_cheap_total_counts_json_lines_and_files(tmp_path):
    write_corpus(tmp_path / "a.jsonl")
    (tmp_path / "b.txt").write_text("One article.")
    assert cheap_total([str(tmp_path / "a.jsonl"), str(tmp_path / "b.txt")]) == len(GOOD) + len(BAD) + 1
    assert cheap_total(["-"]) is None


# ---------------------------------------------------------------- with the model


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    return write_corpus(tmp_path_factory.mktemp("corpus") / "news.jsonl")


@pytest.fixture(scope="module")
def stored_once(corpus, tmp_path_factory):
    """The small corpus ingested once in-process: (db, report)."""
    db = tmp_path_factory.mktemp("store") / "c.duckdb"
    report = ingest([str(corpus)], db=str(db), processes=1, batch_size=4, quiet=True)
    return db, report


@pytest.mark.slow
def test_ingest_stores_every_good_document_and_records_the_bad(stored_once):
    db, report = stored_once
    assert (report.stored, report.unchanged, report.failed) == (len(GOOD), 0, len(BAD))
    assert report.failures_by_code == {code: 1 for code in BAD.values()}
    c = counts(db)
    assert c["documents"] == len(GOOD) and c["runs"] == 1 and c["failures"] == len(BAD)
    assert c["actors"] > len(GOOD) and c["events"] > 0 and c["quotes"] > 0 and c["quantities"] > 0
    assert_once(db, len(GOOD))
    failures = query(db, "SELECT origin, code, doc_id FROM failures")
    assert sorted((int(o.rsplit(":", 1)[1]), code) for o, code, _ in failures) == sorted(BAD.items())
    assert [d for _, code, d in failures if code == "E007"] == ["fr"]  # analysed: its id is known
    assert query(db, "SELECT DISTINCT pipeline FROM documents") == [(report.pipeline,)]
    assert query(db, "SELECT status, stored, unchanged, failed FROM runs") == [("done", len(GOOD), 0, len(BAD))]


@pytest.mark.slow
def test_a_second_ingest_adds_nothing(corpus, stored_once, tmp_path):
    db0, _ = stored_once
    db = tmp_path / "again.duckdb"
    db.write_bytes(db0.read_bytes())
    before = counts(db)
    res = runner.invoke(app, ["ingest", str(corpus), "--db", str(db), "--processes", "1"])
    assert res.exit_code == 1  # the bad records are still bad
    assert f"0 stored, {len(GOOD)} unchanged, {len(BAD)} failed" in res.stderr
    after = counts(db)
    assert after == {**before, "runs": 2}
    runs = query(db, "SELECT stored, unchanged, failed, status FROM runs ORDER BY started")
    assert runs[1] == (0, len(GOOD), len(BAD), "done")
    assert_once(db, len(GOOD))


@pytest.mark.slow
def test_a_newer_pipeline_or_force_replaces_the_rows(corpus, tmp_path, monkeypatch):
    db = tmp_path / "c.duckdb"
    monkeypatch.setattr(ingest_mod, "pipeline_version", lambda: "0.0.1+old")
    ingest([str(corpus)], db=str(db), processes=1, quiet=True)
    old = counts(db)
    monkeypatch.undo()
    report = ingest([str(corpus)], db=str(db), processes=1, quiet=True)
    assert (report.stored, report.replaced, report.unchanged) == (len(GOOD), len(GOOD), 0)
    assert query(db, "SELECT DISTINCT pipeline FROM documents") == [(report.pipeline,)]
    assert counts(db) == {**old, "runs": 2}  # replaced, not added
    forced = ingest([str(corpus)], db=str(db), processes=1, quiet=True, force=True)
    assert (forced.stored, forced.replaced, forced.unchanged) == (len(GOOD), len(GOOD), 0)
    assert query(db, f"SELECT count(*) FROM documents WHERE run_id = '{forced.run_id}'") == [(len(GOOD),)]
    assert_once(db, len(GOOD))


@pytest.mark.slow
def test_a_stored_document_whose_new_version_fails_is_kept(corpus, tmp_path, monkeypatch):
    db = tmp_path / "c.duckdb"
    monkeypatch.setattr(ingest_mod, "pipeline_version", lambda: "0.0.1+old")
    ingest([str(corpus)], db=str(db), processes=1, quiet=True)
    old = query(db, "SELECT result FROM documents WHERE doc_id = 'a01'")
    monkeypatch.undo()
    from dyads.nlp.quotes import QuotesComponent

    original = QuotesComponent.__call__

    def fragile(self, doc):
        if "Abu Khaled" in doc.text:  # a01 only
            raise RuntimeError("simulated failure")
        return original(self, doc)

    monkeypatch.setattr(QuotesComponent, "__call__", fragile)
    report = ingest([str(corpus)], db=str(db), processes=1, quiet=True)
    monkeypatch.undo()
    assert report.stored == len(GOOD) - 1 and report.failed == len(BAD) + 1
    assert query(db, "SELECT pipeline FROM documents WHERE doc_id = 'a01'") == [("0.0.1+old",)]
    assert query(db, "SELECT result FROM documents WHERE doc_id = 'a01'") == old
    assert query(db, "SELECT code FROM failures WHERE doc_id = 'a01'") == [("E200",)]
    assert_once(db, len(GOOD))
    # the same text with the same pipeline would fail again: not retried, still counted
    report = ingest([str(corpus)], db=str(db), processes=1, quiet=True)
    assert (report.stored, report.unchanged, report.failed) == (0, len(GOOD) - 1, len(BAD) + 1)
    assert query(db, "SELECT pipeline FROM documents WHERE doc_id = 'a01'") == [("0.0.1+old",)]
    # --force tries again: once it analyses, the document is replaced and its failure goes
    report = ingest([str(corpus)], db=str(db), processes=1, quiet=True, force=True)
    assert report.stored == len(GOOD) and report.replaced == len(GOOD)
    assert query(db, "SELECT count(*) FROM failures WHERE doc_id = 'a01'") == [(0,)]


def rows_of(db) -> dict:
    """Every document table's rows, without what says when or by which run they were written."""
    out = {}
    with duckdb.connect(str(db), read_only=True) as con:
        for t in DOCUMENT_TABLES:
            cols = [c for c, in con.execute(f"SELECT column_name FROM (DESCRIBE {t})").fetchall()
                    if c not in ("run_id", "stored_at")]
            select = ", ".join(f'"{c}"' for c in cols)
            out[t] = sorted(map(repr, con.execute(f"SELECT {select} FROM {t}").fetchall()))
    return out


@pytest.mark.slow
def test_two_processes_store_the_same_rows_as_one(corpus, stored_once, tmp_path):
    db1, _ = stored_once
    db2 = tmp_path / "p2.duckdb"
    report = ingest([str(corpus)], db=str(db2), processes=2, batch_size=3, quiet=True)
    assert (report.stored, report.failed) == (len(GOOD), len(BAD))
    assert rows_of(db2) == rows_of(db1)
    assert sorted(query(db2, "SELECT origin, code FROM failures")) == sorted(query(db1, "SELECT origin, code FROM failures"))


def crash_on_a05(analyzer, batch, pipeline, run_id):
    """Kills its worker process when given a05 (as the OOM killer would)."""
    if any(a.id == "a05" for a in batch):
        os._exit(9)
    return analyse_batch(analyzer, batch, pipeline, run_id)


@pytest.mark.slow
def test_a_document_that_kills_its_worker_is_E201_and_the_rest_is_stored(corpus, tmp_path):
    db = tmp_path / "c.duckdb"
    report = ingest([str(corpus)], db=str(db), processes=2, batch_size=2, quiet=True, _analyse=crash_on_a05)
    assert report.stored == len(GOOD) - 1
    assert query(db, "SELECT code FROM failures WHERE doc_id = 'a05'") == [("E201",)]
    assert_once(db, len(GOOD) - 1)


@pytest.mark.slow
def test_repeated_documents_are_stored_once_and_the_later_text_wins(tmp_path):
    changed = [("a03", "Changed", GOOD[2][2].replace("two of its fighters", "four of its fighters"))]
    corpus = write_corpus(tmp_path / "rep.jsonl", good=GOOD[:4] + GOOD[:4] + changed, bad=False)
    db = tmp_path / "c.duckdb"
    report = ingest([str(corpus)], db=str(db), processes=2, batch_size=2, quiet=True)
    assert report.stored + report.duplicates == 9 and report.failed == 0
    assert_once(db, 4)
    assert query(db, "SELECT title FROM documents WHERE doc_id = 'a03'") == [("Changed",)]
    for processes in (1, 2):  # and again: nothing changes, whatever order the workers finish in
        again = ingest([str(corpus)], db=str(db), processes=processes, batch_size=2, quiet=True)
        assert (again.stored, again.failed, again.unchanged + again.duplicates) == (0, 0, 9), again
        assert query(db, "SELECT title FROM documents WHERE doc_id = 'a03'") == [("Changed",)]


@pytest.mark.slow
def test_kill_9_then_run_again_stores_every_document_exactly_once(tmp_path):
    n = 200
    corpus = write_corpus(tmp_path / "big.jsonl", good=generated(n), bad=False)
    db = tmp_path / "c.duckdb"
    cmd = [sys.executable, "-m", "dyads", "ingest", str(corpus), "--db", str(db), "--processes", "1",
           "--batch-size", "4"]
    proc = subprocess.Popen(cmd, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True)
    try:
        deadline = time.monotonic() + 120
        for line in proc.stderr:  # a status line follows each commit (at most every few seconds)
            if line.startswith("ingest:") and int(line.split()[1]) > 0:
                break
            assert time.monotonic() < deadline, "no progress"
        proc.send_signal(signal.SIGKILL)
    finally:
        proc.kill()
        proc.wait()
    partial = query(db, "SELECT count(*) FROM documents")[0][0]
    assert 0 < partial < n, "the kill should land half way"
    assert query(db, "SELECT status FROM runs") == [("running",)]  # killed: never finished
    assert_once(db, partial)
    res = subprocess.run(cmd + ["-q"], capture_output=True, text=True, timeout=600)
    assert res.returncode == 0, res.stderr
    assert_once(db, n)
    runs = query(db, "SELECT status, stored, unchanged FROM runs ORDER BY started")
    assert runs[0][0] == "interrupted"
    assert runs[1] == ("done", n - partial, partial)


def _article(doc_id: str, text: str, count: str) -> "ArticleResult":
    from dyads.model import ArticleResult, Document, Quantity

    result = ArticleResult(document=Document(id=doc_id, title=text[:20], chars=len(text), sha256=text[:8]))
    at = text.index(count)
    result.quantities.append(Quantity(id="n1", text=count, start=at, end=at + len(count), value=float(count)))
    result.text = text
    return result


def test_the_writer_keeps_the_last_of_a_repeated_document_in_one_batch(tmp_path):
    """The writer itself, not ingest's de-duplication: the same id twice in one write is
    stored once, with the later text and the later rows in every table."""
    from dyads.store.writer import Store

    first = _article("w1", "Shelling hit 12 houses in the old town.", "12")
    second = _article("w1", "Shelling hit 19 houses in the old town on Friday.", "19")
    other = _article("w2", "Police detained 4 men at the crossing.", "4")
    db = tmp_path / "w.duckdb"
    with Store(str(db)) as store:
        assert store.write([first, other, second], None, pipeline="test") == 2
    assert query(db, "SELECT doc_id, text FROM documents ORDER BY doc_id") == [
        ("w1", second.text), ("w2", other.text)]
    assert query(db, "SELECT doc_id, value FROM quantities ORDER BY doc_id") == [("w1", 19.0), ("w2", 4.0)]
    # and the other order: the first written is replaced by the last, not kept
    with Store(str(db)) as store:
        store.write([second, first], None, pipeline="test")
    assert query(db, "SELECT text FROM documents WHERE doc_id = 'w1'") == [(first.text,)]
    assert query(db, "SELECT value FROM quantities WHERE doc_id = 'w1'") == [(12.0,)]
