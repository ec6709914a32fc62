"""The knowledge files of dyads, and the one loader that reads them.

This folder holds the data the pipeline matches text against: the actor and trigger tables
(`actors_*`, `triggers_*`), the place list (`places_curated.yaml`), other word lists
(`lexicon.yaml`, `reporting.yaml`, `units.yaml`, ...) and, under `grammar/`, one YAML file per
concern with the small English word lists of the pipeline's rules (`grammar/events.yaml` for
the events component, `grammar/places.yaml` for places, ...). Each list there says in a comment
what it is for. Code never opens these files itself: it asks this module.

    from dyads import kb
    kb.words("events", "member_nouns")      # a frozenset (a set of words)
    kb.ordered("dates", "rule_order")       # a tuple (an ordered list)
    kb.table("dates", "months")             # a dict
    kb.data("lexicon.yaml")                 # a whole data file, parsed
    kb.rows("agents.tsv")                   # the rows of a TSV file, as dicts

Everything is read once per process (cached) and the built form of the large tables (actors,
triggers, gazetteer) is kept on disk across processes through `cached` (see `nlp/diskcache`).

The user's overlay: when the environment variable DYADS_KB_OVERLAY names a folder, a YAML file
there with the same relative name as one here (`grammar/events.yaml`, `lexicon.yaml`, ...)
extends it: a list gets the overlay's new items appended (in their order, without repeats), a
mapping gets the overlay's keys merged in the same way (new keys added, a list under an existing
key extended, any other value replaced). An overlay cannot remove a word. The overlay is read
when a file is first asked for; a change takes effect in the next process. Overlay files are
part of every disk-cache key, so a built table made with an overlay is never used without it.
"""
from __future__ import annotations

import csv
import functools
import os
from typing import Any, Callable, Iterable, Optional

KB_DIR = os.path.dirname(os.path.abspath(__file__))
GRAMMAR_DIR = os.path.join(KB_DIR, "grammar")
OVERLAY_ENV = "DYADS_KB_OVERLAY"


def path(name: str) -> str:
    """The bundled data file `name` (relative to this folder)."""
    return os.path.join(KB_DIR, name)


def overlay_dir() -> Optional[str]:
    """The user's overlay folder (DYADS_KB_OVERLAY), or None."""
    return os.environ.get(OVERLAY_ENV) or None


def overlay_path(name: str) -> Optional[str]:
    """The overlay's file of the same relative name as the bundled `name`, if there is one."""
    base = overlay_dir()
    if base is None:
        return None
    p = os.path.join(base, name)
    return p if os.path.isfile(p) else None


def _read_yaml(p: str) -> Any:
    import yaml

    from ..errors import DyadsError

    try:
        with open(p, encoding="utf-8") as f:
            return yaml.load(f, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise DyadsError("E113", input=p, detail=str(exc).splitlines()[0]) from None


def _extend(base: Any, extra: Any) -> Any:
    """`base` extended by `extra`: lists get new items appended, mappings merged key by key."""
    if isinstance(base, list) and isinstance(extra, list):
        return base + [x for x in extra if x not in base]
    if isinstance(base, dict) and isinstance(extra, dict):
        out = dict(base)
        for k, v in extra.items():
            out[k] = _extend(out[k], v) if k in out else v
        return out
    return extra if extra is not None else base


@functools.lru_cache(maxsize=None)
def data(name: str) -> Any:
    """The YAML data file `name` (e.g. "lexicon.yaml", "grammar/events.yaml") with the overlay's
    file of the same name applied. Cached: callers must not change what it returns."""
    out = _read_yaml(path(name))
    extra = overlay_path(name)
    if extra is not None:
        out = _extend(out, _read_yaml(extra))
    return out


def grammar(concern: str) -> dict:
    """All word lists of one concern: `grammar/<concern>.yaml` (overlay applied)."""
    return data(f"grammar/{concern}.yaml") or {}


def _entry(concern: str, name: str) -> Any:
    g = grammar(concern)
    if name not in g:
        raise KeyError(f"kb/grammar/{concern}.yaml has no list {name!r}")
    return g[name]


@functools.lru_cache(maxsize=None)
def words(concern: str, name: str) -> frozenset:
    """A set of words: the list `name` of `grammar/<concern>.yaml`."""
    return frozenset(_entry(concern, name))


@functools.lru_cache(maxsize=None)
def ordered(concern: str, name: str) -> tuple:
    """An ordered list of `grammar/<concern>.yaml`, in its order (first ones are tried first)."""
    return tuple(_entry(concern, name))


def table(concern: str, name: str) -> dict:
    """A mapping of `grammar/<concern>.yaml` (a fresh copy, the caller may keep or change it)."""
    return dict(_entry(concern, name))


@functools.lru_cache(maxsize=None)
def person_agent_nouns() -> frozenset:
    """The nouns of persons and communities in kb/agents.tsv, singular and plural ('a nurse',
    'a rice farmer', 'residents')."""
    out = set()
    for row in rows("agents.tsv"):
        if row.get("type") in ("person", "community"):
            out.add(row["term"])
            out.update(p for p in (row.get("plural") or "").split("|") if p)
    return frozenset(out)


@functools.lru_cache(maxsize=None)
def rows(name: str) -> tuple:
    """The rows of the TSV data file `name` as dicts (header line first, `#` lines are comments);
    an overlay TSV of the same name adds rows after the bundled ones."""
    from ..errors import DyadsError

    out = []
    for p in (path(name), overlay_path(name)):
        if p is None:
            continue
        try:
            with open(p, encoding="utf-8") as f:
                out.extend(csv.DictReader((ln for ln in f if not ln.startswith("#")), delimiter="\t"))
        except (OSError, UnicodeDecodeError, csv.Error) as exc:
            raise DyadsError("E113", input=p, detail=str(exc).splitlines()[0]) from None
    return tuple(out)


def data_files() -> list[tuple[str, str]]:
    """(relative name, path) of every data file in use, bundled then overlay, in a stable order:
    what a digest of "the knowledge the pipeline ran with" must cover."""
    out = []
    for base in (KB_DIR, overlay_dir()):
        if not base or not os.path.isdir(base):
            continue
        found = []
        for folder, dirs, files in os.walk(base):
            dirs[:] = sorted(d for d in dirs if not d.startswith((".", "__")))
            for f in files:
                if f.endswith((".tsv", ".yaml")):
                    p = os.path.join(folder, f)
                    found.append((os.path.relpath(p, base).replace(os.sep, "/"), p))
        out += sorted(found)
    return out


def cached(kind: str, version: Any, sources: Iterable[str], build: Callable[[], Any],
           state: Callable[[Any], Any] = lambda obj: obj, restore: Callable[[Any], Any] = lambda st: st) -> Any:
    """A large table built by `build()` from `sources` (paths), kept on disk across processes (see
    `nlp/diskcache`). Every grammar file and every overlay file is part of the key as well, so
    a change to a word list or to the overlay rebuilds it."""
    from ..nlp import diskcache

    return diskcache.cached(cache_file(kind, version, sources), build, state, restore)


def cache_file(kind: str, version: Any, sources: Iterable[str]) -> Optional[str]:
    """The disk-cache file of a table built from `sources`, the grammar and overlay files added
    to its key; None when caching is off (see `nlp/diskcache`)."""
    from ..nlp import diskcache

    files = data_files()
    grammar_files = [p for _, p in files if os.path.dirname(p) == GRAMMAR_DIR]
    overlay = [p for _, p in files if not p.startswith(KB_DIR + os.sep)]
    return diskcache.cache_path(kind, version, [*sources, *grammar_files, *overlay])
