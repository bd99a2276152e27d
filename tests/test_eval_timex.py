"""The TempEval-3 time-expression scorer on hand-built gold/system pairs and on TimeML directories."""

from __future__ import annotations

import dataclasses
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dateline.eval.timex import (
    figures,
    match_relaxed,
    read_pairs,
    score_document,
    score_documents,
    sentence_context,
)
from dateline.export.timeml import write_timeml
from dateline.readers.timeml import read_timeml
from dateline.types import Timex

TEXT = "He arrived on Monday, left two days later and will return in October. Nothing else happened."


def timex(text: str, value: str, kind: str = "DATE", occurrence: int = 0, within: str = TEXT) -> Timex:
    start = -1
    for _ in range(occurrence + 1):
        start = within.index(text, start + 1)
    return Timex((start, start + len(text)), text, kind, value)


GOLD = (
    timex("Monday", "2018-09-24"),
    timex("two days later", "2018-09-26"),
    timex("October", "2018-10"),
)


def test_eval_timex_perfect_system_scores_one():
    score = score_document("d", TEXT, GOLD, GOLD)
    assert all(f.p == f.r == f.f1 == 1.0 for f in figures(score.counts).values())
    assert score.errors == ()


def test_eval_timex_strict_versus_relaxed_extent():
    system = (
        timex("on Monday", "2018-09-24"),        # overlaps "Monday": relaxed only
        timex("two days later", "2018-09-26"),   # exact
        timex("October", "2018-10"),             # exact
    )
    score = score_document("d", TEXT, GOLD, system)
    f = figures(score.counts)
    assert f["strict"].p == pytest.approx(2 / 3) and f["strict"].r == pytest.approx(2 / 3)
    assert f["relaxed"].f1 == 1.0
    assert f["value"].f1 == 1.0
    (error,) = score.errors
    assert error.kind == "wrong_extent" and error.text == "Monday" and error.system.text == "on Monday"
    assert error.context == "He arrived on Monday, left two days later and will return in October."


def test_eval_timex_value_and_type_are_accuracy_over_relaxed_matches_times_relaxed():
    system = (
        timex("Monday", "2018-09-17"),                       # wrong value
        timex("two days", "P2D", kind="DURATION"),           # overlap, wrong value and type
        timex("Nothing", "PRESENT_REF"),                     # spurious
    )
    score = score_document("d", TEXT, GOLD, system)
    f = figures(score.counts)
    # 2 relaxed matches of 3 system / 3 gold; value right on 0 of them, type right on 1.
    assert f["relaxed"].p == pytest.approx(2 / 3) and f["relaxed"].r == pytest.approx(2 / 3)
    assert f["value"].f1 == 0.0
    assert f["type"].p == pytest.approx(1 / 3) and f["type"].r == pytest.approx(1 / 3)
    assert f["type"].f1 == pytest.approx(f["relaxed"].f1 * 1 / 2)
    kinds = sorted(e.kind for e in score.errors)
    assert kinds == ["missed", "spurious", "wrong_extent", "wrong_type", "wrong_value", "wrong_value"]
    missed = next(e for e in score.errors if e.kind == "missed")
    assert missed.text == "October" and missed.system is None and missed.gold.value == "2018-10"
    spurious = next(e for e in score.errors if e.kind == "spurious")
    assert spurious.text == "Nothing" and spurious.gold is None


def test_eval_timex_relaxed_matching_is_one_to_one():
    text = "from Monday to Tuesday"
    gold = (timex("Monday", "2018-09-24", within=text), timex("Tuesday", "2018-09-25", within=text))
    system = (Timex((5, 22), "Monday to Tuesday", "DATE", "2018-09-24"),)
    score = score_document("d", text, gold, system)
    assert score.counts.relaxed == 1
    # The larger overlap wins: "Tuesday" is matched (wrong extent, wrong value), "Monday" missed.
    assert [(e.kind, e.text) for e in score.errors] == [
        ("missed", "Monday"), ("wrong_extent", "Tuesday"), ("wrong_value", "Tuesday")]


def test_eval_timex_identical_spans_pair_before_overlaps():
    text = "late Monday evening"
    gold = (Timex((0, 11), "late Monday", "DATE", "2018-09-24"), Timex((12, 19), "evening", "TIME", "2018-09-24TEV"))
    system = (Timex((5, 19), "Monday evening", "TIME", "2018-09-24TEV"), Timex((0, 11), "late Monday", "DATE", "2018-09-24"))
    assert match_relaxed(gold, system) == [(0, 1), (1, 0)]


def test_eval_timex_empty_documents_and_micro_average():
    nothing = score_document("empty", "No dates here.", (), ())
    assert figures(nothing.counts)["strict"].f1 == 1.0
    only_gold = score_document("missed", TEXT, GOLD, ())
    assert figures(only_gold.counts)["relaxed"].f1 == 0.0
    report = score_documents([("a", TEXT, GOLD, GOLD), ("b", TEXT, GOLD, ())])
    assert report.counts.gold == 6 and report.counts.system == 3
    f = report.figures()["strict"]
    assert f.p == 1.0 and f.r == 0.5
    data = report.as_dict(per_document=True)
    assert set(data) >= {"strict", "relaxed", "value", "type", "documents", "per_document"}
    assert data["per_document"]["b"]["relaxed"]["r"] == 0.0


