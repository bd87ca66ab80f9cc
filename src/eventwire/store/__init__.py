"""The event store: documents, mentions and merged events in one DuckDB file (default `eventwire.duckdb`).

`Store.open(path)` then `store.ingest(documents, coder)` to add, and `store.events(EventFilter(...))`,
`store.event(id)`, `store.document(id)`, `store.timeline(...)`, `store.mentions(...)`, `store.stats()` to
read. Filters (`EventFilter`, `where`) are shared with the exports and the HTTP API; a bad filter value
raises `FilterError` (a ValueError).
"""
from .pages import MAX_PAGE_SIZE, SORTS, Page
from .query import EventFilter, FilterError, parse_bbox, where
from .schema import SCHEMA_VERSION, StoreError
from .store import DEFAULT_PATH, INTERVALS, Store
from .writer import IngestReport

__all__ = ["DEFAULT_PATH", "INTERVALS", "MAX_PAGE_SIZE", "SCHEMA_VERSION", "SORTS", "EventFilter", "FilterError",
           "IngestReport", "Page", "Store", "StoreError", "parse_bbox", "where"]
