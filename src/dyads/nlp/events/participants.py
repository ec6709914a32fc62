"""Who takes part in an act: the source and the target of a trigger, read from the parse.

    p = Participants(doc)             # reads doc.spans["dyads_actors"], doc._.dyads_actors, the places
    p._sources(tok, verb)             # actor ids: the subject; a passive's "by" agent; conjoined subjects;
                                      # the antecedent of "who"; "companies such as X and Y"; the group
                                      # of "Hizbullah fighters"; "it"/"they" to the actor spoken of
    p._targets(tok, hit, sources)     # where the trigger's lexicon entry says the recipient is

An unnamed group ("Congolese refugees") or a place an act is aimed at ("blockade Paris") takes
part as an actor the registry makes (`ActorRegistry`, keys "made-group:..." and "made-place:...").
"""
from __future__ import annotations

from typing import Optional

from spacy.tokens import Doc, Span, Token

from ..doc import ACTORS_KEY, PLACES_KEY, ActorRegistry
from ..mentions import Cand
from .lexicon import polarity_of
from .words import (
    ASKING, CAUSATIVE_VERBS, GROUP_PRONOUNS, HAVING_VERBS, LOCATIVE_PREPS, MAX_NESTING, MEMBER_NOUNS,
    MOTIVE_NOUNS, NOT_THE_PERSON, PLACE_TYPE_NOUNS, PLAIN_PEOPLE, PURPOSE_CATEGORIES,
    QUANTITY_HEADS, RELATIVES, UPON_PREPS, VAGUE_MODIFIERS, WITHIN_DEPS, counted, group_nouns,
)
from .alignments import country_of_place
from .belonging import owner_of_thing, place_noun_actor
from .instruments import weapon_sources
from .purpose import has_aux, purpose_doer
from .groups import opened_clause_subject
from .lists import breakdown, companions, named_members
from .actor_heads import people_before, people_group, possessed
from .frames import between_object, giver_object, mutual
from .speech import back_reference
from .antecedents import Antecedents

