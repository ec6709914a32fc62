"""Ingest on Dask: the store it builds is the store the plain writer builds, a second run adds
nothing, a shard left by a crashed run is merged once and only once, failures are recorded.

One LocalCluster of two worker processes serves the module, so each worker loads the model once."""
from __future__ import annotations

import json
import os
import shutil

import pytest

pytestmark = pytest.mark.slow

import distributed  # noqa: E402  (a required dependency: a broken install fails, not skips)

from dyads.errors import DocumentFailure  # noqa: E402
from dyads.ingest import read_inputs  # noqa: E402
from dyads.ingest.normalise import sha256  # noqa: E402
from dyads.run import distributed as dist  # noqa: E402
from dyads.run import shards  # noqa: E402
from dyads.run.version import pipeline_version  # noqa: E402
from dyads.store import Store  # noqa: E402
from dyads.store.schema import DOCUMENT_TABLES, columns  # noqa: E402

CORPUS = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "fixtures", "store", "conflict-news.jsonl")
GOOD = [f"news-{i:02d}" for i in range(1, 11)]  # then one German article (E007) and one broken line (E008)
VOLATILE = {"run_id", "stored_at"}


@pytest.fixture(scope="module")
def cluster():
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
                                  scheduler_kwargs={"dashboard_address": ":0"}, silence_logs=50) as c:
        yield c


@pytest.fixture(scope="module")
def analyzer():
    # the worker-side cache, so that shards written in this process reuse this pipeline
    return shards.worker_analyzer()


@pytest.fixture(scope="module")
def reference(tmp_path_factory, analyzer):
    """The store the plain path builds: Analyzer.pipe, then Store.write."""
    db = str(tmp_path_factory.mktemp("ref") / "ref.duckdb")
    results, failures = [], []
    for out in analyzer.pipe(read_inputs([CORPUS])):
        if isinstance(out, DocumentFailure):
            failures.append((out.origin, out.code))
        else:
            results.append(out)
    with Store(db) as store:
        run = store.start_run("ingest", [CORPUS], pipeline_version())
        store.write(results, run)
    return snapshot(db), sorted(failures)


def snapshot(db, volatile=VOLATILE):
    import duckdb

    con = duckdb.connect(db, read_only=True)
    try:
        out = {}
        for t in DOCUMENT_TABLES:
            cols = [c for c in columns(t) if c not in volatile]
            rows = con.execute(f"SELECT {', '.join(f'{chr(34)}{c}{chr(34)}' for c in cols)} FROM {t}").fetchall()
            out[t] = sorted(rows, key=repr)
        return out
    finally:
        con.close()


def query(db, sql, params=()):
    import duckdb

    con = duckdb.connect(db, read_only=True)
    try:
        return con.execute(sql, list(params)).fetchall()
    finally:
        con.close()


def articles(ids):
    """The corpus articles with these ids, as the client sends them."""
    out = []
    for item in read_inputs([CORPUS]):
        if not isinstance(item, DocumentFailure) and item.id in ids:
            out.append(dist.article_dict(item, item.id, sha256(item.text)))
    return out


def write_leftover(db, run_id, chunk, ids, complete=True):
    """What a worker of a crashed run left: a shard written by the worker function itself."""
    name = f"{chunk:06d}"
    path = os.path.join(shards.shard_root(db), run_id, name)
    m = shards.analyse_chunk(articles(ids), path, f"{run_id}/{name}", run_id, {})
    assert m["path"] == path and m["documents"] == sorted(ids)
    if not complete:
        os.remove(os.path.join(path, shards.MARKER))
    return path


def test_same_store_as_the_plain_writer_and_failures_recorded(tmp_path, cluster, reference):
    db = str(tmp_path / "dask.duckdb")
    out = dist.ingest_dask([CORPUS], db=db, scheduler=cluster.scheduler_address, batch_size=3, quiet=True)
    assert out["stored"] == 10 and out["unchanged"] == 0 and out["failed"] == 2
    expected, ref_failures = reference
    assert snapshot(db) == expected
    assert sorted(r[0] for r in query(db, "SELECT doc_id FROM documents")) == GOOD
    failures = query(db, "SELECT doc_id, origin, code, run_id FROM failures ORDER BY origin")
    assert [(o, c) for _, o, c, _ in failures] == ref_failures == [(CORPUS + ":11", "E007"), (CORPUS + ":12", "E008")]
    assert [(d, r) for d, _, _, r in failures] == [("news-de", out["run_id"]), (None, out["run_id"])]
    assert query(db, "SELECT status, stored, unchanged, failed FROM runs") == [("done", 10, 0, 2)]
    # 12 records in chunks of 3 (the broken line never reaches a worker): four shards, each merged once
    assert query(db, "SELECT count(*), count(DISTINCT shard_id) FROM merged_shards") == [(4, 4)]
    assert not os.path.exists(shards.shard_root(db))
    # each worker built its pipeline once, whatever the number of chunks
    client = distributed.Client(cluster)
    try:
        assert set(client.run(lambda: shards.LOADS["count"]).values()) <= {0, 1}
    finally:
        client.close()


