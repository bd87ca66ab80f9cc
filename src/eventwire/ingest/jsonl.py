"""JSON Lines: one article per line with "text" and optional "id", "title", "published", "url"."""
from __future__ import annotations

import json
from collections.abc import Iterator
from typing import NamedTuple

from .errors import InputProblem

_OPTIONAL_STRINGS = ("title", "published", "url")


class JsonlArticle(NamedTuple):
    text: str
    id: str | None
    title: str | None
    published: str | None
    url: str | None


def jsonl_lines(text: str) -> Iterator[tuple[int, str]]:
    """(1-based line number, line) of the non-blank lines."""
    for number, line in enumerate(text.split("\n"), start=1):
        if line.strip():
            yield number, line


def parse_jsonl_line(line: str) -> JsonlArticle:
    """The article on one line; InputProblem saying what is wrong with it."""
    try:
        record = json.loads(line)
    except ValueError as error:
        raise InputProblem(f"invalid JSON: {error}") from None
    if not isinstance(record, dict):
        raise InputProblem(f"expected a JSON object, got {type(record).__name__}")
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
    return JsonlArticle(
        text, _id(record.get("id")), record.get("title"), record.get("published"), record.get("url")
    )


def is_jsonl(text: str) -> bool:
    """True if every non-blank line is a JSON object with "text" (how stdin tells JSONL from text)."""
    lines = [line for _, line in jsonl_lines(text)]
    return bool(lines) and all(_is_article_object(line) for line in lines)


def _is_article_object(line: str) -> bool:
    try:
        record = json.loads(line)
    except ValueError:
        return False
    return isinstance(record, dict) and "text" in record


def _id(value: object) -> str | None:
    # bool is an int subclass, but `true` as an id is a mistake, not a number.
    if value is None:
        return None
    if isinstance(value, str) or (isinstance(value, (int, float)) and not isinstance(value, bool)):
        return str(value)
    raise InputProblem(f'"id" must be a string or number, got {type(value).__name__}')
