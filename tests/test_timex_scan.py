"""The faster rule scan finds exactly what the plain rule regexes find.

``timex.scan`` reads two facts off each pattern (the characters a match can begin with, words
every match contains) to skip hopeless positions and texts; a wrong fact would silently lose
time expressions, so every packaged rule is checked against its plain regex on real news text
and on text built to trip case-folding (Kelvin sign, long s, dotted capital I).
"""

from __future__ import annotations

import re
import string

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dateline.readers import read_paths
from dateline.timex import scan
from dateline.timex.recognize import find_candidates
from dateline.timex.rules import default_ruleset
from dateline.types import Article


def plain_matches(body: str, text: str) -> list:
    """What a rule found before the scan was optimised: its regex as written, run everywhere."""
    regex = re.compile(rf"(?<![\w.'])(?:{body})(?!\w)", re.IGNORECASE)
    return [(m.span(), m.groupdict()) for m in regex.finditer(text)]


def scanned_matches(rule, text: str) -> list:
    if not scan.may_match(rule.required, scan.folded(text)):
        return []
    return [(m.span(), m.groupdict()) for m in rule.regex.finditer(text)]


@pytest.fixture(scope="module")
def news_texts(shared) -> list[str]:
    paths = sorted((shared / "data" / "timeml").glob("*/*.tml"))[::6]
    paths += sorted((shared / "data" / "meantime-apple").glob("*.xml"))[::3]
    texts = [a.text for a in read_paths([str(p) for p in paths]) if isinstance(a, Article)]
    assert len(texts) >= 40
    return texts


def test_every_rule_finds_the_same_matches_in_news(news_texts):
    found = 0
    for rule in default_ruleset().rules:
        for text in news_texts:
            expected = plain_matches(rule.pattern, text)
            assert scanned_matches(rule, text) == expected, rule.id
            found += len(expected)
    assert found > 500  # the comparison saw real time expressions, not only empty lists


def test_most_rules_are_sped_up():
    rules = default_ruleset().rules
    assert sum(rule.required is not None for rule in rules) >= len(rules) * 3 // 4
    assert sum("(?=[" in rule.regex.pattern for rule in rules) >= len(rules) * 3 // 4


FOLDING_TRAPS = ["\u212a", "\u017f", "\u0130", "\u2019", "\u00e9", "\u00df", "K", "S", "I"]
TIMEX_WORDS = ["Monday", "May 3", "the third quarter", "last week", "two years ago", "Sept. 31",
               "1990s", "9 a.m.", "tonight", "fiscal '90", "490 BC", "mid-1990s", "Christmas"]


@settings(max_examples=120, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(TIMEX_WORDS), st.sampled_from(FOLDING_TRAPS),
                          st.text(alphabet=string.ascii_letters + string.digits + " .,'-", max_size=5)),
                max_size=20).map(" ".join))
def test_same_matches_on_folding_traps(text):
    for rule in default_ruleset().rules:
        assert scanned_matches(rule, text) == plain_matches(rule.pattern, text), rule.id


def test_a_long_s_keeps_its_month():
    text = "They met on \u017feptember 5, 1998 in Nairobi."
    assert scan.folded(text) is None  # lower-casing would hide "september": nothing is skipped
    assert any(c.rule.id == "date_month_day_year" for c in find_candidates(text, default_ruleset()))


def test_first_chars_and_required_words_of_small_patterns():
    assert scan.first_chars(r"(?:the\s+)?quarter", re.I) == "[qt]"
    assert scan.first_chars(r"(?<![$\d])(?:fiscal|calendar)\s+\d\d", re.I) == "[cf]"
    assert scan.first_chars(r"(?:early\s+)?", re.I) is None  # may match nothing: no lookahead
    assert scan.first_chars(r"[^a]bc", re.I) is None  # a negated class: anything
    assert scan.required_words(r"(?:the\s+)?quarter", re.I) == {"quarter"}
    assert scan.required_words(r"(?:last|next)\s+week", re.I) == {"week"}
    assert scan.required_words(r"(?:January|Feb)\s+\d+", re.I) == {"january", "feb"}
    assert scan.required_words(r"(?:the\s+)?\d+", re.I) is None
    assert scan.required_words(r"(?=quarter)\w+", re.I) is None  # a lookahead's words may lie outside


def test_may_match_is_a_substring_test():
    assert scan.may_match(frozenset({"quarter"}), scan.folded("The third QUARTER results"))
    assert not scan.may_match(frozenset({"quarter"}), scan.folded("The third week"))
    assert scan.may_match(None, scan.folded("anything"))
    assert scan.may_match(frozenset({"quarter"}), None)
