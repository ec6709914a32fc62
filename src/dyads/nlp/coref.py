"""Resolution within an article: which mentions name the same actor.

In order: knowledge-base links; full names; surnames, first names and acronyms
to the full name they shorten; generic descriptions ("the regime", "the
opposition", "the army", "the president", "the Weekly") to the actor they stand
for; he/she to a person. Pure functions over a Doc and the `Cand`s of
`mentions.py`.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter
from typing import Optional

from spacy.tokens import Doc, Token

from .. import kb
from .kb import DEFAULT_FILES, Entry, KnowledgeBase, fold, name_key
from .lexicon import ActorLexicon
from .doc import ActorInfo, ActorRegistry  # the actor record and its one owner
from .mentions import DETERMINERS, Cand, doc_words, is_capitalised, prefixed, token_strings

GENERATED = DEFAULT_FILES[0]  # a surname alone links to one of its persons only with context
TYPE_PRIORITY = ["person", "armed_group", "political_group", "state", "media", "company", "community", "country", "organization"]


class Resolver:
    def __init__(self, doc: Doc, kb: KnowledgeBase, lex: ActorLexicon):
        self.doc, self.kb, self.lex = doc, kb, lex
        self.registry = ActorRegistry(doc)  # makes the actors and attaches their mentions
        self.actors: list[ActorInfo] = self.registry.resolving  # indexed by ActorInfo.index
        self.by_kb: dict[str, ActorInfo] = {}
        self.by_key: dict[tuple, ActorInfo] = {}
        self.by_synthetic: dict[str, ActorInfo] = {}
        self._static_gender: dict[int, Optional[str]] = {}

    # ------------------------------------------------------------ helpers

    def new(self, name: str, type_: str, entry: Optional[Entry] = None, synthetic: Optional[str] = None) -> ActorInfo:
        a = self.registry.new(name, type_, entry=entry, synthetic=synthetic)
        if entry:
            self.by_kb[entry.id] = a
        if synthetic:
            self.by_synthetic[synthetic] = a
        return a

    def attach(self, c: Cand, a: ActorInfo) -> None:
        self.registry.attach(a, c)

    def pick_entry(self, c: Cand) -> Entry:
        entries = [self.kb.entries[h.entry_id] for h in c.hits]
        present = [e for e in entries if e.id in self.by_kb]
        pool = present or entries
        return min(pool, key=lambda e: e.rank)

    def entry_actor(self, entry: Entry) -> ActorInfo:
        return self.by_kb.get(entry.id) or self.new(entry.name, entry.type, entry=entry)

    # ------------------------------------------------------------ names

    def resolve_names(self, cands: list[Cand]) -> None:
        # acronyms the article defines in parentheses mean what it says they mean
        self.defined = {name_key(c.text(self.doc)): c.link for c in cands if c.link is not None}
        deferred = []
        for c in cands:
            if self.defined and name_key(c.text(self.doc)) in self.defined:
                deferred.append(c)
                continue
            if c.kind == "kb" and c.strength != "short":
                self.attach(c, self.entry_actor(self.pick_entry(c)))
                continue
            if c.kind == "kb" or c.kind == "acronym":
                deferred.append(c)
                continue
            if c.kind == "ner" and c.role == "government" and c.country:
                self.attach(c, self.institution("government", c.country))  # a capital for its government
                continue
            key = name_key(c.text(self.doc))
            if not key:
                continue
            if len(key) == 1:
                deferred.append(c)
                continue
            a = self.by_key.get(key) or self._longer_person(key, c)
            if a is None:
                a = self.new(self._clean_name(c), c.type or "organization")
                self.by_key[key] = a
            self.attach(c, a)
        for c in deferred:
            self._resolve_short(c)

    def _clean_name(self, c: Cand) -> str:
        return self.doc[c.start : c.end].text

    def _longer_person(self, key: tuple, c: Cand) -> Optional[ActorInfo]:
        """'Hassan Nasrallah' and 'Sayyed Hassan Nasrallah' are one person."""
        if c.type != "person":
            return None
        for a in self.actors:
            if a.type != "person":
                continue
            for k in a.keys:
                if len(k) >= 2 and (_subseq(key, k) or _subseq(k, key)) and key[-1] == k[-1]:
                    return a
        return None

    def _resolve_short(self, c: Cand) -> None:
        if c.kind == "acronym" or c.link is not None:
            if c.link is not None and c.link.actor is not None:
                self.attach(c, self.actors[c.link.actor])
                self.by_key[name_key(c.text(self.doc))] = self.actors[c.link.actor]
                return
        key = name_key(c.text(self.doc))
        long = self.defined.get(key)
        if long is not None and long.actor is not None:
            c.kind, c.type, c.hits = "acronym", None, []  # what the article defines, not the KB's reading
            self.attach(c, self.actors[long.actor])
            return
        if key in self.by_key:
            self.attach(c, self.by_key[key])
            return
        person = self._person_by_part(key, c)
        if person is not None:
            self.attach(c, person)
            return
        if c.kind == "kb":
            entry = self.pick_entry(c)
            if c.strength == "short":
                # a surname alone: the hand-written entry before the generated namesakes
                curated = [self.kb.entries[h.entry_id] for h in c.hits if self.kb.entries[h.entry_id].source != GENERATED]
                if curated and entry.id not in self.by_kb:
                    entry = min(curated, key=lambda e: e.rank)
            if c.strength != "short" or entry.id in self.by_kb or entry.source != GENERATED:
                self.attach(c, self.entry_actor(entry))
            elif c.label == "PERSON" or self.doc[c.start].ent_type_ == "PERSON":
                # a person the knowledge base only half knows ("President Obama" with a namesake)
                a = self.new(self._clean_name(c), "person")
                self.by_key[key] = a
                self.attach(c, a)
            return
        org = self._org_by_part(key)
        if org is not None:
            self.attach(c, org)
            return
        if c.kind == "acronym":
            return
        if c.kind == "ner" and c.type:
            a = self.new(self._clean_name(c), c.type)
            self.by_key[key] = a
            self.attach(c, a)

    def _person_by_part(self, key: tuple, c: Cand) -> Optional[ActorInfo]:
        """A surname or first name to the person whose full name it shortens: the one
        named in this or the previous sentence if any, else the first introduced."""
        if len(key) != 1:
            return None
        k = key[0]
        found = []
        for a in self.actors:
            if a.type != "person":
                continue
            if any(len(ak) >= 2 and (ak[-1] == k or ak[0] == k) for ak in a.keys):
                found.append(a)
        if not found:
            return None
        if len(found) == 1:
            return found[0]
        sent = self.doc[c.start].sent
        prev = self.doc[sent.start - 1].sent if sent.start > 0 else None
        local = [a for a in found if any(_in_sents(x, sent, prev) and len(name_key(x.text(self.doc))) >= 2 for x in a.cands if x.start < c.start)]
        if len(local) == 1:
            return local[0]
        return min(found, key=lambda a: a.first())

    def _org_by_part(self, key: tuple) -> Optional[ActorInfo]:
        """'Al-Nusra' or 'the Weekly' to the one organisation whose name holds it."""
        if len(key) != 1 or key[0] in _GENERIC_WORDS:
            return None
        found = [a for a in self.actors if a.type != "person" and any(len(k) >= 2 and key[0] in k for k in a.keys)]
        return found[0] if len(found) == 1 else None

    def propagate_names(self, cands: list[Cand]) -> list[Cand]:
        """Later mentions the model missed of names the article introduced ('NCCDC',
        'Tallo'): the article's own names, matched again over the uncovered text."""
        local = KnowledgeBase()
        for a in self.actors:
            if a.entry is not None or a.synthetic:
                continue
            names = {self.doc[c.start : c.end].text for c in a.cands if c.kind not in ("pronoun", "desc")}
            if not names:
                continue
            short = []
            if a.type == "person":
                short = [n.split()[-1] for n in names if len(n.split()) >= 2]
            local.add(Entry(str(a.index), sorted(names)[0], a.type, aliases=sorted(names), short=short))
        if not len(local):
            return cands
        covered = set()
        for c in cands:
            covered.update(range(c.start, c.end))
        words = doc_words(self.doc)
        upper = [w.isupper() and len(w) > 1 for w in words]
        added = []
        for s, e, hits in local.match(words, upper):
            if any(i in covered for i in range(s, e)) or len({h.entry_id for h in hits}) != 1:
                continue
            if not all(is_capitalised(t) for t in self.doc[s:e] if t.is_alpha) or prefixed(self.doc, s):
                continue
            c = Cand(s, e, "name", type=self.actors[int(hits[0].entry_id)].type)
            self.attach(c, self.actors[int(hits[0].entry_id)])
            added.append(c)
        return sorted(cands + added, key=lambda c: c.start)

    # ------------------------------------------------------------ descriptions

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
                a = self.by_synthetic.get("group:" + name) or self.new(name, "armed_group", synthetic="group:" + name)
            else:
                iso = self._country_beside(tok) or focus
                a = self.institution(role, iso)
                if a is None:
                    continue
                s = start - 1 if start > 0 and doc[start - 1].lower_ == "the" else start
                c = Cand(s, tok.i + 1, "desc", type=a.type, role=role, country=iso)
            self.attach(c, a)
            added.append(c)
        return sorted(cands + added, key=lambda c: c.start)

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
            and tok.tag_ == "NN"
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
        return None

    def _actor_at(self, i: int) -> Optional[ActorInfo]:
        for a in self.actors:
            for c in a.cands:
                if c.start <= i < c.end and c.kind != "desc":
                    return a
        return None

    def _the_title(self, tok: Token, start: int, added: list) -> None:
        """'the president' to the person the article gave that title."""
        low = tok.lower_
        found = [a for a in self.actors if a.type == "person" and any(
            c.title and low in self.doc[c.title[0] : c.title[1]].text.lower() and "former" not in self.doc[c.title[0] : c.title[1]].text.lower()
            for c in a.cands
        )]
        if len(found) == 1:
            c = Cand(start - 1, tok.i + 1, "desc", type="person", role="title")
            self.attach(c, found[0])
            added.append(c)

    def _the_name(self, tok: Token, added: list) -> None:
        a = self._org_by_part((fold(tok.text),))
        if a is not None:
            c = Cand(tok.i - 1, tok.i + 1, "desc", type=a.type, role="name")
            self.attach(c, a)
            added.append(c)

    # ------------------------------------------------------------ pronouns

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
            root = doc[c.start : c.end].root
            subject = root.dep_ in ("nsubj", "nsubjpass") or (c.kind == "pronoun" and root.dep_ == "nsubj")
            score = -10 * dist + (5 if subject else 0) + (c.start - csent.start) / max(1, len(csent)) * (1 if dist == 0 else -1)
            if best_score is None or score > best_score:
                best, best_score = c, score
        return best


# a state's role -> the noun that names its holder ("Syrian army", "Turkish government")
_ROLE_NOUN = kb.table("coref", "role_nouns")
# one-word names too generic to refer back to a longer name ("the group", "the front")
_GENERIC_WORDS = kb.words("coref", "generic_words")
# verbs of "the regime led/headed/run by X": X's country is the regime's
LEADING_VERBS = kb.words("coref", "leading_verbs")


def _subseq(short: tuple, long: tuple) -> bool:
    it = iter(long)
    return all(any(x == y for y in it) for x in short)


def _in_sents(c: Cand, sent, prev) -> bool:
    return sent.start <= c.start < sent.end or (prev is not None and prev.start <= c.start < prev.end)


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
