"""The `dyads_events` spaCy component: who did what to whom, in PLOVER.

    nlp.add_pipe("dyads_events")     # after dyads_actors and dyads_quotes
    doc._.dyads_events               # [EventInfo] in text order

For every verb (and event noun) the trigger lexicon knows (`triggers.py`), the
source comes from the parse (subject; a passive's "by" agent; conjoined
subjects; the antecedent of "who"; the named examples of "companies such as
X and Y"; the group of "Hizbullah fighters"; "it"/"they" to the actor the
text was speaking of) and the target from where the lexicon says the
recipient is. Negation ("no massacres have been committed", "did not attack"),
modality ("should", "could" → hypothetical; "will" → future; "asked to",
"demanded" → demanded) and voice (an event inside a quote is claimed by the
quote's speaker) are marked; only asserted, non-negated events in the
article's own voice make relations.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from .. import kb
from .actors import SPAN_KEY
from .places import SPAN_KEY as PLACES_KEY
from . import spanrows
from .mentions import doc_text
from .quotes import quote_at
from .triggers import intent_category, load_triggers, match_noun_trigger, match_trigger

if not Doc.has_extension("dyads_events"):
    Doc.set_extension("dyads_events", default=None)

# modal verbs that make an event hypothetical ("they could attack")
MODALS_HYPOTHETICAL = kb.words("events", "modals_hypothetical")
# modal verbs that put an event in the future ("they will attack")
MODALS_FUTURE = kb.words("events", "modals_future")
# verbs under which an event is only wanted, planned or asked for
WANTING = kb.words("events", "wanting")
# verbs under which an event is only asked for ("urged them to withdraw")
ASKING = kb.words("events", "asking")
# reporting verbs under which "would" is the future of the past ("said they would boycott")
REPORTING_FUTURE = kb.words("events", "reporting_future")
# nouns of people that stand for the group they belong to ("Hizbullah fighters")
MEMBER_NOUNS = kb.words("events", "member_nouns")
# a person's family, advisers or clan are not that person
NOT_THE_PERSON = kb.words("events", "not_the_person")
# nouns that stand for the place they name ("the town of Cizre")
PLACE_TYPE_NOUNS = kb.words("events", "place_type_nouns")
MAX_NESTING = 12
# how an object phrase holds an actor further in
WITHIN_DEPS = {"prep", "pobj", "amod", "compound", "poss", "nmod", "acl", "agent", "appos", "dobj"}
# prepositions of place or time under which an actor-like word is the circumstance, not a party
LOCATIVE_PREPS = kb.words("events", "locative_preps")
# acts whose recipient a purpose clause may name ("opened fire to disperse the crowd")
PURPOSE_CATEGORIES = {"PROTEST", "ASSAULT", "COERCE", "MOBILIZE", "THREATEN", "SANCTION", "REJECT"}
# acts that need no recipient
ONE_SIDED = {"PROTEST", "MOBILIZE"}
# acts that conjoined actors do with each other when no one else is named
RECIPROCAL = {"AGREE", "CONSULT", "COOPERATE", "SUPPORT", "REJECT"}
# words counting a crowd in "<word> of people" ("thousands of people")
QUANTITY_HEADS = kb.words("events", "quantity_heads")


@dataclass
class EventInfo:
    category: str
    trigger: str
    trigger_start: int  # characters
    trigger_end: int
    sent_start: int
    sent_end: int
    source: Optional[str] = None  # actor id
    target: Optional[str] = None
    mode: Optional[str] = None
    cameo: Optional[str] = None
    polarity: int = 0
    negated: bool = False
    modality: str = "asserted"
    claimed_by: Optional[str] = None
    quote: Optional[str] = None
    date: Optional[str] = None
    place: Optional[str] = None
    id: str = ""
    extra: dict = field(default_factory=dict)


@Language.factory(
    "dyads_events",
    assigns=["doc._.dyads_events"],
    requires=["doc._.dyads_actors", "doc._.dyads_quotes", "token.dep", "token.lemma"],
    default_config={"triggers_files": []},
)
def make_events(nlp: Language, name: str, triggers_files: list[str]):
    return EventsComponent(triggers_files)


def _polarity(category: str, hit) -> int:
    from .triggers import polarity_of

    return hit.polarity if category == hit.category else polarity_of(category)


def _accusing_words() -> frozenset:
    global _ACCUSING
    if _ACCUSING is None:
        _ACCUSING = frozenset(kb.data("evaluations.yaml")["accusing"])
    return _ACCUSING


_ACCUSING = None
_GROUP_NOUNS: Optional[dict] = None
# unnamed fighters are too vague to be an actor; unnamed civilians, refugees or students are a group
AGENT_TYPES = {"person": "community", "community": "community"}


# plural nouns of plain people that the agents file does not list
PLAIN_PEOPLE = kb.words("events", "plain_people")
# modifiers that leave a group of people too vague to be an actor ("other people", "many fighters")
VAGUE_MODIFIERS = kb.words("events", "vague_modifiers")


def _main_clause(v: Token) -> bool:
    """Is this the sentence's own predicate, or what its reporting verb reports?"""
    t = v
    for _ in range(3):
        if t.dep_ == "ROOT":
            return True
        if t.dep_ in ("ccomp", "conj") and t.head is not t:
            t = t.head
            continue
        return False
    return False


