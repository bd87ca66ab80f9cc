"""Exports of the store in the formats analysts use: PLOVER JSONL (mentions), ACLED CSV and GeoJSON
(merged events), Parquet (the events, mentions and documents tables). The same `EventFilter` selects
what goes out everywhere (the CLI's flags, the API's query).

`write(store, format, filters, stream)` writes one export to a binary stream (what `GET /export/{format}`
sends; Parquet, being three tables, goes as a zip of the three files); `write_path` writes to a file, or
for Parquet to a folder of three files.
"""
from __future__ import annotations

import shutil
import tempfile
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from eventwire.store import EventFilter, Store

from .acled import COLUMNS as ACLED_COLUMNS
from .acled import acled_csv
from .geojson import geojson_text
from .plover import plover_lines

FORMATS = ("plover", "acled", "geojson", "parquet")
MEDIA_TYPES = {"plover": "application/x-ndjson", "acled": "text/csv; charset=utf-8",
               "geojson": "application/geo+json", "parquet": "application/zip"}
FILE_NAMES = {"plover": "mentions.jsonl", "acled": "events.csv", "geojson": "events.geojson",
              "parquet": "eventwire-parquet.zip"}

__all__ = ["ACLED_COLUMNS", "FILE_NAMES", "FORMATS", "MEDIA_TYPES", "text_chunks", "write",
           "write_path"]


def text_chunks(store: Store, format: str, filters: EventFilter) -> Iterator[str]:
    """The text of a text export (plover, acled, geojson) in chunks, streamed from the store."""
    if format == "plover":
        return plover_lines(store.mentions(filters))
    if format == "acled":
        return acled_csv(store.iter_events(filters))
    if format == "geojson":
        return geojson_text(store.iter_events(filters))
    raise ValueError(f"unknown text export format {format!r} (expected plover, acled or geojson)")


def write(store: Store, format: str, filters: EventFilter, stream: BinaryIO) -> None:
    """Write the `format` export of the events `filters` allows to `stream` (Parquet: a zip of the three
    tables)."""
    if format == "parquet":
        with tempfile.TemporaryDirectory(prefix="eventwire-parquet-") as folder:
            with zipfile.ZipFile(stream, "w", zipfile.ZIP_STORED) as archive:  # Parquet is compressed
                for path in store.copy_parquet(Path(folder), filters):
                    archive.write(path, path.name)
        return
    for chunk in text_chunks(store, format, filters):
        stream.write(chunk.encode("utf-8"))


def write_path(store: Store, format: str, filters: EventFilter, out: Path) -> list[Path]:
    """Write the export to `out` (for Parquet a folder: out/events.parquet, mentions.parquet,
    documents.parquet); the files written. A file is written whole or not at all."""
    if format == "parquet":
        return store.copy_parquet(out, filters)
    out.parent.mkdir(parents=True, exist_ok=True)
    partial = out.with_name(out.name + ".partial")
    with partial.open("wb") as stream:
        write(store, format, filters, stream)
    shutil.move(partial, out)
    return [out]
