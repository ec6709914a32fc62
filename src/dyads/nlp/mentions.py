"""Finding and typing the names of actors in a parsed Doc.

Three sources, in order of trust: the knowledge base (`kb.py`), the NER model,
and proper-noun chunks the model missed but whose context marks a person
("Riyad Darar, a member of ..."). The small NER model mislabels often, so its
labels are corrected from the name's own words (a "Front" is an armed group,
a "Weekly" a medium) and its context (a title before it, a speech verb after
it, "companies such as X").

Pure functions over a Doc; they return `Cand`s, which `coref.py` groups into
actors.
"""
from __future__ import annotations

import bisect
import re

from dataclasses import dataclass, field
from typing import Optional

from spacy.tokens import Doc, Token

from .. import kb
from .kb import KnowledgeBase, fold, is_acronym
from .lexicon import ActorLexicon
from .capitals import ADDRESS_PREPS, ADDRESS_VERBS, PLACE_VERBS, TALK_WORDS, acts_as_government, capital_of  # noqa: F401
from .name_parts import gazetteer_place, part_of_longer_name, quoted_name
from .doctext import doc_text, doc_words, token_strings  # noqa: F401  (re-exported)
from .acronyms import spelled

HYPHENS = {"-", "\u2010", "\u2011", "\u2013"}
# prefixes of a hyphenated word that make it not the actor named after them ("anti-Assad", "pro-Kurdish")
NEGATING_PREFIXES = kb.words("mentions", "negating_prefixes")
# determiners stripped from the start of a name
DETERMINERS = kb.words("mentions", "determiners")
PROPER_TAGS = {"NNP", "NNPS"}
# lower-case particles inside persons' names ("Ahmad bin Salman", "Ursula von der Leyen")
NAME_PARTICLES = kb.words("mentions", "name_particles")


@dataclass
class Cand:
    """One mention of a (possible) actor: tokens [start, end) and what we know of it."""

    start: int
    end: int
    kind: str  # kb | ner | propn | acronym | desc | pronoun
    type: Optional[str] = None
    hits: list = field(default_factory=list)  # knowledge-base Hits
    strength: str = "name"  # for kb: name | short | demonym
    label: str = ""  # the NER label, if any
    role: Optional[str] = None  # descriptions: government | military | police | opposition | group | title
    country: Optional[str] = None  # descriptions: ISO3 of the country named beside them
    link: Optional["Cand"] = None  # an acronym's long form
    title: Optional[tuple[int, int]] = None  # tokens of a title before a person's name
    actor: Optional[int] = None  # index of the actor it resolves to

    def text(self, doc: Doc) -> str:
        return doc[self.start : self.end].text

    def overlaps(self, other: "Cand") -> bool:
        return self.start < other.end and other.start < self.end


def is_capitalised(tok: Token) -> bool:
    return tok.text[:1].isupper()


def prefixed(doc: Doc, i: int) -> bool:
    """'pro-regime', 'non-Arab', 'anti-Assad': the word names a stance, not the actor."""
    return i >= 2 and doc[i - 1].text in HYPHENS and doc[i - 2].lower_ in NEGATING_PREFIXES


def extend_particles(doc: Doc, i: int) -> int:
    """Move a name's start left over an Arabic article ('Al-', 'el ', 'al-')."""
    if i >= 2 and doc[i - 1].text in HYPHENS and doc[i - 2].lower_ in ("al", "el"):
        return i - 2
    if i >= 1 and doc[i - 1].lower_ in ("al-", "el-"):
        return i - 1
    if i >= 1 and doc[i - 1].text in ("Al", "El") and doc[i - 1].whitespace_:
        return i - 1
    return i


