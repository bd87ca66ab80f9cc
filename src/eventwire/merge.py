"""Mentions of one real-world event → one merged event: the rule, as pure functions over JSON dicts.

Everything here takes and returns the dict form of records (`records.to_dict`), so the store, tests and a
distributed run apply the same rule.

**When a mention joins an event** (`compatible`). It is compared with the event as merged so far, and
joins only if nothing the two say tells them apart:
- the same PLOVER type and the same `aux` (a denied attack is not the attack); modes are not compared,
  as reports of one attack name its means differently ("drones", "set fire to"), and ACLED too counts one
  event per type, day, place and actors;
- dates that overlap given their precision: a day is that day, a week its seven days, a month or a year
  all of its days. Two different days at day precision stay two events; "in March" fits March 3. An
  undated mention never merges: nothing says it is the same occurrence;
- compatible actors: codes equal or one unknown, and sectors equal or one unknown (Congo's army and the
  M23, both COD, are told apart by sector); recipients: codes equal or one unknown (their sector is
  not compared: one report's "Kyiv" is the government, another's "people in Kyiv" civilians); and roles
  that do not contradict (a party that is the actor of one and the recipient of the other, with the same
  code and sector);
- compatible places: two towns (admin-2 or finer, with coordinates) within `PLACE_KM` km; when either
  place is an admin-1 area or vaguer, the same admin-1 area (or, for a country-level place, the same
  country); when one place is unknown, the known place's country must be the code of one of the other's
  parties ("drones hit Kyiv" fits an event in Ukraine, not one in Israel).

**Which event it joins** (`best_event`): among the compatible events, the nearest (distance, then gap
between dates), then the most reported, then the smallest id, so the choice is deterministic. A new
mention joins one event; two existing events are never merged afterwards, so an event id, once given,
stays (`event_id`: derived from the founding mention's id).

**The merged fields** (`merged_event`) are chosen from the mentions, ties broken by mention id so the
result depends only on the set of mentions: the most precise place (highest resolution), then the one
most mentions name; the most precise date, then the most named; the most specific actor and recipient
(code and sector known beats code alone beats sector alone); the most named mode; the largest count of
dead, injured and arrested, as a toll only rises as reports come in and each count is an "at least"
figure; ACLED types, CAMEO code and evidence sentence of the most confident mention; confidence combined
as a noisy-OR of the best confidence per source (independent outlets that each report it make it more
likely to have happened; mentions of one outlet are not independent).

**Counts**: `num_mentions` counts mentions; `num_documents` and `num_sources` count the documents and
outlets reporting the event, near-duplicate copies included (a syndicated copy in another outlet is
another report of the event, which is what analysts count), a document without a known outlet counting
as its own source; `first_reported` is the earliest publication date among them.
"""
from __future__ import annotations

import calendar
import datetime as dt
import math
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from .geo import distance_km

PLACE_KM = 50.0
_CITY = 3  # resolution from which a place is a town (admin-2 or finer) compared by distance
_PRECISION_ORDER = {"day": 0, "week": 1, "month": 2, "year": 3}


@dataclass(frozen=True)
class Report:
    """A document reporting an event: one its mentions come from, or a near-duplicate copy of one."""

    doc_id: str
    outlet: str | None
    published: str | None  # ISO date: publication, else the day the document was ingested


def event_id(founding_mention_id: str) -> str:
    """The id of the event a mention founds: stable, whatever joins it later."""
    return "e-" + founding_mention_id.removeprefix("m-")


def date_range(date: str | None, precision: str | None) -> tuple[dt.date, dt.date] | None:
    """The first and last day `date` at `precision` may be; None when undated."""
    if date is None or precision not in _PRECISION_ORDER:
        return None
    day = dt.date.fromisoformat(date)
    if precision == "day":
        return day, day
    if precision == "week":
        start = day - dt.timedelta(days=day.weekday())
        return start, start + dt.timedelta(days=6)
    if precision == "month":
        return day.replace(day=1), day.replace(day=calendar.monthrange(day.year, day.month)[1])
    return dt.date(day.year, 1, 1), dt.date(day.year, 12, 31)