def test_second_run_adds_nothing(tmp_path, cluster):
    db = str(tmp_path / "dask.duckdb")
    first = dist.ingest_dask([CORPUS], db=db, scheduler=cluster.scheduler_address, quiet=True)
    before = snapshot(db, volatile=())
    second = dist.ingest_dask([CORPUS], db=db, local_workers=1, quiet=True)  # and a cluster of its own
    assert (second["stored"], second["unchanged"], second["failed"]) == (0, 10, 2)
    assert second["run_id"] != first["run_id"]
    assert snapshot(db, volatile=()) == before  # not a row rewritten: same run ids and times
    assert query(db, "SELECT count(*) FROM failures") == [(2,)]  # the latest word per document, not one a run
    assert query(db, "SELECT count(*) FROM runs WHERE status = 'done'") == [(2,)]


def test_forced_run_rewrites_everything_once(tmp_path, cluster, reference):
    db = str(tmp_path / "dask.duckdb")
    dist.ingest_dask([CORPUS], db=db, scheduler=cluster.scheduler_address, quiet=True)
    again = dist.ingest_dask([CORPUS], db=db, scheduler=cluster.scheduler_address, force=True, quiet=True)
    assert (again["stored"], again["unchanged"]) == (10, 0)
    assert snapshot(db) == reference[0]
    assert query(db, "SELECT DISTINCT run_id FROM documents") == [(again["run_id"],)]


def test_leftover_shard_of_a_crashed_run_is_merged_once(tmp_path, cluster, reference):
    db = str(tmp_path / "dask.duckdb")
    with Store(db) as store:
        crashed = store.start_run("ingest", [CORPUS], pipeline_version())
    done = write_leftover(db, crashed, 0, GOOD[:3])
    write_leftover(db, crashed, 1, GOOD[3:4], complete=False)  # killed before its marker: ignored

    out = dist.ingest_dask([CORPUS], db=db, scheduler=cluster.scheduler_address, quiet=True)
    # the leftover's three documents were stored by the crashed run; this one skipped them
    assert (out["stored"], out["unchanged"], out["failed"]) == (7, 3, 2)
    assert snapshot(db) == reference[0]
    assert query(db, "SELECT doc_id FROM documents WHERE run_id = ? ORDER BY doc_id", [crashed]) == [(d,) for d in GOOD[:3]]
    assert query(db, "SELECT shard_id FROM merged_shards WHERE run_id = ?", [crashed]) == [(f"{crashed}/000000",)]
    assert query(db, "SELECT status FROM runs WHERE run_id = ?", [crashed]) == [("interrupted",)]
    assert not os.path.exists(done) and not os.path.exists(shards.shard_root(db))


def test_shard_merged_before_a_crash_is_not_merged_again(tmp_path, cluster):
    """The client died after the merge committed and before it deleted the files."""
    db = str(tmp_path / "dask.duckdb")
    dist.ingest_dask([CORPUS], db=db, scheduler=cluster.scheduler_address, quiet=True)
    path = write_leftover(db, "20000101T000000-crashed", 0, GOOD[:2])
    backup = str(tmp_path / "backup")
    shutil.copytree(path, backup)
    with Store(db) as store:
        shards.ensure_bookkeeping(store.con)
        assert shards.merge_shard(store, path)[0] == 2
    shutil.copytree(backup, path)  # the files the crash left behind
    before = snapshot(db, volatile=())

    out = dist.ingest_dask([CORPUS], db=db, scheduler=cluster.scheduler_address, quiet=True)
    assert out["stored"] == 0
    assert snapshot(db, volatile=()) == before  # the same rows, the same stored_at: no second merge
    assert query(db, "SELECT count(*) FROM merged_shards WHERE run_id = '20000101T000000-crashed'") == [(1,)]
    assert not os.path.exists(shards.shard_root(db))


def test_leftover_shard_does_not_undo_a_later_run(tmp_path, analyzer):
    db = str(tmp_path / "dask.duckdb")
    with Store(db) as store:
        old = store.start_run("ingest", [CORPUS], pipeline_version())
        later = store.start_run("ingest", [CORPUS], pipeline_version())
        store.write(analyzer.pipe(_plain(GOOD[:1])), later)
    write_leftover(db, old, 0, GOOD[:2])
    with Store(db) as store:
        shards.ensure_bookkeeping(store.con)
        assert shards.recover(store, db) == 1
    assert query(db, "SELECT doc_id, run_id FROM documents ORDER BY doc_id") == [(GOOD[0], later), (GOOD[1], old)]


def _plain(ids):
    return [item for item in read_inputs([CORPUS]) if not isinstance(item, DocumentFailure) and item.id in ids]


