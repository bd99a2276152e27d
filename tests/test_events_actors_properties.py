"""Any text in: actor and place resolution never raises, keeps offsets inside the text, and only
returns valid codes; long run-on sentences and capitals headlines stay fast."""

from __future__ import annotations

import re
import time
from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dateline.events.actors import ActorResolver
from dateline.events.gazetteer import iso3_codes
from dateline.events.places import PlaceResolver

SECTOR = re.compile(r"^[A-Z]{3}$")
WORDS = st.sampled_from([
    "President", "Putin", "North", "Korean", "US", "us", "the", "two", "leaders", "met", "in", "Moscow",
    "police", "rebels", "U.N.", "Kim", "Jong-un", "Washington", "of", "State", ",", "and", "said", "Gaza",
    "WHO", "Israeli", "troops", "Foreign", "Minister", "'s", "his", "counterpart", "-", "Efe", "(", ")",
])
NEWSY = st.lists(WORDS, min_size=1, max_size=40).map(" ".join)
TEXT = st.one_of(NEWSY, st.text(max_size=200))


def check_actor(actor, text: str) -> None:
    start, end = actor.span
    assert 0 <= start <= end <= len(text)
    assert text[start:end] == actor.text
    assert actor.country is None or actor.country in iso3_codes()
    assert actor.sector is None or SECTOR.match(actor.sector)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=TEXT, cut=st.tuples(st.integers(0, 250), st.integers(0, 250)))
def test_any_text_resolves_without_error(nlp, text, cut):
    doc = nlp(text)
    resolver = ActorResolver(doc, date(2018, 9, 27))
    places = PlaceResolver(doc)
    for actor in resolver.mentions():
        check_actor(actor, text)
    start, end = sorted(min(c, len(text)) for c in cut)
    for actor in (resolver.resolve_span(start, end), *resolver.resolve_group(start, end)):
        if actor is not None:
            check_actor(actor, text)
    for token in doc:
        actor = resolver.resolve_token(token)
        if actor is not None:
            check_actor(actor, text)
        place = places.location_for(token)
        if place is not None:
            assert text[place.span[0]:place.span[1]] == place.text
            assert place.country is None or place.country in iso3_codes()


def test_long_run_on_sentence_and_shouted_headline_stay_fast(nlp):
    run_on = " ".join(["Israeli troops and Palestinian militants clashed in Gaza while President Putin met"
                       " German Chancellor Olaf Scholz in Moscow and police arrested protesters"] * 25)
    headline = "US AND NORTH KOREA AGREE TO MEET IN SINGAPORE AS WHO WARNS OF OUTBREAK IN CONGO"
    for text in (run_on, headline, "- * 1. 2. 3. | a | b |\n" * 40):
        doc = nlp(text)
        started = time.perf_counter()
        resolver = ActorResolver(doc, None)
        places = PlaceResolver(doc)
        for token in doc:
            resolver.resolve_token(token)
            places.location_for(token)
        assert time.perf_counter() - started < 5.0


def test_offsets_outside_the_text_give_nothing(nlp):
    doc = nlp("Putin met Scholz in Moscow.")
    resolver, places = ActorResolver(doc, None), PlaceResolver(doc)
    for start, end in [(-5, 3), (10, 2), (0, 10**6), (5, 5)]:
        assert resolver.resolve_span(start, end) is None
        assert resolver.resolve_group(start, end) == ()
        assert places.resolve_place(start, end) is None
