"""Cross-document merging rules, as pure functions over hand-built mentions."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests import store_samples as samples
from dateline import merge
from dateline.merge import date_interval, intervals_overlap, times_agree


@pytest.mark.parametrize("value, start, end", [
    ("2018-09-26", date(2018, 9, 26), date(2018, 9, 27)),
    ("2018-09", date(2018, 9, 1), date(2018, 10, 1)),
    ("2018-12", date(2018, 12, 1), date(2019, 1, 1)),
    ("2018-W39", date(2018, 9, 24), date(2018, 10, 1)),
    ("2018-Q4", date(2018, 10, 1), date(2019, 1, 1)),
    ("2018-WI", date(2018, 12, 1), date(2019, 3, 1)),
    ("2018", date(2018, 1, 1), date(2019, 1, 1)),
    ("201", date(2010, 1, 1), date(2020, 1, 1)),
    ("19", date(1900, 1, 1), date(2000, 1, 1)),
    ("2018-09-26T10:30", date(2018, 9, 26), date(2018, 9, 27)),
])
def test_merge_date_interval_covers_the_value_at_its_precision(value, start, end):
    assert date_interval(value) == (start, end)


@pytest.mark.parametrize("value", [None, "", "PRESENT_REF", "XXXX-10", "P3D", "2018-13", "2018-02-30", "0000"])
def test_merge_date_interval_is_none_for_values_naming_no_date(value):
    assert date_interval(value) is None


@pytest.mark.parametrize("a, b, agree", [
    ("2018-09-26", "2018-09", True),
    ("2018-09-26", "2018-W39", True),
    ("2018-09-26", "2018-08", False),
    ("2018-W39", "2018-09", True),
    ("2018-W40", "2018-09", False),
    ("2018-09-26", "2018", True),
    ("2018-09-26", "2018-09-25", False),
    (None, None, True),
    (None, "2018-09", False),
])
def test_merge_times_agree_at_their_precisions(a, b, agree):
    assert times_agree(a, None, b, None) is agree
    assert times_agree(b, None, a, None) is agree


def test_merge_times_before_an_anchor_do_not_merge_with_the_anchor_itself():
    assert not times_agree("2018-09", "BEFORE", "2018-09", None)
    assert times_agree("2018-09", "BEFORE", "2018-09", "BEFORE")


def facts(item, ordinal=0):
    mention = item.events[ordinal]
    return merge.facts_of(mention, (item.article.id, ordinal), item.article.id, item.reference_date,
                          item.dateline.agency.casefold())


def test_merge_three_agencies_reporting_the_meeting_become_one_event():
    mentions = [facts(samples.ians(), 1), facts(samples.efe()), facts(samples.afp())]
    events = merge.cluster(mentions)
    assert len(events) == 1
    event = events[0]
    assert (event.num_mentions, event.num_sources, event.num_articles) == (3, 3, 3)
    assert event.date.value == "2018-09-26"  # the most precise date agreeing with week and month
    assert (event.first_seen, event.last_seen) == (date(2018, 9, 27), date(2018, 9, 30))


def test_merge_a_meeting_in_another_month_stays_apart():
    events = merge.cluster([facts(samples.ians(), 1), facts(samples.kyodo_august())])
    assert len(events) == 2


def test_merge_planned_and_realised_visits_are_linked_not_merged():
    planned, done = facts(samples.ians(), 0), facts(samples.yonhap())
    events = merge.cluster([planned, done])
    assert [e.modality_class for e in events] == ["planned", "asserted"]
    assert merge.plan_links(events) == [(0, 1)]


def test_merge_a_realisation_reported_before_the_plan_is_not_its_realisation():
    planned = replace(facts(samples.ians(), 0), article_date=date(2018, 10, 20))
    events = merge.cluster([planned, facts(samples.yonhap())])
    assert merge.plan_links(events) == []


def test_merge_other_participants_or_other_place_keep_events_apart():
    base = facts(samples.ians(), 1)
    other_recipient = replace(base, recipients=(merge.ActorKey("kang kyung wha", "KOR", "GOV"),))
    other_place = replace(base, place="n:singapore|SGP")
    assert len(merge.cluster([base, other_recipient])) == 2
    assert len(merge.cluster([base, other_place])) == 2
    unknown_place = replace(base, place=None, ref="x")
    assert len(merge.cluster([base, unknown_place])) == 1


def test_merge_same_cameo_root_with_another_plover_type_merges():
    base = facts(samples.ians(), 1)
    recoded = replace(base, plover_type="COOPERATE", ref="y")
    assert len(merge.cluster([base, recoded])) == 1
    other_root = replace(base, plover_type="COOPERATE", cameo_root="05", ref="z")
    assert len(merge.cluster([base, other_root])) == 2


def test_merge_surname_fits_full_name_but_different_names_do_not():
    assert merge.names_agree("pompeo", "mike pompeo")
    assert not merge.names_agree("mike pompeo", "john bolton")
    assert merge.normalise_name("Ri Yong-ho") == merge.normalise_name("Ri Yong Ho")


def test_merge_best_date_prefers_agreement_over_precision():
    base = facts(samples.ians(), 1)
    outlier = replace(base, time_value="2018-08-01", time_precision="day")
    month = replace(base, time_value="2018-09", time_precision="month")
    week = replace(base, time_value="2018-W39", time_precision="week")
    chosen = merge.best_date([outlier, month, week, base])
    assert chosen.value == "2018-09-26"


def test_merge_lookup_buckets_find_every_registered_bucket():
    for event_value in ("2018-09-26", "2018-09", "2018-W40", "2018", "201"):
        registered = set(merge.bucket_keys(event_value))
        for mention_value in ("2018-09-30", "2018-10-01", "2018-09", "2018", "2018-Q3"):
            if times_agree(event_value, None, mention_value, None):
                assert registered & set(merge.lookup_buckets(mention_value)), (event_value, mention_value)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=20))
def test_merge_date_interval_never_fails_and_is_ordered(text):
    interval = date_interval(text)
    if interval is not None:
        assert interval[0] < interval[1]
        assert intervals_overlap(interval, interval)
    assert merge.lookup_buckets(text)
    assert merge.bucket_keys(text)


@settings(max_examples=200, deadline=None)
@given(st.dates(min_value=date(1, 1, 1), max_value=date(9998, 12, 1)),
       st.sampled_from(["day", "week", "month", "quarter", "year"]))
def test_merge_a_day_always_agrees_with_its_coarser_values(day, precision):
    iso = day.isocalendar()
    coarse = {"day": day.isoformat(), "week": f"{iso.year:04d}-W{iso.week:02d}", "month": f"{day.year:04d}-{day.month:02d}",
              "quarter": f"{day.year:04d}-Q{(day.month - 1) // 3 + 1}", "year": f"{day.year:04d}"}[precision]
    assert times_agree(day.isoformat(), None, coarse, None)
    assert set(merge.lookup_buckets(day.isoformat())) & set(merge.bucket_keys(coarse))


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=30))
def test_merge_normalise_name_is_idempotent(name):
    once = merge.normalise_name(name)
    assert merge.normalise_name(once) == once
    assert merge.names_agree(once, once)


def test_merge_open_ended_plans_merge_and_link_to_a_later_realisation():
    planned = facts(samples.ians(), 0)
    after_25 = replace(planned, time_value="2018-09-25", time_precision="day", time_mod="AFTER", ref="a")
    after_27 = replace(planned, time_value="2018-09-27", time_precision="day", time_mod="AFTER", ref="b")
    events = merge.cluster([after_25, after_27, facts(samples.yonhap())])
    assert [e.num_mentions for e in events] == [2, 1]
    assert merge.plan_links(events) == [(0, 1)]
    registered = set(merge.bucket_keys("2018-09-27", "AFTER"))
    assert registered & set(merge.lookup_buckets("2018-10-07"))
    assert set(merge.bucket_keys("2018-10-07")) & set(merge.lookup_buckets("2018-09-27", "AFTER"))


def test_merge_time_interval_of_modifiers_reaches_a_season():
    assert merge.time_interval("2018-09", "BEFORE") == (date(2018, 6, 1), date(2018, 9, 1))
    assert merge.time_interval("2018-09", "ON_OR_AFTER") == (date(2018, 9, 1), date(2019, 1, 1))
    # "about" widens a time by its own length either way: about the 26th is the 25th to the 27th,
    # about September reaches into August and October but not July
    assert merge.time_interval("2018-09-26", "APPROX") == (date(2018, 9, 25), date(2018, 9, 28))
    assert times_agree("2018-09", "APPROX", "2018-08-15", None)
    assert times_agree("2018-09", "APPROX", "2018-10-15", None)
    assert not times_agree("2018-09", "APPROX", "2018-07", None)
    # "said on or before" two reports years apart: two different times
    assert not times_agree("2005-06-06", "ON_OR_BEFORE", "2010-08-09", "ON_OR_BEFORE")


def test_merge_statements_are_never_merged():
    said = replace(facts(samples.ians(), 1), plover_type="STATEMENT", cameo_root="01")
    again = replace(said, ref="again")
    assert not said.mergeable
    assert len(merge.cluster([said, again])) == 2


def test_merge_symmetric_types_ignore_which_side_is_the_subject():
    meeting = facts(samples.ians(), 1)
    swapped = replace(meeting, actors=meeting.recipients, recipients=meeting.actors, ref="swapped")
    assert merge.is_symmetric("CONSULT")
    assert len(merge.cluster([meeting, swapped])) == 1
    accusation = replace(meeting, plover_type="ACCUSE", cameo_root="11")
    counter = replace(swapped, plover_type="ACCUSE", cameo_root="11")
    assert not merge.is_symmetric("ACCUSE")
    assert len(merge.cluster([accusation, counter])) == 2  # A accusing B is not B accusing A
    assert set(merge.block_keys("asserted", "CONSULT", "04", meeting.actors, meeting.recipients, "2018-09-26")) == \
        set(merge.block_keys("asserted", "CONSULT", "04", swapped.actors, swapped.recipients, "2018-09-26"))


def test_merge_symmetric_types_file_is_valid_and_explained():
    from importlib import resources

    import yaml

    data = yaml.safe_load(resources.files("dateline").joinpath("resources", "merge", "symmetric_types.yaml")
                          .read_text(encoding="utf-8"))
    assert all(entry["why"].strip() for entry in data["symmetric_types"])
    assert merge.symmetric_types() == {entry["type"] for entry in data["symmetric_types"]}
