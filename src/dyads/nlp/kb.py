"""The actor knowledge base: loading the data files and matching names in text.

Data lives in `dyads/kb/` (`actors_generated.tsv`, converted from PETRARCH2's
MIT dictionaries by `tools/build_kb.py`; `actors_curated.yaml`, ours, which
overrides it by id) and in any file a user passes with `--actors` (TSV with the
same columns, or YAML). Names are matched token by token on a normalised key
(case, accents, apostrophes, hyphens and the Arabic article al-/el- ignored;
`dyads.kb.names.name_key`),
so "Al-Assad", "al Assad" and "Assad" share a key, and "Hizbullah" matches its
alias whatever its case. All-capital acronyms only match in capitals.
"""
from __future__ import annotations

import csv
import functools
import os
from dataclasses import dataclass, field, fields
from typing import Iterable, Optional

import yaml

from ..errors import DyadsError
from ..kb import KB_DIR
from ..kb.names import fold, name_key, split_words, token_keys  # noqa: F401 - the keys actor names are matched by

_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when present
from ..model import ACTOR_TYPES

DEFAULT_FILES = ("actors_generated.tsv", "actors_curated.yaml")
COLUMNS = ("id", "name", "type", "country", "cameo", "aliases", "short", "demonyms", "role", "note")


@dataclass
class Entry:
    id: str
    name: str
    type: str
    country: Optional[str] = None
    cameo: Optional[str] = None
    aliases: list[str] = field(default_factory=list)
    short: list[str] = field(default_factory=list)
    demonyms: list[str] = field(default_factory=list)
    role: Optional[str] = None
    note: Optional[str] = None
    rank: int = 0  # order of loading; lower = listed earlier = preferred among namesakes
    source: str = ""  # the file it came from (generated entries' short forms stay weak)


@dataclass(frozen=True)
class Hit:
    """One knowledge-base reading of a name: which entry, and how strong."""

    entry_id: str
    strength: str  # "name" (name or alias), "short" (surname, weak), "demonym"
    acronym: bool  # matched only in capitals


def is_acronym(name: str) -> bool:
    letters = [c for c in name if c.isalpha()]
    return 1 < len(letters) <= 8 and all(c.isupper() for c in letters) and " " not in name.strip()


class KnowledgeBase:
    def __init__(self, entries: Iterable[Entry] = ()):
        self.entries: dict[str, Entry] = {}
        self.index: dict[tuple[str, ...], list[Hit]] = {}
        self.max_len: dict[str, int] = {}
        for e in entries:
            self.add(e)

    def __len__(self) -> int:
        return len(self.entries)

    def add(self, e: Entry) -> None:
        if e.type not in ACTOR_TYPES:
            raise ValueError(f"{e.id}: unknown actor type {e.type!r}")
        old = self.entries.get(e.id)
        if old is not None:
            self._unindex(old)
            e.rank = old.rank
        else:
            e.rank = len(self.entries)
        self.entries[e.id] = e
        for name in [e.name, *e.aliases]:
            self._index(name, Hit(e.id, "name", is_acronym(name)))
        for name in e.short:
            self._index(name, Hit(e.id, "short", is_acronym(name)))
        for name in e.demonyms:
            self._index(name, Hit(e.id, "demonym", False))

    def _index(self, name: str, hit: Hit) -> None:
        key = name_key(name)
        if not key:
            return
        hits = self.index.setdefault(key, [])
        if all(h.entry_id != hit.entry_id or h.strength != hit.strength for h in hits):
            hits.append(hit)
        if len(key) > self.max_len.get(key[0], 0):
            self.max_len[key[0]] = len(key)

    def _unindex(self, e: Entry) -> None:
        for key in list(self.index):
            hits = [h for h in self.index[key] if h.entry_id != e.id]
            if hits:
                self.index[key] = hits
            else:
                del self.index[key]

    def lookup(self, name: str) -> list[Hit]:
        return list(self.index.get(name_key(name), []))

    def match(self, words: list[str], is_upper: list[bool]) -> list[tuple[int, int, list[Hit]]]:
        """Longest non-overlapping matches over a word sequence: (start, end, hits).

        `is_upper[i]` says whether word i is written in capitals (for acronyms).
        """
        keys, ks = _keys_of(words)
        index, max_len = self.index, self.max_len
        out = []
        n = len(keys)
        # where a match can start: the first word of a name, or a possessive "-s" (most words are neither)
        starts = [q for q, k in enumerate(ks) if k in max_len or (len(k) > 3 and k[-1] == "s")]
        p = 0
        for q in starts:
            if q < p:
                continue  # inside the last match
            p = q
            first = ks[p]
            longest = max_len.get(first, 0)
            found = None
            for length in range(min(longest, n - p), 0, -1):
                key = tuple(ks[p : p + length])
                hits = index.get(key)
                if not hits:
                    continue
                start, end = keys[p][0], keys[p + length - 1][0] + 1
                ok = [h for h in hits if not h.acronym or all(is_upper[i] for i, _ in keys[p : p + length])]
                if ok:
                    found = (start, end, ok, length)
                    break
            if found is None and len(first) > 3 and first.endswith("s"):
                # possessives written without the apostrophe ("Assads", "Syrias")
                hits = index.get((first[:-1],))
                if hits and not any(h.acronym for h in hits):
                    i = keys[p][0]
                    found = (i, i + 1, hits, 1)
            if found:
                start, end, hits, length = found
                out.append((start, end, hits))
                p += length
            else:
                p += 1
        return out


_last_keys: list = [None]


