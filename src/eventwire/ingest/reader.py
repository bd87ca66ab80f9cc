"""Files, folders and stdin → Documents, one IngestError per bad input and the batch goes on."""
from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Iterator
from datetime import date
from pathlib import Path
from typing import BinaryIO, TextIO

from eventwire.records import Document

from .csv_dump import csv_rows
from .errors import IngestError, InputProblem
from .feed import feed_entries
from .html import parse_html
from .jsonl import is_jsonl, jsonl_articles
from .text import decode_bytes, document_from_text, normalise_text, utf8_error_message

STDIN = "-"
_STDIN_SOURCE = "<stdin>"
_FORMATS = {
    "": "text", ".txt": "text", ".text": "text", ".md": "text",
    ".html": "html", ".htm": "html",
    ".jsonl": "jsonl", ".csv": "csv",
    # an .xml file is read as a feed, and reported if its content is not one
    ".rss": "feed", ".atom": "feed", ".xml": "feed",
}
# Inputs holding many articles: each yields (number, article or problem), the number naming the line,
# row or feed entry in errors ("news.csv:7: empty document").
_DUMPS = {"jsonl": jsonl_articles, "csv": csv_rows, "feed": feed_entries}


def read_documents(
    paths: Iterable[str],
    published: str | None = None,
    stdin: TextIO | BinaryIO | None = None,
) -> Iterator[Document | IngestError]:
    """Documents from files, folders (recursive, sorted, hidden and unknown files skipped) and "-"
    (stdin: text, or JSONL when every line is an object with "text").

    `published` ("YYYY-MM-DD") overrides every document's publication date; a malformed one is a
    ValueError at once, as it is the caller's mistake, not the input's.
    """
    if published is not None:
        _check_iso_date(published)
    return _read_all(paths, published, stdin)


def _check_iso_date(value: str) -> None:
    try:
        date.fromisoformat(value)
        valid = len(value) == 10
    except ValueError:
        valid = False
    if not valid:
        raise ValueError(f"published must be a date as YYYY-MM-DD, got {value!r}")


def _read_all(
    paths: Iterable[str], published: str | None, stdin: TextIO | BinaryIO | None
) -> Iterator[Document | IngestError]:
    for path in paths:
        if path == STDIN:
            # Bytes where possible, so stdin gets the same UTF-8 and binary checks as a file.
            stream = stdin if stdin is not None else getattr(sys.stdin, "buffer", sys.stdin)
            yield from _read_stdin(stream, published)
        elif os.path.isdir(path):
            yield from _read_folder(path, published)
        elif os.path.lexists(path):
            yield from _read_file(path, _FORMATS.get(Path(path).suffix.lower()), published)
        else:
            yield IngestError(path, "no such file or folder")


def _read_folder(folder: str, published: str | None) -> Iterator[Document | IngestError]:
    try:
        entries = sorted(os.scandir(folder), key=lambda entry: entry.name)
    except OSError as error:
        yield IngestError(folder, _os_message(error))
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        # Symlinked folders are not followed: they can loop.
        if entry.is_dir(follow_symlinks=False):
            yield from _read_folder(entry.path, published)
        elif (kind := _FORMATS.get(Path(entry.name).suffix.lower())) is not None:
            yield from _read_file(entry.path, kind, published)


def _read_file(path: str, kind: str | None, published: str | None) -> Iterator[Document | IngestError]:
    if kind is None:
        known = ", ".join(sorted(suffix for suffix in _FORMATS if suffix))
        yield IngestError(path, f"unsupported file type (expected {known} or no extension)")
        return
    try:
        text = _checked_text(Path(path).read_bytes())
    except OSError as error:
        yield IngestError(path, _os_message(error))
    except InputProblem as error:
        yield IngestError(path, str(error))
    else:
        yield from _documents(text, kind, path, published)


def _read_stdin(stream: TextIO | BinaryIO, published: str | None) -> Iterator[Document | IngestError]:
    try:
        text = _checked_text(stream.read())
    except UnicodeDecodeError as error:  # raised by a text stream decoding for itself
        yield IngestError(_STDIN_SOURCE, utf8_error_message(error))
    except InputProblem as error:
        yield IngestError(_STDIN_SOURCE, str(error))
    else:
        yield from _documents(text, "jsonl" if is_jsonl(text) else "text", _STDIN_SOURCE, published)


def _checked_text(data: bytes | str) -> str:
    """Decoded, normalised text; InputProblem if binary, not UTF-8 or blank."""
    text = normalise_text(decode_bytes(data) if isinstance(data, bytes) else data)
    if not text.strip():
        raise InputProblem("empty document")
    return text


def _documents(text: str, kind: str, source: str, published: str | None) -> Iterator[Document | IngestError]:
    """The documents in one input's text; `published` (the caller's date) beats the metadata."""
    if kind in _DUMPS:
        try:
            for number, article in _DUMPS[kind](text):
                if isinstance(article, InputProblem):
                    yield IngestError(f"{source}:{number}", str(article))
                    continue
                yield document_from_text(
                    article.text,
                    id=article.id,
                    title=article.title,
                    published=published or article.published,
                    source=article.url or source,
                    outlet=article.outlet,
                )
        except InputProblem as error:  # the whole input is unusable (a CSV without "text", not a feed)
            yield IngestError(source, str(error))
    elif kind == "html":
        try:
            page = parse_html(text)
        except InputProblem as error:
            yield IngestError(source, str(error))
            return
        yield document_from_text(
            page.text, title=page.title, published=published or page.published, source=source
        )
    else:
        yield document_from_text(text, published=published, source=source)


def _os_message(error: OSError) -> str:
    if isinstance(error, PermissionError):
        return "permission denied"
    if isinstance(error, FileNotFoundError):
        return "no such file or folder"
    return f"cannot read: {error.strerror or error}"
