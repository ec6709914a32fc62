"""Who acts in reported speech: self-reports, reporting verbs, accused actors, speakers.

    quote_over(quotes, s, e)        # the innermost quote holding [s, e), with a speaker or not
    quote_speaker(f, q)             # its speaker, or the actor its claim's speaker phrase names
    self_report(f, tok, verb, q)    # "the army said it shelled ...": the pronoun is the speaker
    not_agent(verb)                 # "condemned the bombing": the condemner did not bomb
    misplaced_agent(verb, noun)     # "called the killings by X a massacre": X, hung on the verb
    accused(f, tok, verb)           # "accused Y of arming ...", "blamed Y for the raid": Y acts
    cue_speaker(f, tok)             # the speaker of a quote whose cue is this verb

`f` is the events finder (its doc, quotes, actors and the participants' lookups).
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from typing import Optional

from spacy.tokens import Token

from ... import kb
from ..doctext import token_strings
from .speech import narrated

SELF_PRONOUNS = kb.words("denials", "self_pronouns")
FIRST_PERSON = kb.words("denials", "first_person")
NOT_SELF_NOUNS = kb.words("denials", "not_self_nouns")
NOT_AGENT_VERBS = kb.words("denials", "not_agent_verbs")
ACCUSING_VERBS = kb.words("denials", "accusing_verbs")
NAMING_VERBS = kb.words("denials", "naming_verbs")
CONDEMNING = kb.words("denials", "condemning")
NAMING_PARTICIPLES = kb.words("denials", "naming_participles")


def naming(tok: Token) -> Optional[Token]:
    """"called the remarks reckless", "described the raid as a crime": the predicate a naming
    verb gives its object, or None (a naming verb with no such predicate: "called the minister")."""
    if tok.lemma_.lower() not in NAMING_VERBS or not any(c.dep_ == "dobj" for c in tok.children):
        return None
    obj = next(c for c in tok.children if c.dep_ == "dobj")
    for c in list(tok.children) + [c for c in obj.children if c.i > obj.i]:
        if c.dep_ in ("oprd", "xcomp") and c.i > tok.i and c.pos_ not in ("VERB", "AUX") and c.head.i == tok.i:
            return c
        if c.dep_ == "prep" and c.lower_ == "as":  # on the verb, or hung on its object
            p = next((g for g in c.children if g.dep_ in ("pobj", "amod", "acomp", "pcomp")), None)
            if p is not None:
                return p  # "described it as a crime", "described it as reckless" (parsed as a modifier)
    return None


def quote_over(quotes, start: int, end: int):
    """The innermost quote that holds [start, end), whether its speaker was resolved or not."""
    starts, order, longest = _index(quotes)
    best = None
    # only a quote starting at most `longest` characters before `end` can hold [start, end)
    for k in range(bisect_left(starts, end - longest), bisect_right(starts, start)):
        q = quotes[order[k]]
        if q.start <= start and end <= q.end and (best is None or q.end - q.start < best.end - best.start):
            best = q
    return best


_INDEX: list = [None, None]  # the quotes list last indexed, and its index


def _index(quotes) -> tuple:
    """The quotes' starts in order, their places in the list, the longest quote; and each cue
    token's quote (`cue_speaker`): built once for a list of quotes."""
    if _INDEX[0] is not quotes or _INDEX[1][3] != len(quotes):
        order = sorted(range(len(quotes)), key=lambda n: quotes[n].start)
        cues = {}
        for q in quotes:
            if q.claim is not None and q.speaker:
                for i in range(q.claim.cue[0], q.claim.cue[1]):
                    cues.setdefault(i, q)
        _INDEX[0] = quotes
        _INDEX[1] = ([quotes[n].start for n in order], order, max((q.end - q.start for q in quotes), default=0),
                     len(quotes), cues)
    return _INDEX[1][:3]


def quote_speaker(f, q) -> Optional[str]:
    """The quote's speaker, or the first actor its claim's speaker phrase names ("the X umbrella
    group of armed factions said ..."), or None."""
    if q is None:
        return None
    if q.speaker:
        return q.speaker
    c = q.claim
    if c is None or c.speaker is None:
        return None
    for i in range(c.speaker[0], c.speaker[1]):
        a = f.actor_at.get(i)
        if a is not None:
            return a
    return None


