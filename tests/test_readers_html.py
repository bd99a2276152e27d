"""HTML reader: main text without boilerplate, metadata from the page, no invented dates."""

from __future__ import annotations

import gzip
from datetime import date
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dateline.readers import article_id, html_to_article, read_html
from dateline.types import Article, Problem

DATA = Path(__file__).parent / "data" / "readers"
NEWS_PAGE = DATA / "news_article.html"


def page(published: str | None, body: str, extra_head: str = "") -> str:
    meta = f'<meta property="article:published_time" content="{published}">' if published else ""
    return (
        f"<!DOCTYPE html><html><head><title>Story</title>{meta}{extra_head}</head><body>"
        '<nav><a href="/">Home</a> <a href="/world">World</a></nav>'
        f"<article>{body}</article>"
        "<footer><p>&copy; 2024 The Ledger. Updated 2025-01-05.</p></footer></body></html>"
    )


STORY = (
    "<p>WASHINGTON (Reuters) - The Senate passed the budget bill on Tuesday by a vote of 60 to 40, "
    "sending it to the House, where leaders said they expected a vote later this week.</p>"
    "<p>The bill funds the government through the end of the fiscal year.</p>"
)


def test_readers_html_news_page_metadata_and_main_text():
    [article] = list(read_html(NEWS_PAGE))
    assert article.title == "Pompeo to visit Pyongyang in October to prepare second summit"
    assert article.url == "https://news.example.org/world/2018/09/27/pompeo-pyongyang"
    assert article.source == "The Daily Ledger"
    assert article.metadata_date == date(2018, 9, 27)  # published, not modified (09-28) nor footer (2024)
    assert article.text.startswith("United Nations, Sep 27 (IANS) US Secretary of State Mike Pompeo")
    assert "the location had not yet been decided" in article.text
    for boilerplate in ("Subscribe", "Privacy policy", "Related stories", "Markets: Dow", "All rights reserved"):
        assert boilerplate not in article.text
    assert article.id == article_id(article.text)
    assert article.origin == str(NEWS_PAGE)


def test_readers_html_page_without_article_text_is_a_problem():
    [problem] = list(read_html(DATA / "no_article.html"))
    assert isinstance(problem, Problem)
    assert problem.origin == str(DATA / "no_article.html")
    assert problem.severity == "error" and "no article text" in problem.message


def test_readers_html_no_date_metadata_means_no_date():
    article = html_to_article(page(None, STORY), "undated")
    assert isinstance(article, Article)
    assert article.metadata_date is None  # the footer's years are not a publication date


def test_readers_html_dates_do_not_depend_on_the_clock():
    future = html_to_article(page("2150-06-01T09:00:00Z", STORY), "future")
    past = html_to_article(page("1989-10-26T09:00:00Z", STORY), "past")
    assert future.metadata_date == date(2150, 6, 1)
    assert past.metadata_date == date(1989, 10, 26)


def test_readers_html_url_and_id_given_by_caller_win():
    article = html_to_article(
        page("2018-09-27", STORY, '<link rel="canonical" href="https://canonical.example/x">'),
        "warc#1", url="https://fetched.example/y", id="rec-1")
    assert (article.url, article.id) == ("https://fetched.example/y", "rec-1")
    without = html_to_article(page("2018-09-27", STORY, '<link rel="canonical" href="https://canonical.example/x">'), "p")
    assert without.url == "https://canonical.example/x"


def test_readers_html_legacy_encoding_declared_in_page(tmp_path):
    html = page("2018-09-27", "<p>S\u00e3o Paulo, Sept 27 (AFP) - Caf\u00e9 owners protested on Thursday against "
                "the new tax, which they said would force many of them to close.</p>",
                '<meta charset="iso-8859-1">')
    path = tmp_path / "latin1.html"
    path.write_bytes(html.encode("latin-1"))
    [article] = list(read_html(path))
    assert article.text.startswith("S\u00e3o Paulo, Sept 27 (AFP) - Caf\u00e9 owners")


def test_readers_html_gzip_compressed(tmp_path):
    path = tmp_path / "page.html.gz"
    path.write_bytes(gzip.compress(NEWS_PAGE.read_bytes()))
    [article] = list(read_html(path))
    assert article.metadata_date == date(2018, 9, 27)


def test_readers_html_bad_files(tmp_path):
    empty = tmp_path / "empty.html"
    empty.write_bytes(b"  \n")
    binary = tmp_path / "image.html"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00" + bytes(range(256)))
    assert "empty" in next(read_html(empty)).message
    assert "binary" in next(read_html(binary)).message
    assert "no such file" in next(read_html(tmp_path / "missing.html")).message.lower()


def test_readers_html_max_chars_truncates_with_warning(tmp_path):
    path = tmp_path / "p.html"
    path.write_text(page("2018-09-27", STORY), encoding="utf-8")
    from dateline.readers import ReaderOptions

    problem, article = list(read_html(path, ReaderOptions(max_chars=50)))
    assert problem.severity == "warning" and len(article.text) == 50
    assert any("truncated" in w for w in article.warnings)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(
    st.text(max_size=300),
    st.lists(st.sampled_from(["<p>", "</p>", "<div>", "</div>", "<html>", "<title>", "</title>", "<meta property="
                              '"article:published_time" content="', "2018-02-30", '">', "word ", "Reuters - ",
                              "<script>", "</script>", "&amp;", "<!--", "-->"]), max_size=40).map("".join),
))
def test_readers_html_property_any_markup_never_raises(markup):
    result = html_to_article(markup, "prop")
    assert isinstance(result, (Article, Problem))
    if isinstance(result, Article):
        assert result.text.strip()
        assert result.metadata_date is None or isinstance(result.metadata_date, date)
