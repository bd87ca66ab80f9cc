"""ACLED CSV: one row per merged event, the 31 columns of ACLED's export in their order.

Choices (README, "Dataset"): `event_id_cnty` is the event's own id (stable across exports and the API;
a per-country number would change as events arrive); `event_date` is ISO; `time_precision` 1 day, 2 week,
3 month or year; `geo_precision` 1 town or finer, 2 admin-2 area, 3 admin-1 area or country; actors are
named as ACLED names them ("Military Forces of Russia", "Civilians (Somalia)", an armed group by its
name) from export/data/acled_actors.yaml; `iso` is the ISO 3166 numeric code as in ACLED; `source` the
outlets joined with "; "; `notes` the evidence sentence; `fatalities` the dead, 0 when not stated;
`timestamp` the Unix time the event was last updated. `region`, `admin2`, `admin3`, `assoc_actor_*`,
`source_scale` and `tags` are left empty: nothing we code says them.
"""
from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterable, Iterator
from functools import lru_cache
from importlib import resources

import pycountry
import yaml

from eventwire.geo.tables import read_tsv

COLUMNS = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
    "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction",
    "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3", "location", "latitude",
    "longitude", "geo_precision", "source", "source_scale", "notes", "fatalities", "tags", "timestamp",
)
_TIME_PRECISION = {"day": 1, "week": 2, "month": 3, "year": 3}


@lru_cache(maxsize=1)
def _actor_table() -> dict:
    return yaml.safe_load((resources.files(__package__) / "data" / "acled_actors.yaml").read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def _country_names() -> dict[str, str]:
    return {row["iso3"]: row["name"] for row in read_tsv("countries.tsv")}


def _country(code: str | None) -> str:
    return _country_names().get(code or "", code or "")


def _iso_numeric(code: str | None) -> int | str:
    country = pycountry.countries.get(alpha_3=code) if code else None
    return int(country.numeric) if country else ""


def _actor(entity: dict | None, event: dict, first: bool) -> tuple[str, int | str]:
    """(ACLED actor name, inter code) of an entity; `first` for actor1 (protesters and rioters act)."""
    if entity is None or not (entity.get("code") or entity.get("sector")):
        return "", ""
    table = _actor_table()
    code, sector = entity.get("code"), entity.get("sector")
    place_country = (event.get("event_loc") or {}).get("country_code")
    rule = table["sectors"].get(sector) or table["no_sector"]
    name, inter = rule["name"], rule["inter"]
    is_state = sector in table["state"] or sector is None
    if is_state and place_country and code and code != place_country:
        inter = 8  # a state's forces outside their own country
    if first and sector in table["civilian"]:
        event_type = (event.get("acled") or {}).get("event_type")
        if event_type == "Protests":
            name, inter = table["protesters"], 6
        elif event_type == "Riots":
            name, inter = table["rioters"], 5
    if entity.get("name") and not is_state:
        name = entity["name"]
    return name.format(country=_country(code)), inter


def _interaction(inter1: int | str, inter2: int | str) -> str:
    """ACLED's two-digit interaction: the two codes smaller first, or "N0" for one actor alone."""
    if inter1 == "":
        return ""
    if inter2 == "":
        return f"{inter1}0"
    low, high = sorted((inter1, inter2))
    return f"{low}{high}"


def _geo_precision(place: dict) -> int | str:
    resolution = place.get("resolution")
    if resolution is None:
        return ""
    return 1 if resolution >= 4 else 2 if resolution == 3 else 3


def acled_row(event: dict) -> dict:
    """The ACLED columns of one merged event (dict form, as the store returns it)."""
    acled = event.get("acled") or {}
    place = event.get("event_loc") or {}
    actor1, inter1 = _actor(event.get("actor"), event, first=True)
    actor2, inter2 = _actor(event.get("recipient"), event, first=False)
    recipient_sector = (event.get("recipient") or {}).get("sector")
    date = event.get("date")
    updated = event.get("updated_at")
    return {
        "event_id_cnty": event["id"],
        "event_date": date or "",
        "year": date[:4] if date else "",
        "time_precision": _TIME_PRECISION.get(event.get("date_precision"), ""),
        "disorder_type": acled.get("disorder_type") or "",
        "event_type": acled.get("event_type") or "",
        "sub_event_type": acled.get("sub_event_type") or "",
        "actor1": actor1, "assoc_actor_1": "", "inter1": inter1,
        "actor2": actor2, "assoc_actor_2": "", "inter2": inter2,
        "interaction": _interaction(inter1, inter2),
        "civilian_targeting": "Civilian targeting" if recipient_sector in _actor_table()["civilian"]
        and acled.get("disorder_type") == "Political violence" else "",
        "iso": _iso_numeric(place.get("country_code")),
        "region": "",
        "country": _country(place.get("country_code")),
        "admin1": place.get("admin1") or "", "admin2": "", "admin3": "",
        "location": place.get("resolved_place") or "",
        "latitude": place.get("lat") if place.get("lat") is not None else "",
        "longitude": place.get("lon") if place.get("lon") is not None else "",
        "geo_precision": _geo_precision(place),
        "source": "; ".join(event.get("sources") or ()),
        "source_scale": "",
        "notes": (event.get("evidence") or {}).get("sentence") or "",
        "fatalities": (event.get("size") or {}).get("dead") or 0,
        "tags": "",
        "timestamp": int(dt.datetime.fromisoformat(updated).timestamp()) if updated else "",
    }


def acled_csv(events: Iterable[dict]) -> Iterator[str]:
    """The CSV text, header first, a chunk per row."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    for event in events:
        writer.writerow(acled_row(event))
        yield buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
    yield buffer.getvalue()
