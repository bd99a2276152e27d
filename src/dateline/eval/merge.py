"""Scoring "same event" decisions against MEANTIME's cross-document event instances.

MEANTIME links every event mention (a set of tokens) to an event instance; instances carry an
``instance_id`` shared across documents when two articles report the same event. dateline's
merging (``dateline.merge.cluster``) puts its own mentions into events. To compare the two:

1. align: each gold mention is matched to at most one system mention of the same document
   whose tokens overlap it (largest overlap first, one to one); gold mentions dateline does not
   detect are left out, since merging cannot be judged on them (detection has its own figures);
2. pairs: over the aligned gold mentions, a pair is *gold-same* when both belong to one gold
   instance, *system-same* when both aligned system mentions are in one dateline event;
3. pairwise precision = |gold-same ∩ system-same| / |system-same|, recall = the same over
   |gold-same|, F1 their harmonic mean; also split into pairs within one document and pairs
   across documents (the cross-document ones are what merging is for).

Baselines computed over the same aligned mentions put the figures in context: every mention
alone (no pair, precision undefined = 0) and one event per trigger lemma.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import combinations

from dateline.eval import f_measure
from dateline.readers.catxml import CatDocument, event_instances, markables_of_kind


@dataclass(frozen=True)
class GoldEventMention:
    """A gold event mention: its document, markable id, token positions and instance key."""

    doc_id: str
    m_id: str
    positions: frozenset[int]
    instance: str


@dataclass(frozen=True)
class SystemEventMention:
    """A detected mention: document, token positions, and ``ref`` naming it in the clustering."""

    doc_id: str
    positions: frozenset[int]
    ref: Hashable
    lemma: str = ""


@dataclass(frozen=True)
class PairCounts:
    """Pair counts of one comparison (they add up over documents)."""

    correct: int = 0
    system: int = 0
    gold: int = 0

    @property
    def precision(self) -> float:
        return self.correct / self.system if self.system else 0.0

    @property
    def recall(self) -> float:
        return self.correct / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return f_measure(p, r)

    def __add__(self, other: "PairCounts") -> "PairCounts":
        return PairCounts(self.correct + other.correct, self.system + other.system, self.gold + other.gold)

    def as_dict(self) -> dict[str, float | int]:
        return {"precision": self.precision, "recall": self.recall, "f1": self.f1,
                "correct_pairs": self.correct, "system_pairs": self.system, "gold_pairs": self.gold}


@dataclass(frozen=True)
class MergeReport:
    """Pairwise figures over aligned mentions, split within/across documents, with baselines."""

    all_pairs: PairCounts
    within: PairCounts
    across: PairCounts
    gold_mentions: int
    system_mentions: int
    aligned: int
    baselines: dict[str, PairCounts] = field(default_factory=dict)

    def as_dict(self) -> dict:
        return {
            **self.all_pairs.as_dict(),
            "within_document": self.within.as_dict(),
            "across_documents": self.across.as_dict(),
            "gold_mentions": self.gold_mentions,
            "system_mentions": self.system_mentions,
            "aligned_mentions": self.aligned,
            "baselines": {name: counts.as_dict() for name, counts in self.baselines.items()},
        }


def gold_event_mentions(document: CatDocument) -> list[GoldEventMention]:
    """The anchored gold event mentions of a MEANTIME document with their instance keys."""
    position = {token.t_id: index for index, token in enumerate(document.tokens)}
    instances = event_instances(document)
    return [
        GoldEventMention(document.doc_id, m.m_id, frozenset(position[t] for t in m.token_ids), instances[m.m_id])
        for m in markables_of_kind(document, "EVENT_MENTION")
    ]


def align(gold: Sequence[GoldEventMention],
          system: Sequence[SystemEventMention]) -> list[tuple[GoldEventMention, SystemEventMention]]:
    """One-to-one matches of gold and system mentions of the same document by token overlap."""
    candidates = []
    for g_index, g in enumerate(gold):
        for s_index, s in enumerate(system):
            if g.doc_id == s.doc_id:
                overlap = len(g.positions & s.positions)
                if overlap:
                    candidates.append((-overlap, g_index, s_index))
    candidates.sort()
    used_gold, used_system, pairs = set(), set(), []
    for _, g_index, s_index in candidates:
        if g_index in used_gold or s_index in used_system:
            continue
        used_gold.add(g_index)
        used_system.add(s_index)
        pairs.append((gold[g_index], system[s_index]))
    return sorted(pairs, key=lambda pair: (pair[0].doc_id, min(pair[0].positions, default=0)))


def pair_counts(aligned: Sequence[tuple[GoldEventMention, SystemEventMention]],
                cluster_of: Mapping[Hashable, Hashable]) -> tuple[PairCounts, PairCounts]:
    """``(within-document, across-documents)`` pair counts of a clustering of aligned mentions.

    A system mention missing from ``cluster_of`` is an event of its own.
    """
    within, across = [0, 0, 0], [0, 0, 0]
    for (g1, s1), (g2, s2) in combinations(aligned, 2):
        gold_same = g1.instance == g2.instance
        system_same = s1.ref in cluster_of and s2.ref in cluster_of and cluster_of[s1.ref] == cluster_of[s2.ref]
        counts = within if g1.doc_id == g2.doc_id else across
        counts[0] += gold_same and system_same
        counts[1] += system_same
        counts[2] += gold_same
    return PairCounts(*within), PairCounts(*across)


def score_merge(gold: Iterable[GoldEventMention], system: Iterable[SystemEventMention],
                cluster_of: Mapping[Hashable, Hashable]) -> MergeReport:
    """Pairwise same-event figures of ``cluster_of`` (system ref -> event id), with baselines."""
    gold, system = list(gold), list(system)
    aligned = align(gold, system)
    within, across = pair_counts(aligned, cluster_of)
    baselines = {}
    for name, clustering in baseline_clusterings(system).items():
        b_within, b_across = pair_counts(aligned, clustering)
        baselines[name] = b_within + b_across
    return MergeReport(within + across, within, across, len(gold), len(system), len(aligned), baselines)


def baseline_clusterings(system: Sequence[SystemEventMention]) -> dict[str, dict[Hashable, Hashable]]:
    """Reference clusterings: every mention alone, and one event per trigger lemma."""
    return {
        "singletons": {m.ref: index for index, m in enumerate(system)},
        "same_lemma": {m.ref: m.lemma for m in system if m.lemma},
    }
