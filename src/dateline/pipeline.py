"""The whole pipeline over a stream of articles: document -> nlp -> timex -> events.

``analyze`` is what ``dateline extract`` and ``dateline ingest`` run. It streams: articles are
taken in batches of ``Settings.batch_size``, parsed together with ``nlp.pipe`` (metadata travelling
with each doc), and yielded in input order. With ``workers > 1`` batches go to worker processes,
each loading spaCy once, with at most ``IN_FLIGHT_PER_WORKER * workers`` batches in flight so
that memory stays flat however long the corpus is.

A failure inside one article's analysis never stops the batch: the article is yielded with what
could be found, a warning, and a ``Problem`` reports the failure (the run's exit status is 1).
"""

from __future__ import annotations

import functools
import multiprocessing
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from itertools import islice

from spacy.tokens import Doc

from dateline import document, nlp
from dateline.types import AnalyzedArticle, Article, Entity, Problem, Sentence

Result = AnalyzedArticle | Problem


class SettingsError(ValueError):
    """A setting has a value outside what it allows; the message names both."""


@dataclass(frozen=True)
class Settings:
    """How to run the pipeline. Validated on creation."""

    batch_size: int = 32
    workers: int = 1
    timexes: bool = True
    events: bool = True
    user_actors: str | None = None

    def __post_init__(self) -> None:
        if not isinstance(self.batch_size, int) or self.batch_size < 1:
            raise SettingsError(f"batch_size must be a whole number >= 1, not {self.batch_size!r}")
        if not isinstance(self.workers, int) or self.workers < 1:
            raise SettingsError(f"workers must be a whole number >= 1, not {self.workers!r}")
        if self.events and not self.timexes:
            raise SettingsError("events need timexes: set timexes=True or events=False")


def analyze(articles: Iterable[Article | Problem], settings: Settings = Settings()) -> Iterator[Result]:
    """Analyse every article; ``Problem`` values in the input are passed through in order."""
    batches = _batches(articles, settings.batch_size)
    if settings.workers == 1:
        for batch in batches:
            yield from analyze_batch(batch, settings)
    else:
        yield from _analyze_in_workers(batches, settings)


def analyze_batch(batch: list[Article | Problem], settings: Settings) -> list[Result]:
    """Analyse one batch in this process: one ``nlp.pipe`` call over all its English texts."""
    results: list[Result | None] = [None] * len(batch)
    pieces: list[tuple[str, tuple[int, int]]] = []
    prepared: dict[int, tuple[Article, document.DocumentInfo]] = {}
    for index, item in enumerate(batch):
        if isinstance(item, Problem):
            results[index] = item
            continue
        info = document.resolve_reference(item)
        language = nlp.detect_language(item.text)
        if language != "en":
            results[index] = _skipped(item, info, language)
            continue
        prepared[index] = (item, info)
        for piece_number, piece in enumerate(nlp.split_for_parsing(item.text)):
            pieces.append((piece, (index, piece_number)))

    docs: dict[int, list[Doc]] = {}
    for doc, (index, _) in nlp.parse_with_context(pieces, batch_size=settings.batch_size):
        docs.setdefault(index, []).append(doc)

    extra: list[Problem] = []
    for index, (article, info) in prepared.items():
        doc = nlp.join_pieces(docs[index])
        analyzed, problems = _analyze_doc(article, info, doc, settings)
        results[index] = analyzed
        extra.extend(problems)
    return [r for r in results if r is not None] + extra


