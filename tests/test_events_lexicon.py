"""The event lexicon and cue files load, are valid, and report every problem of a bad file at once."""

from __future__ import annotations

import pytest

import dateline.events.lexicon as lexicon_module
import dateline.events.resources as resources
from dateline.events.lexicon import cues, lexicon
from dateline.events.resources import ResourceError


def test_lexicon_loads_with_entries_for_every_plover_type():
    from dateline.events.cameo import lookup

    types = {lookup(entry.cameo).plover_type for entry in lexicon().entries if not entry.block}
    assert types >= {"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
                     "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE",
                     "ASSAULT", "STATEMENT"}


def test_specific_entries_come_before_bare_ones():
    for candidates in lexicon().index.values():
        ranks = [entry.specificity for entry in candidates]
        assert ranks == sorted(ranks, reverse=True)


def test_blockers_have_conditions_and_no_code():
    blockers = [entry for entry in lexicon().entries if entry.block]
    assert blockers
    assert all(entry.cameo == "" and (entry.objects or entry.subjects or entry.preps or entry.needs_object)
               for entry in blockers)


def test_a_blocker_stops_the_sense_it_names(nlp):
    from dateline.events.triggers import entry_for

    doc = nlp("The company met its sales targets. The minister met the envoy.")
    met = [t for t in doc if t.text == "met"]
    assert entry_for(met[0]) is None
    assert entry_for(met[1]) is not None and entry_for(met[1]).cameo == "040"


def test_compose_tables_pick_the_longest_prefix():
    demand = lexicon().compose["demand"]
    assert demand.code_for("0841") == "1053"
    assert demand.code_for("087") == "1056"
    assert demand.code_for(None) == demand.default


def test_cues_have_reporting_and_modality_words():
    words = cues()
    assert {"say", "report", "tell", "announce"} <= words.reporting_verbs
    assert "will" in words.planned_aux and "must" in words.demanded_aux


def test_bad_lexicon_reports_all_problems_at_once(tmp_path, monkeypatch):
    bad = tmp_path / "verbs.yaml"
    bad.write_text(
        "compose:\n  intent: {default: '030', why: ok, by_complement: {'04': '999'}}\n"
        "entries:\n"
        "- {id: a, lemmas: [x], cameo: '040'}\n"
        "- {id: a, lemmas: [y], cameo: '77', why: dup, colour: red}\n"
        "- {id: c, lemmas: [z], cameo: '040', why: ok, compose: nosuch, pos: adverb}\n"
        "- {id: d, lemmas: [call], preps: [on], cameo: '020', why: unquoted on}\n",
        encoding="utf-8",
    )
    monkeypatch.setattr(lexicon_module, "resource_path", lambda name: bad)
    monkeypatch.setattr(lexicon_module, "read_yaml", lambda name: resources.yaml.safe_load(bad.read_text()))
    lexicon.cache_clear()
    try:
        with pytest.raises(ResourceError) as caught:
            lexicon()
    finally:
        lexicon.cache_clear()
    reasons = " | ".join(reason for _, _, reason in caught.value.problems)
    for expected in ("'999' is not in", "missing 'why'", "duplicate id", "'77' is not in",
                     "unknown keys", "unknown compose table", "pos must be", "quote on/off"):
        assert expected in reasons
    assert str(bad) in str(caught.value)


def test_unreadable_yaml_is_a_resource_error(tmp_path, monkeypatch):
    broken = tmp_path / "cues.yaml"
    broken.write_text("modality: [unclosed\n", encoding="utf-8")
    monkeypatch.setattr(resources, "resource_path", lambda name: broken)
    with pytest.raises(ResourceError):
        resources.read_yaml("cues.yaml")
