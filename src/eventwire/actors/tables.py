"""Load, check and merge the actor tables: the shipped YAML in `data/` plus an optional user file.

A user file has any of the top-level keys `countries`, `sectors`, `leaders`, `seats` and
`organizations`; its entries add to the shipped ones or override them (countries by `iso3`,
field by field; leaders by `name`, all terms at once; sectors by word; seats and organisations
by `name`). Every problem is a `ValueError` naming the file and the entry.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # the C loader keeps start-up fast
USER_KEYS = ("countries", "sectors", "leaders", "seats", "organizations")


@dataclass(frozen=True)
class Leader:
    name: str
    aliases: tuple[str, ...]
    iso3: str
    title: str
    start: dt.date
    end: dt.date | None
    wikidata: str | None


@dataclass
class Tables:
    """Everything the matcher indexes, already checked."""

    codes: dict[str, str]  # sector code -> meaning
    countries: dict[str, dict]  # iso3 -> {name, names, demonyms, capitals}
    seats: dict[str, dict]  # name -> {name, iso3, sector}
    organizations: dict[str, dict]  # name -> {name, names, code, sector}
    sectors: dict[str, str]  # lemma -> sector code
    roles: dict[str, str]  # role lemma -> sector code (weak)
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


def _read_yaml(text: str, source: str) -> dict:
    try:
        data = yaml.load(text, Loader=_Loader)
    except yaml.YAMLError as exc:
        raise ValueError(f"actor dictionary {source}: not valid YAML: {exc}") from None
    return _Checker(source).mapping(data if data is not None else {}, "top level")


def _shipped(name: str) -> dict:
    text = resources.files(__package__).joinpath(f"data/{name}").read_text(encoding="utf-8")
    return _read_yaml(text, f"data/{name}")


def _add_countries(tables: Tables, entries: Any, check: _Checker) -> None:
    for i, raw in enumerate(check.items(entries, "countries")):
        where = f"countries[{i}]"
        entry = check.mapping(raw, where)
        iso3 = check.text(entry, "iso3", where)
        current = tables.countries.setdefault(iso3, {"name": iso3, "names": [], "demonyms": [], "capitals": []})
        if "name" in entry:
            current["name"] = check.text(entry, "name", where)
        for key in ("names", "demonyms", "capitals"):
            if key in entry:
                current[key] = check.texts(entry, key, where)
        if "seats" in entry:
            seats = [{**check.mapping(seat, f"{where}.seats"), "iso3": iso3}
                     for seat in check.items(entry["seats"], f"{where}.seats")]
            _add_seats(tables, seats, check, f"{where}.seats")


def _add_seats(tables: Tables, entries: Any, check: _Checker, where: str = "seats") -> None:
    for i, raw in enumerate(check.items(entries, where)):
        entry = check.mapping(raw, f"{where}[{i}]")
        name = check.text(entry, "name", f"{where}[{i}]")
        iso3 = check.text(entry, "iso3", f"{where}[{i}]")
        if iso3 not in tables.countries:
            raise check.fail(f"{where}[{i}] ({name})", f"unknown country iso3 {iso3!r}")
        tables.seats[name] = {
            "name": name,
            "iso3": iso3,
            "sector": check.sector(entry.get("sector"), f"{where}[{i}]", tables.codes),
        }


def _add_organizations(tables: Tables, entries: Any, check: _Checker) -> None:
    for i, raw in enumerate(check.items(entries, "organizations")):
        where = f"organizations[{i}]"
        entry = check.mapping(raw, where)
        name = check.text(entry, "name", where)
        tables.organizations[name] = {
            "name": name,
            "names": check.texts(entry, "names", where),
            "code": check.text(entry, "code", where, required=False),
            "sector": check.sector(entry.get("sector"), where, tables.codes),
        }


def _add_words(target: dict[str, str], entries: Any, check: _Checker, key: str, codes: dict[str, str]) -> None:
    for word, sector in check.mapping(entries, key).items():
        if not isinstance(word, str) or not word.strip():
            raise check.fail(key, f"a word must be a non-empty string, got {word!r}")
        target[word.strip().lower()] = check.sector(sector, f"{key}.{word}", codes)


def _leaders(entries: Any, check: _Checker, countries: dict[str, dict]) -> list[Leader]:
    leaders = []
    for i, raw in enumerate(check.items(entries, "leaders")):
        entry = check.mapping(raw, f"leaders[{i}]")
        name = check.text(entry, "name", f"leaders[{i}]")
        where = f"leaders[{i}] ({name})"
        start = check.date(entry, "start", where, required=True)
        end = check.date(entry, "end", where, required=False)
        if end is not None and end < start:
            raise check.fail(where, f"end {end} is before start {start}")
        iso3 = check.text(entry, "iso3", where)
        if iso3 not in countries:
            raise check.fail(where, f"unknown country iso3 {iso3!r}")
        leaders.append(Leader(
            name=name,
            aliases=tuple(check.texts(entry, "aliases", where)),
            iso3=iso3,
            title=check.text(entry, "title", where),
            start=start,
            end=end,
            wikidata=check.text(entry, "wikidata", where, required=False),
        ))
    return leaders


def load_tables(extra: str | Path | None = None) -> Tables:
    """The shipped tables, with the user's file (if any) merged over them."""
    sectors = _shipped("sectors.yaml")
    countries = _shipped("countries.yaml")
    check = _Checker("data/")
    tables = Tables(
        codes={str(k): str(v) for k, v in check.mapping(sectors.get("codes"), "sectors.yaml codes").items()},
        countries={}, seats={}, organizations={}, sectors={}, roles={}, leaders=[],
        blocked=check.texts(countries, "blocked", "countries.yaml"),
        matching={k: [str(w).lower() for w in v] for k, v in _shipped("matching.yaml").items()},
    )
    _add_countries(tables, countries.get("countries"), _Checker("data/countries.yaml"))
    organizations = _shipped("organizations.yaml").get("organizations")
    _add_organizations(tables, organizations, _Checker("data/organizations.yaml"))
    sector_check = _Checker("data/sectors.yaml")
    _add_words(tables.sectors, sectors.get("sectors"), sector_check, "sectors", tables.codes)
    _add_words(tables.roles, sectors.get("roles"), sector_check, "roles", tables.codes)
    leaders = _shipped("leaders.yaml").get("leaders")
    tables.leaders = _leaders(leaders, _Checker("data/leaders.yaml"), tables.countries)
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
    if "countries" in data:
        _add_countries(tables, data["countries"], check)
    if "seats" in data:
        _add_seats(tables, data["seats"], check)
    if "organizations" in data:
        _add_organizations(tables, data["organizations"], check)
    if "sectors" in data:
        _add_words(tables.sectors, data["sectors"], check, "sectors", tables.codes)
    if "leaders" in data:
        added = _leaders(data["leaders"], check, tables.countries)
        replaced = {leader.name for leader in added}
        tables.leaders = [lead for lead in tables.leaders if lead.name not in replaced] + added
