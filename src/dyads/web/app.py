"""The web app over a corpus store: server-rendered pages and a JSON API, read-only.

    app = create_app("corpus.duckdb")        # uvicorn.run(app) or `dyads serve --db corpus.duckdb`

One route per resource: every resource's data is one context dict built by one function
(context.py, article.py, actor.py, network.py), and one handler answers it either as a page
(its Jinja template, autoescape on) or as that same dict in JSON. The handler gives JSON when
  - the path is under /api/ (`/api/articles/h1` is the JSON of `/articles/h1`: the page
    scripts and the OpenAPI at /openapi.json use these), or
  - the path ends in `.json`: `/articles.json`, `/actors.json`, `/network.json`,
    `/claims.json`, `/search.json`, `/overview.json` (the JSON of `/`), and for one article or
    actor `/articles/<id>.json`. Ids may hold dots, so an id is first taken as it is: only when
    no article (actor) has it and it ends in `.json` is it read as the id without `.json`,
    answered in JSON (an article whose id is "x.json" is still the page /articles/x.json), or
  - the Accept header prefers application/json to text/html (a browser's does not; no Accept,
    or */*, gives the page).
Pages vary by Accept (`Vary: Accept`). The filters every resource takes are declared once in
params.py and checked by one function (so a bad filter is the same coded error on every form).

One error shape for JSON: {"error": {"code": "E130", "message": "..."}} (404 unknown id, 422 bad
filter, 500); pages get an HTML error page with the same code and message.

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

from fastapi import Depends, FastAPI, Request
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
from .context import (actors_context, articles_context, claims_context, disagreements_context, overview_context,
                      search_context)
from .incidents import incident_context, incidents_context
from .network import network_context
from .params import filters
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

STATUS = {"E130": 404, "E131": 404, "E133": 404, "E137": 404, "E114": 409, "E109": 422, "E110": 422, "E111": 422, "E132": 422,
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


def wants_json(scope) -> bool:
    """Whether a request is answered in JSON (see the module's docstring): a path under /api/
    or ending in .json, or an Accept header that prefers application/json to text/html."""
    path = scope.get("path", "")
    if path == "/api" or path.startswith("/api/") or path.endswith(".json"):
        return True
    for k, v in scope.get("headers", []):
        if k == b"accept":
            return prefers_json(v.decode("latin-1"))
    return False


def prefers_json(accept: str) -> bool:
    """Whether an Accept header ranks application/json above text/html (a tie is HTML)."""
    rank: dict[str, float] = {}
    for part in accept.split(",")[:30]:
        media, *params = part.split(";")
        q = 1.0
        for p in params:
            name, _, value = p.partition("=")
            if name.strip().lower() == "q":
                try:
                    q = float(value)
                except ValueError:
                    q = 0.0
        media = media.strip().lower()
        rank[media] = max(rank.get(media, 0.0), q)
    html = max(rank.get("text/html", 0.0), rank.get("application/xhtml+xml", 0.0))
    return rank.get("application/json", 0.0) > html


def error_response(scope, status: int, code: str, message: Optional[str] = None, **info) -> Response:
    body = error_body(code, **info) if message is None else {"error": {"code": code, "message": message}}
    if wants_json(scope):
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
                resp = error_response(scope, 400, "E135", detail=host[:100], choices=", ".join(sorted(self.allowed)))
                return await resp(scope, receive, send_secured)
        try:
            await self.app(scope, receive, send_secured)
        except Exception as exc:  # noqa: BLE001 - the last line: one shape, the details in the log
            log.exception("error serving %s", path)
            if started:  # Starlette's error middleware answered already (with the handler below)
                return
            resp = error_response(scope, 500, "E134", detail=type(exc).__name__)
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

    @app.exception_handler(DyadsError)
    async def dyads_error(request, exc: DyadsError):
        if exc.code in UNAVAILABLE:
            log.warning("store not readable for %s: %s", request.url.path, exc)
            code, reason = UNAVAILABLE[exc.code]
            return error_response(request.scope, 503, code, message=error_message("E139", detail=reason))
        return error_response(request.scope, STATUS.get(exc.code, 500), exc.code, **exc.info)

    @app.exception_handler(RequestValidationError)
    async def bad_request(request, exc: RequestValidationError):
        parts = []
        for e in exc.errors()[:3]:
            where = ".".join(str(x) for x in e.get("loc", ())[1:]) or "request"
            parts.append(f"{where}: {e.get('msg', 'invalid')}")
        return error_response(request.scope, 422, "E132", detail="; ".join(parts))

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request, exc: StarletteHTTPException):
        if exc.status_code == 404:
            return error_response(request.scope, 404, "E133", detail=request.url.path[:200])
        return error_response(request.scope, exc.status_code, "E132", detail=str(exc.detail)[:200])

    @app.exception_handler(Exception)
    async def server_error(request, exc: Exception):
        return error_response(request.scope, 500, "E134", detail=type(exc).__name__)

    # ------------------------------------------------------------ static files, from the whitelist

    @app.get("/static/{name}", include_in_schema=False)
    def static(name: str) -> Response:
        if name not in STATIC:
            raise DyadsError("E133", detail=f"/static/{name[:100]}")
        return Response(_static_bytes(name), media_type=STATIC[name],
                        headers={"cache-control": "public, max-age=3600"})

    _resources(app, db_path)

    # the Guard goes outside Starlette's whole stack, its error middleware included, so that even
    # a 500 carries the security headers and the one error shape
    build = app.build_middleware_stack
    hosts = list(allowed_hosts or ["*"])
    app.build_middleware_stack = lambda: Guard(build(), hosts)  # type: ignore[method-assign]
    return app


# ---------------------------------------------------------------- the resources, one handler each

def answer(request: Request, db_path: str, template: Optional[str], build: Callable[[Any], dict],
           as_json: Optional[bool] = None) -> Response:
    """The context `build(store)` as the page `template` or as JSON (`as_json`, else as the
    request asks: see `wants_json`)."""
    with open_store(db_path) as store:
        context = build(store)
    if as_json is None:
        as_json = wants_json(request.scope)
    resp = SafeJSONResponse(context) if as_json or template is None else render(template, context)
    if not request.url.path.startswith("/api/"):
        resp.headers["vary"] = "Accept"  # the same path is a page or JSON by the Accept header
    return resp


def answer_one(request: Request, db_path: str, template: str, build: Callable[[Any, str], dict],
               the_id: str, missing: str) -> Response:
    """One article or actor: the id as it is first; when nothing has it (`missing`, the error's
    code) and it ends in .json, the id without .json, in JSON. Under /api/ the id is as it is."""
    api = request.url.path.startswith("/api/")
    as_json = api or prefers_json(request.headers.get("accept", ""))
    try:
        return answer(request, db_path, template, lambda s: build(s, the_id), as_json)
    except DyadsError as exc:
        if api or exc.code != missing or not the_id.endswith(".json") or the_id == ".json":
            raise
    return answer(request, db_path, template, lambda s: build(s, the_id[:-5]), True)


def _resources(app: FastAPI, db_path: str) -> None:
    """Every resource: one handler, on its page path, its .json path and its /api/ path (the
    last alone in the OpenAPI)."""

    def route(paths: Sequence[str], api_path: str, tag: str, summary: str):
        def register(endpoint: Callable) -> Callable:
            for path in paths:
                app.add_api_route(path, endpoint, methods=["GET"], include_in_schema=False)
            app.add_api_route(api_path, endpoint, methods=["GET"], tags=[tag], summary=summary)
            return endpoint
        return register

    @route(["/", "/overview.json"], "/api/overview", "corpus", "Counts, outlets, top actors and latest articles")
    def overview(request: Request):
        return answer(request, db_path, "overview.html", lambda s: overview_context(s))

    @route(["/articles", "/articles.json"], "/api/articles", "articles", "Stored articles (without their text)")
    def articles(request: Request, f: dict = Depends(filters("source", "since", "until", "limit", "offset"))):
        return answer(request, db_path, "articles.html", lambda s: articles_context(s, f))

    @route(["/articles/{doc_id:anypath}"], "/api/articles/{doc_id:anypath}", "articles",
           "One article: its highlighted text, items with their voice, actors, events, camps, and the contract")
    def article(request: Request, doc_id: str):
        return answer_one(request, db_path, "article.html", article_context, doc_id, "E130")

    @route(["/actors", "/actors.json"], "/api/actors", "actors", "Corpus actors, most articles first")
    def actors(request: Request, f: dict = Depends(filters("q", "type", "limit"))):
        return answer(request, db_path, "actors.html", lambda s: actors_context(s, f))

    @route(["/actors/{corpus_id:anypath}"], "/api/actors/{corpus_id:anypath}", "actors",
           "One corpus actor: names, attributes, quotes, events, allies and enemies, timeline")
    def actor(request: Request, corpus_id: str):
        return answer_one(request, db_path, "actor.html", actor_context, corpus_id, "E131")

    @route(["/network", "/network.json"], "/api/network", "network", "The signed network with its camps, filtered")
    def network(request: Request, f: dict = Depends(filters("since", "until", "category", "source", "min_weight",
                                                            "actor", "speaker", "own", "doc"))):
        return answer(request, db_path, "network.html", lambda s: network_context(s, f))

    @route(["/incidents", "/incidents.json"], "/api/incidents", "incidents",
           "Incidents: one row per happening however many articles told it, filtered")
    def incidents(request: Request, f: dict = Depends(filters("actor", "category", "source", "since", "until",
                                                              "min_articles", "limit"))):
        return answer(request, db_path, "incidents.html", lambda s: incidents_context(s, f))

    @route(["/incidents/{incident_id}"], "/api/incidents/{incident_id}", "incidents",
           "One incident: its reports side by side, with their outlets, dates, voices, tolls and why they joined")
    def incident(request: Request, incident_id: str):
        return answer_one(request, db_path, "incident.html", incident_context, incident_id, "E137")

    @route(["/claims", "/claims.json"], "/api/claims", "claims",
           "Quotes and quantities with who asserts them, and disagreements")
    def claims(request: Request, f: dict = Depends(filters("speaker", "actor", "source", "since", "until", "limit"))):
        return answer(request, db_path, "claims.html", lambda s: claims_context(s, f))

    @route(["/disagreements.json"], "/api/disagreements", "claims", "Where outlets and speakers differ")
    def disagreements(request: Request, f: dict = Depends(filters("kind", "actor", "category", "source", "speaker",
                                                                  "since", "until", "limit"))):
        return answer(request, db_path, None, lambda s: disagreements_context(s, f))

    @route(["/search", "/search.json"], "/api/search", "search", "Actors by name and articles by text")
    def search(request: Request, f: dict = Depends(filters("q"))):
        if "q" not in f and wants_json(request.scope):  # the page without q is the empty search form
            raise DyadsError("E132", detail="q is required: give the text to search for")
        return answer(request, db_path, "search.html", lambda s: search_context(s, f.get("q")))

    @app.get("/api", tags=["meta"], summary="The endpoints")
    def api_index():
        return SafeJSONResponse({"name": "dyads", "version": __version__, "openapi": "/openapi.json",
                                 "endpoints": [r.path for r in app.routes
                                               if getattr(r, "path", "").startswith("/api/")]})


@lru_cache(maxsize=None)
def _static_bytes(name: str) -> bytes:
    with open(os.path.join(STATIC_DIR, name), "rb") as f:  # name is a key of STATIC, never from the URL as is
        return f.read()
