"""Opening the SQLite store safely: one writer, read-only readers, named migrations.

The store is one SQLite file in WAL mode with foreign keys on.  Writers take an exclusive
advisory lock (``flock`` on the database file) for their whole run and ``BEGIN IMMEDIATE`` for
each batch, so a second writer waits (up to its lock timeout) and then fails with a clear
message instead of interleaving.  Readers open ``mode=ro`` connections and run each query under a
time limit.  Nothing is written to a file before it is known to be a dateline store (or empty):
a foreign or corrupt file is reported and left untouched.
"""

from __future__ import annotations

import contextlib
import fcntl
import functools
import os
import re
import sqlite3
import time
import urllib.parse
from collections.abc import Iterator
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

#: ``PRAGMA application_id`` of every dateline store ("DTLN"), the schema marker.
APPLICATION_ID = 0x44544C4E
SQLITE_HEADER = b"SQLite format 3\x00"
MIGRATIONS_TABLE = "dateline_migrations"
DEFAULT_LOCK_TIMEOUT = 30.0
DEFAULT_QUERY_TIME_LIMIT = 10.0
_LOCK_POLL_SECONDS = 0.05
_MIGRATION_NAME = re.compile(r"^\d{4}_[a-z0-9_]+\.sql$")


class StoreError(Exception):
    """A store cannot be used; the message names the file and says what to do."""

    def __init__(self, path: str | os.PathLike[str], message: str) -> None:
        self.path = str(path)
        super().__init__(f"{path}: {message}")


class NotAStore(StoreError):
    """The file is not a dateline store (random bytes, or another application's database)."""


class StoreLocked(StoreError):
    """Another writer holds the store longer than the lock timeout."""


class StoreReadOnly(StoreError):
    """The file or its directory cannot be written."""


class StoreFull(StoreError):
    """The disk (or the database's page limit) is full; the batch was rolled back."""


class QueryTimeout(StoreError):
    """A read query ran past its time limit and was interrupted."""


@dataclass(frozen=True)
class Migration:
    name: str
    sql: str


def quote_identifier(name: str) -> str:
    """The one way identifiers enter SQL: double-quoted, inner quotes doubled."""
    return '"' + name.replace('"', '""') + '"'


@functools.lru_cache(maxsize=1)
def migrations() -> tuple[Migration, ...]:
    """The schema's named migrations (``resources/store/migrations/NNNN_name.sql``), in order."""
    folder = resources.files("dateline").joinpath("resources", "store", "migrations")
    found, bad = [], []
    for entry in folder.iterdir():
        if not entry.name.endswith(".sql"):
            continue
        if not _MIGRATION_NAME.match(entry.name):
            bad.append(f"{entry.name}: migration names must look like 0001_what_it_does.sql")
            continue
        found.append(Migration(entry.name.removesuffix(".sql"), entry.read_text(encoding="utf-8")))
    if bad:
        raise RuntimeError("invalid store migrations: " + "; ".join(bad))
    return tuple(sorted(found, key=lambda m: m.name))


def translate_error(path: str | os.PathLike[str], error: sqlite3.Error) -> StoreError:
    """Turn SQLite's terse errors into ones that say what happened and what to do."""
    text = str(error)
    lowered = text.lower()
    if "disk is full" in lowered or "database or disk is full" in lowered:
        return StoreFull(path, "the disk is full (nothing of the failed batch was written); free space and rerun")
    if "readonly" in lowered or "read-only" in lowered:
        return StoreReadOnly(path, "the store is read-only; check the permissions of the file and its directory")
    if "locked" in lowered or "busy" in lowered:
        return StoreLocked(path, "another process is writing to the store; wait for it or raise --lock-timeout")
    if "not a database" in lowered or "malformed" in lowered:
        return NotAStore(path, f"the file is corrupt or not a dateline store ({text})")
    if "interrupted" in lowered:
        return QueryTimeout(path, "the query ran past its time limit; narrow it (dates, actor, type)")
    if "unable to open" in lowered:
        return StoreReadOnly(path, f"cannot open the store ({text}); check the path and permissions")
    return StoreError(path, f"SQLite error: {text}")


