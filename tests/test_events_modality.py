"""Modality of an event clause from its auxiliaries, negators and governing words."""

from __future__ import annotations

import pytest

from dateline.events.modality import modality_of


def modality(nlp, text: str, word: str) -> str:
    doc = nlp(text)
    token = next(t for t in doc if t.text == word)
    return modality_of(token)


@pytest.mark.parametrize("text, word, expected", [
    ("The minister met his counterpart on Monday.", "met", "asserted"),
    ("The minister will travel to Moscow next week.", "travel", "planned"),
    ("The minister plans to visit Moscow.", "visit", "planned"),
    ("The president is scheduled to meet the king.", "meet", "planned"),
    ("The leaders did not sign the agreement.", "sign", "negated"),
    ("The talks never resumed.", "resumed", "negated"),
    ("The army failed to capture the town.", "capture", "negated"),
    ("The rebels could attack the base.", "attack", "hypothetical"),
    ("If the talks fail, the army may attack.", "attack", "hypothetical"),
    ("The government must release the prisoners.", "release", "demanded"),
    ("Israel has to withdraw from the area.", "withdraw", "demanded"),
    ("The council urged both sides to negotiate.", "negotiate", "demanded"),
])
def test_modality(nlp, text, word, expected):
    assert modality(nlp, text, word) == expected


def test_would_under_a_past_reporting_verb_is_planned(nlp):
    assert modality(nlp, "Trump said that Pompeo would visit Seoul.", "visit") == "planned"


def test_upcoming_puts_a_noun_in_the_future(nlp):
    assert modality(nlp, "They discussed the upcoming summit.", "summit") == "planned"
