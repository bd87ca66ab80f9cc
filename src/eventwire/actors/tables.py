"""Load, check and merge the actor tables: the shipped YAML in `data/` plus an optional user file.

A user file has any of the top-level keys in `USER_KEYS`; its entries add to the shipped ones or
override them (countries by `iso3`, field by field; leaders, organisations and partly recognised
entities by `name`, all records of that name at once; sectors by word; seats by `name`; IGO codes
by code). Every problem is a `ValueError` naming the file and the entry.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # the C loader keeps start-up fast
USER_KEYS = ("countries", "partly_recognised", "sectors", "leaders", "seats", "organizations", "igo_codes")
_WIKIDATA = re.compile(r"Q[1-9][0-9]*")
_IGO_CODE = re.compile(r"[A-Z][A-Z0-9]{1,7}")


class Dated:
    """A record that holds from `start` to the day before `end` (end None: still holds)."""

    start: dt.date
    end: dt.date | None

    def holds_on(self, day: dt.date) -> bool:
        return self.start <= day and (self.end is None or day < self.end)


@dataclass(frozen=True)
class Leader(Dated):
    name: str
    aliases: tuple[str, ...]
    iso3: str
    title: str
    start: dt.date
    end: dt.date | None
    wikidata: str | None
    sector: str = "GOV"  # PRE for the heads of partly recognised entities


@dataclass(frozen=True)
class Organization(Dated):
    """A named group; undated ones hold from `dt.date.min` on."""

    name: str
    aliases: tuple[str, ...]
    code: str | None  # a country's ISO3, an IGO code, or None for groups spanning many countries
    sector: str
    start: dt.date
    end: dt.date | None
    wikidata: str | None


@dataclass(frozen=True)
class Territory:
    """Where a partly recognised entity holds power, besides the places its names name: admin-1
    areas of the gazetteer, or (where it holds no whole admin-1 area) a circle round its seat."""

    admin1: tuple[str, ...] = ()
    centre: tuple[float, float] | None = None
    radius_km: float = 0.0


@dataclass(frozen=True)
class PartlyRecognised(Dated):
    """A de facto state PLOVER codes as its country with sector PRE, while it holds."""

    name: str
    aliases: tuple[str, ...]
    demonyms: tuple[str, ...]
    seats: tuple[str, ...]  # where its authorities sit ("Stepanakert said")
    iso3: str
    start: dt.date
    end: dt.date | None
    wikidata: str | None
    territory: Territory = Territory()
    # countries whose demonym, with a local marker, names the entity's own forces in its territory
    # ("local Armenian forces" in Karabakh are Artsakh's, not Armenia's army)
    patrons: tuple[str, ...] = ()


@dataclass
class Tables:
    """Everything the matcher indexes, already checked."""

    codes: dict[str, str]  # sector code -> meaning
    igo_codes: dict[str, str]  # IGO code -> name
    countries: dict[str, dict]  # iso3 -> {name, names, demonyms, capitals, wikidata}
    seats: dict[str, dict]  # name -> {name, iso3, sector}
    organizations: list[Organization]
    partly_recognised: list[PartlyRecognised]
    sectors: dict[str, str]  # lemma -> sector code
    roles: dict[str, str]  # role lemma -> sector code (weak)
    state_organs: frozenset[str]  # sectors that are a state's own organs
    leaders: list[Leader]
    blocked: list[str]
    matching: dict[str, list[str]]


class _Checker:
    """Validates parsed YAML, naming the file in every message."""

    def __init__(self, source: str):
        self.source = source

    def fail(self, where: str, problem: str) -> ValueError:
        return ValueError(f"actor dictionary {self.source}: {where}: {problem}")

    def mapping(self, value: Any, where: str) -> dict:
        if not isinstance(value, dict):
            raise self.fail(where, f"expected a mapping, got {type(value).__name__}")
        return value

    def items(self, value: Any, where: str) -> list:
        if not isinstance(value, list):
            raise self.fail(where, f"expected a list, got {type(value).__name__}")
        return value

    def text(self, entry: dict, key: str, where: str, required: bool = True) -> str | None:
        value = entry.get(key)
        if value is None and not required:
            return None
        if not isinstance(value, str) or not value.strip():
            raise self.fail(where, f"'{key}' must be a non-empty string, got {value!r}")
        return value.strip()

    def texts(self, entry: dict, key: str, where: str) -> list[str]:
        values = entry.get(key) or []
        if not isinstance(values, list) or not all(isinstance(v, str) and v.strip() for v in values):
            raise self.fail(where, f"'{key}' must be a list of non-empty strings, got {values!r}")
        return [v.strip() for v in values]

    def sector(self, value: Any, where: str, codes: dict[str, str]) -> str:
        if value not in codes:
            raise self.fail(where, f"unknown sector {value!r} (known: {', '.join(codes)})")
        return value

    def country(self, entry: dict, where: str, countries: dict[str, dict]) -> str:
        iso3 = self.text(entry, "iso3", where)
        if iso3 not in countries:
            raise self.fail(where, f"unknown country iso3 {iso3!r}")
        return iso3

    def wikidata(self, entry: dict, where: str) -> str | None:
        value = self.text(entry, "wikidata", where, required=False)
        if value is not None and not _WIKIDATA.fullmatch(value):
            raise self.fail(where, f"'wikidata' must be a Wikidata item id like Q227, got {value!r}")
        return value

    def date(self, entry: dict, key: str, where: str, required: bool) -> dt.date | None:
        value = entry.get(key)
        if value is None and not required:
            return None
        if isinstance(value, dt.date):
            return value
        try:
            return dt.date.fromisoformat(str(value))
        except ValueError:
            raise self.fail(where, f"'{key}' must be an ISO date (YYYY-MM-DD), got {value!r}") from None

    def term(self, entry: dict, where: str, start_required: bool) -> tuple[dt.date, dt.date | None]:
        """`start` and `end` of a dated record; an undated start is `dt.date.min`."""
        start = self.date(entry, "start", where, required=start_required) or dt.date.min
        end = self.date(entry, "end", where, required=False)
        if end is not None and end < start:
            raise self.fail(where, f"end {end} is before start {start}")
        return start, end

    def named(self, raw: Any, key: str, i: int) -> tuple[dict, str, str]:
        """A list entry with a `name`, and where it is for messages: "leaders[3] (Joe Biden)"."""
        entry = self.mapping(raw, f"{key}[{i}]")
        name = self.text(entry, "name", f"{key}[{i}]")
        return entry, name, f"{key}[{i}] ({name})"

    def record(self, raw: Any, key: str, i: int, aliases: str, start_required: bool) -> tuple[dict, str, dict]:
        """The fields every named, dated record has (name, aliases, start, end, wikidata), the raw
        entry and where it is."""
        entry, name, where = self.named(raw, key, i)
        start, end = self.term(entry, where, start_required)
        return entry, where, {"name": name, "aliases": tuple(self.texts(entry, aliases, where)), "start": start,
                              "end": end, "wikidata": self.wikidata(entry, where)}


def _read_yaml(text: str, source: str) -> dict:
    try:
        data = yaml.load(text, Loader=_Loader)
    except yaml.YAMLError as exc:
        raise ValueError(f"actor dictionary {source}: not valid YAML: {exc}") from None
    return _Checker(source).mapping(data if data is not None else {}, "top level")


def _shipped(name: str) -> dict:
    text = resources.files(__package__).joinpath(f"data/{name}").read_text(encoding="utf-8")
    return _read_yaml(text, f"data/{name}")


def _add_igo_codes(tables: Tables, entries: Any, check: _Checker) -> None:
    for code, name in check.mapping(entries, "igo_codes").items():
        if not isinstance(code, str) or not _IGO_CODE.fullmatch(code) or code in tables.countries:
            raise check.fail("igo_codes", f"an IGO code is 2-8 capitals or digits and not a country's "
                                          f"ISO3, got {code!r}")
        if not isinstance(name, str) or not name.strip():
            raise check.fail(f"igo_codes.{code}", f"the name must be a non-empty string, got {name!r}")
        tables.igo_codes[code] = name.strip()


def _add_countries(tables: Tables, entries: Any, check: _Checker) -> None:
    for i, raw in enumerate(check.items(entries, "countries")):
        where = f"countries[{i}]"
        entry = check.mapping(raw, where)
        iso3 = check.text(entry, "iso3", where)
        current = tables.countries.setdefault(
            iso3, {"name": iso3, "names": [], "demonyms": [], "capitals": [], "wikidata": None})
        if "name" in entry:
            current["name"] = check.text(entry, "name", where)
        for key in ("names", "demonyms", "capitals"):
            if key in entry:
                current[key] = check.texts(entry, key, where)
        if "wikidata" in entry:
            current["wikidata"] = check.wikidata(entry, f"{where} ({iso3})")
        if "seats" in entry:
            seats = [{**check.mapping(seat, f"{where}.seats"), "iso3": iso3}
                     for seat in check.items(entry["seats"], f"{where}.seats")]
            _add_seats(tables, seats, check, f"{where}.seats")


def _add_seats(tables: Tables, entries: Any, check: _Checker, where: str = "seats") -> None:
    for i, raw in enumerate(check.items(entries, where)):
        entry, name, here = check.named(raw, where, i)
        tables.seats[name] = {
            "name": name,
            "iso3": check.country(entry, here, tables.countries),
            "sector": check.sector(entry.get("sector"), here, tables.codes),
        }


def _organizations(entries: Any, check: _Checker, tables: Tables) -> list[Organization]:
    organizations = []
    for i, raw in enumerate(check.items(entries, "organizations")):
        entry, where, fields = check.record(raw, "organizations", i, "names", start_required=False)
        code = check.text(entry, "code", where, required=False)
        if code is not None and code not in tables.countries and code not in tables.igo_codes:
            raise check.fail(where, f"unknown code {code!r}: neither a country's ISO3 nor an IGO code "
                                    "(declare new IGO codes under igo_codes)")
        organizations.append(Organization(**fields, code=code,
                                          sector=check.sector(entry.get("sector"), where, tables.codes)))
    return organizations


def _partly_recognised(entries: Any, check: _Checker, tables: Tables) -> list[PartlyRecognised]:
    found = []
    for i, raw in enumerate(check.items(entries, "partly_recognised")):
        entry, where, fields = check.record(raw, "partly_recognised", i, "names", start_required=False)
        patrons = check.texts(entry, "patrons", where)
        for patron in patrons:
            if patron not in tables.countries:
                raise check.fail(where, f"unknown patron country iso3 {patron!r}")
        found.append(PartlyRecognised(**fields, demonyms=tuple(check.texts(entry, "demonyms", where)),
                                      seats=tuple(check.texts(entry, "seats", where)),
                                      iso3=check.country(entry, where, tables.countries),
                                      territory=_territory(entry.get("territory"), check, f"{where}.territory"),
                                      patrons=tuple(patrons)))
    return found


def _territory(raw: Any, check: _Checker, where: str) -> Territory:
    if raw is None:
        return Territory()
    entry = check.mapping(raw, where)
    around = entry.get("around")
    if around is None:
        return Territory(admin1=tuple(check.texts(entry, "admin1", where)))
    if not (isinstance(around, list) and len(around) == 3 and all(isinstance(v, (int, float)) for v in around)
            and -90 <= around[0] <= 90 and -180 <= around[1] <= 180 and around[2] > 0):
        raise check.fail(where, f"'around' must be [latitude, longitude, radius_km], got {around!r}")
    return Territory(admin1=tuple(check.texts(entry, "admin1", where)), centre=(float(around[0]), float(around[1])),
                     radius_km=float(around[2]))


def _add_words(target: dict[str, str], entries: Any, check: _Checker, key: str, codes: dict[str, str]) -> None:
    for word, sector in check.mapping(entries, key).items():
        if not isinstance(word, str) or not word.strip():
            raise check.fail(key, f"a word must be a non-empty string, got {word!r}")
        target[word.strip().lower()] = check.sector(sector, f"{key}.{word}", codes)


def _leaders(entries: Any, check: _Checker, tables: Tables) -> list[Leader]:
    leaders = []
    for i, raw in enumerate(check.items(entries, "leaders")):
        entry, where, fields = check.record(raw, "leaders", i, "aliases", start_required=True)
        leaders.append(Leader(**fields, iso3=check.country(entry, where, tables.countries),
                              title=check.text(entry, "title", where),
                              sector=check.sector(entry.get("sector", "GOV"), where, tables.codes)))
    return leaders


def _replace_by_name(shipped: list, added: list) -> list:
    """The user's records replace every shipped record of the same name (all terms at once)."""
    names = {record.name for record in added}
    return [record for record in shipped if record.name not in names] + added


