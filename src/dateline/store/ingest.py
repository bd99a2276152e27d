"""Ingest: articles in, analysed and stored in batches, each batch one transaction.

Idempotent and restartable: before any NLP, each batch's ids and content hashes are looked up,
and articles already stored with the same text (or the same text under another id) are skipped;
an article whose text changed replaces its old version.  A batch is written in one transaction,
so a process killed at any moment leaves whole articles only, and a rerun completes the corpus.
"""

from __future__ import annotations

import sqlite3
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice

from dateline.store.db import NotAStore, Store, StoreFull, StoreLocked, StoreReadOnly, translate_error
from dateline.store.write import WriteCache, content_hash, mark_incomplete, stored_state, write_article
from dateline.types import AnalyzedArticle, Article, Problem

Analyze = Callable[[Iterable[Article]], Iterator["AnalyzedArticle | Problem"]]
DEFAULT_BATCH_SIZE = 50


@dataclass
class IngestCounts:
    """What an ingest did; ``failed`` counts input that could not be read, analysed or stored."""

    read: int = 0
    stored: int = 0
    replaced: int = 0
    skipped: int = 0
    duplicates: int = 0
    failed: int = 0
    problems: list[Problem] = field(default_factory=list)

    def summary(self) -> str:
        return (f"read {self.read}, stored {self.stored} (replaced {self.replaced}), skipped {self.skipped} "
                f"(already stored) + {self.duplicates} (same text under another id), failed {self.failed}")


@dataclass(frozen=True)
class BatchPlan:
    """Which articles of a batch need analysing, and which are skipped as already stored."""

    to_analyze: list[Article]
    hashes: dict[str, str]
    replacing: set[str]
    skipped: int
    duplicates: int


def plan_batch(conn: sqlite3.Connection, articles: list[Article], in_flight: set[str] | frozenset[str] = frozenset()
               ) -> BatchPlan:
    """Decide, before any NLP, what a batch needs: the rerun of a finished corpus analyses nothing.

    ``in_flight`` holds the hashes of articles handed to the NLP but not yet written.
    """
    digests = [content_hash(a) for a in articles]
    by_id, known_hashes = stored_state(conn, [a.id for a in articles], digests)
    to_analyze, replacing, seen = [], set(), set(in_flight)
    hashes: dict[str, str] = {}
    ids_taken: set[str] = set()
    skipped = duplicates = 0
    for article, digest in zip(articles, digests):
        if by_id.get(article.id) == digest:
            skipped += 1
        elif digest in known_hashes or digest in seen or article.id in ids_taken:
            duplicates += 1
        else:
            if article.id in by_id:
                replacing.add(article.id)
            to_analyze.append(article)
            hashes[article.id] = digest
            ids_taken.add(article.id)
            seen.add(digest)
    return BatchPlan(to_analyze, hashes, replacing, skipped, duplicates)


