"""Finding time expressions: run the compiled rules, veto with blockers, keep the best spans.

Recognition is separate from normalisation (as spaCy separates matching from writing), so it can
be tested alone: :func:`find_candidates` gives every rule match, :func:`select` the
non-overlapping ones (longest first, then priority), :func:`is_blocked` applies the vetoes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from spacy.tokens import Doc

from dateline.timex import scan
from dateline.timex.rules import Blocker, Rule, RuleSet, normalise_words


@dataclass(frozen=True)
class Candidate:
    """One rule match: char span into the text and the raw text of each named group."""

    start: int
    end: int
    rule: Rule
    groups: tuple[tuple[str, str], ...]

    @property
    def length(self) -> int:
        return self.end - self.start


def find_candidates(text: str, ruleset: RuleSet) -> list[Candidate]:
    """Every match of every rule (a rule's matches do not overlap each other; rules may).

    Each rule is one precompiled regex run once over the text (no per-token loops); a rule none
    of whose required words is in the text is not run at all (it cannot match: ``timex.scan``).
    """
    found = []
    folded = scan.folded(text)
    for rule in ruleset.rules:
        if not scan.may_match(rule.required, folded):
            continue
        for match in rule.regex.finditer(text):
            if match.end() == match.start():
                continue
            groups = tuple((k, v) for k, v in match.groupdict().items() if v is not None)
            found.append(Candidate(match.start(), match.end(), rule, groups))
    return found


def select(candidates: list[Candidate]) -> list[Candidate]:
    """Non-overlapping candidates: the longest wins, then the higher priority; sorted by start."""
    chosen: list[Candidate] = []
    taken: list[tuple[int, int]] = []
    for cand in sorted(candidates, key=lambda c: (-c.length, -c.rule.priority, c.start)):
        if any(cand.start < end and start < cand.end for start, end in taken):
            continue
        chosen.append(cand)
        taken.append((cand.start, cand.end))
    return sorted(chosen, key=lambda c: c.start)


def is_blocked(cand: Candidate, doc: Doc, text: str, blockers: tuple[Blocker, ...]) -> str | None:
    """The id of the first blocker that vetoes the candidate, or ``None``; ``text`` is ``doc.text``."""
    for blocker in blockers:
        if blocker.rules is not None and cand.rule.id not in blocker.rules:
            continue
        if blocker.text is not None and not blocker.text.match(text, cand.start, cand.end):
            continue
        if blocker.before is not None and not blocker.before.search(text[max(0, cand.start - 40):cand.start]):
            continue
        if blocker.after is not None and not blocker.after.match(text, cand.end, min(len(text), cand.end + 40)):
            continue
        if blocker.tags is not None or blocker.pos is not None:
            span = doc.char_span(cand.start, cand.end, alignment_mode="expand")
            if span is None or len(span) == 0:
                continue
            first = span[0]
            if blocker.tags is not None and first.tag_ not in blocker.tags:
                continue
            if blocker.pos is not None and first.pos_ not in blocker.pos:
                continue
        return blocker.id
    return None


# ---- slot values --------------------------------------------------------------------------------

_ORDINAL_SUFFIX = re.compile(r"(?:st|nd|rd|th)$", re.IGNORECASE)


def parse_number(text: str, numbers: dict[str, str]) -> float | str | None:
    """``24``, ``1,000``, ``twenty-four``, ``a couple of`` -> a number; vague counts -> ``"X"``."""
    cleaned = text.replace(",", "").strip()
    half = re.match(r"(\d+)\s*(?:1/2|\u00bd)$", cleaned)
    if half:
        return int(half.group(1)) + 0.5
    try:
        return float(cleaned)
    except ValueError:
        pass
    key = normalise_words(text)
    if key in numbers:
        value = numbers[key]
        return "X" if value == "X" else float(value)
    total = 0.0
    for part in re.split(r"[\s-]+", key):
        value = numbers.get(part)
        if value is None or value == "X":
            return None
        total += float(value)
    return total


def two_digit_year(text: str) -> int:
    """``'89`` -> 1989, ``'05`` -> 2005 (the window news corpora need)."""
    n = int(text.lstrip("'\u2019"))
    return 1900 + n if n >= 30 else 2000 + n


def slot_values(cand: Candidate, ruleset: RuleSet) -> dict[str, Any] | None:
    """Named groups converted to values through their word list or macro; None if unreadable."""
    values: dict[str, Any] = {}
    slots = cand.rule.slots
    for group, raw in cand.groups:
        source = slots.get(group)
        if source is None:
            values[group] = _raw_group_value(group, raw, ruleset)
        elif source == "number":
            number = parse_number(raw, ruleset.words["numbers"])
            if number is None:
                return None
            values[group] = number
        elif source == "year":
            values[group] = int(raw)
        elif source == "yy":
            values[group] = two_digit_year(raw)
        elif source == "day":
            values[group] = int(_ORDINAL_SUFFIX.sub("", raw))
        elif source in ("hour", "hour24", "minute"):
            values[group] = int(raw)
        elif source == "digits":
            values[group] = float(raw.replace(",", ""))
        else:
            value = ruleset.words[source].get(normalise_words(raw).rstrip("-"))
            if value is None:
                value = ruleset.words[source].get(normalise_words(raw).rstrip("-").rstrip("."))
            if value is None:
                return None
            values[group] = value
    return values


def _raw_group_value(group: str, raw: str, ruleset: RuleSet) -> Any:
    """A plain named group; one named like a word list (``units``, ``units2``) is looked up there."""
    name = group.rstrip("0123456789")
    words = ruleset.words.get(name)
    if words is not None:
        value = words.get(normalise_words(raw))
        if value is not None:
            return value
    return raw
