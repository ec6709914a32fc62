"""Standing alignments the article states, as events (SUPPORT or, for a hostility, ACCUSE; mode
`alignment`): who backs, sides with or stands against whom, said in passing rather than done.

    alignments(f)    # [EventRecord] of the Doc of `f` (the events finder: doc, actors, actor_at, quotes)

The constructions, each with its words in kb/grammar/alignments.yaml:
- a backer's name before a hyphenated participle: "Kremlin-backed rebels" (the Kremlin -> the
  rebels), "Moscow-opposed groups" (the groups -> Moscow, hostile);
- a prefix before a name: "pro-Moscow gangs" (the gangs -> Moscow), "anti-Kyiv forces" (hostile);
- a noun of an ally or an enemy: "X, an ally of Y", "Y's proxy X", "X and Y are allies",
  "longtime rivals X and Y", "its enemy, Z", "accused arch-foe Z" (the accuser and Z);
- a word of siding with someone: "allied with Y", "loyal to Y", "hostile to Y";
- a co-agent: "X drafted the motion alongside Y" (a joint act: COOPERATE, no mode, with the
  verb's modality; not when the verb is itself a cooperation, "fought alongside Y").
The backer is the source ("Iran-backed X": Iran -> X); siding and hostility go from the one
described to the one named. A capital or country named only as a place stands for the country
actor of the article it belongs to ("backed by Tehran" is Iran's backing).
"""
from __future__ import annotations

from itertools import combinations
from typing import Optional

from spacy.tokens import Token

from ... import kb
from ...kb.names import name_key
from ..doc import EventRecord
from .groups import described_group, quoted_group
from .marks import modality, negated
from .words import RELATIVES

CATEGORY = kb.table("alignments", "categories")
BACKING = kb.words("alignments", "backing_participles")
HOSTILE_PARTICIPLES = kb.words("alignments", "hostile_participles")
LEADING = kb.words("alignments", "leading_participles")
LED_NOUNS = kb.words("alignments", "led_nouns")
SIDING_PREFIXES = kb.words("alignments", "siding_prefixes")
HOSTILE_PREFIXES = kb.words("alignments", "hostile_prefixes")
ALLY_NOUNS = kb.table("alignments", "ally_nouns")
HOSTILE_NOUNS = kb.words("alignments", "hostile_nouns")
SIDING_WORDS = kb.table("alignments", "siding_words")
HOSTILE_WORDS = kb.table("alignments", "hostile_words")
CO_AGENT_PREPS = kb.words("alignments", "co_agent_preps")
CO_AGENT_ADVERBS = kb.words("alignments", "co_agent_adverbs")
GIVEN = kb.words("alignments", "given_categories")
PLACING = kb.words("ties", "placing_participles")
BACKING_VERBS = kb.words("ties", "backing_verbs")
RELATIVE_OBJECTS = kb.words("ties", "relative_objects")
RECEIVING_NOUNS = kb.words("ties", "receiving_nouns")
GIVEN_THINGS = kb.words("ties", "given_things")
NAMING = kb.words("ties", "naming_participles")
APPOS_MARKS = set(kb.words("ties", "appos_marks"))
HYPHENS = {"-", "\u2010", "\u2011"}
NAME_GAP = {"and", ",", "the"}  # what may stand between the names of a list ("rivals X and the Y")
MAX_LIST = 8  # tokens a list of names after an ally noun may run

# a found alignment: (source, target, hostile, first token, end token, the word it hangs on)
Found = tuple


def alignments(f) -> list[EventRecord]:
    out: list[EventRecord] = []
    for t in f.doc:
        for found in _constructions(f, t):
            e = _record(f, *found)
            if e is not None:
                out.append(e)
    return out


