"""Readers: files of news in the formats it arrives in, out as ``Article`` values.

``read_paths(paths, options)`` is the entry point: files, directories (recursive, sorted, hidden
entries skipped) and globs of any mix, each file's format chosen by its extension, else by its
first bytes (``resources/readers/formats.yaml``). Everything streams: one file open at a time, and
JSON Lines and WARC files record by record. One module per format:

============  =========================================  ====================================
format        files                                      origin of each article
============  =========================================  ====================================
``text``      ``.txt``, extensionless, ``.txt.gz``       ``path``
``jsonl``     ``.jsonl``, ``.ndjson`` (also ``.gz``)     ``path:line``
``html``      ``.html``, ``.htm``, ``.xhtml``            ``path``
``warc``      ``.warc``, ``.warc.gz``                    ``path#offset``
``timeml``    ``.tml``, ``.TE3input``                    (``readers/timeml.py``)
``catxml``    CAT XML (MEANTIME, TimeLine)               (``readers/catxml.py``)
============  =========================================  ====================================

Each article has a stable id (the source's, else ``article_id(text)``: SHA-256 of the NFC text,
16 hex digits), its text, and the title, url, source and metadata date when the file states them.
Bad input never raises: it is a ``Problem`` in the stream, an ``error`` when data was skipped
(missing path, empty or binary file, bad JSON line, page without article text, corrupt archive)
and a ``warning`` when data was kept but is doubtful (bytes that are not UTF-8, text over
``ReaderOptions.max_chars`` truncated, non-HTML records of a crawl). Example::

    from dateline.readers import ReaderOptions, read_paths
    for item in read_paths(["examples/", "crawl/*.warc.gz"], ReaderOptions(max_chars=1_000_000)):
        ...  # an Article, or a Problem to report
"""

from __future__ import annotations

from dateline.readers.common import JsonlFields, ReaderOptions, article_id, parse_metadata_date
from dateline.readers.dispatch import detect_format, read_file, read_paths
from dateline.readers.html import html_to_article, read_html
from dateline.readers.jsonl import read_jsonl
from dateline.readers.rules import ResourceError
from dateline.readers.text import parse_header, read_text_file, read_text_string
from dateline.readers.warc import read_warc

__all__ = [
    "JsonlFields",
    "ReaderOptions",
    "ResourceError",
    "article_id",
    "detect_format",
    "html_to_article",
    "parse_header",
    "parse_metadata_date",
    "read_file",
    "read_html",
    "read_jsonl",
    "read_paths",
    "read_text_file",
    "read_text_string",
    "read_warc",
]
