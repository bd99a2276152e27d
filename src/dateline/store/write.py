"""Writing analysed articles into the store and merging their mentions into events.

All functions here run inside a transaction the caller opened (``Store.atomic()``): an article is
written with all its sentences and mentions, and merged, or not at all.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import urllib.parse
from collections.abc import Iterable, Sequence
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


def delete_article(conn: sqlite3.Connection, article_id: str) -> set[int]:
    """Remove an article with its sentences and mentions; returns the events it touched."""
    touched = {row[0] for row in conn.execute(
        "SELECT DISTINCT event_id FROM mentions WHERE article_id = ? AND event_id IS NOT NULL", (article_id,))}
    conn.execute("DELETE FROM articles WHERE id = ?", (article_id,))
    return touched


def actor_id(conn: sqlite3.Connection, actor: Actor) -> int:
    key = merge.actor_key(actor)
    row = conn.execute("SELECT id FROM actors WHERE key = ?", (key.store_key,)).fetchone()
    if row:
        return row[0]
    cursor = conn.execute("INSERT INTO actors (key, name, country, sector) VALUES (?, ?, ?, ?)",
                          (key.store_key, actor.name or actor.text, key.country, key.sector))
    return int(cursor.lastrowid)


def place_id(conn: sqlite3.Connection, place: Place | None) -> int | None:
    key = merge.place_key(place)
    if place is None or key is None:
        return None
    row = conn.execute("SELECT id FROM places WHERE key = ?", (key,)).fetchone()
    if row:
        return row[0]
    cursor = conn.execute(
        "INSERT INTO places (key, name, geonameid, lat, lon, country) VALUES (?, ?, ?, ?, ?, ?)",
        (key, place.name or place.text, place.geonameid, place.lat, place.lon, place.country))
    return int(cursor.lastrowid)


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
    conn.executemany(
        'INSERT INTO sentences (article_id, idx, start, "end", text) VALUES (?, ?, ?, ?, ?)',
        [(article.id, index, s.span[0], s.span[1], s.text) for index, s in enumerate(analyzed.sentences)])


def insert_mention(conn: sqlite3.Connection, analyzed: AnalyzedArticle, ordinal: int, mention: EventMention) -> int:
    sentences = analyzed.sentences
    sentence_span = sentences[mention.sentence].span if 0 <= mention.sentence < len(sentences) else (None, None)
    place = mention.location
    attribution = mention.attribution
    time = mention.time
    cursor = conn.execute(
        """INSERT INTO mentions (article_id, ordinal, trigger, trigger_start, trigger_end, plover_type, plover_mode,
               cameo, cameo_root, place_id, place_text, place_start, place_end, time_value, time_precision,
               time_source, time_mod, timex_start, timex_end, modality, attribution_text, attribution_start,
               attribution_end, attribution_source, sentence, sentence_start, sentence_end, confidence, rule)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
        (analyzed.article.id, ordinal, mention.trigger, mention.trigger_span[0], mention.trigger_span[1],
         mention.plover_type, mention.plover_mode, mention.cameo, mention.cameo_root, place_id(conn, place),
         place.text if place else None, place.span[0] if place else None, place.span[1] if place else None,
         time.value, time.precision, time.source, time.mod,
         time.timex_span[0] if time.timex_span else None, time.timex_span[1] if time.timex_span else None,
         mention.modality, attribution.text if attribution else None,
         attribution.span[0] if attribution else None, attribution.span[1] if attribution else None,
         attribution.source if attribution else None, mention.sentence, sentence_span[0], sentence_span[1],
         float(mention.confidence), mention.rule))
    mention_id = int(cursor.lastrowid)
    rows = [(mention_id, role, position, actor_id(conn, actor), actor.text, actor.span[0], actor.span[1])
            for role, actors in (("actor", mention.actors), ("recipient", mention.recipients))
            for position, actor in enumerate(actors)]
    conn.executemany(
        'INSERT INTO mention_actors (mention_id, role, position, actor_id, text, start, "end") '
        "VALUES (?, ?, ?, ?, ?, ?, ?)", rows)
    return mention_id