def kb_mentions(doc: Doc, kb: KnowledgeBase) -> list[Cand]:
    words = doc_words(doc)
    upper = [w.isupper() and len(w) > 1 for w in words]
    out = []
    pending = kb.match(words, upper)[::-1]
    while pending:
        s, e, hits = pending.pop()
        last = doc[e - 1]
        if e - s > 1 and last.tag_ == "JJ" and last.dep_ == "amod":
            # "Iranian military experts": the name ends in an adjective of the experts; match without it
            pending.extend([(s + a, s + b, h) for a, b, h in kb.match(words[s : e - 1], upper[s : e - 1])][::-1])
            continue
        span = doc[s:e]
        if not any(is_capitalised(t) for t in span if t.text[:1].isalpha()) and not quoted_name(doc, s, e):
            continue  # lower-case words, unless a name set off in quotation marks ('the "axis of resistance"')
        if prefixed(doc, s) or part_of_longer_name(doc, s, e):
            continue  # "anti-Assad"; the "West" of "the West Bank", "West of the town"
        strengths = {h.strength for h in hits}
        strength = "name" if "name" in strengths else ("demonym" if "demonym" in strengths else "short")
        hits = [h for h in hits if h.strength == strength]
        if strength == "short" and len(span) == 1 and span[0].is_sent_start and span[0].lower_ in _COMMON_SENT_START:
            continue
        out.append(Cand(extend_particles(doc, s), e, "kb", hits=hits, strength=strength))
    return out


# capitalised at the start of a sentence only because it starts it
_COMMON_SENT_START = kb.words("mentions", "common_sentence_starts")

_NER_LABELS = {"PERSON", "ORG", "NORP", "GPE"}


def trim(doc: Doc, s: int, e: int, lex: ActorLexicon, label: str) -> tuple[int, int, Optional[tuple[int, int]]]:
    """Strip determiners, possessive endings and (for persons) titles from an entity."""
    while s < e and (doc[s].lower_ in DETERMINERS or doc[s].tag_ == "PRP$"):
        s += 1
    while e > s and (doc[e - 1].tag_ == "POS" or doc[e - 1].text in ("'s", "\u2019s", "'", "\u2019", ",", ")", "(", '"')):
        e -= 1
    title = None
    if label in ("PERSON", "ORG") and e - s > 1:
        words = doc_words(doc)
        n = lex.title_starting_at(words, s)
        if n and s + n < e and any(is_capitalised(t) for t in doc[s + n : e]):
            title = (s, s + n)
            s += n
    return s, e, title


# words of web pages' furniture, never in an actor's name
_BOILERPLATE = kb.words("mentions", "boilerplate")
# last words that make a name a place, not an actor
_PLACE_HEADS = kb.words("mentions", "place_heads")
# last words that make a name an event, a deal or a thing ("Oslo Accords", "AU Summit")
_THING_HEADS = kb.words("mentions", "thing_heads")
# first words of a storm's name ("Storm Daniel")
_STORM_WORDS = kb.words("mentions", "storm_words")
# one-word names of feasts, historical events and time zones ("Hajj", "Nakba", "GMT")
_NON_ACTOR_NAMES = kb.words("mentions", "non_actor_names")
# continents' and regions' adjectives, languages: a people the recogniser saw where no party is
_REGION_AND_LANGUAGE = kb.words("non_actor_adjectives", "region_and_language_words")
# month names and abbreviations: never a name's last word
_MONTHS = kb.words("mentions", "month_words")
MAX_NAME_TOKENS = 9


def _in_title(doc: Doc, i: int, lex: ActorLexicon) -> bool:
    words = doc_words(doc)
    if i + 1 < len(doc) and lex.title_starting_at(words, i + 1):
        return True
    return i >= 2 and doc[i - 1].lower_ in ("of", "for") and lex.title_ending_at(words, i - 2) > 0


# a weapon's or a machine's designation ("F-16", "Su-30", "T-72"): its maker's name before it is no actor
_DESIGNATION = re.compile(r"^[A-Z][A-Za-z]{0,3}-\d+[A-Za-z]*$")
_QUOTE_MARKS = {"\u201c", "\u201d", '"', "\u00ab", "\u00bb"}

# tags of common words a sentence's start capitalises (a singular noun may be a name the tagger missed)
_COMMON_TAGS = {"NNS", "JJ", "JJR", "JJS", "RB", "RBR", "RBS", "VBG"}


