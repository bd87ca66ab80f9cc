"""The trained event model: sentence embeddings (`encoder`) and the trained head (`head`); the
calibration of mention confidence is in `calibration`. `EventModel.load()` needs no network."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import yaml

from .encoder import SentenceEncoder
from .head import EventHead, SentenceScores

DATA = Path(__file__).parent / "data"


@dataclass(frozen=True)
class Thresholds:
    """How the head's scores combine with the lexicon (tuned on our development set only)."""

    propose: float  # P(type) at which the head alone states an event in a sentence where nothing was coded
    veto: float  # P(trigger's type) below which a low-prior trigger is dropped
    veto_prior: float  # triggers with a lexicon prior at or above this are never dropped
    acled: float  # P(sub-event type) at which the head's ACLED sub-type replaces the crosswalk's
    mode: float  # P(mode) at which the head fills a mode the trigger did not give

    @classmethod
    def load(cls, path: Path = DATA / "thresholds.yaml") -> "Thresholds":
        return cls(**yaml.safe_load(path.read_text(encoding="utf-8")))


LEAD_SENTENCES = 3  # a story's opening sentences state its main event


@dataclass
class DocumentScores:
    lead: SentenceScores  # the document's opening sentences together
    sentences: list[SentenceScores]  # one per sentence, in order


@dataclass
class EventModel:
    encoder: SentenceEncoder
    head: EventHead
    thresholds: Thresholds

    @classmethod
    def load(cls) -> "EventModel":
        return cls(SentenceEncoder(), EventHead.load(), Thresholds.load())

    def score(self, sentences: list[str]) -> list[SentenceScores]:
        if not sentences:
            return []
        return self.head.predict(self.encoder.encode(sentences))

    def score_documents(self, documents: list[list[str]]) -> list[DocumentScores]:
        """Scores for the sentences of each document, and for its lead: the mean of its opening sentences'
        embeddings, which stands in for embedding the opening as one text at no extra cost."""
        flat = self.encoder.encode([sentence for sentences in documents for sentence in sentences])
        rows, leads, start = [], [], 0
        for sentences in documents:
            rows.append(flat[start:start + len(sentences)])
            lead = flat[start:start + min(len(sentences), LEAD_SENTENCES)].sum(axis=0)
            leads.append(lead / max(float(np.linalg.norm(lead)), 1e-9))
            start += len(sentences)
        lead_scores = self.head.predict(np.stack(leads)) if leads else []
        sentence_scores = iter(self.head.predict(flat)) if len(flat) else iter(())
        return [DocumentScores(lead, [next(sentence_scores) for _ in row]) for lead, row in zip(lead_scores, rows)]


__all__ = ["DocumentScores", "EventModel", "SentenceScores", "Thresholds"]
