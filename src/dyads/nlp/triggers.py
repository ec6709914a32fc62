"""The PLOVER trigger lexicon and its matcher: which words carry an event, and where its recipient is.

    lex = load_triggers()                       # kb/triggers_generated.tsv + kb/triggers_curated.yaml
    hit = match_trigger(verb_token, lex)        # TriggerHit or None
    hit = match_noun_trigger(noun_token, lex)   # nominal events: "the attack on the convoy"

Pure functions over spaCy tokens: they read the parse (lemma, dependency labels, children) and never
change it. An entry names a verb lemma and, optionally, its particle ("bring in"), its object noun with
modifiers ("offer ... financial support"), a preposition with its object ("call for ... release"), a
complement verb ("fail to reach"); the most specific entry that matches wins. Light verbs ("launched an
attack on", "carried out a massacre against", "went on strike") take their event from the noun.

The target is returned as the token where the recipient is (`TriggerHit.target`), with the rule that
found it, and every other candidate in order of preference (`TriggerHit.candidates`): callers that
resolve tokens to actors should take the first candidate that names an actor.

Lexicon files (later ones win): the generated TSV (facts converted from PETRARCH2's CAMEO verb
dictionary by tools/build_triggers.py, MIT), the curated YAML, then any files the user passes.
"""
from __future__ import annotations

import functools
import os
from dataclasses import dataclass, field
from typing import Iterable, Optional

import yaml
from spacy.tokens import Token

from .. import kb
from ..kb.names import singular

CATEGORIES = ("AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE",
              "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT")
POLARITY = {"AGREE": 1, "SUPPORT": 1, "CONCEDE": 1, "COOPERATE": 1, "AID": 1, "RETREAT": 1,
            "CONSULT": 0, "REQUEST": 0,
            "ACCUSE": -1, "REJECT": -1, "THREATEN": -1, "PROTEST": -1, "SANCTION": -1, "MOBILIZE": -1,
            "COERCE": -1, "ASSAULT": -1}
# old PLOVER names still seen in data
ALIASES = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE", "FIGHT": "ASSAULT", "YIELD": "CONCEDE"}
NONE = "NONE"  # an entry that says: this is not an event (blocks weaker entries)

GENERATED = "triggers_generated.tsv"
CURATED = "triggers_curated.yaml"

# prepositions whose object is, by default, the recipient of the event
TARGET_PREPS = kb.ordered("triggers", "target_preps")
# prepositions that lead to a noun trigger's target, in order of preference
NOUN_TARGET_PREPS = kb.ordered("triggers", "noun_target_preps")
# categories in which "X demanded that Y do Z" / "X alleged that Y did Z" puts the target in the clause
CLAUSE_TARGET = {"REQUEST", "ACCUSE"}
# categories whose complement verb is not asserted ("agreed to withdraw", "refused to leave")
IRREALIS = {"AGREE", "REQUEST", "THREATEN", "REJECT"}
# complements that turn an intent ("vowed to ...") into a threat
HOSTILE = {"ASSAULT", "COERCE", "SANCTION", "MOBILIZE", "PROTEST", "THREATEN"}
OBJ_DEPS = {"dobj", "obj"}
COMPLEMENT_DEPS = {"oprd", "ccomp", "xcomp", "npadvmod", "attr", "acomp", "advmod", "dative"}
PREP_DEPS = {"prep", "dative", "agent"}
# prepositions that give an act's circumstances, not its content
CIRCUMSTANCE_PREPS = kb.words("triggers", "circumstance_preps")
MOD_DEPS = {"amod", "compound", "nmod", "nummod", "poss", "npadvmod"}
ACTOR_ENTS = {"NORP", "GPE", "ORG", "PERSON"}
# auxiliaries of obligation ("X must withdraw": a demand)
MUST = kb.words("triggers", "must")
ADJECTIVAL = {"amod", "compound"}
NOMINAL = {"dobj", "nsubj", "nsubjpass", "pobj", "attr", "appos"}
TIME_ENTS = {"DATE", "TIME"}
# heads that stand for their "of" object: "thousands of fighters", "dozens of rockets"
QUANTITY = kb.words("triggers", "quantity")