def write_article(conn: sqlite3.Connection, analyzed: AnalyzedArticle, digest: str | None = None, *,
                  complete: bool = True) -> list[int]:
    """Insert (or replace) one analysed article and merge its mentions; returns its event ids.

    ``complete=False`` records that the pipeline reported a failure for it (a rerun retries it).
    """
    digest = digest or content_hash(analyzed.article)
    touched = delete_article(conn, analyzed.article.id)
    insert_article(conn, analyzed, digest, complete)
    article_date = analyzed.reference_date or analyzed.article.metadata_date
    key = source_key(analyzed)
    facts = [
        merge.facts_of(mention, insert_mention(conn, analyzed, ordinal, mention), analyzed.article.id,
                       article_date, key)
        for ordinal, mention in enumerate(analyzed.events)
    ]
    refresh_events(conn, touched)
    return merge_mentions(conn, facts)


# -- incremental merging --------------------------------------------------------------------


def _actor_keys(conn: sqlite3.Connection, event_id: int, role: str) -> tuple[ActorKey, ...]:
    rows = conn.execute(
        "SELECT a.key, a.country, a.sector FROM event_actors e JOIN actors a ON a.id = e.actor_id "
        "WHERE e.event_id = ? AND e.role = ? ORDER BY a.id", (event_id, role))
    return tuple(ActorKey(key.split("|", 1)[0], country, sector) for key, country, sector in rows)


def event_shape(conn: sqlite3.Connection, event_id: int) -> EventShape | None:
    row = conn.execute(
        "SELECT e.plover_type, e.cameo_root, e.modality_class, p.key, e.date_value, e.date_mod "
        "FROM events e LEFT JOIN places p ON p.id = e.place_id WHERE e.id = ?", (event_id,)).fetchone()
    if row is None:
        return None
    plover_type, cameo_root, modality_class, place, date_value, date_mod = row
    return EventShape(plover_type, cameo_root, modality_class, _actor_keys(conn, event_id, "actor"),
                      _actor_keys(conn, event_id, "recipient"), place, date_value, date_mod)


def candidate_events(conn: sqlite3.Connection, facts: MentionFacts, modality_class: str | None = None) -> list[int]:
    """Events sharing a blocking key with the mention (the index lookup of incremental merging)."""
    keys = merge.block_keys(modality_class or facts.modality_class, facts.plover_type, facts.cameo_root,
                            facts.actors, facts.recipients, facts.time_value, lookup=True, date_mod=facts.time_mod)
    marks = ",".join("?" * len(keys))
    return [row[0] for row in conn.execute(
        f"SELECT DISTINCT event_id FROM event_blocks WHERE block IN ({marks}) ORDER BY event_id", keys)]


def find_event(conn: sqlite3.Connection, facts: MentionFacts) -> int | None:
    """The first stored event the mention fits, or ``None``."""
    if not facts.mergeable:
        return None
    for event_id in candidate_events(conn, facts):
        shape = event_shape(conn, event_id)
        if shape is not None and merge.fits(shape, facts):
            return event_id
    return None


def merge_mentions(conn: sqlite3.Connection, facts: Sequence[MentionFacts]) -> list[int]:
    """Attach each mention (``ref`` is its row id) to a fitting event or a new one."""
    event_ids, reshaped = [], []
    for mention in facts:
        event_id = find_event(conn, mention)
        if event_id is None:
            event_id = _new_event(conn, mention)
        conn.execute("UPDATE mentions SET event_id = ? WHERE id = ?", (event_id, mention.ref))
        index_evidence(conn, event_id, mention.ref)
        if add_to_event(conn, event_id, mention):
            reshaped.append(event_id)
        event_ids.append(event_id)
    for event_id in dict.fromkeys(reshaped):  # only new or re-dated events can gain plan links
        link_plans(conn, event_id)
    return event_ids


EVIDENCE_SLOTS = 1024  # full-text rows per event: rowid = event_id * EVIDENCE_SLOTS + n


def index_evidence(conn: sqlite3.Connection, event_id: int, mention_id: int) -> None:
    """Put the mention's sentence in the full-text index under a rowid that encodes its event."""
    base = event_id * EVIDENCE_SLOTS
    used = conn.execute("SELECT max(rowid) FROM evidence_fts WHERE rowid BETWEEN ? AND ?",
                        (base, base + EVIDENCE_SLOTS - 1)).fetchone()[0]
    rowid = base if used is None else used + 1
    if rowid >= base + EVIDENCE_SLOTS:
        return
    conn.execute(
        """INSERT INTO evidence_fts (rowid, text)
           SELECT ?, COALESCE(s.text, substr(a.text, m.sentence_start + 1, m.sentence_end - m.sentence_start), m.trigger)
           FROM mentions m JOIN articles a ON a.id = m.article_id
           LEFT JOIN sentences s ON s.article_id = m.article_id AND s.idx = m.sentence WHERE m.id = ?""",
        (rowid, mention_id))
    conn.execute("UPDATE mentions SET evidence_rowid = ? WHERE id = ?", (rowid, mention_id))


