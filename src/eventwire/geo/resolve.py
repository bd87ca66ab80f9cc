"""Toponym resolution: each place name of a document to one gazetteer place, by evidence one can read.

Every candidate (see `candidates`) gets a score in decades, log10 of how much likelier it is than a
place scoring 0, as the sum of the terms below; the chosen place's `score` is its share of 10**score
among the name's candidates (its probability under this model). The weights were set by reasoning, as
written beside each, and checked on examples we wrote (tests/toponym_examples.yaml); none was fitted
on a test set.

What the place is (the prior):
- population: log10(people). News names a place about in proportion to its size; areas and features
  our data gives no population get one (`IMPUTED_POPULATION`: a county 3,000, as its bare name mostly
  means its seat town; a region 1,000,000; another feature 10,000).
- kind: a country +2 (a name that is a country's nearly always means it: "Georgia", "Jordan"); an
  admin-1 area or a national capital +1 (named more than their people suggest).
- name: a GeoNames alternate name (historical, foreign or variant) -2, so a town's own name beats the
  old name of a city up to 100 times bigger; a name from our tables +1 (the spelling news uses).
The words around the name (local evidence):
- container: the name is followed by ", <admin-1 area or country>" ("Springfield, Ill.", "Paris,
  Texas", "Aleppo, Syria"): +4 for places inside it, which overrides any population gap short of 10**4.
- feature word: "province", "county", ... (an area) or "city", "town", "village" (a settlement) in or
  beside the name: +2 for places of that kind.
The rest of the document (from its settled names: one place with probability `SETTLED` or more):
- country: +2 for places in a country the document names or places in (including its dateline).
- admin-1: +2 for places in an admin-1 area the document names ("Illinois", "Rapides Parish", "Ill.").
- distance: +3 x closeness to the nearest settled town or county, where closeness = 1 - ln(1 + km) /
  ln(20,039) (1 on the spot, 0.49 at 161 km, 0.07 at 10,000 km: Gritta et al.'s log scale).
A name one edit away (fuzzy) only resolves to places in the document's countries: one edit from a place
name is as often an ordinary word ("Easter", "Eastern"). A name followed by a feature word is looked up
with it first ("Khost" + "province"). A name repeated in a document means one place (its local evidence
pooled); names are settled twice, the second time with the document evidence, so settled names can
settle others.
"""
from __future__ import annotations

import dataclasses
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass

from ..records import Span
from .candidates import AREA, FEATURE_WORDS, SETTLEMENT, Candidates, find_candidates
from .gazetteer import Gazetteer, NamedPlace, PlaceMatch, distance_km
from .names import normalize

POPULATION = 1.0  # per decade of people
# A county or district named bare mostly means its seat town of the same name ("near Navolato"); with its
# feature word ("Kent County", "Khost district", +2) it counts as a town of 300,000.
IMPUTED_POPULATION = {"ADM2": 10 ** 3.5, "region": 10 ** 6, "other": 10 ** 4}
MIN_POPULATION = 500  # GeoNames' towns of "500 and more", some listed with 0
COUNTRY, AREA_OR_CAPITAL = 2.0, 1.0
ALTERNATE, OURS = -2.0, 1.0
CONTAINER, FEATURE_WORD = 4.0, 2.0
SAME_COUNTRY, SAME_ADMIN1, NEARBY = 2.0, 2.0, 3.0
SETTLED = 0.9  # a name is settled when one place has nine chances in ten
HALF_EARTH_KM = 20_039  # the largest error possible: half the circumference
# ", Ill." / ", Texas" / ", Syria" right after a name: up to four capitalised words or abbreviations
_CONTAINER = re.compile(r",[ \t]+((?:[A-Z][\w.’'-]*)(?:[ \t]+[A-Z][\w.’'-]*){0,3})")
_WORD_AFTER = re.compile(r"[ \t]+([A-Za-z]+)")
_WORD_OF_BEFORE = re.compile(r"\b([A-Za-z]+)[ \t]+of[ \t]+$")