def _constructions(f, t: Token) -> list[Found]:
    low, lem = t.lower_, t.lemma_.lower()
    out: list[Found] = []
    if low in BACKING or low in HOSTILE_PARTICIPLES or low in LEADING or low in PLACING:
        out += _hyphen_participle(f, t, low in HOSTILE_PARTICIPLES)
    if lem in BACKING_VERBS and t.pos_ == "VERB" and t.dep_ in ("relcl", "acl"):
        out += _backing_clause(f, t)
    if lem in RECEIVING_NOUNS and t.pos_ == "NOUN":
        out += _receiver_noun(f, t)
    if low in SIDING_PREFIXES or low in HOSTILE_PREFIXES:
        out += _prefixed(f, t, low in HOSTILE_PREFIXES)
    if (lem in ALLY_NOUNS or lem in HOSTILE_NOUNS or low in HOSTILE_NOUNS) and t.pos_ in ("NOUN", "PROPN", "ADJ", "VERB"):
        out += _ally_noun(f, t, lem in HOSTILE_NOUNS or low in HOSTILE_NOUNS)
    if low in SIDING_WORDS or low in HOSTILE_WORDS:
        out += _siding_word(f, t, low in HOSTILE_WORDS)
    if low in CO_AGENT_PREPS or low == "with" and any(c.lower_ in CO_AGENT_ADVERBS for c in t.children):
        out += _co_agent(f, t)
    return out


def _co_agent(f, t: Token) -> list[Found]:
    """"X sponsored the resolution alongside Y", "X, together with Y, demanded ...": X and Y act
    together, a cooperation told by the verb (its negation and modality are the verb's)."""
    verb = t.head if t.head.pos_ in ("VERB", "AUX") or t.head.dep_ != "dobj" else t.head.head
    if t.dep_ != "prep" or verb.pos_ not in ("VERB", "AUX"):
        return []
    hit = f.hits.get(verb.i)
    if hit is not None and hit.category == "COOPERATE":
        return []  # "fought alongside X": the verb's own cooperation with X
    pobj = next((p for p in t.children if p.dep_ == "pobj"), None)
    partners = _phrase_actors(f, pobj) if pobj is not None else []
    subj = f._subject(verb)
    sides = f._actors_of(subj) if subj is not None else []
    return [(a, b, None, t.i, t.i + 1, verb) for a in sides for b in partners]


def _record(f, s, tg, hostile: bool, first: int, end: int, anchor: Token) -> Optional[EventRecord]:
    if s is None or tg is None or s == tg:
        return None
    doc = f.doc
    verb = anchor.head if anchor.dep_ in ("attr", "acomp") and anchor.head.i != anchor.i else None
    if hostile is None:
        verb = anchor
    if negated(anchor, verb):
        return None  # "X is no ally of Y"
    t_start = doc[first].idx
    t_end = doc[end - 1].idx + len(doc[end - 1].text)
    quote = f._quote_at(t_start, t_end)
    if quote is not None and quote.kind == "indirect":
        quote = None  # "X said the Iran-backed group ...": the article's own description of the group
    sent = anchor.sent
    joint = hostile is None  # a joint act: cooperation, not a standing alignment
    return EventRecord(
        category="COOPERATE" if joint else CATEGORY["hostile" if hostile else "cooperative"],
        mode=None if joint else "alignment",
        trigger=f.text[t_start:t_end], trigger_start=t_start, trigger_end=t_end,
        start=sent.start_char, end=sent.end_char, source=s, target=tg, cameo=None,
        polarity=-1 if hostile else 1, negated=False, modality=modality(anchor, verb),
        claimed_by=quote.speaker if quote is not None else None, quote=quote.id if quote is not None else None,
    )


def _by_name(f, tok: Token) -> Optional[str]:
    """An actor of the article one capitalised word names though the parse left it out ("pro-Iran"
    read as an adjective): the actor with that name key."""
    if not tok.text[:1].isupper():
        return None
    key = name_key(tok.text)
    return next((a.id for a in f.actors.values() if key and key in a.keys), None)


def country_of_place(f, tok: Token) -> Optional[str]:
    """The country actor of the article that a place named at `tok` belongs to ("Tehran", or
    "Iran" found only as a place), if the article has one."""
    sp = f.place_at.get(tok.i)
    if sp is None:
        return None
    place = next((p for p in (f.doc._.dyads_places or []) if p.id == sp.label_), None)
    if place is None or not place.country:
        return None
    for a in f.actors.values():
        if a.type == "country" and a.country == place.country:
            return a.id
    return None


