"""The rule loader reports every problem of the resource files at once, and never exits."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from dateline.timex.rules import ResourceError, load_ruleset, resource_dir


@pytest.fixture()
def resource_copy(tmp_path: Path) -> Path:
    target = tmp_path / "timex"
    shutil.copytree(resource_dir(), target)
    return target


def append(path: Path, entries: str) -> None:
    """Add YAML ``entries`` at the end of a copied resource file."""
    path.write_text(path.read_text(encoding="utf-8") + entries, encoding="utf-8")


def test_packaged_resources_load():
    ruleset = load_ruleset()
    assert len(ruleset.rules) > 30
    assert len({r.id for r in ruleset.rules}) == len(ruleset.rules)


def test_all_errors_reported_together(resource_copy: Path):
    append(resource_copy / "rules.yaml", """
- id: broken_slot
  priority: 1
  type: DATE
  pattern: '{no_such_list}'
  normalize: ref
  why: test
- id: broken_type
  priority: 1
  type: MOMENT
  pattern: 'x('
  normalize: no_such_function
  why: test
""")
    (resource_copy / "words" / "months.tsv").write_text("january\n", encoding="utf-8")
    with pytest.raises(ResourceError) as raised:
        load_ruleset(resource_copy)
    errors = raised.value.errors
    assert ("months.tsv", "line 1") in {(file, entry) for file, entry, _ in errors}
    assert any(e == "broken_slot" and "unknown slot" in r for _, e, r in errors)
    broken = [r for _, e, r in errors if e == "broken_type"]
    assert any("type must be" in r for r in broken)
    assert any("normaliser" in r for r in broken)
    assert any("compile" in r for r in broken)
    assert "months.tsv" in str(raised.value)


def test_blocker_naming_unknown_rule_is_reported(resource_copy: Path):
    append(resource_copy / "blockers.yaml", """
- id: stray
  why: test
  rules: [no_such_rule]
  text: 'x'
""")
    with pytest.raises(ResourceError) as raised:
        load_ruleset(resource_copy)
    assert any(entry == "stray" and "unknown rule" in reason
               for _, entry, reason in raised.value.errors)


def test_rule_without_why_is_rejected(resource_copy: Path):
    append(resource_copy / "rules.yaml", """
- id: no_reason
  priority: 1
  type: DATE
  pattern: 'xyz'
  normalize: ref
""")
    with pytest.raises(ResourceError) as raised:
        load_ruleset(resource_copy)
    assert any(entry == "no_reason" and "why" in reason for _, entry, reason in raised.value.errors)
