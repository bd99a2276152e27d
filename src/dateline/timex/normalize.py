"""Normalisers: the small functions that turn a rule's named slots into a TimeML value.

Each rule in ``rules.yaml`` names one of these (``normalize: month_day``). A normaliser receives
the slot values already converted (month numbers, counts, units), the :class:`Context` (reference
date, narrative anchor, verb direction) and the rule's ``args``; it returns a :class:`Resolved` or
``None`` when the words do not make a real time (then the candidate is dropped, e.g. "February
30": impossible dates are never turned into real ones, a shorter valid reading may still apply).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import Any, Callable

from dateline.timex.context import CUED, FUTURE, FUTURE_IN_PAST, PAST, PRESENT, UNKNOWN, Context

AHEAD = (FUTURE, FUTURE_IN_PAST)
from dateline.timex.values import (UNIT_GRANULARITY, PartialDate, from_date, season_of, shift,
                                   valid_day)

Slots = dict[str, Any]


@dataclass(frozen=True)
class Resolved:
    """A normalised value. ``date`` is set for calendar values; ``explicit`` when the text gave
    the year itself, so the value may anchor the narrative that follows."""

    value: str
    type: str | None = None
    mod: str | None = None
    anchor: date | None = None
    date: PartialDate | None = None
    explicit: bool = False
    quant: str | None = None
    freq: str | None = None


NORMALISERS: dict[str, Callable[[Slots, Context, dict], Resolved | None]] = {}


def normaliser(function: Callable) -> Callable:
    """Register a normaliser under its function name (the name rules refer to)."""
    NORMALISERS[function.__name__] = function
    return function


# ---- helpers ---------------------------------------------------------------------------------

_REL_STEP = {"last": -1, "latest": -1, "the": 0, "past": -1, "previous": -1, "prior": -1, "preceding": -1,
             "this": 0, "current": 0, "present": 0, "same": 0, "that": 0,
             "next": 1, "coming": 1, "following": 1, "upcoming": 1}


def rel_step(word: str | None) -> int:
    return _REL_STEP.get((word or "this").lower().split()[-1], 0)


def calendar_value(p: PartialDate, anchor: date | None, mod: str | None = None, *,
                   explicit: bool = False, type: str | None = None) -> Resolved:
    return Resolved(value=p.value(), mod=mod, anchor=anchor, date=p, explicit=explicit, type=type)


def mod_of(s: Slots, args: dict) -> str | None:
    return s.get("mod") or args.get("mod")


def choose_year(month: int, day: int | None, anchor: date, direction: int,
                narrative: bool = False) -> int:
    """The year of a yearless month (and day): past/future by the verb, else the anchor's year.

    In running history the verb is always past and says nothing: the year is the one of the last
    date mentioned (measured on WikiWars: better than assuming the story always moves forward).
    """
    if narrative:
        return anchor.year
    if direction in (UNKNOWN, CUED):  # the nearest occurrence
        options = [anchor.year - 1, anchor.year, anchor.year + 1]
        def distance(year: int) -> int:
            return abs((year - anchor.year) * 372 + (month - anchor.month) * 31 + ((day or 15) - anchor.day))
        return min(options, key=distance)
    here = (anchor.month, anchor.day)
    there = (month, day if day is not None else (anchor.day if month == anchor.month else 1))
    if direction == PAST and there > here and (month, day) != (anchor.month, None):
        return anchor.year - 1
    if direction in AHEAD and there < here and month != anchor.month:
        return anchor.year + 1
    return anchor.year


def _story_date(ctx: Context, *granularities: str) -> date | None:
    """In running history (not news), the last date mentioned; with ``granularities``, only when
    the last date is that fine (a clock time needs a day, not a month)."""
    if not ctx.narrative or ctx.last_date is None:
        return None
    if granularities and ctx.last_date.granularity not in granularities:
        return None
    return ctx.narrative_date()


def nearest_weekday(anchor: date, weekday: int, direction: int) -> date:
    """The weekday relative to the anchor: on/before when past, on/after when future or present."""
    delta = weekday - anchor.isoweekday()
    if direction == PAST:
        return anchor + timedelta(days=delta if delta <= 0 else delta - 7)
    if direction in (FUTURE, FUTURE_IN_PAST, PRESENT):
        return anchor + timedelta(days=delta if delta >= 0 else delta + 7)
    # unknown: the nearest, ties to the past (news mostly reports what happened)
    if delta > 3:
        delta -= 7
    elif delta < -3:
        delta += 7
    return anchor + timedelta(days=delta)


# ---- absolute and yearless dates ---------------------------------------------------------------

@normaliser
def date_ymd(s: Slots, ctx: Context, args: dict) -> Resolved | None:
    year, month, day = s["year"], int(s["month"]), s["day"]
    if not valid_day(year, month, day):
        return None
    p = PartialDate("day", year=year, month=month, day=day)
    if s.get("part_of_day"):  # "the night of 20 June 1791"
        p = replace(p, granularity="partofday", part_of_day=s["part_of_day"])
    return calendar_value(p, None, mod_of(s, args), explicit=True)


@normaliser
def date_numeric(s: Slots, ctx: Context, args: dict) -> Resolved | None:
    """``11/02/89`` (US order) and ``1998-08-08``/``19980808``."""
    year = s["year"] if "year" in s else s.get("yy")
    month, day = int(s["mm"]), int(s["dd"])
    if year is None or not valid_day(year, month, day):
        return None
    return calendar_value(PartialDate("day", year=year, month=month, day=day), None, explicit=True)


@normaliser
def date_md(s: Slots, ctx: Context, args: dict) -> Resolved | None:
    month, day = int(s["month"]), s["day"]
    if not valid_day(None, month, day):
        return None
    anchor = ctx.calendar_anchor()
    if anchor is None:
        return calendar_value(PartialDate("day", month=month, day=day), None, mod_of(s, args))
    year = choose_year(month, day, anchor, ctx.direction(), ctx.narrative_date() is not None)
    if not valid_day(year, month, day):
        return calendar_value(PartialDate("day", month=month, day=day), anchor, mod_of(s, args))
    return calendar_value(PartialDate("day", year=year, month=month, day=day), anchor, mod_of(s, args))


@normaliser
def date_ym(s: Slots, ctx: Context, args: dict) -> Resolved | None:
    return calendar_value(PartialDate("month", year=s["year"], month=int(s["month"])), None,
                          mod_of(s, args), explicit=True)


@normaliser
def date_month(s: Slots, ctx: Context, args: dict) -> Resolved | None:
    month = int(s["month"])
    ancient = ctx.narrative_year()
    if ancient is not None and ancient < 1 and not s.get("rel"):  # "in September" of 480 BC
        return calendar_value(PartialDate("month", year=ancient, month=month), None, mod_of(s, args))
    anchor = ctx.calendar_anchor()
    if anchor is None:
        return calendar_value(PartialDate("month", month=month), None, mod_of(s, args))
    step = s.get("rel")
    if step is not None:
        year = anchor.year + rel_step(step) if rel_step(step) else anchor.year
        if rel_step(step) == -1 and month < anchor.month:
            year = anchor.year
        if rel_step(step) == 1 and month > anchor.month:
            year = anchor.year
    else:
        year = choose_year(month, None, anchor, ctx.direction(), ctx.narrative_date() is not None)
    return calendar_value(PartialDate("month", year=year, month=month), anchor, mod_of(s, args))


@normaliser
def date_of_that_year(s: Slots, ctx: Context, args: dict) -> Resolved | None:
    """"August of that year", "July 25 of the same year": the year of the last date mentioned."""
    month, day = int(s.get("month", s.get("month2"))), s.get("day", s.get("day2"))
    year = ctx.last_date.year if ctx.last_date is not None else None
    if day is not None and not valid_day(year, month, day):
        return None
    granularity = "day" if day is not None else "month"
    return calendar_value(PartialDate(granularity, year=year, month=month, day=day), None,
                          mod_of(s, args))


@normaliser
def date_year(s: Slots, ctx: Context, args: dict) -> Resolved | None:
    year = s.get("year", s.get("yy"))
    return calendar_value(PartialDate("year", year=year), None, mod_of(s, args), explicit=True)


@normaliser
def date_decade(s: Slots, ctx: Context, args: dict) -> Resolved | None:
    year = s.get("year", s.get("yy"))
    if year is None or year % 10:
        return None
    return calendar_value(PartialDate("decade", decade=year // 10), None, mod_of(s, args))


@normaliser
def date_century(s: Slots, ctx: Context, args: dict) -> Resolved | None:
    ordinal = int(s["ordinal"])
    return calendar_value(PartialDate("century", century=ordinal - 1), None, mod_of(s, args))


@normaliser
def date_weekday(s: Slots, ctx: Context, args: dict) -> Resolved | None:
    """A day name, completed by the verb's direction ("met on Wednesday" is the last one)."""
    weekday = int(s["weekday"])
    part = s.get("part_of_day")
    # Day names are news talk: the reference date anchors them even inside a story about the past.
    anchor = ctx.reference or ctx.narrative_date()
    if anchor is None:
        value = f"XXXX-WXX-{weekday}" + (f"T{part}" if part else "")
        return Resolved(value=value, mod=mod_of(s, args))
    step = s.get("rel")
    if step is not None and rel_step(step) != 0:
        monday = anchor - timedelta(days=anchor.isoweekday() - 1)
        day = monday + timedelta(weeks=rel_step(step), days=weekday - 1)
    else:
        day = nearest_weekday(anchor, weekday, ctx.direction())
    p = from_date(day, "day")
    if part:
        p = replace(p, granularity="partofday", part_of_day=part)
    return calendar_value(p, anchor, mod_of(s, args))


