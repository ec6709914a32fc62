"""Full-text search over a store (store/search.py): ranking by BM25, stems, the index following
documents written again, the fallbacks with their coded warnings, `dyads query search` and the
web's /api/search. Articles are written by hand here (no model): a title and a text each."""
from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from dyads.cli import app
from dyads.model import ArticleResult, Document
from dyads.store import Store, open_store
from dyads.store import search as fts
from dyads.store.corpus import rebuild_corpus

runner = CliRunner()

PORT = ("p1", "Ferry resumes", "The ferry sailed from the harbour at dawn. Fishermen said the harbour was calm.",
        "Coast Herald", "2016-05-02")
MARKET = ("p2", "Shelling near the market", "Mortars shelled the old market. The shelling lasted an hour and "
          "shells hit two shops; traders said the shelling was the worst this year.", "Valley News", "2016-06-10")
CLINIC = ("p3", "Clinic reopens", "A clinic reopened in the north. Doctors said one shell had damaged its roof "
          "in March.", "Coast Herald", "2016-07-01")
ARMIES = ("p4", "Talks", "Two armies agreed to a truce; the army of the north withdrew its guns.", "Valley News",
          "2017-01-15")


def article(doc_id, title, text, source=None, date=None) -> ArticleResult:
    r = ArticleResult(document=Document(id=doc_id, title=title, source=source, date=date, chars=len(text),
                                        sha256=f"{doc_id}:{hash(text)}"))
    r.text = text
    return r


def ingest(path, *docs, finish=True) -> None:
    """What an ingest does with analysed articles: write them, rebuild the corpus actors and
    finish the run (which brings the index up to date)."""
    with Store(str(path)) as st:
        run = st.start_run("test", [], "t")
        st.write([article(*d) for d in docs], run)
        rebuild_corpus(st)
        if finish:
            st.finish_run(run, "done")


def found(path, words, **filters):
    with open_store(str(path)) as s:
        df = s.search(words, **filters)
        return list(df["doc_id"]), df


@pytest.fixture()
def db(tmp_path):
    path = tmp_path / "search.duckdb"
    ingest(path, PORT, MARKET, CLINIC, ARMIES)
    return path


def test_an_article_saying_it_often_ranks_above_one_saying_it_once(db):
    ids, df = found(db, "shelling")
    assert ids == ["p2", "p3"]  # "shelled", "shelling" twice, "shells" against one "shell"
    assert df["score"].iloc[0] > df["score"].iloc[1] > 0
    assert df.attrs["warnings"] == [] and df.attrs["total"] == 2


def test_the_ranking_is_the_extensions_own_bm25(db):
    """search.RANKED scores every article in one query; the extension's match_bm25 one by one."""
    with open_store(str(db)) as s:
        assert fts.load(s.con) is None
        for stems in (["shell"], ["armi"], ["harbour", "ferri"]):
            ours = dict(s.con.execute(fts.RANKED, [stems, len(stems)]).fetchall())
            theirs = dict(s.con.execute(
                f"SELECT doc_id, {fts.SCHEMA}.match_bm25(doc_id, ?, conjunctive := 1) AS b FROM documents "
                "WHERE b IS NOT NULL", [" ".join(stems)]).fetchall())
            assert ours.keys() == theirs.keys() and ours
            assert all(abs(ours[d] - theirs[d]) < 1e-9 for d in ours)


@pytest.mark.parametrize("words, ids", [
    ("shells", ["p2", "p3"]),          # the stem joins shell, shells, shelled, shelling
    ("army", ["p4"]),                  # armies, army
    ("harbours", ["p1"]),
    ("fishermen calm", ["p1"]),        # every word, anywhere in the text
    ("ferry shelling", []),            # ... all of them: no article holds both
    ("clinic", ["p3"]),                # the title counts too
    ("the of and", []),                # stop words alone look for nothing
    ("HARBOUR!", ["p1"]),              # case and punctuation aside
    ("harb", []),                      # a word, not a piece of one
])
def test_words_are_matched_by_their_stems_and_all_must_be_there(db, words, ids):
    assert sorted(found(db, words)[0]) == sorted(ids)


def test_the_snippet_marks_the_first_matching_word(db):
    _, df = found(db, "shell")
    top = df.iloc[0]
    assert top["match"] == "shelled"
    assert top["snippet"][top["match_at"]:top["match_at"] + len(top["match"])] == "shelled"
    assert top["title"] == "Shelling near the market" and top["outlet"] == "Valley News" and top["date"] == "2016-06-10"


def test_filters_are_those_of_the_other_queries(db):
    assert found(db, "shelling", source="coast herald")[0] == ["p3"]
    assert found(db, "shelling", since="2016-07")[0] == ["p3"]
    assert found(db, "shelling", until="2016-06")[0] == ["p2"]
    assert found(db, "shelling", limit=1)[1].attrs["total"] == 2


