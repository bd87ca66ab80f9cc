"""The API's response and request bodies, typed so /openapi.json documents them.

Mentions, entities, places and spans are the pipeline's own records (`eventwire.records`), so their
schema cannot drift from what `eventwire code` writes; the merged event and the document as the store
returns them are declared here (field names: ../shared/design/event-record.md).
"""
from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, Field

from eventwire.records import Acled, Entity, Mention, Place, Size, Span


class Evidence(BaseModel):
    """The most confident mention of an event: where to read it."""

    mention_id: str
    doc_id: str
    sentence: str


class Event(BaseModel):
    """A merged event: one real-world event however many mentions and documents state it."""

    id: str
    event: str
    mode: str | None
    aux: str | None
    actor: Entity | None
    recipient: Entity | None
    event_loc: Place | None
    date: str | None
    date_precision: str
    size: Size
    acled: Acled
    cameo: str | None
    confidence: float
    num_mentions: int
    num_sources: int
    num_documents: int
    first_reported: str | None
    mention_ids: list[str]
    sources: list[str] = Field(description="the outlets that reported it, where known")
    evidence: Evidence


class EventPage(BaseModel):
    items: list[Event]
    next_cursor: str | None = Field(description="pass as `cursor` for the next page; null on the last page")


SpanRole = Literal["trigger", "actor", "recipient", "place", "date"]


class EvidenceSpan(BaseModel):
    """Words of the document that support one field of one mention (offsets into `text`)."""

    mention_id: str
    role: SpanRole
    start: int
    end: int
    text: str


class DocumentView(BaseModel):
    id: str
    content_hash: str
    source: str | None
    outlet: str | None
    title: str | None
    published: str | None
    dateline: Span | None
    language: str
    text: str
    ingested_at: str | None
    status: str
    duplicate_of: str | None = Field(description="the document this one is a near-copy of (not coded itself)")
    mentions: list[Mention]
    spans: list[EvidenceSpan] = Field(description="the spans of every mention, ready to highlight")


class CodeRequest(BaseModel):
    text: str = Field(min_length=1, max_length=200_000, description="the article text (plain text)")
    published: dt.date | None = Field(None, description="publication date, which relative dates count from")
    title: str | None = None


class CodedText(BaseModel):
    document_id: str
    published: str | None = Field(description="the publication date used (given, else the dateline's)")
    mentions: list[Mention]
    spans: list[EvidenceSpan]


class EventDocument(BaseModel):
    """A document reporting an event (a near-duplicate copy names the document it copies)."""

    id: str
    title: str | None
    outlet: str | None
    source: str | None
    published: str | None
    duplicate_of: str | None


class EventDetail(Event):
    mentions: list[Mention] = Field(description="every mention merged into the event, with its evidence spans")
    documents: list[EventDocument] = Field(description="every document reporting it, near-duplicates included")


class TimelineCount(BaseModel):
    period: str = Field(description="the day, or the Monday of the week, as YYYY-MM-DD")
    event: str
    country: str | None = Field(description="ISO3 of the event's place; null where unknown")
    count: int


class Timeline(BaseModel):
    interval: Literal["day", "week"]
    counts: list[TimelineCount]


class Stats(BaseModel):
    schema_version: str
    documents: int
    near_duplicates: int
    mentions: int
    events: int
    outlets: int
    first_date: str | None
    last_date: str | None
    events_by_type: dict[str, int] = Field(description="asserted events (no auxiliary mode) per PLOVER type")
