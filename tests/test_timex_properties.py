"""Property tests: any text, any (or no) reference date, is tagged without exception and every
result is a well-formed TIMEX3 inside the text."""

from __future__ import annotations

import string
from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dateline.timex import is_timeml_value, tag

TIMEX_WORDS = ["Monday", "May", "march", "the third quarter", "last week", "two years ago",
               "Sept. 31", "February 30, 2018", "1990s", "9 a.m.", "every day", "now", "12/31/99",
               "the following day", "that year", "-", "'", "\u2019s", "a second", "fiscal '90",
               "490 BC", "early", "more than", "the past 24 hours", "Christmas", "noon Friday"]

texts = st.one_of(
    st.text(max_size=200),
    st.lists(st.one_of(st.sampled_from(TIMEX_WORDS), st.text(alphabet=string.printable, max_size=6)),
             max_size=30).map(" ".join),
)
references = st.one_of(st.none(), st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31)))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=texts, reference=references)
def test_any_text_is_tagged_safely(nlp, text, reference):
    doc = nlp(text)
    timexes = tag(doc, reference)
    end = 0
    for timex in timexes:
        start, stop = timex.span
        assert end <= start < stop <= len(doc.text)
        end = stop
        assert doc.text[start:stop] == timex.text
        assert timex.type in ("DATE", "TIME", "DURATION", "SET")
        assert is_timeml_value(timex.value), timex
        assert timex.rule


@given(st.text(max_size=40))
def test_value_grammar_check_never_raises(value):
    assert is_timeml_value(value) in (True, False)
