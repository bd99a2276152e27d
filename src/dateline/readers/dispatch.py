"""Any mix of files, directories and globs in; articles and problems out, one file at a time.

Directories are walked recursively in sorted order, hidden files and folders skipped; globs
(``data/*.jsonl``, ``corpus/**/*.html``) expand in sorted order. Each file's format comes from its
extension, else from its first bytes (``resources/readers/formats.yaml``). Nothing raises out of
``read_paths``: every failure is a ``Problem`` and the rest of the batch goes on.
"""

from __future__ import annotations

import glob
import gzip
import importlib
import os
import zlib
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from dateline.readers.common import (
    GZIP_MAGIC,
    SNIFF_BYTES,
    ReaderOptions,
    describe_os_error,
    open_binary,
)
from dateline.readers.rules import format_rules
from dateline.types import Article, Problem

GLOB_CHARACTERS = frozenset("*?[")
Reader = Callable[[Path, ReaderOptions], Iterator[Article | Problem]]


def read_paths(
    paths: Iterable[str | Path] | str | Path,
    options: ReaderOptions = ReaderOptions(),
) -> Iterator[Article | Problem]:
    """Every article of every file named, found in a directory, or matched by a glob, in order.

    Streaming: files are opened one at a time and each reader yields as it reads.
    """
    if isinstance(paths, (str, Path)):
        paths = [paths]
    for path in paths:
        try:
            for item in expand_path(path):
                if isinstance(item, Problem):
                    yield item
                else:
                    yield from read_file(item, options)
        except (OSError, ValueError) as error:  # e.g. a NUL byte or an over-long name
            reason = describe_os_error(error) if isinstance(error, OSError) else str(error)
            yield Problem(str(path), f"not a usable path: {reason}")


def expand_path(path: str | Path) -> Iterator[Path | Problem]:
    """The files a command-line path stands for: itself, a directory's files, a glob's matches."""
    text = str(path)
    candidate = Path(text)
    if candidate.is_dir():
        yield from walk_directory(candidate)
    elif candidate.exists() or candidate.is_symlink():
        yield candidate if candidate.is_file() else Problem(text, _not_a_file_reason(candidate))
    elif GLOB_CHARACTERS & set(text):
        yield from _glob_files(text)
    else:
        yield Problem(text, "no such file or directory")


def _glob_files(pattern: str) -> Iterator[Path | Problem]:
    """The files a glob matches, directories among the matches walked, each file once."""
    matches = sorted(glob.glob(pattern, recursive=True))
    if not matches:
        yield Problem(pattern, "no files match this pattern")
        return
    seen: set[Path] = set()
    for match in matches:
        path = Path(match)
        found = walk_directory(path) if path.is_dir() else iter([path] if path.is_file() else [])
        for item in found:
            if isinstance(item, Problem):
                yield item
            elif item not in seen:  # `**` matches a folder and the files in it
                seen.add(item)
                yield item


def walk_directory(root: Path) -> Iterator[Path | Problem]:
    """The files under ``root``, recursively, in sorted order, skipping hidden files and folders."""
    problems: list[Problem] = []

    def on_error(error: OSError) -> None:
        problems.append(Problem(str(error.filename or root), f"cannot list directory: {describe_os_error(error)}"))

    for folder, subfolders, files in os.walk(root, onerror=on_error):
        yield from problems
        problems.clear()
        subfolders[:] = sorted(name for name in subfolders if not name.startswith("."))
        for name in sorted(files):
            if not name.startswith("."):
                yield Path(folder, name)
    yield from problems


def _not_a_file_reason(path: Path) -> str:
    if path.is_symlink() and not path.exists():
        return "broken symbolic link (its target does not exist)"
    return "not a regular file (a device, socket or pipe), skipped"


def read_file(path: Path, options: ReaderOptions = ReaderOptions()) -> Iterator[Article | Problem]:
    """The articles of one file, by its format (``options.format`` or detected).

    The readers report bad input as ``Problem`` values; anything they raise regardless is turned
    into one here so that one broken file never stops a batch.
    """
    try:
        fmt = options.format or detect_format(path)
        reader = reader_for(fmt)
        yield from reader(path, options)
    except Exception as error:  # noqa: BLE001 - the last guard of a batch, reported not hidden
        yield Problem(str(path), f"internal error while reading ({error.__class__.__name__}: {error}); please report it")


def detect_format(path: Path) -> str:
    """The format of a file: by its extension when listed, else by its first bytes."""
    by_suffix = format_by_extension(path.name)
    return by_suffix or sniff_format(path)


def format_by_extension(name: str) -> str | None:
    """The format a file name's suffix stands for, longest compound suffix first."""
    lowered = name.lower()
    extensions = format_rules().extensions
    for suffix in sorted(extensions, key=len, reverse=True):
        if lowered.endswith(suffix) and len(lowered) > len(suffix):
            return extensions[suffix]
    return None


def sniff_format(path: Path) -> str:
    """The format the first bytes show; ``text`` when unknown or unreadable (its reader reports)."""
    try:
        with open_binary(path) as stream:
            sample = stream.read(SNIFF_BYTES)
            if sample.startswith(GZIP_MAGIC):
                stream.seek(0)
                sample = _gunzipped_sample(stream)
    except OSError:
        return "text"
    return sniff_bytes(sample)


def _gunzipped_sample(stream) -> bytes:
    try:
        with gzip.GzipFile(fileobj=stream, mode="rb") as inner:
            return inner.read(SNIFF_BYTES)
    except (OSError, EOFError, zlib.error):
        return b""


def sniff_bytes(sample: bytes) -> str:
    """The format of a file whose first bytes are ``sample`` (see ``formats.yaml``)."""
    head = sample.lstrip(b"\xef\xbb\xbf").lstrip().lower()
    for signature in format_rules().signatures:
        if signature.kind == "starts" and head.startswith(signature.marker):
            return signature.format
        if signature.kind == "contains" and signature.marker in head:
            return signature.format
    return "text"


def reader_for(fmt: str) -> Reader:
    """The reading function of a format; readers written elsewhere are imported when needed."""
    if fmt == "text":
        from dateline.readers.text import read_text_file

        return read_text_file
    if fmt == "jsonl":
        from dateline.readers.jsonl import read_jsonl

        return read_jsonl
    if fmt == "html":
        from dateline.readers.html import read_html

        return read_html
    if fmt == "warc":
        from dateline.readers.warc import read_warc

        return read_warc
    if fmt == "timeml":
        return _external_reader("dateline.readers.timeml", "read_timeml", "TimeML")
    if fmt == "catxml":
        return _external_reader("dateline.readers.catxml", "read_catxml", "CAT XML")
    raise ValueError(f"unknown format {fmt!r}")


def _external_reader(module_name: str, function: str, label: str) -> Reader:
    """A reader taking only the path (TimeML, CAT XML), or one that reports its absence."""
    try:
        read = getattr(importlib.import_module(module_name), function)
    except (ImportError, AttributeError):
        return lambda path, options: iter([Problem(str(path), f"no {label} reader in this installation, skipped")])

    def reader(path: Path, options: ReaderOptions) -> Iterator[Article | Problem]:
        if _is_gzip(path):
            return iter([Problem(str(path), f"compressed {label} is not supported: decompress it first")])
        result = read(path)
        # read_catxml returns one value, read_timeml an iterator: accept both.
        return iter([result]) if isinstance(result, (Article, Problem)) else iter(result)

    return reader


def _is_gzip(path: Path) -> bool:
    try:
        with open_binary(path) as stream:
            return stream.read(2) == GZIP_MAGIC
    except OSError:
        return False
