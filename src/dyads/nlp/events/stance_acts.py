"""A stance toward an act is a stance toward the act's author.

    stance_acts(f, events)   # the events of these constructions, not already among `events`

- Alarm or condemnation about an act condemns its author: "Peru expressed concern about Chile's
  raids on the border" -> ACCUSE Peru -> Chile; "Japan was alarmed at the rebels' shelling of ...";
  "Norway deplored the bombing of ... by the army". The act is an event found before (a hostile
  one, `hostile_acts`), whose source is the author.
- Demanding that a party stop a hostile act presses that party: "Peru demanded that Chile end its
  raids", "urged Chile to halt the shelling", "called for an end to Chile's raids" -> ACCUSE
  Peru -> Chile beside the REQUEST (PLOVER: a demand to de-escalate is a REQUEST, polarity 0;
  the demand also holds the party to blame for the act, the hostility the relation carries).
  Not an act that is no hostility ("asked Chile to end the talks"), not one the party is asked
  to help stop ("urged Qatar to help stop the fighting": the stopping is not asked of Qatar).
- A commitment to another's security is support: "Ruritania's commitment to Borduria's
  security" -> SUPPORT Ruritania -> Borduria; said by the committed side's own man, it is the
  side's own claim.
- A thing condemned by a name, when named again without its author ("X called the Chile bill a
  cynical stunt"), is the one introduced before with its author ("a Y-led bill to aid Chile"):
  X accuses Y.

`f`: the events finder (its doc, hits, actors, `_sources`, `_actors_of`, `_quote_at`).
"""
from __future__ import annotations

from typing import Iterator, Optional

from spacy.tokens import Token

from ... import kb
from ..doc import EventRecord
from ..doctext import token_strings
from .frames import _owner
from .marks import negated
from .matcher import match_trigger
from .nouns import _noun_entry

CONDEMNING = kb.words("stance_acts", "condemning_verbs")
CONCERN_NOUNS = kb.words("stance_acts", "concern_nouns")
CONCERN_ADJS = kb.words("stance_acts", "concern_adjectives")
CONCERN_PREPS = kb.words("stance_acts", "concern_preps")
HOSTILE = kb.words("stance_acts", "hostile_acts")
DEMANDING = kb.words("stance_acts", "demanding_verbs")
CEASING = kb.words("stance_acts", "ceasing_words")
COMMITMENTS = kb.words("stance_acts", "commitment_nouns")
WELFARE = kb.words("stance_acts", "welfare_nouns")


def stance_acts(f, events: list) -> list[EventRecord]:
    out: list[EventRecord] = []
    have = {(e.category, e.source, e.target, e.start) for e in events}

    def add(e: Optional[EventRecord]) -> None:
        if e is not None and e.source != e.target and (e.category, e.source, e.target, e.start) not in have:
            have.add((e.category, e.source, e.target, e.start))
            out.append(e)

    for e in condemned_acts(f, events):
        add(e)
    for e in ceasing_demands(f):
        add(e)
    for e in commitments(f):
        add(e)
    for e in named_antecedents(f, events):
        add(e)
    return out


def _event(f, cue: Token, category: str, source: str, target: str, cameo: str, polarity: int,
           mode: Optional[str] = None, claimed_by: Optional[str] = None) -> EventRecord:
    start, end = cue.idx, cue.idx + len(cue.text)
    outer = f._quote_at(start, end)
    return EventRecord(
        category=category, trigger=cue.text, trigger_start=start, trigger_end=end,
        start=cue.sent.start_char, end=cue.sent.end_char, source=source, target=target, mode=mode,
        cameo=cameo, polarity=polarity,
        claimed_by=claimed_by or (outer.speaker if outer is not None else None),
        quote=outer.id if outer is not None else None)


# ---------------------------------------------------------------- condemned acts


def condemned_acts(f, events: list) -> Iterator[EventRecord]:
    """ACCUSE from who condemns or is alarmed at a hostile act to the act's author."""
    at = {t.idx: t for t in f.doc}
    for e in events:
        if e.source is None or e.negated or e.polarity >= 0 or e.category not in HOSTILE:
            continue
        act = at.get(e.trigger_start)
        if act is None:
            continue
        cue = stance_over(act)
        if cue is None or negated(cue, None):
            continue
        for s in holders(f, cue):
            if s != e.source:
                yield _event(f, cue, "ACCUSE", s, e.source, "111", -1, mode="disapprove")


def stance_over(act: Token) -> Optional[Token]:
    """The word of condemnation or alarm an act noun is the object of: "condemned the raid",
    "concern about the raids", "alarmed at the shelling" (a conjoined act too)."""
    while act.dep_ == "conj" and act.head.pos_ == "NOUN":
        act = act.head
    head = act.head
    if act.dep_ == "dobj" and head.lemma_.lower() in CONDEMNING and head.pos_ == "VERB":
        return head
    if act.dep_ == "pobj" and head.lower_ in CONCERN_PREPS:
        stance = head.head
        if stance.lemma_.lower() in CONCERN_NOUNS and stance.pos_ == "NOUN":
            return stance
        if stance.lower_ in CONCERN_ADJS and stance.pos_ in ("ADJ", "VERB"):
            return stance
    return None


