"""ConfliBERT's 5-class CAMEO sentence classification (test split, 451 sentences; test set only).

The labels are undocumented upstream; read from the train split (which we may learn from), they are
CAMEO's quad classes with neutral statements apart: 0 statements and appeals (CAMEO 01-02), 1 verbal
cooperation (03-05), 2 material cooperation (06-08), 3 verbal conflict (09-13), 4 material conflict
(14-20). A sentence's prediction is the class of the CAMEO root code of its most confident asserted
mention (through the PLOVER crosswalk), 0 when it has none.
"""
from __future__ import annotations

from pathlib import Path

from ..ingest import document_from_text
from ..pipeline import Coder
from .report import Report, classification_scores

FILE = Path("conflibert_cameo") / "cameo_class" / "test.tsv"
LABELS = ["0", "1", "2", "3", "4"]
RULE = ("accuracy, macro and weighted F1 over the 5 classes of ConfliBERT's CAMEO test split; prediction = "
        "the class of the CAMEO root of the most confident mention with aux null (01-02 -> 0, 03-05 -> 1, "
        "06-08 -> 2, 09-13 -> 3, 14-20 -> 4), 0 when there is none")


def quad_class(cameo: str | None) -> str:
    root = int(cameo[:2]) if cameo and cameo[:2].isdigit() else 0
    bounds = ((2, "0"), (5, "1"), (8, "2"), (13, "3"), (20, "4"))
    return next((label for top, label in bounds if root <= top), "0")


def run(coder: Coder, folder: Path, limit: int | None = None) -> Report:
    rows = []
    with open(folder / FILE, encoding="utf-8", newline="") as handle:
        for line in handle:
            text, _, label = line.rstrip("\r\n").rpartition("\t")
            if text and label in LABELS:
                rows.append((text, label))
    rows = rows[:limit] if limit else rows
    documents = [document_from_text(text, id=f"cameo-{i}") for i, (text, _) in enumerate(rows)]
    predicted = []
    for _, mentions in coder.code_many(documents):
        asserted = [m for m in mentions if m.aux is None]
        predicted.append(quad_class(max(asserted, key=lambda m: m.confidence).cameo) if asserted else "0")
    return Report("conflibert-cameo", RULE, len(rows),
                  classification_scores([label for _, label in rows], predicted, LABELS))
