"""Definite descriptions that name an actor by its kind: "the group", "the armed movement",
"the council", "the country" (a mixin of `coref.Resolver`).

The construction: "the" + (lower-case modifiers) + a singular noun of a kind of actor
(`kind_nouns` in grammar/coref_kinds.yaml) refers back to the last actor of a type that noun
can name, mentioned by name in the last few sentences: "Hamas ... The group's incursion",
"the Security Council ... the council has acted". An actor whose own name holds the noun comes
first ("the movement" after "the Amal Movement"); some nouns (`name_bound`: "the council",
"the agency") refer to nothing else. Not a kind noun that is itself part of a name, a modifier
of another noun ("the group leader"), a phrase with its own "of" ("the group of seven"), or the
possessor of a noun that names its own people ("the country's Sunni majority").
"""
from __future__ import annotations

from typing import Optional

from spacy.tokens import Token

from .. import kb
from .coref_groups import GroupPhraseResolution
from .doc import ActorInfo
from .mentions import Cand, token_strings

# a singular noun after "the" -> the actor types it may refer back to
KIND_NOUNS = {k: frozenset(v) for k, v in kb.table("coref_kinds", "kind_nouns").items()}
# kind nouns that refer back only to an actor whose own name holds them
NAME_BOUND = kb.words("coref_kinds", "name_bound")
WINDOW = 4  # sentences back (the description's own included) its actor must be named in


class KindResolution(GroupPhraseResolution):
    """"the group" to the last group named; uses the Resolver's registry."""

    def resolve_kinds(self, covered: set) -> list[Cand]:
        doc = self.doc
        added: list[Cand] = []
        for i, low in enumerate(token_strings(doc, "LOWER")):
            if low not in KIND_NOUNS or i in covered:
                continue
            tok = doc[i]
            start = self._kind_start(tok)
            if start is None or any(j in covered for j in range(start, i)):
                continue
            if tok.dep_ == "poss" and any(c.dep_ in ("amod", "compound") and c.i in covered for c in tok.head.children):
                continue  # "the country's Sunni majority": the people named are the ones meant
            a = self._kind_antecedent(tok, start, low)
            if a is None:
                continue
            c = Cand(start, i + 1, "desc", type=a.type, role="kind")
            self.attach(c, a)
            added.append(c)
        return added

    def _kind_start(self, tok: Token) -> Optional[int]:
        """Where "the (armed) group" begins, if `tok` is the head of such a description."""
        if tok.tag_ != "NN" or not tok.is_lower or tok.dep_ in ("compound", "nmod", "amod"):
            return None
        det = None
        for c in tok.children:
            if c.dep_ == "det" and c.i < tok.i:
                det = c
            elif c.dep_ == "prep" and c.lower_ == "of":
                return None  # "the group of seven", "the council of elders"
            elif c.dep_ in ("compound", "amod", "nmod", "poss") and c.i < tok.i and not c.is_lower:
                return None  # "the Wagner group", "the Palestinian group": a name or a people of its own
        if det is None or det.lower_ != "the":
            return None
        if any(not (t.is_lower and t.is_alpha or t.tag_ == "HYPH") for t in self.doc[det.i + 1 : tok.i]):
            return None
        return det.i

    def _kind_antecedent(self, tok: Token, start: int, noun: str) -> Optional[ActorInfo]:
        doc = self.doc
        sent = tok.sent
        first = sent.start
        for _ in range(WINDOW - 1):
            if first == 0:
                break
            first = doc[first - 1].sent.start
        types = KIND_NOUNS[noun]
        best_named, best_typed = None, None
        for a in self.actors:
            if a.type == "person":
                continue
            named = any(noun in k for k in a.keys)
            if not named and (noun in NAME_BOUND or a.type not in types):
                continue
            last = max((c.start for c in a.cands if first <= c.start < start and c.kind not in ("pronoun", "desc")),
                       default=None)
            if last is None:
                continue
            if named and (best_named is None or last > best_named[0]):
                best_named = (last, a)
            if not named and (best_typed is None or last > best_typed[0]):
                best_typed = (last, a)
        best = best_named or best_typed
        return best[1] if best else None
