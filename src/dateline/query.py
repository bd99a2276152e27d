"""Timelines over the store: events in date order, each with its date at its precision.

An event's place on a timeline is the interval of its best date: ``2018-09`` covers September, so
it sorts with September's first day, after the days of that date that are exactly known
(``precision_rank`` breaks the tie).  Events known only as *before* or *after* a date are placed
by that anchor and labelled so; undated events come last, labelled ``undated``, never dropped.
By default only asserted events are listed: planned, negated and hypothetical/demanded events
are facts of another kind and are shown only when asked for (``include``).
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from datetime import date, timedelta

from dateline.merge import date_interval, precision_rank, rank_lookback_days
from dateline.store.db import DEFAULT_QUERY_TIME_LIMIT, time_limit
from dateline.store.write import EVIDENCE_SLOTS

MODALITY_CLASSES = ("asserted", "planned", "negated", "irrealis")
#: What users may type for ``--include``, mapped to the modality class it selects.
INCLUDE_NAMES = {
    "asserted": "asserted", "planned": "planned", "negated": "negated", "irrealis": "irrealis",
    "hypothetical": "irrealis", "demanded": "irrealis", "all": "*",
}
_MOD_LABELS = {"BEFORE": "before", "AFTER": "after", "ON_OR_BEFORE": "on or before", "ON_OR_AFTER": "on or after",
               "APPROX": "about", "START": "early", "MID": "mid", "END": "late"}


class QueryError(ValueError):
    """A query that cannot be run as given (the message says which part and why)."""


def parse_include(text: str | None) -> frozenset[str]:
    """``planned,negated`` -> the modality classes to list besides ``asserted``."""
    classes = {"asserted"}
    if not text:
        return frozenset(classes)
    for name in (part.strip().lower() for part in text.split(",")):
        if not name:
            continue
        if name not in INCLUDE_NAMES:
            raise QueryError(f"--include: unknown modality {name!r}; choose from {', '.join(INCLUDE_NAMES)}")
        if INCLUDE_NAMES[name] == "*":
            classes.update(MODALITY_CLASSES)
        else:
            classes.add(INCLUDE_NAMES[name])
    return frozenset(classes)


def parse_bound(text: str, *, end: bool) -> date:
    """A ``--from``/``--to`` date at any precision (``2018``, ``2018-09``, ``2018-W39``,
    ``2018-09-26``): the start of its interval, or for ``end`` the day after it."""
    interval = date_interval(text.strip())
    if interval is None:
        raise QueryError(f"not a date: {text!r}; write it like 2018-09-26, 2018-09, 2018-W39 or 2018")
    return interval[1] if end else interval[0]


@dataclass(frozen=True)
class TimelineQuery:
    """What to list.  ``date_to`` is exclusive (use :func:`parse_bound` with ``end=True``)."""

    text: str | None = None
    actor: str | None = None
    place: str | None = None
    plover_type: str | None = None
    date_from: date | None = None
    date_to: date | None = None
    include: frozenset[str] = frozenset({"asserted"})
    limit: int | None = 100
    evidence: bool = False
    time_limit: float = DEFAULT_QUERY_TIME_LIMIT

    def __post_init__(self) -> None:
        unknown = set(self.include) - set(MODALITY_CLASSES)
        if unknown:
            raise QueryError(f"unknown modality classes {sorted(unknown)}; choose from {MODALITY_CLASSES}")
        if self.limit is not None and self.limit < 1:
            raise QueryError(f"--limit must be at least 1, not {self.limit}")
        if self.date_from and self.date_to and self.date_to <= self.date_from:
            raise QueryError(f"--to ({self.date_to}) must come after --from ({self.date_from})")


@dataclass(frozen=True)
class Evidence:
    article_id: str
    article_date: str | None
    source: str
    sentence: str
    trigger: str
    modality: str


@dataclass(frozen=True)
class TimelineEntry:
    event_id: int
    date_value: str | None
    date_precision: str
    date_mod: str | None
    date_start: str | None
    summary: str
    plover_type: str
    cameo: str
    modality: str
    modality_class: str
    num_mentions: int
    num_sources: int
    num_articles: int
    first_seen: str | None
    last_seen: str | None
    confidence: float
    evidence: tuple[Evidence, ...] = ()
    links: tuple[tuple[str, int], ...] = field(default=())

    @property
    def date_label(self) -> str:
        """``2018-09-26``, ``before 2018-09``, ``undated``."""
        if self.date_start is None or not self.date_value:
            return "undated"
        prefix = _MOD_LABELS.get(self.date_mod or "")
        return f"{prefix} {self.date_value}" if prefix else self.date_value

    @property
    def line(self) -> str:
        """``2018-09-26 Mike Pompeo (USA GOV) met Ri Yong-ho (PRK GOV) at United Nations, CONSULT, 3 sources``."""
        sources = f"{self.num_sources} source" + ("" if self.num_sources == 1 else "s")
        modality = "" if self.modality_class == "asserted" else f" [{self.modality}]"
        return f"{self.date_label} {self.summary}, {self.plover_type}, {sources}{modality}"


def _actor_ids(conn: sqlite3.Connection, actor: str) -> list[int]:
    """Actors matching a name (any part, any case) or a code (``USA``, ``GOV``, ``USA GOV``)."""
    words = actor.split()
    params: list[object] = [actor, f"%{actor}%"]
    clauses = ["name = ? COLLATE NOCASE", "name LIKE ?"]
    if len(words) == 2:
        clauses.append("(country = ? AND sector = ?)")
        params.extend(w.upper() for w in words)
    elif len(words) == 1:
        clauses.extend(["country = ?", "sector = ?"])
        params.extend([actor.upper(), actor.upper()])
    where = " OR ".join(clauses)
    return [row[0] for row in conn.execute(f"SELECT id FROM actors WHERE {where}", params)]


def _place_ids(conn: sqlite3.Connection, place: str) -> list[int]:
    return [row[0] for row in conn.execute(
        "SELECT id FROM places WHERE name = ? COLLATE NOCASE OR name LIKE ? OR country = ?",
        (place, f"%{place}%", place.upper()))]


#: Above this many matching rows, a filter is checked per event while walking the date index
#: (the first ``limit`` events come quickly); below it, the matching events are collected first.
_FREQUENT = 3000
#: Full-text hits: up to _TEXT_IN_SQL the matching events are looked up directly; up to
#: _TEXT_IN_PYTHON their ids are collected (rowids encode them) and the timeline walk keeps those;
#: beyond, each event on the walk is checked with a rowid-range seek in the index.
_TEXT_IN_SQL = 2000
_TEXT_IN_PYTHON = 60000


def _marks(values: list) -> str:
    return ",".join("?" * len(values))


def _actor_clause(conn: sqlite3.Connection, ids: list[int]) -> str:
    frequent = conn.execute(f"SELECT count(*) FROM (SELECT 1 FROM event_actors WHERE actor_id IN ({_marks(ids)}) "
                            f"LIMIT {_FREQUENT + 1})", ids).fetchone()[0] > _FREQUENT
    if frequent:
        return f"EXISTS (SELECT 1 FROM event_actors ea WHERE ea.event_id = e.id AND ea.actor_id IN ({_marks(ids)}))"
    return f"e.id IN (SELECT event_id FROM event_actors WHERE actor_id IN ({_marks(ids)}))"


def _text_filter(conn: sqlite3.Connection, text: str) -> tuple[str | None, set[int] | None]:
    """``(SQL clause taking the text as its one parameter, None)`` or ``(None, event ids)``."""
    hits = conn.execute(f"SELECT count(*) FROM (SELECT rowid FROM evidence_fts WHERE evidence_fts MATCH ? "
                        f"LIMIT {_TEXT_IN_PYTHON + 1})", (text,)).fetchone()[0]
    if hits <= _TEXT_IN_SQL:
        return f"e.id IN (SELECT rowid / {EVIDENCE_SLOTS} FROM evidence_fts WHERE evidence_fts MATCH ?)", None
    if hits <= _TEXT_IN_PYTHON:
        rows = conn.execute("SELECT rowid FROM evidence_fts WHERE evidence_fts MATCH ?", (text,))
        return None, {rowid // EVIDENCE_SLOTS for (rowid,) in rows}
    return (f"EXISTS (SELECT 1 FROM evidence_fts WHERE evidence_fts MATCH ? AND rowid BETWEEN e.id * {EVIDENCE_SLOTS} "
            f"AND e.id * {EVIDENCE_SLOTS} + {EVIDENCE_SLOTS - 1})"), None


@dataclass(frozen=True)
class _Filters:
    clauses: list[str]
    params: list[object]
    keep: set[int] | None = None  # event ids the text search allows, checked while walking


def _filters(conn: sqlite3.Connection, query: TimelineQuery) -> _Filters | None:
    """SQL conditions on ``events e`` with their parameters; ``None`` when nothing can match."""
    clauses = [f"e.modality_class IN ({_marks(sorted(query.include))})"]
    params: list[object] = sorted(query.include)
    keep = None
    if query.plover_type:
        clauses.append("e.plover_type = ?")
        params.append(query.plover_type.upper())
    if query.actor:
        ids = _actor_ids(conn, query.actor)
        if not ids:
            return None
        clauses.append(_actor_clause(conn, ids))
        params.extend(ids)
    if query.place:
        ids = _place_ids(conn, query.place)
        if not ids:
            return None
        clauses.append(f"e.place_id IN ({_marks(ids)})")
        params.extend(ids)
    if query.text:
        clause, keep = _text_filter(conn, query.text)
        if clause:
            clauses.append(clause)
            params.append(query.text)
        elif not keep:
            return None
    return _Filters(clauses, params, keep)


_COLUMNS = ("e.id, e.date_value, e.date_precision, e.date_mod, e.date_start, e.summary, e.plover_type, e.cameo, "
            "e.modality, e.modality_class, e.num_mentions, e.num_sources, e.num_articles, e.first_seen, "
            "e.last_seen, e.confidence")
#: The timeline order, which is also the order of the ``events_date`` index (no sorting needed).
_ORDER = "ORDER BY e.date_start, e.precision_rank, e.modality_class, e.plover_type, e.id"
#: Precision ranks looked up for events starting before a date range and running into it, each
#: group with the look-back of its widest rank (decades and wider are rare: one query for all).
_SPANNING_RANKS = ((2,), (3,), (4,), (5,), (6, 7, 8))


def timeline(conn: sqlite3.Connection, query: TimelineQuery) -> list[TimelineEntry]:
    """The events matching ``query`` in date order (undated last), at most ``query.limit``."""
    path = conn.execute("PRAGMA database_list").fetchone()[2] or "store"
    with time_limit(conn, query.time_limit, path):
        try:
            return _timeline(conn, query)
        except sqlite3.OperationalError as error:
            if query.text and "interrupted" not in str(error).lower():
                raise QueryError(f"full-text query {query.text!r} is not valid FTS5 syntax ({error}); "
                                 "quote phrases with double quotes") from error
            raise


_WALK_CHUNK = 2000


def _select(conn: sqlite3.Connection, clauses: list[str], params: list[object], limit: int,
            order: str = _ORDER, keep: set[int] | None = None, source: str = "events e") -> list[tuple]:
    """Events meeting ``clauses`` in ``order``; with ``keep``, only those ids (walking the order
    in chunks of ids, fetching full rows only for the kept ones)."""
    where = " AND ".join(clauses)
    if keep is None:
        return conn.execute(f"SELECT {_COLUMNS} FROM {source} WHERE {where} {order} LIMIT ?",
                            [*params, limit]).fetchall()
    cursor = conn.execute(f"SELECT e.id FROM {source} WHERE {where} {order}", params)
    kept: list[int] = []
    while limit < 0 or len(kept) < limit:
        chunk = cursor.fetchmany(_WALK_CHUNK)
        if not chunk:
            break
        kept.extend(event_id for (event_id,) in chunk if event_id in keep)
    cursor.close()
    kept = kept if limit < 0 else kept[:limit]
    if not kept:
        return []
    rows = {row[0]: row for row in conn.execute(
        f"SELECT {_COLUMNS} FROM events e WHERE e.id IN ({_marks(kept)})", kept)}
    return [rows[event_id] for event_id in kept]


def _dated_rows(conn: sqlite3.Connection, filters: _Filters, query: TimelineQuery, limit: int) -> list[tuple]:
    """Dated events overlapping the query's range, in timeline order.

    Events starting inside the range come from one walk of the date index; events starting
    before it but still running into it (a month, a year) are looked up per precision rank, each
    with its own bounded look-back, so no query scans years of index it does not need.
    """
    clauses, params, keep = filters.clauses, filters.params, filters.keep
    upper = ["e.date_start < ?"] if query.date_to else []
    upper_params: list[object] = [query.date_to.isoformat()] if query.date_to else []
    if query.date_from is None:
        return _select(conn, [*clauses, "e.date_start IS NOT NULL", *upper], [*params, *upper_params], limit,
                       keep=keep)
    start = query.date_from.isoformat()
    rows = _select(conn, [*clauses, "e.date_start >= ?", *upper], [*params, start, *upper_params], limit, keep=keep)
    for ranks in _SPANNING_RANKS:
        try:
            floor = (query.date_from - timedelta(days=rank_lookback_days(ranks[-1]))).isoformat()
        except OverflowError:
            floor = "0001-01-01"
        marks = _marks(list(ranks))
        rows += _select(conn, [*clauses, f"e.precision_rank IN ({marks})", "e.date_start >= ?", "e.date_start < ?",
                               "e.date_end > ?"], [*params, *ranks, floor, start, start], limit, keep=keep,
                        source="events e INDEXED BY events_rank_date")
    rows.sort(key=lambda row: (row[4], precision_rank(row[2], row[1]), row[9], row[6], row[0]))
    return rows[:limit] if limit >= 0 else rows


def _timeline(conn: sqlite3.Connection, query: TimelineQuery) -> list[TimelineEntry]:
    filters = _filters(conn, query)
    if filters is None:
        return []
    limit = query.limit if query.limit is not None else -1
    rows = _dated_rows(conn, filters, query, limit)
    dated_only = query.date_from is not None or query.date_to is not None
    if not dated_only and (query.limit is None or len(rows) < query.limit):
        remaining = -1 if query.limit is None else query.limit - len(rows)
        rows += _select(conn, [*filters.clauses, "e.date_start IS NULL"], filters.params, remaining,
                        order="ORDER BY e.id", keep=filters.keep)
    entries = [TimelineEntry(*row) for row in rows]
    if query.evidence:
        entries = [_with_evidence(conn, entry) for entry in entries]
    return entries


def _with_evidence(conn: sqlite3.Connection, entry: TimelineEntry, per_event: int = 3) -> TimelineEntry:
    """Add the best sentence of up to ``per_event`` articles, and the plan/realisation links."""
    rows = conn.execute(
        """SELECT m.article_id, COALESCE(a.reference_date, a.metadata_date), a.source_key,
                  COALESCE(s.text, substr(a.text, m.sentence_start + 1, m.sentence_end - m.sentence_start)),
                  m.trigger, m.modality
           FROM mentions m JOIN articles a ON a.id = m.article_id
           LEFT JOIN sentences s ON s.article_id = m.article_id AND s.idx = m.sentence
           WHERE m.event_id = ? ORDER BY m.confidence DESC, m.id""", (entry.event_id,)).fetchall()
    evidence, seen = [], set()
    for article_id, article_date, source, sentence, trigger, modality in rows:
        if article_id in seen:
            continue
        seen.add(article_id)
        evidence.append(Evidence(article_id, article_date, source, " ".join((sentence or "").split()), trigger,
                                 modality))
        if len(evidence) >= per_event:
            break
    links = tuple(conn.execute("SELECT relation, to_event FROM event_links WHERE from_event = ? ORDER BY to_event",
                               (entry.event_id,)).fetchall())
    return TimelineEntry(**{**entry.__dict__, "evidence": tuple(evidence), "links": links})


def entry_record(entry: TimelineEntry) -> dict[str, object]:
    """A timeline entry as a plain dict (JSON/CSV output)."""
    record: dict[str, object] = {
        "event_id": entry.event_id, "date": entry.date_label, "date_value": entry.date_value,
        "date_precision": entry.date_precision, "date_mod": entry.date_mod, "summary": entry.summary,
        "line": entry.line, "plover_type": entry.plover_type, "cameo": entry.cameo, "modality": entry.modality,
        "num_mentions": entry.num_mentions, "num_sources": entry.num_sources, "num_articles": entry.num_articles,
        "first_seen": entry.first_seen, "last_seen": entry.last_seen, "confidence": round(entry.confidence, 3),
    }
    if entry.evidence or entry.links:
        record["evidence"] = [e.__dict__ for e in entry.evidence]
        record["links"] = [{"relation": relation, "event_id": other} for relation, other in entry.links]
    return record
