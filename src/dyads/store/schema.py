"""The corpus store's tables: the dyads.article/1 contract, one row per item, keyed by document.

Every table but `runs`, `failures` and the corpus tables carries `doc_id`, and a document's rows
are always replaced together, in one transaction, so a document is either wholly stored or not
at all. Offsets are those of the contract: indices into `documents.text`, end exclusive.
"""
from __future__ import annotations

SCHEMA_VERSION = "2"  # 2: events.voice and relations.voices (graph.event_voice); see migrate.py

# table -> column definitions, in the order rows are written
TABLES: dict[str, list[tuple[str, str]]] = {
    "documents": [
        ("doc_id", "VARCHAR"), ("sha256", "VARCHAR"), ("title", "VARCHAR"), ("date", "VARCHAR"),
        ("source", "VARCHAR"), ("url", "VARCHAR"), ("language", "VARCHAR"), ("chars", "INTEGER"),
        ("text", "VARCHAR"), ("pipeline", "VARCHAR"), ("run_id", "VARCHAR"), ("stored_at", "TIMESTAMP"),
        ("result", "VARCHAR"),  # the whole contract JSON, for an exact read-back
    ],
    "actors": [
        ("doc_id", "VARCHAR"), ("actor_id", "VARCHAR"), ("name", "VARCHAR"), ("type", "VARCHAR"),
        ("kb_id", "VARCHAR"), ("cameo", "VARCHAR"), ("aliases", "VARCHAR[]"), ("role", "VARCHAR"),
        ("affiliation", "VARCHAR"), ("country", "VARCHAR"), ("religion", "VARCHAR"), ("mentions", "INTEGER"),
    ],
    "mentions": [
        ("doc_id", "VARCHAR"), ("actor_id", "VARCHAR"), ("start", "INTEGER"), ("end", "INTEGER"), ("text", "VARCHAR"),
    ],
    "quotes": [
        ("doc_id", "VARCHAR"), ("quote_id", "VARCHAR"), ("kind", "VARCHAR"), ("text", "VARCHAR"),
        ("start", "INTEGER"), ("end", "INTEGER"), ("speaker", "VARCHAR"), ("speaker_text", "VARCHAR"),
        ("speaker_start", "INTEGER"), ("speaker_end", "INTEGER"), ("cue", "VARCHAR"),
    ],
    "events": [
        ("doc_id", "VARCHAR"), ("event_id", "VARCHAR"), ("category", "VARCHAR"), ("trigger", "VARCHAR"),
        ("start", "INTEGER"), ("end", "INTEGER"), ("source", "VARCHAR"), ("target", "VARCHAR"),
        ("mode", "VARCHAR"), ("cameo", "VARCHAR"), ("polarity", "INTEGER"), ("negated", "BOOLEAN"),
        ("modality", "VARCHAR"), ("claimed_by", "VARCHAR"), ("quote", "VARCHAR"), ("date", "VARCHAR"),
        ("place", "VARCHAR"), ("trigger_start", "INTEGER"), ("trigger_end", "INTEGER"),
        ("voice", "VARCHAR"),  # graph.event_voice: article, self, other, or null (no tie asserted)
    ],
    "quantities": [
        ("doc_id", "VARCHAR"), ("quantity_id", "VARCHAR"), ("text", "VARCHAR"), ("start", "INTEGER"),
        ("end", "INTEGER"), ("value", "DOUBLE"), ("low", "DOUBLE"), ("high", "DOUBLE"), ("approx", "VARCHAR"),
        ("unit", "VARCHAR"), ("counts", "VARCHAR"), ("subject", "VARCHAR"), ("claimed_by", "VARCHAR"),
    ],
    "places": [
        ("doc_id", "VARCHAR"), ("place_id", "VARCHAR"), ("name", "VARCHAR"), ("country", "VARCHAR"),
        ("lat", "DOUBLE"), ("lon", "DOUBLE"), ("mentions", "INTEGER"),
    ],
    "place_mentions": [
        ("doc_id", "VARCHAR"), ("place_id", "VARCHAR"), ("start", "INTEGER"), ("end", "INTEGER"), ("text", "VARCHAR"),
    ],
    "relations": [
        ("doc_id", "VARCHAR"), ("source", "VARCHAR"), ("target", "VARCHAR"), ("polarity", "DOUBLE"),
        ("weight", "INTEGER"), ("categories", "VARCHAR"), ("events", "VARCHAR[]"), ("voices", "VARCHAR"),
    ],
    "warnings": [
        ("doc_id", "VARCHAR"), ("code", "VARCHAR"), ("message", "VARCHAR"),
    ],
}