# ----------------------------------------------------------------------------- data

@dataclass(frozen=True)
class Entry:
    """One lexicon row. Constraints left as None/() do not constrain."""
    head: str  # verb lemma (noun lemma for noun entries)
    category: str
    mode: Optional[str] = None
    cameo: Optional[str] = None
    polarity: int = 0
    prt: Optional[str] = None
    objs: Optional[frozenset] = None
    mods: tuple = ()  # groups of alternatives: each group needs one word among the object's modifiers
    prep: Optional[str] = None
    pobjs: Optional[frozenset] = None
    comp: Optional[frozenset] = None  # lemmas one of which the complement verb (xcomp/ccomp) must have
    need: frozenset = frozenset()  # "target", "dobj", "xcomp", "ccomp", "no_ccomp", "must", "active", "passive"
    target: tuple = ()  # slots tried in order; () = defaults
    source: Optional[str] = None  # a slot holding the source instead of the subject ("from": received aid from X)
    intent: bool = False  # "vowed to": AGREE, or THREATEN when the complement is hostile
    fallback: Optional[tuple] = None  # (category, mode) when no target is found ("hired mercenaries")
    negated: Optional[str] = None  # the category when the clause is negated ("will not accept" -> REJECT)
    replace: bool = False  # a curated verb whose readings replace every generated row for it
    rank: int = 0  # 0 generated, 1 curated, 2+ user files
    order: int = 0
    origin: str = ""

    @property
    def score(self) -> int:
        s = 0
        if self.prt:
            s += 4
        if self.objs is not None:
            s += 4
        s += 3 * len(self.mods)
        if self.prep:
            s += 2
        if self.pobjs is not None:
            s += 2
        if self.comp is not None:
            s += 2
        if self.need & {"xcomp", "ccomp", "must", "dobj"}:
            s += 1
        return s

    def describe(self) -> str:
        parts = [self.head]
        if self.prt:
            parts.append(self.prt)
        if self.objs is not None:
            mods = " ".join("|".join(sorted(g)) for g in self.mods)
            parts.append("... " + (mods + " " if mods else "") + "|".join(sorted(self.objs)[:4]))
        if self.prep:
            parts.append(self.prep + (" " + "|".join(sorted(self.pobjs)[:4]) if self.pobjs else ""))
        return " ".join(parts)


@dataclass(frozen=True)
class TriggerHit:
    category: str
    mode: Optional[str]
    cameo: Optional[str]
    polarity: int
    trigger_start: int  # token index of the first word that carries the action
    trigger_end: int  # token index after the last one (exclusive)
    target: Optional[Token]  # where the recipient is (None: not found or not applicable)
    target_rule: str  # dobj passive dative noun pobj <preposition> of owner clause complement compound none subject
    candidates: tuple = ()  # ((rule, Token), ...) every target candidate found, best first
    source: Optional[Token] = None  # set only when the source is not the verb's subject (nouns; "aid from X")
    source_rule: Optional[str] = None  # "poss", "by", "from", "modifier" or None (= the verb's subject)
    tokens: tuple = ()  # token indices of the words of the trigger (may be discontinuous)
    fallback: Optional[tuple] = None  # (category, mode) to use when no target resolves to an actor
    nominal: bool = False  # a noun trigger without a verb
    entry: str = ""  # the entry that matched, for explanations
    negated_category: Optional[str] = None  # use this category if the clause is negated ("did not accept": REJECT)
    complement: Optional[int] = None  # token index of a verb whose act is only agreed, asked, threatened or
    # refused here ("agreed to withdraw", "asked X to stop", "threatened to attack"): not asserted

    @property
    def target_token(self) -> Optional[Token]:
        return self.target


