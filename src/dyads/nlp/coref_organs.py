"""State organs named by a common noun: "Russia's foreign ministry", "the Israeli interior
ministry", "the foreign ministry" (a mixin of `coref.Resolver`).

Each is an actor of type state of its own, named "<demonym> <department> ministry" (the name
the state's kb entry gives its people's adjective); its country is the one named beside it
(a possessive or a demonym, as for "Syrian army"), else the article's main country. "The
ministry" alone refers back to the one ministry the article named, if there is one.
"""
from __future__ import annotations

from typing import Optional

from spacy.tokens import Token

from .. import kb
from .doc import ActorInfo
from .mentions import Cand, token_strings

# nouns of a state's organ, named by the department before them ("the foreign ministry")
ORGAN_HEADS = kb.words("state_organs", "organ_heads")


class OrganResolution:
    """Ministries to actors; uses the Resolver's registry, lexicon and description helpers."""

    def resolve_organs(self, cands: list[Cand], covered: set, focus: Optional[str]) -> list[Cand]:
        added = []
        for i, low in enumerate(token_strings(self.doc, "LOWER")):
            if low not in ORGAN_HEADS or i in covered:
                continue
            tok = self.doc[i]
            if tok.pos_ not in ("NOUN", "PROPN") or tok.dep_ == "compound":
                continue
            dept = [c for c in tok.children if c.dep_ in ("amod", "compound") and c.lower_ in self.lex.departments]
            start = min([c.i for c in dept], default=tok.i)
            if start > 0 and self.doc[start - 1].lower_ == "the":
                start -= 1
            if dept:
                a = self._organ_actor(tok, " ".join(c.lower_ for c in dept), focus)
            else:
                a = self._org_by_part((low,))  # "the ministry": the one the article named
            if a is None:
                continue
            c = Cand(start, tok.i + 1, "desc", type="state", role="organ", country=a.country)
            self.attach(c, a)
            added.append(c)
        return added

    def _organ_actor(self, tok: Token, dept: str, focus: Optional[str]) -> Optional[ActorInfo]:
        iso = self._country_beside(tok)
        if iso is None:
            # "the foreign ministry": the article's country's, or the one ministry of that name it named
            named = [a for a in self.actors if (a.synthetic or "").startswith("organ:") and a.synthetic.endswith(":" + dept)]
            if len(named) == 1:
                return named[0]
            iso = focus
        if iso is None:
            return None
        key = f"organ:{iso}:{dept}"
        a = self.by_synthetic.get(key)
        if a is None:
            a = self.new(f"{self.demonym(iso)} {dept} {tok.lower_}", "state", synthetic=key)
            a.attributes["country"] = {"value": iso, "start": None, "end": None}
        return a
