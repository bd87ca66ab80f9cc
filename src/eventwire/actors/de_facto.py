"""PLOVER's rule for partly recognised entities, applied where an event happens: in a territory a de facto
state holds, its authorities and its own forces are coded as the country the territory is recognised as
part of, with sector PRE (Nagorno-Karabakh's "local Armenian forces" are AZE PRE, not Armenia's army)."""
from __future__ import annotations

import datetime as dt
import re

from ..folding import strip_accents
from ..geo.gazetteer import distance_km
from ..records import Entity, Place
from .tables import PartlyRecognised

# Unnamed parties of these sectors in the territory ("authorities", "forces", "separatists") are the
# entity's; civilians, the press or aid groups there are not.
LOCAL_SECTORS = frozenset({"GOV", "MIL", "REB", "PRE", "COP", "LEG", "JUD", "SPY"})


def holder_of(place: Place | None, on_date: dt.date | None, entities: list[PartlyRecognised]) -> PartlyRecognised | None:
    """The partly recognised entity holding the event's place on that day, if any."""
    if place is None or on_date is None:
        return None
    for entity in entities:
        if entity.iso3 == place.country_code and entity.holds_on(on_date) and _within(place, entity):
            return entity
    return None


def _within(place: Place, entity: PartlyRecognised) -> bool:
    territory = entity.territory
    if place.resolved_place in (entity.name, *entity.aliases, *entity.seats):
        return True
    if place.admin1 is not None and place.admin1 in territory.admin1:
        return True
    return territory.centre is not None and place.lat is not None and place.lon is not None and \
        distance_km(place.lat, place.lon, *territory.centre) <= territory.radius_km


def is_local_party(party: Entity, holder: PartlyRecognised, local_markers: frozenset[str]) -> bool:
    """Whether an actor in the holder's territory is the holder itself: an unnamed state-like party
    ("authorities", "ethnic Armenian forces"), or a patron's demonym with a local marker ("local
    Armenian forces"); never a named person or a country's own state named as such ("Armenia")."""
    if party.sector is None or party.sector not in LOCAL_SECTORS or party.name is not None:
        return False
    if party.code is None:
        return True
    words = set(re.findall(r"[a-z]+", strip_accents(party.entity_text.text).casefold()))
    return party.code in holder.patrons and bool(words & local_markers)
