"""The actor page's context: one corpus actor across the corpus.

Names and aliases, type, attributes (as the articles state them), what it said (quotes it is
the speaker of), what is said about it and by whom (others' quotes that name it, events and
numbers about it that someone claims), its events as source and as target, its allies and
enemies in the corpus network with the sentences that show it (the events relations fold: the
article's voice and a side's own claims; a third party's claim is among what is said about it),
and a timeline of its events.
"""
from __future__ import annotations

from collections import Counter, defaultdict

import pandas as pd

from ..errors import DyadsError
from ..graph import counting_voices
from ..store.present import records
from .context import _store_name, actor_href, article_href
from .incidents import _row as incident_row
from .store import cached

MAX_ROWS = 200       # quotes, events ... listed per section
MAX_EVIDENCE = 3     # sentences per ally or enemy
POLARITY = {1: "cooperative", -1: "conflictual", 0: "neither"}


def _events(store, corpus_id: str) -> pd.DataFrame:
    df = store.events(actor=corpus_id)
    return df[(df["source_id"] == corpus_id) | (df["target_id"] == corpus_id)].reset_index(drop=True)


def _event_row(r: dict) -> dict:
    return {"doc_id": r["doc_id"], "event_id": r["event_id"], "href": article_href(r["doc_id"]),
            "date": r["date"], "outlet": r["outlet"], "category": r["category"], "trigger": r["trigger"],
            "source": r["source"], "source_href": actor_href(r["source_id"]),
            "target": r["target"], "target_href": actor_href(r["target_id"]),
            "polarity": r["polarity"], "negated": bool(r["negated"]), "modality": r["modality"],
            "voice": r["claimed_by"] or "article", "voice_href": actor_href(r["claimed_by_id"]),
            "sentence": r["sentence"]}


@cached
def actor_context(store, corpus_id: str) -> dict:
    row = store.sql("SELECT corpus_id, name, type, kb_id, articles, mentions FROM corpus_actors WHERE corpus_id = ?",
                    [corpus_id])
    if row.empty:
        raise DyadsError("E131", detail=corpus_id)
    actor = records(row)[0]
    names = records(store.sql("SELECT name, count FROM corpus_actor_names WHERE corpus_id = ? "
                              "ORDER BY count DESC, name", [corpus_id]))

    # attributes the articles state, with how many articles state each value
    att = store.sql("""
        SELECT a.doc_id, a.role, a.country, a.religion, a.cameo, la.corpus_id AS affiliation_id, ca.name AS affiliation
        FROM actors a JOIN actor_links l ON l.doc_id = a.doc_id AND l.actor_id = a.actor_id
        LEFT JOIN actor_links la ON la.doc_id = a.doc_id AND la.actor_id = a.affiliation
        LEFT JOIN corpus_actors ca ON ca.corpus_id = la.corpus_id
        WHERE l.corpus_id = ?""", [corpus_id])
    attributes = []
    for key in ("role", "affiliation", "country", "religion", "cameo"):
        counts = Counter(v for v in att[key] if isinstance(v, str) and v)
        for value, n in counts.most_common(5):
            href = None
            if key == "affiliation":
                ids = att.loc[att["affiliation"] == value, "affiliation_id"]
                href = actor_href(ids.iloc[0]) if len(ids) else None
            attributes.append({"key": key, "value": value, "articles": n, "href": href})

    said = store.quotes(actor=corpus_id)
    said = said[said["speaker_id"] == corpus_id]
    said_rows = [{**r, "href": article_href(r["doc_id"])}
                 for r in records(said.head(MAX_ROWS)[["doc_id", "quote_id", "date", "outlet", "cue", "kind", "text"]])]

    # others' quotes that name it
    about = store.sql("""
        SELECT DISTINCT q.doc_id, q.quote_id, d.day AS date, d.outlet, q.text, q.cue, q.start,
               ls.corpus_id AS speaker_id, cs.name AS speaker, q.speaker_text
        FROM quotes q
        JOIN mentions m ON m.doc_id = q.doc_id AND m.start >= q.start AND m."end" <= q."end"
        JOIN actor_links l ON l.doc_id = m.doc_id AND l.actor_id = m.actor_id
        JOIN dyads_docs d ON d.doc_id = q.doc_id
        LEFT JOIN actor_links ls ON ls.doc_id = q.doc_id AND ls.actor_id = q.speaker
        LEFT JOIN corpus_actors cs ON cs.corpus_id = ls.corpus_id
        WHERE l.corpus_id = ? AND coalesce(ls.corpus_id, '') <> ?
        ORDER BY date NULLS LAST, q.doc_id, q.start, q.quote_id LIMIT ?""", [corpus_id, corpus_id, MAX_ROWS])
    about_rows = [{"doc_id": r["doc_id"], "href": article_href(r["doc_id"]), "date": r["date"], "outlet": r["outlet"],
                   "text": r["text"], "cue": r["cue"], "who": r["speaker"] or r["speaker_text"] or "unknown",
                   "who_href": actor_href(r["speaker_id"])} for r in records(about)]

    ev = _events(store, corpus_id)
    ev_rows = [_event_row(r) for r in records(ev)]
    as_source = [r for r, s in zip(ev_rows, ev["source_id"]) if s == corpus_id]
    as_target = [r for r, t in zip(ev_rows, ev["target_id"]) if t == corpus_id]
    claimed_about = [r for r in as_target if r["voice"] != "article"]

    nums = store.quantities(actor=corpus_id)
    nums = nums[nums["subject_id"] == corpus_id]
    num_rows = [{"doc_id": r["doc_id"], "href": article_href(r["doc_id"]), "date": r["date"], "outlet": r["outlet"],
                 "text": r["text"], "unit": r["unit"], "counts": r["counts"],
                 "voice": r["claimed_by"] or "article", "voice_href": actor_href(r["claimed_by_id"])}
                for r in records(nums.head(MAX_ROWS))]

    allies, enemies, others = _ties(store, corpus_id, ev)
    return {
        "page": "actor", "title": actor["name"], "store": _store_name(store),
        "actor": {**actor, "href": actor_href(corpus_id)},
        "names": names,
        "attributes": attributes,
        "said": said_rows, "said_total": int(len(said)),
        "said_about": about_rows,
        "claimed_about": claimed_about[:MAX_ROWS],
        "quantities_about": num_rows,
        "events_as_source": as_source[:MAX_ROWS], "events_as_source_total": len(as_source),
        "events_as_target": as_target[:MAX_ROWS], "events_as_target_total": len(as_target),
        "allies": allies, "enemies": enemies, "neutral_ties": others,
        "timeline": _timeline(ev),
        "incidents": _incidents(store, corpus_id),
        "articles": [{**r, "href": article_href(r["doc_id"])} for r in records(store.sql("""
            SELECT DISTINCT l.doc_id, d.title, d.day, d.outlet FROM actor_links l JOIN dyads_docs d USING (doc_id)
            WHERE l.corpus_id = ? ORDER BY d.day DESC NULLS LAST, l.doc_id LIMIT ?""", [corpus_id, MAX_ROWS]))],
        "network_href": "/network?actor=" + _q(corpus_id),
    }