def test_eval_timex_sentence_context_stays_in_its_sentence():
    assert sentence_context(TEXT, GOLD[2].span) == "He arrived on Monday, left two days later and will return in October."


SPANS = st.lists(st.tuples(st.integers(0, 60), st.integers(1, 15)), max_size=8)


@settings(max_examples=200, deadline=None)
@given(SPANS, SPANS)
def test_eval_timex_counts_are_bounded_for_any_spans(gold_spans, system_spans):
    text = "x" * 80
    gold = [Timex((s, s + n), text[s:s + n], "DATE", "2018") for s, n in gold_spans]
    system = [Timex((s, s + n), text[s:s + n], "DATE", "2019") for s, n in system_spans]
    score = score_document("d", text, gold, system)
    c = score.counts
    assert c.strict <= c.relaxed <= min(c.gold, c.system)
    assert c.value <= c.relaxed and c.type <= c.relaxed
    pairs = match_relaxed(gold, system)
    assert len({i for i, _ in pairs}) == len({j for _, j in pairs}) == len(pairs)
    for f in figures(c).values():
        assert 0.0 <= f.p <= 1.0 and 0.0 <= f.r <= 1.0 and 0.0 <= f.f1 <= 1.0


def make_system_dir(shared: Path, tmp_path: Path, names: list[str]) -> tuple[Path, Path]:
    """A gold dir of copies (tests may not write into ../shared) and a system dir made by the writer."""
    gold_dir, system_dir = tmp_path / "gold", tmp_path / "system"
    gold_dir.mkdir()
    system_dir.mkdir()
    for name in names:
        source = shared / "data" / "timeml" / "aquaint" / f"{name}.tml"
        shutil.copy(source, gold_dir / source.name)
        (article,) = read_timeml(source)
        gold = article.timeml.gold_timexes
        system = [dataclasses.replace(t, value="XXXX-XX-XX") if i == 0 else t for i, t in enumerate(gold)]
        (system_dir / f"{name}.tml.TE3input").write_text(write_timeml(article, system), encoding="utf-8")
    return gold_dir, system_dir


NAMES = ["APW19980807.0261", "APW19980818.0515"]


def test_eval_timex_read_pairs_matches_names_and_scores(shared, tmp_path):
    gold_dir, system_dir = make_system_dir(shared, tmp_path, NAMES)
    documents, problems = read_pairs(gold_dir, system_dir)
    assert problems == []
    assert [d[0] for d in documents] == NAMES
    report = score_documents(documents)
    assert report.figures()["strict"].f1 == 1.0
    assert report.counts.value == report.counts.gold - 2


def test_eval_timex_different_text_or_missing_file_is_a_problem(shared, tmp_path):
    gold_dir, system_dir = make_system_dir(shared, tmp_path, NAMES)
    changed = system_dir / f"{NAMES[0]}.tml.TE3input"
    changed.write_text(changed.read_text(encoding="utf-8").replace("Suspected", "Alleged"), encoding="utf-8")
    (system_dir / f"{NAMES[1]}.tml.TE3input").unlink()
    documents, problems = read_pairs(gold_dir, system_dir)
    assert documents == []
    messages = sorted(str(p) for p in problems)
    assert any(str(changed) in m and "differs" in m for m in messages)
    assert any(NAMES[1] in m and "no system file" in m for m in messages)


def dateline_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "dateline", *args], capture_output=True, text=True, timeout=300)


def test_eval_timex_cli_json_and_table(shared, tmp_path):
    gold_dir, system_dir = make_system_dir(shared, tmp_path, NAMES)
    result = dateline_cli("eval", "timex", "--gold", str(gold_dir), "--system", str(system_dir), "--json", "--per-doc")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["documents"] == 2
    assert data["strict"]["f1"] == 1.0 and data["value"]["f1"] < 1.0
    assert set(data["per_document"]) == set(NAMES)
    table = dateline_cli("eval", "timex", "--gold", str(gold_dir), "--system", str(system_dir), "--errors", "5")
    assert table.returncode == 0, table.stderr
    assert "relaxed" in table.stdout and "wrong_value" in table.stdout and "XXXX-XX-XX" in table.stdout


def test_eval_timex_cli_failure_and_usage_status(shared, tmp_path):
    gold_dir, system_dir = make_system_dir(shared, tmp_path, NAMES)
    (system_dir / f"{NAMES[1]}.tml.TE3input").unlink()
    result = dateline_cli("eval", "timex", "--gold", str(gold_dir), "--system", str(system_dir))
    assert result.returncode == 1
    assert "no system file" in result.stderr and NAMES[1] in result.stderr
    assert "strict" in result.stdout  # the rest was still scored
    assert dateline_cli("eval", "timex").returncode == 2
    assert dateline_cli("eval").returncode == 2
