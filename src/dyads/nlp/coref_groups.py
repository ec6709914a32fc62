"""Unnamed groups described by what ties them to a named actor: "Lebanon-based armed
groups", "Iran-aligned groups", "Ruritanian settlers" (a mixin of `coref.Resolver`).

The construction: a plural group noun (`group_heads` in grammar/coref_kinds.yaml) with a
modifier that is "<actor>-<affiliation participle>" ("Iran-backed", "Lebanon-based") is an
armed group of the article, named by the phrase (its modifiers and noun, without determiners
or quantifiers); the same phrase later is the same actor. Not the bare noun ("groups",
"several groups", "armed groups": too vague to be one actor), not a noun that modifies another
("armed group leaders"), not a phrase already naming an actor.

And a people's plain people (`civilian_people`: settlers, pilgrims, citizens ...) named with
its adjective ("Ruritanian settlers", "Ruritanian citizens of Borduria") are a community of
their own, apart from that people's state (whose officials and soldiers act as it).
"""
from __future__ import annotations

from typing import Optional

from spacy.tokens import Token

from .. import kb
from .mentions import Cand, token_strings

# plural nouns of unnamed groups that a qualifying modifier makes an actor of their own
GROUP_HEADS = kb.words("coref_kinds", "group_heads")
# plain people named with a people's adjective: a group apart ("Ruritanian settlers")
CIVILIAN_PEOPLE = kb.words("coref_kinds", "civilian_people")
# participles that tie a group to the actor before their hyphen ("Lebanon-based")
AFFILIATION_WORDS = kb.words("coref_kinds", "affiliation_words")


class GroupPhraseResolution:
    """"Iran-aligned groups" to an armed-group actor of its own; uses the Resolver's registry."""

    def resolve_group_phrases(self, covered: set) -> list[Cand]:
        doc = self.doc
        added: list[Cand] = []
        for i, low in enumerate(token_strings(doc, "LOWER")):
            if low not in GROUP_HEADS and low not in CIVILIAN_PEOPLE or i in covered:
                continue
            tok = doc[i]
            if low in GROUP_HEADS:
                start, type_ = self._group_phrase_start(tok, covered), "armed_group"
            else:
                start, type_ = self._people_phrase_start(tok, covered), "community"
            if start is None:
                continue
            end = self._of_actor_end(tok, covered) if type_ == "community" else i + 1
            name = doc[start:end].text
            key = "group-phrase:" + name.lower()
            a = self.by_synthetic.get(key) or self.new(name, type_, synthetic=key)
            c = Cand(start, end, "desc", type=type_, role="group")
            self.attach(c, a)
            added.append(c)
        return added

    def _group_phrase_start(self, tok: Token, covered: set) -> Optional[int]:
        if tok.tag_ != "NNS" or tok.dep_ in ("compound", "nmod", "amod"):
            return None
        qualified, start = False, tok.i
        for c in tok.children:
            if c.i > tok.i or c.dep_ not in ("amod", "compound"):
                continue
            if c.lower_ in AFFILIATION_WORDS and any(
                    g.i < c.i and g.i in covered and g.dep_ in ("npadvmod", "compound", "nmod") for g in c.children):
                qualified, start = True, min(start, c.left_edge.i)
        if not qualified:
            return None
        # the modifiers between the first qualifying one and the noun belong to the phrase
        for j in range(start, tok.i):
            t = self.doc[j]
            if not (t.head.i == tok.i or start <= t.head.i < tok.i):
                return None
        return start

    def _people_phrase_start(self, tok: Token, covered: set) -> Optional[int]:
        """"Ruritanian settlers": a people's adjective (a mention of an actor) just before the noun."""
        if tok.tag_ != "NNS" or tok.dep_ in ("compound", "nmod", "amod") or tok.i == 0:
            return None
        mod = self.doc[tok.i - 1]
        if mod.head.i != tok.i or mod.dep_ not in ("amod", "compound") or mod.i not in covered or mod.is_lower:
            return None
        if mod.i > 0 and self.doc[mod.i - 1].i in covered:
            return None  # a longer name before it ("Red Crescent volunteers")
        return mod.i

    def _of_actor_end(self, tok: Token, covered: set) -> int:
        """Where "Ruritanian citizens of Borduria" ends: after the named actor of its "of"."""
        for c in tok.children:
            if c.dep_ == "prep" and c.lower_ == "of" and c.i == tok.i + 1:
                pobj = next((p for p in c.children if p.dep_ == "pobj"), None)
                if pobj is not None and all(j in covered for j in range(c.i + 1, pobj.right_edge.i + 1)):
                    return pobj.right_edge.i + 1
        return tok.i + 1