def _counted(t: Token) -> bool:
    """"thousands of people", "200 people": a crowd the text counts, not people in general."""
    if any(c.dep_ == "nummod" for c in t.children):
        return True
    h = t.head
    return t.dep_ == "pobj" and h.lower_ == "of" and (h.head.lower_ in QUANTITY_HEADS or h.head.like_num)


# plural nouns of fighters: people nouns even though the agents file does not type them as people
FIGHTER_NOUNS = kb.words("events", "fighter_nouns")


def _people_noun(t: Token) -> bool:
    low = t.lemma_.lower()
    return low in MEMBER_NOUNS or t.lower_ in _group_nouns() or t.lower_ in FIGHTER_NOUNS


def _group_nouns() -> dict:
    """Plural nouns of people ("refugees", "students", "doctors") -> the actor type of such a group."""
    global _GROUP_NOUNS
    if _GROUP_NOUNS is None:
        out = {}
        for row in kb.rows("agents.tsv"):
            kind = AGENT_TYPES.get(row.get("type") or "")
            if kind is None or " " in row["term"]:
                continue
            for p in (row.get("plural") or "").split("|"):
                if p and " " not in p:
                    out.setdefault(p.lower(), kind)
        _GROUP_NOUNS = out
    return _GROUP_NOUNS


class EventsComponent:
    def __init__(self, triggers_files=()):
        self.lex = load_triggers(tuple(triggers_files or ()))

    def __call__(self, doc: Doc) -> Doc:
        finder = _Finder(doc, self.lex)
        events = finder.find()
        _drop_unused_made_actors(doc, events)
        for n, e in enumerate(sorted(events, key=lambda e: (e.trigger_start, e.source or "", e.target or "")), 1):
            e.id = f"E{n}"
        doc._.dyads_events = sorted(events, key=lambda e: e.trigger_start)
        return doc


FINITE_TAGS = {"VBD", "VBZ", "VBP", "MD"}


def _reported_clause(comp: Token) -> bool:
    """A tensed clause under an asking verb reports what is so ("told me that Russia bombed the
    village", "told me the village was bombed"); only an infinitive ("told the army to withdraw")
    or a bare subjunctive ("demanded that Israel withdraw") is the act asked for."""
    if comp.dep_ != "ccomp" or any(c.dep_ == "aux" and c.lower_ == "to" for c in comp.children):
        return False
    return comp.tag_ in FINITE_TAGS or any(c.dep_ in ("aux", "auxpass") and c.tag_ in FINITE_TAGS
                                           for c in comp.children)


# verbs of "X called for Y to ...": a request to Y
CALL_VERBS = kb.words("events", "call_verbs")


