"""Ingest: documents → the store, skipping exact copies, linking near-copies, merging mentions into events.

Documents are screened in stream order before coding (an exact copy is skipped, a near-copy is linked to
its original and never coded), the rest are coded by `Coder.code_many` (in worker processes with
`jobs`), and the results are written in batches of `batch_size` documents, each ONE transaction: an
exception rolls back its batch only, and a rerun finds the committed documents by their content hash and
completes the rest.
"""
from __future__ import annotations

import json
from collections import deque
from datetime import datetime, timezone
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

import duckdb

from eventwire.ingest import IngestError
from eventwire.merge import Report, best_event, date_range, event_id, merged_event
from eventwire.records import Document, Mention, to_dict

from . import near_duplicates
from .rows import (DOCUMENT_COLUMNS, EVENT_COLUMNS, MENTION_COLUMNS, document_row, event_row, mention_row,
                   placeholders)


@dataclass
class IngestReport:
    documents: int = 0  # new documents coded and stored
    exact_duplicates: int = 0  # skipped: the same content is stored
    near_duplicates: int = 0  # stored and linked to their original, not coded
    mentions: int = 0
    events_created: int = 0
    events_updated: int = 0  # events stored before this run that gained a mention or a report
    errors: list[IngestError] = field(default_factory=list)

    def summary(self) -> str:
        return (f"{self.documents} new documents, {self.exact_duplicates} exact duplicates skipped, "
                f"{self.near_duplicates} near-duplicates linked, {self.mentions} mentions, "
                f"{self.events_created} events created, {self.events_updated} updated, "
                f"{len(self.errors)} errors")


@dataclass
class _Arrival:
    """A document accepted for storing, in stream order: coded, or a near-copy of `original`."""

    document: Document
    signature: list[int] | None
    original: str | None = None
    mentions: list[Mention] | None = None


class _Screen:
    """Decides, in stream order, what each document is: new, an exact copy, a near-copy or a clash of
    ids. It knows the committed documents (queried) and this run's (held), which may not be committed
    yet when the coder runs ahead of the writer."""

    def __init__(self, cursor: duckdb.DuckDBPyConnection):
        self._cursor = cursor
        self._hashes: set[str] = set()
        self._ids: set[str] = set()
        self._keys: dict[int, list[tuple[str, list[int], str]]] = {}  # key → (doc id, signature, root id)

    def exact_copy(self, document: Document) -> bool:
        return document.content_hash in self._hashes or self._cursor.execute(
            "SELECT 1 FROM documents WHERE content_hash = ? LIMIT 1", [document.content_hash]).fetchone() is not None

    def id_taken(self, document: Document) -> bool:
        return document.id in self._ids or self._cursor.execute(
            "SELECT 1 FROM documents WHERE id = ?", [document.id]).fetchone() is not None

    def admit(self, document: Document) -> _Arrival:
        """Accept a document that is neither an exact copy nor a clash: a near-copy of an earlier one, or new."""
        signature = near_duplicates.signature(document.text)
        original = self._original_of(signature) if signature else None
        self._hashes.add(document.content_hash)
        self._ids.add(document.id)
        if signature is not None:
            for key in near_duplicates.band_keys(signature):
                self._keys.setdefault(key, []).append((document.id, signature, original or document.id))
        return _Arrival(document, signature, original)

    def _original_of(self, signature: list[int]) -> str | None:
        """The original (never itself a copy) of the most similar near-duplicate, or None."""
        keys = near_duplicates.band_keys(signature)
        candidates = {doc_id: (sig, root) for key in keys for doc_id, sig, root in self._keys.get(key, ())}
        rows = self._cursor.execute(
            "SELECT DISTINCT d.id, d.signature, coalesce(d.duplicate_of, d.id) FROM document_keys k "
            f"JOIN documents d ON d.id = k.doc_id WHERE k.key IN ({placeholders(tuple(keys))})", keys).fetchall()
        candidates.update({doc_id: (sig, root) for doc_id, sig, root in rows})
        scored = sorted((-near_duplicates.similarity(signature, sig), doc_id, root)
                        for doc_id, (sig, root) in candidates.items())
        best = next(iter(scored), None)
        return best[2] if best and -best[0] >= near_duplicates.THRESHOLD else None


