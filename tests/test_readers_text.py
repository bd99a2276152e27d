"""Plain-text reader: header lines (own-line and the seed's inline form), decoding, bad input."""

from __future__ import annotations

import gzip
import os
import string
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dateline.readers import ReaderOptions, article_id, parse_header, read_text_file, read_text_string
from dateline.readers import text as text_module
from dateline.readers.common import parse_metadata_date
from dateline.types import Article, Problem


def read_one(path, options=ReaderOptions()):
    items = list(read_text_file(path, options))
    articles = [item for item in items if isinstance(item, Article)]
    problems = [item for item in items if isinstance(item, Problem)]
    return articles, problems


def test_readers_text_seed_inline_header(seed_path, seed_text):
    articles, problems = read_one(seed_path)
    assert problems == []
    [article] = articles
    assert article.title is None
    assert article.metadata_date == date(2018, 9, 21)
    assert article.text.startswith("United Nations, Sep 27 (IANS)")
    assert seed_text.endswith(article.text)
    assert article.id == article_id(article.text)
    assert article.origin == str(seed_path)
    assert article.warnings == ()


def test_readers_text_header_lines_before_story(tmp_path):
    path = tmp_path / "story.txt"
    path.write_text(
        "Title: Pompeo to visit Pyongyang\nURL https://example.org/a\nsource: IANS\n"
        "date 2018-09-21\n\nUnited Nations, Sep 27 (IANS) US Secretary of State ...\n",
        encoding="utf-8",
    )
    [article], problems = read_one(path)
    assert problems == []
    assert article.title == "Pompeo to visit Pyongyang"
    assert article.url == "https://example.org/a"
    assert article.source == "IANS"
    assert article.metadata_date == date(2018, 9, 21)
    assert article.text == "United Nations, Sep 27 (IANS) US Secretary of State ...\n"


@pytest.mark.parametrize(
    "header, expected",
    [
        ("date 2018-09-21T23:30:00-05:00\n", date(2018, 9, 21)),  # the date as written, no shift
        ("DATE: Sep 21, 2018\n", date(2018, 9, 21)),
        ("published 21 September 2018\n", date(2018, 9, 21)),
        ("Date: Thu, 27 Sep 2018 10:00:00 GMT\n", date(2018, 9, 27)),
        ("date 20180921\n", date(2018, 9, 21)),
        ("date Sep 21, 2018 WASHINGTON (Reuters) - ", date(2018, 9, 21)),
        ("date 2018-09-21T08:15:00Z ", date(2018, 9, 21)),
    ],
)
def test_readers_text_date_forms(header, expected):
    article = read_text_string(header + "The Senate voted on Tuesday.", "x")
    assert article.metadata_date == expected
    assert article.text.endswith("The Senate voted on Tuesday.")
    assert article.warnings == ()


@pytest.mark.parametrize("value", ["yesterday", "2018-13-45", "September 2018", "soon-ish"])
def test_readers_text_unreadable_date_header_kept_with_warning(value):
    article = read_text_string(f"date: {value}\nThe Senate voted on Tuesday.", "x")
    assert isinstance(article, Article)
    assert article.metadata_date is None
    assert article.text == "The Senate voted on Tuesday."
    assert any(value in warning for warning in article.warnings)


@pytest.mark.parametrize(
    "story",
    [
        "Date palms are grown across the Gulf region.",
        "Source close to the negotiations said on Monday that talks failed.",
        "Title holders Spain lost 2-1 on Sunday.",
        "url shorteners hide the address of a page, experts said.",
        "WASHINGTON (Reuters) - The Senate voted on Tuesday.",
    ],
)
def test_readers_text_story_opening_like_a_key_is_not_a_header(story):
    article = read_text_string(story, "x")
    assert article.text == story
    assert (article.title, article.url, article.source, article.metadata_date) == (None, None, None, None)


def test_readers_text_duplicate_header_keeps_first_and_warns():
    article = read_text_string("date 2018-09-21\ndate 2019-01-01\nStory text.", "x")
    assert article.metadata_date == date(2018, 9, 21)
    assert any("duplicate" in warning and "2019-01-01" in warning for warning in article.warnings)


