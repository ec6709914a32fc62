"""Finding reported speech in a parsed Doc: cues, what was said, and who says it.

Pure functions over a Doc (textacy-style): `find_claims` returns `Claim`s, one
per reporting expression, each with the tokens of its content and of its
speaker. `quotes.py` pairs them with quotation marks.

    X said (that) S. / S, X said. / "S," said X.     verbs of saying, with a clause
    X believes S / X was convinced that S            thinking, adjectives of conviction
    according to X, S                                 prepositional cues
    X vowed to S / X accused Y of S                   intent with an infinitive; verbal acts
    X's claim that S                                  nouns of claims
"""
from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Optional

from spacy.tokens import Doc, Token

from .. import kb
from .mentions import token_strings

QUOTE_CHARS = set("\"\u201c\u201d\u00ab\u00bb\u201e'`\u2018\u2019")


_NEEDS_SPEAKER = {"object", "topic", "intent", "act", "adjective", "noun", "request", "naming"}


@dataclass
class Claim:
    cue: tuple[int, int]  # tokens of the reporting expression
    content: tuple[int, int]  # tokens of what is said (contiguous)
    speaker: Optional[tuple[int, int]]  # tokens of the phrase naming the speaker
    head: Optional[int]  # the speaker phrase's head token
    kind: str  # speech | belief | evidence | intent | act | according | noun | adjective
    gap: Optional[tuple[int, int]] = None  # tokens inside the content that are not said ("according to X")
    cue_text: str = ""


class ReportingLexicon:
    def __init__(self, data: dict):
        self.speech = set(data["speech"])
        self.belief = set(data["belief"])
        self.evidence = set(data["evidence"])
        self.intent = set(data["intent"])
        self.acts = set(data["verbal_acts"])
        self.adjectives = set(data["adjectives"])
        self.nouns = set(data["nouns"])
        self.according = [tuple(x) for x in data["according"]]
        self.not_speakers = set(data["not_speakers"])
        self.speaker_nouns = set(data.get("speaker_nouns") or [])
        self.no_speakers = set(data.get("no_speakers") or [])
        self.topic_verbs = set(data.get("topic_verbs") or [])
        self.requests = set(data.get("requests") or [])
        self.nominal_requests = set(data.get("nominal_requests") or [])
        self.naming = set(data.get("naming_acts") or [])
        self.topic_to = set(data.get("topic_to") or [])
        self.abstract = set(data.get("abstract_subjects") or [])
        self.topic_preps = set(data.get("topic_preps") or [])
        self.clausal = self.speech | self.belief | self.evidence
        # every verb `_verb_claim` reads: any other verb is no claim (a quick test for most verbs)
        self.claim_verbs = self.clausal | self.requests | self.intent | self.topic_verbs | self.acts


@functools.lru_cache(maxsize=1)
def load_reporting() -> ReportingLexicon:
    return ReportingLexicon(kb.data("reporting.yaml"))


# ---------------------------------------------------------------- spans


def _trim(doc: Doc, s: int, e: int) -> tuple[int, int]:
    """Drop edge punctuation, quotation marks and a leading complementiser."""
    while s < e and (doc[s].is_punct or doc[s].text in QUOTE_CHARS or doc[s].is_space):
        s += 1
    if s < e and doc[s].lower_ in ("that", "whether") and doc[s].dep_ == "mark":
        s += 1
    while s < e and (doc[s].is_punct or doc[s].text in QUOTE_CHARS or doc[s].is_space):
        s += 1
    while e > s and (doc[e - 1].is_punct and doc[e - 1].text not in ("%",) or doc[e - 1].text in QUOTE_CHARS or doc[e - 1].is_space):
        e -= 1
    return s, e


def _subtree_span(tok: Token) -> tuple[int, int]:
    return tok.left_edge.i, tok.right_edge.i + 1


