"""The gazetteer file: its SQLite schema, and the writer both builders use (package data, GeoNames dump).

A file is written under a temporary name beside its target and renamed over it only when complete, so
a failed or interrupted build never leaves a broken gazetteer, and readers of the old file carry on.
"""
from __future__ import annotations

import os
import sqlite3
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import astuple, dataclass, fields
from pathlib import Path

from ..folding import strip_accents
from .names import is_acronym, normalize_many, stop_key

SCHEMA_VERSION = "1"
# Name kinds. Within a tier our tables' names rank first, then places by population, where an alternate
# (GeoNames' historical or foreign names) counts for less. Only a source's name yields to a town.
OURS, SOURCE, ALTERNATE = 0, 1, 2
# Ranking tiers: 0 country, 1 region/admin-1 area, 2 national capital, 3 any other place.
COUNTRY_TIER, AREA_TIER, CAPITAL_TIER, PLACE_TIER = 0, 1, 2, 3
BIG_CITY = 15_000  # GeoNames' cities15000: a town big enough for the ruler, and to win its admin area's name
BIG_AREA = 100_000  # an admin area big enough for the ruler (not a micro-state's parish: "Patrick", "Paul")

SCHEMA = """
CREATE TABLE place (
    id INTEGER PRIMARY KEY, geonameid INTEGER, name TEXT NOT NULL, lat REAL NOT NULL, lon REAL NOT NULL,
    country_code TEXT NOT NULL, admin1_code TEXT, admin2_code TEXT, admin1 TEXT, admin2 TEXT,
    feature_class TEXT NOT NULL, feature_code TEXT NOT NULL, resolution INTEGER NOT NULL,
    population INTEGER NOT NULL, tier INTEGER NOT NULL);
CREATE TABLE name (key TEXT NOT NULL, place INTEGER NOT NULL, kind INTEGER NOT NULL,
    PRIMARY KEY (key, place)) WITHOUT ROWID;
CREATE TABLE acronym (text TEXT NOT NULL, place INTEGER NOT NULL, kind INTEGER NOT NULL,
    PRIMARY KEY (text, place)) WITHOUT ROWID;
CREATE TABLE admin_name (code TEXT PRIMARY KEY, name TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE pattern (id INTEGER PRIMARY KEY, label TEXT NOT NULL, text TEXT NOT NULL, UNIQUE (label, text));
CREATE TABLE stop (key TEXT PRIMARY KEY) WITHOUT ROWID;
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
"""
# A place named twice by one key keeps its best kind.
_UPSERT_NAME = ("INSERT INTO name (key, place, kind) VALUES (?, ?, ?) "
                "ON CONFLICT (key, place) DO UPDATE SET kind = min(kind, excluded.kind)")
_UPSERT_ACRONYM = ("INSERT INTO acronym (text, place, kind) VALUES (?, ?, ?) "
                   "ON CONFLICT (text, place) DO UPDATE SET kind = min(kind, excluded.kind)")
# An admin-1 area's population, where its source gives none: the people of its towns.
_COUNT_AREA_PEOPLE = f"""
WITH people AS (SELECT admin1_code, sum(population) AS n FROM place WHERE feature_class = 'P' GROUP BY admin1_code)
UPDATE place SET population = people.n FROM people
WHERE place.tier = {AREA_TIER} AND place.population = 0 AND people.admin1_code = place.admin1_code
"""
# A source's name for an admin-1 area that is also the name of a national capital, of a big town inside
# the area, or of a town with more people than the whole area, means the town in the news ("Washington",
# "Kabul", "New York", "Basra", "Portland"): it is dropped, and the area keeps its longer names ("Kabul
# Province"). Our own names never yield ("Gaza" is the Gaza Strip).
_YIELD_AREA_NAMES = f"""
DELETE FROM name
WHERE kind = {SOURCE} AND place IN (SELECT id FROM place WHERE tier = {AREA_TIER}) AND EXISTS (
    SELECT 1 FROM name AS other JOIN place AS town ON town.id = other.place, place AS area
    WHERE other.key = name.key AND town.feature_class = 'P' AND area.id = name.place AND (
        (other.kind < {ALTERNATE} AND (town.feature_code = 'PPLC' OR town.population > area.population))
        OR (town.country_code = area.country_code AND town.admin1_code = area.admin1_code
            AND (other.kind < {ALTERNATE} OR town.population >= {BIG_CITY}))))
"""
# Every place's admin areas by name, one naming for all (our admin1.tsv's, else the source's), so a town
# and its area agree; an area without a named code is its own.
_NAME_ADMIN_AREAS = """
UPDATE place SET
    admin1 = coalesce((SELECT name FROM admin_name WHERE code = place.admin1_code),
                      CASE WHEN feature_code = 'ADM1' THEN name END),
    admin2 = coalesce((SELECT name FROM admin_name WHERE code = place.admin2_code),
                      CASE WHEN feature_code = 'ADM2' THEN name END)
"""


