"""The incident pages: /incidents (one row per happening, however many articles told it) and
/incidents/{id} (its reports side by side: who told it when, in whose voice, with what toll).
Incidents are built at the end of each ingest (store/incidents.py); a store written before
has none and the pages say so (E114)."""
from __future__ import annotations

import re

from ..errors import DyadsError
from ..store.present import records
from .context import _store_name, actor_href, article_href
from .store import cached

INCIDENT_ID = re.compile(r"I[0-9a-f]{14}")
MAX_INCIDENTS = 500


def incident_href(incident_id) -> str:
    return f"/incidents/{incident_id}"


def _row(r: dict) -> dict:
    return {**r, "href": incident_href(r["incident_id"]), "source_href": actor_href(r.get("source_id")),
            "target_href": actor_href(r.get("target_id"))}


@cached
def incidents_context(store, filters: dict) -> dict:
    limit = min(int(filters.get("limit", MAX_INCIDENTS)), MAX_INCIDENTS)
    df = store.incidents(actor=filters.get("actor"), category=filters.get("category"), source=filters.get("source"),
                         since=filters.get("since"), until=filters.get("until"),
                         min_articles=filters.get("min_articles", 1))
    return {"page": "incidents", "title": "Incidents", "store": _store_name(store), "filters": filters,
            "total": int(len(df)), "incidents": [_row(r) for r in records(df.head(limit))],
            "reports": int(df["reports"].sum()) if len(df) else 0}


@cached
def incident_context(store, incident_id: str) -> dict:
    if not INCIDENT_ID.fullmatch(incident_id or "") or not store.has_incidents():
        raise DyadsError("E137", detail=incident_id[:80])
    head = store.incident(incident_id)
    if head.empty:
        raise DyadsError("E137", detail=incident_id)
    reports = [{**r, "href": article_href(r["doc_id"])} for r in records(store.incident_reports(incident_id))]
    inc = _row(records(head)[0])
    return {"page": "incidents", "title": f"Incident {incident_id}", "store": _store_name(store),
            "incident": inc, "reports": reports}
