"""Date expressions in news text, resolved against the story's publication date.

A resolved date is the first day of its period: the day itself, the Monday of the ISO week, the 1st
of the month, 1 January of the year. `precision` names the period, so the event lies in
[date, date + one period); "3 weeks ago" is therefore the Monday of the week three weeks back.
Relative expressions need the publication date; without one only expressions that carry a year
resolve. Nothing here reads the clock.
"""
from __future__ import annotations

import datetime
import functools
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable

import yaml
from dateparser.date import DateDataParser

_TABLE_PATH = Path(__file__).parent / "data" / "dates.yaml"
_TABLES = yaml.safe_load(_TABLE_PATH.read_text(encoding="utf-8"))
_WEEKDAYS: list[str] = _TABLES["weekdays"]
_MONTHS: dict[str, list[str]] = _TABLES["months"]
_DAY_WORDS: dict[str, int] = _TABLES["day_words"]
_NUMBER_WORDS: dict[str, int] = _TABLES["number_words"]
_WEEKDAY_INDEX = {name.lower(): index for index, name in enumerate(_WEEKDAYS)}


@dataclass(frozen=True)
class DateExpression:
    """A date expression found in a text: `text == given[start:end]`."""

    start: int
    end: int
    text: str


@dataclass(frozen=True)
class ResolvedDate:
    """A calendar date (first day of its period) and its precision (records.DATE_PRECISIONS)."""

    date: datetime.date | None
    precision: str


_UNKNOWN = ResolvedDate(None, "unknown")


def _alt(words: Iterable[str]) -> str:
    """Regex alternation of `words`, longest first, any run of spaces allowed between words."""
    escaped = (re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))
    return "|".join(escaped)


# --- finder -----------------------------------------------------------------------------------
# Month and weekday names are case-sensitive ("may" and "march" are never dates); the words around
# them are case-insensitive so a sentence may start with them.
_WD = rf"(?:{_alt(_WEEKDAYS)})\b"
_FULL_MONTH = rf"(?:{_alt(_MONTHS)})\b"
# "May" alone is mostly the verb or a name: it needs a preposition or modifier before it.
_MONTH_NOT_MAY = rf"(?:{_alt(m for m in _MONTHS if m != 'May')})\b"
_ABBREVIATION = rf"(?:{_alt(a for abbrs in _MONTHS.values() for a in abbrs)})\b\.?"
_MONTH = rf"(?:{_FULL_MONTH}|{_ABBREVIATION})"
_DAY = r"(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?\b"
_YEAR = r"(?:1[89]\d\d|20\d\d)\b"
_DAYPART = r"(?:\s+(?i:morning|afternoon|evening|night)\b)?"
_MODIFIER = r"(?i:early|late|mid)(?:-|\s+)"
_DATE = rf"(?:{_DAY}\s+(?:(?i:of)\s+)?{_MONTH}|{_MONTH}\s+{_DAY})(?:,?\s+{_YEAR})?"
# Words that place a date but stay outside its span: "since" in "since March".
_CONTEXT = r"since|until|till|by|of|from|during|before|after|through|between"
_MONTH_PREFIX = rf"(?:(?i:in|on|last|next|this)\s+(?:{_MODIFIER})?|{_MODIFIER})"

