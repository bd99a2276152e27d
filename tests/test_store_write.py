"""Writing analysed articles: every field and span kept, replacement, duplicates, incremental merge."""

from __future__ import annotations

from dataclasses import replace

import pytest

from dateline.store import ingest, open_store, write_article
from dateline.store.write import EVIDENCE_SLOTS
from tests import store_samples as samples


@pytest.fixture()
def store(tmp_path):
    with open_store(tmp_path / "events.db") as opened:
        yield opened


def write_all(store, items):
    for item in items:
        with store.atomic() as conn:
            write_article(conn, item)


def test_store_mentions_keep_every_field_and_span(store):
    item = samples.ians()
    write_all(store, [item])
    mention = item.events[1]
    row = store.conn.execute(
        "SELECT trigger, trigger_start, trigger_end, plover_type, plover_mode, cameo, cameo_root, place_text, "
        "place_start, place_end, time_value, time_precision, time_source, modality, sentence, sentence_start, "
        "sentence_end, confidence, rule FROM mentions WHERE article_id = ? AND ordinal = 1", (item.article.id,)
    ).fetchone()
    sentence = item.sentences[mention.sentence]
    assert row == (mention.trigger, *mention.trigger_span, "CONSULT", "visit", "040", "04",
                   mention.location.text, *mention.location.span, "2018-09-26", "day", "timex", "asserted",
                   mention.sentence, *sentence.span, 0.8, "test.meet")
    text = store.conn.execute("SELECT text FROM articles WHERE id = ?", (item.article.id,)).fetchone()[0]
    assert text[row[1]:row[2]] == "met"
    actors = store.conn.execute(
        "SELECT ma.role, ma.text, ma.start, ma.\"end\", a.name, a.country, a.sector FROM mention_actors ma "
        "JOIN actors a ON a.id = ma.actor_id JOIN mentions m ON m.id = ma.mention_id WHERE m.ordinal = 1 "
        "ORDER BY ma.role").fetchall()
    assert actors == [("actor", "Pompeo met", *mention.actors[0].span, "Mike Pompeo", "USA", "GOV"),
                      ("recipient", "Ri Yong-ho", *mention.recipients[0].span, "Ri Yong-ho", "PRK", "GOV")]


def test_store_merges_incrementally_across_articles(store):
    write_all(store, samples.corpus())
    events = store.conn.execute(
        "SELECT modality_class, date_value, num_mentions, num_sources, num_articles, first_seen, last_seen "
        "FROM events ORDER BY date_start").fetchall()
    assert events == [
        ("asserted", "2018-08", 1, 1, 1, "2018-08-02", "2018-08-02"),
        ("asserted", "2018-09-26", 3, 3, 3, "2018-09-27", "2018-09-30"),
        ("planned", "2018-10", 1, 1, 1, "2018-09-27", "2018-09-27"),
        ("asserted", "2018-10-07", 1, 1, 1, "2018-10-08", "2018-10-08"),
    ]
    links = store.conn.execute(
        "SELECT a.modality_class, l.relation, b.modality_class FROM event_links l JOIN events a ON a.id = l.from_event "
        "JOIN events b ON b.id = l.to_event ORDER BY l.relation").fetchall()
    assert links == [("planned", "plans", "asserted"), ("asserted", "realises", "planned")]


def test_store_merge_does_not_depend_on_arrival_order(store, tmp_path):
    write_all(store, list(reversed(samples.corpus())))
    counts = store.conn.execute("SELECT date_value, num_mentions FROM events ORDER BY date_start").fetchall()
    assert counts == [("2018-08", 1), ("2018-09-26", 3), ("2018-10", 1), ("2018-10-07", 1)]


def test_store_changed_article_replaces_its_old_mentions(store):
    write_all(store, samples.corpus())
    changed = samples.afp()
    changed = replace(changed, article=replace(changed.article, text=changed.article.text + " Updated."),
                      events=(replace(changed.events[0], time=replace(changed.events[0].time, value="2018-08")),))
    write_all(store, [changed])
    assert store.conn.execute("SELECT count(*) FROM mentions WHERE article_id = 'afp-0930'").fetchone()[0] == 1
    rows = store.conn.execute("SELECT date_value, num_mentions, num_articles FROM events WHERE modality_class = "
                              "'asserted' ORDER BY date_start").fetchall()
    assert rows == [("2018-08", 2, 2), ("2018-09-26", 2, 2), ("2018-10-07", 1, 1)]


def test_store_event_without_mentions_left_is_deleted(store):
    write_all(store, [samples.kyodo_august()])
    emptied = samples.kyodo_august()
    emptied = replace(emptied, article=replace(emptied.article, text=emptied.article.text + " x"), events=())
    write_all(store, [emptied])
    assert store.conn.execute("SELECT count(*) FROM events").fetchone()[0] == 0
    assert store.conn.execute("SELECT count(*) FROM event_blocks").fetchone()[0] == 0


