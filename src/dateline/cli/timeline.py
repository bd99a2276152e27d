"""List the events of a store in date order, each dated at its precision, with its sources.

Each line reads like "2018-09-26 Mike Pompeo (USA GOV) met Ri Yong-ho (PRK GOV) at United
Nations, CONSULT, 3 sources".  QUERY searches the sentences the events were found in (SQLite FTS5
syntax: words, "exact phrases", OR, NOT, prefix*).  Only asserted events are listed unless
--include names other modalities; events known only as before/after a date are placed at that
date; undated events come last.  --evidence adds the sentences each event was read from.

Examples:
  dateline timeline --db events.db
  dateline timeline summit --db events.db --actor Pompeo --evidence
  dateline timeline --db events.db --actor "USA GOV" --from 2018-09 --to 2018-10 --format md
  dateline timeline '"second summit"' --db events.db --include planned --format json
  dateline timeline --db events.db --type CONSULT --place Pyongyang --limit 20 --format csv

Exit status: 0 the timeline was listed (possibly empty), 1 the store could not be read or the
query failed, 2 wrong usage.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys

from dateline.cli import EXIT_FAILED, EXIT_USAGE
from dateline.cli._common import output_stream, positive_int

COMMAND = "timeline"
HELP = "list the stored events in date order (filter by text, actor, place, type, dates)"
FORMATS = ("table", "json", "csv", "md")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("query", nargs="?", metavar="QUERY", help="full-text search over the evidence sentences")
    parser.add_argument("--db", required=True, metavar="FILE", help="the store written by 'dateline ingest'")
    parser.add_argument("--actor", metavar="NAME|CODE", help="a participant: name or part of it, or codes (USA, GOV, 'USA GOV')")
    parser.add_argument("--place", metavar="NAME", help="where the event happened (name or part of it)")
    parser.add_argument("--type", dest="plover_type", metavar="PLOVER", help="the PLOVER event type, e.g. CONSULT")
    parser.add_argument("--from", dest="date_from", metavar="DATE", help="from this date (2018, 2018-09, 2018-09-26)")
    parser.add_argument("--to", dest="date_to", metavar="DATE", help="up to and including this date")
    parser.add_argument("--include", metavar="MODALITIES",
                        help="also list these modalities: planned, negated, hypothetical, demanded, all")
    parser.add_argument("--format", choices=FORMATS, default="table", help="output format (default: table)")
    parser.add_argument("--evidence", action="store_true", help="show the sentences each event was read from")
    parser.add_argument("--limit", type=positive_int, default=100, metavar="N", help="at most N events (default: 100)")
    parser.add_argument("--out", metavar="FILE", help="write here instead of stdout")


def build_query(args: argparse.Namespace):
    from dateline.query import TimelineQuery, parse_bound, parse_include

    return TimelineQuery(
        text=args.query or None,
        actor=args.actor,
        place=args.place,
        plover_type=args.plover_type,
        date_from=parse_bound(args.date_from, end=False) if args.date_from else None,
        date_to=parse_bound(args.date_to, end=True) if args.date_to else None,
        include=parse_include(args.include),
        limit=args.limit,
        evidence=args.evidence,
    )


def run(args: argparse.Namespace) -> int:
    from dateline.query import QueryError, timeline
    from dateline.store import StoreError, open_readonly

    try:
        query = build_query(args)
    except QueryError as error:
        print(f"dateline timeline: {error}", file=sys.stderr)
        return EXIT_USAGE
    try:
        conn = open_readonly(args.db)
    except StoreError as error:
        print(f"dateline timeline: error: {error}", file=sys.stderr)
        return EXIT_FAILED
    try:
        entries = timeline(conn, query)
    except (QueryError, StoreError) as error:
        print(f"dateline timeline: error: {error}", file=sys.stderr)
        return EXIT_FAILED
    finally:
        conn.close()
    try:
        with output_stream(args.out) as out:
            WRITERS[args.format](entries, out)
    except BrokenPipeError:
        raise
    except OSError as error:
        print(f"dateline timeline: error: cannot write {args.out}: {error.strerror or error}", file=sys.stderr)
        return EXIT_FAILED
    return 0


def write_table(entries, out) -> None:
    if not entries:
        print("(no events match)", file=sys.stderr)
    for entry in entries:
        out.write(entry.line + "\n")
        for evidence in entry.evidence:
            out.write(f"    [{evidence.article_date or 'no date'} {evidence.source}] {evidence.sentence}\n")
        for relation, other in entry.links:
            out.write(f"    {relation} event #{other}\n")


def write_json(entries, out) -> None:
    from dateline.query import entry_record

    json.dump([entry_record(e) for e in entries], out, ensure_ascii=False, indent=2)
    out.write("\n")


CSV_COLUMNS = ("date", "summary", "plover_type", "modality", "num_sources", "num_mentions", "num_articles",
               "first_seen", "last_seen", "event_id", "evidence")


def write_csv(entries, out) -> None:
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    for entry in entries:
        evidence = " | ".join(e.sentence for e in entry.evidence)
        writer.writerow([entry.date_label, entry.summary, entry.plover_type, entry.modality, entry.num_sources,
                         entry.num_mentions, entry.num_articles, entry.first_seen or "", entry.last_seen or "",
                         entry.event_id, evidence])


def _md_cell(text: object) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def write_md(entries, out) -> None:
    out.write("| date | event | type | modality | sources |\n|---|---|---|---|---|\n")
    for entry in entries:
        cells = [entry.date_label, entry.summary, entry.plover_type, entry.modality, entry.num_sources]
        out.write("| " + " | ".join(_md_cell(c) for c in cells) + " |\n")
        for evidence in entry.evidence:
            out.write(f"| | > {_md_cell(evidence.sentence)} ({_md_cell(evidence.source)}) | | | |\n")


WRITERS = {"table": write_table, "json": write_json, "csv": write_csv, "md": write_md}
