"""JSON Lines: one article per line with "text" and optional "id", "title", "published", "url", "source"."""
from __future__ import annotations

import json
from collections.abc import Iterator

from .article import Article, article_from_fields
from .errors import InputProblem


def _lines(text: str) -> Iterator[tuple[int, str]]:
    """(1-based line number, line) of the non-blank lines."""
    for number, line in enumerate(text.split("\n"), start=1):
        if line.strip():
            yield number, line


def jsonl_articles(text: str) -> Iterator[tuple[int, Article | InputProblem]]:
    """(line number, its article or what is wrong with it) for each non-blank line."""
    for number, line in _lines(text):
        try:
            yield number, _parse_line(line)
        except InputProblem as error:
            yield number, error


def _parse_line(line: str) -> Article:
    """The article on one line; InputProblem saying what is wrong with it."""
    try:
        record = json.loads(line)
    except ValueError as error:
        raise InputProblem(f"invalid JSON: {error}") from None
    if not isinstance(record, dict):
        raise InputProblem(f"expected a JSON object, got {type(record).__name__}")
    return article_from_fields(record)


def is_jsonl(text: str) -> bool:
    """True if every non-blank line is a JSON object with "text" (how stdin tells JSONL from text)."""
    lines = [line for _, line in _lines(text)]
    return bool(lines) and all(_is_article_object(line) for line in lines)


def _is_article_object(line: str) -> bool:
    try:
        record = json.loads(line)
    except ValueError:
        return False
    return isinstance(record, dict) and "text" in record
