"""The web UI (issue 6): every page and API endpoint in-process through httpx's ASGI transport,
on stores built here.

First, model-free tests on a store of hand-built articles (offsets placed by hand, overlapping
spans, a hostile article whose text, title, outlet, URL and actor names carry markup): the
highlight nesting, the filters, every route, the one error shape, the security headers, the
read-only and local-only rules, `dyads serve`'s defaults. Then the real pipeline (slow) on the
team's example article (examples/civil-war.txt) and a few short ones, and the same hostile
article analysed for real.
"""
from __future__ import annotations

import asyncio
import hashlib
import html
import json
import os
import re
import socket
import subprocess
import sys
import time
from html.parser import HTMLParser
from pathlib import Path

import httpx
import pytest
import typer

from dyads.errors import DyadsError
from dyads.model import (Actor, Article, ArticleResult, Attribute, Document, Event, Mention, Place, Quantity, Quote,
                         Span)
from dyads.store import Store
from dyads.store.corpus import rebuild_corpus
from dyads.web import create_app
from dyads.web.context import actor_href, clean_filters, safe_url
from dyads.web.highlight import Mark, depth, find_trigger, flat_text, nest
from dyads.web.serve import DEFAULT_HOST, allowed_hosts_for, prepare_article_store, serve, server_config

BASE = "http://127.0.0.1"
EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "civil-war.txt"


def fetch(app, *paths, method="GET", headers=None, raise_app_exceptions=True) -> list[httpx.Response]:
    async def run():
        transport = httpx.ASGITransport(app=app, raise_app_exceptions=raise_app_exceptions)
        async with httpx.AsyncClient(transport=transport, base_url=BASE) as client:
            return [await client.request(method, p, headers=headers) for p in paths]

    return asyncio.run(run())


def get(app, path, **kw) -> httpx.Response:
    return fetch(app, path, **kw)[0]


# ---------------------------------------------------------------- highlight nesting

def show(segments) -> str:
    """Segments as a string: [refs:...] around nested nodes."""
    out = []
    for s in segments:
        out.append(s["text"] if "text" in s else "[" + ",".join(s["refs"]) + ":" + show(s["children"]) + "]")
    return "".join(out)


@pytest.mark.parametrize("marks,expected", [
    ([], "abcdefgh"),
    ([(2, 4, "A1", "actor")], "ab[A1:cd]efgh"),
    ([(0, 8, "Q1", "quote"), (2, 4, "A1", "actor")], "[Q1:ab[A1:cd]efgh]"),                 # nested
    ([(0, 4, "Q1", "quote"), (2, 6, "A1", "actor")], "[Q1:ab[A1:cd]][A1:ef]gh"),              # crossing: split
    ([(2, 6, "A1", "actor"), (0, 4, "Q1", "quote")], "[Q1:ab[A1:cd]][A1:ef]gh"),              # order does not matter
    ([(2, 4, "A1", "actor"), (2, 4, "P1", "place")], "ab[A1,P1:cd]efgh"),                     # same extent: one node
    ([(2, 4, "A1", "actor"), (2, 4, "Q1", "quote")], "ab[Q1,A1:cd]efgh"),                     # quote outermost
    ([(0, 2, "A1", "actor"), (2, 4, "A2", "actor")], "[A1:ab][A2:cd]efgh"),                   # adjacent
    ([(6, 20, "A1", "actor"), (-3, 1, "A2", "actor"), (5, 5, "A3", "actor")], "[A2:a]bcdef[A1:gh]"),  # clipped, empty
    ([(0, 6, "Q1", "quote"), (1, 3, "E1", "event"), (2, 7, "A1", "actor")],
     "[Q1:a[E1:b[A1:c]][A1:def]][A1:g]h"),                                                   # split twice
])
def test_nest(marks, expected):
    text = "abcdefgh"
    segs = nest(text, [Mark(*m) for m in marks])
    assert show(segs) == expected
    assert flat_text(segs) == text  # nothing lost, nothing doubled


def test_nest_many_overlaps_keeps_the_text():
    text = "x" * 200
    marks = [Mark(i, i + 7 + i % 13, f"A{i}", "actor") for i in range(0, 190, 3)]
    segs = nest(text, marks)
    assert flat_text(segs) == text and depth(segs) >= 2


@pytest.mark.parametrize("sentence,trigger,found", [
    ("The regime has hired irregular combatants.", "hired", "hired"),
    ("They offered  financial support to them.", "offered financial support", "offered  financial support"),
    ("Turkey Attacked the FSA.", "attacked", "Attacked"),
    ("Russia deployed warplanes.", "deployed the planes", "deployed"),  # the longest word found
    ("Nothing here.", "shelled", None),
    ("Nothing here.", None, None),
])
def test_find_trigger(sentence, trigger, found):
    text = "Intro. " + sentence
    at = find_trigger(text, 7, len(text), trigger)
    assert (text[at[0]:at[1]] if at else None) == found


def test_find_trigger_takes_the_results_offsets_over_a_search():
    text = "Intro. Turkey attacked, and then attacked again."
    second = text.rindex("attacked")
    # the second "attacked" is the event's: the offsets say so, where a search finds the first
    assert find_trigger(text, 7, len(text), "attacked", second, second + 8) == (second, second + 8)
    assert find_trigger(text, 7, len(text), "attacked") == (text.index("attacked"), text.index("attacked") + 8)


@pytest.mark.parametrize("start,end", [(None, None), (5, None), (9, 9), (40, 200), (-1, 3)])
def test_find_trigger_searches_when_offsets_are_missing_or_do_not_fit(start, end):
    text = "Intro. Turkey attacked the FSA."
    at = find_trigger(text, 7, len(text), "attacked", start, end)
    assert text[at[0]:at[1]] == "attacked"


# ---------------------------------------------------------------- filters and links

@pytest.mark.parametrize("raw,expected", [
    ({"since": "2014", "until": "2014-03-20", "category": "assault", "min_weight": "2"},
     {"since": "2014", "until": "2014-03-20", "category": "ASSAULT", "min_weight": 2}),
    ({"source": "  Levant Desk ", "actor": "", "speaker": None, "own": "1"}, {"source": "Levant Desk", "own": True}),
    ({"own": "0", "limit": 10, "offset": 0}, {"limit": 10, "offset": 0}),
])
def test_clean_filters(raw, expected):
    assert clean_filters(**raw) == expected


@pytest.mark.parametrize("raw,code", [
    ({"since": "2014-13"}, "E109"), ({"until": "March"}, "E109"), ({"category": "FIGHT"}, "E110"),
    ({"type": "alien"}, "E110"), ({"kind": "x"}, "E110"), ({"min_weight": 0}, "E132"), ({"min_weight": "x"}, "E132"),
    ({"limit": 999999}, "E132"), ({"offset": -1}, "E132"), ({"since": "2015", "until": "2014"}, "E132"),
    ({"actor": "x" * 500}, "E132"),
])
def test_bad_filters_are_coded(raw, code):
    with pytest.raises(DyadsError) as err:
        clean_filters(**raw)
    assert err.value.code == code


