"""The plain typed objects that flow between dateline's stages.

Every stage takes these and returns these; none of them knows about files, the network or the
command line.  All are frozen: a stage that wants to add something builds a new object
(``dataclasses.replace``).  Character offsets are always ``(start, end)`` into ``Article.text``,
end exclusive, as Python slices.  Nothing found is an empty tuple, never ``None``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Literal

Span = tuple[int, int]

Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class Problem:
    """Something wrong with the input, reported instead of raised so that a batch goes on.

    ``origin`` names the file (or ``file#record``), ``line`` the 1-based line when known.
    An ``error`` means data was skipped (the run's exit status becomes 1); a ``warning`` means
    the data was kept but is doubtful (e.g. decoded with replacement characters).
    """

    origin: str
    message: str
    line: int | None = None
    severity: Severity = "error"

    def __str__(self) -> str:
        where = f"{self.origin}:{self.line}" if self.line is not None else self.origin
        return f"{where}: {self.severity}: {self.message}"


@dataclass(frozen=True)
class TimemlSource:
    """What is needed to write a TimeML file back exactly around new TIMEX3 tags.

    ``head`` is the file up to and including ``<TEXT>``, ``tail`` from ``</TEXT>`` on;
    ``dct_tid``/``dct_value`` describe the creation-time TIMEX3 (kept as it was).
    ``gold`` keeps the annotated TIMEX3s of the input (offsets into ``Article.text``) so
    scorers can compare without reparsing. ``raw_text`` is the ``<TEXT>`` content exactly as
    in the file (tags and character references included), so a writer can re-escape exactly
    what was escaped.
    """

    head: str
    tail: str
    dct_value: str | None = None
    dct_tid: str | None = None
    gold_timexes: tuple["Timex", ...] = ()
    raw_text: str | None = None


@dataclass(frozen=True)
class Article:
    """One article as read, before any analysis.

    ``id`` is the source's id when it gives one, else a content hash (see ``readers.article_id``).
    ``text`` is the story itself (header lines removed); every span refers to it.
    ``origin`` is where it came from, for messages (``path``, ``path:line``, ``path#record``).
    """

    id: str
    text: str
    origin: str
    title: str | None = None
    url: str | None = None
    source: str | None = None
    metadata_date: date | None = None
    warnings: tuple[str, ...] = ()
    timeml: TimemlSource | None = None


@dataclass(frozen=True)
class Dateline:
    """The dateline that opens a wire story: ``WASHINGTON, Jan. 5 (Reuters) -``.

    ``date`` is the completed date (year chosen nearest the metadata date) or ``None`` when the
    dateline gives no date; ``date_text`` the date as written. ``span`` covers the whole dateline
    including the trailing dash, so the story starts at ``span[1]``.
    """

    span: Span
    place: str | None = None
    place_span: Span | None = None
    date: date | None = None
    date_text: str | None = None
    date_span: Span | None = None
    agency: str | None = None
    agency_span: Span | None = None


ReferenceSource = Literal["dateline", "metadata", "none"]


@dataclass(frozen=True)
class Sentence:
    span: Span
    text: str


@dataclass(frozen=True)
class Entity:
    span: Span
    text: str
    label: str


TimexType = Literal["DATE", "TIME", "DURATION", "SET"]


@dataclass(frozen=True)
class Timex:
    """A TIMEX3 time expression with its TimeML value.

    ``value`` follows the TimeML value grammar (``2018-09-26``, ``2018-W38``, ``P3D``,
    ``PRESENT_REF``, ``XXXX-10`` ...). ``anchor`` is the date the value was computed from
    (the reference date, or the last date in running narrative), ``None`` when the value needed
    none. ``rule`` is the id of the rule that found it, so every error can be traced.
    ``quant``/``freq`` are the TimeML attributes of SET expressions.
    """

    span: Span
    text: str
    type: TimexType
    value: str
    mod: str | None = None
    anchor: str | None = None
    rule: str = ""
    quant: str | None = None
    freq: str | None = None


@dataclass(frozen=True)
class Actor:
    """A participant of an event: who acts, or who is acted on.

    ``name`` is the resolved full name ("Mike Pompeo" for "Pompeo"), ``country`` an ISO 3166
    alpha-3 code or an international code such as ``IGO``, ``sector`` a CAMEO/PLOVER agent code.
    """

    text: str
    span: Span
    name: str
    country: str | None = None
    sector: str | None = None


@dataclass(frozen=True)
class Place:
    text: str
    span: Span
    name: str
    geonameid: int | None = None
    lat: float | None = None
    lon: float | None = None
    country: str | None = None


Precision = Literal["day", "week", "month", "quarter", "season", "year", "decade", "century",
                    "time", "unknown"]
TimeSource = Literal["timex", "report", "reference", "none"]


@dataclass(frozen=True)
class EventTime:
    """When an event happened, and what the date rests on.

    ``source`` is ``timex`` when a time expression governs the clause (``timex_span`` points at
    it), ``report`` when only the reporting verb's time applies, ``reference`` for the article's
    reference date, ``none`` when nothing can be said (``value`` is then ``None``).
    """

    value: str | None
    precision: Precision
    source: TimeSource
    mod: str | None = None
    timex_span: Span | None = None


Modality = Literal["asserted", "planned", "negated", "hypothetical", "demanded"]


@dataclass(frozen=True)
class Attribution:
    text: str
    span: Span
    source: str | None = None


@dataclass(frozen=True)
class EventMention:
    """One clause reporting an interaction, with the evidence for every field."""

    trigger: str
    trigger_span: Span
    plover_type: str
    plover_mode: str | None
    cameo: str
    cameo_root: str
    actors: tuple[Actor, ...]
    recipients: tuple[Actor, ...]
    location: Place | None
    time: EventTime
    modality: Modality
    attribution: Attribution | None
    sentence: int
    confidence: float
    rule: str = ""


@dataclass(frozen=True)
class AnalyzedArticle:
    """An article after the pipeline: the record ``dateline extract`` writes."""

    article: Article
    dateline: Dateline | None
    reference_date: date | None
    reference_date_source: ReferenceSource
    warnings: tuple[str, ...] = ()
    language: str = "en"
    skipped: bool = False
    sentences: tuple[Sentence, ...] = ()
    entities: tuple[Entity, ...] = ()
    timexes: tuple[Timex, ...] = ()
    events: tuple[EventMention, ...] = field(default_factory=tuple)
