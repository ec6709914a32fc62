"""The web UI in a real browser (issue 6, "Measured"): Playwright drives headless Chromium
against `dyads serve`'s own server (server_config, uvicorn on a free port of 127.0.0.1) over a
store the real pipeline built from the team's example article (Analyzer, Store.write,
rebuild_corpus).

What a reader does: open the article, see its highlights, point at one and read in the details
panel what it is and whose voice asserts it; follow a link to an actor and see its page; open
the network and see it drawn, as many nodes as the API gives, then filter it and see the count
the API gives for that filter. No page may log a console error or throw. Each of the three pages
is screenshotted and checked not to be blank; the PNGs are written to docs/ (the README shows
them) only when asked, with DYADS_SCREENSHOTS=1, never on an ordinary run:

    DYADS_SCREENSHOTS=1 python -m pytest tests/web/test_browser.py

Needs a Chromium executable (Debian's `chromium`; never Playwright's downloaded browsers;
DYADS_CHROMIUM names another one). Without one the tests are skipped, saying why, except in CI
(CI=true), where a missing Chromium is a failure: .ci/run installs it.
"""
from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from pathlib import Path
from urllib.parse import quote

import httpx
import pytest

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "civil-war.txt"
DOCS = ROOT / "docs"
VIEWPORT = {"width": 1280, "height": 900}
# Debian's Chromium as DESIGN.md launches it (the sandbox needs privileges a CI container lacks)
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-dev-shm-usage"]
TIMEOUT_MS = 30_000


def find_chromium() -> str | None:
    """A Chromium executable: $DYADS_CHROMIUM, else the usual names on the PATH or in /usr/bin."""
    env = os.environ.get("DYADS_CHROMIUM")
    if env:
        return env if os.access(env, os.X_OK) else None
    for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"):
        found = shutil.which(name)
        if found:
            return found
    for path in ("/usr/bin/chromium", "/usr/lib/chromium/chromium", "/snap/bin/chromium"):
        if os.access(path, os.X_OK):
            return path
    return None


CHROMIUM = find_chromium()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# ---------------------------------------------------------------- the store and the server

@pytest.fixture(scope="module")
def chromium_path() -> str:
    if CHROMIUM is None:
        named = os.environ.get("DYADS_CHROMIUM")
        where = f"DYADS_CHROMIUM={named!r} is not an executable" if named else "none on the PATH or in /usr/bin"
        why = (f"no Chromium executable found ({where}): the browser tests need one; install Debian's "
               "`chromium` (apt-get install -y chromium) or set DYADS_CHROMIUM")
        if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
            pytest.fail(f"CI: {why}")  # CI must run what it claims to check
        pytest.skip(why)
    return CHROMIUM


@pytest.fixture(scope="module")
def store_db(chromium_path, tmp_path_factory) -> str:
    """The example article through the real pipeline (Analyzer), stored (Store.write) with its corpus
    actors and incidents built (run.ingest.across_articles), as `dyads ingest` does; its headline, a date and an outlet given
    as an ingest record would (a .txt file carries none)."""
    from dyads import Analyzer
    from dyads.model import Article, ArticleResult
    from dyads.run.ingest import across_articles
    from dyads.store import Store

    text = EXAMPLE.read_text(encoding="utf-8")
    article = Article(text=text, id="civil-war", title=text.splitlines()[0].strip(), date="2024-05-06",
                      source="dyads examples")
    results = list(Analyzer().pipe([article]))
    assert len(results) == 1 and isinstance(results[0], ArticleResult), results
    db = str(tmp_path_factory.mktemp("browser") / "example.duckdb")
    with Store(db) as store:
        store.write(results, store.start_run("test", [str(EXAMPLE)], "test"))
        across_articles(store, rebuild=True)
    return db


