"""Tuning aid: ACLED sub-event F1 of the whole coder on our own ACLED examples held out from training,
and how many of our held-out texts that state no event get one.

Trains a head without one fold of training/examples (every 5th example by text hash), codes the held-out
texts with the full pipeline and scores the prediction as `eventwire eval case2021` does
(acled.sub_event_type of the most confident asserted mention). This is how thresholds in
src/eventwire/model/data/thresholds.yaml are chosen without looking at a test set.

Usage: .venv/bin/python training/heldout_acled.py [--fold K]
"""
from __future__ import annotations

import argparse
import hashlib
import sys
from pathlib import Path

from eventwire.eval.case2021 import predict_sub_type
from eventwire.eval.report import classification_scores
from eventwire.ingest import document_from_text
from eventwire.model import training
from eventwire.model.head import EventHead
from eventwire.pipeline import Coder

REPO = Path(__file__).resolve().parents[1]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--fold", type=int, default=0, help="which fifth to hold out (0-4)")
    args = parser.parse_args()
    examples = training.training_set(REPO / "training" / "examples", REPO.parent / "shared" / "benchmarks")

    def fold_of(example) -> int:
        return int(hashlib.sha1(example.text.encode()).hexdigest(), 16) % 5

    def held(example) -> bool:
        return example.source.startswith("acled") and example.labels["acled"] not in (None, "NONE") \
            and fold_of(example) == args.fold

    def held_no_event(example) -> bool:  # texts of ours that state no event at all
        return (example.source.startswith("acled_none") or example.source == "plover") \
            and example.labels["event"] == "NONE" and fold_of(example) == args.fold

    train_set = [e for e in examples if not held(e) and not held_no_event(e)]
    test_set = [e for e in examples if held(e)]
    no_event_set = [e for e in examples if held_no_event(e)]
    weights = training.train(training.embed([e.text for e in train_set], REPO / "training" / ".cache"), train_set)
    coder = Coder.load()
    coder.model.head = EventHead(weights, {**coder.model.head.meta, "sha256": f"held-out fold {args.fold}"})
    documents = [document_from_text(e.text, id=f"heldout-{i}") for i, e in enumerate(test_set)]
    predicted = [predict_sub_type(mentions) or "none" for _, mentions in coder.code_many(documents)]
    no_event_docs = [document_from_text(e.text, id=f"none-{i}") for i, e in enumerate(no_event_set)]
    false_events = sum(any(m.aux is None for m in mentions) for _, mentions in coder.code_many(no_event_docs))
    gold = [e.labels["acled"] for e in test_set]
    labels = sorted(set(gold))
    scores = classification_scores(gold, predicted, labels)
    print(f"fold {args.fold}: {len(test_set)} held-out snippets; " + ", ".join(f"{k} {v:.3f}" for k, v in scores.items())
          + f"; {false_events} of {len(no_event_set)} held-out texts stating no event coded with an asserted one")
    misses: dict[tuple[str, str], int] = {}
    for g, p in zip(gold, predicted):
        if g != p:
            misses[g, p] = misses.get((g, p), 0) + 1
    for (g, p), n in sorted(misses.items(), key=lambda kv: -kv[1])[:15]:
        print(f"  {n:3d}  {g} -> {p}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
