"""The trigger matcher for verbs: which lexicon entry a verb's frame matches, and where its recipient is.

    hit = match_trigger(verb_token, lex)        # TriggerHit or None

Pure functions over spaCy tokens (see `lexicon.py` for what an entry says). Light verbs
("launched an attack on") and event nouns are matched by `nouns.py`.
"""
from __future__ import annotations

from typing import Optional

from spacy.tokens import Token

from .frames import (  # noqa: F401  (re-exported for nouns.py)
    _Frame, _find_prep, _heads, _keys, _matches_noun, _mods_ok, _must_clause, _owner, _pobj, _span,
)
from .lexicon import (
    ADJECTIVAL, Entry, HOSTILE, IRREALIS, NOMINAL, NONE, PREP_DEPS, TIME_ENTS, TriggerHit, TriggerLexicon, load_triggers,
)
from .targets import _Ctx, _slots, _targets  # noqa: F401  (re-exported for nouns.py)



def _deinflect(word: str) -> list[str]:
    """Candidate lemmas of a verb form the lemmatiser got wrong ("waged" -> "wage")."""
    out = []
    if word.endswith("ied"):
        out.append(word[:-3] + "y")
    if word.endswith("ed"):
        out += [word[:-1], word[:-2]]
        if len(word) > 4 and word[-3] == word[-4]:
            out.append(word[:-3])
    if word.endswith("ing"):
        out += [word[:-3], word[:-3] + "e"]
        if len(word) > 5 and word[-4] == word[-5]:
            out.append(word[:-4])
    if word.endswith("ies"):
        out.append(word[:-3] + "y")
    if word.endswith("es"):
        out.append(word[:-2])
    if word.endswith("s"):
        out.append(word[:-1])
    return out


def _verb_key(verb: Token, lex: TriggerLexicon) -> Optional[str]:
    """The lexicon key of a verb: its lemma, else its form, else a de-inflected form (the lemmatiser
    reads "waged" as "wag")."""
    lem = verb.lemma_.lower()
    if lem in lex.verbs or lem in lex.light:
        return lem
    low = verb.lower_
    if low in lex.verbs or low in lex.light:
        return low
    for cand in [lex.forms.get(low, "")] + _deinflect(low):
        if cand in lex.verbs or cand in lex.light:
            return cand
    return None


def _complement_hit(frame: _Frame, lex: TriggerLexicon, depth: int) -> Optional[TriggerHit]:
    if frame.xcomp is None or depth > 1:
        return None
    return _match(frame.xcomp, lex, depth + 1)


# ----------------------------------------------------------------------------- verbs

def match_trigger(verb: Token, lex: Optional[TriggerLexicon] = None) -> Optional[TriggerHit]:
    """The most specific lexicon entry the verb matches, as a TriggerHit; None when the verb is not
    an event trigger (or an entry says it is not: category NONE)."""
    if lex is None:
        lex = load_triggers()
    return _match(verb, lex, 0)


def _match(verb: Token, lex: TriggerLexicon, depth: int) -> Optional[TriggerHit]:
    d = verb.dep_
    if d in ADJECTIVAL or (d in NOMINAL and verb.tag_ in ("VBN", "VBD", "JJ")):
        # "the besieged town", "the Syrian-backed militia", "evacuated the wounded": not events
        return None
    if _attributive(verb):
        return None
    key = _verb_key(verb, lex)
    if key is None:
        return None
    entries = lex.verbs.get(key, ())
    light = lex.light.get(key)
    frame = _Frame(verb)
    light_done = not light
    for e in entries:
        if not light_done and e.objs is None and e.prt is None:
            # a light verb's noun ("launched an attack") beats the verb's own bare reading
            light_done = True
            lh = _light_verb(frame, lex, light, depth)
            if lh is not None:
                return lh
        got = _try(e, frame)
        if got is None:
            continue
        if e.category == NONE:
            return None
        hit = _hit(e, frame, *got, lex, depth)
        if hit is not None:
            return hit
    if not light_done:
        return _light_verb(frame, lex, light, depth)
    return None


def _attributive(verb: Token) -> bool:
    """"in occupied East Timor", "the northern occupied Heights": a participle right after a
    determiner, a preposition or an adjective modifies the name after it, whatever the parser says."""
    if verb.tag_ not in ("VBN", "VBD") or verb.i == 0:
        return False
    prev = verb.doc[verb.i - 1]
    if prev.pos_ not in ("DET", "ADP", "ADJ") or prev.dep_ in ("nsubj", "nsubjpass") or prev.head.i == verb.i:
        return False
    nxt = verb.doc[verb.i + 1] if verb.i + 1 < len(verb.doc) else None
    return nxt is not None and nxt.pos_ == "PROPN"