@pytest.mark.parametrize("url,safe", [
    ("https://example.org/a?b=c", "https://example.org/a?b=c"), ("http://x.y/", "http://x.y/"),
    ("javascript:alert(1)", None), (" JavaScript:alert(1)", None), ("data:text/html,<b>x</b>", None),
    ("//evil.example/x", None), ("/local", None), (None, None), ("http:///nohost", None),
])
def test_only_http_links_leave_the_site(url, safe):
    assert safe_url(url) == safe


def test_actor_links_encode_the_id():
    assert actor_href("name:person:source@d1/A3") == "/actors/name%3Aperson%3Asource%40d1%2FA3"
    assert actor_href('x"><script>') == "/actors/x%22%3E%3Cscript%3E"


# ---------------------------------------------------------------- a store of hand-built articles

def at(text: str, needle: str, nth: int = 0) -> tuple[int, int]:
    i = -1
    for _ in range(nth + 1):
        i = text.index(needle, i + 1)
    return i, i + len(needle)


def mention(text, needle, nth=0) -> Mention:
    s, e = at(text, needle, nth)
    return Mention(s, e, needle)


def result(doc_id, text, actors, quotes=(), events=(), quantities=(), places=(), title=None, date=None, source=None,
           url=None) -> ArticleResult:
    r = ArticleResult(document=Document(id=doc_id, title=title, date=date, source=source, url=url, chars=len(text),
                                        sha256=doc_id), actors=list(actors), quotes=list(quotes), events=list(events),
                      quantities=list(quantities), places=list(places))
    r.text = text
    return r


def sentence_of(text, needle):
    s, _ = at(text, needle)
    start = text.rfind(". ", 0, s) + 2 if text.rfind(". ", 0, s) >= 0 else 0
    end = text.find(".", s) + 1
    return start, end


H1 = ("The regime of Bashar al-Assad shelled the rebels in Homs. "
      "Russia supported the regime, said Omar Khatib. About 70 per cent of Homs was destroyed.")
H2 = "Russia attacked the rebels near Idlib. About 10 per cent of the rebels are foreigners, a source said."
XSS_ID = 'xss"><script>alert(7)</script>'
NAME_BAD = "<b onmouseover=alert(4)>Abu Omar</b>"
XSS = ("Officials found <script>alert(1)</script> in the report. Then <img src=x onerror=alert(2)> appeared, "
       'and <a href="javascript:alert(3)">x</a> was posted. ' + NAME_BAD + " said the regime attacked the rebels.")


def hand_results() -> list[ArticleResult]:
    t = H1
    gov = Actor("A1", "Syrian government", "state", ["the regime", "The regime"], "gov:SYR", {"cameo": "SYRGOV"},
                {"country": Attribute("SYR")}, [mention(t, "The regime"), mention(t, "the regime")])
    assad = Actor("A2", "Bashar al-Assad", "person", ["Bashar al-Assad"], "person:bashar-al-assad", {},
                  {"role": Attribute("President"), "affiliation": Attribute("A1")}, [mention(t, "Bashar al-Assad")])
    rebels = Actor("A3", "rebels", "armed_group", ["the rebels"], None, {}, {}, [mention(t, "the rebels")])
    russia = Actor("A4", "Russia", "country", ["Russia"], "country:RUS", {}, {}, [mention(t, "Russia")])
    khatib = Actor("A5", "Omar Khatib", "person", ["Omar Khatib"], None, {}, {}, [mention(t, "Omar Khatib")])
    q1s, q1e = at(t, "Russia supported the regime")
    sp = at(t, "Omar Khatib")
    h1 = result("h1", t, [gov, assad, rebels, russia, khatib],
                quotes=[Quote("Q1", "indirect", "Russia supported the regime", q1s, q1e, "A5", "Omar Khatib",
                              Span(*sp), "said")],
                events=[Event("E1", "ASSAULT", "shelled", *sentence_of(t, "shelled"), source="A1", target="A3",
                              polarity=-1, mode="military", place="P1"),
                        Event("E2", "SUPPORT", "supported", *sentence_of(t, "supported"), source="A4", target="A1",
                              polarity=1, claimed_by="A5", quote="Q1")],
                quantities=[Quantity("N1", "About 70 per cent", *at(t, "About 70 per cent"), value=70, approx="about",
                                     unit="percent", counts="Homs")],
                places=[Place("P1", "Homs", "SYR", 34.7, 36.7, [mention(t, "Homs"), mention(t, "Homs", 1)])],
                title="Shelling in Homs", date="2024-05-01", source="Levant Desk", url="https://example.org/h1")
    t = H2
    h2 = result("h2", t, [
        Actor("A1", "Russia", "country", ["Russia"], "country:RUS", {}, {}, [mention(t, "Russia")]),
        Actor("A2", "rebels", "armed_group", ["the rebels"], None, {}, {}, [mention(t, "the rebels"),
                                                                             mention(t, "the rebels", 1)]),
        Actor("A3", "source", "person", ["a source"], None, {}, {}, [mention(t, "a source")]),
    ], quotes=[Quote("Q1", "indirect", "About 10 per cent of the rebels are foreigners",
                     *at(t, "About 10 per cent of the rebels are foreigners"), "A3", "a source", Span(*at(t, "a source")),
                     "said")],
        events=[Event("E1", "ASSAULT", "attacked", *sentence_of(t, "attacked"), source="A1", target="A2", polarity=-1)],
        quantities=[Quantity("N1", "About 10 per cent", *at(t, "About 10 per cent"), value=10, approx="about",
                             unit="percent", counts="rebels", subject="A2", claimed_by="A3")],
        title="Russian strikes near Idlib", date="2024-06-02", source="River Post")
    t = XSS
    bad = Actor("A1", NAME_BAD, "person", [NAME_BAD, "<img src=x onerror=alert(8)>"], None, {},
                {"role": Attribute("<script>alert(10)</script>")}, [mention(t, NAME_BAD)])
    gov = Actor("A2", "Syrian government", "state", ["the regime"], "gov:SYR", {}, {}, [mention(t, "the regime")])
    rebels = Actor("A3", "rebels", "armed_group", ["the rebels"], None, {}, {}, [mention(t, "the rebels")])
    script = Actor("A4", "<script>alert(1)</script>", "organization", [], None, {}, {},
                   [mention(t, "<script>alert(1)</script>")])
    qs, qe = at(t, "the regime attacked the rebels")
    xss = result(XSS_ID, t, [bad, gov, rebels, script],
                 quotes=[Quote("Q1", "indirect", "the regime attacked the rebels", qs, qe, "A1", NAME_BAD,
                               Span(*at(t, NAME_BAD)), "said<script>alert(11)</script>")],
                 events=[Event("E1", "ASSAULT", "attacked", *sentence_of(t, "attacked"), source="A2", target="A3",
                               polarity=-1, claimed_by="A1", quote="Q1"),
                         Event("E2", "ACCUSE", '<img src=x onerror=alert(2)>', *at(t, "Then <img src=x onerror=alert(2)>"),
                               source="A4", target="A2", polarity=-1)],
                 quantities=[Quantity("N1", "<script>alert(1)</script>", *at(t, "<script>alert(1)</script>"), value=1,
                                      unit="count", counts='<a href="javascript:alert(3)">x</a>', subject="A1")],
                 title="<img src=x onerror=alert(2)> and <script>alert(12)</script>",
                 date="2024-07-01", source="<script>alert(5)</script>", url="javascript:alert(6)")
    return [h1, h2, xss]


