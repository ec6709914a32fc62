"""The trigger matcher for verbs: which lexicon entry a verb's frame matches, and where its recipient is.

    hit = match_trigger(verb_token, lex)        # TriggerHit or None

Pure functions over spaCy tokens (see `lexicon.py` for what an entry says). Light verbs
("launched an attack on") and event nouns are matched by `nouns.py`.
"""
from __future__ import annotations

from typing import Optional

from spacy.tokens import Token

from ...kb.names import singular
from .lexicon import (
    ACTOR_ENTS, ADJECTIVAL, CLAUSE_TARGET, COMPLEMENT_DEPS, Entry, HOSTILE, IRREALIS, MOD_DEPS, MUST, NOMINAL, NONE, OBJ_DEPS, PREP_DEPS, QUANTITY, TARGET_PREPS, TIME_ENTS, TriggerHit, TriggerLexicon, load_triggers,
)



def _keys(tok: Token) -> tuple:
    low = tok.lower_
    lem = tok.lemma_.lower()
    return (lem, low, singular(low)) if lem != low else (lem, singular(low))


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


class _Frame:
    """The parts of a verb's parse the entries look at, read once per verb."""

    __slots__ = ("verb", "children", "prt", "dobjs", "comps", "preps", "passive", "subjpass", "xcomp", "ccomp")

    def __init__(self, verb: Token):
        self.verb = verb
        self.children = list(verb.children)
        self.prt = None
        self.dobjs: list[Token] = []
        self.comps: list[Token] = []
        self.preps: list[Token] = []
        self.passive = False
        self.subjpass = None
        self.xcomp = None
        self.ccomp = None
        for c in self.children:
            d = c.dep_
            if d == "prt":
                self.prt = c
            elif d in OBJ_DEPS:
                self.dobjs.append(c)
            elif d in PREP_DEPS:
                if d == "dative" and c.pos_ in ("NOUN", "PROPN", "PRON"):
                    self.comps.append(c)
                else:
                    self.preps.append(c)
            elif d == "nsubjpass":
                self.subjpass = c
                self.passive = True
            elif d == "auxpass":
                self.passive = True
            elif d == "xcomp":
                if c.pos_ in ("VERB", "AUX"):
                    self.xcomp = c
                else:
                    self.comps.append(c)
                    # "is willing to withdraw": the adjective's own complement
                    for g in c.children:
                        if g.dep_ == "xcomp" and self.xcomp is None:
                            self.xcomp = g
            elif d == "ccomp":
                if c.pos_ in ("VERB", "AUX"):
                    self.ccomp = c
                else:
                    self.comps.append(c)
            elif d == "advcl" and self.xcomp is None and c.pos_ in ("VERB", "AUX") and \
                    any(g.dep_ == "aux" and g.lower_ == "to" for g in c.children) and \
                    not any(g.dep_ in ("nsubj", "mark") for g in c.children):
                self.xcomp = c  # "have sworn to fight" parsed as an adverbial clause
            elif d in COMPLEMENT_DEPS:
                self.comps.append(c)
                if d == "acomp":
                    for g in c.children:
                        if g.dep_ == "xcomp" and self.xcomp is None:
                            self.xcomp = g


def _pobj(prep: Token) -> Optional[Token]:
    for c in prep.children:
        if c.dep_ == "pobj":
            return c
    for c in prep.children:
        if c.dep_ == "pcomp":
            return c
    return None


def _find_prep(name: str, owners: list, skip: Optional[Token] = None) -> Optional[tuple]:
    """(prep token, its object) of the first preposition `name` under one of `owners`."""
    for o in owners:
        if o is None:
            continue
        for c in o.children:
            if c.dep_ in PREP_DEPS and c.lower_ == name:
                p = _pobj(c)
                if p is not None and p != skip:
                    return c, p
    return None


def _matches_noun(tok: Token, words: frozenset) -> bool:
    for k in _keys(tok):
        if k in words:
            return True
    return False


def _mods_ok(noun: Token, groups: tuple) -> bool:
    if not groups:
        return True
    have = set()
    for c in noun.children:
        if c.dep_ in MOD_DEPS or c.dep_ == "det":
            have.add(c.lower_)
            have.add(c.lemma_.lower())
    # hyphenated or fused forms the tokenizer kept whole ("air-strike" heads have no children)
    return all(have & g for g in groups)


