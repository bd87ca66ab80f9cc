"""Date expressions: finding them in sentences and resolving them against a publication date."""
import datetime
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from eventwire.dates import (
    DateExpression,
    ResolvedDate,
    find_date_expressions,
    resolve_date,
)
from eventwire.records import DATE_PRECISIONS

WEDNESDAY = datetime.date(2023, 9, 20)
D = datetime.date


@pytest.mark.parametrize(
    "expression, future, expected, precision",
    [
        ("Tuesday", False, D(2023, 9, 19), "day"),
        ("Wednesday", False, D(2023, 9, 20), "day"),
        ("Wednesday", True, D(2023, 9, 20), "day"),
        ("Thursday", True, D(2023, 9, 21), "day"),
        ("Thursday", False, D(2023, 9, 14), "day"),
        ("on Tuesday", False, D(2023, 9, 19), "day"),
        ("late on Tuesday night", False, D(2023, 9, 19), "day"),
        ("Monday morning", False, D(2023, 9, 18), "day"),
        ("last Tuesday", False, D(2023, 9, 19), "day"),
        ("last Wednesday", False, D(2023, 9, 13), "day"),
        ("next Friday", False, D(2023, 9, 22), "day"),
        ("next Wednesday", False, D(2023, 9, 27), "day"),
        ("last week", False, D(2023, 9, 11), "week"),
        ("this week", False, D(2023, 9, 18), "week"),
        ("earlier this week", False, D(2023, 9, 18), "week"),
        ("next week", False, D(2023, 9, 25), "week"),
        ("last weekend", False, D(2023, 9, 11), "week"),
        ("yesterday", False, D(2023, 9, 19), "day"),
        ("yesterday afternoon", False, D(2023, 9, 19), "day"),
        ("tomorrow", False, D(2023, 9, 21), "day"),
        ("today", False, D(2023, 9, 20), "day"),
        ("earlier today", False, D(2023, 9, 20), "day"),
        ("overnight", False, D(2023, 9, 20), "day"),
        ("tonight", False, D(2023, 9, 20), "day"),
        ("this morning", False, D(2023, 9, 20), "day"),
        ("last night", False, D(2023, 9, 19), "day"),
        ("the previous day", False, D(2023, 9, 19), "day"),
        ("the day before", False, D(2023, 9, 19), "day"),
        ("the day before yesterday", False, D(2023, 9, 18), "day"),
        ("last month", False, D(2023, 8, 1), "month"),
        ("earlier this month", False, D(2023, 9, 1), "month"),
        ("next month", False, D(2023, 10, 1), "month"),
        ("in March", False, D(2023, 3, 1), "month"),
        ("in March", True, D(2024, 3, 1), "month"),
        ("mid-March", False, D(2023, 3, 1), "month"),
        ("in September", True, D(2023, 9, 1), "month"),
        ("last September", False, D(2022, 9, 1), "month"),
        ("next September", False, D(2024, 9, 1), "month"),
        ("last year", False, D(2022, 1, 1), "year"),
        ("this year", False, D(2023, 1, 1), "year"),
        ("next year", False, D(2024, 1, 1), "year"),
        ("in 2019", False, D(2019, 1, 1), "year"),
        ("two days ago", False, D(2023, 9, 18), "day"),
        # N weeks/months/years ago: the first day of that week/month/year (module docstring).
        ("3 weeks ago", False, D(2023, 8, 28), "week"),
        ("a month ago", False, D(2023, 8, 1), "month"),
        ("a year ago", False, D(2022, 1, 1), "year"),
        ("Sept. 19", False, D(2023, 9, 19), "day"),
        ("Sept. 21", False, D(2022, 9, 21), "day"),
        ("Sept. 21", True, D(2023, 9, 21), "day"),
        ("Sept. 20", True, D(2023, 9, 20), "day"),
        ("3rd of March", False, D(2023, 3, 3), "day"),
        ("on Sunday, March 3", False, D(2023, 3, 3), "day"),
        ("Feb. 29", False, D(2020, 2, 29), "day"),
        ("September 2023", False, D(2023, 9, 1), "month"),
        ("September 19, 2023", False, D(2023, 9, 19), "day"),
        ("Sep 19, 2023", False, D(2023, 9, 19), "day"),
        ("3 March 2024", False, D(2024, 3, 3), "day"),
        ("2023-09-19", False, D(2023, 9, 19), "day"),
        ("Dec.", False, D(2022, 12, 1), "month"),
        ("yesterday.", False, D(2023, 9, 19), "day"),
    ],
)
def test_resolve_against_a_wednesday(expression, future, expected, precision):
    assert resolve_date(expression, WEDNESDAY, future) == ResolvedDate(expected, precision)


