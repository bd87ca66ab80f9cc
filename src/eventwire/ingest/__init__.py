"""Inputs (files, folders, stdin; text, HTML, JSONL, CSV, RSS/Atom feeds) → `Document` records, with datelines.

Bad input never raises: `read_documents` yields an `IngestError` for it and carries on.
"""
from .dateline import Dateline, find_dateline
from .errors import IngestError
from .reader import read_documents
from .text import document_from_text

__all__ = ["Dateline", "IngestError", "document_from_text", "find_dateline", "read_documents"]
