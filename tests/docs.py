"""Hand-built spaCy Docs for rule tests, so they do not drift with the model.

    doc = build('''
        President   NNP  compound  2
        Bashar      NNP  compound  2  B-PERSON
        Assad       NNP  nsubj     3  I-PERSON
        spoke       VBD  ROOT      3
        .           .    punct     3
    ''')

One token a line: word, tag, dependency label, head (absolute index), and an
optional IOB entity tag. Sentences come from the parse (each ROOT starts a tree).
"""
from __future__ import annotations

from spacy.tokens import Doc
import spacy

_POS = {
    "NNP": "PROPN", "NNPS": "PROPN", "NN": "NOUN", "NNS": "NOUN", "VB": "VERB", "VBD": "VERB", "VBZ": "VERB",
    "VBP": "VERB", "VBN": "VERB", "VBG": "VERB", "MD": "AUX", "DT": "DET", "IN": "ADP", "PRP": "PRON",
    "PRP$": "PRON", "JJ": "ADJ", "RB": "ADV", "CC": "CCONJ", "CD": "NUM", "TO": "PART", "POS": "PART",
    ",": "PUNCT", ".": "PUNCT", "HYPH": "PUNCT", "-LRB-": "PUNCT", "-RRB-": "PUNCT", "``": "PUNCT", "''": "PUNCT",
    "WP": "PRON", "RP": "ADP",
}
_LEMMAS = {"said": "say", "says": "say", "believes": "believe", "added": "add", "told": "tell", "spoke": "speak",
           "was": "be", "is": "be", "has": "have", "had": "have", "led": "lead", "met": "meet", "fighters": "fighter",
           "companies": "company", "rebels": "rebel", "militias": "militia"}
_NO_SPACE_BEFORE = {",", ".", "'s", "\u2019s", ")", "-", ":", "?", "!"}
_NO_SPACE_AFTER = {"(", "-"}

VOCAB = spacy.blank("en").vocab  # with English lexical attributes (lower_, is_alpha, like_num)


def build(spec: str) -> Doc:
    rows = [line.split() for line in spec.strip().splitlines() if line.strip()]
    words, tags, deps, heads, ents = [], [], [], [], []
    for row in rows:
        word, tag, dep, head = row[:4]
        words.append(word)
        tags.append(tag)
        deps.append(dep)
        heads.append(int(head))
        ents.append(row[4] if len(row) > 4 else "O")
    spaces = []
    for i, w in enumerate(words):
        nxt = words[i + 1] if i + 1 < len(words) else None
        spaces.append(nxt is not None and nxt not in _NO_SPACE_BEFORE and w not in _NO_SPACE_AFTER)
    lemmas = [_LEMMAS.get(w.lower(), w.lower()) for w in words]
    pos = [_POS.get(t, "X") for t in tags]
    return Doc(VOCAB, words=words, spaces=spaces, tags=tags, pos=pos, deps=deps, heads=heads, lemmas=lemmas, ents=ents)


def doc_of(rows: str) -> Doc:
    """A Doc from rows "word tag dep head lemma pos" (head: absolute index), with lemmas and
    coarse tags given, for rules that read them (frames, claims)."""
    words, tags, deps, heads, lemmas, pos = [], [], [], [], [], []
    for line in rows.strip().splitlines():
        w, t, d, h, lem, p = line.split()
        words.append(w), tags.append(t), deps.append(d), heads.append(int(h)), lemmas.append(lem), pos.append(p)
    return Doc(VOCAB, words=words, tags=tags, deps=deps, heads=heads, lemmas=lemmas, pos=pos)


def run_actors(doc: Doc, kb=None) -> Doc:
    """Run the actors component on a hand-built Doc without the model, with a knowledge base of
    the test's own (an empty one by default)."""
    from dyads.nlp.actors import ActorsComponent
    from dyads.nlp.kb import KnowledgeBase
    from dyads.nlp.lexicon import load_lexicon

    comp = ActorsComponent.__new__(ActorsComponent)
    comp.name, comp.actors_files = "dyads_actors", ()
    comp.kb, comp.lex = (kb if kb is not None else KnowledgeBase([])), load_lexicon()
    comp(doc)
    return doc


def events_doc(rows: str, actors: dict) -> Doc:
    """A Doc ready for the events component, without the model.

    rows: one token a line, "word head dep POS TAG lemma" (head: the index of the head token);
    actors: word -> (actor id, type) for the one-word actor mentions. No space around a hyphen nor
    before punctuation ("Ruritania-backed rebels,"); no quotes."""
    from spacy.tokens import Span

    from dyads.nlp.doc import ACTORS_KEY, ActorInfo

    toks = [line.split() for line in rows.strip().splitlines()]
    words = [t[0] for t in toks]
    spaces = [w != "-" and (i + 1 == len(words) or words[i + 1] not in ("-", ",", ".")) for i, w in enumerate(words)]
    doc = Doc(VOCAB, words=words, spaces=spaces, heads=[int(t[1]) for t in toks], deps=[t[2] for t in toks],
              pos=[t[3] for t in toks], tags=[t[4] for t in toks], lemmas=[t[5] for t in toks])
    infos, spans = {}, []
    for i, t in enumerate(toks):
        if t[0] in actors:
            aid, kind = actors[t[0]]
            infos.setdefault(aid, ActorInfo(len(infos), t[0], kind, id=aid))
            spans.append(Span(doc, i, i + 1, label=aid))
    doc._.dyads_actors = sorted(infos.values(), key=lambda a: int(a.id[1:]))
    doc.spans[ACTORS_KEY] = spans
    doc._.dyads_quotes = []
    return doc
