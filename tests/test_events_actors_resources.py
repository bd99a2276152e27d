"""The actor and place tables load, are validated, and say what the rules need."""

from __future__ import annotations

import pytest

from dateline.events import gazetteer, places
from dateline.events.gazetteer import actor_table, words_of
from dateline.events.resources import ResourceError


def entries(text: str) -> list:
    return actor_table().entries.get(words_of(text), [])


@pytest.mark.parametrize("text, kind, country", [
    ("North Korean", "demonym", "PRK"),
    ("Israelis", "demonym", "ISR"),
    ("DPRK", "country", "PRK"),
    ("Britain", "country", "GBR"),
    ("Washington", "metonym", "USA"),
    ("State Department", "org", "USA"),
    ("NATO", "org", "IGO"),
    ("Hong Kong", "region", "HKG"),
])
def test_tables_know_the_news_forms(text, kind, country):
    assert any(e.kind == kind and e.country == country for e in entries(text))


def test_roles_carry_sectors_and_weakness():
    troops = next(e for e in entries("troops") if e.kind == "role")
    leader = next(e for e in entries("leader") if e.kind == "role")
    assert troops.sector == "MIL" and not troops.weak
    assert leader.sector == "GOV" and leader.weak and leader.title


def test_venues_resolve_to_cities():
    _, cities = places.venue_tables()
    assert cities[words_of("UNGA")].name == "New York City"
    assert cities[words_of("Kremlin")].country == "RUS"


def test_bad_roles_file_reports_every_problem(monkeypatch):
    bad = {"roles": [
        {"words": ["king"], "sector": "GOV", "kind": "title", "why": "x"},
        {"words": ["emir"], "sector": "gov", "kind": "title", "why": "x"},
        {"words": ["queen"], "sector": "GOV", "kind": "boss"},
        {"words": ["king"], "sector": "GOV", "kind": "title", "why": "duplicate"},
    ]}
    monkeypatch.setattr(gazetteer, "read_yaml", lambda name: bad)
    with pytest.raises(ResourceError) as caught:
        gazetteer.load_roles(gazetteer.Table())
    reasons = [reason for _, _, reason in caught.value.problems]
    assert len(reasons) == 4
    assert any("CAMEO" in r for r in reasons) and any("already listed" in r for r in reasons)


def test_bad_demonym_rows_are_reported(monkeypatch):
    rows = [(5, {"demonym": "Martian", "country": "MAR5", "kind": "nation", "why": "x"}),
            (6, {"demonym": "Venusian", "country": "VEN", "kind": "planet", "why": ""})]
    monkeypatch.setattr(gazetteer, "read_tsv", lambda name: ("demonyms.tsv", rows))
    with pytest.raises(ResourceError) as caught:
        gazetteer.load_demonyms(gazetteer.Table())
    assert [entry for _, entry, _ in caught.value.problems] == ["line 5 (Martian)", "line 6 (Venusian)", "line 6 (Venusian)"]
