"""Possessive "its"/"their" bound to the speaker of the clause they stand in (a mixin of
`coref.Resolver`).

The construction: a possessive inside a clause reported or governed by a verb whose subject is
a non-person actor refers to that actor: "Norway said its vessels had been targeted by X" (the
vessels are Norway's, so X acted against Norway), "the ministry said gunmen had stormed its
offices", "X has a fleet, and its vessels were hit". Only across a clause (a ccomp/xcomp/advcl
edge, or a clause conjoined to the subject's, between the possessive and that subject's verb): within one clause ("the group attacked its soldiers") the possessor may be
someone else, which the event rules weigh themselves; nor a verb conjoined without a subject of its own
("has refused ... and urged its citizens" is one clause). Not "its European partners" (the
partners named are the ones meant). Not a person ("its" is no one's), not a
pronoun subject (left to the event rules' own antecedents).
"""
from __future__ import annotations

from typing import Optional

from spacy.tokens import Token

from .. import kb
from .doc import ActorInfo
from .mentions import Cand, token_strings

# possessive pronouns of a group, a state or an organisation
POSSESSIVES = kb.words("coref_kinds", "possessives")
# the edges from an embedded clause to the verb that governs it
CLAUSE_DEPS = kb.words("coref_kinds", "clause_deps")
MAX_CLIMB = 8  # heads climbed from the possessive to the verb of its subject


class PossessiveResolution:
    """"its"/"their" to the non-person subject of the governing clause; uses the Resolver's registry."""

    def resolve_possessives(self, cands: list[Cand]) -> list[Cand]:
        doc = self.doc
        at: Optional[dict] = None
        added = []
        for i, low in enumerate(token_strings(doc, "LOWER")):
            if low not in POSSESSIVES:
                continue
            tok = doc[i]
            if tok.tag_ != "PRP$":
                continue
            if at is None:
                at = {}
                for c in cands:
                    if c.actor is not None:
                        for j in range(c.start, c.end):
                            at.setdefault(j, c)
            if i in at or any(j in at for j in range(i + 1, tok.head.i)):
                continue  # "its European partners": the partners named are the ones meant
            a = self._governing_subject(tok, at)
            if a is None:
                continue
            c = Cand(i, i + 1, "pronoun", type=a.type, role="possessive")
            self.attach(c, a)
            added.append(c)
        return sorted(cands + added, key=lambda c: c.start) if added else cands

    def _governing_subject(self, tok: Token, at: dict) -> Optional[ActorInfo]:
        crossed = False
        t = tok.head
        for _ in range(MAX_CLIMB):
            if t.pos_ in ("VERB", "AUX"):
                subj = next((c for c in t.children if c.dep_ == "nsubj"), None)
                if subj is not None and subj.i != tok.i and subj.i < tok.i:
                    if not crossed:
                        if subj.i in at:
                            return None  # its own clause's subject: the event rules decide
                    elif subj.i in at and at[subj.i].kind not in ("pronoun",):
                        a = self.actors[at[subj.i].actor]
                        return a if a.type != "person" else None
                    else:
                        return None
            if t.dep_ in CLAUSE_DEPS or t.dep_ == "conj" and t.pos_ in ("VERB", "AUX") and _own_subject(t):
                crossed = True  # "X has a fleet, and its vessels were hit": a clause joined to X's
            if t.head.i == t.i:
                return None
            t = t.head
        return None


def _own_subject(verb: Token) -> bool:
    """Has this conjoined verb a subject of its own ("and its vessels were hit"), not the one it
    shares with the verb before ("has refused ... and has urged its citizens")?"""
    return any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children)
