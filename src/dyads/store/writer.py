"""The one writer of a corpus store (DuckDB).

    with Store("dyads.duckdb") as store:
        run = store.start_run("ingest", ["news.jsonl"], pipeline)
        store.write([result, ...], run)          # one transaction for the batch, rows stamped `pipeline`
        store.record_failures([failure, ...], run)
        store.finish_run(run, "done", stored=..., unchanged=..., failed=...)

A document is keyed by its id; its rows in every table are deleted and written again in the
same transaction, so a run killed at any moment leaves each document either as it was or wholly
replaced, never half written and never twice. Reading goes through `dyads.store.open_store`.
The pipeline version rows are stamped with comes from the caller (`dyads.run.version`): the
store knows nothing of the analysis. `open_connection` is the one way a store file is opened.
"""
from __future__ import annotations

import datetime as _dt
import json
import os
import uuid
from typing import Iterable, Optional

import duckdb
import pyarrow as pa

from ..errors import DyadsError
from ..graph import event_voice
from ..model import ArticleResult
from .locks import READER_WAIT, connect_reader, connect_writer, first_line, release_writer
from .migrate import migrate
from .schema import DOCUMENT_TABLES, SCHEMA_VERSION, TABLES, columns, ddl

DEFAULT_DB = "dyads.duckdb"
_ARROW = {"VARCHAR": pa.string(), "INTEGER": pa.int32(), "DOUBLE": pa.float64(), "BOOLEAN": pa.bool_(),
          "TIMESTAMP": pa.timestamp("us"), "VARCHAR[]": pa.list_(pa.string())}


def default_db() -> str:
    return os.environ.get("DYADS_DB") or DEFAULT_DB


def existing(path: str) -> str:
    """`path`, or E104 when there is no store there (what a reader of a store checks first)."""
    if not os.path.exists(path):
        raise DyadsError("E104", path=path)
    return path


def open_connection(path: str, read_only: bool = False, config: Optional[dict] = None,
                    wait: Optional[float] = None) -> "duckdb.DuckDBPyConnection":
    """The one way a store file is opened, with its errors: E104 when a reader finds no file,
    E105 when it cannot be opened (not DuckDB, unreadable), E107 when another process writes it
    (a reader after waiting `wait` seconds), E112 when a writer waited too long for readers
    (locks.py)."""
    if read_only:
        existing(path)
    try:
        if read_only:
            return connect_reader(path, wait=READER_WAIT if wait is None else wait)
        return connect_writer(path, config)
    except DyadsError:
        raise
    except Exception as exc:  # noqa: BLE001 - duckdb's errors, said with a code
        raise DyadsError("E105", path=path, detail=first_line(exc)) from None


def _now() -> _dt.datetime:
    return _dt.datetime.now(_dt.timezone.utc).replace(tzinfo=None)


def result_rows(result: ArticleResult, text: str, pipeline: str, run_id: Optional[str]) -> dict[str, list[tuple]]:
    """The rows of every document table for one analysed article."""
    d = result.document
    doc_id = d.id
    rows: dict[str, list[tuple]] = {t: [] for t in DOCUMENT_TABLES}
    rows["documents"].append((doc_id, d.sha256, d.title, d.date, d.source, d.url, d.language, d.chars, text,
                              pipeline, run_id, _now(), result.to_json()))
    for a in result.actors:
        att = {k: (v.value if v is not None else None) for k, v in (a.attributes or {}).items()}
        rows["actors"].append((doc_id, a.id, a.name, a.type, a.kb_id, (a.codes or {}).get("cameo"), list(a.aliases),
                               _s(att.get("role")), _s(att.get("affiliation")), _s(att.get("country")),
                               _s(att.get("religion")), len(a.mentions)))
        for m in a.mentions:
            rows["mentions"].append((doc_id, a.id, m.start, m.end, m.text))
    for q in result.quotes:
        sm = q.speaker_mention
        rows["quotes"].append((doc_id, q.id, q.kind, q.text, q.start, q.end, q.speaker, q.speaker_text,
                               sm.start if sm else None, sm.end if sm else None, q.cue))
    for e in result.events:
        rows["events"].append((doc_id, e.id, e.category, e.trigger, e.start, e.end, e.source, e.target, e.mode, e.cameo,
                               int(e.polarity), bool(e.negated), e.modality, e.claimed_by, e.quote, e.date, e.place,
                               e.trigger_start, e.trigger_end, event_voice(e)))
    for n in result.quantities:
        rows["quantities"].append((doc_id, n.id, n.text, n.start, n.end, n.value, n.low, n.high, n.approx, n.unit,
                                   n.counts, n.subject, n.claimed_by))
    for p in result.places:
        rows["places"].append((doc_id, p.id, p.name, p.country, p.lat, p.lon, len(p.mentions)))
        for m in p.mentions:
            rows["place_mentions"].append((doc_id, p.id, m.start, m.end, m.text))
    for r in result.relations:
        rows["relations"].append((doc_id, r.source, r.target, float(r.polarity), int(r.weight),
                                  json.dumps(r.categories, sort_keys=True), list(r.events),
                                  json.dumps(r.voices, sort_keys=True)))
    for w in result.warnings:
        rows["warnings"].append((doc_id, w.code, w.message))
    return rows