def _new_event(conn: sqlite3.Connection, facts: MentionFacts) -> int:
    cursor = conn.execute(
        "INSERT INTO events (plover_type, cameo, cameo_root, modality_class, modality, date_precision, "
        "precision_rank, num_mentions, num_sources, num_articles, confidence, summary) "
        "VALUES (?, '', ?, ?, ?, 'unknown', ?, 0, 0, 0, 0, '')",
        (facts.plover_type, facts.cameo_root, facts.modality_class, facts.modality, merge.UNDATED_RANK))
    return int(cursor.lastrowid)


def _time_key(value: str | None, precision: str, mod: str | None) -> str:
    return json.dumps([value, precision, mod])


def _time_groups(text: str) -> dict[merge.TimeGroup, int]:
    return {tuple(json.loads(key)): count for key, count in json.loads(text or "{}").items()}  # type: ignore[misc]


def add_to_event(conn: sqlite3.Connection, event_id: int, facts: MentionFacts) -> bool:
    """Fold one new mention into its event with a handful of index lookups.

    Why not recompute: an event reported ten thousand times would cost ten thousand rows per new
    report.  Counts, seen dates and time groups are updated in place; the summary and blocking keys
    only when the representative mention or the best date changes.  Removing mentions (a replaced
    article) goes through :func:`refresh_event` instead.  Returns whether the event's shape (and
    so its blocking keys) changed.
    """
    (num_mentions, num_articles, num_sources, first_seen, last_seen, confidence, representative, groups_text,
     old_value, old_mod, place_id, summary) = conn.execute(
        "SELECT num_mentions, num_articles, num_sources, first_seen, last_seen, confidence, representative_id, "
        "time_groups, date_value, date_mod, place_id, summary FROM events WHERE id = ?", (event_id,)).fetchone()
    trigger, cameo, plover_mode, plover_type, cameo_root, mention_place, modality = conn.execute(
        "SELECT trigger, cameo, plover_mode, plover_type, cameo_root, place_id, modality FROM mentions WHERE id = ?",
        (facts.ref,)).fetchone()
    other_in_article = conn.execute(
        "SELECT 1 FROM mentions WHERE event_id = ? AND article_id = ? AND id != ? LIMIT 1",
        (event_id, facts.article_id, facts.ref)).fetchone()
    new_source = conn.execute("INSERT OR IGNORE INTO event_sources (event_id, source_key) VALUES (?, ?)",
                              (event_id, facts.source_key)).rowcount
    groups = _time_groups(groups_text)
    group = (facts.time_value, facts.time_precision, facts.time_mod)
    groups[group] = groups.get(group, 0) + 1
    best = merge.best_date_of_groups(groups)
    seen = facts.article_date.isoformat() if facts.article_date else None
    first_seen = min(filter(None, (first_seen, seen)), default=None)
    last_seen = max(filter(None, (last_seen, seen)), default=None)
    becomes_representative = representative is None or facts.confidence > confidence
    place_changed = False
    if becomes_representative and mention_place is not None:
        place_changed, place_id = mention_place != place_id, mention_place
    elif place_id is None and mention_place is not None:
        place_changed, place_id = True, mention_place
    conn.execute(
        """INSERT OR IGNORE INTO event_actors (event_id, role, actor_id)
           SELECT ?, role, actor_id FROM mention_actors WHERE mention_id = ?""", (event_id, facts.ref))
    if becomes_representative:
        representative = facts.ref
        conn.execute("UPDATE events SET plover_type = ?, plover_mode = ?, cameo = ?, cameo_root = ?, modality = ?, "
                     "representative_id = ?, confidence = ? WHERE id = ?",
                     (plover_type, plover_mode, cameo, cameo_root, modality, facts.ref, facts.confidence, event_id))
    if becomes_representative or place_changed:
        rep_trigger = trigger if representative == facts.ref else conn.execute(
            "SELECT trigger FROM mentions WHERE id = ?", (representative,)).fetchone()[0]
        summary = event_summary(conn, representative, rep_trigger, place_id)
    interval = merge.date_interval(best.value)
    conn.execute(
        """UPDATE events SET place_id = ?, date_value = ?, date_precision = ?, date_mod = ?, date_start = ?,
               date_end = ?, precision_rank = ?, num_mentions = ?, num_sources = ?, num_articles = ?, first_seen = ?,
               last_seen = ?, summary = ?, time_groups = ?
           WHERE id = ?""",
        (place_id, best.value, best.precision if interval else "unknown", best.mod,
         interval[0].isoformat() if interval else None, interval[1].isoformat() if interval else None,
         merge.precision_rank(best.precision, best.value), num_mentions + 1, num_sources + new_source,
         num_articles + (other_in_article is None), first_seen, last_seen, summary,
         json.dumps({_time_key(*key): count for key, count in groups.items()}, sort_keys=True), event_id))
    if num_mentions == 0 or becomes_representative or place_changed or (best.value, best.mod) != (old_value, old_mod):
        _register_blocks(conn, event_id)
        return True
    return False


