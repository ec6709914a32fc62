"""Reported speech that no verb of saying with a clause introduces: the claims `find_claims`
leaves to this module, and the reach of what an act says.

    X touted the plan in a speech                 a verb of stance with its object (and what follows it)
    X went on to discuss the polls                a verb of saying under a verb that adds no speaker
    Y forced X to admit that S                    ... or under one that makes its object speak
    X called on Y to resign                       asking with a preposition: the one asked and the act
    X's promise to cut taxes / a call by X to Z   a noun of a speech act with its infinitive
    X expressed concern that S                    a noun of claim made its subject's by a light verb

Pure functions over the Doc; the word lists are data (kb/grammar/reported_acts.yaml).
"""
from __future__ import annotations

from typing import Callable, Optional

from spacy.tokens import Doc, Token

from ... import kb
from ..claims import (
    Claim, ReportingLexicon, _cue_text, _make, _trim, _verb_claim, infinitive, narration, speaker_span, subject_of,
)
from ..mentions import token_strings

STANCE_VERBS = kb.words("reported_acts", "stance_verbs")
RAISING = kb.words("reported_acts", "raising_verbs")
OBJECT_CONTROL = kb.words("reported_acts", "object_control")
ASKING_PREPS = {k: frozenset(v) for k, v in kb.table("reported_acts", "asking_preps").items()}
ACT_NOUNS = kb.words("reported_acts", "act_nouns")
LIGHT_VERBS = kb.words("reported_acts", "light_verbs")
STANCE_PREPS = {k: frozenset(v) for k, v in kb.table("reported_acts", "stance_preps").items()}
CLAUSE_VERBS = kb.words("reported_acts", "clause_verbs")
GERUND_VERBS = kb.words("reported_acts", "gerund_verbs")
JUDGING_VERBS = kb.words("reported_acts", "judging_verbs")
FRAME_PREPS = kb.words("reported_acts", "frame_preps")
FRAME_NOUNS = kb.words("reported_acts", "frame_nouns")
ATTITUDES = {k: frozenset(v) for k, v in kb.table("reported_acts", "attitude_adjectives").items()}

_REACH_KINDS = ("act", "object")  # claims whose content is an object that what follows may go on
_REACH_DEPS = ("prep", "oprd", "xcomp", "advcl", "dative", "ccomp")


def widen(doc: Doc, claims: list[Claim]) -> list[Claim]:
    """'compared his struggles to those of Y', 'endorsed X in the race': an act's content goes
    on through the phrases of its verb that follow the object without a break."""
    out = []
    for c in claims:
        if c.kind in _REACH_KINDS and c.gap is None:
            e = _reach(doc[c.cue[1] - 1], c.content[1])
            if e > c.content[1]:
                s, e = _trim(doc, c.content[0], e)
                c = Claim(c.cue, (s, e), c.speaker, c.head, c.kind, cue_text=c.cue_text)
        out.append(c)
    return out


def _reach(verb: Token, e: int) -> int:
    for child in sorted(verb.rights, key=lambda t: t.i):
        if child.i < e:
            continue
        if child.dep_ not in _REACH_DEPS or child.left_edge.i > e or narration(child):
            break  # only what follows the object without a break
        e = child.right_edge.i + 1
    return e


def extra_claims(doc: Doc, lex: ReportingLexicon, animate: Callable[[Token], bool], claims: list[Claim]) -> list[Claim]:
    """The claims of the constructions above, for cue words no claim of `find_claims` took."""
    taken = {t for c in claims for t in range(*c.cue)}
    words = STANCE_VERBS | lex.claim_verbs | ACT_NOUNS | lex.nouns | frozenset(ASKING_PREPS) | frozenset(STANCE_PREPS) \
        | CLAUSE_VERBS | GERUND_VERBS | JUDGING_VERBS
    out = []
    for i, lemma in enumerate(token_strings(doc, "LEMMA")):
        lemma = lemma.lower()
        if (lemma not in words and doc[i].lower_ not in ATTITUDES) or i in taken:
            continue
        tok = doc[i]
        c = None
        if tok.lower_ in ATTITUDES and tok.dep_ in ("acomp", "xcomp", "oprd") or tok.lower_ in ATTITUDES and tok.tag_ == "VBN":
            c = _attitude(tok, lex)
        elif tok.pos_ == "VERB" and not (tok.dep_ == "acl" and tok.tag_ == "VBN"):
            c = _verb(tok, lemma, lex)
        elif tok.pos_ == "NOUN":
            c = _act_noun(tok, lemma) or _light_noun(tok, lemma, lex)
        if c is None or c.head is None or c.content[1] - c.content[0] < 2 or not animate(doc[c.head]):
            continue
        out.append(c)
    cued = {doc[t].sent.start for t in taken}
    for sent in doc.sents:
        if sent.start not in cued:
            c = _frame(doc, sent)
            if c is not None:
                out.append(c)
    return widen(doc, out)