def _owner(noun: Optional[Token]) -> Optional[tuple]:
    """Who a noun belongs to: "Serbia's suppression", "an Indian proposal", "calls by Belarus"."""
    if noun is None:
        return None
    for c in noun.children:
        if c.dep_ == "poss":
            return "poss", c
    for c in noun.children:
        if c.dep_ in ("compound", "amod", "nmod") and (c.pos_ == "PROPN" or c.ent_type_ in ACTOR_ENTS):
            return "modifier", c
    for c in noun.children:
        if c.dep_ in ("prep", "agent") and c.lower_ in ("by", "from"):
            p = _pobj(c)
            if p is not None:
                return c.lower_, p
    return None


def _complement_hit(frame: _Frame, lex: TriggerLexicon, depth: int) -> Optional[TriggerHit]:
    if frame.xcomp is None or depth > 1:
        return None
    return _match(frame.xcomp, lex, depth + 1)


def _span(trig: set, anchor: int) -> tuple:
    """The contiguous words of the trigger around its verb (or noun): the trigger's tokens joined while
    they lie within four words of each other, so that "defended Iraq on Friday against criticism" gives
    "defended", and "offered financial support" stays whole."""
    idx = sorted(trig)
    start = end = anchor
    for i in sorted((i for i in idx if i > anchor)):
        if i - end <= 4:
            end = i
        else:
            break
    for i in sorted((i for i in idx if i < anchor), reverse=True):
        if start - i <= 4:
            start = i
        else:
            break
    return start, end + 1


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
    if e.comp is not None:
        comp = f.xcomp or f.ccomp
        if comp is None or comp.lemma_.lower() not in e.comp:
            return None
    if e.need:
        n = e.need
        if "xcomp" in n and f.xcomp is None:
            return None
        if "ccomp" in n and f.ccomp is None:
            return None
        if "no_ccomp" in n and f.ccomp is not None:
            return None
        if "dobj" in n and not f.dobjs and f.subjpass is None:
            return None
        if "active" in n and f.passive:
            return None
        if "passive" in n and not f.passive:
            return None
        if "must" in n and not _must_clause(f):
            return None
    return tokens, noun, via_prep, pnoun, carrier


def _heads(c: Token) -> list:
    """The nouns an object slot offers: itself, its conjuncts, and the "of" object of a quantity
    ("thousands of fighters")."""
    out = [c]
    for cc in c.children:
        if cc.dep_ == "conj":
            out.append(cc)
    if c.lemma_.lower() in QUANTITY or c.lower_ in QUANTITY or c.like_num or \
            any(x.dep_ == "nummod" for x in c.children):
        fp = _find_prep("of", [c])
        if fp is not None:
            out.append(fp[1])
            out.extend(cc for cc in fp[1].children if cc.dep_ == "conj")
    return out


def _must_clause(f: _Frame) -> bool:
    c = f.ccomp
    if c is None:
        return False
    return any(a.dep_ == "aux" and a.lower_ in MUST for a in c.children)


def _slots(e: Entry, has_noun: bool) -> tuple:
    if e.target:
        return e.target
    out = []
    if e.prep in TARGET_PREPS:
        out.append(e.prep)
    out.append("dobj")
    if has_noun:
        out.append("dative")
    if e.category in CLAUSE_TARGET:
        out.append("clause")
    for p in TARGET_PREPS[:8]:
        if p not in out:
            out.append(p)
    if has_noun:
        out += ["for", "of"]
    out.append("owner")
    if has_noun:
        out.append("noun")  # last resort: the object itself ("crushed the rebels")
    return tuple(out)


class _Ctx:
    """What target slots are read from: the verb frame (None for a bare noun), the trigger noun (the
    verb's object in the entry, or the noun of a nominal event), the object of the entry's preposition,
    a preposition standing for a particle, and the trigger's token indices (never a target)."""

    __slots__ = ("f", "noun", "pnoun", "via_prep", "trigger", "lex", "depth", "carrier")

    def __init__(self, f, noun, pnoun, via_prep, trigger, lex, depth, carrier=None):
        self.f, self.noun, self.pnoun, self.via_prep = f, noun, pnoun, via_prep
        self.trigger, self.lex, self.depth = trigger, lex, depth
        self.carrier = carrier if carrier is not None else noun


