"""JSON Lines articles (``.jsonl``, ``.ndjson``, gzip-compressed too): one JSON object a line.

Only the text is required; date, title, url, id and source are optional and their field names
are configurable (``ReaderOptions.jsonl``). Lines are read one at a time, so a corpus of any size
streams. A bad line is a ``Problem`` naming the file and its 1-based line; the other lines go on.
"""

from __future__ import annotations

import gzip
import json
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from dateline.readers.common import (
    GZIP_MAGIC,
    SNIFF_BYTES,
    UTF16_BOMS,
    JsonlFields,
    ReaderOptions,
    article_id,
    describe_os_error,
    looks_binary,
    open_binary,
    parse_metadata_date,
    replacement_warning,
    truncation_warning,
)
from dateline.types import Article, Problem

QUOTE_CHARS = 40


def read_jsonl(path: str | Path, options: ReaderOptions = ReaderOptions()) -> Iterator[Article | Problem]:
    """Yield one ``Article`` (or ``Problem``) per non-blank line of a JSON Lines file.

    Origins are ``path:line``. Problems name the line: not JSON, not an object, no usable text.
    A file that cannot be opened, or a gzip stream that breaks off, ends the file with a
    ``Problem`` after the articles read so far.
    """
    origin = str(path)
    line_number = 0
    try:
        with open_binary(Path(path)) as raw:
            stream = _decompressed(raw)
            refusal = _refusal(stream.read(SNIFF_BYTES))
            if refusal:
                yield Problem(origin, refusal)
                return
            stream.seek(0)
            for line_number, line in enumerate(stream, 1):
                if line.strip():
                    yield from _line_items(line, origin, line_number, options)
    except (OSError, EOFError, zlib.error) as error:
        reason = describe_os_error(error) if isinstance(error, OSError) else "compressed data is truncated or corrupt"
        where = f" after line {line_number}" if line_number else ""
        yield Problem(origin, f"cannot read file{where}: {reason}")


def _decompressed(raw: BinaryIO) -> BinaryIO:
    magic = raw.read(2)
    raw.seek(0)
    return gzip.GzipFile(fileobj=raw, mode="rb") if magic == GZIP_MAGIC else raw


def _refusal(sample: bytes) -> str | None:
    """Why the whole file is skipped (empty, binary), so a binary file gives one error, not one a line."""
    if not sample.strip():
        return "empty file, skipped"
    if not sample.startswith(UTF16_BOMS) and looks_binary(sample):
        return "binary file (NUL bytes or mostly non-text), not JSON Lines, skipped"
    return None


def _line_items(line: bytes, origin: str, number: int, options: ReaderOptions) -> Iterator[Article | Problem]:
    """The article of one line, preceded by warning ``Problem``s about it when any."""
    where = f"{origin}:{number}"
    warnings: list[str] = []
    try:
        text_line = line.decode("utf-8-sig" if number == 1 else "utf-8")
    except UnicodeDecodeError:
        text_line = line.decode("utf-8", errors="replace")
        warnings.append(replacement_warning())
        yield Problem(origin, f"{replacement_warning()}; article kept", line=number, severity="warning")
    try:
        record = json.loads(text_line)
    except (json.JSONDecodeError, RecursionError) as error:
        reason = f"{error.msg} at column {error.colno}" if isinstance(error, json.JSONDecodeError) else "nested too deeply"
        yield Problem(origin, f"not valid JSON ({reason}), line skipped", line=number)
        return
    if not isinstance(record, dict):
        yield Problem(origin, f"a line must hold a JSON object, found {_json_kind(record)}, line skipped", line=number)
        return
    result = record_to_article(record, where, options.jsonl, options.max_chars, tuple(warnings))
    if isinstance(result, str):
        yield Problem(origin, f"{result}, line skipped", line=number)
        return
    if truncation_warning(options.max_chars) in result.warnings:
        yield Problem(origin, truncation_warning(options.max_chars), line=number, severity="warning")
    yield result


def record_to_article(
    record: dict,
    origin: str,
    fields: JsonlFields = JsonlFields(),
    max_chars: int = ReaderOptions.max_chars,
    warnings: tuple[str, ...] = (),
) -> Article | str:
    """An ``Article`` from one JSON object, or the reason (a string) why it cannot be one."""
    text = record.get(fields.text)
    if text is None:
        return f"no {fields.text!r} field"
    if not isinstance(text, str):
        return f"field {fields.text!r} must be a string, found {_json_kind(text)}"
    if not text.strip():
        return f"field {fields.text!r} is empty"
    notes = list(warnings)
    if len(text) > max_chars:
        text = text[:max_chars]
        notes.append(truncation_warning(max_chars))
    metadata_date = _record_date(record, fields.date, notes)
    return Article(
        id=_record_id(record.get(fields.id), text),
        text=text,
        origin=origin,
        title=_optional_string(record, fields.title, notes),
        url=_optional_string(record, fields.url, notes),
        source=_optional_string(record, fields.source, notes),
        metadata_date=metadata_date,
        warnings=tuple(notes),
    )


def _record_date(record: dict, names: tuple[str, ...], notes: list[str]):
    """The first date field present (not null); a value that is no date leaves a warning."""
    for name in names:
        value = record.get(name)
        if value is None:
            continue
        if not isinstance(value, str):
            notes.append(f"field {name!r} is {_json_kind(value)}, not a date string: no metadata date")
            return None
        parsed = parse_metadata_date(value)
        if parsed is None:
            notes.append(f"unreadable date {value[:QUOTE_CHARS]!r} in field {name!r}: no metadata date")
        return parsed
    return None


def _record_id(value: object, text: str) -> str:
    """The source's id when it gives a usable one (string or integer), else the content hash."""
    if isinstance(value, bool):
        return article_id(text)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str) and value.strip():
        return value.strip()
    return article_id(text)


def _optional_string(record: dict, name: str, notes: list[str]) -> str | None:
    value = record.get(name)
    if value is None:
        return None
    if not isinstance(value, str):
        notes.append(f"field {name!r} is {_json_kind(value)}, not a string: ignored")
        return None
    return value.strip() or None


def _json_kind(value: object) -> str:
    kinds = {dict: "an object", list: "an array", str: "a string", bool: "a boolean", int: "a number",
             float: "a number", type(None): "null"}
    return kinds.get(type(value), type(value).__name__)
