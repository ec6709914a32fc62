"""The web's page cache (web/store.py `cached`): a page is built once per version of the store,
identical requests between two writes are answered from memory without opening the store, and
any write (a new document, a document replaced, the corpus actors rebuilt) is seen by the next
request. Also the lazy connection of a WebStore and one article's ties read in SQL."""
from __future__ import annotations

import asyncio
import shutil
import threading
import time
from pathlib import Path

import httpx
import pytest

from dyads.model import Actor, ArticleResult, Document, Event, Mention
from dyads.store import Store
from dyads.store.corpus import rebuild_corpus
from dyads.store.query import CorpusStore
from dyads.web import create_app
from dyads.web import store as web_store
from dyads.web.store import WebStore, cached, open_store

BASE = "http://127.0.0.1"


def get(app, *paths) -> list[httpx.Response]:
    async def run():
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url=BASE, timeout=60) as client:
            return [await client.get(p) for p in paths]

    return asyncio.run(run())


def report(doc_id: str, a: str, b: str, verb: str = "attacked", source: str = "Wire") -> ArticleResult:
    text = f"{a} {verb} {b} on Monday."
    ia, ib = 0, len(a) + len(verb) + 2
    r = ArticleResult(
        Document(id=doc_id, title=f"{a} and {b}", chars=len(text), sha256=f"sha-{doc_id}-{verb}", source=source,
                 date="2015-03-02"),
        actors=[Actor("A1", a, "organization", [a], None, {}, {}, [Mention(ia, ia + len(a), a)]),
                Actor("A2", b, "organization", [b], None, {}, {}, [Mention(ib, ib + len(b), b)])],
        events=[Event("E1", "ASSAULT" if verb == "attacked" else "COOPERATE", verb, 0, len(text), source="A1",
                      target="A2", polarity=-1 if verb == "attacked" else 1)])
    r.text = text
    return r


def write(db: str, results, rebuild: bool = True) -> None:
    with Store(db) as st:
        st.write(results, st.start_run("test", [], "t"))
        if rebuild:
            rebuild_corpus(st)


@pytest.fixture(scope="module")
def db_built(tmp_path_factory) -> str:
    """The two-report store, written once for the module."""
    path = str(tmp_path_factory.mktemp("cache") / "c.duckdb")
    write(path, [report("d1", "Northern Army", "River Militia"), report("d2", "Hill Brigade", "River Militia")])
    return path


@pytest.fixture
def db(db_built: str, tmp_path: Path) -> str:
    """A test's own copy of the two-report store (tests write to it)."""
    path = str(tmp_path / "c.duckdb")
    shutil.copyfile(db_built, path)
    return path


@pytest.fixture
def connects(monkeypatch) -> list[str]:
    """Every cursor the web takes on a store (a request that reads it), by path."""
    calls: list[str] = []
    real = web_store._Keeper.get

    def counted(self, wait):
        calls.append(self.path)
        return real(self, wait)

    monkeypatch.setattr(web_store._Keeper, "get", counted)
    return calls


def let_go(db: str) -> None:
    """Let the web's kept connection go once no request (nor a page built in the background)
    uses it, as for a waiting ingest, so that a writer in this process can open the file."""
    keeper = web_store._keeper(db)
    deadline = time.monotonic() + 30
    with keeper.cond:
        while keeper.users or web_store._FLIGHTS:
            assert time.monotonic() < deadline, "the store was never let go"
            keeper.cond.wait(0.02)
        keeper._close()


def test_identical_requests_between_writes_read_the_store_once(db, connects):
    app = create_app(db)
    first = get(app, "/api/network", "/api/articles", "/api/actors/" + "x")
    assert [r.status_code for r in first] == [200, 200, 404]
    reads = len(connects)
    assert reads >= 2
    again = get(app, "/api/network", "/api/articles", "/api/network", "/network")
    assert [r.status_code for r in again] == [200, 200, 200, 200]
    assert again[0].json() == first[0].json() and again[1].json() == first[1].json()
    assert len(connects) == reads  # every page came from memory: the store was not opened
    get(app, "/api/actors/x")  # an error is never kept
    assert len(connects) == reads + 1


def test_other_arguments_are_other_pages(db, connects):
    app = create_app(db)
    a, b = get(app, "/api/articles?limit=1", "/api/articles?limit=2")
    assert len(a.json()["articles"]) == 1 and len(b.json()["articles"]) == 2
    assert len(connects) == 2


def test_a_new_document_is_seen_by_the_next_request(db, connects):
    app = create_app(db)
    before = get(app, "/api/overview")[0].json()
    assert before["counts"]["articles"] == 2
    let_go(db)
    write(db, [report("d3", "City Police", "Northern Army")])
    after = get(app, "/api/overview", "/api/network")
    assert after[0].json()["counts"]["articles"] == 3
    labels = {n["label"] for n in after[1].json()["nodes"]}
    assert "City Police" in labels


