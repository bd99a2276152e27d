"""The TempEval-3 entity metrics for time expressions, and the errors to learn from.

Extents are compared as character spans into the same plain text:

- **strict**: a system TIMEX3 matches a gold one when the spans are identical;
- **relaxed**: when they overlap; matching is one-to-one (identical spans pair first, then the
  largest overlaps, earliest first), so one long system span cannot match two gold ones.

Attributes follow the official TempEval-3 scorer: among the relaxed matches, count those whose
attribute (``value`` or ``type``) equals the gold one; precision is that count over the number of
system TIMEX3s, recall the count over the number of gold ones. That is the same as TE3's
"attribute F1 = relaxed F1 x attribute accuracy over relaxed matches", since
``correct / system = (correct / matched) x (matched / system)``.

Figures are micro-averaged over documents (counts are summed, then divided). Where a ratio has
no denominator, it is 1.0 when there was nothing to find and nothing found, else 0.0.

Everything here is a pure function over ``Timex`` values except ``read_pairs``, which pairs two
directories of TimeML files through the TimeML reader.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from dateline.eval import f_measure
from dateline.readers.timeml import read_timeml, timeml_name
from dateline.types import Article, Problem, Timex

ErrorKind = Literal["missed", "spurious", "wrong_extent", "wrong_value", "wrong_type"]
ERROR_KINDS: tuple[ErrorKind, ...] = ("missed", "spurious", "wrong_extent", "wrong_value", "wrong_type")
METRICS = ("strict", "relaxed", "value", "type")

# How much text around an error is shown when no sentence boundary is near.
CONTEXT_CHARS = 160
_SENTENCE_END = re.compile(r"[.!?][\"')\]]*\s+|\n\s*\n")


@dataclass(frozen=True)
class Counts:
    """What is summed over documents: sizes, matches, correct attributes."""

    gold: int = 0
    system: int = 0
    strict: int = 0
    relaxed: int = 0
    value: int = 0
    type: int = 0

    def __add__(self, other: "Counts") -> "Counts":
        return Counts(*(getattr(self, f) + getattr(other, f) for f in ("gold", "system", "strict", "relaxed", "value", "type")))


@dataclass(frozen=True)
class PRF:
    p: float
    r: float
    f1: float

    def as_dict(self) -> dict[str, float]:
        return {"p": self.p, "r": self.r, "f1": self.f1}


@dataclass(frozen=True)
class TimexError:
    """One thing the system got wrong, with what is needed to see why.

    ``span``/``text`` are the gold's when there is a gold TIMEX3, else the system's.
    ``context`` is the sentence around it.
    """

    kind: ErrorKind
    doc_id: str
    span: tuple[int, int]
    text: str
    gold: Timex | None
    system: Timex | None
    context: str

    def as_dict(self) -> dict:
        return {
            "kind": self.kind,
            "doc": self.doc_id,
            "span": list(self.span),
            "text": self.text,
            "gold": timex_summary(self.gold),
            "system": timex_summary(self.system),
            "context": self.context,
        }


@dataclass(frozen=True)
class DocumentScore:
    doc_id: str
    counts: Counts
    errors: tuple[TimexError, ...] = ()


@dataclass(frozen=True)
class Report:
    """The scores of a corpus: micro-averaged figures, per document counts and all errors."""

    counts: Counts
    documents: tuple[DocumentScore, ...] = ()
    errors: tuple[TimexError, ...] = field(default=())

    def figures(self) -> dict[str, PRF]:
        return figures(self.counts)

    def error_counts(self) -> dict[str, int]:
        """How many errors of each kind, to see which class of error to work on first."""
        return {kind: sum(error.kind == kind for error in self.errors) for kind in ERROR_KINDS}

    def as_dict(self, per_document: bool = False) -> dict:
        """The JSON form: ``strict``/``relaxed``/``value``/``type`` each with ``p``, ``r``, ``f1``."""
        result: dict = {name: prf.as_dict() for name, prf in self.figures().items()}
        result["documents"] = len(self.documents)
        result["gold"] = self.counts.gold
        result["system"] = self.counts.system
        result["error_counts"] = self.error_counts()
        if per_document:
            result["per_document"] = {
                doc.doc_id: {name: prf.as_dict() for name, prf in figures(doc.counts).items()}
                | {"gold": doc.counts.gold, "system": doc.counts.system}
                for doc in self.documents
            }
        return result


def timex_summary(timex: Timex | None) -> dict | None:
    if timex is None:
        return None
    return {"span": list(timex.span), "text": timex.text, "type": timex.type, "value": timex.value,
            "mod": timex.mod, "rule": timex.rule}


def ratio(numerator: int, denominator: int, other: int) -> float:
    """``numerator / denominator``; with no denominator, 1.0 if ``other`` is empty too, else 0.0."""
    if denominator:
        return numerator / denominator
    return 1.0 if other == 0 else 0.0


def prf(matched_for_p: int, matched_for_r: int, gold: int, system: int) -> PRF:
    p = ratio(matched_for_p, system, gold)
    r = ratio(matched_for_r, gold, system)
    return PRF(p, r, f_measure(p, r))


def figures(counts: Counts) -> dict[str, PRF]:
    """Precision, recall and F1 of each TempEval-3 metric from summed counts."""
    return {name: prf(getattr(counts, name), getattr(counts, name), counts.gold, counts.system) for name in METRICS}


def overlaps(a: tuple[int, int], b: tuple[int, int]) -> int:
    """Number of characters two spans share."""
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def match_relaxed(gold: Sequence[Timex], system: Sequence[Timex]) -> list[tuple[int, int]]:
    """One-to-one pairs ``(gold index, system index)`` of overlapping TIMEX3s.

    Identical spans pair first; then the remaining overlapping pairs by decreasing overlap, then
    by position, so the result does not depend on the order the tagger emitted them.
    """
    pairs: list[tuple[int, int]] = []
    used_gold: set[int] = set()
    used_system: set[int] = set()
    by_span: dict[tuple[int, int], list[int]] = {}
    for j, timex in enumerate(system):
        by_span.setdefault(timex.span, []).append(j)
    for i, timex in enumerate(gold):
        candidates = [j for j in by_span.get(timex.span, []) if j not in used_system]
        if candidates and timex.span[1] > timex.span[0]:
            pairs.append((i, candidates[0]))
            used_gold.add(i)
            used_system.add(candidates[0])
    candidates_by_overlap = sorted(
        (-overlaps(g.span, s.span), g.span[0], s.span[0], i, j)
        for i, g in enumerate(gold) if i not in used_gold
        for j, s in enumerate(system) if j not in used_system and overlaps(g.span, s.span) > 0
    )
    for _negative, _gs, _ss, i, j in candidates_by_overlap:
        if i in used_gold or j in used_system:
            continue
        pairs.append((i, j))
        used_gold.add(i)
        used_system.add(j)
    return sorted(pairs)


def sentence_context(text: str, span: tuple[int, int]) -> str:
    """The sentence around a span (cut at ``CONTEXT_CHARS`` either side), on one line."""
    start = max(0, span[0] - CONTEXT_CHARS)
    end = min(len(text), span[1] + CONTEXT_CHARS)
    before = text[start : span[0]]
    ends_before = list(_SENTENCE_END.finditer(before))
    if ends_before:
        start += ends_before[-1].end()
    after = _SENTENCE_END.search(text, span[1], end)
    if after:
        end = after.start() + 1
    return " ".join(text[start:end].split())


def score_document(doc_id: str, text: str, gold: Sequence[Timex], system: Sequence[Timex]) -> DocumentScore:
    """Counts and errors of one document; ``text`` is the plain text both spans refer to."""
    gold = sorted(gold, key=lambda t: t.span)
    system = sorted(system, key=lambda t: t.span)
    pairs = match_relaxed(gold, system)
    errors: list[TimexError] = []

    def error(kind: ErrorKind, g: Timex | None, s: Timex | None) -> None:
        anchor = g or s  # every error has a gold or a system TIMEX3, or both
        errors.append(TimexError(kind, doc_id, anchor.span, anchor.text, g, s, sentence_context(text, anchor.span)))

    strict = value = type_ = 0
    for i, j in pairs:
        g, s = gold[i], system[j]
        if g.span == s.span:
            strict += 1
        else:
            error("wrong_extent", g, s)
        if normalise_value(g.value) == normalise_value(s.value):
            value += 1
        else:
            error("wrong_value", g, s)
        if g.type == s.type:
            type_ += 1
        else:
            error("wrong_type", g, s)
    matched_gold = {i for i, _ in pairs}
    matched_system = {j for _, j in pairs}
    for i, g in enumerate(gold):
        if i not in matched_gold:
            error("missed", g, None)
    for j, s in enumerate(system):
        if j not in matched_system:
            error("spurious", None, s)
    errors.sort(key=lambda e: (e.span, ERROR_KINDS.index(e.kind)))
    counts = Counts(len(gold), len(system), strict, len(pairs), value, type_)
    return DocumentScore(doc_id, counts, tuple(errors))


def normalise_value(value: str) -> str:
    """Values are compared as written, ignoring surrounding space (as TempEval-3 does)."""
    return value.strip()


def score_documents(documents: Iterable[tuple[str, str, Sequence[Timex], Sequence[Timex]]]) -> Report:
    """Score ``(doc_id, text, gold, system)`` tuples and sum them into one report."""
    scores = tuple(score_document(*document) for document in documents)
    total = Counts()
    for score in scores:
        total = total + score.counts
    errors = tuple(error for score in scores for error in score.errors)
    return Report(total, scores, errors)


def read_pairs(gold_dir: str | Path, system_dir: str | Path) -> tuple[list[tuple[str, str, tuple[Timex, ...], tuple[Timex, ...]]], list[Problem]]:
    """Pair gold and system TimeML files by name (``.TE3input`` ignored) and read both sides.

    Returns the ``(doc_id, text, gold, system)`` tuples ready for ``score_documents`` and the
    problems: unreadable files, a gold file with no system file, texts that differ.
    """
    gold_articles, problems = read_directory(gold_dir)
    system_articles, system_problems = read_directory(system_dir)
    problems.extend(system_problems)
    documents = []
    for name, gold in sorted(gold_articles.items()):
        system = system_articles.get(name)
        if system is None:
            problems.append(Problem(gold.origin, f"no system file for {name!r} in {system_dir}"))
            continue
        if system.text != gold.text:
            problems.append(Problem(system.origin, f"its <TEXT> differs from the gold's ({gold.origin}) "
                                    f"from character {first_difference(gold.text, system.text)}: offsets cannot be compared"))
            continue
        documents.append((name, gold.text, timexes_of(gold), timexes_of(system)))
    for name, system in sorted(system_articles.items()):
        if name not in gold_articles:
            problems.append(Problem(system.origin, f"no gold file for {name!r} in {gold_dir}; ignored", severity="warning"))
    return documents, problems


def read_directory(directory: str | Path) -> tuple[dict[str, Article], list[Problem]]:
    """Every TimeML file of a directory by document name, and the problems reading them."""
    directory = Path(directory)
    articles: dict[str, Article] = {}
    problems: list[Problem] = []
    if not directory.is_dir():
        return articles, [Problem(str(directory), "not a directory")]
    for path in sorted(directory.iterdir()):
        if not path.is_file() or not (path.name.endswith(".tml") or path.name.endswith(".TE3input")):
            continue
        name = timeml_name(path)
        if name in articles:
            problems.append(Problem(str(path), f"a second file for document {name!r} "
                                    f"(after {articles[name].origin}); ignored", severity="warning"))
            continue
        for item in read_timeml(path):
            if isinstance(item, Problem):
                problems.append(item)
            else:
                articles[name] = item
    return articles, problems


def timexes_of(article: Article) -> tuple[Timex, ...]:
    return article.timeml.gold_timexes if article.timeml else ()


def first_difference(a: str, b: str) -> int:
    """Offset of the first character where two texts differ."""
    for index, (x, y) in enumerate(zip(a, b)):
        if x != y:
            return index
    return min(len(a), len(b))
