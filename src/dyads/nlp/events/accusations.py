"""Accusations: a speaker who says an actor does something condemnable accuses that actor."""
from __future__ import annotations

from ..doc import EventRecord
from .marks import negated
from .words import accusing_words

# what describes the accused rather than what it is said to do ("Y, which fought Z for years, ...")
SUBJECT_MODIFIERS = ("relcl", "acl", "appos")
# clauses within a reported clause, which say what their own subject does
EMBEDDED = ("advcl", "relcl", "ccomp", "acl", "conj")


def accusations(f, trigger_tokens: set) -> list[EventRecord]:
    """A speaker who says an actor does something condemnable accuses that actor:
    'Darar believes that the regime is using sectarianism to conceal its intentions'.
    A report of an act the lexicon codes ("police said the rebels killed two soldiers")
    is that act, claimed by the speaker, not an accusation besides. `f`: the events finder
    (its doc, text, quotes, actors, actor_at and `_quote_at`)."""
    out = []
    words = accusing_words()
    for q in f.quotes:
        if not q.speaker or q.speaker not in f.actors:
            continue
        span = f.doc.char_span(q.start, q.end, alignment_mode="expand")
        if span is None:
            continue
        for t in span:
            if t.dep_ not in ("nsubj", "nsubjpass") or t.i not in f.actor_at:
                continue
            target = f.actor_at[t.i]
            if target == q.speaker:
                continue
            clause = t.head
            inside = [x for x in clause.subtree if span.start <= x.i < span.end]
            if any(coded_act(f, x, clause, t, target, trigger_tokens, words) for x in inside):
                continue
            lemmas = {x.lemma_.lower() for x in own_words(f, clause, inside, target)}
            if not lemmas & words or negated(clause, None):
                continue
            sent = f.doc[q.claim.cue[0]].sent if q.claim is not None else t.sent
            cue_s = f.doc[q.claim.cue[0]].idx if q.claim is not None else q.start
            cue_e = (f.doc[q.claim.cue[1] - 1].idx + len(f.doc[q.claim.cue[1] - 1].text)) if q.claim is not None else q.end
            outer = f._quote_at(cue_s, cue_e)
            out.append(EventRecord(
                category="ACCUSE", trigger=f.text[cue_s:cue_e], trigger_start=cue_s, trigger_end=cue_e,
                start=sent.start_char, end=sent.end_char, source=q.speaker, target=target,
                mode="allege", cameo="112", polarity=-1,
                claimed_by=outer.speaker if outer is not None else None, quote=q.id,
            ))
    return out


def coded_act(f, x, clause, subject, target: str, trigger_tokens: set, words=frozenset()) -> bool:
    """Whether token `x` of a reported clause is an act the lexicon codes, which the report then is
    ("police said the rebels killed two soldiers"), so that no accusation is added besides: a
    trigger that is the clause's own verb or that reaches another actor. Not a trigger in what
    describes the subject ("Y, which has fought Z for years, fomented ..."), nor a verb below the
    clause's whose act has no party of its own ("said Y was the one violating the law")."""
    if x.i not in trigger_tokens:
        return False
    if any(m.dep_ in SUBJECT_MODIFIERS and m.left_edge.i <= x.i <= m.right_edge.i for m in subject.children):
        return False
    if x == clause:
        return True
    if x.pos_ != "VERB":  # "said Y responded to the attacks": an act named by a noun is no deed of Y's,
        h = x.head        # unless Y is said to bring it about ("fomenting the protests")
        return h.lemma_.lower() not in words or h.i in trigger_tokens
    return any(f.actor_at.get(y.i) not in (None, target) for y in x.subtree)


def own_words(f, clause, inside: list, target: str) -> list:
    """The words of a reported clause that say what its subject does: not those of a clause
    within it that has a subject of its own ("Y met Z when Z's troops shelled ..."), unless that
    subject is Y again, nor one that tells what was done to its subject ("when he was killed")."""
    skip = set()
    for x in inside:
        if x != clause and x.dep_ in EMBEDDED and any(
                c.dep_ == "nsubjpass" or (c.dep_ == "nsubj" and f.actor_at.get(c.i) != target) for c in x.children):
            skip.update(y.i for y in x.subtree)
    return [x for x in inside if x.i not in skip]
