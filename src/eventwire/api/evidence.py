"""The words behind each field of a mention, as one list of spans the dashboard highlights."""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator

from eventwire.dates import find_date_expressions, resolve_date

from .models import EvidenceSpan


def evidence_spans(mentions: Iterable[dict], published: str | None) -> list[EvidenceSpan]:
    """Trigger, actor, recipient, place and date spans of `mentions` (dict form) of a document published
    on `published` (ISO date or None)."""
    day = dt.date.fromisoformat(published) if published else None
    return [span for mention in mentions for span in _mention_spans(mention, day)]


def _mention_spans(mention: dict, published: dt.date | None) -> Iterator[EvidenceSpan]:
    def span(role: str, value: dict | None) -> Iterator[EvidenceSpan]:
        if value is not None:
            yield EvidenceSpan(mention_id=mention["id"], role=role, start=value["start"], end=value["end"],
                               text=value["text"])

    yield from span("trigger", mention["event_text"])
    for role in ("actor", "recipient"):
        yield from span(role, (mention.get(role) or {}).get("entity_text"))
    yield from span("place", (mention.get("event_loc") or {}).get("extracted_place"))
    for words in _date_words(mention, published):
        yield from span("date", words)


def _date_words(mention: dict, published: dt.date | None) -> list[dict]:
    """The date expressions of the mention's sentence that name its date.

    A mention records the date, not the words it came from, so they are found again: the sentence's
    date expressions that resolve to that date (read as past or as future, as the pipeline may have).
    An expression counted from an earlier date in the story ("two days later") is not found this way.
    """
    if not mention.get("date"):
        return []
    sentence = mention["sentence"]
    found = []
    for expression in find_date_expressions(sentence["text"]):
        resolved = {resolve_date(expression.text, published, future=future).date for future in (False, True)}
        if any(day is not None and day.isoformat() == mention["date"] for day in resolved):
            start = sentence["start"] + expression.start
            found.append({"start": start, "end": start + len(expression.text), "text": expression.text})
    return found
