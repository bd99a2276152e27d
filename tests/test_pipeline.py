"""The pipeline keeps order, passes problems through, and survives a failing stage."""

from __future__ import annotations

from datetime import date

import pytest

from dateline import pipeline
from dateline.pipeline import Settings, SettingsError, analyze
from dateline.types import AnalyzedArticle, Article, Problem


def article(n: int, text: str, day: date | None = date(2020, 3, 4)) -> Article:
    return Article(id=f"a{n}", text=text, origin=f"test#{n}", metadata_date=day)


TEXTS = [
    "Officials from both countries met in Paris on Monday to discuss the new trade treaty.",
    "Rebels attacked a government convoy near Goma on Sunday, the army said in a statement.",
    "The central bank will raise interest rates next month, its governor told reporters.",
]


def test_pipeline_keeps_input_order_and_passes_problems_through():
    items = [article(0, TEXTS[0]), Problem("bad.jsonl", "malformed JSON", line=2), article(1, TEXTS[1]), article(2, TEXTS[2])]
    results = list(analyze(items, Settings(batch_size=2)))
    assert [r.article.id if isinstance(r, AnalyzedArticle) else r.origin for r in results] == ["a0", "bad.jsonl", "a1", "a2"]


def test_pipeline_reference_date_from_metadata_without_dateline():
    [result] = analyze([article(0, TEXTS[0])])
    assert result.reference_date == date(2020, 3, 4)
    assert result.reference_date_source == "metadata"
    assert result.sentences and result.sentences[0].span[0] == 0


def test_pipeline_no_date_at_all_gives_no_reference_date():
    [result] = analyze([article(0, TEXTS[0], day=None)])
    assert result.reference_date is None
    assert result.reference_date_source == "none"
    for timex in result.timexes:
        assert not timex.value.startswith("20")  # nothing downstream invents a date


def test_pipeline_failing_stage_costs_only_its_output(monkeypatch):
    from dateline import timex

    def broken(doc, reference_date):
        raise RuntimeError("boom")

    monkeypatch.setattr(timex, "tag", broken)
    results = list(analyze([article(0, TEXTS[0]), article(1, TEXTS[1])], Settings(events=False)))
    analyzed = [r for r in results if isinstance(r, AnalyzedArticle)]
    problems = [r for r in results if isinstance(r, Problem)]
    assert [a.article.id for a in analyzed] == ["a0", "a1"]
    assert all(a.sentences and not a.timexes for a in analyzed)
    assert len(problems) == 2 and "boom" in problems[0].message and problems[0].origin == "test#0"


def test_pipeline_long_text_is_parsed_whole_with_exact_offsets(monkeypatch):
    monkeypatch.setattr(pipeline.nlp, "MAX_PIECE_CHARS", 200)
    text = " ".join(TEXTS * 5)
    [result] = analyze([article(0, text)], Settings(events=False))
    assert result.sentences[-1].span[1] <= len(text)
    for entity in result.entities:
        assert text[entity.span[0]:entity.span[1]] == entity.text


@pytest.mark.parametrize("kwargs", [{"workers": 0}, {"batch_size": 0}, {"batch_size": "8"}, {"timexes": False}])
def test_pipeline_settings_reject_bad_values(kwargs):
    with pytest.raises(SettingsError):
        Settings(**kwargs)