@dataclass(frozen=True)
class Resolution:
    span: Span  # the name as written
    name: Span  # the part of it that names the place: "Khost" of "Khost province", "Ankara" of "Ankara's"
    place: PlaceMatch | None  # None: nothing in the gazetteer has this name
    matched_by: str | None  # "exact", "normalised" or "fuzzy" (see `candidates`)
    score: float  # the place's probability among the name's candidates; 0 when unresolved


@dataclass
class _Name:
    """One name of a document, with every span that writes it."""

    spans: list[Span]
    candidates: Candidates
    containers: set[tuple[str, str | None]]  # (country, admin-1 or None) named right after it
    kinds: set[str]  # AREA / SETTLEMENT, from feature words beside it
    local: dict[PlaceMatch, float]  # prior and local evidence of each candidate
    place: PlaceMatch | None = None
    score: float = 0.0


def resolve(text: str, spans: Iterable[Span], gazetteer: Gazetteer, context: Iterable[Span] = ()) -> list[Resolution]:
    """The place of each span of `text` (in order); a name nothing matches is unresolved on its own.
    `context`: more names that are evidence only, never resolved themselves (demonyms: "Syrian forces")."""
    spans = list(spans)
    names: dict[str, _Name] = {}
    for span in [*spans, *context]:
        candidates = _candidates(text, span, gazetteer)
        key = normalize(text[span.start:span.start + candidates.name_length]) or span.text
        if key not in names:
            names[key] = _Name([], candidates, set(), set(), {})
        entry = names[key]
        entry.spans.append(span)
        entry.containers |= _containers(text, span, gazetteer)
        entry.kinds |= _feature_words(text, span)
    for entry in names.values():
        entry.local = {c.place: _prior(c) + _local(c.place, entry) for c in entry.candidates.places}
    settled = _settled(names, {key: entry.local for key, entry in names.items()})
    scores = {key: _with_document(key, names, settled) for key in names}
    settled = _settled(names, scores)
    for key, entry in names.items():
        final = _with_document(key, names, settled)
        if final:
            entry.place = max(final, key=lambda place: (final[place], place.population))
            entry.score = _share(final, entry.place)
    by_span = {span: entry for entry in names.values() for span in entry.spans}
    resolutions = []
    for span in spans:
        entry = by_span[span]
        name = Span.of(text, span.start, span.start + entry.candidates.name_length)
        resolutions.append(Resolution(span, name, entry.place, entry.candidates.matched_by, round(entry.score, 3)))
    return resolutions


def _candidates(text: str, span: Span, gazetteer: Gazetteer) -> Candidates:
    """The span's candidates, found with the feature word after it if the name and word are one known name
    ("Khost province" is the province, "Khost" the town); the name stays the span's."""
    after = _WORD_AFTER.match(text, span.end)
    if after and after[1].lower() in FEATURE_WORDS:
        longer = find_candidates(gazetteer, text[span.start:after.end(1)])
        if longer.matched_by == "exact":
            return dataclasses.replace(longer, name_length=len(span.text))
    return find_candidates(gazetteer, span.text)


def _prior(named: NamedPlace) -> float:
    place = named.place
    score = POPULATION * math.log10(max(_population(place), MIN_POPULATION))
    if place.resolution == 1 and place.feature_code.startswith("PCL"):
        score += COUNTRY
    elif place.feature_code in ("ADM1", "PPLC"):
        score += AREA_OR_CAPITAL
    if named.alternate:
        score += ALTERNATE
    if named.ours:
        score += OURS
    return score


def _population(place: PlaceMatch) -> float:
    if place.population:
        return place.population
    if place.feature_code == "ADM2":
        return IMPUTED_POPULATION["ADM2"]
    if place.feature_class == "L" or place.resolution <= 2:
        return IMPUTED_POPULATION["region"]
    return IMPUTED_POPULATION["other"]


def _local(place: PlaceMatch, entry: _Name) -> float:
    score = 0.0
    if any(_inside(place, country, admin1) for country, admin1 in entry.containers):
        score += CONTAINER
    if AREA in entry.kinds and place.resolution in (2, 3) and place.feature_class in "AL":
        score += FEATURE_WORD
    if SETTLEMENT in entry.kinds and place.feature_class == "P":
        score += FEATURE_WORD
    return score


