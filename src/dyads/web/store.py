"""The store as the web app reads it: a `CorpusStore` read-only for one request.

    with open_store(path) as store:      # a WebStore; its connection goes back at the end
        ...

Connections: opening the DuckDB file costs about a third of a second on an 800-article store
(the catalogue is read), a new connection to a file open already a tenth of a millisecond. So
the web keeps one read-only connection per store (`_Keeper`) and gives each request its own
cursor on it; the connection is closed once no request uses it and either it has been idle
KEEP_IDLE seconds or an ingest waits for its turn to write (store/locks.py). While the ingest
writes, a request waits (up to WEB_WAIT seconds, then 503 E139), then reads the store as it is
now: pages show the corpus growing.

A store written without `rebuild_corpus` (or written after it, as during an ingest) is read
with its corpus actors computed afresh (see CorpusStore). They take seconds on a large store,
so the web computes them from a snapshot of the `actors` table in memory, without holding the
file, once per version of the file: the first request waits for them; later versions are
computed in a background thread (at most every REFRESH seconds) while requests use the last
ones (an article stored since has no corpus actor until then).
`doc_scope` narrows the network ties to one article (the article's own network).
"""
from __future__ import annotations

import os
import threading
import time
from contextlib import contextmanager
from typing import Iterator, Optional

import duckdb

from ..errors import DyadsError
from ..store.corpus import corpus_frames
from ..store.locks import connect_reader, writer_waiting
from ..store.query import CorpusStore

WEB_WAIT = 30.0   # seconds a request waits while an ingest writes, before a 503 (E139)
KEEP_IDLE = 1.0   # seconds an unused connection is kept for the next request
REFRESH = 10.0    # at least this long between two background computations of a store's corpus actors
_WATCH = 0.05     # how often an idle kept connection looks for a waiting writer


# ---------------------------------------------------------------- the kept connection

class _Keeper:
    """One read-only connection to a store shared by the requests running; see the module doc."""

    def __init__(self, path: str):
        self.path = path
        self.base: Optional[duckdb.DuckDBPyConnection] = None
        self.users = 0
        self.last = 0.0
        self.cond = threading.Condition()

    def get(self, wait: float):
        """A cursor of its own for one request: E107 after `wait` seconds of an ingest writing."""
        deadline = time.monotonic() + wait
        with self.cond:
            while True:
                if self.base is not None:
                    if not writer_waiting(self.path):
                        self.users += 1
                        return self.base.cursor()
                    if self.users:  # let the requests running finish, then let the writer in
                        if time.monotonic() >= deadline:
                            raise DyadsError("E107", path=self.path, detail="an ingest is writing to it")
                        self.cond.wait(0.02)
                        continue
                    self._close()
                self.base = connect_reader(self.path, wait=max(0.0, deadline - time.monotonic()))
                self.last = time.monotonic()
                threading.Thread(target=self._watch, args=(self.base,), name="dyads-store-keeper", daemon=True).start()

    def put(self, cursor) -> None:
        try:
            cursor.close()
        finally:
            with self.cond:
                self.users -= 1
                self.last = time.monotonic()
                if not self.users and writer_waiting(self.path):
                    self._close()
                self.cond.notify_all()

    def _close(self) -> None:
        base, self.base = self.base, None
        if base is not None:
            base.close()

    def _watch(self, base) -> None:
        """Close `base` once unused and idle, or unused while a writer waits."""
        while True:
            time.sleep(_WATCH)
            with self.cond:
                if self.base is not base:
                    return
                if not self.users and (time.monotonic() - self.last >= KEEP_IDLE or writer_waiting(self.path)):
                    self._close()
                    self.cond.notify_all()
                    return


_KEEPERS: dict[str, _Keeper] = {}
_KEEPERS_LOCK = threading.Lock()


def _keeper(path: str) -> _Keeper:
    with _KEEPERS_LOCK:
        return _KEEPERS.setdefault(os.path.abspath(path), _Keeper(path))


# ---------------------------------------------------------------- corpus actors of a stale store

