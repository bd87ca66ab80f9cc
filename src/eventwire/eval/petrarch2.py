"""PETRARCH-2's validation records: which events a sentence states (test set only, never tuned on).

Two files from openeventdata: PETR2_GSR_validation.UD.xml (78 real news sentences, UniversalPetrarch)
and PETR.UnitTest.records.xml (284 stylised sentences about fictional countries, PETRARCH-2's unit
tests). Only `<Text>`, `<EventCoding>` and the Sentence `date` are read; the parses are ignored. The
files are read leniently (the GSR file is not well-formed XML: some `<Sentence .../>` tags close
themselves yet their content and `</Sentence>` follow).

Each sentence is coded as its own document, dated by its `date`. Its expected CAMEO codes become PLOVER
types through the reverse crosswalk (`events.lexicon.plover_for_cameo`); codes with no PLOVER type
(CAMEO 01-02, non-CAMEO codes such as the unit tests' 80x/90x) are left out. A record is scored on the
set of expected types against the set of types of its mentions with aux null: micro precision, recall
and F1 over (record, type) pairs. `noevents="True"` records expect the empty set (any asserted mention
is a false positive) and also give `noevent_accuracy`. Records whose expected codes all map to no type
are not scored; expected-error records (`error=` attribute or category ERROR) are skipped.

Caveat: the unit-test dictionaries say their codes are mostly WEIS, not CAMEO ("tweaked quite
unsystematically"), e.g. CONGRATULATE is 041 there (WEIS praise, CAMEO discuss by telephone), so the
unit file's type figures are a weak check; its event-vs-no-event figures (`unit_detect_*`) are sound.
"""
from __future__ import annotations

import html
import re
from dataclasses import dataclass
from pathlib import Path

from ..events.lexicon import plover_for_cameo
from ..ingest import document_from_text
from ..pipeline import Coder
from .report import Report, prf

FOLDER = Path("petrarch2")
FILES = (("gsr", "PETR2_GSR_validation.UD.xml"), ("unit", "PETR.UnitTest.records.xml"))
# CAMEO actor-code prefixes that are not a state's ISO3 code.
NON_STATE = frozenset({"---", "IGO", "IMG", "NGO", "MNC", "UIS"})
RULE = ("per sentence (coded alone, dated by its `date`): expected CAMEO eventcodes -> PLOVER types "
        "through the CAMEO2PLOVER-2021 crosswalk (unlisted codes fall back to their 3-digit parent, then "
        "2-digit root) vs the types of mentions with aux null; micro precision/recall/F1 over (record, "
        "type) pairs, per file (gsr_*: PETR2_GSR_validation, unit_*: PETR.UnitTest.records) and overall; "
        "noevents records expect no type (asserted mentions there are false positives) and give "
        "noevent_accuracy (share with no asserted mention); unit_detect_* = record-level event vs no event; "
        "gsr_dyad_accuracy = of matched (record, type) pairs whose expected source and target are both "
        "states (first 3 letters of the CAMEO actor code, not ---/IGO/IMG/NGO/MNC/UIS), the share with a "
        "mention of that type whose actor.code and recipient.code equal them; codes with no PLOVER type "
        "(CAMEO 01-02, non-CAMEO incl. the unit tests' 80x/90x) are left out and records left with no "
        "expected type are not scored; the unit file's codes are mostly WEIS (its dictionary says so), so "
        "unit type figures are a weak check")
_COMMENT = re.compile(r"<!--.*?-->", re.S)
_SENTENCE = re.compile(r"<Sentence\b([^>]*)>")
_CODING = re.compile(r"<EventCoding\b([^>]*)>")
_TEXT = re.compile(r"<Text>(.*?)</Text>", re.S)
_ATTR = re.compile(r"""(\w+)\s*=\s*(?:"([^"]*)"|'([^']*)')""")


@dataclass
class Record:
    file: str  # "gsr" or "unit"
    id: str
    text: str
    published: str | None
    noevents: bool
    expected: dict[str, list[tuple[str | None, str | None]]]  # PLOVER type -> (source, target) codes
    left_out: list[str]  # expected codes with no PLOVER type


