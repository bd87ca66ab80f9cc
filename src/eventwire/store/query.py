"""The one filter over stored events and mentions: `EventFilter` and the SQL it becomes.

The store, the exports and the HTTP API all filter through `where`, so a filter means the same thing
everywhere. The `events` and `mentions` tables share the column names used here.
"""
from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from eventwire.records import AUX_MODES, PLOVER_TYPES

_ISO3 = re.compile(r"[A-Z]{3}")
MAX_QUERY_LENGTH = 200


class FilterError(ValueError):
    """A filter value that cannot be used (unknown type, bad date, bad bounding box, ...)."""


def _listed(value: str | Iterable[str] | None) -> tuple[str, ...]:
    """`value` as a tuple of non-blank items; a string is split at commas ("ASSAULT,PROTEST")."""
    if value is None:
        return ()
    items = value.split(",") if isinstance(value, str) else [part for v in value for part in str(v).split(",")]
    return tuple(item.strip() for item in items if item.strip())


def _iso_date(name: str, value: str | dt.date | None) -> str | None:
    if value is None or value == "":
        return None
    text = value.isoformat() if isinstance(value, dt.date) else str(value).strip()
    try:
        if len(text) != 10:
            raise ValueError
        dt.date.fromisoformat(text)
    except ValueError:
        raise FilterError(f"{name} must be a date as YYYY-MM-DD, got {value!r}") from None
    return text


def parse_bbox(value: str | Iterable[float] | None) -> tuple[float, float, float, float] | None:
    """"min_lon,min_lat,max_lon,max_lat" (or four numbers) as a checked tuple; FilterError if malformed."""
    if value is None or value == "":
        return None
    parts = _listed(value) if isinstance(value, str) else tuple(value)
    try:
        if len(parts) != 4:
            raise ValueError
        min_lon, min_lat, max_lon, max_lat = (float(p) for p in parts)
    except (TypeError, ValueError):
        raise FilterError(f"bbox must be four numbers min_lon,min_lat,max_lon,max_lat, got {value!r}") from None
    if not (-180 <= min_lon <= max_lon <= 180):
        raise FilterError(f"bbox longitudes must satisfy -180 <= min_lon <= max_lon <= 180, got {value!r}")
    if not (-90 <= min_lat <= max_lat <= 90):
        raise FilterError(f"bbox latitudes must satisfy -90 <= min_lat <= max_lat <= 90, got {value!r}")
    return min_lon, min_lat, max_lon, max_lat


@dataclass(frozen=True)
class EventFilter:
    """Which events (or mentions) to return; every criterion given must hold.

    - `types`: PLOVER event types; `countries`: ISO3 codes of the event's place.
    - `actor`: an actor code (exact, "RUS") or part of a canonical name ("Zelensk"), matched against
      the actor and the recipient, as ACLED's actor filter matches either side.
    - `date_from` / `date_to`: the event's date (the first day of its period) within these days.
    - `bbox`: (min_lon, min_lat, max_lon, max_lat) around the event's place.
    - `aux`: auxiliary modes to include besides asserted events; none by default, as an events dataset
      holds what happened, not what was denied, announced or recalled.
    - `q`: words that must all occur in the evidence sentences, notes, actor or place names.

    Lists may be given as comma-separated strings. Bad values raise FilterError at construction.
    """

    types: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()
    actor: str | None = None
    date_from: str | None = None
    date_to: str | None = None
    bbox: tuple[float, float, float, float] | None = None
    aux: tuple[str, ...] = ()
    q: str | None = None
    _words: tuple[str, ...] = field(default=(), init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        types = tuple(t.upper() for t in _listed(self.types))
        for name in types:
            if name not in PLOVER_TYPES:
                raise FilterError(f"type: unknown event type {name!r} (expected one of {', '.join(PLOVER_TYPES)})")
        countries = tuple(c.upper() for c in _listed(self.countries))
        for code in countries:
            if not _ISO3.fullmatch(code):
                raise FilterError(f"country must be an ISO 3166 alpha-3 code such as 'UKR', got {code!r}")
        aux = tuple(a.lower() for a in _listed(self.aux))
        for mode in aux:
            if mode not in AUX_MODES:
                raise FilterError(f"aux: unknown auxiliary mode {mode!r} (expected one of {', '.join(AUX_MODES)})")
        date_from, date_to = _iso_date("date_from", self.date_from), _iso_date("date_to", self.date_to)
        if date_from and date_to and date_from > date_to:
            raise FilterError(f"date_from {date_from} is after date_to {date_to}")
        actor = self.actor.strip() if self.actor else None
        q = " ".join(self.q.split()) if self.q else None
        if q and len(q) > MAX_QUERY_LENGTH:
            raise FilterError(f"q is longer than {MAX_QUERY_LENGTH} characters")
        values = {"types": types, "countries": countries, "aux": aux, "date_from": date_from, "date_to": date_to,
                  "bbox": parse_bbox(self.bbox), "actor": actor or None, "q": q or None,
                  "_words": tuple(q.lower().split()) if q else ()}
        for name, value in values.items():
            object.__setattr__(self, name, value)


def where(filters: EventFilter) -> tuple[str, list]:
    """(SQL condition, parameters) selecting the rows of `events` or `mentions` that `filters` allows."""
    clauses: list[str] = []
    params: list = []

    def one_of(column: str, values: tuple[str, ...]) -> None:
        clauses.append(f"{column} IN ({', '.join('?' * len(values))})")
        params.extend(values)

    if filters.aux:
        clauses.append(f"(aux IS NULL OR aux IN ({', '.join('?' * len(filters.aux))}))")
        params.extend(filters.aux)
    else:
        clauses.append("aux IS NULL")
    if filters.types:
        one_of("event", filters.types)
    if filters.countries:
        one_of("country_code", filters.countries)
    if filters.actor:
        clauses.append("(actor_code = ? OR recipient_code = ? "
                       "OR contains(lower(actor_name), ?) OR contains(lower(recipient_name), ?))")
        params.extend([filters.actor.upper(), filters.actor.upper(), filters.actor.lower(), filters.actor.lower()])
    if filters.date_from:
        clauses.append("date >= CAST(? AS DATE)")
        params.append(filters.date_from)
    if filters.date_to:
        clauses.append("date <= CAST(? AS DATE)")
        params.append(filters.date_to)
    if filters.bbox:
        clauses.append("lon BETWEEN ? AND ? AND lat BETWEEN ? AND ?")
        min_lon, min_lat, max_lon, max_lat = filters.bbox
        params.extend([min_lon, max_lon, min_lat, max_lat])
    for word in filters._words:
        clauses.append("contains(search, ?)")
        params.append(word)
    return " AND ".join(clauses), params
