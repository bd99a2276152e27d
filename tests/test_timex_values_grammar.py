"""The TimeML value grammar and the typed half-specified dates that render into it."""

from __future__ import annotations

from datetime import date

import pytest

from dateline.timex.values import PartialDate, from_date, is_timeml_value, shift


@pytest.mark.parametrize("value", [
    "2018-09-26", "2018-10", "2018-W38", "2018-Q3", "2018-SU", "201", "19", "PRESENT_REF",
    "PAST_REF", "FUTURE_REF", "P3D", "PT2H", "P1W", "XXXX-10", "XXXX-WXX-3", "2018-09-27TNI",
    "2018-09-27T09:30", "BC0490", "PXY", "P1.5Y", "2000-W32-WE", "XXXX-XX-XX", "P10Y", "PT1M30S",
])
def test_valid_values(value):
    assert is_timeml_value(value)


@pytest.mark.parametrize("value", [
    "", "2018-9-26", "October", "P", "PT", "2018-W", "2018-Q5", "18-10", "2018-10-26T", "P3X",
    "PRESENT", "2018/10/26", " 2018", "2018-10-26 ",
])
def test_invalid_values(value):
    assert not is_timeml_value(value)


def test_partial_dates_render_at_their_granularity():
    assert PartialDate("month", year=2018, month=10).value() == "2018-10"
    assert PartialDate("month", month=10).value() == "XXXX-10"
    assert PartialDate("decade", decade=199).value() == "199"
    assert PartialDate("century", century=18).value() == "18"
    assert PartialDate("year", year=-489).value() == "BC0490"
    assert from_date(date(2018, 9, 27), "week").value() == "2018-W39"
    assert from_date(date(2018, 9, 27), "quarter").value() == "2018-Q3"


def test_shift_clamps_month_ends_and_reports_overflow():
    assert shift(date(2018, 1, 31), "M", 1) == date(2018, 2, 28)
    assert shift(date(9999, 12, 1), "Y", 1) is None
