"""The web's one parameter model: every filter a page or API call takes, declared once.

    f: dict = Depends(filters("since", "until", "source"))   # in a route: the checked filters

Each filter is declared here once (its description for the OpenAPI); a route names the ones it
takes, and `filters(...)` makes the FastAPI dependency that reads them from the query string
and checks them with `clean_filters` (dates E109; category, actor type and kind E110; numbers
and lengths E132), so that a bad value gets the same coded error on every path of a resource,
HTML or JSON. Values are taken as text and checked there, not by FastAPI's own validation, so
that the messages are written once.
"""
from __future__ import annotations

import inspect
from typing import Callable, Optional

from fastapi import Query

from .context import MAX_LIMIT, clean_filters

_DATE = "YYYY, YYYY-MM or YYYY-MM-DD"

# name -> its description (every filter is optional text, checked by clean_filters)
PARAMS = {
    "since": f"From this day: {_DATE}",
    "until": f"Up to this day, inclusive: {_DATE}",
    "category": "A PLOVER category",
    "source": "The outlet",
    "actor": "Only ties or claims of this actor (any name or corpus id)",
    "speaker": "Only what this actor claims",
    "min_weight": "Pairs with at least this many incidents (a whole number, 1 or more)",
    "min_articles": "Incidents told by at least this many articles (a whole number, 1 or more)",
    "own": "1: only the articles' own voice (not what a side claims of itself; a third party's claims never count)",
    "doc": "One article's network (its id)",
    "limit": f"At most this many rows (1 to {MAX_LIMIT})",
    "offset": "Skip this many rows (0 or more)",
    "q": "Text to look for (part of a name, or of an article's title or text)",
    "type": "An actor type",
    "kind": "relation or quantity",
}


def filters(*names: str) -> Callable[..., dict]:
    """The FastAPI dependency that reads the filters `names` from the query string and returns
    them checked (a dict without the empty ones), or raises the coded DyadsError."""
    unknown = [n for n in names if n not in PARAMS]
    if unknown:
        raise ValueError(f"no such filter: {', '.join(unknown)}")

    def read(**raw) -> dict:
        return clean_filters(**raw)

    read.__signature__ = inspect.Signature([  # type: ignore[attr-defined]
        inspect.Parameter(n, inspect.Parameter.KEYWORD_ONLY, annotation=Optional[str],
                          default=Query(None, description=PARAMS[n]))
        for n in names])
    read.__name__ = "filters_" + "_".join(names)
    return read
