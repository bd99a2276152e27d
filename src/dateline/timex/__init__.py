"""The temporal tagger: find TIMEX3 expressions in a parsed article and give their TimeML values.

``tag(doc, reference_date)`` runs the data-driven rules of ``resources/timex/`` over ``doc.text``,
vetoes false matches with blockers and the parse, keeps the longest non-overlapping spans and
normalises them from left to right, so that narrative expressions ("the following day") can be
anchored on the last date mentioned. Relative expressions need the reference date: without one
they keep underspecified values (``XXXX-WXX``, ``PRESENT_REF``); the wall clock is never read.

Example::

    >>> from datetime import date
    >>> [(t.text, t.value) for t in tag_text("He met her on Wednesday.", date(2018, 9, 27))]
    [('Wednesday', '2018-09-26')]
"""

from __future__ import annotations

from datetime import date

from spacy.tokens import Doc

from dateline.timex.context import CUED, FUTURE, FUTURE_IN_PAST, Context, is_history, is_narrative
from dateline.timex.normalize import NORMALISERS, Resolved
from dateline.timex.recognize import Candidate, find_candidates, is_blocked, select, slot_values
from dateline.timex.rules import ResourceError, Rule, RuleSet, default_ruleset
from dateline.timex.values import PartialDate, is_timeml_value
from dateline.types import Timex

__all__ = ["tag", "tag_text", "is_timeml_value", "ResourceError", "PartialDate"]


def tag(doc: Doc, reference_date: date | None) -> tuple[Timex, ...]:
    """All time expressions of ``doc``: sorted, non-overlapping, with TimeML values."""
    ruleset = default_ruleset()
    text = doc.text  # built from the tokens on every access: read it once
    candidates = [c for c in find_candidates(text, ruleset)
                  if is_blocked(c, doc, text, ruleset.blockers) is None]
    if not is_history(reference_date, _explicit_years(select(candidates))):
        # rules for the conventions of long running history ("former" is PAST_REF in WikiWars,
        # untagged in news) apply only to such texts
        candidates = [c for c in candidates if not c.rule.args.get("narrative_only")]
    for _ in range(50):  # a failed normalisation drops that reading and reselects (rare)
        result = _normalise_all(select(candidates), doc, text, reference_date, ruleset)
        if isinstance(result, tuple):
            return result
        candidates.remove(result)
    return ()


def tag_text(text: str, reference_date: date | None) -> tuple[Timex, ...]:
    """Parse ``text`` with the shared pipeline, then :func:`tag` it."""
    from dateline.nlp import load_pipeline

    return tag(load_pipeline()(text), reference_date)


def _explicit_years(chosen: list[Candidate]) -> list[int]:
    """The years written in the chosen candidates (what tells history from news); BC years
    ("490 BC") count as the negative years they are."""
    years = []
    for cand in chosen:
        groups = dict(cand.groups)
        if "year" in groups and cand.rule.slots.get("year") == "year":
            years.append(int(groups["year"]))
        era = groups.get("era", "")
        if groups.get("bc", "").isdigit() and era[:1].upper() == "B":
            years.append(1 - int(groups["bc"]))
    return years


def _normalise_all(chosen: list[Candidate], doc: Doc, text: str, reference_date: date | None,
                   ruleset: RuleSet) -> tuple[Timex, ...] | Candidate:
    """Timexes for the chosen candidates, or the first candidate that could not be normalised."""
    years = _explicit_years(chosen)
    context = Context(doc=doc, reference=reference_date, narrative=is_narrative(reference_date, years),
                      forward_cue=ruleset.forward_cue, text=text)
    timexes = []
    for cand in chosen:
        resolved = _normalise(cand, context.at((cand.start, cand.end)), ruleset)
        if resolved is None:
            return cand
        if _anchors_narrative(resolved, context, cand.rule):
            context.last_date = resolved.date
        timexes.append(Timex(
            span=(cand.start, cand.end), text=text[cand.start:cand.end],
            type=resolved.type or cand.rule.type, value=resolved.value, mod=resolved.mod,
            anchor=resolved.anchor.isoformat() if resolved.anchor else None, rule=cand.rule.id,
            quant=resolved.quant, freq=resolved.freq,
        ))
    return tuple(timexes)


#: Normalisers whose value is counted from another date; in news they never anchor what follows.
_DERIVED = frozenset({"offset", "anaphoric", "anaphoric_unit", "relative_unit", "vague_offset",
                      "same_time"})


def _anchors_narrative(resolved: Resolved, context: Context, rule: Rule) -> bool:
    """Whether a value becomes the anchor of what follows: a calendar date with a year; in running
    history only one that did not come from the reference date (a plan mentioned in passing
    must not drag the rest of the story into the present)."""
    p = resolved.date
    if p is None or p.year is None or p.granularity in ("decade", "century"):
        return False
    if not context.narrative and rule.normalize in _DERIVED:
        return False  # in news "a year ago" is counted from the article's date: no chaining
    last = context.last_date
    if context.narrative and p.granularity == "year" and last is not None and \
            last.granularity != "year" and context.direction() in (FUTURE, FUTURE_IN_PAST, CUED):
        return False  # "the big push planned for 1976" does not move the story to 1976
    if context.narrative and not resolved.explicit and context.reference is not None:
        return resolved.anchor is None or resolved.anchor != context.reference
    return True


def _normalise(cand: Candidate, context: Context, ruleset: RuleSet) -> Resolved | None:
    slots = slot_values(cand, ruleset)
    if slots is None:
        return None
    resolved = NORMALISERS[cand.rule.normalize](slots, context, cand.rule.args)
    if resolved is None or not is_timeml_value(resolved.value):
        return None
    return resolved