def test_store_ingest_skips_stored_and_same_text_under_another_name(store):
    analysed_ids = []

    def analyze(articles):
        for article in articles:
            analysed_ids.append(article.id)
            yield from samples.analyze_synthetic([article])

    articles = samples.synthetic_articles(7)
    twin = replace(articles[0], id="syn-efe-twin", origin="elsewhere/twin.txt")
    counts = ingest(store, [*articles, twin], analyze, batch_size=3)
    assert (counts.read, counts.stored, counts.duplicates, counts.failed) == (8, 7, 1, 0)
    analysed_ids.clear()
    again = ingest(store, [*articles, twin], analyze, batch_size=3)
    assert analysed_ids == []  # skipped before any analysis
    assert (again.stored, again.skipped, again.duplicates) == (0, 7, 1)
    assert store.conn.execute("SELECT count(*) FROM articles").fetchone()[0] == 7


def test_store_article_reported_failed_is_retried_on_rerun(store):
    from dateline.types import Problem

    articles = samples.synthetic_articles(3)

    def failing(items):
        for result in samples.analyze_synthetic(items):
            yield result
            if result.article.id == articles[1].id:
                yield Problem(result.article.origin, "event extraction failed")

    first = ingest(store, articles, failing, batch_size=2)
    assert (first.stored, first.failed) == (3, 1)
    second = ingest(store, articles, samples.analyze_synthetic, batch_size=2)
    assert (second.stored, second.replaced, second.skipped, second.failed) == (1, 1, 2, 0)


def test_store_full_text_index_finds_sentences(store):
    write_all(store, samples.corpus())
    hits = store.conn.execute(
        "SELECT s.article_id FROM sentences_fts f JOIN sentences s ON s.rowid = f.rowid "
        "WHERE sentences_fts MATCH ? ORDER BY s.article_id", ("denuclearization",)).fetchall()
    assert hits == [("efe-0928",)]
    write_all(store, [replace(samples.efe(), article=replace(samples.efe().article, text=samples.EFE + " "))])
    hits = store.conn.execute("SELECT count(*) FROM sentences_fts WHERE sentences_fts MATCH 'denuclearization'")
    assert hits.fetchone()[0] == 1  # the replaced article's old sentences left the index


def test_store_incremental_merge_equals_recomputing_each_event(store):
    from dateline.store import refresh_event

    write_all(store, samples.corpus() + [samples.renamed(samples.efe(), "efe-copy")])
    columns = ("plover_type, cameo, cameo_root, modality, place_id, date_value, date_precision, date_mod, date_start, "
               "precision_rank, num_mentions, num_sources, num_articles, first_seen, last_seen, confidence, summary, "
               "representative_id, time_groups")
    incremental = store.conn.execute(f"SELECT id, {columns} FROM events ORDER BY id").fetchall()
    sources = store.conn.execute("SELECT * FROM event_sources ORDER BY 1, 2").fetchall()
    blocks = store.conn.execute("SELECT * FROM event_blocks ORDER BY 1, 2").fetchall()
    with store.atomic() as conn:
        for (event_id,) in conn.execute("SELECT id FROM events").fetchall():
            refresh_event(conn, event_id)
    assert store.conn.execute(f"SELECT id, {columns} FROM events ORDER BY id").fetchall() == incremental
    assert store.conn.execute("SELECT * FROM event_sources ORDER BY 1, 2").fetchall() == sources
    assert store.conn.execute("SELECT * FROM event_blocks ORDER BY 1, 2").fetchall() == blocks


def test_store_meeting_reported_from_the_other_side_joins_the_same_event(store):
    write_all(store, [samples.ians()])
    efe = samples.efe()
    mention = efe.events[0]
    swapped = replace(mention, actors=mention.recipients, recipients=mention.actors)
    write_all(store, [replace(efe, events=(swapped,))])
    rows = store.conn.execute("SELECT date_value, num_mentions FROM events WHERE modality_class = 'asserted'").fetchall()
    assert rows == [("2018-09-26", 2)]


# -- the batched write path (one WriteCache per ingest, full-text rows inserted at commit) --------

MERGED_TABLES = {
    "events": "SELECT * FROM events ORDER BY id",
    "mentions": "SELECT id, article_id, ordinal, event_id, evidence_rowid, place_id FROM mentions ORDER BY id",
    "event_actors": "SELECT * FROM event_actors ORDER BY 1, 2, 3",
    "event_blocks": "SELECT * FROM event_blocks ORDER BY 1, 2",
    "event_sources": "SELECT * FROM event_sources ORDER BY 1, 2",
    "event_links": "SELECT * FROM event_links ORDER BY 1, 2, 3",
    "evidence": "SELECT rowid, text FROM evidence_fts ORDER BY rowid",
    "actors": "SELECT * FROM actors ORDER BY id",
}