@dataclass
class TriggerLexicon:
    verbs: dict = field(default_factory=dict)  # lemma -> [Entry] best first
    nouns: dict = field(default_factory=dict)  # lemma -> [Entry] best first
    light: dict = field(default_factory=dict)  # lemma -> [(prt, obj, prep)] light-verb frames
    sets: dict = field(default_factory=dict)
    forms: dict = field(default_factory=dict)  # irregular verb form -> lemma ("brought" -> "bring")
    files: tuple = ()

    def __len__(self) -> int:
        return sum(len(v) for v in self.verbs.values()) + sum(len(v) for v in self.nouns.values())

    def entries(self) -> Iterable[Entry]:
        for v in self.verbs.values():
            yield from v
        for v in self.nouns.values():
            yield from v


# ----------------------------------------------------------------------------- loading

def _scalar(x) -> str:
    # YAML 1.1 reads the bare words on/off as booleans: here they are prepositions and particles
    if x is True:
        return "on"
    if x is False:
        return "off"
    return str(x)


def _as_list(v) -> list:
    if v is None or v == "":
        return []
    if isinstance(v, (list, tuple, set, frozenset)):
        return [_scalar(x) for x in v]
    return [_scalar(v)]


def _words(values, sets: dict) -> Optional[frozenset]:
    """Cell or YAML value -> a set of lowercase words, '&NAME' expanded; None for no constraint."""
    out = set()
    items = []
    for v in _as_list(values):
        items.extend(v.split("|") if isinstance(v, str) else [v])
    if not items:
        return None
    for it in items:
        it = it.strip()
        if not it:
            continue
        if it.startswith(("&", "$")):
            name = it[1:].upper()
            if name not in sets:
                raise ValueError(f"unknown word set {it!r}")
            out.update(sets[name])
        else:
            w = it.lower()
            out.add(w)
            out.add(singular(w))
    return frozenset(out)


def _category(cat: str, where: str) -> str:
    c = str(cat).strip().upper()
    c = ALIASES.get(c, c)
    if c not in CATEGORIES and c != NONE:
        raise ValueError(f"{where}: unknown PLOVER category {cat!r}")
    return c


def _fallback(v) -> Optional[tuple]:
    if not v:
        return None
    cat, _, mode = str(v).partition("/")
    return (_category(cat, "fallback"), mode or None)


def _make(head: str, cat: str, *, mode=None, cameo=None, pol=None, prt=None, objs=None, mods=(), prep=None,
          pobjs=None, comp=None, need=(), target=(), source=None, intent=False, fallback=None, negated=None,
          replace=False, rank=0, order=0, origin="") -> Entry:
    polarity = POLARITY.get(cat, 0) if pol is None else int(pol)
    return Entry(head=head, category=cat, mode=mode or None, cameo=str(cameo) if cameo else None, polarity=polarity,
                 prt=prt or None, objs=objs, mods=tuple(mods), prep=prep or None, pobjs=pobjs, comp=comp,
                 need=frozenset(need), target=tuple(target), source=source or None, intent=bool(intent),
                 fallback=fallback, negated=negated, replace=bool(replace), rank=rank, order=order, origin=origin)


def _read_tsv(path: str, rank: int, sets: dict, forms: dict) -> list[tuple[str, Entry]]:
    rows = []
    with open(path, encoding="utf-8") as f:
        lines = f.read().splitlines()
    for line in lines:
        if line.startswith("&"):
            name, _, words = line.partition("\t")
            sets[name[1:].upper()] = frozenset(w for w in words.split("|") if w)
        elif line.startswith("@"):
            form, _, lemma = line[1:].partition("\t")
            if form and lemma:
                forms[form.strip().lower()] = lemma.strip().lower()
    for n, line in enumerate(lines, 1):
        if not line.strip() or line.startswith(("#", "&", "@")):
            continue
        cells = line.split("\t") + [""] * 11
        verb, prt, obj, mod, prep, pobj, cat, mode, cameo, target = (c.strip() for c in cells[:10])
        if not verb or not cat:
            continue
        where = f"{os.path.basename(path)}:{n}"
        mods = tuple(frozenset({m, singular(m)}) for m in mod.split()) if mod else ()
        targets = tuple(t for t in target.split("|") if t) if target else ()
        e = _make(verb.lower(), _category(cat, where), mode=mode, cameo=cameo, prt=prt, objs=_words(obj, sets),
                  mods=mods, prep=prep, pobjs=_words(pobj, sets), target=targets, rank=rank, order=n, origin=where)
        rows.append(("verb", e))
    return rows


