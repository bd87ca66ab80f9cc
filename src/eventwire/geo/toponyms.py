"""Toponyms of a parsed document resolved in the gazetteer, and the document's main place.

The event's own place is chosen in the pipeline from the toponyms attached to it in the parse;
the main place (the sub-national place named most often, else the country) and the dateline are the
fallbacks.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from spacy.tokens import Doc

from ..records import Place, Span
from . import Gazetteer, PlaceMatch

PLACE_LABELS = ("GPE", "LOC", "FAC")
WELL_KNOWN_POPULATION = 500_000
FEATURE_WORDS = frozenset({"province", "region", "district", "city", "town", "village", "state", "governorate",
                           "oblast", "county", "department", "prefecture", "territory"})


@dataclass(frozen=True)
class Toponym:
    span: Span
    match: PlaceMatch

    def place(self) -> Place:
        m = self.match
        return Place(extracted_place=self.span, resolved_place=m.name, geonameid=m.geonameid, lat=m.lat,
                     lon=m.lon, admin1=m.admin1, country_code=m.country_code or None, feature_code=m.feature_code,
                     resolution=m.resolution)


def find_toponyms(doc: Doc, gazetteer: Gazetteer) -> list[Toponym]:
    """Place entities that resolve; one unresolved name never blanks the others."""
    countries = Counter()
    resolved: list[tuple] = []
    for ent in doc.ents:
        if ent.label_ not in PLACE_LABELS:
            continue
        text = ent.text[:-2] if ent.text.endswith("'s") else ent.text
        match = gazetteer.lookup(text)
        if match is None and " " in text and text.rsplit(" ", 1)[1].lower() in FEATURE_WORDS:
            text = text.rsplit(" ", 1)[0]  # "Khost province" when only "Khost" is known
            match = gazetteer.lookup(text)
        if match is not None:
            resolved.append((ent, text, match))
            countries[match.country_code] += 1
    # re-rank ambiguous names towards the countries the document is about
    hint = countries.most_common(1)[0][0] if countries else None
    named_countries = {m.country_code for _, _, m in resolved if m.resolution == 1} | {hint}
    doc_text = doc.text  # built on each access
    toponyms = []
    for ent, text, match in resolved:
        if hint and match.country_code != hint:
            match = gazetteer.lookup(text, country_hint=hint) or match
        if match.country_code not in named_countries and not _well_known(match):
            continue  # "Delta" in a Nigerian story is not the Canadian town
        toponyms.append(Toponym(Span.of(doc_text, ent.start_char, ent.start_char + len(text)), match))
    return toponyms


def _well_known(match: PlaceMatch) -> bool:
    """A place news names without its country: a country, a capital or a big city."""
    return match.resolution == 1 or match.feature_code == "PPLC" or match.population >= WELL_KNOWN_POPULATION


def main_place(toponyms: list[Toponym]) -> Toponym | None:
    """The sub-national place named most often (first named wins a tie), else the commonest country."""
    for finer in (True, False):
        pool = [t for t in toponyms if (t.match.resolution >= 2) == finer]
        if pool:
            counts = Counter(t.match.geonameid or t.match.name for t in pool)
            best = max(counts.values())
            return next(t for t in pool if counts[t.match.geonameid or t.match.name] == best)
    return None