def build_store(path, results) -> str:
    with Store(str(path)) as st:
        st.write(results, st.start_run("test", [], "t"))
        rebuild_corpus(st)
    return str(path)


@pytest.fixture(scope="module")
def hand_db(tmp_path_factory):
    return build_store(tmp_path_factory.mktemp("web") / "hand.duckdb", hand_results())


@pytest.fixture(scope="module")
def app(hand_db):
    return create_app(hand_db)


def corpus_ids(db) -> list[str]:
    import duckdb

    con = duckdb.connect(db, read_only=True)
    try:
        return [r[0] for r in con.execute("SELECT corpus_id FROM corpus_actors ORDER BY corpus_id").fetchall()]
    finally:
        con.close()


def q(s: str) -> str:
    from urllib.parse import quote

    return quote(s, safe="")


PAGES = ["/", "/articles", "/articles?source=Levant%20Desk&since=2024", "/articles/h1", "/articles/h2",
         "/actors", "/actors?q=rus&type=country", "/actors/country%3ARUS", "/actors/person%3Abashar-al-assad",
         "/network", "/network?category=ASSAULT&min_weight=1&since=2024-05&until=2024-12&source=River%20Post",
         "/network?doc=h1", "/network?own=1", "/network?actor=Russia", "/claims", "/claims?speaker=Omar%20Khatib",
         "/claims?actor=rebels&source=River%20Post&since=2024&until=2025", "/search", "/search?q=homs"]
APIS = ["/api", "/api/overview", "/api/articles", "/api/articles?limit=1&offset=1", "/api/articles/h1",
        "/api/actors", "/api/actors?q=assad", "/api/actors/country%3ARUS", "/api/network",
        "/api/network?doc=h1&min_weight=1", "/api/network?category=SUPPORT", "/api/claims",
        "/api/claims?speaker=Khatib", "/api/disagreements", "/api/disagreements?kind=relation",
        "/api/search?q=russia", "/openapi.json"]


def test_every_page_renders(app):
    for path, r in zip(PAGES, fetch(app, *PAGES)):
        assert r.status_code == 200, (path, r.text[:300])
        assert r.headers["content-type"].startswith("text/html"), path
        assert "Content-Security-Policy" in r.headers, path
        assert '<script src="/static/' in r.text or "<script" not in r.text.replace('<script type="application/json"', "")


def test_every_api_endpoint_answers_json(app):
    for path, r in zip(APIS, fetch(app, *APIS)):
        assert r.status_code == 200, (path, r.text[:300])
        assert r.headers["content-type"].startswith("application/json"), path
        r.json()


def test_the_api_returns_the_page_context(app):
    page, api = fetch(app, "/network?min_weight=1", "/api/network?min_weight=1")
    data = api.json()
    m = re.search(r'id="graph"[^>]*data-nodes="(\d+)" data-edges="(\d+)"', page.text)
    assert m and (int(m.group(1)), int(m.group(2))) == (data["counts"]["nodes"], data["counts"]["edges"])
    assert data["counts"]["nodes"] == len(data["nodes"]) >= 4
    # the page embeds the same nodes as JSON for its script
    embedded = json.loads(re.search(r'<script type="application/json" id="graph-data">(.*?)</script>', page.text,
                                    re.S).group(1))
    assert embedded["nodes"] == data["nodes"] and embedded["edges"] == data["edges"]


def test_the_article_page_highlights_every_kind_with_its_voice(app):
    page, api = fetch(app, "/articles/h1", "/api/articles/h1")
    for kind in ("actor", "quote", "event", "quantity", "place", "speaker"):
        assert f"k-{kind}" in page.text, kind
    data = api.json()
    assert flat_text(data["segments"]) == H1
    items = data["items"]
    assert items["Q1"]["voice"] == "Omar Khatib"            # a quote: its speaker
    assert items["E2"]["voice"] == "Omar Khatib"            # an event inside it: claimed by him
    assert items["E1"]["voice"] == "article"                # the article's own
    assert items["N1"]["voice"] == "article"
    assert ["actor page", "/actors/gov%3ASYR"] in items["A1"]["links"]
    # the data-refs of the page and the items match, and the details JSON is in the page
    refs = set(" ".join(re.findall(r'data-refs="([^"]+)"', page.text)).split())
    assert refs == {"A1", "A2", "A3", "A4", "A5", "Q1", "E1", "E2", "N1", "P1"}
    embedded = json.loads(re.search(r'id="items-data">(.*?)</script>', page.text, re.S).group(1))
    assert embedded == items
    assert data["result"]["schema"] == "dyads.article/1"
    # beside the text: its own-voice network is the government against the rebels, two actors each
    # alone on its side (no camp of two), shown as unaligned and opposing each other
    assert data["camps"] == []
    alone = {u["name"]: u["against"] for u in data["unaligned"] if u["alone"]}
    assert alone and all(alone.values()), alone
    assert "Unaligned" in page.text and "opposes" in page.text


def test_the_actor_page(app):
    data = get(app, "/api/actors/country%3ARUS").json()
    assert data["actor"]["name"] == "Russia" and data["actor"]["articles"] == 2
    # "Russia supported the regime, said Omar Khatib": a third party's claim, shown, but no alliance
    assert data["allies"] == []
    assert [e["name"] for e in data["enemies"]] == ["rebels"]
    assert data["enemies"][0]["evidence"][0]["href"] == "/articles/h2"
    assert data["enemies"][0]["evidence"][0]["voice"] == "article"
    assert {e["category"] for e in data["events_as_source"]} == {"SUPPORT", "ASSAULT"}
    assert sum(r["total"] for r in data["timeline"]["rows"]) == 2
    gov = get(app, "/api/actors/gov%3ASYR").json()
    assert {q["who"] for q in gov["said_about"]} == {"Omar Khatib", NAME_BAD}  # named in their quotes
    assert {e["voice"] for e in gov["claimed_about"]} == {"Omar Khatib"}       # supported, he says
    assad = get(app, "/api/actors/person%3Abashar-al-assad").json()
    assert {(a["key"], a["value"]) for a in assad["attributes"]} == {("role", "President"),
                                                                    ("affiliation", "Syrian government")}
    page = get(app, "/actors/country%3ARUS").text
    assert "<svg class=\"timeline\"" in page and "Syrian government" in page


