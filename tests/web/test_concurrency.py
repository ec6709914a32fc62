"""Browsing while a corpus grows: `dyads serve` and `dyads ingest` on one store at once.

DuckDB lets one process write a file or many read it, never both; the ingest holds the file
only while it writes a batch and readers only for a request (store/locks.py). Also: any
document id round-trips through the web's URLs, the Host check parses host[:port] strictly,
and a 503 says nothing of paths, PIDs or the interpreter.
"""
from __future__ import annotations

import asyncio
import json
import os
import re
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import duckdb
import httpx
import pytest

from dyads.errors import DyadsError
from dyads.model import ArticleResult, Document
from dyads.store import Store
from dyads.store.corpus import rebuild_corpus
from dyads.run.ingest import ingest
from dyads.store.locks import IngestLock, connect_reader
from dyads.web import create_app
from dyads.web.context import actor_href, article_href
from dyads.web.store import WebStore

BASE = "http://127.0.0.1"
SRC = str(Path(__file__).resolve().parents[2] / "src")


def fetch(app, paths, headers=None) -> list[httpx.Response]:
    async def run():
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url=BASE, timeout=120) as client:
            return [await client.get(p, headers=headers) for p in paths]

    return asyncio.run(run())


def article(doc_id: str, text: str, title: str) -> ArticleResult:
    r = ArticleResult(document=Document(id=doc_id, title=title, chars=len(text), sha256=f"sha-{doc_id}"))
    r.text = text
    return r


def build(path: Path, results) -> str:
    with Store(str(path)) as st:
        st.write(results, st.start_run("test", [], "t"))
        rebuild_corpus(st)
    return str(path)


def texts(n: int, start: int = 0) -> list[tuple[str, str, str]]:
    """n distinct short war reports (id, title, text)."""
    sides = ["the border guards", "the hill brigade", "the river militia", "the northern army", "the city police"]
    out = []
    for i in range(start, start + n):
        a, b = sides[i % 5], sides[(i + 2) % 5]
        out.append((f"w{i:03d}", f"Report {i}",
                    f"Fighters of {a} attacked {b} near the old mill on day {i}, a monitor said. At least {i + 2} "
                    f"people were killed, and {a} accused {b} of shelling the market."))
    return out


def write_jsonl(path: Path, items) -> Path:
    with open(path, "w", encoding="utf-8") as f:
        for doc_id, title, text in items:
            f.write(json.dumps({"id": doc_id, "title": title, "text": text}) + "\n")
    return path


def fake_analyse(analyzer, batch, pipeline, run_id):
    """What a worker returns for a batch, without spaCy: each article with no items."""
    from dyads.run.workers import sha_of
    from dyads.store.writer import result_rows

    rows = []
    for a in batch:
        r = ArticleResult(document=Document(id=a.id, title=a.title, chars=len(a.text), sha256=sha_of(a.text)))
        rows.append(result_rows(r, a.text, pipeline, run_id))
    return rows, []


@pytest.fixture(autouse=True)
def no_model(monkeypatch):
    """In-process ingests here analyse with `fake_analyse`: no pipeline to load."""
    monkeypatch.setattr("dyads.run.workers.Config.analyzer", lambda self: None)


# a process reading the store the way the web does, from 4 threads, until told to stop
READER = textwrap.dedent("""
    import sys, threading, time
    sys.path.insert(0, {src!r})
    from dyads.store.locks import connect_reader
    db, stop, hold = sys.argv[1], sys.argv[2], float(sys.argv[3])
    import os
    errors, reads = [], [0]
    def loop():
        while not os.path.exists(stop):
            try:
                con = connect_reader(db, wait=30)
                con.execute("SELECT count(*) FROM documents").fetchall()
                time.sleep(hold)
                con.close()
                reads[0] += 1
            except Exception as exc:
                errors.append(repr(exc))
    threads = [threading.Thread(target=loop) for _ in range(4)]
    print("ready", flush=True)
    [t.start() for t in threads]
    [t.join() for t in threads]
    print(reads[0], len(errors), errors[:3], flush=True)
""")


def start_reader(tmp_path, db, hold: float):
    stop = tmp_path / "stop"
    proc = subprocess.Popen([sys.executable, "-c", READER.format(src=SRC), str(db), str(stop), str(hold)],
                            stdout=subprocess.PIPE, text=True)
    assert proc.stdout.readline().strip() == "ready"
    return proc, stop


