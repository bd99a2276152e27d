"""The store file: schema marker, WAL, foreign keys, named migrations recorded in the database."""

from __future__ import annotations

import sqlite3

import pytest

from dateline.store import (
    APPLICATION_ID,
    applied_migrations,
    migrations,
    open_readonly,
    open_store,
    quote_identifier,
)
from dateline.store.db import split_statements


def test_store_new_file_gets_marker_wal_foreign_keys_and_migrations(tmp_path):
    path = tmp_path / "events.db"
    with open_store(path) as store:
        conn = store.conn
        assert conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert applied_migrations(conn) == [m.name for m in migrations()]
        assert conn.execute("PRAGMA user_version").fetchone()[0] == len(migrations())
        tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master")}
    assert {"articles", "sentences", "sentences_fts", "mentions", "mention_actors", "events", "actors",
            "places", "event_links", "event_blocks", "event_actors"} <= tables


def test_store_reopening_applies_nothing_twice(tmp_path):
    path = tmp_path / "events.db"
    open_store(path).close()
    with open_store(path) as store:
        rows = store.conn.execute('SELECT name FROM "dateline_migrations"').fetchall()
    assert len(rows) == len(migrations())


def test_store_unknown_newer_migration_is_refused(tmp_path):
    path = tmp_path / "events.db"
    with open_store(path) as store:
        store.conn.execute("INSERT INTO dateline_migrations (name) VALUES ('9999_from_the_future')")
    with pytest.raises(Exception, match="newer dateline"):
        open_store(path)


def test_store_migration_names_are_ordered_and_well_formed():
    names = [m.name for m in migrations()]
    assert names == sorted(names) and names[0].startswith("0001_")
    for migration in migrations():
        assert all(sqlite3.complete_statement(s + ";") or sqlite3.complete_statement(s)
                   for s in split_statements(migration.sql))


def test_store_quote_identifier_survives_quotes(tmp_path):
    conn = sqlite3.connect(":memory:")
    name = 'we"ird table'
    conn.execute(f"CREATE TABLE {quote_identifier(name)} (x)")
    conn.execute(f"INSERT INTO {quote_identifier(name)} VALUES (?)", (1,))
    assert conn.execute(f"SELECT x FROM {quote_identifier(name)}").fetchone() == (1,)


def test_store_readonly_connection_cannot_write(tmp_path):
    path = tmp_path / "events.db"
    open_store(path).close()
    conn = open_readonly(path)
    with pytest.raises(sqlite3.OperationalError, match="readonly"):
        conn.execute("INSERT INTO actors (key, name) VALUES ('k', 'n')")
    conn.close()


def test_store_atomic_rolls_back_on_error(tmp_path):
    with open_store(tmp_path / "events.db") as store:
        with pytest.raises(RuntimeError):
            with store.atomic() as conn:
                conn.execute("INSERT INTO actors (key, name) VALUES ('k', 'n')")
                raise RuntimeError("boom")
        assert store.conn.execute("SELECT count(*) FROM actors").fetchone()[0] == 0
