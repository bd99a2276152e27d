"""GDELT 2.0 rows: 61 columns, our resolved date in Day, the publication date in DATEADDED."""

from __future__ import annotations

from datetime import date

import pytest

from dateline.export.gdelt import GDELT_COLUMNS, first_day, fraction_date, gdelt_rows
from dateline.types import Actor, AnalyzedArticle, Article, EventMention, EventTime, Place


def analyzed(*events: EventMention) -> AnalyzedArticle:
    article = Article(id="a1", text="x" * 50, origin="news/a1.txt", url="https://example.org/a1",
                      metadata_date=date(2018, 9, 21))
    return AnalyzedArticle(article=article, dateline=None, reference_date=date(2018, 9, 27),
                           reference_date_source="dateline", events=events)


def mention(value: str | None, source: str = "timex", sentence: int = 0, location: Place | None = None):
    return EventMention(
        trigger="travel", trigger_span=(10, 16), plover_type="CONSULT", plover_mode="visit", cameo="042",
        cameo_root="04",
        actors=(Actor("Pompeo", (0, 6), "Mike Pompeo", "USA", "GOV"),),
        recipients=(Actor("the UN", (20, 26), "United Nations", "IGO", "IGO"),),
        location=location, time=EventTime(value, "month", source), modality="planned", attribution=None,
        sentence=sentence, confidence=0.8,
    )


def column(row: list[str], name: str) -> str:
    return row[GDELT_COLUMNS.index(name)]


def test_there_are_61_gdelt_columns_in_order():
    assert len(GDELT_COLUMNS) == 61
    assert GDELT_COLUMNS[:5] == ("GlobalEventID", "Day", "MonthYear", "Year", "FractionDate")
    assert GDELT_COLUMNS[26:31] == ("EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale")
    assert GDELT_COLUMNS[-2:] == ("DATEADDED", "SOURCEURL")


def test_row_uses_the_resolved_date_and_the_publication_date():
    singapore = Place("Singapore", (30, 39), "Singapore", 1880252, 1.2897, 103.8501, "SGP")
    [row] = gdelt_rows(analyzed(mention("2018-10", location=singapore)))
    assert len(row) == 61
    assert column(row, "Day") == "20181001" and column(row, "MonthYear") == "201810"
    assert column(row, "Year") == "2018" and column(row, "DATEADDED") == "20180921000000"
    assert column(row, "Actor1Code") == "USAGOV" and column(row, "Actor1CountryCode") == "USA"
    assert column(row, "Actor2KnownGroupCode") == "IGO" and column(row, "Actor2Type1Code") == "IGO"
    assert (column(row, "EventCode"), column(row, "EventRootCode"), column(row, "QuadClass")) == ("042", "04", "1")
    assert float(column(row, "GoldsteinScale")) > 0
    assert column(row, "IsRootEvent") == "1"
    assert column(row, "ActionGeo_FullName") == "Singapore" and column(row, "ActionGeo_FeatureID") == "1880252"
    assert column(row, "SOURCEURL") == "https://example.org/a1"
    assert all("\t" not in cell and "\n" not in cell for cell in row)


def test_no_time_falls_back_to_the_reference_date():
    [row] = gdelt_rows(analyzed(mention(None, source="none", sentence=3)))
    assert column(row, "Day") == "20180927" and column(row, "IsRootEvent") == "0"


def test_ids_are_stable_and_distinct():
    first = list(gdelt_rows(analyzed(mention("2018-10"))))[0][0]
    again = list(gdelt_rows(analyzed(mention("2018-10"))))[0][0]
    assert first == again and first.isdigit() and len(first) == 15


@pytest.mark.parametrize("value, expected", [
    ("2018-09-26", date(2018, 9, 26)), ("2018-W38", date(2018, 9, 17)), ("2018-10", date(2018, 10, 1)),
    ("2018-Q2", date(2018, 4, 1)), ("2018-SU", date(2018, 6, 1)), ("2018", date(2018, 1, 1)),
    ("2018-09-26T14:00", date(2018, 9, 26)), ("PAST_REF", None), ("XXXX-10", None), (None, None),
    ("2018-13", None),
])
def test_first_day_of_a_timeml_value(value, expected):
    assert first_day(value) == expected


def test_fraction_date():
    assert fraction_date(date(2018, 1, 1)) == "2018.0000"
    assert 2018.7 < float(fraction_date(date(2018, 9, 26))) < 2018.8


def test_the_extract_command_writes_gdelt_rows(seed_path, capsys):
    from dateline.cli import main

    status = main(["extract", str(seed_path), "--format", "gdelt"])
    lines = capsys.readouterr().out.splitlines()
    assert status == 0
    assert lines[0].split("\t") == list(GDELT_COLUMNS)
    rows = [line.split("\t") for line in lines[1:]]
    assert rows and all(len(row) == 61 for row in rows)
    assert any(column(row, "EventCode") == "042" and column(row, "Day") == "20181001" for row in rows)
    assert all(column(row, "DATEADDED") == "20180921000000" for row in rows)


from hypothesis import given  # noqa: E402
from hypothesis import strategies as st  # noqa: E402


@given(st.text(max_size=30))
def test_first_day_of_any_text_is_a_date_or_none(value):
    result = first_day(value)
    assert result is None or isinstance(result, date)


@given(st.dates(min_value=date(1000, 1, 1)), st.sampled_from(["day", "month", "year", "week"]))
def test_first_day_is_never_after_the_date_it_was_made_from(day, granularity):
    value = {"day": day.isoformat(), "month": day.strftime("%Y-%m"), "year": day.strftime("%Y"),
             "week": "%04d-W%02d" % day.isocalendar()[:2]}[granularity]
    start = first_day(value)
    assert start is not None and start <= day
