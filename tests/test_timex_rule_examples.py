"""Every example written in the timex rule files runs here: text, reference date, extent, value."""

from __future__ import annotations

import pytest

from dateline.timex import tag
from dateline.timex.rules import default_ruleset

EXAMPLES = [(rule.id, example) for rule in default_ruleset().rules for example in rule.examples]


def test_every_rule_has_an_example():
    ruleset = default_ruleset()
    assert [r.id for r in ruleset.rules if not r.examples] == []


@pytest.mark.parametrize("rule_id, example", EXAMPLES, ids=[f"{r}:{e.extent}" for r, e in EXAMPLES])
def test_rule_example(rule_id, example, nlp):
    timexes = tag(nlp(example.text), example.reference)
    found = [t for t in timexes if t.text == example.extent]
    assert found, f"{example.extent!r} not found in {[(t.text, t.rule) for t in timexes]}"
    timex = found[0]
    assert timex.value == example.value, timex
    if example.mod is not None:
        assert timex.mod == example.mod, timex
    if example.type is not None:
        assert timex.type == example.type, timex
