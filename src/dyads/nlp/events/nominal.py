"""The sides of events named by nouns, and places as the targets of acts.

    sources = event_sources(p, tok, verb, hit, lex)   # None: let the subject rules decide
    targets = event_targets(p, targets, sources)

- A nominal event names its own author: "Turkish strikes on Iraq", "the army's raid", "attacks by
  the rebels", "rocket fire from Taliban fighters". That author beats the subject of whatever
  verb the noun hangs from ("the monitor recorded 20 Turkish raids": not the monitor's raids).
  A noun naming no author takes the subject of its verb only where that verb carries the act on
  ("Kenya intensified its raids", `aspect_verbs`) or the noun is that subject itself.
- A casualty verb with no agent lends the author of the act it happened in: "twelve soldiers
  were killed in the Turkish offensive" (`instrument_preps`).
- A place is never the source of an act (a dateline, "Nairobi - hundreds marched").
- A town an act is aimed at stands for the state it lies in when the article names that state
  ("a strike on Baghdad" is a strike on Iraq), unless the author is of that state itself or the
  territory stands for itself (`places_not_for_state`); a water or a place across borders is no
  target; nor are vague victims ("killed three people", `vague_victims`).

`p` is the events component's finder (a `participants.Participants`): its actor look-ups are used
as they are.
"""
from __future__ import annotations

from typing import Optional

from spacy.tokens import Token

from ... import kb
from .frames import _owner, _pobj
from .lexicon import NONE, PREP_DEPS, TriggerLexicon
from .words import QUANTITY_HEADS, RELATIVES

ASPECT_VERBS = kb.words("nominal", "aspect_verbs")
INSTRUMENT_PREPS = kb.words("nominal", "instrument_preps")
INSTRUMENT_CATEGORIES = kb.words("nominal", "instrument_categories")
VAGUE_VICTIMS = kb.words("nominal", "vague_victims")
NOT_FOR_STATE = kb.words("nominal", "places_not_for_state")
STATE_PLACE_KINDS = kb.words("nominal", "state_place_kinds")
TIME_PREPS = kb.words("nominal", "time_preps")
UNDERGO_VERBS = kb.words("nominal", "undergo_verbs")
UNDERGO_PREPS = kb.words("nominal", "undergo_preps")
UNDERGO_NOUNS = kb.words("nominal", "undergo_nouns")
IRREALIS_MODIFIERS = kb.words("nominal", "irrealis_modifiers")
DEFINITE = kb.words("nominal", "definite_determiners")
STRUCK_IN_PREPS = kb.words("nominal", "struck_in_preps")
INVOLVED_VERBS = kb.words("nominal", "involved_verbs")
INVOLVED_PREPS = kb.words("nominal", "involved_preps")
AUTHORING_PARTICIPLES = kb.words("nominal", "authoring_participles")
CAMPAIGN_NOUNS = kb.words("nominal_sides", "campaign_nouns")
BEHIND_PREPS = kb.words("nominal_sides", "behind_preps")
BEHIND_VERBS = kb.words("nominal_sides", "behind_verbs")


def event_sources(p, tok: Token, verb: Optional[Token], hit, lex: TriggerLexicon) -> Optional[list]:
    """The source actors the noun phrase of a nominal event names, [] when it names none and its
    verb does not make its subject the author; None when the subject rules apply (verbs)."""
    if not getattr(hit, "nominal", False):
        # "the violence targeting X and driven by Y": the participle's act is its noun's author's
        modified = tok.head if tok.dep_ == "acl" and tok.head.pos_ == "NOUN" and tok.head.i < tok.i else None
        return involved(p, tok, hit) or (participle_agent(p, modified) if modified is not None else None) \
            or campaign_owner(p, tok) or None
    for t in _appositions(hit.source) + [hit.source] + _modifiers(tok):
        found = p._actors_of(t) if t is not None else []
        if found:
            return found
    sides = involved(p, tok, hit) or _shared_author(p, tok, lex) or participle_agent(p, tok)
    if sides:
        return sides
    if verb is None:
        return None
    if tok.dep_ in OBJECT_DEPS and tok.head.i == verb.i and not _carries_on(verb):
        return []  # "the monitor recorded 20 raids": not the monitor's
    if tok.dep_ == "pobj" and tok.head.lower_ in TIME_PREPS:
        return []  # "warned of reprisals since the raid": the raid is a time, not the warner's act
    return None