_FRAMES: dict[str, tuple[tuple, dict]] = {}  # absolute path -> (the file's version, its frames)
_BUILT: dict[str, float] = {}                # absolute path -> when its last background build ended
_BUILDING: set[str] = set()
_LOCK = threading.Lock()
_FIRST = threading.Lock()  # one first computation at a time


def _file_key(path: str) -> tuple:
    st = os.stat(path)
    return (os.path.abspath(path), st.st_size, st.st_mtime_ns)


def _snapshot(con):
    """The `actors` table as Arrow (duckdb 2 names the call to_arrow_table, 1.x arrow)."""
    rel = con.sql("SELECT * FROM actors")
    return rel.to_arrow_table() if hasattr(rel, "to_arrow_table") else rel.arrow()


def _compute(actors) -> dict:
    """The corpus frames of an Arrow snapshot of `actors`, in memory (the file is not held)."""
    mem = duckdb.connect(":memory:")
    try:
        mem.register("actors", actors)
        return corpus_frames(mem)
    finally:
        mem.close()


def _keep(key: tuple, frames: dict) -> None:
    with _LOCK:
        have = _FRAMES.get(key[0])
        if have is None or have[0] != key:
            _FRAMES[key[0]] = (key, frames)


def _background(key: tuple, actors) -> None:
    try:
        _keep(key, _compute(actors))
    finally:
        with _LOCK:
            _BUILDING.discard(key[0])
            _BUILT[key[0]] = time.monotonic()


def frames_for(path: str, con) -> dict:
    """The corpus frames of the store `con` reads: this version's, or the last version's while
    this one's are computed in the background."""
    key = _file_key(path)
    with _LOCK:
        have = _FRAMES.get(key[0])
        if have is not None and have[0] == key:
            return have[1]
        start = (have is not None and key[0] not in _BUILDING
                 and time.monotonic() - _BUILT.get(key[0], 0.0) >= REFRESH)
        if start:
            _BUILDING.add(key[0])
    if have is not None:
        if start:
            actors = _snapshot(con)
            threading.Thread(target=_background, args=(key, actors), name="dyads-corpus", daemon=True).start()
        return have[1]
    with _FIRST:
        with _LOCK:
            have = _FRAMES.get(key[0])
        if have is not None and have[0] == key:
            return have[1]
        frames = _compute(_snapshot(con))
        _keep(key, frames)
        return frames


# ---------------------------------------------------------------- the store of a request

class WebStore(CorpusStore):
    """A CorpusStore on a cursor of the kept connection, with corpus actors computed as above,
    that can scope its ties to one document."""

    doc_scope: Optional[str] = None
    lock_wait = WEB_WAIT
    _lease: Optional[_Keeper] = None

    def __init__(self, path=None):
        try:
            super().__init__(path)
        except BaseException:
            self.close()
            raise

    def _connect(self):
        keeper = _keeper(self.path)
        cursor = keeper.get(self.lock_wait)
        self._lease = keeper
        return cursor

    def close(self) -> None:
        keeper, self._lease = self._lease, None
        if keeper is not None:
            keeper.put(self.con)

    def _corpus_is_stale(self) -> bool:
        stale = super()._corpus_is_stale()
        self.was_stale = stale
        if not stale:
            return False
        self.con.execute("SELECT 1").fetchall()  # finish the check's result before registering frames
        for name, frame in frames_for(self.path, self.con).items():
            self.con.register(f"_fresh_{name}", frame)
            self.con.execute(f"CREATE OR REPLACE TEMP TABLE {name} AS SELECT * FROM _fresh_{name}")
            self.con.unregister(f"_fresh_{name}")
        return False  # done here: the base class need not compute them again

    def ties(self, *args, **kwargs):
        df = super().ties(*args, **kwargs)
        if self.doc_scope is not None:
            df = df[df["doc_id"] == self.doc_scope].reset_index(drop=True)
        return df


@contextmanager
def open_store(path: str) -> Iterator[WebStore]:
    store = WebStore(path)
    try:
        yield store
    finally:
        store.close()
