"""User actor files: the documented YAML format, date-chosen entries, every error reported at once."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from dateline.events.actors import ActorResolver
from dateline.events.user_actors import ActorsFileError, UserActors, builtin_actors

DATA = Path(__file__).parent / "data" / "actors"


@pytest.fixture(scope="module")
def leaders() -> UserActors:
    return UserActors.load(DATA / "leaders.yaml")


def test_entry_is_chosen_by_the_article_date(leaders):
    in_office = leaders.lookup("Trump", date(2018, 9, 27))
    before = leaders.lookup("Trump", date(2015, 6, 16))
    after = leaders.lookup("Trump", date(2022, 1, 1))
    assert (in_office.name, in_office.sector) == ("Donald Trump", "GOV")
    assert before.sector == "BUS"
    assert after is None


def test_aliases_match_ignoring_case_periods_and_hyphens(leaders):
    assert leaders.lookup("the President", date(2019, 1, 1)).name == "Donald Trump"
    assert leaders.lookup("ACME", None).country == "ZAF"
    assert leaders.lookup("donald-trump", date(2019, 1, 1)).country == "USA"


def test_without_a_date_only_undated_entries_match(leaders):
    assert leaders.lookup("Trump", None) is None
    assert leaders.lookup("Acme Mining", None).sector == "BUS"
    assert leaders.country_of("Trump") == "USA"


def test_every_bad_entry_is_reported_at_once():
    with pytest.raises(ActorsFileError) as caught:
        UserActors.load(DATA / "broken.yaml")
    error = caught.value
    entries = [entry for entry, _ in error.problems]
    assert len(error.problems) == 5
    assert any("Bad Country" in e for e in entries) and any("Bad Dates" in e for e in entries)
    assert any("Bad Field" in e for e in entries) and any("Bad Date Format" in e for e in entries)
    assert "broken.yaml" in str(error)


@pytest.mark.parametrize("content, reason", [
    ("actors: [", "not valid YAML"),
    ("people: []", "'actors' list"),
])
def test_malformed_files_name_the_file(tmp_path, content, reason):
    path = tmp_path / "actors.yaml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ActorsFileError) as caught:
        UserActors.load(path)
    assert reason in str(caught.value) and str(path) in str(caught.value)


def test_missing_file_is_an_actors_file_error(tmp_path):
    with pytest.raises(ActorsFileError, match="cannot read"):
        UserActors.load(tmp_path / "nope.yaml")


def test_user_file_places_a_person_the_text_cannot(nlp, leaders):
    sentence = "Toure met the rebels on Monday."
    plain = ActorResolver(nlp(sentence), date(2005, 3, 1))
    with_file = ActorResolver(nlp(sentence), date(2005, 3, 1), leaders)
    assert plain.resolve_span(0, 5) is None or plain.resolve_span(0, 5).country is None
    actor = with_file.resolve_span(0, 5)
    assert (actor.name, actor.country, actor.sector) == ("Amadou Toure", "MLI", "GOV")


def test_user_file_wins_over_the_builtin_dictionary(nlp, leaders):
    sentence = "Trump said he would build a tower."
    actor = ActorResolver(nlp(sentence), date(2015, 6, 16), leaders).resolve_span(0, 5)
    assert (actor.country, actor.sector) == ("USA", "BUS")


def test_builtin_dictionary_loads_and_is_dated():
    actors = builtin_actors()
    assert len(actors) > 100
    assert actors.lookup("Putin", date(2020, 1, 1)).country == "RUS"
    assert actors.lookup("Obama", date(2020, 1, 1)) is None
    assert actors.lookup("Obama", date(2010, 1, 1)).sector == "GOV"
