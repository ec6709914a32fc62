"""Resolution of generic descriptions within an article: "the regime", "the opposition",
"the army", "the president", "the Weekly" to the actor they stand for (a mixin of
`coref.Resolver`)."""
from __future__ import annotations

from collections import Counter
from typing import Optional

from spacy.tokens import Token

from .. import kb
from .coref_kinds import KindResolution
from .doc import ActorInfo
from .kb import fold
from .mentions import DETERMINERS, Cand, capital_of, doc_words, is_capitalised, prefixed, token_strings


class DescriptionResolution(KindResolution):
    """Descriptions and titles to actors; uses the Resolver's registry, knowledge base and lexicon."""

    def focus_country(self) -> Optional[str]:
        counts = Counter()
        for a in self.actors:
            if a.entry and a.entry.country and a.type in ("country", "state"):
                counts[a.entry.country] += len(a.cands)
        return counts.most_common(1)[0][0] if counts else None

    def country_actor(self, iso: str) -> Optional[ActorInfo]:
        for a in self.actors:
            if a.entry and a.entry.country == iso and a.type == "country":
                return a
        return None

    def demonym(self, iso: str) -> str:
        for e in (self.kb.entries.get(f"country:{iso}"),):
            if e and e.demonyms:
                return e.demonyms[0]
        a = self.country_actor(iso)
        return a.name if a else iso

    def institution(self, role: str, iso: Optional[str]) -> Optional[ActorInfo]:
        """The state institution (or opposition) of a country, from the knowledge base
        when it knows it, else made for the article."""
        prefix = {"government": "gov", "military": "mil", "police": "pol", "opposition": "opp"}[role]
        if iso:
            e = self.kb.entries.get(f"{prefix}:{iso}")
            if e is None:
                dem = self.demonym(iso)
                hits = self.kb.lookup(f"{dem} {_ROLE_NOUN[role]}")
                e = self.kb.entries[hits[0].entry_id] if hits and hits[0].strength == "name" else None
            if e is not None:
                return self.entry_actor(e)
            key = f"{prefix}:{iso}"
            name = f"{self.demonym(iso)} {_ROLE_NOUN[role]}"
        else:
            key, name = f"{prefix}:", _ROLE_NOUN[role]
        a = self.by_synthetic.get(key)
        if a is None:
            a = self.new(name, "political_group" if role == "opposition" else "state", synthetic=key)
            if iso:
                a.attributes["country"] = {"value": iso, "start": None, "end": None}
        return a

    def resolve_descriptions(self, cands: list[Cand]) -> list[Cand]:
        doc, lex = self.doc, self.lex
        covered = set()
        for c in cands:
            covered.update(range(c.start, c.end))
        focus = self.focus_country()
        added = []
        words = doc_words(doc)
        lowers = token_strings(doc, "LOWER")
        alpha = doc.to_array("IS_ALPHA").tolist()
        descriptions, titles = self.lex.descriptions, self.lex.titles
        for i, low in enumerate(lowers):
            if i in covered or not alpha[i]:
                continue
            if not (
                (i > 0 and ((words[i - 1].lower(), low) in descriptions or lowers[i - 1] == "the"))
                or (low,) in descriptions
                or (low,) in titles
            ):
                continue  # no description or title here, nor "the <Name>" (most words): see _description_at
            tok = doc[i]
            role, start = self._description_at(tok, words)
            if role is None:
                if tok.tag_ in ("NNP", "NNPS") and tok.i > 0 and doc[tok.i - 1].lower_ == "the" and is_capitalised(tok):
                    self._the_name(tok, added)
                continue
            if prefixed(doc, start):
                continue
            if role == "title":
                self._the_title(tok, start, added)
                continue
            if role == "group":
                if tok.tag_ != "NNS" or tok.dep_ == "compound":
                    continue
                c = Cand(self._chunk_start(tok), tok.i + 1, "desc", type="armed_group", role="group")
                name = self._group_name(tok)
                a = self._named_with_noun(tok) or self.by_synthetic.get("group:" + name) \
                    or self.new(name, "armed_group", synthetic="group:" + name)
            else:
                if not self._names_institution(tok):
                    continue
                iso = self._country_beside(tok) or focus
                a = self.institution(role, iso)
                if a is None:
                    continue
                s = self._modifiers_start(tok, start)
                s = s - 1 if s > 0 and doc[s - 1].lower_ == "the" else s
                c = Cand(s, tok.i + 1, "desc", type=a.type, role=role, country=iso)
            self.attach(c, a)
            added.append(c)
        added += self.resolve_organs(cands, covered, focus)
        added += self.resolve_kinds(covered.union(*(range(c.start, c.end) for c in added)))
        added += self.resolve_group_phrases(covered.union(*(range(c.start, c.end) for c in added)))
        return sorted(cands + added, key=lambda c: c.start)

    def _named_with_noun(self, tok: Token) -> Optional[ActorInfo]:
        """"Hezbollah rebels": the named group before the noun; "the rebels" after "the Houthi
        rebels": the one named group the article gave that noun (not a country: "Syrian rebels")."""
        for c in tok.children:
            if c.dep_ in ("compound", "amod") and c.i < tok.i:
                a = self._actor_at(c.i)
                if a is not None and a.type in _GROUP_TYPES:
                    return a
        if tok.i == 0 or self.doc[tok.i - 1].lower_ != "the":
            return None
        low = tok.lower_
        found = [a for a in self.actors if not a.synthetic and a.type != "person" and any(
            c.end - c.start >= 2 and self.doc[c.end - 1].lower_ == low for c in a.cands)]
        return found[0] if len(found) == 1 else None

    def _modifiers_start(self, tok: Token, start: int) -> int:
        """Where a description begins with its lower-case modifiers: "the internationally
        recognised government", "the interim government" (not a demonym nor a possessive)."""
        s = start
        while s > 0:
            t = self.doc[s - 1]
            word = t.is_lower and t.is_alpha and (t.tag_ in ("JJ", "RB", "VBN") or t.dep_ == "amod")
            if not ((word or t.tag_ == "HYPH") and s - 1 < t.head.i <= tok.i):
                break
            s -= 1
        return s

    def _names_institution(self, tok: Token) -> bool:
        """Does this 'government', 'army' or 'opposition' name the institution? Not as a modifier
        of another noun ("government officials", "an opposition war monitor"; but "government
        forces" are its members), nor the act of opposing ("their opposition to the bill"), nor
        the speaker's own ("our own military")."""
        t = tok
        while t.dep_ == "conj" and t.head.i != t.i:
            t = t.head  # "military and government officials": as the first of them
        if t.dep_ in ("amod", "compound", "nmod") and t.head.pos_ in ("NOUN", "PROPN") \
                and t.head.lower_ not in MEMBER_NOUNS:
            return False
        for child in tok.children:
            if child.dep_ == "prep" and child.lower_ == "to":
                return False
            if child.dep_ == "poss" and child.lower_ in SPEAKER_POSSESSIVES:
                return False
        return True

    def _description_at(self, tok: Token, words: list[str]) -> tuple[Optional[str], int]:
        low = tok.lower_
        if tok.i > 0:
            two = (words[tok.i - 1].lower(), low)
            if two in self.lex.descriptions:
                return self.lex.descriptions[two], tok.i - 1
        if (low,) in self.lex.descriptions and tok.pos_ in ("NOUN", "PROPN"):
            return self.lex.descriptions[(low,)], tok.i
        if (
            (low,) in self.lex.titles
            and (tok.tag_ == "NN" or tok.tag_ == "NNP" and tok.text.islower())  # a lowercase 'NNP' is a noun
            and tok.i > 0
            and self.doc[tok.i - 1].lower_ == "the"
            and not (tok.i + 1 < len(self.doc) and self.doc[tok.i + 1].tag_ in ("NNP", "NNPS"))
        ):
            return "title", tok.i
        return None, tok.i

    def _chunk_start(self, tok: Token) -> int:
        left = tok.left_edge.i
        while left < tok.i and (self.doc[left].lower_ in DETERMINERS or self.doc[left].like_num or self.doc[left].tag_ == "PRP$"
                                or self.doc[left].is_punct):
            left += 1
        return left

    def _group_name(self, tok: Token) -> str:
        for child in tok.children:
            sub = [t for t in child.subtree]
            if len(sub) >= 3 and sub[0].lower_ in ("pro", "anti") and sub[1].text == "-":
                return f"{sub[0].lower_}-{sub[2].lower_} {tok.lower_}"
        return tok.lower_

    def _country_beside(self, tok: Token) -> Optional[str]:
        """The country of 'Syrian army', 'Syria's regime', 'the Al-Assad regime', 'the regime led by X'."""
        for child in tok.children:
            if child.dep_ in ("amod", "compound", "poss", "nmod"):
                a = self._actor_at(child.i)
                if a is not None and a.country:
                    return a.country
            if child.dep_ == "acl" and child.lemma_ in LEADING_VERBS:
                for g in child.children:
                    if g.dep_ == "agent":
                        for p in g.children:
                            a = self._actor_at(p.i)
                            if a is not None and a.country:
                                return a.country
            if child.dep_ == "prep" and child.lower_ == "in":
                # "the foreign ministry in Cairo": the state whose capital it sits in
                seat = next((p for p in child.children if p.dep_ == "pobj" and p.tag_ == "NNP"), None)
                iso = capital_of(seat.text) if seat is not None else None
                if iso is not None:
                    return iso
        return self._possessor_before(tok)

    def _possessor_before(self, tok: Token) -> Optional[str]:
        """"Yemen's internationally recognised government" parsed apart: the country whose
        possessive ending stands just before the description's modifiers."""
        i = tok.i - 1
        while i >= 0 and self.doc[i].tag_ in ("JJ", "RB", "VBN", "NN") and self.doc[i].is_lower:
            i -= 1
        if i < 1 or self.doc[i].tag_ != "POS":
            return None
        a = self._actor_at(i - 1)
        return a.country if a is not None and a.type in ("country", "state") else None

    def _actor_at(self, i: int) -> Optional[ActorInfo]:
        for a in self.actors:
            for c in a.cands:
                if c.start <= i < c.end and c.kind != "desc":
                    return a
        return None

    def _the_title(self, tok: Token, start: int, added: list) -> None:
        """'the president' to the person the article gave that title; of several, the one named last."""
        low = tok.lower_
        titles = {a.index: [self.doc[c.title[0] : c.title[1]].text.lower() for c in a.cands if c.title]
                  + [t for c in a.cands if c.kind != "pronoun" for t in self._appositive_titles(c)]
                  for a in self.actors if a.type == "person"}
        titled = [a for a in self.actors if any(low in t for t in titles.get(a.index, ()))]
        found = [a for a in titled if any(low in t and "former" not in t for t in titles[a.index])]
        if len(found) > 1:
            # several persons with that title: the one named last before it ("the minister" after two ministers)
            last = {a.index: max((c.start for c in a.cands if c.start < tok.i and c.kind != "pronoun"), default=-1)
                    for a in found}
            found = [max(found, key=lambda a: last[a.index])] if max(last.values()) >= 0 else []
        if not titled:
            found = self._salient_person(tok)
        if found:
            c = Cand(start - 1, tok.i + 1, "desc", type="person", role="title")
            self.attach(c, found[0])
            added.append(c)

    def _appositive_titles(self, c: Cand) -> list[str]:
        """The role an apposition gives a named person: 'the agriculture minister, Lena Brandt,'
        or 'Lena Brandt, the agriculture minister,' (lowercase words of the role's phrase)."""
        root = self.doc[c.start : c.end].root
        heads = [root.head] if root.dep_ == "appos" and root.head.i != root.i else []
        heads += [ch for ch in root.children if ch.dep_ == "appos"]
        return [" ".join(t.lower_ for t in self.doc[h.left_edge.i : h.i + 1]) for h in heads
                if h.lower_ in self.lex.title_heads]

    def _salient_person(self, tok: Token) -> list[ActorInfo]:
        """'the envoy' when no person was given that title: the one person named in its sentence
        before it or in the two sentences before ("Hochstein said ... Prior to his visit, the envoy
        travelled"), when the article spoke of such a one before ("a US envoy said"); none when several
        are named, or when the title says whose it is ("the president of X")."""
        if any(c.dep_ != "det" for c in tok.children if c.i > tok.i or c.dep_ in ("poss", "amod", "compound")):
            return []
        low = tok.lemma_.lower()
        if not any(t.lemma_.lower() == low for t in self.doc[: tok.i]):
            return []  # "the governor" with no governor spoken of before: someone new, not a name nearby
        sent = tok.sent
        first = sent.start
        for _ in range(TITLE_BACK):
            if first == 0:
                break
            first = self.doc[first - 1].sent.start
        found = {a.index: a for a in self.actors if a.type == "person" and any(
            first <= c.start < tok.i and c.kind not in ("pronoun", "desc") for c in a.cands)}
        return list(found.values()) if len(found) == 1 else []

    def _the_name(self, tok: Token, added: list) -> None:
        a = self._org_by_part((fold(tok.text),), head=True)
        if a is not None:
            c = Cand(tok.i - 1, tok.i + 1, "desc", type=a.type, role="name")
            self.attach(c, a)
            added.append(c)


# a state's role -> the noun that names its holder ("Syrian army", "Turkish government")
_ROLE_NOUN = kb.table("coref", "role_nouns")
# the types of a named actor a group description ("Hezbollah rebels") may stand for
_GROUP_TYPES = ("armed_group", "political_group")
# verbs of "the regime led/headed/run by X": X's country is the regime's
LEADING_VERBS = kb.words("coref", "leading_verbs")
# nouns a description may modify and still name its institution ("government forces")
MEMBER_NOUNS = kb.words("state_organs", "member_nouns")
# sentences before its own where "the envoy", a title no person was given, looks for the one person named
TITLE_BACK = 2
# possessives of the speaker or the one spoken to ("our own military")
SPEAKER_POSSESSIVES = kb.words("state_organs", "speaker_possessives")
