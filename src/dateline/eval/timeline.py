"""Scoring entity timelines as SemEval-2015 Task 4 (TimeLine) does: TempEval-3 temporal awareness.

A timeline file is the entity name on the first line, then ``ordinal<TAB>date<TAB>mention...``
lines. To be scored, a timeline becomes a temporal graph (``timeline_links``):

- mentions on one line are the same event told twice: ``SIMULTANEOUS``;
- lines with the same ordinal are ``SIMULTANEOUS``; an ordinal is ``BEFORE`` the next one;
- a date anchors its mentions: the date (a node ``T:<value>``) ``INCLUDES`` each of them;
- ordinal 0 holds the events that could not be placed: they get no order and no anchor, only
  the ``SIMULTANEOUS`` links between the mentions of one line;
- ``XXXX-XX-XX`` (or any date starting with ``X``) anchors nothing; a partly known date such
  as ``2008-03-XX`` anchors to its known part (``2008-03``).

The scores are TempEval-3's temporal awareness (UzZaman & Allen 2011; UzZaman et al. 2013):
``P = |Sys⁻ ∩ Gold⁺| / |Sys⁻|``, ``R = |Gold⁻ ∩ Sys⁺| / |Gold⁻|``, where ``⁺`` is the transitive
closure and ``⁻`` the reduced graph (the fewest links with the same closure).

Deviations from the official tools, on purpose and small:
- mention ids are compared case-insensitively (the gold writes ``16900-2-pre-orders`` for the
  token ``Pre-orders``); nothing else is normalised;
- the closure is computed with the point-free composition table of the three relations used
  (``BEFORE``, ``SIMULTANEOUS``, ``INCLUDES`` and inverses) instead of Allen's full algebra
  through a Timegraph; for these relations the two agree;
- where a reduced graph is not unique (a set of simultaneous events can be chained in several
  ways) the members of a class are chained in sorted order and a class is represented by its
  smallest member: deterministic, but another valid choice could change a score slightly;
- the corpus figure is micro-averaged: counts are summed over all timelines before dividing.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from itertools import pairwise

from dateline.eval import f_measure

BEFORE = "BEFORE"
SIMULTANEOUS = "SIMULTANEOUS"
INCLUDES = "INCLUDES"

Link = tuple[str, str, str]
"""``(source, relation, target)`` in canonical form (see ``canonical_link``)."""

# Internal directed relations: B before, A after, S simultaneous, I includes, D during.
_INVERSE = {"B": "A", "A": "B", "S": "S", "I": "D", "D": "I"}
_COMPOSE = {
    ("B", "B"): "B", ("A", "A"): "A",
    ("I", "I"): "I", ("D", "D"): "D",
    ("B", "I"): "B",  # a < b, b contains c: a < c
    ("D", "B"): "B",  # a inside b, b < c: a < c
    ("A", "I"): "A",
    ("D", "A"): "A",
}
_TO_INTERNAL = {BEFORE: "B", SIMULTANEOUS: "S", INCLUDES: "I"}


class TimelineFormatError(ValueError):
    """A timeline file that does not follow the task format; names the file and line."""

    def __init__(self, origin: str, line: int | None, message: str):
        self.origin, self.line, self.message = origin, line, message
        where = f"{origin}:{line}" if line is not None else origin
        super().__init__(f"{where}: {message}")


@dataclass(frozen=True)
class TimelineEntry:
    """One line of a timeline: its ordinal, its date (TimeML value or ``XXXX-XX-XX``), mentions."""

    ordinal: int
    date: str
    mentions: tuple[str, ...]


@dataclass(frozen=True)
class Timeline:
    entity: str
    entries: tuple[TimelineEntry, ...] = ()


@dataclass(frozen=True)
class Awareness:
    """Temporal awareness counts and scores of one comparison (or a sum of several)."""

    precision_hits: int
    system_reduced: int
    recall_hits: int
    gold_reduced: int

    @property
    def precision(self) -> float:
        return self.precision_hits / self.system_reduced if self.system_reduced else 0.0

    @property
    def recall(self) -> float:
        return self.recall_hits / self.gold_reduced if self.gold_reduced else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return f_measure(p, r)

    def __add__(self, other: "Awareness") -> "Awareness":
        return Awareness(
            self.precision_hits + other.precision_hits,
            self.system_reduced + other.system_reduced,
            self.recall_hits + other.recall_hits,
            self.gold_reduced + other.gold_reduced,
        )

    def as_dict(self) -> dict[str, float | int]:
        return {
            "precision": self.precision,
            "recall": self.recall,
            "f1": self.f1,
            "system_links": self.system_reduced,
            "gold_links": self.gold_reduced,
        }


EMPTY_AWARENESS = Awareness(0, 0, 0, 0)


# --- the file format ---------------------------------------------------------------------------


def parse_timeline(text: str, origin: str = "<timeline>") -> Timeline:
    """Read a timeline file; raises ``TimelineFormatError`` naming the line that is wrong."""
    lines = text.splitlines()
    if not lines or not lines[0].strip():
        raise TimelineFormatError(origin, 1, "the first line must be the entity name")
    entries = []
    for number, line in enumerate(lines[1:], start=2):
        if not line.strip():
            continue
        fields = line.rstrip("\n").split("\t")
        fields = [f.strip() for f in fields if f.strip()]
        if len(fields) < 3:
            raise TimelineFormatError(origin, number, "expected ordinal<TAB>date<TAB>mention[<TAB>mention...]")
        if not fields[0].lstrip("-").isdigit():
            raise TimelineFormatError(origin, number, f"the ordinal {fields[0]!r} is not a number")
        entries.append(TimelineEntry(int(fields[0]), fields[1], tuple(fields[2:])))
    return Timeline(lines[0].strip(), tuple(entries))


def format_timeline(timeline: Timeline) -> str:
    """The task's file format: entity name, then one ``ordinal TAB date TAB mentions`` line each."""
    lines = [timeline.entity]
    lines.extend(
        "\t".join([str(entry.ordinal), entry.date, *entry.mentions]) for entry in timeline.entries
    )
    return "\n".join(lines) + "\n"


