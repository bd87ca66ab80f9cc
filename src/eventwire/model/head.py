"""The trained event head: sentence embedding -> probabilities of event type, aux mode, ACLED sub-event
type and PLOVER mode. A one-hidden-layer network, run with NumPy; weights are shipped in `data/` and
checked against the SHA-256 recorded beside them when loaded."""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

import numpy as np

DATA = Path(__file__).parent / "data"
WEIGHTS = DATA / "event_head.safetensors"
META = DATA / "event_head.json"
TASKS = ("event", "aux", "acled", "mode")
NONE = "NONE"  # the event and acled label of a sentence that states no such event


@dataclass
class SentenceScores:
    """The head's probabilities for one sentence, by task and label."""

    event: dict[str, float]
    aux: dict[str, float]
    acled: dict[str, float]
    mode: dict[str, float]

    def best(self, task: str, allowed=None) -> tuple[str, float]:
        scores = getattr(self, task)
        items = [(k, v) for k, v in scores.items() if allowed is None or k in allowed]
        return max(items, key=lambda kv: kv[1]) if items else (NONE, 0.0)


class EventHead:
    def __init__(self, weights: dict[str, np.ndarray], meta: dict):
        self.weights = weights
        self.meta = meta
        self.labels: dict[str, list[str]] = meta["labels"]

    @classmethod
    def load(cls, weights_path: Path = WEIGHTS, meta_path: Path = META) -> "EventHead":
        from safetensors.numpy import load as load_tensors

        meta = json.loads(meta_path.read_text(encoding="utf-8"))
        raw = weights_path.read_bytes()
        digest = hashlib.sha256(raw).hexdigest()
        if digest != meta["sha256"]:
            raise ValueError(f"{weights_path}: SHA-256 {digest} does not match {meta['sha256']} recorded in "
                             f"{meta_path.name}; rebuild it with `make train`")
        return cls(load_tensors(raw), meta)

    @property
    def version(self) -> str:
        return self.meta["sha256"][:8]

    def predict(self, embeddings: np.ndarray) -> list[SentenceScores]:
        w = self.weights
        hidden = np.maximum(embeddings @ w["hidden.weight"].T + w["hidden.bias"], 0.0)
        tables = {}
        for task in TASKS:
            logits = hidden @ w[f"{task}.weight"].T + w[f"{task}.bias"]
            logits -= logits.max(axis=1, keepdims=True)
            probs = np.exp(logits)
            tables[task] = probs / probs.sum(axis=1, keepdims=True)
        return [SentenceScores(**{task: dict(zip(self.labels[task], map(float, tables[task][row])))
                                  for task in TASKS})
                for row in range(embeddings.shape[0])]