@pytest.mark.parametrize("expression", ["", "   ", ".", "blah", "soon", "19", "the 2019 elections"])
def test_unparseable_is_unknown(expression):
    assert resolve_date(expression, WEDNESDAY) == ResolvedDate(None, "unknown")


RELATIVE = ["Tuesday", "last Friday", "yesterday", "tonight", "last week", "this month",
            "in March", "Sept. 19", "last year", "two days ago", "a month ago"]
ABSOLUTE = ["September 19, 2023", "September 2023", "in 2019", "2023-09-19", "3 March 2024"]


@pytest.mark.parametrize("expression", RELATIVE)
def test_relative_without_publication_date_is_unknown(expression):
    # Nothing falls back on the clock: no publication date, no date.
    assert resolve_date(expression, None) == ResolvedDate(None, "unknown")
    assert resolve_date(expression, None, future=True) == ResolvedDate(None, "unknown")


@pytest.mark.parametrize("expression", ABSOLUTE)
def test_absolute_dates_ignore_the_publication_date(expression):
    alone = resolve_date(expression, None)
    assert alone.date is not None
    assert resolve_date(expression, WEDNESDAY) == alone
    assert resolve_date(expression, D(1990, 1, 1), future=True) == alone


def test_no_code_path_reads_the_clock():
    source = (Path(__file__).parents[1] / "src/eventwire/dates.py").read_text(encoding="utf-8")
    assert "today()" not in source and "now()" not in source


def test_bad_arguments_are_named():
    with pytest.raises(TypeError, match="published"):
        resolve_date("Tuesday", "2023-09-20")
    with pytest.raises(TypeError, match="expression"):
        resolve_date(None, WEDNESDAY)
    with pytest.raises(TypeError, match="text"):
        find_date_expressions(b"Tuesday")


@given(st.dates(D(1950, 1, 1), D(2080, 12, 31)), st.sampled_from(RELATIVE), st.booleans())
@settings(max_examples=200, deadline=None)
def test_relative_dates_start_their_period(published, expression, future):
    resolved = resolve_date(expression, published, future)
    assert resolved.precision in DATE_PRECISIONS and resolved.date is not None
    if resolved.precision == "week":
        assert resolved.date.weekday() == 0
    if resolved.precision in ("month", "year"):
        assert resolved.date.day == 1
    if future and expression in ("Tuesday", "in March", "Sept. 19"):
        assert resolved.date >= published.replace(day=1)
    if not future and expression in ("Tuesday", "Sept. 19", "yesterday"):
        assert resolved.date <= published


# --- finder -----------------------------------------------------------------------------------

@pytest.mark.parametrize(
    "sentence, found",
    [
        ("Rebels attacked the town on Tuesday, officials said.", ["on Tuesday"]),
        ("Late Tuesday night troops withdrew.", ["Late Tuesday night"]),
        ("Talks resume next Friday.", ["next Friday"]),
        ("The strike happened last Tuesday and early on Sunday.",
         ["last Tuesday", "early on Sunday"]),
        ("Monday morning was calm.", ["Monday morning"]),
        ("Today the minister said yesterday's vote and tomorrow's debate matter.",
         ["Today", "yesterday", "tomorrow"]),
        ("Shelling went on overnight and resumes tonight.", ["overnight", "tonight"]),
        ("This morning police said earlier today that on Sunday, March 3 a crowd gathered.",
         ["This morning", "earlier today", "on Sunday, March 3"]),
        ("Last week and this week, next week, earlier this week, last weekend.",
         ["Last week", "this week", "next week", "earlier this week", "last weekend"]),
        ("It fell last month, rose this month, earlier this month, next month.",
         ["last month", "this month", "earlier this month", "next month"]),
        ("Last year, this year and next year.", ["Last year", "this year", "next year"]),
        ("two days ago, 3 weeks ago, a month ago, a year ago.",
         ["two days ago", "3 weeks ago", "a month ago", "a year ago"]),
        ("He arrived the previous day; she left the day before.",
         ["the previous day", "the day before"]),
        ("March was quiet, unlike in March 2022.", ["March", "in March 2022"]),
        ("Polls close March 3 or on 3 March 2024.", ["March 3", "on 3 March 2024"]),
        ("Filed Sept. 19 and Sep 19, 2023, in September 2023.",
         ["Sept. 19", "Sep 19, 2023", "in September 2023"]),
        ("It started on 2023-09-19.", ["on 2023-09-19"]),
        ("In 2019 and since 2014 it grew.", ["2019", "2014"]),
        ("Prices have risen since March.", ["March"]),
        ("In May they met; since May; by May; May 5; May 2024.",
         ["In May", "May", "May", "May 5", "May 2024"]),
        ("Fighting peaked in mid-March and again in early April 2022.",
         ["in mid-March", "in early April 2022"]),
        ("Bloody Sunday is remembered.", ["Sunday"]),
        ("Fighting resumed on Friday 3 people died.", ["on Friday"]),
    ],
)
def test_finder_positives(sentence, found):
    assert [e.text for e in find_date_expressions(sentence)] == found


