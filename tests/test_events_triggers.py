"""Trigger finding and typing on plain news sentences (written for these tests, not from gold)."""

from __future__ import annotations

import pytest

from dateline.events.triggers import find_triggers


def triggers_of(nlp, text: str) -> list[tuple[str, str, str]]:
    doc = nlp(text)
    return [(t.token.text, t.cameo, t.entry.id) for s in doc.sents for t in find_triggers(s)]


@pytest.mark.parametrize("text, word, root", [
    ("The two ministers met in Geneva on Monday.", "met", "04"),
    ("The president visited Kenya last year.", "visited", "04"),
    ("Rebels shelled the northern town overnight.", "shelled", "19"),
    ("Police arrested three opposition activists in the capital.", "arrested", "17"),
    ("The government imposed a curfew on the city.", "imposed", "17"),
    ("Thousands of workers demonstrated against the new labour law.", "demonstrated", "14"),
    ("The minister condemned the bombing of the embassy.", "condemned", "11"),
    ("Japan donated 5 million dollars to the relief fund.", "donated", "07"),
    ("The army withdrew its troops from the border area.", "withdrew", "08"),
    ("The court rejected the appeal of the former mayor.", "rejected", "12"),
])
def test_common_event_verbs_are_typed_by_their_cameo_root(nlp, text, word, root):
    found = {w: code for w, code, _ in triggers_of(nlp, text)}
    assert word in found, found
    assert found[word][:2] == root


def test_an_object_condition_refines_the_verb(nlp):
    signed = dict((w, c) for w, c, _ in triggers_of(nlp, "The two countries signed a peace treaty."))
    assert signed["signed"] == "057"
    # without an agreement as object, "sign" is no event
    assert "signed" not in dict((w, c) for w, c, _ in triggers_of(nlp, "The singer signed autographs."))


def test_a_governing_verb_composes_with_the_act_it_governs(nlp):
    found = triggers_of(nlp, "The rebels threatened to attack the capital.")
    assert [(w, c[:2]) for w, c, _ in found] == [("threatened", "13")]
    promise = triggers_of(nlp, "Germany promised to provide humanitarian aid to the refugees.")
    assert [w for w, _, _ in promise] == ["promised"] and promise[0][1].startswith("03")


def test_light_verb_and_eventive_noun_make_one_event(nlp):
    found = triggers_of(nlp, "The two leaders held talks in Paris.")
    assert [(w, c) for w, c, _ in found] == [("held", "040")]


def test_a_sentence_without_events_has_no_triggers(nlp):
    assert triggers_of(nlp, "The weather was mild and the shops were busy.") == []


def test_dateline_span_is_skipped(nlp):
    doc = nlp("PARIS, May 3 (AFP) - Protesters marched in the city.")
    inside = [t for s in doc.sents for t in find_triggers(s, skip=(0, len("PARIS, May 3 (AFP) -")))]
    assert all(t.token.idx >= 20 for t in inside)