def test_readers_text_header_without_story_is_a_problem(tmp_path):
    path = tmp_path / "only-header.txt"
    path.write_text("title: Nothing here\ndate 2018-09-21\n", encoding="utf-8")
    articles, [problem] = read_one(path)
    assert articles == []
    assert problem.severity == "error" and "no story" in problem.message


@pytest.mark.parametrize("content", [b"", b"  \n\t\n"])
def test_readers_text_empty_file_is_skipped(tmp_path, content):
    path = tmp_path / "empty.txt"
    path.write_bytes(content)
    articles, [problem] = read_one(path)
    assert articles == []
    assert problem.origin == str(path) and "empty" in problem.message and problem.severity == "error"


@pytest.mark.parametrize(
    "content",
    [b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4, os.urandom(4096).replace(b"\x00", b"\x01")],
)
def test_readers_text_binary_file_is_skipped(tmp_path, content):
    path = tmp_path / "image.txt"
    path.write_bytes(content)
    articles, [problem] = read_one(path)
    assert articles == []
    assert "binary" in problem.message and problem.severity == "error"


def test_readers_text_non_utf8_is_kept_with_warning(tmp_path):
    path = tmp_path / "latin1.txt"
    path.write_bytes("date 2018-09-21\nS\u00e3o Paulo, Sep 21 (Reuters) - Caf\u00e9 owners protested.".encode("latin-1"))
    [article], [problem] = read_one(path)
    assert problem.severity == "warning" and problem.origin == str(path) and "UTF-8" in problem.message
    assert article.metadata_date == date(2018, 9, 21)
    assert article.text == "S\ufffdo Paulo, Sep 21 (Reuters) - Caf\ufffd owners protested."
    assert any("U+FFFD" in warning for warning in article.warnings)


def test_readers_text_invalid_byte_far_into_file_still_reads_everything(tmp_path):
    body = "word " * 400_000  # 2 MB, invalid byte past the first chunk
    path = tmp_path / "late.txt"
    path.write_bytes(body.encode() + b"\xff tail")
    [article], [problem] = read_one(path)
    assert article.text == body + "\ufffd tail"
    assert problem.severity == "warning"


def test_readers_text_byte_order_marks(tmp_path):
    utf8 = tmp_path / "bom8.txt"
    utf8.write_bytes(b"\xef\xbb\xbfdate 2018-09-21 Story one.")
    utf16 = tmp_path / "bom16.txt"
    utf16.write_bytes("date 2018-09-21 Story two.".encode("utf-16"))
    [one], problems_one = read_one(utf8)
    [two], problems_two = read_one(utf16)
    assert (one.text, one.metadata_date) == ("Story one.", date(2018, 9, 21))
    assert (two.text, two.metadata_date) == ("Story two.", date(2018, 9, 21))
    assert problems_one == problems_two == []


def test_readers_text_gzip_compressed(tmp_path, seed_text):
    path = tmp_path / "seed.txt.gz"
    path.write_bytes(gzip.compress(seed_text.encode("utf-8")))
    [article], problems = read_one(path)
    assert problems == []
    assert article.metadata_date == date(2018, 9, 21)
    assert article.text.startswith("United Nations, Sep 27 (IANS)")


def test_readers_text_cut_gzip_is_a_problem(tmp_path, seed_text):
    path = tmp_path / "cut.txt.gz"
    path.write_bytes(gzip.compress(seed_text.encode("utf-8"))[:60])
    articles, [problem] = read_one(path)
    assert articles == [] and "truncated or corrupt" in problem.message


def test_readers_text_truncated_over_max_chars_with_warning(tmp_path):
    path = tmp_path / "long.txt"
    path.write_text("date 2018-09-21 " + "abcdefghij" * 1000, encoding="utf-8")
    [article], [problem] = read_one(path, ReaderOptions(max_chars=5000))
    assert len(article.text) == 5000 - len("date 2018-09-21 ")
    assert problem.severity == "warning" and "truncated" in problem.message
    assert any("truncated" in warning for warning in article.warnings)


