"""The frames a reporting verb takes (kb/grammar/speech_frames.yaml): a claim of nlp/claims.py
stays a quote only when its verb reports in the construction it was found in.

    X said (that) S / X believes S          a clause: verbs of speech and cognition
    X urged Y to S / X vowed to S           a to-infinitive: directives and commissives only
    X asked whether S / X explained how S   a wh-clause: questions and tellings only
    X noted the rule                        a nominal object: not 'added a second goal'

Verbs of intention, perception, discovery and physical action are never cues ("plans to run",
"saw prices double", "realized the door was locked"); a participle of asking that opens a
sentence ("Asked what he would change, ...") reports the question put to the subject, not his
words; the one asked in a passive ("was asked how ...") does not speak.

Not in the pipeline yet: PolNeAR's annotation counts intentions ("plans to", "wants to") and
findings ("found that") as attributions, so filtering the component's claims with `keeps` took
polnear-dev quotes F1 from 0.7511 to 0.7387 (precision 0.820 -> 0.848, recall 0.693 -> 0.654).
It is meant for speech-only attribution (GenderGapTracker-style): call `keeps(doc, claim)` on
the claims in QuotesComponent.match once a set scored that way says it pays.
"""
from __future__ import annotations

from spacy.tokens import Doc, Token

from ... import kb
from ..claims import Claim

NEVER_CUES = kb.words("speech_frames", "never_cues")
INFINITIVE_VERBS = kb.words("speech_frames", "infinitive_verbs")
WH_VERBS = kb.words("speech_frames", "wh_verbs")
WH_WORDS = kb.words("speech_frames", "wh_words")
NO_OBJECT_FRAME = kb.words("speech_frames", "no_object_frame")
LISTENER_VERBS = kb.words("speech_frames", "listener_verbs")

_FREE = ("according", "noun", "adjective")  # claims without a reporting verb of their own


def cue_verb(doc: Doc, c: Claim) -> Token:
    """The reporting verb of a claim: the last token of its cue ('has said' -> 'said')."""
    return doc[c.cue[1] - 1]


def wh_clause(doc: Doc, c: Claim) -> bool:
    """Does what the claim says open with a wh-word ('where ...', 'whether ...', 'how ...')?"""
    s = c.content[0]
    first = doc[s]
    if s > 0 and doc[s - 1].lower_ in ("whether", "if") and doc[s - 1].dep_ == "mark":
        return True  # the complementiser was trimmed off the content
    return first.lower_ in WH_WORDS and (first.tag_ in ("WDT", "WP", "WP$", "WRB") or first.dep_ == "mark")


def _passive(verb: Token) -> bool:
    return any(ch.dep_ in ("nsubjpass", "auxpass") for ch in verb.children)


def _infinitive_content(doc: Doc, c: Claim) -> bool:
    """Is what is said a bare to-infinitive ('to run for mayor')?"""
    s = c.content[0]
    return doc[s].lower_ == "to" and s + 1 < len(doc) and doc[s + 1].tag_ == "VB"


def keeps(doc: Doc, c: Claim) -> bool:
    """Does the claim report speech or thought in a frame its verb takes?"""
    if c.kind in _FREE:
        return True
    verb = cue_verb(doc, c)
    lemma = verb.lemma_.lower()
    if lemma in NEVER_CUES:
        return False
    asking = lemma in (WH_VERBS | INFINITIVE_VERBS) - {"say", "tell"}
    if asking and verb.tag_ == "VBN" and verb.dep_ in ("advcl", "ccomp", "npadvmod") and not any(
        ch.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass") for ch in verb.children
    ):
        return False  # "Asked what he would change, she said ...": the question put to her
    if asking and _passive(verb) and not any(ch.dep_ == "agent" for ch in verb.children):
        return False  # "was asked how ...", "was urged to ...": the one asked says nothing
    if (c.kind == "intent" or _infinitive_content(doc, c)) and lemma not in INFINITIVE_VERBS:
        return False  # "hopes to win", "is aiming to expand": an intention
    if wh_clause(doc, c) and lemma not in WH_VERBS:
        return False  # "knows where ...", "deciding who will ...": nothing said
    if c.kind == "object" and lemma in NO_OBJECT_FRAME:
        return False  # "added a second goal"
    return True
