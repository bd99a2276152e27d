"""extract_events on whole sentences: how unrealised acts are coded, statements, demands, times."""

from __future__ import annotations

from datetime import date

import pytest

from dateline.events import extract_events

REFERENCE = date(2021, 3, 10)


def mentions(nlp, text: str):
    return extract_events(nlp(text), (), REFERENCE)


def only(nlp, text: str, word: str):
    found = [m for m in mentions(nlp, text) if word in m.trigger]
    assert len(found) == 1, [(m.trigger, m.cameo) for m in mentions(nlp, text)]
    return found[0]


@pytest.mark.parametrize("text, word, plover_type, root, modality", [
    # a planned act of aid or concession is the promise of it (CAMEO 03)
    ("Japan will give Kenya a grant of ten million dollars.", "give", "AGREE", "03", "planned"),
    # a conditional hostile act is a threat (CAMEO 13)
    ("The rebels will attack the capital unless the army withdraws.", "attack", "THREATEN", "13", "hypothetical"),
    # a cooperative act refused for the future is a rejection (CAMEO 12)
    ("Hungary will not accept more refugees.", "accept", "REJECT", "12", "asserted"),
    # a planned visit stays a planned visit
    ("The Pope will visit Iraq next week.", "visit", "CONSULT", "04", "planned"),
    # a past negated act keeps its type and is negated
    ("The two sides did not sign the agreement.", "sign", "AGREE", "05", "negated"),
])
def test_unrealised_acts_are_coded_as_cameo_does(nlp, text, word, plover_type, root, modality):
    mention = only(nlp, text, word)
    assert (mention.plover_type, mention.cameo_root, mention.modality) == (plover_type, root, modality)


def test_must_in_a_reported_clause_is_a_demand_by_the_speaker(nlp):
    mention = only(nlp, "The European Union said that Russia must release the activist.", "release")
    assert mention.plover_type == "REQUEST" and mention.cameo_root == "10"
    assert mention.modality == "demanded"
    assert mention.actors and "European Union" in mention.actors[0].text
    assert mention.attribution is not None and "said" in mention.attribution.text


def test_a_say_verb_with_nothing_else_is_a_statement(nlp):
    [statement] = mentions(nlp, "The prime minister said the economy was recovering.")
    assert (statement.plover_type, statement.cameo, statement.trigger) == ("STATEMENT", "010", "said")


def test_a_statement_does_not_drown_the_event_it_reports(nlp):
    found = mentions(nlp, "The foreign minister said his country had recalled its ambassador.")
    assert [m.plover_type for m in found] == ["SANCTION"]
    assert found[0].attribution is not None


def test_weapons_refine_violence(nlp):
    assert only(nlp, "A car bomb killed five soldiers in Kabul.", "killed").cameo == "1832"
    assert only(nlp, "Government aircraft killed twelve civilians.", "killed").cameo == "195"


def test_blockers_keep_figurative_senses_out(nlp):
    assert mentions(nlp, "The earthquake killed 200 people.") == ()
    assert mentions(nlp, "The company released its quarterly figures.") == ()
    assert mentions(nlp, "Sales returned to growth in the spring.") == ()


def test_reference_date_and_mods_when_the_clause_has_no_time(nlp):
    past = only(nlp, "Police arrested two journalists.", "arrested")
    assert (past.time.value, past.time.source, past.time.mod) == ("2021-03-10", "reference", "ON_OR_BEFORE")
    planned = only(nlp, "The president will visit Mexico.", "visit")
    assert (planned.time.source, planned.time.mod) == ("reference", "AFTER")
    unknown = extract_events(nlp("Police arrested two journalists."), (), None)[0]
    assert (unknown.time.value, unknown.time.source) == (None, "none")