def load_tables(extra: str | Path | None = None) -> Tables:
    """The shipped tables, with the user's file (if any) merged over them."""
    sectors = _shipped("sectors.yaml")
    countries = _shipped("countries.yaml")
    organizations = _shipped("organizations.yaml")
    check = _Checker("data/")
    codes = {str(k): str(v) for k, v in check.mapping(sectors.get("codes"), "sectors.yaml codes").items()}
    sector_check = _Checker("data/sectors.yaml")
    tables = Tables(
        codes=codes, igo_codes={}, countries={}, seats={}, organizations=[], partly_recognised=[],
        sectors={}, roles={}, leaders=[],
        state_organs=frozenset(sector_check.sector(s, "state_organs", codes)
                               for s in sector_check.items(sectors.get("state_organs"), "state_organs")),
        blocked=check.texts(countries, "blocked", "countries.yaml"),
        matching={k: [str(w).lower() for w in v] for k, v in _shipped("matching.yaml").items()},
    )
    country_check = _Checker("data/countries.yaml")
    _add_countries(tables, countries.get("countries"), country_check)
    tables.partly_recognised = _partly_recognised(countries.get("partly_recognised"), country_check, tables)
    org_check = _Checker("data/organizations.yaml")
    _add_igo_codes(tables, organizations.get("igo_codes"), org_check)
    tables.organizations = _organizations(organizations.get("organizations"), org_check, tables)
    _add_words(tables.sectors, sectors.get("sectors"), sector_check, "sectors", tables.codes)
    _add_words(tables.roles, sectors.get("roles"), sector_check, "roles", tables.codes)
    tables.leaders = _leaders(_shipped("leaders.yaml").get("leaders"), _Checker("data/leaders.yaml"), tables)
    if extra is not None:
        _merge_user_file(tables, Path(extra))
    return tables


