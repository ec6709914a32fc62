"""What dyads keeps on a spaCy Doc, declared in one place.

    from .doc import ACTORS_KEY, ActorRegistry, EventRecord
    actors = ActorRegistry(doc)
    a = actors.make("refugees", "community", "made-group:refugees")
    actors.add_mention(a, Cand(3, 4, "group", type=a.type), unique=True, sort=True)

- Doc extensions (`doc._.dyads_*`) and span keys (`doc.spans[...]`) are registered here, once.
- The internal records: `ActorInfo` (an actor while the article is resolved; `id` is "A1", ...,
  given by the registry) and `EventRecord` (the contract's `Event` plus what the pipeline needs
  on the way).
- `ActorRegistry` is the one owner of the article's actor list (`doc._.dyads_actors`) and of
  the actor spans (`doc.spans[ACTORS_KEY]`): the only code that creates actors once the
  actors component has numbered them, gives them ids, adds their mentions and renumbers them.
  Components ask it; none writes the actor list itself.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Iterable, Optional

from spacy.tokens import Doc, Span

from ..model import Event
from . import spanrows
from .kb import Entry
from .mentions import Cand

ACTORS_KEY = "dyads_actors"          # every actor mention, labelled with its actor id
PLACES_KEY = "dyads_places"          # every place mention, labelled with its place id
QUANTITIES_KEY = "dyads_quantities"  # every quantity, labelled with its id

EXTENSIONS = (
    "dyads_actors",        # [ActorInfo] in order of first mention
    "dyads_quoted",        # character regions between quotation marks
    "dyads_quotes",        # [QuoteInfo]
    "dyads_warnings",      # [model.Warning] found while reading
    "dyads_events",        # [EventRecord] in text order
    "dyads_places",        # [model.Place]
    "dyads_place_entries",
    "dyads_quantities",
)

for _name in EXTENSIONS:
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)


@dataclass
class ActorInfo:
    """An actor of the article while it is being resolved."""

    index: int
    name: str
    type: str
    entry: Optional[Entry] = None
    synthetic: Optional[str] = None  # "gov:SYR"-style key of an actor made from a description
    cands: list[Cand] = field(default_factory=list)
    keys: set = field(default_factory=set)
    attributes: dict = field(default_factory=dict)
    id: str = ""  # "A1", ...: given by the registry once the actors are numbered

    @property
    def kb_id(self) -> Optional[str]:
        return self.entry.id if self.entry else None

    @property
    def country(self) -> Optional[str]:
        if self.entry and self.entry.country:
            return self.entry.country
        att = self.attributes.get("country")
        return att["value"] if att else None

    def first(self) -> int:
        return min(c.start for c in self.cands)


@dataclass
class EventRecord(Event):
    """An event as the pipeline holds it: the contract's `Event` (`start`, `end`: its sentence;
    `trigger_start`, `trigger_end`: its trigger words, in characters) and nothing renamed."""

    id: str = ""
    category: str = ""
    trigger: str = ""
    start: int = 0
    end: int = 0

    def contract(self) -> Event:
        return Event(**{f: getattr(self, f) for f in Event.__dataclass_fields__})


class ActorRegistry:
    """The article's actors on a Doc: create, find, add mentions, number, drop and renumber."""

    def __init__(self, doc: Doc):
        self.doc = doc

    @property
    def actors(self) -> list[ActorInfo]:
        return self.doc._.dyads_actors or []

    def by_id(self) -> dict[str, ActorInfo]:
        return {a.id: a for a in self.actors}

    def find(self, synthetic: str) -> Optional[ActorInfo]:
        return next((a for a in self.actors if a.synthetic == synthetic), None)

    # ------------------------------------------------------------ the actors component's

    def number(self, actors: list[ActorInfo], cands: Iterable[Cand]) -> None:
        """The resolved actors, in order of first mention, become A1, A2, ... with their mentions."""
        for n, a in enumerate(actors, 1):
            a.id = f"A{n}"
        self.doc._.dyads_actors = actors
        ids = {a.index: a.id for a in actors}
        self.doc.spans[ACTORS_KEY] = [Span(self.doc, c.start, c.end, label=ids[c.actor])
                                      for c in cands if c.actor in ids]

    # ------------------------------------------------------------ later components'

    def make(self, name: str, type_: str, synthetic: str, index: Optional[int] = None) -> ActorInfo:
        """A new actor after the named ones (next id); `index` defaults to one no resolved actor has."""
        infos = self.doc._.dyads_actors
        if infos is None:
            infos = self.doc._.dyads_actors = []
        a = ActorInfo(index=-1 - len(infos) if index is None else index, name=name, type=type_, synthetic=synthetic)
        a.id = f"A{len(infos) + 1}"
        infos.append(a)
        return a

    def add_mention(self, a: ActorInfo, cand: Cand, unique: bool = False, sort: bool = False) -> bool:
        """One more mention of `a` (a candidate and a span labelled with its id); False when
        `unique` and `a` already has a mention there."""
        if unique and any(c.start == cand.start and c.end == cand.end for c in a.cands):
            return False
        a.cands.append(cand)
        if sort:
            a.cands.sort(key=lambda c: c.start)
        spanrows.append(self.doc, ACTORS_KEY, Span(self.doc, cand.start, cand.end, label=a.id))
        return True

    def keep_only(self, drop: Callable[[ActorInfo], bool]) -> dict[str, Optional[str]]:
        """Drop the actors `drop` says, renumber the rest after them and relabel their spans.
        The old id -> new id (None: dropped) of every actor whose id changed or that was dropped."""
        infos = self.actors
        keep = [a for a in infos if not drop(a)]
        rename: dict[str, Optional[str]] = {a.id: None for a in infos if drop(a)}
        for n, a in enumerate(keep, 1):
            new = f"A{n}"
            if a.id != new:
                rename[a.id], a.id = new, new
        if not rename:
            return rename
        self.doc._.dyads_actors = keep
        if ACTORS_KEY in self.doc.spans:
            spans = []
            for sp in self.doc.spans[ACTORS_KEY]:
                label = rename.get(sp.label_, sp.label_)
                if label is not None:
                    spans.append(sp if label == sp.label_ else Span(self.doc, sp.start, sp.end, label=label))
            self.doc.spans[ACTORS_KEY] = spans
        return rename