def _named(f, head: Token) -> Optional[str]:
    """The named actor a noun phrase stands for: its own mention, an apposed name ("the group
    Hezbollah", "the militia, the Guards"), or the name right after its head."""
    if head.i in f.actor_at:
        return f.actor_at[head.i]
    for c in head.children:
        if c.dep_ == "appos" and c.i in f.actor_at:
            return f.actor_at[c.i]
    if head.dep_ == "appos":
        a = apposed_to(f, head)  # "Operation X, a Y-led naval force"
        if a is not None:
            return a
    nxt = head.i + 1
    if nxt < len(f.doc) and nxt in f.actor_at and f.doc[nxt].pos_ == "PROPN" and not f.doc[nxt].is_sent_start:
        return f.actor_at[nxt]
    for c in head.children:
        if c.dep_ == "compound" and c.pos_ == "PROPN" and c.i in f.actor_at:
            return f.actor_at[c.i]  # "the Amal militia"
    return _called(f, head)


def apposed_to(f, appos: Token) -> Optional[str]:
    """The actor an apposition describes: the name right before its comma or dash ("the Z Trust,
    a charity backed by Y", though the parser hung it on the trust's spokesman), else its head's."""
    k = appos.left_edge.i - 1
    if k >= 1 and f.doc[k].text in APPOS_MARKS and k - 1 in f.actor_at:
        return f.actor_at[k - 1]
    return f.actor_at.get(appos.head.i) if appos.head.i != appos.i else None


def _called(f, head: Token) -> Optional[str]:
    """The name a group noun phrase gives right after it: "armed factions called the X Front",
    "a network known as X"."""
    doc = f.doc
    k = head.i + 1
    if k >= len(doc) or doc[k].lower_ not in NAMING:
        return None
    for j in range(k + 1, min(k + 4, len(doc))):
        if j in f.actor_at:
            return f.actor_at[j]
        if doc[j].lower_ not in ("as", "the"):
            return None
    return None


def _phrase_actors(f, head: Token) -> list[str]:
    """The actors a phrase after "of", "to" or "with" names: a list of names, the name the phrase
    is about ("the Palestinian group Hamas", "X's Fatah party": Hamas, Fatah), a place's country."""
    if head.i in f.actor_at:
        return f._actors_of(head)
    one = _named(f, head) or country_of_place(f, head)
    return [one] if one else f._actors_of(head)


def _backer(f, tok: Token, backed: Optional[str]) -> Optional[str]:
    a = f.actor_at.get(tok.i)
    if a is not None and a != backed:
        return a
    return country_of_place(f, tok) or (_by_name(f, tok) if a is None else None)  # "Moscow-backed rebels": one mention


def _hyphen_participle(f, t: Token, hostile: bool) -> list[Found]:
    """"Kremlin-backed rebels", "Kremlin- and Minsk-backed rebels", "Moscow-opposed groups"."""
    doc, i = f.doc, t.i
    if i < 2 or doc[i - 1].text not in HYPHENS:
        return []
    head = t.head
    for _ in range(2):
        if head.pos_ in ("NOUN", "PROPN") or head.head.i == head.i:
            break
        head = head.head
    if head.i <= i or head.pos_ not in ("NOUN", "PROPN"):
        return []
    if t.lower_ in LEADING and head.lemma_.lower() not in LED_NOUNS and head.lower_ not in LED_NOUNS:
        return []
    names = [doc[i - 2]]
    if i >= 4 and doc[i - 3].lower_ in ("and", ",") and doc[i - 4].pos_ == "PROPN":
        names.append(doc[i - 4])  # "Washington and Kremlin-backed": both back
    if t.lower_ in PLACING:  # "Ruritania-based groups": a group placed, allied to no one
        if _named(f, head) is None:
            described_group(f, names[-1], head)
        return []
    backed = _named(f, head) or described_group(f, names[-1], head)  # "X-aligned groups"
    if backed is None:
        return []
    out = []
    for n in names:
        b = _backer(f, n, backed)
        if b is not None:
            pair = (backed, b) if hostile else (b, backed)
            out.append((*pair, hostile, min(x.i for x in names), i + 1, t))
    return out


def _prefixed(f, t: Token, hostile: bool) -> list[Found]:
    """"pro-Moscow gangs": the gangs side with Moscow; "anti-Kyiv forces" stand against Kyiv."""
    doc, i = f.doc, t.i
    if i + 2 >= len(doc) or doc[i + 1].text not in HYPHENS:
        return []
    x = doc[i + 2]
    j = i + 3
    x_actor = f.actor_at.get(x.i)
    while x_actor is not None and j < len(doc) and f.actor_at.get(j) == x_actor:
        j += 1
    side = None
    for k in range(j, min(j + 5, len(doc))):
        tok = doc[k]
        if tok.pos_ in ("PUNCT", "VERB", "AUX", "ADP", "CCONJ") or tok.is_sent_start:
            break
        a = f.actor_at.get(k)
        if a is not None and a != x_actor:
            side = a
            break
    if side is None:
        return []
    named = x_actor if x_actor is not None else country_of_place(f, x) or _by_name(f, x)
    return [(side, named, hostile, i, j, t)] if named is not None else []