def _analyze_doc(
    article: Article, info: document.DocumentInfo, doc: Doc, settings: Settings
) -> tuple[AnalyzedArticle, list[Problem]]:
    """Everything after the parse, for one article; a failing stage costs only its own output."""
    warnings = list(info.warnings)
    problems: list[Problem] = []
    timexes: tuple = ()
    events: tuple = ()
    if settings.timexes:
        try:
            timexes = _tag_timexes(doc, info.reference_date)
        except Exception as error:  # noqa: BLE001 - one article's failure must not stop a corpus
            warnings.append(f"time expressions not tagged: internal error {error!r}")
            problems.append(Problem(article.origin, f"time expression tagging failed: {error!r}"))
    if settings.events:
        try:
            events = _extract_events(doc, timexes, info, settings.user_actors)
        except Exception as error:  # noqa: BLE001
            warnings.append(f"events not extracted: internal error {error!r}")
            problems.append(Problem(article.origin, f"event extraction failed: {error!r}"))
    analyzed = AnalyzedArticle(
        article=article,
        dateline=info.dateline,
        reference_date=info.reference_date,
        reference_date_source=info.reference_date_source,
        warnings=tuple(warnings),
        language="en",
        sentences=tuple(Sentence((s.start_char, s.end_char), s.text) for s in doc.sents),
        entities=tuple(Entity((e.start_char, e.end_char), e.text, e.label_) for e in doc.ents),
        timexes=tuple(timexes),
        events=tuple(events),
    )
    return analyzed, problems


def _tag_timexes(doc: Doc, reference_date: date | None) -> tuple:
    from dateline import timex

    return timex.tag(doc, reference_date)


def _extract_events(doc: Doc, timexes: tuple, info: document.DocumentInfo, user_actors: str | None) -> tuple:
    from dateline import events

    return events.extract_events(
        doc, timexes, info.reference_date, info.dateline, user_actors=_load_user_actors(user_actors)
    )


@functools.lru_cache(maxsize=4)
def _load_user_actors(path: str | None):
    """The user's actor file, loaded once per process (``None`` when not given)."""
    if path is None:
        return None
    from dateline.events.user_actors import UserActors

    return UserActors.load(path)


def check_user_actors(path: str | None) -> None:
    """Load the user's actor file now, so that a broken one is a usage error before any work.

    Raises ``ActorsFileError`` (every bad entry listed) or ``OSError``.
    """
    _load_user_actors(path)


def _skipped(article: Article, info: document.DocumentInfo, language: str) -> AnalyzedArticle:
    return AnalyzedArticle(
        article=article,
        dateline=info.dateline,
        reference_date=info.reference_date,
        reference_date_source=info.reference_date_source,
        warnings=(*info.warnings, f"skipped: the text is not English (detected {language!r})"),
        language=language,
        skipped=True,
    )


def _batches(items: Iterable[Article | Problem], size: int) -> Iterator[list[Article | Problem]]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


# --- Worker processes ----------------------------------------------------------------------------

_worker_settings: Settings | None = None

#: Batches handed to the pool per worker before the oldest result is awaited. Results come back in
#: input order, so a batch holding a long document holds up the ones after it: with only two per
#: worker, the other workers ran dry behind it. More in flight keeps them busy; memory stays
#: bounded by this many batches per worker.
IN_FLIGHT_PER_WORKER = 4


def _init_worker(settings: Settings) -> None:
    """Load spaCy once in a worker, whose matrix products keep to one thread: the workers are as
    many as the cores, and BLAS threads of their own would only fight over them."""
    from threadpoolctl import threadpool_limits

    global _worker_settings
    _worker_settings = settings
    threadpool_limits(limits=1, user_api="blas")
    nlp.load_pipeline()


def _worker_batch(batch: list[Article | Problem]) -> list[Result]:
    assert _worker_settings is not None, "worker used before its initializer ran"
    return analyze_batch(batch, _worker_settings)


def _analyze_in_workers(batches: Iterator[list[Article | Problem]], settings: Settings) -> Iterator[Result]:
    """Fan batches out to ``settings.workers`` processes, results in input order, bounded memory."""
    context = multiprocessing.get_context("spawn")
    with context.Pool(settings.workers, initializer=_init_worker, initargs=(settings,)) as pool:
        pending: deque = deque()
        for batch in batches:
            pending.append(pool.apply_async(_worker_batch, (batch,)))
            if len(pending) >= IN_FLIGHT_PER_WORKER * settings.workers:
                yield from pending.popleft().get()
        while pending:
            yield from pending.popleft().get()