def _s(v) -> Optional[str]:
    return None if v is None else str(v)


def merge_rows(parts: Iterable[dict[str, list[tuple]]]) -> dict[str, list[tuple]]:
    out: dict[str, list[tuple]] = {t: [] for t in DOCUMENT_TABLES}
    for p in parts:
        for t, rs in p.items():
            out[t].extend(rs)
    return out


def arrow_table(table: str, rows: list[tuple]) -> pa.Table:
    cols = TABLES[table]
    arrays = []
    for i, (name, typ) in enumerate(cols):
        arrays.append(pa.array([r[i] for r in rows], type=_ARROW[typ]))
    return pa.Table.from_arrays(arrays, names=[c for c, _ in cols])


class Connected:
    """Something holding one DuckDB connection (`self.con`), closed on leaving a `with` block."""

    con: "duckdb.DuckDBPyConnection"

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        try:
            self.con.close()
        except Exception:  # noqa: BLE001 - closing twice is fine
            pass


class Store(Connected):
    """A DuckDB corpus store, written by one process at a time.

    The connection is opened on first use of `con` and closed by `release()`, after which
    readers (`dyads serve`, `dyads query`) may open the file until `con` is used again: an
    ingest releases it after every batch it writes (see locks.py). Opening waits while readers
    hold the file (E112 after DYADS_LOCK_TIMEOUT seconds) and is refused at once while another
    process holds it read-write (E107)."""

    def __init__(self, path: Optional[str] = None, read_only: bool = False, memory_limit: Optional[str] = None):
        self.path = str(path or default_db())
        self.read_only = read_only
        self.config = {"memory_limit": memory_limit} if memory_limit else {}
        self._con = None
        if read_only:
            self.con  # noqa: B018 - E104 now when there is no store
        else:
            self._create()

    @property
    def con(self) -> "duckdb.DuckDBPyConnection":
        if self._con is None:
            self._con = open_connection(self.path, self.read_only, self.config)
        return self._con

    def release(self) -> None:
        """Close the connection now (DuckDB writes its log into the file and lets go of it);
        the next use of `con` opens it again."""
        con, self._con = self._con, None
        if con is None:
            return
        if self.read_only:
            con.close()
        else:
            release_writer(con)

    def close(self) -> None:
        self.release()

    def _create(self) -> None:
        try:
            for stmt in ddl():
                self.con.execute(stmt)
            migrate(self.con)  # a store written before: events' voices and relations as now folded
            self.con.execute("INSERT OR REPLACE INTO meta VALUES ('schema', ?)", [SCHEMA_VERSION])
        except DyadsError:
            raise
        except Exception as exc:  # noqa: BLE001 - e.g. a DuckDB file whose tables are not a store's
            self.release()
            raise DyadsError("E105", path=self.path, detail=first_line(exc)) from None

    # ------------------------------------------------------------ runs

    def start_run(self, command: str, inputs: Iterable[str], pipeline: str) -> str:
        run_id = _now().strftime("%Y%m%dT%H%M%S") + "-" + uuid.uuid4().hex[:8]
        self.con.execute("INSERT INTO runs (run_id, command, inputs, pipeline, started, status) VALUES (?, ?, ?, ?, ?, ?)",
                         [run_id, command, json.dumps(list(inputs)), pipeline, _now(), "running"])
        return run_id

    def finish_run(self, run_id: str, status: str, stored: int = 0, unchanged: int = 0, failed: int = 0) -> None:
        """Record how a run ended; a run that is done first brings the full-text index up to date
        (search.refresh_index: built again when documents were written since, else nothing)."""
        if status == "done":
            from .search import refresh_index

            try:
                refresh_index(self.con)
            except Exception:  # noqa: BLE001 - the notes stay: readers scan those articles (W103), the next run builds
                pass
        self.con.execute("UPDATE runs SET finished = ?, status = ?, stored = ?, unchanged = ?, failed = ? WHERE run_id = ?",
                         [_now(), status, stored, unchanged, failed, run_id])

    # ------------------------------------------------------------ documents

    def known(self) -> dict[str, tuple[str, str]]:
        """doc_id -> (sha256, pipeline) of every stored document."""
        return {r[0]: (r[1], r[2]) for r in self.con.execute("SELECT doc_id, sha256, pipeline FROM documents").fetchall()}

    def write(self, results: Iterable[ArticleResult], run_id: Optional[str], pipeline: Optional[str] = None) -> int:
        """Store analysed articles (each with its `.text`), stamped with `pipeline` (by default the
        pipeline the run was started with), replacing any earlier rows of the same documents, in
        one transaction. Returns how many were written."""
        if pipeline is None and run_id is not None:
            got = self.con.execute("SELECT pipeline FROM runs WHERE run_id = ?", [run_id]).fetchone()
            pipeline = got[0] if got else None
        return self.write_rows([result_rows(r, getattr(r, "text", None), pipeline, run_id) for r in results])

    def write_rows(self, docs: list[dict[str, list[tuple]]]) -> int:
        """Write documents' prepared rows (each from `result_rows`) in one transaction; a
        document's old rows go first, and of the same document twice the last one wins."""
        by_id: dict[str, dict] = {}
        for d in docs:
            by_id[d["documents"][0][0]] = d
        if not by_id:
            return 0
        rows = merge_rows(by_id.values())
        tables = {t: arrow_table(t, rows[t]) for t in DOCUMENT_TABLES if rows.get(t)}
        return self.replace_documents(pa.array(list(by_id), type=pa.string()), tables)

    def replace_documents(self, ids: pa.Array, tables: dict[str, pa.Table],
                          also: Iterable[tuple[str, list]] = ()) -> int:
        """The one delete-then-insert transaction: the documents `ids` lose their rows in every
        document table and their failures, then get the rows of `tables` (table name -> Arrow
        table with that table's columns); the statements `also` (sql, params) run in the same
        transaction. Returns len(ids)."""
        con = self.con
        con.execute("BEGIN TRANSACTION")
        try:
            con.register("_batch_ids", pa.table({"doc_id": ids}))
            for t in DOCUMENT_TABLES:
                con.execute(f"DELETE FROM {t} WHERE doc_id IN (SELECT doc_id FROM _batch_ids)")
            con.execute("DELETE FROM failures WHERE doc_id IN (SELECT doc_id FROM _batch_ids)")
            # the full-text index holds their old text until it is built again (search.py)
            con.execute("INSERT INTO search_pending SELECT DISTINCT doc_id FROM _batch_ids "
                        "WHERE doc_id NOT IN (SELECT doc_id FROM search_pending)")
            con.unregister("_batch_ids")
            for t, tb in tables.items():
                if not tb.num_rows:
                    continue
                con.register("_batch_rows", tb)
                cols = ", ".join(f'"{c}"' for c in columns(t))
                con.execute(f"INSERT INTO {t} ({cols}) SELECT {cols} FROM _batch_rows")
                con.unregister("_batch_rows")
            for sql, params in also:
                con.execute(sql, params)
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            raise
        return len(ids)

    def record_failures(self, failures: Iterable[dict], run_id: Optional[str]) -> int:
        """Record documents that could not be analysed: dicts with doc_id, sha256, origin, code,
        message. What is stored for them already stays."""
        fs = list(failures)
        if not fs:
            return 0
        self.con.execute("BEGIN TRANSACTION")
        try:
            for f in fs:
                if f.get("doc_id") is not None:
                    self.con.execute("DELETE FROM failures WHERE doc_id = ?", [f["doc_id"]])
                elif f.get("origin") is not None:  # unreadable, no id: the latest word per origin
                    self.con.execute("DELETE FROM failures WHERE doc_id IS NULL AND origin = ?", [f["origin"]])
            self.con.executemany(
                "INSERT INTO failures VALUES (?, ?, ?, ?, ?, ?, ?)",
                [[f.get("doc_id"), f.get("sha256"), f.get("origin"), f.get("code"), f.get("message"), run_id, _now()]
                 for f in fs])
            self.con.execute("COMMIT")
        except BaseException:
            self.con.execute("ROLLBACK")
            raise
        return len(fs)
