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
from ..claims import RELATIVES, Claim, speaker_span
from ..doc import ActorRegistry, QuoteInfo
from ..kb import load_kb
from ..mentions import Cand, capital_of
from .spans import end_char

# pronouns that cannot speak, promise or accuse
NOT_SPEAKERS = kb.words("quotes", "not_speakers")
# quantifiers before "of" whose noun is the speaker ("one of the witnesses")
QUANTIFIERS = kb.words("quotes", "quantifiers")
# determiners stripped from a speaker's description
DETERMINERS = kb.words("quotes", "determiners")
# pronouns that may stand for a group, an institution or a country ("it blamed ...")
GROUP_PRONOUNS = kb.words("quotes", "group_pronouns")
# heads naming a text or a channel ("a statement read", "polls show"): no actor of their own
DOCUMENT_NOUNS = kb.words("speaker_actors", "document_nouns")


def person_nouns() -> set[str]:
    """Nouns of persons and communities in `kb/agents.tsv`, singular and plural."""
    return set(kb.person_agent_nouns())


def set_speaker(doc: Doc, q: QuoteInfo, c: Claim, persons: set[str]) -> None:
    """The claim's speaker on the quote: its words, characters and actor."""
    if c.speaker is None or c.head is None:
        if not _pronoun_speaker(doc, q, c):
            participle_speaker(doc, q, c, persons)
        return
    s, e = c.speaker
    q.speaker_text = doc[s:e].text
    q.speaker_chars = (doc[s].idx, end_char(doc, e))
    q.speaker = actor_for(doc, c.head, (s, e), persons)
    if q.speaker is not None:
        relative_mention(doc, c, q.speaker)


def relative_mention(doc: Doc, c: Claim, actor: str) -> None:
    """'Kamin, who said ...', 'the union, which argued ...': the relative pronoun that is the
    reporting verb's subject is one more mention of the speaker it stands for."""
    tok = doc[c.cue[1] - 1]
    for _ in range(3):
        rel = next((ch for ch in tok.children if ch.dep_ == "nsubj" and ch.lower_ in RELATIVES), None)
        if rel is not None:
            break
        if tok.dep_ not in ("conj", "xcomp") or tok.head.i == tok.i:
            return
        tok = tok.head
    if rel is None or tok.dep_ != "relcl" or spanrows.covering(doc, SPAN_KEY, rel.i):
        return
    a = next((x for x in (doc._.dyads_actors or []) if x.id == actor), None)
    if a is not None:
        ActorRegistry(doc).add_mention(a, Cand(rel.i, rel.i + 1, "pronoun", type=a.type, actor=a.index), unique=True)


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
    if tok.dep_ == "appos" and tok.head.i < span[0]:
        covering = spanrows.covering(doc, SPAN_KEY, tok.head.i)
        if covering:
            return covering[0].label_  # "Kenya, a founding member, argued": the named one speaks
    iso = _capital(doc, head, span)
    if iso is not None:
        return country_actor(doc, iso, span)  # "according to Moscow": the state speaks
    if tok.lower_ in GROUP_PRONOUNS and span[1] - span[0] == 1:
        return group_antecedent(doc, tok)
    noun = tok
    if tok.lower_ in QUANTIFIERS:
        noun = next((p for c in tok.children if c.dep_ == "prep" and c.lower_ == "of" for p in c.children if p.dep_ == "pobj"), tok)
    if doc[span[0]].tag_ in ("WP$", "WDT", "WP"):
        return None  # "X, whose people have said ...": a relative phrase, no one of its own
    if noun.lemma_.lower() in DOCUMENT_NOUNS or noun.lower_ in DOCUMENT_NOUNS:
        return None  # "a statement said": the words stay the speaker's text; a text is no actor
    if tok.lower_ == "old" and span[1] - span[0] >= 4:
        from .discourse import age_antecedent  # (discourse imports this module)

        found = age_antecedent(doc, span)
        if found is not None:
            return found  # "the 41-year-old said": the person just named
    if noun.lemma_.lower() in persons or noun.lower_ in persons:
        from .discourse import role_antecedent  # (discourse imports this module)

        return role_antecedent(doc, noun.i, span) or description_actor(doc, span)
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


def _capital(doc: Doc, head: int, span: tuple[int, int]) -> Optional[str]:
    """The ISO code of the state whose capital (seat of government) the phrase is, or None: a
    proper name headed by the capital itself ("Moscow"), not a phrase naming people there
    ("Moscow officials", "residents of Moscow")."""
    s, e = span
    while s < e and doc[s].lower_ in DETERMINERS:
        s += 1
    if doc[head].pos_ != "PROPN" or not all(t.pos_ == "PROPN" for t in doc[s:e]):
        return None
    return capital_of(doc[s:e].text)


