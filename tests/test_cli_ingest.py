"""`dateline ingest`: the real pipeline into a store, reruns, bad stores, a locked store."""

from __future__ import annotations

import hashlib
import os
import sqlite3
import subprocess
import sys

import pytest

from tests import store_samples as samples
from tests.conftest import ROOT, SEED


def dateline(*args: str, timeout: float = 300) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "dateline", *args], capture_output=True, text=True, timeout=timeout,
                          cwd=ROOT, env=samples.subprocess_env())


def timeml_files(shared, count: int = 3) -> list[str]:
    return [str(p) for p in sorted((shared / "data" / "timeml" / "timebank").glob("*.tml"))[:count]]


@pytest.fixture(scope="module")
def inputs(tmp_path_factory, shared) -> list[str]:
    """The seed, three TimeBank articles, a copy of the seed under another name, a missing file."""
    folder = tmp_path_factory.mktemp("inputs")
    copy = folder / "copy-of-seed.txt"
    copy.write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    return [str(ROOT / "examples"), *timeml_files(shared), str(copy), str(folder / "missing.txt")]


@pytest.fixture(scope="module")
def ingested(tmp_path_factory, inputs):
    """Everything ingested once through the whole pipeline (the NLP is what takes time)."""
    path = tmp_path_factory.mktemp("ingest") / "events.db"
    result = dateline("ingest", *inputs, "--db", str(path), "--no-progress")
    return path, result


def test_cli_ingest_stores_every_article_with_its_evidence(ingested):
    path, result = ingested
    assert "read 5, stored 4" in result.stderr, result.stderr
    counts = samples.check_store_invariants(path)
    assert counts["articles"] == 4
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    seed_text = conn.execute("SELECT text FROM articles WHERE origin LIKE '%000_fb44a1e465c71499.txt'").fetchone()[0]
    assert "Pompeo" in seed_text
    assert conn.execute("SELECT count(*) FROM sentences").fetchone()[0] > 10
    for text, start, end, trigger in conn.execute(
            "SELECT a.text, m.trigger_start, m.trigger_end, m.trigger FROM mentions m JOIN articles a "
            "ON a.id = m.article_id"):
        assert text[start:end] == trigger
    conn.close()


def test_cli_ingest_missing_input_is_reported_and_the_rest_stored(ingested):
    _, result = ingested
    assert result.returncode == 1
    assert "missing.txt" in result.stderr


def test_cli_ingest_same_text_under_another_name_is_stored_once(ingested):
    _, result = ingested
    assert "1 (same text under another id)" in result.stderr


def test_cli_ingest_rerun_skips_everything_before_any_analysis(ingested, inputs):
    path, _ = ingested
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    incomplete = conn.execute("SELECT count(*) FROM articles WHERE complete = 0").fetchone()[0]
    conn.close()
    result = dateline("ingest", *inputs, "--db", str(path), "--no-progress")
    assert result.returncode == 1  # the missing file is still missing
    # only articles whose analysis was reported as failed are analysed again (the copy of the seed
    # has the seed's id, a content hash, so it now counts as already stored)
    assert f"stored {incomplete} " in result.stderr and f"skipped {5 - incomplete} " in result.stderr
    assert samples.check_store_invariants(path)["articles"] == 4


def test_cli_ingest_timeline_of_the_demo_works(ingested):
    path, _ = ingested
    result = dateline("timeline", "--db", str(path), "--include", "all")
    assert result.returncode == 0, result.stderr


def test_cli_ingest_foreign_database_is_named_and_untouched(tmp_path):
    path = tmp_path / "photos.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE photos (id INTEGER PRIMARY KEY)")
    conn.commit()
    conn.close()
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    result = dateline("ingest", str(SEED), "--db", str(path), "--no-progress")
    assert result.returncode == 1
    assert "photos.db" in result.stderr and "another application" in result.stderr
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before


def test_cli_ingest_corrupt_file_is_named(tmp_path):
    path = tmp_path / "broken.db"
    path.write_bytes(b"SQLite format 3\x00" + os.urandom(8000))
    result = dateline("ingest", str(SEED), "--db", str(path), "--no-progress")
    assert result.returncode == 1
    assert "broken.db" in result.stderr and "Traceback" not in result.stderr


def test_cli_ingest_locked_store_fails_clearly_after_the_timeout(tmp_path):
    path, release = tmp_path / "events.db", tmp_path / "release"
    holder = subprocess.Popen(samples.python_command(samples.HOLD_SCRIPT, path, release), stdout=subprocess.PIPE,
                              text=True, env=samples.subprocess_env(), cwd=ROOT)
    try:
        assert holder.stdout.readline().strip() == "holding"
        result = dateline("ingest", str(SEED), "--db", str(path), "--lock-timeout", "0.3", "--no-progress")
    finally:
        release.touch()
        holder.wait(timeout=60)
    assert result.returncode == 1
    assert "events.db" in result.stderr and "another dateline process is writing" in result.stderr


def test_cli_ingest_usage_errors(tmp_path, capsys):
    from dateline.cli import main

    for args in (["ingest", str(SEED)], ["ingest", "--db", str(tmp_path / "x.db")]):  # no --db, no path
        with pytest.raises(SystemExit) as stopped:
            main(args)
        assert stopped.value.code == 2
    assert main(["ingest", str(SEED), "--db", str(tmp_path / "x.db"), "--lock-timeout", "-1"]) == 2
    assert "--lock-timeout" in capsys.readouterr().err
    assert not (tmp_path / "x.db").exists()
