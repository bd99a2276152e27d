"""The event store: one SQLite file holding articles, mentions, merged events and their links.

``open_store(path)`` gives the single writer (``Store.atomic()`` for transactions),
``open_readonly(path)`` a read-only connection for queries, ``ingest(...)`` the batch loop of
``dateline ingest``.  The schema lives in ``resources/store/migrations/`` as named SQL files,
recorded in the database itself when applied.
"""

from dateline.store.db import (
    APPLICATION_ID,
    DEFAULT_LOCK_TIMEOUT,
    DEFAULT_QUERY_TIME_LIMIT,
    NotAStore,
    QueryTimeout,
    Store,
    StoreError,
    StoreFull,
    StoreLocked,
    StoreReadOnly,
    applied_migrations,
    migrations,
    open_readonly,
    open_store,
    quote_identifier,
    time_limit,
)
from dateline.store.ingest import DEFAULT_BATCH_SIZE, IngestCounts, ingest, plan_batch
from dateline.store.write import content_hash, delete_article, refresh_event, source_key, write_article

__all__ = [
    "APPLICATION_ID", "DEFAULT_BATCH_SIZE", "DEFAULT_LOCK_TIMEOUT", "DEFAULT_QUERY_TIME_LIMIT", "IngestCounts",
    "NotAStore", "QueryTimeout", "Store", "StoreError", "StoreFull", "StoreLocked", "StoreReadOnly",
    "applied_migrations", "content_hash", "delete_article", "ingest", "migrations",
    "open_readonly", "open_store", "plan_batch", "quote_identifier", "refresh_event", "source_key", "time_limit",
    "write_article",
]
