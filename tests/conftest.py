"""Shared fixtures: one loaded Coder for the session, and the paths of shared test material."""
from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
SEED = SHARED / "seed" / "baku.txt"
EXAMPLES = REPO / "examples"


@pytest.fixture(scope="session")
def coder():
    from eventwire.pipeline import Coder

    return Coder.load()


@pytest.fixture(scope="session")
def seed_text() -> str:
    if not SEED.exists():
        pytest.skip(f"the seed article is read from {SEED}, which is not here (../shared exists only in "
                    "development sessions and CI)")
    return SEED.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def code_text(coder):
    """Code a text as a document: `code_text(text, published=None) -> list[Mention]`."""
    from eventwire.ingest import document_from_text

    def run(text: str, published: str | None = None, id: str | None = None):
        return coder.code(document_from_text(text, id=id, published=published))

    return run


# A small GeoNames dump in the real formats, written by us: allCountries (19 tab-separated columns) and
# alternateNamesV2 (10). Stepanakert's row merges into our table's; the rest are invented places.
DUMP_ROWS = [
    (146970, "Khankendi", "Khankendi", "Stepanakert,Xankendi", 39.8177, 46.7528, "P", "PPLA", "AZ", "61", 55000),
    (409421, "Xankəndi", "Xankendi", "", 39.81, 46.75, "A", "ADM1", "AZ", "61", 55000),
    (99000001, "Testabad", "Testabad", "Testobad,Tiestabad", 40.1, 46.1, "P", "PPL", "AZ", "61", 700),
    (99000002, "Mount Testabad", "Mount Testabad", "", 40.2, 46.2, "T", "MT", "AZ", "61", 0),
    (99000003, "Probeville", "Probeville", "", 12.5, -3.5, "P", "PPL", "BF", "12", 40000),
]
ALTERNATE_ROWS = [  # alternateNameId, geonameid, isolanguage, name, isPreferredName, isShortName, ...
    (1, 99000001, "en", "Testabad City", "1", ""),
    (2, 99000001, "fr", "Ville de Testabad", "", ""),
    (3, 99000001, "link", "https://example.org/Testabad", "", ""),
]


def dump_line(gid, name, ascii_name, alternates, lat, lon, fclass, fcode, iso2, admin1, population) -> str:
    cells = [gid, name, ascii_name, alternates, lat, lon, fclass, fcode, iso2, "", admin1, "", "", "",
             population, "", 0, "Asia/Baku", "2024-01-01"]
    return "\t".join(map(str, cells)) + "\n"


@pytest.fixture(scope="session")
def geonames_dump(tmp_path_factory) -> tuple[Path, Path]:
    """(allCountries.zip, alternateNamesV2.zip) of DUMP_ROWS and ALTERNATE_ROWS."""
    import zipfile

    folder = tmp_path_factory.mktemp("geonames")
    dump, alternates = folder / "allCountries.zip", folder / "alternateNamesV2.zip"
    with zipfile.ZipFile(dump, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("allCountries.txt", "".join(dump_line(*row) for row in DUMP_ROWS))
    with zipfile.ZipFile(alternates, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("alternateNamesV2.txt",
                         "".join("\t".join(map(str, [*row, "", "", "", ""])) + "\n" for row in ALTERNATE_ROWS))
        archive.writestr("iso-languagecodes.txt", "ISO 639-3\tISO 639-2\tISO 639-1\tLanguage Name\n")
    return dump, alternates
