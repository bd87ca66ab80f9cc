"""IndiaPoliceEvents: did police kill, arrest, use force, or do anything, sentence by sentence
(21,391 sentences of Times of India articles on Gujarat, March 2002; test set only).

Each sentence is coded on its own, dated by its article's date. A sentence answers yes to:
- ANY_ACTION: some mention with aux null whose actor's sector is police (COP);
- ARREST: such a mention of COERCE with mode arrest, or with a stated arrest count;
- FORCE: such a mention of ASSAULT (any mode), or of COERCE with mode crowd-control or curfew;
- KILL: such an ASSAULT with dead > 0, or with a killing mode (execute, massacre, assassinate).
FAIL (police failing to act) is not an event eventwire codes and is not scored.
"""
from __future__ import annotations

import json
from pathlib import Path

from ..ingest import document_from_text
from ..pipeline import Coder
from .report import Report, prf

FOLDER = Path("indiapoliceevents")
QUESTIONS = ("KILL", "ARREST", "FORCE", "ANY_ACTION")
KILLING_MODES = frozenset({"execute", "massacre", "assassinate"})
RULE = ("sentence-level precision, recall and F1 per question (KILL, ARREST, FORCE, ANY_ACTION) against the "
        "adjudicated labels; a sentence is positive when a mention with aux null and a police actor (sector COP) "
        "answers the question (mapping in eventwire/eval/indiapoliceevents.py)")


def answers(mentions) -> set[str]:
    found = set()
    for m in mentions:
        if m.aux is not None or m.actor is None or m.actor.sector != "COP":
            continue
        found.add("ANY_ACTION")
        if (m.event == "COERCE" and m.mode == "arrest") or m.size.arrested:
            found.add("ARREST")
        if m.event == "ASSAULT" or (m.event == "COERCE" and m.mode in ("crowd-control", "curfew")):
            found.add("FORCE")
        if m.event == "ASSAULT" and ((m.size.dead or 0) > 0 or m.mode in KILLING_MODES):
            found.add("KILL")
    return found


def run(coder: Coder, folder: Path, limit: int | None = None) -> Report:
    dates = {}
    with open(folder / FOLDER / "metadata.jsonl", encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            dates[record["doc_id"]] = (record.get("date") or "")[:10] or None
    with open(folder / FOLDER / "sents.jsonl", encoding="utf-8") as handle:
        sentences = [json.loads(line) for line in handle]
    sentences = [s for s in sentences if s["sent_text"].strip()]
    sentences = sentences[:limit] if limit else sentences
    documents = [document_from_text(s["sent_text"], id=f"ipe-{s['doc_id']}-{s['sent_id']}",
                                    published=dates.get(s["doc_id"])) for s in sentences]
    predicted = [answers(mentions) for _, mentions in coder.code_many(documents)]
    metrics = {}
    for question in QUESTIONS:
        gold = [question in s["sent_labels"] for s in sentences]
        guess = [question in p for p in predicted]
        tp = sum(g and p for g, p in zip(gold, guess, strict=True))
        fp = sum(p and not g for g, p in zip(gold, guess, strict=True))
        fn = sum(g and not p for g, p in zip(gold, guess, strict=True))
        precision, recall, f1 = prf(tp, fp, fn)
        metrics |= {f"{question.lower()}_precision": precision, f"{question.lower()}_recall": recall,
                    f"{question.lower()}_f1": f1}
    return Report("indiapoliceevents", RULE, len(sentences), metrics)