def _keys_of(words: list[str]) -> tuple[list[tuple[int, str]], list[str]]:
    """`token_keys` of a word list and the keys alone, kept for the last list: a Doc's words are
    matched twice (by the knowledge base, then by the article's own names)."""
    last = _last_keys[0]
    if last is None or last[0] != words:  # a list compare at C speed (the same strings, mostly)
        keys = token_keys(words)
        last = (list(words), keys, [k for _, k in keys])
        _last_keys[0] = last
    return last[1], last[2]


# ---------------------------------------------------------------- loading


def _split(cell) -> list[str]:
    if cell is None:
        return []
    if isinstance(cell, list):
        return [str(x).strip() for x in cell if str(x).strip()]
    return [x.strip() for x in str(cell).split("|") if x.strip()]


def _entry(row: dict, where: str) -> Entry:
    try:
        return Entry(
            id=str(row["id"]).strip(),
            name=str(row["name"]).strip(),
            type=str(row["type"]).strip(),
            country=(str(row.get("country") or "").strip() or None),
            cameo=(str(row.get("cameo") or "").strip() or None),
            aliases=_split(row.get("aliases")),
            short=_split(row.get("short")),
            demonyms=_split(row.get("demonyms")),
            role=(str(row.get("role") or "").strip() or None),
            note=(str(row.get("note") or "").strip() or None),
        )
    except KeyError as exc:
        raise DyadsError("E101", input=where, detail=f"an entry lacks the field {exc}") from None


def read_entries(path: str) -> list[Entry]:
    """Entries of one TSV or YAML actors file."""
    if not os.path.exists(path):
        raise DyadsError("E101", input=path, detail="no such file")
    try:
        if path.endswith((".yaml", ".yml")):
            with open(path, encoding="utf-8") as f:
                data = yaml.load(f, Loader=_YAML_LOADER) or []
            if isinstance(data, dict):
                data = data.get("actors") or []
            rows = data
        else:
            with open(path, encoding="utf-8", newline="") as f:
                lines = [ln for ln in f if ln.strip() and not ln.startswith("#")]
            rows = list(csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))
    except (OSError, UnicodeDecodeError, yaml.YAMLError, csv.Error) as exc:
        raise DyadsError("E101", input=path, detail=str(exc).splitlines()[0]) from None
    entries = []
    for i, row in enumerate(rows, 1):
        if not isinstance(row, dict):
            raise DyadsError("E101", input=path, detail=f"entry {i} is not a mapping")
        e = _entry(row, f"{path} entry {i}")
        if e.type not in ACTOR_TYPES:
            raise DyadsError("E101", input=path, detail=f"entry {e.id}: type {e.type!r} is not one of {', '.join(ACTOR_TYPES)}")
        if not e.id or not e.name:
            raise DyadsError("E101", input=path, detail=f"entry {i} needs an id and a name")
        entries.append(e)
    return entries


@functools.lru_cache(maxsize=8)
def load_kb(extra_files: tuple[str, ...] = ()) -> KnowledgeBase:
    """The bundled knowledge base plus the user's files (later files override by id).

    Cached for the process, and built once on disk across processes (see `diskcache`)."""
    from .. import kb
    from ..kb import names

    sources = [__file__, names.__file__, _MODEL_FILE]
    sources += [p for _, p in _default_paths()]
    sources += list(extra_files)
    return kb.cached("actors", (CACHE_VERSION, extra_files), sources, lambda: build_kb(extra_files),
                     _kb_state, _kb_from_state)


CACHE_VERSION = 1
_MODEL_FILE = os.path.join(os.path.dirname(os.path.dirname(__file__)), "model.py")  # ACTOR_TYPES
_ENTRY_FIELDS = tuple(f.name for f in fields(Entry))


def _kb_state(kb: KnowledgeBase) -> tuple:
    """The built knowledge base as plain tuples, lists and dicts: quick to unpickle."""
    hits: dict[Hit, int] = {}
    index = {key: [hits.setdefault(h, len(hits)) for h in hs] for key, hs in kb.index.items()}
    rows = [tuple(getattr(e, name) for name in _ENTRY_FIELDS) for e in kb.entries.values()]
    return (_ENTRY_FIELDS, rows, [(h.entry_id, h.strength, h.acronym) for h in hits], index, kb.max_len)


def _kb_from_state(state) -> Optional[KnowledgeBase]:
    """The knowledge base back from `_kb_state`; None if the state is not one."""
    if state is None:
        return None
    try:
        names, rows, hit_rows, index, max_len = state
        if tuple(names) != _ENTRY_FIELDS:
            return None
        kb = KnowledgeBase()
        for row in rows:
            e = Entry(*row)
            kb.entries[e.id] = e
        hits = [Hit(*h) for h in hit_rows]
        kb.index = {key: [hits[i] for i in hs] for key, hs in index.items()}
        kb.max_len = dict(max_len)
        return kb
    except Exception:  # noqa: BLE001 - a bad cache: build anew
        return None


def _default_paths() -> list[tuple[str, str]]:
    """(name, path) of the bundled actors files, each followed by the user's overlay file of the same
    name when there is one (read like a user's file: its entries override by id)."""
    from .. import kb

    out = []
    for name in DEFAULT_FILES:
        for path in (os.path.join(KB_DIR, name), kb.overlay_path(name)):
            if path and os.path.exists(path):
                out.append((name, path))
    return out


def build_kb(extra_files: tuple[str, ...] = ()) -> KnowledgeBase:
    """The knowledge base read from the data files (no caching)."""
    kb = KnowledgeBase()
    for name, path in _default_paths():
        for e in read_entries(path):
            e.source = name
            kb.add(e)
    for path in extra_files:
        for e in read_entries(path):
            e.source = path
            kb.add(e)
    return kb
