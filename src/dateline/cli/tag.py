"""Tag time expressions and write them as TimeML (TempEval-3) or JSON.

Reads .tml or .tml.TE3input files (their creation time, DCT, is the reference date) and writes
DIR/NAME.tml (NAME is the input name without .TE3input) with the DCT kept and a TIMEX3 tag (tid,
type, value, mod) around each expression found, in the unchanged <TEXT>. With --format json, any
file the readers know (.txt, .jsonl, .html, ...) can be tagged too: one JSON object per article
is printed (id, reference_date, timexes with text, span, type, value, mod, anchor, rule).

Examples:
  dateline tag ../shared/data/timeml/timebank/*.tml --out out/
  dateline eval timex --gold ../shared/data/timeml/timebank --system out/
  dateline tag input/*.tml.TE3input --format timeml --out system/
  dateline tag examples/000_fb44a1e465c71499.txt --format json

Exit status: 0 every file tagged, 1 some file failed (named on stderr; the rest was tagged),
2 wrong usage.
"""

from __future__ import annotations

import argparse
import itertools
import json
import sys
from collections.abc import Iterable, Iterator, Sequence
from datetime import date
from pathlib import Path

from dateline.cli import EXIT_FAILED, EXIT_OK, EXIT_USAGE
from dateline.cli._common import ProblemLog, add_progress_option, positive_int, progress
from dateline.readers.timeml import is_timeml_path, read_timeml, timeml_name
from dateline.types import Article, Problem, Timex

COMMAND = "tag"
HELP = "tag time expressions in TimeML (or any article) files and write TimeML or JSON"
FORMATS = ("timeml", "json")
# Above this many files a progress bar is worth showing (on a terminal).
PROGRESS_MIN_FILES = 5


class TaggerUnavailable(RuntimeError):
    """dateline's time-expression tagger cannot be imported (a broken install)."""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="+", metavar="PATH",
                        help="TimeML files (.tml, .tml.TE3input) or directories of them; "
                             "with --format json, any article file")
    parser.add_argument("--format", choices=FORMATS, default="timeml",
                        help="timeml: write DIR/NAME.tml (needs --out); json: one object per article "
                             "on stdout (default: timeml)")
    parser.add_argument("--out", metavar="DIR", help="directory for the TimeML files (created if missing)")
    parser.add_argument("--batch-size", type=positive_int, default=16, metavar="N",
                        help="articles parsed together by spaCy (default: 16)")
    add_progress_option(parser)


def run(args: argparse.Namespace) -> int:
    if args.format == "timeml" and not args.out:
        print("dateline tag: error: --format timeml writes files: give the directory with --out DIR "
              "(or use --format json to print)", file=sys.stderr)
        return EXIT_USAGE
    log = ProblemLog()
    out_dir = Path(args.out) if args.out else None
    if out_dir is not None:
        try:
            out_dir.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            log.fail(f"cannot create the output directory {out_dir}: {error.strerror or error}")
            return EXIT_FAILED
    paths = list(expand_paths(args.paths, log))
    show_progress = args.progress
    if show_progress is None and len(paths) <= PROGRESS_MIN_FILES and args.format == "timeml":
        show_progress = False
    try:
        results = tag_articles(read_inputs(paths, args.format, log), batch_size=args.batch_size,
                               progress_enabled=show_progress)
        for article, result in results:
            for warning in article.warnings:
                log.report(Problem(article.origin, warning, severity="warning"))
            if isinstance(result, Problem):
                log.report(result)
            elif args.format == "json":
                print(json.dumps(article_json(article, result), ensure_ascii=False), flush=False)
            else:
                write_file(article, result, out_dir, log)
    except TaggerUnavailable as error:
        log.fail(str(error))
    return log.exit_status or EXIT_OK


def read_inputs(paths: Sequence[Path], output_format: str, log: ProblemLog) -> Iterator[Article]:
    """Articles of the given files, streamed; TimeML only for TimeML output, any format for JSON."""
    for path in paths:
        if is_timeml_path(path):
            items: Iterable = read_timeml(path)
        elif output_format == "timeml":
            log.report(Problem(str(path), "not a TimeML file (.tml, .tml.TE3input): "
                               "use --format json to tag other formats"))
            continue
        else:
            items = read_other(path)
        for item in items:
            if isinstance(item, Problem):
                log.report(item)
            else:
                yield item


def expand_paths(paths: Sequence[str], log: ProblemLog) -> Iterator[Path]:
    """Files as given, and the files of directories (sorted); missing paths are reported."""
    for name in paths:
        path = Path(name)
        if path.is_dir():
            yield from sorted(p for p in path.iterdir() if p.is_file() and not p.name.startswith("."))
        elif path.is_file():
            yield path
        else:
            log.report(Problem(name, "no such file or directory"))


def read_other(path: Path) -> Iterator[Article | Problem]:
    """Any format the readers know, through ``dateline.readers.read_paths``."""
    from dateline.readers import read_paths

    yield from read_paths([str(path)])


def tag_articles(articles: Iterable[Article], batch_size: int = 16,
                 progress_enabled: bool | None = None) -> Iterator[tuple[Article, tuple[Timex, ...] | Problem]]:
    """Tag each article (reference date: see ``reference_date``), in order, parsing in batches.

    A tagger failure on one article becomes a ``Problem`` for that article; the others go on.
    Raises ``TaggerUnavailable`` when the tagger cannot be imported at all. spaCy is loaded only
    when there is an article to tag.
    """
    articles = iter(articles)
    first = next(articles, None)
    if first is None:
        return
    articles = itertools.chain([first], articles)
    try:
        from dateline.nlp import parse_with_context
        from dateline.timex import tag
    except ImportError as error:
        raise TaggerUnavailable(f"dateline's time-expression tagger cannot be loaded ({error}); "
                                "reinstall dateline") from error
    pairs = ((article.text, article) for article in articles)
    parsed = parse_with_context(pairs, batch_size=batch_size)
    for doc, article in progress(parsed, desc="tagging", unit="doc", enabled=progress_enabled):
        try:
            yield article, tuple(tag(doc, reference_date(article)))
        except Exception as error:  # noqa: BLE001 - one article's failure must not stop the batch
            yield article, Problem(article.origin, f"the tagger failed: {type(error).__name__}: {error}")


def reference_date(article: Article) -> date | None:
    """A TimeML file's creation time; for other articles, the document stage's reference date
    (the dateline's date, else the metadata date)."""
    if article.timeml is not None:
        return article.metadata_date
    from dateline.document import resolve_reference

    return resolve_reference(article).reference_date


def article_json(article: Article, timexes: Sequence[Timex]) -> dict:
    """The JSON object of one tagged article."""
    return {
        "id": article.id,
        "origin": article.origin,
        "reference_date": reference.isoformat() if (reference := reference_date(article)) else None,
        "timexes": [
            {"text": t.text, "span": list(t.span), "type": t.type, "value": t.value, "mod": t.mod,
             "anchor": t.anchor, "rule": t.rule}
            for t in timexes
        ],
    }


def write_file(article: Article, timexes: Sequence[Timex], out_dir: Path | None, log: ProblemLog) -> None:
    from dateline.export.timeml import TimemlWriteError, write_timeml

    assert out_dir is not None  # checked in run(): TimeML output needs --out
    target = out_dir / f"{timeml_name(article.origin)}.tml"
    try:
        target.write_text(write_timeml(article, timexes), encoding="utf-8")
    except TimemlWriteError as error:
        log.report(Problem(article.origin, str(error)))
    except OSError as error:
        log.report(Problem(str(target), f"cannot write: {error.strerror or error}"))
