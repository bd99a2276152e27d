"""Year completion, the reference-date rule (dateline, else metadata, else none) and the seed."""

from __future__ import annotations

import re
from datetime import date, datetime

import pytest

from dateline.document import NO_REFERENCE_WARNING, DocumentInfo, complete_year, parse_dateline, \
    resolve_reference
from dateline.types import Article


def _article(text: str, metadata_date: date | None, warnings: tuple[str, ...] = ()) -> Article:
    return Article(id="x", text=text, origin="test", metadata_date=metadata_date, warnings=warnings)


@pytest.mark.parametrize(("month", "day", "metadata", "expected"), [
    (12, 30, date(2019, 1, 2), date(2018, 12, 30)),   # dateline written before new year, published after
    (1, 2, date(2018, 12, 30), date(2019, 1, 2)),     # dateline after new year, metadata before
    (9, 27, date(2018, 9, 21), date(2018, 9, 27)),    # the seed
    (6, 15, date(2018, 6, 10), date(2018, 6, 15)),    # same year, no boundary
    (2, 29, date(2020, 3, 1), date(2020, 2, 29)),     # leap day in a leap year
    (2, 29, date(2020, 8, 1), date(2020, 2, 29)),     # leap day, metadata later in the year
])
def test_document_reference_year_completion(month, day, metadata, expected):
    assert complete_year(month, day, metadata) == expected


def test_document_reference_year_completion_needs_metadata():
    assert complete_year(9, 27, None) is None


def test_document_reference_impossible_day_is_none():
    assert complete_year(2, 30, date(2019, 2, 1)) is None
    assert complete_year(2, 29, date(2022, 6, 1)) is None  # 2021, 2022, 2023: no leap day
    assert complete_year(2, 29, date(2021, 2, 1)) is None  # 2020-02-29 is almost a year away


def test_document_reference_dateline_across_year_boundary():
    info = resolve_reference(_article("BEIJING, Dec. 31 (Xinhua) -- China said", date(2019, 1, 1)))
    assert info.reference_date == date(2018, 12, 31)
    assert info.reference_date_source == "dateline"
    assert any("2018-12-31" in w and "2019-01-01" in w and "1 day;" in w for w in info.warnings)


def test_document_reference_dateline_wins_and_warns_with_gap():
    info = resolve_reference(_article("LONDON, 2 March 2021 (Reuters) - Britain", date(2021, 3, 12)))
    assert info.reference_date == date(2021, 3, 2)
    assert info.reference_date_source == "dateline"
    assert info.warnings == ("dateline date 2021-03-02 disagrees with metadata date 2021-03-12 by 10 days; "
                             "using the dateline date",)


def test_document_reference_agreeing_dates_give_no_warning():
    info = resolve_reference(_article("MOSCOW, Feb 24 (Reuters) - Russia", date(2022, 2, 24)))
    assert info.reference_date == date(2022, 2, 24)
    assert info.reference_date_source == "dateline"
    assert info.warnings == ()


def test_document_reference_dateline_without_date_uses_metadata():
    info = resolve_reference(_article("WASHINGTON (Reuters) - The Fed", date(2020, 5, 5)))
    assert info.dateline is not None and info.dateline.place == "WASHINGTON"
    assert info.reference_date == date(2020, 5, 5)
    assert info.reference_date_source == "metadata"
    assert info.warnings == ()


def test_document_reference_no_dateline_uses_metadata():
    info = resolve_reference(_article("The president said on Monday that", date(2020, 5, 5)))
    assert info == DocumentInfo(None, date(2020, 5, 5), "metadata", ())


def test_document_reference_no_date_at_all():
    info = resolve_reference(_article("The president said on Monday that", None))
    assert info.reference_date is None
    assert info.reference_date_source == "none"
    assert info.warnings == (NO_REFERENCE_WARNING,)


def test_document_reference_yearless_dateline_without_metadata():
    info = resolve_reference(_article("LONDON, Jan. 5 (AFP) - Police", None))
    assert info.dateline is not None
    assert info.dateline.date_text == "Jan. 5" and info.dateline.date is None
    assert info.reference_date is None and info.reference_date_source == "none"
    assert any("'Jan. 5'" in w and "year is unknown" in w for w in info.warnings)
    assert info.warnings[-1] == NO_REFERENCE_WARNING


def test_document_reference_dated_dateline_without_metadata():
    info = resolve_reference(_article("CHICAGO, Dec. 2, 2020 /PRNewswire/ -- Acme", None))
    assert info.reference_date == date(2020, 12, 2)
    assert info.reference_date_source == "dateline"
    assert info.warnings == ()


@pytest.mark.parametrize("text", ["LONDON, Feb. 30 (AFP) - Police", "LONDON, Feb. 30, 2019 (AFP) - Police",
                                  "GENEVA, 31 April (UN News) - The"])
def test_document_reference_impossible_date_warns(text):
    info = resolve_reference(_article(text, date(2019, 3, 1)))
    assert info.dateline is not None and info.dateline.date is None
    assert info.reference_date == date(2019, 3, 1) and info.reference_date_source == "metadata"
    assert any("not a real date" in w for w in info.warnings)


def test_document_reference_wrong_weekday_warns_but_keeps_date():
    info = resolve_reference(_article("Monday, March 3, 2020 (GLOBE NEWSWIRE) -- Acme", None))
    assert info.reference_date == date(2020, 3, 3)  # 2020-03-03 was a Tuesday
    assert any("wrong weekday" in w for w in info.warnings)


def test_document_reference_keeps_article_warnings_first():
    info = resolve_reference(_article("The text", None, warnings=("decoded with replacement",)))
    assert info.warnings == ("decoded with replacement", NO_REFERENCE_WARNING)


def test_document_reference_seed(seed_text):
    # the reader strips the inline header `date 2018-09-21 `; until it is wired in, do the same here
    header = re.match(r"\s*date (\d{4})-(\d\d)-(\d\d)\s+", seed_text)
    assert header is not None
    story = seed_text[header.end():]
    assert story.startswith("United Nations, Sep 27 (IANS) US Secretary")
    info = resolve_reference(Article(id="x", text=story, origin="seed", metadata_date=date(2018, 9, 21)))
    dateline = info.dateline
    assert dateline is not None
    assert dateline.place == "United Nations"
    assert dateline.date == date(2018, 9, 27)
    assert dateline.agency == "IANS"
    assert story[dateline.span[1]:].startswith("US Secretary of State Mike Pompeo")
    assert story[dateline.span[0]:dateline.span[1]] == "United Nations, Sep 27 (IANS) "
    assert info.reference_date == date(2018, 9, 27)
    assert info.reference_date_source == "dateline"
    assert info.warnings == ("dateline date 2018-09-27 disagrees with metadata date 2018-09-21 by 6 days; "
                             "using the dateline date",)
    assert parse_dateline(story, date(2018, 9, 21)) == dateline


def test_document_reference_accepts_a_datetime_as_metadata():
    info = resolve_reference(_article("BEIJING, Dec. 31 (Xinhua) -- China", datetime(2019, 1, 1, 8, 30)))
    assert info.reference_date == date(2018, 12, 31)
    assert "by 1 day;" in info.warnings[-1]
    assert resolve_reference(_article("No dateline here.", datetime(2019, 1, 1, 8))).reference_date == date(2019, 1, 1)
