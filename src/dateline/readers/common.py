"""What every reader shares: the options, the article id, decoding and metadata dates.

Readers turn files into ``Article`` values and report bad input as ``Problem`` values; the helpers
here keep those decisions identical across formats (the same bytes decode the same way, the same
date string gives the same date, the same story gets the same id whatever file it came from).
"""

from __future__ import annotations

import codecs
import email.utils
import functools
import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import BinaryIO

FORMATS = ("text", "jsonl", "html", "warc", "timeml", "catxml")

# How many bytes are sniffed to tell text from binary data and one format from another.
SNIFF_BYTES = 8192
# Share of control or undecodable characters in the sniffed sample above which a file is binary:
# random bytes give ~50%, Latin-1 news text a few percent at most.
BINARY_SHARE = 0.30
READ_CHUNK = 1 << 20
GZIP_MAGIC = b"\x1f\x8b"


@dataclass(frozen=True)
class JsonlFields:
    """The JSON Lines field names: ``date`` lists candidates, the first one present is used."""

    text: str = "text"
    date: tuple[str, ...] = ("date", "published")
    title: str = "title"
    url: str = "url"
    id: str = "id"
    source: str = "source"

    def __post_init__(self) -> None:
        if isinstance(self.date, str):
            object.__setattr__(self, "date", (self.date,))
        elif isinstance(self.date, list):
            object.__setattr__(self, "date", tuple(self.date))
        for name in ("text", "title", "url", "id", "source"):
            value = getattr(self, name)
            if not isinstance(value, str) or not value:
                raise ValueError(f"JsonlFields.{name} must be a non-empty field name, got {value!r}")
        if not self.date or not all(isinstance(d, str) and d for d in self.date):
            raise ValueError(f"JsonlFields.date must list non-empty field names, got {self.date!r}")


@dataclass(frozen=True)
class ReaderOptions:
    """How files are read.

    ``max_chars`` caps one article's text (longer stories are truncated with a warning, never
    silently); ``format`` forces one format for every file instead of choosing by extension and
    content (one of ``FORMATS``); ``jsonl`` names the JSON Lines fields.
    """

    jsonl: JsonlFields = field(default_factory=JsonlFields)
    max_chars: int = 5_000_000
    format: str | None = None

    def __post_init__(self) -> None:
        if isinstance(self.max_chars, bool) or not isinstance(self.max_chars, int) or self.max_chars < 1:
            raise ValueError(f"ReaderOptions.max_chars must be a positive integer, got {self.max_chars!r}")
        if self.format is not None and self.format not in FORMATS:
            raise ValueError(
                f"ReaderOptions.format must be one of {', '.join(FORMATS)} (or None to detect), "
                f"got {self.format!r}"
            )
        if not isinstance(self.jsonl, JsonlFields):
            raise ValueError(f"ReaderOptions.jsonl must be a JsonlFields, got {type(self.jsonl).__name__}")


def article_id(text: str) -> str:
    """A stable id for a story without one: the first 16 hex digits of SHA-256 of its NFC text.

    NFC first, so the same story typed with composed or decomposed accents gets the same id.
    """
    normalised = unicodedata.normalize("NFC", text)
    return hashlib.sha256(normalised.encode("utf-8", "surrogatepass")).hexdigest()[:16]


def open_binary(path: Path) -> BinaryIO:
    """Open a file for reading bytes (one place, so tests can simulate unreadable files)."""
    return open(path, "rb")


def describe_os_error(error: OSError) -> str:
    """A short, user-facing reason for an ``OSError`` ("permission denied", ...)."""
    reason = error.strerror or str(error) or error.__class__.__name__
    return reason[:1].lower() + reason[1:]


# Control bytes that never occur in text (tab, newlines, form feed, backspace and escape do).
CONTROL_BYTES = bytes(b for b in range(32) if b not in b"\t\n\r\f\v\b\x1b")
NON_CONTROL_BYTES = bytes(b for b in range(256) if b not in CONTROL_BYTES)


def looks_binary(sample: bytes) -> bool:
    """Whether a file's first bytes are binary data rather than text in some encoding.

    NUL bytes never occur in text files (UTF-16 files start with a byte-order mark and are
    handled before this). Otherwise the share of control characters and bytes that are not UTF-8
    decides: text in a legacy encoding such as Latin-1 stays well below ``BINARY_SHARE``.
    Counted with C-level bytes and str methods: this runs on every file.
    """
    if not sample:
        return False
    if b"\x00" in sample:
        return True
    controls = len(sample.translate(None, NON_CONTROL_BYTES))
    decoder = codecs.getincrementaldecoder("utf-8")(errors="replace")
    decoded = decoder.decode(sample, final=False)
    if not decoded:
        return False
    undecodable = decoded.count("\ufffd") - sample.count("\ufffd".encode())
    return (controls + undecodable) / len(decoded) > BINARY_SHARE


UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)


@dataclass(frozen=True)
class DecodedText:
    """Text decoded from a byte stream, with what went wrong on the way."""

    text: str
    replaced: bool = False
    truncated: bool = False
    encoding: str = "utf-8"


