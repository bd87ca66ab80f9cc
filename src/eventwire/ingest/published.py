"""Publication dates from metadata or datelines, normalised to "YYYY-MM-DD"."""
from __future__ import annotations

import dateparser

# Only absolute dates with day, month and year: a relative or partial date ("yesterday",
# "Jan. 5") would have to be guessed against today, which is exactly what we must not do.
_SETTINGS = {
    "PARSERS": ["absolute-time"],
    "STRICT_PARSING": True,
    "REQUIRE_PARTS": ["day", "month", "year"],
    "RETURN_AS_TIMEZONE_AWARE": False,
}


def normalise_date(value: str) -> str | None:
    """`value` (ISO date or datetime, "September 20, 2023", RFC 2822...) as "YYYY-MM-DD", else None.

    A datetime with a time zone keeps the calendar date as written (the publisher's local day).
    """
    parsed = dateparser.parse(value.strip(), languages=["en"], settings=_SETTINGS)
    return parsed.date().isoformat() if parsed else None