@normaliser
def date_season(s: Slots, ctx: Context, args: dict) -> Resolved | None:
    season = s["season"]
    if s.get("bc"):  # "the spring of 480 BC"
        return calendar_value(PartialDate("season", year=1 - int(s["bc"]), season=season), None,
                              mod_of(s, args), explicit=True)
    if "year" in s:
        return calendar_value(PartialDate("season", year=s["year"], season=season), None,
                              mod_of(s, args), explicit=True)
    ancient = ctx.narrative_year()
    if ancient is not None and ancient < 1 and not s.get("rel"):  # "the winter" in 480 BC
        return calendar_value(PartialDate("season", year=ancient, season=season), None, mod_of(s, args))
    anchor = ctx.calendar_anchor()
    if anchor is None:
        return calendar_value(PartialDate("season", season=season), None, mod_of(s, args))
    order = ("WI", "SP", "SU", "FA")
    now = order.index(season_of(anchor.month))
    target = order.index(season)
    step = rel_step(s.get("rel")) if s.get("rel") else None
    year = anchor.year
    if ctx.narrative_date() is not None and step is None:
        pass  # running history: the season of the year last mentioned
    elif step == -1 or (step is None and ctx.direction() == PAST):
        year = anchor.year if target < now else anchor.year - 1
    elif step == 1 or (step is None and ctx.direction() in AHEAD):
        year = anchor.year if target > now else anchor.year + 1
    return calendar_value(PartialDate("season", year=year, season=season), anchor, mod_of(s, args))


