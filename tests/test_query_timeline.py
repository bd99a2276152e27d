"""Timelines: date order at each precision, undated last, modality filters, actor/place/type/text."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dateline.query import QueryError, TimelineQuery, parse_bound, parse_include, timeline
from dateline.store import open_readonly, open_store, write_article
from dateline.types import EventTime
from tests import store_samples as samples


def undated_and_before() -> list:
    """An undated mention and one known only as before 2018-09 (mod BEFORE), by another agency."""
    undated = samples.kyodo_august()
    event = undated.events[0]
    undated = replace(undated, article=replace(undated.article, id="kyodo-undated", text=undated.article.text + " "),
                      events=(replace(event, plover_type="ACCUSE", cameo_root="11", cameo="112",
                                      time=EventTime(None, "unknown", "none")),))
    before = samples.kyodo_august()
    before = replace(before, article=replace(before.article, id="kyodo-before", text=before.article.text + "  "),
                     events=(replace(event, plover_type="AID", cameo_root="07", cameo="070",
                                     time=EventTime("2018-09", "month", "timex", mod="BEFORE")),))
    return [undated, before]


@pytest.fixture(scope="module")
def conn(tmp_path_factory):
    path = tmp_path_factory.mktemp("query") / "events.db"
    with open_store(path) as store:
        for item in samples.corpus() + undated_and_before():
            with store.atomic() as c:
                write_article(c, item)
    connection = open_readonly(path)
    yield connection
    connection.close()


def labels(entries):
    return [(e.date_label, e.plover_type) for e in entries]


def test_query_default_lists_asserted_events_in_date_order_undated_last(conn):
    entries = timeline(conn, TimelineQuery())
    assert labels(entries) == [("2018-08", "CONSULT"), ("before 2018-09", "AID"), ("2018-09-26", "CONSULT"),
                               ("2018-10-07", "CONSULT"), ("undated", "ACCUSE")]
    meeting = entries[2]
    assert meeting.line == ("2018-09-26 Mike Pompeo (USA GOV) met Ri Yong-ho (PRK GOV) at United Nations, "
                            "CONSULT, 3 sources")


def test_query_include_planned_shows_the_plan_with_its_modality(conn):
    entries = timeline(conn, TimelineQuery(include=parse_include("planned")))
    planned = [e for e in entries if e.modality == "planned"]
    assert len(planned) == 1 and planned[0].line.endswith("[planned]")
    assert planned[0].date_label == "2018-10"
    assert [e.date_label for e in entries].index("2018-10") < [e.date_label for e in entries].index("2018-10-07")


def test_query_date_range_keeps_overlapping_events_at_any_precision(conn):
    september = TimelineQuery(date_from=parse_bound("2018-09", end=False), date_to=parse_bound("2018-09", end=True),
                              include=parse_include("all"))
    # an event known only as before September is placed (and found) at its anchor
    assert labels(timeline(conn, september)) == [("before 2018-09", "AID"), ("2018-09-26", "CONSULT")]
    week = TimelineQuery(date_from=parse_bound("2018-W40", end=False), date_to=parse_bound("2018-W41", end=True),
                         include=parse_include("all"))
    assert [e.date_label for e in timeline(conn, week)] == ["2018-10", "2018-10-07"]


def test_query_filters_by_actor_name_or_code_place_type_and_text(conn):
    assert len(timeline(conn, TimelineQuery(actor="Ri Yong-ho"))) == 4
    assert len(timeline(conn, TimelineQuery(actor="prk gov"))) == 4
    assert timeline(conn, TimelineQuery(actor="Bolton")) == []
    assert labels(timeline(conn, TimelineQuery(place="united nations"))) == [("2018-09-26", "CONSULT")]
    assert labels(timeline(conn, TimelineQuery(plover_type="aid"))) == [("before 2018-09", "AID")]
    assert labels(timeline(conn, TimelineQuery(text="sidelines"))) == [("2018-09-26", "CONSULT")]
    assert labels(timeline(conn, TimelineQuery(text='"visited North Korea"'))) == [("2018-10-07", "CONSULT")]


def test_query_evidence_and_links(conn):
    entries = timeline(conn, TimelineQuery(include=parse_include("planned"), evidence=True))
    meeting = next(e for e in entries if e.date_label == "2018-09-26")
    assert [e.source for e in meeting.evidence] == ["ians", "efe", "afp"]
    assert "sidelines of the General Assembly" in meeting.evidence[1].sentence
    planned = next(e for e in entries if e.modality == "planned")
    assert [relation for relation, _ in planned.links] == ["plans"]


def test_query_limit_and_bad_input(conn):
    assert len(timeline(conn, TimelineQuery(limit=2))) == 2
    with pytest.raises(QueryError, match="FTS5"):
        timeline(conn, TimelineQuery(text='"unbalanced'))
    with pytest.raises(QueryError, match="unknown modality"):
        parse_include("planned,maybe")
    with pytest.raises(QueryError, match="not a date"):
        parse_bound("yesterday", end=False)
    with pytest.raises(QueryError, match="must come after"):
        TimelineQuery(date_from=date(2018, 10, 1), date_to=date(2018, 9, 1))


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=25))
def test_query_any_text_query_either_runs_or_says_why(conn, text):
    try:
        entries = timeline(conn, TimelineQuery(text=text or None, include=parse_include("all")))
    except QueryError:
        return
    starts = [e.date_start for e in entries if e.date_start]
    assert starts == sorted(starts)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=20), st.booleans())
def test_query_parse_bound_gives_a_date_or_says_why(text, end):
    try:
        bound = parse_bound(text, end=end)
    except QueryError as error:
        assert "not a date" in str(error)
        return
    assert isinstance(bound, date)
    assert parse_bound(text, end=False) < parse_bound(text, end=True)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["planned", "negated", "hypothetical", "demanded", "all", "asserted", " ", "x"]),
                max_size=4))
def test_query_parse_include_always_keeps_asserted(names):
    text = ",".join(names)
    try:
        classes = parse_include(text)
    except QueryError:
        assert any(name.strip() not in ("", "planned", "negated", "hypothetical", "demanded", "all", "asserted")
                   for name in names)
        return
    assert "asserted" in classes and classes <= {"asserted", "planned", "negated", "irrealis"}


@pytest.mark.parametrize("in_sql, in_python", [(0, 10_000), (0, 0)])
def test_query_every_full_text_strategy_gives_the_same_timeline(conn, monkeypatch, in_sql, in_python):
    from dateline import query as query_module

    expected = [labels(timeline(conn, TimelineQuery(text=text, include=parse_include("all"))))
                for text in ("met", "Pompeo", '"visited North Korea"', "nothingmatches")]
    monkeypatch.setattr(query_module, "_TEXT_IN_SQL", in_sql)
    monkeypatch.setattr(query_module, "_TEXT_IN_PYTHON", in_python)
    found = [labels(timeline(conn, TimelineQuery(text=text, include=parse_include("all"))))
             for text in ("met", "Pompeo", '"visited North Korea"', "nothingmatches")]
    assert found == expected
    assert expected[0] and expected[3] == []
