"""Pairwise same-event scoring: hand-built clusterings, real MEANTIME gold, the console script."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from dateline.eval.merge import (
    GoldEventMention,
    PairCounts,
    SystemEventMention,
    align,
    gold_event_mentions,
    pair_counts,
    score_merge,
)
from dateline.readers.catxml import read_cat_document

# The console script installed beside the interpreter running the tests (the project's .venv).
SCRIPT = Path(sys.executable).parent / "dateline"
if not SCRIPT.exists():  # an interpreter without the script beside it: the one on PATH
    SCRIPT = Path(shutil.which("dateline") or SCRIPT)


def gold(doc: str, m_id: str, positions: set[int], instance: str) -> GoldEventMention:
    return GoldEventMention(doc, m_id, frozenset(positions), instance)


def system(doc: str, positions: set[int], ref: str, lemma: str = "") -> SystemEventMention:
    return SystemEventMention(doc, frozenset(positions), ref, lemma)


GOLD = [
    gold("A", "1", {3}, "unveil"),
    gold("A", "2", {9, 10}, "unveil"),
    gold("B", "1", {4}, "unveil"),
    gold("B", "2", {7}, "sell"),
    gold("B", "3", {20}, "die"),  # never detected: left out of the pairs
]
SYSTEM = [
    system("A", {3}, "a3", "unveil"),
    system("A", {10, 11}, "a10", "unveil"),
    system("B", {4}, "b4", "unveil"),
    system("B", {7}, "b7", "sell"),
    system("B", {30}, "b30", "say"),  # a detection with no gold counterpart
]


def test_align_matches_overlapping_tokens_one_to_one_in_the_same_document():
    pairs = align(GOLD, SYSTEM)
    assert [(g.doc_id, g.m_id, s.ref) for g, s in pairs] == [
        ("A", "1", "a3"), ("A", "2", "a10"), ("B", "1", "b4"), ("B", "2", "b7")]
    # the same positions in another document do not match
    assert align([gold("A", "1", {4}, "x")], [system("B", {4}, "b4")]) == []
    # two gold mentions over one system mention: only the larger overlap is kept
    two = [gold("A", "1", {1, 2}, "x"), gold("A", "2", {2}, "y")]
    assert [(g.m_id, s.ref) for g, s in align(two, [system("A", {1, 2}, "s")])] == [("1", "s")]


def test_pairwise_scores_by_hand():
    # aligned: a3(unveil) a10(unveil) b4(unveil) b7(sell): 6 pairs
    # gold-same: a3-a10 (within), a3-b4, a10-b4 (across)                   -> 3 gold pairs
    # system: {a3, b4} one event, the rest alone -> system-same: a3-b4 (across, right) -> 1
    # P = 1/1, R = 1/3; within: 0 right of 0 system, 1 gold; across: 1 of 1, 2 gold
    report = score_merge(GOLD, SYSTEM, {"a3": 1, "b4": 1, "a10": 2, "b7": 3})
    assert report.all_pairs == PairCounts(correct=1, system=1, gold=3)
    assert report.all_pairs.precision == 1.0
    assert report.all_pairs.recall == pytest.approx(1 / 3)
    assert report.within == PairCounts(0, 0, 1)
    assert report.across == PairCounts(1, 1, 2)
    assert (report.gold_mentions, report.system_mentions, report.aligned) == (5, 5, 4)
    # one event per lemma: unveil x3 -> 3 pairs, all right; sell alone -> P 1, R 1
    assert report.baselines["same_lemma"] == PairCounts(3, 3, 3)
    assert report.baselines["singletons"] == PairCounts(0, 0, 3)


def test_everything_in_one_event_has_full_recall_and_low_precision():
    # 6 system pairs, 3 of them gold pairs: P = 3/6, R = 3/3
    report = score_merge(GOLD, SYSTEM, {ref: 0 for ref in ("a3", "a10", "b4", "b7", "b30")})
    assert (report.all_pairs.precision, report.all_pairs.recall) == (0.5, 1.0)
    assert report.all_pairs.f1 == pytest.approx(2 / 3)


def test_unclustered_mentions_are_events_of_their_own():
    within, across = pair_counts(align(GOLD, SYSTEM), {})
    assert (within + across) == PairCounts(0, 0, 3)


def test_gold_mentions_of_a_real_meantime_document(shared):
    path = next((shared / "data" / "meantime-apple").glob("190356*.xml"))
    document = read_cat_document(path)
    mentions = gold_event_mentions(document)
    assert len(mentions) > 20
    texts = {m.m_id: " ".join(document.tokens[p].text for p in sorted(m.positions)) for m in mentions}
    by_instance: dict[str, list[str]] = {}
    for m in mentions:
        by_instance.setdefault(m.instance, []).append(texts[m.m_id])
    # MEANTIME makes the conference mentions one instance (Worldwide Developers Conference ...)
    assert any(len(words) >= 3 for words in by_instance.values())
    assert all(0 <= p < len(document.tokens) for m in mentions for p in m.positions)


def test_gold_instances_cross_documents(shared):
    """Jobs introducing iPhone 4 is one gold instance told in two of these articles."""
    source = shared / "data" / "meantime-apple"
    docs_of: dict[str, set[str]] = {}
    for prefix in ("190356", "191597", "199629"):
        for mention in gold_event_mentions(read_cat_document(next(source.glob(f"{prefix}*.xml")))):
            docs_of.setdefault(mention.instance, set()).add(mention.doc_id)
    assert any(len(docs) >= 2 for docs in docs_of.values())


def test_cli_eval_merge_on_three_meantime_documents(shared, tmp_path):
    source = shared / "data" / "meantime-apple"
    for prefix in ("190356", "191597", "199629"):
        path = next(source.glob(f"{prefix}*.xml"))
        shutil.copy(path, tmp_path / path.name)
    (tmp_path / "broken.xml").write_text("<Document><token", encoding="utf-8")
    result = subprocess.run([str(SCRIPT), "eval", "merge", "--docs", str(tmp_path), "--json"],
                            capture_output=True, text=True, timeout=600)
    assert result.returncode == 1  # the broken file is named, the rest scored
    assert "broken.xml" in result.stderr
    report = json.loads(result.stdout)
    assert report["gold_mentions"] > 50
    assert 0 < report["aligned_mentions"] <= report["system_mentions"]
    for count in ("correct_pairs", "system_pairs", "gold_pairs"):
        assert report[count] == report["within_document"][count] + report["across_documents"][count]
    for key in ("precision", "recall", "f1"):
        assert 0.0 <= report[key] <= 1.0
    assert set(report["baselines"]) == {"singletons", "same_lemma"}
