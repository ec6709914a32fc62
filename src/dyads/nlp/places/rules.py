"""Which spans are places: the model's place entities, trimmed and checked, then the gazetteer's
names the model missed, when a cue ("in X", "the town of X", "X province", "shelled X") or the
article's context makes them places."""
from __future__ import annotations

from collections import Counter
from typing import Optional

from spacy.tokens import Doc

from ...kb.names import place_key
from ..mentions import doc_words
from .context import Context, Hit
from .gazetteer import Gazetteer, stripped_key
from .words import (AREA_SUFFIXES, COMPASS, DEMONYM_ENDINGS, DETERMINERS, GENERIC_NAMES, HONORIFICS, LOC_PREPS,
                    MAX_TOKENS, NAME_LABELS, NON_PLACE_ACTORS, OF_PLACE_NOUNS, PLACE_LABELS, STOP_KEYS,
                    SUFFIX_NOUNS, TAKE_VERBS)


def find_places(doc: Doc, gaz: Gazetteer, cx: Optional[Context] = None) -> list[Hit]:
    """Place mentions: the model's place entities, then gazetteer names it missed."""
    cx = cx or Context(doc)
    covered = [False] * len(doc)
    hits: list[Hit] = []
    for ent in doc.ents:
        if ent.label_ not in PLACE_LABELS:
            continue
        hit = _entity_hit(cx, gaz, ent.start, ent.end)
        if hit is None:
            continue
        for i in range(ent.start, ent.end):
            covered[i] = True
        hits.append(hit)
    # context so far, for deciding whether a weak name is a place
    ctx = Counter(cx.actor_country)
    for h in hits:
        codes = {e.country for e, _ in h.cands}
        if len(codes) == 1 and None not in codes:
            ctx[next(iter(codes))] += 1
        for e, _ in h.cands:
            if e.kind == "country":
                ctx[e.country] += 1
    hits += _scan(cx, gaz, covered, ctx)
    hits.sort(key=lambda h: h.start)
    return hits


def _trim(doc: Doc, s: int, e: int) -> tuple[int, int]:
    while s < e and (doc[s].lower_ in DETERMINERS or (doc[s].lower_ in COMPASS and doc[s].is_lower)
                     or doc[s].is_punct or doc[s].is_space):
        s += 1
    while e > s and (doc[e - 1].tag_ == "POS" or doc[e - 1].is_punct or doc[e - 1].is_space
                     or doc[e - 1].lower_ in ("'s", "\u2019s")):
        e -= 1
    return s, e



def _entity_hit(cx: Context, gaz: Gazetteer, s: int, e: int) -> Optional[Hit]:
    doc = cx.doc
    s, e = _trim(doc, s, e)
    if s >= e:
        return None
    hit = None
    if e < len(doc) and doc[e].lower_ in SUFFIX_NOUNS:  # "Idlib province": ours, or a region named after its town
        hit = _lookup(cx, gaz, s, e + 1)
        if hit is None:
            inner = _lookup(cx, gaz, s, e)
            if inner is not None and doc[e].lower_ not in AREA_SUFFIXES:
                hit = Hit(s, e + 1, place_key(cx.words(s, e + 1)), inner.cands, suffix=doc[e].lower_)
    if hit is None:
        hit = _lookup(cx, gaz, s, e)
    if hit is None and e - s > 1 and doc[s].lower_ in COMPASS:  # "South Lebanon", "North Gaza"
        hit = _lookup(cx, gaz, s + 1, e)
    if hit is None and e - s > 1 and doc[e - 1].lower_ in SUFFIX_NOUNS:  # "Hama countryside"
        inner = _lookup(cx, gaz, s, e - 1)
        if inner is not None:
            hit = Hit(s, e, place_key(cx.words(s, e)), inner.cands, suffix=doc[e - 1].lower_)
    if hit is not None and hit.key in GENERIC_NAMES:
        return None
    actor = _actor_over(cx, s, e)
    if hit is None:
        if actor is not None and actor[2] in NON_PLACE_ACTORS:
            return None
        key = place_key(cx.words(s, e))
        if key in GENERIC_NAMES or len(key) < 3 or _demonym(gaz, key):
            return None
        if not any(t.text[:1].isupper() for t in doc[s:e]) or all(t.like_num or t.is_punct for t in doc[s:e]):
            return None
        return Hit(s, e, place_key(cx.words(s, e)), [])
    if actor is not None and actor[2] in NON_PLACE_ACTORS and actor[3]:
        return None  # a known actor that happens to share a place's name
    return hit



def _demonym(gaz: Gazetteer, key: str) -> bool:
    """'kuwaiti', 'gazan': a known place's name and a people's ending (the model's GPE for a NORP)."""
    if " " in key:
        return False
    for end in DEMONYM_ENDINGS:
        if key.endswith(end) and len(key) - len(end) >= 3:
            stem = key[: -len(end)]
            if any(k in gaz.country_keys or k in gaz.strong for k in (stem, stem + "a", stem + "e")):
                return True
    return False


def _lookup(cx: Context, gaz: Gazetteer, s: int, e: int) -> Optional[Hit]:
    words = cx.words(s, e)
    key = place_key(words)
    cands = gaz.candidates(key)
    sk = stripped_key(key)
    if sk:
        cands += [(ent, 0) for ent, _ in gaz.candidates(sk)]
    if cands and len(key) <= 5 and words.replace(".", "").isupper():  # 'PA', 'UAE': acronyms we list, not towns
        cands = [c for c in cands if c[0].kind in ("country", "curated")]
    if not cands:
        return None
    best: dict[str, tuple] = {}
    for ent, q in cands:
        if ent.id not in best or best[ent.id][1] < q:
            best[ent.id] = (ent, q)
    return Hit(s, e, key, list(best.values()))