@dataclass(frozen=True, slots=True)
class NewPlace:
    """A place as a source gives it; the writer assigns its id."""

    geonameid: int | None
    name: str
    lat: float
    lon: float
    country_code: str  # ISO3; "" for areas spanning several countries
    admin1_code: str | None  # GeoNames "CC.A1" (ISO 3166-2 code where GeoNames has none)
    admin2_code: str | None  # GeoNames "CC.A1.A2"
    feature_class: str  # GeoNames: A admin, P populated place, L area, T relief, H water, S spot, ...
    feature_code: str
    resolution: int  # 1 country, 2 admin1/region, 3 admin2, 4 city, 5 sub-city
    population: int
    tier: int


_PLACE_COLUMNS = [f.name for f in fields(NewPlace)]
_FEATURE_CLASSES = {"PCL": "A", "ADM": "A", "TER": "A", "PPL": "P", "RGN": "L", "CON": "L", "ARE": "L",
                    "MTS": "T", "PEN": "T", "ISL": "T", "SEA": "H", "GUL": "H", "STR": "H"}


def feature_class_of(feature_code: str) -> str:
    """The GeoNames feature class of a code our tables use (PCLI: A, PPLC: P, RGN: L, MTS: T, SEA: H)."""
    try:
        return _FEATURE_CLASSES[feature_code[:3]]
    except KeyError:
        raise ValueError(f"feature code {feature_code!r} has no known GeoNames class") from None


def rank_of(feature_class: str, feature_code: str) -> tuple[int, int]:
    """(tier, resolution) of a GeoNames feature."""
    if feature_code == "ADM1":
        return AREA_TIER, 2
    if feature_code == "PPLC":
        return CAPITAL_TIER, 4
    resolution = {"A": 3, "L": 2, "P": 4, "S": 5, "R": 5}.get(feature_class, 4)
    if feature_code.startswith("PCL"):
        resolution = 1
    elif feature_code == "PPLX":  # a section of a town
        resolution = 5
    return PLACE_TIER, resolution


class GazetteerWriter:
    """Adds places and their names (normalised in bulk); `writing` completes the file."""

    BATCH = 100_000

    def __init__(self, connection: sqlite3.Connection, stop_words: Iterable[str]) -> None:
        self._db = connection
        self._db.executescript("CREATE TEMP TABLE pending_pattern (place INTEGER, label TEXT, text TEXT, "
                               "min_population INTEGER); CREATE TEMP TABLE pending_name (key TEXT, geonameid "
                               "INTEGER, kind INTEGER);")
        self._stop = frozenset(stop_key(w) for w in stop_words)
        self._next_id = 1
        self._places: list[tuple] = []
        self._names: list[tuple[str, int, int]] = []  # (text as written, place id, kind)
        self._names_by_geonameid: list[tuple[str, int, int]] = []  # (text as written, geonameid, kind)
        self._fill_ins: list[tuple] = []
        self._admin_names: dict[str, str] = {}
        self._preferred_admin_names: dict[str, str] = {}
        self.curated: dict[int, int] = {}  # geonameid -> place id of our tables' places, which sources merge into

    def add(self, place: NewPlace, names: Iterable[str], kind: int = SOURCE, alternates: Iterable[str] = (),
            ruler_label: str | None = None, curated: bool = False, ruler_min_population: int = 0) -> int:
        """Add a place with its full names (`kind`) and alternates; `ruler_label` puts its full names in
        the entity ruler if the place has `ruler_min_population` people (known once all towns are in).
        A source's record of one of our (`curated`) places merges into ours instead: its names join ours
        and its admin codes fill in ours. Returns the place id."""
        place_id = self.curated.get(place.geonameid)
        if place_id is not None:
            self.add_names(place_id, names, SOURCE, alternates)
            self._fill_ins.append((place.admin1_code, place.admin2_code, place_id))
            return place_id
        place_id = self._next_id
        self._next_id += 1
        self._places.append((place_id, *astuple(place)))
        if curated and place.geonameid is not None:
            self.curated[place.geonameid] = place_id
        self.add_names(place_id, names, kind, alternates, ruler_label, ruler_min_population)
        if len(self._places) >= self.BATCH:
            self._flush()
        return place_id

    def add_names(self, place_id: int, names: Iterable[str], kind: int, alternates: Iterable[str] = (),
                  ruler_label: str | None = None, ruler_min_population: int = 0) -> None:
        names = [n for n in names if n.strip()]
        self._names.extend((n, place_id, kind) for n in names)
        self._names.extend((a, place_id, ALTERNATE) for a in alternates)
        if ruler_label:
            patterns = dict.fromkeys([*names, *(strip_accents(n) for n in names)])
            self._db.executemany("INSERT INTO temp.pending_pattern VALUES (?, ?, ?, ?)",
                                 [(place_id, ruler_label, p, ruler_min_population) for p in patterns
                                  if stop_key(p) not in self._stop])
        if len(self._names) >= self.BATCH:
            self._flush()

    def add_names_of(self, geonameid: int, names: Iterable[str], kind: int) -> None:
        """Names of the place with GeoNames id `geonameid`, which may come later or never (a file of
        alternate names covers all of GeoNames, a dump may hold one country). Acronyms are left out."""
        self._names_by_geonameid.extend((n, geonameid, kind) for n in names if not is_acronym(n))
        if len(self._names_by_geonameid) >= self.BATCH:
            self._flush()

    def add_admin_name(self, code: str, name: str, preferred: bool = False) -> None:
        """The name of the admin area `code`; a preferred one (our table's) wins over a source's."""
        (self._preferred_admin_names if preferred else self._admin_names).setdefault(code, name)

    def _finish(self, meta: dict[str, str]) -> None:
        self._flush()
        db = self._db
        db.execute("CREATE INDEX place_geonameid ON place (geonameid)")
        db.execute("INSERT INTO name (key, place, kind) SELECT pending.key, place.id, pending.kind "
                   "FROM temp.pending_name AS pending JOIN place ON place.geonameid = pending.geonameid "
                   "WHERE true ON CONFLICT (key, place) DO UPDATE SET kind = min(kind, excluded.kind)")
        db.executemany("UPDATE place SET admin1_code = coalesce(admin1_code, ?), "
                       "admin2_code = coalesce(admin2_code, ?) WHERE id = ?", self._fill_ins)
        db.executemany("INSERT INTO admin_name VALUES (?, ?)",
                       ({**self._admin_names, **self._preferred_admin_names}).items())
        db.execute(_NAME_ADMIN_AREAS)
        db.execute(_COUNT_AREA_PEOPLE)
        db.execute(_YIELD_AREA_NAMES)
        db.execute("INSERT OR IGNORE INTO pattern (label, text) SELECT pending.label, pending.text "
                   "FROM temp.pending_pattern AS pending JOIN place ON place.id = pending.place "
                   "WHERE place.population >= pending.min_population ORDER BY pending.rowid")
        db.executemany("INSERT OR IGNORE INTO stop VALUES (?)", ((w,) for w in self._stop))
        db.executemany("INSERT INTO meta VALUES (?, ?)", {"schema": SCHEMA_VERSION, **meta}.items())
        db.commit()
        db.execute("VACUUM")  # packs the pages the batched inserts left part-filled: a tenth smaller

    def _flush(self) -> None:
        columns = ", ".join(["id", *_PLACE_COLUMNS])
        self._db.executemany(f"INSERT INTO place ({columns}) VALUES ({', '.join('?' * (len(_PLACE_COLUMNS) + 1))})",
                             self._places)
        acronyms = [n for n in self._names if n[2] != ALTERNATE and is_acronym(n[0])]
        others = [n for n in self._names if n[2] == ALTERNATE or not is_acronym(n[0])]
        self._db.executemany(_UPSERT_NAME, sorted(_keyed(others)))
        self._db.executemany(_UPSERT_ACRONYM, acronyms)
        self._db.executemany("INSERT INTO temp.pending_name VALUES (?, ?, ?)", _keyed(self._names_by_geonameid))
        self._places, self._names, self._names_by_geonameid = [], [], []


