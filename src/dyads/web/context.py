"""One context dict per page, built by one function from a read-only store.

The page route renders the dict with its template; the API route returns the same dict as
JSON. Every value is plain JSON (str, numbers, bools, None, lists, dicts): no markup is built
here, the templates escape everything. Links are paths made by `actor_href` / `article_href`
(the id percent-encoded), never a URL taken from the data.

    overview_context(store)                      /            /api/overview
    articles_context(store, filters)             /articles    /api/articles
    article_context(store, doc_id)               /articles/ID /api/articles/ID      (article.py)
    actors_context(store, q, type, limit)        /actors      /api/actors
    actor_context(store, corpus_id)              /actors/ID   /api/actors/ID        (actor.py)
    network_context(store, filters)              /network     /api/network          (network.py)
    claims_context(store, filters)               /claims      /api/claims
    disagreements_context(store, filters)                     /api/disagreements
    search_context(store, q)                     /search      /api/search
"""
from __future__ import annotations

import os
from typing import Any, Optional
from urllib.parse import quote, urlsplit

import pandas as pd

from ..errors import DyadsError
from ..model import ACTOR_TYPES, PLOVER
from ..store.present import records
from ..store.query import check_date
from .store import cached

MAX_LIMIT = 5000
MAX_TEXT = 200  # longest filter value taken


def actor_href(corpus_id: Optional[str]) -> Optional[str]:
    return "/actors/" + quote(str(corpus_id), safe="") if corpus_id else None


def article_href(doc_id: Optional[str]) -> Optional[str]:
    return "/articles/" + quote(str(doc_id), safe="") if doc_id else None


def safe_url(url: Optional[str]) -> Optional[str]:
    """An outside link only when it is http(s): a `javascript:` or `data:` URL is shown as text."""
    if not isinstance(url, str):
        return None
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    return url.strip() if parts.scheme.lower() in ("http", "https") and parts.netloc else None


# ---------------------------------------------------------------- filters

def clean_filters(**raw) -> dict:
    """The filters a page or API call was given, checked: dates (E109), a PLOVER category and
    an actor type (E110), numbers (E132); empty values left out."""
    out: dict[str, Any] = {}
    for key, value in raw.items():
        if value is None or (isinstance(value, str) and value.strip() == ""):
            continue
        if isinstance(value, str):
            value = value.strip()
            if len(value) > MAX_TEXT:
                raise DyadsError("E132", detail=f"{key} is longer than {MAX_TEXT} characters")
        if key in ("since", "until"):
            value = check_date(value, key, give="the since and until parameters")  # the API's, not the CLI's
        elif key == "category":
            value = value.upper()
            if value not in PLOVER:
                raise DyadsError("E110", what="category", detail=value, choices=", ".join(PLOVER))
        elif key == "type":
            if value not in ACTOR_TYPES:
                raise DyadsError("E110", what="actor type", detail=value, choices=", ".join(ACTOR_TYPES))
        elif key == "kind":
            if value not in ("relation", "quantity"):
                raise DyadsError("E110", what="kind", detail=value, choices="relation, quantity")
        elif key in ("min_weight", "min_articles", "limit", "offset"):
            try:
                value = int(value)
            except (TypeError, ValueError):
                raise DyadsError("E132", detail=f"{key} must be a whole number, not {str(value)[:40]!r}") from None
            low = 0 if key == "offset" else 1
            if value < low or (key == "limit" and value > MAX_LIMIT):
                raise DyadsError("E132", detail=f"{key} must be between {low} and {MAX_LIMIT if key == 'limit' else 'any'}")
        elif key == "own":
            value = str(value).lower() in ("1", "true", "yes", "on")
            if not value:
                continue
        out[key] = value
    if out.get("since") and out.get("until") and out["since"] > out["until"] + "~":
        raise DyadsError("E132", detail=f"since {out['since']} is after until {out['until']}")
    return out


def _store_name(store) -> str:
    return os.path.basename(store.path)


