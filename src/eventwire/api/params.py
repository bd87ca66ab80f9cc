"""The query parameters every event listing shares (/events, /stats/timeline, /export/...) → EventFilter.

The values are checked by `EventFilter` itself, the one filter of the store and the exports, so a filter
accepts and means the same in each; its FilterError becomes a 422 naming the parameter (errors.py).
"""
from __future__ import annotations

from typing import Annotated

from fastapi import Query

from eventwire.records import AUX_MODES, PLOVER_TYPES
from eventwire.store import EventFilter

_LISTS = "Repeat the parameter or separate values with commas."


def event_filter(
    type: Annotated[list[str] | None, Query(description=f"PLOVER event types: {', '.join(PLOVER_TYPES)}. {_LISTS}",
                                            examples=["ASSAULT"])] = None,
    country: Annotated[list[str] | None, Query(description=f"ISO 3166 alpha-3 codes of the event's country. "
                                               f"{_LISTS}", examples=["UKR"])] = None,
    actor: Annotated[str | None, Query(description="an actor code ('RUS', exact) or part of a canonical name "
                                       "('Zelensk'), matched against the actor and the recipient")] = None,
    date_from: Annotated[str | None, Query(description="first day, YYYY-MM-DD", examples=["2024-05-01"])] = None,
    date_to: Annotated[str | None, Query(description="last day, YYYY-MM-DD", examples=["2024-05-31"])] = None,
    bbox: Annotated[str | None, Query(description="min_lon,min_lat,max_lon,max_lat around the event's place",
                                      examples=["22,44,41,53"])] = None,
    aux: Annotated[list[str] | None, Query(description=f"auxiliary modes to include besides asserted events "
                                           f"(none by default): {', '.join(AUX_MODES)}. {_LISTS}")] = None,
    q: Annotated[str | None, Query(description="words that must all occur in the evidence sentences, actor "
                                   "or place names", examples=["drone"])] = None,
) -> EventFilter:
    return EventFilter(types=tuple(type or ()), countries=tuple(country or ()), actor=actor, date_from=date_from,
                       date_to=date_to, bbox=bbox, aux=tuple(aux or ()), q=q)
