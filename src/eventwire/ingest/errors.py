"""Input errors: reported per input so the rest of a batch carries on."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass
class IngestError:
    """One input that could not become a Document, and why."""

    source: str
    message: str

    def __str__(self) -> str:
        return f"{self.source}: {self.message}"


class InputProblem(ValueError):
    """Raised by the readers for bad input; `read_documents` turns it into an IngestError."""
