"""WARC files of crawled news (``.warc``, ``.warc.gz``), read record by record with warcio.

HTTP responses (and resource records) whose content type is HTML go through the HTML reader:
``WARC-Target-URI`` becomes the url and ``WARC-Record-ID`` the article id. ``WARC-Date`` is the
crawl time, not the publication date, so it is not used for any field: an article whose page
states no date has no metadata date.

A normal crawl also holds robots.txt, images, error pages and section fronts: each is skipped
with a warning ``Problem`` (so the run's exit status stays 0); request, metadata and warcinfo
records are not documents and are skipped silently. A corrupt or truncated archive ends with an
error ``Problem`` naming the byte offset, after the articles read before it.
"""

from __future__ import annotations

import codecs
import contextlib
import gzip
import io
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path

from dateline.readers.common import (
    GZIP_MAGIC,
    ReaderOptions,
    describe_os_error,
    open_binary,
    truncation_warning,
)
from dateline.readers.html import MAX_HTML_BYTES, html_to_article
from dateline.types import Article, Problem

HTML_TYPES = ("text/html", "application/xhtml+xml")
# Record types that carry a fetched document; the rest (request, metadata, warcinfo,
# revisit, conversion) never hold an article of their own.
DOCUMENT_RECORDS = ("response", "resource")


def read_warc(path: str | Path, options: ReaderOptions = ReaderOptions()) -> Iterator[Article | Problem]:
    """Yield the articles of the HTML records of a WARC file, one record at a time.

    Origins are ``path#offset`` (the record's byte offset in the file, compressed if gzipped).
    """
    from warcio.exceptions import ArchiveLoadFailed

    origin = str(path)
    offset = 0
    seen = 0
    try:
        with open_binary(Path(path)) as stream:
            refusal = _not_a_warc(stream)
            if refusal:
                yield Problem(origin, refusal)
                return
            records = _quiet_iterator(stream)
            for record in records:
                document = _record_document(record)
                # warcio reads the rest of the record to know its offset: payload first.
                offset = records.get_record_offset()
                seen += 1
                if getattr(record.raw_stream, "limit", 0):
                    yield Problem(origin, f"WARC truncated inside the record at byte offset {offset}: "
                                          f"that record skipped, the {seen - 1} before it were kept")
                elif document is not None:
                    yield from _document_items(document, f"{origin}#{offset}", options)
            if records.err_count:
                yield Problem(origin, f"{records.err_count} record(s) with a wrong Content-Length; "
                                      "their neighbours may be cut or merged", severity="warning")
    except ArchiveLoadFailed as error:
        yield Problem(origin, _corrupt_message(seen, offset, error))
    except (OSError, EOFError, zlib.error, ValueError) as error:
        if isinstance(error, OSError) and not seen and error.errno is not None:
            yield Problem(origin, f"cannot read file: {describe_os_error(error)}")
        else:
            yield Problem(origin, _corrupt_message(seen, offset, error))


def _not_a_warc(stream) -> str | None:
    """Why the file is not a WARC (``None`` when it opens with ``WARC/``); rewinds the stream.

    warcio also reads the older ARC format and would take most text files for ARC records, one
    per line; news crawls are WARC, so anything else is refused up front.
    """
    try:
        head = stream.read(64)
        if head.startswith(GZIP_MAGIC):
            stream.seek(0)
            head = gzip.GzipFile(fileobj=stream).read(64)
    except (EOFError, zlib.error, gzip.BadGzipFile):
        head = b""
    stream.seek(0)
    if not head.strip():
        return "empty file, skipped"
    if not head.lstrip().startswith(b"WARC/"):
        return "not a WARC file (it does not start with a 'WARC/' version line), skipped"
    return None


