"""The words behind each field of a mention, as one list of spans the dashboard highlights."""
from __future__ import annotations

from collections.abc import Iterable, Iterator

from .models import EvidenceSpan


def evidence_spans(mentions: Iterable[dict]) -> list[EvidenceSpan]:
    """Trigger, actor, recipient, place and date spans of `mentions` (dict form)."""
    return [span for mention in mentions for span in _mention_spans(mention)]


def _mention_spans(mention: dict) -> Iterator[EvidenceSpan]:
    def span(role: str, value: dict | None) -> Iterator[EvidenceSpan]:
        if value is not None:
            yield EvidenceSpan(mention_id=mention["id"], role=role, start=value["start"], end=value["end"],
                               text=value["text"])

    yield from span("trigger", mention["event_text"])
    for role in ("actor", "recipient"):
        yield from span(role, (mention.get(role) or {}).get("entity_text"))
    yield from span("place", (mention.get("event_loc") or {}).get("extracted_place"))
    yield from span("date", mention.get("date_text"))  # absent from mentions stored before it was recorded