def merged_state(conn):
    return {name: conn.execute(sql).fetchall() for name, sql in MERGED_TABLES.items()}


def changed_copies(articles, every: int):
    """Every ``every``-th article again with a new last line: the same id, another text."""
    return [replace(article, text=article.text + " Revised.") for article in articles[::every]]


def test_store_batched_ingest_equals_writing_each_article_alone(store, tmp_path):
    """The ingest loop remembers actors, event shapes and full-text rows between statements and
    batches; the store it leaves must be the one writing each article alone, uncached, leaves."""
    articles = samples.synthetic_articles(23)
    revised = changed_copies(articles, 4)
    ingest(store, articles, samples.analyze_synthetic, batch_size=4)
    ingest(store, revised, samples.analyze_synthetic, batch_size=3)
    with open_store(tmp_path / "alone.db") as alone:
        write_all(alone, [*samples.analyze_synthetic(articles), *samples.analyze_synthetic(revised)])
        expected = merged_state(alone.conn)
    assert expected["event_links"] and expected["evidence"]  # the corpus exercises plan links and evidence
    assert merged_state(store.conn) == expected


def test_store_evidence_rows_are_the_sentences_of_their_event_mentions(store):
    articles = samples.synthetic_articles(12)
    ingest(store, articles, samples.analyze_synthetic, batch_size=5)
    ingest(store, changed_copies(articles, 3), samples.analyze_synthetic, batch_size=5)
    rows = store.conn.execute(
        "SELECT m.event_id, m.evidence_rowid, f.text, s.text FROM mentions m "
        "JOIN sentences s ON s.article_id = m.article_id AND s.idx = m.sentence "
        "LEFT JOIN evidence_fts f ON f.rowid = m.evidence_rowid").fetchall()
    assert rows and all(text == sentence for _, _, text, sentence in rows)
    assert all(rowid // EVIDENCE_SLOTS == event_id for event_id, rowid, _, _ in rows)
    assert len({rowid for _, rowid, _, _ in rows}) == len(rows)  # one row per mention, none shared
    assert store.conn.execute("SELECT count(*) FROM evidence_fts").fetchone()[0] == len(rows)  # none left over


def test_store_article_failing_mid_batch_leaves_nothing_behind(store, tmp_path):
    """An article whose second mention cannot be stored is rolled back alone, after its first
    mention already made an event and a full-text row: the batch's other articles are stored as if
    it had never been there (the next new event takes the freed id)."""
    from tests.store_samples import check_store_invariants

    articles = samples.synthetic_articles(6)
    broken_id = articles[2].id

    def analyze(items):
        for result in samples.analyze_synthetic(items):
            if result.article.id == broken_id:
                mention = result.events[-1]
                actor = replace(mention.actors[0], span=None)  # no span: its row cannot be written
                result = replace(result, events=(*result.events[:-1], replace(mention, actors=(actor,))))
            yield result

    counts = ingest(store, articles, analyze, batch_size=6)
    assert (counts.stored, counts.failed) == (5, 1)
    assert "could not be stored" in counts.problems[0].message
    kept = [article for article in articles if article.id != broken_id]
    with open_store(tmp_path / "alone.db") as alone:
        write_all(alone, list(samples.analyze_synthetic(kept)))
        expected = merged_state(alone.conn)
    assert merged_state(store.conn) == expected
    assert check_store_invariants(store.path)["articles"] == 5


def test_store_event_that_gained_a_name_is_compared_with_it(store):
    """EFE names Ri Yong-ho, AFP (the same meeting) only "Ri": the event now knows both names, so a
    third report naming "Ri Son-gwon", who agrees with "Ri", joins it, as in-memory clustering
    decides; a writer remembering the event as it was after EFE would start a new one."""
    from dateline import merge
    from dateline.store.write import WriteCache, source_key

    def renamed_recipient(item, article_id, name):
        mention = item.events[0]
        recipient = replace(mention.recipients[0], name=name)
        return replace(item, article=replace(item.article, id=article_id, text=item.article.text + f" ({name})"),
                       events=(replace(mention, recipients=(recipient,)),))

    items = [samples.efe(), renamed_recipient(samples.afp(), "afp-ri", "Ri"),
             renamed_recipient(samples.efe(), "efe-son", "Ri Son-gwon")]
    cache = WriteCache()
    with store.atomic() as conn:
        grouped = [write_article(conn, item, cache=cache) for item in items]
        cache.flush(conn)
    facts = [merge.facts_of(item.events[0], item.article.id, item.article.id, item.reference_date, source_key(item))
             for item in items]
    expected = [[f.ref for f in event.mentions] for event in merge.cluster(facts)]
    stored = {}
    for item, (event_id,) in zip(items, grouped):
        stored.setdefault(event_id, []).append(item.article.id)
    assert list(stored.values()) == expected == [["efe-0928", "afp-ri", "efe-son"]]
