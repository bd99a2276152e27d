"""The readers' rule files: they load, their examples hold, and broken files report every error."""

from __future__ import annotations

from datetime import date

import pytest

from dateline.readers.common import parse_metadata_date
from dateline.readers.pagedate import url_date
from dateline.readers.rules import (
    ResourceError,
    format_rules,
    header_rules,
    metadata_date_formats,
    page_date_rules,
    parse_format_rules,
    parse_metadata_date_formats,
    parse_header_rules,
    parse_page_date_rules,
)
from dateline.readers.text import read_text_string


def test_readers_rules_shipped_files_load():
    assert header_rules().keys["date"] == "date"
    assert format_rules().extensions[".jsonl.gz"] == "jsonl"
    assert page_date_rules().meta[0] == ("property", "article:published_time")


@pytest.mark.parametrize(
    "prefix, example",
    [(prefix, example) for prefix in header_rules().date_prefixes for example in prefix.examples],
    ids=lambda value: getattr(value, "id", None) or str(value)[:30],
)
def test_readers_rules_inline_date_examples(prefix, example):
    text, expected = example
    match = prefix.pattern.match(text)
    assert match, f"{prefix.id} does not match its example {text!r}"
    assert parse_metadata_date(match["date"]) == date.fromisoformat(expected)
    article = read_text_string(f"date {text}", "example")
    assert article.metadata_date == date.fromisoformat(expected)
    assert text.endswith(article.text) and article.text != text


@pytest.mark.parametrize(
    "example", [example for _pattern, examples in page_date_rules().url for example in examples])
def test_readers_rules_url_date_examples(example):
    url, expected = example
    assert url_date(url) == date.fromisoformat(expected)


def test_readers_rules_header_errors_reported_together():
    broken = """
keys:
  - {key: Date, field: date, why: x}
  - {key: title, field: headline, why: x}
  - {key: url, field: url}
inline_date_prefixes:
  - {id: bad, why: x, pattern: '(unclosed', examples: [{text: a, date: b}]}
  - {id: nogroup, why: x, pattern: '\\d+', examples: [{text: '1 a', date: '2018-01-01'}]}
"""
    with pytest.raises(ResourceError) as caught:
        parse_header_rules(broken, "header.yaml")
    message = str(caught.value)
    for needle in ("lower-case word", "field must be one of", "'why'", "does not compile", "named group 'date'"):
        assert needle in message
    assert len(caught.value.problems) == 5
    assert all(line.startswith("header.yaml: ") for line in message.splitlines()[1:] if not line.startswith(" "))


def test_readers_rules_format_and_page_date_errors_reported_together():
    with pytest.raises(ResourceError) as caught:
        parse_format_rules(
            "extensions:\n  - {suffix: JSONL, format: jsonl, why: x}\n  - {suffix: .x, format: pdf, why: x}\n"
            "signatures:\n  - {starts: a, contains: b, format: text, why: x}\n", "formats.yaml")
    assert len(caught.value.problems) == 3
    with pytest.raises(ResourceError) as caught:
        parse_page_date_rules(
            "meta: [{attribute: name}]\njson_ld: [{key: datePublished, why: x}]\n"
            "elements: [{xpath: '//[', attribute: a, why: x}]\nurl: [{pattern: '(?P<year>\\d+)', why: x}]\n",
            "page_dates.yaml")
    assert len(caught.value.problems) == 3
    with pytest.raises(ResourceError):
        parse_header_rules("keys: [unclosed", "header.yaml")


@pytest.mark.parametrize(
    "example", [example for _fmt, examples in metadata_date_formats() for example in examples])
def test_readers_rules_metadata_date_examples(example):
    text, expected = example
    assert parse_metadata_date(text) == date.fromisoformat(expected)


def test_readers_rules_metadata_date_example_errors():
    broken = ("formats:\n  - {format: '%d %B %Y', why: x, examples: [{text: 'Sep 21, 2018', date: '2018-09-21'}]}\n"
              "  - {format: '%Y/%m/%d', why: x, examples: [{text: '2018/09/21', date: '2018-09-22'}]}\n"
              "  - {format: '%Y', examples: [{text: '2018', date: '2018-01-01'}]}\n")
    with pytest.raises(ResourceError) as caught:
        parse_metadata_date_formats(broken, "metadata_dates.yaml")
    assert len(caught.value.problems) == 3
