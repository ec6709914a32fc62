"""Past acts told as the time of another: the narration's background, not anyone's claim.

    if background(tok, verb): ...   # "since the army began its offensive", "when the rebels
                                    # launched a raid", "after the strikes killed a commander"

A clause of time whose verb is past and has a doer of its own dates the act around it by an act
that took place: "it has been the worst month since the army began its offensive in the north",
"the talks could collapse after raids last week killed a negotiator", "on the day the rebels
launched a raid inside the country". Whoever speaks the sentence and whatever mood its main clause
is in (a fear, a possibility, a quote), the dating act is told as what happened: asserted, in the
article's voice. Only acts of force (a war, a raid, a crackdown) date others so: a speech act in a
clause of time under "said" stays the speaker's account. Not a clause of time in the present or future ("after the army withdraws"), nor
one without its own subject ("after being warned"), nor a causal "since" or "as" with a present verb.
"""
from __future__ import annotations

from typing import Optional

from spacy.tokens import Token

from ... import kb
from .groups import opened_clause_subject

BACKGROUND_MARKS = kb.words("nominal", "background_marks")
BACKGROUND_RELATIVES = kb.words("nominal", "background_relatives")
BACKGROUND_CATEGORIES = kb.words("nominal", "background_categories")
ASIDE_RELATIVES = kb.words("nominal_sides", "aside_relatives")


def _past(v: Token) -> bool:
    """A verb told in the past: "began", "has killed", "had launched" (not "was killed", a passive
    of unknown doer, which the rule leaves to the voice of its sentence)."""
    if v.tag_ == "VBD":
        return True
    return v.tag_ == "VBN" and any(c.dep_ == "aux" and c.lemma_.lower() == "have" for c in v.children) \
        and not any(c.dep_ == "auxpass" for c in v.children)


def _time_clause(v: Token) -> bool:
    """An adverbial clause opened by a word of time ("since ...", "after ..."), or a relative clause
    of a time ("the day when ...")."""
    if v.dep_ == "advcl":
        return any(c.dep_ == "mark" and c.lower_ in BACKGROUND_MARKS for c in v.children)
    if v.dep_ == "relcl":
        return any(c.dep_ == "advmod" and c.lower_ in BACKGROUND_RELATIVES for c in v.children)
    return False


def background(tok: Token, verb: Optional[Token]) -> bool:
    """Whether the act of trigger `tok` (its verb `verb`) is a past act dating another: asserted,
    in the article's voice."""
    v = verb if verb is not None else tok
    if v.pos_ not in ("VERB", "AUX") or not _past(v) or any(c.dep_ == "neg" for c in v.children):
        return False
    if _time_clause(v):
        return any(c.dep_ == "nsubj" for c in v.children)
    return _opened_time_clause(v) or _aside(v)


def _aside(v: Token) -> bool:
    """"... to support the country, which launched an offensive on X": a relative clause set off by a
    comma, its relative pronoun the doer, tells the narration's background about the noun."""
    if v.dep_ != "relcl":
        return False
    rel = next((c for c in v.children if c.dep_ == "nsubj" and c.lower_ in ASIDE_RELATIVES), None)
    return rel is not None and rel.i > 0 and v.doc[rel.i - 1].text == ","


def _opened_time_clause(v: Token) -> bool:
    """"after members of the X group launched an attack": a clause of time the parser broke, its
    opener read as a preposition and its subject as that preposition's object."""
    subj = opened_clause_subject(v)
    return subj is not None and subj.head.lower_ in BACKGROUND_MARKS


def narrate_background(said, tok: Token, verb: Optional[Token], hit=None) -> None:
    """Tell `said` (a `reports.Voice`) that a background act of force is the article's narration,
    unless a denial or a claim of responsibility owns it. Only blows and coercion date other acts so:
    "said X left the talks after Y accused Z" stays the speaker's account of Y's words."""
    if said.denied or said.claimed_by is not None and said.sources is not None:
        return
    if getattr(hit, "category", None) not in BACKGROUND_CATEGORIES:
        return
    if background(tok, verb):
        said.narrated, said.claimed_by, said.quote, said.unsaid = True, None, None, False
