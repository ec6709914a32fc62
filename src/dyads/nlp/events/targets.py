"""Where an event's recipient (or source) is: the target slots of a lexicon entry read off a verb
frame or an event noun, in the entry's order.
"""
from __future__ import annotations

from .frames import _Frame, _find_prep, _owner, _pobj
from .lexicon import CLAUSE_TARGET, Entry, PREP_DEPS, TARGET_PREPS, TIME_ENTS
from .words import PLACE_TYPE_NOUNS

STATE_ENTS = {"NORP", "GPE"}  # "a Kenyan border town", "a Kenya border town"


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
    """(rule, token) for each slot of `slots` in order that finds a token; a token (or a trigger
    token, or a time) once at most; "none" ends the list."""
    out: list = []
    seen: set = set()

    def add(rule, tok):
        tok = _town_state(tok)
        if tok is not None and tok.i not in c.trigger and tok.i not in seen and tok.ent_type_ not in TIME_ENTS:
            seen.add(tok.i)
            out.append((rule, tok))

    # nouns whose own prepositions may hold the target: the trigger noun, else the verb's objects,
    # and the object of the entry's preposition ("called for sanctions against X")
    nouns = [c.noun] if c.noun is not None else (list(c.f.dobjs) if c.f is not None else [])
    if c.pnoun is not None:
        nouns.append(c.pnoun)
    for s in slots:
        if s == "none":
            break
        if s in ("noun", "pobj"):
            # the object itself is the recipient: "hired combatants from the clan", "brought in fighters";
            # or the object of the entry's preposition: "fought in pro-regime militias"
            tok = c.carrier if s == "noun" else c.pnoun
            if tok is not None and tok.i not in seen:
                seen.add(tok.i)
                out.append((s, tok))
        elif s != "subject":
            _SLOTS.get(s, _prep_slot)(s, c, nouns, add)
    return out


def _town_state(tok):
    """"rockets at Kiryat, a Kenyan border town", "a strike on the Kenyan capital's district of X": the
    state the apposition or the possessor says the town belongs to."""
    if tok is None:
        return None
    for c in tok.children:
        if c.dep_ == "appos" and c.lemma_.lower() in PLACE_TYPE_NOUNS:
            m = _state_modifier(c)
            if m is not None:
                return m
        # "the Kenyan capital's northern district of X": the state of the place it lies in
        if c.dep_ == "poss" and c.lemma_.lower() in PLACE_TYPE_NOUNS and tok.lemma_.lower() in PLACE_TYPE_NOUNS:
            m = _state_modifier(c)
            if m is not None:
                return m
    return tok


def _state_modifier(noun):
    return next((m for m in noun.children if m.dep_ in ("amod", "compound") and m.i < noun.i
                 and m.ent_type_ in STATE_ENTS), None)


def _dobj_slot(s, c: _Ctx, nouns, add) -> None:
    f = c.f
    if f is None:
        return
    if c.via_prep is not None:
        add("dobj", _pobj(c.via_prep))
    for d in f.dobjs:
        add("dobj", d)
    if f.subjpass is not None:
        add("passive", f.subjpass)
    elif f.verb.dep_ == "acl" and f.verb.tag_ == "VBN" and not f.dobjs:
        # "the militias, now blamed for atrocities", "civilians killed in the raid"
        add("passive", f.verb.head)
    _dative_slot(s, c, nouns, add)


def _dative_slot(s, c: _Ctx, nouns, add) -> None:
    if c.f is not None:
        for x in c.f.comps:
            if x.dep_ == "dative":
                add("dative", x)


def _compound_slot(s, c: _Ctx, nouns, add) -> None:
    if c.noun is not None:
        for x in c.noun.children:
            if x.dep_ in ("compound", "poss") and x.pos_ in ("NOUN", "PROPN", "PRON"):
                add("compound", x)


def _of_slot(s, c: _Ctx, nouns, add) -> None:
    for o in nouns:
        fp = _find_prep("of", [o])
        if fp is not None:
            add("of", fp[1])


def _owner_slot(s, c: _Ctx, nouns, add) -> None:
    owners = list(nouns)
    if c.f is not None:
        owners += [d for d in c.f.dobjs if d not in owners]
        for p in c.f.preps:
            q = _pobj(p)
            if q is not None and q not in owners:
                owners.append(q)
    for o in owners:
        got = _owner(o)
        if got is not None:
            add("owner", got[1])
            break


def _pobj_owner_slot(s, c: _Ctx, nouns, add) -> None:
    """"protect the port from X's raids": the owner of the entry preposition's object only."""
    if c.pnoun is not None:
        got = _owner(c.pnoun)
        if got is not None:
            add("owner", got[1])


def _clause_slot(s, c: _Ctx, nouns, add) -> None:
    if c.f is not None and c.f.ccomp is not None:
        for x in c.f.ccomp.children:
            if x.dep_ in ("nsubj", "nsubjpass"):
                add("clause", x)
                break


def _complement_slot(s, c: _Ctx, nouns, add) -> None:
    """"threatened to break relations with Russia": the target of the threatened act."""
    from .matcher import _match  # the matcher reads targets through this module

    f = c.f
    if f is None or f.xcomp is None or c.depth >= 2:
        return
    sub = _match(f.xcomp, c.lex, c.depth + 1)
    if sub is not None:
        for r, t in sub.candidates:
            add("complement", t)
    else:
        sub_ctx = _Ctx(_Frame(f.xcomp), None, None, None, c.trigger, c.lex, c.depth + 1)
        for r, t in _targets(("dobj", "with", "to", "against", "on", "at", "from", "in"), sub_ctx):
            add("complement", t)


def _prep_slot(s: str, c: _Ctx, nouns, add) -> None:
    """The object of the preposition `s` under the verb or one of `nouns`, else one level down:
    "mobilised reservists for a war against Iraq", "a suspension of links with Serbia"."""
    f = c.f
    owners = ([f.verb] if f is not None else []) + list(nouns)
    found = False
    for o in owners:  # the first such preposition of each owner
        kids = f.preps if (f is not None and o == f.verb) else o.children
        for x in kids:
            if x.dep_ in PREP_DEPS and x.lower_ == s and x != c.via_prep:
                p = _pobj(x)
                if p is not None and p.pos_ not in ("VERB", "AUX"):
                    add(s, p)
                    found = True
                    break
    if found:
        return
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


_SLOTS = {"dobj": _dobj_slot, "dative": _dative_slot, "compound": _compound_slot, "of": _of_slot,
          "owner": _owner_slot, "powner": _pobj_owner_slot, "clause": _clause_slot, "complement": _complement_slot}