def _participant_label(conn: sqlite3.Connection, mention_id: int, role: str) -> str:
    rows = conn.execute(
        "SELECT a.name, a.country, a.sector FROM mention_actors ma JOIN actors a ON a.id = ma.actor_id "
        "WHERE ma.mention_id = ? AND ma.role = ? ORDER BY ma.position", (mention_id, role)).fetchall()
    labels = []
    for name, country, sector in rows:
        codes = " ".join(code for code in (country, sector) if code)
        labels.append(f"{name} ({codes})" if codes else name)
    return " and ".join(labels)


def event_summary(conn: sqlite3.Connection, representative_id: int, trigger: str, place_id: int | None) -> str:
    """``Mike Pompeo (USA GOV) met Ri Yong-ho (PRK GOV) at United Nations``, from one mention."""
    parts = [_participant_label(conn, representative_id, "actor"), trigger,
             _participant_label(conn, representative_id, "recipient")]
    if place_id is not None:
        row = conn.execute("SELECT name FROM places WHERE id = ?", (place_id,)).fetchone()
        if row:
            parts.append(f"at {row[0]}")
    return " ".join(part for part in parts if part)


def refresh_events(conn: sqlite3.Connection, event_ids: Iterable[int]) -> None:
    for event_id in sorted(set(event_ids)):
        refresh_event(conn, event_id)


def refresh_event(conn: sqlite3.Connection, event_id: int) -> None:
    """Recompute an event from all its mentions (after some were removed); an event left
    without mentions is deleted.  Gives the same result as adding them one by one."""
    stats = conn.execute(
        """SELECT count(*), count(DISTINCT m.article_id), count(DISTINCT a.source_key),
                  min(COALESCE(a.reference_date, a.metadata_date)), max(COALESCE(a.reference_date, a.metadata_date)),
                  max(m.confidence)
           FROM mentions m JOIN articles a ON a.id = m.article_id WHERE m.event_id = ?""", (event_id,)).fetchone()
    if not stats[0]:
        conn.execute("DELETE FROM events WHERE id = ?", (event_id,))
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
    _register_blocks(conn, event_id)


def _register_blocks(conn: sqlite3.Connection, event_id: int) -> None:
    """Index the event under its blocking keys (none for an event naming neither participant nor place)."""
    conn.execute("DELETE FROM event_blocks WHERE event_id = ?", (event_id,))
    shape = event_shape(conn, event_id)
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


def link_plans(conn: sqlite3.Connection, event_id: int) -> None:
    """Link a planned event to the asserted events that realise it (and the reverse)."""
    shape = event_shape(conn, event_id)
    if shape is None or shape.modality_class not in ("planned", "asserted"):
        return
    other_class = "asserted" if shape.modality_class == "planned" else "planned"
    probe = MentionFacts(ref=None, plover_type=shape.plover_type, cameo_root=shape.cameo_root, modality="asserted",
                         actors=shape.actors, recipients=shape.recipients, place=shape.place,
                         time_value=shape.date_value, time_precision="unknown", time_mod=shape.date_mod,
                         article_id="", article_date=None, source_key="")
    first, last = _seen(conn, event_id)
    for other_id in candidate_events(conn, probe, modality_class=other_class):
        other = event_shape(conn, other_id)
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