def names_an_actor(span) -> bool:
    """Can an entity's words name an actor? Not an event, deal or thing ("the Oslo Accords",
    "Storm Daniel", "the Hajj", "GMT"), nor common words capitalised at a sentence's start
    that the tagger does not take for a name ("Missiles struck", "Deadliest ...")."""
    last, first = span[-1].lower_, span[0].lower_
    if last in _THING_HEADS or first in _STORM_WORDS or (len(span) == 1 and last in _NON_ACTOR_NAMES):
        return False
    if span[-1].text.endswith(("-class", "‑class")):
        return False
    if len(span) > 1 and ((span[-1].is_lower and not span[-1].is_stop) or _DESIGNATION.match(span[-1].text)):
        return False  # a run of foreign words ("Unidad de"); "the Omani Su-30" (not "Ministry of X and": cut short)
    if len(span) > 1 and any(t.text in _QUOTE_MARKS for t in span):
        return False  # one name does not run across a quotation mark
    if len(span) == 1 and span[0].is_sent_start and span[0].tag_ in _COMMON_TAGS:
        return False  # a plural noun, an adjective or an adverb ("Critics", "Deadliest"); not "Greenpeace" (NN)
    return True


def ner_mentions(doc: Doc, lex: ActorLexicon) -> list[Cand]:
    out = []
    for ent in doc.ents:
        if ent.label_ not in _NER_LABELS:
            continue
        s, e, title = trim(doc, ent.start, ent.end, lex, ent.label_)
        while s < e and (doc[s].like_num or doc[s].lower_ in _MONTHS):
            s += 1  # "Jul 2016 Opposition"
        if s >= e or not any(is_capitalised(t) for t in doc[s:e]):
            continue
        for i in range(s + 1, e):
            if doc[i].text == "(":
                e = i  # "Federal Bureau of Investigation (FBI": the acronym is its own mention
                break
        if s >= e or any(doc[i].tag_ == "POS" for i in range(s, e)):
            continue  # "Israel's Iron Dome": the possessor is the actor, found on its own
        span = doc[s:e]
        if e - s > MAX_NAME_TOKENS or "\n" in span.text or any(t.lower_ in _BOILERPLATE for t in span):
            continue
        if span[-1].lower_ in _PLACE_HEADS or not names_an_actor(span):
            continue
        if e - s == 1 and doc[s].lower_ in _REGION_AND_LANGUAGE:
            continue  # "the Asian champions", "in Hebrew and Persian": no party
        if e - s == 1 and (doc[s].lower_,) in lex.descriptions:
            continue  # "Opposition" capitalised: a description, resolved as one
        if e - s == 1 and doc[s].lower_ in lex.departments and _in_title(doc, s, lex):
            continue  # "Secretary of State", "Defense Secretary": part of a title
        if doc[s].lower_ in NEGATING_PREFIXES or prefixed(doc, s):
            continue
        if all(not t.is_alpha for t in doc[s:e]):
            continue
        out.append(Cand(s, e, "ner", label=ent.label_, title=title))
    return out


def merge_kb_ner(doc: Doc, kb_cands: list[Cand], ner_cands: list[Cand], kb: KnowledgeBase) -> list[Cand]:
    """Knowledge-base names win over entities, unless an entity is a longer proper
    name that only contains a demonym, a surname or a country ("Syrian Observatory")."""
    # the knowledge-base names overlapping an entity, found by their starts (a long article
    # has thousands of both)
    order = sorted(range(len(kb_cands)), key=lambda i: kb_cands[i].start)
    starts = [kb_cands[i].start for i in order]
    longest = max((k.end - k.start for k in kb_cands), default=0)
    removed: set[int] = set()
    out = []
    for n in ner_cands:
        lo, hi = bisect.bisect_left(starts, n.start - longest + 1), bisect.bisect_left(starts, n.end)
        idxs = sorted(i for i in order[lo:hi] if i not in removed and kb_cands[i].overlaps(n))
        inside = [kb_cands[i] for i in idxs]
        if not inside:
            out.append(n)
            continue
        if n.label == "GPE" and _person_taken_for_place(doc, n):
            n.label = "PERSON"  # "Amara Okafor, a rice farmer": not a place, and not the politician Amara
        if n.label in ("GPE", "NORP"):
            continue
        contained = all(n.start <= k.start and k.end <= n.end for k in inside)
        covered = sum(k.end - k.start for k in inside)
        weak = all(
            k.strength != "name" or all(kb.entries[h.entry_id].type == "country" for h in k.hits) for k in inside
        )
        rest_caps = [t for t in doc[n.start : n.end] if is_capitalised(t) and not any(k.start <= t.i < k.end for k in inside)]
        if contained and rest_caps and (weak or covered * 2 < (n.end - n.start)):
            removed.update(idxs)
            out.append(n)
    keep_kb = [k for i, k in enumerate(kb_cands) if i not in removed]
    return sorted(keep_kb + out, key=lambda c: c.start)