def check_file_header(path: Path) -> bool:
    """``True`` if ``path`` is an SQLite file, ``False`` if missing or empty; else ``NotAStore``."""
    try:
        with path.open("rb") as handle:
            header = handle.read(len(SQLITE_HEADER))
    except FileNotFoundError:
        return False
    except IsADirectoryError as error:
        raise NotAStore(path, "is a directory, not a store file") from error
    except PermissionError as error:
        raise StoreReadOnly(path, "cannot read the file (permission denied)") from error
    if not header:
        return False
    if header != SQLITE_HEADER:
        raise NotAStore(path, "is not an SQLite database (wrong file header); give the path of a dateline store "
                              "or a new file")
    return True


def _table_names(conn: sqlite3.Connection) -> set[str]:
    return {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}


def check_marker(path: Path, conn: sqlite3.Connection) -> bool:
    """``True`` if this is a dateline store, ``False`` if it is an empty database; else
    ``NotAStore`` (another application's database is never touched)."""
    try:
        application_id = conn.execute("PRAGMA application_id").fetchone()[0]
        tables = _table_names(conn)
    except sqlite3.DatabaseError as error:
        raise translate_error(path, error) from error
    if application_id == APPLICATION_ID:
        return True
    if not tables and application_id == 0:
        return False
    raise NotAStore(path, "is an SQLite database of another application (no dateline schema marker); "
                          "refusing to touch it; give a new file name")


def applied_migrations(conn: sqlite3.Connection) -> list[str]:
    if MIGRATIONS_TABLE not in _table_names(conn):
        return []
    return [row[0] for row in conn.execute(f"SELECT name FROM {quote_identifier(MIGRATIONS_TABLE)} ORDER BY name")]


class Store:
    """The single writer of a store file.  Use :func:`open_store`; close it (or use ``with``)."""

    def __init__(self, path: Path, conn: sqlite3.Connection, lock_fd: int) -> None:
        self.path = path
        self.conn = conn
        self._lock_fd = lock_fd

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def close(self) -> None:
        """Close the connection first, then release the writer lock."""
        if self.conn is not None:
            with contextlib.suppress(sqlite3.Error):
                self.conn.close()
            self.conn = None  # type: ignore[assignment]
        if self._lock_fd >= 0:
            os.close(self._lock_fd)
            self._lock_fd = -1

    @contextlib.contextmanager
    def atomic(self) -> Iterator[sqlite3.Connection]:
        """One write transaction (``BEGIN IMMEDIATE``): all of it is written, or none of it."""
        try:
            self.conn.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as error:
            raise translate_error(self.path, error) from error
        try:
            yield self.conn
        except BaseException as error:
            with contextlib.suppress(sqlite3.Error):
                self.conn.execute("ROLLBACK")
            if isinstance(error, sqlite3.Error):
                raise translate_error(self.path, error) from error
            raise
        try:
            self.conn.execute("COMMIT")
        except sqlite3.Error as error:
            with contextlib.suppress(sqlite3.Error):
                self.conn.execute("ROLLBACK")
            raise translate_error(self.path, error) from error

    def set_max_page_count(self, pages: int) -> None:
        """Cap the database size (tests use it to simulate a full disk)."""
        self.conn.execute(f"PRAGMA max_page_count = {int(pages)}")


def _acquire_lock(path: Path, fd: int, timeout: float) -> None:
    """Exclusive advisory lock on the store file, polled until ``timeout`` seconds pass."""
    deadline = time.monotonic() + max(timeout, 0.0)
    while True:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return
        except BlockingIOError:
            if time.monotonic() >= deadline:
                raise StoreLocked(path, f"another dateline process is writing to this store (waited {timeout:g} s); "
                                        "wait for it to finish or raise --lock-timeout") from None
            time.sleep(_LOCK_POLL_SECONDS)


def _open_for_writing(path: Path) -> int:
    if not os.access(path.parent if str(path.parent) else Path("."), os.W_OK):
        raise StoreReadOnly(path, f"its directory {path.parent} is read-only (SQLite writes a journal beside the "
                                  "store); use a writable location")
    try:
        return os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    except PermissionError as error:
        raise StoreReadOnly(path, "the store file is read-only (permission denied); check its permissions") from error
    except OSError as error:
        raise StoreError(path, f"cannot open the store ({error.strerror})") from error