def test_an_actor_whose_id_has_a_slash(app, hand_db):
    ids = [i for i in corpus_ids(hand_db) if "/" in i]
    assert ids  # "a source" is a description: an actor of its article only ("...@h2/A3")
    for i in ids:
        page, api = fetch(app, "/actors/" + q(i), "/api/actors/" + q(i))
        assert page.status_code == 200 and api.json()["actor"]["corpus_id"] == i


def test_claims_and_disagreements(app):
    data = get(app, "/api/claims").json()
    assert {x["who"] for x in data["quotes"]} >= {"Omar Khatib"}
    assert {x["text"] for x in data["quantities"]} >= {"About 70 per cent", "About 10 per cent"}
    assert get(app, "/api/claims?speaker=Omar%20Khatib").json()["quantities"] == []
    dis = get(app, "/api/disagreements").json()["disagreements"]
    # the negative case: Russia supports the regime in one outlet and attacks the rebels in the
    # other, two different pairs, and the two numbers count different things: no disagreement
    assert dis == []


def _two_outlets(path, second_verb: str, second_value: float) -> str:
    """Two outlets on Russia -> Syrian government and on the share of foreigners among the rebels."""
    out = []
    for doc_id, outlet, verb, value in (("d1", "Levant Desk", "supported", 10), ("d2", "River Post", second_verb,
                                                                                   second_value)):
        t = f"Russia {verb} the regime. About {value:g} per cent of the rebels are foreigners."
        category, sign = ("SUPPORT", 1) if verb == "supported" else ("ASSAULT", -1)
        actors = [Actor("A1", "Russia", "country", ["Russia"], "country:RUS", {}, {}, [mention(t, "Russia")]),
                  Actor("A2", "Syrian government", "state", ["the regime"], "gov:SYR", {}, {}, [mention(t, "the regime")]),
                  Actor("A3", "rebels", "armed_group", ["the rebels"], None, {}, {}, [mention(t, "the rebels")])]
        number = f"About {value:g} per cent"
        out.append(result(doc_id, t, actors,
                          events=[Event("E1", category, verb, *sentence_of(t, verb), source="A1", target="A2",
                                        polarity=sign)],
                          quantities=[Quantity("N1", number, *at(t, number), value=value, approx="about",
                                               unit="percent", counts="the rebels", subject="A3")],
                          date="2024-05-01", source=outlet))
    return build_store(path, out)


def test_disagreements_between_outlets_are_listed_with_both_sides(tmp_path):
    app = create_app(_two_outlets(tmp_path / "dis.duckdb", "attacked", 12))
    dis = get(app, "/api/disagreements").json()["disagreements"]
    assert [(d["kind"], d["subject"], d["object"]) for d in dis] == [
        ("relation", "Russia", "Syrian government"), ("quantity", "rebels", "the rebels")]
    relation, quantity = dis
    assert [(v["outlet"], v["sign"], v["claim"]) for v in relation["voices"]] == [
        ("Levant Desk", 1, "cooperative: SUPPORT 1"), ("River Post", -1, "conflictual: ASSAULT 1")]
    assert [(v["outlet"], v["value"], v["unit"]) for v in quantity["voices"]] == [
        ("Levant Desk", 10, "percent"), ("River Post", 12, "percent")]
    only = get(app, "/api/disagreements?kind=quantity").json()["disagreements"]
    assert [d["kind"] for d in only] == ["quantity"]


def test_outlets_that_agree_are_no_disagreement(tmp_path):
    app = create_app(_two_outlets(tmp_path / "agree.duckdb", "supported", 10))
    assert get(app, "/api/disagreements").json()["disagreements"] == []


def test_search(app):
    data = get(app, "/api/search?q=HOMS").json()
    assert [a["doc_id"] for a in data["articles"]] == ["h1"]
    assert data["articles"][0]["snippet"]["match"].lower() == "homs"
    assert [a["name"] for a in get(app, "/api/search?q=khatib").json()["actors"]] == ["Omar Khatib"]
    assert get(app, "/api/search?q=zzzz").json()["articles"] == []


# ---------------------------------------------------------------- hostile input

