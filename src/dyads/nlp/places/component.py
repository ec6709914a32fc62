"""The `dyads_places` component: `match` finds and resolves the places, `set_annotations` writes
them on the Doc. Its lexicon is the gazetteer; the user's places files (in the format of
kb/places_curated.yaml) travel with a saved pipeline (`to_disk` / `from_disk`)."""
from __future__ import annotations

import re
from pathlib import Path
from typing import Iterable, Optional

from spacy.language import Language
from spacy.tokens import Doc, Span

from ...model import Place
from .. import doc as _doc  # noqa: F401 - registers doc._.dyads_places and doc._.dyads_place_entries
from .context import Context
from .gazetteer import GeoEntry, Gazetteer, gazetteer
from .resolve import resolve_places
from .rules import find_places
from .words import SPAN_KEY

_SAVED = re.compile(r"places_(\d+)(\.[A-Za-z0-9]+)?")  # the places files saved with a pipeline


@Language.factory(
    "dyads_places",
    assigns=["doc._.dyads_places", "doc.spans"],
    requires=["doc.ents", "token.tag", "token.dep", "token.lemma"],
    default_config={"places_files": []},
)
def make_places(nlp: Language, name: str, places_files: list[str]):
    return PlacesComponent(nlp, name, places_files=places_files)


class PlacesComponent:
    def __init__(self, nlp: Optional[Language] = None, name: str = "dyads_places", places_files=()):
        self.name = name
        self.places_files = tuple(str(p) for p in places_files or ())
        self._gaz: Optional[Gazetteer] = None  # built on first use, or by initialize

    @property
    def gaz(self) -> Gazetteer:
        if self._gaz is None:
            self._gaz = gazetteer(self.places_files)
        return self._gaz

    def initialize(self, get_examples=None, *, nlp=None, places_files: Optional[Iterable[str]] = None) -> None:
        """Load the gazetteer (again), with other places files if given."""
        if places_files is not None:
            self.places_files = tuple(str(p) for p in places_files)
        self._gaz = gazetteer(self.places_files)

    def to_disk(self, path, *, exclude=()) -> None:
        """Save the user's places files with the pipeline, so that it loads anywhere (the
        bundled gazetteer data comes with the dyads package)."""
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        files = [(Path(src).suffix, Path(src).read_bytes()) for src in self.places_files]  # before any is removed
        for old in saved_files(path, _SAVED):
            old.unlink()
        for i, (suffix, content) in enumerate(files):
            (path / f"places_{i}{suffix}").write_bytes(content)

    def from_disk(self, path, *, exclude=()) -> "PlacesComponent":
        """Take the places files saved by `to_disk` (none: the bundled gazetteer alone)."""
        self.places_files = tuple(str(p) for p in saved_files(Path(path), _SAVED))
        self._gaz = None
        return self

    def __call__(self, doc: Doc) -> Doc:
        self.set_annotations(doc, *self.match(doc))
        return doc

    def match(self, doc: Doc) -> tuple[list[Place], list[Span], dict[str, Optional[GeoEntry]]]:
        """The places (P1, P2, ...), their mention spans and {place id: GeoEntry or None}."""
        cx = Context(doc)
        hits = find_places(doc, self.gaz, cx)
        return resolve_places(doc, hits, self.gaz, cx)

    def set_annotations(self, doc: Doc, places: list[Place], spans: list[Span],
                        entries: dict[str, Optional[GeoEntry]]) -> None:
        doc._.dyads_places = places
        doc._.dyads_place_entries = entries
        doc.spans[SPAN_KEY] = spans


def saved_files(path: Path, pattern: re.Pattern) -> list[Path]:
    """The files in `path` whose names match `pattern` (group 1 a number), in that number's order."""
    if not path.is_dir():
        return []
    found = [(int(m.group(1)), p) for p in path.iterdir() if (m := pattern.fullmatch(p.name))]
    return [p for _, p in sorted(found)]
