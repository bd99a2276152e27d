"""Writing analysed articles into the store and merging their mentions into events.

All functions here run inside a transaction the caller opened (``Store.atomic()``): an article is
written with all its sentences and mentions, and merged, or not at all.
"""

from __future__ import annotations

import functools
import hashlib
import json
import sqlite3
import urllib.parse
from collections import OrderedDict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from dateline import merge
from dateline.merge import ActorKey, EventShape, MentionFacts
from dateline.types import Actor, AnalyzedArticle, Article, EventMention, Place


def content_hash(article: Article) -> str:
    """SHA-256 of the article's text: the same story under two names is stored once."""
    return hashlib.sha256(article.text.encode("utf-8", "surrogatepass")).hexdigest()


def source_key(analyzed: AnalyzedArticle) -> str:
    """Who published the story, for counting distinct sources: the reader's source, else the
    dateline's agency, else the URL's domain, else the article itself (unknown sources count
    once each, never all as one)."""
    article = analyzed.article
    if article.source:
        return article.source.strip().casefold()
    if analyzed.dateline and analyzed.dateline.agency:
        return analyzed.dateline.agency.strip().casefold()
    if article.url:
        host = urllib.parse.urlsplit(article.url).hostname or ""
        if host:
            return host.removeprefix("www.").casefold()
    return f"article:{article.id}"


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


def stored_state(conn: sqlite3.Connection, ids: Sequence[str], hashes: Sequence[str]) -> tuple[dict[str, str], set[str]]:
    """``({id: content hash} of stored articles among ids, stored hashes among hashes)``.

    An article whose analysis failed (``complete = 0``) counts as not stored, so it is analysed again.
    """
    by_id: dict[str, str] = {}
    known_hashes: set[str] = set()
    for chunk in _chunks(list(ids), 500):
        marks = ",".join("?" * len(chunk))
        by_id.update(conn.execute(f"SELECT id, CASE complete WHEN 1 THEN content_hash ELSE '' END FROM articles WHERE id IN ({marks})", chunk).fetchall())
    for chunk in _chunks(list(hashes), 500):
        marks = ",".join("?" * len(chunk))
        known_hashes.update(row[0] for row in conn.execute(
            f"SELECT content_hash FROM articles WHERE content_hash IN ({marks}) AND complete = 1", chunk))
    return by_id, known_hashes


def _chunks(items: list, size: int) -> Iterable[list]:
    for start in range(0, len(items), size):
        yield items[start:start + size]


def mark_incomplete(conn: sqlite3.Connection, origins: Iterable[str]) -> int:
    """Flag stored articles (by origin) whose analysis was reported as failed after they were written."""
    return sum(conn.execute("UPDATE articles SET complete = 0 WHERE origin = ?", (origin,)).rowcount
               for origin in origins)


EVIDENCE_SLOTS = 1024  # full-text rows per event: rowid = event_id * EVIDENCE_SLOTS + n
_SHAPES_KEPT = 4096  # event shapes remembered between batches (a few MB at most: memory stays flat)
_KEYS_KEPT = 20_000  # actor and place ids remembered (the memo starts afresh once full)
_SENTENCES_PER_INSERT = 150  # 750 parameters per statement, below every SQLite's limit


