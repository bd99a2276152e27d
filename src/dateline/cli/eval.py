"""Score dateline (or any system) against gold annotations.

Each scorer is a sub-command; run 'dateline eval SCORER --help' for its options.

Examples:
  dateline eval timex --gold ../shared/data/timeml/timebank
  dateline eval timex --gold ../shared/data/timeml/timebank --system out/ --json
  dateline eval timex --gold gold/ --system out/ --errors 30 --kind wrong_value

Exit status: 0 all documents scored, 1 some input could not be scored (named on stderr, the rest
was), 2 wrong usage.
"""

from __future__ import annotations

import argparse
import sys
from types import ModuleType

from dateline.cli import EXIT_USAGE, add_module_parsers, discover

COMMAND = "eval"
HELP = "score extracted time expressions, events or timelines against gold annotations"
SCORER_PREFIX = "eval_"


def scorer_modules() -> list[ModuleType]:
    """The scorer sub-commands: modules ``dateline/cli/eval_*.py`` with NAME, HELP, add_arguments, run.

    Discovered like the commands themselves, so adding a scorer is adding a module.
    """
    return discover(SCORER_PREFIX, "NAME")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    sub = parser.add_subparsers(dest="scorer", metavar="SCORER")
    add_module_parsers(sub, scorer_modules(), "NAME", "_scorer_run")
    parser.set_defaults(_eval_parser=parser)


def run(args: argparse.Namespace) -> int:
    scorer_run = getattr(args, "_scorer_run", None)
    if scorer_run is None:
        args._eval_parser.print_help(sys.stderr)
        return EXIT_USAGE
    return int(scorer_run(args))