def _minus(span: tuple[int, int], cut: tuple[int, int]) -> tuple[int, int]:
    """A contiguous span with a cut taken off one end (the larger remaining side)."""
    s, e = span
    cs, ce = cut
    if ce <= s or cs >= e:
        return span
    left, right = (s, cs), (ce, e)
    return left if (left[1] - left[0]) >= (right[1] - right[0]) else right


def _cue_tokens(tok: Token) -> tuple[int, int]:
    """The verb with its auxiliaries and negation: 'has said', 'was convinced'."""
    s = tok.i
    kids = {c.i for c in tok.children if c.dep_ in ("aux", "auxpass", "neg", "advmod")}
    while s - 1 in kids and not tok.doc[s - 1].is_punct:
        s -= 1
    return s, tok.i + 1


def _cue_text(doc: Doc, cue: tuple[int, int]) -> str:
    """'has said' from 'has for example said': auxiliaries, negation and the cue word."""
    last = doc[cue[1] - 1]
    keep = [t for t in doc[cue[0] : cue[1]] if t.i == last.i or t.dep_ in ("aux", "auxpass", "neg")]
    if last.dep_ in ("acomp", "attr", "oprd"):
        keep = [t for t in doc[cue[0] : cue[1]] if t.i == last.i or t.i == last.head.i or t.dep_ in ("neg",)]
    return " ".join(t.text for t in keep) if keep else doc[cue[0] : cue[1]].text


# relative pronouns: a subject that only refers back to the clause's antecedent
RELATIVES = kb.words("claims", "relatives")


def subject_of(tok: Token, lex: ReportingLexicon) -> Optional[Token]:
    """The speaker of a reporting verb: its subject, a passive's agent, the
    antecedent of a relative pronoun, or the subject of the verb it continues."""
    for _ in range(3):
        for child in tok.children:
            if child.dep_ in ("nsubj", "nsubjpass") and not (child.dep_ == "nsubjpass" and tok.tag_ == "VBN"):
                if child.lower_ in RELATIVES and tok.dep_ == "relcl":
                    return tok.head
                if child.lower_ in lex.not_speakers:
                    return None
                return child
            if child.dep_ == "agent":
                for p in child.children:
                    if p.dep_ == "pobj":
                        return p
        if tok.tag_ == "VBN" and any(c.dep_ == "mark" and c.lower_ == "as" for c in tok.children):
            # "as stated in the report, …", "as reported by the agency, …": where it was said speaks
            return next((p for c in tok.children if c.dep_ in ("prep", "agent") and c.lower_ in ("in", "by")
                         for p in c.children if p.dep_ == "pobj"), None)
        if tok.dep_ in ("conj", "xcomp", "advcl") and tok.head.i != tok.i:
            tok = tok.head
            continue
        break
    return None


def speaker_span(tok: Token) -> tuple[int, int]:
    """The phrase naming the speaker, without a relative clause or long apposition."""
    s, e = tok.left_edge.i, tok.i + 1
    for child in tok.rights:
        if child.dep_ in ("relcl", "appos", "acl", "punct") or child.text == ",":
            break
        e = child.right_edge.i + 1
    while s < tok.i and tok.doc[s].is_punct:
        s += 1
    return s, e


# ---------------------------------------------------------------- claims


# words that attribute a claim to a source ("according to", "citing", "in the words of", "quoted")
_ACCORDING_WORDS = kb.words("claims", "according_words")


