"""The one triage step of local and Dask ingest (dyads.run.triage), and the layering it serves:
the store imports nothing of the analysis."""
from __future__ import annotations

import subprocess
import sys

import pytest

from dyads.run.triage import triage
from dyads.store import Store

PIPE = "p1"


def _doc_row(doc_id, sha, pipeline, run_id):
    return {"documents": [(doc_id, sha, None, None, None, None, "en", 4, "text", pipeline, run_id, None, "{}")]}


@pytest.fixture
def store(tmp_path):
    with Store(str(tmp_path / "t.duckdb")) as st:
        old = st.start_run("ingest", [], PIPE)
        other = st.start_run("ingest", [], "p0")
        st.write_rows([_doc_row("same", "s1", PIPE, old), _doc_row("older", "s1", "p0", other)])
        st.record_failures([{"doc_id": "bad", "sha256": "s1", "origin": "x", "code": "E200", "message": "broke"},
                            {"doc_id": "killed", "sha256": "s1", "origin": "x", "code": "E201", "message": "died"}], old)
        st.current = st.start_run("ingest", [], PIPE)
        yield st


def verdicts(store, items, force=False, in_flight=lambda d, s: False):
    return {doc_id: v for _, doc_id, _, v in triage(store.con, [(None, d, s) for d, s in items], PIPE,
                                                      store.current, force, in_flight)}


def test_stored_with_the_same_text_and_pipeline_is_unchanged_else_analysed(store):
    v = verdicts(store, [("same", "s1"), ("older", "s1"), ("new", "s1")])
    assert v["same"].kind == "unchanged"
    assert (v["older"].kind, v["older"].stored) == ("analyse", True)  # another pipeline made it
    assert (v["new"].kind, v["new"].stored) == ("analyse", False)
    changed = verdicts(store, [("same", "s2")])["same"]
    assert (changed.kind, changed.stored) == ("analyse", True)  # another text under the id


def test_a_failure_is_repeated_unless_the_text_changed_or_the_worker_died(store):
    v = verdicts(store, [("bad", "s1"), ("killed", "s1")])
    assert (v["bad"].kind, v["bad"].code, v["bad"].message) == ("failed", "E200", "broke")
    assert v["killed"].kind == "analyse"  # E201 may not happen again
    assert verdicts(store, [("bad", "s2")])["bad"].kind == "analyse"


def test_force_analyses_again_but_never_twice_in_one_run(store):
    v = verdicts(store, [("same", "s1"), ("bad", "s1")], force=True)
    assert v["same"].kind == "analyse" and v["bad"].kind == "analyse"
    store.write_rows([_doc_row("mine", "s1", PIPE, store.current)])
    assert verdicts(store, [("mine", "s1")], force=True)["mine"].kind == "repeat"
    assert verdicts(store, [("mine", "s2")], force=True)["mine"].kind == "analyse"


def test_in_flight_is_asked_article_by_article(store):
    """The caller marks what it sends, so a document twice in one read-ahead is analysed once."""
    sent = set()
    out = []
    for _, doc_id, sha, v in triage(store.con, [(None, "n", "s1"), (None, "n", "s1"), (None, "n", "s2")], PIPE,
                                    store.current, False, lambda d, s: (d, s) in sent):
        out.append(v.kind)
        if v.kind == "analyse":
            sent.add((doc_id, sha))
    assert out == ["analyse", "repeat", "analyse"]


def test_the_store_imports_nothing_of_the_analysis():
    code = ("import sys, dyads.store, dyads.store.query, dyads.store.corpus, dyads.store.export, "
            "dyads.store.disagree, dyads.store.present, dyads.store.writer, dyads.store.locks; "
            "print(sorted(m for m in sys.modules if m.startswith(('dyads.nlp', 'dyads.ingest', 'dyads.run'))))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