@pytest.mark.parametrize(
    "sentence",
    [
        "You may go, and they may not.",
        "Prime Minister May spoke.",
        "a protest march; they marched through the square.",
        "The March drew thousands at the Women's March.",
        "The March on Washington was huge.",
        "2019 people died.",
        "A total of 2019 people were counted.",
        "Over the past week prices rose.",
        "Sundays are quiet.",
        "The vote took 1999 hours.",
    ],
)
def test_finder_negatives(sentence):
    assert find_date_expressions(sentence) == []


def test_the_last_week_of_a_month_is_the_month():
    assert [e.text for e in find_date_expressions("in the last week of August")] == ["August"]


def test_offsets_point_into_the_text():
    text = ("Late on Tuesday, Sept. 19, 2023, police said that since 2014 and\n"
            "last  week \u2014 yesterday.")
    found = find_date_expressions(text)
    assert [e.text for e in found] == [
        "Late on Tuesday, Sept. 19, 2023", "2014", "last  week", "yesterday"
    ]
    for expression in found:
        assert text[expression.start:expression.end] == expression.text
    assert found[1] == DateExpression(text.index("2014"), text.index("2014") + 4, "2014")


WORDS = ["on", "Tuesday", "last", "week", "in", "March", "May", "3", "2019", "since", "ago", "two",
         "days", "Sept.", "19,", "yesterday", "the", "day", "before", "-", "\u00e9t\u00e9", "\n"]


@given(st.lists(st.sampled_from(WORDS), max_size=30))
@settings(max_examples=300, deadline=None)
def test_found_expressions_are_ordered_disjoint_slices(words):
    text = " ".join(words)
    found = find_date_expressions(text)
    for expression in found:
        assert text[expression.start:expression.end] == expression.text
        assert expression.text == expression.text.strip()
    assert all(a.end <= b.start for a, b in zip(found, found[1:]))


def test_found_expressions_resolve():
    text = "On Sunday, March 3 and two days ago, next Friday, in 2019, late last week."
    resolved = [resolve_date(e.text, WEDNESDAY) for e in find_date_expressions(text)]
    assert [r.precision for r in resolved] == ["day", "day", "day", "year", "week"]


@pytest.mark.parametrize(
    "expression, expected",
    [
        ("overnight into Monday", D(2023, 9, 18)),
        ("overnight on Sunday", D(2023, 9, 17)),
        ("Two days earlier", D(2023, 9, 18)),
        ("a day earlier", D(2023, 9, 19)),
        # forward from an unknown date: the publication day, never a future one
        ("three days later", D(2023, 9, 20)),
    ],
)
def test_overnight_and_counted_days(expression, expected):
    assert resolve_date(expression, WEDNESDAY) == ResolvedDate(expected, "day")


def test_counted_days_start_from_the_anchor():
    # "Strikes hit the town on Sunday. A day earlier, ...": counted from Sunday, not publication
    assert resolve_date("a day earlier", WEDNESDAY, anchor=D(2023, 9, 17)) == ResolvedDate(D(2023, 9, 16), "day")
    assert resolve_date("two weeks earlier", WEDNESDAY, anchor=D(2023, 9, 17)) == ResolvedDate(D(2023, 8, 28), "week")
    assert resolve_date("two days later", WEDNESDAY, anchor=D(2023, 9, 11)) == ResolvedDate(D(2023, 9, 13), "day")
    assert resolve_date("two days earlier", None) == ResolvedDate(None, "unknown")


def test_finds_overnight_weekdays_and_counted_days():
    text = "Jets struck overnight into Monday. Two days earlier, shelling went on overnight."
    assert [e.text for e in find_date_expressions(text)] == ["overnight into Monday", "Two days earlier", "overnight"]