def stop_reader(proc, stop) -> tuple[int, int, str]:
    stop.touch()
    out, _ = proc.communicate(timeout=60)
    reads, errors, rest = out.strip().split(" ", 2)
    return int(reads), int(errors), rest


# ---------------------------------------------------------------- writers and readers


def test_an_ingest_completes_while_readers_keep_reading(tmp_path):
    db = tmp_path / "c.duckdb"
    build(db, [article("seed", "A seed report.", "Seed")])
    corpus = write_jsonl(tmp_path / "c.jsonl", texts(40))
    proc, stop = start_reader(tmp_path, db, hold=0.05)  # a steady stream of overlapping reads
    try:
        t = time.monotonic()
        report = ingest([str(corpus)], db=str(db), processes=1, batch_size=4, quiet=True, commit_seconds=0.0,
                        _analyse=fake_analyse)
        took = time.monotonic() - t
    finally:
        reads, errors, detail = stop_reader(proc, stop)
    assert (report.stored, report.failed) == (40, 0)
    assert took < 60, f"the ingest waited {took:.0f} s for readers"
    assert reads > 0 and errors == 0, detail  # readers were served all along, none refused
    with duckdb.connect(str(db), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM documents").fetchone()[0] == 41
        assert con.execute("SELECT status FROM runs WHERE command = 'ingest'").fetchall() == [("done",)]


def test_a_reader_that_never_lets_go_makes_the_ingest_give_up_with_E112(tmp_path, monkeypatch):
    db = tmp_path / "c.duckdb"
    build(db, [article("seed", "A seed report.", "Seed")])
    corpus = write_jsonl(tmp_path / "c.jsonl", texts(3))
    holder = subprocess.Popen([sys.executable, "-c", f"import duckdb, time; c = duckdb.connect({str(db)!r}, read_only=True); "
                               "print('ready', flush=True); time.sleep(60)"], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "ready"
        monkeypatch.setenv("DYADS_LOCK_TIMEOUT", "1")
        t = time.monotonic()
        with pytest.raises(DyadsError) as err:
            ingest([str(corpus)], db=str(db), processes=1, quiet=True, _analyse=fake_analyse)
        assert err.value.code == "E112"
        assert 1 <= time.monotonic() - t < 30
    finally:
        holder.kill()
        holder.wait()
    # the holder gone, the same ingest goes through: the ingest lock was given back
    report = ingest([str(corpus)], db=str(db), processes=1, quiet=True, _analyse=fake_analyse)
    assert report.stored == 3


def test_a_second_ingest_is_refused_and_a_killed_ones_lock_is_not_stale(tmp_path):
    db = tmp_path / "c.duckdb"
    build(db, [article("seed", "A seed report.", "Seed")])
    corpus = write_jsonl(tmp_path / "c.jsonl", texts(2))
    code = (f"import sys, time; sys.path.insert(0, {SRC!r}); from dyads.store.locks import IngestLock; "
            f"l = IngestLock({str(db)!r}).acquire(); print('ready', flush=True); time.sleep(60)")
    holder = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "ready"
        with pytest.raises(DyadsError) as err:
            ingest([str(corpus)], db=str(db), processes=1, quiet=True, _analyse=fake_analyse)
        assert err.value.code == "E107"
        assert str(holder.pid) in str(err.value)
        # the store itself is free meanwhile: readers are not locked out by the ingest lock
        connect_reader(str(db), wait=0).close()
    finally:
        holder.send_signal(signal.SIGKILL)
        holder.wait()
    # killed with -9: the kernel dropped its lock; the file with the dead PID stays and is no obstacle
    assert os.path.exists(str(db) + ".ingest.lock")
    assert ingest([str(corpus)], db=str(db), processes=1, quiet=True, _analyse=fake_analyse).stored == 2


def test_the_ingest_lock_is_one_per_store_in_one_process_too(tmp_path):
    db = str(tmp_path / "c.duckdb")
    with IngestLock(db):
        with pytest.raises(DyadsError) as err:
            IngestLock(db).acquire()
        assert err.value.code == "E107"
        IngestLock(str(tmp_path / "other.duckdb")).acquire().release()  # another store is another lock
    IngestLock(db).acquire().release()  # given back on leaving the block


# ---------------------------------------------------------------- the web while an ingest runs


def doc_count(app) -> int:
    r = fetch(app, ["/api/overview"])[0]
    assert r.status_code == 200, r.text[:300]
    return r.json()["counts"]["articles"]


@pytest.mark.slow
def test_the_web_shows_the_corpus_growing_while_a_real_ingest_writes(tmp_path, monkeypatch):
    # while an ingest runs, pages are rebuilt in the background at most every PAGE_REFRESH
    # seconds (10 by default); this ingest lasts a few seconds, so refresh faster to see it grow
    monkeypatch.setattr("dyads.web.store.PAGE_REFRESH", 0.2)
    monkeypatch.setattr("dyads.web.store.REFRESH", 0.2)
    db = tmp_path / "c.duckdb"
    build(db, [article("seed", "A seed report about the old mill.", "Seed")])
    corpus = write_jsonl(tmp_path / "c.jsonl", texts(60))
    app = create_app(str(db))
    cmd = [sys.executable, "-m", "dyads", "ingest", str(corpus), "--db", str(db), "--processes", "1",
           "--batch-size", "2", "-q"]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    seen, statuses, pages = [], [], ["/", "/articles", "/actors", "/network", "/claims", "/search?q=mill",
                                     "/api/articles?limit=5000"]
    try:
        deadline = time.monotonic() + 400
        while proc.poll() is None and time.monotonic() < deadline:
            seen.append(doc_count(app))
            for r in fetch(app, pages):
                statuses.append(r.status_code)
            new = [d["doc_id"] for d in r.json()["articles"] if d["doc_id"] != "seed"]
            if new:  # a document written a moment ago opens
                statuses += [x.status_code for x in fetch(app, [article_href(new[-1]), "/api" + article_href(new[-1])])]
        assert proc.wait(timeout=60) == 0, proc.stderr.read()[-2000:]
    finally:
        proc.kill()
        proc.wait()
    assert set(statuses) == {200}, sorted(set(statuses))
    assert doc_count(app) == 61
    grew = sorted(set(seen))
    assert seen == sorted(seen), "the count never goes back"
    assert any(1 < n < 61 for n in grew), f"no intermediate state seen while ingesting: {grew}"


def test_the_web_waits_for_a_write_then_answers(tmp_path):
    """A request arriving while the file is locked for a write is answered once it is free."""
    db = tmp_path / "c.duckdb"
    build(db, [article("seed", "A seed report.", "Seed")])
    code = (f"import duckdb, time; c = duckdb.connect({str(db)!r}); print('ready', flush=True); time.sleep(1.0); "
            "c.close(); time.sleep(30)")
    holder = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "ready"
        t = time.monotonic()
        r = fetch(create_app(str(db)), ["/api/overview"])[0]
        assert r.status_code == 200 and r.json()["counts"]["articles"] == 1
        assert time.monotonic() - t >= 0.5  # it did wait for the write
    finally:
        holder.kill()
        holder.wait()


def with_actor(doc_id: str, name: str) -> ArticleResult:
    from dyads.model import Actor, Mention

    text = f"{name} said the bridge was shelled."
    r = article(doc_id, text, f"About {name}")
    r.actors.append(Actor("A1", name, "person", [name], None, {}, {}, [Mention(0, len(name), name)]))
    return r


def actor_names(app) -> set[str]:
    r = fetch(app, ["/api/actors?limit=5000"])[0]
    assert r.status_code == 200, r.text[:300]
    return {a["name"] for a in r.json()["actors"]}


def test_a_store_written_since_its_corpus_was_built_is_read_with_fresh_then_refreshed_actors(tmp_path, monkeypatch):
    """As during an ingest: documents stored after the last rebuild. The first request computes
    the corpus actors; a later version of the file is answered at once with the last ones while
    the new ones are computed in the background."""
    import dyads.web.store as web_store

    monkeypatch.setattr(web_store, "REFRESH", 0.0)
    db = tmp_path / "c.duckdb"
    with Store(str(db)) as st:  # no rebuild_corpus: stale from the start
        st.write([with_actor("d1", "Amira Haddad")], st.start_run("test", [], "t"))
    app = create_app(str(db))
    assert actor_names(app) == {"Amira Haddad"}
    with Store(str(db)) as st:  # (in this process: the web lets go of its kept connection for it)
        st.write([with_actor("d2", "Yusuf Karam")], st.start_run("test", [], "t"))
    assert doc_count(app) == 2  # the new article is there at once
    deadline = time.monotonic() + 60
    while "Yusuf Karam" not in actor_names(app):
        assert time.monotonic() < deadline, "the corpus actors were never refreshed"
        time.sleep(0.2)
    assert actor_names(app) == {"Amira Haddad", "Yusuf Karam"}
    assert fetch(app, [article_href("d2")])[0].status_code == 200


# ---------------------------------------------------------------- what a 503 says


LEAKS = re.compile(r"PID|pid \d|python|/tmp|\.duckdb|" + re.escape(sys.executable), re.I)


def test_a_503_names_no_path_pid_or_interpreter(tmp_path, monkeypatch):
    db = tmp_path / "secret-store.duckdb"
    build(db, [article("seed", "A seed report.", "Seed")])
    holder = subprocess.Popen([sys.executable, "-c", f"import duckdb, time; c = duckdb.connect({str(db)!r}); "
                               "print('ready', flush=True); time.sleep(60)"], stdout=subprocess.PIPE, text=True)
    monkeypatch.setattr(WebStore, "lock_wait", 0.3)
    try:
        assert holder.stdout.readline().strip() == "ready"
        api, page = fetch(create_app(str(db)), ["/api/overview", "/articles"])
    finally:
        holder.kill()
        holder.wait()
    assert api.status_code == page.status_code == 503
    assert api.json()["error"]["code"] == "E139"
    assert "E139" in page.text and "ingest is writing" in page.text
    for r in (api, page):
        assert "secret-store" not in r.text and str(tmp_path) not in r.text
        assert str(holder.pid) not in r.text
        assert not LEAKS.search(r.text), LEAKS.search(r.text).group(0)
    # a store that is not there: 503 too, and no path either
    gone = fetch(create_app(str(tmp_path / "missing.duckdb")), ["/api/overview"])[0]
    assert gone.status_code == 503 and gone.json()["error"]["code"] == "E104"
    assert "missing" not in gone.text and not LEAKS.search(gone.text)


# ---------------------------------------------------------------- ids in URLs, the Host header

ODD_IDS = ["line\nbreak", "carriage\r\nreturn", "a/b/c", "what?x=1", "#anchor", "100%", "%2F-literal",
           "with space ", " lead", "ünïcødé-ĉ-日本", "a/../b", "./x", "tab\there", "plus+sign&amp"]


@pytest.fixture(scope="module")
def odd_app(tmp_path_factory):
    db = tmp_path_factory.mktemp("ids") / "ids.duckdb"
    build(db, [article(i, f"Report {n} on the fighting near the mill.", f"Title {n}") for n, i in enumerate(ODD_IDS)])
    return create_app(str(db))


@pytest.mark.parametrize("doc_id", ODD_IDS)
def test_any_document_id_opens_from_its_link(odd_app, doc_id):
    n = ODD_IDS.index(doc_id)
    page, api = fetch(odd_app, [article_href(doc_id), "/api" + article_href(doc_id)])
    assert page.status_code == 200, page.text[:300]
    assert f"Title {n}" in page.text
    assert api.status_code == 200 and api.json()["document"]["id"] == doc_id


def test_links_on_the_articles_page_open_their_articles(odd_app):
    page = fetch(odd_app, ["/articles"])[0]
    hrefs = sorted(set(re.findall(r'href="(/articles/[^"]+)"', page.text)))
    assert len(hrefs) == len(ODD_IDS)
    import html

    for href, r in zip(hrefs, fetch(odd_app, [html.unescape(h) for h in hrefs])):
        assert r.status_code == 200, href


def test_an_unknown_id_is_404_not_another_article(odd_app):
    for doc_id in ["line\nbreak\n", "line", "a/b", "what", "100", "%"]:
        r = fetch(odd_app, ["/api" + article_href(doc_id)])[0]
        assert r.status_code == 404 and r.json()["error"]["code"] == "E130", doc_id
    r = fetch(odd_app, ["/api" + actor_href("no\nsuch/actor")])[0]
    assert r.status_code == 404 and r.json()["error"]["code"] == "E131"


@pytest.mark.parametrize("host,ok", [
    ("127.0.0.1", True), ("127.0.0.1:8000", True), ("localhost", True), ("LOCALHOST:80", True), ("[::1]:8000", True),
    ("localhost:80@evil.example", False), ("evil.example", False), ("localhost.evil.example", False),
    ("127.0.0.1:8000@evil.example:80", False), ("evil.example#localhost", False), ("localhost:", False),
    ("localhost:80:80", False), ("[::1]evil", False), ("localhost/evil", False), ("user@localhost", False),
    ("", False)])
def test_the_host_header_is_parsed_strictly(odd_app, host, ok):
    r = fetch(odd_app, ["/api/overview"], headers={"host": host})[0]
    if ok:
        assert r.status_code == 200, r.text[:200]
    else:
        assert r.status_code == 400 and r.json()["error"]["code"] == "E135", host