def find_claims(doc: Doc, lex: ReportingLexicon, animate=None) -> list[Claim]:
    """Every reporting expression of the Doc, in text order. `animate(token)` says
    whether a subject can speak: a verb reporting by its object, a topic, an
    intent or an act needs such a subject ("the best thing is to call for ..." is
    nobody's claim); verbs with a clause of their own do not."""
    out: list[Claim] = []
    for i, (lemma, low) in enumerate(zip(token_strings(doc, "LEMMA"), token_strings(doc, "LOWER"))):
        lemma = lemma.lower()
        if not (lemma in lex.claim_verbs or lemma in lex.nouns or low in lex.adjectives or low in _ACCORDING_WORDS
                or (low[:-1] if low.endswith("s") else low) in lex.clausal):
            continue  # none of the readings below can make a claim of this word (most words)
        tok = doc[i]
        claim = None
        if tok.pos_ in ("VERB", "AUX") or tok.tag_.startswith("VB"):
            claim = _verb_claim(tok, lemma, lex)
        elif tok.tag_ in ("NNS", "NN") and tok.dep_ == "ROOT" and any(c.dep_ in ("ccomp", "relcl") for c in tok.children):
            claim = _headline_verb(tok, lex)  # "Trump claims that ...", "the rebels claim they ..." parsed as nouns

        if claim is None and tok.tag_ in ("JJ", "VBN") and tok.lower_ in lex.adjectives:
            claim = _adjective_claim(tok, lex)
        elif claim is None and tok.pos_ == "NOUN" and lemma in lex.nouns:
            claim = _noun_claim(tok, lex)
        if claim is None and tok.lower_ in _ACCORDING_WORDS:
            claim = _according_claim(doc, tok, lex)
        if claim is not None and claim.kind not in ("according", "noun", "adjective") and infinitive(tok):
            claim = None  # "plans to address ...", "refused to question ...": an intention, not a report
        if claim is not None and claim.content[1] - claim.content[0] >= 2:
            if animate is not None and claim.kind in _NEEDS_SPEAKER and (claim.head is None or not animate(doc[claim.head])):
                continue
            out.append(claim)
    return out


def infinitive(tok: Token) -> bool:
    """A to-infinitive verb ("to attack")."""
    return tok.tag_ == "VB" and any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children)


def _make(tok: Token, content: tuple[int, int], kind: str, lex: ReportingLexicon, cue=None, gap=None) -> Optional[Claim]:
    doc = tok.doc
    s, e = _trim(doc, *content)
    if e - s < 2:
        return None
    if any(c.dep_ in ("nsubj", "nsubjpass") and c.lower_ in lex.no_speakers for c in tok.children):
        return None  # "nobody knows where ..."
    subj = subject_of(tok, lex)
    span = speaker_span(subj) if subj is not None else None
    if span and s <= span[0] < e and not (gap and gap[0] <= span[0] < gap[1]):
        return None  # the "speaker" is inside what is said: a misparse
    if subj is None and kind in _NEEDS_SPEAKER:
        return None  # a promise or an accusation by nobody ("there is no denying")
    if kind in _NOUN_KINDS:
        s, e = _trim(doc, s, without_apposition(doc, s, e))
    cue = cue or _cue_tokens(tok)
    return Claim(cue, (s, e), span, subj.i if subj is not None else None, kind, gap=gap, cue_text=_cue_text(doc, cue))