class _Tags(HTMLParser):
    """Every start tag of a page as the browser's parser sees it, and the JSON data blocks."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.json_blocks: list[str] = []
        self._in_json = False

    def handle_starttag(self, tag, attrs):
        a = {k: (v or "") for k, v in attrs}
        self.tags.append((tag, a))
        self._in_json = tag == "script" and a.get("type") == "application/json"

    def handle_endtag(self, tag):
        self._in_json = False

    def handle_data(self, data):
        if self._in_json:
            self.json_blocks.append(data)


def assert_inert(body: str, where: str) -> None:
    """No markup from the data survives: as text, none of the hostile strings appears unescaped
    (no `<script>alert`, no `onerror=` inside a tag, no `href="javascript:`); as parsed, no
    element carries an event handler, a javascript: URL or an inline script, and the JSON data
    blocks parse."""
    low = body.lower()
    assert "<script>alert" not in low, where
    masked = re.sub(r'"[^"]*"', '""', low)  # a tag's quoted attribute values are data, escaped
    assert not re.search(r"<[^>]*\bon(error|mouseover)\s*=", masked), where
    assert not re.search(r"\b(href|src|action)\s*=\s*[\"']?\s*javascript:", low), where
    if low.lstrip().startswith("<!doctype"):
        p = _Tags()
        p.feed(body)
        assert p.tags, where  # a page was parsed: the checks below ran on something
        for tag, attrs in p.tags:
            assert tag not in ("img", "iframe", "object", "embed", "base"), (where, tag)
            assert not any(k.startswith("on") for k in attrs), (where, tag, attrs)
            for k in ("href", "src", "action", "formaction"):
                v = attrs.get(k, "").strip().lower()
                assert not v.startswith(("javascript:", "data:", "vbscript:")), (where, tag, attrs)
            if tag == "script":
                assert attrs.get("src", "").startswith("/static/") or attrs.get("type") == "application/json", where
        for block in p.json_blocks:
            json.loads(block)


def test_hostile_text_and_names_are_escaped_everywhere(app, hand_db):
    bad_actors = [i for i in corpus_ids(hand_db) if "<" in i or "script" in i or "alert" in i]
    paths = PAGES + APIS + [
        "/articles/" + q(XSS_ID), "/api/articles/" + q(XSS_ID), "/network?doc=" + q(XSS_ID),
        "/api/network?doc=" + q(XSS_ID), "/search?q=" + q("<script>alert(1)</script>"),
        "/api/search?q=" + q("<script>alert(1)</script>"), "/search?q=onerror", "/claims?source=" + q("<script>alert(5)</script>"),
        "/articles?source=" + q("<script>alert(5)</script>"), "/articles/" + q("<script>alert(9)</script>"),
        "/api/articles/" + q("<img src=x onerror=alert(9)>"), "/" + q("<script>alert(9)</script>"),
        "/api/" + q("<script>alert(9)</script>"), "/network?category=" + q("<script>alert(9)</script>"),
    ] + ["/actors/" + q(i) for i in bad_actors] + ["/api/actors/" + q(i) for i in bad_actors]
    assert bad_actors
    hostile_seen = 0
    for path, r in zip(paths, fetch(app, *paths)):
        assert r.status_code in (200, 404, 422), (path, r.status_code)
        assert "default-src 'self'" in r.headers["content-security-policy"], path
        assert_inert(r.text, path)
        if r.headers["content-type"].startswith("application/json"):
            assert "<" not in r.text and ">" not in r.text, path  # JSON escapes markup characters too
            r.json()
        if "alert(" in r.text or "alert\\u0028" in r.text:
            hostile_seen += 1
    assert hostile_seen > 10  # the hostile strings are there, escaped, not dropped
    page = get(app, "/articles/" + q(XSS_ID)).text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "&lt;img src=x onerror=alert(2)&gt;" in page
    assert "javascript:alert(6)" in page and 'href="javascript:alert(6)"' not in page  # the URL shown, not linked
    assert flat_text(get(app, "/api/articles/" + q(XSS_ID)).json()["segments"]) == XSS


def test_no_inline_script_or_style_in_pages(app):
    for path, r in zip(PAGES, fetch(app, *PAGES)):
        for tag in re.findall(r"<script\b[^>]*>", r.text):
            assert 'src="/static/' in tag or 'type="application/json"' in tag, (path, tag)
        assert "<style" not in r.text and " style=" not in r.text, path
        assert not re.search(r"<[^>]*\son[a-z]+\s*=", r.text), path  # no inline event handlers


# ---------------------------------------------------------------- errors, one shape

@pytest.mark.parametrize("path,status,code", [
    ("/api/articles/nope", 404, "E130"), ("/api/actors/nope", 404, "E131"), ("/api/nothing", 404, "E133"),
    ("/api/network?doc=nope", 404, "E130"), ("/api/network?since=2014-13", 422, "E109"),
    ("/api/network?category=FIGHT", 422, "E110"), ("/api/network?min_weight=0", 422, "E132"),
    ("/api/network?min_weight=abc", 422, "E132"), ("/api/claims?until=yesterday", 422, "E109"),
    ("/api/articles?limit=0", 422, "E132"), ("/api/actors?type=alien", 422, "E110"),
    ("/api/disagreements?kind=mood", 422, "E110"), ("/api/search", 422, "E132"), ("/api/search?q=", 422, "E132"),
])
def test_api_errors_have_one_shape(app, path, status, code):
    r = get(app, path)
    assert r.status_code == status, r.text
    assert r.json() == {"error": {"code": code, "message": r.json()["error"]["message"]}}
    assert r.json()["error"]["message"]


@pytest.mark.parametrize("path,status,code", [
    ("/articles/nope", 404, "E130"), ("/actors/nope", 404, "E131"), ("/nothing", 404, "E133"),
    ("/network?since=bad", 422, "E109"), ("/claims?since=2014-02-30", 422, "E109"), ("/static/app.py", 404, "E133"),
])
def test_page_errors_are_html_pages(app, path, status, code):
    r = get(app, path)
    assert r.status_code == status and r.headers["content-type"].startswith("text/html")
    assert code in r.text and "<h1>" in r.text and "Content-Security-Policy" in r.headers


def test_a_failure_is_a_500_in_the_same_shape(app, monkeypatch):
    import dyads.web.app as web_app

    def boom(store):
        raise RuntimeError("secret detail")

    monkeypatch.setattr(web_app, "overview_context", boom)
    broken = create_app(app.state.db_path)
    api, page = fetch(broken, "/api/overview", "/", raise_app_exceptions=False)
    assert api.status_code == 500 and api.json()["error"]["code"] == "E134"
    assert "secret detail" not in api.text  # the details go to the log, not to the client
    assert page.status_code == 500 and "E134" in page.text
    assert "content-security-policy" in api.headers and "content-security-policy" in page.headers


def test_a_missing_store_is_a_coded_error(tmp_path):
    r = get(create_app(str(tmp_path / "none.duckdb")), "/api/overview")
    assert r.status_code == 503 and r.json()["error"]["code"] == "E104"


# ---------------------------------------------------------------- safety rules

def test_security_headers(app):
    for r in fetch(app, "/", "/api/overview", "/static/style.css", "/nothing"):
        csp = r.headers["content-security-policy"]
        assert "default-src 'self'" in csp and "script-src 'self'" in csp and "unsafe-inline" not in csp
        assert "object-src 'none'" in csp and "frame-ancestors 'none'" in csp
        assert r.headers["x-content-type-options"] == "nosniff"


@pytest.mark.parametrize("path", ["/static/../app.py", "/static/..%2fapp.py", "/static/%2e%2e/app.py",
                                  "/static/templates/base.html", "/static/NOTICE.md", "/static/",
                                  "/static//etc/passwd", "/static/%2fetc%2fpasswd"])
def test_static_files_come_from_a_whitelist(app, path):
    r = get(app, path)
    assert r.status_code == 404, path
    assert "import" not in r.text and "root:" not in r.text


def test_static_assets_are_served_locally(app):
    rs = fetch(app, "/static/style.css", "/static/article.js", "/static/network.js", "/static/claims.js",
               "/static/vis-network.min.js", "/static/favicon.svg")
    assert all(r.status_code == 200 for r in rs)
    assert rs[0].headers["content-type"].startswith("text/css")
    assert "vis-network" in rs[4].text[:300] and "MIT" in rs[4].text[:1200]  # its licence header kept
    for r in rs[1:4]:
        assert "innerHTML" not in r.text and "eval(" not in r.text and "http" not in r.text.replace("https://", "")


def test_no_page_loads_anything_from_elsewhere(app):
    for path, r in zip(PAGES, fetch(app, *PAGES)):
        loads = re.findall(r'\ssrc="([^"]+)"', r.text) + re.findall(r'<link\b[^>]*\shref="([^"]+)"', r.text)
        links = re.findall(r'<a\b[^>]*\shref="([^"]+)"', r.text)
        assert loads and links, path  # every page loads its stylesheet and links its menu
        for url in loads:
            assert url.startswith("/static/"), (path, url)
        for url in links:  # links stay on the site but for an article's own http(s) source
            assert (url.startswith(("/", "?")) and not url.startswith("//")) or url == "https://example.org/h1", (path, url)


def test_read_only_no_write_routes(app):
    for r in app.routes:
        assert set(getattr(r, "methods", None) or {"GET"}) <= {"GET", "HEAD"}, r.path
    for method in ("POST", "PUT", "DELETE", "PATCH"):
        r = get(app, "/api/articles/h1", method=method)
        assert r.status_code == 405 and r.json()["error"]["code"] == "E132"


def test_head_is_get_without_a_body(app):
    r = get(app, "/", method="HEAD")
    assert r.status_code == 200 and r.content == b"" and "content-security-policy" in r.headers


def test_the_store_is_opened_per_request_and_released(app, hand_db):
    assert get(app, "/api/overview").status_code == 200
    with Store(hand_db) as st:  # a writer can open it between requests
        assert st.con.execute("SELECT count(*) FROM documents").fetchone()[0] == 3
    assert get(app, "/api/overview").status_code == 200


def test_openapi_without_cdn_docs(app):
    spec, docs, redoc = fetch(app, "/openapi.json", "/docs", "/redoc")
    paths = spec.json()["paths"]
    for p in ("/api/articles", "/api/articles/{doc_id}", "/api/actors", "/api/actors/{corpus_id}", "/api/network",
              "/api/claims", "/api/disagreements", "/api/search"):
        assert p in paths, p
    assert all(set(ops) <= {"get"} for ops in paths.values())
    assert docs.status_code == 404 and redoc.status_code == 404


def test_requests_for_other_hosts_are_refused(hand_db):
    local = create_app(hand_db)
    for host in ("127.0.0.1:8000", "localhost", "[::1]:8000"):
        assert get(local, "/api/overview", headers={"host": host}).status_code == 200, host
    r = get(local, "/api/overview", headers={"host": "evil.example"})
    assert r.status_code == 400 and r.json()["error"]["code"] == "E135"
    assert get(create_app(hand_db, allowed_hosts=["*"]), "/api/overview",
               headers={"host": "evil.example"}).status_code == 200


# ---------------------------------------------------------------- dyads serve

def test_serve_binds_to_the_loopback_by_default(hand_db):
    from dyads.cli import app as cli

    cmd = typer.main.get_command(cli).commands["serve"]
    opts = {p.name: p for p in cmd.params}
    assert opts["host"].default == "127.0.0.1" == DEFAULT_HOST and opts["port"].default == 8000
    config = server_config(hand_db)
    assert config.host == "127.0.0.1" and config.port == 8000
    assert allowed_hosts_for("127.0.0.1") == ["127.0.0.1", "::1", "[::1]", "localhost"]
    assert allowed_hosts_for("0.0.0.0") == ["*"]
    assert "192.168.1.5" in allowed_hosts_for("192.168.1.5")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_dyads_serve_listens_on_127_0_0_1(hand_db, tmp_path):
    port = _free_port()
    log = open(tmp_path / "serve.log", "w+")
    proc = subprocess.Popen([sys.executable, "-m", "dyads", "serve", "--db", hand_db, "--port", str(port)],
                            stdout=log, stderr=subprocess.STDOUT)
    try:
        deadline, r = time.time() + 60, None
        while time.time() < deadline:
            try:
                r = httpx.get(f"http://127.0.0.1:{port}/api/overview", timeout=2)
                break
            except httpx.TransportError:
                time.sleep(0.3)
        assert r is not None and r.status_code == 200 and r.json()["counts"]["articles"] == 3
        log.seek(0)
        assert f"http://127.0.0.1:{port}" in log.read()
    finally:
        proc.terminate()
        proc.wait(timeout=20)
        log.close()


class FakeAnalyzer:
    """Stands in for the pipeline: one actor per article, its first word (and, as the Analyzer,
    the text's sha256 in the document)."""

    def pipe(self, articles):
        for a in articles:
            if not isinstance(a, Article):  # a DocumentFailure from the reader goes through
                yield a
                continue
            word = a.text.split()[0]
            r = result(a.id, a.text, [Actor("A1", word, "organization", [word], None, {}, {},
                                            [Mention(0, len(word), word)])], title=a.title)
            r.document.sha256 = hashlib.sha256(a.text.encode("utf-8")).hexdigest()
            yield r


def test_serve_file_prepares_a_temporary_store(tmp_path):
    src = tmp_path / "note.txt"
    src.write_text("Hizbullah fighters crossed the border on Monday.\n", encoding="utf-8")
    prepared = prepare_article_store([str(src)], analyzer=FakeAnalyzer())
    try:
        assert os.path.exists(prepared.db) and prepared.doc_ids == ["note"]
        assert prepared.start_path == "/articles/note"
        r = get(create_app(prepared.db), prepared.start_path)
        assert r.status_code == 200 and "Hizbullah" in r.text
    finally:
        prepared.cleanup()
    assert not os.path.exists(prepared.directory)


def test_serve_file_with_nothing_to_analyse(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    with pytest.raises(DyadsError) as err:
        prepare_article_store([str(empty)], analyzer=FakeAnalyzer())
    assert err.value.code == "E136"
    with pytest.raises(DyadsError) as err:
        serve(db="x.duckdb", paths=[str(empty)])
    assert err.value.code == "E111"


# ---------------------------------------------------------------- the real pipeline (slow)

REAL = [
    ("d1", "Levant Desk", "2024-05-01", "Russia supported the Syrian government with warplanes. "
     "Turkey supported the Free Syrian Army with weapons."),
    ("d2", "River Post", "2024-05-03", "Turkey attacked the Free Syrian Army near Azaz. "
     "Alawites make up 10 per cent of the population of Syria, said Samir Haddad."),
    ("d3", "Levant Desk", "2024-06-10", "Hizbullah fighters attacked the Islamic State near Qusayr. "
     "The Islamic State attacked Alawite villages near Latakia, residents said."),
]
XSS_REAL = ("Officials found <script>alert(1)</script> in the report. <img src=x onerror=alert(2)> was posted "
            'with <a href="javascript:alert(3)">x</a>. Commander <b onmouseover=alert(4)>Abu Omar</b> of the '
            "Free Syrian Army said the regime attacked the rebels. \"We will fight on,\" said Abu Omar.")


@pytest.fixture(scope="module")
def real_db(tmp_path_factory):
    from dyads import Analyzer

    text = EXAMPLE.read_text(encoding="utf-8")
    arts = [Article(text=text, id="civil-war", title="Syria's Alawites caught between the regime and its enemies",
                    date="2024-05-06", source="dyads examples")]
    arts += [Article(text=t, id=i, source=s, date=d) for i, s, d, t in REAL]
    arts.append(Article(text=XSS_REAL, id="hostile", title="<script>alert(5)</script>", date="2024-07-01",
                        source="<img src=x onerror=alert(6)>", url="javascript:alert(7)"))
    results = list(Analyzer(batch_size=4).pipe(arts))
    assert all(isinstance(r, ArticleResult) for r in results)
    return build_store(tmp_path_factory.mktemp("real") / "real.duckdb", results)


@pytest.fixture(scope="module")
def real_app(real_db):
    return create_app(real_db)


@pytest.mark.slow
def test_the_example_article_reads_as_its_system(real_app):
    page, api = fetch(real_app, "/articles/civil-war", "/api/articles/civil-war")
    assert page.status_code == 200
    for kind in ("actor", "quote", "event", "quantity"):
        assert f"hl k-{kind}" in page.text or f" k-{kind}" in page.text, kind
    data = api.json()
    voices = {it["voice"] for it in data["items"].values() if it["kind"] == "quote"}
    assert {"Leila Mansour", "Omar Khatib", "Samir Haddad"} <= voices
    numbers = {it["title"] for it in data["items"].values() if it["kind"] == "quantity"}
    assert "about 12 per cent" in numbers
    names = {a["name"] for a in data["actors"]}
    assert {"Alawites", "Syrian government", "Islamic State", "Syrian opposition"} <= names
    camp_of = {m["name"]: c["camp"] for c in data["camps"] for m in c["members"]}
    assert camp_of["Alawites"] == camp_of["Syrian government"] != camp_of["Islamic State"]


@pytest.mark.slow
def test_the_actor_and_network_pages_over_the_real_corpus(real_app):
    alawites = get(real_app, "/api/actors/community%3Aalawites").json()
    assert {"Islamic State", "Al-Nusra Front"} <= {a["name"] for a in alawites["enemies"]}
    assert all(e["evidence"] and e["evidence"][0]["href"].startswith("/articles/") for e in alawites["enemies"])
    gov = get(real_app, "/api/actors/gov%3ASYR").json()
    assert "Russia" in {a["name"] for a in gov["allies"]} and "Syrian opposition" in {a["name"] for a in gov["enemies"]}
    assert alawites["timeline"]["rows"]
    assert get(real_app, "/actors/community%3Aalawites").status_code == 200
    net = get(real_app, "/api/network").json()
    assert net["counts"]["nodes"] >= 6 and net["counts"]["negative"] >= 1 and net["counts"]["positive"] >= 1
    one = get(real_app, "/api/network?doc=civil-war").json()
    assert 0 < one["counts"]["nodes"] <= net["counts"]["nodes"]
    fewer = get(real_app, "/api/network?category=ASSAULT").json()
    assert 0 < fewer["counts"]["edges"] < net["counts"]["edges"]
    assert all(e["categories"].keys() == {"ASSAULT"} for e in fewer["edges"])
    page = get(real_app, "/network").text
    assert f'data-nodes="{net["counts"]["nodes"]}"' in page and f'data-edges="{net["counts"]["edges"]}"' in page


@pytest.mark.slow
def test_claims_search_and_disagreements_over_the_real_corpus(real_app):
    claims = get(real_app, "/api/claims?speaker=Samir%20Haddad").json()
    assert claims["quotes"] and {x["who"] for x in claims["quotes"]} == {"Samir Haddad"}
    nums = get(real_app, "/api/claims?actor=Alawites").json()["quantities"]
    assert {"about 12 per cent", "10 per cent"} <= {n["text"] for n in nums}
    dis = get(real_app, "/api/disagreements").json()["disagreements"]
    assert any(d["kind"] == "quantity" and d["subject"] == "Alawites" for d in dis)
    found = get(real_app, "/api/search?q=latakia").json()
    assert "civil-war" in [a["doc_id"] for a in found["articles"]]
    assert "Hezbollah" in [a["name"] for a in get(real_app, "/api/search?q=hizbullah").json()["actors"]]
    assert get(real_app, "/claims").status_code == 200 and get(real_app, "/search?q=regime").status_code == 200


@pytest.mark.slow
def test_a_hostile_article_analysed_for_real_stays_inert(real_app, real_db):
    ids = corpus_ids(real_db)
    paths = ["/", "/articles", "/articles/hostile", "/api/articles/hostile", "/network", "/network?doc=hostile",
             "/api/network?doc=hostile", "/claims", "/api/claims", "/actors", "/api/actors", "/search?q=alert",
             "/api/search?q=alert", "/api/disagreements", "/api/overview"]
    paths += [p + q(i) for i in ids for p in ("/actors/", "/api/actors/")]
    for path, r in zip(paths, fetch(real_app, *paths)):
        assert r.status_code == 200, path
        assert "content-security-policy" in r.headers
        assert_inert(r.text, path)
    page = get(real_app, "/articles/hostile").text
    shown = re.search(r'<div class="text" id="text">(.*?)</div>', page, re.S).group(1)
    assert "&lt;" in shown and "&gt;" in shown and "<b " not in shown
    assert html.unescape(re.sub(r"<[^>]+>", "", shown)) == XSS_REAL  # all the text, escaped, highlights aside


@pytest.mark.slow
def test_serve_file_analyses_the_example_for_real():
    prepared = prepare_article_store([str(EXAMPLE)])
    try:
        assert prepared.doc_ids == ["civil-war"] and prepared.start_path == "/articles/civil-war"
        r = get(create_app(prepared.db), prepared.start_path)
        assert r.status_code == 200 and "Leila Mansour" in r.text
    finally:
        prepared.cleanup()


def test_cli_serve_refuses_files_and_a_store_together(tmp_path):
    from typer.testing import CliRunner

    from dyads.cli import app as cli

    src = tmp_path / "a.txt"
    src.write_text("Russia supported the Syrian government.", encoding="utf-8")
    res = CliRunner().invoke(cli, ["serve", str(src), "--db", str(tmp_path / "x.duckdb")])
    assert res.exit_code == 2 and "E111" in res.output


def test_the_web_benchmark_prints_its_figures(hand_db, tmp_path):
    bench = Path(__file__).resolve().parents[2] / "benchmarks" / "web_bench.py"
    out = tmp_path / "web.json"
    res = subprocess.run([sys.executable, str(bench), "--db", hand_db, "--repeat", "1", "--json", str(out)],
                         capture_output=True, text=True, timeout=300)
    assert res.returncode == 0, res.stderr
    assert "slowest:" in res.stdout
    figures = json.loads(out.read_text())
    import importlib.util

    spec = importlib.util.spec_from_file_location("web_bench", bench)
    web_bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(web_bench)
    routes = figures["routes"]
    assert set(routes) == set(web_bench.routes(figures["samples"])) and "/network" in routes
    assert figures["samples"]["doc"] == "h1"  # the article with the most events
    for route, r in routes.items():  # every route answered with a body and was timed
        assert r["bytes"] > 0 and r["median"] <= r["max"], (route, r)


def test_a_store_holding_infinity_is_served_as_valid_json(tmp_path):
    """A store written before numbers were checked holds a quantity of value inf: the article and
    claims APIs answer 200 with null there (they raised 500), and the page embeds valid JSON."""
    text = "Officials counted " + "9" * 400 + " people and 12 tanks."
    r = ArticleResult(Document(id="old", chars=len(text), sha256="x"), actors=[
        Actor("A1", "Officials", "organization", ["Officials"], None, {}, {}, [Mention(0, 9, "Officials")])],
        quantities=[Quantity("N1", "9" * 400, 18, 418, value=float("inf"), unit="people"),
                    Quantity("N2", "12", 430, 432, value=12, unit="tanks")])
    r.text = text
    db = str(tmp_path / "old.duckdb")
    with Store(db) as st:
        st.write([r], st.start_run("test", [], "t"))
        rebuild_corpus(st)
        # as an older writer left it: the value itself infinite
        st.con.execute("UPDATE quantities SET value = 'inf'::DOUBLE, high = 'inf'::DOUBLE WHERE text LIKE '999%'")
        assert st.con.execute("SELECT count(*) FROM quantities WHERE isinf(value)").fetchone()[0] == 1
    app = create_app(db)

    def refuse(name):
        raise ValueError(name)

    for path in ("/api/articles/old", "/api/claims"):
        resp = get(app, path)
        assert resp.status_code == 200, (path, resp.text[:200])
        assert "Infinity" not in resp.text
        json.loads(resp.text, parse_constant=refuse)
    data = get(app, "/api/articles/old").json()
    assert {q["value"] for q in data["result"]["quantities"]} == {None, 12}
    page = get(app, "/articles/old")
    assert page.status_code == 200 and "Infinity" not in page.text


# ---------------------------------------------------------------- one route per resource: HTML or JSON

JSON = {"accept": "application/json"}
SAME = [("/", "/api/overview", "/overview.json"), ("/articles?limit=1", "/api/articles?limit=1", "/articles.json?limit=1"),
        ("/articles/h1", "/api/articles/h1", "/articles/h1.json"), ("/actors?q=khatib", "/api/actors?q=khatib",
                                                                   "/actors.json?q=khatib"),
        ("/claims", "/api/claims", "/claims.json"),
        ("/search?q=homs", "/api/search?q=homs", "/search.json?q=homs"), ("/network", "/api/network", "/network.json")]


@pytest.mark.parametrize("page,api,suffix", SAME)
def test_a_page_path_gives_the_json_of_its_api_alias(app, page, api, suffix):
    html, as_json, alias, by_suffix = (get(app, page), get(app, page, headers=JSON), get(app, api), get(app, suffix))
    assert html.headers["content-type"].startswith("text/html") and "accept" in html.headers["vary"].lower()
    for r in (as_json, alias, by_suffix):
        assert r.status_code == 200 and r.headers["content-type"].startswith("application/json"), r.url
    assert as_json.json() == alias.json() == by_suffix.json()
    assert "content-security-policy" in as_json.headers


def test_one_actor_by_accept_and_suffix(app):
    href = get(app, "/api/actors?q=khatib").json()["actors"][0]["href"]
    alias = get(app, href.replace("/actors/", "/api/actors/", 1)).json()
    assert get(app, href, headers=JSON).json() == alias == get(app, href + ".json").json()
    assert get(app, href).headers["content-type"].startswith("text/html")


@pytest.mark.parametrize("accept,expected", [
    ("application/json", True), ("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", False),
    ("*/*", False), ("", False), ("application/json;q=0.5, text/html", False), ("text/html;q=0.2, application/json", True),
    ("application/json, text/html", False), ("application/json;q=x", False),
])
def test_accept_chooses_json_only_when_it_prefers_it(accept, expected):
    from dyads.web.app import prefers_json

    assert prefers_json(accept) is expected


def test_an_id_ending_in_json_is_the_id_first(hand_db, tmp_path):
    """An article whose id ends in .json stays its page; .json is read as the format only when
    no article has the id as written."""
    from dyads.web.app import answer_one
    from dyads.errors import DyadsError
    seen = []

    def build(store, the_id):
        seen.append(the_id)
        if the_id not in ("x.json", "y"):
            raise DyadsError("E130", detail=the_id)
        return {"id": the_id, "page": "article"}

    class Req:
        def __init__(self, path, accept=""):
            self.url = type("U", (), {"path": path})()
            self.headers = {"accept": accept}
            self.scope = {"path": path, "headers": [(b"accept", accept.encode())]}

    import dyads.web.app as web_app
    rendered = []
    orig = web_app.render
    web_app.render = lambda template, ctx, status=200: rendered.append(ctx) or orig("error.html", {
        "page": "error", "title": "t", "status": 200, "code": "", "message": "", "store": ""})
    try:
        r = answer_one(Req("/articles/x.json"), hand_db, "article.html", build, "x.json", "E130")
        assert r.headers["content-type"].startswith("text/html") and rendered == [{"id": "x.json", "page": "article"}]
        r = answer_one(Req("/articles/y.json"), hand_db, "article.html", build, "y.json", "E130")
        assert r.headers["content-type"].startswith("application/json") and json.loads(r.body)["id"] == "y"
        with pytest.raises(DyadsError):  # under /api/ the id is as written
            answer_one(Req("/api/articles/y.json"), hand_db, "article.html", build, "y.json", "E130")
        with pytest.raises(DyadsError):  # neither id: the error, for the id as written
            answer_one(Req("/articles/z.json"), hand_db, "article.html", build, "z.json", "E130")
    finally:
        web_app.render = orig
    assert seen == ["x.json", "y.json", "y", "y.json", "z.json", "z"]


@pytest.mark.parametrize("query,code", [("since=2014-13", "E109"), ("category=FIGHT", "E110"),
                                        ("min_weight=0", "E132"), ("min_weight=abc", "E132")])
def test_a_bad_filter_is_the_same_error_on_every_form(app, query, code):
    page, alias, suffix = fetch(app, "/network?" + query, "/api/network?" + query, "/network.json?" + query)
    as_json = get(app, "/network?" + query, headers=JSON)
    assert page.status_code == 422 and page.headers["content-type"].startswith("text/html") and code in page.text
    bodies = [r.json() for r in (as_json, alias, suffix)]
    assert all(r.status_code == 422 for r in (as_json, alias, suffix))
    assert bodies[0]["error"]["code"] == code and bodies[0] == bodies[1] == bodies[2]
    assert bodies[0]["error"]["message"] in page.text.replace("&#39;", "'")


def test_search_json_needs_q_but_the_page_does_not(app):
    assert get(app, "/search").status_code == 200
    for r in (get(app, "/search", headers=JSON), get(app, "/search.json"), get(app, "/api/search?q=%20")):
        assert r.status_code == 422 and r.json()["error"]["code"] == "E132"


def test_each_filter_is_declared_once():
    from dyads.web.params import PARAMS, filters

    assert {"since", "until", "category", "source", "actor", "speaker", "min_weight", "own", "doc", "limit",
            "q"} <= set(PARAMS)
    with pytest.raises(ValueError):
        filters("sinse")
