"""Plain-text articles: optional header lines (``date``, ``title``, ``url``, ``source``), then the story.

Two header shapes occur and both are read:

* keys on their own lines before the story::

      title: Pompeo to visit Pyongyang
      date 2018-09-21

      United Nations, Sep 27 (IANS) US Secretary of State ...

* the seed's inline form, a ``date`` prefix with the story on the same line::

       date 2018-09-21 United Nations, Sep 27 (IANS) US Secretary of State ...

``Article.text`` is the story with the header removed and leading whitespace stripped; it is
always a suffix of the decoded file, so offsets into it never depend on the header.
Which keys exist and which date forms may open an inline line is data
(``resources/readers/header.yaml``).
"""

from __future__ import annotations

import gzip
import re
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from dateline.readers.common import (
    GZIP_MAGIC,
    SNIFF_BYTES,
    UTF16_BOMS,
    DecodedText,
    ReaderOptions,
    article_id,
    decode_stream,
    describe_os_error,
    looks_binary,
    open_binary,
    parse_metadata_date,
    replacement_warning,
    truncation_warning,
)
from dateline.readers.rules import header_rules
from dateline.types import Article, Problem

# `key: value` (any case) or `key value`; the key is a word at the very start of a line.
HEADER_KEY = re.compile(r"([A-Za-z][A-Za-z_-]*)([ \t]*:[ \t]*|[ \t]+)")
LEADING_SPACE = re.compile(r"\s*")
# How much of a bad header value is quoted back in a warning.
QUOTE_CHARS = 40


@dataclass(frozen=True)
class Header:
    """What the header lines of a text said, and where the story starts (``body_start``)."""

    body_start: int = 0
    date: date | None = None
    date_value: str | None = None
    title: str | None = None
    url: str | None = None
    source: str | None = None
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True)
class HeaderLine:
    """One header line: the Article field it fills, its value, and where things are in the text."""

    field: str
    value: str
    value_start: int
    line_end: int
    has_colon: bool


@dataclass(frozen=True)
class LineReading:
    """What one header line says: a field value (``None`` when only a warning results), the
    date for a ``date`` line, and where the story starts when it follows on the same line."""

    value: str | None
    date: date | None = None
    story_start: int | None = None


def parse_header(text: str) -> Header:
    """Read the header lines at the start of ``text``; ``text[body_start:]`` is the story.

    Stops at the first line that is not a header line. Never raises; a ``date`` header whose
    value is not a date is kept as a header (when it is clearly one) with a warning naming the
    value, and the date stays ``None``. A repeated key keeps its first value, with a warning.
    """
    fields: dict[str, str | None] = {}
    found_date: date | None = None
    warnings: list[str] = []
    position = 0
    while True:
        line = _header_line(text, LEADING_SPACE.match(text, position).end())
        reading = _read_line(line) if line is not None else None
        if reading is None:
            break
        if line.field in fields:
            warnings.append(f"duplicate {line.field} header {line.value[:QUOTE_CHARS]!r} ignored")
        else:
            fields[line.field] = reading.value
            if line.field == "date":
                found_date = reading.date
                if reading.date is None:
                    warnings.append(f"unreadable date header {line.value[:QUOTE_CHARS]!r}: no metadata date")
        if reading.story_start is not None:
            position = reading.story_start
            break
        position = line.line_end
    return Header(
        body_start=position,
        date=found_date,
        date_value=fields.get("date"),
        title=fields.get("title"),
        url=fields.get("url"),
        source=fields.get("source"),
        warnings=tuple(warnings),
    )


def _read_line(line: HeaderLine) -> LineReading | None:
    """What a header line says, or ``None`` when it is story after all (see ``_date_header``)."""
    if line.field != "date":
        if not _plausible_value(line.field, line.value, line.has_colon):
            return None
        return LineReading(line.value or None)
    outcome = _date_header(line.value, line.has_colon)
    if outcome is None:
        return None
    parsed, inline_end = outcome
    if inline_end is None:
        return LineReading(line.value, parsed)
    return LineReading(line.value[:inline_end].strip(), parsed, line.value_start + inline_end)


def _header_line(text: str, start: int) -> HeaderLine | None:
    """The header line at ``start`` when a known key opens it (see ``header.yaml``)."""
    match = HEADER_KEY.match(text, start)
    if not match:
        return None
    key, separator = match.group(1), match.group(2)
    field_name = header_rules().keys.get(key.lower())
    has_colon = ":" in separator
    if field_name is None or not (has_colon or key.islower() or key.isupper()):
        return None
    line_end = _line_end(text, match.end())
    if line_end == match.end() and not has_colon:
        return None
    raw_value = text[match.end():line_end]
    value = raw_value.strip()
    value_start = match.end() + len(raw_value) - len(raw_value.lstrip())
    return HeaderLine(field_name, value, value_start, line_end, has_colon)


