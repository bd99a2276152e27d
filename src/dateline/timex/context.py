"""Which way a relative expression points, and what it is anchored on.

Two questions every relative expression raises: past or future ("met on Wednesday" is the last
Wednesday, "will travel in October" the coming October), answered from the governing verb in the
spaCy parse; and relative to what ("the following day" in a history of 1944 is the day after the
last date mentioned, not after the article's date), answered by remembering the last explicit
calendar date as the tagger walks the text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Literal

from spacy.tokens import Doc, Token

from dateline.timex.values import PartialDate

Direction = Literal[-1, 0, 1]
PAST, UNKNOWN, FUTURE, PRESENT, CUED, FUTURE_IN_PAST = -1, 0, 1, 2, 3, 4
#: CUED: a forward cue ("payable", "until") says the verb's tense does not apply: take the nearest.

_FUTURE_AUX = frozenset({"will", "'ll", "shall", "wo", "may", "should", "must", "can", "ca"})
#: Future seen from the past ("would follow him on 16 October"): ahead, but history goes on.
_FUTURE_IN_PAST_AUX = frozenset({"would", "'d", "could", "might"})
_PERFECT_AUX = frozenset({"has", "have", "had", "'ve", "'s"})
_PAST_TAGS = frozenset({"VBD"})
_PRESENT_TAGS = frozenset({"VBZ", "VBP"})
#: Narrative mode: a mentioned year at least this far from the reference date anchors months
#: and weekdays instead of the reference date (history, not news).
NARRATIVE_YEARS = 2
#: ... and at least this many such years are mentioned (one old year in a news story is not history).
NARRATIVE_MIN_YEARS = 3


def governing_verb(doc: Doc, start: int, end: int) -> Token | None:
    """The verb the expression at ``start:end`` hangs from, following heads up a few steps."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    token = span.root
    for _ in range(6):
        if token.pos_ in ("VERB", "AUX") and token.dep_ not in ("amod", "compound"):
            return token
        if token.head is token:
            break
        token = token.head
    # No verb above it (a parse through numbers and nouns): the sentence's first finite verb.
    for candidate in span.sent:
        if candidate.tag_ in ("VBD", "VBZ", "VBP", "MD"):
            return candidate.head if candidate.tag_ == "MD" else candidate
    return None


# How many infinitive levels ("wants to try to meet") are climbed to find the tense that governs.
MAX_MATRIX_LEVELS = 4


def verb_direction(verb: Token, _level: int = 0) -> int:
    """PAST for past tense or perfect, FUTURE for will/going to/modals/infinitives, else present.

    Returns UNKNOWN only when nothing in the verb group says anything (e.g. a bare participle).
    """
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    aux_words = {a.lower_ for a in auxes}
    if aux_words & _FUTURE_AUX:
        return FUTURE
    if aux_words & _FUTURE_IN_PAST_AUX:
        return FUTURE_IN_PAST
    if verb.head.lower_ == "going" and verb.dep_ == "xcomp":
        return FUTURE
    if verb.tag_ in _PAST_TAGS or any(a.tag_ in _PAST_TAGS for a in auxes):
        return PAST
    if verb.tag_ == "VBN" and aux_words & _PERFECT_AUX:
        return PAST
    if "to" in aux_words or any(a.tag_ == "TO" for a in auxes):
        # an infinitive points ahead of its matrix verb: "plans to meet Friday" is future,
        # "was due to expire Friday" is unknown (the nearest Friday)
        matrix = verb.head
        if matrix is not verb and matrix.pos_ in ("VERB", "AUX", "ADJ", "NOUN"):
            matrix_verb = matrix if matrix.pos_ in ("VERB", "AUX") else matrix.head
            if matrix_verb.pos_ in ("VERB", "AUX") and matrix_verb is not verb and \
                    _level < MAX_MATRIX_LEVELS and verb_direction(matrix_verb, _level + 1) == PAST:
                return UNKNOWN
        return FUTURE
    if verb.tag_ in _PRESENT_TAGS or any(a.tag_ in _PRESENT_TAGS for a in auxes):
        return FUTURE if verb.tag_ == "VBG" or verb.tag_ == "VB" else PRESENT
    if verb.tag_ == "VBN":
        return PAST
    return UNKNOWN


@dataclass
class Context:
    """What a normaliser may know besides the matched words.

    ``last_date`` is the last explicit calendar date tagged so far (the narrative anchor).
    Direction is computed on demand, so rules that do not need the parse do not pay for it.
    """

    doc: Doc
    reference: date | None
    last_date: PartialDate | None = None
    narrative: bool = False
    forward_cue: "re.Pattern[str] | None" = None
    text: str = ""
    span: tuple[int, int] = (0, 0)
    _direction: int | None = field(default=None, repr=False)

    def at(self, span: tuple[int, int]) -> "Context":
        self.span = span
        self._direction = None
        return self

    def direction(self) -> int:
        """PAST, FUTURE, FUTURE_IN_PAST, PRESENT, UNKNOWN (see :func:`verb_direction`) or CUED."""
        if self._direction is None:
            start = self.span[0]
            if self.forward_cue is not None and self.forward_cue.search(self.text[max(0, start - 30):start]):
                self._direction = CUED  # "payable Dec. 15": the tense of "declared" says nothing
            else:
                verb = governing_verb(self.doc, *self.span)
                self._direction = verb_direction(verb) if verb is not None else UNKNOWN
        return self._direction

    def narrative_date(self) -> date | None:
        """The last mentioned date when the text is running history rather than news."""
        if self.last_date is None or not (self.narrative or self.reference is None):
            return None
        if self.reference is not None and self.direction() == FUTURE:
            return None  # history is told in the past; a plan in a story about history is news
        return self.last_date.as_date()

    def narrative_year(self) -> int | None:
        """The year of the last mentioned date in running history, BC years included (which
        :class:`datetime.date` cannot hold, so they have no narrative date)."""
        if self.last_date is None or self.last_date.year is None:
            return None
        if not (self.narrative or self.reference is None):
            return None
        if self.reference is not None and self.direction() == FUTURE:
            return None
        return self.last_date.year

    def calendar_anchor(self) -> date | None:
        """The date that completes a yearless date: narrative anchor, else the reference date."""
        return self.narrative_date() or self.reference

    def anaphoric_anchor(self) -> date | None:
        """What "the following day"/"a week later" count from: the last date, else the reference."""
        if self.last_date is not None:
            anchor = self.last_date.as_date()
            if anchor is not None:
                return anchor
        return self.reference


def is_narrative(reference: date | None, years: list[int]) -> bool:
    """Running history: most explicit years lie far from the reference date (WikiWars vs news).

    In news the reference date anchors yearless dates even if an old year is mentioned once.
    """
    if reference is None:
        return True
    if not years:
        return False
    far = sum(1 for year in years if abs(year - reference.year) >= NARRATIVE_YEARS)
    return far >= NARRATIVE_MIN_YEARS and far * 2 > len(years)


#: Long running history (a war told year by year): at least this many far years are mentioned.
#: Conventions of such texts that news corpora do not share ("former" tagged PAST_REF) apply only
#: here; a news story looking back over a few old years stays below (TBAQ: at most 12).
HISTORY_MIN_YEARS = 15


def is_history(reference: date | None, years: list[int]) -> bool:
    """Narrative (see :func:`is_narrative`) and long: many explicit years far from the reference."""
    if reference is None:
        return True
    far = sum(1 for year in years if abs(year - reference.year) >= NARRATIVE_YEARS)
    return is_narrative(reference, years) and far >= HISTORY_MIN_YEARS
