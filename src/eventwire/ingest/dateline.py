"""Datelines: the place (and sometimes the date) a wire story opens with, e.g. "KYIV, Ukraine (AP) —"."""
from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from eventwire.records import Span

from .published import normalise_date

# Upper-case letters of the Latin scripts, so "BOGOTÁ" or "SÃO PAULO" count as upper-case places.
_UPPER = "".join(c for c in map(chr, range(0x250)) if c.isupper())
# An upper-case word ("BAKU", "U.S.", "ST.", "PORT-AU-PRINCE"); the look-ahead stops "US-China" or
# "NATO's" from yielding a place that is only the start of a word.
_PLACE_WORD = rf"[{_UPPER}](?:[{_UPPER}'’.]|-[{_UPPER}])*(?![\w'’-])"
_COUNTRY_WORD = r"[A-Z][\w'’.]*(?:-[A-Z][\w'’.]*)*"
_MONTH_DAY = r"[A-Z][a-z]{2,8}\.?[ ]\d{1,2}(?:,[ ]\d{4})?"
_DAY_MONTH = r"\d{1,2}[ ][A-Z][a-z]{2,8}\.?(?:[ ]\d{4})?"
# A hyphen, en dash or colon must be followed by a space (else "US-China talks" would be a dateline);
# an em dash may be set solid ("WASHINGTON—The").
_SEPARATOR = r"[ ]*(?:—|[–-]{1,2}(?=\s|$)|:(?=\s|$))"
# After "(Reuters)" comes a dash or a new sentence: "UN (United Nations) officials" is no dateline.
_DATELINE = re.compile(
    rf"""
    (?P<place>{_PLACE_WORD}(?:[ ]{_PLACE_WORD})*)
    (?:,[ ](?P<country>{_COUNTRY_WORD}(?:[ ]{_COUNTRY_WORD})*))?
    (?:,[ ](?P<date>{_MONTH_DAY}|{_DAY_MONTH}))?
    (?:
        (?P<agency>[ ]*\([A-Za-z][^()]{{0,40}}\)(?:{_SEPARATOR}|(?=[ ]*$|[ ]+[A-Z"“])))
      | (?P<separator>{_SEPARATOR})
      | (?P<alone>[ ]*$)
    )
    """,
    re.VERBOSE,
)
# A headline often comes first (as in extracted HTML), so look a little further down.
_LINES_SEARCHED = 3


@dataclass(frozen=True)
class Dateline:
    """`place`: the place words ("KYIV, Ukraine"); `span`: the whole dateline; `date`: "YYYY-MM-DD"
    when the dateline states a full date, else None."""

    place: Span
    date: str | None
    span: Span


def find_dateline(text: str) -> Dateline | None:
    """The dateline at the start of `text`, or None.

    A place alone on the first line counts; further down (or followed by more words) the place must
    be followed by an agency in parentheses, a dash or a colon, so that a sentence opening with an
    acronym ("NATO said ...") is not taken for a dateline.
    """
    for index, (offset, line) in enumerate(_first_lines(text)):
        match = _DATELINE.match(line)
        if match is None or sum(c.isalpha() for c in match["place"]) < 2:
            continue
        if match.start("alone") != -1 and index > 0:
            continue
        place_end = match.end("country") if match["country"] else match.end("place")
        whole_end = offset + len(line[: match.end()].rstrip())
        date = normalise_date(match["date"]) if match["date"] else None
        return Dateline(
            place=Span.of(text, offset, offset + place_end),
            date=date,
            span=Span.of(text, offset, whole_end),
        )
    return None


def _first_lines(text: str) -> Iterator[tuple[int, str]]:
    """(offset, line) of the first non-blank lines, leading spaces dropped."""
    found = 0
    offset = 0
    for line in text.split("\n"):
        stripped = line.lstrip()
        if stripped.strip():
            yield offset + len(line) - len(stripped), stripped.rstrip("\r")
            found += 1
            if found == _LINES_SEARCHED:
                return
        offset += len(line) + 1
