"""Publication dates from page markup only: meta tags, JSON-LD, marked-up elements, the URL."""

from __future__ import annotations

import json
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import html as lxml_html

from dateline.readers.pagedate import page_date, url_date


def tree(head: str = "", body: str = "<p>Story text.</p>"):
    return lxml_html.fromstring(f"<html><head>{head}</head><body>{body}</body></html>")


@pytest.mark.parametrize(
    "head",
    [
        '<meta property="article:published_time" content="2018-09-27T08:15:00+00:00">',
        '<meta name="pubdate" content="20180927">',
        '<meta itemprop="datePublished" content="2018-09-27">',
        '<meta name="DC.date.issued" content="2018-09-27">',
        '<meta name="parsely-pub-date" content="2018-09-27T10:00:00Z">',
        '<script type="application/ld+json">{"@context": "https://schema.org", "@type": "NewsArticle",'
        ' "datePublished": "2018-09-27T08:00:00Z", "dateModified": "2018-09-28"}</script>',
        '<script type="application/ld+json">{"@graph": [{"@type": "WebPage"},'
        ' {"@type": "NewsArticle", "datePublished": "Sep 27, 2018"}]}</script>',
    ],
)
def test_readers_pagedate_head_statements(head):
    assert page_date(tree(head)) == date(2018, 9, 27)


def test_readers_pagedate_priority_published_over_generic_and_modified():
    head = ('<meta name="date" content="2020-01-01">'
            '<meta property="article:modified_time" content="2018-09-28">'
            '<meta property="article:published_time" content="2018-09-27">')
    assert page_date(tree(head)) == date(2018, 9, 27)


def test_readers_pagedate_bad_meta_value_falls_through():
    head = ('<meta property="article:published_time" content="not a date">'
            '<script type="application/ld+json">{broken json</script>'
            '<script type="application/ld+json">{"datePublished": "2018-09-27"}</script>')
    assert page_date(tree(head)) == date(2018, 9, 27)


@pytest.mark.parametrize(
    "body",
    [
        '<p>By A. Writer <time pubdate datetime="2018-09-27">Thursday</time></p>',
        '<span itemprop="datePublished" content="2018-09-27">Sep 27</span>',
    ],
)
def test_readers_pagedate_marked_up_elements(body):
    assert page_date(tree(body=body)) == date(2018, 9, 27)


def test_readers_pagedate_visible_text_is_not_metadata():
    body = ("<p>Updated 2025-01-05 10:00. Published September 27, 2018.</p>"
            '<footer>&copy; 2024</footer><time datetime="2019-04-04">related story</time>')
    assert page_date(tree(body=body)) is None


def test_readers_pagedate_url_and_canonical_link():
    assert page_date(tree(), "https://news.example.org/world/2018/09/27/pompeo") == date(2018, 9, 27)
    canonical = '<link rel="canonical" href="https://e.com/news/pompeo-2018-09-27-visit.html">'
    assert page_date(tree(canonical)) == date(2018, 9, 27)


@pytest.mark.parametrize(
    "url",
    [None, "", "https://e.com/2018/13/45/x", "https://e.com/item/20180927", "https://e.com/?d=2018/09/27/",
     "http://[broken"],
)
def test_readers_pagedate_url_without_a_valid_date(url):
    assert url_date(url) is None


@settings(max_examples=200, deadline=None)
@given(st.one_of(st.text(max_size=120), st.from_regex(r"https?://[a-z.]+(/[0-9a-z-]{1,10}){0,6}/?", fullmatch=True)))
def test_readers_pagedate_property_url_date_never_raises(url):
    found = url_date(url)
    assert found is None or isinstance(found, date)


@settings(max_examples=40, deadline=None)
@given(st.text(max_size=80))
def test_readers_pagedate_property_any_meta_content(content):
    escaped = content.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;")
    found = page_date(tree(f'<meta property="article:published_time" content="{escaped}">'
                           f'<script type="application/ld+json">{{"datePublished": {json.dumps(content)}}}</script>'))
    assert found is None or isinstance(found, date)