def _self_pronoun(subj: Token) -> Optional[Token]:
    """The pronoun by which a subject names the speaker: "it", "they", "we"; "its forces",
    "our fighters" (not "its allies")."""
    if subj.pos_ == "PRON":
        return subj if subj.lower_ in SELF_PRONOUNS else None
    if subj.lower_ in NOT_SELF_NOUNS or subj.lemma_.lower() in NOT_SELF_NOUNS:
        return None
    return next((c for c in subj.children if c.dep_ == "poss" and c.lower_ in SELF_PRONOUNS), None)


def self_report(f, tok: Token, verb: Optional[Token], q, speaker: Optional[str]) -> bool:
    """Does the speaker of the quote `q` report its own act: "the army said it shelled the
    town", "the group said its fighters struck", "'we hit the convoy,' the militia said"? The
    act's subject is a pronoun for the speaker inside what the speaker says; "it"/"they" stand
    for a group, never for a person."""
    if q is None or speaker is None:
        return False
    subj = _subject_token(f, tok, verb)
    if subj is None or not (q.start <= subj.idx < q.end):
        return False
    p = _self_pronoun(subj)
    if p is None:
        return False
    if p.lower_ in FIRST_PERSON:
        return True
    a = f.actors.get(speaker)
    if a is None or a.type == "person":
        return False
    # "X was sanctioned for its support of Y, the ministry said": "its" has an antecedent in
    # what is said; only a pronoun with none before it there stands for the speaker
    first = f.doc.char_span(q.start, q.end, alignment_mode="expand")
    return first is None or not any(
        f.actor_at.get(i) not in (None, speaker) and (f.actors.get(f.actor_at[i]) is None
                                                       or f.actors[f.actor_at[i]].type != "person")
        for i in range(first.start, p.i))


def not_agent(verb: Optional[Token]) -> bool:
    """A verb that reports, judges or names the act its object names, whose subject did not do it."""
    return verb is not None and verb.lemma_.lower() in NOT_AGENT_VERBS


def misplaced_agent(verb: Token, noun: Token) -> Optional[Token]:
    """"called the killings of X by Y a massacre": the parser hangs "by Y" on the verb; Y is the
    agent of the act the object names."""
    for c in verb.children:
        if c.dep_ == "prep" and c.lower_ == "by" and c.i > noun.i:
            return next((p for p in c.children if p.dep_ == "pobj"), None)
    return None


def accused(f, tok: Token, verb: Optional[Token]) -> Optional[list]:
    """"accused Y of arming the rebels", "blamed Y for the raid on Z": the accused does the act
    (claimed by the accuser's quote). The actors of Y, or None where this does not apply."""
    t = verb if verb is not None and tok.pos_ != "NOUN" else tok
    if t.dep_ not in ("pcomp", "pobj") or t.head.dep_ != "prep" or t.head.lower_ not in ("of", "for"):
        return None
    v = t.head.head
    if v.lemma_.lower() not in ACCUSING_VERBS or v.pos_ not in ("VERB", "AUX"):
        return None
    obj = next((c for c in v.children if c.dep_ == "dobj"), None)
    if obj is None:
        return None
    found = f._actors_of(obj)
    return found or None


def _called(f, verb: Token) -> list:
    """"claimed by the umbrella group of X- and Y-backed factions called Z": the group is Z,
    whatever it groups. The actor a naming participle ("called", "named", "known as") gives the
    verb's subject or agent, wherever the parser hung it."""
    phrases = [verb] + [p for c in verb.children if c.dep_ == "agent" for p in c.children if p.dep_ == "pobj"]
    for head in phrases:
        for t in (head.children if head is verb else head.subtree):
            if t.lemma_.lower() in NAMING_PARTICIPLES and t.dep_ in ("acl", "xcomp") and t.i > verb.i:
                for c in t.children:
                    name = c if c.dep_ in ("oprd", "attr") else next(
                        (g for g in c.children if g.dep_ == "pobj"), None) if c.dep_ == "prep" and c.lower_ == "as" else None
                    if name is not None and name.i in f.actor_at:
                        return [f.actor_at[name.i]]
    return []


