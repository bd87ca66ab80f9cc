"""Records ↔ table rows: the flattened columns of mentions, events and documents (store/schema.py)."""
from __future__ import annotations

import json
from collections.abc import Iterable

from eventwire.merge import date_range
from eventwire.records import Document, Span, to_dict

from .schema import columns

_SIZE = ("dead", "injured", "arrested")
MENTION_COLUMNS, EVENT_COLUMNS, DOCUMENT_COLUMNS = columns("mentions"), columns("events"), columns("documents")
# The Document fields as the API shows them (the record's, plus what the store knows of it).
DOCUMENT_FIELDS = tuple(c for c in DOCUMENT_COLUMNS if c != "signature")


def _shared(record: dict) -> dict:
    actor, recipient, place = record.get("actor") or {}, record.get("recipient") or {}, record.get("event_loc") or {}
    acled = record.get("acled") or {}
    return {
        "event": record["event"], "mode": record.get("mode"), "aux": record.get("aux"),
        "actor_code": actor.get("code"), "actor_sector": actor.get("sector"), "actor_name": actor.get("name"),
        "recipient_code": recipient.get("code"), "recipient_sector": recipient.get("sector"),
        "recipient_name": recipient.get("name"),
        "place_name": place.get("resolved_place"), "geonameid": place.get("geonameid"), "lat": place.get("lat"),
        "lon": place.get("lon"), "admin1": place.get("admin1"), "country_code": place.get("country_code"),
        "resolution": place.get("resolution"), "date": record.get("date"),
        "date_precision": record.get("date_precision") or "unknown",
        **{kind: (record.get("size") or {}).get(kind) for kind in _SIZE},
        "acled_event_type": acled.get("event_type"), "acled_sub_event_type": acled.get("sub_event_type"),
        "acled_disorder_type": acled.get("disorder_type"), "cameo": record.get("cameo"),
        "confidence": record["confidence"],
    }


def search_text(mentions: Iterable[dict]) -> str:
    """What the `q` filter searches: the evidence sentences and the actor and place names and words."""
    parts = []
    for mention in mentions:
        parts.append(mention["sentence"]["text"])
        for role in ("actor", "recipient"):
            if entity := mention.get(role):
                parts.extend(filter(None, (entity.get("name"), entity["entity_text"]["text"])))
        if place := mention.get("event_loc"):
            parts.append(place.get("resolved_place") or "")
    return " ".join(" ".join(parts).lower().split())


def mention_row(mention: dict, event_id: str) -> tuple:
    values = {**_shared(mention), "id": mention["id"], "doc_id": mention["doc_id"], "event_id": event_id,
              "search": search_text([mention]), "record": json.dumps(mention, ensure_ascii=False)}
    return tuple(values[c] for c in MENTION_COLUMNS)


def event_row(event: dict, mentions: list[dict]) -> tuple:
    days = date_range(event.get("date"), event.get("date_precision"))
    values = {**_shared(event), "id": event["id"], "date_start": days[0] if days else None,
              "date_end": days[1] if days else None, "num_mentions": event["num_mentions"],
              "num_sources": event["num_sources"], "num_documents": event["num_documents"],
              "first_reported": event["first_reported"], "search": search_text(mentions),
              "record": json.dumps(event, ensure_ascii=False)}
    return tuple(values[c] for c in EVENT_COLUMNS)


def document_row(document: Document, duplicate_of: str | None, signature: list[int] | None) -> tuple:
    values = {**to_dict(document), "duplicate_of": duplicate_of, "signature": signature,
              "status": "near-duplicate" if duplicate_of else document.status}
    values["dateline"] = json.dumps(values["dateline"]) if values["dateline"] else None
    return tuple(values[c] for c in DOCUMENT_COLUMNS)


def document_dict(row: tuple) -> dict:
    """A documents row (DOCUMENT_FIELDS, in order) as the Document's dict form."""
    values = dict(zip(DOCUMENT_FIELDS, row))
    values["published"] = values["published"].isoformat() if values["published"] else None
    values["dateline"] = to_dict(Span(**json.loads(values["dateline"]))) if values["dateline"] else None
    return values


def placeholders(columns: tuple[str, ...]) -> str:
    return ", ".join("?" * len(columns))