def _rows(df: pd.DataFrame, cols: Optional[list[str]] = None) -> list[dict]:
    if cols is not None:
        df = df[[c for c in cols if c in df.columns]]
    return records(df)


def _outlets(store) -> list[dict]:
    df = store.sql("SELECT outlet, count(*) AS articles FROM dyads_docs WHERE outlet IS NOT NULL "
                   "GROUP BY outlet ORDER BY articles DESC, outlet")
    return records(df)


# ---------------------------------------------------------------- overview and lists

@cached
def overview_context(store) -> dict:
    counts = store.sql("""SELECT (SELECT count(*) FROM documents) AS articles,
                                 (SELECT count(*) FROM corpus_actors) AS actors,
                                 (SELECT count(*) FROM events) AS events,
                                 (SELECT count(*) FROM quotes) AS quotes,
                                 (SELECT count(*) FROM quantities) AS quantities,
                                 (SELECT min(day) FROM dyads_docs) AS first,
                                 (SELECT max(day) FROM dyads_docs) AS last""")
    c = records(counts)[0]
    top = store.actors(limit=20)
    latest = store.sql("""SELECT doc_id, title, day, outlet FROM dyads_docs
                          ORDER BY day DESC NULLS LAST, doc_id LIMIT 20""")
    cats = store.sql("SELECT category, count(*) AS events FROM events GROUP BY category ORDER BY events DESC")
    return {
        "page": "overview", "title": "Corpus", "store": _store_name(store), "counts": c,
        "stale": bool(getattr(store, "was_stale", False)),
        "outlets": _outlets(store),
        "categories": records(cats),
        "top_actors": [{**r, "href": actor_href(r["corpus_id"])}
                       for r in _rows(top, ["corpus_id", "name", "type", "articles", "mentions"])],
        "latest": [{**r, "href": article_href(r["doc_id"])} for r in records(latest)],
    }


@cached
def articles_context(store, filters: dict) -> dict:
    f = {k: filters[k] for k in ("source", "since", "until", "limit", "offset") if k in filters}
    limit, offset = f.pop("limit", 200), f.pop("offset", 0)
    df = store.documents(**f)
    total = len(df)
    df = df.iloc[offset:offset + limit]
    rows = [{**r, "href": article_href(r["doc_id"])}
            for r in _rows(df, ["doc_id", "title", "date", "day", "outlet", "chars", "actors", "events"])]
    return {"page": "articles", "title": "Articles", "store": _store_name(store), "filters": filters,
            "total": total, "offset": offset, "limit": limit, "articles": rows, "outlets": _outlets(store),
            "next_offset": offset + limit if offset + limit < total else None}


@cached
def actors_context(store, filters: dict) -> dict:
    limit = filters.get("limit", 500)
    df = store.actors(name=filters.get("q"), type=filters.get("type"))
    total = len(df)
    rows = []
    for r in _rows(df.head(limit), ["corpus_id", "name", "type", "kb_id", "articles", "mentions", "names"]):
        r["aliases"] = [n for n in (r.pop("names") or {}) if n != r["name"]][:6]
        r["href"] = actor_href(r["corpus_id"])
        rows.append(r)
    return {"page": "actors", "title": "Actors", "store": _store_name(store), "filters": filters, "total": total,
            "actors": rows, "types": list(ACTOR_TYPES)}


# ---------------------------------------------------------------- claims

def _voice_of(claimed_by) -> str:
    return claimed_by if isinstance(claimed_by, str) and claimed_by else "article"


