"""Actors of the seed article: titles, demonyms, names carried through the document, metonyms."""

from __future__ import annotations

from datetime import date

import pytest

from dateline.events.actors import ActorResolver

HEADER = " date 2018-09-21 "
REFERENCE = date(2018, 9, 27)


@pytest.fixture(scope="module")
def story(seed_text) -> str:
    assert seed_text.startswith(HEADER)
    return seed_text[len(HEADER):]


@pytest.fixture(scope="module")
def resolver(nlp, story) -> ActorResolver:
    return ActorResolver(nlp(story), REFERENCE)


def nth(story: str, phrase: str, n: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(n + 1):
        start = story.index(phrase, start + 1)
    return start, start + len(phrase)


def token_at(resolver: ActorResolver, story: str, word: str, n: int = 0):
    start, _ = nth(story, word, n)
    return next(t for t in resolver.doc if t.idx == start)


def test_titled_full_name_is_usa_government(resolver, story):
    actor = resolver.resolve_span(*nth(story, "US Secretary of State Mike Pompeo"))
    assert (actor.name, actor.country, actor.sector) == ("Mike Pompeo", "USA", "GOV")


def test_later_surname_takes_the_full_mention(resolver, story):
    for n in (1, 2, 3):
        actor = resolver.resolve_token(token_at(resolver, story, "Pompeo", n))
        assert (actor.text, actor.name, actor.country, actor.sector) == ("Pompeo", "Mike Pompeo", "USA", "GOV")


def test_counterpart_in_apposition_is_ri_yong_ho(resolver, story):
    actor = resolver.resolve_token(token_at(resolver, story, "counterpart"))
    assert (actor.name, actor.country, actor.sector) == ("Ri Yong-ho", "PRK", "GOV")
    by_name = resolver.resolve_token(token_at(resolver, story, "Ri"))
    assert (by_name.name, by_name.country, by_name.sector) == ("Ri Yong-ho", "PRK", "GOV")


def test_spelling_variant_joins_the_same_person(resolver, story):
    actor = resolver.resolve_span(*nth(story, "Ri Yong Ho"))
    assert (actor.name, actor.country) == ("Ri Yong-ho", "PRK")


def test_president_trump_is_usa_government_on_the_article_date(resolver, story):
    for phrase in ("President Donald Trump", "President Trump"):
        actor = resolver.resolve_span(*nth(story, phrase))
        assert (actor.name, actor.country, actor.sector) == ("Donald Trump", "USA", "GOV")


def test_kim_in_every_form_is_kim_jong_un(resolver, story):
    first = resolver.resolve_span(*nth(story, "North Korean leader Kim Jong-un"))
    assert (first.name, first.country, first.sector) == ("Kim Jong-un", "PRK", "GOV")
    chairman = resolver.resolve_span(*nth(story, "Chairman Kim"))
    assert (chairman.name, chairman.country) == ("Kim Jong-un", "PRK")
    start, _ = nth(story, "Kim will occur")
    bare = resolver.resolve_span(start, start + len("Kim"))
    assert bare.name == "Kim Jong-un" and bare.text == "Kim"


@pytest.mark.parametrize("phrase", ["the Department of State", "the State Department", "the US government",
                                    "the White House"])
def test_us_institutions_are_usa_government(resolver, story, phrase):
    actor = resolver.resolve_span(*nth(story, phrase))
    assert (actor.country, actor.sector) == ("USA", "GOV")
    assert not actor.text.startswith("the ")


def test_north_korea_acting_is_its_government(resolver, story):
    start, _ = nth(story, "North Korea, meanwhile")
    actor = resolver.resolve_span(start, start + len("North Korea"))
    assert (actor.name, actor.country, actor.sector) == ("North Korea", "PRK", "GOV")


def test_capitals_as_metonyms(resolver, story):
    washington = resolver.resolve_span(*nth(story, "Washington"))
    assert (washington.name, washington.country, washington.sector) == ("United States", "USA", "GOV")
    pyongyang = resolver.resolve_span(*nth(story, "Pyongyang", 3))
    assert (pyongyang.country, pyongyang.sector) == ("PRK", "GOV")


def test_news_agency_is_media(resolver, story):
    actor = resolver.resolve_span(*nth(story, "Efe"))
    assert (actor.country, actor.sector) == ("ESP", "MED")


def test_the_two_leaders_are_trump_and_kim(resolver, story):
    group = resolver.resolve_group(*nth(story, "the two leaders"))
    assert [a.name for a in group] == ["Donald Trump", "Kim Jong-un"]
    assert [a.country for a in group] == ["USA", "PRK"]


def test_conjoined_actors_resolve_one_by_one(resolver, story):
    start, _ = nth(story, "Trump and Kim signed")
    group = resolver.resolve_group(start, start + len("Trump and Kim"))
    assert [(a.name, a.country) for a in group] == [("Donald Trump", "USA"), ("Kim Jong-un", "PRK")]


def test_pronouns_take_the_subject_they_refer_to(resolver, story):
    actor = resolver.resolve_token(token_at(resolver, story, "He will"))
    assert actor.name == "Mike Pompeo" and actor.text == "He"
    # a fronted phrase points forward to the main clause's subject, not back to Chairman Kim
    assert resolver.resolve_token(token_at(resolver, story, "his visit")).name == "Mike Pompeo"
    assert resolver.resolve_token(token_at(resolver, story, "his second meeting")).name == "Donald Trump"


def test_mentions_are_sorted_unique_and_inside_the_text(resolver, story):
    mentions = resolver.mentions()
    spans = [m.span for m in mentions]
    assert spans == sorted(spans) and len(spans) == len(set(spans))
    assert all(story[m.span[0]:m.span[1]] == m.text for m in mentions)
    names = {m.name for m in mentions}
    assert {"Mike Pompeo", "Donald Trump", "Kim Jong-un", "Ri Yong-ho"} <= names


def test_without_a_date_offices_are_not_guessed(nlp, story):
    resolver = ActorResolver(nlp(story), None)
    actor = resolver.resolve_span(*nth(story, "President Donald Trump"))
    # the title still says GOV; the country comes from the built-in file (it holds in any term)
    assert (actor.country, actor.sector) == ("USA", "GOV")
