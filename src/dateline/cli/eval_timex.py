"""Score time expressions with the TempEval-3 entity metrics.

Gold and system are directories of TimeML files paired by name (NAME.tml, NAME.tml.TE3input);
spans are compared in the plain <TEXT> of each file, which must be the same on both sides.
Without --system, dateline's own tagger tags the gold texts (the creation time, DCT, is the
reference date) and is scored directly: the one command that reproduces our figures.

Figures: strict extent (identical spans), relaxed extent (overlapping spans, one-to-one), and
value and type: relaxed matches with the right attribute over system (P) and gold (R) counts,
which is relaxed F1 x attribute accuracy (TempEval-3's definition). Micro-averaged over documents.
The table shows percentages; --json gives fractions in [0, 1].

Examples:
  dateline eval timex --gold ../shared/data/timeml/timebank
  dateline eval timex --gold ../shared/data/timeml/aquaint --system out/ --per-doc
  dateline eval timex --gold gold/ --system out/ --json > scores.json
  dateline eval timex --gold gold/ --errors 40 --kind wrong_value --kind missed

Exit status: 0 every gold document scored, 1 some file could not be read, had no system
counterpart or a different text (named on stderr; the rest was scored), 2 wrong usage.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import IO

from dateline.cli import EXIT_FAILED, EXIT_OK
from dateline.cli._common import ProblemLog, add_error_options, add_progress_option, positive_int, select_errors
from dateline.eval.timex import ERROR_KINDS, Report, TimexError, read_directory, read_pairs, score_documents, timexes_of

NAME = "timex"
HELP = "TempEval-3 strict/relaxed extent and value/type F1 of time expressions"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--gold", required=True, metavar="DIR", help="directory of gold TimeML files (.tml)")
    parser.add_argument("--system", metavar="DIR",
                        help="directory of system TimeML files with the same names "
                             "(default: tag the gold texts with dateline)")
    parser.add_argument("--json", action="store_true", help="print one JSON object instead of the table")
    parser.add_argument("--per-doc", action="store_true",
                        help="also give the figures of each document in the table (--json always has them)")
    add_error_options(parser, ERROR_KINDS)
    parser.add_argument("--batch-size", type=positive_int, default=16, metavar="N",
                        help="articles parsed together by spaCy when tagging (default: 16)")
    add_progress_option(parser)


def run(args: argparse.Namespace) -> int:
    log = ProblemLog()
    if args.system:
        documents, problems = read_pairs(args.gold, args.system)
    else:
        documents, problems = tag_gold(args, log)
        if documents is None:
            return EXIT_FAILED
    for problem in problems:
        log.report(problem)
    if not documents:
        log.fail(f"no document could be scored in {args.gold}")
        return EXIT_FAILED
    report = score_documents(documents)
    errors = select_errors(report.errors, args.kind, args.errors)
    if args.json:
        result = report.as_dict(per_document=True)
        if args.errors:
            result["errors"] = [error.as_dict() for error in errors]
        print(json.dumps(result, ensure_ascii=False))
    else:
        write_table(report, sys.stdout, per_document=args.per_doc)
        write_errors(errors, sys.stdout)
    return log.exit_status or EXIT_OK


def tag_gold(args: argparse.Namespace, log: ProblemLog):
    """Read the gold directory and tag its texts with dateline: ``(documents, problems)``."""
    from dateline.cli.tag import TaggerUnavailable, tag_articles

    articles, problems = read_directory(args.gold)
    documents = []
    try:
        tagged = tag_articles(list(articles.values()), batch_size=args.batch_size, progress_enabled=args.progress)
        for name, (article, result) in zip(articles, tagged):
            if isinstance(result, tuple):
                documents.append((name, article.text, timexes_of(article), result))
            else:
                problems.append(result)
    except TaggerUnavailable as error:
        log.fail(str(error))
        return None, problems
    return documents, problems


def write_table(report: Report, out: IO[str], per_document: bool = False) -> None:
    counts = report.counts
    print(f"TempEval-3 time expressions: {len(report.documents)} documents, "
          f"{counts.gold} gold, {counts.system} system TIMEX3", file=out)
    print(f"{'':10}{'P':>8}{'R':>8}{'F1':>8}", file=out)
    for name, figure in report.figures().items():
        print(f"{name:10}{figure.p * 100:8.2f}{figure.r * 100:8.2f}{figure.f1 * 100:8.2f}", file=out)
    print("errors: " + ", ".join(f"{kind} {count}" for kind, count in report.error_counts().items())
          + " (list them with --errors N)", file=out)
    if per_document:
        from dateline.eval.timex import figures

        print(f"\n{'document':40}{'gold':>6}{'sys':>6}{'strict':>8}{'relaxed':>8}{'value':>8}{'type':>8}", file=out)
        for doc in report.documents:
            f = figures(doc.counts)
            print(f"{doc.doc_id[:39]:40}{doc.counts.gold:6}{doc.counts.system:6}"
                  + "".join(f"{f[m].f1 * 100:8.1f}" for m in ("strict", "relaxed", "value", "type")), file=out)


def write_errors(errors: list[TimexError], out: IO[str]) -> None:
    if not errors:
        return
    print(f"\n{len(errors)} errors:", file=out)
    for error in errors:
        gold = f"{error.gold.type} {error.gold.value} {error.gold.text!r}" if error.gold else "-"
        rule = f" [{error.system.rule}]" if error.system and error.system.rule not in ("", "gold") else ""
        system = f"{error.system.type} {error.system.value} {error.system.text!r}{rule}" if error.system else "-"
        print(f"{error.kind:12} {error.doc_id} {error.span[0]}-{error.span[1]}  gold: {gold}  system: {system}",
              file=out)
        print(f"{'':12} | {error.context}", file=out)
