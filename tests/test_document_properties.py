"""Property tests: any text and any metadata date in, no exception out, spans inside the text,
dates real and (when the year was completed) near the metadata date."""

from __future__ import annotations

import re
from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from dateline.document import complete_year, parse_dateline, resolve_reference
from dateline.types import Article

PLACES = ["WASHINGTON", "KYIV, Ukraine", "United Nations", "ST. LOUIS", "Dar es Salaam", "HONG KONG/SINGAPORE",
          "Apple Inc.", "The president", "NEW DELHI", "O'SMACH, Cambodia", ""]
DATES = ["Sep 27", "Sept. 12", "2 March 2021", "Feb 29", "Feb. 30", "Dec 31", "Jan 1", "Tuesday, March 3, 2020",
         "31 April", "5 May", "March 3, 2019", "Monday", ""]
AGENCIES = ["(Reuters)", "(AP )", "/PRNewswire/", "--(BUSINESS WIRE)--", "(IANS)", "(AAPL)", "(Undated)",
            "(bdnews24.com)", "(", ")", ""]
SEPARATORS = [" - ", " -- ", " — ", " _ ", ": ", "_", "—", " ", ".- ", ""]

metadata_dates = st.one_of(st.none(), st.dates())

dateline_like = st.builds(
    lambda lead, place, comma, when, agency, separator, body: (
        lead + place + (comma if place and when else "") + when + (" " if agency else "") + agency + separator + body),
    st.sampled_from(["", " ", "\n\n", "By JOHN SMITH\n\n", "By Monday\n"]),
    st.sampled_from(PLACES),
    st.sampled_from([", ", ",", " "]),
    st.sampled_from(DATES),
    st.sampled_from(AGENCIES),
    st.sampled_from(SEPARATORS),
    st.text(max_size=40),
)

any_text = st.one_of(st.text(max_size=300), dateline_like)


def _check_span(text: str, span: tuple[int, int] | None, value: str | None) -> None:
    if span is None:
        assert value is None
        return
    start, end = span
    assert 0 <= start <= end <= len(text)
    assert value is not None and text[start:end] == value


@settings(max_examples=400, deadline=None)
@given(any_text, metadata_dates)
def test_document_properties_parse_dateline_spans_and_dates(text, metadata):
    found = parse_dateline(text, metadata)
    if found is None:
        return
    start, end = found.span
    assert 0 <= start < end <= len(text)
    assert text[:start].strip() == "" or text[:start].lstrip().startswith("By ")
    _check_span(text, found.place_span, found.place)
    _check_span(text, found.date_span, found.date_text)
    if found.agency_span is not None:
        a_start, a_end = found.agency_span
        assert start <= a_start < a_end <= end
    for inner in (found.place_span, found.date_span):
        if inner is not None:
            assert start <= inner[0] <= inner[1] <= end
    if found.date is not None:
        assert found.date_text is not None
        if not re.search(r"\d{4}", found.date_text):
            assert metadata is not None
            assert abs((found.date - metadata).days) <= 183


@settings(max_examples=300, deadline=None)
@given(any_text, metadata_dates, st.lists(st.text(max_size=10), max_size=2))
def test_document_properties_resolve_reference_is_consistent(text, metadata, warnings):
    article = Article(id="x", text=text, origin="prop", metadata_date=metadata, warnings=tuple(warnings))
    info = resolve_reference(article)
    assert info.warnings[:len(warnings)] == tuple(warnings)
    if info.reference_date_source == "dateline":
        assert info.dateline is not None and info.reference_date == info.dateline.date is not None
    elif info.reference_date_source == "metadata":
        assert info.reference_date == metadata is not None
    else:
        assert info.reference_date is None and metadata is None


@given(st.integers(1, 12), st.integers(1, 31), metadata_dates)
def test_document_properties_completed_year_is_nearest(month, day, metadata):
    completed = complete_year(month, day, metadata)
    if completed is None:
        return
    assert (completed.month, completed.day) == (month, day)
    gap = abs((completed - metadata).days)
    assert gap <= 183
    for year in (completed.year - 1, completed.year + 1):
        try:
            other = date(year, month, day)
        except ValueError:
            continue
        assert abs((other - metadata).days) >= gap