def _call_for(tok: Token):
    """"Turkey called for the Kurds to withdraw": a request to the Kurds (the parser makes "for" the
    mark of a clause, where the lexicon's "call for" wants a noun); the act asked for is marked demanded."""
    from .triggers import TriggerHit

    if tok.lemma_.lower() not in CALL_VERBS:
        return None
    for c in tok.children:
        if c.dep_ in ("advcl", "ccomp") and any(m.dep_ == "mark" and m.lower_ == "for" for m in c.children):
            subj = next((x for x in c.children if x.dep_ == "nsubj"), None)
            if subj is not None:
                return TriggerHit(category="REQUEST", mode=None, cameo="10", polarity=0, trigger_start=tok.i,
                                  trigger_end=tok.i + 1, target=subj, target_rule="for",
                                  candidates=(("for", subj),), tokens=(tok.i,), entry="call for X to")
    return None


def _drop_unused_made_actors(doc: Doc, events: list) -> None:
    """Places and unnamed groups become actors only to take part in an event; those whose event
    did not hold are dropped, and the ids of the rest follow on from the named actors'."""
    infos = doc._.dyads_actors or []
    made = [a for a in infos if (a.synthetic or "").startswith(MADE_PREFIXES)]
    if not made:
        return
    used = {e.source for e in events} | {e.target for e in events}
    keep = [a for a in infos if not (a.synthetic or "").startswith(MADE_PREFIXES)]
    base = len(keep)
    rename = {}
    for a in made:
        if a.id in used:
            keep.append(a)
            new = f"A{len(keep)}"
            rename[a.id], a.id = new, new
        else:
            rename[a.id] = None
    if base == len(infos) - len(made) and all(k == v for k, v in rename.items()):
        return
    doc._.dyads_actors = keep
    for e in events:
        e.source = rename.get(e.source, e.source)
        e.target = rename.get(e.target, e.target)
    if SPAN_KEY in doc.spans:
        spans = []
        for sp in doc.spans[SPAN_KEY]:
            label = rename.get(sp.label_, sp.label_)
            if label is not None:
                spans.append(sp if label == sp.label_ else Span(doc, sp.start, sp.end, label=label))
        doc.spans[SPAN_KEY] = spans


MADE_PREFIXES = ("made-place:", "made-group:")  # actors this component makes


# relative pronouns: a relative clause's subject that stands for its antecedent
RELATIVES = kb.words("events", "relatives")
# verbs whose object is no party to the act its clause describes ("have the means to strike")
HAVING_VERBS = kb.words("events", "having_verbs")
# prepositions of the one called upon ("called on X to withdraw")
UPON_PREPS = kb.words("events", "upon_preps")
# verbs that make their object do the act of their clause ("forced them to leave")
CAUSATIVE_VERBS = kb.words("events", "causative_verbs")
# nouns of "in protest/retaliation for ...": what the act answers, not a party
MOTIVE_NOUNS = kb.words("events", "motive_nouns")
# prepositions that give examples of a group ("groups such as X", "including X")
EXAMPLE_PREPS = kb.words("events", "example_preps")
# pronouns that may stand for a group or a country
GROUP_PRONOUNS = kb.words("events", "group_pronouns")
# plural pronouns: they do not refer to a person
PLURAL_PRONOUNS = kb.words("events", "plural_pronouns")
# conjunctions that make their clause's act hypothetical
CONDITIONALS = kb.words("events", "conditionals")
# verbs that stop the act under them ("stopped shelling")
STOPPING_VERBS = kb.words("events", "stopping_verbs")