def _frame(doc: Doc, sent) -> Optional[Claim]:
    """'In the latest poll, X leads by two points', 'By one estimate, S', 'According to X, S':
    a sentence with no cue of its own opening with its source before a comma."""
    i = sent.start
    while i < sent.end and (doc[i].is_punct or doc[i].is_space):
        i += 1
    if i + 2 >= sent.end:
        return None
    according = doc[i].lower_ == "according" and doc[i + 1].lower_ == "to"
    if not according and doc[i].lower_ not in FRAME_PREPS:
        return None
    comma = next((t.i for t in doc[i + 1 : min(sent.end, i + 16)] if t.text == ","), None)
    if comma is None or comma - i < 2:
        return None
    start = i + (2 if according else 1)
    source = doc[start:comma]
    if not according and not any(t.lower_ in FRAME_NOUNS and t.pos_ == "NOUN" for t in source):
        return None
    if any(t.pos_ in ("VERB", "AUX") for t in source):
        return None  # a clause, not a source ("In saying so, ...")
    s, e = _trim(doc, comma + 1, sent.end)
    if e - s < 3 or not according and not any(t.pos_ in ("VERB", "AUX") for t in doc[s:e]):
        return None
    head = source.root
    return Claim((i, start), (s, e), (start, comma), head.i, "according", cue_text=doc[i:start].text)


def _verb(tok: Token, lemma: str, lex: ReportingLexicon) -> Optional[Claim]:
    if infinitive(tok):
        return _raised(tok, lemma, lex)
    if lemma in lex.speech or lemma in lex.acts or lemma in STANCE_VERBS:
        c = _passive(tok)
        if c is not None:
            return c
    if lemma in ASKING_PREPS:
        c = _asking(tok, lemma, lex)
        if c is not None:
            return c
    if lemma in CLAUSE_VERBS:
        clause = _that_clause(tok)
        if clause is not None:
            return _make(tok, (clause.left_edge.i, clause.right_edge.i + 1), "speech", lex)
    if lemma in GERUND_VERBS:
        ger = next((c for c in tok.children if c.dep_ in ("xcomp", "dobj", "ccomp") and c.tag_ == "VBG" and c.i > tok.i), None)
        if ger is not None:
            return _make(tok, (ger.left_edge.i, _reach(tok, ger.right_edge.i + 1)), "act", lex)
    if lemma in STANCE_VERBS or lemma in lex.acts:
        c = _stance(tok, lex)
        if c is not None:
            return c
    if lemma in JUDGING_VERBS:
        c = _stance(tok, lex)
        if c is not None and any(t.dep_ == "prep" and t.lower_ == "as" and t.head.i == tok.i for t in tok.doc[c.content[0] : c.content[1]]):
            return c
    if lemma in STANCE_PREPS:
        return _on_what(tok, tok, STANCE_PREPS[lemma], "topic", lex)
    return None


def _on_what(tok: Token, verb: Token, preps: frozenset, kind: str, lex: ReportingLexicon) -> Optional[Claim]:
    """'voted against the bill', 'were worried about the shift': the object of the preposition
    naming what a side is taken on, with the subject of `verb` as the one taking it."""
    if any(c.dep_ == "prt" and c.lower_ not in preps for c in tok.children):
        return None  # another verb: "broke out", "spoke up"
    prep = next((c for c in tok.children if c.dep_ in ("prep", "prt") and c.lower_ in preps and c.i > tok.i), None)
    pobj = next((g for g in prep.children if g.dep_ in ("pobj", "pcomp")), None) if prep is not None else None
    if pobj is None:
        return None
    cue = (min(verb.i, tok.i), prep.i + 1)
    return _named(tok.doc, _make(verb, (pobj.left_edge.i, _reach(tok, pobj.right_edge.i + 1)), kind, lex, cue=cue))


