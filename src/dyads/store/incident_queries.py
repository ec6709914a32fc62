"""The incident queries of a corpus store (`CorpusStore.incidents`, `.incident`): one row per
happening, however many articles told it (incidents.py builds them at the end of each ingest).

A mixin like network_queries.py: it reads through the store's connection (`self.con`), its actor
matching (`self.match`) and `self._run`; `query.py` puts it into `CorpusStore`. A store written
before incidents existed has none until its next ingest: the queries then answer E114.
"""
from __future__ import annotations

from typing import Optional

import pandas as pd

from ..errors import DyadsError

INCIDENT_COLUMNS = ["incident_id", "date", "date_precision", "category", "source_id", "source", "target_id", "target",
                    "place", "place_country", "lat", "lon", "place_precision", "reports", "articles", "outlets",
                    "first_reported", "asserted", "denied", "disputed", "fatalities_low", "fatalities_high",
                    "fatalities_median", "outlet_names"]


class IncidentQueries:
    """Incidents of the corpus, for `CorpusStore`."""

    def has_incidents(self) -> bool:
        return bool(self.con.execute("""SELECT count(*) FROM information_schema.tables
                                        WHERE table_schema = 'main' AND table_name = 'incidents'""").fetchone()[0])

    def _need_incidents(self) -> None:
        if not self.has_incidents():
            raise DyadsError("E114", path=self.path)

    def incidents(self, actor: Optional[str] = None, category: Optional[str] = None, source: Optional[str] = None,
                  since: Optional[str] = None, until: Optional[str] = None, min_articles: int = 1,
                  limit: Optional[int] = None) -> pd.DataFrame:
        """Incidents: its category, sides (corpus actors), best date and place with their
        precision, how many reports, articles and outlets told it (`outlet_names`), when it was
        first reported, asserted and denied reports (`disputed` when both), and the low, high
        and median of the death tolls its reports give. `actor`: at either end; `source`: told
        by that outlet; `since`/`until`: by the incident's date; `min_articles`: told by at least
        that many articles. Most told first, then by date."""
        from .query import _Where  # (query.py imports this module)

        self._need_incidents()
        w = _Where()
        w.ids(["i.source", "i.target"], self.match(actor))
        if category:
            w.add("i.category = upper(?)", category)
        if source:
            w.add("""EXISTS (SELECT 1 FROM incident_reports r WHERE r.incident_id = i.incident_id
                             AND lower(r.outlet) = lower(?))""", source)
        if min_articles and int(min_articles) > 1:
            w.add("i.articles >= ?", int(min_articles))
        w.dates("i.date", since, until)
        return self._incident_rows(w, limit)

    def incident(self, incident_id: str) -> pd.DataFrame:
        """One incident's row (the columns of `incidents`); empty when there is none."""
        from .query import _Where

        self._need_incidents()
        w = _Where()
        w.add("i.incident_id = ?", incident_id)
        return self._incident_rows(w, None)

    def _incident_rows(self, w, limit: Optional[int]) -> pd.DataFrame:
        return self._run(f"""
            SELECT i.incident_id, i.date, i.date_precision, i.category,
                   i.source AS source_id, cs.name AS source, i.target AS target_id, ct.name AS target,
                   i.place, i.place_country, i.lat, i.lon, i.place_precision, i.reports, i.articles, i.outlets,
                   i.first_reported, i.asserted, i.denied, i.disputed,
                   i.fatalities_low, i.fatalities_high, i.fatalities_median,
                   (SELECT list(DISTINCT r.outlet ORDER BY r.outlet) FROM incident_reports r
                    WHERE r.incident_id = i.incident_id AND r.outlet IS NOT NULL) AS outlet_names
            FROM incidents i
            LEFT JOIN corpus_actors cs ON cs.corpus_id = i.source
            LEFT JOIN corpus_actors ct ON ct.corpus_id = i.target
            {w.sql()}
            ORDER BY i.articles DESC, i.reports DESC, i.date NULLS LAST, i.incident_id""", w.params, limit)

    def incident_reports(self, incident_id: str) -> pd.DataFrame:
        """The reports of one incident side by side: article, outlet, article date, the event's
        own date, its voice (who asserts it) and whether it is denied, the sentence, the death
        toll it gives, and why it joined."""
        self._need_incidents()
        return self.con.execute("""
            SELECT r.doc_id, d.title, r.outlet, r.article_date, r.date AS event_date, r.event_id, e.category,
                   e.trigger, r.voice, r.negated, e.claimed_by, cc.name AS claimed_by_name, r.place, r.date_gap, r.why,
                   substr(x.text, e.start + 1, e."end" - e.start) AS sentence,
                   (SELECT max(n.value) FROM incident_numbers n
                    WHERE n.doc_id = r.doc_id AND n.event_id = r.event_id) AS fatalities
            FROM incident_reports r
            JOIN events e ON e.doc_id = r.doc_id AND e.event_id = r.event_id
            JOIN documents x ON x.doc_id = r.doc_id
            LEFT JOIN dyads_docs d ON d.doc_id = r.doc_id
            LEFT JOIN actor_links lc ON lc.doc_id = e.doc_id AND lc.actor_id = e.claimed_by
            LEFT JOIN corpus_actors cc ON cc.corpus_id = lc.corpus_id
            WHERE r.incident_id = ?
            ORDER BY r.article_date NULLS LAST, r.doc_id, r.event_id""", [incident_id]).df()

    def incident_of(self) -> str:
        """SQL giving each event's incident (doc_id, event_id, incident_id), for weighing ties by
        incidents; events in no incident are their own."""
        if not self.has_incidents():
            return "SELECT NULL::VARCHAR AS doc_id, NULL::VARCHAR AS event_id, NULL::VARCHAR AS incident_id WHERE false"
        return "SELECT doc_id, event_id, incident_id FROM incident_reports"
