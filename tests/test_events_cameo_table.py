"""The project's CAMEO -> PLOVER table agrees with the PLOVER 2021 conversion table in ../shared."""

from __future__ import annotations

import re

import pytest

from dateline.events.cameo import PLOVER_TYPES, cameo_table, lookup, quad_class
from dateline.events.lexicon import lexicon

# Deliberate, documented departures (see the `why` column of cameo_plover.tsv).
DEVIATIONS = {"057", "175"}
# Roots the 2021 table leaves out: statements are our own STATEMENT type, appeals fold into REQUEST.
ABSENT_ROOTS = {"01": "STATEMENT", "02": "REQUEST"}
_LINE = re.compile(r"^(\d{2,4}):\s*([A-Z]+)\s*(?:,\s*([^,#]*))?")


def shared_table(shared) -> dict[str, set[tuple[str, str]]]:
    readings: dict[str, set[tuple[str, str]]] = {}
    for line in (shared / "data" / "events" / "CAMEO2PLOVER-2021.txt").read_text(encoding="utf-8").splitlines():
        match = _LINE.match(line)
        if match:
            readings.setdefault(match.group(1), set()).add((match.group(2), (match.group(3) or "").strip()))
    return readings


def used_codes() -> set[str]:
    lex = lexicon()
    codes = {entry.cameo for entry in lex.entries if not entry.block}
    codes.update(rule.cameo for rule in lex.refine)
    for table in lex.compose.values():
        codes.add(table.default)
        codes.update(code for _, code in table.by_complement)
    return codes


def test_every_code_in_our_table_agrees_with_plover_2021(shared):
    theirs = shared_table(shared)
    disagreements = []
    for code, entry in cameo_table().items():
        if code in DEVIATIONS:
            continue
        if code in theirs:
            if (entry.plover_type, entry.plover_mode or "") not in theirs[code]:
                disagreements.append((code, entry.plover_type, entry.plover_mode, theirs[code]))
        else:
            assert ABSENT_ROOTS.get(code[:2]) == entry.plover_type, f"{code} is not in the PLOVER table"
    assert not disagreements


def test_every_code_the_lexicon_uses_is_in_our_table_and_checked(shared):
    theirs = shared_table(shared)
    for code in used_codes():
        assert code in cameo_table()
        assert code in theirs or code[:2] in ABSENT_ROOTS or code in DEVIATIONS, code


def test_deviations_are_explained():
    path_text = (lookup("057").name, lookup("175").name)
    assert all(path_text)
    from dateline.events.resources import resource_path

    rows = resource_path("cameo_plover.tsv").read_text(encoding="utf-8").splitlines()
    for code in DEVIATIONS:
        row = next(r for r in rows if r.startswith(code + "\t"))
        assert "DEVIATION" in row


@pytest.mark.parametrize("code, root, quad", [("042", "04", 1), ("057", "05", 1), ("0871", "08", 2),
                                              ("112", "11", 3), ("1384", "13", 3), ("190", "19", 4)])
def test_lookup_falls_back_to_parent_codes(code, root, quad):
    entry = lookup(code)
    assert entry.root == root and quad_class(code) == quad
    assert entry.plover_type in PLOVER_TYPES
    assert -10 <= entry.goldstein <= 10


def test_unknown_code_raises_key_error():
    with pytest.raises(KeyError):
        lookup("99")
