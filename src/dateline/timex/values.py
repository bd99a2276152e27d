"""TimeML values as small typed objects, and the calendar arithmetic that resolves them.

A time expression is first turned into a :class:`PartialDate` (a year, maybe a month, a week,
a quarter ... with its granularity, any of them unknown) and only rendered to the TimeML string
at the very end, so no value string is ever parsed back. :func:`is_timeml_value` checks the
TimeML 1.2 value grammar (TempEval-3 flavour) and is the contract every produced value meets.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

Granularity = Literal["century", "decade", "year", "half", "quarter", "season", "month", "week",
                      "weekend", "day", "partofday", "time"]

#: Order from the coarsest to the finest, to compare granularities.
GRANULARITY_ORDER: tuple[str, ...] = ("century", "decade", "year", "half", "quarter", "season",
                                      "month", "week", "weekend", "day", "partofday", "time")

SEASONS = ("SP", "SU", "FA", "WI")
PARTS_OF_DAY = ("MO", "MI", "AF", "EV", "NI", "DT")

_YEAR = r"(?:\d{4}|XXXX|BC\d{4})"
_DATE_VALUE = re.compile(
    rf"""^(?:
        \d{{2}}|\d{{3}}|BC\d{{2,3}}                                   # century, decade
      | {_YEAR}
      | {_YEAR}-(?:H[12]|Q[1-4]|SP|SU|FA|WI|Q[X]|HX)                 # half, quarter, season
      | {_YEAR}-(?:\d{{2}}|XX)                                        # month
      | {_YEAR}-W(?:\d{{2}}|XX)(?:-WE|-[1-7])?                        # week, weekend, week day
      | {_YEAR}-(?:\d{{2}}|XX)-(?:\d{{2}}|XX)                          # day
    )
    (?:T(?:MO|MI|AF|EV|NI|DT|\d{{2}}(?::\d{{2}}(?::\d{{2}})?)?))?      # part of day / clock time
    $""",
    re.VERBOSE,
)
_DURATION_VALUE = re.compile(
    r"^P(?:(?:\d+(?:\.\d+)?|X)(?:Y|M|W|D|DE|CE|ML|Q|H|L|WE))*"
    r"(?:T(?:(?:\d+(?:\.\d+)?|X)[HMS])+)?$"
)
_REF_VALUES = frozenset({"PRESENT_REF", "PAST_REF", "FUTURE_REF"})


def is_timeml_value(value: str) -> bool:
    """True when ``value`` is a well-formed TimeML (TIMEX3) value string.

    Accepts dates of any granularity with ``X`` for unknown digits, ``BC`` years, weeks,
    seasons, quarters, halves, parts of day and clock times, durations (``P3D``, ``PT2H``,
    ``PXY``) and the three ``*_REF`` values; anything else is rejected.
    """
    if not isinstance(value, str) or not value:
        return False
    if value in _REF_VALUES:
        return True
    if value.startswith("P"):
        return value != "P" and value != "PT" and bool(_DURATION_VALUE.match(value))
    return bool(_DATE_VALUE.match(value))


@dataclass(frozen=True)
class PartialDate:
    """A calendar date known only in part, with the granularity the text gave.

    ``None`` fields are unknown and render as ``X``; ``granularity`` says which fields matter
    (``October`` is a month even if a day could be guessed). ``week`` is an ISO week number,
    ``part_of_day`` one of :data:`PARTS_OF_DAY`, ``time`` an ``HH:MM`` string.
    """

    granularity: Granularity
    year: int | None = None
    month: int | None = None
    day: int | None = None
    week: int | None = None
    weekday: int | None = None
    quarter: int | None = None
    half: int | None = None
    season: str | None = None
    part_of_day: str | None = None
    time: str | None = None
    decade: int | None = None
    century: int | None = None

    def value(self) -> str:
        """The TimeML value string."""
        return render(self)

    def as_date(self) -> date | None:
        """A concrete representative day, when year (and for finer granularities the rest) is known.

        Used as the anchor of later expressions in a narrative; coarse values give their first day.
        """
        if self.year is None or self.year < 1:
            return None
        try:
            if self.day is not None and self.month is not None:
                return date(self.year, self.month, self.day)
            if self.week is not None:
                return date.fromisocalendar(self.year, self.week, self.weekday or 1)
            if self.month is not None:
                return date(self.year, self.month, 1)
            if self.quarter is not None:
                return date(self.year, 3 * self.quarter - 2, 1)
            if self.half is not None:
                return date(self.year, 6 * self.half - 5, 1)
            return date(self.year, 1, 1)
        except ValueError:
            return None


def _year(year: int | None) -> str:
    if year is None:
        return "XXXX"
    if year <= 0:
        return f"BC{1 - year:04d}"
    return f"{year:04d}" if year < 10000 else "XXXX"


def _two(n: int | None) -> str:
    return "XX" if n is None else f"{n:02d}"


def render(p: PartialDate) -> str:
    """Render a partial date at its granularity (the only place value strings are built)."""
    g = p.granularity
    if g == "century":
        return _two(p.century)
    if g == "decade":
        return "XXX" if p.decade is None else f"{p.decade:03d}"
    y = _year(p.year)
    if g == "year":
        return y
    if g == "half":
        return f"{y}-H{p.half or 'X'}"
    if g == "quarter":
        return f"{y}-Q{p.quarter or 'X'}"
    if g == "season":
        return f"{y}-{p.season}"
    if g == "month":
        return f"{y}-{_two(p.month)}"
    if g in ("week", "weekend"):
        base = f"{y}-W{_two(p.week)}"
        return base + "-WE" if g == "weekend" else base
    day = f"{y}-{_two(p.month)}-{_two(p.day)}"
    if p.month is None and p.day is None and p.week is not None and p.weekday is not None:
        day = f"{y}-W{_two(p.week)}-{p.weekday}"
    if g == "day":
        return day
    if g == "partofday":
        return f"{day}T{p.part_of_day or 'DT'}"
    return f"{day}T{p.time or 'XX'}"


def from_date(d: date, granularity: str) -> PartialDate:
    """A concrete date seen at ``granularity`` (``2018-09-27`` as a week is ``2018-W39``)."""
    if granularity == "century":
        return PartialDate("century", century=(d.year - 1) // 100 if d.year % 100 == 0 else d.year // 100)
    if granularity == "decade":
        return PartialDate("decade", decade=d.year // 10)
    if granularity in ("week", "weekend"):
        iso = d.isocalendar()
        return PartialDate(granularity, year=iso[0], week=iso[1])  # type: ignore[arg-type]
    if granularity == "quarter":
        return PartialDate("quarter", year=d.year, quarter=(d.month - 1) // 3 + 1)
    if granularity == "half":
        return PartialDate("half", year=d.year, half=1 if d.month <= 6 else 2)
    if granularity == "season":
        return PartialDate("season", year=d.year, season=season_of(d.month))
    if granularity == "month":
        return PartialDate("month", year=d.year, month=d.month)
    if granularity == "year":
        return PartialDate("year", year=d.year)
    return PartialDate("day", year=d.year, month=d.month, day=d.day)


def season_of(month: int) -> str:
    """Northern-hemisphere meteorological season of a month (news convention)."""
    return ("WI", "WI", "SP", "SP", "SP", "SU", "SU", "SU", "FA", "FA", "FA", "WI")[month - 1]


def add_months(d: date, months: int) -> date:
    """``d`` moved by whole months, the day clamped to the month's length."""
    total = d.year * 12 + d.month - 1 + months
    year, month = divmod(total, 12)
    if year < 1 or year > 9999:
        raise OverflowError("date out of range")
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(d.day, last))


#: Calendar units as (days, months) steps.
UNIT_STEPS: dict[str, tuple[int, int]] = {
    "D": (1, 0), "W": (7, 0), "WE": (7, 0), "M": (0, 1), "Q": (0, 3), "H": (0, 6),
    "Y": (0, 12), "DE": (0, 120), "CE": (0, 1200),
}

UNIT_GRANULARITY: dict[str, str] = {
    "D": "day", "W": "week", "WE": "weekend", "M": "month", "Q": "quarter", "H": "half",
    "Y": "year", "DE": "decade", "CE": "century",
}


def shift(d: date, unit: str, n: int) -> date | None:
    """``d`` moved by ``n`` calendar units; ``None`` when that leaves the calendar."""
    days, months = UNIT_STEPS[unit]
    try:
        if months:
            return add_months(d, months * n)
        return d + timedelta(days=days * n)
    except (OverflowError, ValueError):
        return None


def valid_day(year: int | None, month: int, day: int) -> bool:
    """Whether ``day`` exists in ``month`` (of ``year``, or of a leap year when unknown)."""
    if not 1 <= month <= 12 or day < 1:
        return False
    return day <= calendar.monthrange(year if year and 1 <= year <= 9999 else 2000, month)[1]