class _Finder:
    def __init__(self, doc: Doc, lex):
        self.doc, self.lex = doc, lex
        self.text = doc_text(doc)
        mentions = doc.spans[SPAN_KEY] if SPAN_KEY in doc.spans else []
        self.actor_at: dict[int, str] = {}
        for m in sorted(mentions, key=lambda m: m.end - m.start, reverse=True):
            for i in range(m.start, m.end):
                self.actor_at[i] = m.label_
        self.actors = {a.id: a for a in (doc._.dyads_actors or [])}
        self.quotes = doc._.dyads_quotes or []
        self._avoid: set = set()  # actors a pronoun being resolved cannot stand for
        self._nesting = 0
        self.place_at: dict[int, Span] = {}
        if PLACES_KEY in doc.spans:
            for sp in doc.spans[PLACES_KEY]:
                for i in range(sp.start, sp.end):
                    self.place_at[i] = sp

    # ------------------------------------------------------------ events

    def find(self) -> list[EventInfo]:
        out: list[EventInfo] = []
        seen = set()
        hits = []
        for tok in self.doc:
            hit = None
            if tok.pos_ in ("VERB", "AUX") or tok.tag_.startswith("VB"):
                hit = match_trigger(tok, self.lex)
            elif tok.pos_ == "NOUN":
                hit = match_noun_trigger(tok, self.lex)
            if hit is None and tok.pos_ == "VERB":
                hit = _call_for(tok)
            if hit is not None:
                hits.append((tok, hit))
        # an act only agreed, asked, threatened or refused is the other act's content, not an event of its own
        complements = {h.complement for _, h in hits if getattr(h, "complement", None) is not None}
        for e in self._accusations({tok.i for tok, _ in hits}):
            key = (e.category, e.source, e.target, e.trigger_start)
            if key not in seen:
                seen.add(key)
                out.append(e)
        self.hits = {tok.i: hit for tok, hit in hits}
        same_act = set()
        for tok, hit in hits:
            if tok.i in complements:
                continue
            for e in self._events(tok, hit):
                key = (e.category, e.source, e.target, e.trigger_start)
                # "began a hunger strike to protest the decision": one protest, told twice
                act = (e.category, e.source, e.target, e.sent_start, e.negated, e.claimed_by)
                if key not in seen and (e.source is None or e.target is None or act not in same_act):
                    seen.add(key)
                    same_act.add(act)
                    out.append(e)
        return out

    def _events(self, tok: Token, hit) -> list[EventInfo]:
        sent = tok.sent
        verb = tok if tok.pos_ != "NOUN" else self._governing_verb(tok)
        sources = self._sources(tok, verb)
        self._avoid = set(sources)
        targets = self._targets(tok, hit, sources)
        self._avoid = set()
        if not self._dyadic_enough(tok, verb, hit.category, sources, targets):
            return []
        t_start = self.doc[hit.trigger_start].idx
        t_end = self.doc[hit.trigger_end - 1].idx + len(self.doc[hit.trigger_end - 1].text)
        trigger = self.text[t_start:t_end]
        negated = self._negated(tok, verb, tuple(hit.tokens))
        modality = self._modality(tok, verb)
        category = hit.category
        mode = hit.mode
        if category == "MOBILIZE" and targets and self._cooperative_purpose(verb if verb is not None else tok):
            # "sent fighters to help the regime": forces moved to an ally's side are military cooperation
            category, mode = "COOPERATE", "military"
        if negated and getattr(hit, "negated_category", None):
            category, negated = hit.negated_category, False  # "will not accept" is a rejection
        elif modality == "future" and not negated:
            category = intent_category(category)  # "will provide aid": an agreement; "would boycott": a threat
            if self._unless(verb if verb is not None else tok):
                category = "THREATEN"  # "will withdraw its force unless ...": a threat
        quote = self._quote_at(t_start, t_end)
        out = []
        # "recruited combatants" has someone at the other end; "agreed upon a pact" has not
        open_object = not any(c.i not in hit.tokens and _people_noun(c) for _, c in (hit.candidates or ()))
        if len(sources) > 1 and not targets and category in RECIPROCAL and open_object:
            # "the United States and Jordan have agreed": with each other, one act between them
            pairs = list(zip(sources, sources[1:]))
        else:
            pairs = [(s, t) for s in sources or [None] for t in targets or [None]]
        for s, t in pairs:
            if s is not None and s == t:
                continue
            out.append(EventInfo(
                category=category, trigger=trigger, trigger_start=t_start, trigger_end=t_end,
                sent_start=sent.start_char, sent_end=sent.end_char, source=s, target=t, mode=mode,
                cameo=hit.cameo, polarity=_polarity(category, hit), negated=negated, modality=modality,
                claimed_by=quote.speaker if quote is not None else None,
                quote=quote.id if quote is not None else None,
            ))
        return out

    def _place_made(self, aid: str) -> bool:
        a = self.actors.get(aid)
        return a is not None and (a.synthetic or "").startswith("made-place:")

    def _dyadic_enough(self, tok: Token, verb: Optional[Token], category: str, sources: list, targets: list) -> bool:
        """An event is a dyad: who does it and to whom. One side may be missing only where the
        act stands without it: a protest or a mobilisation by someone ("thousands marched"), or a
        blow whose victims the text names but whose authors it does not ("three civilians were
        killed in a bombing")."""
        if sources and targets:
            return True
        if not sources and not targets:
            return False
        if not sources and all(self._place_made(t) for t in targets):
            return False  # "the minister travelled to Paris": a place, and no one named who acts
        if _main_clause(verb if verb is not None else tok):
            return True
        if sources:
            return category in ONE_SIDED
        if targets and category in ("ASSAULT", "COERCE"):
            v = verb if verb is not None else tok
            return any(c.dep_ in ("nsubjpass", "auxpass") for c in v.children)
        return False

    def _governing_verb(self, noun: Token) -> Optional[Token]:
        """The verb whose subject does what the noun names: "launched an attack", "implicate his
        clan in the battle"; not a verb further off ("called for sanctions in the wake of the execution")."""
        t = noun
        for _ in range(2):
            if t.head is t:
                return None
            t = t.head
            if t.pos_ in ("VERB", "AUX"):
                return t
        return None

    def _accusations(self, trigger_tokens: set) -> list[EventInfo]:
        """A speaker who says an actor does something condemnable accuses that actor:
        'Darar believes that the regime is using sectarianism to conceal its intentions'.
        A report of an act the lexicon codes ("police said the rebels killed two soldiers")
        is that act, claimed by the speaker, not an accusation besides."""
        out = []
        words = _accusing_words()
        for q in self.quotes:
            if not q.speaker or q.speaker not in self.actors:
                continue
            span = self.doc.char_span(q.start, q.end, alignment_mode="expand")
            if span is None:
                continue
            for t in span:
                if t.dep_ not in ("nsubj", "nsubjpass") or t.i not in self.actor_at:
                    continue
                target = self.actor_at[t.i]
                if target == q.speaker:
                    continue
                clause = t.head
                inside = [x for x in clause.subtree if span.start <= x.i < span.end]
                if any(x.i in trigger_tokens for x in inside):
                    continue
                lemmas = {x.lemma_.lower() for x in inside}
                if not lemmas & words or self._negated(clause, None):
                    continue
                sent = self.doc[q.claim.cue[0]].sent if q.claim is not None else t.sent
                cue_s = self.doc[q.claim.cue[0]].idx if q.claim is not None else q.start
                cue_e = (self.doc[q.claim.cue[1] - 1].idx + len(self.doc[q.claim.cue[1] - 1].text)) if q.claim is not None else q.end
                outer = self._quote_at(cue_s, cue_e)
                out.append(EventInfo(
                    category="ACCUSE", trigger=self.text[cue_s:cue_e], trigger_start=cue_s, trigger_end=cue_e,
                    sent_start=sent.start_char, sent_end=sent.end_char, source=q.speaker, target=target,
                    mode="allege", cameo="112", polarity=-1,
                    claimed_by=outer.speaker if outer is not None else None, quote=q.id,
                ))
        return out

    # ------------------------------------------------------------ participants

    def _sources(self, tok: Token, verb: Optional[Token]) -> list[str]:
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
        return self._actors_of(subj) if subj is not None else []

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
                    return c
                if c.dep_ == "nsubjpass":
                    passive = True
            if passive:
                return None  # the passive subject is the target; no agent given
            if (t.dep_ in ("dobj", "attr") and t.pos_ == "NOUN" and came_from_clause and t.head is not t
                    and (t.head.lemma_.lower() in HAVING_VERBS or came_from_participle)):
                # "had no problem recruiting", "issued a declaration demanding": the haver, the issuer
                t, came_from_clause = t.head, False  # "had no problem recruiting ... to fight": the haver
                continue
            if t.dep_ in ("oprd", "acomp") and t.head is not t:
                t = t.head  # "made sure to implicate"
                continue
            came_from_clause = t.dep_ == "acl"
            came_from_participle = came_from_clause and t.tag_ == "VBG"
            if t.dep_ in ("xcomp", "advcl", "conj", "acl", "pcomp", "ccomp") and t.head is not t:
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
        return []

    def _cooperative_purpose(self, v: Token) -> bool:
        from .triggers import polarity_of

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
        out = []
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
            return self._actor_of_head_inner(t, depth)
        finally:
            self._nesting -= 1

    def _actor_of_head_inner(self, t: Token, depth: int) -> list[str]:
        # "companies such as Al-Mortada and Al-Bostan": the examples, not the kind
        for c in t.children:
            if c.dep_ == "prep" and c.lower_ in EXAMPLE_PREPS:
                pobj = next((p for p in c.children if p.dep_ == "pobj"), None)
                if pobj is not None:
                    named = self._actors_of(pobj)
                    if named:
                        return named
        if t.i in self.actor_at:
            return [self.actor_at[t.i]]
        if t.i in self.place_at:
            return [self._place_actor(self.place_at[t.i])]
        low = t.lemma_.lower()
        if low in PLACE_TYPE_NOUNS:
            # "a curfew in the town of Cizre", "shelled the city of Rafah"
            for c in t.children:
                if c.dep_ == "prep" and c.lower_ == "of":
                    pobj = next((p for p in c.children if p.dep_ == "pobj"), None)
                    if pobj is not None and pobj.i in self.place_at:
                        return [self._place_actor(self.place_at[pobj.i])]
                if c.dep_ == "prep" and c.lower_ == "for" and depth < 2:
                    # "a camp for Congolese refugees": the people it is for
                    pobj = next((p for p in c.children if p.dep_ == "pobj"), None)
                    found = self._actor_of_head(pobj, depth + 1) if pobj is not None else []
                    if found:
                        return found
        # "thousands of Hizbullah fighters", "some of the rebels"
        if t.lower_ in QUANTITY_HEADS or low in QUANTITY_HEADS or t.like_num:
            for c in t.children:
                if c.dep_ == "prep" and c.lower_ == "of":
                    pobj = next((p for p in c.children if p.dep_ == "pobj"), None)
                    if pobj is not None:
                        return self._actors_of(pobj)
        if low in MEMBER_NOUNS or t.tag_ in ("NNS", "NN"):
            # "Hizbullah fighters", "Iranian military experts", "fighters from Yemen", "combatants from the clan"
            for c in t.children:
                if c.dep_ in ("compound", "amod", "poss", "nmod") and c.i in self.actor_at:
                    a = self.actor_at[c.i]
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
                        return [self.actor_at[pobj.i]]
                    if pobj is not None and depth < 2:
                        found = self._actor_of_head(pobj, depth + 1)  # "combatants from the Alawite clan"
                        if found:
                            return found
        if t.pos_ in ("NOUN", "PROPN"):
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
        if t.pos_ == "PRON" and t.lower_ in GROUP_PRONOUNS:
            a = self._antecedent(t)
            return [a] if a else []
        if t.tag_ == "NNS" and t.lower_ in _group_nouns() or t.lower_ in PLAIN_PEOPLE and _counted(t):
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
        for a in self.actors.values():
            if a.synthetic == key:
                self._add_mention(a, span.start, span.end)
                return a.id
        return self._new_actor(span.text, _group_nouns().get(t.lower_, "community"), key, [(span.start, span.end)])

    def _new_actor(self, name: str, type_: str, key: str, spans: list[tuple[int, int]]) -> str:
        from .coref import ActorInfo

        infos = self.doc._.dyads_actors
        if infos is None:
            infos = self.doc._.dyads_actors = []
        a = ActorInfo(index=-1 - len(infos), name=name, type=type_, synthetic=key)
        a.id = f"A{len(infos) + 1}"
        infos.append(a)
        self.actors[a.id] = a
        for s, e in spans:
            self._add_mention(a, s, e)
        return a.id

    def _add_mention(self, a, start: int, end: int) -> None:
        from .mentions import Cand

        if any(c.start == start and c.end == end for c in a.cands):
            return
        a.cands.append(Cand(start, end, "group", type=a.type))
        a.cands.sort(key=lambda c: c.start)
        for i in range(start, end):
            self.actor_at.setdefault(i, a.id)
        spanrows.append(self.doc, SPAN_KEY, Span(self.doc, start, end, label=a.id))

    def _place_actor(self, sp: Span) -> str:
        """A place an act is aimed at or done from ("blockade Paris", "a curfew in Cizre") takes
        part as the people there: an actor of type community, named after the place."""
        key = f"made-place:{sp.label_}"
        for a in self.actors.values():
            if a.synthetic == key:
                return a.id
        return self._new_actor(sp.text, "community", key, [(m.start, m.end) for m in self.place_spans(sp.label_)])

    def place_spans(self, label: str) -> list[Span]:
        return sorted({id(sp): sp for sp in self.place_at.values() if sp.label_ == label}.values(), key=lambda sp: sp.start)

    def _antecedent(self, t: Token) -> Optional[str]:
        """'it'/'they': the non-person actor that was the subject just before."""
        doc = self.doc
        sent = t.sent
        start = sent.start
        for _ in range(2):
            for i in range(t.i - 1, start - 1, -1):
                if doc[i].dep_ not in ("nsubj", "nsubjpass") or doc[i].pos_ == "PRON":
                    continue
                found = [self.actor_at[i]] if i in self.actor_at else self._actor_of_head(doc[i], 2)
                if found and found[0] in self._avoid:
                    continue  # "the PKK attacked its soldiers": not its own
                if found and self.actors.get(found[0]) is not None and self.actors[found[0]].type != "person":
                    return found[0]
            # "called the Alawites apostates and vowed to fight them": an object before, when
            # the subject cannot be meant
            for i in range(t.i - 1, start - 1, -1):
                a = self.actor_at.get(i)
                if a is None or a in self._avoid or doc[i].pos_ == "PRON" or doc[i].dep_ in ("nsubj", "nsubjpass"):
                    continue
                if self.actors.get(a) is not None and self.actors[a].type != "person" and t.lower_ in PLURAL_PRONOUNS:
                    return a
            if start == 0:
                break
            start = doc[start - 1].sent.start
        return None

    # ------------------------------------------------------------ marks

    def _negated(self, tok: Token, verb: Optional[Token], trigger: tuple = ()) -> bool:
        for t in (tok, verb):
            if t is None:
                continue
            for c in t.children:
                if c.dep_ == "neg" or c.lower_ in ("never",) and c.dep_ in ("advmod", "neg"):
                    return True
                if c.dep_ in ("nsubj", "nsubjpass", "dobj") and any(g.lower_ == "no" and g.dep_ == "det" for g in c.children):
                    if c is tok or t is tok and c.dep_ == "nsubjpass" or c.i == tok.i:
                        return True
                    if c.dep_ == "dobj" and c.i in trigger:
                        return True  # "carried out no attacks": the act is the light verb's object
            if tok.pos_ == "NOUN" and any(c.lower_ == "no" and c.dep_ == "det" for c in tok.children):
                return True
        return False

    def _modality(self, tok: Token, verb: Optional[Token]) -> str:
        v = verb if verb is not None else tok
        t = v
        for depth in range(4):
            for c in t.children:
                if c.dep_ in ("aux", "auxpass"):
                    low = c.lower_
                    if low == "would" and t.dep_ == "ccomp" and t.head.lemma_.lower() in REPORTING_FUTURE:
                        return "future"  # "said they would boycott": the future of a report
                    if low in MODALS_HYPOTHETICAL:
                        return "hypothetical"
                    if low in MODALS_FUTURE or low == "wo":
                        return "future"
                if c.dep_ == "mark" and c.lower_ in CONDITIONALS:
                    return "hypothetical"
            if t.dep_ in ("xcomp", "ccomp", "advcl") and t.head is not t:
                head = t.head
                lemma = head.lemma_.lower()
                if lemma in ASKING and not _reported_clause(t):
                    return "demanded"
                if lemma in WANTING:
                    return "hypothetical"
                if lemma in STOPPING_VERBS:
                    return "demanded" if self._under_asking(head) else "asserted"
                t = head
                continue
            break
        return "asserted"

    @staticmethod
    def _unless(v: Token) -> bool:
        return any(c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ == "unless" for m in c.children)
                   for c in v.children)

    def _under_asking(self, t: Token) -> bool:
        for _ in range(3):
            if t.dep_ not in ("xcomp", "ccomp") or t.head is t:
                return False
            comp, t = t, t.head
            if t.lemma_.lower() in ASKING:
                return not _reported_clause(comp)
        return False

    def _quote_at(self, start: int, end: int):
        return quote_at(self.quotes, start, end)
