"""Score dateline's event mentions against coded gold events (PLOVER / CAMEO records).

The gold file is a JSON list of records, each with the sentence ('text'), its date ('date',
used as the reference date), the coded event ('event': a PLOVER type, older names such as DEMAND,
DISAPPROVE, FIGHT, INVESTIGATE are mapped onto PLOVER 2021; and/or 'cameo'), 'mode', and 'source'
and 'target' actors with 'code' (country) and 'sector'. Records whose event is DOCUMENT are
skipped. dateline reads every sentence; the best mention per sentence is compared (the most
confident of the gold type, else the most confident other one).

Figures: PLOVER type precision/recall/F1, CAMEO root P/R/F1 (records with a gold CAMEO code
only), mode accuracy (records with a gold mode), actor and recipient country and sector accuracy
(records where both gold and system give one). The table shows percentages; --json prints one
JSON object with fractions in [0, 1].

Examples:
  dateline eval events --gold ../shared/data/events/PLOVER_GSR_CAMEO.txt
  dateline eval events --gold ../shared/data/events/PLOVER_GSR_CAMEO.txt --json
  dateline eval events --gold ../shared/data/events/PLOVER_GSR_CAMEO.txt --errors 30 --kind wrong_type

Exit status: 0 scored, 1 the gold file could not be read (named on stderr), 2 wrong usage.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from pathlib import Path
from typing import IO

from dateline.cli import EXIT_FAILED, EXIT_OK
from dateline.cli._common import ProblemLog, add_error_options, positive_int, select_errors
from dateline.eval.events import EventError, EventReport, GoldEvent, GoldFormatError, parse_gold, score

NAME = "events"
HELP = "PLOVER type / CAMEO root F1, mode, actor and recipient accuracy of event mentions"
ERROR_KINDS = ("missed", "wrong_type", "wrong_mode", "wrong_actor_country", "wrong_actor_sector",
               "wrong_recipient_country", "wrong_recipient_sector")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--gold", required=True, metavar="FILE",
                        help="gold records: a JSON list (e.g. ../shared/data/events/PLOVER_GSR_CAMEO.txt)")
    parser.add_argument("--json", action="store_true", help="print one JSON object instead of the table")
    add_error_options(parser, ERROR_KINDS)
    parser.add_argument("--batch-size", type=positive_int, default=64, metavar="N",
                        help="sentences parsed together by spaCy (default: 64)")


def run(args: argparse.Namespace) -> int:
    log = ProblemLog()
    path = Path(args.gold)
    try:
        golds = parse_gold(path.read_text(encoding="utf-8"), origin=str(path))
    except OSError as error:
        log.fail(f"{path}: cannot read the gold file: {error.strerror or error}")
        return EXIT_FAILED
    except GoldFormatError as error:
        log.fail(str(error))
        return EXIT_FAILED
    report = score(zip(golds, system_mentions(golds, args.batch_size)))
    errors = select_errors(report.errors, args.kind, args.errors)
    if args.json:
        result = report.as_dict()
        if args.errors:
            result["errors"] = [error.as_dict() for error in errors]
        print(json.dumps(result, ensure_ascii=False))
    else:
        write_table(report, sys.stdout)
        write_errors(errors, sys.stdout)
    return log.exit_status or EXIT_OK


def _reference_date(gold: GoldEvent) -> date | None:
    try:
        return date.fromisoformat(gold.date) if gold.date else None
    except ValueError:
        return None


def system_mentions(golds: list[GoldEvent], batch_size: int = 64) -> list[tuple]:
    """dateline's mentions for each gold sentence (parsed in batches, one process)."""
    from dateline.events import extract_events
    from dateline.nlp import parse
    from dateline.timex import tag

    results = []
    for gold, doc in zip(golds, parse((g.text for g in golds), batch_size=batch_size)):
        reference = _reference_date(gold)
        results.append(extract_events(doc, tag(doc, reference), reference))
    return results


def _pct(value: float | None) -> str:
    return f"{value * 100:7.2f}" if value is not None else "      -"


def write_table(report: EventReport, out: IO[str]) -> None:
    print(f"events: {report.records} gold records", file=out)
    print(f"{'':20}{'P':>7}{'R':>7}{'F1':>7}{'n':>6}", file=out)
    for name, tally in (("plover type", report.type), ("cameo root", report.cameo_root)):
        print(f"{name:20}{_pct(tally.precision)}{_pct(tally.recall)}{_pct(tally.f1)}{tally.gold:6}", file=out)
    print(f"{'':20}{'acc':>7}{'':>14}{'n':>6}", file=out)
    for name in ("mode", "actor_country", "actor_sector", "recipient_country", "recipient_sector"):
        tally = getattr(report, name)
        print(f"{name.replace('_', ' '):20}{_pct(tally.accuracy)}{'':>14}{tally.total:6}", file=out)
    print(f"\n{'per type':20}{'P':>7}{'R':>7}{'F1':>7}{'gold':>6}{'sys':>6}", file=out)
    for name, tally in sorted(report.per_type.items()):
        print(f"{name:20}{_pct(tally.precision)}{_pct(tally.recall)}{_pct(tally.f1)}{tally.gold:6}{tally.system:6}",
              file=out)


def write_errors(errors: list[EventError], out: IO[str]) -> None:
    if not errors:
        return
    print(f"\n{len(errors)} errors:", file=out)
    for error in errors:
        print(f"{error.kind:24} {error.id}  gold: {error.gold}  system: {error.system} [{error.rule}]", file=out)
        print(f"{'':24} | {error.text}", file=out)