def _km(a: dict, b: dict) -> float:
    return distance_km(a["lat"], a["lon"], b["lat"], b["lon"])


def _party(entity: dict | None) -> tuple[str | None, str | None] | None:
    if entity is None or (entity.get("code") is None and entity.get("sector") is None):
        return None
    return entity.get("code"), entity.get("sector")


def _parties_fit(a: dict | None, b: dict | None, sectors: bool = True) -> bool:
    x, y = _party(a), _party(b)
    if x is None or y is None:
        return True
    pairs = zip(x, y) if sectors else [(x[0], y[0])]
    return all(p is None or q is None or p == q for p, q in pairs)


def _same_party(a: dict | None, b: dict | None) -> bool:
    x, y = _party(a), _party(b)
    return x is not None and x[0] is not None and x == y


def _known_place(place: dict | None) -> bool:
    return place is not None and place.get("country_code") is not None


def _has_point(place: dict) -> bool:
    return place.get("lat") is not None and place.get("lon") is not None


def places_fit(a: dict, b: dict) -> bool:
    """Whether the places of two records (mentions or events) may be one place (see the module doc)."""
    place_a, place_b = a.get("event_loc"), b.get("event_loc")
    known_a, known_b = _known_place(place_a), _known_place(place_b)
    if not (known_a and known_b):
        if not (known_a or known_b):
            return True
        known, other = (place_a, b) if known_a else (place_b, a)
        codes = {p.get("code") for p in (other.get("actor"), other.get("recipient")) if p}
        return known["country_code"] in codes
    if place_a["country_code"] != place_b["country_code"]:
        return False
    resolution_a, resolution_b = place_a.get("resolution") or 1, place_b.get("resolution") or 1
    if min(resolution_a, resolution_b) >= _CITY and _has_point(place_a) and _has_point(place_b):
        return _km(place_a, place_b) <= PLACE_KM
    if min(resolution_a, resolution_b) >= 2 and place_a.get("admin1") and place_b.get("admin1"):
        return place_a["admin1"] == place_b["admin1"]
    return True  # a country-level place (or one without an admin-1 area): the same country is all we know


def compatible(event: dict, mention: dict) -> bool:
    """Whether `mention` may report `event` (a merged event or another mention): see the module doc."""
    if event["event"] != mention["event"] or event.get("aux") != mention.get("aux"):
        return False
    days_a = date_range(event.get("date"), event.get("date_precision"))
    days_b = date_range(mention.get("date"), mention.get("date_precision"))
    if days_a is None or days_b is None or days_a[0] > days_b[1] or days_b[0] > days_a[1]:
        return False
    if not (_parties_fit(event.get("actor"), mention.get("actor"))
            and _parties_fit(event.get("recipient"), mention.get("recipient"), sectors=False)):
        return False
    if _same_party(event.get("actor"), mention.get("recipient")) or \
            _same_party(event.get("recipient"), mention.get("actor")):
        return False
    return places_fit(event, mention)


def _match_key(event: dict, mention: dict) -> tuple:
    place_a, place_b = event.get("event_loc"), mention.get("event_loc")
    if place_a and place_b and _has_point(place_a) and _has_point(place_b):
        km = _km(place_a, place_b)
    else:
        km = PLACE_KM  # unknown distance counts as far as a match may be
    days_a = date_range(event["date"], event["date_precision"])
    days_b = date_range(mention["date"], mention["date_precision"])
    gap = abs((days_a[0] - days_b[0]).days + (days_a[1] - days_b[1]).days)
    return km, gap, -event.get("num_mentions", 1), event["id"]


def best_event(events: Iterable[dict], mention: dict) -> dict | None:
    """The event `mention` joins, or None if it founds a new one."""
    fitting = [event for event in events if compatible(event, mention)]
    return min(fitting, key=lambda event: _match_key(event, mention)) if fitting else None


