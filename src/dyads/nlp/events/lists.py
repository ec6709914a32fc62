"""Sides named by a list: a group noun whose members a list in apposition names.

    members = named_members(p, noun)    # "three countries - A, B and C - signed": [A, B, C]
    more = companions(doer)             # "the army, along with allied militias, attacked": [militias]

A plural noun of a kind of actor (`collective_heads`: countries, groups, factions ...) followed by a
list in apposition names its members, and each member takes part in what the noun does: "the
three countries, A, B and C, signed the accord", "countries that have normalised ties with X - A,
B and C". The parser often hangs such a list on the nearest noun before it ("with X - A, B and
C"): a list of two or more cannot stand in apposition to one named actor, so a list after a dash,
a colon or a bracket under a singular name inside the noun's own phrase is the noun's. Every
listed item must name an actor; otherwise the noun stands for no one listed.

`p` is the events component's finder (a `participants.Participants`).
"""
from __future__ import annotations

from typing import Optional

from spacy.tokens import Token

from ... import kb
from .words import EXAMPLE_PREPS

COLLECTIVE_HEADS = kb.words("lists", "collective_heads")
LIST_OPENERS = kb.words("lists", "list_openers")
COMPANION_WORDS = kb.words("lists", "companion_words")
MAX_REACH = 12  # words between the group noun and a list hung on a noun of its own phrase


def _collective(t: Token) -> bool:
    return t.tag_ in ("NNS", "NNPS") and (t.lemma_.lower() in COLLECTIVE_HEADS or t.lower_ in COLLECTIVE_HEADS)


def _members(p, first: Token) -> list:
    """The actors of a list's items ([] unless there are two or more and every one names an actor)."""
    items = [first] + _conjuncts(first)
    out = []
    for it in items:
        found = p._actor_of_head(it)
        if not found:
            return []
        out.extend(a for a in found if a not in out)
    return out if len(items) >= 2 else []


def _conjuncts(t: Token) -> list:
    out = []
    for c in t.children:
        if c.dep_ == "conj":
            out.append(c)
            out.extend(_conjuncts(c))
    return out


def _opened(t: Token) -> bool:
    """Whether the list item `t` follows a dash, a colon or a bracket (before its determiner)."""
    k = t.left_edge.i - 1
    return k >= 0 and t.doc[k].text in LIST_OPENERS


def _misplaced_list(noun: Token) -> Optional[Token]:
    """The first item of a list the parser hung on a singular name inside `noun`'s phrase."""
    doc = noun.doc
    end = min(noun.sent.end, noun.i + MAX_REACH)
    for k in range(noun.i + 1, end):
        t = doc[k]
        if t.dep_ != "appos" or not _opened(t) or t.head.tag_ in ("NNS", "NNPS") or t.head.i <= noun.i:
            continue
        h = t.head
        while h.i != noun.i and h.head.i != h.i and h.i > noun.i:
            if _collective(h):
                break  # a nearer group noun owns it
            h = h.head
        if h.i == noun.i:
            return t
    return None


def named_members(p, t: Token) -> list:
    """The actors a phrase names as its members: the examples of "companies such as X and Y",
    "groups including X", or a list in apposition (`listed_members`); [] when it names none."""
    for c in t.children:
        if c.dep_ == "prep" and c.lower_ in EXAMPLE_PREPS:
            pobj = next((g for g in c.children if g.dep_ == "pobj"), None)
            named = p._actors_of(pobj) if pobj is not None else []
            if named:
                return named
    return listed_members(p, t)


def listed_members(p, noun: Token) -> list:
    """The actors a list in apposition names as the members of the group noun `noun`, or []."""
    if not _collective(noun):
        return []
    for c in noun.children:
        if c.dep_ == "appos" and c.i > noun.i:
            found = _members(p, c)
            if found:
                return found
    first = _misplaced_list(noun)
    return _members(p, first) if first is not None else []


def companions(t: Token) -> list:
    """"The army, along with allied militias, attacked", "driven by militias from the hills, along with
    members of X": the phrase set off after a doer (a subject or a "by" agent) and opened by
    `companion_words` + "with" names a doer too, wherever the parser hung it. A companion of an
    object ("attacked the army, along with the police") is left alone: it may be a doer or a victim."""
    if not (t.dep_ in ("nsubj", "nsubjpass") or t.dep_ == "pobj" and t.head.lower_ == "by"):
        return []
    doc = t.doc
    k = t.right_edge.i + 1
    if k + 2 >= len(doc) or doc[k].text != "," or doc[k + 1].lower_ not in COMPANION_WORDS or doc[k + 2].lower_ != "with":
        return []
    obj = next((c for c in doc[k + 2].children if c.dep_ == "pobj"), None)
    return [obj] + _conjuncts(obj) if obj is not None else []


def breakdown(t: Token) -> bool:
    """"killed 200 Palestinians, civilians as well as fighters": plain kinds of people listed after a
    comma split the counted people before them into parts; they are no further sides. Only after the
    counted plural name of a people ("attacked Palestinians, settlers and soldiers" names three
    sides), and only bare plural nouns."""
    if t.tag_ != "NNPS" or not any(c.dep_ == "nummod" for c in t.children):
        return False
    conj = _conjuncts(t)
    if not conj or t.doc[conj[0].i - 1].text != "," or conj[0].left_edge.i != conj[0].i:
        return False
    return all(c.pos_ == "NOUN" and c.tag_ == "NNS" and c.left_edge.i == c.i for c in conj)
