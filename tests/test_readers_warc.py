"""WARC reader: HTML responses become articles; other records are skipped, corrupt archives reported."""

from __future__ import annotations

import io
import re
from datetime import date
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from dateline.readers import read_warc
from dateline.types import Article, Problem

NEWS_PAGE = Path(__file__).parent / "data" / "readers" / "news_article.html"
UNDATED_STORY = (
    b"<html><head><title>Vote</title></head><body><article><p>WASHINGTON (Reuters) - The Senate passed "
    b"the budget bill on Tuesday by a vote of 60 to 40, sending it to the House.</p></article></body></html>"
)


def http(status: str, content_type: str) -> StatusAndHeaders:
    return StatusAndHeaders(status, [("Content-Type", content_type)], protocol="HTTP/1.1")


def build_warc(path: Path, compress: bool) -> Path:
    """A small crawl: warcinfo, a request, robots.txt, the news page, a 404 page, an undated page."""
    with open(path, "wb") as out:
        writer = WARCWriter(out, gzip=compress)
        writer.write_record(writer.create_warcinfo_record(path.name, {"software": "dateline tests"}))
        writer.write_record(writer.create_warc_record(
            "https://news.example.org/robots.txt", "request",
            payload=io.BytesIO(b"GET /robots.txt HTTP/1.1\r\nHost: news.example.org\r\n\r\n")))
        writer.write_record(writer.create_warc_record(
            "https://news.example.org/robots.txt", "response",
            payload=io.BytesIO(b"User-agent: *\nDisallow:\n"), http_headers=http("200 OK", "text/plain")))
        writer.write_record(writer.create_warc_record(
            "https://news.example.org/crawled/pompeo", "response",
            payload=io.BytesIO(NEWS_PAGE.read_bytes()), http_headers=http("200 OK", "text/html; charset=utf-8")))
        writer.write_record(writer.create_warc_record(
            "https://news.example.org/gone", "response",
            payload=io.BytesIO(b"<html><body>Not found</body></html>"), http_headers=http("404 Not Found", "text/html")))
        writer.write_record(writer.create_warc_record(
            "https://news.example.org/vote", "response",
            payload=io.BytesIO(UNDATED_STORY), http_headers=http("200 OK", "text/html")))
    return path


def split(items):
    items = list(items)
    return ([i for i in items if isinstance(i, Article)], [i for i in items if isinstance(i, Problem)])


@pytest.mark.parametrize("name, compress", [("crawl.warc.gz", True), ("crawl.warc", False)])
def test_readers_warc_html_responses_become_articles(tmp_path, name, compress):
    path = build_warc(tmp_path / name, compress)
    (news, vote), problems = split(read_warc(path))
    assert news.url == "https://news.example.org/crawled/pompeo"  # the target URI
    assert news.metadata_date == date(2018, 9, 27)
    assert news.text.startswith("United Nations, Sep 27 (IANS)")
    assert news.origin.startswith(f"{path}#") and int(news.origin.split("#")[1]) > 0
    assert vote.metadata_date is None  # WARC-Date is the crawl time, never a publication date
    assert vote.url == "https://news.example.org/vote"
    assert news.id != vote.id and len(news.id) == 36  # the WARC-Record-ID uuid
    assert [p.severity for p in problems] == ["warning", "warning"]
    assert "text/plain" in problems[0].message and "404" in problems[1].message


def test_readers_warc_ids_are_stable_across_reads(tmp_path):
    path = build_warc(tmp_path / "crawl.warc.gz", True)
    first, _ = split(read_warc(path))
    second, _ = split(read_warc(path))
    assert [a.id for a in first] == [a.id for a in second]


@pytest.mark.parametrize("name, compress", [("cut.warc.gz", True), ("cut.warc", False)])
def test_readers_warc_truncated_archive_keeps_records_before(tmp_path, name, compress):
    whole = build_warc(tmp_path / f"whole-{name}", compress).read_bytes()
    page_at = whole.find(b"<title>Pompeo") if not compress else None
    cut_at = page_at if page_at else len(whole) * 2 // 3
    path = tmp_path / name
    path.write_bytes(whole[:cut_at])
    articles, problems = split(read_warc(path))
    errors = [p for p in problems if p.severity == "error"]
    assert len(errors) == 1 and errors[0].origin == str(path)
    assert "offset" in errors[0].message
    assert any("text/plain" in p.message for p in problems)  # the records before it were read


