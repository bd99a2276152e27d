"""The entity-timeline builder on small CAT documents written here, through the real pipeline."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dateline.readers.catxml import parse_cat_document
from dateline.timeline_build import (
    TargetEntity,
    build_timeline,
    calendar_date,
    date_key,
    lexicon,
    name_mentions,
    parse_cat_documents,
    parse_lexicon,
    ResourceError,
)


def cat_xml(doc_id: str, dct: str, sentences: list[str]) -> str:
    tokens, number = [], 0
    for index, sentence in enumerate(sentences):
        for word in sentence.split():
            number += 1
            tokens.append(f'<token t_id="{number}" sentence="{index}" number="{number - 1}">{word}</token>')
    return (f'<Document doc_id="{doc_id}">{"".join(tokens)}<Markables>'
            f'<TIMEX3 functionInDocument="CREATION_TIME" m_id="1" type="DATE" value="{dct}"/>'
            f'</Markables></Document>')


def parse_story(doc_id: str, sentences: list[str], filename: str):
    """One CAT document of ``sentences`` (creation time 2010-06-08) through the real pipeline."""
    return parse_cat_documents([parse_cat_document(cat_xml(doc_id, "2010-06-08", sentences), filename)])


STORY = [
    "Jobs founds NeXT",
    "June 8 , 2010",
    "In 1985 , Steve Jobs founded NeXT .",
    "He bought Pixar in 1986 .",
    "Tim Cook was hired in 1998 .",
    "Jobs says the new phone is great .",
]


@pytest.fixture(scope="module")
def parsed(nlp):
    return parse_story("77", STORY, "story.xml")


def test_builder_orders_the_entity_events_by_date(parsed):
    timeline = build_timeline("Steve Jobs", parsed)
    assert timeline.entity == "Steve Jobs"
    dated = [(entry.date, entry.mentions) for entry in timeline.entries if entry.ordinal > 0]
    assert ("1985", ("77-2-founded",)) in dated
    assert ("1986", ("77-3-bought",)) in dated  # "He" continues Steve Jobs
    assert ("2010-06-08", ("77-5-says",)) in dated  # present tense: the creation day
    ordinals = {entry.mentions[0]: entry.ordinal for entry in timeline.entries}
    assert ordinals["77-2-founded"] < ordinals["77-3-bought"] < ordinals["77-5-says"]


def test_builder_skips_headline_and_other_people(parsed):
    mentions = {m for entry in build_timeline("Steve Jobs", parsed).entries for m in entry.mentions}
    assert not any(m.startswith("77-0-") for m in mentions)  # the headline retells the story
    assert "77-4-hired" not in mentions  # Tim Cook's event


def test_builder_entity_absent_gives_empty_timeline(parsed):
    assert build_timeline("Bill Gates", parsed).entries == ()


def test_name_mentions_need_distinctive_words(nlp):
    doc = nlp("The iPhone 4 and the iPhone 3G sold well, said Apple Corps and Apple.")
    spans = [doc[s:e].text for s, e in name_mentions(doc, TargetEntity.from_name("iPhone 4"))]
    assert spans == ["iPhone 4"]
    spans = [doc[s:e].text for s, e in name_mentions(doc, TargetEntity.from_name("Beatles Apple Corps"))]
    assert spans == ["Apple Corps"]
    spans = [doc[s:e].text for s, e in name_mentions(doc, TargetEntity.from_name("iTunes store"))]
    assert spans == []
    # a legal form is not needed ("Apple Inc." is "Apple"), but "Apple Corps" is another company
    spans = [doc[s:e].text for s, e in name_mentions(doc, TargetEntity.from_name("Apple Inc."))]
    assert spans == ["Apple"]


def test_calendar_dates_and_their_order():
    assert calendar_date("2010-06-07") == "2010-06-07"
    assert calendar_date("2010-06-07T10:00") == "2010-06-07"
    assert calendar_date("2010-W22") == "2010"
    assert calendar_date("PAST_REF") is None
    ordered = sorted(["2010-06-07", "2010", "2009-12", "2010-06"], key=date_key)
    assert ordered == ["2009-12", "2010", "2010-06", "2010-06-07"]


def test_lexicon_loads_and_validation_reports_every_problem():
    words = lexicon()
    assert "be" in words.non_event_verbs and "resignation" in words.eventive_nouns
    bad = {
        "non_event_verbs": [{"lemma": "be"}, {"lemma": "be", "why": "twice"}],
        "eventive_nouns": "launch",
        "person_pronouns": [],
        "no_space_before": [],
        "no_space_after": [{"why": "no word"}],
        "extra": [],
    }
    with pytest.raises(ResourceError) as error:
        parse_lexicon(bad, "events.yaml")
    reasons = " | ".join(f"{entry}: {reason}" for _, entry, reason in error.value.problems)
    assert "needs a 'why'" in reasons
    assert "listed twice" in reasons
    assert "eventive_nouns: missing or not a list" in reasons
    assert "needs a non-empty 'word'" in reasons
    assert "extra: unknown section" in reasons


PRODUCT_STORY = [
    "Apple ships iPhone 4",
    "June 8 , 2010",
    "Yesterday , Steve Jobs gave his keynote and chose to step down .",
    "The iPhone 4 was unveiled yesterday .",
    "It comes in two colors .",
    "The new iPhone has two cameras .",
    "The iPod Touch was also updated .",
    "Apple launched the iTunes Music Store in 2003 .",
]


@pytest.fixture(scope="module")
def product(nlp):
    return parse_story("88", PRODUCT_STORY, "product.xml")


def mentions_of(timeline) -> dict[str, str]:
    return {m: entry.date for entry in timeline.entries for m in entry.mentions}


def test_builder_follows_a_thing_through_it_and_definite_descriptions(product):
    mentions = mentions_of(build_timeline("iPhone 4", product))
    assert mentions.get("88-3-unveiled") == "2010-06-07"  # "yesterday" governs it
    assert "88-4-comes" in mentions  # "It" continues the previous subject, iPhone 4
    assert "88-5-has" in mentions  # "The new iPhone" after "iPhone 4"


def test_builder_light_and_control_verbs_give_the_event_word(product):
    mentions = mentions_of(build_timeline("Steve Jobs", product))
    assert "88-2-keynote" in mentions and "88-2-gave" not in mentions
    assert "88-2-step_down" in mentions and "88-2-chose" not in mentions
    assert mentions["88-2-keynote"] == "2010-06-07"


def test_builder_longer_names_are_other_entities(product):
    assert not mentions_of(build_timeline("iPod", product))  # the iPod Touch is another product
    itunes = mentions_of(build_timeline("iTunes store", product))
    assert itunes.get("88-7-launched") == "2003"  # "iTunes Music Store" is the iTunes store


sentence_words = st.lists(
    st.sampled_from(["Steve", "Jobs", "he", "it", "the", "iPhone", "4", "store", "said", "sold", "in",
                     "2010", "Monday", ",", ".", "(", "'s", "launch", "made", "decision", "off", "and"]),
    min_size=1, max_size=12)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(sentence_words, min_size=1, max_size=5), st.sampled_from(["Steve Jobs", "iPhone 4", "iTunes store"]))
def test_builder_any_tokens_never_raise_and_name_real_tokens(nlp, sentences, entity):
    document = parse_cat_document(cat_xml("9", "2010-06-08", [" ".join(words) for words in sentences]), "any.xml")
    timeline = build_timeline(entity, parse_cat_documents([document]))
    names = {f"9-{t.sentence}-{t.text}" for t in document.tokens}
    for entry in timeline.entries:
        assert entry.ordinal >= 0
        for mention in entry.mentions:
            assert mention.split("_")[0] in names or mention in names


def test_builder_prefers_the_precise_governing_date(nlp):
    story = ["Jobs unveils phone", "June 8 , 2010",
             "Yesterday , at this year 's conference , Steve Jobs unveiled the phone ."]
    mentions = mentions_of(build_timeline("Steve Jobs", parse_story("5", story, "precise.xml")))
    assert mentions == {"5-2-unveiled": "2010-06-07"}
