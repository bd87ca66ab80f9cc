"""Keyset pagination: sort orders and the opaque cursors that continue them.

A cursor holds the sort key and id of the last row of a page; the next page is the rows after that key
in (key, id) order. Unlike an offset, this stays correct while rows are added and costs the same on
page 1 and page 10,000.
"""
from __future__ import annotations

import base64
import binascii
import datetime as dt
import json
from dataclasses import dataclass

from .query import FilterError

MAX_PAGE_SIZE = 500
_NO_DATE = "0001-01-01"  # sorts undated events first (ascending) or last (descending)
# sort name → (SQL key, kind of value); the keys are never NULL, so (key, id) is a total order.
_KEYS = {
    "date": (f"coalesce(date, DATE '{_NO_DATE}')", "date"),
    "first_reported": (f"coalesce(first_reported, DATE '{_NO_DATE}')", "date"),
    "confidence": ("confidence", "float"),
    "num_mentions": ("num_mentions", "int"),
    "num_sources": ("num_sources", "int"),
}
SORTS = tuple(s for name in _KEYS for s in (name, "-" + name))


@dataclass
class Page:
    items: list[dict]
    next_cursor: str | None


@dataclass(frozen=True)
class Order:
    """A sort order: `sort` is a name of `_KEYS`, "-" in front for descending."""

    sort: str

    def __post_init__(self) -> None:
        if self.sort not in SORTS:
            raise FilterError(f"unknown sort {self.sort!r} (expected one of {', '.join(SORTS)})")

    @property
    def _key(self) -> tuple[str, str]:
        return _KEYS[self.sort.removeprefix("-")]

    @property
    def descending(self) -> bool:
        return self.sort.startswith("-")

    def order_by(self) -> str:
        direction = "DESC" if self.descending else "ASC"
        return f"{self._key[0]} {direction}, id {direction}"

    def key_columns(self) -> str:
        return f"{self._key[0]} AS sort_key"

    def after(self, cursor: str) -> tuple[str, list]:
        """(SQL condition, parameters) for the rows after `cursor`; FilterError if it is not one of ours."""
        try:
            sort, value, last_id = json.loads(base64.urlsafe_b64decode(cursor.encode("ascii")))
            if sort != self.sort or not isinstance(last_id, str):
                raise ValueError
            value = self._value(value)
        except (ValueError, TypeError, binascii.Error, UnicodeError):
            raise FilterError(f"invalid cursor {cursor!r} for sort {self.sort!r}") from None
        key, op = self._key[0], "<" if self.descending else ">"
        return f"({key} {op} ? OR ({key} = ? AND id {op} ?))", [value, value, last_id]

    def cursor(self, sort_key, last_id: str) -> str:
        value = sort_key.isoformat() if isinstance(sort_key, dt.date) else sort_key
        return base64.urlsafe_b64encode(json.dumps([self.sort, value, last_id]).encode()).decode("ascii")

    def _value(self, value):
        kind = self._key[1]
        if kind == "date":
            return dt.date.fromisoformat(value)
        if kind == "int" and isinstance(value, int) and not isinstance(value, bool):
            return value
        if kind == "float" and isinstance(value, (int, float)) and not isinstance(value, bool):
            return float(value)
        raise ValueError(value)


def page_size(limit: int) -> int:
    """`limit` capped at MAX_PAGE_SIZE; FilterError below 1."""
    if not isinstance(limit, int) or limit < 1:
        raise FilterError(f"limit must be a whole number from 1 to {MAX_PAGE_SIZE}, got {limit!r}")
    return min(limit, MAX_PAGE_SIZE)
