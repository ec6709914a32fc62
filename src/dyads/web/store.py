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
`doc_scope` narrows the network ties to one article (the article's own network, in SQL). A store
written before events carried their voice is read with them computed (store/migrate.py), once
per version of the file too.

Pages: a page's context (`cached` on each context builder) is kept in memory with the version
of the store it was read from: the file's identity, size and times and its write-ahead log's
(a write changes one of them; nothing can write while this process reads it) and the corpus
actors it was read with. A request asks the file system first: for a version already read, a
kept page is answered without opening the store (a WebStore connects at its first query), its
HTML or JSON made once (`rendition`). One request builds a page while others asking for the
same one wait for it. While an ingest runs (its lock held, `ingest_running`), a request gets
the last page at once and a newer one is built in the background, at most every PAGE_REFRESH
seconds; when it ends, the next request reads the final store. The name forms actor filters
match against are computed once per version too.
"""
from __future__ import annotations

import functools
import os
import queue
import threading
import time
from collections import OrderedDict
from contextlib import contextmanager
from typing import Any, Callable, Iterator, Optional

import duckdb

from ..errors import DyadsError
from ..store.corpus import corpus_frames
from ..store.locks import connect_reader, ingest_running, writer_waiting  # noqa: F401 (ingest_running: the web asks it)
from ..store.query import CorpusStore
from ..store.writer import default_db

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
_VOICES: dict[str, tuple] = {}  # absolute path -> (the file's version, its events' voices) of a store written before them
_BUILT: dict[str, float] = {}                # absolute path -> when its last background build ended
_BUILDING: set[str] = set()
_LOCK = threading.Lock()
_FIRST = threading.Lock()  # one first computation at a time


def _file_key(path: str) -> tuple:
    """The version of the store file as the file system tells it (no connection): any write
    changes the file or its write-ahead log (DuckDB writes the log, then the file at checkpoint)."""
    st = os.stat(path)
    try:
        w = os.stat(path + ".wal")
        wal = (w.st_ino, w.st_size, w.st_mtime_ns)
    except OSError:
        wal = None
    return (os.path.abspath(path), st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns, wal)


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
    return _frames_for(path, con)[1]


def _frames_for(path: str, con) -> tuple[tuple, dict]:
    """(the file version they were computed from, the frames): see frames_for."""
    key = _file_key(path)
    with _LOCK:
        have = _FRAMES.get(key[0])
        if have is not None and have[0] == key:
            return have
        start = (have is not None and key[0] not in _BUILDING
                 and time.monotonic() - _BUILT.get(key[0], 0.0) >= REFRESH)
        if start:
            _BUILDING.add(key[0])
    if have is not None:
        if start:
            actors = _snapshot(con)
            threading.Thread(target=_background, args=(key, actors), name="dyads-corpus", daemon=True).start()
        return have
    with _FIRST:
        with _LOCK:
            have = _FRAMES.get(key[0])
        if have is not None and have[0] == key:
            return have
        frames = _compute(_snapshot(con))
        _keep(key, frames)
        return key, frames


# ---------------------------------------------------------------- the store of a request

class WebStore(CorpusStore):
    """A CorpusStore on a cursor of the kept connection, with corpus actors computed as above,
    that can scope its ties to one document. It connects at its first query (`con`), so that a
    page found in the cache (`cached`) costs no connection at all."""

    doc_scope: Optional[str] = None
    lock_wait = WEB_WAIT
    _lease: Optional[_Keeper] = None
    _con = None
    was_stale = False
    frames_key: Optional[tuple] = None
    version: Optional[tuple] = None  # (file version, corpus frames version or None) once connected
    opened = 0.0                     # when it connected (time.monotonic)

    def __init__(self, path=None):
        self.path = str(path or default_db())
        if not os.path.exists(self.path):
            raise DyadsError("E104", path=self.path)
        self._names = None

    @property
    def con(self):
        if self._con is None:
            keeper = _keeper(self.path)
            cursor = keeper.get(self.lock_wait)
            self._lease = keeper
            try:
                self._open(cursor)
            except BaseException:
                self.close()
                raise
        return self._con

    @con.setter
    def con(self, value) -> None:
        self._con = value

    def _open(self, con) -> None:
        key = _file_key(self.path)  # the file cannot change while this process reads it
        self.opened = time.monotonic()
        super()._open(con)
        self.version = (key, self.frames_key if self.was_stale else None)
        with _CACHE_LOCK:
            _STALE[key[0]] = (key, self.was_stale)

    def close(self) -> None:
        keeper, self._lease = self._lease, None
        con, self._con = self._con, None
        if keeper is not None:
            keeper.put(con)

    def _corpus_is_stale(self) -> bool:
        stale = super()._corpus_is_stale()
        self.was_stale = stale
        if not stale:
            return False
        self.con.execute("SELECT 1").fetchall()  # finish the check's result before registering frames
        self.frames_key, frames = _frames_for(self.path, self.con)
        for name, frame in frames.items():
            self.con.register(f"_fresh_{name}", frame)
            self.con.execute(f"CREATE OR REPLACE TEMP TABLE {name} AS SELECT * FROM _fresh_{name}")
            self.con.unregister(f"_fresh_{name}")
        return False  # done here: the base class need not compute them again

    def _event_voices(self):
        """An old store's event voices (see store/migrate.py), computed once per version of the file."""
        key = _file_key(self.path)
        with _LOCK:
            have = _VOICES.get(key[0])
        if have is not None and have[0] == key:
            return have[1]
        frame = super()._event_voices()
        with _LOCK:
            _VOICES[key[0]] = (key, frame)
        return frame

    def _name_forms(self):
        """The name forms of the corpus actors, computed once per version of the store."""
        if self._names is None:
            self.con  # noqa: B018 - connect: the version is known from then on
            with _CACHE_LOCK:
                have = _NAMES.get(self.path)
            if have is not None and have[0] == self.version:
                self._names = have[1]
            else:
                super()._name_forms()
                with _CACHE_LOCK:
                    _NAMES[self.path] = (self.version, self._names)
        return self._names

    def ties(self, *args, **kwargs):
        if self.doc_scope is not None:
            kwargs["doc"] = self.doc_scope
        return super().ties(*args, **kwargs)

    def current_version(self) -> Optional[tuple]:
        """The version of the store as it would be read now, without connecting when this
        process has read this version of the file before (None: unknown until connected)."""
        if self._con is not None:
            return self.version
        try:
            key = _file_key(self.path)
        except OSError:  # gone since: connecting says what is wrong
            return None
        with _CACHE_LOCK:
            seen = _STALE.get(key[0])
        if seen is None or seen[0] != key:
            return None
        if not seen[1]:
            return (key, None)
        with _LOCK:
            frames = _FRAMES.get(key[0])
        return (key, frames[0] if frames else None)


@contextmanager
def open_store(path: str) -> Iterator[WebStore]:
    store = WebStore(path)
    try:
        yield store
    finally:
        store.close()


# ---------------------------------------------------------------- pages cached per version

CACHE_SIZE = 48      # pages kept, all stores together (a context and its HTML/JSON: 1-5 MB on 800 articles)
FLIGHT_WAIT = 120.0  # seconds a request waits for the same page being built by another
PAGE_REFRESH = 10.0  # while an ingest runs: at least this long between two builds of a page

_CACHE: "OrderedDict[tuple, tuple]" = OrderedDict()  # (path, what, args) -> (version, opened, built, context)
_FLIGHTS: dict[tuple, threading.Event] = {}          # pages being built now
_STALE: dict[str, tuple[tuple, bool]] = {}            # path -> (file version, whether its corpus was stale)
_NAMES: dict[str, tuple] = {}                         # path -> (version, name forms)
_DERIVED: dict[int, tuple[Any, dict]] = {}            # id(kept context) -> (it, {what: its rendition})
_CACHE_LOCK = threading.Lock()
_LATER: "queue.Queue[tuple]" = queue.Queue()
_WORKER: list[threading.Thread] = []


def _frozen(x):
    if isinstance(x, dict):
        return tuple(sorted((k, _frozen(v)) for k, v in x.items()))
    if isinstance(x, (list, tuple)):
        return tuple(_frozen(v) for v in x)
    return x


def _put(key: tuple, store: WebStore, out) -> None:
    with _CACHE_LOCK:
        have = _CACHE.get(key)
        if have is None or have[1] <= store.opened:  # never a page read before the one kept
            if have is not None:
                _DERIVED.pop(id(have[3]), None)
            _CACHE[key] = (store.version, store.opened, time.monotonic(), out)
            _DERIVED[id(out)] = (out, {})
        _CACHE.move_to_end(key)
        while len(_CACHE) > CACHE_SIZE:
            _DERIVED.pop(id(_CACHE.popitem(last=False)[1][3]), None)


def rendition(context, what: str, make: Callable[[], Any]) -> Any:
    """`make()`, the page or JSON made of `context` as `what` (a template, "json"), made once
    while `context` is a page kept by `cached` (it never changes); made each time otherwise."""
    with _CACHE_LOCK:
        kept = _DERIVED.get(id(context))
    if kept is None or kept[0] is not context:
        return make()
    done = kept[1].get(what)
    if done is None:
        done = kept[1][what] = make()
    return done


def _work() -> None:
    """The one thread building pages in the background, one at a time."""
    while True:
        key, build, args, flight = _LATER.get()
        try:
            with open_store(key[0]) as store:
                _put(key, store, build(store, *args))
        except Exception:  # noqa: BLE001 - the last page stays; tried again after PAGE_REFRESH
            with _CACHE_LOCK:
                have = _CACHE.get(key)
                if have is not None:
                    _CACHE[key] = (have[0], have[1], time.monotonic(), have[3])
        finally:
            with _CACHE_LOCK:
                _FLIGHTS.pop(key, None)
            flight.set()


def _later(key: tuple, build: Callable, args: tuple) -> None:
    """Build the page of `key` in the background (unless it is being built)."""
    with _CACHE_LOCK:
        if key in _FLIGHTS:
            return
        flight = _FLIGHTS[key] = threading.Event()
        if not _WORKER or not _WORKER[0].is_alive():
            _WORKER[:] = [threading.Thread(target=_work, name="dyads-pages", daemon=True)]
            _WORKER[0].start()
    _LATER.put((key, build, args, flight))


def cached(build: Callable) -> Callable:
    """`build(store, *args)` answered from memory while the store is unchanged: a context is
    kept per page and arguments with the version of the store it was read from (the file as
    the file system tells it, and the corpus actors computed for it), so identical requests
    between two writes are served without opening the store, and the request after a write
    reads the store again. One request builds a page while the others asking for it wait.
    While an ingest runs (it writes a batch every few seconds), a request gets the last page
    built at once and a newer one is built in the background, at most every PAGE_REFRESH
    seconds: pages show the corpus growing, a few seconds behind. The context is shared:
    callers must not change it. Any store but a WebStore is read directly."""

    @functools.wraps(build)
    def wrapper(store, *args):
        if not isinstance(store, WebStore) or store.doc_scope is not None:
            return build(store, *args)
        key = (store.path, build.__module__ + "." + build.__qualname__, _frozen(args))
        deadline = time.monotonic() + FLIGHT_WAIT
        while True:
            version = store.current_version()
            with _CACHE_LOCK:
                have = _CACHE.get(key)
                if have is not None and version is not None and have[0] == version:
                    _CACHE.move_to_end(key)
                    return have[3]
            if have is not None and ingest_running(store.path):
                if time.monotonic() - have[2] >= PAGE_REFRESH:
                    _later(key, build, args)
                return have[3]
            with _CACHE_LOCK:
                flight = _FLIGHTS.get(key)
                if flight is None:
                    flight = _FLIGHTS[key] = threading.Event()
                    break
            if not flight.wait(max(0.0, deadline - time.monotonic())):
                return build(store, *args)
        try:
            out = build(store, *args)
            _put(key, store, out)
            return out
        finally:
            with _CACHE_LOCK:
                _FLIGHTS.pop(key, None)
            flight.set()

    return wrapper


def clear_cache() -> None:
    with _CACHE_LOCK:
        _CACHE.clear()
        _DERIVED.clear()
        _STALE.clear()
        _NAMES.clear()
    with _LOCK:
        _VOICES.clear()
