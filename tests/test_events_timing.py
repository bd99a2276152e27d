"""The time of an event: its own time expression, else the report's, else the article's date."""

from __future__ import annotations

from datetime import date

import pytest

from dateline.events.timing import precision_of, time_of
from dateline.types import Timex

REFERENCE = date(2020, 5, 15)


def timex(text: str, phrase: str, value: str, type_: str = "DATE") -> Timex:
    start = text.index(phrase)
    return Timex((start, start + len(phrase)), phrase, type_, value)


def token(doc, word):
    return next(t for t in doc if t.text == word)


def test_a_time_expression_attached_to_the_clause_dates_the_event(nlp):
    text = "The ministers met on Wednesday in Geneva."
    doc = nlp(text)
    found = time_of(token(doc, "met"), (timex(text, "Wednesday", "2020-05-13"),), REFERENCE, "asserted")
    assert (found.value, found.precision, found.source) == ("2020-05-13", "day", "timex")
    assert found.timex_span == (text.index("Wednesday"), text.index("Wednesday") + 9)


def test_a_time_in_another_clause_does_not_date_the_event(nlp):
    text = "The rebels attacked the town after the talks that collapsed in March."
    doc = nlp(text)
    found = time_of(token(doc, "attacked"), (timex(text, "March", "2020-03"),), REFERENCE, "asserted")
    assert found.source == "reference" and found.value == "2020-05-15"


def test_a_reported_event_without_time_takes_the_report_time(nlp):
    text = "Troops have withdrawn from the area, the ministry said on Monday."
    doc = nlp(text)
    found = time_of(token(doc, "withdrawn"), (timex(text, "Monday", "2020-05-11"),), REFERENCE, "asserted",
                    report_verb=token(doc, "said"))
    assert (found.value, found.source, found.mod) == ("2020-05-11", "report", "ON_OR_BEFORE")


def test_deadline_preposition_sets_the_mod(nlp):
    text = "The plan must be finished by January 2021."
    doc = nlp(text)
    found = time_of(token(doc, "finished"), (timex(text, "January 2021", "2021-01"),), REFERENCE, "demanded")
    assert (found.value, found.mod) == ("2021-01", "ON_OR_BEFORE")


def test_durations_never_date_an_event(nlp):
    text = "The fighting lasted three days."
    doc = nlp(text)
    found = time_of(token(doc, "lasted"), (timex(text, "three days", "P3D", "DURATION"),), REFERENCE, "asserted")
    assert found.source == "reference"


def test_no_reference_date_means_nothing_can_be_said(nlp):
    doc = nlp("The army attacked the village.")
    found = time_of(token(doc, "attacked"), (), None, "asserted")
    assert (found.value, found.source, found.precision) == (None, "none", "unknown")


@pytest.mark.parametrize("value, precision", [("2018-09-26", "day"), ("2018-W38", "week"), ("2018-10", "month"),
                                              ("2018-Q3", "quarter"), ("2018-SU", "season"), ("2018", "year"),
                                              ("201", "decade"), ("20", "century"), ("2018-09-26T10:00", "time"),
                                              ("PAST_REF", "unknown")])
def test_precision_of_timeml_values(value, precision):
    assert precision_of(value) == precision


from hypothesis import given  # noqa: E402
from hypothesis import strategies as st  # noqa: E402


@given(st.text(max_size=25))
def test_precision_of_any_value_is_a_known_precision(value):
    assert precision_of(value) in {"day", "week", "month", "quarter", "season", "year", "decade",
                                   "century", "time", "unknown"}


def test_an_undated_present_tense_verb_is_about_the_article_date(nlp):
    # A headline's present reports what happened the day before as often as the same day.
    text = "Japanese prime minister Abe resigns"
    doc = nlp(text)
    found = time_of(token(doc, "resigns"), (), REFERENCE, "asserted")
    assert (found.value, found.source, found.mod) == ("2020-05-15", "reference", "APPROX")


def test_an_undated_noun_keeps_the_article_date_exactly(nlp):
    # "the dialogue ... had stagnated" names a process, not the day's news: no APPROX, so that
    # merging does not fold it into a meeting of the day before (the seed article's case).
    text = "In recent weeks, the bilateral dialogue between Washington and Pyongyang had stagnated."
    doc = nlp(text)
    found = time_of(token(doc, "dialogue"), (), REFERENCE, "asserted")
    assert (found.value, found.source, found.mod) == ("2020-05-15", "reference", None)
