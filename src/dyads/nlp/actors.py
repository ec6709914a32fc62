"""The `dyads_actors` spaCy component: actors found, typed, resolved and described.

    nlp.add_pipe("dyads_actors", config={"actors_files": ["my_actors.yaml"]})
    doc._.dyads_actors   # [ActorInfo], in order of first mention
    doc.spans["dyads_actors"]  # every mention, labelled with its actor id

It finds (`mentions.find_mentions`), resolves (`coref.Resolver`), then writes:
the Doc extension and span group, nothing else.
"""
from __future__ import annotations

from .mentions import doc_text

from collections import Counter
from typing import Optional

from spacy.language import Language
from spacy.tokens import Doc

from .actor_places import only_a_place
from .coref import TYPE_PRIORITY, ActorInfo, Resolver, quoted_regions
from .doc import ACTORS_KEY, ActorRegistry
from .kb import load_kb, name_key
from .lexicon import ActorLexicon, load_lexicon
from .mentions import Cand, find_mentions, is_capitalised

SPAN_KEY = ACTORS_KEY


@Language.factory(
    "dyads_actors",
    assigns=["doc._.dyads_actors", "doc._.dyads_quoted", "doc.spans"],
    requires=["doc.ents", "token.dep", "token.tag", "token.lemma"],
    default_config={"actors_files": []},
)
def make_actors(nlp: Language, name: str, actors_files: list[str]):
    return ActorsComponent(nlp, name, actors_files=actors_files)


class ActorsComponent:
    def __init__(self, nlp: Language, name: str = "dyads_actors", actors_files=()):
        self.name = name
        self.actors_files = tuple(actors_files or ())
        self._kb = None  # loaded on first use, or by from_disk with the files saved beside it
        self.lex = load_lexicon()

    @property
    def kb(self):
        if self._kb is None:
            self._kb = load_kb(self.actors_files)
        return self._kb

    @kb.setter
    def kb(self, value) -> None:
        self._kb = value

    def initialize(self, get_examples=None, *, nlp=None, actors_files=None) -> None:
        """Load the knowledge base (again), with other actors files if given."""
        if actors_files is not None:
            self.actors_files = tuple(actors_files)
        self.kb = load_kb(self.actors_files)

    def to_disk(self, path, *, exclude=()) -> None:
        """Save the user's actors files with the pipeline, so it loads anywhere."""
        import shutil
        from pathlib import Path

        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        for i, src in enumerate(self.actors_files):
            shutil.copyfile(src, path / f"actors_{i}{Path(src).suffix}")

    def from_disk(self, path, *, exclude=()):
        from pathlib import Path

        files = sorted(str(p) for p in Path(path).glob("actors_*"))
        self.actors_files = tuple(files)
        self._kb = None
        return self

    def __call__(self, doc: Doc) -> Doc:
        actors, cands = self.match(doc)
        self.set_annotations(doc, actors, cands)
        return doc

    def match(self, doc: Doc) -> tuple[list[ActorInfo], list[Cand]]:
        cands = find_mentions(doc, self.kb, self.lex)
        r = Resolver(doc, self.kb, self.lex)
        r.resolve_names(cands)
        cands = [c for c in cands if c.actor is not None]
        cands = r.propagate_names(cands)
        cands = r.resolve_descriptions(cands)
        quoted = quoted_regions(doc_text(doc))
        doc._.dyads_quoted = quoted
        cands = r.resolve_pronouns(cands, quoted)
        actors = finish(doc, r.actors, self.lex)
        return actors, [c for c in cands if c.actor is not None]

    def set_annotations(self, doc: Doc, actors: list[ActorInfo], cands: list[Cand]) -> None:
        ActorRegistry(doc).number(actors, cands)


def finish(doc: Doc, actors: list[ActorInfo], lex: ActorLexicon) -> list[ActorInfo]:
    """Name, type, describe and number the actors; drop the empty ones and the countries named
    only as places."""
    live = [a for a in actors if any(c.kind != "pronoun" for c in a.cands) and not only_a_place(doc, a)]
    for a in live:
        a.cands.sort(key=lambda c: c.start)
        a.type = _type(a)
        a.name = _name(doc, a)
    by_index = {a.index: a for a in live}
    for a in live:
        describe(doc, a, by_index, lex)
    live.sort(key=lambda a: a.first())  # the registry numbers them in this order
    return live


def _type(a: ActorInfo) -> str:
    if a.entry is not None or a.synthetic:
        return a.type
    named = [c for c in a.cands if c.kind not in ("pronoun", "desc") and c.type]
    if any(c.type == "person" and c.kind == "propn" for c in named):
        return "person"
    counts = Counter(c.type for c in named)
    if not counts:
        return a.type
    if counts.get("person") and any(c.type == "person" and (c.end - c.start) >= 2 for c in named):
        return "person"
    return max(counts, key=lambda t: (counts[t] + (0.5 if t != "organization" else 0), -TYPE_PRIORITY.index(t)))


