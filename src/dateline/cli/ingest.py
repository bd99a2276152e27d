"""Analyse articles and store their events in a dateline store (one SQLite file).

Reads every reader format, runs the whole pipeline, merges the mentions into events across
articles and writes them in batches, one transaction each.  Safe to rerun: articles already stored
with the same text are skipped before any analysis (so a rerun is fast), an article whose text
changed replaces its old version, the same text under two names is stored once.  Killed at any
moment, a rerun completes the corpus with nothing duplicated or half-written.  A second ingest
into the same file waits for the first (up to --lock-timeout seconds) and then gives up cleanly.

Examples:
  dateline ingest examples/ --db events.db
  dateline ingest news/*.jsonl crawl.warc.gz --db events.db --workers 2
  dateline ingest wire/ --db events.db --lock-timeout 300 --no-progress
  dateline timeline --db events.db

Exit status: 0 all input stored, 1 some input failed (named on stderr, the rest was stored) or the
store could not be written, 2 wrong usage.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from dateline.cli import EXIT_FAILED, EXIT_USAGE
from dateline.cli._common import ProblemLog, add_progress_option, add_reader_options, positive_int, reader_options

COMMAND = "ingest"
HELP = "analyse articles and store their events in a SQLite store (idempotent, restartable)"

#: Extensions holding one article per file: counting files then gives the total for the ETA.
_ONE_ARTICLE_PER_FILE = frozenset({".txt", ".text", ".tml", ".xml", ".html", ".htm", ".naf"})


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="+", metavar="PATH",
                        help="files, directories or globs: .txt, .jsonl, .html, .warc(.gz), .tml, ...")
    parser.add_argument("--db", required=True, metavar="FILE", help="the store (created when missing)")
    parser.add_argument("--workers", type=positive_int, default=1, metavar="N",
                        help="worker processes for the analysis, each with its own spaCy (default: 1)")
    parser.add_argument("--batch-size", type=positive_int, default=50, metavar="N",
                        help="articles written per transaction (default: 50)")
    parser.add_argument("--lock-timeout", type=float, default=30.0, metavar="SECONDS",
                        help="how long to wait for another ingest writing to the same store (default: 30)")
    parser.add_argument("--actors", metavar="FILE",
                        help="a YAML file of people and organisations the text cannot resolve")
    add_reader_options(parser)
    add_progress_option(parser)


def count_articles(paths: list[str]) -> int | None:
    """The number of articles when it is cheap to know (one article per file), else ``None``."""
    total = 0
    for name in paths:
        path = Path(name)
        files = [path] if path.is_file() else (p for p in path.rglob("*") if p.is_file()) if path.is_dir() else None
        if files is None:
            return None
        for file in files:
            if file.name.startswith("."):
                continue
            if file.suffix.lower() not in _ONE_ARTICLE_PER_FILE:
                return None
            total += 1
    return total


def run(args: argparse.Namespace) -> int:
    from dateline.store import StoreError, ingest, open_store

    if args.lock_timeout < 0:
        print("dateline ingest: --lock-timeout must be 0 or more seconds", file=sys.stderr)
        return EXIT_USAGE
    try:
        options = reader_options(args)
    except ValueError as error:
        print(f"dateline ingest: {error}", file=sys.stderr)
        return EXIT_USAGE

    log = ProblemLog()
    bar = None
    opened = False
    try:
        # The store is opened before the (slow) NLP is imported: a bad or locked store fails fast.
        with open_store(args.db, lock_timeout=args.lock_timeout) as store:
            opened = True
            from dateline.pipeline import Settings, analyze, check_user_actors
            from dateline.readers import read_paths

            try:
                settings = Settings(workers=args.workers, user_actors=args.actors)
                check_user_actors(args.actors)
            except (ValueError, OSError) as error:
                print(f"dateline ingest: {error}", file=sys.stderr)
                return EXIT_USAGE
            show = sys.stderr.isatty() if args.progress is None else args.progress
            bar = _progress_bar(count_articles(args.paths) if show else None, show)
            counts = ingest(store, read_paths(args.paths, options), lambda items: analyze(items, settings),
                            batch_size=args.batch_size, on_problem=_reporter(log, bar),
                            on_progress=bar.update if bar else None)
    except StoreError as error:
        _close(bar)
        log.fail(str(error))
        if opened:
            print(f"dateline ingest: stopped; the batches written before stay in {args.db}; rerun to complete "
                  "the corpus", file=sys.stderr)
        return EXIT_FAILED
    _close(bar)
    print(f"dateline ingest: {counts.summary()} -> {os.fspath(args.db)}", file=sys.stderr)
    return EXIT_FAILED if log.errors else 0


def _progress_bar(total: int | None, show: bool):
    if not show:
        return None
    from tqdm import tqdm

    return tqdm(total=total, desc="ingest", unit="article", file=sys.stderr, dynamic_ncols=True)


def _reporter(log: ProblemLog, bar):
    def report(problem) -> None:
        if bar is not None:
            bar.clear()
        log.report(problem)
        if bar is not None:
            bar.refresh()
    return report


def _close(bar) -> None:
    if bar is not None:
        bar.close()