def _ties(store, corpus_id: str, ev: pd.DataFrame) -> tuple[list, list, list]:
    net = store.network(actor=corpus_id)
    net = net[(net["source_id"] == corpus_id) | (net["target_id"] == corpus_id)]
    counting = ev[ev["voice"].isin(counting_voices())]  # what the network folds (graph.event_voice, stored)
    sentences: dict[str, list] = defaultdict(list)
    for r in records(counting):
        other = r["target_id"] if r["source_id"] == corpus_id else r["source_id"]
        if other == corpus_id or len(sentences[other]) >= MAX_EVIDENCE:
            continue
        sentences[other].append({"doc_id": r["doc_id"], "href": article_href(r["doc_id"]), "date": r["date"],
                                 "outlet": r["outlet"], "category": r["category"], "sentence": r["sentence"],
                                 "voice": r["claimed_by"] or "article"})
    out: dict[int, list] = {1: [], -1: [], 0: []}
    for r in records(net):
        me_first = r["source_id"] == corpus_id
        other, other_name = (r["target_id"], r["target"]) if me_first else (r["source_id"], r["source"])
        out[int(r["sign"])].append({
            "id": other, "name": other_name, "href": actor_href(other), "weight": r["weight"], "reports": r["reports"],
            "articles": r["articles"], "polarity": r["polarity"], "positive": r["positive"],
            "negative": r["negative"], "categories": r["categories"], "evidence": sentences.get(other, []),
        })
    return out[1], out[-1], out[0]


def _incidents(store, corpus_id: str) -> dict:
    """Its incidents (one row per happening, not per report), the heaviest first."""
    if not store.has_incidents():
        return {"rows": [], "total": 0, "reports": 0}
    df = store.incidents(actor=corpus_id)
    df = df[(df["source_id"] == corpus_id) | (df["target_id"] == corpus_id)]
    return {"rows": [incident_row(r) for r in records(df.head(MAX_ROWS))], "total": int(len(df)),
            "reports": int(df["reports"].sum()) if len(df) else 0}


def _timeline(ev: pd.DataFrame) -> dict:
    """Events per month (a year alone when that is all the text fixes), by polarity."""
    periods: dict[str, Counter] = defaultdict(Counter)
    for date, pol in zip(ev["date"], ev["polarity"]):
        key = str(date)[:7] if isinstance(date, str) and date else "undated"
        periods[key][POLARITY.get(int(pol) if pd.notna(pol) else 0, "neither")] += 1
    rows = [{"period": k, "cooperative": c["cooperative"], "conflictual": c["conflictual"],
             "neither": c["neither"], "total": sum(c.values())}
            for k, c in sorted(periods.items(), key=lambda kv: (kv[0] == "undated", kv[0]))]
    top = max((r["total"] for r in rows), default=0)
    return {"rows": rows, "max": top}


def _q(s: str) -> str:
    from urllib.parse import quote

    return quote(s, safe="")