def _actor_over(cx: Context, s: int, e: int):
    for i in range(s, e):
        if cx.actor_span[i] is not None:
            return cx.actor_span[i]
    return None


def _is_cap(tok) -> bool:
    return tok.text[:1].isupper()


def _scan(cx: Context, gaz: Gazetteer, covered: list, ctx: Counter) -> list[Hit]:
    doc = cx.doc
    n = len(doc)
    out: list[Hit] = []
    words = doc_words(doc)
    cap = [w[:1].isupper() for w in words]  # = _is_cap of each token
    i = 0
    while i < n:
        if covered[i] or not cap[i]:
            i += 1
            continue
        tok = doc[i]
        if tok.is_punct or (i > 0 and doc[i - 1].lower_.rstrip(".") in HONORIFICS):
            i += 1
            continue
        found = None
        top = min(n, i + MAX_TOKENS)
        stop = next((k for k in range(i, top) if covered[k]), top)  # spans [i, j) with j > stop overlap a place
        glued = i > 0 and words[i - 1] == "-" and doc[i - 1].whitespace_ == ""
        for j in range(top, i, -1):
            if covered[j - 1] or not cap[j - 1]:
                continue
            if j > stop:
                continue
            if glued or (j < n and words[j] in ("-", "\u2013") and doc[j - 1].whitespace_ == ""):
                continue  # part of a hyphenated word: "pro-Syria", "Syria-based"
            hit = _lookup(cx, gaz, i, j)
            if hit is not None and _accept(cx, gaz, hit, ctx):
                found = hit
                break
        if found is None:
            i += 1
            continue
        j = found.end
        if j < n and doc[j].lower_ in SUFFIX_NOUNS:
            whole = _lookup(cx, gaz, found.start, j + 1)
            if whole is not None:
                found = whole
            elif doc[j].lower_ not in AREA_SUFFIXES:
                found = Hit(found.start, j + 1, place_key(cx.words(found.start, j + 1)), found.cands, suffix=doc[j].lower_)
        out.append(found)
        for k in range(found.start, found.end):
            covered[k] = True
        i = found.end
    return out


def _accept(cx: Context, gaz: Gazetteer, hit: Hit, ctx: Counter) -> bool:
    """Whether a gazetteer name the model did not label as a place is one here."""
    doc = cx.doc
    s, e = hit.start, hit.end
    if hit.key in STOP_KEYS:
        return False
    strong = hit.key in gaz.strong
    cue = _cue(doc, s, e)
    if doc[s].tag_ not in ("NNP", "NNPS") and not (strong and cue):
        return False  # 'Aleppo' tagged as an adjective still counts in 'Aleppo airport'
    person_exact = False
    for k in range(s, e):
        t = doc[k]
        if t.ent_type_ and t.ent_type_ in NAME_LABELS:
            span = cx.ent_at(k)
            if span is None:
                continue
            es, ee = _trim(doc, span.start, span.end)
            if es < s or ee > e:
                return False  # part of a longer name: "University of Aleppo", "Bank of England"
            person_exact = person_exact or span.label_ == "PERSON"
    actor = _actor_over(cx, s, e)
    if actor is not None and actor[2] in NON_PLACE_ACTORS:
        if actor[0] < s or actor[1] > e or actor[3]:
            return False  # inside an actor's name, or a known actor of that name
        person_exact = person_exact or actor[2] == "person"
    if not cue and _in_longer_name(doc, s, e):
        return False  # 'Web Summit', 'Accuracy in Media', 'US President'
    # a little-known namesake needs more than its country's being in the article
    in_context = any(ent.country and ctx.get(ent.country, 0) > 0 and (ent.kind == "curated" or (q >= 1 and ent.fame >= 15))
                     for ent, q in hit.cands)
    is_country = any(ent.kind == "country" for ent, _ in hit.cands)
    if person_exact:  # 'Palmyra' or 'Warren' read as a person's name
        curated = any(ent.kind == "curated" for ent, _ in hit.cands)
        return is_country or cue or (curated and in_context)
    return strong or cue or in_context


def _in_longer_name(doc: Doc, s: int, e: int) -> bool:
    """A capitalised word just before or after (not opening a sentence, not a suffix noun)."""
    if s > 0:
        t = doc[s - 1]
        if _is_cap(t) and not t.is_sent_start and not t.is_punct and t.lower_ not in COMPASS:
            return True
    if e < len(doc):
        t = doc[e]
        if _is_cap(t) and not t.is_punct and t.lower_ not in SUFFIX_NOUNS and t.tag_ in ("NNP", "NNPS"):
            return True
    return False


def _cue(doc: Doc, s: int, e: int) -> bool:
    """Words around a name that make it a place: 'in X', 'the town of X', 'X province', 'shelled X'."""
    k = s - 1
    while k >= 0 and (doc[k].lower_ in DETERMINERS or (doc[k].lower_ in COMPASS and doc[k].is_lower)):
        k -= 1
    if k >= 0:
        w = doc[k].lower_
        if w in LOC_PREPS:
            return True
        if w == "of" and k > 0 and doc[k - 1].lower_ in OF_PLACE_NOUNS:
            return True
    if e < len(doc) and doc[e].lower_ in SUFFIX_NOUNS:
        return True
    head = doc[e - 1].head if doc[e - 1].head.i >= e or doc[e - 1].head.i < s else doc[s].head
    if head.lemma_.lower() in TAKE_VERBS and head.i not in range(s, e):
        return True
    return False