def _quiet_iterator(stream):
    """warcio's record iterator, minus its writes to stderr (library code never prints).

    warcio writes a notice to stderr for each record with a wrong Content-Length; the count
    (``err_count``) is reported as one warning ``Problem`` instead.
    """
    from warcio.archiveiterator import ArchiveIterator

    class QuietArchiveIterator(ArchiveIterator):
        def _consume_blanklines(self):
            with contextlib.redirect_stderr(io.StringIO()):
                return super()._consume_blanklines()

    return QuietArchiveIterator(stream)


def _corrupt_message(seen: int, offset: int, error: Exception) -> str:
    where = f"after the record at byte offset {offset}" if seen else "at byte offset 0"
    reason = str(error).strip() or error.__class__.__name__
    return f"corrupt or truncated WARC {where} ({reason}); the records before it were kept"


@dataclass(frozen=True)
class RecordDocument:
    """What matters of a document record, read before warcio moves on to the next record."""

    content_type: str
    charset: str | None
    status: str | None
    url: str | None
    id: str | None
    payload: bytes | None  # None when the record is not read (not HTML, error status, too big)


def _record_document(record) -> RecordDocument | None:
    """The document of a response or resource record; ``None`` for the other record types."""
    if record.rec_type not in DOCUMENT_RECORDS:
        return None
    content_type, charset = _content_type(record)
    status = record.http_headers.get_statuscode() if record.http_headers else None
    payload = None
    if content_type.startswith(HTML_TYPES) and not (status and not status.startswith("2")):
        payload = record.content_stream().read(MAX_HTML_BYTES + 1)
    url = record.rec_headers.get_header("WARC-Target-URI") or None
    return RecordDocument(content_type, charset, status, url, _record_id(record), payload)


def _document_items(document: RecordDocument, origin: str, options: ReaderOptions) -> Iterator[Article | Problem]:
    """The article of one HTML document, or a warning saying why the record was skipped."""
    if not document.content_type.startswith(HTML_TYPES):
        shown = document.content_type or "no content type"
        yield Problem(origin, f"not an HTML record ({shown}), skipped", severity="warning")
        return
    if document.payload is None:
        yield Problem(origin, f"HTTP status {document.status}, not a page, skipped", severity="warning")
        return
    if len(document.payload) > MAX_HTML_BYTES:
        yield Problem(origin, f"HTML record larger than {MAX_HTML_BYTES:,} bytes, skipped")
        return
    page = _decoded_payload(document.payload, document.charset)
    article = html_to_article(page, origin, url=document.url, id=document.id, max_chars=options.max_chars)
    if isinstance(article, Problem):
        # A crawl holds section fronts and index pages besides stories: normal, not bad input.
        article = replace(article, severity="warning")
    if isinstance(article, Article) and truncation_warning(options.max_chars) in article.warnings:
        yield Problem(origin, truncation_warning(options.max_chars), severity="warning")
    yield article


def _content_type(record) -> tuple[str, str | None]:
    """The document's media type, lower-case without parameters (``text/html``), and its charset."""
    if record.rec_type == "response" and record.http_headers is not None:
        value = record.http_headers.get_header("Content-Type") or ""
    else:
        value = record.rec_headers.get_header("Content-Type") or ""
    media_type, _, parameters = value.partition(";")
    charset = None
    for parameter in parameters.split(";"):
        name, _, argument = parameter.partition("=")
        if name.strip().lower() == "charset" and argument.strip().strip("\"'"):
            charset = argument.strip().strip("\"'")
    return media_type.strip().lower(), charset


def _decoded_payload(payload: bytes, charset: str | None) -> bytes | str:
    """The page as text when the server named a known charset, else the bytes for trafilatura.

    The HTTP header is what browsers obey; without it trafilatura guesses from the bytes.
    """
    if not charset:
        return payload
    try:
        codecs.lookup(charset)
    except LookupError:
        return payload
    return payload.decode(charset, errors="replace")


def _record_id(record) -> str | None:
    """``WARC-Record-ID`` without its angle brackets and ``urn:uuid:`` prefix (a stable id)."""
    value = (record.rec_headers.get_header("WARC-Record-ID") or "").strip().strip("<>")
    return value.removeprefix("urn:uuid:") or None
