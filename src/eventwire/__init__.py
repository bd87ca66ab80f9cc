"""eventwire: verifiable political event data from news text, offline."""
from __future__ import annotations

from functools import lru_cache
from importlib.metadata import version as _version

__version__ = _version("eventwire")

__all__ = ["__version__", "code"]


@lru_cache(maxsize=1)
def _default_coder():
    from .pipeline import Coder

    return Coder.load()


def code(text: str, published: str | None = None, *, id: str | None = None, title: str | None = None):
    """Code one text: a list of `Mention` records (see `eventwire.records`).

    `published` is the story's date ("YYYY-MM-DD"); without it, relative dates stay unresolved.
    """
    from .ingest import document_from_text

    document = document_from_text(text, id=id, title=title, published=published)
    return _default_coder().code(document)
