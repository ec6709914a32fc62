"""Groups an alignment or a base describes, made actors when the article names them no other way:
"Iran-aligned groups", "Ruritania-based armed factions", the quoted "front of defiance" that a
country backs. Each becomes one actor of the article (key "made-group:<its text>"), typed by its
head noun (kb/grammar/ties.yaml `group_heads`), and like every group the events component makes,
it is dropped again when no event holds it.

    described_group(f, name_tok, head)   # "X-aligned groups": the group of X's description
    quoted_group(f, head)                # the quoted group noun phrase at `head`, if any
    opened_clause_subject(v)             # "as X-based groups exchanged fire": the groups
"""
from __future__ import annotations

from typing import Optional

from spacy.tokens import Token

from ... import kb

GROUP_HEADS = kb.table("ties", "group_heads")
ARMED_MODIFIERS = kb.words("ties", "armed_modifiers")
CLAUSE_OPENERS = kb.words("ties", "clause_openers") | kb.words("nominal", "background_marks")
HYPHENS = {"-", "\u2010", "\u2011"}
PREMODIFIER_DEPS = {"npadvmod", "amod", "compound", "punct", "cc", "conj", "nmod", "advmod"}
MAX_PREMODIFIERS = 6
QUOTE_MARKS = {"\u201c", "\u201d", '"', "``", "''", "\u2018", "\u2019"}


def group_type(head: Token) -> Optional[str]:
    """The actor type of a group the noun `head` names, or None when it names no group."""
    kind = GROUP_HEADS.get(head.lower_) or GROUP_HEADS.get(head.lemma_.lower())
    if kind is None:
        return None
    if any(c.dep_ == "amod" and c.lower_ in ARMED_MODIFIERS for c in head.children):
        return "armed_group"
    return kind


def _make(f, start: int, end: int, name: str, type_: str) -> str:
    key = f"made-group:{name.lower()}"
    a = f.registry.find(key)
    if a is not None:
        f._add_mention(a, start, end)
        return a.id
    return f._new_actor(name, type_, key, [(start, end)])


def described_group(f, name_tok: Token, head: Token) -> Optional[str]:
    """"X-aligned groups", "X-based armed factions": the words from the name to the group noun
    are the group's name (a plural group noun only: "an X-backed plan" is no group)."""
    kind = group_type(head)
    if kind is None or head.tag_ not in ("NNS", "NNPS") or head.i in f.actor_at:
        return None
    if head.i - name_tok.i > MAX_PREMODIFIERS or any(
            t.dep_ not in PREMODIFIER_DEPS or t.pos_ == "PUNCT" and t.text not in HYPHENS
            for t in f.doc[name_tok.i:head.i]):
        return None  # only the words before the noun: "X-aligned armed groups"
    span = f.doc[name_tok.i:head.i + 1]
    return _make(f, span.start, span.end, span.text, kind)


def quoted_group(f, head: Token) -> Optional[str]:
    """A group noun phrase the article puts in quotation marks, the name it goes by ("the
    “shield of the valley”"): an actor named by the quoted words."""
    if head.i in f.actor_at or group_type(head) is None:
        return None
    doc = f.doc
    left = next((c for c in head.children if c.i < head.i and c.text in QUOTE_MARKS), None)
    right = next((c for c in head.children if c.i > head.i and c.text in QUOTE_MARKS), None)
    if left is None or right is None or any(t.text in QUOTE_MARKS for t in doc[left.i + 1:right.i]):
        return None
    if right.i - left.i > 8:
        return None
    span = doc[left.i + 1:right.i]
    return _make(f, span.start, span.end, span.text, group_type(head))


def opened_clause_subject(v: Token) -> Optional[Token]:
    """The subject of a clause the parser broke: "... amid tensions as X-based groups exchanged fire
    with Y" (it read "as" as a preposition, the clause's subject as its object and the clause's
    verb as a conjunct of the main verb): the noun right before the verb, object of the opener."""
    if v.dep_ not in ("conj", "ccomp") or any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in v.children):
        return None
    doc = v.doc
    k = v.i - 1
    while k > v.sent.start and doc[k].head.i == v.i and doc[k].dep_ in ("aux", "auxpass", "neg", "advmod"):
        k -= 1
    noun = doc[k]
    while noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head.pos_ == "NOUN" and noun.head.head.i < noun.i:
        noun = noun.head.head  # "after members of the X group launched": the whole subject
    if noun.dep_ != "pobj" or noun.pos_ not in ("NOUN", "PROPN") or noun.head.dep_ != "prep":
        return None
    return noun if noun.head.lower_ in CLAUSE_OPENERS else None
