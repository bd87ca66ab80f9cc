"""GeoJSON: a FeatureCollection with a Point Feature per merged event that has a place with coordinates;
its properties are the event's dict (as the API gives it)."""
from __future__ import annotations

import json
from collections.abc import Iterable, Iterator


def feature(event: dict) -> dict | None:
    """The Feature of a merged event, or None without coordinates."""
    place = event.get("event_loc") or {}
    if place.get("lat") is None or place.get("lon") is None:
        return None
    return {"type": "Feature", "id": event["id"],
            "geometry": {"type": "Point", "coordinates": [place["lon"], place["lat"]]},
            "properties": event}


def geojson_text(events: Iterable[dict]) -> Iterator[str]:
    """The FeatureCollection's text in chunks, one Feature at a time (a big export never sits in memory)."""
    yield '{"type": "FeatureCollection", "features": ['
    separator = "\n"
    for event in events:
        if (item := feature(event)) is not None:
            yield separator + json.dumps(item, ensure_ascii=False)
            separator = ",\n"
    yield "\n]}\n"
