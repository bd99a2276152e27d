"""Read articles, analyse them, write one JSON record per article.

Each record holds the article's id, title, url, metadata date, parsed dateline, reference date
(with its source and any warnings), sentences, named entities, time expressions and events, all
with [start, end] character offsets into the article text. The record is documented in the README
("The extract record") and in dateline/schema/article.schema.json.

Examples:
  dateline extract examples/
  dateline extract examples/ --format text
  dateline extract news/*.jsonl --format jsonl --workers 2 > records.jsonl
  dateline extract crawl.warc.gz --format jsonl --no-text --out records.jsonl
  dateline extract feed.jsonl --text-field body --date-field published_at
  dateline extract wire/ --format gdelt > events.tsv

Exit status: 0 all input analysed, 1 some input was skipped or failed (named on stderr, the rest
was processed), 2 wrong usage.
"""

from __future__ import annotations

import argparse
import json
import sys

from dateline.cli import EXIT_FAILED, EXIT_USAGE
from dateline.cli._common import (
    ProblemLog,
    add_progress_option,
    add_reader_options,
    output_stream,
    positive_int,
    progress,
    reader_options,
)
from dateline.types import AnalyzedArticle, Problem

COMMAND = "extract"
HELP = "analyse articles and write one JSON record per article"
FORMATS = ("json", "jsonl", "gdelt", "text")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="+", metavar="PATH",
                        help="files, directories or globs: .txt, .jsonl, .html, .warc(.gz), .tml, ...")
    parser.add_argument("--format", choices=FORMATS, default="json",
                        help="json: one JSON array; jsonl: one record a line; gdelt: GDELT 2.0 event "
                             "TSV, one row per event; text: a report for people (default: json)")
    parser.add_argument("--out", metavar="FILE", help="write here instead of stdout")
    parser.add_argument("--workers", type=positive_int, default=1, metavar="N",
                        help="worker processes, each with its own spaCy (default: 1)")
    parser.add_argument("--batch-size", type=positive_int, default=32, metavar="N",
                        help="articles parsed together by spaCy (default: 32)")
    parser.add_argument("--no-text", dest="include_text", action="store_false",
                        help="leave the article text out of the records (spans still refer to it)")
    parser.add_argument("--actors", metavar="FILE",
                        help="a YAML file of people and organisations the text cannot resolve "
                             "(see docs/actors.md)")
    add_reader_options(parser)
    add_progress_option(parser)


def run(args: argparse.Namespace) -> int:
    from dateline.export.record import to_record
    from dateline.pipeline import Settings, analyze, check_user_actors
    from dateline.readers import read_paths

    log = ProblemLog()
    try:
        options = reader_options(args)
        settings = Settings(batch_size=args.batch_size, workers=args.workers, user_actors=args.actors)
        check_user_actors(args.actors)
    except (ValueError, OSError) as error:
        print(f"dateline extract: {error}", file=sys.stderr)
        return EXIT_USAGE

    counts = {"analysed": 0, "skipped": 0}
    results = analyze(read_paths(args.paths, options), settings)
    try:
        with output_stream(args.out) as out:
            writer = _writer(args.format, out, args.include_text, to_record)
            for result in progress(results, desc="extract", unit="article", enabled=args.progress):
                if isinstance(result, Problem):
                    log.report(result)
                    continue
                counts["skipped" if result.skipped else "analysed"] += 1
                if result.skipped:
                    print(f"dateline: {result.article.origin}: warning: {result.warnings[-1]}", file=sys.stderr)
                writer.write(result)
            writer.close()
    except OSError as error:
        log.fail(f"cannot write {args.out or 'stdout'}: {error.strerror or error}")
    print(
        f"dateline extract: {counts['analysed']} analysed, {counts['skipped']} skipped (not English), "
        f"{log.errors} failed",
        file=sys.stderr,
    )
    return EXIT_FAILED if log.errors else 0


class _JsonArrayWriter:
    """A JSON array written record by record, so that nothing waits for the whole corpus."""

    def __init__(self, out, include_text: bool, to_record) -> None:
        self.out, self.include_text, self.to_record = out, include_text, to_record
        self.count = 0
        out.write("[")

    def write(self, result: AnalyzedArticle) -> None:
        self.out.write(",\n" if self.count else "\n")
        self.out.write(json.dumps(self.to_record(result, include_text=self.include_text), ensure_ascii=False, indent=2))
        self.count += 1

    def close(self) -> None:
        self.out.write("\n]\n" if self.count else "]\n")


class _JsonLinesWriter:
    def __init__(self, out, include_text: bool, to_record) -> None:
        self.out, self.include_text, self.to_record = out, include_text, to_record

    def write(self, result: AnalyzedArticle) -> None:
        self.out.write(json.dumps(self.to_record(result, include_text=self.include_text), ensure_ascii=False))
        self.out.write("\n")

    def close(self) -> None:
        pass


class _GdeltWriter:
    def __init__(self, out, include_text: bool, to_record) -> None:
        from dateline.export import gdelt

        self.out, self.gdelt = out, gdelt
        out.write("\t".join(gdelt.GDELT_COLUMNS) + "\n")

    def write(self, result: AnalyzedArticle) -> None:
        for row in self.gdelt.gdelt_rows(result):
            self.out.write("\t".join(row) + "\n")

    def close(self) -> None:
        pass


class _TextWriter:
    def __init__(self, out, include_text: bool, to_record) -> None:
        from dateline.export.summary import article_summary

        self.out, self.summary = out, article_summary

    def write(self, result: AnalyzedArticle) -> None:
        self.out.write(self.summary(result) + "\n")

    def close(self) -> None:
        pass


def _writer(fmt: str, out, include_text: bool, to_record):
    return {"json": _JsonArrayWriter, "jsonl": _JsonLinesWriter, "gdelt": _GdeltWriter, "text": _TextWriter}[fmt](out, include_text, to_record)