_FINDER_ALTERNATIVES = (
    # weekday: "late on Tuesday", "next Friday", "Monday morning", "on Sunday, March 3",
    # "overnight into Monday"
    rf"(?:(?i:late|early)\s+(?:(?i:on)\s+)?|(?i:overnight)\s+(?:(?i:into|on)\s+)?"
    rf"|(?i:on|last|next|this)\s+)?{_WD}{_DAYPART}"
    rf"(?:,?\s+{_DATE})?",
    # day words: "earlier today", "yesterday afternoon", "the day before"
    rf"(?:(?i:earlier|later|early|late)\s+)?(?i:{_alt(_DAY_WORDS)})\b{_DAYPART}",
    # periods: "earlier this week", "last weekend"; not "the last week of August"
    r"(?<![Tt]he )(?:(?i:earlier|later|early|late)\s+)?(?i:last|this|next)\s+"
    r"(?i:weekend|week|month|year)\b(?!\s+of\b)",
    # counts back: "two days ago", "3 weeks ago"; from the story's last date: "a day earlier"
    rf"(?i:(?:\d{{1,3}}|{_alt(_NUMBER_WORDS)})\s+(?:day|week|month|year)s?\s+(?:ago|earlier|later))\b",
    # ISO date
    r"(?:(?i:on)\s+)?(?:19|20)\d\d-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])\b(?!-)",
    # with a day: "on 3 March 2024", "Sept. 19", "Sep 19, 2023"
    rf"(?:(?i:in|on)\s+)?{_DATE}",
    # with a year: "in early September 2023"
    rf"(?:(?i:in)\s+)?(?:{_MODIFIER})?{_MONTH},?\s+{_YEAR}",
    # a bare month after a preposition or modifier: "in March", "since May", "mid-June"
    rf"(?(ctx)(?:{_MONTH_PREFIX})?|{_MONTH_PREFIX}){_FULL_MONTH}",
    # a bare month alone, but not the noun: "a March", "the March", "Women's March", "March on"
    rf"(?<!\b[Aa] )(?<!\b[Tt]he )(?<!['\u2019]s ){_MONTH_NOT_MAY}"
    r"(?!\s+(?i:on|to|for|against|in|of|through)\b)",
    # a year needs a preposition ("in 2019", "since 2014"): "2019 people" is a count
    rf"(?(ctx)|(?i:in)\s+)(?P<year>{_YEAR})",
)
# Context words stay outside the reported span; "in"/"on" belong to month and weekday spans.
_FINDER = re.compile(
    rf"\b(?:(?P<ctx>(?i:{_CONTEXT}))\s+)?"
    rf"(?P<x>{'|'.join(_FINDER_ALTERNATIVES)})"
)
# After "of"/"by" a number followed by a plural noun is a count ("a total of 2019 people").
_COUNT_AFTER = re.compile(
    rf"\s+(?:(?!(?:was|has|is|as|this|its|his|thus)\b)[a-z]+s|{_alt(_TABLES['count_nouns'])})\b"
)


def find_date_expressions(text: str) -> list[DateExpression]:
    """Date expressions in `text`, left to right, longest match first, never overlapping."""
    if not isinstance(text, str):
        raise TypeError(f"find_date_expressions: text must be str, got {type(text).__name__}")
    found = []
    for match in _FINDER.finditer(text):
        if match["year"] is None:
            start, end = match.span("x")
        elif (match["ctx"] or "").lower() in ("of", "by") and _COUNT_AFTER.match(text, match.end()):
            continue  # a count such as "of 2019 people", not a year
        else:
            start, end = match.span("year")
        found.append(DateExpression(start, end, text[start:end]))
    return found


# --- resolver ---------------------------------------------------------------------------------
# Words that do not move the date at our precisions: "late on Tuesday" is Tuesday.
_LEADING = re.compile(
    rf"\A(?:(?:on|in|at|{_CONTEXT}|earlier|later|early|late)\s+|mid(?:-|\s+)|overnight\s+(?:into\s+)?(?=\S))+"
)
_RELATIVE_DIRECTION = re.compile(r"(?P<rel>last|next|this)\s+")
_HAS_YEAR = re.compile(rf"\b{_YEAR}")
_PRECISIONS = {"time": "day", "day": "day", "week": "week", "month": "month", "year": "year"}

