"""The network page's context: the signed network of corpus actors (CorpusStore.graph) with
its structural-balance camps (graph.camps, reported as graph.camp_view: an actor alone on its
side is unaligned), as nodes and edges vis-network draws. An edge goes `from` the actor that
acted `to` the one acted on (`by_from` / `by_to` count each direction); each camp says which
camps it opposes.

The edges fold what relations fold (`graph.event_voice`): events in the article's voice and
those one side claims of itself, each edge saying how many of each (`voices`); a third party's
claim never. Filters: since, until, category, source (outlet), min_weight, actor, speaker, own
(the articles' own voice only, the sides' own claims left out) and doc (one article's network).
"""
from __future__ import annotations

from typing import Optional

from ..errors import DyadsError
from ..graph import annotate, camp_view, camps as balance, orient
from ..model import PLOVER
from .context import _outlets, _store_name, actor_href, article_href
from .store import cached

MAX_EVIDENCE = 5


def network_data(store, filters: dict) -> dict:
    """Nodes, edges, camps and counts of the filtered network."""
    doc = filters.get("doc")
    store.doc_scope = doc
    try:
        G = store.graph(since=filters.get("since"), until=filters.get("until"), category=filters.get("category"),
                        source=filters.get("source"), min_weight=filters.get("min_weight", 1),
                        actor=filters.get("actor"), speaker=filters.get("speaker"),
                        include_claimed=not filters.get("own", False))
    finally:
        store.doc_scope = None
    c = balance(G)
    annotate(G, c)
    view = camp_view(G, c)
    name = {n: d.get("name", n) for n, d in G.nodes(data=True)}
    nodes = [{"id": n, "label": d.get("name", n), "type": d.get("type"), "camp": d.get("camp", -1),
              "opposes": view.node_opposes(n), "articles": d.get("articles"), "degree": G.degree(n),
              "href": actor_href(n)}
             for n, d in G.nodes(data=True)]
    nodes.sort(key=lambda x: (-x["degree"], x["label"] or ""))
    edges = []
    signs = {1: 0, -1: 0, 0: 0}
    for i, (u, v, d) in enumerate(sorted(G.edges(data=True), key=lambda e: -e[2]["weight"])):
        signs[d["sign"]] += 1
        src, tgt, forward, backward = orient(G, u, v)  # from = who acted
        edges.append({"id": i, "from": src, "to": tgt, "from_label": name[src], "to_label": name[tgt],
                      "by_from": forward, "by_to": backward,
                      "weight": d["weight"], "reports": d.get("reports", d["weight"]), "sign": d["sign"],
                      "polarity": d["polarity"],
                      "categories": d.get("categories", {}), "voices": d.get("voices", {}),
                      "outlets": d.get("outlets", {}),
                      "first": d.get("first"), "last": d.get("last"), "frustrated": d.get("frustrated", False),
                      "articles": len(d.get("docs", [])),
                      "evidence": [{"ref": ev, "href": _evidence_href(ev)} for ev in d.get("evidence", [])[:MAX_EVIDENCE]]})

    def who(n) -> dict:
        return {"id": n, "name": name[n], "href": actor_href(n)}

    return {
        "counts": {"nodes": G.number_of_nodes(), "edges": G.number_of_edges(), "positive": signs[1],
                   "negative": signs[-1], "neutral": signs[0], "camps": len(view.camps)},
        "nodes": nodes, "edges": edges,
        "camps": [{"camp": k, "opposes": view.opposes(k),
                   "members": [who(n) for n in sorted(v, key=lambda n: str(name[n]))]}
                  for k, v in view.camps.items()],
        "oppositions": [{"camp": t.a, "opposes": t.b, "conflict": t.conflict, "cooperation": t.cooperation}
                        for t in view.ties if t.opposed],
        "unaligned": [{**who(n), "alone": n in set(view.alone), "opposes": view.node_opposes(n),
                       "rivals": [who(m) for m in view.rivals.get(n, [])],
                       "against": [f"camp {k}" for k in view.node_opposes(n)] + [name[m] for m in view.rivals.get(n, [])]}
                      for n in view.unaligned],
        "frustration": round(c.frustration, 4),
        "frustrated_edges": [{"u": name[a], "v": name[b], "sign": e.sign, "weight": e.weight}
                             for e in c.frustrated_edges[:50] for a, b, _, _ in [orient(G, e.u, e.v)]],
    }


def _evidence_href(ev: str) -> Optional[str]:
    doc, _, _ = ev.rpartition("#")
    return article_href(doc) if doc else None


@cached
def network_context(store, filters: dict) -> dict:
    doc = None
    if filters.get("doc"):
        row = store.sql("SELECT doc_id, title FROM dyads_docs WHERE doc_id = ?", [filters["doc"]])
        if row.empty:
            raise DyadsError("E130", detail=filters["doc"])
        doc = {"id": filters["doc"], "title": row["title"].iloc[0], "href": article_href(filters["doc"])}
    data = network_data(store, filters)
    return {"page": "network", "title": "Network" + (f": {doc['title'] or doc['id']}" if doc else ""),
            "store": _store_name(store), "filters": filters, "doc": doc,
            "choices": {"categories": list(PLOVER), "outlets": [o["outlet"] for o in _outlets(store)]},
            **data}