def _targets(slots: tuple, c: _Ctx) -> list:
    out: list = []
    seen: set = set()
    f, noun, pnoun = c.f, c.noun, c.pnoun

    def add(rule, tok):
        if tok is not None and tok.i not in c.trigger and tok.i not in seen and tok.ent_type_ not in TIME_ENTS:
            seen.add(tok.i)
            out.append((rule, tok))

    # nouns whose own prepositions may hold the target: the trigger noun, else the verb's objects,
    # and the object of the entry's preposition ("called for sanctions against X")
    nouns = [noun] if noun is not None else (list(f.dobjs) if f is not None else [])
    if pnoun is not None:
        nouns.append(pnoun)
    for s in slots:
        if s == "none":
            break
        if s == "noun":
            # the object itself is the recipient: "hired combatants from the clan", "brought in fighters"
            if c.carrier is not None and c.carrier.i not in seen:
                seen.add(c.carrier.i)
                out.append(("noun", c.carrier))
            continue
        if s == "pobj":
            # the object of the entry's preposition is the recipient: "fought in pro-regime militias"
            if pnoun is not None and pnoun.i not in seen:
                seen.add(pnoun.i)
                out.append(("pobj", pnoun))
            continue
        if s == "dobj":
            if f is None:
                continue
            if c.via_prep is not None:
                add("dobj", _pobj(c.via_prep))
            for d in f.dobjs:
                add("dobj", d)
            if f.subjpass is not None:
                add("passive", f.subjpass)
            elif f.verb.dep_ == "acl" and f.verb.tag_ == "VBN" and not f.dobjs:
                # "the militias, now blamed for atrocities", "civilians killed in the raid"
                add("passive", f.verb.head)
            for x in f.comps:
                if x.dep_ == "dative":
                    add("dative", x)
        elif s == "dative":
            if f is not None:
                for x in f.comps:
                    if x.dep_ == "dative":
                        add("dative", x)
        elif s == "compound":
            if noun is not None:
                for x in noun.children:
                    if x.dep_ in ("compound", "poss") and x.pos_ in ("NOUN", "PROPN", "PRON"):
                        add("compound", x)
        elif s == "of":
            for o in nouns:
                fp = _find_prep("of", [o])
                if fp is not None:
                    add("of", fp[1])
        elif s == "owner":
            owners = list(nouns)
            if f is not None:
                owners += [d for d in f.dobjs if d not in owners]
                for p in f.preps:
                    q = _pobj(p)
                    if q is not None and q not in owners:
                        owners.append(q)
            for o in owners:
                got = _owner(o)
                if got is not None:
                    add("owner", got[1])
                    break
        elif s == "clause":
            if f is not None and f.ccomp is not None:
                for x in f.ccomp.children:
                    if x.dep_ in ("nsubj", "nsubjpass"):
                        add("clause", x)
                        break
        elif s == "complement":
            # "threatened to break relations with Russia": the target of the threatened act
            if f is not None and f.xcomp is not None and c.depth < 2:
                sub = _match(f.xcomp, c.lex, c.depth + 1)
                if sub is not None:
                    for r, t in sub.candidates:
                        add("complement", t)
                else:
                    xf = _Frame(f.xcomp)
                    sub_ctx = _Ctx(xf, None, None, None, c.trigger, c.lex, c.depth + 1)
                    for r, t in _targets(("dobj", "with", "to", "against", "on", "at", "from", "in"), sub_ctx):
                        add("complement", t)
        elif s == "subject":
            continue
        else:
            owners = []
            if f is not None:
                owners.append(f.verb)
            owners.extend(nouns)
            found = False
            for o in owners:
                kids = f.preps if (f is not None and o == f.verb) else o.children
                for x in kids:
                    if x.dep_ in PREP_DEPS and x.lower_ == s and x != c.via_prep:
                        p = _pobj(x)
                        if p is not None and p.pos_ not in ("VERB", "AUX"):
                            add(s, p)
                            found = True
                            break
            if not found:
                # one level down: "mobilised reservists for a war against Iraq", "a suspension of links
                # with Serbia"
                inner = []
                for o in owners:
                    kids = f.preps if (f is not None and o == f.verb) else o.children
                    for x in kids:
                        if x.dep_ in PREP_DEPS:
                            p = _pobj(x)
                            if p is not None and p.pos_ in ("NOUN", "PROPN"):
                                inner.append(p)
                fp = _find_prep(s, inner)
                if fp is not None and fp[1].pos_ not in ("VERB", "AUX"):
                    add(s, fp[1])
    return out


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
        if sub is not None and sub.category in HOSTILE:
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
