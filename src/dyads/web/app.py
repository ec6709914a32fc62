"""The web app over a corpus store: server-rendered pages and a JSON API, read-only.

    app = create_app("corpus.duckdb")        # uvicorn.run(app) or `dyads serve --db corpus.duckdb`

Every page's data is one context dict built by one function (context.py, article.py,
actor.py, network.py): the page route renders it with its Jinja template (autoescape on), the
API route under /api/ returns the same dict as JSON. One error shape for the API:
{"error": {"code": "E130", "message": "..."}} (404 unknown id, 422 bad filter, 500); pages get
an HTML error page with the same code and message.

Safety: every text from the store is escaped (Jinja autoescape; JSON with <, >, & and the
line separators escaped, so no response holds markup from the data); a strict
Content-Security-Policy (scripts and styles from /static only, nothing inline); static files
served from a fixed whitelist of names (no part of a URL reaches the file system); the store
opened read-only for each request and closed after it; GET routes only; requests whose Host
is not the server's (DNS rebinding) refused.
"""
from __future__ import annotations

import logging
import os
import re
from functools import lru_cache
from typing import Any, Callable, Optional, Sequence

from fastapi import FastAPI, Query
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from jinja2 import Environment, PackageLoader
from starlette.convertors import Convertor, register_url_convertor
from starlette.exceptions import HTTPException as StarletteHTTPException

from .. import __version__
from ..errors import DyadsError
from ..errors import message as error_message
from .actor import actor_context
from .article import article_context
from .context import (actors_context, articles_context, claims_context, clean_filters, disagreements_context,
                      overview_context, search_context)
from .network import network_context
from .store import open_store, rendition

log = logging.getLogger("dyads.web")

LOOPBACK = ("127.0.0.1", "localhost", "::1", "[::1]")

CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; font-src 'self'; "
       "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
SECURITY_HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"no-referrer"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"cross-origin-resource-policy", b"same-origin"),
]

# the only files /static/ serves: name -> media type (the file is looked up in this table, never by path)
STATIC = {
    "style.css": "text/css; charset=utf-8",
    "dom.js": "text/javascript; charset=utf-8",
    "article.js": "text/javascript; charset=utf-8",
    "network.js": "text/javascript; charset=utf-8",
    "claims.js": "text/javascript; charset=utf-8",
    "vis-network.min.js": "text/javascript; charset=utf-8",
    "favicon.svg": "image/svg+xml",
}
STATIC_DIR = os.path.join(os.path.dirname(__file__), "static")

STATUS = {"E130": 404, "E131": 404, "E133": 404, "E109": 422, "E110": 422, "E111": 422, "E132": 422,
          "E135": 400, "E139": 503}
# the store's errors in a response, 503 with the message of E139: never its path, a PID or the
# interpreter (the log has them). Busy (an ingest writing for longer than a request waits) is
# E139; a store missing (E104) or unreadable (E105) keeps its code.
UNAVAILABLE = {"E104": ("E104", "it is not there"), "E105": ("E105", "it cannot be opened"),
               "E107": ("E139", "an ingest is writing to it"), "E112": ("E139", "an ingest is writing to it")}


class AnyPath(Convertor):
    """`{name:anypath}`: the rest of the path, newlines included (Starlette's `path` stops at one)."""

    regex = r"[\s\S]*"

    def convert(self, value: str) -> str:
        return value

    def to_string(self, value: str) -> str:
        return str(value)


register_url_convertor("anypath", AnyPath())


# ---------------------------------------------------------------- JSON and HTML

class SafeJSONResponse(JSONResponse):
    """JSON whose strings cannot be read as markup: <, >, & and U+2028/9 escaped."""

    def render(self, content: Any) -> bytes:
        return rendition(content, "json", lambda: safe_json(content).encode("utf-8"))