def _inside(place: PlaceMatch, country: str, admin1: str | None) -> bool:
    """Whether `place` lies inside (not is) the country or its admin-1 area `admin1`."""
    if admin1 is None:
        return place.country_code == country and place.resolution > 1
    return (place.country_code, place.admin1) == (country, admin1) and place.resolution > 2


def _containers(text: str, span: Span, gazetteer: Gazetteer) -> set[tuple[str, str | None]]:
    """(country, admin-1) of the area written right after the name: the longest run of capitalised words
    after a comma that names an admin-1 area or a country."""
    match = _CONTAINER.match(text, span.end)
    if match is None:
        return set()
    words = match[1].split()
    for n in range(len(words), 0, -1):
        area = " ".join(words[:n]).rstrip(",;:")
        area = area[:-2] if area.endswith(("'s", "’s")) else area
        # "Ill." is an abbreviation, "Ohio." a name before a full stop
        found = gazetteer.named(area) or gazetteer.named(area.rstrip("."))
        areas = {(named.place.country_code, named.place.admin1 if named.place.resolution == 2 else None)
                 for named in found if named.place.feature_code.startswith("PCL") or named.place.feature_code == "ADM1"}
        if areas:
            return areas
    return set()


def _feature_words(text: str, span: Span) -> set[str]:
    """Kinds of place the words in or beside the name say it is: "Kent County", "Khost province",
    "the city of Aleppo"."""
    words = [span.text.rsplit(" ", 1)[-1]]
    after = _WORD_AFTER.match(text, span.end)
    before = _WORD_OF_BEFORE.search(text, max(0, span.start - 30), span.start)
    words += [m[1] for m in (after, before) if m]
    return {FEATURE_WORDS[w.lower()] for w in words if w.lower() in FEATURE_WORDS}


def _settled(names: dict[str, _Name], scores: dict[str, dict[PlaceMatch, float]]) -> dict[str, PlaceMatch]:
    """The place of each settled name, by name key; a fuzzy match is never sure enough to be evidence."""
    places = {}
    for key, entry in names.items():
        if entry.candidates.matched_by != "fuzzy" and scores[key]:
            best = max(scores[key], key=scores[key].get)
            if _share(scores[key], best) >= SETTLED:
                places[key] = best
    return places


def _with_document(key: str, names: dict[str, _Name], settled: dict[str, PlaceMatch]) -> dict[PlaceMatch, float]:
    """The name's candidates scored with the evidence of the document's other names: the places of the
    settled ones, and the areas written after any ("..., Ill."). A name is never its own evidence."""
    others = [place for other, place in settled.items() if other != key]
    countries = {place.country_code for place in others if place.country_code}
    areas = {(place.country_code, place.admin1) for place in others if place.resolution in (2, 3) and place.admin1}
    for other, entry in names.items():
        if other != key:
            countries |= {country for country, _ in entry.containers}
            areas |= {area for area in entry.containers if area[1] is not None}
    anchors = [place for place in others if place.resolution >= 3]
    fuzzy = names[key].candidates.matched_by == "fuzzy"
    scores = {}
    for place, local in names[key].local.items():
        if fuzzy and place.country_code not in countries:
            continue
        score = local
        if place.country_code in countries:
            score += SAME_COUNTRY
        if (place.country_code, place.admin1) in areas and place.resolution > 1:
            score += SAME_ADMIN1
        if anchors:
            nearest = min(distance_km(place.lat, place.lon, a.lat, a.lon) for a in anchors)
            score += NEARBY * closeness(nearest)
        scores[place] = score
    return scores


def closeness(km: float) -> float:
    """1 on the spot, 0 at the antipode, on Gritta et al.'s log scale of geocoding error."""
    return 1 - math.log1p(km) / math.log(HALF_EARTH_KM)


def _share(scores: dict[PlaceMatch, float], best: PlaceMatch) -> float:
    """The probability of `best`, the top-scoring place, when each candidate's odds are 10**score."""
    return 1 / sum(10 ** (score - scores[best]) for score in scores.values())
