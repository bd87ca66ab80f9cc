"""Event location (Halterman 2019, "Geolocating Political Events in Text"): is the place the pipeline
chooses for a sentence's annotated event verb (`geo.places`) the gold LOCATION span?

The set may be learnt from, so a fixed part is held out for evaluation: the entries whose sentence's
SHA-256 is 0 modulo 5 (a fifth; a sentence annotated for several verbs is wholly in one part). Only that
part is scored here; nothing in eventwire is fitted on the rest either, so far.
"""
from __future__ import annotations

import hashlib
import json
import zipfile
from dataclasses import dataclass
from pathlib import Path

from ..geo.places import DocumentPlaces
from ..ingest import document_from_text
from ..pipeline import Coder, nlp_text
from ..records import Place, Span
from .report import Report, prf

FILE = Path("event-location") / "labeled_text.jsonl.zip"
HELD_OUT_MODULUS = 5
RULE = ("held-out fifth of event-location (sentence SHA-256 = 0 mod 5; one entry per sentence and verb, the "
        "RELABEL annotation where a pair was annotated twice, entries without exactly one VERB span left out); "
        "the sentence is parsed as the pipeline parses a document and the event's place chosen by geo/places.py "
        "for the VERB tokens (attached place, sentence place, paragraph place, main place, dateline). "
        "Right = the chosen place's words overlap a gold LOCATION span; precision = right / places chosen, "
        "recall = right / entries with a gold location; no_place_accuracy = share of entries without a gold "
        "location where no place is chosen; gold_location_found = share of gold locations our place-name "
        "step recognises at all (the ceiling of recall)")


@dataclass(frozen=True)
class Entry:
    id: str
    text: str
    verb: Span
    locations: tuple[Span, ...]


def held_out(text: str) -> bool:
    return int(hashlib.sha256(text.encode("utf-8")).hexdigest(), 16) % HELD_OUT_MODULUS == 0


def load_entries(folder: Path) -> list[Entry]:
    """Every (sentence, verb) entry, in file order."""
    with zipfile.ZipFile(folder / FILE) as archive:
        member = next(n for n in archive.namelist() if n.endswith(".jsonl") and not n.startswith("__MACOSX"))
        raw = json.loads(archive.read(member))  # one JSON array despite the name
    entries: dict[tuple[str, int, int], tuple[bool, Entry]] = {}
    for item in raw:
        text, spans = item["text"], item.get("spans", [])
        verbs = [s for s in spans if s["label"] == "VERB"]
        if len(verbs) != 1:
            continue
        verb = Span.of(text, verbs[0]["start"], verbs[0]["end"])
        locations = tuple(Span.of(text, s["start"], s["end"]) for s in spans
                          if s["label"] == "LOCATION" and s["end"] > s["start"])
        key = (text, verb.start, verb.end)
        relabelled = item.get("source") == "RELABEL"
        if key not in entries or (relabelled and not entries[key][0]):
            entries[key] = (relabelled, Entry(str(item["_id"]), text, verb, locations))
    return [entry for _, entry in entries.values()]


def run(coder: Coder, folder: Path, limit: int | None = None) -> Report:
    entries = [e for e in load_entries(folder) if held_out(e.text)]
    entries = entries[:limit] if limit else entries
    documents = [document_from_text(e.text, id=e.id) for e in entries]
    right = chosen = silent_right = found = 0
    for entry, document, parsed in zip(entries, documents, coder.nlp.pipe(nlp_text(d) for d in documents)):
        places = DocumentPlaces.of(parsed, coder.gazetteer, document.dateline)
        place = _event_place(places, parsed, entry.verb)
        found += sum(any(_overlap(t.span, g) for t in places.all_by_token.values()) for g in entry.locations)
        if place is not None:
            chosen += 1
            right += any(_overlap(place.extracted_place, g) for g in entry.locations)
        elif not entry.locations:
            silent_right += 1
    with_location = sum(bool(e.locations) for e in entries)
    precision, recall, f1 = prf(right, chosen - right, with_location - right)
    without = len(entries) - with_location
    gold_spans = sum(len(e.locations) for e in entries)
    metrics = {"precision": precision, "recall": recall, "f1": f1,
               "accuracy": (right + silent_right) / len(entries) if entries else 0.0,
               "no_place_accuracy": silent_right / without if without else 0.0,
               "gold_location_found": found / gold_spans if gold_spans else 0.0}
    return Report("event-location", RULE, len(entries), metrics,
                  {"with_location": with_location, "without_location": without, "places_chosen": chosen})


def _event_place(places: DocumentPlaces, parsed, verb: Span) -> Place | None:
    """The place the pipeline gives an event whose words are the verb's: the sentences before it are
    read first, as the pipeline reads a document (they set the paragraph's place)."""
    tokens = list(parsed.char_span(verb.start, verb.end, alignment_mode="expand") or ())
    if not tokens:
        return None
    for sentence in parsed.sents:
        if sentence.start <= tokens[0].i < sentence.end:
            return places.event_place(tokens, sentence)
        places.after_sentence(sentence)
    return None


def _overlap(a: Span | None, b: Span) -> bool:
    return a is not None and a.start < b.end and b.start < a.end