# verb particles a phrasal trigger may end with ("carry out", "step up")
PARTICLES = kb.words("triggers", "particles")


def _read_yaml(path: str, rank: int, sets: dict, light: dict) -> list[tuple[str, Entry]]:
    with open(path, encoding="utf-8") as f:
        data = yaml.load(f, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)) or {}
    for name, words in (data.get("sets") or {}).items():
        ws = set()
        for w in words:
            w = str(w)
            if w.startswith(("&", "$")):
                ws.update(sets[w[1:].upper()])
            else:
                ws.add(w.lower())
                ws.add(singular(w.lower()))
        sets[str(name).upper()] = frozenset(ws)
    for frame in data.get("light_verbs") or []:
        words = str(frame).lower().split()
        verb, rest = words[0], words[1:]
        prt = prep = obj = None
        if len(rest) == 1:
            if rest[0] in PARTICLES:
                prt = rest[0]
            else:
                prep = rest[0]
        elif len(rest) == 2:
            obj, prep = rest
        light.setdefault(verb, [])
        if (prt, obj, prep) not in light[verb]:
            light[verb].append((prt, obj, prep))
    rows = []
    for kind in ("verbs", "nouns"):
        for n, item in enumerate(data.get(kind) or [], 1):
            where = f"{os.path.basename(path)}:{kind}[{n}]"
            heads = _as_list(item.get("verb" if kind == "verbs" else "noun"))
            if not heads or "cat" not in item:
                raise ValueError(f"{where}: an entry needs {'verb' if kind == 'verbs' else 'noun'} and cat")
            cat = _category(item["cat"], where)
            mods = ()
            if item.get("mod"):
                mods = (_words(item["mod"], sets),)
            preps = _as_list(item.get("prep")) or [None]
            prts = _as_list(item.get("prt")) or [None]
            target = _as_list(item.get("target"))
            for h in heads:
                for prep in preps:
                    for prt in prts:
                        e = _make(h.lower(), cat, mode=item.get("mode"), cameo=item.get("cameo"), pol=item.get("pol"),
                                  prt=prt, objs=_words(item.get("obj"), sets), mods=mods, prep=prep,
                                  pobjs=_words(item.get("pobj"), sets), comp=_words(item.get("comp"), sets),
                                  need=_as_list(item.get("need")), target=target, source=item.get("source"),
                                  intent=item.get("intent", False), fallback=_fallback(item.get("fallback")),
                                  negated=_category(item["neg"], where) if item.get("neg") else None,
                                  replace=item.get("replace", False), rank=rank, order=n, origin=where)
                        rows.append(("verb" if kind == "verbs" else "noun", e))
    return rows


def _shadows(hi: Entry, lo: Entry) -> bool:
    """A hand-written entry silences weaker-ranked entries of the same verb that code something else
    for the same reading: with an object or particle, the rows with that object or particle (the
    curated 'offer ... support' wins over the dictionary's 'offer support (to)'); a bare verb, the rows
    that only add a preposition ('negotiate with'); a `replace` entry, every row of the verb."""
    if lo.rank >= hi.rank or lo.head != hi.head:
        return False
    if hi.replace:
        return True
    if lo.category == hi.category:
        return False
    if hi.objs is not None:
        return lo.objs is not None and bool(lo.objs & hi.objs) and lo.prt == hi.prt
    if hi.prt is not None:
        return lo.prt == hi.prt
    if hi.prep is None and not hi.need and hi.comp is None:
        return lo.objs is None and lo.prt is None and lo.pobjs is None and lo.comp is None
    return False