def ingest(store: Store, items: Iterable[Article | Problem], analyze: Analyze, *,
           batch_size: int = DEFAULT_BATCH_SIZE,
           on_problem: Callable[[Problem], None] | None = None,
           on_progress: Callable[[int], None] | None = None) -> IngestCounts:
    """Read, analyse and store ``items``.

    One stream runs through ``analyze`` (so worker processes start once); the articles going in
    are filtered batch by batch against the store before any NLP, the results coming out are
    written ``batch_size`` at a time, one transaction each.  A ``StoreError`` (full disk, lock,
    read-only) stops the run after rolling back the current batch; every other failure is
    counted and reported through ``on_problem`` and the run goes on.
    """
    counts = IngestCounts()
    in_flight: dict[str, tuple[str, bool]] = {}  # id -> (content hash, replaces a stored version)

    def report(problem: Problem) -> None:
        counts.problems.append(problem)
        if problem.severity == "error":
            counts.failed += 1
        if on_problem:
            on_problem(problem)

    def progress(done: int) -> None:
        if on_progress and done:
            on_progress(done)

    def articles_to_analyze() -> Iterator[Article]:
        for batch in _chunks(items, batch_size):
            articles = []
            for item in batch:
                if isinstance(item, Problem):
                    report(item)
                    progress(1 if item.severity == "error" else 0)
                else:
                    counts.read += 1
                    articles.append(item)
            try:
                plan = plan_batch(store.conn, articles, {digest for digest, _ in in_flight.values()})
            except sqlite3.Error as error:
                raise translate_error(store.path, error) from error
            counts.skipped += plan.skipped
            counts.duplicates += plan.duplicates
            progress(plan.skipped + plan.duplicates)
            for article in plan.to_analyze:
                in_flight[article.id] = (plan.hashes[article.id], article.id in plan.replacing)
                yield article

    recent: deque[str] = deque(maxlen=4 * max(batch_size, 1))  # origins of the last written articles
    cache = WriteCache()  # what the writer knows of the store, kept from batch to batch
    for results in _chunks(analyze(articles_to_analyze()), batch_size):
        analyzed, failed_origins = [], set()
        for result in results:
            if isinstance(result, Problem):
                report(result)
                if result.severity == "error":
                    failed_origins.add(result.origin)
            else:
                analyzed.append(result)
        late = failed_origins & set(recent)
        _write_batch(store, analyzed, in_flight, counts, report, failed_origins, late, cache)
        recent.extend(result.article.origin for result in analyzed)
        progress(len(analyzed))
    return counts


def _write_one(store: Store, conn: sqlite3.Connection, result: AnalyzedArticle,
               in_flight: dict[str, tuple[str, bool]], failed_origins: set[str], cache: WriteCache,
               report: Callable[[Problem], None]) -> bool:
    """Write one article under a savepoint; if it cannot be stored, roll it back alone, report it
    and return ``False`` (a store-wide failure is raised, for the whole batch to roll back)."""
    article = result.article
    digest = in_flight.get(article.id, (content_hash(article), False))[0]
    mark = cache.mark()
    conn.execute("SAVEPOINT article")
    try:
        write_article(conn, result, digest, complete=article.origin not in failed_origins, cache=cache)
    except sqlite3.Error as error:
        translated = translate_error(store.path, error)
        if isinstance(translated, (StoreFull, StoreReadOnly, StoreLocked, NotAStore)) or not conn.in_transaction:
            raise translated from error  # SQLite may already have rolled the whole batch back
        problem: Exception = error
    except (ValueError, TypeError, IndexError) as error:
        problem = error
    else:
        conn.execute("RELEASE article")
        return True
    conn.execute("ROLLBACK TO article")
    conn.execute("RELEASE article")
    cache.rollback_to(mark)
    report(Problem(article.origin, f"could not be stored: {problem}"))
    return False


def _chunks(items: Iterable, size: int) -> Iterator[list]:
    iterator = iter(items)
    while chunk := list(islice(iterator, max(size, 1))):
        yield chunk


def _write_batch(store: Store, analyzed: list[AnalyzedArticle], in_flight: dict[str, tuple[str, bool]],
                 counts: IngestCounts, report: Callable[[Problem], None], failed_origins: set[str],
                 late_failures: set[str], cache: WriteCache | None = None) -> None:
    """Write analysed articles in one transaction; an article that cannot be stored is rolled
    back alone (savepoint) and reported, a store-wide failure rolls back the whole batch.

    Articles the pipeline reported a failure for are stored as incomplete (``failed_origins``;
    ``late_failures`` were already written by the previous batch), so that a rerun retries them.
    ``cache`` (the run's :class:`WriteCache`) follows every rollback, and its full-text rows are
    inserted just before the commit.
    """
    if not analyzed and not late_failures:
        return
    cache = cache or WriteCache()
    stored = replaced = 0
    try:
        with store.atomic() as conn:
            mark_incomplete(conn, late_failures)
            for result in analyzed:
                if _write_one(store, conn, result, in_flight, failed_origins, cache, report):
                    stored += 1
                    replaced += in_flight.get(result.article.id, ("", False))[1]
            cache.flush(conn)
    except BaseException:
        cache.forget()
        raise
    counts.stored += stored
    counts.replaced += replaced
    for result in analyzed:
        in_flight.pop(result.article.id, None)
