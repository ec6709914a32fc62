"""The on-disk cache of the built actor knowledge base and trigger lexicon (dyads.nlp.diskcache).

Each test works in its own DYADS_CACHE_DIR and calls the loaders past their per-process
lru_cache (`__wrapped__`), so that what is read is the file on disk.
"""
from __future__ import annotations

import glob
import os

import pytest

from dyads.nlp import diskcache
from dyads.nlp import kb as K
from dyads.nlp.events import lexicon as T


@pytest.fixture
def cache_dir(tmp_path, monkeypatch):
    d = tmp_path / "cache"
    monkeypatch.setenv("DYADS_CACHE_DIR", str(d))
    return d


def _files(d, kind):
    return sorted(glob.glob(os.path.join(str(d), f"{kind}-*.pickle")))


def _same_kb(a: K.KnowledgeBase, b: K.KnowledgeBase) -> None:
    assert list(a.entries) == list(b.entries)
    assert a.entries == b.entries
    assert a.index == b.index and list(a.index) == list(b.index)
    assert a.max_len == b.max_len


def _same_lexicon(a: T.TriggerLexicon, b: T.TriggerLexicon) -> None:
    assert a == b
    for table in ("verbs", "nouns"):
        for head, entries in getattr(a, table).items():
            assert [vars(e) for e in entries] == [vars(e) for e in getattr(b, table)[head]]


def _counting(monkeypatch, module, name):
    calls = []
    real = getattr(module, name)

    def wrapper(*args, **kw):
        calls.append(args)
        return real(*args, **kw)

    monkeypatch.setattr(module, name, wrapper)
    return calls


def test_the_knowledge_base_is_built_once_then_read_from_the_cache(cache_dir, monkeypatch):
    built = _counting(monkeypatch, K, "build_kb")
    first = K.load_kb.__wrapped__(())
    assert len(built) == 1 and len(_files(cache_dir, "actors")) == 1
    second = K.load_kb.__wrapped__(())
    assert len(built) == 1  # read back, not built
    assert second is not first
    _same_kb(first, second)
    _same_kb(K.build_kb(()), second)
    assert second.match(["President", "Bashar", "al-Assad", "said"], [False] * 4) == \
        first.match(["President", "Bashar", "al-Assad", "said"], [False] * 4)


def test_a_corrupt_knowledge_base_cache_is_rebuilt(cache_dir, monkeypatch):
    good = K.load_kb.__wrapped__(())
    (path,) = _files(cache_dir, "actors")
    with open(path, "wb") as f:
        f.write(b"not a pickle")
    built = _counting(monkeypatch, K, "build_kb")
    again = K.load_kb.__wrapped__(())
    assert len(built) == 1
    _same_kb(good, again)
    _same_kb(good, K.load_kb.__wrapped__(()))
    assert len(built) == 1  # the file was written anew: read back this time, not built again
    with open(path, "wb") as f:  # a pickle of something else is no cache either
        import pickle

        pickle.dump(("something", "else"), f)
    _same_kb(good, K.load_kb.__wrapped__(()))
    assert len(built) == 2


def test_the_knowledge_base_cache_follows_the_users_files(cache_dir, tmp_path):
    mine = tmp_path / "mine.yaml"
    mine.write_text("actors:\n- {id: 'x:one', name: Zorblax Front, type: armed_group}\n")
    one = K.load_kb.__wrapped__((str(mine),))
    assert one.lookup("Zorblax Front")[0].entry_id == "x:one"
    mine.write_text("actors:\n- {id: 'x:two', name: Zorblax Front, type: armed_group}\n")
    two = K.load_kb.__wrapped__((str(mine),))
    assert two.lookup("Zorblax Front")[0].entry_id == "x:two"
    assert two.entries["x:two"].source == str(mine)
    assert len(_files(cache_dir, "actors")) == 2


