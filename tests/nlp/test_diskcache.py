"""The on-disk cache of the built actor knowledge base and trigger lexicon (dyads.nlp.diskcache).

Each test works in its own DYADS_CACHE_DIR and calls the loaders past their per-process
lru_cache (`__wrapped__`), so that what is read is the file on disk. The tests compare with,
and start from, one real build of each (the `built` fixture: the built tables and their cache
files) instead of building them again each: a build of the knowledge base takes seconds.
"""
from __future__ import annotations

import glob
import os
import shutil
from types import SimpleNamespace

import pytest

from dyads.nlp import diskcache
from dyads.nlp import kb as K
from dyads.nlp.events import lexicon as T


@pytest.fixture
def cache_dir(tmp_path, monkeypatch):
    d = tmp_path / "cache"
    monkeypatch.setenv("DYADS_CACHE_DIR", str(d))
    return d


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """The knowledge base and the trigger lexicon built once for these tests, each as its
    loader builds it in an empty cache, with the cache files that build wrote."""
    d = tmp_path_factory.mktemp("built")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("DYADS_CACHE_DIR", str(d))
        assert not _files(d, "actors") and not _files(d, "triggers")
        kb, lexicon = K.load_kb.__wrapped__(()), T._load.__wrapped__(())
    assert len(_files(d, "actors")) == 1 and len(_files(d, "triggers")) == 1
    return SimpleNamespace(kb=kb, lexicon=lexicon, dir=d)


def _seed(built, cache_dir, kind) -> None:
    """The cache files of the one build, put where this test's loads look."""
    os.makedirs(cache_dir, exist_ok=True)
    for path in _files(built.dir, kind):
        shutil.copy(path, cache_dir)


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


def _counting(monkeypatch, module, name, returns=None):
    """Count the calls of module.name; with `returns`, a call hands that back instead of
    building (where a test asks only when a build happens, not what it gives)."""
    calls = []
    real = getattr(module, name)

    def wrapper(*args, **kw):
        calls.append(args)
        return real(*args, **kw) if returns is None else returns

    monkeypatch.setattr(module, name, wrapper)
    return calls


# the two tables kept on disk: (module, its builder, a load past the lru_cache, how two compare,
# the `built` fixture's attribute holding the one build)
TABLES = {
    "actors": (K, "build_kb", lambda: K.load_kb.__wrapped__(()), _same_kb, "kb"),
    "triggers": (T, "build_lexicon", lambda: T._load.__wrapped__(()), _same_lexicon, "lexicon"),
}


@pytest.mark.parametrize("kind", TABLES)
def test_a_table_is_built_once_then_read_from_the_cache(kind, cache_dir, monkeypatch, built):
    module, builder, load, same, attr = TABLES[kind]
    builds = _counting(monkeypatch, module, builder)
    first = load()
    assert len(builds) == 1 and len(_files(cache_dir, kind)) == 1
    second = load()
    assert len(builds) == 1  # read back, not built
    assert second is not first
    same(first, second)
    same(getattr(built, attr), second)  # what a build gives
    if kind == "actors":
        assert second.match(["President", "Bashar", "al-Assad", "said"], [False] * 4) == \
            first.match(["President", "Bashar", "al-Assad", "said"], [False] * 4)


@pytest.mark.parametrize("kind,garbage", [("actors", b"not a pickle"), ("triggers", b"\x80\x05truncated")])
def test_a_corrupt_table_cache_is_rebuilt(kind, garbage, cache_dir, monkeypatch, built):
    module, builder, load, same, attr = TABLES[kind]
    _seed(built, cache_dir, kind)
    good = getattr(built, attr)
    (path,) = _files(cache_dir, kind)
    with open(path, "wb") as f:
        f.write(garbage)
    builds = _counting(monkeypatch, module, builder)
    again = load()
    assert len(builds) == 1
    same(good, again)
    same(good, load())
    assert len(builds) == 1  # the file was written anew: read back this time, not built again
    with open(path, "wb") as f:  # a pickle of something else is no cache either
        import pickle

        pickle.dump(("something", "else"), f)
    same(good, load())
    assert len(builds) == 2


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


def test_no_cache_on_disk_when_turned_off(tmp_path, monkeypatch, built):
    """With DYADS_CACHE_DIR=off every load builds and nothing is written where the cache would
    otherwise go ($XDG_CACHE_HOME/dyads, which the same loads fill when caching is on). Each
    build is counted and hands back the one built knowledge base: what is asked is when loads
    build and write, not what a build gives."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    monkeypatch.setenv("DYADS_CACHE_DIR", "off")
    assert diskcache.cache_path("actors", 1, [K.__file__]) is None
    builds = _counting(monkeypatch, K, "build_kb", returns=built.kb)
    K.load_kb.__wrapped__(())
    K.load_kb.__wrapped__(())
    assert len(builds) == 2
    assert not (tmp_path / "xdg").exists()
    monkeypatch.delenv("DYADS_CACHE_DIR")  # the control: on, the same load writes there
    K.load_kb.__wrapped__(())
    assert len(builds) == 3 and len(_files(tmp_path / "xdg" / "dyads", "actors")) == 1


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