def _verb_claim(tok: Token, lemma: str, lex: ReportingLexicon) -> Optional[Claim]:
    if tok.dep_ == "acl" and tok.tag_ == "VBN":
        return None  # "a ceasefire agreed in 2019": a participle describing a noun, not a report
    if lemma not in lex.claim_verbs:
        return None
    children = list(tok.children)
    if lemma in lex.clausal:
        kind = "speech" if lemma in lex.speech else ("evidence" if lemma in lex.evidence else "belief")
        # the clause after the verb first ("X noted that S"), else one before it ("S, X noted")
        for child in sorted(children, key=lambda c: (c.i < tok.i, abs(c.i - tok.i))):
            if child.dep_ == "ccomp" and (child.pos_ in ("VERB", "AUX") or any(g.lower_ == "that" and g.dep_ == "mark" for g in child.children)):
                rel = next((g for g in child.children if g.dep_ in ("nsubj", "nsubjpass") and g.lower_ in RELATIVES
                            and g.i < tok.i), None) if tok.dep_ == "relcl" else None
                if rel is not None:
                    # "the bridge, which engineers said was unsafe": the speaker and cue sit inside what is said
                    return _make(tok, (rel.i, child.right_edge.i + 1), kind, lex, gap=(rel.i + 1, tok.i + 1))
                return _make(tok, _subtree_span(child), kind, lex)
        clause = next((c for c in children if c.dep_ == "advcl" and c.i > tok.i and _said_adverbial(c)), None)
        if clause is not None:
            return _make(tok, _subtree_span(clause), kind, lex)
        # "Too often, X said, the debate is ...": the cue is a parenthesis of the main clause
        as_clause = tok.dep_ == "advcl" and any(c.lower_ == "as" and c.dep_ == "mark" for c in tok.children)
        if (tok.dep_ == "parataxis" or as_clause) and lemma in lex.clausal and tok.head.pos_ in ("VERB", "AUX"):
            # "Though X was seamless, he said, replacing Y would ..." / "Z, as his adviser pointed out, is ..."
            sent = tok.sent
            head = (sent.start, sent.end)  # "Though X was seamless, he said, replacing Y would be ...": all of it
            gap = _subtree_span(tok)
            if gap[1] >= head[1] - 1:  # the cue ends the sentence: "S, X said."
                return _make(tok, (head[0], gap[0]), "speech", lex)
            if gap[0] <= head[0]:  # the cue opens it: "As stated in the report, S."
                return _make(tok, (gap[1], head[1]), "speech", lex)
            return _make(tok, head, "speech", lex, gap=gap)
    if lemma in lex.requests and not (tok.tag_ == "VBG" and tok.dep_ in ("advcl", "xcomp")):
        # "X urged Y to Z": the request, with whom it is asked of ("..., urging them to" is the act's purpose)
        obj = next((c for c in children if c.dep_ == "dobj" and c.i > tok.i), None)
        xcomp = next((c for c in children if c.dep_ in ("xcomp", "ccomp") and obj is not None and c.i > obj.i), None)
        if obj is not None and xcomp is not None:
            return _make(tok, (obj.left_edge.i, xcomp.right_edge.i + 1), "request", lex)
        if obj is not None and lemma in lex.nominal_requests and obj.pos_ == "NOUN" and obj.ent_type_ == "":
            # "X urged restraint": the thing asked for (a person asked, with nothing to do, is no request)
            return _make(tok, _subtree_span(obj), "request", lex)
    if lemma in lex.intent:
        for child in children:
            if child.dep_ == "xcomp" and child.i > tok.i and any(g.lower_ == "to" for g in child.children):
                return _make(tok, _subtree_span(child), "intent", lex)
    acted_on = lemma in lex.acts and any(c.dep_ == "dobj" and c.i > tok.i for c in children)
    if lemma in lex.topic_verbs and not acted_on:  # 'thanked X for Y': the act on X, with what for
        for child in children:
            if child.dep_ == "prep" and child.i > tok.i and (child.lower_ in lex.topic_preps or child.lower_ == "to" and lemma in lex.topic_to):
                pobj = next((g for g in child.children if g.dep_ in ("pobj", "pcomp")), None)
                if pobj is not None and pobj.ent_type_ in ("DATE", "TIME"):
                    continue  # "spoke for about five minutes": how long, not about what
                if pobj is not None:
                    end = max(pobj.right_edge.i, max((c.right_edge.i for c in children if c.i > child.i and c.dep_ in ("prep", "advcl", "xcomp") and not narration(c)), default=0))
                    return _make(tok, (pobj.left_edge.i, _wh_conjunct_end(tok, end + 1)), "topic", lex)
    if (lemma in lex.speech or lemma in lex.evidence) and lemma not in lex.requests:
        # "X noted the rule", "polls show a close contest": what is said, named by its object
        obj = next((c for c in children if c.dep_ == "dobj" and c.i > tok.i), None)
        if obj is not None and obj.pos_ != "PRON":
            end = max(obj.right_edge.i, max((c.right_edge.i for c in children if c.i > obj.i and c.dep_ in ("prep", "advcl", "xcomp", "oprd") and not narration(c)), default=0))
            kind = "object" if lemma in lex.speech else "evidence"
            return _make(tok, (obj.left_edge.i, end + 1), kind, lex)
    if lemma in lex.naming:
        named = _named(tok, lex)
        if named is not None:
            return named
    if lemma in lex.acts:
        obj = next((c for c in children if c.dep_ == "dobj"), None)
        if obj is not None:
            s, e = _subtree_span(obj)
            for c in children:
                if c.dep_ in ("prep", "oprd", "xcomp", "advcl") and c.i > obj.i and (c.lower_ in ("of", "for", "as") or c.dep_ != "prep") and not narration(c):
                    e = max(e, c.right_edge.i + 1)
            return _make(tok, (s, e), "act", lex)
    return None


