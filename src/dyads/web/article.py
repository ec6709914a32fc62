"""The article page's context: the text with every item highlighted, what each item is and
whose voice asserts it, the article's actors, events and camps.

Items, keyed by their contract id (all kinds share one id space: A1, Q1, E1, N1, P1):

- actors: every mention (the article names them: the voice is the article's);
- quotes: the quoted content and the words naming the speaker (the voice: the speaker);
- events: the trigger words inside the event's sentence (the voice: `claimed_by`, else the article;
  whether it makes a relation, and in which voice, is `graph.event_voice`'s word);
- quantities: the number's words (the voice: `claimed_by`, else the article);
- places: every mention.

Each item's details ({kind, title, voice, fields: [[label, value]], links: [[label, path]]})
go to the page as JSON in a <script type="application/json"> block (escaped by `tojson`); the
page's script shows them with textContent when a highlight is hovered, focused or clicked.

The relations listed are the article's events folded by `graph.article_relations` when the page
is read (a store written before relations had voices answers as the contract now says).
"""
from __future__ import annotations

import json
from typing import Optional

from ..errors import DyadsError
from ..graph import article_relations, event_voice
from ..model import ArticleResult
from .context import _store_name, actor_href, article_href, safe_url
from .highlight import Mark, find_trigger, nest
from .network import network_data
from .store import cached

POLARITY = {1: "cooperative", -1: "conflictual", 0: "neither"}
COUNTS = {"article": "yes, in the article's voice", "self": "yes, claimed by one of its sides",
          "other": "no: a third party's claim", None: "no"}


def _fmt(x) -> Optional[str]:
    if x is None:
        return None
    return f"{x:,.0f}" if float(x).is_integer() else f"{x:,}"


class _Items:
    """The details of each highlighted item (`items`, by id) and the marks in the text, built kind by kind."""

    def __init__(self, text: str, result: ArticleResult, links: dict):
        self.text, self.result, self.links = text, result, links
        self.actors = {a.id: a for a in result.actors}
        self.items: dict[str, dict] = {}
        self.marks: list[Mark] = []

    def name(self, aid: Optional[str]) -> Optional[str]:
        return self.actors[aid].name if aid in self.actors else None

    def href(self, aid: Optional[str]) -> Optional[str]:
        return actor_href(self.links.get(aid)) if aid else None

    def voice(self, claimed_by: Optional[str]) -> str:
        return self.name(claimed_by) or ("article" if not claimed_by else claimed_by)

    def add_actors(self) -> None:
        for a in self.result.actors:
            att = []
            for key, v in (a.attributes or {}).items():
                if v is None or v.value is None:
                    continue
                att.append([key, self.name(v.value) if key == "affiliation" and v.value in self.actors else str(v.value)])
            self.items[a.id] = {
                "kind": "actor", "title": a.name, "voice": "article",
                "fields": [["type", a.type], ["also called", "; ".join(x for x in a.aliases if x != a.name) or None],
                           ["knowledge base", a.kb_id], ["CAMEO", (a.codes or {}).get("cameo")],
                           ["mentions", str(len(a.mentions))]] + att,
                "links": [["actor page", self.href(a.id)]],
            }
            self.marks += [Mark(m.start, m.end, a.id, "actor") for m in a.mentions]

    def add_quotes(self) -> None:
        for q in self.result.quotes:
            who = self.name(q.speaker) or q.speaker_text or "unknown speaker"
            self.items[q.id] = {
                "kind": "quote", "title": f"{q.kind} quote", "voice": who,
                "fields": [["speaker", who], ["named as", q.speaker_text], ["cue", q.cue], ["kind", q.kind]],
                "links": [["speaker", self.href(q.speaker)]],
            }
            self.marks.append(Mark(q.start, q.end, q.id, "quote"))
            if q.speaker_mention is not None:
                self.marks.append(Mark(q.speaker_mention.start, q.speaker_mention.end, q.id, "speaker"))

    def add_events(self) -> list[dict]:
        events, places = [], {p.id: p.name for p in self.result.places}
        for e in self.result.events:
            src, tgt = self.name(e.source), self.name(e.target)
            flags = [f for f, on in (("negated", e.negated), (e.modality, e.modality != "asserted")) if on]
            v = event_voice(e)
            if v == "other":
                flags.append("claim only")
            self.items[e.id] = {
                "kind": "event", "title": f"{e.category}: {src or '?'} → {tgt or '?'}", "voice": self.voice(e.claimed_by),
                "fields": [["trigger", e.trigger], ["category", e.category], ["mode", e.mode], ["CAMEO", e.cameo],
                           ["source", src], ["target", tgt], ["polarity", POLARITY.get(e.polarity, str(e.polarity))],
                           ["modality", e.modality], ["negated", "yes" if e.negated else None],
                           ["in quote", e.quote], ["date", e.date], ["place", places.get(e.place, e.place)],
                           ["makes a relation", COUNTS[v]]],
                "links": [["source", self.href(e.source)], ["target", self.href(e.target)]],
            }
            at = find_trigger(self.text, e.start, e.end, e.trigger, e.trigger_start, e.trigger_end)
            if at:
                self.marks.append(Mark(at[0], at[1], e.id, "event"))
            events.append({"id": e.id, "category": e.category, "trigger": e.trigger, "source": src, "target": tgt,
                           "source_href": self.href(e.source), "target_href": self.href(e.target),
                           "polarity": e.polarity, "voice": self.voice(e.claimed_by), "flags": flags, "date": e.date,
                           "highlighted": bool(at)})
        return events

    def relations(self) -> list[dict]:
        """The article's relations (the contract's), with names, links and voices."""
        return [{"source": self.name(r.source) or r.source, "target": self.name(r.target) or r.target,
                 "source_href": self.href(r.source), "target_href": self.href(r.target), "polarity": r.polarity,
                 "sign": 1 if r.polarity > 0 else -1 if r.polarity < 0 else 0, "weight": r.weight,
                 "categories": r.categories, "voices": r.voices, "events": r.events}
                for r in self.result.relations]

    def add_quantities(self) -> list[dict]:
        quantities = []
        for n in self.result.quantities:
            bounds = " – ".join(x for x in (_fmt(n.low), _fmt(n.high)) if x) or None
            self.items[n.id] = {
                "kind": "quantity", "title": n.text, "voice": self.voice(n.claimed_by),
                "fields": [["value", _fmt(n.value)], ["bounds", bounds], ["approximately", n.approx],
                           ["unit", n.unit], ["counts", n.counts], ["about", self.name(n.subject)]],
                "links": [["about", self.href(n.subject)], ["stated by", self.href(n.claimed_by)]],
            }
            self.marks.append(Mark(n.start, n.end, n.id, "quantity"))
            quantities.append({"id": n.id, "text": n.text, "unit": n.unit, "counts": n.counts,
                               "subject": self.name(n.subject), "subject_href": self.href(n.subject),
                               "voice": self.voice(n.claimed_by)})
        return quantities

    def add_places(self) -> None:
        for p in self.result.places:
            where = f"{p.lat:.2f}, {p.lon:.2f}" if p.lat is not None and p.lon is not None else None
            self.items[p.id] = {"kind": "place", "title": p.name, "voice": "article",
                                "fields": [["country", p.country], ["coordinates", where]], "links": []}
            self.marks += [Mark(m.start, m.end, p.id, "place") for m in p.mentions]

    def finish(self) -> dict[str, dict]:
        for it in self.items.values():  # only what is there
            it["fields"] = [[k, v] for k, v in it["fields"] if v not in (None, "")]
            it["links"] = [[k, v] for k, v in it["links"] if v]
        return self.items