@pytest.fixture(scope="module")
def server(store_db):
    """The real server (dyads.web.serve.server_config) in a background thread; yields its base URL."""
    import uvicorn

    from dyads.web.serve import server_config

    port = _free_port()
    srv = uvicorn.Server(server_config(store_db, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=srv.run, name="dyads-serve", daemon=True)
    thread.start()
    deadline = time.time() + 30
    while not srv.started and thread.is_alive() and time.time() < deadline:
        time.sleep(0.05)
    assert srv.started, "the server did not start"
    base = f"http://127.0.0.1:{port}"
    try:
        yield base
    finally:
        srv.should_exit = True
        thread.join(timeout=15)


@pytest.fixture(scope="module")
def api(server):
    with httpx.Client(base_url=server, timeout=30) as client:
        def get(path: str) -> dict:
            r = client.get(path)
            assert r.status_code == 200, (path, r.status_code, r.text[:300])
            return r.json()

        yield get


# ---------------------------------------------------------------- the browser

@pytest.fixture(scope="module")
def browser(chromium_path):
    try:
        from playwright.sync_api import sync_playwright
    except ImportError as exc:  # a test dependency (pyproject's [test] extra), so a failure, not a skip
        pytest.fail(f"playwright is not installed ({exc}): python -m pip install -e '.[test]'")
    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=chromium_path, headless=True, args=CHROMIUM_ARGS)
        try:
            yield b
        finally:
            b.close()


class Watched:
    """A page whose console errors, uncaught exceptions and failed requests are all kept."""

    def __init__(self, browser):
        self.context = browser.new_context(viewport=VIEWPORT, device_scale_factor=1, locale="en-US",
                                           timezone_id="UTC", reduced_motion="reduce")
        self.context.set_default_timeout(TIMEOUT_MS)
        self.page = self.context.new_page()
        self.problems: list[str] = []
        self.page.on("console", self._console)
        self.page.on("pageerror", lambda exc: self.problems.append(f"page error on {self.page.url}: {exc}"))
        self.page.on("requestfailed", self._failed)

    def _console(self, msg):
        if msg.type == "error":
            self.problems.append(f"console error on {self.page.url}: {msg.text}")

    def _failed(self, req):
        if "ERR_ABORTED" not in (req.failure or ""):  # a navigation cancels what the old page still loaded
            self.problems.append(f"request failed on {self.page.url}: {req.url} ({req.failure})")

    def goto(self, url: str):
        r = self.page.goto(url, wait_until="load")
        assert r is not None and r.status == 200, (url, r and r.status)
        return r

    def goto_missing(self, url: str):
        """A page deliberately requested to be missing: a 404 error page, whose one expected console
        line ("Failed to load resource ... 404") is not a problem."""
        before = len(self.problems)
        r = self.page.goto(url, wait_until="load")
        assert r is not None and r.status == 404, (url, r and r.status)
        expected = [p for p in self.problems[before:] if "console error" in p and "404" in p]
        assert len(expected) <= 1, self.problems[before:]
        self.problems = [p for p in self.problems if p not in expected]

    def assert_clean(self):
        assert not self.problems, "\n".join(self.problems)

    def close(self):
        self.context.close()


@pytest.fixture()
def watched(browser):
    w = Watched(browser)
    yield w
    w.close()


def shoot(page, name: str) -> Path | None:
    """A viewport screenshot (PNG, kept small), checked not to be blank; written to docs/ only with
    DYADS_SCREENSHOTS=1 (the tracked images change only when someone means to change them)."""
    png = page.screenshot(full_page=False, animations="disabled", caret="hide")
    assert 10_000 < len(png) < 600_000, (name, len(png))  # not blank; ~250 KB here, fonts vary
    if os.environ.get("DYADS_SCREENSHOTS") != "1":
        return None
    DOCS.mkdir(exist_ok=True)
    path = DOCS / name
    path.write_bytes(png)
    return path


# ---------------------------------------------------------------- the pages

