"""Export the events (or the mentions) of a store as JSON Lines, CSV, Parquet or GDELT TSV.

events: one row per merged event (date at its precision, participants with codes, place, counts
of mentions, sources and articles, first and last seen, links between plans and realisations).
mentions: one row per mention with every field and span and its evidence sentence.
gdelt: GDELT 2.0 event columns, one row per asserted event.  Parquet needs --out.

Examples:
  dateline export --db events.db --format jsonl > events.jsonl
  dateline export --db events.db --format csv --what mentions --out mentions.csv
  dateline export --db events.db --format parquet --out events.parquet
  dateline export --db events.db --format gdelt --out events.tsv

Exit status: 0 exported, 1 the store could not be read or the output not written, 2 wrong usage.
"""

from __future__ import annotations

import argparse
import sqlite3
import sys

from dateline.cli import EXIT_FAILED, EXIT_USAGE
from dateline.cli._common import output_stream

COMMAND = "export"
HELP = "export stored events or mentions as JSON Lines, CSV, Parquet or GDELT TSV"
FORMATS = ("jsonl", "csv", "parquet", "gdelt")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--db", required=True, metavar="FILE", help="the store written by 'dateline ingest'")
    parser.add_argument("--format", choices=FORMATS, default="jsonl", help="output format (default: jsonl)")
    parser.add_argument("--what", choices=("events", "mentions"), default="events",
                        help="merged events or single mentions (default: events)")
    parser.add_argument("--out", metavar="FILE", help="write here instead of stdout (required for parquet)")


def run(args: argparse.Namespace) -> int:
    from dateline.export import tables
    from dateline.store import StoreError, open_readonly

    if args.format == "parquet" and (not args.out or args.out == "-"):
        print("dateline export: --format parquet writes a binary file: give --out FILE", file=sys.stderr)
        return EXIT_USAGE
    if args.format == "gdelt" and args.what != "events":
        print("dateline export: --format gdelt exports events (GDELT has one row per event)", file=sys.stderr)
        return EXIT_USAGE
    try:
        conn = open_readonly(args.db)
    except StoreError as error:
        print(f"dateline export: error: {error}", file=sys.stderr)
        return EXIT_FAILED
    try:
        columns, rows = tables.records(conn, args.what)
        if args.format == "parquet":
            try:
                import pyarrow  # noqa: F401 - only to say clearly when it is missing
            except ImportError:
                print("dateline export: error: --format parquet needs pyarrow; install it with "
                      "'pip install pyarrow==26.0.1'", file=sys.stderr)
                return EXIT_FAILED
            count = tables.write_parquet(columns, rows, args.out)
        else:
            with output_stream(args.out) as out:
                if args.format == "jsonl":
                    count = tables.write_jsonl(rows, out)
                elif args.format == "csv":
                    count = tables.write_csv(columns, rows, out)
                else:
                    count = tables.write_gdelt(rows, out)
    except BrokenPipeError:
        raise
    except OSError as error:
        print(f"dateline export: error: cannot write {args.out}: {error.strerror or error}", file=sys.stderr)
        return EXIT_FAILED
    except StoreError as error:
        print(f"dateline export: error: {error}", file=sys.stderr)
        return EXIT_FAILED
    except sqlite3.Error as error:  # while streaming: name the store
        print(f"dateline export: error: {args.db}: cannot read the store ({error})", file=sys.stderr)
        return EXIT_FAILED
    finally:
        conn.close()
    print(f"dateline export: {count} {args.what} -> {args.out or 'stdout'}", file=sys.stderr)
    return 0
