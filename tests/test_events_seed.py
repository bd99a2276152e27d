"""Acceptance tests on the seed story: the mentions the events issue names, field by field."""

from __future__ import annotations

from datetime import date

import pytest

from dateline.types import Article, EventMention

REFERENCE = date(2018, 9, 27)
HEADER = " date 2018-09-21 "


@pytest.fixture(scope="module")
def seed_events(seed_text, nlp) -> tuple[str, tuple[EventMention, ...]]:
    from dateline.document import resolve_reference
    from dateline.events import extract_events
    from dateline.timex import tag

    text = seed_text[len(HEADER):] if seed_text.startswith(HEADER) else seed_text
    info = resolve_reference(Article(id="seed", text=text, origin="seed", metadata_date=date(2018, 9, 21)))
    assert info.reference_date == REFERENCE
    doc = nlp(text)
    return text, extract_events(doc, tag(doc, REFERENCE), REFERENCE, info.dateline)


def find(events, trigger: str, sentence_has: str, text: str) -> EventMention:
    """The mention with this trigger word in the sentence containing ``sentence_has``."""
    at = text.index(sentence_has)
    candidates = [m for m in events if trigger in m.trigger and abs(m.trigger_span[0] - at) < 400
                  and m.trigger_span[0] >= text.rfind(".", 0, at)]
    assert candidates, f"no mention {trigger!r} near {sentence_has!r}: {[m.trigger for m in events]}"
    return min(candidates, key=lambda m: abs(m.trigger_span[0] - at))


def countries(actors) -> set:
    return {a.country for a in actors}


def test_pompeo_meets_ri_at_the_un(seed_events):
    text, events = seed_events
    meeting = find(events, "met", "Pompeo met on Wednesday", text)
    assert meeting.plover_type == "CONSULT" and meeting.cameo_root == "04"
    assert [(a.name, a.country, a.sector) for a in meeting.actors] == [("Mike Pompeo", "USA", "GOV")]
    assert ("Ri Yong-ho", "PRK", "GOV") in {(a.name, a.country, a.sector) for a in meeting.recipients}
    assert meeting.location is not None and "General Assembly" in meeting.location.text
    assert meeting.time.value == "2018-09-26" and meeting.time.source == "timex"
    assert meeting.modality == "asserted"
    assert meeting.attribution is not None and "Efe" in meeting.attribution.text


def test_pompeo_will_travel_to_pyongyang(seed_events):
    text, events = seed_events
    travel = find(events, "travel", "will travel to Pyongyang in October", text)
    assert (travel.plover_type, travel.plover_mode, travel.cameo) == ("CONSULT", "visit", "042")
    assert travel.time.value == "2018-10" and travel.time.precision == "month"
    assert travel.modality == "planned"
    assert travel.attribution is not None and "Department of State" in travel.attribution.text
    assert text[slice(*travel.attribution.span)] == travel.attribution.text
    assert countries(travel.actors) == {"USA"}


def test_trump_and_kim_signed_a_declaration_in_singapore(seed_events):
    text, events = seed_events
    signing = find(events, "signed", "signed a declaration", text)
    assert (signing.plover_type, signing.cameo) == ("AGREE", "057")
    assert signing.time.value == "2018-06"
    assert signing.location is not None and signing.location.name == "Singapore"
    assert signing.modality == "asserted"
    assert {a.name for a in signing.actors} == {"Donald Trump", "Kim Jong-un"}


def test_denuclearization_must_be_finalized_is_a_us_demand(seed_events):
    text, events = seed_events
    demand = find(events, "finalized", "must be finalized", text)
    assert demand.plover_type == "REQUEST" and demand.cameo_root == "10"
    assert ("USA", "GOV") in {(a.country, a.sector) for a in demand.actors}
    assert "PRK" in countries(demand.recipients)
    assert demand.time.value == "2018-W38" and demand.time.precision == "week"
    assert demand.modality == "demanded"


def test_north_korea_demanded_progress(seed_events):
    text, events = seed_events
    demand = find(events, "demanded", "has demanded progress", text)
    assert demand.plover_type == "REQUEST" and demand.cameo_root == "10"
    assert countries(demand.actors) == {"PRK"}


def test_leaders_did_not_establish_a_timetable(seed_events):
    text, events = seed_events
    establish = find(events, "establish", "did not establish a timetable", text)
    assert establish.modality == "negated"


def test_every_mention_is_consistent_and_inside_the_text(seed_events):
    from dateline.events.cameo import lookup

    text, events = seed_events
    assert events
    for mention in events:
        assert text[slice(*mention.trigger_span)] == mention.trigger
        code = lookup(mention.cameo)
        assert (mention.plover_type, mention.plover_mode) == (code.plover_type, code.plover_mode)
        assert mention.cameo_root == mention.cameo[:2]
        for actor in (*mention.actors, *mention.recipients):
            assert text[slice(*actor.span)] == actor.text
        assert 0.0 <= mention.confidence <= 1.0