def _chunk_root(doc: Doc, s: int, e: int) -> Token:
    span = doc[s:e]
    return span.root


def _person_taken_for_place(doc: Doc, c: Cand) -> bool:
    """A name of two or more words the gazetteer does not know as a place, with an apposition
    headed by a noun of persons (kb/agents.tsv): 'Amara Okafor, a 52-year-old rice farmer'."""
    words = [t.text for t in doc[c.start : c.end]]
    if len(words) < 2 or not all(w[:1].isupper() for w in words) or gazetteer_place(" ".join(words)):
        return False
    nouns = kb.person_agent_nouns()
    return any(ch.dep_ == "appos" and ch.lemma_.lower() in nouns for ch in _chunk_root(doc, c.start, c.end).children)


def person_context(doc: Doc, s: int, e: int, lex: ActorLexicon) -> bool:
    """Does the context mark the name at [s, e) as a person's?"""
    words = doc_words(doc)
    root = _chunk_root(doc, s, e)
    # a title or role right before it: "opposition figure Fawwaz Tallo", "Gen. X"
    if s > 0 and lex.title_ending_at(words, s - 1):
        return True
    # an apposition naming a role: "Riyad Darar, a member of ...", or the name in apposition to one
    # ("his deputy, Ines Castillo,", "a council spokesman, Piet de Vries,")
    for child in root.children:
        if child.dep_ == "appos" and (child.lower_ in lex.title_heads or lex.title_ending_at(words, child.i)):
            return True
    if root.dep_ == "appos" and root.head.i < s and root.head.tag_ in ("NN", "NNS") and (
            root.head.lower_ in lex.title_heads or root.head.lemma_.lower() in kb.person_agent_nouns()):
        return True
    # the subject of a verb of saying or believing, with a two- or three-word name
    if 2 <= (e - s) <= 3 and root.dep_ in ("nsubj",) and root.head.lemma_ in lex.speech_verbs:
        return True
    return False


def propn_mentions(doc: Doc, taken: list[Cand], lex: ActorLexicon) -> list[Cand]:
    """Persons the NER model missed: proper-noun chunks with a person's context."""
    covered = set()
    for c in taken:
        covered.update(range(c.start, c.end))
    out = []
    i, n = 0, len(doc)
    while i < n:
        t = doc[i]
        if i in covered or t.tag_ not in PROPER_TAGS or not is_capitalised(t) or not t.is_alpha:
            i += 1
            continue
        j = i + 1
        while j < n and j not in covered and doc[j].tag_ in PROPER_TAGS and is_capitalised(doc[j]) and doc[j].is_alpha:
            j += 1
        s = i
        # not a title ("President Bashar"): titles are not names
        words = doc_words(doc)
        k = lex.title_starting_at(words, s)
        if k and s + k < j:
            s += k
        if 2 <= j - s <= 4 and lex.org_type(words[s:j]) is None and person_context(doc, s, j, lex):
            out.append(Cand(s, j, "propn", type="person"))
        i = j
    return out


def acronym_links(doc: Doc, cands: list[Cand]) -> list[Cand]:
    """'National Coordination Committee for Democratic Change (NCCDC)': the acronym
    becomes a name of what it follows; created as a mention when the model missed it."""
    by_start = {c.start: c for c in cands}
    by_end = {c.end: c for c in cands}
    added = []
    words = doc_words(doc)
    for i in range(1, len(doc) - 1):
        if words[i - 1] != "(" or words[i + 1] != ")" or not is_acronym(words[i]):
            continue
        long = by_end.get(i - 1)
        if long is None or long.kind == "pronoun":
            continue
        long = spelled(doc, by_end, long, words)  # the name it spells ("Board of X in Y (BXY)": the board)
        if long is None:
            continue
        c = by_start.get(i)
        if c is None:
            c = Cand(i, i + 1, "acronym")
            added.append(c)
        c.link = long
    return sorted(cands + added, key=lambda c: c.start)


# prepositions that give examples of a kind ("groups such as X", "including X")
EXAMPLE_PREPS = kb.words("mentions", "example_preps")