_DATEPARSER_SETTINGS = {
    # A fixed base, in a leap year: no answer depends on the clock and "Feb. 29" parses; a missing
    # year is chosen against the publication date by _nearest_year, not by dateparser.
    "RELATIVE_BASE": datetime.datetime(2000, 1, 1),
    "PREFER_DATES_FROM": "current_period",
    "PREFER_DAY_OF_MONTH": "first",
    "PREFER_MONTH_OF_YEAR": "first",
    "RETURN_AS_TIMEZONE_AWARE": False,
    # Relative phrases are ours (_RELATIVE_RULES); dateparser reads calendar dates only.
    "PARSERS": ["absolute-time"],
}
_WITH_YEAR = DateDataParser(
    languages=["en"], settings={**_DATEPARSER_SETTINGS, "REQUIRE_PARTS": ["year"]}
)
# Without a year "19" alone would be read as a day of the base month: require a month.
_WITHOUT_YEAR = DateDataParser(
    languages=["en"], settings={**_DATEPARSER_SETTINGS, "REQUIRE_PARTS": ["month"]}
)


def _shift(day: datetime.date, unit: str, n: int) -> datetime.date:
    """First day of the `unit` period containing `day`, moved by `n` such periods."""
    if unit == "day":
        return day + datetime.timedelta(days=n)
    if unit == "week":
        return day - datetime.timedelta(days=day.weekday()) + datetime.timedelta(weeks=n)
    if unit == "month":
        months = day.year * 12 + day.month - 1 + n
        return datetime.date(months // 12, months % 12 + 1, 1)
    return datetime.date(day.year + n, 1, 1)


def _day_word(m: re.Match, published: datetime.date, future: bool) -> ResolvedDate:
    return ResolvedDate(_shift(published, "day", _DAY_WORDS[m["word"]]), "day")


def _weekday(m: re.Match, published: datetime.date, future: bool) -> ResolvedDate:
    target = _WEEKDAY_INDEX[m["weekday"]]
    rel = m["rel"]
    if rel == "last" or (rel != "next" and not future):
        back = (published.weekday() - target) % 7 or (7 if rel == "last" else 0)
        return ResolvedDate(published - datetime.timedelta(days=back), "day")
    ahead = (target - published.weekday()) % 7 or (7 if rel == "next" else 0)
    return ResolvedDate(published + datetime.timedelta(days=ahead), "day")


def _period(m: re.Match, published: datetime.date, future: bool) -> ResolvedDate:
    unit = "week" if m["unit"] == "weekend" else m["unit"]
    step = {"last": -1, "this": 0, "next": 1}[m["rel"]]
    return ResolvedDate(_shift(published, unit, step), unit)


def _ago(m: re.Match, published: datetime.date, future: bool) -> ResolvedDate:
    count = int(m["n"]) if m["n"].isdigit() else _NUMBER_WORDS[m["n"]]
    return ResolvedDate(_shift(published, m["unit"], -count), m["unit"])


def _offset(m: re.Match, anchor: datetime.date, future: bool) -> ResolvedDate:
    count = int(m["n"]) if m["n"].isdigit() else _NUMBER_WORDS[m["n"]]
    step = -count if m["dir"] == "earlier" else count
    return ResolvedDate(_shift(anchor, m["unit"], step), m["unit"])


_Rule = Callable[[re.Match, datetime.date, bool], ResolvedDate]
_RELATIVE_RULES: tuple[tuple[re.Pattern, _Rule], ...] = (
    (re.compile(rf"(?P<word>{_alt(_DAY_WORDS)}){_DAYPART}"), _day_word),
    (
        re.compile(
            rf"(?:(?P<rel>last|next|this)\s+)?(?P<weekday>{_alt(_WEEKDAY_INDEX)})"
            rf"{_DAYPART}"
        ),
        _weekday,
    ),
    (re.compile(r"(?P<rel>last|this|next)\s+(?P<unit>weekend|week|month|year)"), _period),
    (
        re.compile(
            rf"(?P<n>\d{{1,3}}|{_alt(_NUMBER_WORDS)})\s+(?P<unit>day|week|month|year)s?\s+ago"
        ),
        _ago,
    ),
)
# Counted from the date the story last gave ("Two days earlier, settlers ..."), the publication
# date when the caller knows no other.
_ANCHORED_RULES: tuple[tuple[re.Pattern, _Rule], ...] = (
    (
        re.compile(
            rf"(?P<n>\d{{1,3}}|{_alt(_NUMBER_WORDS)})\s+(?P<unit>day|week|month|year)s?\s+(?P<dir>earlier|later)"
        ),
        _offset,
    ),
)


def _nearest_year(
    parsed: datetime.date, precision: str, published: datetime.date, forward: bool, strict: bool
) -> datetime.date:
    """`parsed` moved to the year nearest `published` on the wanted side of it."""
    anchor = _shift(published, precision, 0)
    candidates = []
    # Four years either way always reaches a leap year for "Feb. 29".
    for year in range(published.year - 4, published.year + 5):
        try:
            candidates.append(parsed.replace(year=year))
        except ValueError:
            continue
    if forward:
        return min(c for c in candidates if c > anchor or (c == anchor and not strict))
    return max(c for c in candidates if c < anchor or (c == anchor and not strict))


# dateparser costs about 0.4 ms a call and the same phrases recur across stories.
@functools.lru_cache(maxsize=4096)
def _parse(phrase: str, has_year: bool) -> ResolvedDate | None:
    """dateparser's reading of a calendar phrase (year 2000 when it has none), or None."""
    data = (_WITH_YEAR if has_year else _WITHOUT_YEAR).get_date_data(phrase)
    precision = _PRECISIONS.get(data.period or "")
    if data.date_obj is None or precision is None:
        return None
    return ResolvedDate(_shift(data.date_obj.date(), precision, 0), precision)


def _calendar(phrase: str, published: datetime.date | None, future: bool) -> ResolvedDate:
    """A date written with a month or a year, through dateparser."""
    direction = _RELATIVE_DIRECTION.match(phrase)
    rel = direction["rel"] if direction else None
    phrase = phrase[direction.end():] if direction else phrase
    has_year = _HAS_YEAR.search(phrase) is not None
    if not has_year and published is None:
        return _UNKNOWN
    parsed = _parse(phrase, has_year)
    if parsed is None:
        return _UNKNOWN
    if has_year:
        return parsed
    precision = parsed.precision
    forward = rel == "next" or (rel != "last" and future)
    strict = rel in ("last", "next")
    day = _nearest_year(parsed.date, precision, published, forward, strict)
    return ResolvedDate(day, precision)


def resolve_date(
    expression: str,
    published: datetime.date | None,
    future: bool = False,
    anchor: datetime.date | None = None,
) -> ResolvedDate:
    """The date `expression` names, read against the `published` date of its story.

    `future` says the expression's clause looks forward: a bare weekday or month then means the next
    one on or after `published` instead of the last one on or before it. `anchor` is the date the
    story last spoke of, which "two days earlier" counts from (the publication date without one).
    """
    if not isinstance(expression, str):
        raise TypeError(f"resolve_date: expression must be str, got {type(expression).__name__}")
    if published is not None and not isinstance(published, datetime.date):
        raise TypeError(
            f"resolve_date: published must be a datetime.date or None, got {published!r}"
        )
    if isinstance(published, datetime.datetime):
        published = published.date()
    phrase = _LEADING.sub("", " ".join(expression.lower().split()).strip(".,;:"), count=1)
    if not phrase:
        return _UNKNOWN
    for pattern, rule in _RELATIVE_RULES:
        match = pattern.fullmatch(phrase)
        if match:
            return _UNKNOWN if published is None else rule(match, published, future)
    for pattern, rule in _ANCHORED_RULES:
        match = pattern.fullmatch(phrase)
        if match and anchor is None and match["dir"] == "later":
            # counted forward from an unknown date: not from publication, which would make a past
            # event ("two days later, troops retook the town") a future one
            return _UNKNOWN if published is None else ResolvedDate(published, "day")
        if match:
            base = anchor or published
            return _UNKNOWN if base is None else rule(match, base, future)
    return _calendar(phrase, published, future)
