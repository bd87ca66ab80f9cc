"""The typed records that flow between stages (field names: ../shared/design/event-record.md).

Every stage takes and returns these plain dataclasses, so the same functions run in one
process or on a distributed engine; `to_dict` gives the JSON form with every field present.
"""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any

PLOVER_TYPES = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)
AUX_MODES = ("negation", "future", "hypothetical", "historical")
DATE_PRECISIONS = ("day", "week", "month", "year", "unknown")


@dataclass(frozen=True)
class Span:
    """Words of a document: `text == doc.text[start:end]` (code-point offsets)."""

    text: str
    start: int
    end: int

    @classmethod
    def of(cls, doc_text: str, start: int, end: int) -> "Span":
        return cls(doc_text[start:end], start, end)


@dataclass
class Entity:
    entity_text: Span
    code: str | None = None  # country ISO3 or IGO code
    sector: str | None = None  # PLOVER sector (GOV, MIL, REB, CVL, ...)
    name: str | None = None  # canonical name, e.g. "Ilham Aliyev"
    identifier_id: str | None = None  # Wikidata id where known


@dataclass
class Place:
    extracted_place: Span | None
    resolved_place: str | None = None
    geonameid: int | None = None
    lat: float | None = None
    lon: float | None = None
    admin1: str | None = None
    country_code: str | None = None  # ISO3
    feature_code: str | None = None  # GeoNames feature code
    resolution: int | None = None  # 1 country, 2 admin1, 3 admin2, 4 city, 5 sub-city


@dataclass
class Size:
    dead: int | None = None
    injured: int | None = None
    arrested: int | None = None


@dataclass
class Acled:
    event_type: str | None = None
    sub_event_type: str | None = None
    disorder_type: str | None = None


@dataclass
class Document:
    id: str
    text: str
    content_hash: str
    source: str | None = None
    title: str | None = None
    published: str | None = None  # ISO date
    dateline: Span | None = None
    language: str = "en"
    ingested_at: str | None = None
    status: str = "coded"
    outlet: str | None = None  # who published it (feed title, a "source" field, the URL's host): counts sources


@dataclass
class Mention:
    id: str
    doc_id: str
    event: str
    mode: str | None
    context: list[str]
    aux: str | None
    actor: Entity | None
    recipient: Entity | None
    event_loc: Place | None
    date: str | None
    date_precision: str
    size: Size
    event_text: Span
    sentence: Span
    acled: Acled
    cameo: str | None
    confidence: float
    coder: str
    date_text: Span | None = None  # the words `date` was read from (None: the publication date, or no date)
    reasons: list[str] = field(default_factory=list)  # which trigger / pattern / rule / score fired
    scores: dict[str, float] = field(default_factory=dict)  # the evidence `confidence` is calibrated from


def to_dict(record: Any) -> dict:
    """JSON-ready dict of a record, nested records included, every field present."""
    return dataclasses.asdict(record)


def iter_spans(value: Any):
    """Every Span inside a record (used to check offsets against the document text)."""
    if isinstance(value, Span):
        yield value
    elif dataclasses.is_dataclass(value):
        for f in dataclasses.fields(value):
            yield from iter_spans(getattr(value, f.name))
    elif isinstance(value, (list, tuple)):
        for item in value:
            yield from iter_spans(item)
