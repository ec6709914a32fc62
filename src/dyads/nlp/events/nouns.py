"""Light verbs and event nouns: "launched an attack on X", "went on strike", "the attack on the convoy".

    hit = match_noun_trigger(noun_token, lex)   # nominal events
"""
from __future__ import annotations

from typing import Optional

from spacy.tokens import Token

from .lexicon import (
    CIRCUMSTANCE_PREPS, Entry, NONE, NOUN_TARGET_PREPS, PREP_DEPS, TIME_ENTS, TriggerHit, TriggerLexicon, load_triggers,
)
from .dyads_nouns import dyad_hit
from .matcher import (
    _Ctx, _Frame, _find_prep, _heads, _keys, _match, _matches_noun, _mods_ok, _owner, _pobj, _span, _targets,
)


def _light(f: _Frame, lex: TriggerLexicon, frames: list, depth: int) -> Optional[TriggerHit]:
    """'launched an attack on X', 'carried out a massacre against X', 'went on strike', 'took part in
    the fighting': the event is the noun's, the trigger spans verb and noun."""
    for prt, obj, prep in frames:
        tokens = [f.verb.i]
        if prt is not None:
            if f.prt is not None and f.prt.lower_ == prt:
                tokens.append(f.prt.i)
                nouns = list(f.dobjs) + ([f.subjpass] if f.subjpass is not None else [])
            else:
                # "carried out" parsed as a preposition: its object is the noun
                p = next((p for p in f.preps if p.lower_ == prt), None)
                if p is None or _pobj(p) is None:
                    continue
                tokens.append(p.i)
                nouns = [_pobj(p)]
        elif obj is not None:
            o = next((d for d in f.dobjs if d.lemma_.lower() == obj), None)
            if o is None:
                continue
            tokens.append(o.i)
            fp = _find_prep(prep, [o, f.verb]) if prep else None
            if fp is None:
                continue
            tokens.append(fp[0].i)
            nouns = [fp[1]]
        elif prep is not None:
            p = next((p for p in f.preps if p.lower_ == prep), None)
            if p is None or _pobj(p) is None:
                continue
            tokens.append(p.i)
            nouns = [_pobj(p)]
        else:
            nouns = list(f.dobjs) + ([f.subjpass] if f.subjpass is not None else [])
        hit = _light_noun(nouns, f, lex, tokens, depth)
        if hit is not None:
            return hit
    return None


def _light_noun(nouns: list, f: _Frame, lex: TriggerLexicon, tokens: list, depth: int) -> Optional[TriggerHit]:
    for n in nouns:
        for cand in _heads(n):
            e = _noun_entry(cand, lex, light=True)
            if e is None or e.category == NONE:
                continue
            trig = set(tokens) | {cand.i}
            slots = _noun_slots(e)
            # the noun's own prepositions first, then the light verb's ("launched attacks on X" is often
            # parsed with "on" under the verb), then the verb's indirect object ("gave them an ultimatum")
            cands = _targets(slots, _Ctx(None, cand, None, None, trig, lex, depth))
            more = _targets(tuple(s for s in slots if s not in ("of", "owner")) + ("dative",),
                            _Ctx(f, cand, None, None, trig, lex, depth))
            for r, t in more:
                if all(t.i != x.i for _, x in cands):
                    cands.append((r, t))
            if "target" in e.need and not cands:
                continue
            target, rule = (cands[0][1], cands[0][0]) if cands else (None, "none")
            t_start, t_end = _span(trig, f.verb.i)
            return TriggerHit(category=e.category, mode=e.mode, cameo=e.cameo, polarity=e.polarity,
                              trigger_start=t_start, trigger_end=t_end, target=target, target_rule=rule,
                              candidates=tuple(cands), tokens=tuple(sorted(trig)), fallback=e.fallback,
                              entry=f"{f.verb.lemma_.lower()} + {e.describe()}")
    return None


# ----------------------------------------------------------------------------- nouns

def _noun_slots(e: Entry) -> tuple:
    if e.target:
        return e.target
    if e.prep in NOUN_TARGET_PREPS:
        return (e.prep,) + tuple(p for p in NOUN_TARGET_PREPS if p != e.prep)
    return NOUN_TARGET_PREPS