def _other_side(f, t: Token, skip: tuple = ()) -> list[str]:
    """Whose ally (or enemy) the noun says: "of Y", "Y's", "its", "the US ally X", "Y's proxy X"."""
    owners = list(t.children)
    if t.dep_ in ("amod", "compound") and t.head.i > t.i:
        owners += [c for c in t.head.children if c.dep_ == "poss" and c.i < t.i]
    for c in owners:
        if c.dep_ == "poss":
            found = f._actors_of(c) or _possessor(f, c, skip)
            if found:
                return found
        if c.dep_ == "prep" and c.lower_ == "of":
            pobj = next((p for p in c.children if p.dep_ == "pobj"), None)
            found = _phrase_actors(f, pobj) if pobj is not None else []
            if found:
                return found
    for c in t.children:
        if c.dep_ in ("compound", "amod", "nmod") and c.i < t.i and c.i in f.actor_at:
            return [f.actor_at[c.i]]
    return []


def _possessor(f, pron: Token, skip: tuple) -> list[str]:
    """Whose "its" is when no antecedent was found for it: the nearest actor before it in its
    sentence that is no person and not the one the noun describes ("tensions between X and
    neighbours tied to its enemy, Z": X)."""
    if pron.pos_ != "PRON" or pron.lower_ != "its":
        return []
    for k in range(pron.i - 1, pron.sent.start - 1, -1):
        a = f.actor_at.get(k)
        if a is None or a in skip or f.doc[k].pos_ == "PRON":
            continue
        info = f.actors.get(a)
        if info is not None and info.type != "person":
            return [a]
    return []


def _names_after(f, t: Token) -> list[str]:
    """The actors named in a list right after the noun: "rivals X and the Y"."""
    out: list[str] = []
    doc = f.doc
    for k in range(t.i + 1, min(t.i + 1 + MAX_LIST, len(doc))):
        tok = doc[k]
        a = f.actor_at.get(k)
        if a is not None:
            if a not in out:
                out.append(a)
        elif not (tok.lower_ in NAME_GAP or tok.text in HYPHENS) or tok.is_sent_start:
            break
    return out


