"""Shared fixtures: one loaded Coder for the session, and the paths of shared test material."""
from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
SEED = SHARED / "seed" / "baku.txt"
EXAMPLES = REPO / "examples"


@pytest.fixture(scope="session")
def coder():
    from eventwire.pipeline import Coder

    return Coder.load()


@pytest.fixture(scope="session")
def seed_text() -> str:
    if not SEED.exists():
        pytest.skip(f"the seed article is read from {SEED}, which is not here (../shared exists only in "
                    "development sessions and CI)")
    return SEED.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def code_text(coder):
    """Code a text as a document: `code_text(text, published=None) -> list[Mention]`."""
    from eventwire.ingest import document_from_text

    def run(text: str, published: str | None = None, id: str | None = None):
        return coder.code(document_from_text(text, id=id, published=published))

    return run
