"""A small on-disk cache for data that is slow to build from its source files.

The knowledge base and the trigger lexicon are parsed from YAML and TSV files and
indexed at every start; their built form is kept as a pickle under
$DYADS_CACHE_DIR (else $XDG_CACHE_HOME/dyads or ~/.cache/dyads), in a file whose
name carries a hash of a format version and of the contents and paths of every
source file (the code that builds it included), so any change rebuilds it.
DYADS_CACHE_DIR=off keeps nothing on disk. Any error reading the cache means
"build anew"; writes go to a temporary file renamed into place.
"""
from __future__ import annotations

import gc
import hashlib
import os
import pickle
import tempfile
from typing import Any, Callable, Iterable, Optional


def cache_dir() -> Optional[str]:
    """Where cached files go; None when DYADS_CACHE_DIR says off."""
    base = os.environ.get("DYADS_CACHE_DIR")
    if base and base.lower() in ("off", "0", "none", "no"):
        return None
    if not base:
        base = os.path.join(os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache"), "dyads")
    return base


def cache_path(kind: str, version: Any, sources: Iterable[str]) -> Optional[str]:
    """The cache file of `kind` built from `sources` (paths, read whole); None when caching is
    off or a source cannot be read (the builder then reports the problem)."""
    base = cache_dir()
    if base is None:
        return None
    h = hashlib.sha1(f"{kind}|{version}".encode())
    try:
        for path in sources:
            h.update(f"|{os.path.abspath(path)}|".encode())
            with open(path, "rb") as f:
                h.update(f.read())
    except (OSError, TypeError, ValueError):
        return None
    return os.path.join(base, f"{kind}-{h.hexdigest()[:16]}.pickle")


def load(path: Optional[str], restore: Callable[[Any], Any] = lambda state: state) -> Any:
    """`restore` of what was saved at `path`, or None if there is nothing usable there.

    The cyclic garbage collector is paused meanwhile: the many small objects made at once
    would otherwise set off full collections over the whole (large) heap of a loaded model."""
    if not path:
        return None
    enabled = gc.isenabled()
    gc.disable()
    try:
        with open(path, "rb") as f:
            return restore(pickle.load(f))
    except Exception:  # noqa: BLE001 - no cache, or a bad one: build anew
        return None
    finally:
        if enabled:
            gc.enable()


def save(obj: Any, path: Optional[str], state: Callable[[Any], Any] = lambda obj: obj) -> None:
    """Write `state(obj)` to `path` atomically; failures (a read-only home) are ignored."""
    if not path:
        return
    tmp = None
    try:
        data = state(obj)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=os.path.dirname(path), prefix=".tmp-", suffix=".pickle")
        with os.fdopen(fd, "wb") as f:
            pickle.dump(data, f, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
        tmp = None
    except Exception:  # noqa: BLE001 - caching is an optimisation only
        pass
    finally:
        if tmp is not None:
            try:
                os.unlink(tmp)
            except OSError:
                pass


def cached(path: Optional[str], build: Callable[[], Any], state: Callable[[Any], Any] = lambda obj: obj,
           restore: Callable[[Any], Any] = lambda st: st) -> Any:
    """What is kept at `path` if usable, else `build()`, kept there for next time."""
    obj = load(path, restore)
    if obj is None:
        obj = build()
        save(obj, path, state)
    return obj
