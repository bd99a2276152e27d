"""When an event happened: the time expression governing its clause, else the report, else the article.

The order of evidence, strongest first:

* ``timex``: a DATE or TIME expression whose syntactic head attaches to the trigger without
  crossing into another clause ("met on Wednesday", "At their June summit ... signed"); a
  preposition before it sets the TimeML mod ("by January" ON_OR_BEFORE, "after" AFTER).
* ``report``: the event sits in a reported clause without a time of its own, and the reporting
  verb has one ("X met Y, the ministry said on Monday"): the event is dated by the report, with mod
  AFTER for planned events and ON_OR_BEFORE for past ones, which is all the text says.
* ``reference``: neither exists, and the article has a reference date: GDELT's convention (date an
  event by its article), made explicit by the source and the same mods; an asserted verb without
  past tense either ("Jobs resigns" in a headline) is APPROX, about the article's date.
* ``none``: no reference date, or a hypothetical event without a time (nothing can be said).

Durations, sets and undetermined values (``PRESENT_REF`` is read as the reference date) never date
an event.
"""

from __future__ import annotations

import re
from datetime import date

from spacy.tokens import Doc, Token

from dateline.types import EventTime, Modality, Precision, Timex

DATING_TYPES = frozenset({"DATE", "TIME"})
MAX_STEPS = 6
# Prepositions that make a time a bound rather than the event's own time.
BOUND_PREPOSITIONS = {"by": "ON_OR_BEFORE", "before": "BEFORE", "until": "ON_OR_BEFORE",
                      "after": "AFTER", "since": "ON_OR_AFTER", "from": "ON_OR_AFTER"}
_PRECISION_PATTERNS: tuple[tuple[re.Pattern[str], Precision], ...] = (
    (re.compile(r"\d{4}-\d{2}-\d{2}T"), "time"),
    (re.compile(r"\d{4}-\d{2}-\d{2}$"), "day"),
    (re.compile(r"\d{4}-W\d{2}"), "week"),
    (re.compile(r"\d{4}-\d{2}$"), "month"),
    (re.compile(r"\d{4}-Q\d$"), "quarter"),
    (re.compile(r"\d{4}-H\d$"), "quarter"),
    (re.compile(r"\d{4}-(SP|SU|FA|WI)$"), "season"),
    (re.compile(r"\d{4}$"), "year"),
    (re.compile(r"\d{3}$"), "decade"),
    (re.compile(r"\d{2}$"), "century"),
)
_DATED_VALUE = re.compile(r"\d{2,4}")


def precision_of(value: str) -> Precision:
    """The granularity of a TimeML value ("2018-W38" is a week, "2018-10" a month)."""
    for pattern, precision in _PRECISION_PATTERNS:
        if pattern.match(value):
            return precision
    return "unknown"


def timex_head(doc: Doc, timex: Timex) -> Token | None:
    """The token of the time expression whose head lies outside it (its syntactic head)."""
    span = doc.char_span(timex.span[0], timex.span[1], alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    return span.root


def _path_to(trigger: Token, head: Token, within: range) -> int | None:
    """Steps from a timex head up to the trigger, or None when another clause intervenes."""
    node = head
    for step in range(1, MAX_STEPS + 1):
        if node.head.i == node.i:
            return None
        node = node.head
        if node.i == trigger.i:
            return step
        if node.i in within:
            continue
        if node.pos_ in {"VERB", "AUX"}:
            return None
    return None


def _bound_mod(head: Token) -> str | None:
    prep = head.head if head.dep_ == "pobj" else None
    if prep is not None and prep.dep_ in {"prep", "agent"}:
        return BOUND_PREPOSITIONS.get(prep.lower_)
    return None


def _usable(timex: Timex, skip: tuple[int, int] | None) -> bool:
    if timex.type not in DATING_TYPES:
        return False
    if skip and skip[0] <= timex.span[0] < skip[1]:
        return False
    return bool(_DATED_VALUE.match(timex.value)) or timex.value == "PRESENT_REF"


def governing_timex(trigger: Token, timexes: tuple[Timex, ...],
                    skip: tuple[int, int] | None = None) -> tuple[Timex, Token] | None:
    """The nearest DATE/TIME expression attached to the trigger's clause, with its head token."""
    doc = trigger.doc
    best: tuple[int, Timex, Token] | None = None
    sentence = trigger.sent
    for timex in timexes:
        if not (sentence.start_char <= timex.span[0] < sentence.end_char) or not _usable(timex, skip):
            continue
        head = timex_head(doc, timex)
        if head is None:
            continue
        if head.i == trigger.i:
            steps: int | None = 0
        else:
            steps = _path_to(trigger, head, range(trigger.i, trigger.i + 1))
        if steps is not None and (best is None or steps < best[0]):
            best = (steps, timex, head)
    return (best[1], best[2]) if best else None


def _value(timex: Timex, reference_date: date | None) -> str | None:
    if timex.value == "PRESENT_REF":
        return reference_date.isoformat() if reference_date else None
    return timex.value


def _tense_mod(trigger: Token, modality: Modality) -> str | None:
    if modality == "planned":
        return "AFTER"
    if trigger.tag_ in {"VBD", "VBN"} or any(c.dep_ == "aux" and c.tag_ == "VBD" for c in trigger.children):
        return "ON_OR_BEFORE"
    return None


def time_of(trigger: Token, timexes: tuple[Timex, ...], reference_date: date | None,
            modality: Modality, report_verb: Token | None = None,
            skip: tuple[int, int] | None = None, is_report_act: bool = False) -> EventTime:
    """The time of the event whose trigger is ``trigger`` (see the module docstring).

    ``report_verb`` is the verb of the reporting clause governing the event, if any;
    ``is_report_act`` marks mentions that *are* the report (a demand made by saying it), which
    take the report's time without a mod.
    """
    if not is_report_act:
        own = governing_timex(trigger, timexes, skip)
        if own is not None:
            timex, head = own
            value = _value(timex, reference_date)
            if value is not None:
                return EventTime(value, precision_of(value), "timex", _bound_mod(head) or timex.mod,
                                 timex.span)
    if report_verb is not None:
        reported = governing_timex(report_verb, timexes, skip)
        if reported is not None:
            timex, _ = reported
            value = _value(timex, reference_date)
            if value is not None:
                mod = timex.mod if is_report_act else _tense_mod(trigger, modality)
                return EventTime(value, precision_of(value), "report", mod, timex.span)
    if reference_date is None or (modality == "hypothetical" and not is_report_act):
        return EventTime(None, "unknown", "none")
    mod = None if is_report_act else _tense_mod(trigger, modality)
    if mod is None and modality == "asserted" and not is_report_act and trigger.pos_ in ("VERB", "AUX"):
        # Nothing dates the event and its verb has no past tense either: a headline's present
        # ("Jobs resigns", published the day after he did) or an infinitive. News of the day:
        # about the article's date (merging reads APPROX as a day either way), not exactly on it.
        # A noun ("the bilateral dialogue ... had stagnated") often names a process, not the
        # day's news: it keeps the article's date, so that it is not merged into a dated meeting.
        mod = "APPROX"
    return EventTime(reference_date.isoformat(), "day", "reference", mod)
