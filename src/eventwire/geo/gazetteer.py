"""Offline place-name lookup in the gazetteer file (see `settings` for where it is, `build` for what is in it).

Lookup is case-insensitive, so it cannot tell "Nice" (a town) from "nice": callers must only look up
spans that are capitalised in the text. The entity stage ensures this by looking up GPE/LOC entity
spans (spaCy NER or the ruler fed by `ruler_patterns()`), never arbitrary tokens.
"""
from __future__ import annotations

import functools
import math
from dataclasses import dataclass, fields
from pathlib import Path

from .build import ensure_built
from .database import ALTERNATE, OURS, PLACE_TIER, open_for_reading
from .names import is_acronym, normalize, one_edit_variants, stop_key
from .settings import gazetteer_path

EARTH_RADIUS_KM = 6371.0088
# An alternate GeoNames name (often historical or foreign) counts for a fifth of the population, so a
# town's own name beats a bigger town's old name (Pokrovsk vs Engels) but Odessa still finds Odesa.
ALTERNATE_WEIGHT = 0.2
LOOKUP_CACHE = 65_536  # names: news repeats its places, and the entity ruler's patterns are looked up at load


@dataclass(frozen=True, slots=True)
class PlaceMatch:
    name: str
    geonameid: int | None
    lat: float
    lon: float
    admin1: str | None
    country_code: str  # ISO3; "" for areas spanning several countries (the Sahel, the Caucasus)
    feature_code: str  # GeoNames code: PCLI, ADM1, ADM2, RGN, PPLC, PPL, ...
    resolution: int  # 1 country, 2 admin1/region, 3 admin2, 4 city, 5 sub-city
    population: int
    admin2: str | None
    feature_class: str  # GeoNames class: A country/admin area, P town, L region, T relief, ...


@dataclass(frozen=True, slots=True)
class NamedPlace:
    """A place a name names, and how: by its own name (or one of our tables') or a GeoNames alternate."""

    place: PlaceMatch
    alternate: bool  # an alternate name: historical, foreign or a variant spelling
    ours: bool  # a name from our tables (curated: "Martuni" is the Karabakh town)


_FIELDS = [f.name for f in fields(PlaceMatch)]  # columns of the place table too
# A hit: (name kind, place id, tier, *PlaceMatch fields); ranking reads these fields of it.
_COUNTRY, _POPULATION = (3 + _FIELDS.index(f) for f in ("country_code", "population"))
_PLACE = ", ".join(f"p.{f}" for f in _FIELDS)
_BY_NAME = f"SELECT n.kind, p.id, p.tier, {_PLACE} FROM name AS n JOIN place AS p ON p.id = n.place WHERE n.key"
_BY_KEY = f"{_BY_NAME} = ?"
_BY_ACRONYM = (f"SELECT a.kind, p.id, p.tier, {_PLACE} FROM acronym AS a JOIN place AS p ON p.id = a.place "
               "WHERE a.text = ?")


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle (haversine) distance in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    h = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(h))


class Gazetteer:
    """Name -> place lookups in a gazetteer file. Read-only, so shareable across threads."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._db = open_for_reading(path)
        self._stop = frozenset(key for (key,) in self._db.execute("SELECT key FROM stop"))
        self._iso3 = frozenset(code for (code,) in self._db.execute(
            "SELECT country_code FROM place WHERE resolution = 1 AND country_code != ''"))
        self._hits = functools.lru_cache(maxsize=LOOKUP_CACHE)(self._fetch)

    @classmethod
    def load(cls) -> "Gazetteer":
        """The shared gazetteer (cached), built first if its file is missing (see `settings`)."""
        return _load_cached(gazetteer_path())

    def lookup(self, name: str, country_hint: str | None = None) -> PlaceMatch | None:
        """Best place for `name` (an entity span as written), or None.

        Ranking: places in `country_hint` (ISO3) first, then countries > regions/admin1 > capitals >
        other places by population. Stop-listed words never resolve.
        """
        hits = self._hits_of(name, country_hint)
        return PlaceMatch(*min(hits, key=_rank(country_hint))[3:]) if hits else None

    def candidates(self, name: str) -> list[PlaceMatch]:
        """Every place `name` can mean, best first (the `lookup` ranking without a hint)."""
        return [PlaceMatch(*hit[3:]) for hit in sorted(self._hits_of(name, None), key=_rank(None))]

    def named(self, name: str) -> list[NamedPlace]:
        """Every place `name` names (the rules of `lookup`), with how it names it."""
        return [_named(hit) for hit in self._hits_of(name, None)]

    def by_geonameid(self, geonameid: int) -> PlaceMatch | None:
        """The place with this GeoNames id, if the gazetteer holds it."""
        row = self._db.execute(f"SELECT {_PLACE} FROM place AS p WHERE p.geonameid = ?", (geonameid,)).fetchone()
        return PlaceMatch(*row) if row else None

    def named_within_one_edit(self, name: str) -> list[NamedPlace]:
        """Every place named by a key one edit (Levenshtein distance 1) away from `name`'s key, not by the
        key itself; a stop-listed name has none. All the variants are looked up in one query (~1 ms)."""
        if stop_key(name) in self._stop:
            return []
        variants = one_edit_variants(normalize(name))
        rows = self._db.execute(f"{_BY_NAME} IN ({', '.join('?' * len(variants))})", variants).fetchall()
        return [_named(row) for row in rows]

    def ruler_patterns(self) -> list[dict]:
        """spaCy EntityRuler string patterns: GPE for countries, admin-1 areas and big or capital cities
        (plus our curated places), LOC for other regions and physical areas."""
        return [{"label": label, "pattern": text}
                for label, text in self._db.execute("SELECT label, text FROM pattern ORDER BY id")]

    def _hits_of(self, name: str, country_hint: str | None) -> tuple[tuple, ...]:
        if not isinstance(name, str):
            raise TypeError(f"place name must be a string, got {type(name).__name__}: {name!r}")
        if country_hint is not None and country_hint not in self._iso3:
            raise ValueError(f"country_hint {country_hint!r} is not an ISO3 country code (e.g. 'AZE')")
        return self._hits(" ".join(name.split()))

    def _fetch(self, text: str) -> tuple[tuple, ...]:
        """Every place `text` names: acronyms exactly as written, other names by their normalised key
        unless stop-listed."""
        rows = self._db.execute(_BY_ACRONYM, (text,)).fetchall() if is_acronym(text) else []
        if not rows and stop_key(text) not in self._stop:
            rows = self._db.execute(_BY_KEY, (normalize(text),)).fetchall()
        return tuple(rows)


def _named(hit: tuple) -> NamedPlace:
    return NamedPlace(PlaceMatch(*hit[3:]), alternate=hit[0] == ALTERNATE, ours=hit[0] == OURS)


def _rank(country_hint: str | None):
    """The sort key of hits (see `Gazetteer.lookup`)."""
    def rank(hit: tuple) -> tuple:
        kind, place_id, tier = hit[:3]
        alternate = kind == ALTERNATE
        # A capital's old or foreign name ranks like any town's (HK's "Victoria" is not a capital); a name
        # in our tables means our place before any other of its tier (our "Martuni" is in Karabakh).
        return (hit[_COUNTRY] != country_hint if country_hint else False,
                max(tier, PLACE_TIER) if alternate else tier, kind != OURS,
                -hit[_POPULATION] * (ALTERNATE_WEIGHT if alternate else 1.0), alternate, place_id)
    return rank


@functools.cache
def _load_cached(path: Path) -> Gazetteer:
    ensure_built(path)
    return Gazetteer(path)
