"""The places of one document and the choice of each event's place.

An event's place comes from the most specific evidence there is:
1. the place attached to the event in the parse ("shelled a market in the town of Sake"), or a finer
   place its sentence names inside that admin area ("near the town of Jilib, in the Middle Juba region");
2. a sub-national place its sentence names, as a locative first ("... in the department of Arauca"),
   else inside a party ("the Kano state government imposed a curfew");
3. the last sub-national place named in the paragraph ("In Kano, ... Police arrested 32 people");
4. the document's main place, else its dateline.
"""
from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc
from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from ..events.syntax import attached, lemma
from ..records import Place, Span
from . import Gazetteer
from .toponyms import DocumentToponyms, Toponym, find_toponyms, main_place

# A name in these relations acts or modifies a party ("Russia attacked", "the Azerbaijan army",
# "Azerbaijan's sovereignty", "a Russia-mediated truce"): it says who, not where ...
PARTY_DEPS = frozenset({"nsubj", "nsubjpass", "compound", "poss", "amod", "nmod", "npadvmod"})
# ... unless it names a place noun: "the Nagorno-Karabakh region", "Erbil airport".
PLACE_NOUNS = frozenset({"region", "province", "city", "town", "village", "district", "area", "state", "capital",
                         "county", "territory", "governorate", "oblast", "border", "outskirts", "suburb", "airport",
                         "base", "camp", "port", "market", "bridge", "road", "highway", "crossing", "checkpoint",
                         "prison"})


@dataclass
class DocumentPlaces:
    all_by_token: dict[int, Toponym]  # every resolved place name
    locative_by_token: dict[int, Toponym]  # the names used as places
    fallback: Place | None  # the main place, else the dateline's
    paragraph_place: Place | None = None  # the last sub-national place named in this paragraph

    @classmethod
    def of(cls, parsed: Doc, gazetteer: Gazetteer, dateline_place: Span | None) -> "DocumentPlaces":
        toponyms = find_toponyms(parsed, gazetteer, dateline_place)
        by_token = {}
        for toponym in toponyms.names:
            for token in parsed.char_span(toponym.span.start, toponym.span.end, alignment_mode="expand") or ():
                by_token[token.i] = toponym
        locative = _locative(parsed, by_token)
        places = list(dict.fromkeys(locative.values()))
        return cls(by_token, locative, _fallback(places, toponyms))

    def event_place(self, event_tokens: list[Token], sentence: SpacySpan) -> Place | None:
        toponym = attached(event_tokens, self.locative_by_token)
        if toponym is not None:
            return self._inside(toponym, sentence).place()
        local = [(t.i, self.all_by_token[t.i]) for t in sentence if t.i in self.all_by_token]
        local = [(i, p) for i, p in local if p.match.resolution >= 2 and p.match.country_code]
        locative = [p for i, p in local if i in self.locative_by_token]
        if local:
            return (locative or [p for _, p in local])[-1].place()
        return self.paragraph_place or self.fallback

    def _inside(self, area: Toponym, sentence: SpacySpan) -> Toponym:
        """A finer place the sentence names inside the admin area attached to the event, else the area:
        "an air strike near the town of Jilib, in the Middle Juba region" was in Jilib."""
        if area.match.resolution >= 4 or area.match.admin1 is None:
            return area
        return next((t for t in (self.locative_by_token.get(token.i) for token in sentence)
                     if t is not None and t.match.resolution > area.match.resolution
                     and (t.match.country_code, t.match.admin1) == (area.match.country_code, area.match.admin1)),
                    area)

    def new_paragraph(self) -> None:
        self.paragraph_place = None  # a new paragraph may be somewhere else

    def after_sentence(self, sentence: SpacySpan) -> None:
        finer = [self.locative_by_token[t.i] for t in sentence
                 if t.i in self.locative_by_token and self.locative_by_token[t.i].match.resolution >= 2]
        if finer:
            self.paragraph_place = finer[-1].place()


def _locative(parsed: Doc, by_token: dict[int, Toponym]) -> dict[int, Toponym]:
    tokens_of: dict[Toponym, list[int]] = {}
    for index, toponym in by_token.items():
        tokens_of.setdefault(toponym, []).append(index)
    locative = {}
    for toponym, indices in tokens_of.items():
        root = parsed[min(indices):max(indices) + 1].root
        if root.dep_ in PARTY_DEPS and not (root.dep_ == "compound" and lemma(root.head) in PLACE_NOUNS):
            continue
        locative.update((i, toponym) for i in indices)
    return locative


def _fallback(places: list[Toponym], toponyms: DocumentToponyms) -> Place | None:
    """The main place among the names used as places; else the dateline; else among all names. A
    capital acting ("Ankara also delivered food") is a party: it does not move the story there."""
    main = main_place(places) or toponyms.dateline or main_place(toponyms.names)
    return main.place() if main is not None else None