def read_records(path: Path, file: str) -> tuple[list[Record], dict[str, int]]:
    """Records of a validation file, and counts of what was skipped or left out."""
    raw = _COMMENT.sub("", path.read_text(encoding="utf-8"))
    starts = [m for m in _SENTENCE.finditer(raw)]
    records, counts = [], {"error_records": 0, "left_out_codes": 0, "unscored_records": 0}
    for i, match in enumerate(starts):
        chunk = raw[match.end():starts[i + 1].start() if i + 1 < len(starts) else len(raw)]
        attrs = _attrs(match.group(1))
        codings = [_attrs(c) for c in _CODING.findall(chunk)]
        text = _TEXT.search(chunk)
        if attrs.get("category") == "ERROR" or any("error" in c for c in codings):
            counts["error_records"] += 1
            continue
        if text is None:
            continue
        noevents = any(c.get("noevents") == "True" for c in codings)
        expected: dict[str, list[tuple[str | None, str | None]]] = {}
        left_out = []
        for coding in codings:
            code = coding.get("eventcode")
            if not code:
                continue
            event = plover_for_cameo(code)
            if event is None:
                left_out.append(code)
            else:
                expected.setdefault(event, []).append((coding.get("sourcecode"), coding.get("targetcode")))
        counts["left_out_codes"] += len(left_out)
        if not expected and not noevents:
            counts["unscored_records"] += 1
            continue
        date = attrs.get("date", "")
        published = f"{date[:4]}-{date[4:6]}-{date[6:8]}" if re.fullmatch(r"\d{8}", date) else None
        records.append(Record(file, attrs.get("id", f"{file}-{i}"), " ".join(html.unescape(text.group(1)).split()),
                              published, noevents, expected, left_out))
    return records, counts


def run(coder: Coder, folder: Path, limit: int | None = None) -> Report:
    """`limit`: only the first `limit` scored records of each file."""
    records, counts = [], {}
    for file, name in FILES:
        file_records, file_counts = read_records(folder / FOLDER / name, file)
        records += file_records[:limit] if limit else file_records
        for key, value in file_counts.items():
            counts[f"{file}_{key}"] = value
    documents = [document_from_text(r.text, id=f"petrarch2-{r.file}-{i}", published=r.published)
                 for i, r in enumerate(records)]
    results = [[m for m in mentions if m.aux is None] for _, mentions in coder.code_many(documents)]
    metrics: dict[str, float] = {}
    for prefix, keep in (("", None), ("gsr_", "gsr"), ("unit_", "unit")):
        pairs = [(r, ms) for r, ms in zip(records, results, strict=True) if keep in (None, r.file)]
        metrics.update(score(pairs, prefix))
    unit = [(r, ms) for r, ms in zip(records, results, strict=True) if r.file == "unit"]
    tp = sum(1 for r, ms in unit if ms and not r.noevents)
    fp = sum(1 for r, ms in unit if ms and r.noevents)
    fn = sum(1 for r, ms in unit if not ms and not r.noevents)
    metrics.update(zip(("unit_detect_precision", "unit_detect_recall", "unit_detect_f1"), prf(tp, fp, fn)))
    gsr = [(r, ms) for r, ms in zip(records, results, strict=True) if r.file == "gsr"]
    checked, right = dyads(gsr)
    metrics["gsr_dyad_accuracy"] = right / checked if checked else 0.0
    details = {**counts, "gsr_records": len(gsr), "unit_records": len(unit), "gsr_dyads_checked": checked}
    rule = (RULE + f"; in the files: {counts['gsr_error_records'] + counts['unit_error_records']} expected-error "
            f"records skipped, {counts['gsr_left_out_codes'] + counts['unit_left_out_codes']} codes with no "
            f"PLOVER type left out, {counts['gsr_unscored_records'] + counts['unit_unscored_records']} records "
            f"with no scorable type; scored {len(gsr)} GSR + {len(unit)} unit-test records, {checked} GSR dyads")
    return Report("petrarch2", rule, len(records), metrics, details)


def score(pairs, prefix: str = "") -> dict[str, float]:
    """Micro P/R/F1 over (record, type) pairs, and accuracy on the no-event records."""
    tp = fp = fn = 0
    noevent = noevent_right = 0
    for record, mentions in pairs:
        gold, predicted = set(record.expected), {m.event for m in mentions}
        tp += len(gold & predicted)
        fp += len(predicted - gold)
        fn += len(gold - predicted)
        if record.noevents:
            noevent += 1
            noevent_right += not mentions
    precision, recall, f1 = prf(tp, fp, fn)
    return {f"{prefix}f1": f1, f"{prefix}precision": precision, f"{prefix}recall": recall,
            f"{prefix}noevent_accuracy": noevent_right / noevent if noevent else 0.0}


def dyads(pairs) -> tuple[int, int]:
    """(matched state-to-state (record, type) pairs, those with a mention of the expected dyad)."""
    checked = right = 0
    for record, mentions in pairs:
        for event, actors in record.expected.items():
            typed = [m for m in mentions if m.event == event]
            states = {(s[:3], t[:3]) for s, t in actors if _state(s) and _state(t)}
            if not typed or not states:
                continue
            checked += 1
            right += any((m.actor.code if m.actor else None, m.recipient.code if m.recipient else None) in states
                         for m in typed)
    return checked, right


def _state(code: str | None) -> bool:
    return bool(code) and len(code) >= 3 and code[:3].isalpha() and code[:3].upper() not in NON_STATE


def _attrs(text: str) -> dict[str, str]:
    return {key: a if a or not b else b for key, a, b in _ATTR.findall(text)}
