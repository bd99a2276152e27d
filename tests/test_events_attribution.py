"""Attribution: the reporting clause that governs an event, or None for the author's voice."""

from __future__ import annotations

from dateline.events.attribution import attribution_for


def attribution(nlp, text: str, word: str):
    doc = nlp(text)
    token = next(t for t in doc if t.text == word)
    return attribution_for(token)


def test_inverted_reporting_clause(nlp):
    found = attribution(nlp, "The minister met his counterpart on Monday, Reuters reported.", "met")
    assert found is not None and found.text == "Reuters reported" and found.source == "Reuters"


def test_reporting_verb_before_a_that_clause(nlp):
    found = attribution(nlp, "The ministry said in a statement that troops had withdrawn.", "withdrawn")
    assert found is not None and found.source == "The ministry"
    assert found.text.startswith("The ministry said in a statement")


def test_according_to(nlp):
    found = attribution(nlp, "According to local officials, the army shelled the village.", "shelled")
    assert found is not None and "local officials" in found.text


def test_said_with_the_speaker_after_the_quote(nlp):
    found = attribution(nlp, '"We will never negotiate with them," said the rebel leader on Sunday.', "negotiate")
    assert found is not None and "rebel leader" in found.text


def test_author_voice_has_no_attribution(nlp):
    assert attribution(nlp, "The army attacked the village at dawn.", "attacked") is None


def test_attribution_span_points_into_the_text(nlp):
    text = "Protesters blocked the main road, police said on Tuesday."
    found = attribution(nlp, text, "blocked")
    assert found is not None and text[found.span[0]:found.span[1]] == found.text
