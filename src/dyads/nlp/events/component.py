"""The `dyads_events` spaCy component: who did what to whom, in PLOVER.

    nlp.add_pipe("dyads_events")     # after dyads_actors and dyads_quotes
    doc._.dyads_events               # [EventRecord] in text order

For every verb (and event noun) the trigger lexicon knows (`lexicon.py`, matched by `matcher.py`),
the source and the target come from the parse (`participants.py`); negation ("no massacres have
been committed", "did not attack") and modality ("should", "could" -> hypothetical; "will" ->
future; "asked to", "demanded" -> demanded) from `marks.py`; a speaker's condemning words about
an actor are an accusation (`accusations.py`). An event inside a quote is claimed by the quote's
speaker; reported speech, denials and claims of responsibility decide who acts and who asserts
it (`reports.py`, `denials.py`); nominal events their own authors (`nominal.py`); standing
alignments are events too (`alignments.py`). Which events make relations is decided in one
place, `graph.event_voice` (asserted, not negated, in the article's voice or a side's own).

`match(doc)` finds the events; `set_annotations(doc, events)` drops the actors made for events
that did not hold (through the actor registry), numbers the events, gives each its date (relative
to `doc._.dyads_article_date`, which the Analyzer sets) and place, and sets `doc._.dyads_events`.
`initialize(triggers_files=...)`, `to_disk` and `from_disk` carry the user's extra lexicon files.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Iterable, Optional

from spacy.language import Language
from spacy.tokens import Doc, Token

from ..dates import date_in_chars
from ..doc import ActorRegistry, EventRecord
from ..mentions import doc_text
from ..places import place_for
from ..places.gazetteer import gazetteer
from ..quotes import quote_at
from .accusations import accusations
from .alignments import alignments
from .threats import threats
from .speech import comparisons
from .requests import hostile_requests
from .stance_acts import stance_acts
from .background import narrate_background
from .lexicon import TriggerHit, load_triggers
from .marks import main_clause, modality as modality_of, negated as is_negated, unless
from .lexicon import intent_category, polarity_of
from .matcher import match_trigger
from . import nominal
from .nouns import match_noun_trigger
from .participants import Participants
from .denials import rebuttals
from .reports import namings, voice
from .words import CALL_VERBS, MADE_PREFIXES, ONE_SIDED

LEXICON_INDEX = "triggers.json"  # in a component's to_disk folder: the extra lexicon files, in order


@Language.factory(
    "dyads_events",
    assigns=["doc._.dyads_events"],
    requires=["doc._.dyads_actors", "doc._.dyads_quotes", "token.dep", "token.lemma"],
    default_config={"triggers_files": []},
)
def make_events(nlp: Language, name: str, triggers_files: list[str]):
    return EventsComponent(triggers_files)


def when_and_where(doc: Doc, e: EventRecord) -> None:
    """The event's date (relative to `doc._.dyads_article_date`) and place id, from its sentence
    and its trigger."""
    e.date = date_in_chars(doc, e.start, e.end, doc._.dyads_article_date, anchor_char=e.trigger_start)
    e.place = place_for(doc, e.start, e.end, anchor_char=e.trigger_start)


def polarity(category: str, hit) -> int:
    return hit.polarity if category == hit.category else polarity_of(category)


class EventsComponent:
    def __init__(self, triggers_files: Iterable[str] = ()):
        self.files = tuple(str(p) for p in (triggers_files or ()))
        self.lex = load_triggers(self.files)

    def __call__(self, doc: Doc) -> Doc:
        self.set_annotations(doc, self.match(doc))
        return doc

    def match(self, doc: Doc) -> list[EventRecord]:
        return _Finder(doc, self.lex).find()

    def set_annotations(self, doc: Doc, events: list[EventRecord]) -> None:
        _drop_unused_made_actors(doc, events)
        for n, e in enumerate(sorted(events, key=lambda e: (e.trigger_start, e.source or "", e.target or "")), 1):
            e.id = f"E{n}"
        doc._.dyads_events = sorted(events, key=lambda e: e.trigger_start)
        for e in doc._.dyads_events:
            when_and_where(doc, e)

    def initialize(self, get_examples=None, *, nlp: Optional[Language] = None,
                   triggers_files: Optional[Iterable[str]] = None) -> None:
        if triggers_files is not None:
            self.files = tuple(str(p) for p in triggers_files)
            self.lex = load_triggers(self.files)

    def to_disk(self, path, *, exclude=()) -> None:
        """The extra lexicon files, copied into `path` (the bundled ones come with dyads)."""
        path = Path(path)
        files = [(f"{n:02d}-{_saved_name(Path(f), path)}", Path(f).read_bytes())  # read first:
                 for n, f in enumerate(self.files)]
        path.mkdir(parents=True, exist_ok=True)  # they may be the copies saved here before
        index = path / LEXICON_INDEX
        for old in json.loads(index.read_text(encoding="utf-8")) if index.exists() else []:
            (path / old).unlink(missing_ok=True)
        for name, data in files:
            (path / name).write_bytes(data)
        index.write_text(json.dumps([name for name, _ in files]), encoding="utf-8")

    def from_disk(self, path, *, exclude=()) -> "EventsComponent":
        path = Path(path)
        index = path / LEXICON_INDEX
        names = json.loads(index.read_text(encoding="utf-8")) if index.exists() else []
        self.files = tuple(str(path / n) for n in names)
        self.lex = load_triggers(self.files)
        return self


def _call_for(tok: Token):
    """"Turkey called for the Kurds to withdraw": a request to the Kurds (the parser makes "for" the
    mark of a clause, where the lexicon's "call for" wants a noun); the act asked for is marked demanded."""
    if tok.lemma_.lower() not in CALL_VERBS:
        return None
    for c in tok.children:
        if c.dep_ in ("advcl", "ccomp") and any(m.dep_ == "mark" and m.lower_ == "for" for m in c.children):
            subj = next((x for x in c.children if x.dep_ == "nsubj"), None)
            if subj is not None:
                return TriggerHit(category="REQUEST", mode=None, cameo="10", polarity=0, trigger_start=tok.i,
                                  trigger_end=tok.i + 1, target=subj, target_rule="for",
                                  candidates=(("for", subj),), tokens=(tok.i,), entry="call for X to")
    return None



def _saved_name(f: Path, folder: Path) -> str:
    """A file's name in a saved component: a copy saved in `folder` before loses its number."""
    if f.parent.resolve() == folder.resolve() and f.name[:2].isdigit() and f.name[2:3] == "-":
        return f.name[3:]
    return f.name


def _drop_unused_made_actors(doc: Doc, events: list) -> None:
    """Places and unnamed groups become actors only to take part in an event; those whose event
    did not hold are dropped, and the ids of the rest follow on from the named actors'."""
    used = {e.source for e in events} | {e.target for e in events}
    rename = ActorRegistry(doc).keep_only(
        lambda a: (a.synthetic or "").startswith(MADE_PREFIXES) and a.id not in used)
    if rename:
        for e in events:
            e.source = rename.get(e.source, e.source)
            e.target = rename.get(e.target, e.target)


class _Finder(Participants):
    """The events of one Doc: its triggers, their participants and marks."""

    def __init__(self, doc: Doc, lex):
        super().__init__(doc)
        self.lex = lex
        self.text = doc_text(doc)
        self.quotes = doc._.dyads_quotes or []

    def find(self) -> list[EventRecord]:
        out: list[EventRecord] = []
        seen = set()
        hits = []
        for tok in self.doc:
            hit = None
            if tok.pos_ in ("VERB", "AUX") or tok.tag_.startswith("VB"):
                hit = match_trigger(tok, self.lex)
            elif tok.pos_ == "NOUN":
                hit = match_noun_trigger(tok, self.lex)
            if hit is None and tok.pos_ == "VERB":
                hit = _call_for(tok)
            if hit is not None:
                hits.append((tok, hit))
        # an act only agreed, asked, threatened or refused is the other act's content, not an event of its own
        complements = {h.complement for _, h in hits if getattr(h, "complement", None) is not None}
        self.hits = {tok.i: hit for tok, hit in hits}
        for e in (accusations(self, {tok.i for tok, _ in hits}) + alignments(self) + namings(self) + rebuttals(self)
                  + threats(self) + comparisons(self) + hostile_requests(self)):
            key = (e.category, e.source, e.target, e.trigger_start)
            if key not in seen:
                seen.add(key)
                out.append(e)
        self.hits = {tok.i: hit for tok, hit in hits}
        same_act = set()
        for tok, hit in hits:
            if tok.i in complements:
                continue
            for e in self._events(tok, hit):
                key = (e.category, e.source, e.target, e.trigger_start)
                # "began a hunger strike to protest the decision": one protest, told twice
                act = (e.category, e.source, e.target, e.start, e.negated, e.claimed_by)
                if key not in seen and (e.source is None or e.target is None or act not in same_act):
                    seen.add(key)
                    same_act.add(act)
                    out.append(e)
        return out + stance_acts(self, out)  # stance toward an act is stance toward its author

    def _events(self, tok: Token, hit) -> list[EventRecord]:
        sent = tok.sent
        t_start = self.doc[hit.trigger_start].idx
        t_end = self.doc[hit.trigger_end - 1].idx + len(self.doc[hit.trigger_end - 1].text)
        # reported speech, denials and claims of responsibility: who acts, who asserts it
        said = voice(self, tok, tok if tok.pos_ != "NOUN" else self._governing_verb(tok), t_start, t_end, hit)
        narrate_background(said, tok, said.verb, hit)  # "since the army began its offensive": the article's
        if said.drop:
            return []
        verb = said.verb
        if said.sources is not None:
            sources = said.sources
        else:  # a nominal event's own author first ("the army's raid"), else the verb's subject
            sources = nominal.event_sources(self, tok, verb, hit, self.lex)
            if sources is None:
                sources = self._sources(tok, verb) or nominal.instrument_sources(self, tok, self.lex)
            sources = nominal.not_places(self, sources)
        self._avoid = set(sources)
        if said.targets is not None:
            targets = said.targets
        else:
            targets = nominal.event_targets(self, self._targets(tok, hit, sources), sources, tok, hit)
        self._avoid = set()
        if not (self._dyadic_enough(tok, verb, hit.category, sources, targets) or self._mutual_sides(tok, verb, hit, sources, targets)):
            return []
        trigger = self.text[t_start:t_end]
        negated = is_negated(tok, verb, tuple(hit.tokens)) or said.denied
        modality = "asserted" if nominal.presupposed(tok, hit) or said.narrated else modality_of(tok, verb)
        if said.unsaid and modality == "asserted":
            modality = "hypothetical"  # "did not confirm that its forces struck": asserted by no one
        category = hit.category
        mode = hit.mode
        if category == "MOBILIZE" and targets and self._cooperative_purpose(verb if verb is not None else tok):
            # "sent fighters to help the regime": forces moved to an ally's side are military cooperation
            category, mode = "COOPERATE", "military"
        if negated and getattr(hit, "negated_category", None):
            category, negated = hit.negated_category, False  # "will not accept" is a rejection
        elif modality == "future" and not negated:
            category = intent_category(category)  # "will provide aid": an agreement; "would boycott": a threat
            if unless(verb if verb is not None else tok):
                category = "THREATEN"  # "will withdraw its force unless ...": a threat
        quote = None if said.narrated else self._quote_at(t_start, t_end)
        claimed_by = said.claimed_by or (quote.speaker if quote is not None and not nominal.named_act(hit) else None)
        quote_id = said.quote or (quote.id if quote is not None else None)
        out = []
        for s, t in self._pairs(tok, verb, hit, category, sources, targets):
            if s is not None and s == t:
                continue
            out.append(EventRecord(
                category=category, trigger=trigger, trigger_start=t_start, trigger_end=t_end,
                start=sent.start_char, end=sent.end_char, source=s, target=t, mode=mode,
                cameo=hit.cameo, polarity=polarity(category, hit), negated=negated, modality=modality,
                claimed_by=claimed_by, quote=quote_id,
            ))
        return out

    def _place_made(self, aid: str) -> bool:
        """Whether an actor is a place an event made one (a town, a region), not a whole country:
        a country that acts is its state ("the Armenia-Azerbaijan war"), a town never is."""
        a = self.actors.get(aid)
        if a is None or not (a.synthetic or "").startswith("made-place:"):
            return False
        entry = gazetteer().resolve(a.name)
        return entry is None or entry.kind != "country"

    def _dyadic_enough(self, tok: Token, verb: Optional[Token], category: str, sources: list, targets: list) -> bool:
        """An event is a dyad: who does it and to whom. One side may be missing only where the
        act stands without it: a protest or a mobilisation by someone ("thousands marched"), or a
        blow whose victims the text names but whose authors it does not ("three civilians were
        killed in a bombing")."""
        if sources and targets:
            return True
        if not sources and not targets:
            return False
        if not sources and all(self._place_made(t) for t in targets):
            return False  # "the minister travelled to Paris": a place, and no one named who acts
        if main_clause(verb if verb is not None else tok):
            return True
        if sources:
            return category in ONE_SIDED
        if targets and category in ("ASSAULT", "COERCE"):
            v = verb if verb is not None else tok
            return any(c.dep_ in ("nsubjpass", "auxpass") for c in v.children)
        return False

    def _quote_at(self, start: int, end: int):
        return quote_at(self.quotes, start, end)
