"""Small corpus stores built from hand-made articles, for the tests of the analysts' tables
(test_export_dta.py, test_series.py): actors with CAMEO codes, events with modes, dates and
places. Built the way test_query.py builds its stores: `Store.write`, then `rebuild_corpus`."""
from __future__ import annotations

from dyads.graph import article_relations
from dyads.model import Actor, ArticleResult, Document, Event, Mention, Place, Quantity, Quote
from dyads.store import Store
from dyads.store.corpus import rebuild_corpus

# (id, name, type, kb_id, cameo, aliases): invented actors of an invented war
NORTH = ("A1", "Northern Militia", "armed_group", "group:northern-militia", "NRTREB", ["the militia", "Northerners"])
COAST = ("A2", "Coastal Army", "state", "mil:coastal", "CSTMIL", ["the army"])
ISLES = ("A3", "Island Republic", "country", "country:ISL", "ISL", [])
MONKS = ("A4", "Hill Monks", "community", None, None, [])

PLACES = {"P1": ("Port Vela", "CST"), "P2": ("Isla Mayor", "ISL")}


def article(doc_id, events, date="2024-06-03", source="Wire", actors=(NORTH, COAST, ISLES, MONKS), text=None,
            quotes=(), places=("P1", "P2")) -> ArticleResult:
    """events: (id, source, target, category, polarity, extra Event fields: mode, date, place,
    claimed_by, negated, modality ...)."""
    text = text or f"Article {doc_id}. " + " ".join(a[1] for a in actors)
    r = ArticleResult(
        document=Document(id=doc_id, source=source, date=date, chars=len(text), sha256=doc_id),
        actors=[Actor(i, n, t, aliases=list(al) + [n], kb_id=k, codes={"cameo": c} if c else {},
                      mentions=[Mention(0, 1, n)]) for i, n, t, k, c, al in actors],
        events=[Event(eid, cat, "x", 0, len(text), source=s, target=t, polarity=p, **kw)
                for eid, s, t, cat, p, kw in events],
        places=[Place(p, PLACES[p][0], PLACES[p][1], mentions=[Mention(0, 1, PLACES[p][0])]) for p in places],
        quotes=[Quote(q, "direct", qt, 0, 1, speaker=sp) for q, qt, sp in quotes],
        quantities=[Quantity("N1", "seven", 0, 1, value=7, unit="people", counts="dead")],
    )
    r.relations = article_relations(r.events)
    r.text = text
    return r


def build(path, results) -> str:
    with Store(str(path)) as st:
        st.write(results, st.start_run("test", [], "t"))
        rebuild_corpus(st)
    return str(path)