def _led_by(f, obj: Token) -> list:
    """"the X-led attack", "the Xian strikes": the agent a modifier of the object names."""
    for c in obj.children:
        if c.dep_ == "amod" and c.i in f.actor_at:
            return [f.actor_at[c.i]]
        if c.dep_ == "amod" and c.lemma_.lower() == "lead":
            m = next((g for g in c.children if g.dep_ in ("npadvmod", "compound") and g.i in f.actor_at), None)
            if m is not None:
                return [f.actor_at[m.i]]
    return []


def _judged_agent(f, tok: Token) -> Optional[list]:
    """"condemned the bombing of the church by X": the one accused is the act's "by" agent,
    not the victim named first. None when the object names no such agent."""
    obj = next((c for c in tok.children if c.dep_ == "dobj"), None)
    if obj is None or obj.pos_ != "NOUN":
        return None
    for c in obj.children:
        if c.dep_ == "prep" and c.lower_ == "by":
            found = f._actors_of(next((p for p in c.children if p.dep_ == "pobj"), None))
            return found or None
    return None


def cue_speaker(f, tok: Token) -> Optional[str]:
    """The speaker of a quote whose reporting expression is this verb ("X's ministry accused Y
    of ..."): the quotes' resolution of who speaks, for a speech act whose subject names no actor."""
    _index(f.quotes)
    q = _INDEX[1][4].get(tok.i)
    return q.speaker if q is not None else None


class Voice:
    """Who does an act and who asserts it, as reported speech, denials and claims of
    responsibility tell: `verb` (None when the noun's governing verb only reports the act),
    `sources` (actor ids, None: the participants' own reading), `claimed_by`, `quote` (ids,
    None: the quote around the trigger decides) and `denied`."""

    def __init__(self, verb: Optional[Token]):
        self.verb = verb
        self.sources: Optional[list] = None
        self.claimed_by: Optional[str] = None
        self.quote: Optional[str] = None
        self.denied = False
        self.drop = False  # no act of this trigger at all
        self.unsaid = False  # what a reporting verb said not to report ("did not confirm that ...")
        self.targets: Optional[list] = None  # None: the participants' own reading
        self.narrated = False  # told in the article's voice though inside a quote's words


def voice(f, tok: Token, verb: Optional[Token], start: int, end: int, hit=None) -> Voice:
    """The `Voice` of the act of trigger `tok` (its verb `verb`, its lexicon match `hit`), whose
    words are [start, end)."""
    from .denials import denial, owning

    v = Voice(verb)
    named = naming(tok) if tok.pos_ != "NOUN" else None
    if named is not None and (hit is None or hit.category != "ACCUSE"):
        # "called the killings of X by Y a massacre": the act is the object's, not the namer's
        obj = next(c for c in tok.children if c.dep_ == "dobj")
        v.drop = hit is not None and obj.i not in hit.tokens  # "called the plan reckless" is no phone call
        v.verb = None
        v.sources = f._sources(obj, None) or f._actors_of(misplaced_agent(tok, obj))
        return v
    if hit is not None and hit.category == "ACCUSE" and tok.pos_ != "NOUN":
        v.targets = _judged_agent(f, tok)
    if tok.pos_ == "NOUN" and not_agent(verb):
        agent = misplaced_agent(verb, tok)
        v.verb = None
        if agent is not None and not f._sources(tok, None):
            v.sources = f._actors_of(agent) or None
    own = owning(tok)
    if own is not None:
        owners = (_called(f, own) or f._sources(own, own)
                  or ([cue_speaker(f, own)] if cue_speaker(f, own) else []))
        if owners:
            v.sources, v.claimed_by = owners[:1], owners[0]
            return v
    acc = accused(f, tok, v.verb)
    if acc:
        v.sources = acc
    q = quote_over(f.quotes, start, end)
    if narrated(f.doc, tok, q):
        v.narrated = True  # "demanded that X explain itself after Y accused Z": Y's accusation is told
        return v
    speaker = quote_speaker(f, q)
    if acc is None and self_report(f, tok, v.verb, q, speaker):
        v.sources, v.claimed_by, v.quote = [speaker], speaker, q.id
    elif q is not None and not q.speaker and speaker is not None:
        v.claimed_by, v.quote = speaker, q.id  # a quote whose speaker phrase names an actor
    if v.sources is None and tok.pos_ != "NOUN" and not f._sources(tok, v.verb):
        sp = cue_speaker(f, tok)
        v.sources = [sp] if sp else None
    d = (denial(v.verb) if v.verb is not None else None) or denial(tok)
    if d is not None:
        deniers = f._sources(d, d) or ([cue_speaker(f, d)] if cue_speaker(f, d) else [])
        v.denied = True
        if deniers:
            v.claimed_by = deniers[0]
            dq = next((x for x in f.quotes if x.claim is not None and x.claim.cue[0] <= d.i < x.claim.cue[1]), None)
            v.quote = dq.id if dq is not None else v.quote
            subj = _subject_token(f, tok, v.verb)
            if subj is not None and _self_pronoun(subj) is not None and d.i < subj.i:
                v.sources = deniers[:1]  # "rejected India's claims that it sheltered ...": the denier's own act
    elif q is not None and q.claim is not None and _unsaid(f.doc, q.claim):
        v.unsaid = True  # "did not confirm that its forces struck ...": no one asserts it
    return v