def test_readers_warc_garbage_and_empty(tmp_path):
    garbage = tmp_path / "garbage.warc"
    garbage.write_bytes(b"this is not a web archive at all\n" * 10)
    [problem] = list(read_warc(garbage))
    assert problem.severity == "error" and "not a WARC file" in problem.message
    empty = tmp_path / "empty.warc"
    empty.write_bytes(b"")
    [problem] = list(read_warc(empty))
    assert "empty" in problem.message
    [missing] = list(read_warc(tmp_path / "missing.warc.gz"))
    assert "no such file" in missing.message.lower()


def test_readers_warc_corrupt_gzip_member(tmp_path):
    whole = bytearray(build_warc(tmp_path / "whole.warc.gz", True).read_bytes())
    middle = len(whole) // 2
    whole[middle:middle + 40] = b"\xff" * 40
    path = tmp_path / "corrupt.warc.gz"
    path.write_bytes(bytes(whole))
    items = list(read_warc(path))
    assert all(isinstance(item, (Article, Problem)) for item in items)
    assert any(isinstance(item, Problem) and item.severity == "error" for item in items)


def test_readers_warc_wrong_content_length_reported_not_printed(tmp_path, capfd):
    whole = build_warc(tmp_path / "whole.warc", False).read_bytes()
    at = whole.index(b"WARC-Type: response")  # the robots.txt record: make its length too short
    head, tail = whole[:at], whole[at:]
    broken = head + re.sub(rb"Content-Length: \d+", b"Content-Length: 20", tail, count=1)
    assert broken != whole
    path = tmp_path / "lengths.warc"
    path.write_bytes(broken)
    items = list(read_warc(path))
    assert capfd.readouterr().err == ""
    errors = [i for i in items if isinstance(i, Problem) and i.severity == "error"]
    assert len(errors) == 1 and "offset" in errors[0].message


def test_readers_warc_resource_records_and_index_pages(tmp_path):
    path = tmp_path / "resources.warc"
    with open(path, "wb") as out:
        writer = WARCWriter(out, gzip=False)
        writer.write_record(writer.create_warc_record(
            "file:///saved/pompeo.html", "resource", payload=io.BytesIO(NEWS_PAGE.read_bytes()),
            warc_content_type="text/html"))
        writer.write_record(writer.create_warc_record(
            "https://news.example.org/", "response",
            payload=io.BytesIO(b"<html><body><nav><a href='/'>Home</a></nav></body></html>"),
            http_headers=http("200 OK", "text/html")))
        writer.write_record(writer.create_warc_record(
            "https://news.example.org/logo.png", "response", payload=io.BytesIO(b"\x89PNG\r\n"),
            http_headers=http("200 OK", "image/png")))
    [article], problems = split(read_warc(path))
    assert article.url == "file:///saved/pompeo.html" and article.metadata_date == date(2018, 9, 27)
    assert [p.severity for p in problems] == ["warning", "warning"]
    assert "no article text" in problems[0].message and "image/png" in problems[1].message


def test_readers_warc_http_charset_decodes_the_page(tmp_path):
    page = ("<html><head><title>Caf\u00e9s</title></head><body><article><p>S\u00e3o Paulo, Sept 27 (AFP) - "
            "Caf\u00e9 owners protested on Thursday against the new tax, which they said would force many "
            "of them to close \u2013 the union said.</p></article></body></html>").encode("windows-1252")
    path = tmp_path / "cp1252.warc"
    with open(path, "wb") as out:
        writer = WARCWriter(out, gzip=False)
        writer.write_record(writer.create_warc_record(
            "https://e.com/cafe", "response", payload=io.BytesIO(page),
            http_headers=http("200 OK", 'text/html; charset="windows-1252"')))
    [article] = list(read_warc(path))
    assert article.text.startswith("S\u00e3o Paulo, Sept 27 (AFP) - Caf\u00e9 owners")
    assert "close \u2013 the union" in article.text