def _wh_conjunct_end(verb: Token, e: int) -> int:
    """'spoke of the legacy of racism and how the fight flowed on': a clause opened by a question
    word that the parser conjoined to the reporting verb is a second thing spoken of."""
    for c in verb.children:
        if c.dep_ == "conj" and c.i >= e and c.left_edge.i <= e + 2 and any(
                t.tag_ in ("WRB", "WP") for t in verb.doc[max(e, c.left_edge.i):c.i]):
            return c.right_edge.i + 1
    return e


_NOUN_KINDS = {"object", "act", "topic", "evidence", "request"}  # claims whose content is a noun phrase


def without_apposition(doc: Doc, s: int, e: int) -> int:
    """The end of a noun phrase's content without an apposition that closes it after a comma or
    dash ('endorsed the campaign, the latest chapter in a long feud'): the article's aside."""
    for k in range(s + 1, e - 1):
        t = doc[k]
        if t.dep_ == "appos" and t.left_edge.i > s and doc[t.left_edge.i - 1].text in (",", "-", "\u2014", "\u2013") \
                and t.right_edge.i + 1 >= e and s <= t.head.i < t.left_edge.i:
            return t.left_edge.i - 1
    return e


# words opening an adverbial clause of time or circumstance: the article's narration around a report
NARRATION_MARKS = kb.words("claims", "narration_marks")


def narration(adjunct: Token) -> bool:
    """An adverbial clause after the reporting verb that the article tells, not the speaker: one of
    time ('… after hackers struck'), or a participle after a comma ('…, further raising …')."""
    if adjunct.dep_ != "advcl":
        return False
    if any(c.dep_ == "mark" and c.lower_ in NARRATION_MARKS for c in adjunct.children):
        return True
    before = adjunct.doc[adjunct.left_edge.i - 1] if adjunct.left_edge.i > 0 else None
    return adjunct.tag_ == "VBG" and before is not None and before.text in (",", ";", "\u2014", "-", "\u2013")


def _named(tok: Token, lex: ReportingLexicon) -> Optional[Claim]:
    """'an explosion that the mayor described as an attack', 'what she called a rant': a naming verb
    whose object is a relative pronoun says its name of the thing the clause hangs on."""
    obj = next((c for c in tok.children if c.dep_ == "dobj" and (c.tag_ in ("WDT", "WP") or c.lower_ in RELATIVES)), None)
    subj = next((c for c in tok.children if c.dep_ in ("nsubj",) and c.lower_ not in RELATIVES), None)
    if obj is None or subj is None or obj.i > subj.i:
        return None
    start = tok.head.left_edge.i if tok.dep_ == "relcl" else obj.i
    end = tok.right_edge.i + 1
    # the name ends before a relative clause of its own (', where Tehran's influence has grown')
    end = next((k for k in range(tok.i + 1, end - 1) if tok.doc[k].text == "," and
                tok.doc[k + 1].tag_ in ("WDT", "WP", "WRB", "WP$")), end)
    s, e = _trim(tok.doc, start, end)
    if e - s < 3:
        return None
    cue = _cue_tokens(tok)
    return Claim(cue, (s, e), speaker_span(subj), subj.i, "naming", cue_text=_cue_text(tok.doc, cue))


