"""TempEval-3 temporal awareness and the timeline -> graph conversion, on hand-built graphs.

Every expected number is worked out by hand in the comment above it.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dateline.eval.timeline import (
    BEFORE,
    INCLUDES,
    SIMULTANEOUS,
    Timeline,
    TimelineEntry,
    TimelineFormatError,
    anchor_value,
    closure,
    format_timeline,
    parse_timeline,
    reduce,
    score_timeline,
    score_timelines,
    temporal_awareness,
    timeline_links,
)


def test_closure_chains_before_through_simultaneous():
    # a < b, b = c, c < d  =>  a<b a<c a<d b<d c<d, b=c: 6 links
    links = {("a", BEFORE, "b"), ("b", SIMULTANEOUS, "c"), ("c", BEFORE, "d")}
    closed = closure(links)
    assert closed == {
        ("a", BEFORE, "b"), ("a", BEFORE, "c"), ("a", BEFORE, "d"),
        ("b", BEFORE, "d"), ("c", BEFORE, "d"), ("b", SIMULTANEOUS, "c"),
    }


def test_closure_orders_events_inside_ordered_dates():
    # T1 includes e1, e1 < e2, T2 includes e2: nothing orders T1 and T2, but e1 < e2 stays;
    # T1 includes e1 and e1 < e2 gives nothing new (a containing interval may overlap e2).
    links = {("T1", INCLUDES, "e1"), ("e1", BEFORE, "e2"), ("T2", INCLUDES, "e2")}
    assert closure(links) == links
    # e0 < T1 and T1 includes e1 => e0 < e1
    assert ("e0", BEFORE, "e1") in closure({("e0", BEFORE, "T1"), ("T1", INCLUDES, "e1")})
    # e1 inside T1, T1 < e2 => e1 < e2
    assert ("e1", BEFORE, "e2") in closure({("T1", INCLUDES, "e1"), ("T1", BEFORE, "e2")})


def test_after_and_is_included_are_turned_around():
    assert closure({("b", "AFTER", "a")}) == {("a", BEFORE, "b")}
    assert closure({("e", "IS_INCLUDED", "T")}) == {("T", INCLUDES, "e")}
    assert closure({("z", SIMULTANEOUS, "a")}) == {("a", SIMULTANEOUS, "z")}


def test_reduce_drops_derivable_links():
    # a<b, b<c, a<c: a<c follows from the other two, so the reduced graph keeps 2 links
    assert reduce({("a", BEFORE, "b"), ("b", BEFORE, "c"), ("a", BEFORE, "c")}) == {
        ("a", BEFORE, "b"), ("b", BEFORE, "c")}
    # a=b=c given as a triangle: a chain of 2 SIMULTANEOUS links suffices
    assert len(reduce({("a", SIMULTANEOUS, "b"), ("b", SIMULTANEOUS, "c"), ("a", SIMULTANEOUS, "c")})) == 2


def test_identical_graphs_score_one():
    links = {("a", BEFORE, "b"), ("b", SIMULTANEOUS, "c"), ("T", INCLUDES, "a")}
    scores = temporal_awareness(links, links)
    assert (scores.precision, scores.recall, scores.f1) == (1.0, 1.0, 1.0)


def test_reversed_order_scores_zero():
    # gold a<b<c, system c<b<a: no system link is in the gold closure and vice versa
    gold = {("a", BEFORE, "b"), ("b", BEFORE, "c")}
    system = {("c", BEFORE, "b"), ("b", BEFORE, "a")}
    scores = temporal_awareness(system, gold)
    assert (scores.precision, scores.recall, scores.f1) == (0.0, 0.0, 0.0)


def test_partial_agreement_by_hand():
    # gold a<b<c (reduced: a<b, b<c; closure adds a<c)
    # system a<c, c<b (reduced: a<c, c<b; closure adds a<b)
    # precision: a<c in gold+, c<b not              -> 1/2
    # recall:    a<b in sys+ , b<c not              -> 1/2
    gold = {("a", BEFORE, "b"), ("b", BEFORE, "c")}
    system = {("a", BEFORE, "c"), ("c", BEFORE, "b")}
    scores = temporal_awareness(system, gold)
    assert scores.precision == pytest.approx(0.5)
    assert scores.recall == pytest.approx(0.5)
    assert scores.f1 == pytest.approx(0.5)


def test_system_with_extra_events_loses_precision_only():
    # gold a<b; system a<b<x: reduced system a<b, b<x -> precision 1/2; recall 1/1
    scores = temporal_awareness({("a", BEFORE, "b"), ("b", BEFORE, "x")}, {("a", BEFORE, "b")})
    assert (scores.precision, scores.recall) == (0.5, 1.0)
    assert scores.f1 == pytest.approx(2 * 0.5 * 1.0 / 1.5)


def test_empty_system_scores_zero_not_error():
    scores = temporal_awareness(set(), {("a", BEFORE, "b")})
    assert (scores.precision, scores.recall, scores.f1) == (0.0, 0.0, 0.0)


GOLD_TEXT = "Steve Jobs\n0\tXXXX-XX-XX\t1-4-said\n1\t1955-02-24\t1-5-born\n2\t1976\t1-6-started\t2-3-founded\n2\t1976\t1-5-built\n3\t2008-03-XX\t1-9-left\n"


def test_parse_and_format_round_trip():
    timeline = parse_timeline(GOLD_TEXT, "gold.txt")
    assert timeline.entity == "Steve Jobs"
    assert timeline.entries[2] == TimelineEntry(2, "1976", ("1-6-started", "2-3-founded"))
    assert format_timeline(timeline) == GOLD_TEXT


def test_parse_errors_name_the_line():
    with pytest.raises(TimelineFormatError) as error:
        parse_timeline("Entity\n1\t2010\tx-1-a\nfirst\t2010\tx-1-b\n", "t.txt")
    assert error.value.line == 3 and "t.txt:3" in str(error.value)
    with pytest.raises(TimelineFormatError):
        parse_timeline("Entity\n1\t2010\n", "t.txt")
    with pytest.raises(TimelineFormatError):
        parse_timeline("", "t.txt")


def test_timeline_links_by_hand():
    timeline = parse_timeline(GOLD_TEXT)
    links = timeline_links(timeline)
    e = lambda m: f"E:{m}"  # noqa: E731
    # ordinal 0: undated and unordered -> said has no link at all
    assert not any(e("1-4-said") in (a, b) for a, _, b in links)
    # ordinal 1 < ordinal 2; one line and one ordinal are simultaneous
    closed = closure(links)
    assert (e("1-5-born"), BEFORE, e("1-6-started")) in closed
    assert (e("1-5-built"), BEFORE, e("1-9-left")) in closed
    assert (e("1-6-started"), SIMULTANEOUS, e("2-3-founded")) in closed
    assert (e("1-5-built"), SIMULTANEOUS, e("1-6-started")) in closed
    # each date includes its events; 2008-03-XX anchors to 2008-03
    assert ("T:1976", INCLUDES, e("2-3-founded")) in closed
    assert ("T:2008-03", INCLUDES, e("1-9-left")) in closed


def test_anchor_values():
    assert anchor_value("2010-06-07") == "2010-06-07"
    assert anchor_value("2008-03-XX") == "2008-03"
    assert anchor_value("2010-XX-XX") == "2010"
    assert anchor_value("XXXX-XX-XX") is None
    assert anchor_value("XXX-XX-XX") is None


def test_timeline_scores_case_insensitive_mentions_and_micro_average():
    gold = parse_timeline("E\n1\t2010\td-1-Pre-orders\n2\t2011\td-2-sold\n")
    system = parse_timeline("E\n1\t2010\td-1-pre-orders\n2\t2011\td-2-sold\n")
    assert score_timeline(system, gold).f1 == 1.0
    # a second entity where the system has the order reversed (gold: x<y, dated 2010/2011)
    gold2 = parse_timeline("F\n1\t2010\tx-1-a\n2\t2011\tx-1-b\n")
    system2 = parse_timeline("F\n1\tXXXX-XX-XX\tx-1-b\n2\tXXXX-XX-XX\tx-1-a\n")
    report = score_timelines([(system, gold), (system2, gold2)])
    # entity E: 3 reduced links each side (a<b, 2010 incl a, 2011 incl b), all right;
    # entity F: system has 1 link (b<a), wrong; gold 3, none found.
    # micro: P = 3/4, R = 3/6
    assert report.total.precision == pytest.approx(3 / 4)
    assert report.total.recall == pytest.approx(3 / 6)
    assert set(report.as_dict()["per_entity"]) == {"E", "F"}


nodes = st.sampled_from(["a", "b", "c", "d", "e", "T:2010", "T:2011"])
relations = st.sampled_from([BEFORE, SIMULTANEOUS, INCLUDES, "AFTER", "IS_INCLUDED"])
graphs = st.sets(st.tuples(nodes, relations, nodes).filter(lambda link: link[0] != link[2]), max_size=12)


@settings(max_examples=200, deadline=None)
@given(graphs, graphs)
def test_awareness_is_a_fraction(system, gold):
    scores = temporal_awareness(system, gold)
    for value in (scores.precision, scores.recall, scores.f1):
        assert 0.0 <= value <= 1.0


@settings(max_examples=200, deadline=None)
@given(graphs.filter(bool))
def test_identical_nonempty_graphs_score_one(links):
    scores = temporal_awareness(links, links)
    assert scores.f1 == pytest.approx(1.0)


@settings(max_examples=100, deadline=None)
@given(graphs)
def test_reduced_graph_has_the_same_closure(links):
    assert closure(reduce(links)) == closure(links)


entries = st.lists(
    st.tuples(st.integers(min_value=0, max_value=6),
              st.sampled_from(["XXXX-XX-XX", "2010", "2010-06", "2010-06-07", "2011-01-XX"]),
              st.lists(st.sampled_from(["d-1-a", "d-2-b", "d-3-c", "e-1-d"]), min_size=1, max_size=3)),
    max_size=8,
)


@settings(max_examples=100, deadline=None)
@given(entries)
def test_any_timeline_round_trips_and_scores_itself_perfectly(items):
    timeline = Timeline("X", tuple(TimelineEntry(o, d, tuple(m)) for o, d, m in items))
    assert parse_timeline(format_timeline(timeline)) == timeline
    scores = score_timeline(timeline, timeline)
    assert scores.precision in (0.0, 1.0)
    if timeline_links(timeline):
        assert scores.f1 == pytest.approx(1.0)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200))
def test_parse_timeline_any_text_gives_a_timeline_or_a_format_error(text):
    try:
        timeline = parse_timeline(text, "any.txt")
    except TimelineFormatError as error:
        assert error.origin == "any.txt"
        return
    assert timeline.entity
    assert all(entry.mentions for entry in timeline.entries)
