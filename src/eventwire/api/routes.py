"""The endpoints: events, documents, timeline, stats and exports from the store; coding a posted text."""
from __future__ import annotations

import enum
import tempfile
from collections.abc import Iterator
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import StreamingResponse

from eventwire import export
from eventwire.ingest import document_from_text
from eventwire.records import to_dict
from eventwire.store import MAX_PAGE_SIZE, SORTS, EventFilter, Store

from .coding import LazyCoder
from .errors import PROBLEM_RESPONSES
from .evidence import evidence_spans
from .models import CodedText, CodeRequest, DocumentView, EventDetail, EventPage, Stats, Timeline
from .params import event_filter

router = APIRouter(responses=PROBLEM_RESPONSES)
# The store's sort orders as an enum, so OpenAPI lists them ("-" in front: descending).
Sort = enum.Enum("Sort", {name: name for name in SORTS}, type=str)
ExportFormat = enum.Enum("ExportFormat", {name: name for name in export.FORMATS}, type=str)


def _store(request: Request) -> Store:
    return request.app.state.store


def _coder(request: Request) -> LazyCoder:
    return request.app.state.coder


StoreDep = Annotated[Store, Depends(_store)]
Filters = Annotated[EventFilter, Depends(event_filter)]


@router.get("/events", response_model=EventPage, tags=["events"])
def list_events(store: StoreDep, filters: Filters, sort: Sort = Sort["-date"],
                cursor: Annotated[str | None, Query(description="`next_cursor` of the previous page")] = None,
                limit: Annotated[int, Query(ge=1, le=MAX_PAGE_SIZE)] = 50) -> dict:
    """Merged events matching the filters, a page at a time (keyset pagination: follow `next_cursor`)."""
    page = store.events(filters, sort.value, cursor, limit)
    return {"items": page.items, "next_cursor": page.next_cursor}


@router.get("/events/{event_id}", response_model=EventDetail, tags=["events"])
def get_event(store: StoreDep, event_id: str) -> dict:
    """One merged event with its mentions (and their evidence spans) and the documents reporting it."""
    event = store.event(event_id)
    if event is None:
        raise HTTPException(404, f"no event with id {event_id!r}")
    return event


@router.get("/documents/{doc_id}", response_model=DocumentView, tags=["documents"])
def get_document(store: StoreDep, doc_id: str) -> dict:
    """A document's text with its mentions and the spans of every mention (trigger, actor, recipient,
    place, date), offsets into `text`."""
    document = store.document(doc_id)
    if document is None:
        raise HTTPException(404, f"no document with id {doc_id!r}")
    return {**document, "spans": evidence_spans(document["mentions"])}


@router.get("/stats/timeline", response_model=Timeline, tags=["stats"])
def timeline(store: StoreDep, filters: Filters, interval: Literal["day", "week"] = "day") -> dict:
    """Counts of dated events per day (or week, named by its Monday), event type and country."""
    return {"interval": interval, "counts": store.timeline(filters, interval)}


@router.get("/stats", response_model=Stats, tags=["stats"])
def stats(store: StoreDep) -> dict:
    """What the store holds: counts of documents, mentions and events, the date range, events per type."""
    return store.stats()


@router.post("/code", response_model=CodedText, tags=["coding"])
def code(request: CodeRequest, coder: Annotated[LazyCoder, Depends(_coder)]) -> dict:
    """Code a posted text into event mentions; nothing is stored. The first call loads the coder (seconds)."""
    if not request.text.strip():
        raise HTTPException(422, "text: is blank")
    document = document_from_text(request.text, title=request.title,
                                  published=request.published.isoformat() if request.published else None)
    mentions = [to_dict(m) for m in coder.code(document)]
    return {"document_id": document.id, "published": document.published, "mentions": mentions,
            "spans": evidence_spans(mentions)}


@router.get("/export/{format}", tags=["export"], response_class=StreamingResponse,
            responses={200: {"description": "the export file, streamed", "content": {
                media: {} for media in export.MEDIA_TYPES.values()}}})
def download(store: StoreDep, filters: Filters, format: ExportFormat) -> StreamingResponse:
    """The events the filters allow as a file: `plover` (JSONL of mentions), `acled` (CSV, one row per
    event), `geojson` (FeatureCollection of events with a place) or `parquet` (zip of the events, mentions
    and documents tables)."""
    name = format.value
    chunks = _parquet_zip(store, filters) if name == "parquet" else \
        (chunk.encode("utf-8") for chunk in export.text_chunks(store, name, filters))
    return StreamingResponse(chunks, media_type=export.MEDIA_TYPES[name],
                             headers={"Content-Disposition": f'attachment; filename="{export.FILE_NAMES[name]}"'})


def _parquet_zip(store: Store, filters: EventFilter) -> Iterator[bytes]:
    # DuckDB writes Parquet to files: the zip of them is spooled to a temporary file, then streamed.
    with tempfile.TemporaryFile() as spool:
        export.write(store, "parquet", filters, spool)
        spool.seek(0)
        yield from iter(lambda: spool.read(1 << 20), b"")
