"""`eventwire gazetteer import`: GeoNames' full dump (allCountries.zip, and alternateNamesV2.zip if given)
streamed line by line into the gazetteer's schema, merged with our tables, in batches: a 1.5 GB dump
never sits in memory. Bad input stops the import with the file, line and problem; the gazetteer being
replaced is untouched (see `database.writing`).
"""
from __future__ import annotations

import sys
import zipfile
import zlib
from collections.abc import Iterator
from pathlib import Path

from tqdm import tqdm

from .build import country_population
from .database import ALTERNATE, BIG_AREA, BIG_CITY, OURS, SOURCE, GazetteerWriter, NewPlace, rank_of, writing
from .names import useful_alternate
from .tables import OurTables

ALL_COUNTRIES_COLUMNS = 19  # geonameid, name, asciiname, alternatenames, latitude, longitude, feature class,
# feature code, country code, cc2, admin1-4 codes, population, elevation, dem, timezone, modification date
ALTERNATE_NAMES_COLUMNS = 10  # alternateNameId, geonameid, isolanguage, name, isPreferredName, isShortName,
# isColloquial, isHistoric, from, to
# alternateNamesV2 "languages" that are codes, links or transcriptions, not names
NOT_NAMES = frozenset({"link", "wkdt", "post", "iata", "icao", "faac", "fr_1793", "abbr", "unlc", "tcid", "phon",
                       "piny"})
PROGRESS_EVERY = 10_000  # lines between progress-bar updates


class DumpError(ValueError):
    """Bad input: names the file, the line (when there is one) and the problem."""

    def __init__(self, path: Path, line: int | None, problem: str) -> None:
        super().__init__(f"{path}{f' line {line}' if line else ''}: {problem}")


def import_dump(dump: Path, alternate_names: Path | None, out: Path) -> None:
    """Write a gazetteer from the dump (and alternate names) to `out`, replacing it only once complete."""
    tables = OurTables.load()
    sources = ", ".join(f"GeoNames {p.name}" for p in (dump, alternate_names) if p is not None)
    with writing(out, tables.stop_words, {"sources": sources}) as writer:
        tables.add_to(writer, country_population())
        _add_places(writer, tables, dump)
        if alternate_names is not None:
            _add_alternate_names(writer, alternate_names)


def _add_places(writer: GazetteerWriter, tables: OurTables, path: Path) -> None:
    """Each row a place with its names; ADM1 and ADM2 rows also name their admin codes."""
    iso3_of = tables.iso3_of
    for line, cells in _rows(path, ALL_COUNTRIES_COLUMNS):
        gid, name, _, alternates, lat, lon, feature_class, feature_code, iso2, _, admin1, admin2 = cells[:12]
        try:
            gid, lat, lon, population = int(gid), float(lat), float(lon), int(cells[14] or 0)
        except ValueError as error:
            raise DumpError(path, line, f"a geonameid, latitude, longitude or population is not a number "
                                        f"({error})") from None
        admin1_code = f"{iso2}.{admin1}" if admin1 and admin1 != "00" else None
        admin2_code = f"{admin1_code}.{admin2}" if admin1_code and admin2 else None
        own_code = {"ADM1": admin1_code, "ADM2": admin2_code}.get(feature_code)
        if own_code:
            writer.add_admin_name(own_code, name)
        tier, resolution = rank_of(feature_class, feature_code)
        place = NewPlace(gid, name, lat, lon, iso3_of.get(iso2, ""), admin1_code, admin2_code, feature_class,
                         feature_code, resolution, population, tier)
        town = feature_class == "P" and (feature_code == "PPLC" or population >= BIG_CITY)
        place_id = writer.add(place, [name], alternates=[a for a in alternates.split(",") if useful_alternate(a)],
                              ruler_label="GPE" if town or feature_code == "ADM1" else None,
                              ruler_min_population=BIG_AREA if feature_code == "ADM1" else 0)
        writer.add_names(place_id, tables.city_names.get(gid, []), OURS, ruler_label="GPE")
        writer.add_names(place_id, tables.area_abbreviations.get(gid, []), OURS)


def _add_alternate_names(writer: GazetteerWriter, path: Path) -> None:
    """English preferred and short names as full names, other useful ones as alternates."""
    for line, cells in _rows(path, ALTERNATE_NAMES_COLUMNS):
        _, gid, language, name, preferred, short = cells[:6]
        if language in NOT_NAMES:
            continue
        try:
            gid = int(gid)
        except ValueError:
            raise DumpError(path, line, f"geonameid {gid!r} is not a number") from None
        if language == "en" and "1" in (preferred, short):
            writer.add_names_of(gid, [name], SOURCE)
        elif useful_alternate(name):
            writer.add_names_of(gid, [name], ALTERNATE)


def _rows(path: Path, columns: int) -> Iterator[tuple[int, list[str]]]:
    """(line number, cells) of the tab-separated text file inside the zip archive `path`, with a
    progress bar over its bytes."""
    try:
        archive = zipfile.ZipFile(path)
    except zipfile.BadZipFile:
        with open(path, "rb") as file:
            zip_like = file.read(4) == b"PK\x03\x04"
        raise DumpError(path, None, "a truncated zip archive (its directory, at the end, is missing): "
                        "download it again" if zip_like else "not a zip archive") from None
    except OSError as error:
        raise DumpError(path, None, error.strerror or str(error)) from None
    with archive:
        member = _text_member(archive, path)
        line = 0
        with tqdm(total=member.file_size, unit="B", unit_scale=True, desc=member.filename,
                  disable=not sys.stderr.isatty(), file=sys.stderr) as progress:
            try:
                with archive.open(member) as stream:
                    done = 0
                    for line, raw in enumerate(stream, 1):
                        done += len(raw)
                        if line % PROGRESS_EVERY == 0:
                            progress.update(done)
                            done = 0
                        yield line, _cells(path, line, raw, columns)
                    progress.update(done)
            except (zipfile.BadZipFile, zlib.error, EOFError) as error:
                raise DumpError(path, line + 1, f"the archive is damaged ({error})") from None


def _cells(path: Path, line: int, raw: bytes, columns: int) -> list[str]:
    try:
        cells = raw.decode("utf-8").rstrip("\r\n").split("\t")
    except UnicodeDecodeError:
        raise DumpError(path, line, "not UTF-8 text") from None
    if len(cells) != columns:
        raise DumpError(path, line, f"expected {columns} tab-separated columns, got {len(cells)}")
    return cells


def _text_member(archive: zipfile.ZipFile, path: Path) -> zipfile.ZipInfo:
    """The archive's data file: the one named like it (allCountries.txt in allCountries.zip), else its only
    .txt file."""
    texts = [m for m in archive.infolist() if m.filename.endswith(".txt")]
    named = [m for m in texts if Path(m.filename).stem == path.stem]
    if named or len(texts) == 1:
        return (named or texts)[0]
    raise DumpError(path, None, f"no {path.stem}.txt inside (it holds {[m.filename for m in archive.infolist()]})")