def kind_context(doc: Doc, root: Token, lex: ActorLexicon) -> Optional[str]:
    """A type given by a noun beside the name: 'companies such as X and Y', 'X, a militia'."""
    for child in root.children:
        if child.dep_ == "appos" and child.lemma_.lower() in lex.kind_nouns:
            return lex.kind_nouns[child.lemma_.lower()]
    tok = root
    for _ in range(4):
        if tok.dep_ in ("conj", "appos") and tok.head.i != tok.i:
            tok = tok.head
            continue
        break
    if tok.dep_ == "appos" and tok.head.lower_ in lex.kind_nouns:
        return lex.kind_nouns[tok.head.lower_]
    if tok.dep_ == "pobj" and tok.head.lower_ in EXAMPLE_PREPS:
        noun = tok.head.head
        if noun.lower_ in lex.kind_nouns:
            return lex.kind_nouns[noun.lower_]
    if tok.dep_ == "compound" and tok.head.lower_ in lex.kind_nouns and tok.head.tag_ in ("NN", "NNS"):
        return None  # "Alawite companies": a modifier, not the company
    return None


def _conjoined_with_person(root: Token) -> bool:
    others = [root.head] if root.dep_ == "conj" else []
    others += [t for t in root.children if t.dep_ == "conj"]
    return any(t.ent_type_ == "PERSON" and t.tag_ in PROPER_TAGS for t in others)


# one-word names of a country's legislature: a state organ
LEGISLATURES = kb.words("actor_types", "legislatures")
# first words of a warship's name ("USS", "HMS"): the navy's ship, a state organ
SHIP_PREFIXES = kb.words("actor_types", "ship_prefixes")
# first words of a military operation's name ("Operation ..."): the forces running it, a state organ
OPERATION_WORDS = kb.words("actor_types", "operation_words")
# endings of plural nouns of peoples ("Alawites", "Syrians", "Americans")
PEOPLE_SUFFIXES = kb.ordered("mentions", "people_suffixes")  # a tuple, for str.endswith


def type_entity(doc: Doc, c: Cand, lex: ActorLexicon) -> Optional[str]:
    """The contract type of a model entity or chunk; None when it is no actor (a city)."""
    words = [t.text for t in doc[c.start : c.end]]
    if c.kind == "propn":
        return "person"
    if c.kind == "acronym":
        return None  # takes its long form's type
    label = c.label
    if label in ("PERSON", "ORG") and len(words) == 1 and words[0].lower() in LEGISLATURES:
        return "state"  # "the Senate", "Congress": a state organ
    if label in ("PERSON", "ORG") and len(words) >= 2 and words[0].lower() in SHIP_PREFIXES | OPERATION_WORDS:
        return "state"  # "USS Carney": a navy's warship; "Operation Ocean Shield": the forces running it
    keyword = lex.org_type(words)
    if label in ("PERSON", "ORG") and len(words) == 1 and words[0].lower() not in lex.gender_of_name:
        iso = capital_of(words[0])
        if iso and acts_as_government(doc[c.start]):
            c.role, c.country = "government", iso  # "Kyiv's proposal", mistaken for a person
            return "state"
        if iso and c.kind == "ner" and not person_context(doc, c.start, c.end, lex):
            return None  # "arms shipments to Kyiv": the city, mistaken for a person; no actor
    if label in ("PERSON", "ORG") and c.kind == "ner" and len(words) >= 2 and words[0].lower() not in lex.gender_of_name \
            and gazetteer_place(doc[c.start : c.end].text) and not person_context(doc, c.start, c.end, lex):
        return "country"  # "Khan Younis", "Area C": a place taken for a person; an actor only where it acts
    if label == "PERSON":
        if keyword and words[-1].lower() in lex.org_keywords:
            return keyword
        if len(words) >= 2 and words[0].lower() in lex.gender_of_name:
            return "person"  # a given name first: not the kind of a group in apposition nearby
        return kind_context(doc, _chunk_root(doc, c.start, c.end), lex) or "person"
    if label == "ORG":
        if keyword:
            return keyword
        root = _chunk_root(doc, c.start, c.end)
        if _conjoined_with_person(root):
            return "person"  # "between Hussein and Yazid"
        namelike = all(w[:1].isupper() or w in NAME_PARTICLES for w in words if w not in HYPHENS)
        if 2 <= c.end - c.start <= 4 and namelike and person_context(doc, c.start, c.end, lex):
            return "person"
        return kind_context(doc, root, lex) or "organization"
    if label == "NORP":
        return "community"
    if label == "GPE":
        last = fold(words[-1])
        plural = c.end - c.start == 1 and doc[c.start].tag_ == "NNPS" and last.endswith("s")
        if plural or last.endswith(PEOPLE_SUFFIXES) or (last.endswith("is") and len(last) > 5):
            return "community"  # a people mistaken for a place ("Alawites")
        iso = capital_of(" ".join(words))
        if iso and acts_as_government(_chunk_root(doc, c.start, c.end)):
            c.role, c.country = "government", iso  # "Berlin rejected the calls": Germany's government
            return "state"
        if c.kind == "ner" and _person_taken_for_place(doc, c):
            return "person"  # "Amara Okafor, a rice farmer": a person the recogniser took for a place
        return None
    return None


