"""The dateline word lists: validated when loaded, every error reported at once, every entry used."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
import yaml

from dateline.document import RESOURCE_DIR, ResourceError, load_rules, parse_dateline


def _copy_resources(tmp_path: Path) -> Path:
    for name in ("agencies.yaml", "dateline.yaml"):
        (tmp_path / name).write_text((RESOURCE_DIR / name).read_text(encoding="utf-8"), encoding="utf-8")
    return tmp_path


def test_document_resources_shipped_files_load():
    rules = load_rules()
    assert set(rules.months.values()) == set(range(1, 13))
    assert set(rules.weekdays.values()) == set(range(7))
    assert rules.agencies["reuters"] == "Reuters"


def test_document_resources_report_every_error_at_once(tmp_path):
    directory = _copy_resources(tmp_path)
    agencies = yaml.safe_load((directory / "agencies.yaml").read_text(encoding="utf-8"))
    agencies["agencies"][0].pop("why")                       # no reason given
    agencies["agencies"].append({"name": "Xinhua2", "spellings": ["AFP"], "why": "clash"})  # taken spelling
    (directory / "agencies.yaml").write_text(yaml.safe_dump(agencies), encoding="utf-8")
    words = yaml.safe_load((directory / "dateline.yaml").read_text(encoding="utf-8"))
    words["months"][0]["number"] = 13                         # not a month
    words["separators"].append({"pattern": "([", "why": "broken regex"})
    words["place_particles"].append({"word": "De", "why": "not lower case"})
    (directory / "dateline.yaml").write_text(yaml.safe_dump(words), encoding="utf-8")

    with pytest.raises(ResourceError) as raised:
        load_rules(directory)
    problems = raised.value.problems
    reasons = " | ".join(f"{file}: {entry}: {reason}" for file, entry, reason in problems)
    assert len(problems) >= 5, reasons
    assert "agencies.yaml: agencies[0] 'Reuters': missing why" in reasons
    assert "already belongs to 'AFP'" in reasons
    assert "months 13" in reasons and "bad regex" in reasons and "must be one lower-case word" in reasons
    assert "every month 1..12" in reasons


def test_document_resources_unreadable_file_is_reported(tmp_path):
    directory = _copy_resources(tmp_path)
    (directory / "dateline.yaml").write_text("months: [unclosed", encoding="utf-8")
    with pytest.raises(ResourceError, match="dateline.yaml: \\(file\\): not valid YAML"):
        load_rules(directory)


def _agency_entries() -> list[dict]:
    data = yaml.safe_load((RESOURCE_DIR / "agencies.yaml").read_text(encoding="utf-8"))
    return data["agencies"]


@pytest.mark.parametrize("entry", _agency_entries(), ids=lambda e: e["name"])
def test_document_resources_every_agency_spelling_is_recognised(entry):
    for spelling in [entry["name"], *entry["spellings"]]:
        text = f"BERLIN, June 3 ({spelling}) - The government said"
        found = parse_dateline(text, date(2019, 6, 1))
        assert found is not None, spelling
        assert found.agency == entry["name"]
        assert text[found.agency_span[0]:found.agency_span[1]] == spelling


@pytest.mark.parametrize("month", range(1, 13))
def test_document_resources_every_month_name_reads(month):
    rules = load_rules()
    for name, number in rules.months.items():
        if number != month:
            continue
        for written in (name.title(), name.upper(), name.title() + "."):
            found = parse_dateline(f"PARIS, {written} 4 (AFP) - France", date(2019, 6, 1))
            assert found is not None and found.date is not None and found.date.month == month, written


def _separator_examples() -> list[tuple[str, str]]:
    data = yaml.safe_load((RESOURCE_DIR / "dateline.yaml").read_text(encoding="utf-8"))
    return [(entry["pattern"], example) for entry in data["separators"] for example in entry.get("examples", [])]


@pytest.mark.parametrize(("pattern", "example"), _separator_examples())
def test_document_resources_separator_examples_run(pattern, example):
    found = parse_dateline(example, date(2019, 6, 1))
    assert found is not None, example
    assert example[found.span[1]:] == "The"
    assert re.search(f"(?:{pattern})\\s*$", example[found.span[0]:found.span[1]])  # ends with this separator


def test_document_resources_every_separator_has_examples():
    assert all(example for _, example in _separator_examples())
    data = yaml.safe_load((RESOURCE_DIR / "dateline.yaml").read_text(encoding="utf-8"))
    assert all(entry.get("examples") for entry in data["separators"])
