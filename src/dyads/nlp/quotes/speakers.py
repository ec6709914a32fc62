"""Who speaks: a claim's speaker phrase resolved to an actor of the actors component.

A name, a surname or a pronoun covered by an actor mention is that actor; an apposition
("the spokesman, Karim Nasser, said") or a group named in the phrase ("Hamas officials
said") names it; a person known only by description ("a source", "one of the witnesses")
becomes an actor of its own through the actor registry.
"""
from __future__ import annotations

from typing import Optional

from spacy.tokens import Doc

from ... import kb
from .. import spanrows
from ..actors import SPAN_KEY
from ..claims import Claim
from ..doc import ActorRegistry, QuoteInfo
from ..mentions import Cand
from .spans import end_char

# pronouns that cannot speak, promise or accuse
NOT_SPEAKERS = kb.words("quotes", "not_speakers")
# quantifiers before "of" whose noun is the speaker ("one of the witnesses")
QUANTIFIERS = kb.words("quotes", "quantifiers")
# determiners stripped from a speaker's description
DETERMINERS = kb.words("quotes", "determiners")


def person_nouns() -> set[str]:
    """Nouns of persons and communities in `kb/agents.tsv`, singular and plural."""
    out = set()
    for row in kb.rows("agents.tsv"):
        if row.get("type") in ("person", "community"):
            out.add(row["term"])
            out.update(p for p in (row.get("plural") or "").split("|") if p)
    return out


def set_speaker(doc: Doc, q: QuoteInfo, c: Claim, persons: set[str]) -> None:
    """The claim's speaker on the quote: its words, characters and actor."""
    if c.speaker is None or c.head is None:
        return
    s, e = c.speaker
    q.speaker_text = doc[s:e].text
    q.speaker_chars = (doc[s].idx, end_char(doc, e))
    q.speaker = actor_for(doc, c.head, (s, e), persons)


def actor_for(doc: Doc, head: int, span: tuple[int, int], persons: set[str]) -> Optional[str]:
    """The id of the actor the speaker phrase `span` (headed by `head`) names, or None."""
    covering = spanrows.covering(doc, SPAN_KEY, head)
    if covering:
        return covering[0].label_
    # "the spokesman, Karim Nasser, said": the apposition names the speaker
    for child in doc[head].children:
        if child.dep_ == "appos":
            covering = spanrows.covering(doc, SPAN_KEY, child.i)
            if covering:
                return covering[0].label_
    # "Hamas officials said", "some opposition figures": a group named in the phrase speaks
    inner = spanrows.within(doc, SPAN_KEY, span[0], span[1])
    actors = {a.id: a for a in (doc._.dyads_actors or [])} if inner else {}
    for m in inner:
        a = actors.get(m.label_)
        if a is not None and a.type != "person" and doc[m.end - 1].head.i == head:
            return m.label_
    tok = doc[head]
    noun = tok
    if tok.lower_ in QUANTIFIERS:
        noun = next((p for c in tok.children if c.dep_ == "prep" and c.lower_ == "of" for p in c.children if p.dep_ == "pobj"), tok)
    if noun.lemma_.lower() in persons or noun.lower_ in persons:
        return description_actor(doc, span)
    return None


def description_actor(doc: Doc, span: tuple[int, int]) -> str:
    """A speaker known only by description becomes an actor of its own."""
    s, e = span
    while s < e and doc[s].lower_ in DETERMINERS:
        s += 1
    name = doc[s:e].text
    registry = ActorRegistry(doc)
    key = "speaker:" + name.lower()
    a = registry.find(key) or registry.make(name, "person", key, index=len(registry.actors))
    registry.add_mention(a, Cand(s, e, "desc", type="person", role="speaker", actor=a.index))
    return a.id