def holders(f, cue: Token) -> list[str]:
    """Who holds a stance: a verb's subject; a noun's possessor or the subject of the verb that
    expresses it ("voiced alarm"); an adjective's subject ("was alarmed")."""
    if cue.pos_ == "NOUN":
        poss = next((c for c in cue.children if c.dep_ == "poss"), None)
        if poss is not None:
            return f._actors_of(poss)
        if cue.dep_ in ("dobj", "nsubjpass") and cue.head.pos_ == "VERB" and not negated(cue.head, None):
            return f._sources(cue.head, cue.head)
        return []
    if cue.pos_ == "ADJ" or cue.dep_ in ("acomp", "amod"):
        v = cue.head if cue.dep_ == "acomp" else cue
        return f._sources(v, v) if not negated(v, None) else []
    return f._sources(cue, cue)


# ---------------------------------------------------------------- demands to stop


def ceasing_demands(f) -> Iterator[EventRecord]:
    """ACCUSE from who demands that a party stop a hostile act to that party (or the act's author)."""
    for i, lemma in enumerate(token_strings(f.doc, "LEMMA")):
        if lemma.lower() not in DEMANDING:
            continue
        tok = f.doc[i]
        if tok.pos_ != "VERB" or negated(tok, None):
            continue
        sources = None
        for stop, acts in ceased(tok):
            hostile = [a for a in acts if _hostile(f, a)]
            if not hostile or negated(stop, None):
                continue
            if sources is None:
                sources = _askers(f, tok)
            for target in _stoppers(f, tok, stop, hostile[0]):
                for s in sources[:1]:  # (an actor asked to stop its own act is not hostile to itself)
                    yield _event(f, tok, "ACCUSE", s, target, "111", -1, mode="disapprove")


def ceased(tok: Token) -> Iterator[tuple[Token, list]]:
    """(the stopping word, the acts it stops) asked by a demanding verb: its clause "to halt the
    raids" / "that X end its raids", an "end to the raids" it asks for, and "stop attacks" that the
    parser read as one noun phrase ("end" a modifier of "attacks")."""
    for c in tok.children:
        if c.dep_ in ("xcomp", "ccomp") or (c.dep_ == "advcl" and any(a.lower_ == "to" for a in c.children)):
            for v in [c] + list(c.conjuncts):
                if v.lemma_.lower() in CEASING and v.pos_ in ("VERB", "AUX"):
                    yield v, _objects(v)
        if c.dep_ == "prep" and c.lower_ in ("for", "on"):
            for p in c.children:
                if p.dep_ == "pobj":
                    yield from _noun_end(p)
                    for v in p.children:  # "called on X to stop ..."
                        if v.dep_ in ("acl", "relcl", "xcomp") and v.lemma_.lower() in CEASING:
                            yield v, _objects(v)
        if c.dep_ == "dobj":
            yield from _noun_end(c)
            for m in c.children:
                if m.dep_ == "compound" and m.i == c.i - 1 and m.lemma_.lower() in CEASING:
                    yield m, [c] + list(c.conjuncts)


def _noun_end(n: Token) -> Iterator[tuple[Token, list]]:
    """"an end to the raids", "a halt to the shelling"."""
    if n.lemma_.lower() in CEASING and n.pos_ == "NOUN":
        for p in n.children:
            if p.dep_ == "prep" and p.lower_ == "to":
                acts = [o for o in p.children if o.dep_ == "pobj"]
                yield n, acts + [x for o in acts for x in o.conjuncts]


def _objects(v: Token) -> list:
    out = [c for c in v.children if c.dep_ in ("dobj", "xcomp", "nsubjpass")]
    return out + [x for o in out for x in o.conjuncts]


def _hostile(f, act: Token) -> bool:
    """Whether an act is a hostile one: its trigger, or (when the stopping verb's entry took it
    as its object: "end attacks" is a RETREAT) what the lexicon makes of the word on its own."""
    hit = f.hits.get(act.i)
    if hit is None or hit.category not in HOSTILE:
        hit = _noun_entry(act, f.lex) if act.pos_ == "NOUN" else match_trigger(act, f.lex)
    return hit is not None and hit.category in HOSTILE and (hit.polarity or 0) < 0


def _askers(f, tok: Token) -> list[str]:
    """Who demands: the verb's subject; for "a resolution demanding ...", who passed it."""
    found = f._sources(tok, tok)
    if not found and tok.dep_ == "acl" and tok.head.head.pos_ == "VERB":
        found = f._sources(tok.head.head, tok.head.head)
    if not found:
        from .reports import cue_speaker
        speaker = cue_speaker(f, tok)
        found = [speaker] if speaker else []
    return found


