"""Scores and the rule they were computed by."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field


@dataclass
class Report:
    benchmark: str
    rule: str  # how the figures were computed, so they compare with published ones
    items: int
    metrics: dict[str, float]
    details: dict = field(default_factory=dict)

    def text(self) -> str:
        lines = [f"{self.benchmark}: {self.items} items", f"scoring: {self.rule}"]
        lines += [f"  {name}: {value:.3f}" for name, value in self.metrics.items()]
        return "\n".join(lines)


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    return precision, recall, f1_of(precision, recall)


def f1_of(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def classification_scores(gold: list[str], predicted: list[str], labels: list[str]) -> dict[str, float]:
    """Accuracy, and macro and support-weighted F1 over `labels` (scikit-learn's definitions)."""
    pairs = list(zip(gold, predicted, strict=True))
    support = Counter(gold)
    f1s = {}
    for label in labels:
        tp = sum(1 for g, p in pairs if g == label and p == label)
        fp = sum(1 for g, p in pairs if g != label and p == label)
        fn = sum(1 for g, p in pairs if g == label and p != label)
        f1s[label] = prf(tp, fp, fn)[2]
    total = sum(support[label] for label in labels)
    return {
        "accuracy": sum(g == p for g, p in pairs) / len(pairs) if pairs else 0.0,
        "macro_f1": sum(f1s.values()) / len(labels) if labels else 0.0,
        "weighted_f1": sum(f1s[label] * support[label] for label in labels) / total if total else 0.0,
    }