class WriteCache:
    """What the writer remembers between its statements: actor and place rows, the shapes of
    recently merged events, and the full-text rows of the current transaction.

    Why: most of the write path's time went into asking SQLite again what it had just written,
    and into full-text rows inserted out of rowid order (FTS5 flushes its pending index at every
    step back, so one batch made hundreds of tiny segments); the rows are kept here and inserted
    sorted, once, before the transaction commits (:meth:`flush`).  Everything here mirrors the
    database inside the current transaction: after rolling back an article call
    :meth:`rollback_to`, after rolling back a transaction :meth:`forget`.
    """

    def __init__(self) -> None:
        self.actors: dict[str, tuple[int, str, str | None, str | None]] = {}  # key -> id, name, country, sector
        self.places: dict[str, int] = {}  # key -> id
        self.place_names: dict[int, str] = {}
        self.shapes: OrderedDict[int, EventShape] = OrderedDict()
        self.evidence: list[tuple[int, str]] = []  # (rowid, text) not yet in evidence_fts
        self.evidence_top: dict[int, int] = {}  # event id -> highest rowid in self.evidence

    def mark(self) -> int:
        """A point to come back to with :meth:`rollback_to` (before an article's savepoint)."""
        return len(self.evidence)

    def rollback_to(self, mark: int) -> None:
        """Forget what the rolled-back article wrote (its evidence rows; the memos are cleared)."""
        del self.evidence[mark:]
        self.actors.clear()
        self.places.clear()
        self.place_names.clear()
        self.shapes.clear()
        self._recount_evidence()

    def forget(self) -> None:
        """The transaction was rolled back: nothing remembered holds any more."""
        self.rollback_to(0)

    def flush(self, conn: sqlite3.Connection) -> None:
        """Insert the pending full-text rows in rowid order (call before committing)."""
        if self.evidence:
            self.evidence.sort()
            conn.executemany("INSERT INTO evidence_fts (rowid, text) VALUES (?, ?)", self.evidence)
            self.evidence.clear()
            self.evidence_top.clear()

    def evidence_rowid(self, conn: sqlite3.Connection, event_id: int) -> int | None:
        """The next free full-text rowid of the event, or ``None`` once its slots are used up."""
        base = event_id * EVIDENCE_SLOTS
        top = self.evidence_top.get(event_id)
        if top is None:
            top = conn.execute("SELECT max(rowid) FROM evidence_fts WHERE rowid BETWEEN ? AND ?",
                               (base, base + EVIDENCE_SLOTS - 1)).fetchone()[0]
        rowid = base if top is None else top + 1
        return rowid if rowid < base + EVIDENCE_SLOTS else None

    def add_evidence(self, rowid: int, text: str) -> None:
        self.evidence.append((rowid, text))
        self.evidence_top[rowid // EVIDENCE_SLOTS] = rowid

    def drop_evidence(self, rowids: set[int], event_ids: Iterable[int]) -> None:
        """Deleted mentions and events: their pending rows go, their memos too (ids are reused)."""
        if rowids and self.evidence:
            self.evidence = [row for row in self.evidence if row[0] not in rowids]
            self._recount_evidence()
        for event_id in event_ids:
            self.shapes.pop(event_id, None)

    def _recount_evidence(self) -> None:
        self.evidence_top = {}
        for rowid, _ in self.evidence:
            event_id = rowid // EVIDENCE_SLOTS
            self.evidence_top[event_id] = max(rowid, self.evidence_top.get(event_id, rowid))

    def remember_shape(self, event_id: int, shape: EventShape | None) -> None:
        if shape is None:
            self.shapes.pop(event_id, None)
            return
        self.shapes[event_id] = shape
        self.shapes.move_to_end(event_id)
        if len(self.shapes) > _SHAPES_KEPT:
            self.shapes.popitem(last=False)


def delete_article(conn: sqlite3.Connection, article_id: str, cache: WriteCache | None = None) -> set[int]:
    """Remove an article with its sentences and mentions; returns the events it touched."""
    rows = conn.execute("SELECT event_id, evidence_rowid FROM mentions WHERE article_id = ?", (article_id,)).fetchall()
    touched = {event_id for event_id, _ in rows if event_id is not None}
    conn.execute("DELETE FROM articles WHERE id = ?", (article_id,))
    if cache is not None and rows:
        cache.drop_evidence({rowid for _, rowid in rows if rowid is not None}, touched)
    return touched


def _actor_row(conn: sqlite3.Connection, actor: Actor, cache: WriteCache) -> tuple[int, str, str | None, str | None]:
    """``(id, name, country, sector)`` of the actor's row, inserted if new (the name is the one
    first stored under the key, which is what summaries show)."""
    key = merge.actor_key(actor)
    found = cache.actors.get(key.store_key)
    if found is not None:
        return found
    row = conn.execute("SELECT id, name, country, sector FROM actors WHERE key = ?", (key.store_key,)).fetchone()
    if row is None:
        name = actor.name or actor.text
        cursor = conn.execute("INSERT INTO actors (key, name, country, sector) VALUES (?, ?, ?, ?)",
                              (key.store_key, name, key.country, key.sector))
        row = (int(cursor.lastrowid), name, key.country, key.sector)
    if len(cache.actors) >= _KEYS_KEPT:
        cache.actors.clear()
    cache.actors[key.store_key] = found = tuple(row)  # type: ignore[assignment]
    return found  # type: ignore[return-value]


def place_id(conn: sqlite3.Connection, place: Place | None, cache: WriteCache) -> int | None:
    key = merge.place_key(place)
    if place is None or key is None:
        return None
    found = cache.places.get(key)
    if found is not None:
        return found
    row = conn.execute("SELECT id FROM places WHERE key = ?", (key,)).fetchone()
    if row:
        found = row[0]
    else:
        cursor = conn.execute(
            "INSERT INTO places (key, name, geonameid, lat, lon, country) VALUES (?, ?, ?, ?, ?, ?)",
            (key, place.name or place.text, place.geonameid, place.lat, place.lon, place.country))
        found = int(cursor.lastrowid)
        cache.place_names[found] = place.name or place.text
    if len(cache.places) >= _KEYS_KEPT:
        cache.places.clear()
        cache.place_names.clear()
    cache.places[key] = found
    return found


def _place_name(conn: sqlite3.Connection, place: int, cache: WriteCache) -> str | None:
    name = cache.place_names.get(place)
    if name is None:
        row = conn.execute("SELECT name FROM places WHERE id = ?", (place,)).fetchone()
        if row is None:
            return None
        name = cache.place_names[place] = row[0]
    return name


def insert_article(conn: sqlite3.Connection, analyzed: AnalyzedArticle, digest: str, complete: bool = True) -> None:
    article, dateline = analyzed.article, analyzed.dateline
    warnings = list(dict.fromkeys([*article.warnings, *analyzed.warnings]))
    conn.execute(
        """INSERT INTO articles (id, content_hash, origin, title, url, source, source_key, metadata_date,
               reference_date, reference_date_source, dateline_place, dateline_agency, dateline_date,
               language, skipped, warnings, num_events, complete, text)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
        (article.id, digest, article.origin, article.title, article.url, article.source, source_key(analyzed),
         _iso(article.metadata_date), _iso(analyzed.reference_date), analyzed.reference_date_source,
         dateline.place if dateline else None, dateline.agency if dateline else None,
         _iso(dateline.date) if dateline else None, analyzed.language, int(analyzed.skipped),
         json.dumps(warnings, ensure_ascii=False), len(analyzed.events), int(complete), article.text))
    rows = [(article.id, index, s.span[0], s.span[1], s.text) for index, s in enumerate(analyzed.sentences)]
    for start in range(0, len(rows), _SENTENCES_PER_INSERT):
        # Several rows per statement: the full-text trigger makes every statement open a savepoint,
        # at which FTS5 (SQLite 3.40) writes out its pending index; once per row cost four times
        # the indexing itself.
        chunk = rows[start:start + _SENTENCES_PER_INSERT]
        conn.execute('INSERT INTO sentences (article_id, idx, start, "end", text) VALUES '
                     + ", ".join(["(?, ?, ?, ?, ?)"] * len(chunk)), [value for row in chunk for value in row])


@dataclass(frozen=True)
class MentionRow:
    """The stored columns of a mention that merging reads, kept from when it was written,
    so that folding it into its event asks SQLite nothing."""

    trigger: str
    cameo: str
    plover_mode: str | None
    plover_type: str
    cameo_root: str
    place_id: int | None
    modality: str
    actors: tuple[tuple[str, int, str, str | None, str | None], ...]  # role, id, name, country, sector
    evidence: str  # the sentence for the full-text index


#: A mention's actors as stored: role, actor id, name, country, sector, position, the actor itself.
Resolved = tuple[tuple[str, int, str, str | None, str | None, int, Actor], ...]


def _next_mention_id(conn: sqlite3.Connection) -> int:
    """The id SQLite would give the next mention (one past the largest), known before inserting it
    so that a new event can name it as its representative in the row that creates it."""
    return int(conn.execute("SELECT COALESCE(max(id), 0) + 1 FROM mentions").fetchone()[0])


def _resolve(conn: sqlite3.Connection, mention: EventMention, cache: WriteCache) -> tuple[int | None, Resolved]:
    """The place id and the actor rows of a mention (inserted when new), place first."""
    place_row = place_id(conn, mention.location, cache)
    actors = tuple((role, *_actor_row(conn, actor, cache), position, actor)
                   for role, group in (("actor", mention.actors), ("recipient", mention.recipients))
                   for position, actor in enumerate(group))
    return place_row, actors  # type: ignore[return-value]


def _mention_row(analyzed: AnalyzedArticle, mention: EventMention, place_row: int | None,
                 actors: Resolved) -> MentionRow:
    sentences = analyzed.sentences
    # the text evidence_fts indexes: the mention's sentence, else (no such sentence) its trigger
    evidence = sentences[mention.sentence].text if 0 <= mention.sentence < len(sentences) else mention.trigger
    return MentionRow(mention.trigger, mention.cameo, mention.plover_mode, mention.plover_type, mention.cameo_root,
                      place_row, mention.modality, tuple(item[:5] for item in actors), evidence)


def _insert_mention(conn: sqlite3.Connection, analyzed: AnalyzedArticle, ordinal: int, mention: EventMention,
                    mention_id: int, place_row: int | None, actors: Resolved, event_id: int | None,
                    evidence_rowid: int | None) -> None:
    sentences = analyzed.sentences
    sentence_span = sentences[mention.sentence].span if 0 <= mention.sentence < len(sentences) else (None, None)
    place = mention.location
    attribution = mention.attribution
    time = mention.time
    conn.execute(
        """INSERT INTO mentions (id, article_id, ordinal, trigger, trigger_start, trigger_end, plover_type,
               plover_mode, cameo, cameo_root, place_id, place_text, place_start, place_end, time_value,
               time_precision, time_source, time_mod, timex_start, timex_end, modality, attribution_text,
               attribution_start, attribution_end, attribution_source, sentence, sentence_start, sentence_end,
               confidence, rule, event_id, evidence_rowid)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
        (mention_id, analyzed.article.id, ordinal, mention.trigger, mention.trigger_span[0], mention.trigger_span[1],
         mention.plover_type, mention.plover_mode, mention.cameo, mention.cameo_root, place_row,
         place.text if place else None, place.span[0] if place else None, place.span[1] if place else None,
         time.value, time.precision, time.source, time.mod,
         time.timex_span[0] if time.timex_span else None, time.timex_span[1] if time.timex_span else None,
         mention.modality, attribution.text if attribution else None,
         attribution.span[0] if attribution else None, attribution.span[1] if attribution else None,
         attribution.source if attribution else None, mention.sentence, sentence_span[0], sentence_span[1],
         float(mention.confidence), mention.rule, event_id, evidence_rowid))
    if actors:
        conn.executemany(
            'INSERT INTO mention_actors (mention_id, role, position, actor_id, text, start, "end") '
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            [(mention_id, role, position, ident, actor.text, actor.span[0], actor.span[1])
             for role, ident, _, _, _, position, actor in actors])


def write_article(conn: sqlite3.Connection, analyzed: AnalyzedArticle, digest: str | None = None, *,
                  complete: bool = True, cache: WriteCache | None = None) -> list[int]:
    """Insert (or replace) one analysed article and merge its mentions; returns its event ids.

    ``complete=False`` records that the pipeline reported a failure for it (a rerun retries it).
    Each mention is merged before it is inserted, so that its row is written once, with its event
    (and a new event once, with its first mention).  With a ``cache`` (one per writer, see
    :class:`WriteCache`), the full-text rows wait for ``cache.flush(conn)``; without, they are
    inserted before returning.
    """
    own = cache is None
    cache = cache or WriteCache()
    digest = digest or content_hash(analyzed.article)
    article = analyzed.article
    touched = delete_article(conn, article.id, cache)
    insert_article(conn, analyzed, digest, complete)
    refresh_events(conn, touched, cache)
    article_date = analyzed.reference_date or article.metadata_date
    key = source_key(analyzed)
    event_ids: list[int] = []
    reshaped: dict[int, None] = {}
    in_article: set[int] = set()
    mention_id = _next_mention_id(conn) if analyzed.events else 0
    for ordinal, mention in enumerate(analyzed.events):
        facts = merge.facts_of(mention, None, article.id, article_date, key)
        place_row, actors = _resolve(conn, mention, cache)
        row = _mention_row(analyzed, mention, place_row, actors)
        event_id = find_event(conn, facts, cache)
        created = event_id is None
        if event_id is None:
            event_id = _create_event(conn, facts, row, mention_id, cache)
            rowid: int | None = event_id * EVIDENCE_SLOTS  # a new event has no full-text row yet
            reshaped[event_id] = None
        else:
            rowid = cache.evidence_rowid(conn, event_id)
        _insert_mention(conn, analyzed, ordinal, mention, mention_id, place_row, actors, event_id, rowid)
        if rowid is not None:
            cache.add_evidence(rowid, row.evidence)
        if not created and add_to_event(conn, event_id, facts, row, mention_id=mention_id,
                                        same_article=event_id in in_article, cache=cache):
            reshaped[event_id] = None
        in_article.add(event_id)
        event_ids.append(event_id)
        mention_id += 1
    for event_id in reshaped:  # only new or re-dated events can gain plan links
        link_plans(conn, event_id, cache)
    if own:
        cache.flush(conn)
    return event_ids


def _create_event(conn: sqlite3.Connection, facts: MentionFacts, row: MentionRow, mention_id: int,
                  cache: WriteCache) -> int:
    """A new event made of one mention (about to be inserted as ``mention_id``), written in one row:
    the state :func:`add_to_event` would give it, without rewriting its indexed columns."""
    group = (facts.time_value, facts.time_precision, facts.time_mod)
    best, groups_text = _dated_groups(((group, 1),))
    interval = merge.date_interval(best.value)
    seen = facts.article_date.isoformat() if facts.article_date else None
    cursor = conn.execute(
        """INSERT INTO events (plover_type, plover_mode, cameo, cameo_root, modality_class, modality, place_id,
               date_value, date_precision, date_mod, date_start, date_end, precision_rank, num_mentions, num_sources,
               num_articles, first_seen, last_seen, confidence, summary, representative_id, time_groups)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, 1, 1, ?, ?, ?, ?, ?, ?)""",
        (row.plover_type, row.plover_mode, row.cameo, row.cameo_root, facts.modality_class, row.modality, row.place_id,
         best.value, best.precision if interval else "unknown", best.mod,
         interval[0].isoformat() if interval else None, interval[1].isoformat() if interval else None,
         merge.precision_rank(best.precision, best.value), seen, seen, facts.confidence,
         _summary_of(conn, row, row.place_id, cache), mention_id,
         groups_text))
    event_id = int(cursor.lastrowid)
    # a reused id (its event deleted) left nothing behind: the foreign keys cascade the deletion
    conn.execute("INSERT INTO event_sources (event_id, source_key) VALUES (?, ?)", (event_id, facts.source_key))
    participants: dict[tuple[str, int], ActorKey] = {}
    for (role, ident, *_), key in zip(row.actors, (*facts.actors, *facts.recipients)):
        participants.setdefault((role, ident), key)
    if participants:
        conn.executemany("INSERT INTO event_actors (event_id, role, actor_id) VALUES (?, ?, ?)",
                         [(event_id, role, ident) for role, ident in participants])
    ordered = sorted(participants.items(), key=lambda item: item[0][1])  # event_shape orders actors by id
    shape = EventShape(row.plover_type, row.cameo_root, facts.modality_class,
                       tuple(key for (role, _), key in ordered if role == "actor"),
                       tuple(key for (role, _), key in ordered if role == "recipient"),
                       facts.place if row.place_id is not None else None, best.value, best.mod)
    _register_blocks(conn, event_id, cache, shape=shape)
    return event_id


# -- incremental merging --------------------------------------------------------------------


def event_shape(conn: sqlite3.Connection, event_id: int, cache: WriteCache | None = None) -> EventShape | None:
    """The event as merging compares it (remembered in ``cache`` until the event changes)."""
    if cache is not None:
        shape = cache.shapes.get(event_id)
        if shape is not None:
            return shape
    row = conn.execute(
        "SELECT e.plover_type, e.cameo_root, e.modality_class, p.key, e.date_value, e.date_mod "
        "FROM events e LEFT JOIN places p ON p.id = e.place_id WHERE e.id = ?", (event_id,)).fetchone()
    if row is None:
        return None
    plover_type, cameo_root, modality_class, place, date_value, date_mod = row
    sides: dict[str, list[ActorKey]] = {"actor": [], "recipient": []}
    for role, key, country, sector in conn.execute(
            "SELECT e.role, a.key, a.country, a.sector FROM event_actors e JOIN actors a ON a.id = e.actor_id "
            "WHERE e.event_id = ? ORDER BY a.id", (event_id,)):
        sides[role].append(ActorKey(key.split("|", 1)[0], country, sector))
    shape = EventShape(plover_type, cameo_root, modality_class, tuple(sides["actor"]), tuple(sides["recipient"]),
                       place, date_value, date_mod)
    if cache is not None:
        cache.remember_shape(event_id, shape)
    return shape


def candidate_events(conn: sqlite3.Connection, facts: MentionFacts, modality_class: str | None = None) -> list[int]:
    """Events sharing a blocking key with the mention (the index lookup of incremental merging)."""
    keys = merge.block_keys(modality_class or facts.modality_class, facts.plover_type, facts.cameo_root,
                            facts.actors, facts.recipients, facts.time_value, lookup=True, date_mod=facts.time_mod)
    marks = ",".join("?" * len(keys))
    return [row[0] for row in conn.execute(
        f"SELECT DISTINCT event_id FROM event_blocks WHERE block IN ({marks}) ORDER BY event_id", keys)]


def find_event(conn: sqlite3.Connection, facts: MentionFacts, cache: WriteCache | None = None) -> int | None:
    """The first stored event the mention fits, or ``None``."""
    if not facts.mergeable:
        return None
    for event_id in candidate_events(conn, facts):
        shape = event_shape(conn, event_id, cache)
        if shape is not None and merge.fits(shape, facts):
            return event_id
    return None


@functools.lru_cache(maxsize=16384)  # a few thousand distinct times recur in every event's groups
def _time_key(value: str | None, precision: str, mod: str | None) -> str:
    return json.dumps([value, precision, mod])


@functools.lru_cache(maxsize=16384)
def _time_group(key: str) -> merge.TimeGroup:
    return tuple(json.loads(key))  # type: ignore[return-value]


def _time_groups(text: str) -> dict[merge.TimeGroup, int]:
    return dict(_parsed_groups(text))


@functools.lru_cache(maxsize=16384)  # events of one story share their dates: the same texts recur
def _parsed_groups(text: str) -> tuple[tuple[merge.TimeGroup, int], ...]:
    return tuple((_time_group(key), count) for key, count in json.loads(text or "{}").items())


@functools.lru_cache(maxsize=16384)
def _dated_groups(groups: tuple[tuple[merge.TimeGroup, int], ...]) -> tuple[merge.BestDate, str]:
    """The best date of an event's time groups and the groups as stored (``time_groups``); the
    groups stay in order, since ties among undated ones go to the first."""
    counts = dict(groups)
    return (merge.best_date_of_groups(counts),
            json.dumps({_time_key(*key): count for key, count in counts.items()}, sort_keys=True))


def add_to_event(conn: sqlite3.Connection, event_id: int, facts: MentionFacts, row: MentionRow, *,
                 mention_id: int, same_article: bool, cache: WriteCache) -> bool:
    """Fold one new mention into its event with a handful of index lookups.

    Why not recompute: an event reported ten thousand times would cost ten thousand rows per new
    report.  Counts, seen dates and time groups are updated in place; the summary and blocking keys
    only when the representative mention or the best date changes, and the indexed date columns
    only when the best date does.  ``row`` is the mention as written under ``mention_id``;
    ``same_article`` says whether another mention of its article is in the event.  Removing
    mentions (a replaced article) goes through :func:`refresh_event` instead.  Returns whether the
    event's shape (and so its blocking keys) changed.
    """
    (num_mentions, num_articles, num_sources, first_seen, last_seen, confidence, representative, groups_text,
     old_value, old_precision, old_mod, place_id, summary) = conn.execute(
        "SELECT num_mentions, num_articles, num_sources, first_seen, last_seen, confidence, representative_id, "
        "time_groups, date_value, date_precision, date_mod, place_id, summary FROM events WHERE id = ?",
        (event_id,)).fetchone()
    new_source = conn.execute("INSERT OR IGNORE INTO event_sources (event_id, source_key) VALUES (?, ?)",
                              (event_id, facts.source_key)).rowcount
    groups = _time_groups(groups_text)
    group = (facts.time_value, facts.time_precision, facts.time_mod)
    groups[group] = groups.get(group, 0) + 1
    best, groups_text = _dated_groups(tuple(groups.items()))
    seen = facts.article_date.isoformat() if facts.article_date else None
    first_seen = min(filter(None, (first_seen, seen)), default=None)
    last_seen = max(filter(None, (last_seen, seen)), default=None)
    becomes_representative = representative is None or facts.confidence > confidence
    mention_place = row.place_id
    place_changed = False
    if becomes_representative and mention_place is not None:
        place_changed, place_id = mention_place != place_id, mention_place
    elif place_id is None and mention_place is not None:
        place_changed, place_id = True, mention_place
    if row.actors:
        gained = conn.executemany("INSERT OR IGNORE INTO event_actors (event_id, role, actor_id) VALUES (?, ?, ?)",
                                  [(event_id, role, ident) for role, ident, *_ in row.actors]).rowcount
    else:
        gained = 0
    changes: dict[str, object] = {
        "num_mentions": num_mentions + 1, "num_sources": num_sources + new_source,
        "num_articles": num_articles + (not same_article), "first_seen": first_seen, "last_seen": last_seen,
        "time_groups": groups_text,
    }
    if becomes_representative:
        representative = mention_id
        changes.update(plover_type=row.plover_type, plover_mode=row.plover_mode, cameo=row.cameo,
                       cameo_root=row.cameo_root, modality=row.modality, representative_id=mention_id,
                       confidence=facts.confidence)
    if becomes_representative or place_changed:
        if representative == mention_id:
            summary = _summary_of(conn, row, place_id, cache)
        else:
            rep_trigger = conn.execute("SELECT trigger FROM mentions WHERE id = ?", (representative,)).fetchone()[0]
            summary = event_summary(conn, representative, rep_trigger, place_id)
        changes.update(place_id=place_id, summary=summary)
    interval = merge.date_interval(best.value)
    precision = best.precision if interval else "unknown"
    redated = (best.value, precision, best.mod) != (old_value, old_precision, old_mod)
    if num_mentions == 0 or redated:  # the date columns are indexed four times: written only when they change
        changes.update(date_value=best.value, date_precision=precision, date_mod=best.mod,
                       date_start=interval[0].isoformat() if interval else None,
                       date_end=interval[1].isoformat() if interval else None,
                       precision_rank=merge.precision_rank(best.precision, best.value))
    conn.execute(f"UPDATE events SET {', '.join(f'{column} = ?' for column in changes)} WHERE id = ?",
                 (*changes.values(), event_id))
    if num_mentions == 0 or becomes_representative or place_changed or (best.value, best.mod) != (old_value, old_mod):
        _register_blocks(conn, event_id, cache)
        return True
    if gained:
        cache.remember_shape(event_id, None)  # new participants: the shape is read again when needed
    return False


def _summary_of(conn: sqlite3.Connection, row: MentionRow, place: int | None, cache: WriteCache) -> str:
    """:func:`event_summary` of a mention just written, from what was written."""
    parts = [_labels([item for item in row.actors if item[0] == "actor"]), row.trigger,
             _labels([item for item in row.actors if item[0] == "recipient"])]
    if place is not None:
        name = _place_name(conn, place, cache)
        if name is not None:
            parts.append(f"at {name}")
    return " ".join(part for part in parts if part)


def _labels(actors: Iterable[Sequence[str | None]]) -> str:
    """``Mike Pompeo (USA GOV) and ...`` of ``(..., name, country, sector)`` rows (the last three
    fields), the same label for a mention just written and one read back from the store."""
    labels = []
    for *_, name, country, sector in actors:
        codes = " ".join(code for code in (country, sector) if code)
        labels.append(f"{name} ({codes})" if codes else name)
    return " and ".join(labels)  # type: ignore[arg-type]


def _participant_label(conn: sqlite3.Connection, mention_id: int, role: str) -> str:
    return _labels(conn.execute(
        "SELECT a.name, a.country, a.sector FROM mention_actors ma JOIN actors a ON a.id = ma.actor_id "
        "WHERE ma.mention_id = ? AND ma.role = ? ORDER BY ma.position", (mention_id, role)))


def event_summary(conn: sqlite3.Connection, representative_id: int, trigger: str, place_id: int | None) -> str:
    """``Mike Pompeo (USA GOV) met Ri Yong-ho (PRK GOV) at United Nations``, from one mention."""
    parts = [_participant_label(conn, representative_id, "actor"), trigger,
             _participant_label(conn, representative_id, "recipient")]
    if place_id is not None:
        row = conn.execute("SELECT name FROM places WHERE id = ?", (place_id,)).fetchone()
        if row:
            parts.append(f"at {row[0]}")
    return " ".join(part for part in parts if part)


def refresh_events(conn: sqlite3.Connection, event_ids: Iterable[int], cache: WriteCache | None = None) -> None:
    for event_id in sorted(set(event_ids)):
        refresh_event(conn, event_id, cache)


def refresh_event(conn: sqlite3.Connection, event_id: int, cache: WriteCache | None = None) -> None:
    """Recompute an event from all its mentions (after some were removed); an event left
    without mentions is deleted.  Gives the same result as adding them one by one."""
    stats = conn.execute(
        """SELECT count(*), count(DISTINCT m.article_id), count(DISTINCT a.source_key),
                  min(COALESCE(a.reference_date, a.metadata_date)), max(COALESCE(a.reference_date, a.metadata_date)),
                  max(m.confidence)
           FROM mentions m JOIN articles a ON a.id = m.article_id WHERE m.event_id = ?""", (event_id,)).fetchone()
    if not stats[0]:
        conn.execute("DELETE FROM events WHERE id = ?", (event_id,))
        if cache is not None:
            cache.remember_shape(event_id, None)
        return
    num_mentions, num_articles, num_sources, first_seen, last_seen, confidence = stats
    groups = {(value, precision, mod): count for value, precision, mod, count in conn.execute(
        "SELECT time_value, time_precision, time_mod, count(*) FROM mentions WHERE event_id = ? GROUP BY 1, 2, 3",
        (event_id,))}
    best = merge.best_date_of_groups(groups)
    rep_id, trigger, cameo, plover_mode, plover_type, cameo_root, modality, rep_place = conn.execute(
        "SELECT id, trigger, cameo, plover_mode, plover_type, cameo_root, modality, place_id FROM mentions "
        "WHERE event_id = ? ORDER BY confidence DESC, id LIMIT 1", (event_id,)).fetchone()
    place = rep_place
    if place is None:
        place_row = conn.execute("SELECT place_id FROM mentions WHERE event_id = ? AND place_id IS NOT NULL "
                                 "ORDER BY id LIMIT 1", (event_id,)).fetchone()
        place = place_row[0] if place_row else None
    interval = merge.date_interval(best.value)
    conn.execute(
        """UPDATE events SET plover_type = ?, plover_mode = ?, cameo = ?, cameo_root = ?, modality = ?, place_id = ?,
               date_value = ?, date_precision = ?, date_mod = ?, date_start = ?, date_end = ?, precision_rank = ?,
               num_mentions = ?, num_sources = ?, num_articles = ?, first_seen = ?, last_seen = ?, confidence = ?,
               summary = ?, representative_id = ?, time_groups = ?
           WHERE id = ?""",
        (plover_type, plover_mode, cameo, cameo_root, modality, place, best.value,
         best.precision if interval else "unknown", best.mod, interval[0].isoformat() if interval else None,
         interval[1].isoformat() if interval else None, merge.precision_rank(best.precision, best.value),
         num_mentions, num_sources, num_articles, first_seen, last_seen, confidence,
         event_summary(conn, rep_id, trigger, place), rep_id,
         json.dumps({_time_key(*key): count for key, count in groups.items()}, sort_keys=True), event_id))
    conn.execute("DELETE FROM event_sources WHERE event_id = ?", (event_id,))
    conn.execute("""INSERT OR IGNORE INTO event_sources (event_id, source_key)
                    SELECT DISTINCT ?, a.source_key FROM mentions m JOIN articles a ON a.id = m.article_id
                    WHERE m.event_id = ?""", (event_id, event_id))
    conn.execute("DELETE FROM event_actors WHERE event_id = ?", (event_id,))
    conn.execute(
        """INSERT OR IGNORE INTO event_actors (event_id, role, actor_id)
           SELECT DISTINCT ?, ma.role, ma.actor_id FROM mentions m JOIN mention_actors ma ON ma.mention_id = m.id
           WHERE m.event_id = ?""", (event_id, event_id))
    _register_blocks(conn, event_id, cache)


def _register_blocks(conn: sqlite3.Connection, event_id: int, cache: WriteCache | None = None, *,
                     shape: EventShape | None = None) -> None:
    """Index the event under its blocking keys (none for an event naming neither participant nor place);
    the event's shape (read afresh, or ``shape`` for a new event, which has no keys yet) is
    remembered in ``cache``."""
    if shape is None:
        conn.execute("DELETE FROM event_blocks WHERE event_id = ?", (event_id,))
        if cache is not None:
            cache.remember_shape(event_id, None)
        shape = event_shape(conn, event_id, cache)
    elif cache is not None:
        cache.remember_shape(event_id, shape)
    if shape is None or not (shape.actors or shape.recipients or shape.place):
        return
    if shape.plover_type in merge.solitary_types():
        return
    keys = merge.block_keys(shape.modality_class, shape.plover_type, shape.cameo_root, shape.actors,
                            shape.recipients, shape.date_value, date_mod=shape.date_mod)
    conn.executemany("INSERT OR IGNORE INTO event_blocks (block, event_id) VALUES (?, ?)",
                     [(key, event_id) for key in keys])


def _seen(conn: sqlite3.Connection, event_id: int) -> tuple[date | None, date | None]:
    row = conn.execute("SELECT first_seen, last_seen FROM events WHERE id = ?", (event_id,)).fetchone()
    if row is None:
        return None, None
    return (date.fromisoformat(row[0]) if row[0] else None, date.fromisoformat(row[1]) if row[1] else None)


def link_plans(conn: sqlite3.Connection, event_id: int, cache: WriteCache | None = None) -> None:
    """Link a planned event to the asserted events that realise it (and the reverse)."""
    shape = event_shape(conn, event_id, cache)
    if shape is None or shape.modality_class not in ("planned", "asserted"):
        return
    other_class = "asserted" if shape.modality_class == "planned" else "planned"
    probe = MentionFacts(ref=None, plover_type=shape.plover_type, cameo_root=shape.cameo_root, modality="asserted",
                         actors=shape.actors, recipients=shape.recipients, place=shape.place,
                         time_value=shape.date_value, time_precision="unknown", time_mod=shape.date_mod,
                         article_id="", article_date=None, source_key="")
    candidates = candidate_events(conn, probe, modality_class=other_class)
    first, last = _seen(conn, event_id) if candidates else (None, None)
    for other_id in candidates:
        other = event_shape(conn, other_id, cache)
        if other is None:
            continue
        other_first, other_last = _seen(conn, other_id)
        if shape.modality_class == "planned":
            planned_id, done_id = event_id, other_id
            ok = merge.realises(shape, first, other, other_last)
        else:
            planned_id, done_id = other_id, event_id
            ok = merge.realises(other, other_first, shape, last)
        if ok:
            conn.executemany("INSERT OR IGNORE INTO event_links (from_event, to_event, relation) VALUES (?, ?, ?)",
                             [(planned_id, done_id, "plans"), (done_id, planned_id, "realises")])