# linking verbs: their complement describes the subject, it claims nothing
COPULAS = kb.words("claims", "copulas")


def _headline_verb(tok: Token, lex: ReportingLexicon) -> Optional[Claim]:
    base = tok.lower_[:-1] if tok.lower_.endswith("s") else tok.lower_
    if base not in lex.clausal:
        return None
    subj = next((c for c in tok.children if c.dep_ in ("compound", "nsubj") and c.i < tok.i and c.pos_ in ("PROPN", "NOUN", "PRON")), None)
    clause = next((c for c in tok.children if c.dep_ == "ccomp"), None)
    if clause is None:
        # "The rebels claim they hold the town": a root noun, a plural name before it and, after it, a
        # clause with a subject and a tense of its own (the verb's root reading; checked only on a root)
        clause = next((c for c in tok.children if c.dep_ == "relcl" and c.i > tok.i and _finite_clause(c)), None)
        if clause is None or subj is None or not _plural(subj) or tok.lower_ != base:
            return None
    s, e = _trim(tok.doc, *_subtree_span(clause))
    if subj is None or e - s < 2:
        return None
    return Claim((tok.i, tok.i + 1), (s, e), speaker_span(subj), subj.i, "speech", cue_text=tok.text)


def _finite_clause(verb: Token) -> bool:
    """A clause with its own subject, a tense and no relative word: "they are holding the town"."""
    subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") and c.i < verb.i), None)
    if subj is None or subj.tag_ in ("WP", "WDT") or any(c.tag_ in ("WP", "WDT") or c.lower_ == "that" for c in verb.children):
        return False
    return verb.tag_ in ("VBD", "VBZ", "VBP") or any(c.dep_ in ("aux", "auxpass") for c in verb.children)


def _said_adverbial(c: Token) -> bool:
    """'X said after the talks he would stay': a clause the parser hung on the verb of saying as an
    adverbial, with a subject and a tense of its own and no word of time or cause ('after',
    'because', 'when'), or opened by a 'that' the tagger misread as an adverb."""
    if _finite_clause(c) and not any(g.dep_ == "mark" or g.tag_ == "WRB" for g in c.children):
        return True
    return c.left_edge.lower_ == "that" and c.left_edge.dep_ != "mark" and _subject_and_tense(c)


def _subject_and_tense(verb: Token) -> bool:
    """'that Machado was …' with the 'that' misread as an adverb: a subject before the verb, a tense."""
    return any(c.dep_ in ("nsubj", "nsubjpass") and c.i < verb.i for c in verb.children) and (
        verb.tag_ in ("VBD", "VBZ", "VBP") or any(c.dep_ in ("aux", "auxpass") for c in verb.children))


def _plural(subj: Token) -> bool:
    return subj.tag_ in ("NNS", "NNPS") or (subj.tag_ == "NNP" and subj.lower_.endswith("s")) or \
        subj.lower_ in ("they", "we")


def _adjective_claim(tok: Token, lex: ReportingLexicon) -> Optional[Claim]:
    if tok.dep_ in ("acomp", "attr", "oprd") and tok.head.lemma_ not in COPULAS:
        return None  # "made sure that": not a conviction
    for child in tok.children:
        if child.dep_ in ("ccomp", "advcl") and any(g.lower_ in ("that",) or g.dep_ in ("nsubj", "nsubjpass") for g in child.children):
            head = tok.head if tok.dep_ in ("acomp", "attr", "oprd") else tok
            cue = (min(head.i, tok.i), tok.i + 1)
            passive = next((c for c in tok.children if c.dep_ == "nsubjpass"), None)
            if head is tok and passive is not None:
                # "X was convinced that ...": the one convinced holds the belief
                aux = [c.i for c in tok.children if c.dep_ == "auxpass"]
                s, e = _trim(tok.doc, *_subtree_span(child))
                cue = (min(aux + [tok.i]), tok.i + 1)
                return Claim(cue, (s, e), speaker_span(passive), passive.i, "adjective",
                             cue_text=" ".join(t.text for t in tok.doc[cue[0] : cue[1]]))
            return _make(head, _subtree_span(child), "adjective", lex, cue=cue)
    return None