def _try(e: Entry, f: _Frame):
    """Check an entry's constraints on a verb frame: (trigger token indices, matched noun, prep-as-particle)
    or None."""
    tokens = [f.verb.i]
    via_prep = None
    if e.prt is not None:
        if f.prt is not None and f.prt.lower_ == e.prt:
            tokens.append(f.prt.i)
        else:
            for p in f.preps:
                if p.lower_ == e.prt:
                    via_prep = p
                    tokens.append(p.i)
                    break
            else:
                for c in f.comps:
                    if c.lower_ == e.prt and c.dep_ == "advmod":
                        tokens.append(c.i)
                        break
                else:
                    return None
    noun = carrier = None
    if e.objs is not None:
        cands = list(f.dobjs)
        if via_prep is not None:
            p = _pobj(via_prep)
            if p is not None:
                cands.insert(0, p)
        if f.subjpass is not None:
            cands.append(f.subjpass)
        cands.extend(f.comps)
        for c in cands:
            for x in _heads(c):
                if _matches_noun(x, e.objs) and _mods_ok(x, e.mods):
                    noun, carrier = x, c
                    break
            if noun is not None:
                break
        if noun is None:
            return None
        tokens.append(noun.i)
    if e.prep is not None:
        owners = [f.verb, noun] + ([] if noun is not None else f.dobjs)
        found = None
        for o in owners:
            if o is None:
                continue
            for c in (f.preps if o == f.verb else o.children):
                if c.dep_ in PREP_DEPS and c.lower_ == e.prep and c != via_prep:
                    p = _pobj(c)
                    if p is not None and p.ent_type_ in TIME_ENTS and e.pobjs is None:
                        continue  # "on Monday", "at dawn": not the preposition the entry means
                    if e.pobjs is None or (p is not None and _matches_noun(p, e.pobjs)):
                        found = (c, p)
                        break
            if found:
                break
        if found is None:
            return None
        tokens.append(found[0].i)
        pnoun = found[1]
        if e.pobjs is not None and found[1] is not None:
            tokens.append(found[1].i)
    else:
        pnoun = None
    if not _frame_ok(e, f):
        return None
    return tokens, noun, via_prep, pnoun, carrier


def _frame_ok(e: Entry, f: _Frame) -> bool:
    """The entry's demands on the verb's complements and voice (`comp`, `need`)."""
    if e.comp is not None:
        comp = f.xcomp or f.ccomp
        if comp is None or comp.lemma_.lower() not in e.comp:
            return False
    if e.need:
        n = e.need
        if "xcomp" in n and f.xcomp is None:
            return False
        if "ccomp" in n and f.ccomp is None:
            return False
        if "no_ccomp" in n and f.ccomp is not None:
            return False
        if "dobj" in n and not f.dobjs and f.subjpass is None:
            return False
        if "active" in n and f.passive:
            return False
        if "passive" in n and not f.passive:
            return False
        if "must" in n and not _must_clause(f):
            return False
    return True


def _hit(e: Entry, f: _Frame, tokens: list, noun: Optional[Token], via_prep: Optional[Token],
         pnoun: Optional[Token], carrier: Optional[Token], lex: TriggerLexicon, depth: int) -> Optional[TriggerHit]:
    slots = _slots(e, noun is not None)
    if slots and slots[0] == "noun" and noun is not None:
        # the object is the recipient, not part of the trigger ("hired", "brought in")
        tokens = [t for t in tokens if t != noun.i]
    if slots and slots[0] == "pobj" and pnoun is not None:
        tokens = [t for t in tokens if t != pnoun.i]
    trig = set(tokens)
    ctx = _Ctx(f, noun, pnoun, via_prep, trig, lex, depth, carrier)
    cands = _targets(slots, ctx)
    if "target" in e.need and not cands:
        return None
    source = source_rule = None
    if e.source:
        got = _targets((e.source,), ctx)
        if got:
            source_rule, source = got[0][0], got[0][1]
            cands = [(r, t) for r, t in cands if t.i != source.i]
    cat, mode, cameo, pol = e.category, e.mode, e.cameo, e.polarity
    if e.intent:
        sub = _complement_hit(f, lex, depth)
        if sub is not None and (sub.category in HOSTILE or sub.category == "REJECT"):  # as intent_category
            cat, mode, cameo, pol = "THREATEN", None, "130", -1
    target, rule = (cands[0][1], cands[0][0]) if cands else (None, "none")
    if e.source:
        target, rule = None, "subject"
    comp = None
    if e.intent or cat in IRREALIS:
        x = f.xcomp if f.xcomp is not None else (f.ccomp if cat in ("REQUEST", "THREATEN") else None)
        if x is not None:
            comp = x.i
    t_start, t_end = _span(trig, f.verb.i)
    return TriggerHit(category=cat, mode=mode, cameo=cameo, polarity=pol, trigger_start=t_start,
                      trigger_end=t_end, target=target, target_rule=rule, candidates=tuple(cands),
                      source=source, source_rule=source_rule, tokens=tuple(sorted(trig)), fallback=e.fallback,
                      entry=e.describe(), complement=comp, negated_category=e.negated)


def _light_verb(f: _Frame, lex: TriggerLexicon, frames: list, depth: int) -> Optional[TriggerHit]:
    from .nouns import _light  # nouns.py builds on this module's frames

    return _light(f, lex, frames, depth)
