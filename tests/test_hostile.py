"""The hostile corpus (benchmarks/hostile_corpus.py) at a small size.

Without the model: the readers and `prepare` meet every hostile document, account for each
one (an article or a coded failure, never an exception) and never read a document twice.
With the model (slow): `dyads ingest` twice over it; the benchmark's own checks must all hold.
"""
from __future__ import annotations

import importlib.util
import json
import os
import re
import subprocess
import sys

import pytest

from dyads.errors import CATALOGUE, DocumentFailure, DyadsError
from dyads.ingest import prepare, read_inputs

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BENCH = os.path.join(ROOT, "benchmarks", "hostile_corpus.py")


def load_bench():
    spec = importlib.util.spec_from_file_location("hostile_corpus", BENCH)
    mod = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = mod  # its dataclasses look their module up
    spec.loader.exec_module(mod)
    return mod


def test_readers_account_for_every_hostile_document(tmp_path):
    bench = load_bench()
    corpus = bench.generate(str(tmp_path / "c"), 250, seed=3)  # two rounds of the hostile kinds
    assert corpus.documents >= 120 and corpus.kinds["ordinary"] > 0
    assert len([k for k in corpus.kinds if k not in ("ordinary", "skipped")]) >= 25  # every kind is there
    articles, failures = [], []
    for item in read_inputs([corpus.root]):
        if isinstance(item, DocumentFailure):
            failures.append(item)
            continue
        try:
            articles.append(prepare(item)[0])
        except DyadsError as err:
            failures.append(DocumentFailure(err, item.origin))
    assert len(articles) + len(failures) == corpus.documents
    assert all(f.code in CATALOGUE and re.fullmatch(r"E\d{3}", f.code) for f in failures)
    ids = [a.id for a in articles]
    assert len(ids) - len(set(ids)) == corpus.repeats  # only the ids repeated on purpose
    assert corpus.expect_stored <= set(ids)  # no ordinary document lost, whatever its neighbours
    for a in articles:
        assert not re.search(bench.LEAKS, a.text), a.id
        assert "\x00" not in a.text and "\x00" not in a.id
    codes = {f.code for f in failures}
    assert {"E001", "E002", "E003", "E006", "E007", "E008", "E011"} <= codes
    # the same corpus read again gives the same ids in the same order
    assert _outcome(read_inputs([corpus.root])) == _outcome(read_inputs([corpus.root]))


def _outcome(items):
    return [(i.code if isinstance(i, DocumentFailure) else i.id, i.origin) for i in items]


@pytest.mark.slow
def test_hostile_corpus_ingests_without_crash_loss_or_doubles(tmp_path):
    out = subprocess.run([sys.executable, BENCH, "-n", "60", "-p", "1", "--keep", str(tmp_path / "run")],
                         capture_output=True, text=True, timeout=1200)
    lines = out.stdout.strip().splitlines()
    assert lines and lines[-1].startswith("{"), out.stdout[-2000:] + out.stderr[-2000:]
    figures = json.loads(lines[-1])
    assert figures["problems"] == [], figures["problems"]
    assert out.returncode == 0
    first, second = figures["first"], figures["second"]
    assert figures["documents"] == 60
    assert first["status"] == 1 and first["failed"] > 0 and first["stored"] > 0  # failures: exit 1, documented
    assert first["stored"] + first["failed"] + first["repeated"] == 60
    assert second["stored"] == 0 and second["status"] == 1
    assert all(re.fullmatch(r"E\d{3}", code) for code in figures["failed_by_code"])
    assert sum(figures["failed_by_code"].values()) == first["failed"]
    assert lines[0].startswith("documents in 60") and any(line.startswith("failed by code: ") for line in lines)