# tables whose rows belong to one document and are replaced with it
DOCUMENT_TABLES = tuple(TABLES)

OTHER_DDL = [
    """CREATE TABLE IF NOT EXISTS meta (key VARCHAR PRIMARY KEY, value VARCHAR)""",
    """CREATE TABLE IF NOT EXISTS runs (
        run_id VARCHAR PRIMARY KEY, command VARCHAR, inputs VARCHAR, pipeline VARCHAR,
        started TIMESTAMP, finished TIMESTAMP, status VARCHAR,
        stored INTEGER DEFAULT 0, unchanged INTEGER DEFAULT 0, failed INTEGER DEFAULT 0)""",
    # documents that could not be analysed, with their coded error; the latest word per document
    """CREATE TABLE IF NOT EXISTS failures (
        doc_id VARCHAR, sha256 VARCHAR, origin VARCHAR, code VARCHAR, message VARCHAR,
        run_id VARCHAR, failed_at TIMESTAMP)""",
    # one actor across articles (knowledge-base link first, then its names)
    """CREATE TABLE IF NOT EXISTS corpus_actors (
        corpus_id VARCHAR PRIMARY KEY, name VARCHAR, type VARCHAR, kb_id VARCHAR,
        articles INTEGER, mentions INTEGER)""",
    """CREATE TABLE IF NOT EXISTS corpus_actor_names (corpus_id VARCHAR, name VARCHAR, count INTEGER)""",
    # article actor -> corpus actor
    """CREATE TABLE IF NOT EXISTS actor_links (doc_id VARCHAR, actor_id VARCHAR, corpus_id VARCHAR)""",
    # documents written since the full-text index was last built (search.py)
    """CREATE TABLE IF NOT EXISTS search_pending (doc_id VARCHAR)""",
]


# incidents: the events of different articles that report one happening (incidents.py), kept by
# incident_update.update_incidents at the end of each ingest
INCIDENT_DDL = [
    """CREATE TABLE IF NOT EXISTS incidents (
        incident_id VARCHAR PRIMARY KEY, block VARCHAR, category VARCHAR, source VARCHAR, target VARCHAR,
        date VARCHAR, date_precision VARCHAR, anchor_lo INTEGER, anchor_hi INTEGER,
        place VARCHAR, place_country VARCHAR, lat DOUBLE, lon DOUBLE, place_precision VARCHAR,
        reports INTEGER, articles INTEGER, outlets INTEGER, first_reported VARCHAR,
        asserted INTEGER, denied INTEGER, disputed BOOLEAN,
        fatalities_low DOUBLE, fatalities_high DOUBLE, fatalities_median DOUBLE)""",
    """CREATE TABLE IF NOT EXISTS incident_reports (
        incident_id VARCHAR, doc_id VARCHAR, event_id VARCHAR, block VARCHAR, open_side BOOLEAN,
        outlet VARCHAR, voice VARCHAR, negated BOOLEAN, date VARCHAR, article_date VARCHAR,
        date_gap INTEGER, place VARCHAR, why VARCHAR)""",
    """CREATE TABLE IF NOT EXISTS incident_numbers (
        incident_id VARCHAR, doc_id VARCHAR, event_id VARCHAR, outlet VARCHAR, quantity_id VARCHAR,
        value DOUBLE, text VARCHAR)""",
    # the documents (as stored then) the incidents were last built from
    """CREATE TABLE IF NOT EXISTS incident_docs (doc_id VARCHAR, stored_at TIMESTAMP)""",
]
OTHER_DDL += INCIDENT_DDL

# columns added after a table was first released: a store written before gets them (null) when opened
ADDED_COLUMNS: list[tuple[str, str, str]] = [
    ("events", "trigger_start", "INTEGER"), ("events", "trigger_end", "INTEGER"),
    ("events", "voice", "VARCHAR"), ("relations", "voices", "VARCHAR"),  # schema 2: filled by migrate.py
]


def ddl() -> list[str]:
    out = []
    for table, cols in TABLES.items():
        body = ", ".join(f'"{name}" {typ}' for name, typ in cols)
        if table == "documents":
            body += ", PRIMARY KEY (doc_id)"
        out.append(f"CREATE TABLE IF NOT EXISTS {table} ({body})")
    out += OTHER_DDL
    out += [f'ALTER TABLE {table} ADD COLUMN IF NOT EXISTS "{name}" {typ}' for table, name, typ in ADDED_COLUMNS]
    return out


def columns(table: str) -> list[str]:
    return [name for name, _ in TABLES[table]]