def test_shard_the_client_cannot_see_is_fetched_from_its_worker(tmp_path, cluster):
    """Workers on other machines: the worker wrote where the client cannot read."""
    db = str(tmp_path / "dask.duckdb")
    elsewhere = str(tmp_path / "worker-disk" / "shard")
    client = distributed.Client(cluster)
    store = Store(db)
    shards.ensure_bookkeeping(store.con)
    try:
        run_id = store.start_run("ingest", [CORPUS], pipeline_version())

        class Blind(dist._Run):
            def _sees(self, path):
                return False

        run = Blind(client, store, db, run_id, pipeline_version(), {}, 32, quiet=True)
        docs = articles(GOOD[:2])
        manifest = client.submit(shards.analyse_chunk, docs, elsewhere, f"{run_id}/000000", run_id, {}, pure=False).result()
        assert manifest["path"] == elsewhere and manifest["worker"] in client.nthreads()
        run.order.append((0,))
        run.done[(0,)] = (manifest, [(a["doc_id"], a["sha256"], a["origin"]) for a in docs])
        run._merge_ready()
        assert run.stored == 2
        assert sorted(r[0] for r in store.con.execute("SELECT doc_id FROM documents").fetchall()) == GOOD[:2]
        assert not os.path.exists(os.path.join(shards.shard_root(db), run_id, "000000"))  # merged, then deleted
        distributed.wait(client.submit(os.path.exists, elsewhere, pure=False))
        for _ in range(100):  # the worker's copy goes too (fire and forget)
            if not os.path.exists(elsewhere):
                break
            import time

            time.sleep(0.05)
        assert not os.path.exists(elsewhere)
    finally:
        store.close()
        client.close()


def test_unreachable_scheduler_is_a_coded_error(tmp_path):
    from dyads.errors import DyadsError

    import dask

    with dask.config.set({"distributed.comm.timeouts.connect": "1s"}), pytest.raises(DyadsError) as exc:
        dist.ingest_dask([CORPUS], db=str(tmp_path / "x.duckdb"), scheduler="tcp://127.0.0.1:9", quiet=True)
    assert exc.value.code == "E120"


def test_manifest_is_the_marker_and_is_plain_json(tmp_path, analyzer):
    path = str(tmp_path / "s")
    m = shards.analyse_chunk(articles(GOOD[:1]), path, "r/000000", "r", {})
    with open(os.path.join(path, shards.MARKER), encoding="utf-8") as f:
        assert json.load(f) == m
    assert "documents.parquet" in os.listdir(path) and m["failures"] == []


def test_a_store_written_by_local_ingest_is_unchanged_for_dask(tmp_path, cluster):
    from dyads.run.ingest import ingest

    db = str(tmp_path / "local.duckdb")
    ingest([CORPUS], db=db, processes=1, quiet=True)
    out = dist.ingest_dask([CORPUS], db=db, scheduler=cluster.scheduler_address, quiet=True)
    assert (out["stored"], out["unchanged"], out["failed"]) == (0, 10, 2)


def test_of_two_texts_under_one_id_the_later_is_stored(tmp_path, cluster):
    recs = [json.loads(line) for line in open(CORPUS, encoding="utf-8").read().splitlines()[:3]]
    recs[2]["id"] = recs[0]["id"]  # the same id again, another text, in a later chunk
    path = tmp_path / "twice.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in recs), encoding="utf-8")
    db = str(tmp_path / "dask.duckdb")
    out = dist.ingest_dask([str(path)], db=db, scheduler=cluster.scheduler_address, batch_size=1, quiet=True)
    assert out["failed"] == 0 and out["stored"] == 3
    assert query(db, "SELECT doc_id, text FROM documents ORDER BY doc_id") == [
        (recs[0]["id"], recs[2]["text"]), (recs[1]["id"], recs[1]["text"])]


def test_actors_files_travel_to_the_workers(tmp_path, cluster):
    """Workers on other machines do not have the user's actors file: the client sends it, and
    the rows carry the same pipeline stamp as a local ingest with that file."""
    from dyads.run.version import pipeline_for

    actors = tmp_path / "mine.yaml"
    actors.write_text('- id: "group:falcons"\n  name: "Northern Falcons Brigade"\n  type: armed_group\n'
                      '  country: "SYR"\n  aliases: ["Falcons Brigade"]\n', encoding="utf-8")
    text = ("The Northern Falcons Brigade attacked an army checkpoint near Hama on Sunday, the Syrian Observatory "
            "for Human Rights said. The Falcons Brigade said it had killed four soldiers.")
    path = tmp_path / "one.jsonl"
    path.write_text(json.dumps({"id": "falcons", "text": text}) + "\n", encoding="utf-8")
    db = str(tmp_path / "dask.duckdb")
    out = dist.ingest_dask([str(path)], db=db, scheduler=cluster.scheduler_address, actors_files=[str(actors)], quiet=True)
    assert out["stored"] == 1
    assert ("group:falcons",) in query(db, "SELECT kb_id FROM actors")
    assert query(db, "SELECT pipeline FROM documents") == [(pipeline_for(None, [str(actors)]),)]
    again = dist.ingest_dask([str(path)], db=db, scheduler=cluster.scheduler_address, actors_files=[str(actors)], quiet=True)
    assert again["unchanged"] == 1
