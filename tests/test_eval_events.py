"""The events scorer: gold parsing and type mapping, best-mention choice, figures, CLI."""

from __future__ import annotations

import json

import pytest

from dateline.eval.events import GoldFormatError, choose_mention, map_mode, map_type, parse_gold, score
from dateline.types import Actor, EventMention, EventTime


def mention(plover_type: str, cameo: str, confidence: float = 0.8, actors=(), recipients=(), mode=None):
    return EventMention(
        trigger="x", trigger_span=(0, 1), plover_type=plover_type, plover_mode=mode, cameo=cameo,
        cameo_root=cameo[:2], actors=tuple(actors), recipients=tuple(recipients), location=None,
        time=EventTime(None, "unknown", "none"), modality="asserted", attribution=None, sentence=0,
        confidence=confidence,
    )


def actor(country: str, sector: str | None = None) -> Actor:
    return Actor(text=country, span=(0, 1), name=country, country=country, sector=sector)


GOLD = [
    {"id": "DOC", "event": "DOCUMENT", "eventText": "documentation"},
    {"id": "g1", "date": "2000-01-01", "event": "DEMAND", "text": "Iraq demanded talks.",
     "source": [{"code": "IRQ", "sector": "GOV"}], "target": [{"code": "USA"}]},
    {"id": "g2", "date": "2000-01-01", "event": "PROTEST", "mode": "strike-hun", "text": "Prisoners began a hunger strike.",
     "source": [{"code": "TUR", "sector": "CVLkur"}], "target": ""},
    {"id": "g3", "date": "2000-01-01", "event": "FIGHT", "text": "Troops shelled the town.",
     "source": [{"code": "SRB", "sector": "MIL"}], "target": [{"code": "BIH", "sector": "***"}]},
]


def test_older_plover_names_map_onto_2021():
    assert [map_type(t) for t in ("DEMAND", "DISAPPROVE", "FIGHT", "INVESTIGATE", "AGREE")] == \
        ["REQUEST", "ACCUSE", "ASSAULT", "ACCUSE", "AGREE"]
    assert map_mode("INVESTIGATE", None) == "investigate"
    assert map_mode("PROTEST", "strike-hun") == "hunger" and map_mode("PROTEST", "demo-org") == "demo"


def test_parse_gold_skips_documents_and_normalises_sectors():
    golds = parse_gold(json.dumps(GOLD))
    assert [g.id for g in golds] == ["g1", "g2", "g3"]
    assert golds[0].plover_type == "REQUEST" and golds[0].source_countries == {"IRQ"}
    assert golds[1].source_sectors == {"CVL"} and golds[1].target_countries == frozenset()
    assert golds[2].target_sectors == frozenset()


@pytest.mark.parametrize("bad, where", [("[1, 2", "not valid JSON"), ('{"a": 1}', "JSON list"),
                                        ('[{"id": "x", "event": "AGREE"}]', "record 1 (x)")])
def test_bad_gold_raises_with_the_place(bad, where):
    with pytest.raises(GoldFormatError, match="gold.json") as caught:
        parse_gold(bad, origin="gold.json")
    assert where in str(caught.value)


def test_choose_mention_prefers_the_gold_type_then_events_over_statements():
    gold = parse_gold(json.dumps(GOLD))[0]
    statement, consult, request = mention("STATEMENT", "010", 0.9), mention("CONSULT", "040", 0.7), \
        mention("REQUEST", "100", 0.5)
    assert choose_mention(gold, [statement, consult, request]) is request
    assert choose_mention(gold, [statement, consult]) is consult
    assert choose_mention(gold, []) is None


def test_scores_count_precision_recall_and_accuracies():
    golds = parse_gold(json.dumps(GOLD))
    system = [
        [mention("REQUEST", "100", actors=[actor("IRQ", "GOV")], recipients=[actor("USA", "GOV")])],
        [mention("PROTEST", "142", mode="hunger", actors=[actor("GRC", "CVL")])],
        [],
    ]
    report = score(zip(golds, system))
    assert (report.type.correct, report.type.system, report.type.gold) == (2, 2, 3)
    assert report.type.precision == 1.0 and report.type.recall == pytest.approx(2 / 3)
    assert report.mode.correct == 1 and report.mode.total == 1
    assert (report.actor_country.correct, report.actor_country.total) == (1, 2)
    assert report.actor_sector.accuracy == 1.0
    assert report.cameo_root.gold == 0 and report.cameo_root.f1 is None
    kinds = [e.kind for e in report.errors]
    assert "missed" in kinds and "wrong_actor_country" in kinds
    as_json = json.loads(json.dumps(report.as_dict()))
    assert as_json["plover_type"]["recall"] == pytest.approx(2 / 3)


def test_gold_with_cameo_codes_scores_roots():
    golds = parse_gold(json.dumps([{"id": "c", "text": "t", "cameo": "0874"}]))
    assert golds[0].plover_type == "RETREAT"
    report = score([(golds[0], [mention("RETREAT", "087")])])
    assert report.cameo_root.f1 == 1.0


def test_cli_scores_a_small_gold_file(tmp_path, capsys):
    from dateline.cli import main

    gold = tmp_path / "gold.json"
    gold.write_text(json.dumps([
        {"id": "a", "date": "2001-03-02", "event": "ASSAULT", "text": "Rebels attacked a police station in the north."},
        {"id": "b", "date": "2001-03-02", "event": "CONSULT", "text": "The foreign ministers met in Cairo on Sunday."},
    ]), encoding="utf-8")
    assert main(["eval", "events", "--gold", str(gold), "--json", "--errors", "5"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["records"] == 2 and result["plover_type"]["f1"] == 1.0
    assert main(["eval", "events", "--gold", str(gold)]) == 0
    assert "plover type" in capsys.readouterr().out


def test_cli_names_a_missing_or_broken_gold_file(tmp_path, capsys):
    from dateline.cli import main

    assert main(["eval", "events", "--gold", str(tmp_path / "nope.json")]) == 1
    assert "nope.json" in capsys.readouterr().err
    broken = tmp_path / "broken.json"
    broken.write_text("[{", encoding="utf-8")
    assert main(["eval", "events", "--gold", str(broken)]) == 1
    assert "broken.json" in capsys.readouterr().err


@pytest.mark.slow
def test_plover_gold_meets_the_targets(shared):
    from dateline.cli.eval_events import system_mentions

    golds = parse_gold((shared / "data" / "events" / "PLOVER_GSR_CAMEO.txt").read_text(encoding="utf-8"))
    report = score(zip(golds, system_mentions(golds)))
    assert report.type.f1 >= 0.80
    assert report.actor_country.accuracy >= 0.85


from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_json = st.recursive(st.none() | st.booleans() | st.integers() | st.text(max_size=8),
                     lambda inner: st.lists(inner, max_size=4) | st.dictionaries(
                         st.sampled_from(["id", "text", "event", "cameo", "mode", "source", "target", "date"]),
                         inner, max_size=6), max_leaves=20)


@settings(max_examples=150)
@given(_json)
def test_parse_gold_of_any_json_returns_records_or_a_format_error(data):
    try:
        golds = parse_gold(json.dumps(data))
    except GoldFormatError:
        return
    for gold in golds:
        assert isinstance(gold.text, str)