def _keyed(names: list[tuple[str, int, int]]) -> list[tuple[str, int, int]]:
    """(text, id, kind) -> (index key, id, kind), dropping names with no key (punctuation only)."""
    keys = normalize_many([text for text, _, _ in names])
    return [(key, id_, kind) for key, (_, id_, kind) in zip(keys, names) if key]


@contextmanager
def writing(path: Path, stop_words: Iterable[str], meta: dict[str, str]) -> Iterator[GazetteerWriter]:
    """A writer for a new gazetteer at `path`, which is built in a temporary file beside it and replaces
    `path` only if the block completes. `meta` is recorded in the file (sources, version)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    temp = Path(temp_name)
    try:
        connection = sqlite3.connect(temp)
        try:
            # a temporary file: nothing to protect from a crash, so no journal and no syncing while building
            connection.executescript("PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; "
                                     "PRAGMA cache_size = -200000;" + SCHEMA)
            writer = GazetteerWriter(connection, stop_words)
            yield writer
            writer._finish(meta)
        finally:
            connection.close()
        temp.chmod(0o644)  # mkstemp's file is private; a gazetteer is not
        os.replace(temp, path)
    finally:
        temp.unlink(missing_ok=True)


def open_for_reading(path: Path) -> sqlite3.Connection:
    """A read-only connection; the file is never changed in place (only replaced), hence `immutable`."""
    connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro&immutable=1", uri=True,
                                 check_same_thread=False)
    try:
        schema = connection.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()
    except sqlite3.DatabaseError as error:
        connection.close()
        raise ValueError(f"{path}: not a gazetteer ({error})") from None
    if schema is None or schema[0] != SCHEMA_VERSION:
        connection.close()
        raise ValueError(f"{path}: gazetteer schema {schema[0] if schema else '?'}, this eventwire reads "
                         f"{SCHEMA_VERSION}: rebuild it (`eventwire gazetteer build` or `import`)")
    return connection


def summary(path: Path) -> str:
    """"N places, M names, S MB" of a gazetteer file."""
    connection = open_for_reading(path)
    try:
        (places,), (names,) = (connection.execute(f"SELECT count(*) FROM {table}").fetchone()
                               for table in ("place", "name"))
    finally:
        connection.close()
    return f"{places:,} places, {names:,} names, {path.stat().st_size / 1e6:.1f} MB"
