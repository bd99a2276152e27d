"""Places and article-dated times when merging reports of one event (issue 5, same-event rules).

Real sentences go through the whole extraction (spaCy, time expressions, events, places) and are
merged with :func:`dateline.merge.cluster`; one test runs the same reports through ``dateline
ingest`` so that the store's incremental merge is held to the same rules.
"""

from __future__ import annotations

import json
from datetime import date

import pytest

from dateline import merge
from dateline.events import extract_events
from dateline.events.places import country_index, resolve_name
from dateline.timex import tag
from dateline.types import Place
from tests.store_samples import run_dateline as run

NEW_YORK = ("US Secretary of State Mike Pompeo met North Korean Foreign Minister Ri Yong-ho on Wednesday "
            "in New York.", date(2018, 9, 27))
AT_THE_UN = ("Secretary of State Mike Pompeo met North Korea's Foreign Minister Ri Yong-ho on Wednesday at "
             "the United Nations.", date(2018, 9, 26))
IN_PYONGYANG = ("South Korean President Moon Jae-in met Kim Jong Un in Pyongyang on Tuesday.", date(2018, 9, 19))
IN_NORTH_KOREA = ("South Korean President Moon Jae-in met North Korean leader Kim Jong Un in North Korea on "
                  "Tuesday.", date(2018, 9, 18))
IN_SEOUL = ("South Korean President Moon Jae-in met Kim Jong Un in Seoul on Tuesday.", date(2018, 9, 19))


def reports(nlp, *articles: tuple[str, date]) -> list[merge.MentionFacts]:
    """The merge facts of every mention of each (text, article date), one article each."""
    facts = []
    for number, (text, published) in enumerate(articles):
        doc = nlp(text)
        for index, mention in enumerate(extract_events(doc, tag(doc, published), published, None)):
            facts.append(merge.facts_of(mention, (number, index), f"article{number}", published, f"source{number}"))
    return facts


def the_meetings(facts: list[merge.MentionFacts]) -> list[merge.Event]:
    events = [event for event in merge.cluster(facts) if event.plover_type == "CONSULT"]
    assert events, [f.plover_type for f in facts]
    return events


def place_of(name: str) -> str | None:
    """The place key of a name as the resolver places it: a country, else the largest city."""
    found = next((c for c in country_index().values() if c.name == name), None) or resolve_name(name)
    assert found is not None, name
    return merge.place_key(Place(name, (0, len(name)), found.name, found.geonameid, found.lat, found.lon,
                                 found.country))


def test_merge_in_new_york_and_at_the_united_nations_are_one_meeting(nlp):
    facts = reports(nlp, NEW_YORK, AT_THE_UN)
    assert len({f.place for f in facts}) == 2  # "New York" and the UN's city are keyed apart
    [meeting] = the_meetings(facts)
    assert meeting.num_articles == 2 and meeting.date.value == "2018-09-26"


def test_merge_a_city_fits_its_country_but_not_another_country(nlp):
    [meeting] = the_meetings(reports(nlp, IN_PYONGYANG, IN_NORTH_KOREA))
    assert meeting.num_articles == 2
    assert len(the_meetings(reports(nlp, IN_PYONGYANG, IN_SEOUL))) == 2
    assert len(the_meetings(reports(nlp, IN_NORTH_KOREA, IN_SEOUL))) == 2


def test_merge_places_agree_by_country_and_never_across_countries():
    pyongyang, north_korea, seoul = place_of("Pyongyang"), place_of("North Korea"), place_of("Seoul")
    assert merge.places_agree(pyongyang, north_korea) and merge.places_agree(north_korea, pyongyang)
    assert not merge.places_agree(pyongyang, seoul)
    assert not merge.places_agree(north_korea, seoul)
    assert merge.places_agree(None, seoul) and merge.places_agree(seoul, seoul)
    # two cities of one country: neither is known to be within the other
    assert not merge.places_agree(place_of("Tokyo"), place_of("Osaka"))
    assert merge.places_agree(place_of("Osaka"), place_of("Japan"))
    # a name the gazetteer lacks, without a country, fits only itself
    assert not merge.places_agree("n:gorazde|", place_of("Afghanistan"))


def bombings(nlp, *texts: str) -> list[list[str | None]]:
    """The places of the "bombing" mentions of each event, one article per text (same day)."""
    facts = [f for f in reports(nlp, *((text, date(1998, 1, 30)) for text in texts)) if f.plover_type == "ASSAULT"]
    return [[f.place for f in event.mentions] for event in merge.cluster(facts)
            if not (event.actors or event.recipients)]


def test_merge_an_event_known_only_by_its_place_needs_the_same_place(nlp):
    atlanta = "A bombing in Atlanta on Monday wounded six people."
    # with no participant, "in the United States" says too little to take in Atlanta's bombing
    assert len(bombings(nlp, atlanta, "A bombing in the United States on Monday wounded six people.")) == 2
    assert len(bombings(nlp, atlanta, atlanta.replace("six", "seven"))) == 1