def test_the_article_page_highlights_and_explains(server, api, watched):
    data = api("/api/articles/civil-war")
    items = data["items"]
    page = watched.page
    watched.goto(f"{server}/articles/civil-war")
    page.wait_for_selector('#text[data-ready="1"]')  # article.js has bound its handlers
    assert page.locator("h1").first.inner_text().startswith("Syria's Alawites caught between")

    # every kind is highlighted, and as many items of each kind as the API lists are marked
    counts = {k: page.locator(f"#text .hl.k-{k}").count() for k in ("actor", "quote", "event", "quantity", "place")}
    for kind in ("actor", "quote", "event", "quantity"):
        assert counts[kind] > 0, counts
    marked = set(" ".join(page.locator("#text .hl").evaluate_all("els => els.map(e => e.dataset.refs)")).split())
    for kind in ("actor", "quote", "quantity"):
        refs = {r for r, it in items.items() if it["kind"] == kind}
        assert refs and refs <= marked, (kind, sorted(refs - marked))

    # known items of the example are there, each under a highlight of its kind
    def ref_of(kind, title=None, voice=None):
        found = [r for r, it in items.items() if it["kind"] == kind and (title is None or it["title"] == title)
                 and (voice is None or it["voice"] == voice)]
        assert found, (kind, title, voice)
        return found[0]

    alawites = ref_of("actor", "Alawites")
    mansour_quote = ref_of("quote", "direct quote", "Leila Mansour")
    twelve = ref_of("quantity", "about 12 per cent")
    for ref, kind in ((alawites, "actor"), (mansour_quote, "quote"), (twelve, "quantity")):
        assert page.locator(f'#text .hl.k-{kind}[data-refs~="{ref}"]').count() > 0, ref
    assert "Alawites" in page.locator(f'#text .hl.k-actor[data-refs~="{alawites}"]').first.inner_text()
    assert "Our sons die" in page.locator(f'#text .hl.k-quote[data-refs~="{mansour_quote}"]').first.inner_text()
    assert "12 per cent" in page.locator(f'#text .hl.k-quantity[data-refs~="{twelve}"]').first.inner_text()
    for name in ("Alawites", "Syrian government", "Islamic State", "Leila Mansour", "Omar Khatib"):
        assert page.locator(".doc-side a", has_text=name).count() > 0, name

    details = page.locator("#details")
    assert "Nothing selected" in details.inner_text()

    # hovering the quote: the panel says it is a quote and that Leila Mansour asserts it
    page.locator(f'#text .hl.k-quote[data-refs~="{mansour_quote}"]').first.hover()
    card = details.locator(".card", has=page.locator("span.kind.quote"))
    card.first.wait_for()
    text = card.first.inner_text()
    assert "quote" in text and "direct quote" in text and "voice:" in text, text
    assert card.first.locator(".voice.claimed").inner_text() == "Leila Mansour"

    # hovering the number: a number, in whose voice (the article's own here)
    page.locator(f'#text .hl.k-quantity[data-refs~="{twelve}"]').first.hover()
    num = details.locator(".card", has=page.locator("span.kind.quantity"))
    num.first.wait_for()
    assert "about 12 per cent" in num.first.inner_text()
    assert num.first.locator(".voice").inner_text() == items[twelve]["voice"] == "article"

    # clicking an actor pins its card: what it is, whose voice, and a link to its page
    page.locator(f'#text .hl.k-actor[data-refs~="{alawites}"]').first.click()
    assert "pinned" in (details.get_attribute("class") or "")
    actor_card = details.locator(".card", has=page.locator("span.kind.actor"))
    actor_card.first.wait_for()
    text = actor_card.first.inner_text()
    assert "actor" in text and "Alawites" in text and "article" in text, text
    page.mouse.move(5, 5)  # pinned: moving away keeps the card
    assert "Alawites" in details.inner_text()
    shoot(page, "article.png")
    watched.assert_clean()

    # and the link in the card opens the actor's page
    link = actor_card.first.locator("a", has_text="actor page")
    assert link.get_attribute("href") == "/actors/" + quote("community:alawites", safe="")
    with page.expect_navigation():
        link.click()
    assert page.url == f"{server}/actors/community%3Aalawites"
    assert page.locator("h1").first.inner_text().startswith("Alawites")
    watched.assert_clean()


def test_an_actor_page_from_the_article(server, api, watched):
    page = watched.page
    watched.goto(f"{server}/articles/civil-war")
    link = page.locator(".doc-side .box a", has_text="Syrian government").first
    href = link.get_attribute("href")
    assert href == "/actors/gov%3ASYR"
    with page.expect_navigation():
        link.click()
    assert page.url == server + href
    data = api(href.replace("/actors/", "/api/actors/", 1))
    h1 = page.locator("header.actor-head h1")
    assert h1.inner_text().startswith("Syrian government")
    assert h1.locator(".type").inner_text() == data["actor"]["type"]
    # its incidents (one row a happening), as many as the API gives; every report one click away
    assert page.locator("h2", has_text="Its incidents").count() == 1
    assert page.locator("table.incidents tbody tr").count() == len(data["incidents"]["rows"]) > 0
    page.locator("details summary", has_text="Every report").click()
    headings = page.locator("h3", has_text="As ").all_inner_texts()
    assert headings == ["As source", "As target"], headings
    rows = page.locator("table.events tbody tr")
    assert rows.count() == len(data["events_as_source"]) + len(data["events_as_target"]) > 0
    shown = rows.all_inner_texts()
    for e in data["events_as_source"] + data["events_as_target"]:
        assert any(e["category"] in t and e["trigger"] in t for t in shown), (e, shown)
    assert page.locator("ul.articles a", has_text="Syria's Alawites").count() == 1
    # enemies and allies with the evidence linking back to the article
    assert page.locator("ul.ties a").count() > 0
    shoot(page, "actor.png")
    watched.assert_clean()


