"""The PLOVER trigger lexicon: which words carry an event, and where its recipient is (matched by
`matcher.py` for verbs and `nouns.py` for light verbs and event nouns).

    lex = load_triggers()                       # kb/triggers_generated.tsv + kb/triggers_curated.yaml
    hit = match_trigger(verb_token, lex)        # matcher.py: TriggerHit or None
    hit = match_noun_trigger(noun_token, lex)   # nouns.py: "the attack on the convoy"

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

from ... import kb
from ...kb.names import singular

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
    from ...kb import names

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