def test_the_trigger_lexicon_is_built_once_then_read_from_the_cache(cache_dir, monkeypatch):
    built = _counting(monkeypatch, T, "build_lexicon")
    first = T._load.__wrapped__(())
    assert len(built) == 1 and len(_files(cache_dir, "triggers")) == 1
    second = T._load.__wrapped__(())
    assert len(built) == 1
    _same_lexicon(first, second)
    paths = [os.path.join(K.KB_DIR, T.GENERATED), os.path.join(K.KB_DIR, T.CURATED)]
    _same_lexicon(T.build_lexicon(paths), second)


def test_a_corrupt_trigger_cache_is_rebuilt(cache_dir, monkeypatch):
    good = T._load.__wrapped__(())
    (path,) = _files(cache_dir, "triggers")
    with open(path, "wb") as f:
        f.write(b"\x80\x05truncated")
    built = _counting(monkeypatch, T, "build_lexicon")
    _same_lexicon(good, T._load.__wrapped__(()))
    assert len(built) == 1


def test_no_cache_on_disk_when_turned_off(tmp_path, monkeypatch):
    """With DYADS_CACHE_DIR=off every load builds and nothing is written where the cache would
    otherwise go ($XDG_CACHE_HOME/dyads, which the same loads fill when caching is on)."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    monkeypatch.setenv("DYADS_CACHE_DIR", "off")
    assert diskcache.cache_path("actors", 1, [K.__file__]) is None
    built = _counting(monkeypatch, K, "build_kb")
    K.load_kb.__wrapped__(())
    K.load_kb.__wrapped__(())
    assert len(built) == 2
    assert not (tmp_path / "xdg").exists()
    monkeypatch.delenv("DYADS_CACHE_DIR")  # the control: on, the same load writes there
    K.load_kb.__wrapped__(())
    assert len(built) == 3 and len(_files(tmp_path / "xdg" / "dyads", "actors")) == 1


def test_a_hit_returns_what_was_kept_without_building(cache_dir, tmp_path):
    source = tmp_path / "src.txt"
    source.write_text("alpha")
    path = diskcache.cache_path("demo", 1, [str(source)])
    calls = []

    def build():
        calls.append(1)
        return {"built": len(calls)}

    assert diskcache.cached(path, build) == {"built": 1}
    assert diskcache.cached(path, build) == {"built": 1}  # the kept value, not a second build
    assert calls == [1]
    diskcache.save({"kept": True}, path)  # what is read is the file, whatever the builder would give
    assert diskcache.cached(path, build) == {"kept": True} and calls == [1]


def test_a_changed_source_or_version_is_another_cache_file(cache_dir, tmp_path):
    source = tmp_path / "src.txt"
    source.write_text("alpha")
    first = diskcache.cache_path("demo", 1, [str(source)])
    assert diskcache.cache_path("demo", 1, [str(source)]) == first
    assert diskcache.cache_path("demo", 2, [str(source)]) != first
    assert diskcache.cache_path("other", 1, [str(source)]) != first
    diskcache.save("old", first)
    source.write_text("alphb")  # same length, one byte changed
    changed = diskcache.cache_path("demo", 1, [str(source)])
    assert changed != first
    assert diskcache.cached(changed, lambda: "new") == "new"
    moved = tmp_path / "moved.txt"
    moved.write_text("alphb")
    assert diskcache.cache_path("demo", 1, [str(moved)]) not in (first, changed)


@pytest.mark.parametrize("garbage", [b"", b"not a pickle", b"\x80\x05\x95truncated"])
def test_a_corrupt_cache_file_is_rebuilt_and_replaced(cache_dir, tmp_path, garbage):
    path = str(cache_dir / "demo-0.pickle")
    os.makedirs(cache_dir, exist_ok=True)
    with open(path, "wb") as f:
        f.write(garbage)
    calls = []
    assert diskcache.cached(path, lambda: calls.append(1) or "fresh") == "fresh"
    assert calls == [1] and diskcache.load(path) == "fresh"
    assert diskcache.cached(path, lambda: calls.append(1) or "again") == "fresh" and calls == [1]


def test_an_unreadable_source_means_no_cache(cache_dir, tmp_path):
    assert diskcache.cache_path("actors", 1, [str(tmp_path / "missing.yaml")]) is None
    assert diskcache.load(None) is None
    assert diskcache.load(str(cache_dir / "absent.pickle")) is None