def test_the_network_page_draws_what_the_api_gives(server, api, watched):
    page = watched.page
    full = api("/api/network")
    assert full["counts"]["nodes"] > 2 and full["counts"]["edges"] > 1
    watched.goto(f"{server}/network")
    graph = page.wait_for_selector('#graph[data-state="ready"]')
    assert int(graph.get_attribute("data-nodes")) == full["counts"]["nodes"]
    assert int(graph.get_attribute("data-edges")) == full["counts"]["edges"]
    assert page.locator("#n-nodes").inner_text() == str(full["counts"]["nodes"])
    assert_drawn(page)
    page.mouse.move(0, 0)
    shoot(page, "network.png")

    # a filter: a category the API gives a different, non-empty network for
    counts = {}
    for cat in ("ASSAULT", "AID", "SUPPORT", "ACCUSE", "REQUEST"):
        counts[cat] = api(f"/api/network?category={cat}")["counts"]
        if 0 < counts[cat]["nodes"] != full["counts"]["nodes"]:
            break
    else:
        pytest.fail(f"no category filter changes the network: {counts}")
    expected = counts[cat]
    page.select_option('#net-filters select[name="category"]', cat)
    page.click('#net-filters button[type="submit"]')
    page.wait_for_selector(f'#graph[data-state="ready"][data-nodes="{expected["nodes"]}"]')
    assert int(graph.get_attribute("data-edges")) == expected["edges"]
    assert page.locator("#n-nodes").inner_text() == str(expected["nodes"])
    assert page.url == f"{server}/network?category={cat}"
    assert_drawn(page)

    # a minimum weight on top of it: the count the API gives for both filters
    both = api(f"/api/network?category={cat}&min_weight=2")["counts"]
    page.fill('#net-filters input[name="min_weight"]', "2")
    page.click('#net-filters button[type="submit"]')
    page.wait_for_selector(f'#graph[data-state="ready"][data-nodes="{both["nodes"]}"]')
    assert "min_weight=2" in page.url and int(graph.get_attribute("data-edges")) == both["edges"]

    # the filtered page loaded afresh draws the same
    watched.goto(f"{server}/network?category={cat}")
    graph = page.wait_for_selector('#graph[data-state="ready"]')
    assert int(graph.get_attribute("data-nodes")) == expected["nodes"]
    assert_drawn(page)
    watched.assert_clean()


def assert_drawn(page):
    """vis-network's canvas is there, sized, and has ink on it."""
    canvas = page.locator("#graph canvas")
    assert canvas.count() == 1
    box = canvas.bounding_box()
    assert box and box["width"] > 200 and box["height"] > 200, box
    inked = canvas.evaluate("""c => {
        const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
        let n = 0;
        for (let i = 3; i < d.length; i += 4) if (d[i] > 0) n++;
        return n;
    }""")
    assert inked > 500, inked


def test_no_page_logs_an_error(server, api, watched):
    """Every page of the site, visited in the browser, loads without a console error or exception."""
    actors = [a["href"] for a in api("/api/articles/civil-war")["actors"]]
    paths = ["/", "/articles", "/actors", "/claims", "/search?q=alawites", "/network?doc=civil-war",
             "/network?own=1", "/articles/civil-war"] + actors
    for path in paths:
        watched.goto(server + path)
        if path.startswith("/network"):
            watched.page.wait_for_selector('#graph[data-state="ready"]')
    watched.assert_clean()
    # what is not there: the HTML error page with its code, and nothing else goes wrong
    watched.goto_missing(f"{server}/articles/no-such-article")
    assert watched.page.locator(".error-page h1").inner_text() == "404"
    assert watched.page.locator(".error-page .code").inner_text() == "E130"
    watched.goto_missing(f"{server}/actors/{quote('nobody:here', safe='')}")
    assert watched.page.locator(".error-page .code").inner_text() == "E131"
    watched.assert_clean()
