"""Acceptance tests of issue 3 on the seed article, reference date 2018-09-27."""

from __future__ import annotations

import re
from datetime import date

import pytest

from dateline.timex import tag

REFERENCE = date(2018, 9, 27)


@pytest.fixture(scope="module")
def seed_timexes(seed_text, nlp):
    story = re.sub(r"^\s*date \d{4}-\d{2}-\d{2}\s+", "", seed_text)
    return story, tag(nlp(story), REFERENCE)


def values_of(timexes, text):
    return [t.value for t in timexes if t.text == text]


@pytest.mark.parametrize("text, value", [
    ("Sep 27", "2018-09-27"),
    ("October", "2018-10"),
    ("next month", "2018-10"),
    ("Tuesday", "2018-09-25"),
    ("quite soon", "FUTURE_REF"),
    ("June", "2018-06"),
    ("Last week", "2018-W38"),
    ("January 2021", "2021-01"),
])
def test_seed_expression_value(seed_timexes, text, value):
    _, timexes = seed_timexes
    assert values_of(timexes, text) == [value]


def test_seed_every_on_wednesday_is_the_day_before(seed_timexes):
    story, timexes = seed_timexes
    wednesdays = [t for t in timexes if t.text == "Wednesday"]
    assert len(wednesdays) == story.count("on Wednesday") == 3
    assert {t.value for t in wednesdays} == {"2018-09-26"}


def test_seed_october_extent_leaves_out_the_preposition(seed_timexes):
    story, timexes = seed_timexes
    october = next(t for t in timexes if t.value == "2018-10" and t.text == "October")
    assert story[october.span[0] - 3:october.span[0]] == "in "


def test_seed_recent_weeks_is_a_duration_or_past(seed_timexes):
    _, timexes = seed_timexes
    recent = [t for t in timexes if t.text == "recent weeks"]
    assert len(recent) == 1
    assert recent[0].type == "DURATION" or recent[0].value == "PAST_REF"


def test_seed_spans_are_sorted_and_disjoint(seed_timexes):
    story, timexes = seed_timexes
    for before, after in zip(timexes, timexes[1:]):
        assert before.span[1] <= after.span[0]
    for timex in timexes:
        assert story[timex.span[0]:timex.span[1]] == timex.text
        assert timex.rule