def _line_end(text: str, start: int) -> int:
    end = text.find("\n", start)
    return len(text) if end < 0 else end


def _date_header(value: str, has_colon: bool) -> tuple[date | None, int | None] | None:
    """Read a ``date`` header value: ``(date, inline_end)``, or ``None`` when it is no header.

    ``inline_end`` is where the story starts within ``value`` for the seed's inline form. A date
    prefix followed by something other than a digit is that form: the whole line is never handed
    to dateparser then, which would read ``2000-01-01 Y`` as a date in military time zone Y.
    Without a colon, a line is only a date header when a date (or a single word starting with a
    digit, such as a broken ``2018-13-45``) follows the key, so "date palms ..." stays story.
    """
    inline = _inline_date(value)
    if inline is not None and not value[inline[1]].isdigit():
        return inline
    parsed = parse_metadata_date(value)
    if parsed is not None:
        return parsed, None
    if inline is not None:
        return inline
    if has_colon or (value[:1].isdigit() and " " not in value):
        return None, None
    return None


def _inline_date(value: str) -> tuple[date, int] | None:
    """``(date, story_start)`` when ``value`` opens with a date form followed by more text."""
    for prefix in header_rules().date_prefixes:
        match = prefix.pattern.match(value)
        if match and match.end() < len(value) and value[match.end()].isspace():
            inline_date = parse_metadata_date(match.group("date"))
            if inline_date is not None:
                return inline_date, _story_start(value, match.end())
    return None


def _story_start(value: str, after: int) -> int:
    return LEADING_SPACE.match(value, after).end()


def _plausible_value(field_name: str, value: str, has_colon: bool) -> bool:
    """A header without a colon needs a value; a URL is one word."""
    if field_name == "url" and value and any(ch.isspace() for ch in value):
        return False
    return bool(value) or has_colon


def read_text_string(
    text: str,
    origin: str,
    warnings: tuple[str, ...] = (),
) -> Article | Problem:
    """An ``Article`` from decoded text with optional header lines (see ``parse_header``).

    ``warnings`` are carried into ``Article.warnings`` (e.g. from decoding). Text that holds
    nothing but whitespace and headers gives an error ``Problem``.
    """
    if not text.strip():
        return Problem(origin, "empty file (nothing but whitespace), skipped")
    header = parse_header(text)
    story = text[LEADING_SPACE.match(text, header.body_start).end():]
    if not story:
        return Problem(origin, "no story text after the header lines, skipped")
    return Article(
        id=article_id(story),
        text=story,
        origin=origin,
        title=header.title,
        url=header.url,
        source=header.source,
        metadata_date=header.date,
        warnings=tuple(warnings) + header.warnings,
    )


def read_text_file(path: str | Path, options: ReaderOptions = ReaderOptions()) -> Iterator[Article | Problem]:
    """Read one plain-text article (``.txt``, extensionless, or gzip-compressed text).

    Yields one ``Article``, or a ``Problem`` for a missing, unreadable, empty or binary file.
    Bytes that are not UTF-8 are replaced (the article is kept, with a warning in
    ``Article.warnings`` and a warning ``Problem``); text over ``options.max_chars`` is truncated
    with a warning.
    """
    origin = str(path)
    try:
        decoded = _decode_file(Path(path), options.max_chars)
    except OSError as error:
        yield Problem(origin, f"cannot read file: {describe_os_error(error)}")
        return
    except (EOFError, zlib.error):
        yield Problem(origin, "cannot read file: the compressed data is truncated or corrupt")
        return
    if isinstance(decoded, Problem):
        yield replace(decoded, origin=origin)
        return
    warnings = []
    if decoded.replaced:
        warnings.append(replacement_warning(decoded.encoding))
        yield Problem(origin, f"{replacement_warning(decoded.encoding)}; article kept", severity="warning")
    if decoded.truncated:
        warnings.append(truncation_warning(options.max_chars))
        yield Problem(origin, truncation_warning(options.max_chars), severity="warning")
    yield read_text_string(decoded.text, origin, tuple(warnings))


def _decode_file(path: Path, max_chars: int) -> DecodedText | Problem:
    """The decoded text of a file, or a ``Problem`` (origin filled in by the caller)."""
    with open_binary(path) as raw:
        magic = raw.read(2)
        raw.seek(0)
        stream = gzip.GzipFile(fileobj=raw, mode="rb") if magic == GZIP_MAGIC else raw
        first = stream.read(SNIFF_BYTES)
        if not first:
            return Problem("", "empty file, skipped")
        if not first.startswith(UTF16_BOMS) and looks_binary(first):
            return Problem("", "binary file (NUL bytes or mostly non-text), skipped")
        return decode_stream(stream, first, max_chars)
