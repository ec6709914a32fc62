"""Resolution within an article: which mentions name the same actor.

In order: knowledge-base links; full names; surnames, first names and acronyms
to the full name they shorten; generic descriptions ("the regime", "the
opposition", "the army", "the president", "the Weekly") to the actor they stand
for (`coref_descriptions.py`); he/she to a person (`coref_pronouns.py`). Pure
functions over a Doc and the `Cand`s of `mentions.py`.
"""
from __future__ import annotations

from typing import Optional

from spacy.tokens import Doc

from .. import kb
from .kb import DEFAULT_FILES, Entry, KnowledgeBase, name_key
from .lexicon import ActorLexicon
from .doc import ActorInfo, ActorRegistry  # the actor record and its one owner
from .mentions import HYPHENS, Cand, doc_words, is_capitalised, prefixed
from .coref_descriptions import DescriptionResolution
from .coref_organs import OrganResolution
from .coref_pronouns import PronounResolution, _inside, _merged, quoted_regions  # noqa: F401 (re-exported)

GENERATED = DEFAULT_FILES[0]  # a surname alone links to one of its persons only with context
TYPE_PRIORITY = ["person", "armed_group", "political_group", "state", "media", "company", "community", "country", "organization"]


class Resolver(DescriptionResolution, OrganResolution, PronounResolution):
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

    def country_or_government(self, iso: str) -> ActorInfo:
        """What a capital stands for when it acts ("Washington warned", "talks with Moscow"): the
        country, as the article's other names of it ("US", "American") are; its government when
        the knowledge base has no such country."""
        entry = self.kb.entries.get(f"country:{iso}")
        return self.entry_actor(entry) if entry is not None else self.institution("government", iso)

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
                self.attach(c, self.country_or_government(c.country))  # a capital acting: its country
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
        org = self._org_by_part(key, head=self._after_the(c))
        if org is not None:
            self.attach(c, org)
            return
        if c.kind == "acronym":
            return
        if c.kind == "ner" and c.type:
            a = self.new(self._clean_name(c), c.type)
            self.by_key[key] = a
            self.attach(c, a)

    def _after_the(self, c: Cand) -> bool:
        """A capitalised one-word name after 'the' ("the Council"): the article's short form of a name."""
        return c.end - c.start == 1 and c.start > 0 and self.doc[c.start - 1].lower_ == "the" \
            and is_capitalised(self.doc[c.start])

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

    def _org_by_part(self, key: tuple, head: bool = False) -> Optional[ActorInfo]:
        """'Al-Nusra' or 'the Weekly' to the one organisation whose name holds it; with `head`
        (a capitalised 'the Council' after 'the UN Security Council'), a generic word too, as
        the last word of the one organisation's name."""
        if len(key) != 1:
            return None
        if key[0] in _GENERIC_WORDS:
            if not head:
                return None
            found = [a for a in self.actors if a.type != "person" and any(len(k) >= 2 and k[-1] == key[0] for k in a.keys)]
        else:
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
            # the word after a hyphen may be written small ("Bar-li" for "Bar-Li")
            if not all(is_capitalised(t) or (t.i > s and self.doc[t.i - 1].text in HYPHENS)
                       for t in self.doc[s:e] if t.is_alpha) or prefixed(self.doc, s):
                continue
            c = Cand(s, e, "name", type=self.actors[int(hits[0].entry_id)].type)
            self.attach(c, self.actors[int(hits[0].entry_id)])
            added.append(c)
        return sorted(cands + added, key=lambda c: c.start)


# one-word names too generic to refer back to a longer name ("the group", "the front")
_GENERIC_WORDS = kb.words("coref", "generic_words")


def _subseq(short: tuple, long: tuple) -> bool:
    it = iter(long)
    return all(any(x == y for y in it) for x in short)


def _in_sents(c: Cand, sent, prev) -> bool:
    return sent.start <= c.start < sent.end or (prev is not None and prev.start <= c.start < prev.end)
