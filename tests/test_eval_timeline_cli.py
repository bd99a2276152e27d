"""`dateline eval timeline` through the installed console script, on the SemEval-2015 trial data."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from dateline.eval.timeline import parse_timeline

# The console script installed beside the interpreter running the tests (the project's .venv).
SCRIPT = Path(sys.executable).parent / "dateline"
if not SCRIPT.exists():  # an interpreter without the script beside it: the one on PATH
    SCRIPT = Path(shutil.which("dateline") or SCRIPT)


def run_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([str(SCRIPT), "eval", "timeline", *args], capture_output=True, text=True, timeout=600)


@pytest.fixture()
def trial(shared, tmp_path):
    """Two trial documents and the iPhone 4 gold timeline, in a scratch directory."""
    source = shared / "data" / "timeline-trial"
    docs, gold = tmp_path / "docs", tmp_path / "gold"
    docs.mkdir(), gold.mkdir()
    for prefix in ("16844", "16900"):
        path = next((source / "docs").glob(f"{prefix}*.xml"))
        shutil.copy(path, docs / path.name)
    shutil.copy(source / "gold" / "iphone_4.txt", gold / "iphone_4.txt")
    return docs, gold


def test_cli_eval_timeline_builds_writes_and_scores(trial, tmp_path):
    docs, gold = trial
    out = tmp_path / "out"
    result = run_cli("--docs", str(docs), "--gold", str(gold), "--out", str(out), "--json")
    assert result.returncode == 0, result.stderr
    scores = json.loads(result.stdout)
    assert set(scores) == {"precision", "recall", "f1", "per_entity"}
    assert 0.0 < scores["f1"] <= 1.0  # the unveiling and announcements of 2010-06-07 are found
    assert set(scores["per_entity"]) == {"iPhone 4"}
    written = parse_timeline((out / "iphone_4.txt").read_text(encoding="utf-8"))
    assert written.entity == "iPhone 4"
    assert all(m.split("-")[0] in ("16844", "16900") for e in written.entries for m in e.mentions)


def test_cli_eval_timeline_scores_existing_system_timelines(trial):
    docs, gold = trial
    result = run_cli("--docs", str(docs), "--gold", str(gold), "--system", str(gold))
    assert result.returncode == 0, result.stderr
    assert "iPhone 4" in result.stdout
    assert "100.00" in result.stdout.splitlines()[-1]  # gold against itself


def test_cli_eval_timeline_bad_gold_file_is_named_and_the_rest_scored(trial):
    docs, gold = trial
    (gold / "broken.txt").write_text("Someone\nfirst\t2010\tx-1-a\n", encoding="utf-8")
    result = run_cli("--docs", str(docs), "--gold", str(gold), "--system", str(gold), "--json")
    assert result.returncode == 1
    assert "broken.txt:2" in result.stderr
    assert json.loads(result.stdout)["f1"] == 1.0


def test_cli_eval_timeline_wrong_usage_exits_2():
    result = subprocess.run([str(SCRIPT), "eval", "timeline", "--docs", "x"], capture_output=True, text=True)
    assert result.returncode == 2


@pytest.mark.slow
def test_cli_eval_timeline_trial_beats_semeval_best(shared):
    """On the 6 trial timelines dateline beats the best SemEval-2015 track A system (F1 7.85)."""
    source = shared / "data" / "timeline-trial"
    result = run_cli("--docs", str(source / "docs"), "--gold", str(source / "gold"), "--json")
    assert result.returncode == 0, result.stderr
    scores = json.loads(result.stdout)
    assert len(scores["per_entity"]) == 6
    assert scores["f1"] > 0.0785
