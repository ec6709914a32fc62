"""The `dyads_quantities` spaCy component: the numbers an article states and what they count.

    nlp.add_pipe("dyads_quantities")           # after dyads_actors
    doc._.dyads_quantities                     # [Quantity], N1, N2, ... in text order
    doc.spans["dyads_quantities"]              # their spans, labelled with the id

It finds (`numbers.find_quantities`, a scan of the text), then reads the parse
only around what it found (`ParseView`): which "one" is a number, what noun is
counted, and which actor the number is about.

Its lexicon is the units table (kb/units.yaml, through `dyads.kb`); another table in that format,
given to `initialize(units_file=...)`, is saved with the pipeline by `to_disk` and taken back
by `from_disk`.
"""
from __future__ import annotations

import bisect
import dataclasses
import re
import shutil
from pathlib import Path
from typing import Optional

from spacy.language import Language
from spacy.tokens import Doc, Span

from .. import kb
from ..model import Quantity
from .casualties import count_people, harmed_by_agent, victims_side
from .mentions import doc_text
from .numbers import (  # the text scan
    Found,
    UNITS_FILE,
    Units,
    _WINDOW,
    _out,
    find_quantities,
    load_units,
)

from .doc import ACTORS_KEY as ACTOR_SPANS, QUANTITIES_KEY as SPAN_KEY  # noqa: E402 (registers the extensions)


@Language.factory(
    "dyads_quantities",
    assigns=["doc._.dyads_quantities", "doc.spans"],
    requires=["doc._.dyads_actors", "token.dep", "token.tag", "token.lemma"],
)
def make_quantities(nlp: Language, name: str):
    return QuantitiesComponent()


SAVED_UNITS = "units.yaml"  # a user's units table, saved with the pipeline


class QuantitiesComponent:
    def __init__(self, units_file: str = UNITS_FILE):
        self.units_file = str(units_file)
        self.units = load_units(self.units_file)

    def initialize(self, get_examples=None, *, nlp=None, units_file: Optional[str] = None) -> None:
        """Load the units table (again), another one if given."""
        if units_file is not None:
            self.units_file = str(units_file)
        self.units = load_units(self.units_file)

    def to_disk(self, path, *, exclude=()) -> None:
        """Save a user's units table with the pipeline (the bundled one comes with the dyads package)."""
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        saved = path / SAVED_UNITS
        if self.units_file == UNITS_FILE:
            saved.unlink(missing_ok=True)
        elif Path(self.units_file).resolve() != saved.resolve():
            shutil.copyfile(self.units_file, saved)

    def from_disk(self, path, *, exclude=()) -> "QuantitiesComponent":
        """Take the units table saved by `to_disk`, else the bundled one."""
        saved = Path(path) / SAVED_UNITS
        self.units_file = str(saved) if saved.is_file() else UNITS_FILE
        self.units = load_units(self.units_file)
        return self

    def __call__(self, doc: Doc) -> Doc:
        view = ParseView(doc)
        self.set_annotations(doc, self.match(doc, view), view)
        return doc

    def match(self, doc: Doc, view: Optional["ParseView"] = None) -> list[Quantity]:
        text = doc_text(doc)
        if not doc.has_annotation("DEP"):
            view = None
        elif view is None:
            view = ParseView(doc)
        found = find_quantities(text, self.units, view)
        out = []
        for n, f in enumerate(found, 1):
            out.append(Quantity(
                id=f"N{n}", text=text[f.start : f.end], start=f.start, end=f.end,
                value=_out(f.value), low=_out(f.low), high=_out(f.high), approx=f.approx,
                unit=f.unit or "count", counts=f.counts, subject=f.subject,
            ))
        return out

    def set_annotations(self, doc: Doc, quantities: list[Quantity], view: Optional["ParseView"] = None) -> None:
        doc._.dyads_quantities = quantities
        spans = []
        if quantities:
            starts = (view or ParseView(doc)).starts
            for q in quantities:
                i = max(0, bisect.bisect_right(starts, q.start) - 1)
                j = bisect.bisect_left(starts, q.end)
                spans.append(Span(doc, i, max(j, i + 1), label=q.id))
        doc.spans[SPAN_KEY] = spans


def quantity_results(doc: Doc) -> list[Quantity]:
    """The contract's quantities of a processed Doc, numbered N1, N2, ... in text order
    (copies: the caller may fill in `claimed_by` without touching the Doc)."""
    return [dataclasses.replace(q) for q in doc._.dyads_quantities or []]