@cached
def claims_context(store, filters: dict) -> dict:
    """Quotes and quantities (with who asserts them), and the disagreements between sources."""
    limit = filters.get("limit", 500)
    common = {k: filters[k] for k in ("source", "since", "until") if k in filters}
    quotes = store.quotes(speaker=filters.get("speaker"), actor=filters.get("actor"), **common)
    qrows = []
    for r in _rows(quotes.head(limit)):
        r["speaker_href"] = actor_href(r.get("speaker_id"))
        r["href"] = article_href(r["doc_id"])
        r["who"] = r.get("speaker") or r.get("speaker_text") or "unknown"
        qrows.append(r)
    nums = store.quantities(actor=filters.get("actor"), speaker=filters.get("speaker"), **common)
    nrows = []
    for r in _rows(nums.head(limit)):
        r["subject_href"] = actor_href(r.get("subject_id"))
        r["claimed_by_href"] = actor_href(r.get("claimed_by_id"))
        r["voice"] = _voice_of(r.get("claimed_by"))
        r["href"] = article_href(r["doc_id"])
        nrows.append(r)
    dis = disagreements_context(store, filters)
    return {"page": "claims", "title": "Claims", "store": _store_name(store), "filters": filters,
            "outlets": _outlets(store), "limit": limit,
            "quotes": qrows, "quotes_total": len(quotes),
            "quantities": nrows, "quantities_total": len(nums),
            "disagreements": dis["disagreements"], "disagreements_total": dis["total"]}


@cached
def disagreements_context(store, filters: dict) -> dict:
    limit = filters.get("limit", 500)
    df = store.disagreements(kind=filters.get("kind"), actor=filters.get("actor"), category=filters.get("category"),
                             source=filters.get("source"), since=filters.get("since"), until=filters.get("until"),
                             speaker=filters.get("speaker"))
    topics: dict[str, dict] = {}
    for r in _rows(df):
        t = topics.setdefault(r["topic"], {"topic": r["topic"], "kind": r["kind"], "subject": r["subject"],
                                           "subject_href": actor_href(r["subject_id"]),
                                           "object": r["object"], "object_href": actor_href(r["object_id"]),
                                           "voices": []})
        t["voices"].append({
            "outlet": r["outlet"], "speaker": r["speaker"], "speaker_href": actor_href(r["speaker_id"]),
            "claim": r["claim"], "sign": r["sign"], "weight": r["weight"], "value": r["value"], "unit": r["unit"],
            "texts": r["texts"], "first": r["first"], "last": r["last"],
            "docs": [{"doc_id": d, "href": article_href(d)} for d in (r["docs"] or [])],
        })
    rows = list(topics.values())
    return {"page": "disagreements", "filters": filters, "total": len(rows), "disagreements": rows[:limit]}


# ---------------------------------------------------------------- search

@cached
def search_context(store, q: Optional[str], limit: int = 50) -> dict:
    """Actors by any of their names, and articles holding the words of `q` in any form, best
    first (BM25 over the store's full-text index: `CorpusStore.search`, store/search.py), each
    with its score and a snippet around its first matching word. `warnings`: coded, when the
    index could not answer alone (no extension, no index yet, articles stored since)."""
    q = (q or "").strip()
    out = {"page": "search", "title": "Search", "store": _store_name(store), "q": q, "actors": [], "articles": [],
           "articles_total": 0, "warnings": []}
    if not q:
        return out
    actors = store.actors(name=q, limit=limit)
    out["actors"] = [{**r, "href": actor_href(r["corpus_id"])}
                     for r in _rows(actors, ["corpus_id", "name", "type", "articles", "mentions"])]
    hits = store.search(q, limit=limit)
    out["articles_total"] = hits.attrs.get("total", len(hits))
    out["warnings"] = list(hits.attrs.get("warnings", []))
    rows = []
    for r in records(hits):
        text, at, match = r.pop("snippet") or "", r.pop("match_at"), r.pop("match") or ""
        at = at if isinstance(at, int) and at >= 0 else len(text)
        r["snippet"] = {"before": text[:at], "match": match, "after": text[at + len(match):]}
        r["day"] = r.pop("date")
        r["href"] = article_href(r["doc_id"])
        rows.append(r)
    out["articles"] = rows
    return out


__all__ = ["overview_context", "articles_context", "actors_context", "claims_context", "disagreements_context",
           "search_context", "clean_filters", "actor_href", "article_href", "safe_url"]
