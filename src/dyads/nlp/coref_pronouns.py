"""Resolution of he/she to a person within an article (a mixin of `coref.Resolver`),
and the quoted regions a pronoun inside or outside quotation marks is read against."""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from typing import Optional

from spacy.tokens import Doc, Token

from .coref_possessives import PossessiveResolution
from .doc import ActorInfo
from .kb import fold
from .mentions import Cand, token_strings


class PronounResolution(PossessiveResolution):
    """he/she to a person; uses the Resolver's registry and lexicon."""

    def gender(self, a: ActorInfo) -> Optional[str]:
        """A person's gender as the article marks it: a title (Mr, spokeswoman), a given
        name, or a pronoun already resolved to them."""
        if a.index not in self._static_gender:
            self._static_gender[a.index] = self._marked_gender(a)
        g = self._static_gender[a.index]
        if g:
            return g
        for c in a.cands:
            if c.kind == "pronoun":
                return "male" if self.doc[c.start].lower_ in self.lex.male else "female"
        return None

    def _marked_gender(self, a: ActorInfo) -> Optional[str]:
        for c in a.cands:
            if c.title:
                for t in self.doc[c.title[0] : c.title[1]]:
                    g = self.lex.gender_of_title.get(t.lower_)
                    if g:
                        return g
            if c.kind in ("ner", "propn", "kb", "name") and c.end - c.start >= 2:
                g = self.lex.gender_of_name.get(fold(self.doc[c.start].text))
                if g:
                    return g
        if a.entry is not None:
            g = self.lex.gender_of_name.get(fold(a.entry.name.split()[0]))
            if g:
                return g
        return None

    def resolve_pronouns(self, cands: list[Cand], quoted: list[tuple[int, int]]) -> list[Cand]:
        cands = self.resolve_possessives(cands)
        doc, lex = self.doc, self.lex
        persons = {a.index for a in self.actors if a.type == "person"}
        if not persons:
            return cands
        added: list[Cand] = []
        mentions = sorted((c for c in cands if c.actor in persons), key=lambda c: c.start)
        starts, added_starts = [c.start for c in mentions], []
        quoted = _merged(quoted)
        sents = None
        for i, low in enumerate(token_strings(doc, "LOWER")):
            if low not in lex.male and low not in lex.female:
                continue
            tok = doc[i]
            if tok.tag_ not in ("PRP", "PRP$"):
                continue
            if sents is None:
                sents = _sentence_index(doc)
            # only mentions from three sentences back can be the antecedent (_antecedent):
            # the pool is those, in the order of all mentions and pronouns sorted by start
            first = sents[0][max(0, sents[1][i] - 3)].start
            pool = sorted(mentions[bisect_left(starts, first):bisect_left(starts, i)]
                          + added[bisect_left(added_starts, first):bisect_left(added_starts, i)],
                          key=lambda c: c.start)
            best = self._antecedent(tok, pool, quoted, sents)
            if best is None:
                continue
            c = Cand(tok.i, tok.i + 1, "pronoun", type="person")
            self.attach(c, self.actors[best.actor])
            added.append(c)
            added_starts.append(c.start)
        return sorted(cands + added, key=lambda c: c.start)

    def _antecedent(self, tok: Token, pool: list[Cand], quoted, sents=None) -> Optional[Cand]:
        """The mention in `pool` (sorted by start) that the pronoun `tok` refers to; `quoted`
        is `_merged(quoted_regions(text))`."""
        doc = self.doc
        spans, sent_of = sents or _sentence_index(doc)
        in_quote = _inside(tok.idx, quoted)
        excluded = _reported_clause(tok)
        bound = _clause_subject(tok)
        want = "male" if tok.lower_ in self.lex.male else "female"
        best, best_score = None, None
        for c in pool:
            if c.start >= tok.i:
                break
            if self.gender(self.actors[c.actor]) not in (None, want):
                continue
            csent = spans[sent_of[c.start]]
            dist = min(sent_of[tok.i] - sent_of[c.start], 5)  # sentences back from tok's to c's, at most 5
            if dist > 3:
                continue
            if not in_quote and _inside(doc[c.start].idx, quoted):
                continue
            if excluded and excluded[0] <= c.start < excluded[1]:
                continue
            if bound is not None and bound[0] <= c.start < bound[1]:
                continue  # 'Reyes grows maize above her': not Reyes (a reflexive would be)
            root = doc[c.start : c.end].root
            subject = root.dep_ in ("nsubj", "nsubjpass") or (c.kind == "pronoun" and root.dep_ == "nsubj")
            score = -10 * dist + (5 if subject else 0) + (c.start - csent.start) / max(1, len(csent)) * (1 if dist == 0 else -1)
            if best_score is None or score > best_score:
                best, best_score = c, score
        return best


def _sentence_index(doc: Doc) -> tuple[list, list[int]]:
    """The Doc's sentences, and the number of each token's sentence (what `Token.sent` finds,
    without walking to the sentence's ends at each call)."""
    spans = list(doc.sents)
    sent_of = [0] * len(doc)
    for n, s in enumerate(spans):
        sent_of[s.start : s.end] = [n] * (s.end - s.start)
    return spans, sent_of


def _merged(regions: list[tuple[int, int]]) -> tuple[list[int], list[int]]:
    """The union of [start, end) regions as ascending, disjoint starts and ends (for _inside)."""
    starts: list[int] = []
    ends: list[int] = []
    for s, e in sorted(regions):
        if starts and s <= ends[-1]:
            ends[-1] = max(ends[-1], e)
        else:
            starts.append(s)
            ends.append(e)
    return starts, ends


def _inside(idx: int, merged: tuple[list[int], list[int]]) -> bool:
    """Does a region of `_merged(regions)` hold character idx?"""
    k = bisect_right(merged[0], idx) - 1
    return k >= 0 and idx < merged[1][k]


_CLAUSES = ("relcl", "acl", "advcl", "ccomp", "xcomp", "csubj", "parataxis", "conj")


def _clause_subject(tok: Token) -> Optional[tuple[int, int]]:
    """For an object pronoun ('… above her', '… thanked him'; not a possessive): the tokens of the
    subject of its own clause, with its apposition, which it cannot refer to; None for a subject."""
    if tok.dep_ in ("nsubj", "nsubjpass", "poss") or tok.tag_ == "PRP$":
        return None
    verb = tok.head
    while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i and verb.dep_ not in _CLAUSES:
        verb = verb.head  # up through prepositions and noun phrases to the clause's verb
    subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    return (subj.left_edge.i, subj.right_edge.i + 1) if subj is not None else None


def _reported_clause(tok: Token) -> Optional[tuple[int, int]]:
    """For '..., he added': the reported clause before the verb, whose persons 'he' is not."""
    verb = tok.head
    if tok.dep_ != "nsubj":
        return None
    for child in verb.children:
        if child.dep_ in ("ccomp", "parataxis") and child.i < tok.i:
            return child.left_edge.i, child.right_edge.i + 1
    return None


_QUOTE_MARKS = re.compile('[\u201c\u201d"]')


def quoted_regions(text: str) -> list[tuple[int, int]]:
    """Character regions between quotation marks (curly pairs, straight marks toggling)."""
    out, open_at, straight = [], None, None
    for m in _QUOTE_MARKS.finditer(text):  # only the marks matter: skip the rest at C speed
        i, ch = m.start(), m.group()
        if ch == "\u201c":
            open_at = i
        elif ch == "\u201d" and open_at is not None:
            out.append((open_at, i + 1))
            open_at = None
        elif ch == '"':
            if straight is None:
                straight = i
            else:
                out.append((straight, i + 1))
                straight = None
    return out