def decode_stream(stream: BinaryIO, first: bytes, max_chars: int) -> DecodedText:
    """Decode a whole stream (its first bytes already read into ``first``), chunk by chunk.

    Strict UTF-8 first; on the first invalid byte the stream is decoded again from the start with
    replacement characters (``replaced``), so the stream must be seekable. Decoding stops
    once ``max_chars`` characters are in (``truncated``), so a huge file never costs more than
    the cap. Linear in the size read; chunks are joined once.
    """
    encoding = "utf-16" if first.startswith(UTF16_BOMS) else "utf-8-sig"
    try:
        return _decode_chunks(stream, first, max_chars, encoding, "strict")
    except UnicodeDecodeError:
        pass
    stream.seek(0)
    first = stream.read(len(first))
    decoded = _decode_chunks(stream, first, max_chars, encoding, "replace")
    return DecodedText(decoded.text, replaced=True, truncated=decoded.truncated, encoding=encoding)


def _decode_chunks(stream: BinaryIO, first: bytes, max_chars: int, encoding: str, errors: str) -> DecodedText:
    decoder = codecs.getincrementaldecoder(encoding)(errors=errors)
    pieces: list[str] = []
    total = 0
    chunk = first
    while True:
        final = not chunk
        piece = decoder.decode(chunk, final=final)
        if piece:
            pieces.append(piece)
            total += len(piece)
        if total > max_chars:
            return DecodedText("".join(pieces)[:max_chars], truncated=True, encoding=encoding)
        if final:
            return DecodedText("".join(pieces), encoding=encoding)
        chunk = stream.read(READ_CHUNK)


RFC2822 = re.compile(r"(?:[A-Za-z]{3},\s*)?\d{1,2}\s+[A-Za-z]{3}\s+\d{4}\s+\d{1,2}:\d{2}")
ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
COMPACT_DATE = re.compile(r"(\d{4})(\d{2})(\d{2})(?:T[\d:.]*)?")
# A date value is never longer; longer values are not parsed (nor cached), which keeps the cost of
# a header line that runs into the story (the seed's inline form) independent of its length.
MAX_DATE_CHARS = 64
# Absolute dates only: no relative parser, all of day, month and year required, and a fixed
# relative base so that dateparser never consults the clock (its now() fallback is the
# cautionary tale of STYLE.md).
DATEPARSER_SETTINGS = {
    "PARSERS": ["custom-formats", "absolute-time"],
    "REQUIRE_PARTS": ["day", "month", "year"],
    "STRICT_PARSING": True,
    "RELATIVE_BASE": datetime(1900, 1, 1),
    "RETURN_AS_TIMEZONE_AWARE": False,
}


def parse_metadata_date(value: str) -> date | None:
    """The calendar date a metadata value states, or ``None`` when it states none.

    ``2018-09-21``, full ISO datetimes (the date as written, no time-zone shift), ``20180921``
    and written dates such as ``Sep 21, 2018`` or ``Thu, 27 Sep 2018 10:00:00 GMT``. Partial
    (``September 2018``) and relative (``yesterday``) values give ``None``: a metadata date must
    be a day, and nothing here may guess one. Values longer than ``MAX_DATE_CHARS`` are no date.
    """
    value = value.strip()
    if not value or len(value) > MAX_DATE_CHARS:
        return None
    return _short_value_date(value)


@functools.lru_cache(maxsize=4096)
def _short_value_date(value: str) -> date | None:
    """``parse_metadata_date`` of a stripped value of at most ``MAX_DATE_CHARS`` (cached: a news
    dump repeats the same few date strings)."""
    match = ISO_DATE.fullmatch(value[:10]) if len(value) >= 10 else None
    if match and len(value) == 10:
        return checked_date(*match.groups())
    if match and value[10] in "Tt ":
        iso = _iso_datetime_date(value)
        if iso is not None:
            return iso
    match = COMPACT_DATE.fullmatch(value)
    if match:
        return checked_date(*match.groups())
    if not any(ch.isdigit() for ch in value):
        return None
    return _rfc2822_date(value) or _written_date(value) or _dateparser_date(value)


def _rfc2822_date(value: str) -> date | None:
    """``Thu, 27 Sep 2018 10:00:00 GMT``, the date form of RSS feeds and e-mail headers."""
    if not RFC2822.match(value):
        return None
    try:
        return email.utils.parsedate_to_datetime(value).date()
    except (ValueError, TypeError, IndexError, OverflowError):
        return None


def _written_date(value: str) -> date | None:
    """A written date in one of the common forms of ``metadata_dates.yaml`` (no dateparser)."""
    from dateline.readers.rules import metadata_date_formats

    for fmt, _examples in metadata_date_formats():
        try:
            return datetime.strptime(value, fmt).date()
        except ValueError:
            continue
    return None


def _iso_datetime_date(value: str) -> date | None:
    """The date part of a full ISO 8601 datetime, as written (no time-zone conversion)."""
    try:
        return datetime.fromisoformat(value.replace("t", "T", 1)).date()
    except ValueError:
        return None


def checked_date(year: str, month: str, day: str) -> date | None:
    """The date of these digits, or ``None`` when there is no such day (a 31 June)."""
    try:
        return date(int(year), int(month), int(day))
    except ValueError:
        return None


def _dateparser_date(value: str) -> date | None:
    import dateparser  # slow to import; only needed for written-out dates

    try:
        parsed = dateparser.parse(value, languages=["en"], settings=DATEPARSER_SETTINGS)
    except (ValueError, TypeError, OverflowError, AttributeError):
        return None
    return parsed.date() if parsed else None


def truncation_warning(max_chars: int) -> str:
    return (
        f"text truncated to the first {max_chars:,} characters (ReaderOptions.max_chars); "
        "the rest of the article was not read"
    )


def replacement_warning(encoding: str = "utf-8") -> str:
    return f"text is not valid {encoding.removesuffix('-sig').upper()}: undecodable bytes were replaced by U+FFFD"
