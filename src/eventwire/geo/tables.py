"""Our hand-written tables in geo/data, added to a gazetteer before any source (package data or GeoNames
dump), so a source's record of the same GeoNames id merges into ours: our names, centres and labels win.
"""
from __future__ import annotations

import csv
from dataclasses import dataclass
from importlib import resources

from .database import AREA_TIER, COUNTRY_TIER, OURS, PLACE_TIER, GazetteerWriter, NewPlace, feature_class_of


def read_tsv(filename: str) -> list[dict[str, str]]:
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


def split_names(names: str) -> list[str]:
    return [n.strip() for n in names.split("|") if n.strip()]


def _optional_id(value: str) -> int | None:
    return int(value) if value else None


@dataclass
class OurTables:
    countries: list[dict[str, str]]
    regions: list[dict[str, str]]
    places: list[dict[str, str]]
    admin1: list[dict[str, str]]
    city_names: dict[int, list[str]]  # geonameid -> the names English news uses for a GeoNames town
    stop_words: list[str]
    area_abbreviations: dict[int, list[str]]  # geonameid -> "Ill.", "B.C.": an admin-1 area after a town
    continent_demonyms: dict[int, list[str]]  # geonameid -> "African", "Europeans"

    @classmethod
    def load(cls) -> "OurTables":
        stop_list = (resources.files(__package__) / "data" / "stoplist.txt").read_text(encoding="utf-8")
        tables = cls(read_tsv("countries.tsv"), read_tsv("regions.tsv"), read_tsv("places.tsv"),
                     read_tsv("admin1.tsv"),
                     {int(row["geonameid"]): split_names(row["names"]) for row in read_tsv("city_aliases.tsv")},
                     [line for line in stop_list.splitlines() if line.strip() and not line.startswith("#")],
                     {int(row["geonameid"]): split_names(row["abbreviations"])
                      for row in read_tsv("area_abbreviations.tsv")},
                     {int(row["geonameid"]): split_names(row["demonyms"]) for row in read_tsv("continent_demonyms.tsv")})
        iso3 = {row["iso3"] for row in tables.countries}
        for filename, rows in (("regions.tsv", tables.regions), ("places.tsv", tables.places)):
            for row in rows:
                if row["iso3"] and row["iso3"] not in iso3:
                    raise ValueError(f"{filename}: {row['name']!r} has iso3 {row['iso3']!r}, not in countries.tsv")
        return tables

    @property
    def iso3_of(self) -> dict[str, str]:
        """ISO2 -> ISO3."""
        return {row["iso2"]: row["iso3"] for row in self.countries}

    def add_to(self, writer: GazetteerWriter, country_population: dict[str, int]) -> None:
        """Our countries (`country_population`: ISO2 -> people), regions and places, and our admin-1 names."""
        iso2_of = {iso3: iso2 for iso2, iso3 in self.iso3_of.items()}
        for row in self.countries:
            place = NewPlace(int(row["geonameid"]), row["name"], float(row["lat"]), float(row["lon"]), row["iso3"],
                             None, None, feature_class_of(row["feature_code"]), row["feature_code"], 1,
                             country_population.get(row["iso2"], 0), COUNTRY_TIER)
            place_id = writer.add(place, [row["name"], *split_names(row["aliases"])], OURS, ruler_label="GPE",
                                  curated=True)
            # demonyms name the country for lookups, never for the ruler: there they are NORP, not places
            writer.add_names(place_id, split_names(row["demonyms"]), OURS)
        for row in self.regions:
            place = NewPlace(_optional_id(row["geonameid"]), row["name"], float(row["lat"]), float(row["lon"]),
                             row["iso3"], None, None, feature_class_of(row["feature_code"]), row["feature_code"],
                             int(row["resolution"]), 0, AREA_TIER)
            writer.add(place, [row["name"], *split_names(row["aliases"])], OURS, ruler_label=row["label"],
                       curated=True)
        for row in self.places:
            admin1_code = f"{iso2_of[row['iso3']]}.{row['admin1']}" if row["admin1"] else None
            place = NewPlace(_optional_id(row["geonameid"]), row["name"], float(row["lat"]), float(row["lon"]),
                             row["iso3"], admin1_code, None, "P", "PPL", 4, int(row["population"]), PLACE_TIER)
            writer.add(place, [row["name"], *split_names(row["aliases"])], OURS, ruler_label="GPE", curated=True)
        for row in self.admin1:
            writer.add_admin_name(f"{row['iso2']}.{row['code']}", row["name"], preferred=True)
