"""HTML news pages: the main text, title, url and publication date, with trafilatura.

trafilatura finds the story among navigation, teasers and footers and reads the title, canonical
URL and site name. The publication date comes from the page's markup only (``pagedate``):
trafilatura's own date, from htmldate, falls back to dates found in the visible text (a footer's
"Updated 2025-01-05"), which is a guess, not metadata. Nothing is fetched from the network and
nothing depends on today's date.
"""

from __future__ import annotations

import gzip
import logging
import re
import zlib
from collections.abc import Iterator
from pathlib import Path

from dateline.readers.common import (
    GZIP_MAGIC,
    SNIFF_BYTES,
    ReaderOptions,
    article_id,
    describe_os_error,
    looks_binary,
    open_binary,
    truncation_warning,
)
from dateline.readers.pagedate import page_date
from dateline.types import Article, Problem

# trafilatura logs a WARNING for every page it finds no text in; without a handler Python's
# last-resort handler would print it on stderr, beside the Problem that already says so. A
# NullHandler on its own loggers keeps that quiet unless the application configures logging.
for _name in ("trafilatura", "htmldate", "courlan"):
    logging.getLogger(_name).addHandler(logging.NullHandler())

# trafilatura still runs htmldate for its own (unused) date: fixed bounds instead of its "today",
# so that not even unused work reads the clock.
DATE_PARAMS = {
    "original_date": True,  # the publication date, not the last modification
    "extensive_search": False,  # no guessing from free text in the page
    "min_date": "1800-01-01",
    "max_date": "2200-12-31",
}
# Fewer words than this is navigation or a teaser, not an article.
MIN_WORDS = 8
# trafilatura refuses bigger pages anyway (MAX_FILE_SIZE); reading more would only cost memory.
MAX_HTML_BYTES = 20_000_000
WORD = re.compile(r"\w+")


def read_html(path: str | Path, options: ReaderOptions = ReaderOptions()) -> Iterator[Article | Problem]:
    """Yield the article of one HTML page, or a ``Problem`` when the page holds none."""
    origin = str(path)
    try:
        with open_binary(Path(path)) as raw:
            magic = raw.read(2)
            raw.seek(0)
            stream = gzip.GzipFile(fileobj=raw, mode="rb") if magic == GZIP_MAGIC else raw
            page = stream.read(MAX_HTML_BYTES + 1)
    except (OSError, EOFError, zlib.error) as error:
        reason = describe_os_error(error) if isinstance(error, OSError) else "compressed data is truncated"
        yield Problem(origin, f"cannot read file: {reason}")
        return
    if not page.strip():
        yield Problem(origin, "empty file, skipped")
        return
    if len(page) > MAX_HTML_BYTES:
        yield Problem(origin, f"HTML page larger than {MAX_HTML_BYTES:,} bytes, skipped")
        return
    if looks_binary(page[:SNIFF_BYTES]):
        yield Problem(origin, "binary file (NUL bytes or mostly non-text), not an HTML page, skipped")
        return
    yield from _with_truncation_problem(html_to_article(page, origin, max_chars=options.max_chars), options)


def _with_truncation_problem(result: Article | Problem, options: ReaderOptions) -> Iterator[Article | Problem]:
    if isinstance(result, Article) and truncation_warning(options.max_chars) in result.warnings:
        yield Problem(result.origin, truncation_warning(options.max_chars), severity="warning")
    yield result


def html_to_article(
    page: bytes | str,
    origin: str,
    url: str | None = None,
    id: str | None = None,
    max_chars: int = ReaderOptions.max_chars,
) -> Article | Problem:
    """The article of an HTML page (bytes in any declared encoding, or text).

    ``url`` (e.g. a WARC target URI) wins over the page's own canonical URL; ``id`` over the
    content hash. A page without article text gives an error ``Problem`` naming ``origin``.
    """
    extracted = _extract(page, url)
    if isinstance(extracted, str):
        return Problem(origin, extracted)
    extracted, published = extracted
    text = _without_leading_title(extracted.text or "", extracted.title)
    if len(WORD.findall(text[: MIN_WORDS * 50])) < MIN_WORDS:
        return Problem(origin, "no article text found in the HTML page (only navigation or boilerplate), skipped")
    warnings = []
    if len(text) > max_chars:
        text = text[:max_chars]
        warnings.append(truncation_warning(max_chars))
    return Article(
        id=id or article_id(text),
        text=text,
        origin=origin,
        title=(extracted.title or "").strip() or None,
        url=url or extracted.url or None,
        source=extracted.sitename or extracted.hostname or None,
        metadata_date=published,
        warnings=tuple(warnings),
    )


def _extract(page: bytes | str, url: str | None):
    """``(trafilatura document, publication date)``, or the reason (a string) there is no article."""
    try:  # slow to import; only needed when HTML is read
        import trafilatura
        from trafilatura.utils import load_html
    except ImportError as error:  # e.g. lxml_html_clean missing beside lxml >= 5.2
        return f"cannot read HTML: trafilatura does not import ({error}), skipped"
    try:
        tree = load_html(page)
        if tree is None:
            return "not an HTML page (cannot be parsed), skipped"
        published = page_date(tree, url)  # before trafilatura, which prunes the tree
        document = trafilatura.bare_extraction(
            tree,
            url=url,
            fast=True,
            favor_precision=True,
            include_comments=False,
            with_metadata=True,
            date_extraction_params=dict(DATE_PARAMS),
        )
    except (ValueError, TypeError, LookupError, RecursionError) as error:
        return f"HTML page could not be parsed ({error.__class__.__name__}: {error}), skipped"
    if document is None or not (document.text or "").strip():
        return "no article text found in the HTML page, skipped"
    return document, published


def _without_leading_title(text: str, title: str | None) -> str:
    """The text without the headline line trafilatura repeats at its start.

    The headline is kept in ``Article.title``; left in the text it would hide the dateline that
    opens the story (``United Nations, Sep 27 (IANS) ...``) from the dateline parser.
    """
    text = text.strip()
    if title and text.startswith(title.strip()):
        rest = text[len(title.strip()):]
        if rest[:1] == "\n":
            return rest.lstrip()
    return text
