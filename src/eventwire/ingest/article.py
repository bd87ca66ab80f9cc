"""One article of a dump (a JSONL line, a CSV row): its fields, checked the same way for every format."""
from __future__ import annotations

from collections.abc import Mapping
from typing import NamedTuple

from .errors import InputProblem

# "source" names the outlet (a wire, a newspaper); "url" where the article was published.
_OPTIONAL_STRINGS = ("title", "published", "url", "source")


class Article(NamedTuple):
    text: str
    id: str | None
    title: str | None
    published: str | None
    url: str | None
    outlet: str | None


def article_from_fields(record: Mapping[str, object]) -> Article:
    """The article in a record with "text" and optional "id", "title", "published", "url", "source";
    InputProblem saying what is wrong with it. Blank optional fields count as absent."""
    text = record.get("text")
    if text is None:
        raise InputProblem('no "text" field')
    if not isinstance(text, str):
        raise InputProblem(f'"text" must be a string, got {type(text).__name__}')
    if not text.strip():
        raise InputProblem("empty document")
    for name in _OPTIONAL_STRINGS:
        if record.get(name) is not None and not isinstance(record[name], str):
            raise InputProblem(f'"{name}" must be a string, got {type(record[name]).__name__}')
    strings = {name: (record.get(name) or "").strip() or None for name in _OPTIONAL_STRINGS}
    return Article(text, _id(record.get("id")), strings["title"], strings["published"], strings["url"],
                   strings["source"])


def _id(value: object) -> str | None:
    # bool is an int subclass, but `true` as an id is a mistake, not a number.
    if value is None or value == "":
        return None
    if isinstance(value, str) or (isinstance(value, (int, float)) and not isinstance(value, bool)):
        return str(value)
    raise InputProblem(f'"id" must be a string or number, got {type(value).__name__}')