def _named(doc: Doc, c: Optional[Claim]) -> Optional[Claim]:
    """The claim with its cue's words as its cue text ('voted against', 'called on')."""
    if c is not None:
        c.cue_text = doc[c.cue[0] : c.cue[1]].text
    return c


def _attitude(tok: Token, lex: ReportingLexicon) -> Optional[Claim]:
    """'Republicans were not worried about the shift', 'were frustrated that S': held by the
    subject of the verb the adjective completes."""
    verb = tok.head if tok.dep_ in ("acomp", "xcomp", "oprd") else tok
    clause = _that_clause(tok)
    passive = next((c for c in tok.children if c.dep_ == "nsubjpass"), None) if verb is tok else None
    if clause is not None and passive is not None:  # "X were frustrated that S"
        s, e = _trim(tok.doc, clause.left_edge.i, clause.right_edge.i + 1)
        return Claim((tok.i, tok.i + 1), (s, e), speaker_span(passive), passive.i, "adjective", cue_text=tok.text)
    if clause is not None:
        c = _make(verb, (clause.left_edge.i, clause.right_edge.i + 1), "adjective", lex, cue=(min(verb.i, tok.i), tok.i + 1))
        return _named(tok.doc, c)
    if passive is not None:
        c = _on_what(tok, tok, ATTITUDES[tok.lower_], "topic", lex)  # ("concerned about": its own subject is none)
        return None if c is None else Claim(c.cue, c.content, speaker_span(passive), passive.i, "adjective", cue_text=c.cue_text)
    return _on_what(tok, verb, ATTITUDES[tok.lower_], "adjective", lex)


def _that_clause(tok: Token) -> Optional[Token]:
    """The clause after `tok` opened by 'that' or with a subject of its own."""
    for c in tok.rights:
        if c.dep_ in ("ccomp", "advcl") and c.pos_ in ("VERB", "AUX") and any(
                g.dep_ == "mark" and g.lower_ == "that" or g.dep_ in ("nsubj", "nsubjpass") for g in c.children):
            return c
    return None


def _passive(tok: Token) -> Optional[Claim]:
    """'The levy was first reported by the Courier': the passive's subject is what the agent said."""
    subj = next((c for c in tok.children if c.dep_ == "nsubjpass" and c.i < tok.i), None)
    agent = next((c for c in tok.children if c.dep_ == "agent"), None)
    by = next((g for g in agent.children if g.dep_ == "pobj"), None) if agent is not None else None
    if subj is None or by is None or subj.pos_ == "PRON":
        return None
    s, e = _trim(tok.doc, subj.left_edge.i, subj.i + 1)
    cue = (tok.i, agent.i + 1)
    return Claim(cue, (s, e), speaker_span(by), by.i, "act", cue_text=tok.doc[cue[0] : cue[1]].text)


def _stance(tok: Token, lex: ReportingLexicon) -> Optional[Claim]:
    """'X touted the plan': the object of a verb of stance, with an animate subject."""
    obj = next((c for c in tok.children if c.dep_ == "dobj" and c.i > tok.i), None)
    if obj is None or obj.pos_ == "PRON" and obj.lower_ in lex.not_speakers:
        return None
    if _light_noun(obj, obj.lemma_.lower(), lex) is not None:
        return None  # "expressed concern that S": the noun's claim
    return _make(tok, (obj.left_edge.i, _reach(tok, obj.right_edge.i + 1)), "act", lex)


