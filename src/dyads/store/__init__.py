"""The corpus store: many articles in one DuckDB file.

    dyads ingest news.jsonl.gz --db corpus.duckdb      # analyse and store, resumable
    store = dyads.open_store("corpus.duckdb")           # read: DataFrames

Writing goes through one `Store` (writer.py); the tables are in schema.py. The runs that
analyse and write (local workers, Dask) are in `dyads.run`: the store imports nothing of the
analysis.
"""
from __future__ import annotations

from .writer import DEFAULT_DB, Store, default_db, open_connection, result_rows

__all__ = ["Store", "DEFAULT_DB", "default_db", "open_connection", "result_rows", "open_store"]


def open_store(path=None):
    """The store at `path` (default: $DYADS_DB or dyads.duckdb), opened read-only for queries."""
    from .query import CorpusStore

    return CorpusStore(path)