@cached
def article_context(store, doc_id: str) -> dict:
    rows = store.sql("SELECT text, result FROM documents WHERE doc_id = ?", [doc_id])
    if rows.empty:
        raise DyadsError("E130", detail=doc_id)
    text = rows["text"].iloc[0] or ""
    result = ArticleResult.from_dict(json.loads(rows["result"].iloc[0]))
    result.relations = article_relations(result.events)  # as the contract folds them now, whenever stored
    meta = store.sql("SELECT title, raw_date, day, outlet, url FROM dyads_docs WHERE doc_id = ?", [doc_id]).iloc[0]
    links = dict(store.sql("SELECT actor_id, corpus_id FROM actor_links WHERE doc_id = ?", [doc_id])
                 .itertuples(index=False, name=None))
    built = _Items(text, result, links)
    built.add_actors()
    built.add_quotes()
    events = built.add_events()
    quantities = built.add_quantities()
    built.add_places()
    items, href = built.finish(), built.href

    net = network_data(store, {"doc": doc_id})  # as the contract's relations: the article's and the sides' own voices
    return {
        "page": "article", "title": result.document.title or doc_id, "store": _store_name(store),
        "document": {"id": doc_id, "title": result.document.title, "date": meta["raw_date"], "day": meta["day"],
                     "outlet": meta["outlet"], "url": meta["url"], "safe_url": safe_url(meta["url"]),
                     "chars": len(text), "href": article_href(doc_id),
                     "network_href": "/network?doc=" + _q(doc_id)},
        "segments": nest(text, built.marks),
        "items": items,
        "actors": [{"id": a.id, "name": a.name, "type": a.type, "mentions": len(a.mentions), "kb_id": a.kb_id,
                    "corpus_id": links.get(a.id), "href": href(a.id)}
                   for a in sorted(result.actors, key=lambda a: (-len(a.mentions), a.name))],
        "quotes": [{"id": q.id, "who": items[q.id]["voice"], "speaker_href": href(q.speaker), "cue": q.cue,
                    "kind": q.kind, "text": q.text} for q in result.quotes],
        "events": events,
        "relations": built.relations(),
        "quantities": quantities,
        "camps": net["camps"], "frustration": net["frustration"], "unaligned": net["unaligned"],
        "network_counts": net["counts"],
        "warnings": [{"code": w.code, "message": w.message} for w in result.warnings],
        "result": result.to_dict(),
    }


def _q(s: str) -> str:
    from urllib.parse import quote

    return quote(s, safe="")