# --- timeline -> graph ---------------------------------------------------------------------------


def anchor_value(date: str) -> str | None:
    """The date a timeline line is anchored to, or ``None`` for an undated line.

    ``2008-03-XX`` anchors to ``2008-03``, ``2010-XX-XX`` to ``2010``; a value starting with
    ``X`` (``XXXX-XX-XX``, and the gold's typo ``XXX-XX-XX``) anchors nothing.
    """
    parts = date.strip().split("-")
    known = []
    for part in parts:
        if not part or "X" in part.upper():
            break
        known.append(part)
    return "-".join(known) or None


def event_node(mention: str) -> str:
    return f"E:{mention.lower()}"


def date_node(value: str) -> str:
    return f"T:{value}"


def canonical_link(source: str, relation: str, target: str) -> Link:
    """One spelling per fact: AFTER/IS_INCLUDED are turned around, SIMULTANEOUS pairs sorted."""
    relation = relation.upper()
    if relation == "AFTER":
        return (target, BEFORE, source)
    if relation in ("IS_INCLUDED", "DURING"):
        return (target, INCLUDES, source)
    if relation == SIMULTANEOUS and target < source:
        return (target, SIMULTANEOUS, source)
    return (source, relation, target)


def timeline_links(timeline: Timeline) -> frozenset[Link]:
    """The temporal graph of a timeline (see the module docstring for the conversion)."""
    links: set[Link] = set()
    groups: dict[int, list[TimelineEntry]] = defaultdict(list)
    for entry in timeline.entries:
        nodes = [event_node(m) for m in entry.mentions]
        links.update(canonical_link(a, SIMULTANEOUS, b) for a, b in pairwise(nodes) if a != b)
        if entry.ordinal <= 0:
            continue
        groups[entry.ordinal].append(entry)
        anchor = anchor_value(entry.date)
        if anchor:
            links.update((date_node(anchor), INCLUDES, node) for node in nodes)
    heads = []
    for ordinal in sorted(groups):
        entries = groups[ordinal]
        first_nodes = [event_node(entry.mentions[0]) for entry in entries]
        links.update(canonical_link(a, SIMULTANEOUS, b) for a, b in pairwise(first_nodes) if a != b)
        heads.append(first_nodes[0])
    links.update((a, BEFORE, b) for a, b in pairwise(heads) if a != b)
    return frozenset(links)


# --- closure and reduction -----------------------------------------------------------------------


@dataclass(frozen=True)
class _Graph:
    """A closed graph: simultaneous classes and the closed relations between them.

    ``SIMULTANEOUS`` only ever follows from ``SIMULTANEOUS`` links, so the classes are the
    connected components of those links; ``BEFORE``/``INCLUDES`` are then closed on the (small)
    graph of classes instead of on every pair of mentions.
    """

    members: dict[str, tuple[str, ...]]  # representative -> sorted members
    between: dict[tuple[str, str], frozenset[str]]  # (class, class) -> internal relations "B"/"I"


