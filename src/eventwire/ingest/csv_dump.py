"""CSV dumps: a header row naming the columns, "text" required, "id", "title", "published", "url" and
"source" (the outlet) optional, other columns ignored; one article per row."""
from __future__ import annotations

import csv
import io
from collections.abc import Iterator

from .article import Article, article_from_fields
from .errors import InputProblem


def csv_rows(text: str) -> Iterator[tuple[int, Article | InputProblem]]:
    """(line number where the row starts, its article or what is wrong with it) for each data row.

    InputProblem at once if the header has no "text" column; a bad row is reported and the next read.
    """
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = [name.strip().lower() for name in next(reader, [])]
    except csv.Error as error:
        raise InputProblem(f"unreadable CSV header: {error}") from None
    if "text" not in header:
        raise InputProblem('no "text" column in the CSV header')
    while True:
        start = reader.line_num + 1  # a quoted field may span lines: the row is named by its first
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            yield start, InputProblem(f"unreadable CSV row: {error}")
            continue
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(header):
            yield start, InputProblem(f"expected {len(header)} fields as in the header, got {len(row)}")
            continue
        try:
            yield start, article_from_fields(dict(zip(header, row)))
        except InputProblem as error:
            yield start, error
