"""`Store`: the DuckDB file of documents, mentions and merged events, and every read of it."""
from __future__ import annotations

import json
import threading
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

import duckdb

from eventwire.ingest import IngestError
from eventwire.records import Document

from . import schema
from .pages import Order, Page, page_size
from .query import EventFilter, FilterError, where
from .rows import DOCUMENT_FIELDS, document_dict
from .writer import IngestReport, ingest

DEFAULT_PATH = "eventwire.duckdb"
INTERVALS = ("day", "week")
_FETCH = 1000  # rows fetched at a time by the iterators


class Store:
    """An event store. Open with `Store.open`; reads may run from several threads at once (each on its
    own cursor), writes come from one `ingest` at a time."""

    def __init__(self, connection: duckdb.DuckDBPyConnection, path: str, read_only: bool):
        self._connection = connection
        self.path = path
        self.read_only = read_only
        self._lock = threading.Lock()

    @classmethod
    def open(cls, path: str | Path = DEFAULT_PATH, read_only: bool = False) -> "Store":
        """Open (or, unless `read_only`, create) the store at `path`; StoreError if it is not a store of
        this version, FileNotFoundError if it does not exist and `read_only`."""
        path = str(path)
        if read_only and not Path(path).exists():
            raise FileNotFoundError(f"no event store at {path} (create one with `eventwire ingest`)")
        try:
            connection = duckdb.connect(path, read_only=read_only)
        except duckdb.Error as error:
            raise schema.StoreError(f"{path}: {error}") from None
        try:
            if read_only:
                schema.check(connection)
            else:
                schema.create(connection)
        except schema.StoreError as error:
            connection.close()
            raise schema.StoreError(f"{path}: {error}") from None
        return cls(connection, path, read_only)

    def close(self) -> None:
        self._connection.close()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def _cursor(self) -> duckdb.DuckDBPyConnection:
        # A cursor is its own connection to the same database: safe to use from another thread.
        with self._lock:
            return self._connection.cursor()

    # --- writing -----------------------------------------------------------------------------------

    def ingest(self, documents: Iterable[Document | IngestError], coder, batch_size: int = 64,
               progress: Callable[[int], None] | None = None, jobs: int = 1) -> IngestReport:
        """Code and store `documents` (IngestErrors among them are counted in the report), merging their
        mentions into events; each batch of `batch_size` documents is one transaction. `progress` is
        called with the number of documents done each time some are."""
        if self.read_only:
            raise schema.StoreError(f"{self.path} is open read-only")
        return ingest(self._connection, documents, coder, batch_size, progress or (lambda n: None), jobs)

    # --- reading -----------------------------------------------------------------------------------

    def events(self, filters: EventFilter = EventFilter(), sort: str = "-date", cursor: str | None = None,
               limit: int = 50) -> Page:
        """One page of merged events in `sort` order (see pages.SORTS), continuing after `cursor`;
        at most pages.MAX_PAGE_SIZE. FilterError for a bad sort, cursor or limit."""
        order, size = Order(sort), page_size(limit)
        condition, params = where(filters)
        if cursor:
            after, more = order.after(cursor)
            condition, params = f"{condition} AND {after}", [*params, *more]
        cursor = self._cursor()
        # The page's rows first, by their keys alone; then only their records: reading the JSON record of
        # every matching row before the top-N cut cost 10x on a million events (benchmarks/api_events.py).
        rows = cursor.execute(
            f"SELECT rowid, {order.key_columns()}, id FROM events WHERE {condition} "
            f"ORDER BY {order.order_by()} LIMIT {size + 1}", params).fetchall()
        next_cursor = order.cursor(rows[size - 1][1], rows[size - 1][2]) if len(rows) > size else None
        wanted = [row[0] for row in rows[:size]]
        records = dict(cursor.execute("SELECT rowid, record FROM events WHERE rowid IN (SELECT unnest(?))",
                                      [wanted]).fetchall()) if wanted else {}
        return Page([json.loads(records[rowid]) for rowid in wanted], next_cursor)

    def iter_events(self, filters: EventFilter = EventFilter(), sort: str = "date") -> Iterator[dict]:
        """Every merged event `filters` allows, in `sort` order (for exports)."""
        condition, params = where(filters)
        yield from self._records(f"SELECT record FROM events WHERE {condition} ORDER BY {Order(sort).order_by()}",
                                 params)

    def mentions(self, filters: EventFilter = EventFilter()) -> Iterator[dict]:
        """Every mention `filters` allows, as full mention dicts, by date then id (for exports)."""
        condition, params = where(filters)
        yield from self._records(f"SELECT record FROM mentions WHERE {condition} ORDER BY date NULLS LAST, id",
                                 params)

    def _records(self, sql: str, params: list) -> Iterator[dict]:
        cursor = self._cursor().execute(sql, params)
        while rows := cursor.fetchmany(_FETCH):
            for (record,) in rows:
                yield json.loads(record)

    def event(self, event_id: str) -> dict | None:
        """A merged event with its `mentions` (full mention dicts, evidence spans included) and the
        `documents` reporting it (near-duplicate copies included)."""
        cursor = self._cursor()
        row = cursor.execute("SELECT record FROM events WHERE id = ?", [event_id]).fetchone()
        if row is None:
            return None
        mentions = cursor.execute("SELECT record FROM mentions WHERE event_id = ? ORDER BY id", [event_id]).fetchall()
        documents = cursor.execute(
            "SELECT d.id, d.title, d.outlet, d.source, d.published, d.duplicate_of FROM event_documents l "
            "JOIN documents d ON d.id = l.doc_id WHERE l.event_id = ? ORDER BY d.published NULLS LAST, d.id",
            [event_id]).fetchall()
        return {**json.loads(row[0]), "mentions": [json.loads(m) for (m,) in mentions],
                "documents": [{"id": d[0], "title": d[1], "outlet": d[2], "source": d[3],
                               "published": d[4].isoformat() if d[4] else None, "duplicate_of": d[5]}
                              for d in documents]}

    def document(self, doc_id: str) -> dict | None:
        """A document's dict (the Document fields, `outlet`, `duplicate_of`) with its `mentions` in
        text order; a near-duplicate has none of its own (see its `duplicate_of`)."""
        cursor = self._cursor()
        row = cursor.execute(f"SELECT {', '.join(DOCUMENT_FIELDS)} FROM documents WHERE id = ?", [doc_id]).fetchone()
        if row is None:
            return None
        mentions = cursor.execute(
            "SELECT record FROM mentions WHERE doc_id = ? "
            "ORDER BY CAST(json_extract(record, '$.event_text.start') AS INTEGER), id", [doc_id]).fetchall()
        return {**document_dict(row), "mentions": [json.loads(m) for (m,) in mentions]}

    def timeline(self, filters: EventFilter = EventFilter(), interval: str = "day") -> list[dict]:
        """Counts of dated merged events per `interval` ("day" or "week", a week named by its Monday),
        event type and country (None where the place is unknown)."""
        if interval not in INTERVALS:
            raise FilterError(f"unknown interval {interval!r} (expected one of {', '.join(INTERVALS)})")
        condition, params = where(filters)
        rows = self._cursor().execute(
            f"SELECT CAST(date_trunc('{interval}', date) AS DATE) AS period, event, country_code, count(*) "
            f"FROM events WHERE date IS NOT NULL AND {condition} "
            "GROUP BY ALL ORDER BY period, event, country_code NULLS LAST", params).fetchall()
        return [{"period": p.isoformat(), "event": e, "country": c, "count": n} for p, e, c, n in rows]

    def stats(self) -> dict:
        """What the store holds: counts, the date range and events per type."""
        cursor = self._cursor()
        documents, near = cursor.execute(
            "SELECT count(*), count(duplicate_of) FROM documents").fetchone()
        mentions, = cursor.execute("SELECT count(*) FROM mentions").fetchone()
        events, first, last, sources = cursor.execute(
            "SELECT count(*), min(date), max(date), "
            "(SELECT count(DISTINCT outlet) FROM documents) FROM events").fetchone()
        by_type = dict(cursor.execute("SELECT event, count(*) FROM events WHERE aux IS NULL "
                                      "GROUP BY event ORDER BY event").fetchall())
        return {"schema_version": schema.SCHEMA_VERSION, "documents": documents, "near_duplicates": near,
                "mentions": mentions, "events": events, "outlets": sources,
                "first_date": first.isoformat() if first else None, "last_date": last.isoformat() if last else None,
                "events_by_type": by_type}

    def copy_parquet(self, folder: Path, filters: EventFilter = EventFilter()) -> list[Path]:
        """The events `filters` allows, their mentions and the documents reporting them, as
        FOLDER/events.parquet, mentions.parquet and documents.parquet (DuckDB's own Parquet writer)."""
        folder.mkdir(parents=True, exist_ok=True)
        condition, params = where(filters)
        selected = f"SELECT id FROM events WHERE {condition}"
        queries = {
            "events": (f"SELECT * EXCLUDE (search) FROM events WHERE {condition} ORDER BY date, id", params),
            "mentions": (f"SELECT * EXCLUDE (search) FROM mentions WHERE event_id IN ({selected}) "
                         "ORDER BY date, id", params),
            "documents": (f"SELECT * EXCLUDE (signature) FROM documents WHERE id IN (SELECT doc_id FROM "
                          f"event_documents WHERE event_id IN ({selected})) ORDER BY id", params),
        }
        cursor, written = self._cursor(), []
        for name, (sql, values) in queries.items():
            path = folder / f"{name}.parquet"
            # COPY cannot take a parameter for its file name: the path is quoted instead.
            cursor.execute(f"COPY ({sql}) TO '{str(path).replace(chr(39), chr(39) * 2)}' (FORMAT parquet)", values)
            written.append(path)
        return written