def _close(links) -> _Graph:
    parent: dict[str, str] = {}

    def find(node: str) -> str:
        parent.setdefault(node, node)
        while parent[node] != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    canonical = [canonical_link(*link) for link in links]
    for source, relation, target in canonical:
        find(source), find(target)
        if relation == SIMULTANEOUS:
            parent[find(source)] = find(target)
    groups: dict[str, list[str]] = defaultdict(list)
    for node in parent:
        groups[find(node)].append(node)
    representative = {}
    members = {}
    for nodes in groups.values():
        ordered = tuple(sorted(nodes))
        members[ordered[0]] = ordered
        representative.update((node, ordered[0]) for node in ordered)
    facts: dict[tuple[str, str], set[str]] = defaultdict(set)
    outgoing: dict[str, set[str]] = defaultdict(set)
    queue: list[tuple[str, str, str]] = []

    def add(a: str, r: str, b: str) -> None:
        if a == b or r in facts[(a, b)]:
            return
        for x, rel, y in ((a, r, b), (b, _INVERSE[r], a)):
            facts[(x, y)].add(rel)
            outgoing[x].add(y)
            queue.append((x, rel, y))

    for source, relation, target in canonical:
        if relation != SIMULTANEOUS:
            add(representative[source], _TO_INTERNAL[relation], representative[target])
    while queue:
        a, r, b = queue.pop()
        for c in list(outgoing[b]):
            for r2 in list(facts[(b, c)]):
                composed = _COMPOSE.get((r, r2))
                if composed:
                    add(a, composed, c)
    between = {
        pair: frozenset(r for r in relations if r in ("B", "I"))
        for pair, relations in facts.items()
        if any(r in ("B", "I") for r in relations)
    }
    return _Graph(members, between)


_NAMES = {"B": BEFORE, "I": INCLUDES}


def _closure_links(graph: _Graph) -> frozenset[Link]:
    result: set[Link] = set()
    for nodes in graph.members.values():
        result.update(
            (a, SIMULTANEOUS, b) for i, a in enumerate(nodes) for b in nodes[i + 1:]
        )
    for (x, y), relations in graph.between.items():
        for r in relations:
            result.update(
                (a, _NAMES[r], b) for a in graph.members[x] for b in graph.members[y]
            )
    return frozenset(result)


def _reduced_links(graph: _Graph) -> frozenset[Link]:
    reduced: set[Link] = set()
    for nodes in graph.members.values():
        reduced.update((a, SIMULTANEOUS, b) for a, b in pairwise(nodes))
    after: dict[str, set[str]] = defaultdict(set)
    for x, y in graph.between:
        after[x].add(y)
    for (x, y), relations in graph.between.items():
        for r in relations:
            if not _carried_by_third(x, r, y, after, graph.between):
                reduced.add((x, _NAMES[r], y))
    return frozenset(reduced)


def _carried_by_third(a: str, r: str, b: str, after, between) -> bool:
    """Whether a third class carries ``a r b`` (``a r1 c``, ``c r2 b``).

    A class in a cycle with ``a`` or ``b`` (a contradictory graph: x < y and y < x) carries
    nothing: the cycle's links would otherwise carry each other away.
    """
    for c in after[a]:
        if c == b or (c, a) in between or (b, c) in between:
            continue
        for r1 in between[(a, c)]:
            for r2 in between.get((c, b), ()):
                if _COMPOSE.get((r1, r2)) == r:
                    return True
    return False


def closure(links) -> frozenset[Link]:
    """Every link that follows from ``links`` (the ``⁺`` graph), in canonical form."""
    return _closure_links(_close(links))


def reduce(links) -> frozenset[Link]:
    """The fewest links with the same closure (the ``⁻`` graph).

    Simultaneous nodes form classes: each class is chained in sorted order and stands for
    itself by its smallest member; a link between classes is dropped when a third class
    carries it (``x r1 z``, ``z r2 y`` composing to ``r``).
    """
    return _reduced_links(_close(links))


# --- scores ------------------------------------------------------------------------------------


def temporal_awareness(system_links, gold_links) -> Awareness:
    """TempEval-3 temporal awareness of a system graph against a gold graph."""
    system_graph, gold_graph = _close(system_links), _close(gold_links)
    system_reduced, gold_reduced = _reduced_links(system_graph), _reduced_links(gold_graph)
    system_closed, gold_closed = _closure_links(system_graph), _closure_links(gold_graph)
    return Awareness(
        precision_hits=len(system_reduced & gold_closed),
        system_reduced=len(system_reduced),
        recall_hits=len(gold_reduced & system_closed),
        gold_reduced=len(gold_reduced),
    )


def score_timeline(system: Timeline, gold: Timeline) -> Awareness:
    """Temporal awareness of one system timeline against the gold timeline of the same entity."""
    return temporal_awareness(timeline_links(system), timeline_links(gold))


@dataclass(frozen=True)
class TimelineScores:
    """Micro-averaged scores over several entities, and each entity's own."""

    total: Awareness
    per_entity: dict[str, Awareness] = field(default_factory=dict)

    def as_dict(self) -> dict:
        return {
            "precision": self.total.precision,
            "recall": self.total.recall,
            "f1": self.total.f1,
            "per_entity": {name: scores.as_dict() for name, scores in self.per_entity.items()},
        }


def score_timelines(pairs) -> TimelineScores:
    """Score ``(system, gold)`` timeline pairs; the total sums the counts (micro average)."""
    per_entity, total = {}, EMPTY_AWARENESS
    for system, gold in pairs:
        scores = score_timeline(system, gold)
        per_entity[gold.entity] = scores
        total = total + scores
    return TimelineScores(total, per_entity)
