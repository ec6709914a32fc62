"""The benchmarks run at small size: they print their figures (no timing is asserted here;
speed belongs in the benchmarks themselves)."""
from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BENCH = os.path.join(ROOT, "benchmarks", "ingest_bench.py")
ARTICLES = os.path.join(ROOT, "tests", "fixtures", "store", "conflict-news.jsonl")


def corpus(tmp_path, n):
    """n articles of our own: the store fixtures' ten, again under other ids."""
    good = [json.loads(line) for line in open(ARTICLES, encoding="utf-8").read().splitlines()[:10]]
    path = tmp_path / "corpus.jsonl"
    with open(path, "w", encoding="utf-8") as f:
        for i in range(n):
            rec = dict(good[i % len(good)], id=f"bench-{i:03d}")
            f.write(json.dumps(rec) + "\n")
    return str(path)


@pytest.mark.slow
def test_ingest_bench_prints_its_figures(tmp_path):
    path = corpus(tmp_path, 25)
    out = subprocess.run([sys.executable, BENCH, "--corpus", path, "--limit", "20", "--processes", "2"],
                         capture_output=True, text=True, timeout=600)
    assert out.returncode == 0, out.stderr[-2000:]
    lines = out.stdout.strip().splitlines()
    assert lines[0].startswith("articles 20 ")
    table = {tuple(line.split()[:2]) for line in lines[2:5]}
    assert table == {("spacy", "2"), ("local", "2"), ("dask", "2")}
    figures = json.loads(lines[-1])
    assert figures["bench"] == "ingest" and figures["articles"] == 20 and figures["tokens"] > 0
    assert {(r["what"], r["processes"]) for r in figures["runs"]} == {("spacy", 2), ("local", 2), ("dask", 2)}
    for r in figures["runs"]:
        assert r["seconds"] > 0 and r["articles_per_s"] > 0 and r["peak_mib"] > 0 and r["vs_spacy"] > 0
        assert r["failed"] in (None, 0)
    assert "warning" not in out.stderr  # every article analysed by every run


def test_ingest_bench_without_its_corpus_says_where_it_lives(tmp_path):
    out = subprocess.run([sys.executable, BENCH, "--corpus", str(tmp_path / "absent.jsonl.gz")],
                         capture_output=True, text=True, timeout=60)
    assert out.returncode == 2 and "no corpus at" in out.stderr and "--corpus" in out.stderr