def _most_named(values: list, rank) -> object:
    """Of `values` (in mention-id order), the best by `rank` (smaller is better), then the most
    frequent, then the first."""
    counts = Counter(_hashable(v) for v in values)
    return min(enumerate(values), key=lambda iv: (rank(iv[1]), -counts[_hashable(iv[1])], iv[0]))[1]


def _hashable(value) -> object:
    if isinstance(value, dict):
        return tuple(sorted((k, _hashable(v)) for k, v in value.items()))
    return value


def _place_rank(place: dict | None) -> tuple:
    if not _known_place(place):
        return (1, 0)
    return (0, -(place.get("resolution") or 0) - (0.5 if _has_point(place) else 0))


def _entity_rank(entity: dict | None) -> tuple:
    if entity is None:
        return (4,)
    code, sector = entity.get("code"), entity.get("sector")
    return (0 if code and sector else 1 if code else 2 if sector else 3, entity.get("name") is None)


def _chosen_entity(mentions: list[dict], role: str) -> dict | None:
    """The most specific entity of `role`; between equally specific ones, the party most mentions name."""
    entities = [m.get(role) for m in mentions]
    counts = Counter(_party(e) for e in entities)
    return min(enumerate(entities),
               key=lambda ie: (_entity_rank(ie[1]), -counts[_party(ie[1])], ie[0]))[1]


def combined_confidence(mentions: list[dict], outlet_of: dict[str, str]) -> float:
    """Noisy-OR of the best confidence of each source (`outlet_of`: doc id → source key)."""
    best: dict[str, float] = {}
    for mention in mentions:
        source = outlet_of.get(mention["doc_id"], mention["doc_id"])
        best[source] = max(best.get(source, 0.0), mention["confidence"])
    return round(1 - math.prod(1 - c for c in best.values()), 3)


def source_key(report: Report) -> str:
    """Who published a report: its outlet, or the document itself when the outlet is unknown."""
    return report.outlet or report.doc_id


def merged_event(event_id: str, mentions: list[dict], reports: Iterable[Report]) -> dict:
    """The merged event of `mentions` (dicts) reported by `reports` (see the module doc)."""
    mentions = sorted(mentions, key=lambda m: m["id"])
    reports = {r.doc_id: r for r in reports}
    for mention in mentions:
        reports.setdefault(mention["doc_id"], Report(mention["doc_id"], None, None))
    place = _most_named([m.get("event_loc") for m in mentions], _place_rank)
    dated = [(m["date"], m["date_precision"]) for m in mentions if m.get("date")] or [(None, "unknown")]
    date, precision = _most_named(dated, lambda d: _PRECISION_ORDER.get(d[1], len(_PRECISION_ORDER)))
    modes = [m["mode"] for m in mentions if m.get("mode")]
    representative = max(mentions, key=lambda m: (m["confidence"], [-ord(c) for c in m["id"]]))
    size = {kind: max((m["size"][kind] for m in mentions if m["size"].get(kind) is not None), default=None)
            for kind in ("dead", "injured", "arrested")}
    published = [r.published for r in reports.values() if r.published]
    return {
        "id": event_id,
        "event": mentions[0]["event"],
        "mode": _most_named(modes, lambda _: 0) if modes else None,
        "aux": mentions[0].get("aux"),
        "actor": _chosen_entity(mentions, "actor"),
        "recipient": _chosen_entity(mentions, "recipient"),
        "event_loc": place,
        "date": date,
        "date_precision": precision,
        "size": size,
        "acled": representative["acled"],
        "cameo": representative.get("cameo"),
        "confidence": combined_confidence(mentions, {r.doc_id: source_key(r) for r in reports.values()}),
        "num_mentions": len(mentions),
        "num_sources": len({source_key(r) for r in reports.values()}),
        "num_documents": len(reports),
        "first_reported": min(published) if published else None,
        "mention_ids": [m["id"] for m in mentions],
        "sources": sorted({r.outlet for r in reports.values() if r.outlet}),
        "evidence": {"mention_id": representative["id"], "doc_id": representative["doc_id"],
                     "sentence": representative["sentence"]["text"]},
    }
