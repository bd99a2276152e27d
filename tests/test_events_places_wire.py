"""Event places in wire-copy sentences, and the places that are not where an event happened."""

from __future__ import annotations

import pytest

from dateline.events.places import PlaceResolver


def location(nlp, sentence: str, verb: str):
    doc = nlp(sentence)
    token = next(t for t in doc if t.text == verb)
    return PlaceResolver(doc).location_for(token)


@pytest.mark.parametrize("sentence, verb, name, country", [
    ("Russian President Vladimir Putin met German Chancellor Olaf Scholz in Moscow.", "met", "Moscow", "RUS"),
    ("Israeli troops killed two Palestinians in Gaza on Tuesday.", "killed", "Gaza", "PSE"),
    ("Protesters in Hong Kong clashed with police.", "clashed", "Hong Kong", "HKG"),
    ("South Korean President Moon Jae-in visited Pyongyang in September.", "visited", "Pyongyang", "PRK"),
    ("The ministers held talks at the White House on Friday.", "held", "Washington", "USA"),
    ("Thousands of people marched in Nairobi.", "marched", "Nairobi", "KEN"),
])
def test_place_of_the_event(nlp, sentence, verb, name, country):
    place = location(nlp, sentence, verb)
    assert (place.name, place.country) == (name, country)


def test_largest_city_of_an_ambiguous_name(nlp):
    place = location(nlp, "Rebels attacked a convoy near Tripoli.", "attacked")
    assert place.country == "LBY"


def test_demonyms_and_actor_countries_are_not_places(nlp):
    assert location(nlp, "North Korean diplomats praised the agreement.", "praised") is None
    assert location(nlp, "Iran rejected the proposal.", "rejected") is None


def test_talking_to_a_country_is_not_a_trip(nlp):
    assert location(nlp, "The minister spoke to Japan about trade.", "spoke") is None


def test_a_date_after_in_is_not_a_place(nlp):
    assert location(nlp, "The two sides met in October.", "met") is None


@pytest.mark.parametrize("sentence, verb, name", [
    ("Militants attacked a checkpoint near the town of Baqubah on Monday.", "attacked", "Baqubah"),
    ("Two soldiers were killed outside of the city of Mosul.", "killed", "Mosul"),
    ("Rebels shelled the capital Kabul overnight.", "shelled", "Kabul"),
    ("Dozens were wounded in a blast in a crowded market of the northern city of Kirkuk.", "wounded", "Kirkuk"),
])
def test_place_behind_an_area_noun(nlp, sentence, verb, name):
    place = location(nlp, sentence, verb)
    assert place is not None and place.text == name


def test_a_town_geonames_lacks_is_named_without_coordinates(nlp):
    place = location(nlp, "Gunmen raided a police post in the village of Kafr Qasim.", "raided")
    assert place is not None and place.text == "Kafr Qasim"
    assert place.geonameid is None and place.lat is None
