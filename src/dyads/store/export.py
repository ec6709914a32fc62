"""Exports of a corpus store: its tables as Parquet, CSV, JSON Lines or Stata files, its network
as GraphML, GEXF or node-link JSON, its incidents as ACLED's CSV.

    export(store, "incidents", "acled.csv", "acled-csv", since="2014")  # one row per incident (acled.py)
    export("corpus.duckdb", "all", "out/", "parquet")              # out/documents.parquet, out/events.parquet, ...
    export(store, "events", "events.csv", "csv")                   # one table
    export(store, "network", "net.graphml", "graphml", since="2014")   # the network (filters of CorpusStore.graph)

Tables stream from DuckDB in Arrow batches, so memory stays flat (a Stata file is written whole).
In CSV, list columns (`aliases`, `events`) are JSON arrays; JSON Lines keeps them as lists; Stata
';'-joins them. Events carry their ends' CAMEO actor codes (`source_cameo`, `target_cameo`).
What each table exports, and Stata's limits, are `tables.py`'s. The network files come
from `graph_export.py` (camps annotated on the nodes, `frustrated` on the edges), directed: an edge
goes from the actor that acted to the one acted on.
"""
from __future__ import annotations

import os
from ..errors import DyadsError
from ..model import dumps
from .schema import TABLES
from .tables import select_sql, write_dta

TABLE_FORMATS = ("parquet", "csv", "jsonl", "dta")
NETWORK_FORMATS = ("graphml", "gexf", "json")
INCIDENT_FORMATS = ("acled-csv",)  # one row per incident, ACLED's columns (acled.py)
FORMATS = TABLE_FORMATS + NETWORK_FORMATS + INCIDENT_FORMATS
EXPORT_TABLES = tuple(TABLES) + ("corpus_actors", "corpus_actor_names", "actor_links", "runs", "failures",
                                 "incidents", "incident_reports", "incident_numbers")
EXTENSIONS = {"parquet": ".parquet", "csv": ".csv", "jsonl": ".jsonl", "dta": ".dta", "graphml": ".graphml",
              "gexf": ".gexf", "json": ".json", "acled-csv": ".csv"}
INCIDENT_TABLES = ("incidents", "incident_reports", "incident_numbers")
BATCH_ROWS = 50_000


def export(store, what: str, path, format: str, **filters) -> list[str]:
    """Write `what` ("all" tables, one table of EXPORT_TABLES, or "network") to `path` in
    `format` (FORMATS); returns the files written. `store` is a CorpusStore or a path. "all"
    writes one file a table into the directory `path`; network filters are those of
    `CorpusStore.graph` (since, until, category, source, actor, speaker, min_weight, ...)."""
    from .query import CorpusStore, _flag

    if format not in FORMATS:
        raise DyadsError("E110", what="export format", detail=format, choices=", ".join(FORMATS))
    own = not isinstance(store, CorpusStore)
    st = CorpusStore(store) if own else store
    try:
        if format in INCIDENT_FORMATS:  # filters of CorpusStore.incidents
            from .acled import write_acled

            if os.path.isdir(str(path)):
                path = os.path.join(str(path), "incidents-acled.csv")
            return [write_acled(st, str(path), **filters)]
        if what == "network" or format in NETWORK_FORMATS:
            if format not in NETWORK_FORMATS:
                raise DyadsError("E110", what="network format", detail=format, choices=", ".join(NETWORK_FORMATS))
            return [export_network(st, path, format, **filters)]
        if filters:
            raise DyadsError("E111", what=f"export --format {format}", detail=", ".join(_flag(k) for k in filters),
                             choices="--table")
        if what == "all":
            os.makedirs(path, exist_ok=True)
            tables = [t for t in EXPORT_TABLES if t not in INCIDENT_TABLES or st.has_incidents()]  # (an older store)
            return [export_table(st, t, os.path.join(str(path), t + EXTENSIONS[format]), format) for t in tables]
        if what not in EXPORT_TABLES:
            raise DyadsError("E110", what="table", detail=what, choices=", ".join(EXPORT_TABLES))
        if os.path.isdir(str(path)):
            path = os.path.join(str(path), what + EXTENSIONS[format])
        return [export_table(st, what, str(path), format)]
    finally:
        if own:
            st.close()


def _reader(con, sql: str):
    """A pyarrow RecordBatchReader over a query (duckdb 1.x and 2.x)."""
    rel = con.sql(sql)
    if hasattr(rel, "to_arrow_reader"):
        return rel.to_arrow_reader(BATCH_ROWS)
    return rel.fetch_arrow_reader(BATCH_ROWS)


def export_table(store, table: str, path: str, format: str) -> str:
    """One table (a name of EXPORT_TABLES, checked) to one file."""
    import pyarrow as pa

    if table not in EXPORT_TABLES:
        raise DyadsError("E110", what="table", detail=table, choices=", ".join(EXPORT_TABLES))
    con = store.con
    sql = select_sql(con, table, lists={"csv": "json", "dta": "join"}.get(format, "keep"))  # CSV, Stata: no lists
    parent = os.path.dirname(os.path.abspath(path))
    os.makedirs(parent, exist_ok=True)
    if format == "dta":
        return write_dta(con.execute(sql).df(), path, table)
    reader = _reader(con, sql)
    if format == "parquet":
        import pyarrow.parquet as pq

        with pq.ParquetWriter(path, reader.schema) as w:
            for batch in reader:
                w.write_batch(batch)
    elif format == "csv":
        import pyarrow.csv as pcsv

        with pcsv.CSVWriter(path, reader.schema) as w:
            for batch in reader:
                w.write_batch(batch)
    else:
        with open(path, "w", encoding="utf-8") as f:
            for batch in reader:
                for row in pa.Table.from_batches([batch]).to_pylist():
                    f.write(dumps(row, default=_iso) + "\n")  # never a bare Infinity/NaN
    return path


def _iso(o):
    return o.isoformat() if hasattr(o, "isoformat") else str(o)


def export_network(store, path, format: str, **filters) -> str:
    """The corpus network (CorpusStore.graph) as GraphML, GEXF or node-link JSON: directed
    unless `directed=False` is given, one edge per ordered pair from the actor that acted to the
    one acted on (as PLOVER's source and target), camps computed over both directions; an
    undirected export keeps who acted in each edge's `acts`."""
    from ..graph_export import to_gexf, to_graphml, to_node_link

    filters.setdefault("directed", True)
    G = store.graph(**filters)
    path = str(path)
    if os.path.isdir(path):
        path = os.path.join(path, "network" + EXTENSIONS[format])
    os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
    if format == "graphml":
        to_graphml(G, path)
    elif format == "gexf":
        to_gexf(G, path)
    else:
        with open(path, "w", encoding="utf-8") as f:
            f.write(dumps(to_node_link(G), indent=1))
    return path