def _stoppers(f, tok: Token, stop: Token, act: Token) -> list[str]:
    """Whom the stopping is demanded of: the act's named author ("an end to X's raids"), else the
    stopping verb's subject ("that X end ..."), else the one the demand is made of ("urged X to")."""
    own = _owner(act)  # a pronoun ("urged X to halt its raids") is the one asked, read below
    found = f._actors_of(own[1]) if own is not None and own[1].pos_ != "PRON" else []
    if found:
        return found
    subj = next((c for c in stop.children if c.dep_ == "nsubj"), None)
    if subj is not None:
        return f._actors_of(subj)
    for c in tok.children:
        if c.dep_ in ("dobj", "dative"):
            return f._actors_of(c)
        if c.dep_ == "prep" and c.lower_ == "on":
            return f._actors_of(next((p for p in c.children if p.dep_ == "pobj"), None))
    return []


# ---------------------------------------------------------------- commitments


def commitments(f) -> Iterator[EventRecord]:
    """SUPPORT from who is committed to another's security to that other."""
    for i, lemma in enumerate(token_strings(f.doc, "LEMMA")):
        if lemma.lower() not in COMMITMENTS:
            continue
        tok = f.doc[i]
        if tok.pos_ != "NOUN":
            continue
        goods = [o for p in tok.children if p.dep_ == "prep" and p.lower_ in ("to", "for")
                 for o in p.children if o.dep_ == "pobj" and o.lemma_.lower() in WELFARE]
        if not goods:
            continue
        holder = next((c for c in tok.children if c.dep_ == "poss"), None)
        sources = f._actors_of(holder) if holder is not None else (
            f._sources(tok.head, tok.head) if tok.dep_ == "dobj" and not negated(tok.head, None) else [])
        for good in goods:
            whose = _owner(good) or _of(good)
            if whose is None:
                continue
            for t in f._actors_of(whose[1]):
                for s in sources[:1]:
                    yield _event(f, tok, "SUPPORT", s, t, "051", 1, claimed_by=_own_side(f, tok, s))


def _of(noun: Token) -> Optional[tuple]:
    for p in noun.children:
        if p.dep_ == "prep" and p.lower_ == "of":
            o = next((x for x in p.children if x.dep_ == "pobj"), None)
            if o is not None:
                return "of", o
    return None


def _own_side(f, tok: Token, source: str) -> Optional[str]:
    """A side's commitment told by one of its own (a minister of the state committed): the
    side's own claim, not a third party's."""
    q = f._quote_at(tok.idx, tok.idx + len(tok.text))
    if q is None or not q.speaker or q.speaker == source:
        return None
    a, b = f.actors.get(q.speaker), f.actors.get(source)
    if a is not None and b is not None and a.country and a.country == b.country:
        return source
    return None


# ---------------------------------------------------------------- a thing named again


def named_antecedents(f, events: list) -> Iterator[EventRecord]:
    """"X called the Chile bill a cynical stunt", after "a Y-led bill to aid Chile": the condemned
    thing is the one the article introduced before with its author (the same noun, whose words
    name the actors that modify this one; for a bare "the bill", the last bill named); X accuses
    that author. Only where the
    naming itself found no one (`reports.namings`: the thing's own owner or agent comes first)."""
    from .reports import CONDEMNING, NAMING_VERBS, cue_speaker, naming
    from .words import accusing_words

    words = accusing_words() | CONDEMNING
    done = {e.trigger_start for e in events if e.category == "ACCUSE"}
    for i, lemma in enumerate(token_strings(f.doc, "LEMMA")):
        if lemma.lower() not in NAMING_VERBS:
            continue
        tok = f.doc[i]
        if tok.pos_ not in ("VERB", "AUX") or tok.idx in done:
            continue
        pred = naming(tok)
        if pred is None or negated(tok, None) or not {x.lemma_.lower() for x in pred.subtree} & words:
            continue
        obj = next(c for c in tok.children if c.dep_ == "dobj")
        authors = _antecedent_authors(f, obj) if obj.pos_ == "NOUN" else []
        speakers = f._sources(tok, tok) or ([cue_speaker(f, tok)] if cue_speaker(f, tok) else [])
        for t in authors:
            for s in speakers[:1]:
                yield _event(f, tok, "ACCUSE", s, t, "112", -1, mode="allege")


ANTECEDENT_SENTENCES = 6  # how far back a thing named again is looked for


def _antecedent_authors(f, noun: Token) -> list[str]:
    if not any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in noun.children):
        return []
    about = {f.actor_at[c.i] for c in noun.children if c.dep_ in ("compound", "amod", "nmod") and c.i in f.actor_at}
    sents = list(f.doc[: noun.sent.start].sents)[-ANTECEDENT_SENTENCES:] if noun.sent.start else []
    for sent in reversed(sents):
        for u in reversed(list(sent)):
            if u.lemma_ != noun.lemma_ or u.pos_ != "NOUN":
                continue
            authors = f._sources(u, None) or _led_by_author(f, u)
            if not about:  # "the bill": the last one named before, if its author is told
                return authors
            named = {f.actor_at[x.i] for x in u.subtree if x.i in f.actor_at}
            if authors and about <= named - set(authors):
                return authors
    return []


def _led_by_author(f, noun: Token) -> list[str]:
    from .reports import _led_by

    return _led_by(f, noun)