def _described(f, t: Token) -> tuple[list[str], bool]:
    """The actors the ally noun describes, and whether they are the object of a clause whose
    subject is then the other side ("accused arch-foe Z")."""
    if t.dep_ == "pobj" and t.head.lower_ == "of" and t.head.head.lower_ == "one" and t.head.head.dep_ in ("appos", "attr"):
        t = t.head.head  # "X, one of the closest allies of Y", "X is one of the recipients of ..."
    if t.dep_ == "appos":
        a = apposed_to(f, t) or _named(f, t.head)
        return ([a] if a else []), False
    if t.dep_ == "attr":
        subj = next((c for c in t.head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is not None and _unnamed_part(f, subj):
            return [], False  # "X's governing party is a supporter of Y": the party, not X
        return (f._actors_of(subj) if subj is not None else []), False
    for c in t.children:
        if c.dep_ == "appos":
            found = f._actors_of(c)
            if found:
                return found, False
    named = _names_after(f, t)
    if named:
        return named, t.dep_ in ("compound", "amod", "nmod")
    return [], False


def _unnamed_part(f, subj: Token) -> bool:
    """A common noun owned by an actor but no actor itself ("X's ruling party", "X's fan groups")."""
    return subj.pos_ == "NOUN" and subj.i not in f.actor_at and any(
        c.dep_ == "poss" and c.i in f.actor_at for c in subj.children)


def _clause_subject(f, t: Token) -> list[str]:
    """The subject of the clause whose object the noun phrase of `t` is."""
    h = t.head
    for _ in range(3):
        if h.pos_ in ("VERB", "AUX"):
            subj = f._subject(h)
            return f._actors_of(subj) if subj is not None else []
        if h.head.i == h.i:
            break
        h = h.head
    return []


def _ally_noun(f, t: Token, hostile: bool) -> list[Found]:
    described, as_object = _described(f, t)
    described = [a for a in described if a != f.actor_at.get(t.i)]  # "supporters of X" name a group, not a tie
    if not described:
        return []
    others = _other_side(f, t, tuple(described))
    first = t.i
    if t.i >= 2 and f.doc[t.i - 1].text in HYPHENS and f.doc[t.i - 2].lower_ == "arch":
        first = t.i - 2
    if not others and len(described) >= 2:
        # "X and Y are allies", "longtime rivals X and Y": with each other
        return [(a, b, hostile, first, t.i + 1, t) for a, b in combinations(described, 2)]
    if not others and as_object:
        head = f.doc[min(i for i in range(t.i + 1, len(f.doc)) if f.actor_at.get(i) == described[0])]
        others = _clause_subject(f, head)
    out = []
    backed = not hostile and ALLY_NOUNS.get(t.lemma_.lower()) == "backed"
    for a in described:
        for b in others:
            out.append((b, a, hostile, first, t.i + 1, t) if backed else (a, b, hostile, first, t.i + 1, t))
    return out


def _siding_word(f, t: Token, hostile: bool) -> list[Found]:
    """"allied with Y", "militias loyal to Y", "the party is hostile to Y"."""
    prep_word = (HOSTILE_WORDS if hostile else SIDING_WORDS)[t.lower_]
    prep = next((c for c in t.children if c.dep_ == "prep" and c.lower_ == prep_word), None)
    pobj = next((p for p in prep.children if p.dep_ == "pobj"), None) if prep is not None else None
    if pobj is None:
        return []
    named = _phrase_actors(f, pobj)
    if not named:
        return []
    if t.dep_ in ("amod", "acl", "appos"):
        a = _named(f, t.head)
        sides = [a] if a else []
    else:
        subj = next((c for c in t.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is not None and subj.lower_ in RELATIVES and t.dep_ == "relcl":
            subj = t.head  # "the rebels, who are allied with X"
        if subj is None and t.dep_ in ("acomp", "attr", "oprd"):
            subj = next((c for c in t.head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is None and t.dep_ == "advcl":
            subj = f._subject(t.head)
        sides = f._actors_of(subj) if subj is not None else []
    return [(a, b, hostile, t.i, prep.i + 1, t) for a in sides for b in named]


def _backing_clause(f, v: Token) -> list[Found]:
    """A clause of backing on a noun: "the front that is backed by Y", "a group of charities funded
    by Y" (Y -> the group), "the front that Y supports" (Y -> the front)."""
    noun = v.head
    if noun.i == v.i or noun.pos_ not in ("NOUN", "PROPN"):
        return []
    agent = next((c for c in v.children if c.dep_ == "agent"), None)
    if agent is not None:
        pobj = next((p for p in agent.children if p.dep_ == "pobj"), None)
        backers = _phrase_actors(f, pobj) if pobj is not None and v.tag_ == "VBN" else []
    elif any(c.dep_ == "dobj" and c.lower_ in RELATIVE_OBJECTS for c in v.children):
        subj = next((c for c in v.children if c.dep_ == "nsubj"), None)
        backers = f._actors_of(subj) if subj is not None else []
    else:
        return []
    backed = _named(f, noun) or quoted_group(f, noun) if backers else None
    return [(b, backed, False, v.i, v.i + 1, v) for b in backers] if backed else []


def _receiver_noun(f, t: Token) -> list[Found]:
    """"X, one of the largest recipients of Y's aid": Y backs X (only for a given thing: aid, arms)."""
    of = next((c for c in t.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    thing = next((p for p in of.children if p.dep_ == "pobj"), None) if of is not None else None
    hit = f.hits.get(thing.i) if thing is not None else None
    if thing is None or (hit is None or hit.category not in GIVEN) and thing.lemma_.lower() not in GIVEN_THINGS:
        return []
    givers = _phrase_actors(f, thing) or [f._place_actor(f.place_at[c.i]) for c in thing.children
                                          if c.dep_ in ("compound", "nmod", "poss") and c.i in f.place_at][:1]
    receivers, _ = _described(f, t)
    return [(g, r, False, t.i, t.i + 1, t) for g in givers for r in receivers]
