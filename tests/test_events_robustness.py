"""Bad input never crashes or hangs event extraction: arbitrary text, run-ons, capitals, tables."""

from __future__ import annotations

import time
from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dateline.events import extract_events

REFERENCE = date(2020, 1, 15)
WORDS = ["the", "army", "attacked", "and", "Israel", "said", "talks", "will", "not", "meet", "with",
         "Hamas", "in", "Gaza", "on", "Monday", "demanded", "that", "must", "withdraw", ",", "\"",
         "according", "to", "police", "sanctions", "against", "Iran", "if", "could", "13", "%", "|"]


def check(nlp, text: str) -> None:
    doc = nlp(text)
    mentions = extract_events(doc, (), REFERENCE)
    for mention in mentions:
        assert 0 <= mention.trigger_span[0] < mention.trigger_span[1] <= len(text)
        assert text[slice(*mention.trigger_span)] == mention.trigger
        for actor in (*mention.actors, *mention.recipients):
            assert 0 <= actor.span[0] <= actor.span[1] <= len(text)
        if mention.attribution is not None:
            assert text[slice(*mention.attribution.span)] == mention.attribution.text
        assert mention.modality in {"asserted", "planned", "negated", "hypothetical", "demanded"}
        assert mention.cameo_root == mention.cameo[:2]
        assert mention.time.source in {"timex", "report", "reference", "none"}


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(max_size=300))
def test_arbitrary_text_never_raises(nlp, text):
    check(nlp, text)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(WORDS), max_size=120))
def test_word_salad_of_event_words_never_raises(nlp, words):
    check(nlp, " ".join(words))


def test_500_word_run_on_sentence_is_fast(nlp):
    clause = "the army attacked the town and the rebels said they would retaliate if talks failed"
    text = " , ".join([clause] * 35)  # ~530 words, one sentence
    doc = nlp(text)
    start = time.perf_counter()
    extract_events(doc, (), REFERENCE)
    assert time.perf_counter() - start < 2.0


def test_capitals_headline_and_table_do_not_crash(nlp):
    check(nlp, "ISRAEL ATTACKS GAZA AS TALKS COLLAPSE; UN DEMANDS CEASEFIRE")
    table = "\n".join("| Iran | 12 | 3.5 | attacked | 2020-01-0%d |" % i for i in range(1, 10))
    check(nlp, table)
    check(nlp, "1. Talks\n2. Sanctions\n3. Protests\n- arrests\n- strikes")


def test_sentences_without_events_yield_none(nlp):
    doc = nlp("The weather in Paris was mild. Shops opened late on Sunday.")
    assert extract_events(doc, (), REFERENCE) == ()


def test_an_unparsed_doc_is_a_clear_error(nlp):
    import pytest

    blank = nlp.make_doc("The army attacked the town.")
    with pytest.raises(ValueError, match="parsed Doc"):
        extract_events(blank, (), REFERENCE)
    assert extract_events(nlp.make_doc(""), (), REFERENCE) == ()
