"""Stores written before schema 2, brought to it: every event's voice (`events.voice`) and the
relations as the contract now folds them (`relations.voices`, a side's own claims counted).

Schema 2 stores, in `events.voice`, what `graph.event_voice` says of each event ("article",
"self", "other" or null), and every query of the store filters on that column: the rule of
which events make relations is written once, in Python, and never again in SQL. A store
written before has no such column (or, written by an older dyads after, nulls in it); `meta`
says which (`schema` < "2"). Then:

- opened to be written (`Store`), it is migrated in one transaction (`migrate`): the column
  filled by `graph.event_voice` over the stored events, each document's relations folded again
  from its events by `graph.article_relations` (the `relations` table and the result JSON), and
  `meta.schema` set to "2";
- opened read-only (`dyads query`, `dyads serve`), it cannot be changed: the reader computes the
  voices the same way and reads `events` through a temporary view that adds them
  (`shadow_events`); the article page folds an article's relations from its events itself.
"""
from __future__ import annotations

import json
from typing import TYPE_CHECKING, Optional

import pyarrow as pa

from ..graph import article_relations, event_voice
from ..model import ArticleResult, dumps
from .schema import SCHEMA_VERSION

if TYPE_CHECKING:
    import pandas as pd

_EVENT_COLS = ["doc_id", "event_id", "source", "target", "negated", "modality", "claimed_by"]


def stored_version(con) -> Optional[str]:
    """The schema version `meta` records, or None when it records none."""
    try:
        row = con.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()
    except Exception:  # noqa: BLE001 - no meta table
        return None
    return row[0] if row else None


def is_old(con) -> bool:
    """Whether the store was written before events carried their voice (schema < 2)."""
    v = stored_version(con)
    try:
        return v is None or int(v) < int(SCHEMA_VERSION)
    except ValueError:
        return True


class _Row:
    """An events row with the attributes `graph.event_voice` reads."""

    __slots__ = ("source", "target", "negated", "modality", "claimed_by")

    def __init__(self, source, target, negated, modality, claimed_by):
        self.source, self.target, self.modality = _s(source), _s(target), _s(modality)
        self.negated = bool(negated) if negated is not None and negated == negated else False
        self.claimed_by = _s(claimed_by)


def _s(v) -> Optional[str]:
    return v if isinstance(v, str) and v else None


def event_voices(con, table: str = "events") -> pd.DataFrame:
    """doc_id, event_id, voice of every stored event, by `graph.event_voice`."""
    cols = ", ".join(f'"{c}"' for c in _EVENT_COLS)
    df = con.execute(f"SELECT {cols} FROM {table}").df()
    df["voice"] = [event_voice(_Row(*r)) for r in zip(df["source"], df["target"], df["negated"], df["modality"],
                                                      df["claimed_by"])]
    return df[["doc_id", "event_id", "voice"]]


def shadow_events(con, voices: pd.DataFrame) -> None:
    """Read `events` of an old store through a temporary view with `voice` from `voices`
    (read-only connections may make temporary objects)."""
    db = con.execute("SELECT current_database()").fetchone()[0].replace('"', '""')
    base = f'"{db}".main.events'  # the file's table: `main.events` alone would be the view itself
    cols = [r[0] for r in con.execute(f"SELECT column_name FROM (DESCRIBE {base})").fetchall()]
    keep = ", ".join(f'e."{c}"' for c in cols if c != "voice")
    con.register("_dyads_voices_frame", pa.Table.from_pandas(voices, preserve_index=False))
    con.execute("CREATE OR REPLACE TEMP TABLE dyads_event_voices AS SELECT * FROM _dyads_voices_frame")
    con.unregister("_dyads_voices_frame")
    con.execute(f"""CREATE OR REPLACE TEMP VIEW events AS
        SELECT {keep}, v.voice FROM {base} e
        LEFT JOIN dyads_event_voices v ON v.doc_id = e.doc_id AND v.event_id = e.event_id""")


def migrate(con) -> bool:
    """Bring an old store to this schema in one transaction (the columns exist already: the
    writer's DDL added them); returns whether there was anything to do."""
    if not is_old(con):
        return False
    con.execute("BEGIN TRANSACTION")
    try:
        con.register("_dyads_voices", pa.Table.from_pandas(event_voices(con), preserve_index=False))
        con.execute("""UPDATE events SET voice = v.voice FROM _dyads_voices v
                       WHERE events.doc_id = v.doc_id AND events.event_id = v.event_id""")
        con.unregister("_dyads_voices")
        _refold_relations(con)
        con.execute("INSERT OR REPLACE INTO meta VALUES ('schema', ?)", [SCHEMA_VERSION])
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
    return True


def _refold_relations(con) -> None:
    """Each stored result's relations folded again from its events, in its JSON and its rows."""
    docs, results, rows = [], [], []
    for doc_id, text in con.execute("SELECT doc_id, result FROM documents WHERE result IS NOT NULL").fetchall():
        try:
            result = ArticleResult.from_dict(json.loads(text))
        except (ValueError, TypeError, KeyError):  # not a result this dyads reads: left as it is
            continue
        result.relations = article_relations(result.events)
        docs.append(doc_id)
        results.append(dumps(result.to_dict()))
        rows += [(doc_id, r.source, r.target, float(r.polarity), int(r.weight), json.dumps(r.categories, sort_keys=True),
                  list(r.events), json.dumps(r.voices, sort_keys=True)) for r in result.relations]
    if not docs:
        return
    con.register("_dyads_results", pa.table({"doc_id": pa.array(docs, pa.string()),
                                             "result": pa.array(results, pa.string())}))
    con.execute("UPDATE documents SET result = r.result FROM _dyads_results r WHERE documents.doc_id = r.doc_id")
    con.execute("DELETE FROM relations WHERE doc_id IN (SELECT doc_id FROM _dyads_results)")
    con.unregister("_dyads_results")
    if rows:
        from .schema import columns
        from .writer import arrow_table

        cols = ", ".join(f'"{c}"' for c in columns("relations"))
        con.register("_dyads_relations", arrow_table("relations", rows))
        con.execute(f"INSERT INTO relations ({cols}) SELECT {cols} FROM _dyads_relations")
        con.unregister("_dyads_relations")
