"""The trained event model: sentence embeddings (`encoder`) and the trained head (`head`); the
calibration of mention confidence is in `calibration`. `EventModel.load()` needs no network."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

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
    acled_lead_weight: float  # the document lead's weight against the sentence's in reading the sub-type
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
    def load(cls, threads: int | None = None) -> "EventModel":
        return cls(SentenceEncoder(threads), EventHead.load(), Thresholds.load())

    def score(self, sentences: list[str]) -> list[SentenceScores]:
        if not sentences:
            return []
        return self.head.predict(self.encoder.encode(sentences))

    def score_documents(self, documents: list[list[str]]) -> list[DocumentScores]:
        """Scores for the sentences of each document, and for its lead: its opening sentences read as one
        text, as the head was trained (on whole examples; the mean of the sentences' embeddings reads
        ACLED sub-types worse: 0.83 against 0.87 on held-out examples of ours)."""
        leads = [" ".join(sentences[:LEAD_SENTENCES]) for sentences in documents]
        # each distinct text once: a one-sentence document's lead is its sentence
        texts = list(dict.fromkeys([*leads, *(sentence for sentences in documents for sentence in sentences)]))
        scored = dict(zip(texts, self.score(texts)))
        return [DocumentScores(scored[lead], [scored[sentence] for sentence in sentences])
                for lead, sentences in zip(leads, documents)]


__all__ = ["DocumentScores", "EventModel", "SentenceScores", "Thresholds"]