def involved(p, tok: Token, hit) -> Optional[list]:
    """"the rebels are locked in a war with the army", "X has been engaged in fighting with Y", "X has
    been in mourning and in an open battle with Y": the subject of a verb of being in an act is its
    side (a passive one too); None when the act is no such thing."""
    noun = tok if tok.pos_ == "NOUN" else next(
        (t for t in (tok.doc[i] for i in getattr(hit, "tokens", ())) if t.pos_ == "NOUN"), None)
    for _ in range(3):
        if noun is None or noun.dep_ != "conj":
            break
        noun = noun.head  # "in mourning and in an open battle with Y"
    noun = _counted(noun)  # "X is behind dozens of attacks"
    if noun is None or noun.dep_ != "pobj" or noun.head.lower_ not in INVOLVED_PREPS | BEHIND_PREPS:
        return None
    prep = noun.head
    while prep.dep_ == "conj" and prep.head.dep_ == "prep" and prep.head.i < prep.i:
        prep = prep.head  # "in mourning and in a battle with Y": the second "in" joined to the first
    v = prep.head
    if v.pos_ not in ("VERB", "AUX") or v.lemma_.lower() not in INVOLVED_VERBS:
        return None
    if prep.lower_ in BEHIND_PREPS and v.lemma_.lower() not in BEHIND_VERBS:
        return None
    subj = next((c for c in v.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    return p._actors_of(subj) or None if subj is not None else None


def _counted(noun: Optional[Token]) -> Optional[Token]:
    """The counting noun over an act ("dozens of attacks", "a number of raids"), or the act's noun."""
    if noun is not None and noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head.lower_ in QUANTITY_HEADS:
        return noun.head.head
    return noun


def _shared_author(p, noun: Token, lex: TriggerLexicon) -> list:
    """"a bombardment of X and a ground offensive by Y": an act joined to another act whose author a
    "by" phrase names is that author's too (the phrase may hang on the second act's noun or on a word
    the parser made its head)."""
    from .nouns import _noun_entry

    for c in noun.children:
        if c.dep_ != "conj":
            continue
        for x in [c] + [g for g in c.children if g.dep_ in ("amod", "compound")]:
            e = _noun_entry(x, lex) if x.i != noun.i else None
            by = next((g for g in x.children if g.dep_ in ("prep", "agent") and g.lower_ == "by"), None)
            if e is not None and e.category != NONE and by is not None:
                found = p._actors_of(_pobj(by))
                if found:
                    return found
    return []


def participle_agent(p, noun: Token) -> list:
    """"violence driven by Y", "shells fired from the border by Y": the agent of a participle that
    modifies an act's noun (or of a participle joined to the one that does) is the act's author."""
    for c in noun.children:
        if c.dep_ != "acl" or c.i < noun.i:
            continue
        for v in [c] + [g for g in c.children if g.dep_ == "conj" and g.tag_ == "VBN"]:
            if v.tag_ != "VBN" or v.lemma_.lower() not in AUTHORING_PARTICIPLES:
                continue  # "the attacks condemned by X": not X's
            agent = next((g for g in v.children if g.dep_ == "agent"), None)
            found = p._actors_of(_pobj(agent)) if agent is not None else []
            if found:
                return found
    return []


def campaign_owner(p, verb: Token) -> list:
    """"the army's campaign to crush the rebels", "X's bid to oust Y": the author of an act carried on
    (`campaign_nouns`) does what its infinitive says, when the infinitive has no subject of its own."""
    noun = verb.head
    if verb.dep_ != "acl" or noun.pos_ != "NOUN" or noun.i > verb.i or noun.lemma_.lower() not in CAMPAIGN_NOUNS:
        return []
    if not any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children) or any(
            c.dep_ in ("nsubj", "nsubjpass") for c in verb.children):
        return []
    got = _owner(noun)
    return p._actors_of(got[1]) if got is not None else []


def _appositions(t: Optional[Token]) -> list:
    """"attacks by the Somali group al-Shabab": the name in apposition, before the kind's demonym."""
    return [c for c in t.children if c.dep_ == "appos"] if t is not None else []


def _modifiers(noun: Token) -> list:
    """The words before an event noun that may name its author ("the April 4 Kenyan raid": Kenyan)."""
    return [c for c in noun.children if c.dep_ in ("amod", "compound", "nmod") and c.i < noun.i]


OBJECT_DEPS = ("dobj", "nsubjpass", "attr", "oprd")


def _carries_on(verb: Token) -> bool:
    from .matcher import _deinflect

    forms = {verb.lemma_.lower(), verb.lower_, *_deinflect(verb.lower_)}
    return bool(forms & ASPECT_VERBS)


def presupposed(tok: Token, hit) -> bool:
    """"could see Israel's war on Gaza spread", "warned that the Kenyan offensive would widen": a
    definite or possessed event noun names an act that took place, whatever the clause around it
    says of what may follow; not a planned, possible or threatened one."""
    if not getattr(hit, "nominal", False) or tok.pos_ != "NOUN":
        return False
    if any(c.lower_ in IRREALIS_MODIFIERS for c in tok.children if c.i < tok.i):
        return False
    return any(c.dep_ == "poss" or (c.dep_ == "det" and c.lower_ in DEFINITE) for c in tok.children)


def named_act(hit) -> bool:
    """"the Armenia-Azerbaijan war" is the name of a known act: reported speech that mentions it
    does not make it the speaker's claim (other definite event nouns stay the speaker's: measured)."""
    return getattr(hit, "source_rule", None) == "dyad" and getattr(hit, "entry", "").endswith("(hyphen dyad)")


def instrument_sources(p, verb: Optional[Token], lex: TriggerLexicon) -> list:
    """"killed in the Turkish offensive": the author of the event noun under the casualty verb, or of
    the noun a relative clause tells the blow of."""
    from .nouns import _noun_entry

    if verb is None or verb.pos_ == "NOUN":
        return []  # a verb's own blow only: not the verb an event noun hangs from
    if verb.dep_ == "relcl" and verb.head.pos_ == "NOUN":
        # "a ferocious response by Kenya, which has killed 300 people": the noun's author did it
        got = _owner(verb.head)
        found = p._actors_of(got[1]) if got is not None else []
        if found:
            return found
    for c in verb.children:
        if c.dep_ not in PREP_DEPS or c.lower_ not in INSTRUMENT_PREPS:
            continue
        n = _pobj(c)
        if n is None or n.pos_ != "NOUN":
            continue
        e = _noun_entry(n, lex)
        if e is None or e.category not in INSTRUMENT_CATEGORIES:
            continue
        got = _owner(n)
        if got is not None:
            found = p._actors_of(got[1])
            if found:
                return found
    return []


def not_places(p, sources: list) -> list:
    return [s for s in sources if not p._place_made(s)]


def event_targets(p, targets: list, sources: list, tok: Token = None, hit=None) -> list:
    """The actors the targets stand for; when none is left, the place an attack was made in."""
    src = getattr(hit, "source", None) if getattr(hit, "nominal", False) else None
    if src is not None and _appositions(src):
        # "attacks by the Somali group al-Shabab": the kind's demonym is the author's, not the target
        own = {p.actor_at.get(c.i) for c in src.children if c.dep_ in ("amod", "compound")}
        targets = [t for t in targets if t not in own]
    out = _standing(p, targets, sources)
    if not out and tok is not None and hit is not None and hit.category in INSTRUMENT_CATEGORIES and tok.pos_ != "NOUN":
        out = [a for a in _standing(p, _verb_victims(p, tok, hit), sources) if a not in sources]
    if not out and tok is not None and getattr(hit, "nominal", False):
        out = [a for a in _standing(p, _undergoers(p, tok), sources) if a not in sources]
    if not out and tok is not None and hit is not None and hit.category in INSTRUMENT_CATEGORIES:
        # the event noun itself, or the noun of a light verb ("launched a raid inside Kenya")
        nouns = [tok] if tok.pos_ == "NOUN" else [t for t in (p.doc[i] for i in hit.tokens) if t.pos_ == "NOUN"]
        if src is not None and tok.pos_ == "NOUN":
            nouns += [src] + _appositions(src)  # "attacks by the group X in Kenya": "in Kenya" hung on X
        victims = _unnamed_victims(tok) if tok.pos_ != "NOUN" else []
        if (nouns or victims) and tok.pos_ != "NOUN":
            nouns += [tok] + victims  # "launched raids in X"; "two people were killed in X"; "killed people in X"
        out = _standing(p, _struck_in(p, nouns, sources), sources)
    return out


def _standing(p, targets: list, sources: list) -> list:
    out = []
    for t in targets:
        t = _standing_for(p, t, sources)
        if t is not None and t not in out:
            out.append(t)
    return out


def _undergoers(p, noun: Token) -> list:
    """"Villagers have faced harassment by the police", "the town came under attack from X", "the port
    was the target of raids by X": the subject of a verb of undergoing is the event noun's target."""
    h = noun.head
    if noun.dep_ == "dobj" and h.lemma_.lower() in UNDERGO_VERBS:
        verb = h
    elif noun.dep_ == "pobj" and h.head.lemma_.lower() in UNDERGO_VERBS and h.lower_ in UNDERGO_PREPS:
        verb = h.head  # "subjected to", "came under", "exposed to"
    elif noun.dep_ == "pobj" and h.lower_ == "of" and h.head.lemma_.lower() in UNDERGO_NOUNS and h.head.dep_ == "attr":
        verb = h.head.head  # "was the target of"
    else:
        return []
    subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    return p._actors_of(subj) if subj is not None else []


def _verb_victims(p, verb: Token, hit) -> list:
    """The victims of a blow the usual rules missed: "the boy, who was shot dead by X" (the noun a
    passive relative clause tells of), "a settler shot dead a farmer" (the object the parser hung on
    the trigger's second word)."""
    if verb.dep_ == "relcl" and any(c.dep_ in ("nsubjpass", "dobj") and c.lower_ in RELATIVES for c in verb.children):
        h = verb.head  # the noun, or the name in apposition to it ("her brother, Omar Haddad, who")
        for n in [h] + _appositions(h) + ([h.head] if h.dep_ == "appos" else []):
            found = p._actors_of(n)
            if found:
                return found
    for i in getattr(hit, "tokens", ()):
        if i == verb.i:
            continue
        for c in p.doc[i].children:
            if c.dep_ in ("dobj", "pobj") and c.i not in hit.tokens:
                found = p._actors_of(c)
                if found:
                    return found
    return []


def _unnamed_victims(verb: Token) -> list:
    """The victims of a blow, when the text does not name them as an actor ("killed three people")."""
    return [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass") and c.pos_ in ("NOUN", "PRON")]


def _struck_in(p, nouns: list, sources: list) -> list:
    """"a Kenyan raid in Kismayo": the place an attack is made in, unless it is the author's own."""
    for c in (c for n in nouns for c in n.children):
        if c.dep_ in PREP_DEPS and c.lower_ in STRUCK_IN_PREPS:
            q = _pobj(c)
            found = [a for a in (p._actors_of(q) if q is not None else []) if _made_place(p, a) or _is_state(p, a)]
            if found and sources and not any(_place_country(p, a) == _country_of(p, s) for a in found for s in sources):
                return found
    return []


def _made_place(p, aid: str) -> bool:
    """A place an event made an actor of: a town, or a country the text names only as a place ("in
    Kenya"; the actors component leaves such a country no actor of its own)."""
    a = p.actors.get(aid)
    return a is not None and (a.synthetic or "").startswith("made-place:")


def _is_state(p, aid: str) -> bool:
    a = p.actors.get(aid)
    return a is not None and a.entry is not None and a.entry.id.startswith("country:")


def _place_country(p, aid: str) -> Optional[str]:
    a = p.actors.get(aid)
    if _is_state(p, aid):
        return a.entry.country
    entry = (p.doc._.dyads_place_entries or {}).get((a.synthetic or "").split(":", 1)[-1]) if a is not None else None
    return entry.country if entry is not None else None


def _standing_for(p, aid: str, sources: list) -> Optional[str]:
    """The actor a target stands for: a town's state, nothing for a water or a vague victim."""
    a = p.actors.get(aid)
    syn = (a.synthetic or "") if a is not None else ""
    if syn.startswith("made-group:") and syn.split(":", 1)[1] in VAGUE_VICTIMS:
        return None
    if not syn.startswith("made-place:"):
        return aid
    pid = syn.split(":", 1)[1]
    entry = (p.doc._.dyads_place_entries or {}).get(pid)
    if entry is not None:
        if not entry.country:
            return None  # "fired at ships in the Red Sea": a sea is nobody
        if entry.kind not in STATE_PLACE_KINDS:
            return aid
        code = entry.country
    else:
        # a place the gazetteer does not know but the text files under a state ("a US base")
        code = next((pl.country for pl in p.doc._.dyads_places or [] if pl.id == pid), None)
    if not code or code in NOT_FOR_STATE:
        return aid
    state = _state_actor(p, code)
    if state is None or state in sources:
        return aid
    if any(_country_of(p, s) == code for s in sources):
        return aid  # "Syrian forces shelled Idlib": the state's own town
    return state


def _state_actor(p, code: str) -> Optional[str]:
    for a in p.actors.values():
        if a.entry is not None and a.entry.id == f"country:{code}":
            return a.id
    return None


def _country_of(p, aid: str) -> Optional[str]:
    a = p.actors.get(aid)
    return a.country if a is not None else None

