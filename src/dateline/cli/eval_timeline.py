"""Score entity timelines as SemEval-2015 Task 4 (TimeLine, track A) does.

For each gold timeline in --gold (a .txt file: the entity name on the first line, then
ordinal<TAB>date<TAB>mention... lines), dateline builds the entity's timeline from the CAT XML
documents in --docs (spaCy parse, dateline's time expressions, events of which the entity is a
participant) and scores it: both timelines become temporal graphs (one line or one ordinal =
SIMULTANEOUS, ordinals in order = BEFORE, a date INCLUDES its events) and the figures are
TempEval-3 temporal awareness over closure and reduced graph, micro-averaged over entities.
With --system DIR, timelines already written (same file names as the gold) are scored instead.
The best SemEval-2015 track A system scored F1 7.85 (figures here are percentages).

Examples:
  dateline eval timeline --docs ../shared/data/timeline-trial/docs --gold ../shared/data/timeline-trial/gold
  dateline eval timeline --docs DOCS --gold GOLD --out timelines/ --json
  dateline eval timeline --docs DOCS --gold GOLD --system timelines/

Exit status: 0 all scored, 1 some document or timeline could not be read (named on stderr; the
rest was scored), 2 wrong usage.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import IO

from dateline.cli import EXIT_FAILED, EXIT_OK
from dateline.cli._common import ProblemLog, positive_int
from dateline.eval.timeline import (
    Timeline,
    TimelineFormatError,
    TimelineScores,
    format_timeline,
    parse_timeline,
    score_timelines,
)
from dateline.types import Problem

NAME = "timeline"
HELP = "SemEval-2015 Task 4 temporal-awareness F1 of entity timelines built from CAT XML documents"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--docs", required=True, metavar="DIR", help="directory of CAT XML documents (*.xml)")
    parser.add_argument("--gold", required=True, metavar="DIR",
                        help="directory of gold timelines (*.txt, the entity name on the first line)")
    parser.add_argument("--system", metavar="DIR",
                        help="score the timelines in DIR (same file names as the gold) instead of building them")
    parser.add_argument("--out", metavar="DIR", help="write the built timelines here, one file per entity")
    parser.add_argument("--json", action="store_true",
                        help='print {"precision", "recall", "f1", "per_entity"} (fractions) instead of the table')
    parser.add_argument("--batch-size", type=positive_int, default=16, metavar="N",
                        help="documents parsed together by spaCy (default: 16)")


def run(args: argparse.Namespace) -> int:
    log = ProblemLog()
    golds = read_timelines(Path(args.gold), log)
    if not golds:
        log.fail(f"no gold timeline could be read in {args.gold}")
        return EXIT_FAILED
    if args.system:
        systems = read_timelines(Path(args.system), log)
    else:
        systems = build_all(Path(args.docs), golds, log, args.batch_size)
        if systems is None:
            return EXIT_FAILED
    if args.out:
        write_timelines(Path(args.out), systems, log)
    pairs = []
    for name, gold in golds.items():
        system = systems.get(name)
        if system is None:
            log.report(Problem(str(Path(args.system or args.docs) / name), "no system timeline for this entity"))
            system = Timeline(gold.entity)
        pairs.append((system, gold))
    scores = score_timelines(pairs)
    if args.json:
        print(json.dumps(scores.as_dict(), ensure_ascii=False))
    else:
        write_table(scores, sys.stdout)
    return log.exit_status or EXIT_OK


def read_timelines(directory: Path, log: ProblemLog) -> dict[str, Timeline]:
    """Timeline files of a directory by file name; unreadable ones are reported and skipped."""
    if not directory.is_dir():
        log.fail(f"{directory}: not a directory")
        return {}
    timelines = {}
    for path in sorted(directory.glob("*.txt")):
        try:
            timelines[path.name] = parse_timeline(path.read_text(encoding="utf-8"), str(path))
        except TimelineFormatError as error:
            log.report(Problem(str(path), error.message, error.line))
        except (OSError, UnicodeDecodeError) as error:
            log.report(Problem(str(path), f"cannot read timeline: {error}"))
    return timelines


def build_all(docs: Path, golds: dict[str, Timeline], log: ProblemLog, batch_size: int):
    """Build every gold entity's timeline from the documents; ``None`` if nothing can be built."""
    from dateline.readers.catxml import read_cat_directory
    from dateline.timeline_build import build_timeline, parse_cat_documents

    documents, problems = read_cat_directory(docs)
    for problem in problems:
        log.report(problem)
    if not documents:
        log.fail(f"no CAT XML document could be read in {docs}")
        return None
    parsed = parse_cat_documents(documents, batch_size=batch_size)
    return {name: build_timeline(gold.entity, parsed) for name, gold in golds.items()}


def write_timelines(directory: Path, timelines: dict[str, Timeline], log: ProblemLog) -> None:
    try:
        directory.mkdir(parents=True, exist_ok=True)
        for name, timeline in timelines.items():
            (directory / name).write_text(format_timeline(timeline), encoding="utf-8")
    except OSError as error:
        log.fail(f"{directory}: cannot write timelines: {error.strerror or error}")


def write_table(scores: TimelineScores, out: IO[str]) -> None:
    print("SemEval-2015 Task 4 timelines (TempEval-3 temporal awareness, %)", file=out)
    print(f"{'entity':28}{'P':>8}{'R':>8}{'F1':>8}{'sys':>6}{'gold':>6}", file=out)
    for entity, figure in scores.per_entity.items():
        print(f"{entity[:27]:28}{figure.precision * 100:8.2f}{figure.recall * 100:8.2f}{figure.f1 * 100:8.2f}"
              f"{figure.system_reduced:6}{figure.gold_reduced:6}", file=out)
    total = scores.total
    print(f"{'micro-average':28}{total.precision * 100:8.2f}{total.recall * 100:8.2f}{total.f1 * 100:8.2f}"
          f"{total.system_reduced:6}{total.gold_reduced:6}", file=out)