def open_store(path: str | os.PathLike[str], *, lock_timeout: float = DEFAULT_LOCK_TIMEOUT) -> Store:
    """Open (creating and migrating if needed) a store for writing, as its single writer.

    Raises :class:`NotAStore` for a corrupt or foreign file (left untouched),
    :class:`StoreReadOnly`, :class:`StoreLocked` when another writer keeps it past
    ``lock_timeout`` seconds.
    """
    path = Path(path)
    check_file_header(path)
    fd = _open_for_writing(path)
    try:
        _acquire_lock(path, fd, lock_timeout)
        check_file_header(path)
        conn = sqlite3.connect(path, isolation_level=None, timeout=max(lock_timeout, 0.0),
                               check_same_thread=False)
    except BaseException:
        os.close(fd)
        raise
    store = Store(path, conn, fd)
    try:
        is_store = check_marker(path, conn)
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("PRAGMA synchronous = NORMAL")
        migrate(store, fresh=not is_store)
    except sqlite3.Error as error:
        store.close()
        raise translate_error(path, error) from error
    except BaseException:
        store.close()
        raise
    return store


def migrate(store: Store, *, fresh: bool = False) -> list[str]:
    """Apply the migrations this database has not seen, each in its own transaction."""
    known = [m.name for m in migrations()]
    done = applied_migrations(store.conn)
    unknown = [name for name in done if name not in known]
    if unknown:
        raise StoreError(store.path, f"was written by a newer dateline (unknown migrations {', '.join(unknown)}); "
                                     "upgrade dateline")
    applied = []
    for migration in migrations():
        if migration.name in done:
            continue
        with store.atomic() as conn:
            if fresh and not applied:
                conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
                conn.execute(f"CREATE TABLE IF NOT EXISTS {quote_identifier(MIGRATIONS_TABLE)} "
                             "(name TEXT PRIMARY KEY, applied_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP)")
            for statement in split_statements(migration.sql):
                conn.execute(statement)
            conn.execute(f"INSERT INTO {quote_identifier(MIGRATIONS_TABLE)} (name) VALUES (?)", (migration.name,))
            conn.execute(f"PRAGMA user_version = {len(done) + len(applied) + 1}")
        applied.append(migration.name)
    return applied


def split_statements(script: str) -> list[str]:
    """Split a migration into statements (``executescript`` would commit our transaction)."""
    statements, current = [], ""
    for line in script.splitlines(keepends=True):
        if line.lstrip().startswith("--"):
            continue
        current += line
        if sqlite3.complete_statement(current):
            statements.append(current.strip())
            current = ""
    if current.strip():
        statements.append(current.strip())
    return statements


def open_readonly(path: str | os.PathLike[str]) -> sqlite3.Connection:
    """A read-only (``mode=ro``) connection to an existing dateline store, for queries."""
    path = Path(path)
    if not check_file_header(path):
        raise StoreError(path, "no such store (or it is empty); create it with 'dateline ingest ... --db FILE'")
    uri = "file:" + urllib.parse.quote(str(path.resolve())) + "?mode=ro"
    try:
        conn = sqlite3.connect(uri, uri=True, check_same_thread=False)
    except sqlite3.Error as error:
        raise translate_error(path, error) from error
    try:
        if not check_marker(path, conn):
            raise NotAStore(path, "is an empty SQLite database, not a dateline store")
        conn.execute("PRAGMA foreign_keys = ON")
    except BaseException:
        conn.close()
        raise
    return conn


@contextlib.contextmanager
def time_limit(conn: sqlite3.Connection, seconds: float, path: str | os.PathLike[str] = "store") -> Iterator[None]:
    """Interrupt any statement of ``conn`` that runs past ``seconds`` (raises :class:`QueryTimeout`)."""
    deadline = time.monotonic() + seconds
    conn.set_progress_handler(lambda: 1 if time.monotonic() > deadline else 0, 10_000)
    try:
        yield
    except sqlite3.OperationalError as error:
        if "interrupted" in str(error).lower():
            raise QueryTimeout(path, f"the query ran past its time limit of {seconds:g} s; narrow it") from error
        raise translate_error(path, error) from error
    finally:
        conn.set_progress_handler(None, 0)
