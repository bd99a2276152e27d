"""GDELT 2.0 event table rows: dateline's event mentions in the 61 columns analysts already load.

One row per event mention, tab-separated, in GDELT 2.0 column order (``GDELT_COLUMNS``). What
differs from GDELT, on purpose or for lack of data:

* ``Day`` is the event's own date as resolved from the text (``EventMention.time``), not the
  publication date. GDELT's Day is a full YYYYMMDD with no precision column, so a coarser time is
  written as the first day of its period (2018-10 -> 20181001, 2018-W38 -> the Monday of week 38,
  2018 -> 20180101); the precision stays in the JSON record. A mention with no time (source
  ``none``) falls back to the article's reference date, and is left empty without one.
* ``DATEADDED`` holds the publication date (the article's metadata date, else its reference
  date) as YYYYMMDDHHMMSS with a zero time, since dateline does not know the crawl time.
* ``GlobalEventID`` is a stable 15-digit number hashed from the article id and the trigger span
  (GDELT's ids are a running counter we do not have).
* ``Actor*Code`` is country + sector ("USAGOV"), ``Actor*Type1Code`` the sector; ``IGO``/``NGO``
  actors also fill ``KnownGroupCode``. Ethnic and religion codes are left empty.
* ``IsRootEvent`` is 1 for mentions in the first sentence (GDELT: the lead paragraph).
* ``NumMentions``/``NumSources``/``NumArticles`` are 1 (one mention of one article; merging
  across articles is ``dateline.merge``'s job); ``AvgTone`` is empty (dateline scores no tone).
* ``ActionGeo_*`` comes from the mention's location: type 1 when the place is a country, else 4
  (world city; 3 for US places), ``FeatureID`` is the GeoNames id. Actor geographies are empty.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from datetime import date

from dateline.events.cameo import lookup
from dateline.types import Actor, AnalyzedArticle, EventMention, Place

_ACTOR_FIELDS = ("Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code",
                 "Religion2Code", "Type1Code", "Type2Code", "Type3Code")
_GEO_FIELDS = ("Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID")

GDELT_COLUMNS: tuple[str, ...] = (
    "GlobalEventID", "Day", "MonthYear", "Year", "FractionDate",
    *(f"Actor1{f}" for f in _ACTOR_FIELDS),
    *(f"Actor2{f}" for f in _ACTOR_FIELDS),
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
    "NumMentions", "NumSources", "NumArticles", "AvgTone",
    *(f"Actor1Geo_{f}" for f in _GEO_FIELDS),
    *(f"Actor2Geo_{f}" for f in _GEO_FIELDS),
    *(f"ActionGeo_{f}" for f in _GEO_FIELDS),
    "DATEADDED", "SOURCEURL",
)
KNOWN_GROUPS = frozenset({"IGO", "NGO"})
_SEASON_MONTH = {"SP": 3, "SU": 6, "FA": 9, "AU": 9, "WI": 12}


def first_day(value: str | None) -> date | None:
    """The first day of the period a TimeML date value names, or None when it names no period.

    "2018-09-26" -> that day; "2018-W38" -> Monday of ISO week 38; "2018-10" -> 1 October;
    "2018-Q2" -> 1 April; "2018-SU" -> 1 June; "2018" -> 1 January; "201" -> 2010-01-01.
    """
    if not value:
        return None
    try:
        head = value.split("T")[0]
        parts = head.split("-")
        if len(parts[0]) == 3 and parts[0].isdigit():
            return date(int(parts[0]) * 10, 1, 1)
        if len(parts[0]) != 4 or not parts[0].isdigit():
            return None
        year = int(parts[0])
        if len(parts) == 1:
            return date(year, 1, 1)
        second = parts[1]
        if second.startswith("W") and second[1:].isdigit():
            return date.fromisocalendar(year, int(second[1:]), 1)
        if second.startswith("Q") and second[1:].isdigit():
            return date(year, 3 * (int(second[1:]) - 1) + 1, 1)
        if second.startswith("H") and second[1:].isdigit():
            return date(year, 6 * (int(second[1:]) - 1) + 1, 1)
        if second in _SEASON_MONTH:
            return date(year, _SEASON_MONTH[second], 1)
        month = int(second)
        day = int(parts[2]) if len(parts) > 2 and parts[2].isdigit() else 1
        return date(year, month, day)
    except ValueError:
        return None


def event_day(mention: EventMention, reference_date: date | None) -> date | None:
    """The date written in ``Day``: the mention's time, else the reference date."""
    return first_day(mention.time.value) or reference_date


