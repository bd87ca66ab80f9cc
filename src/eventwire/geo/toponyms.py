"""The place names of a parsed document resolved in the gazetteer (see `resolve`), and its main place.

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
from .resolve import Resolution, resolve

PLACE_LABELS = ("GPE", "LOC", "FAC")
WELL_KNOWN_POPULATION = 500_000


@dataclass(frozen=True)
class Toponym:
    span: Span
    match: PlaceMatch

    def place(self) -> Place:
        m = self.match
        return Place(extracted_place=self.span, resolved_place=m.name, geonameid=m.geonameid, lat=m.lat,
                     lon=m.lon, admin1=m.admin1, country_code=m.country_code or None, feature_code=m.feature_code,
                     resolution=m.resolution)


def geoparse(doc: Doc, gazetteer: Gazetteer, dateline: Span | None = None) -> list[Resolution]:
    """Every place name of a parsed document, resolved or not: the dateline's place first, then the place
    entities. The parser saw the dateline blanked out (`pipeline.nlp_text`), so it is put back for the
    resolver, which reads the words around each name ("KYIV, Ukraine"). Demonyms of countries ("Syrian
    forces") are evidence of the document's countries, not place names of it."""
    text = doc.text  # built on each access
    names = []
    if dateline is not None:
        text = text[:dateline.start] + dateline.text + text[dateline.end:]
        name = dateline.text.split(",")[0].rstrip()
        names.append(Span(name, dateline.start, dateline.start + len(name)))
    names += [Span.of(text, ent.start_char, ent.end_char) for ent in doc.ents if ent.label_ in PLACE_LABELS]
    demonyms = [Span.of(text, ent.start_char, ent.end_char) for ent in doc.ents
                if ent.label_ == "NORP" and any(named.place.resolution == 1 for named in gazetteer.named(ent.text))]
    return resolve(text, names, gazetteer, context=demonyms)


@dataclass(frozen=True)
class DocumentToponyms:
    names: list[Toponym]  # the body's place names that resolve
    dateline: Toponym | None  # the dateline's place, resolved with the document as context


def find_toponyms(doc: Doc, gazetteer: Gazetteer, dateline: Span | None = None) -> DocumentToponyms:
    """The place entities that resolve, and the dateline's place; one unresolved name never blanks the
    others. A small place outside the countries the document is about is dropped: "Delta" in a Nigerian
    story is not a Canadian town, however it resolves."""
    resolutions = geoparse(doc, gazetteer, dateline)
    resolved = [r for r in resolutions if r.place is not None]
    countries = Counter(r.place.country_code for r in resolved)
    named_countries = {r.place.country_code for r in resolved if r.place.resolution == 1}
    named_countries |= {countries.most_common(1)[0][0]} if countries else set()
    body = resolutions[1:] if dateline is not None else resolutions
    names = [Toponym(r.name, r.place) for r in body
             if r.place is not None and (r.place.country_code in named_countries or _well_known(r.place))]
    placed = resolutions[0] if dateline is not None and resolutions[0].place is not None else None
    # the dateline's Span covers all of it ("KYIV, Ukraine"), as the place's evidence
    return DocumentToponyms(names, Toponym(dateline, placed.place) if placed else None)


def _well_known(match: PlaceMatch) -> bool:
    """A place news names without its country: a country, a capital or a big city."""
    return match.resolution == 1 or match.feature_code == "PPLC" or match.population >= WELL_KNOWN_POPULATION


def main_place(toponyms: list[Toponym]) -> Toponym | None:
    """The sub-national place named most often (first named wins a tie), else the commonest country. A
    continent ("African leaders") locates no event: mapped, its centre would look like a place."""
    for finer in (True, False):
        pool = [t for t in toponyms if (t.match.resolution >= 2) == finer and t.match.feature_code != "CONT"]
        if pool:
            counts = Counter(t.match.geonameid or t.match.name for t in pool)
            best = max(counts.values())
            return next(t for t in pool if counts[t.match.geonameid or t.match.name] == best)
    return None