@normaliser
def date_quarter(s: Slots, ctx: Context, args: dict) -> Resolved | None:
    """Fiscal quarters and halves: "the third quarter", "the first half of 1990"."""
    unit = args.get("unit", "Q")
    ordinal = s.get("ordinal", s.get("ordinal2"))
    n = int(ordinal) if ordinal is not None else None
    size = 3 if unit == "Q" else 6
    if n is not None and not 1 <= n <= 12 // size:
        return None
    granularity = "quarter" if unit == "Q" else "half"
    key = "quarter" if unit == "Q" else "half"
    if "year" in s:
        return calendar_value(PartialDate(granularity, year=s["year"], **{key: n}), None,
                              mod_of(s, args), explicit=True)
    anchor = ctx.calendar_anchor()
    if anchor is None:
        return calendar_value(PartialDate(granularity, **{key: n}), None, mod_of(s, args))
    current = (anchor.month - 1) // size + 1
    if s.get("rely"):  # "last year's third quarter"
        year = anchor.year + rel_step(s["rely"])
        n = n if n is not None else current + int(args.get("offset", 0))
        if n < 1:
            n, year = n + 12 // size, year - 1
        return calendar_value(PartialDate(granularity, year=year, **{key: n}), anchor, mod_of(s, args))
    if n is None:  # "the latest quarter", "the year-ago quarter": relative to the last full one
        step = rel_step(s.get("rel"))
        n, year = current + step + int(args.get("offset", 0)), anchor.year
        year += (n - 1) // (12 // size)
        n = (n - 1) % (12 // size) + 1
        year -= int(args.get("years_back", 0))
        return calendar_value(PartialDate(granularity, year=year, **{key: n}), anchor, mod_of(s, args))
    year = anchor.year
    if n > current and ctx.direction() == PAST:
        year -= 1
    return calendar_value(PartialDate(granularity, year=year, **{key: n}), anchor, mod_of(s, args))


@normaliser
def holiday(s: Slots, ctx: Context, args: dict) -> Resolved | None:
    spec = s["holidays"]
    year = s.get("year")
    anchor = ctx.calendar_anchor()
    if year is None and anchor is not None:
        year = anchor.year
    if year is None:
        if "-" in spec:
            return Resolved(value=f"XXXX-{spec}")
        return Resolved(value="XXXX-XX-XX")
    if "-" in spec:
        month, day = (int(x) for x in spec.split("-"))
    else:
        month, nth, weekday = (int(x) for x in spec.split(":"))
        day = nth_weekday(year, month, nth, weekday).day
    return calendar_value(PartialDate("day", year=year, month=month, day=day), anchor,
                          explicit="year" in s)


def nth_weekday(year: int, month: int, nth: int, weekday: int) -> date:
    """The ``nth`` ISO ``weekday`` of a month (``nth=-1``: the last)."""
    if nth > 0:
        first = date(year, month, 1)
        return first + timedelta(days=(weekday - first.isoweekday()) % 7 + 7 * (nth - 1))
    last = (date(year + (month == 12), month % 12 + 1, 1) - timedelta(days=1))
    return last - timedelta(days=(last.isoweekday() - weekday) % 7)


# ---- relative to the reference date or the narrative ------------------------------------------

@normaliser
def ref(s: Slots, ctx: Context, args: dict) -> Resolved | None:
    """Vague times: now, recently, soon, the past, the future."""
    return Resolved(value=args["value"], mod=mod_of(s, args), anchor=ctx.reference)


@normaliser
def deictic_day(s: Slots, ctx: Context, args: dict) -> Resolved | None:
    """today/yesterday/tomorrow/tonight (+ part of day): a day counted from the reference date."""
    offset = int(args.get("offset", 0))
    part = s.get("part_of_day") or args.get("part_of_day")
    if "time" in args:
        part = None
    base = ctx.reference
    if args.get("anaphoric"):
        base = ctx.anaphoric_anchor()
    if base is None:
        value = "XXXX-XX-XX" + (f"T{part}" if part else "")
        return Resolved(value=value)
    p = from_date(base + timedelta(days=offset), "day")
    if "time" in args:
        p = replace(p, granularity="time", time=args["time"])
    elif part:
        p = replace(p, granularity="partofday", part_of_day=part)
    return calendar_value(p, base, mod_of(s, args))


@normaliser
def relative_unit(s: Slots, ctx: Context, args: dict) -> Resolved | None:
    """last/this/next + unit: "last week" 2018-W38, "next month" 2018-10, "this year" 2018."""
    unit = s.get("units") or args["unit"]
    if unit not in UNIT_GRANULARITY:
        return None
    step = rel_step(s.get("rel", args.get("rel")))
    if args.get("anaphoric"):
        base = ctx.anaphoric_anchor()
    else:  # in running history "the end of the year" is that of the story, not of the article
        # ("this year"/"last year" stay deictic: counted from the reference date)
        story = (s.get("rel") or "the").lower() == "the"
        base = (_story_date(ctx) if story else None) or ctx.reference
    if base is None:
        return Resolved(value=_unknown_of(unit), mod=mod_of(s, args))
    return _shifted(base, unit, step, mod_of(s, args))


def _shifted(base: date, unit: str, steps: int, mod: str | None,
             granularity: str | None = None) -> Resolved | None:
    """The date ``steps`` units from ``base``, at the unit's granularity unless ``granularity``
    says otherwise; None when that falls off the calendar."""
    moved = shift(base, unit, steps)
    if moved is None:
        return None
    return calendar_value(from_date(moved, granularity or UNIT_GRANULARITY[unit]), base, mod)


def _ancient_years(ctx: Context, unit: str, count: float) -> Resolved | None:
    """Years counted in a BC narrative ("the following year" after 490 BC is 489 BC), which
    :class:`datetime.date` cannot do; only year-sized units, the rest stays to the caller."""
    year = ctx.narrative_year()
    if year is None or year >= 1 or unit != "Y" or count != int(count):
        return None
    return calendar_value(PartialDate("year", year=year + int(count)), None)


def _unknown_of(unit: str) -> str:
    return {"D": "XXXX-XX-XX", "W": "XXXX-WXX", "WE": "XXXX-WXX-WE", "M": "XXXX-XX", "Q": "XXXX-QX",
            "H": "XXXX-HX", "Y": "XXXX", "DE": "XXX", "CE": "XX"}[unit]


@normaliser
def offset(s: Slots, ctx: Context, args: dict) -> Resolved | None:
    """"two weeks ago", "a year earlier", "three days later": a count of units from an anchor.

    ``ago``/``from now`` count from the reference date; ``earlier``/``later`` from the last date
    mentioned. The value keeps the unit's granularity ("a year ago" is a year).
    """
    unit = s["units"]
    count = s.get("number", 1)
    word = (s.get("dir") or "").lower()
    sign = -1 if word in ("ago", "earlier", "before", "back", "previously", "prior") else 1
    deictic = word in ("ago", "from now", "hence", "back")
    if not deictic and count != "X":
        ancient = _ancient_years(ctx, unit, sign * count)
        if ancient is not None:
            return ancient
    base = ctx.reference if deictic else ctx.anaphoric_anchor()
    last = ctx.last_date
    quarterly = unit == "Y" and last is not None and last.granularity in ("quarter", "half")
    if quarterly and last.as_date() is not None:
        base = last.as_date()  # "a year ago" after "the third quarter" is that quarter a year before
    if unit not in UNIT_GRANULARITY or count == "X" or base is None:
        return Resolved(value="PAST_REF" if sign < 0 else "FUTURE_REF", mod=mod_of(s, args),
                        anchor=base)
    if count != int(count):
        return None
    return _shifted(base, unit, sign * int(count), mod_of(s, args), last.granularity if quarterly else None)


@normaliser
def anaphoric(s: Slots, ctx: Context, args: dict) -> Resolved | None:
    """"that year", "the following day", "the same month": counted from the last date mentioned."""
    unit = s.get("units") or args["unit"]
    if unit not in UNIT_GRANULARITY:
        return None
    step = rel_step(s.get("rel", args.get("rel")))
    ancient = _ancient_years(ctx, unit, step)
    if ancient is not None:
        return ancient
    base = ctx.anaphoric_anchor()
    if base is None:
        return Resolved(value=_unknown_of(unit))
    return _shifted(base, unit, step, mod_of(s, args))


# ---- durations and sets --------------------------------------------------------------------------

_CLOCK = {"H": "H", "MIN": "M", "S": "S"}
_SCALE = {"DE": (10, "Y"), "CE": (100, "Y"), "FN": (2, "W"), "WE": (2, "D")}
_SMALLER = {"Y": (12, "M"), "M": (4, "W"), "W": (7, "D"), "D": (24, "H"), "H": (60, "MIN"),
            "MIN": (60, "S")}


def duration_value(count: Any, unit: str) -> str | None:
    """``P3D``, ``PT2H``, ``P10Y`` for a decade, ``PXY`` for an unknown count."""
    if unit in _SCALE and count != "X":
        factor, unit = _SCALE[unit]
        count = count * factor
    elif unit in _SCALE:
        unit = _SCALE[unit][1]
    if count != "X" and count != int(count):
        # "2 1/2 years" is P2Y6M, "a minute and a half" PT1M30S
        if unit not in _SMALLER or (count * _SMALLER[unit][0]) != int(count * _SMALLER[unit][0]):
            return None
        whole = int(count)
        rest = int(round((count - whole) * _SMALLER[unit][0]))
        small = _SMALLER[unit][1]
        parts = ([(whole, unit)] if whole else []) + [(rest, small)]
        dated = "".join(f"{n}{u}" for n, u in parts if u not in _CLOCK)
        clock = "".join(f"{n}{_CLOCK[u]}" for n, u in parts if u in _CLOCK)
        return "P" + dated + (f"T{clock}" if clock else "")
    amount = "X" if count == "X" else str(int(count))
    if unit in _CLOCK:
        return f"PT{amount}{_CLOCK[unit]}"
    return f"P{amount}{unit}"


@normaliser
def duration(s: Slots, ctx: Context, args: dict) -> Resolved | None:
    unit = s.get("units") or args["unit"]
    count = s.get("number", args.get("count", 1))
    if s.get("half1") or s.get("half2"):
        count = count + 0.5 if count != "X" else count
    value = duration_value(count, unit)
    if value is None:
        return None
    return Resolved(value=value, mod=mod_of(s, args))


@normaliser
def duration_vague(s: Slots, ctx: Context, args: dict) -> Resolved | None:
    """Plural units with no count ("years", "recent weeks"): an unknown number of them."""
    return duration(s | {"number": "X"}, ctx, args)


@normaliser
def set_unit(s: Slots, ctx: Context, args: dict) -> Resolved | None:
    """"every day", "annually", "twice a week": TimeML SET with a period value."""
    unit = s.get("units") or args["unit"]
    value = duration_value(1 if s.get("number") in (None, "X") else s.get("number"), unit) \
        if "count_in_value" in args else duration_value(1, unit)
    if value is None:
        return None
    freq = None
    if s.get("times") is not None:
        freq = f"{s['times']}X"
    quant = "EVERY" if s.get("every") else None
    return Resolved(value=value, quant=quant, freq=freq)


@normaliser
def set_weekday(s: Slots, ctx: Context, args: dict) -> Resolved | None:
    part = s.get("part_of_day")
    return Resolved(value=f"XXXX-WXX-{int(s['weekday'])}" + (f"T{part}" if part else ""),
                    quant="EVERY" if s.get("every") else None)


# ---- clock times ------------------------------------------------------------------------------

@normaliser
def clock_time(s: Slots, ctx: Context, args: dict) -> Resolved | None:
    """"9 a.m.", "10:30 p.m. Tuesday", "noon": a clock time on the day the text gives or today."""
    if "time" in args:
        hhmm = args["time"]
    else:
        hour = s["hour"]
        meridian = (s.get("ampm") or "").lower().replace(".", "").replace(" ", "")
        if meridian.startswith("p") and hour < 12:
            hour += 12
        if meridian.startswith("a") and hour == 12:
            hour = 0
        hhmm = f"{hour:02d}:{s.get('minute', 0):02d}"
    day: date | None = None
    base = ctx.reference
    story = _story_date(ctx, "day", "partofday", "time")
    if story is not None and not s.get("deictic"):
        base = story  # "at 5:34 AM" in a history: on the day last mentioned
    if "weekday" in s and base is not None:
        day = nearest_weekday(base, int(s["weekday"]), ctx.direction())
    elif "month" in s and base is not None:  # "5 p.m. EST Nov. 9"
        dated = date_md({"month": s["month"], "day": s["day"]}, ctx, {})
        if dated is None or dated.date is None or dated.date.year is None:
            return None
        day = dated.date.as_date()
    elif s.get("deictic") and base is not None:
        day = base + timedelta(days={"today": 0, "yesterday": -1, "tomorrow": 1, "tonight": 0}
                               .get(s["deictic"].lower(), 0))
    elif base is not None:
        day = base
    if day is None:
        return Resolved(value=f"XXXX-XX-XXT{hhmm}")
    p = replace(from_date(day, "day"), granularity="time", time=hhmm)
    return calendar_value(p, base, mod_of(s, args))


# ---- variants that adapt their slots to the general normalisers ---------------------------------

@normaliser
def deictic_part(s: Slots, ctx: Context, args: dict) -> Resolved | None:
    """"this morning", "yesterday afternoon", "afternoon yesterday"."""
    word = (s.get("day") or s.get("day2") or "today").lower()
    part = s.get("part_of_day") or s.get("pod2")
    offsets = {"today": 0, "this": 0, "yesterday": -1, "tomorrow": 1}
    return deictic_day({"part_of_day": part}, ctx, {"offset": offsets.get(word, 0)})


@normaliser
def vague_offset(s: Slots, ctx: Context, args: dict) -> Resolved | None:
    """"a few years later", "weeks earlier": an unknown count, so only the direction is known."""
    word = (s.get("dir") or s.get("dir2") or "").lower()
    value = "PAST_REF" if word in ("ago", "earlier", "before") else "FUTURE_REF"
    return Resolved(value=value, anchor=ctx.anaphoric_anchor())


@normaliser
def anaphoric_unit(s: Slots, ctx: Context, args: dict) -> Resolved | None:
    """"that year", "the following day", "the day before": from the last date mentioned."""
    unit = s.get("units") or s.get("units2")
    rel = s.get("rel") or ""
    if s.get("dir"):
        rel = "previous" if s["dir"].lower() == "before" else "following"
    return anaphoric({"units": unit, "rel": rel}, ctx, args)


_ADVERB_PERIODS = {"daily": ("D", None), "weekly": ("W", None), "monthly": ("M", None),
                   "annually": ("Y", None), "yearly": ("Y", None), "quarterly": ("Q", None),
                   "hourly": ("H", None), "nightly": ("D", None), "biweekly": ("W", "2"),
                   "semiannually": ("M", "6")}


@normaliser
def set_adverb(s: Slots, ctx: Context, args: dict) -> Resolved | None:
    unit, count = _ADVERB_PERIODS[s["adverb"].lower()]
    return Resolved(value=duration_value(int(count or 1), unit) or "P1D")


_PERIOD_WORDS = {"summer": "XXXX-SU", "winter": "XXXX-WI", "morning": "XXXX-XX-XXTMO",
                 "night": "XXXX-XX-XXTNI"}


@normaliser
def set_every(s: Slots, ctx: Context, args: dict) -> Resolved | None:
    unit = s["units"]
    if unit.lower() in _PERIOD_WORDS:
        return Resolved(value=_PERIOD_WORDS[unit.lower()], quant="EVERY")
    count = s.get("number", 1)
    value = duration_value(1 if count == "X" else count, unit)
    return None if value is None else Resolved(value=value, quant=s["every"].upper())


@normaliser
def set_per(s: Slots, ctx: Context, args: dict) -> Resolved | None:
    unit = s["units"]
    times = (s.get("times") or "").lower()
    freq = None
    if times:
        count = {"once": 1, "twice": 2, "thrice": 3}.get(times, s.get("count"))
        if count in (None, "X"):
            freq = None
        else:
            freq = f"{int(count)}X"
    value = duration_value(1, unit)
    return None if value is None else Resolved(value=value, freq=freq)


@normaliser
def date_era_year(s: Slots, ctx: Context, args: dict) -> Resolved | None:
    """"490 BC" -> BC0490, "AD 9" -> 0009 (TimeML writes BC years with the BC prefix)."""
    digits = s.get("bc") or s.get("bc2")
    era = (s.get("era") or s.get("ad") or "").upper().replace(".", "")
    year = int(digits)
    if year == 0:
        return None
    astronomical = 1 - year if era.startswith("B") else year
    return calendar_value(PartialDate("year", year=astronomical), None, mod_of(s, args), explicit=True)


@normaliser
def ref_word(s: Slots, ctx: Context, args: dict) -> Resolved | None:
    word = s["word"].lower()
    value = {"current": "PRESENT_REF", "recent": "PAST_REF", "former": "PAST_REF",
             "future": "FUTURE_REF"}[word]
    return Resolved(value=value, anchor=ctx.reference)


@normaliser
def same_time(s: Slots, ctx: Context, args: dict) -> Resolved | None:
    """"that time"/"the same time" in running history: the last date mentioned; else no timex."""
    if not ctx.narrative:
        return None
    if (s.get("rel") or "").lower() == "this":
        # "at this time" is the narrator's present (WikiWars PRESENT_REF), not the last date
        return Resolved(value="PRESENT_REF")
    if ctx.last_date is None:
        return None
    return Resolved(value=ctx.last_date.value(), anchor=ctx.last_date.as_date(), date=ctx.last_date)