def _name(doc: Doc, a: ActorInfo) -> str:
    if a.entry is not None:
        return a.entry.name
    if a.synthetic:
        return a.name
    named = [c for c in a.cands if c.kind in ("ner", "propn", "kb")]
    if not named:
        named = [c for c in a.cands if c.kind != "pronoun"]
    best = max(named, key=lambda c: (len(name_key(c.text(doc))), -c.start))
    text = best.text(doc)
    return text[4:] if text.startswith(("The ", "the ")) else text


def _attr(value, doc: Doc, start: int, end: int) -> dict:
    return {"value": value, "start": doc[start].idx, "end": doc[end - 1].idx + len(doc[end - 1].text)}


def describe(doc: Doc, a: ActorInfo, by_index: dict, lex: ActorLexicon) -> None:
    """Role, affiliation, country and religion, as the article states them.

    Each is {"value", "start", "end"}; an affiliation's value is the ActorInfo
    until the contract is written (`results.py` puts its id there)."""
    att = a.attributes
    if a.entry is not None and a.entry.country and "country" not in att:
        att["country"] = {"value": a.entry.country, "start": None, "end": None}
    for c in a.cands:
        if c.kind in ("pronoun", "desc"):
            continue
        if a.type == "person":
            if c.title and "role" not in att:
                s, e = _extend_title(doc, c.title[0], c.title[1])
                att["role"] = _attr(doc[s:e].text, doc, s, e)
                _before_title(doc, s, a, by_index, lex)
            _appositions(doc, c, a, by_index, lex)
        else:
            _religion_before(doc, c, a, lex)


def _extend_title(doc: Doc, s: int, e: int) -> tuple[int, int]:
    """'opposition figure' <- 'figure'; stops at names, demonyms and determiners."""
    while s > 0:
        t = doc[s - 1]
        if t.tag_ in ("NN", "JJ") and t.is_lower and t.dep_ in ("compound", "amod"):
            s -= 1
        else:
            break
    return s, e


def _actor_of_token(doc: Doc, i: int, by_index: dict) -> Optional[ActorInfo]:
    for a in by_index.values():
        for c in a.cands:
            if c.start <= i < c.end and c.kind != "pronoun":
                return a
    return None


def _before_title(doc: Doc, s: int, a: ActorInfo, by_index: dict, lex: ActorLexicon) -> None:
    """What stands before a title: 'Iraqi Prime Minister', "Hizbullah's Secretary General"."""
    i = s - 1
    while i >= 0 and doc[i].tag_ in ("JJ",) and doc[i].is_lower:
        i -= 1
    if i < 0:
        return
    if doc[i].tag_ == "POS":
        i -= 1
    other = _actor_of_token(doc, i, by_index)
    if other is None or other is a:
        return
    if other.type == "country" and "country" not in a.attributes and other.country:
        a.attributes["country"] = _attr(other.country, doc, i, i + 1)
    elif other.type == "community" and doc[i].lower_ in lex.religions:
        a.attributes.setdefault("religion", _attr(doc[i].text, doc, i, i + 1))
    elif other.type != "person":
        a.attributes.setdefault("affiliation", _attr(other, doc, i, i + 1))


def _appositions(doc: Doc, c: Cand, a: ActorInfo, by_index: dict, lex: ActorLexicon) -> None:
    """'Riyad Darar, a member of the NCCDC', 'Nuri Al-Maliki, a Shiite'."""
    root = doc[c.start : c.end].root
    for child in root.children:
        if child.dep_ != "appos":
            continue
        low = child.lower_
        if low in lex.religions or child.lemma_.lower() in lex.religions:
            a.attributes.setdefault("religion", _attr(child.text, doc, child.i, child.i + 1))
            continue
        if low in lex.title_heads:
            s = child.i
            while s > child.left_edge.i and doc[s - 1].dep_ in ("compound", "amod") and doc[s - 1].is_lower:
                s -= 1
            a.attributes.setdefault("role", _attr(doc[s : child.i + 1].text, doc, s, child.i + 1))
            for prep in child.children:
                if prep.dep_ == "prep" and prep.lower_ == "of":
                    for pobj in prep.children:
                        other = _actor_of_token(doc, pobj.i, by_index)
                        if other is not None and other is not a and other.type != "person":
                            a.attributes.setdefault("affiliation", _attr(other, doc, pobj.left_edge.i, pobj.right_edge.i + 1))


def _religion_before(doc: Doc, c: Cand, a: ActorInfo, lex: ActorLexicon) -> None:
    """'the Lebanese Shia group Hizbullah': a sect word just before a group's name."""
    if "religion" in a.attributes:
        return
    for i in range(max(0, c.start - 3), c.start):
        t = doc[i]
        if t.lower_ in lex.religions and is_capitalised(t):
            between = doc[i + 1 : c.start]
            if all(x.is_lower or x.tag_ == "POS" for x in between):
                a.attributes["religion"] = _attr(t.text, doc, i, i + 1)
                return