def _subject_token(f, tok: Token, verb: Optional[Token]) -> Optional[Token]:
    if tok.pos_ == "NOUN":
        poss = next((c for c in tok.children if c.dep_ == "poss"), None)
        return poss if poss is not None else (f._subject(verb) if verb is not None else None)
    return f._subject(verb if verb is not None else tok)


def _unsaid(doc, claim) -> bool:
    """A reporting verb said not to report: "did not confirm that ...", "would not say whether ..."."""
    cue = doc[claim.cue[1] - 1]
    return cue.pos_ in ("VERB", "AUX") and any(c.dep_ == "neg" for c in cue.children)


def namings(f) -> list:
    """"X called Y's remarks outrageous", "X described the raid by Y as a crime": X accuses Y
    (ACCUSE, in the voice of whoever reports X's words). The naming verb's subject (or the
    speaker of its quote) accuses the actor its object names, owns or did."""
    from ..doc import EventRecord
    from .marks import negated
    from .words import accusing_words

    words = accusing_words() | CONDEMNING
    out = []
    for i, lemma in enumerate(token_strings(f.doc, "LEMMA")):
        if lemma.lower() not in NAMING_VERBS:
            continue  # most words: one look at the lemma array
        tok = f.doc[i]
        if tok.pos_ not in ("VERB", "AUX"):
            continue
        pred = naming(tok)
        if pred is None or negated(tok, None) or not {x.lemma_.lower() for x in pred.subtree} & words:
            continue
        obj = next(c for c in tok.children if c.dep_ == "dobj")
        speakers = f._sources(tok, tok) or ([cue_speaker(f, tok)] if cue_speaker(f, tok) else [])
        owner = f._sources(obj, None) if obj.pos_ == "NOUN" else []
        # the object's owner or agent, or the object itself when it names an actor ("called X a
        # liar"); not an actor it is about ("the X bill", "the X issue")
        targets = (owner or f._actors_of(misplaced_agent(tok, obj))
                   or (f._actors_of(obj) if obj.i in f.actor_at else [])
                   or _led_by(f, obj))
        if not speakers or not targets:
            continue
        start, end = tok.idx, tok.idx + len(tok.text)
        outer = f._quote_at(start, end)
        sent = tok.sent
        for t in targets:
            if t != speakers[0]:
                out.append(EventRecord(
                    category="ACCUSE", trigger=tok.text, trigger_start=start, trigger_end=end,
                    start=sent.start_char, end=sent.end_char, source=speakers[0], target=t,
                    mode="allege", cameo="112", polarity=-1,
                    claimed_by=outer.speaker if outer is not None else None,
                    quote=outer.id if outer is not None else None))
    return out