def fraction_date(day: date) -> str:
    """GDELT's FractionDate: the year plus the fraction of the year elapsed (YYYY.FFFF)."""
    days_in_year = 366 if (day.year % 4 == 0 and (day.year % 100 != 0 or day.year % 400 == 0)) else 365
    return f"{day.year + (day.timetuple().tm_yday - 1) / days_in_year:.4f}"


def global_event_id(article_id: str, mention: EventMention) -> str:
    digest = hashlib.sha1(f"{article_id}:{mention.trigger_span[0]}:{mention.trigger_span[1]}:{mention.cameo}"
                          .encode("utf-8")).hexdigest()
    return str(int(digest[:15], 16) % 10**15).zfill(15)


def _clean(text: str | None) -> str:
    """Cell text without tabs or newlines, which would break the TSV."""
    return " ".join((text or "").split())


def actor_cells(actor: Actor | None) -> list[str]:
    if actor is None:
        return [""] * len(_ACTOR_FIELDS)
    country, sector = actor.country or "", actor.sector or ""
    known_group = country if country in KNOWN_GROUPS else ""
    return [country + sector, _clean(actor.name), "" if known_group else country, known_group,
            "", "", "", sector, "", ""]


def geo_cells(place: Place | None) -> list[str]:
    if place is None:
        return [""] * len(_GEO_FIELDS)
    is_country = place.country is not None and _clean(place.name).lower() == _clean(place.text).lower() \
        and place.geonameid is None
    geo_type = "1" if is_country else ("3" if place.country in {"USA", "US"} else "4")
    return [geo_type, _clean(place.name), place.country or "", "", "",
            "" if place.lat is None else f"{place.lat:.4f}",
            "" if place.lon is None else f"{place.lon:.4f}",
            "" if place.geonameid is None else str(place.geonameid)]


def publication_date(analyzed: AnalyzedArticle) -> date | None:
    return analyzed.article.metadata_date or analyzed.reference_date


def gdelt_row(analyzed: AnalyzedArticle, mention: EventMention) -> list[str]:
    """One GDELT 2.0 row for one mention (61 cells, in ``GDELT_COLUMNS`` order)."""
    day = event_day(mention, analyzed.reference_date)
    added = publication_date(analyzed)
    code = lookup(mention.cameo)
    row = [
        global_event_id(analyzed.article.id, mention),
        day.strftime("%Y%m%d") if day else "",
        day.strftime("%Y%m") if day else "",
        str(day.year) if day else "",
        fraction_date(day) if day else "",
        *actor_cells(mention.actors[0] if mention.actors else None),
        *actor_cells(mention.recipients[0] if mention.recipients else None),
        "1" if mention.sentence == 0 else "0",
        mention.cameo,
        mention.cameo[:3],
        mention.cameo_root,
        str(code.quad_class),
        f"{code.goldstein:.1f}",
        "1", "1", "1", "",
        *geo_cells(None),
        *geo_cells(None),
        *geo_cells(mention.location),
        added.strftime("%Y%m%d000000") if added else "",
        _clean(analyzed.article.url or analyzed.article.origin),
    ]
    return row


def gdelt_rows(analyzed: AnalyzedArticle) -> Iterator[list[str]]:
    """The GDELT 2.0 rows of one analysed article, one per event mention, in text order."""
    for mention in analyzed.events:
        yield gdelt_row(analyzed, mention)