def test_a_replaced_document_is_seen_by_the_next_request(db):
    app = create_app(db)
    edge = get(app, "/api/network?source=Wire")[0].json()["edges"]
    assert {e["sign"] for e in edge} == {-1}
    let_go(db)
    write(db, [report("d1", "Northern Army", "River Militia", verb="helped"),
               report("d2", "Hill Brigade", "River Militia", verb="helped")])  # same ids: their rows replaced
    edge = get(app, "/api/network?source=Wire")[0].json()["edges"]
    assert {e["sign"] for e in edge} == {1}


def test_a_stale_store_is_versioned_by_the_corpus_actors_it_was_read_with(db):
    let_go(db)
    write(db, [report("d3", "City Police", "Northern Army")], rebuild=False)  # corpus actors now stale
    with open_store(db) as st:
        assert st.version is None  # nothing read yet: not connected
        st.con.execute("SELECT 1").fetchall()
        assert st.was_stale and st.version[1] is not None
        seen = st.version
    with open_store(db) as st:
        assert st.current_version() == seen  # known without connecting
        assert st._con is None
    let_go(db)
    write(db, [], rebuild=True)  # the corpus rebuilt: another version, not stale
    with open_store(db) as st:
        assert st.current_version() is None  # this file was never read
        st.con  # noqa: B018
        assert st.version != seen and st.version[1] is None and not st.was_stale


def test_one_request_builds_a_page_the_others_wait_for_it(db):
    built: list[int] = []

    @cached
    def slow(store, n):
        store.con.execute("SELECT 1").fetchall()
        built.append(n)
        time.sleep(0.3)
        return {"n": n, "when": time.monotonic()}

    out: list[dict] = []

    def request(n):
        with open_store(db) as st:
            out.append(slow(st, n))

    threads = [threading.Thread(target=request, args=(7,)) for _ in range(4)]
    threads.append(threading.Thread(target=request, args=(8,)))
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    assert sorted(built) == [7, 8]  # once per argument, not once per request
    sevens = [o for o in out if o["n"] == 7]
    assert len(sevens) == 4 and all(o is sevens[0] for o in sevens)


def test_a_plain_corpus_store_is_never_cached(db):
    calls = []

    @cached
    def page(store):
        calls.append(1)
        return {}

    with CorpusStore(db) as st:
        page(st)
        page(st)
    assert len(calls) == 2


def test_a_missing_store_is_still_E104_at_open(tmp_path):
    from dyads.errors import DyadsError

    with pytest.raises(DyadsError) as e:
        WebStore(str(tmp_path / "none.duckdb"))
    assert e.value.code == "E104"


def test_one_articles_ties_are_those_of_the_whole_store_for_it(db):
    let_go(db)
    write(db, [report("d3", "City Police", "Northern Army"), report("d4", "City Police", "Hill Brigade", "helped")])
    with CorpusStore(db) as st:
        whole = st.ties()
        for doc in ("d1", "d3", "d4", "nope"):
            one = st.ties(doc=doc)
            expect = whole[whole["doc_id"] == doc].reset_index(drop=True)
            assert one.to_dict("records") == expect.to_dict("records"), doc
        assert len(st.ties(doc="d4")) == 1 and st.ties(doc="nope").empty


def test_an_ingest_running_is_told_by_its_lock_without_taking_it(db):
    from dyads.store.locks import IngestLock

    assert not web_store.ingest_running(db)
    with IngestLock(db):
        assert web_store.ingest_running(db)
        assert not web_store.ingest_running(db + ".other")
        with pytest.raises(Exception):  # the probe left the lock as it was: a second ingest is still refused
            IngestLock(db).acquire()
    assert not web_store.ingest_running(db)


def test_while_an_ingest_runs_the_last_page_is_served_and_refreshed_behind(db, monkeypatch):
    from dyads.store.locks import IngestLock

    monkeypatch.setattr(web_store, "PAGE_REFRESH", 0.0)
    app = create_app(db)
    assert get(app, "/api/overview")[0].json()["counts"]["articles"] == 2
    with IngestLock(db):
        let_go(db)
        write(db, [report("d3", "City Police", "Northern Army")])
        t = time.monotonic()
        first = get(app, "/api/overview")[0].json()["counts"]["articles"]
        assert first in (2, 3)  # the last page at once (or the new one if already built)
        seen = [first]
        while seen[-1] != 3:
            assert time.monotonic() - t < 30, "the page was never refreshed"
            time.sleep(0.05)
            seen.append(get(app, "/api/overview")[0].json()["counts"]["articles"])
        assert seen == sorted(seen)  # never back to an older page
    # the ingest over: the next request after a write reads the store itself
    let_go(db)
    write(db, [report("d4", "City Police", "Hill Brigade")])
    assert get(app, "/api/overview")[0].json()["counts"]["articles"] == 4