def _merge_user_file(tables: Tables, path: Path) -> None:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ValueError(f"actor dictionary {path}: cannot read: {exc.strerror or exc}") from None
    check = _Checker(str(path))
    data = _read_yaml(text, str(path))
    unknown = sorted(set(map(str, data)) - set(USER_KEYS))
    if unknown:
        raise check.fail("top level", f"unknown key(s) {', '.join(unknown)} (allowed: {', '.join(USER_KEYS)})")
    # countries and IGO codes first: the other entries may name them
    if "countries" in data:
        _add_countries(tables, data["countries"], check)
    if "igo_codes" in data:
        _add_igo_codes(tables, data["igo_codes"], check)
    if "seats" in data:
        _add_seats(tables, data["seats"], check)
    if "partly_recognised" in data:
        entities = _partly_recognised(data["partly_recognised"], check, tables)
        tables.partly_recognised = _replace_by_name(tables.partly_recognised, entities)
    if "organizations" in data:
        groups = _organizations(data["organizations"], check, tables)
        tables.organizations = _replace_by_name(tables.organizations, groups)
    if "sectors" in data:
        _add_words(tables.sectors, data["sectors"], check, "sectors", tables.codes)
    if "leaders" in data:
        tables.leaders = _replace_by_name(tables.leaders, _leaders(data["leaders"], check, tables))
