"""The web pages count what relations count (graph.event_voice): the article's voice and a side's
own claims, each edge and relation saying how many of each; a third party's claim shown as a
claim and never a tie; `own=1` the article's voice only; a store written before voices answers
the same. Hand-built articles, in-process through httpx's ASGI transport."""
from __future__ import annotations

import asyncio

import duckdb
import httpx
import pytest

from dyads.model import Actor, ArticleResult, Document, Event, Mention, Quote
from dyads.store import Store
from dyads.store.corpus import rebuild_corpus
from dyads.web import create_app
from dyads.web.store import clear_cache

TEXT = ("The Northern Militia shelled the Coastal Army. The militia said it had also raided an army depot. "
        "The Island Republic says the army armed the militia. The army denied attacking the militia.")


def at(needle: str) -> tuple[int, int]:
    i = TEXT.index(needle)
    return i, i + len(needle)


def mentions(*needles) -> list[Mention]:
    return [Mention(*at(n), n) for n in needles]


def the_article() -> ArticleResult:
    actors = [Actor("A1", "Northern Militia", "armed_group", ["Northern Militia"], "group:north",
                    mentions=mentions("Northern Militia")),
              Actor("A2", "Coastal Army", "state", ["Coastal Army"], "mil:coast", mentions=mentions("Coastal Army")),
              Actor("A3", "Island Republic", "country", ["Island Republic"], "country:ISL",
                    mentions=mentions("Island Republic"))]
    q1, q2 = at("it had also raided an army depot"), at("the army armed the militia")
    quotes = [Quote("Q1", "indirect", "it had also raided an army depot", *q1, speaker="A1", cue="said"),
              Quote("Q2", "indirect", "the army armed the militia", *q2, speaker="A3", cue="says")]
    events = [
        Event("E1", "ASSAULT", "shelled", *at("The Northern Militia shelled the Coastal Army."), source="A1",
              target="A2", polarity=-1),
        Event("E2", "ASSAULT", "raided", *q1, source="A1", target="A2", polarity=-1, claimed_by="A1", quote="Q1"),
        Event("E3", "AID", "armed", *q2, source="A2", target="A1", polarity=1, claimed_by="A3", quote="Q2"),
        Event("E4", "ASSAULT", "attacking", *at("The army denied attacking the militia."), source="A2", target="A1",
              polarity=-1, negated=True, claimed_by="A2"),
    ]
    r = ArticleResult(Document(id="v1", title="Raids on the coast", date="2024-06-01", source="Wire", chars=len(TEXT),
                               sha256="v1"), actors=actors, quotes=quotes, events=events)
    from dyads.graph import article_relations

    r.relations = article_relations(r.events)
    r.text = TEXT
    return r


def build(path) -> str:
    with Store(str(path)) as st:
        st.write([the_article()], st.start_run("test", [], "t"))
        rebuild_corpus(st)
    return str(path)


def fetch(db, path) -> httpx.Response:
    async def run():
        transport = httpx.ASGITransport(app=create_app(db))
        async with httpx.AsyncClient(transport=transport, base_url="http://127.0.0.1") as client:
            return await client.get(path)

    res = asyncio.run(run())
    assert res.status_code == 200, res.text
    return res


def get_json(db, path) -> dict:
    return fetch(db, path).json()


@pytest.fixture
def db(tmp_path):
    clear_cache()
    yield build(tmp_path / "voices.duckdb")
    clear_cache()


def edges(data) -> dict:
    return {(e["from"], e["to"]): (e["weight"], e["voices"]) for e in data["edges"]}


def test_the_article_page_lists_relations_with_their_voices(db):
    data = get_json(db, "/api/articles/v1")
    assert [(r["source"], r["target"], r["weight"], r["voices"], r["events"]) for r in data["relations"]] == [
        ("Northern Militia", "Coastal Army", 2, {"article": 1, "self": 1}, ["E1", "E2"])]
    made = {i: dict(data["items"][i]["fields"]).get("makes a relation") for i in ("E1", "E2", "E3", "E4")}
    assert made["E1"].startswith("yes") and made["E2"].startswith("yes")
    assert made["E3"].startswith("no: a third party") and made["E4"] == "no"   # a claim; a denial
    assert "claim only" in next(e for e in data["events"] if e["id"] == "E3")["flags"]
    assert data["result"]["relations"][0]["voices"] == {"article": 1, "self": 1}
    page = fetch(db, "/articles/v1").text
    assert "Relations <small>1</small>" in page and 'data-ref="E1 E2"' in page
    assert ">article 1</span>" in page and ">own side 1</span>" in page


def test_the_network_counts_a_sides_own_claim_and_never_a_third_partys(db):
    assert edges(get_json(db, "/api/network")) == {("group:north", "mil:coast"): (2, {"article": 1, "self": 1})}
    assert edges(get_json(db, "/api/network?own=1")) == {("group:north", "mil:coast"): (1, {"article": 1})}
    assert edges(get_json(db, "/api/network?speaker=Island%20Republic")) == {}   # its claim: no tie
    militia = get_json(db, "/api/actors/group%3Anorth")
    assert [a["name"] for a in militia["allies"]] == []                          # "the army armed the militia"
    assert [e["name"] for e in militia["enemies"]] == ["Coastal Army"]


def test_a_store_written_before_voices_gives_the_same_pages(db):
    con = duckdb.connect(db)
    con.execute("ALTER TABLE events DROP COLUMN voice")
    con.execute("UPDATE meta SET value = '1' WHERE key = 'schema'")
    con.close()
    clear_cache()
    assert edges(get_json(db, "/api/network")) == {("group:north", "mil:coast"): (2, {"article": 1, "self": 1})}
    assert [r["voices"] for r in get_json(db, "/api/articles/v1")["relations"]] == [{"article": 1, "self": 1}]
