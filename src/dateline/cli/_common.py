"""What the commands share: reporting problems, progress bars, reader options, output files.

Problems go to stderr as ``dateline: FILE[:LINE]: error: MESSAGE`` (the shape compilers use, so
editors and grep understand it); results go to stdout or ``--out``.
"""

from __future__ import annotations

import argparse
import contextlib
import sys
from collections.abc import Iterable, Iterator
from typing import IO, TypeVar

from dateline.types import Problem

T = TypeVar("T")


class ProblemLog:
    """Prints problems to stderr as they come and remembers whether anything failed."""

    def __init__(self, stream: IO[str] | None = None) -> None:
        self.stream = stream or sys.stderr
        self.errors = 0
        self.warnings = 0

    def report(self, problem: Problem) -> None:
        if problem.severity == "error":
            self.errors += 1
        else:
            self.warnings += 1
        print(f"dateline: {problem}", file=self.stream, flush=True)

    def fail(self, message: str) -> None:
        """A failure that is not tied to one input file."""
        self.errors += 1
        print(f"dateline: error: {message}", file=self.stream, flush=True)

    @property
    def exit_status(self) -> int:
        return 1 if self.errors else 0


def progress(items: Iterable[T], *, desc: str, unit: str, enabled: bool | None = None,
             total: int | None = None) -> Iterator[T]:
    """A tqdm bar on stderr (rate and ETA), shown only when stderr is a terminal unless forced."""
    show = sys.stderr.isatty() if enabled is None else enabled
    if not show:
        yield from items
        return
    from tqdm import tqdm

    with tqdm(items, desc=desc, unit=unit, total=total, file=sys.stderr, dynamic_ncols=True) as bar:
        yield from bar


def add_progress_option(parser: argparse.ArgumentParser) -> None:
    group = parser.add_mutually_exclusive_group()
    group.add_argument("--progress", dest="progress", action="store_true", default=None,
                       help="always show the progress bar on stderr (default: only on a terminal)")
    group.add_argument("--no-progress", dest="progress", action="store_false",
                       help="never show the progress bar")


def add_error_options(parser: argparse.ArgumentParser, kinds: tuple[str, ...]) -> None:
    """``--errors N`` and ``--kind KIND`` of the scorers that list their errors."""
    parser.add_argument("--errors", type=int, default=0, metavar="N",
                        help="list the first N errors with their sentence (default: 0; -1 for all)")
    parser.add_argument("--kind", action="append", choices=kinds, default=None,
                        help="list only errors of this kind (repeatable)")


def select_errors(errors: Iterable[T], kinds: list[str] | None, limit: int) -> list[T]:
    """The errors ``--kind``/``--errors`` ask for: of those kinds (all if none), the first ``limit``
    (all if negative)."""
    chosen = [error for error in errors if not kinds or error.kind in kinds]
    return chosen if limit < 0 else chosen[:limit]


def add_reader_options(parser: argparse.ArgumentParser) -> None:
    """Options of the readers: forced format, JSON Lines field names, text size cap."""
    from dateline.readers.common import FORMATS

    group = parser.add_argument_group("input")
    group.add_argument("--input-format", choices=FORMATS, default=None,
                       help="read every file as this format (default: by extension, else by content)")
    group.add_argument("--text-field", default="text", metavar="NAME",
                       help="JSON Lines: the field holding the article text (default: text)")
    group.add_argument("--date-field", action="append", default=None, metavar="NAME",
                       help="JSON Lines: a field holding the publication date; repeat for fallbacks "
                            "(default: date, then published)")
    group.add_argument("--id-field", default="id", metavar="NAME", help="JSON Lines: the id field (default: id)")
    group.add_argument("--title-field", default="title", metavar="NAME", help="JSON Lines: the title field")
    group.add_argument("--url-field", default="url", metavar="NAME", help="JSON Lines: the url field")
    group.add_argument("--max-chars", type=positive_int, default=5_000_000, metavar="N",
                       help="truncate longer article texts, with a warning (default: 5000000)")


def reader_options(args: argparse.Namespace):
    from dateline.readers.common import JsonlFields, ReaderOptions

    fields = JsonlFields(
        text=args.text_field,
        date=tuple(args.date_field) if args.date_field else ("date", "published"),
        title=args.title_field,
        url=args.url_field,
        id=args.id_field,
    )
    return ReaderOptions(jsonl=fields, max_chars=args.max_chars, format=args.input_format)


def positive_int(text: str) -> int:
    """argparse type: a whole number >= 1, with a message that says so."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number >= 1, got {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number >= 1, got {value}")
    return value


@contextlib.contextmanager
def output_stream(path: str | None) -> Iterator[IO[str]]:
    """``--out FILE`` opened for writing (UTF-8), or stdout when no file is given or ``-``."""
    if path is None or path == "-":
        yield sys.stdout
        return
    with open(path, "w", encoding="utf-8", newline="") as stream:
        yield stream
