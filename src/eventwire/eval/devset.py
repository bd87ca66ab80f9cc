"""Our own development set (`devset/`: 44 short articles written by the eventwire developers, with gold
events in the format of examples/expected.yaml). We tune on it; it is no test set.

Event F1 is over (event type, date, actor country) triples per article: the gold triples are those of the
asserted gold events; the coded ones those of mentions with aux null (one triple however many mentions
state it). Traps are the gold `absent` entries: statements that must not be coded as asserted.
"""
from __future__ import annotations

from pathlib import Path

import numpy as np

from ..ingest import IngestError, read_documents
from ..model.calibration import FEATURES, expected_calibration_error
from ..pipeline import Coder
from ..records import AUX_MODES
from .gold import load_gold, matches
from .report import Report, prf

FOLDER = Path(__file__).parent / "devset"
RULE = ("micro precision / recall / F1 over (event type, date, actor country ISO3) triples per article: gold = "
        "the asserted gold events, coded = mentions with aux null; traps = gold `absent` statements (negated, "
        "future, hypothetical, historical) coded as asserted; ECE over the confidences of asserted mentions "
        "(10 bins; right = its triple is gold)")


def _triple(event: str, date, actor_code) -> tuple:
    return event, str(date) if date is not None else None, actor_code


def coded_articles(coder: Coder, limit: int | None = None):
    """(gold entry, mentions) per development article."""
    entries = load_gold(FOLDER)[:limit] if limit else load_gold(FOLDER)
    documents = []
    for entry in entries:
        (document,) = read_documents([str(FOLDER / entry["file"])])
        if isinstance(document, IngestError):
            raise ValueError(str(document))
        documents.append(document)
    return [(entry, mentions) for entry, (_, mentions) in zip(entries, coder.code_many(documents))]


def _gold_triples(entry: dict) -> set[tuple]:
    return {_triple(e["event"], e.get("date", entry["published"]), (e.get("actor") or {}).get("code"))
            for e in entry.get("events", []) if e.get("aux") is None}


def _mention_triple(mention) -> tuple:
    return _triple(mention.event, mention.date, mention.actor.code if mention.actor else None)


def run(coder: Coder, folder: Path | None = None, limit: int | None = None) -> Report:
    """`folder` is unused: the set ships with eventwire."""
    tp = fp = fn = 0
    traps = {aux: [0, 0] for aux in AUX_MODES}  # aux -> [traps, coded as asserted]
    confidences, right = [], []
    per_type: dict[str, list[int]] = {}
    articles = coded_articles(coder, limit)
    for entry, mentions in articles:
        gold = _gold_triples(entry)
        asserted = [m for m in mentions if m.aux is None]
        coded = {_mention_triple(m) for m in asserted}
        tp, fp, fn = tp + len(gold & coded), fp + len(coded - gold), fn + len(gold - coded)
        for triple in gold | coded:
            counts = per_type.setdefault(triple[0], [0, 0, 0])
            counts[0 if triple in gold & coded else 1 if triple in coded else 2] += 1
        for m in asserted:
            confidences.append(m.confidence)
            right.append(_mention_triple(m) in gold)
        for trap in entry.get("absent", []):
            kind = traps.setdefault(trap.get("aux") or "other", [0, 0])
            kind[0] += 1
            kind[1] += any(matches(m, {**trap, "aux": None}) for m in mentions)
    precision, recall, f1 = prf(tp, fp, fn)
    metrics = {"precision": precision, "recall": recall, "f1": f1,
               "ece": expected_calibration_error(np.array(confidences), np.array(right, dtype=float))
               if confidences else 0.0}
    for kind, (total, coded_count) in traps.items():
        metrics[f"{kind}_traps_coded"] = float(coded_count)
    details = {"per_type": {t: dict(zip(("tp", "fp", "fn"), c)) for t, c in sorted(per_type.items())},
               "traps": {k: {"total": v[0], "coded_as_asserted": v[1]} for k, v in traps.items()}}
    return Report("dev", RULE, len(articles), metrics, details)


def calibration_rows(coder: Coder) -> tuple[list[dict], list[bool], list[str]]:
    """(confidence features, right or not, article) of every asserted mention: what calibration fits."""
    rows, right, groups = [], [], []
    for entry, mentions in coded_articles(coder):
        gold = _gold_triples(entry)
        for m in mentions:
            if m.aux is None:
                rows.append({name: m.scores[name] for name in FEATURES})
                right.append(_mention_triple(m) in gold)
                groups.append(entry["file"])
    return rows, right, groups