def country_actor(doc: Doc, iso: str, span: tuple[int, int]) -> Optional[str]:
    """The actor of the state `iso`: the article's own when it names the country, else one made
    from the knowledge base's entry, with the capital's words as its mention."""
    registry = ActorRegistry(doc)
    key = f"country:{iso}"
    a = next((a for a in registry.actors if a.kb_id == key), None)
    if a is None:
        entry = load_kb().entries.get(key)
        if entry is None:
            return None
        a = registry.make(entry.name, entry.type, "capital:" + iso, index=len(registry.actors))
        a.entry = entry
    registry.add_mention(a, Cand(span[0], span[1], "ner", type=a.type, role="government", country=iso, actor=a.index), unique=True)
    return a.id


def group_antecedent(doc: Doc, tok) -> Optional[str]:
    """'it'/'they' speaking: the group, institution or country that was the subject just before
    (in its sentence or the one before), never a person."""
    actors = {a.id: a for a in (doc._.dyads_actors or [])}
    sent = tok.sent
    start = sent.start
    for _ in range(2):
        for i in range(tok.i - 1, start - 1, -1):
            t = doc[i]
            if t.dep_ not in ("nsubj", "nsubjpass") or t.pos_ == "PRON":
                continue
            covering = spanrows.covering(doc, SPAN_KEY, i)
            a = actors.get(covering[0].label_) if covering else None
            if a is not None and a.type != "person":
                return a.id
        if start == 0:
            break
        start = doc[start - 1].sent.start
    return None


def _pronoun_speaker(doc: Doc, q: QuoteInfo, c: Claim) -> bool:
    """'It said ...': the claim takes no 'it' as speaker; the group it stands for speaks."""
    verb = doc[c.cue[0]]
    subj = next((t for t in verb.children if t.dep_ == "nsubj"), None)
    if subj is None or subj.lower_ not in GROUP_PRONOUNS:
        return False
    # the words naming the speaker stay even when no group before it is found to stand for
    q.speaker_text, q.speaker_chars, q.speaker = subj.text, (subj.idx, subj.idx + len(subj.text)), group_antecedent(doc, subj)
    return True


# how a participle hangs from the clause whose subject speaks it: '..., saying', 'began by saying',
# 'and went on, arguing'
_PARTICIPLE_CLIMB = ("advcl", "xcomp", "conj", "pcomp", "prep")
_MAX_CLIMB = 4


def participle_speaker(doc: Doc, q: QuoteInfo, c: Claim, persons: set[str]) -> None:
    """'X left the meeting, saying ...', 'X began by saying ...', 'a statement saying ...': a
    participle of saying with no subject of its own speaks for the subject of the clause it hangs
    from, or for the noun it describes."""
    subj = participle_subject(doc[c.cue[1] - 1])
    if subj is None or subj.lower_ in NOT_SPEAKERS and subj.lower_ not in GROUP_PRONOUNS:
        return
    if subj.lower_ in GROUP_PRONOUNS:
        q.speaker_text, q.speaker_chars = subj.text, (subj.idx, subj.idx + len(subj.text))
        q.speaker = group_antecedent(doc, subj)
        return
    _speaks(doc, q, subj, persons)


def participle_subject(tok) -> Optional[object]:
    """The token whose phrase speaks a participle of saying that has no subject of its own: the
    subject of the clause it hangs from (a relative's antecedent), or the noun it describes."""
    if tok.tag_ != "VBG":
        return None
    for _ in range(_MAX_CLIMB):
        if tok.dep_ == "acl" and tok.head.pos_ in ("NOUN", "PROPN"):
            return tok.head  # "a statement saying ...", "protesters chanting ..."
        if tok.dep_ not in _PARTICIPLE_CLIMB or tok.head.i == tok.i:
            return None
        tok = tok.head
        # the clause's subject, also a passive one ('After saying …, she was whisked off')
        subj = next((ch for ch in tok.children if ch.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is None:
            continue
        if subj.lower_ in RELATIVES and tok.dep_ == "relcl":
            return tok.head  # "X, who left, saying ...": the relative's antecedent
        return subj
    return None


def _speaks(doc: Doc, q: QuoteInfo, head, persons: set[str]) -> None:
    """The phrase headed by `head` is the quote's speaker."""
    s, e = speaker_span(head)
    q.speaker_text = doc[s:e].text
    q.speaker_chars = (doc[s].idx, end_char(doc, e))
    q.speaker = actor_for(doc, head.i, (s, e), persons)
