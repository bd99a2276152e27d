"""Bad stores and bad conditions: corrupt or foreign files, read-only, full disk, two writers, kill -9."""

from __future__ import annotations

import hashlib
import os
import shutil
import signal
import sqlite3
import subprocess

import pytest

from dateline.store import (
    NotAStore,
    QueryTimeout,
    StoreFull,
    StoreLocked,
    ingest,
    open_readonly,
    open_store,
    time_limit,
)
from tests import store_samples as samples


def digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_store_random_bytes_are_refused_and_left_untouched(tmp_path):
    path = tmp_path / "junk.db"
    path.write_bytes(os.urandom(4096))
    before = digest(path)
    with pytest.raises(NotAStore, match="junk.db.*not an SQLite database"):
        open_store(path)
    with pytest.raises(NotAStore):
        open_readonly(path)
    assert digest(path) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["junk.db"]


def test_store_database_of_another_application_is_left_untouched(tmp_path):
    path = tmp_path / "other.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT)")
    conn.execute("INSERT INTO customers (name) VALUES ('Ada')")
    conn.commit()
    conn.close()
    before = digest(path)
    with pytest.raises(NotAStore, match="other.db.*another application"):
        open_store(path)
    with pytest.raises(NotAStore):
        open_readonly(path)
    assert digest(path) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["other.db"]


def test_store_full_disk_rolls_back_the_batch_and_a_rerun_completes(tmp_path):
    path = tmp_path / "events.db"
    articles = samples.synthetic_articles(30)
    with open_store(path) as store:
        ingest(store, articles[:5], samples.analyze_synthetic, batch_size=5)
        pages = store.conn.execute("PRAGMA page_count").fetchone()[0]
        store.set_max_page_count(pages + 3)
        with pytest.raises(StoreFull, match="events.db.*disk is full"):
            ingest(store, articles, samples.analyze_synthetic, batch_size=25)
    assert samples.check_store_invariants(path)["articles"] == 5
    with open_store(path) as store:
        counts = ingest(store, articles, samples.analyze_synthetic, batch_size=25)
    assert (counts.stored, counts.skipped) == (25, 5)
    assert samples.check_store_invariants(path)["articles"] == 30


def _without_root_powers() -> list[str]:
    """As root, permissions are not checked: drop the capability that skips them."""
    if os.geteuid() != 0:
        return []
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        pytest.skip("running as root without setpriv: cannot make a file read-only for this process")
    return [setpriv, "--bounding-set=-dac_override,-dac_read_search", "--inh-caps=-dac_override,-dac_read_search",
            "--"]


def _ingest_process(path, count: int = 6, lock_timeout: float = 5.0) -> subprocess.CompletedProcess:
    return subprocess.run(_without_root_powers() + samples.python_command(samples.INGEST_SCRIPT, path, count, 0,
                                                                          lock_timeout),
                          capture_output=True, text=True, env=samples.subprocess_env(), cwd=samples.ROOT,
                          timeout=120)


def test_store_read_only_directory_gives_a_clear_error(tmp_path):
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        result = _ingest_process(folder / "events.db")
    finally:
        folder.chmod(0o755)
    assert result.returncode == 1, result.stderr
    assert "events.db" in result.stderr and "read-only" in result.stderr
    assert list(folder.iterdir()) == []


def test_store_read_only_file_gives_a_clear_error_and_stays_whole(tmp_path):
    path = tmp_path / "events.db"
    with open_store(path) as store:
        ingest(store, samples.synthetic_articles(3), samples.analyze_synthetic)
    path.chmod(0o444)
    before = digest(path)
    try:
        result = _ingest_process(path)
    finally:
        path.chmod(0o644)
    assert result.returncode == 1, result.stderr
    assert "events.db" in result.stderr and "read-only" in result.stderr
    assert digest(path) == before
    assert samples.check_store_invariants(path)["articles"] == 3


def test_store_second_writer_waits_for_the_lock_or_fails_clearly(tmp_path):
    path, release = tmp_path / "events.db", tmp_path / "release"
    holder = subprocess.Popen(samples.python_command(samples.HOLD_SCRIPT, path, release), stdout=subprocess.PIPE,
                              text=True, env=samples.subprocess_env(), cwd=samples.ROOT)
    try:
        assert holder.stdout.readline().strip() == "holding"
        with pytest.raises(StoreLocked, match="events.db.*another dateline process"):
            open_store(path, lock_timeout=0.2)
        waiter = subprocess.Popen(samples.python_command(samples.INGEST_SCRIPT, path, 8, 0, 60),
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                  env=samples.subprocess_env(), cwd=samples.ROOT)
        release.touch()
        out, err = waiter.communicate(timeout=120)
        assert waiter.returncode == 0, err
        assert "stored 8" in out
    finally:
        release.touch()
        holder.wait(timeout=60)
    assert samples.check_store_invariants(path)["articles"] == 8


def test_store_two_concurrent_ingests_never_duplicate(tmp_path):
    path = tmp_path / "events.db"
    command = samples.python_command(samples.INGEST_SCRIPT, path, 24, 0.005, 120)
    first, second = (subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                      env=samples.subprocess_env(), cwd=samples.ROOT) for _ in range(2))
    for process in (first, second):
        _, err = process.communicate(timeout=180)
        assert process.returncode == 0, err
    assert samples.check_store_invariants(path)["articles"] == 24


def _stored_articles(path) -> int:
    if not path.exists():
        return 0
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=5)
        try:
            return conn.execute("SELECT count(*) FROM articles").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.Error:
        return 0


def test_store_killed_mid_ingest_then_rerun_completes_without_duplicates(tmp_path):
    path = tmp_path / "events.db"
    total = 60
    process = subprocess.Popen(samples.python_command(samples.INGEST_SCRIPT, path, total, 0.02, 5),
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=samples.subprocess_env(),
                               cwd=samples.ROOT)
    try:
        assert samples.wait_for(lambda: _stored_articles(path) >= 8, timeout=120), "ingest never wrote a batch"
    finally:
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=30)
    assert process.returncode == -signal.SIGKILL
    partial = samples.check_store_invariants(path)["articles"]
    assert 8 <= partial < total
    rerun = subprocess.run(samples.python_command(samples.INGEST_SCRIPT, path, total, 0, 5), capture_output=True,
                           text=True, env=samples.subprocess_env(), cwd=samples.ROOT, timeout=180)
    assert rerun.returncode == 0, rerun.stderr
    assert f"skipped {partial}" in rerun.stdout
    assert samples.check_store_invariants(path)["articles"] == total


def test_store_query_time_limit_interrupts_long_queries(tmp_path):
    path = tmp_path / "events.db"
    open_store(path).close()
    conn = open_readonly(path)
    slow = "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) SELECT count(*) FROM n"
    with pytest.raises(QueryTimeout, match="time limit"):
        with time_limit(conn, 0.2, path):
            conn.execute(slow).fetchone()
    assert conn.execute("SELECT count(*) FROM events").fetchone() == (0,)
    conn.close()
