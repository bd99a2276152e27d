"""Where the seed's events happened: venues to their city, destinations of trips, summit places."""

from __future__ import annotations

import pytest

from dateline.events.places import PlaceResolver

HEADER = " date 2018-09-21 "


@pytest.fixture(scope="module")
def story(seed_text) -> str:
    return seed_text[len(HEADER):]


@pytest.fixture(scope="module")
def places(nlp, story) -> PlaceResolver:
    return PlaceResolver(nlp(story))


def trigger(places: PlaceResolver, story: str, text: str, word: str):
    start = story.index(text) + text.index(word)
    return next(t for t in places.doc if t.idx == start)


def test_meeting_at_the_general_assembly_is_in_new_york(places, story):
    place = places.location_for(trigger(places, story, "Pompeo met on Wednesday", "met"))
    assert (place.name, place.country, place.geonameid) == ("New York City", "USA", 5128581)
    assert place.text == "United National General Assembly"
    assert story[place.span[0]:place.span[1]] == place.text


def test_travel_to_pyongyang_is_in_pyongyang(places, story):
    place = places.location_for(trigger(places, story, "will travel to Pyongyang", "travel"))
    assert (place.name, place.country) == ("Pyongyang", "PRK")
    assert place.lat == pytest.approx(39.03, abs=0.1) and place.lon == pytest.approx(125.75, abs=0.1)


def test_signing_at_the_summit_in_singapore(places, story):
    place = places.location_for(trigger(places, story, "Trump and Kim signed", "signed"))
    assert (place.name, place.country) == ("Singapore", "SGP")
    assert place.lat is not None


def test_a_place_in_an_actor_phrase_is_not_the_location(places, story):
    # "the US government said ... North Korea's denuclearization": no place phrase on "said"
    assert places.location_for(trigger(places, story, "the US government said", "said")) is None


@pytest.mark.parametrize("name, expected, country", [
    ("UNGA", "New York City", "USA"),
    ("the United Nations General Assembly", "New York City", "USA"),
    ("the White House", "Washington", "USA"),
    ("the Kremlin", "Moscow", "RUS"),
    ("Pyongyang", "Pyongyang", "PRK"),
    ("Singapore", "Singapore", "SGP"),
    ("North Korea", "North Korea", "PRK"),
])
def test_resolve_place_names(nlp, name, expected, country):
    text = f"They met in {name} on Monday."
    resolver = PlaceResolver(nlp(text))
    start = text.index(name)
    place = resolver.resolve_place(start, start + len(name))
    assert (place.name, place.country) == (expected, country)