def _noun_claim(tok: Token, lex: ReportingLexicon) -> Optional[Claim]:
    poss = next((c for c in tok.children if c.dep_ == "poss"), None)
    if poss is not None:
        # "the IMF's estimate of global growth", "his attacks on a former Miss Universe"
        for child in tok.children:
            if child.dep_ == "prep" and child.i > tok.i and child.lower_ in lex.topic_preps:
                pobj = next((g for g in child.children if g.dep_ in ("pobj", "pcomp")), None)
                if pobj is not None and pobj.ent_type_ in ("DATE", "TIME"):
                    continue  # "spoke for about five minutes": how long, not about what
                if pobj is not None:
                    s, e = _trim(tok.doc, pobj.left_edge.i, pobj.right_edge.i + 1)
                    if e - s >= 2:
                        return Claim((tok.i, tok.i + 1), (s, e), speaker_span(poss), poss.i, "noun", cue_text=tok.text)
    for child in tok.children:
        if child.dep_ in ("acl", "ccomp") and any(g.lower_ == "that" and g.dep_ == "mark" for g in child.children):
            s, e = _trim(tok.doc, *_subtree_span(child))
            if e - s < 2:
                return None
            if poss is None:
                return None
            return Claim((tok.i, tok.i + 1), (s, e), speaker_span(poss), poss.i, "noun", cue_text=tok.text)
    return None


def _according_claim(doc: Doc, tok: Token, lex: ReportingLexicon) -> Optional[Claim]:
    """'according to X, S' / 'S, according to X': S is the clause the phrase modifies."""
    words = [t.lower_ for t in doc[tok.i : tok.i + 4]]
    pattern = next((p for p in lex.according if tuple(words[: len(p)]) == p), None)
    if pattern is None:
        return None
    cue_end = tok.i + len(pattern)
    pobj = next((t for t in doc[tok.i : min(len(doc), cue_end + 8)] if t.dep_ == "pobj" and t.i >= cue_end - 1), None)
    if pobj is None and cue_end < len(doc):
        pobj = doc[cue_end]
    if pobj is None:
        return None
    phrase = (tok.i, pobj.right_edge.i + 1)
    clause = tok.head
    while clause.dep_ not in ("ROOT", "ccomp", "conj", "advcl", "relcl") and clause.head.i != clause.i:
        clause = clause.head
    sent = tok.sent
    content = (sent.start, sent.end) if clause.dep_ == "ROOT" else _subtree_span(clause)
    s, e = _trim(doc, *content)
    if e - s < 2:
        return None
    speaker = speaker_span(pobj)
    if phrase[1] < e and not any(t.pos_ in ("VERB", "AUX") or t.text in (";", ":") for t in doc[phrase[1]:e]):
        phrase = (phrase[0], e)  # a trailing source the parser broke up ('according to a Post-ABC poll')
        nouns = [t for t in doc[cue_end:e] if t.pos_ in ("NOUN", "PROPN")]
        if nouns:
            pobj, speaker = nouns[-1], (cue_end, e)
    gap = (phrase[0], phrase[1])
    if gap[0] <= s:  # the phrase opens the clause: cut it off instead
        s, e = _trim(doc, gap[1], e)
        gap = None
    elif gap[1] >= e:
        s, e = _trim(doc, s, gap[0])
        gap = None
    if e - s < 2:
        return None
    cue = (tok.i, cue_end)
    return Claim(cue, (s, e), speaker, pobj.i, "according", gap=gap, cue_text=doc[cue[0] : cue[1]].text)
