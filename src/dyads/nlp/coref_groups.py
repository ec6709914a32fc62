"""Unnamed groups described by what ties them to a named actor:
"Lebanon-based armed groups", "Iran-aligned groups" (a mixin of `coref.Resolver`).

The construction: a plural group noun (`group_heads` in grammar/coref_kinds.yaml) with a
modifier that is "<actor>-<affiliation participle>" ("Iran-backed", "Lebanon-based") is an
armed group of the article, named by the phrase (its modifiers and
noun, without determiners or quantifiers); the same phrase later is the same actor. Not the
bare noun ("groups", "several groups"), not a noun that modifies another ("armed group
leaders"), not a phrase already naming an actor.
"""
from __future__ import annotations

from typing import Optional

from spacy.tokens import Token

from .. import kb
from .mentions import Cand, token_strings

# plural nouns of unnamed groups that a qualifying modifier makes an actor of their own
GROUP_HEADS = kb.words("coref_kinds", "group_heads")
# participles that tie a group to the actor before their hyphen ("Lebanon-based")
AFFILIATION_WORDS = kb.words("coref_kinds", "affiliation_words")


class GroupPhraseResolution:
    """"Iran-aligned groups" to an armed-group actor of its own; uses the Resolver's registry."""

    def resolve_group_phrases(self, covered: set) -> list[Cand]:
        doc = self.doc
        added: list[Cand] = []
        for i, low in enumerate(token_strings(doc, "LOWER")):
            if low not in GROUP_HEADS or i in covered:
                continue
            tok = doc[i]
            start = self._group_phrase_start(tok, covered)
            if start is None:
                continue
            name = doc[start : i + 1].text
            key = "group-phrase:" + name.lower()
            a = self.by_synthetic.get(key) or self.new(name, "armed_group", synthetic=key)
            c = Cand(start, i + 1, "desc", type="armed_group", role="group")
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
