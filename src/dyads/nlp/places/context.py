"""What the place rules need to know about a Doc, computed once, and a place mention found."""
from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Optional

from spacy.tokens import Doc, Span

from ..mentions import doc_text
from .gazetteer import GeoEntry
from .words import ACTORS_KEY


@dataclass
class Hit:
    start: int  # tokens
    end: int
    key: str
    cands: list  # [(GeoEntry, quality)]; [] for a place the gazetteer does not know
    suffix: Optional[str] = None  # "province" in "Idlib province"
    entry: Optional[GeoEntry] = None


class Context:
    """What the component needs to know about the Doc, computed once."""

    def __init__(self, doc: Doc):
        self.doc = doc
        self.text = doc_text(doc)
        self._ents = None
        n = len(doc)
        self.actor_span: list = [None] * n  # token -> (start, end, type, kb-linked) of the longest actor mention
        self.actor_country: Counter = Counter()
        self.sent_of = [0] * n
        if doc.has_annotation("SENT_START") or doc.has_annotation("DEP"):
            for k, s in enumerate(doc.sents):
                self.sent_of[s.start : s.end] = [k] * (s.end - s.start)
        self.actor_countries_in_sent: dict[int, set] = defaultdict(set)
        infos = {a.id: a for a in (getattr(doc._, "dyads_actors", None) or []) if getattr(a, "id", None)}
        if ACTORS_KEY in doc.spans:
            for m in sorted(doc.spans[ACTORS_KEY], key=lambda m: m.end - m.start, reverse=True):
                a = infos.get(m.label_)
                if a is None:
                    continue
                info = (m.start, m.end, a.type, a.entry is not None)
                for i in range(m.start, m.end):
                    if self.actor_span[i] is None:
                        self.actor_span[i] = info
                country = a.country
                if country:
                    self.actor_country[country] += 1
                    self.actor_countries_in_sent[self.sent_of[m.start]].add(country)

    def ent_at(self, i: int) -> Optional[Span]:
        """The named entity over token i (doc.ents builds every entity span at each call)."""
        if self._ents is None:
            self._ents = [None] * len(self.doc)
            for ent in reversed(self.doc.ents):  # entities do not overlap; the first wins anyway
                self._ents[ent.start:ent.end] = [ent] * (ent.end - ent.start)
        return self._ents[i] if 0 <= i < len(self._ents) else None

    def words(self, i: int, j: int) -> str:
        doc = self.doc
        return self.text[doc[i].idx : doc[j - 1].idx + len(doc[j - 1].text)]