def test_merge_a_mention_too_vague_to_merge_does_not_draw_others_in(nlp):
    vague, placed = "Police said the bombing wounded six people.", "A bombing in Atlanta on Monday wounded six people."
    assert bombings(nlp, vague, placed) == [[None], [place_of("Atlanta")]]


def test_merge_a_headline_in_the_present_fits_the_dated_report_of_the_day_before(nlp):
    headline = ("Japanese Prime Minister Shinzo Abe resigns", date(2020, 8, 29))
    dated = ("Japanese Prime Minister Shinzo Abe resigned on Friday because of ill health.", date(2020, 8, 30))
    facts = reports(nlp, headline, dated)
    assert facts[0].time_mod == "APPROX" and facts[0].time_value == "2020-08-29"
    [resignation] = merge.cluster(facts)
    assert resignation.date.value == "2020-08-28" and resignation.date.mod is None  # the stated day wins


def test_merge_the_same_headline_months_apart_stays_two_events(nlp):
    first = ("Israel releases Palestinian prisoners", date(2011, 10, 18))
    again = ("Israel releases Palestinian prisoners", date(2011, 12, 18))
    assert len(merge.cluster(reports(nlp, first, again))) == 2


@pytest.mark.parametrize(("value", "other", "agree"), [
    ("2020-08-29", "2020-08-28", True),
    ("2020-08-29", "2020-08-30", True),
    ("2020-08-29", "2020-08-27", False),
    ("2020-08-31", "2020-09-01", True),  # across a month: the blocking buckets must find it too
])
def test_merge_about_a_day_fits_the_days_either_side(value, other, agree):
    assert merge.times_agree(value, "APPROX", other, None) is agree
    if agree:
        registered = set(merge.bucket_keys(value, "APPROX"))
        assert registered & set(merge.lookup_buckets(other))
        assert set(merge.bucket_keys(other)) & set(merge.lookup_buckets(value, "APPROX"))


#: Second sentences: a report of one sentence full of names is too short to be recognised as English.
BACKGROUND = ("It was their third summit this year, and the talks were expected to focus on the stalled "
              "nuclear negotiations with the United States.")
RESIGNATION = {
    "headline.txt": ("Japanese Prime Minister Shinzo Abe resigns\n\nThe decision surprised many members of his "
                     "own party, who had expected him to stay in office until next year.", date(2020, 8, 29)),
    "dated.txt": ("Japanese Prime Minister Shinzo Abe resigned on Friday because of ill health. The decision "
                  "surprised many members of his own party.", date(2020, 8, 30)),
}


def test_merge_store_uses_the_same_place_and_time_rules(tmp_path):
    corpus = tmp_path / "wire"
    corpus.mkdir()
    articles = {"a.txt": IN_PYONGYANG, "b.txt": IN_NORTH_KOREA, "c.txt": IN_SEOUL}
    articles = {name: (f"{text} {BACKGROUND}", published) for name, (text, published) in articles.items()}
    for name, (text, published) in {**articles, **RESIGNATION}.items():
        (corpus / name).write_text(f"date {published.isoformat()}\nsource {name}\n{text}\n", encoding="utf-8")
    db = str(tmp_path / "events.db")
    ingest = run("ingest", str(corpus), "--db", db, "--no-progress")
    assert ingest.returncode == 0, ingest.stderr

    listed = run("timeline", "--db", db, "--actor", "Moon Jae-in", "--type", "CONSULT", "--include", "all",
                 "--format", "json")
    assert listed.returncode == 0, listed.stderr
    meetings = [e for e in json.loads(listed.stdout) if e["date"] == "2018-09-18" and e["modality"] == "asserted"]
    assert sorted(e["num_articles"] for e in meetings) == [1, 2], [e["line"] for e in meetings]

    listed = run("timeline", "--db", db, "--actor", "Shinzo Abe", "--include", "all", "--format", "json")
    assert listed.returncode == 0, listed.stderr
    resignations = [e for e in json.loads(listed.stdout) if e["plover_type"] == "CONCEDE"]
    assert [(e["date"], e["num_articles"]) for e in resignations] == [("2020-08-28", 2)], resignations


def test_merge_seed_dialogue_stays_apart_from_the_meeting(tmp_path, seed_path):
    """The seed's stagnating "bilateral dialogue" is not the Wednesday meeting; the planned visit
    "to North Korea" is the October trip "to Pyongyang" (a city within the country)."""
    db = tmp_path / "seed.db"
    run("ingest", str(seed_path), "--db", str(db), "--no-progress").check_returncode()
    timeline = run("timeline", "--db", str(db), "--include", "all", "--format", "json")
    timeline.check_returncode()
    events = json.loads(timeline.stdout)
    events = events if isinstance(events, list) else events["events"]
    consult = [e for e in events if e["plover_type"] == "CONSULT"]
    meeting = next(e for e in consult if e["date_value"] == "2018-09-26")
    assert "dialogue" not in meeting["line"]
    assert any("dialogue" in e["line"] for e in consult)
    trips = [e for e in consult if e["modality"] == "planned" and "Pompeo" in e["line"]]
    assert len(trips) == 1 and trips[0]["date_value"] == "2018-10"
