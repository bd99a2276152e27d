"""JSON Lines reader: fields, configurable names, per-line problems that never stop the file."""

from __future__ import annotations

import gzip
import json
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dateline.readers import JsonlFields, ReaderOptions, article_id, read_jsonl
from dateline.types import Article, Problem


def write_lines(path, lines):
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def split(items):
    items = list(items)
    return ([i for i in items if isinstance(i, Article)], [i for i in items if isinstance(i, Problem)])


def test_readers_jsonl_fields_and_origins(tmp_path, seed_text):
    story = seed_text.split(" ", 3)[3]
    path = write_lines(tmp_path / "news.jsonl", [
        json.dumps({"text": story, "date": "2018-09-21", "title": "Pompeo to visit", "url": "https://e.org/1",
                    "id": "ians-1", "source": "IANS"}),
        "",
        json.dumps({"text": "WASHINGTON (Reuters) - The Senate voted.", "published": "2019-03-03T10:00:00Z"}),
    ])
    [first, second], problems = split(read_jsonl(path))
    assert problems == []
    assert (first.id, first.title, first.url, first.source) == ("ians-1", "Pompeo to visit", "https://e.org/1", "IANS")
    assert first.metadata_date == date(2018, 9, 21) and first.text == story
    assert first.origin == f"{path}:1"
    assert second.origin == f"{path}:3"  # blank line 2 counted, not reported
    assert second.metadata_date == date(2019, 3, 3)
    assert second.id == article_id(second.text)
    assert (second.title, second.url, second.source) == (None, None, None)


def test_readers_jsonl_date_takes_first_present_field(tmp_path):
    path = write_lines(tmp_path / "d.jsonl", [
        json.dumps({"text": "A story.", "date": None, "published": "Sep 21, 2018"}),
        json.dumps({"text": "B story.", "date": "2017-01-02", "published": "2018-09-21"}),
    ])
    [a, b], _ = split(read_jsonl(path))
    assert a.metadata_date == date(2018, 9, 21)
    assert b.metadata_date == date(2017, 1, 2)


def test_readers_jsonl_configurable_field_names(tmp_path):
    path = write_lines(tmp_path / "c.jsonl", [
        json.dumps({"body": "The Senate voted.", "pubDate": "2018-09-21", "headline": "Vote", "link": "u",
                    "guid": 42, "outlet": "AP", "text": "not this"}),
    ])
    fields = JsonlFields(text="body", date=("pubDate",), title="headline", url="link", id="guid", source="outlet")
    [article], problems = split(read_jsonl(path, ReaderOptions(jsonl=fields)))
    assert problems == []
    assert (article.text, article.title, article.url, article.id, article.source) == (
        "The Senate voted.", "Vote", "u", "42", "AP")
    assert article.metadata_date == date(2018, 9, 21)


def test_readers_jsonl_bad_lines_named_and_others_kept(tmp_path):
    path = write_lines(tmp_path / "bad.jsonl", [
        json.dumps({"text": "First good story."}),
        '{"text": "broken',
        "[1, 2, 3]",
        json.dumps({"title": "no text"}),
        json.dumps({"text": "   "}),
        json.dumps({"text": 17}),
        json.dumps({"text": "Last good story.", "date": "the other day"}),
    ])
    articles, problems = split(read_jsonl(path))
    assert [a.text for a in articles] == ["First good story.", "Last good story."]
    assert [p.line for p in problems] == [2, 3, 4, 5, 6]
    assert all(p.origin == str(path) and p.severity == "error" for p in problems)
    assert "not valid JSON" in problems[0].message
    assert "object" in problems[1].message and "array" in problems[1].message
    assert "no 'text' field" in problems[2].message
    assert "empty" in problems[3].message
    assert "string" in problems[4].message
    assert str(problems[0]).startswith(f"{path}:2: error:")
    assert articles[1].metadata_date is None
    assert any("the other day" in w for w in articles[1].warnings)