def _raised(tok: Token, lemma: str, lex: ReportingLexicon) -> Optional[Claim]:
    """'went on to discuss X' (the subject's), 'forced Y to admit that S' (the object's)."""
    head = tok.head
    if tok.dep_ not in ("xcomp", "advcl") or head.i == tok.i or head.lemma_.lower() not in RAISING | OBJECT_CONTROL:
        return None
    c = _verb_claim(tok, lemma, lex) if lemma in lex.claim_verbs else None
    if c is None and (lemma in STANCE_VERBS or lemma in lex.acts):
        c = _stance(tok, lex)
    if c is None:
        return None
    if head.lemma_.lower() in OBJECT_CONTROL:
        obj = next((o for o in head.children if o.dep_ == "dobj" and o.i < tok.i), None)
        if obj is None:
            return None if head.lemma_.lower() not in RAISING else c
        return Claim(c.cue, c.content, speaker_span(obj), obj.i, c.kind, cue_text=c.cue_text)
    return c


def _asking(tok: Token, lemma: str, lex: ReportingLexicon) -> Optional[Claim]:
    """'X called on Y to resign': Y and the act asked of Y."""
    prep = next((c for c in tok.children if c.dep_ in ("prep", "prt") and c.lower_ in ASKING_PREPS[lemma] and c.i > tok.i), None)
    pobj = next((g for g in prep.children if g.dep_ in ("pobj", "dobj")), None) if prep is not None else None
    if pobj is None and prep is not None and prep.dep_ == "prt":
        pobj = next((g for g in tok.children if g.dep_ == "dobj" and g.i > prep.i), None)
    if pobj is None:
        return None
    act = next((c for c in list(tok.children) + list(pobj.children) if c.dep_ in ("xcomp", "acl", "advcl")
                and c.i > pobj.i and infinitive(c)), None)
    if act is None:
        return None
    cue = (tok.i, prep.i + 1)
    return _named(tok.doc, _make(tok, (pobj.left_edge.i, act.right_edge.i + 1), "request", lex, cue=cue))


def _holder(noun: Token) -> Optional[Token]:
    """Whose act a noun names: its possessor ('her promise'), its 'by' phrase ('a call by X'), or
    the subject of the verb it is the object of ('X made a promise to ...', 'X signed an agreement')."""
    for c in noun.children:
        if c.dep_ == "poss":
            return c
        if c.dep_ == "prep" and c.lower_ == "by":
            return next((g for g in c.children if g.dep_ == "pobj"), None)
    if noun.dep_ == "dobj" and noun.head.pos_ in ("VERB", "AUX"):
        return _subject(noun.head)
    return None


def _subject(verb: Token) -> Optional[Token]:
    return next((c for c in verb.children if c.dep_ == "nsubj"), None)


def _act_noun(tok: Token, lemma: str) -> Optional[Claim]:
    """'her promise to cut taxes', 'a call by the union to strike'."""
    if lemma not in ACT_NOUNS:
        return None
    act = next((c for c in tok.rights if c.dep_ in ("acl", "relcl") and infinitive(c)), None)
    holder = _holder(tok) if act is not None else None
    if holder is None or holder.lower_ in ("it", "this", "that", "which"):
        return None
    s, e = _trim(tok.doc, act.left_edge.i, act.right_edge.i + 1)
    if holder.i >= s and holder.i < e:
        return None
    cue = (tok.i, tok.i + 1)
    return Claim(cue, (s, e), speaker_span(holder), holder.i, "noun", cue_text=_cue_text(tok.doc, cue))


def _light_noun(tok: Token, lemma: str, lex: ReportingLexicon) -> Optional[Claim]:
    """'X expressed concern that S': a noun of claim without a possessor, object of a light verb."""
    if lemma not in lex.nouns or any(c.dep_ == "poss" for c in tok.children):
        return None
    clause = next((c for c in tok.rights if c.dep_ in ("acl", "ccomp")
                   and any(g.lower_ == "that" and g.dep_ == "mark" for g in c.children)), None)
    if clause is None:
        return None
    verb = tok.head
    if tok.dep_ == "pobj" and verb.dep_ == "prep":
        verb = verb.head
    elif tok.dep_ != "dobj":
        return None
    if verb.pos_ not in ("VERB", "AUX") or verb.lemma_.lower() not in LIGHT_VERBS:
        return None
    subj = subject_of(verb, lex)
    if subj is None:
        return None
    s, e = _trim(tok.doc, clause.left_edge.i, clause.right_edge.i + 1)
    cue = (verb.i, tok.i + 1)
    return Claim(cue, (s, e), speaker_span(subj), subj.i, "noun", cue_text=f"{verb.text} {tok.text}")