def safe_json(content: Any) -> str:
    """JSON safe inside a page's <script> and valid for any reader: a non-finite float (a store
    written before numbers were checked may hold one) is null, never a bare Infinity."""
    from ..model import dumps

    s = dumps(content, separators=(",", ":"), default=str)
    return (s.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


@lru_cache(maxsize=1)
def templates() -> Environment:
    env = Environment(loader=PackageLoader("dyads.web", "templates"), autoescape=True, trim_blocks=True,
                      lstrip_blocks=True)
    env.filters["num"] = _num
    env.globals["version"] = __version__
    return env


def _num(x) -> str:
    if x is None:
        return ""
    if isinstance(x, float):
        return f"{x:,.0f}" if x.is_integer() else f"{x:,.2f}"
    if isinstance(x, int):
        return f"{x:,}"
    return str(x)


def render(template: str, context: dict, status: int = 200) -> HTMLResponse:
    html = rendition(context, template, lambda: templates().get_template(template).render(**context))
    return HTMLResponse(html, status_code=status)


def error_body(code: str, **info) -> dict:
    return {"error": {"code": code, "message": error_message(code, **info)}}


def _wants_json(path: str) -> bool:
    return path == "/api" or path.startswith("/api/") or path == "/openapi.json"


def error_response(url_path: str, status: int, code: str, message: Optional[str] = None, **info) -> Response:
    body = error_body(code, **info) if message is None else {"error": {"code": code, "message": message}}
    if _wants_json(url_path):
        return SafeJSONResponse(body, status_code=status)
    return render("error.html", {"page": "error", "title": f"Error {status}", "status": status,
                                 "code": code, "message": body["error"]["message"], "store": ""}, status)


# ---------------------------------------------------------------- the guard around the app

class Guard:
    """Pure ASGI middleware: refuses Hosts the server is not (DNS rebinding), adds the security
    headers to every response, and turns any unhandled exception into the one error shape."""

    def __init__(self, app, allowed_hosts: Sequence[str]):
        self.app = app
        self.any_host = "*" in allowed_hosts
        self.allowed = {h.lower() for h in allowed_hosts}

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        path = scope.get("path", "")
        started = False
        head = scope.get("method") == "HEAD"
        if head:  # HEAD is GET without the body
            scope = {**scope, "method": "GET"}

        async def send_secured(message):
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                headers = [(k, v) for k, v in message.get("headers", []) if k.lower() not in dict(SECURITY_HEADERS)]
                message = {**message, "headers": headers + SECURITY_HEADERS}
            elif message["type"] == "http.response.body" and head:
                if message.get("more_body", False):
                    return
                message = {"type": "http.response.body", "body": b"", "more_body": False}
            await send(message)

        if not self.any_host:
            host = _host(scope)
            if host not in self.allowed:
                resp = error_response(path, 400, "E135", detail=host[:100], choices=", ".join(sorted(self.allowed)))
                return await resp(scope, receive, send_secured)
        try:
            await self.app(scope, receive, send_secured)
        except Exception as exc:  # noqa: BLE001 - the last line: one shape, the details in the log
            log.exception("error serving %s", path)
            if started:  # Starlette's error middleware answered already (with the handler below)
                return
            resp = error_response(path, 500, "E134", detail=type(exc).__name__)
            await resp(scope, receive, send_secured)


_HOST = re.compile(r"(\[[0-9a-f:.]+\]|[a-z0-9.-]+)(?::[0-9]{1,5})?")


def _host(scope) -> str:
    """The host of the Host header, lower case, without its port; the header as it is when it
    is not strictly host[:port] (a name, an IPv4 address or a bracketed IPv6 one), so that it
    matches no allowed host ("localhost:80@evil.example" is not localhost)."""
    for k, v in scope.get("headers", []):
        if k == b"host":
            h = v.decode("latin-1").strip().lower()
            m = _HOST.fullmatch(h)
            return m.group(1) if m else h
    return ""


# ---------------------------------------------------------------- the app

def create_app(db_path: str, allowed_hosts: Optional[Sequence[str]] = LOOPBACK) -> FastAPI:
    """The FastAPI app over the store at `db_path` (opened read-only per request). Requests
    must name one of `allowed_hosts` (default: the loopback names; "*" for any)."""
    db_path = str(db_path)
    app = FastAPI(title="dyads", version=__version__, docs_url=None, redoc_url=None, openapi_url="/openapi.json",
                  description="Read-only JSON API over a dyads corpus store: articles as the system they describe, "
                              "actors, the signed network and its camps, claims and where sources disagree. "
                              "Errors: {\"error\": {\"code\", \"message\"}}.")
    app.state.db_path = db_path

    def with_store(build: Callable) -> dict:
        with open_store(db_path) as store:
            return build(store)

    def page(template: str, build: Callable) -> HTMLResponse:
        return render(template, with_store(build))

    def api(build: Callable) -> SafeJSONResponse:
        return SafeJSONResponse(with_store(build))

    @app.exception_handler(DyadsError)
    async def dyads_error(request, exc: DyadsError):
        if exc.code in UNAVAILABLE:
            log.warning("store not readable for %s: %s", request.url.path, exc)
            code, reason = UNAVAILABLE[exc.code]
            return error_response(request.url.path, 503, code, message=error_message("E139", detail=reason))
        return error_response(request.url.path, STATUS.get(exc.code, 500), exc.code, **exc.info)

    @app.exception_handler(RequestValidationError)
    async def bad_request(request, exc: RequestValidationError):
        parts = []
        for e in exc.errors()[:3]:
            where = ".".join(str(x) for x in e.get("loc", ())[1:]) or "request"
            parts.append(f"{where}: {e.get('msg', 'invalid')}")
        return error_response(request.url.path, 422, "E132", detail="; ".join(parts))

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request, exc: StarletteHTTPException):
        if exc.status_code == 404:
            return error_response(request.url.path, 404, "E133", detail=request.url.path[:200])
        return error_response(request.url.path, exc.status_code, "E132", detail=str(exc.detail)[:200])

    @app.exception_handler(Exception)
    async def server_error(request, exc: Exception):
        return error_response(request.url.path, 500, "E134", detail=type(exc).__name__)

    # ------------------------------------------------------------ static files, from the whitelist

    @app.get("/static/{name}", include_in_schema=False)
    def static(name: str) -> Response:
        if name not in STATIC:
            raise DyadsError("E133", detail=f"/static/{name[:100]}")
        return Response(_static_bytes(name), media_type=STATIC[name],
                        headers={"cache-control": "public, max-age=3600"})

    # ------------------------------------------------------------ pages

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def home():
        return page("overview.html", overview_context)

    @app.get("/articles", response_class=HTMLResponse, include_in_schema=False)
    def articles_page(source: Optional[str] = None, since: Optional[str] = None, until: Optional[str] = None,
                      limit: Optional[int] = None, offset: Optional[int] = None):
        f = clean_filters(source=source, since=since, until=until, limit=limit, offset=offset)
        return page("articles.html", lambda s: articles_context(s, f))

    @app.get("/articles/{doc_id:anypath}", response_class=HTMLResponse, include_in_schema=False)
    def article_page(doc_id: str):
        return page("article.html", lambda s: article_context(s, doc_id))

    @app.get("/actors", response_class=HTMLResponse, include_in_schema=False)
    def actors_page(q: Optional[str] = None, type: Optional[str] = None, limit: Optional[int] = None):
        f = clean_filters(q=q, type=type, limit=limit)
        return page("actors.html", lambda s: actors_context(s, f))

    @app.get("/actors/{corpus_id:anypath}", response_class=HTMLResponse, include_in_schema=False)
    def actor_page(corpus_id: str):
        return page("actor.html", lambda s: actor_context(s, corpus_id))

    @app.get("/network", response_class=HTMLResponse, include_in_schema=False)
    def network_page(since: Optional[str] = None, until: Optional[str] = None, category: Optional[str] = None,
                     source: Optional[str] = None, min_weight: Optional[int] = None, actor: Optional[str] = None,
                     speaker: Optional[str] = None, own: Optional[str] = None, doc: Optional[str] = None):
        f = clean_filters(since=since, until=until, category=category, source=source, min_weight=min_weight,
                          actor=actor, speaker=speaker, own=own, doc=doc)
        return page("network.html", lambda s: network_context(s, f))

    @app.get("/claims", response_class=HTMLResponse, include_in_schema=False)
    def claims_page(speaker: Optional[str] = None, actor: Optional[str] = None, source: Optional[str] = None,
                    since: Optional[str] = None, until: Optional[str] = None, limit: Optional[int] = None):
        f = clean_filters(speaker=speaker, actor=actor, source=source, since=since, until=until, limit=limit)
        return page("claims.html", lambda s: claims_context(s, f))

    @app.get("/search", response_class=HTMLResponse, include_in_schema=False)
    def search_page(q: Optional[str] = None):
        clean_filters(q=q)
        return page("search.html", lambda s: search_context(s, q))

    # ------------------------------------------------------------ the API: the same contexts as JSON

    @app.get("/api", tags=["meta"], summary="The endpoints")
    def api_index():
        return SafeJSONResponse({"name": "dyads", "version": __version__, "openapi": "/openapi.json",
                                 "endpoints": [r.path for r in app.routes
                                               if getattr(r, "path", "").startswith("/api/")]})

    @app.get("/api/overview", tags=["corpus"], summary="Counts, outlets, top actors and latest articles")
    def api_overview():
        return api(overview_context)

    @app.get("/api/articles", tags=["articles"], summary="Stored articles (without their text)")
    def api_articles(source: Optional[str] = Query(None, description="The outlet"),
                     since: Optional[str] = Query(None, description="YYYY, YYYY-MM or YYYY-MM-DD"),
                     until: Optional[str] = Query(None, description="YYYY, YYYY-MM or YYYY-MM-DD, inclusive"),
                     limit: Optional[int] = Query(None, ge=1, le=5000), offset: Optional[int] = Query(None, ge=0)):
        f = clean_filters(source=source, since=since, until=until, limit=limit, offset=offset)
        return api(lambda s: articles_context(s, f))

    @app.get("/api/articles/{doc_id:anypath}", tags=["articles"],
             summary="One article: its highlighted text, items with their voice, actors, events, camps, and the contract")
    def api_article(doc_id: str):
        return api(lambda s: article_context(s, doc_id))

    @app.get("/api/actors", tags=["actors"], summary="Corpus actors, most articles first")
    def api_actors(q: Optional[str] = Query(None, description="Part of any name the actor goes by"),
                   type: Optional[str] = Query(None, description="An actor type"),
                   limit: Optional[int] = Query(None, ge=1, le=5000)):
        f = clean_filters(q=q, type=type, limit=limit)
        return api(lambda s: actors_context(s, f))

    @app.get("/api/actors/{corpus_id:anypath}", tags=["actors"],
             summary="One corpus actor: names, attributes, quotes, events, allies and enemies, timeline")
    def api_actor(corpus_id: str):
        return api(lambda s: actor_context(s, corpus_id))

    @app.get("/api/network", tags=["network"], summary="The signed network with its camps, filtered")
    def api_network(since: Optional[str] = None, until: Optional[str] = None,
                    category: Optional[str] = Query(None, description="A PLOVER category"),
                    source: Optional[str] = Query(None, description="The outlet"),
                    min_weight: Optional[int] = Query(None, ge=1, description="Pairs with at least this many events"),
                    actor: Optional[str] = Query(None, description="Only ties of this actor (any name or corpus id)"),
                    speaker: Optional[str] = Query(None, description="Only events this actor claims"),
                    own: Optional[str] = Query(None, description="1: only the articles' own voice"),
                    doc: Optional[str] = Query(None, description="One article's network")):
        f = clean_filters(since=since, until=until, category=category, source=source, min_weight=min_weight,
                          actor=actor, speaker=speaker, own=own, doc=doc)
        return api(lambda s: network_context(s, f))

    @app.get("/api/claims", tags=["claims"], summary="Quotes and quantities with who asserts them, and disagreements")
    def api_claims(speaker: Optional[str] = None, actor: Optional[str] = None, source: Optional[str] = None,
                   since: Optional[str] = None, until: Optional[str] = None,
                   limit: Optional[int] = Query(None, ge=1, le=5000)):
        f = clean_filters(speaker=speaker, actor=actor, source=source, since=since, until=until, limit=limit)
        return api(lambda s: claims_context(s, f))

    @app.get("/api/disagreements", tags=["claims"], summary="Where outlets and speakers differ")
    def api_disagreements(kind: Optional[str] = Query(None, description="relation or quantity"),
                          actor: Optional[str] = None, category: Optional[str] = None, source: Optional[str] = None,
                          speaker: Optional[str] = None, since: Optional[str] = None, until: Optional[str] = None,
                          limit: Optional[int] = Query(None, ge=1, le=5000)):
        f = clean_filters(kind=kind, actor=actor, category=category, source=source, speaker=speaker, since=since,
                          until=until, limit=limit)
        return api(lambda s: disagreements_context(s, f))

    @app.get("/api/search", tags=["search"], summary="Actors by name and articles by text")
    def api_search(q: str = Query(..., min_length=1, max_length=200)):
        clean_filters(q=q)
        return api(lambda s: search_context(s, q))

    # the Guard goes outside Starlette's whole stack, its error middleware included, so that even
    # a 500 carries the security headers and the one error shape
    build = app.build_middleware_stack
    hosts = list(allowed_hosts or ["*"])
    app.build_middleware_stack = lambda: Guard(build(), hosts)  # type: ignore[method-assign]
    return app


@lru_cache(maxsize=None)
def _static_bytes(name: str) -> bytes:
    with open(os.path.join(STATIC_DIR, name), "rb") as f:  # name is a key of STATIC, never from the URL as is
        return f.read()
