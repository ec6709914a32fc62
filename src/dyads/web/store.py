"""The store as the web app reads it: a `CorpusStore` opened read-only for one request.

    with open_store(path) as store:      # CorpusStore; closed at the end, so writers are not blocked long
        ...

A store written without `rebuild_corpus` (or written after it) is read with its corpus actors
computed afresh (see CorpusStore); the web app computes them once per version of the file, not
once per request: the frames are kept, keyed by the file's path, size and modification time.
`doc_scope` narrows the network ties to one article (the article's own network).
"""
from __future__ import annotations

import os
import threading
from contextlib import contextmanager
from typing import Iterator, Optional

from ..store.corpus import corpus_frames
from ..store.query import CorpusStore

_FRAMES: dict[tuple, dict] = {}
_LOCK = threading.Lock()


def _file_key(path: str) -> tuple:
    st = os.stat(path)
    return (os.path.abspath(path), st.st_size, st.st_mtime_ns)


class WebStore(CorpusStore):
    """A CorpusStore that caches freshly computed corpus actors across requests and can scope
    its ties to one document."""

    doc_scope: Optional[str] = None

    def _corpus_is_stale(self) -> bool:
        stale = super()._corpus_is_stale()
        self.was_stale = stale
        if not stale:
            return False
        self.con.execute("SELECT 1").fetchall()  # finish the check's result before registering frames
        key = _file_key(self.path)
        frames = _FRAMES.get(key)
        if frames is None:
            frames = corpus_frames(self.con)
            with _LOCK:
                for k in [k for k in _FRAMES if k[0] == key[0]]:
                    del _FRAMES[k]
                _FRAMES[key] = frames
        for name, frame in frames.items():
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
