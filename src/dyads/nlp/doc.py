"""What dyads keeps on a spaCy Doc, declared in one place.

    from .doc import ACTORS_KEY, ActorRegistry, EventRecord
    actors = ActorRegistry(doc)
    a = actors.make("refugees", "community", "made-group:refugees")
    actors.add_mention(a, Cand(3, 4, "group", type=a.type), unique=True, sort=True)

- Doc extensions (`doc._.dyads_*`) and span keys (`doc.spans[...]`) are registered here, once.
  `doc._.dyads_article_date` (the article's date, which event dates are relative to) is set by
  the Analyzer before dyads' components run.
- The internal records: `ActorInfo` (an actor while the article is resolved; `id` is "A1", ...,
  given by the registry), `QuoteInfo` (a quote and its speaker) and `EventRecord` (the
  contract's `Event` plus what the pipeline needs on the way).
- `ActorRegistry` is the one owner of the article's actors (`doc._.dyads_actors`) and of the
  actor spans (`doc.spans[ACTORS_KEY]`): the only code that makes an `ActorInfo`. Coreference
  asks it for new actors and attaches mentions to them (`new`, `attach`); it numbers them
  (`number`), adds later actors and mentions (`make`, `add_mention`), drops and renumbers them
  (`keep_only`). Components ask it; none writes the actor list itself.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Callable, Iterable, Optional

from spacy.tokens import Doc, Span

from ..model import Event
from . import spanrows
from .kb import Entry, name_key
from .mentions import Cand

if TYPE_CHECKING:
    from .claims import Claim

ACTORS_KEY = "dyads_actors"          # every actor mention, labelled with its actor id
PLACES_KEY = "dyads_places"          # every place mention, labelled with its place id
QUANTITIES_KEY = "dyads_quantities"  # every quantity, labelled with its id

EXTENSIONS = (
    "dyads_article_date",  # the article's date as given (Article.date), set before our components run
    "dyads_actors",        # [ActorInfo] in order of first mention
    "dyads_quoted",        # character regions between quotation marks
    "dyads_quotes",        # [QuoteInfo]
    "dyads_warnings",      # [model.Warning] found while reading
    "dyads_events",        # [EventRecord] in text order
    "dyads_places",        # [model.Place]
    "dyads_place_entries", # place id -> GeoEntry (None when unresolved)
    "dyads_quantities",    # [model.Quantity] in text order
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
class QuoteInfo:
    """A quote of the article: `kind` ("direct", "indirect", "mixed"), its words [start, end) in
    characters, its speaker's actor id once resolved, and the regions and claim it came from."""

    kind: str
    start: int
    end: int
    text: str
    speaker: Optional[str] = None  # actor id
    speaker_text: Optional[str] = None
    speaker_chars: Optional[tuple[int, int]] = None
    cue: Optional[str] = None
    id: str = ""
    regions: list = field(default_factory=list)  # [quotes.Region]
    claim: Optional[Claim] = None  # claims.Claim: the reporting expression, when one gave the quote


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
        self.resolving: list[ActorInfo] = []  # the actors while coreference runs, before `number`

    @property
    def actors(self) -> list[ActorInfo]:
        return self.doc._.dyads_actors or []

    def by_id(self) -> dict[str, ActorInfo]:
        return {a.id: a for a in self.actors}

    def find(self, synthetic: str) -> Optional[ActorInfo]:
        return next((a for a in self.actors if a.synthetic == synthetic), None)

    # ------------------------------------------------------------ the actors component's

    def new(self, name: str, type_: str, entry: Optional[Entry] = None, synthetic: Optional[str] = None) -> ActorInfo:
        """An actor found while the article is resolved: its `index` is its place among them;
        the knowledge base's names of its entry are its name keys."""
        a = ActorInfo(len(self.resolving), name, type_, entry=entry, synthetic=synthetic)
        self.resolving.append(a)
        if entry:
            for n in [entry.name, *entry.aliases]:
                a.keys.add(name_key(n))
        return a

    def attach(self, a: ActorInfo, cand: Cand) -> None:
        """A mention of `a` found while the article is resolved; a name (not a pronoun nor a
        description) adds its name key to the actor's."""
        cand.actor = a.index
        a.cands.append(cand)
        if cand.kind not in ("pronoun", "desc"):
            key = name_key(cand.text(self.doc))
            if key:
                a.keys.add(key)

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