def test_readers_jsonl_wrong_types_of_optional_fields_warn(tmp_path):
    path = write_lines(tmp_path / "t.jsonl", [json.dumps({"text": "Story.", "title": ["x"], "date": 20180921})])
    [article], problems = split(read_jsonl(path))
    assert problems == []
    assert article.title is None and article.metadata_date is None
    assert any("'title'" in w for w in article.warnings) and any("'date'" in w for w in article.warnings)


def test_readers_jsonl_gzip_and_non_utf8_line(tmp_path):
    lines = [json.dumps({"text": "Story one."}).encode(),
             b'{"text": "Caf\xe9 owners protested."}',
             json.dumps({"text": "Story three."}).encode()]
    path = tmp_path / "news.jsonl.gz"
    path.write_bytes(gzip.compress(b"\n".join(lines) + b"\n"))
    articles, [problem] = split(read_jsonl(path))
    assert [a.text for a in articles] == ["Story one.", "Caf\ufffd owners protested.", "Story three."]
    assert problem.severity == "warning" and problem.line == 2
    assert articles[1].warnings and "U+FFFD" in articles[1].warnings[0]


def test_readers_jsonl_truncated_gzip_keeps_lines_read(tmp_path):
    body = "".join(json.dumps({"text": f"Story number {n} " + "x" * 200}) + "\n" for n in range(300))
    data = gzip.compress(body.encode())
    path = tmp_path / "cut.jsonl.gz"
    path.write_bytes(data[: len(data) // 2])
    articles, problems = split(read_jsonl(path))
    assert articles and len(articles) < 300
    assert problems[-1].severity == "error" and "after line" in problems[-1].message


def test_readers_jsonl_max_chars_truncates_with_warning(tmp_path):
    path = write_lines(tmp_path / "long.jsonl", [json.dumps({"text": "y" * 500})])
    [article], [problem] = split(read_jsonl(path, ReaderOptions(max_chars=100)))
    assert len(article.text) == 100
    assert problem.severity == "warning" and problem.line == 1


def test_readers_jsonl_empty_and_missing(tmp_path):
    empty = tmp_path / "empty.jsonl"
    empty.write_bytes(b"")
    [problem] = list(read_jsonl(empty))
    assert "empty" in problem.message
    [missing] = list(read_jsonl(tmp_path / "nope.jsonl"))
    assert "no such file" in missing.message.lower()


def test_readers_jsonl_binary_file_is_one_problem(tmp_path):
    path = tmp_path / "image.jsonl"
    path.write_bytes((b"\x89PNG\r\n\x1a\n\x00\x00\n" + bytes(range(256))) * 50)
    [problem] = list(read_jsonl(path))
    assert problem.severity == "error" and "binary" in problem.message and problem.line is None


def test_readers_jsonl_options_validated():
    with pytest.raises(ValueError, match="max_chars"):
        ReaderOptions(max_chars=0)
    with pytest.raises(ValueError, match="format"):
        ReaderOptions(format="pdf")
    with pytest.raises(ValueError, match="JsonlFields.text"):
        JsonlFields(text="")
    assert JsonlFields(date="pubDate").date == ("pubDate",)


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=30),
    lambda children: st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=8), children, max_size=3),
    max_leaves=8,
)


@settings(max_examples=80, deadline=None)
@given(st.lists(st.one_of(
    st.dictionaries(st.sampled_from(["text", "date", "published", "title", "url", "id", "source", "x"]),
                    json_values, max_size=6).map(json.dumps),
    st.binary(max_size=40).map(lambda b: b.replace(b"\n", b" ").decode("latin-1")),
), max_size=8))
def test_readers_jsonl_property_any_lines_never_raise(tmp_path_factory, lines):
    path = tmp_path_factory.mktemp("prop") / "p.jsonl"
    path.write_text("\n".join(lines), encoding="utf-8")
    items = list(read_jsonl(path))
    for item in items:
        if isinstance(item, Article):
            assert item.text.strip()
            assert item.metadata_date is None or isinstance(item.metadata_date, date)
            assert 1 <= int(item.origin.rsplit(":", 1)[1]) <= len(lines)
        else:
            assert item.line is None or 1 <= item.line <= len(lines)