class ParseView:
    """Token lookups by character offset, the actor at a token, and the few parse
    questions the rules ask. Built once per Doc; cheap until a question is asked."""

    _RELATIVE = kb.words("quantities", "relatives")
    _SHARE_VERBS = kb.words("quantities", "share_verbs")

    def count(self, text: str, f: Found, u: Units) -> None:
        """What the number counts, read from the parse (see `_counted`)."""
        _counted(text, f, u, self)

    def people(self, f: Found) -> None:
        """What a count of people harmed or displaced counts (see `casualties`)."""
        count_people(self, f)

    def __init__(self, doc: Doc):
        self.doc = doc
        self._starts: Optional[list[int]] = None
        self._actors: Optional[dict[int, str]] = None

    @property
    def starts(self) -> list[int]:
        if self._starts is None:
            self._starts = self.doc.to_array("IDX").tolist() if len(self.doc) else []
        return self._starts

    def tok(self, char: int):
        i = bisect.bisect_right(self.starts, char) - 1
        return self.doc[max(0, min(i, len(self.doc) - 1))] if len(self.doc) else None

    def tok_from(self, char: int):
        """The first token starting at or after char."""
        i = bisect.bisect_left(self.starts, char)
        return self.doc[i] if i < len(self.doc) else None

    def name_before(self, char: int) -> bool:
        """A person's name before 'name, 66,'."""
        t = self.tok(char)
        if t is None or t.i < 2 or self.doc[t.i - 1].text != ",":
            return False
        p = self.doc[t.i - 2]
        return p.tag_ in ("NNP", "NNPS") and p.is_title

    def not_name(self, f: Found) -> bool:
        """False for a number inside a name: '11 Pro Max', 'the 20 Ultra has'; and for a
        number word standing for a noun left out: 'the bottom three'."""
        if f.unit:
            return True
        t = self.tok(max(f.num_end - 1, f.start))
        if t is None:
            return True
        nxt = self.doc[t.i + 1] if t.i + 1 < len(self.doc) else None
        if nxt is not None and nxt.tag_ == "NNP" and nxt.is_title and len(nxt.text) > 1 and t.tag_ == "CD":
            k = nxt.i
            while k + 1 < len(self.doc) and self.doc[k + 1].tag_ == "NNP":
                k += 1
            after = self.doc[k + 1] if k + 1 < len(self.doc) else None
            if after is None or after.pos_ not in ("NOUN", "PROPN"):
                return False
        if f.kind == "words" and not (t.dep_ == "nummod" and t.head.i > t.i):
            prev = self.doc[t.i - 1] if t.i > 0 else None
            if prev is not None and (prev.lower_ == "the" or (prev.tag_ in ("JJ", "NN") and t.i > 1 and self.doc[t.i - 2].lower_ == "the")):
                return False
        return True

    _AGE_VERBS = kb.words("quantities", "age_verbs")
    _AGE_SUBJECTS = kb.words("quantities", "age_subjects")

    def age_of_person(self, f: Found) -> bool:
        """'she turned 40', 'he will be 35 next year': a bare whole number that completes
        'be' or 'turn' with a person as subject is their age (not 'it is 35', 'they were 12')."""
        t = self.tok(max(f.num_end - 1, f.start))
        if t is None or t.dep_ not in ("attr", "acomp", "dobj", "oprd", "npadvmod") or t.head.lemma_ not in self._AGE_VERBS:
            return False
        if any(c.dep_ in ("prep", "amod") and c.i > t.i and c.lower_ in ("of", "per", "percent") for c in t.children):
            return False
        subj = next((c for c in t.head.children if c.dep_ == "nsubj"), None)
        return subj is not None and (subj.lower_ in self._AGE_SUBJECTS or subj.ent_type_ == "PERSON")

    def tag_before(self, char: int) -> str:
        t = self.tok(char - 1) if char > 0 else None
        if t is None:
            return ""
        while t.i > 0 and t.is_space:
            t = self.doc[t.i - 1]
        return t.tag_

    # -- actors
    @property
    def actors(self) -> dict[int, str]:
        if self._actors is None:
            self._actors = {}
            if ACTOR_SPANS in self.doc.spans:
                for sp in self.doc.spans[ACTOR_SPANS]:
                    for i in range(sp.start, sp.end):
                        self._actors.setdefault(i, sp.label_)
        return self._actors

    def actor_in(self, i0: int, i1: int, prefer: Optional[int] = None) -> Optional[str]:
        if prefer is not None and prefer in self.actors:
            return self.actors[prefer]
        for i in range(i0, i1):
            if i in self.actors and self.doc[i].tag_ not in ("PRP", "PRP$"):
                return self.actors[i]
        return None

    def actor_of_phrase(self, tok) -> Optional[str]:
        """An actor named by a noun phrase: its head, or a name inside it."""
        return self.actor_in(tok.left_edge.i, tok.i + 1, prefer=tok.i) or self.actor_in(tok.left_edge.i, tok.right_edge.i + 1)

    # -- questions
    def vague_alone(self, s: int, e: int) -> bool:
        t = self.tok(s)
        return t is not None and t.tag_ == "NNS" and t.dep_ in ("nsubj", "nsubjpass", "dobj")

    def counts_plural(self, num_end: int, prev_text: str, u: Units, values: list) -> bool:
        """A year-like number that counts: '1500 people', '1200 workers' (not 'the 2019
        elections', '2003 results')."""
        if re.search(r"(?:\b(?:the|this|that|its|their|his|her|our|in|of|since|by|until|from)|['\u2019]s)\s*$", prev_text.lower()):
            return False
        t = self.tok_from(num_end)
        if t is None or t.tag_ != "NNS" or t.ent_type_ == "DATE" or t.idx - num_end > 1:
            return False
        return t.lemma_.lower() in u.people or t.lower_ in u.people or all(v < 1900 for v in values)

    def one_counts(self, f: Found) -> bool:
        t = self.tok(f.num_end - 1)
        if t is None:
            return False
        if t.dep_ == "nummod" and t.head.i > t.i and t.head.pos_ in ("NOUN", "PROPN"):
            return t.head.ent_type_ not in ("DATE", "TIME")
        nxt = t.nbor(1) if t.i + 1 < len(self.doc) else None
        if nxt is not None and nxt.lower_ == "of":
            obj = next((c for c in nxt.children if c.dep_ == "pobj"), None)
            if obj is not None and any(c.tag_ in ("JJS", "RBS") or (c.tag_ == "JJ" and any(g.tag_ == "RBS" for g in c.children))
                                       for c in obj.children):
                return True  # "one of the best speakers"
        return False

    def _noun_after(self, num_end: int):
        """The noun a number counts: its head when the number modifies a noun to its right."""
        t = self.tok(num_end - 1)
        if t is None:
            return None, None
        h = t.head
        if t.dep_ in ("nummod", "quantmod", "compound", "amod", "nmod", "npadvmod") and h.i > t.i and h.i - t.i <= 6 \
                and h.pos_ in ("NOUN", "PROPN") and h.ent_type_ not in ("DATE", "TIME"):
            return t, h
        return t, None

    def counted(self, f: Found, text: str, u: Units) -> None:
        t, h = self._noun_after(f.num_end)
        if h is not None and h.idx >= f.end:
            f.unit = self._noun_unit(t.i + 1, h, u)
            f.counts = self.doc[self._mods_start(t.i + 1, h) : h.i + 1].text
            if h.idx == f.end + 1 or h.idx == f.end:
                f.end = h.idx + len(h.text)
                rm = u.per_time_re.match(text[f.end : f.end + _WINDOW])
                if rm and f.unit != "people":  # "three thousand tests per day"
                    f.unit, f.end = f"{f.unit} per {rm.group(1)}", f.end + rm.end()
            return
        if t is None:
            return
        nxt = self.doc[t.i + 1] if t.i + 1 < len(self.doc) else None
        if nxt is not None and nxt.lower_ == "of" and nxt.idx >= f.end:
            obj = next((c for c in nxt.children if c.dep_ == "pobj"), None)
            if obj is not None and not any(x.like_num for x in obj.subtree):
                f.counts = self._np_text(obj)
                if f.word == "one" or f.unit is None:
                    f.unit = self._noun_unit(obj.left_edge.i, obj, u)

    def of_object(self, f: Found):
        t = self.tok_from(f.end)
        if t is not None and t.lower_ == "of" and t.idx - f.end <= 1:
            return next((c for c in t.children if c.dep_ == "pobj"), None)
        return None

    def vague_noun(self, f: Found, rest: int, u: Units) -> None:
        t = self.tok_from(rest)
        if t is None:
            return
        of = self.doc[t.i - 1] if t.i > 0 else None
        obj = None
        if of is not None and of.lower_ == "of":
            obj = next((c for c in of.children if c.dep_ == "pobj"), None)
        if obj is None:
            obj = t
            while obj.i + 1 < len(self.doc) and obj.pos_ in ("ADJ", "PROPN", "NOUN", "DET", "NUM") and obj.nbor(1).pos_ in ("ADJ", "NOUN", "PROPN"):
                obj = obj.nbor(1)
        f.unit = self._noun_unit(self._mods_start(t.i, obj), obj, u)
        f.counts = self._np_text(obj)
        f.end = obj.idx + len(obj.text)

    def _mods_start(self, i0: int, h) -> int:
        """Start of the modifiers of h from i0 on, after any determiner or possessive."""
        start = i0
        for k in range(i0, h.i):
            tk = self.doc[k]
            if tk.dep_ in ("det", "poss", "case", "predet") or tk.tag_ in ("POS", "PRP$", "DT") or (tk.is_punct and tk.text != "-"):
                start = k + 1
        return start

    def _noun_unit(self, i0: int, h, u: Units) -> str:
        lemma = h.lemma_ if h.pos_ != "PROPN" else h.text
        if lemma.lower() in u.people or h.lower_ in u.people:
            return "people"
        start = self._mods_start(i0, h)
        if h.i > start and f"{self.doc[h.i - 1].lower_} {h.lower_}" in u.unit_forms:
            return u.unit_forms[f"{self.doc[h.i - 1].lower_} {h.lower_}"]  # "one US fluid ounce"
        if h.lower_ in u.unit_forms and all(tk.pos_ in ("ADJ", "VERB") or tk.tag_ in ("VBG", "VBN", "NNP")
                                            for tk in self.doc[start : h.i]):
            return u.unit_forms[h.lower_]  # "517 rushing yards", "one US fluid ounce"
        while start < h.i and self.doc[start].text in ("-", "\u2013"):
            start += 1
        mods = []
        for tk in self.doc[start : h.i]:
            if (tk.is_punct and tk.text != "-") or tk.tag_ in ("VBN", "VBG", "CC"):
                continue
            if tk.like_num or tk.pos_ == "PROPN" or (tk.text[:1].isupper() and not tk.is_sent_start):
                mods.append(tk.text)  # "737", "World Cup", "Russian"
            else:
                mods.append(tk.lemma_.lower() if tk.tag_ in ("JJS", "JJR", "NNS") else tk.lower_)
        text = ""
        for k, w in enumerate(mods):
            text += w if (not text or text.endswith("-") or w == "-") else " " + w
        head = lemma if h.pos_ == "PROPN" else lemma.lower()
        return (text + " " + head).strip() if text else head

    def _np_text(self, obj) -> str:
        start = obj.left_edge.i
        for c in obj.children:
            if c.dep_ == "poss" and c.i < obj.i:
                start = c.right_edge.i + 1
        while start < obj.i and self.doc[start].tag_ == "POS":
            start += 1
        return self.doc[start : obj.i + 1].text

    def subject(self, f: Found, text: str) -> Optional[str]:
        """The actor a number is about: the antecedent of 'who make up 10 per cent',
        the other side of 'X per cent of ... are Alawites', the subject of 'Alawites
        make up 10 per cent', or an actor named in what is counted."""
        if not self.actors:
            return None
        first, last = self.tok(f.start), self.tok(max(f.start, f.end - 1))
        if first is None:
            return None
        span = self.doc[first.i : last.i + 1]
        r = span.root
        if harmed_by_agent(self, f):
            return victims_side(self, f)  # "<X>, which killed 1,200 people": X is no side of the victims
        # what it is the share of, or what it is said to be
        x = r
        for _ in range(4):
            if x.dep_ == "relcl":
                ante = x.head
                subj = next((c for c in x.children if c.dep_ in ("nsubj", "nsubjpass")), None)
                if subj is not None and subj.lower_ in self._RELATIVE:
                    a = self.actor_of_phrase(ante)
                    if a:
                        return a
                break
            if x.head.i == x.i or x.pos_ in ("VERB", "AUX") and x.dep_ != "relcl":
                break
            x = x.head
        v = r.head
        if r.dep_ in ("nsubj", "nsubjpass") and v.lemma_ == "be":
            for c in v.children:
                if c.dep_ in ("attr", "acomp") and c.i > r.i:
                    a = self.actor_of_phrase(c)
                    if a:
                        return a
        if r.dep_ == "pobj" and v.dep_ == "prep":
            r, v = v, v.head
        if r.dep_ in ("dobj", "attr", "prep", "npadvmod") and v.lemma_ in self._SHARE_VERBS:
            subj = next((c for c in v.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            if subj is not None:
                if subj.lower_ in self._RELATIVE and v.dep_ == "relcl":
                    subj = v.head
                a = self.actor_of_phrase(subj)
                if a:
                    return a
        obj = self.of_object(f)
        if obj is not None:
            a = self.actor_in(obj.left_edge.i, obj.i + 1, prefer=obj.i)
            if a:
                return a
        if f.counts:
            t, h = self._noun_after(f.num_end)
            if h is not None:
                return self.actor_in(t.i + 1, h.i + 1, prefer=h.i) or victims_side(self, f)
            if f.kind == "vague":
                tail = self.tok(f.end - 1)
                if tail is not None:
                    a = self.actor_in(first.i, tail.i + 1, prefer=tail.i)
                    if a:
                        return a
        return victims_side(self, f)


def _counted(text: str, f: Found, u: Units, parse: ParseView) -> None:
    if f.unit is None or (f.word == "one" and f.unit == "count"):
        parse.counted(f, text, u)
    elif not f.counts:  # "10 per cent of the vote", "50,000 tonnes of wheat", "$2bn of debt"
        obj = parse.of_object(f)
        if obj is not None and (f.unit in ("percent", "fraction") or not any(x.like_num for x in obj.subtree)):
            f.counts = parse._np_text(obj)
    count_people(parse, f)