def build_lexicon(paths: Iterable[str]) -> TriggerLexicon:
    lex = TriggerLexicon(files=tuple(paths))
    rows: list[tuple[str, Entry]] = []
    sets: dict = {}
    for rank, path in enumerate(lex.files):
        if path.endswith((".tsv", ".txt")):
            rows.extend(_read_tsv(path, rank, sets, lex.forms))
        else:
            rows.extend(_read_yaml(path, rank, sets, lex.light))
    lex.sets = sets
    for kind, e in rows:
        (lex.verbs if kind == "verb" else lex.nouns).setdefault(e.head, []).append(e)
    for table in (lex.verbs, lex.nouns):
        for head, entries in table.items():
            strong = [e for e in entries if e.rank > 0]
            if strong:
                entries = [e for e in entries if not any(_shadows(h, e) for h in strong)]
            entries.sort(key=lambda e: (-e.score, -e.rank, e.order))
            table[head] = entries
    return lex


@functools.lru_cache(maxsize=8)
def _load(extra: tuple) -> TriggerLexicon:
    from ..kb import names

    # the bundled files, the user's overlay files of the same names (read like extra files), then `extra`
    paths = [kb.path(GENERATED), kb.path(CURATED)]
    paths.extend(p for p in (kb.overlay_path(GENERATED), kb.overlay_path(CURATED)) if p)
    paths.extend(str(p) for p in extra)
    # built once on disk across processes; the hash covers this module and names.py, which build it
    return kb.cached("triggers", (LEXICON_CACHE_VERSION, tuple(paths)), [__file__, names.__file__, *paths],
                     lambda: build_lexicon(paths), _lexicon_state, _lexicon_from_state)


LEXICON_CACHE_VERSION = 1


def _entry_fields() -> tuple:
    import dataclasses

    return tuple(f.name for f in dataclasses.fields(Entry))


def _lexicon_state(lex: TriggerLexicon) -> tuple:
    """The built lexicon as plain tuples and dicts (equal word sets shared): quick to unpickle."""
    names = _entry_fields()
    shared: dict = {}

    def one(v):
        if type(v) in (frozenset, tuple) and all(type(x) is str for x in v):
            return shared.setdefault(v, v)
        return v

    tables = tuple({head: [tuple(one(getattr(e, n)) for n in names) for e in entries] for head, entries in table.items()}
                   for table in (lex.verbs, lex.nouns))
    return (names, tables, lex.light, lex.sets, lex.forms, lex.files)


def _lexicon_from_state(state) -> Optional[TriggerLexicon]:
    """The lexicon back from `_lexicon_state`; None if the state is not one."""
    if state is None:
        return None
    try:
        names, (verbs, nouns), light, sets, forms, files = state
        if tuple(names) != _entry_fields():
            return None
        new = object.__new__

        def entry(row) -> Entry:
            if hasattr(Entry, "__slots__"):
                return Entry(*row)
            e = new(Entry)  # the fields as saved, without the frozen class's per-field setattr
            e.__dict__.update(zip(names, row))
            return e

        return TriggerLexicon(verbs={h: [entry(r) for r in rows] for h, rows in verbs.items()},
                       nouns={h: [entry(r) for r in rows] for h, rows in nouns.items()},
                       light=light, sets=sets, forms=forms, files=tuple(files))
    except Exception:  # noqa: BLE001 - a bad cache: build anew
        return None


def load_triggers(extra_files: Iterable[str] = ()) -> TriggerLexicon:
    """The trigger lexicon: kb/triggers_generated.tsv, kb/triggers_curated.yaml, then `extra_files`
    (YAML in the curated format or TSV in the generated one; later files win). Cached."""
    return _load(tuple(str(p) for p in (extra_files or ())))


# ----------------------------------------------------------------------------- matching helpers

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
            lh = _light(frame, lex, light, depth)
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
        return _light(frame, lex, light, depth)
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

def intent_category(category: str) -> str:
    """PLOVER codes an announced intent by its direction, not its act: 'will provide aid' and 'agreed
    to withdraw' are AGREE, 'will boycott' and 'would withdraw its force unless' are THREATEN. For
    callers that find an event under a future/intent modality."""
    if POLARITY.get(category, 0) > 0 or category in ("CONSULT",):
        return "AGREE"
    if category in HOSTILE or category == "REJECT":
        return "THREATEN"
    return category


def polarity_of(category: str) -> int:
    return POLARITY.get(ALIASES.get(category, category), 0)