def _noun_entry(noun: Token, lex: TriggerLexicon, light: bool = False) -> Optional[Entry]:
    entries = None
    for k in _keys(noun):
        entries = lex.nouns.get(k)
        if entries:
            break
    if not entries:
        return None
    for e in entries:
        if not light and "light" in e.need:
            continue
        if e.mods and not _mods_ok(noun, e.mods):
            continue
        if e.prep is not None:
            fp = _find_prep(e.prep, [noun])
            if fp is None or fp[1].ent_type_ in TIME_ENTS or (e.pobjs is not None and not _matches_noun(fp[1], e.pobjs)):
                continue
        return e
    return None


def _governing_trigger(noun: Token, lex: TriggerLexicon) -> bool:
    """Is the noun an argument of a verb that is itself a trigger ("condemned the attack on X",
    "called for the release of X", "launched an attack")? Then the verb's event covers it."""
    t = noun
    for _ in range(3):
        d = t.dep_
        h = t.head
        if h.i == t.i:
            return False
        if d in ("dobj", "nsubjpass", "oprd", "attr", "conj", "appos", "dative", "xcomp", "ccomp", "npadvmod"):
            if d == "conj":
                t = h
                continue
            if h.pos_ in ("VERB", "AUX"):
                return _match(h, lex, 2) is not None
            return False
        if d in ("pobj", "pcomp"):
            head2 = h.head
            if head2.pos_ in ("VERB", "AUX") and h.dep_ in PREP_DEPS:
                m = _match(head2, lex, 2)
                if m is not None and h.lower_ in CIRCUMSTANCE_PREPS and h.i not in m.tokens:
                    return False  # "implicate his clan in the battle against X": the battle is an act too
                return m is not None
            if head2.pos_ in ("NOUN", "PROPN") and head2.i != noun.i:
                t = head2
                # "demanded the departure of X": the noun under a triggered noun
                continue
            return False
        return False
    return False


def match_noun_trigger(noun: Token, lex: Optional[TriggerLexicon] = None) -> Optional[TriggerHit]:
    """A nominal event ("the attack on the convoy", "a massacre of civilians", "Israel's blockade of
    Gaza") when the noun names a participant: a recipient in one of its prepositions, a possessor, a
    "by" agent or an actor modifier ("Israeli air strikes"). None for the bare noun ("the attack was
    condemned"), for a noun that a trigger verb governs (the verb's hit covers it) and for nouns the
    lexicon does not know."""
    if lex is None:
        lex = load_triggers()
    pair = dyad_hit(noun)
    if pair is not None:
        return pair  # "the Armenia-Azerbaijan war": both sides named, whatever verb governs it
    e = _noun_entry(noun, lex)
    if e is None or e.category == NONE:
        return None
    trig = {noun.i}
    for c in noun.children:
        if c.dep_ in ("compound", "amod") and e.mods and _mods_ok(noun, e.mods) and c.i == noun.i - 1:
            trig.add(c.i)
    if e.prep is not None:
        fp = _find_prep(e.prep, [noun])
        if fp is not None:
            trig.add(fp[0].i)
            if e.pobjs is not None:
                trig.add(fp[1].i)
    cands = _targets(_noun_slots(e), _Ctx(None, noun, None, None, trig, lex, 0))
    src = _owner(noun)
    source = source_rule = None
    if src is not None:
        source_rule, source = src
        cands = [(r, t) for r, t in cands if t.i != source.i]
    if not cands and source is None:
        return None
    if "target" in e.need and not cands:
        return None
    if _governing_trigger(noun, lex):
        return None
    target, rule = (cands[0][1], cands[0][0]) if cands else (None, "none")
    t_start, t_end = _span(trig, noun.i)
    return TriggerHit(category=e.category, mode=e.mode, cameo=e.cameo, polarity=e.polarity,
                      trigger_start=t_start, trigger_end=t_end, target=target, target_rule=rule,
                      candidates=tuple(cands), source=source, source_rule=source_rule, tokens=tuple(sorted(trig)),
                      fallback=e.fallback, nominal=True, entry=e.describe())


# ----------------------------------------------------------------------------- PLOVER helpers