@pytest.mark.slow
def test_readers_text_50_megabyte_file_is_capped_and_linear(tmp_path):
    import time
    import tracemalloc

    path = tmp_path / "huge.txt"
    line = "The committee met again on Tuesday and said nothing new. " * 10 + "\n"
    with open(path, "w", encoding="utf-8") as out:
        for _ in range(50_000_000 // len(line) + 1):
            out.write(line)
    assert path.stat().st_size >= 50_000_000
    started = time.perf_counter()
    tracemalloc.start()
    [article], [problem] = read_one(path)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert len(article.text) == ReaderOptions().max_chars
    assert "truncated" in problem.message
    assert peak < 4 * ReaderOptions().max_chars  # the cap, not the file, bounds memory
    assert time.perf_counter() - started < 20
    started = time.perf_counter()
    [whole], problems = read_one(path, ReaderOptions(max_chars=60_000_000))
    assert problems == [] and len(whole.text) == path.stat().st_size
    assert time.perf_counter() - started < 30


def test_readers_text_missing_file(tmp_path):
    articles, [problem] = read_one(tmp_path / "nope.txt")
    assert articles == [] and "no such file" in problem.message.lower()


def test_readers_text_unreadable_file(tmp_path, monkeypatch):
    path = tmp_path / "secret.txt"
    path.write_text("A story.", encoding="utf-8")

    def refuse(p):
        raise PermissionError(13, "Permission denied", str(p))

    monkeypatch.setattr(text_module, "open_binary", refuse)
    articles, [problem] = read_one(path)
    assert articles == []
    assert problem.origin == str(path) and "permission denied" in problem.message


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root can read any file")
def test_readers_text_unreadable_file_real_permissions(tmp_path):
    path = tmp_path / "secret.txt"
    path.write_text("A story.", encoding="utf-8")
    path.chmod(0)
    articles, [problem] = read_one(path)
    assert articles == [] and "permission denied" in problem.message


# -- properties --------------------------------------------------------------------------------

header_keys = st.sampled_from(["date", "title", "url", "source", "Title:", "DATE", "Source:", "published"])
texty = st.text(alphabet=string.printable + "\u00e9\u2014\u201c\u00a0\u3000", max_size=200)


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(max_size=300), st.lists(st.tuples(header_keys, texty)).map(
    lambda pairs: "\n".join(f"{k} {v}" for k, v in pairs))))
def test_readers_text_property_any_text_gives_a_suffix(text):
    header = parse_header(text)
    assert 0 <= header.body_start <= len(text)
    assert header.date is None or isinstance(header.date, date)
    result = read_text_string(text, "prop")
    if isinstance(result, Article):
        assert text.endswith(result.text)
        assert result.text and not result.text[0].isspace()
        assert result.id == article_id(result.text)
    else:
        assert result.severity == "error"


@settings(max_examples=200, deadline=None)
@given(
    day=st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31)),
    title=st.text(alphabet=string.ascii_letters + " ,'-", min_size=1, max_size=60).filter(str.strip),
    story=st.text(alphabet=string.ascii_letters + string.digits + " .,;-()\n", min_size=1, max_size=200)
    .filter(lambda s: s.strip()),
    inline=st.booleans(),
)
def test_readers_text_property_generated_headers_round_trip(day, title, story, inline):
    story = story.lstrip()
    if inline:
        # " date 2000-01-01 00 ..." is truly ambiguous (a time or the story?): stories open with a word.
        story = "A" + story
        text = f" date {day.isoformat()} {story}"
    else:
        text = f"title: {title}\ndate {day.isoformat()}\n\n{story}"
    article = read_text_string(text, "prop")
    assert article.metadata_date == day
    assert article.text == story
    if not inline:
        assert article.title == title.strip()


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=80))
def test_readers_text_property_metadata_date_never_raises(value):
    result = parse_metadata_date(value)
    assert result is None or isinstance(result, date)
