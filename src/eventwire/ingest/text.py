"""Plain text → Document: decoding checks, newline normalisation, content hash and id."""
from __future__ import annotations

import hashlib
import logging
import unicodedata
from datetime import datetime, timezone
from urllib.parse import urlsplit

from eventwire.records import Document

from .dateline import find_dateline
from .errors import InputProblem
from .published import normalise_date

log = logging.getLogger(__name__)

# Control bytes that never occur in text (tab, newlines, vertical tab and form feed do).
_CONTROL_BYTES = bytes([*range(0, 9), *range(14, 32), 127])
_BINARY_SAMPLE = 8192
_MAX_CONTROL_SHARE = 0.1


def decode_bytes(data: bytes) -> str:
    """`data` as text; InputProblem if it is binary or not UTF-8."""
    sample = data[:_BINARY_SAMPLE]
    controls = len(sample) - len(sample.translate(None, _CONTROL_BYTES))
    if b"\0" in data or controls > _MAX_CONTROL_SHARE * len(sample):
        raise InputProblem("binary file, not text")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise InputProblem(utf8_error_message(error)) from None


def utf8_error_message(error: UnicodeDecodeError) -> str:
    """The message for undecodable bytes; the offset counts from the start of the decoded bytes."""
    return f"not valid UTF-8: invalid byte 0x{error.object[error.start]:02x} at offset {error.start}"


def normalise_text(text: str) -> str:
    """`text` without a leading BOM and with \\r\\n and \\r turned into \\n; nothing else changes,
    because every offset downstream indexes the stored text."""
    return text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")


def content_hash(text: str) -> str:
    """sha256 hex of the NFC text with whitespace runs collapsed, so a re-ingested copy that differs
    only in spacing or Unicode composition is recognised."""
    canonical = " ".join(unicodedata.normalize("NFC", text).split())
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def document_from_text(
    text: str,
    *,
    id: str | None = None,
    title: str | None = None,
    published: str | None = None,
    source: str | None = None,
    outlet: str | None = None,
) -> Document:
    """A Document for `text`; `published` is a metadata date in any accepted form.

    The publication date is `published` normalised, else the date written in the dateline, else None;
    an unparseable `published` is logged and treated as absent. The outlet is `outlet`, else the host
    of a `source` URL ("www." dropped), else None.
    """
    text = normalise_text(text)
    digest = content_hash(text)
    dateline = find_dateline(text)
    date = normalise_date(published) if published else None
    if published and date is None:
        log.warning("%s: unparseable publication date %r ignored", source or id or "<text>", published)
    if date is None and dateline is not None:
        date = dateline.date
    return Document(
        id=id if id is not None else "doc-" + digest[:16],
        text=text,
        content_hash=digest,
        source=source,
        title=title,
        published=date,
        dateline=dateline.place if dateline else None,
        language="en",
        ingested_at=datetime.now(timezone.utc).isoformat(timespec="seconds"),
        outlet=outlet or _host(source),
    )


def _host(source: str | None) -> str | None:
    if not source or "://" not in source:
        return None
    host = urlsplit(source).hostname
    return host.removeprefix("www.") if host else None
