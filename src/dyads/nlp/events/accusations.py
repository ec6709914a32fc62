"""Accusations: a speaker who says an actor does something condemnable accuses that actor."""
from __future__ import annotations

from ..doc import EventRecord
from .marks import negated
from .words import accusing_words


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
            if any(x.i in trigger_tokens for x in inside):
                continue
            lemmas = {x.lemma_.lower() for x in inside}
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