def ingest(connection: duckdb.DuckDBPyConnection, items: Iterable[Document | IngestError], coder,
           batch_size: int, progress: Callable[[int], None], jobs: int) -> IngestReport:
    report = IngestReport()
    screen = _Screen(connection.cursor())
    arrivals: deque[_Arrival] = deque()
    known_events: set[str] = set()  # events created by this run (so not counted as updated)
    updated: set[str] = set()

    def to_code() -> Iterator[Document]:
        for item in items:
            if isinstance(item, IngestError):
                report.errors.append(item)
            elif screen.exact_copy(item):
                report.exact_duplicates += 1
            elif screen.id_taken(item):
                report.errors.append(IngestError(item.source or item.id,
                                                 f"id {item.id!r} is already stored with different content"))
            else:
                arrival = screen.admit(item)
                arrivals.append(arrival)
                if arrival.original is None:
                    yield item  # only new documents are coded; a near-copy is linked when written
                continue  # counted as done when its batch is written
            progress(1)  # skipped: done at once

    def write(batch: list[_Arrival]) -> None:
        now = datetime.now(timezone.utc).isoformat(timespec="seconds")
        connection.begin()
        try:
            for arrival in batch:
                _write(connection, arrival, now, report, known_events, updated)
            connection.commit()
        except BaseException:
            connection.rollback()
            raise
        progress(len(batch))

    batch: list[_Arrival] = []
    for document, mentions in coder.code_many(to_code(), jobs=jobs):
        while arrivals[0].document is not document:
            batch.append(arrivals.popleft())  # near-copies that came before this document
        arrival = arrivals.popleft()
        arrival.mentions = mentions
        batch.append(arrival)
        if len(batch) >= batch_size:
            write(batch)
            batch = []
    batch.extend(arrivals)
    if batch:
        write(batch)
    report.events_updated = len(updated - known_events)
    return report


def _write(connection: duckdb.DuckDBPyConnection, arrival: _Arrival, now: str, report: IngestReport,
           created: set[str], updated: set[str]) -> None:
    document = arrival.document
    connection.execute(f"INSERT INTO documents VALUES ({placeholders(DOCUMENT_COLUMNS)})",
                       document_row(document, arrival.original, arrival.signature))
    if arrival.signature is not None:
        connection.executemany("INSERT INTO document_keys VALUES (?, ?)",
                               [(key, document.id) for key in near_duplicates.band_keys(arrival.signature)])
    if arrival.original is not None:
        report.near_duplicates += 1
        # a copy is one more report of every event its original reports
        events = connection.execute("SELECT event_id FROM event_documents WHERE doc_id = ?",
                                    [arrival.original]).fetchall()
        for (linked,) in events:
            _link(connection, linked, document.id)
            _refresh(connection, linked, now)
            updated.add(linked)
        return
    report.documents += 1
    for mention in map(to_dict, arrival.mentions):
        joined = _event_for(connection, mention)
        linked = joined or event_id(mention["id"])
        connection.execute(f"INSERT INTO mentions VALUES ({placeholders(MENTION_COLUMNS)})",
                           mention_row(mention, linked))
        _link(connection, linked, document.id)
        _refresh(connection, linked, now)
        report.mentions += 1
        if joined is None:
            created.add(linked)
            report.events_created += 1
        else:
            updated.add(linked)


def _event_for(connection: duckdb.DuckDBPyConnection, mention: dict) -> str | None:
    """The id of the stored event `mention` joins (merge.best_event), or None. The query keeps only what
    merge.compatible could accept: the same type and aux, overlapping days, a country that fits."""
    days = date_range(mention.get("date"), mention.get("date_precision"))
    if days is None:
        return None  # undated mentions never merge
    country = (mention.get("event_loc") or {}).get("country_code")
    # a known place must be in the event's country; an unknown one in the country of one of its parties
    countries = [country] if country else [p["code"] for p in (mention.get("actor"), mention.get("recipient"))
                                           if p and p.get("code")]
    rows = connection.execute(
        "SELECT record FROM events WHERE event = ? AND aux IS NOT DISTINCT FROM ? "
        "AND date_start <= ? AND date_end >= ? AND (country_code IS NULL OR list_contains(?, country_code))",
        [mention["event"], mention.get("aux"), days[1], days[0], countries]).fetchall()
    best = best_event((json.loads(record) for (record,) in rows), mention)
    return best["id"] if best else None


def _link(connection: duckdb.DuckDBPyConnection, event: str, doc_id: str) -> None:
    connection.execute("INSERT INTO event_documents VALUES (?, ?) ON CONFLICT DO NOTHING", [event, doc_id])


def _refresh(connection: duckdb.DuckDBPyConnection, event: str, now: str) -> None:
    """Recompute a merged event from all its mentions and reports, and store it, `updated_at` now."""
    mentions = [json.loads(r) for (r,) in connection.execute(
        "SELECT record FROM mentions WHERE event_id = ?", [event]).fetchall()]
    reports = [Report(doc_id, outlet, day.isoformat() if day else None) for doc_id, outlet, day in connection.execute(
        "SELECT d.id, d.outlet, coalesce(d.published, CAST(left(d.ingested_at, 10) AS DATE)) "
        "FROM event_documents l JOIN documents d ON d.id = l.doc_id WHERE l.event_id = ?", [event]).fetchall()]
    merged = {**merged_event(event, mentions, reports), "updated_at": now}
    connection.execute(f"INSERT OR REPLACE INTO events VALUES ({placeholders(EVENT_COLUMNS)})",
                       event_row(merged, mentions))