class Participants(Antecedents):
    """The actors of a Doc as the event rules look them up, token by token."""

    def __init__(self, doc: Doc):
        self.doc = doc
        self.registry = ActorRegistry(doc)
        mentions = doc.spans[ACTORS_KEY] if ACTORS_KEY in doc.spans else []
        self.actor_at: dict[int, str] = {}
        for m in sorted(mentions, key=lambda m: m.end - m.start, reverse=True):
            for i in range(m.start, m.end):
                self.actor_at[i] = m.label_
        self.actors = self.registry.by_id()
        self._avoid: set = set()  # actors a pronoun being resolved cannot stand for
        self._nesting = 0
        self._groups: Optional[dict] = None  # synthetic key -> id of the article's group phrases
        self.hits: dict = {}  # token index -> TriggerHit of every trigger in the Doc
        self.place_at: dict[int, Span] = {}
        if PLACES_KEY in doc.spans:
            for sp in doc.spans[PLACES_KEY]:
                for i in range(sp.start, sp.end):
                    self.place_at[i] = sp

    def _governing_verb(self, noun: Token) -> Optional[Token]:
        """The verb whose subject does what the noun names: "launched an attack", "implicate his
        clan in the battle"; not a verb further off ("called for sanctions in the wake of the execution")."""
        t = noun
        for _ in range(2):
            if t.head.i == t.i:
                return None
            t = t.head
            if t.pos_ in ("VERB", "AUX"):
                return t
        return None

    def _sources(self, tok: Token, verb: Optional[Token]) -> list[str]:
        between = self._between(tok)
        if between:
            return between[:1]
        received = self._received(tok, verb)
        if received is not None:
            return received[0]
        if tok.pos_ == "NOUN":
            # "X's attack on Y", "an attack by X"
            for c in tok.children:
                if c.dep_ == "poss":
                    return self._actors_of(c)
                if c.dep_ == "prep" and c.lower_ == "by":
                    for p in c.children:
                        if p.dep_ == "pobj":
                            return self._actors_of(p)
            if verb is None:
                return []
        v = verb if verb is not None else tok
        # passive: the "by" agent is the source
        for c in v.children:
            if c.dep_ == "agent":
                for p in c.children:
                    if p.dep_ == "pobj":
                        return self._actors_of(p)
        subj = self._subject(v)
        if subj is None:
            return self._stranded_subject(v)
        return self._actors_of(subj) or weapon_sources(self, subj, v)  # "missiles X launched hit Y"

    def _stranded_subject(self, v: Token) -> list[str]:
        """A main verb without a subject after a list of actors the parser hung on an earlier phrase
        ("with the signing of the pact, the army and the rebels have agreed"): that list."""
        if v.dep_ != "ROOT" or any(c.dep_ in ("nsubjpass", "expl") for c in v.children):
            return []
        k = v.i - 1
        while k > v.sent.start and self.doc[k].head.i == v.i and self.doc[k].dep_ in ("aux", "neg", "advmod"):
            k -= 1
        t = self.doc[k]
        if t.dep_ not in ("conj", "appos") or t.pos_ not in ("NOUN", "PROPN"):
            return []
        while t.dep_ == "conj" and t.head.i in self.actor_at:
            t = t.head
        return self._actors_of(t) if t.i in self.actor_at else []

    def _subject(self, v: Token) -> Optional[Token]:
        """The subject of a verb, climbing to the verb it depends on when it has none
        ("recruiting combatants to fight ...": the recruiters fight)."""
        t = v
        came_from_clause = came_from_participle = False
        for _ in range(6):
            passive = False
            for c in t.children:
                if c.dep_ == "nsubj":
                    if c.lower_ in RELATIVES and t.dep_ == "relcl":
                        return t.head
                    inner = next((x for x in c.children if x.dep_ == "nsubj"), None) if c.tag_ in ("VBG", "VBN") else None
                    # "the agency operating in the region said": the noun of a reduced relative
                    return inner if inner is not None and inner.pos_ in ("NOUN", "PROPN") else c
                if c.dep_ == "nsubjpass":
                    passive = True
            if (doer := purpose_doer(t, v, self.actor_at)) is not None:  # "a force set up to protect ships"
                return doer
            if passive:
                return None  # the passive subject is the target; no agent given
            if t is v and (opened := opened_clause_subject(v)) is not None:
                return opened  # "as X-based groups exchanged fire": a clause the parser broke
            if (t.dep_ in ("dobj", "attr") and t.pos_ == "NOUN" and came_from_clause and t.head.i != t.i
                    and (t.head.lemma_.lower() in HAVING_VERBS or came_from_participle)):
                # "had no problem recruiting", "issued a declaration demanding": the haver, the issuer
                t, came_from_clause = t.head, False  # "had no problem recruiting ... to fight": the haver
                continue
            if t.dep_ in ("oprd", "acomp") and t.head.i != t.i:
                t = t.head  # "made sure to implicate"
                continue
            came_from_clause = t.dep_ == "acl"
            came_from_participle = came_from_clause and t.tag_ == "VBG"
            if t.dep_ == "conj" and t.tag_ == "VB" and t.head.tag_ in ("VBD", "VBN", "VBZ") and not has_aux(t):
                return None  # "has passed a text demanding X stop and free Y": a bare verb is no tensed one's twin
            if t.dep_ in ("xcomp", "advcl", "conj", "acl", "pcomp", "ccomp") and t.head.i != t.i:
                # object control: "asked the Alawites to stop" -> the Alawites
                if t.dep_ == "xcomp":
                    obj = next((c for c in t.head.children if c.dep_ in ("dobj",) and c.i < t.i), None)
                    if obj is None and t.head.lemma_.lower() in ASKING:
                        # "called on Russia to stop", "appealed to the rebels to lay down their arms"
                        for c in t.head.children:
                            if c.dep_ == "prep" and c.lower_ in UPON_PREPS and c.i < t.i:
                                obj = next((p for p in c.children if p.dep_ == "pobj"), None)
                                if obj is not None:
                                    break
                    if obj is not None and t.head.lemma_ in ASKING | CAUSATIVE_VERBS:
                        return obj
                t = t.head
                continue
            if t.dep_ == "relcl":
                return t.head
            break
        return None

    def _targets(self, tok: Token, hit, sources: list = ()) -> list[str]:
        between = self._between(tok)
        if between:
            return between[1:]
        received = self._received(tok, self._governing_verb(tok) if tok.pos_ == "NOUN" else None)
        if received is not None:
            return received[1]
        # the first candidate recipient that names an actor
        for _rule, cand in getattr(hit, "candidates", ()) or ():
            found = self._actors_of(cand)
            if found:
                return found
        target = getattr(hit, "target", None)
        found = self._actors_of(target) if isinstance(target, Token) else []
        if found:
            return found
        # "opened fire to disperse the demonstrators", "began a hunger strike to protest the decision
        # of Sweden", "in protest against X": whom the act is aimed at, said by its purpose
        found = [a for a in self._purpose_targets(tok, hit) if a not in sources]
        if found:
            return found
        # "boycott all official contact with the United States", "prevented the demonstration staged
        # by students": the actor inside the object phrase
        skip = set(hit.tokens)
        starts = [cand for _rule, cand in getattr(hit, "candidates", ()) or ()]
        # "hack into the computers of South Korean army officers": inside the trigger's own noun;
        # "kidnapped up to 16 advisers": behind a particle
        starts += [self.doc[i] for i in sorted(skip) if self.doc[i].pos_ == "NOUN"]
        starts += [c for c in tok.children if c.dep_ == "prt"]
        for cand in starts:
            found = [a for a in self._actor_within(cand, skip) if a not in sources]
            if found:
                return found
        return [a for a in self._dangling_object(tok) if a not in sources]

    def _dangling_object(self, tok: Token) -> list[str]:
        """"granted asylum to five officers holed up in the embassy": a preposition the parser left
        without its object, whose noun it made the subject of the next clause."""
        v = tok if tok.pos_ != "NOUN" else self._governing_verb(tok)
        for c in v.children if v is not None else ():
            if c.dep_ != "prep" or c.lower_ in LOCATIVE_PREPS or any(x.dep_ in ("pobj", "pcomp") for x in c.children):
                continue
            for k in range(c.i + 1, min(c.i + 6, len(self.doc))):
                t = self.doc[k]
                if t.dep_ in ("nsubj", "nsubjpass") and t.pos_ in ("NOUN", "PROPN") and t.head.head.i == v.i:
                    return self._actors_of(t)
                if t.pos_ in ("VERB", "AUX", "PUNCT"):
                    break
        return []

    def _between(self, tok: Token) -> list[str]:
        """"fighting between X and Y": both sides, when there are two."""
        pobj = between_object(tok)
        found = self._actors_of(pobj) if pobj is not None else []
        return found if len(found) >= 2 else []

    def _received(self, tok: Token, verb: Optional[Token]) -> Optional[tuple[list, list]]:
        """"Syria received support from Moscow": (givers, receivers)."""
        hit = self.hits.get(tok.i)
        found = giver_object(tok, verb, hit.category) if hit is not None else None
        giver = country_of_place(self, found[0]) if found is not None else None  # "support from Tehran": Iran's
        givers = [giver] if giver else self._actors_of(found[0]) if found is not None else []
        if not givers:
            return None
        subj = self._subject(found[1])
        return givers, (self._actors_of(subj) if subj is not None else [])

    def _mutual_sides(self, tok: Token, verb: Optional[Token], hit, sources: list, targets: list) -> bool:
        """Conjoined sides of a mutual act are a dyad wherever the act is told ("leaders of X and Y
        met to sign a deal")."""
        return len(sources) > 1 and not targets and mutual(tok, verb, hit, hit.category)

    def _pairs(self, tok: Token, verb: Optional[Token], hit, category: str, sources: list, targets: list) -> list:
        """(source, target) of each event a trigger makes: every source with every target, or
        conjoined sides and no one else with each other when the act is mutual (`frames.mutual`)."""
        if len(sources) > 1 and not targets and mutual(tok, verb, hit, category):
            return list(zip(sources, sources[1:]))
        return [(s, t) for s in sources or [None] for t in targets or [None]]

    def _cooperative_purpose(self, v: Token) -> bool:
        for c in v.children:
            if c.dep_ in ("advcl", "xcomp") and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children):
                sub = self.hits.get(c.i)
                if sub is not None and polarity_of(sub.category) > 0:
                    return True
        return False

    def _purpose_targets(self, tok: Token, hit) -> list[str]:
        v = tok if tok.pos_ != "NOUN" else self._governing_verb(tok)
        if v is None or hit.category not in PURPOSE_CATEGORIES:
            return []
        for c in v.children:
            if c.dep_ in ("advcl", "xcomp") and c.i > v.i and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children) \
                    and not any(x.dep_ in ("nsubj", "nsubjpass") for x in c.children):
                sub = self.hits.get(c.i)
                for _rule, cand in (getattr(sub, "candidates", ()) or ()) if sub is not None else ():
                    found = self._actors_of(cand) or self._actor_within(cand, set(sub.tokens))
                    if found:
                        return found
                obj = next((x for x in c.children if x.dep_ == "dobj"), None)
                if obj is not None:
                    found = self._actors_of(obj) or self._actor_within(obj, set())
                    if found:
                        return found
            if c.dep_ == "prep" and c.lower_ == "in":
                pobj = next((x for x in c.children if x.dep_ == "pobj"), None)
                if pobj is not None and pobj.lemma_.lower() in MOTIVE_NOUNS:
                    found = self._actor_within(pobj, set())
                    if found:
                        return found
        return []

    def _actor_within(self, head: Token, skip: set) -> list[str]:
        frontier = [head]
        for _ in range(3):
            nxt = []
            for t in frontier:
                for c in t.children:
                    if c.i in skip or c.dep_ not in WITHIN_DEPS:
                        continue
                    if c.dep_ == "prep" and c.lower_ in LOCATIVE_PREPS:
                        continue  # "held talks in Istanbul": where, not with whom
                    if c.dep_ in ("acl", "relcl") and any(x.dep_ in ("nsubj", "nsubjpass") for x in c.children):
                        continue  # a clause with a subject of its own speaks of someone else
                    if c.i in self.actor_at:
                        return [self.actor_at[c.i]]
                    if c.dep_ == "pobj":
                        found = self._actor_of_head(c, 1)
                        if found:
                            return found
                    nxt.append(c)
            frontier = nxt
        return []

    def _actors_of(self, tok: Optional[Token]) -> list[str]:
        """The actors a phrase names: its own mention, conjoined ones, the named examples
        of "companies such as X and Y", the group of "Hizbullah fighters" or of
        "thousands of Hizbullah fighters", a pronoun's antecedent."""
        if tok is None:
            return []
        out: list[str] = []
        for t in [tok] + self._conjuncts(tok):
            a = self._actor_of_head(t)
            for x in a:
                if x not in out:
                    out.append(x)
        return out

    def _conjuncts(self, tok: Token) -> list[Token]:
        out = companions(tok)  # "the army, along with allied militias, attacked"
        if breakdown(tok):
            return out  # "200 Palestinians, civilians as well as fighters": parts, not more sides
        for c in tok.children:
            if c.dep_ == "conj":
                out.append(c)
                out.extend(self._conjuncts(c))
        if tok.dep_ == "dobj":
            # "used hundreds of experts, thousands of mercenaries and hundreds of combatants to help":
            # an infinitive has no subject, so a noun phrase the parser made its subject continues the list
            for clause in tok.head.children:
                if clause.dep_ in ("ccomp", "advcl", "xcomp") and clause.i > tok.i and \
                        any(a.dep_ == "aux" and a.lower_ == "to" for a in clause.children):
                    for c in clause.children:
                        if c.dep_ == "nsubj" and c.pos_ in ("NOUN", "PROPN"):
                            out.append(c)
                            out.extend(self._conjuncts(c))
        return out

    def _actor_of_head(self, t: Token, depth: int = 0) -> list[str]:
        # phrases within phrases and pronouns pointing back: a bounded search, never a loop
        if self._nesting > MAX_NESTING:
            return []
        self._nesting += 1
        try:
            stand_in = self._stand_in(t)  # "the city" after "the city of Rafah", "arrested 60"
            return stand_in if stand_in is not None else self._actor_of_head_inner(t, depth)
        finally:
            self._nesting -= 1

    def _actor_of_head_inner(self, t: Token, depth: int) -> list[str]:
        # "companies such as Al-Mortada and Al-Bostan", "countries - A, B and C": the members, not the kind
        if (named := named_members(self, t)):
            return named
        if t.i in self.actor_at:
            return [possessed(self, t) or people_before(self, t) or self.actor_at[t.i]]
        if t.i in self.place_at:
            return [self._place_actor(self.place_at[t.i])]
        low = t.lemma_.lower()
        if low in PLACE_TYPE_NOUNS and (found := place_noun_actor(self, t, depth)):
            return found
        # "thousands of Hizbullah fighters", "some of the rebels"
        if t.lower_ in QUANTITY_HEADS or low in QUANTITY_HEADS or t.like_num:
            for c in t.children:
                if c.dep_ == "prep" and c.lower_ == "of":
                    pobj = next((p for p in c.children if p.dep_ == "pobj"), None)
                    if pobj is not None:
                        return self._actors_of(pobj)
        if low in MEMBER_NOUNS or t.tag_ in ("NNS", "NN"):
            # "Hizbullah fighters", "Iranian military experts", "from the clan"; a possessor, else the nearer ("House Democratic leaders")
            for c in sorted(t.children, key=lambda c: (c.dep_ != "poss", -c.i)):
                if c.dep_ in ("compound", "amod", "poss", "nmod") and c.i in self.actor_at:
                    a = people_group(self, c, t) or self.actor_at[c.i]
                    if low in NOT_THE_PERSON and self.actors.get(a) is not None and self.actors[a].type == "person":
                        continue
                    # "Syrian and Russian warplanes": every people named before the noun
                    out = [a]
                    for x in self._conjuncts(c):
                        if x.i in self.actor_at and self.actor_at[x.i] not in out:
                            out.append(self.actor_at[x.i])
                    return out
            for c in t.children:
                if c.dep_ == "prep" and c.lower_ in ("from", "of"):
                    pobj = next((p for p in c.children if p.dep_ == "pobj"), None)
                    if pobj is not None and pobj.i in self.actor_at:
                        return self._actors_of(pobj)  # "the leaders of X and Y": every one named
                    if pobj is not None and depth < 2:
                        found = self._actor_of_head(pobj, depth + 1)  # "combatants from the Alawite clan"
                        if found:
                            return found
        if t.pos_ in ("NOUN", "PROPN"):
            # "X-linked targets", "sites in X-held territory": the thing is the named actor's
            if (owner := owner_of_thing(t, self.actor_at)) is not None:
                return [owner]
            # "US Predator attacks", "the U.N. war crimes court": a name one compound further in
            for c in t.children:
                if c.dep_ == "compound":
                    for g in c.children:
                        if g.dep_ in ("compound", "amod", "poss") and g.i in self.actor_at:
                            return [self.actor_at[g.i]]
            # "the computers of South Korean army officers"
            if depth < 2 and low not in QUANTITY_HEADS:
                for c in t.children:
                    if c.dep_ == "prep" and c.lower_ == "of":
                        pobj = next((p for p in c.children if p.dep_ == "pobj"), None)
                        if pobj is not None:
                            found = self._actor_of_head(pobj, depth + 1)
                            if found:
                                return found
        if (back := back_reference(self, t)) is not None:  # "after the latter accused Z"
            return [back]
        if t.pos_ == "PRON" and t.lower_ in GROUP_PRONOUNS:
            a = self._antecedent(t)
            return [a] if a else []
        if t.tag_ == "NNS" and t.lower_ in group_nouns() or t.lower_ in PLAIN_PEOPLE and counted(t):
            return [self._group_actor(t)]
        return []

    def _group_actor(self, t: Token) -> str:
        """People the text names only by what they are ("refugees", "Congolese refugees",
        "students"): one actor per kind in the article, of the type the agents file gives."""
        mods = [c for c in t.children if c.dep_ in ("amod", "compound") and c.i < t.i and not c.like_num
                and c.lower_ not in VAGUE_MODIFIERS
                and all(x.dep_ in ("amod", "compound") for x in self.doc[c.i + 1:t.i])]
        start = min([c.i for c in mods] + [t.i])
        span = self.doc[start:t.i + 1]
        key = f"made-group:{span.text.lower()}"
        a = self.registry.find(key)
        if a is not None:
            self._add_mention(a, span.start, span.end)
            return a.id
        return self._new_actor(span.text, group_nouns().get(t.lower_, "community"), key, [(span.start, span.end)])

    def _new_actor(self, name: str, type_: str, key: str, spans: list[tuple[int, int]]) -> str:
        a = self.registry.make(name, type_, key)
        self.actors[a.id] = a
        for s, e in spans:
            self._add_mention(a, s, e)
        return a.id

    def _add_mention(self, a, start: int, end: int) -> None:
        if self.registry.add_mention(a, Cand(start, end, "group", type=a.type), unique=True, sort=True):
            for i in range(start, end):
                self.actor_at.setdefault(i, a.id)

    def _place_actor(self, sp: Span) -> str:
        """A place an act is aimed at or done from ("blockade Paris", "a curfew in Cizre") takes
        part as the place's people or polity: an actor of type country (the contract's type for a
        territory that acts), named after the place."""
        key = f"made-place:{sp.label_}"
        a = self.registry.find(key)
        if a is not None:
            return a.id
        return self._new_actor(sp.text, "country", key, [(m.start, m.end) for m in self.place_spans(sp.label_)])

    def place_spans(self, label: str) -> list[Span]:
        return sorted({id(sp): sp for sp in self.place_at.values() if sp.label_ == label}.values(), key=lambda sp: sp.start)
