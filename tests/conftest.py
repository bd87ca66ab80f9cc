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


# --- hand-built mentions and a coder that returns them (store, merge and export tests) -------------

def mention_record(doc, mention_id: str, event: str = "ASSAULT", *, aux=None, mode=None, actor=None, recipient=None,
                   place=None, date="2024-03-01", precision="day", dead=None, injured=None, arrested=None,
                   confidence=0.8, acled=("Explosions/Remote violence", "Air/drone strike", "Political violence")):
    """A Mention of `doc` built by hand: `actor`/`recipient` as (code, sector[, name]), `place` as a dict
    of Place fields (resolved_place, lat, lon, admin1, country_code, resolution); spans are the document's
    first word (trigger) and first line (sentence)."""
    from eventwire.records import Acled, Entity, Mention, Place, Size, Span

    first_line = doc.text.split("\n")[0]
    sentence = Span.of(doc.text, 0, len(first_line))
    trigger = Span.of(doc.text, 0, len(first_line.split()[0]))

    def entity(party):
        if party is None:
            return None
        code, sector, *name = party
        return Entity(trigger, code, sector, name[0] if name else None)

    return Mention(
        id=mention_id, doc_id=doc.id, event=event, mode=mode, context=[], aux=aux, actor=entity(actor),
        recipient=entity(recipient), event_loc=Place(trigger, **place) if place else None, date=date,
        date_precision=precision if date else "unknown", size=Size(dead, injured, arrested), event_text=trigger,
        sentence=sentence, acled=Acled(*acled), cameo="195", confidence=confidence, coder="test")


class FakeCoder:
    """Stands in for `Coder`: `plan` maps a document id to keyword arguments of `mention_record`, one
    dict per mention; `coded` lists the ids of the documents it was asked to code."""

    def __init__(self, plan: dict[str, list[dict]]):
        self.plan = plan
        self.coded: list[str] = []

    def code_many(self, documents, batch_size: int = 32, jobs: int = 1):
        for doc in documents:
            self.coded.append(doc.id)
            specs = self.plan.get(doc.id, [])
            yield doc, [mention_record(doc, f"m-{doc.id}-{i}", **spec) for i, spec in enumerate(specs)]


# Places for hand-built mentions (coordinates of the real towns).
KHARKIV = {"resolved_place": "Kharkiv", "lat": 49.98, "lon": 36.25, "admin1": "Kharkivska", "country_code": "UKR",
           "resolution": 4}
CHUHUIV = {"resolved_place": "Chuhuiv", "lat": 49.84, "lon": 36.69, "admin1": "Kharkivska", "country_code": "UKR",
           "resolution": 4}  # 35 km from Kharkiv
IZIUM = {"resolved_place": "Izium", "lat": 49.21, "lon": 37.26, "admin1": "Kharkivska", "country_code": "UKR",
         "resolution": 4}  # 110 km from Kharkiv, same oblast
ODESA = {"resolved_place": "Odesa", "lat": 46.48, "lon": 30.73, "admin1": "Odeska", "country_code": "UKR",
         "resolution": 4}
KHARKIV_OBLAST = {"resolved_place": "Kharkiv Oblast", "lat": 49.5, "lon": 36.5, "admin1": "Kharkivska",
                  "country_code": "UKR", "resolution": 2}
UKRAINE = {"resolved_place": "Ukraine", "lat": 49.0, "lon": 32.0, "admin1": None, "country_code": "UKR",
           "resolution": 1}
BELGOROD = {"resolved_place": "Belgorod", "lat": 50.61, "lon": 36.58, "admin1": "Belgorod Oblast",
            "country_code": "RUS", "resolution": 4}  # 75 km from Kharkiv, across the border