def capital_mentions(doc: Doc, taken: list[Cand]) -> list[Cand]:
    """Capitals acting as governments that the entity recogniser missed ("the proposal by Kyiv")."""
    covered = {i for c in taken for i in range(c.start, c.end)}
    out = []
    for tok in doc:
        if tok.i in covered or tok.tag_ != "NNP" or tok.ent_type_ not in ("", "GPE", "PERSON", "ORG"):
            continue
        if tok.ent_type_ and tok.ent_iob_ != "B" or tok.i + 1 < len(doc) and doc[tok.i + 1].ent_iob_ == "I":
            continue  # one word, not part of a longer name
        iso = capital_of(tok.text)
        if iso and acts_as_government(tok):
            out.append(Cand(tok.i, tok.i + 1, "ner", label="GPE"))
    return out


def given_name_of_person(doc: Doc, c: Cand, kb: KnowledgeBase, lex: ActorLexicon) -> bool:
    """A group's weak one-word short form that is a given name, which the recogniser or the context
    gives to a person ("Amal, 30, said"): the person, not the group."""
    if c.strength != "short" or c.end - c.start != 1 or doc[c.start].lower_ not in lex.gender_of_name:
        return False
    if any(kb.entries[h.entry_id].type == "person" for h in c.hits):
        return False  # a person's surname ("Abbas"): the person the knowledge base knows
    tok = doc[c.start]
    if tok.ent_type_ == "PERSON" or person_context(doc, c.start, c.end, lex):
        return True
    if tok.dep_ == "nsubj" and tok.head.lemma_.lower() in lex.speech_verbs:
        return True  # "Amal said": a group speaks through its officials, a person by her name
    after = doc[c.end : c.end + 3]
    return len(after) == 3 and after[0].text == "," and after[1].like_num and after[2].text == ","  # "Amal, 30,"


def find_mentions(doc: Doc, kb: KnowledgeBase, lex: ActorLexicon) -> list[Cand]:
    """All name mentions of actors in the Doc, typed, in text order."""
    cands = merge_kb_ner(doc, kb_mentions(doc, kb), ner_mentions(doc, lex), kb)
    cands = sorted(cands + propn_mentions(doc, cands, lex) + capital_mentions(doc, cands), key=lambda c: c.start)
    cands = acronym_links(doc, cands)
    out = []
    for c in cands:
        if c.kind == "kb" and given_name_of_person(doc, c, kb, lex):
            c.kind, c.hits, c.label, c.type = "ner", [], "PERSON", "person"  # "Amal said": not the Amal Movement
        elif c.kind == "kb":
            c.type = kb.entries[c.hits[0].entry_id].type
        else:
            c.type = type_entity(doc, c, lex)
            if c.type is None and c.kind != "acronym" and c.link is None:
                continue
        if c.title is None and c.start > 0 and (c.type == "person" or c.kind != "kb"):
            words = doc_words(doc)
            n = lex.title_ending_at(words, c.start - 1)
            if n:
                c.title = (c.start - n, c.start)
        if c.title is not None:
            s = c.title[0]
            while s > 0 and doc[s - 1].lower_ in lex.prefix_noise:
                s -= 1
            c.title = (s, c.title[1])
        out.append(c)
    return out
