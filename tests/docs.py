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