def test_the_index_follows_an_article_written_again(db):
    changed = ("p1", "Ferry halted", "Gunboats blockaded the harbour and the ferry stayed in port.", "Coast Herald",
               "2016-05-03")
    ingest(db, changed, finish=False)  # stored, the run not finished yet (or killed): the index is behind
    ids, df = found(db, "gunboats")
    assert ids == ["p1"] and [w["code"] for w in df.attrs["warnings"]] == ["W103"]
    assert found(db, "fishermen")[0] == []  # its old text is not found, though the index still holds it
    ingest(db)  # the next run that finishes builds the index again
    ids, df = found(db, "gunboats")
    assert ids == ["p1"] and df.attrs["warnings"] == [] and df["score"].iloc[0] > 0
    assert found(db, "fishermen")[0] == []
    with open_store(str(db)) as s:
        assert s.sql("SELECT count(*) AS n FROM search_pending")["n"][0] == 0


def test_a_run_that_changed_nothing_keeps_the_index(db, monkeypatch):
    built = []
    real = fts.refresh_index

    def spy(con, force=False):
        built.append(real(con, force))
        return built[-1]

    monkeypatch.setattr(fts, "refresh_index", spy)
    ingest(db)
    assert built == [False]


def test_a_store_without_an_index_is_scanned_with_a_warning(tmp_path):
    path = tmp_path / "unindexed.duckdb"
    ingest(path, MARKET, CLINIC, finish=False)
    ids, df = found(path, "shelling")
    assert sorted(ids) == ["p2", "p3"] and df["score"].isna().all()
    assert [w["code"] for w in df.attrs["warnings"]] == ["W102"]


def test_without_the_extension_the_text_is_scanned_as_typed(db, monkeypatch):
    monkeypatch.setattr(fts, "PACKAGE", "no_such_fts_package")
    monkeypatch.setattr(fts, "load", _no_fts)
    ids, df = found(db, "shelling")
    assert ids == ["p2"]  # the text as typed: "shelled", "shell" are not "shelling"
    assert [w["code"] for w in df.attrs["warnings"]] == ["W101"]
    assert df["match"].iloc[0].lower() == "shelling"


def _no_fts(con):
    try:
        fts.extension_path()
    except LookupError as exc:
        return str(exc)
    return None


def test_the_extension_of_the_pinned_duckdb_is_installed_and_loads():
    """A dependency (pyproject.toml), never skipped over: an install without it must fail here."""
    import duckdb

    assert fts.extension_path().endswith(f"v{duckdb.__version__}/fts.duckdb_extension")
    assert fts.load(duckdb.connect()) is None


def test_the_extension_is_found_in_the_installed_package_or_said_missing(monkeypatch):
    monkeypatch.setattr(fts, "PACKAGE", "no_such_fts_package")
    with pytest.raises(LookupError, match="duckdb-extension-fts"):
        fts.extension_path()


def test_cli_query_search(db):
    res = runner.invoke(app, ["query", "search", "shelling", "--db", str(db), "--format", "json"])
    assert res.exit_code == 0, res.output
    rows = json.loads(res.stdout)
    assert [r["doc_id"] for r in rows] == ["p2", "p3"] and rows[0]["score"] > rows[1]["score"]
    res = runner.invoke(app, ["query", "search", "army", "truce", "--db", str(db), "--format", "csv"])
    assert res.exit_code == 0 and res.stdout.splitlines()[0].startswith("doc_id,title,date,outlet,score,snippet")
    res = runner.invoke(app, ["query", "search", "shell", "--db", str(db), "--source", "Coast Herald", "--limit", "5"])
    assert res.exit_code == 0 and "Clinic reopens" in res.stdout and "Shelling near" not in res.stdout
    assert runner.invoke(app, ["query", "search", "--db", str(db)]).exit_code == 2  # E115: no words
    res = runner.invoke(app, ["query", "actors", "shelling", "--db", str(db)])
    assert res.exit_code == 2 and "E111 WORDS does not apply" in res.output
    res = runner.invoke(app, ["query", "search", "shelling", "--category", "ASSAULT", "--db", str(db)])
    assert res.exit_code == 2 and "E111" in res.output and "--words" not in res.output


def test_web_search_ranks_and_marks(db):
    import asyncio

    import httpx
    from dyads.web import create_app

    async def get(*paths):
        transport = httpx.ASGITransport(app=create_app(str(db)))
        async with httpx.AsyncClient(transport=transport, base_url="http://127.0.0.1") as client:
            return [await client.get(p) for p in paths]

    api, page = asyncio.run(get("/api/search?q=shelling", "/search?q=shelling"))
    data = api.json()
    assert [a["doc_id"] for a in data["articles"]] == ["p2", "p3"] and data["warnings"] == []
    first = data["articles"][0]
    assert first["snippet"]["match"] == "shelled" and first["score"] > 0 and first["day"] == "2016-06-10"
    assert "<mark>shelled</mark>" in page.text
