"""The store's tables, indexes and schema version (DuckDB).

Field names follow ../shared/design/event-record.md. A `record` column holds the full JSON form of a
mention or merged event (what the API returns); the other columns are that record flattened for filtering
(store/rows.py fills them in this order). Mentions and events share the columns filters use, so one
`query.where` serves both.
"""
from __future__ import annotations

import duckdb

SCHEMA_VERSION = "1"

# The columns a mention and a merged event share: what filters, sorts and exports read.
_SHARED = (
    ("event", "VARCHAR NOT NULL"), ("mode", "VARCHAR"), ("aux", "VARCHAR"),
    ("actor_code", "VARCHAR"), ("actor_sector", "VARCHAR"), ("actor_name", "VARCHAR"),
    ("recipient_code", "VARCHAR"), ("recipient_sector", "VARCHAR"), ("recipient_name", "VARCHAR"),
    ("place_name", "VARCHAR"), ("geonameid", "BIGINT"), ("lat", "DOUBLE"), ("lon", "DOUBLE"), ("admin1", "VARCHAR"),
    ("country_code", "VARCHAR"), ("resolution", "TINYINT"),
    ("date", "DATE"), ("date_precision", "VARCHAR NOT NULL"),
)
_SIZE_AND_CODES = (
    ("dead", "INTEGER"), ("injured", "INTEGER"), ("arrested", "INTEGER"),
    ("acled_event_type", "VARCHAR"), ("acled_sub_event_type", "VARCHAR"), ("acled_disorder_type", "VARCHAR"),
    ("cameo", "VARCHAR"), ("confidence", "DOUBLE NOT NULL"),
)
_SEARCH_AND_RECORD = (
    ("search", "VARCHAR NOT NULL"),  # lower-case evidence sentences and names, for the `q` filter
    ("record", "JSON NOT NULL"),
)

TABLES: dict[str, tuple[tuple[str, str], ...]] = {
    "meta": (("key", "VARCHAR PRIMARY KEY"), ("value", "VARCHAR NOT NULL")),
    "documents": (
        ("id", "VARCHAR PRIMARY KEY"), ("content_hash", "VARCHAR NOT NULL"), ("source", "VARCHAR"),
        ("outlet", "VARCHAR"), ("title", "VARCHAR"), ("published", "DATE"), ("dateline", "JSON"),
        ("language", "VARCHAR"), ("text", "VARCHAR NOT NULL"), ("ingested_at", "VARCHAR"),
        ("status", "VARCHAR NOT NULL"),
        ("duplicate_of", "VARCHAR"),  # the document this one is a near-copy of (not coded itself)
        ("signature", "UBIGINT[]"),  # MinHash of its word shingles (near_duplicates.py)
    ),
    # Locality-sensitive keys of each signature: documents sharing a key are near-duplicate candidates.
    "document_keys": (("key", "UBIGINT NOT NULL"), ("doc_id", "VARCHAR NOT NULL")),
    "mentions": (
        ("id", "VARCHAR PRIMARY KEY"), ("doc_id", "VARCHAR NOT NULL"), ("event_id", "VARCHAR NOT NULL"),
        *_SHARED, *_SIZE_AND_CODES, *_SEARCH_AND_RECORD,
    ),
    "events": (
        ("id", "VARCHAR PRIMARY KEY"), *_SHARED,
        ("date_start", "DATE"), ("date_end", "DATE"),  # the days `date` at its precision may be (merging)
        *_SIZE_AND_CODES,
        ("num_mentions", "INTEGER NOT NULL"), ("num_sources", "INTEGER NOT NULL"),
        ("num_documents", "INTEGER NOT NULL"), ("first_reported", "DATE"),
        *_SEARCH_AND_RECORD,
    ),
    # Every document reporting an event: those its mentions come from and their near-duplicates.
    "event_documents": (("event_id", "VARCHAR NOT NULL"), ("doc_id", "VARCHAR NOT NULL")),
}
_CONSTRAINTS = {"event_documents": "PRIMARY KEY (event_id, doc_id)"}
# The lookups of ingest and reads, and the columns filters use.
INDEXES = {
    "documents": ("content_hash",),
    "document_keys": ("key",),
    "mentions": ("doc_id", "event_id"),
    "events": ("event, date_start", "date", "country_code", "actor_code", "recipient_code", "confidence"),
    "event_documents": ("doc_id",),
}


class StoreError(Exception):
    """A store file that cannot be used (another schema version, not a store)."""


def columns(table: str) -> tuple[str, ...]:
    return tuple(name for name, _ in TABLES[table])


def create(con: duckdb.DuckDBPyConnection) -> None:
    """Create the tables of an empty store (a no-op on a store of this version)."""
    for table, definitions in TABLES.items():
        parts = [f"{name} {sql_type}" for name, sql_type in definitions]
        parts += [_CONSTRAINTS[table]] if table in _CONSTRAINTS else []
        con.execute(f"CREATE TABLE IF NOT EXISTS {table} ({', '.join(parts)})")
    for table, indexed in INDEXES.items():
        for index_columns in indexed:
            name = f"{table}_{'_'.join(c.strip() for c in index_columns.split(','))}"
            con.execute(f"CREATE INDEX IF NOT EXISTS {name} ON {table} ({index_columns})")
    con.execute("INSERT INTO meta VALUES ('schema_version', ?) ON CONFLICT DO NOTHING", [SCHEMA_VERSION])
    check(con)


def check(con: duckdb.DuckDBPyConnection) -> None:
    """StoreError unless the database is a store of this schema version."""
    try:
        row = con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
    except duckdb.CatalogException:
        row = None
    if row is None:
        raise StoreError("not an eventwire store (no schema version)")
    if row[0] != SCHEMA_VERSION:
        raise StoreError(f"store schema version {row[0]}, but this eventwire reads version {SCHEMA_VERSION}")
