"""The places a toponym may name. Each step is tried only when the ones before found nothing:
1. exact: the name as written (the gazetteer's key: case, accents, apostrophes and hyphens ignored; a
   possessive dropped: "Ankara's");
2. normalised: transliterated by unidecode ("Дніпро", "Đà Nẵng"), or without a trailing feature word
   ("Khost province" when only "Khost" is known);
3. fuzzy: a name one edit away ("Mariupl"), only for names of 5 letters or more, where one edit is a
   small part of the name (shorter ones would match too many unrelated places).
"""
from __future__ import annotations

from dataclasses import dataclass

from unidecode import unidecode

from .gazetteer import Gazetteer, NamedPlace

MIN_FUZZY_LETTERS = 5
# Words that say what kind of place a name is, beside it ("Khost province", "the city of Aleppo").
AREA, SETTLEMENT = "area", "settlement"
FEATURE_WORDS = {
    **dict.fromkeys(("province", "state", "county", "district", "region", "governorate", "oblast", "department",
                     "prefecture", "parish", "municipality", "territory", "emirate", "canton"), AREA),
    **dict.fromkeys(("city", "town", "village", "capital"), SETTLEMENT),
}
_POSSESSIVES = ("'s", "’s")


@dataclass(frozen=True)
class Candidates:
    places: tuple[NamedPlace, ...]  # each place once, by its best name
    matched_by: str | None  # "exact", "normalised", "fuzzy"; None when nothing matched
    name_length: int  # how much of the text names the place: 5 for "Khost" in "Khost province"


def find_candidates(gazetteer: Gazetteer, text: str) -> Candidates:
    name = text[:-2] if text.endswith(_POSSESSIVES) else text
    found = gazetteer.named(name)
    if found:
        return _candidates(found, "exact", len(name))
    found = gazetteer.named(unidecode(name)) if not name.isascii() else []
    if found:
        return _candidates(found, "normalised", len(name))
    head, _, last = name.rpartition(" ")
    if head and last.lower() in FEATURE_WORDS:
        found = gazetteer.named(head)
        if found:
            return _candidates(found, "normalised", len(head))
    if sum(c.isalpha() for c in name) >= MIN_FUZZY_LETTERS:
        found = gazetteer.named_within_one_edit(unidecode(name))
        if found:
            return _candidates(found, "fuzzy", len(name))
    return Candidates((), None, len(name))


def _candidates(found: list[NamedPlace], matched_by: str, name_length: int) -> Candidates:
    """One entry per place: by its own name if any of the names found is one (fuzzy variants may reach a
    place by several names)."""
    best: dict = {}
    for named in found:
        kept = best.get(named.place)
        if kept is None or (kept.alternate and not named.alternate):
            best[named.place] = named
    return Candidates(tuple(best.values()), matched_by, name_length)
