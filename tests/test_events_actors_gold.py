"""Actor resolution against the PLOVER gold records: country and sector of each coded actor.

The gold codes countries the CAMEO way, which differs from ISO 3166 for a few (JAP, ITL, VTN);
those are mapped. Sectors are compared on their first three letters (CVLalb -> CVL), where the
gold gives one (``***`` and none are skipped). The gold sentences carry no real date, so
offices are not chosen by date here.
"""

from __future__ import annotations

import json

import pytest

from dateline.events.actors import ActorResolver

CAMEO_TO_ISO = {"JAP": "JPN", "ITL": "ITA", "VTN": "VNM"}


def gold_actors(shared):
    records = json.loads((shared / "data" / "events" / "PLOVER_GSR_CAMEO.txt").read_text(encoding="utf-8"))
    for record in records:
        if "text" not in record:
            continue
        for role in ("source", "target"):
            value = record.get(role)
            for actor in value if isinstance(value, list) else []:
                if isinstance(actor, dict):
                    yield record["text"], actor


def locate(text: str, actor_text: str) -> tuple[int, int] | None:
    wanted = actor_text.strip().split(" ...")[0].split("..")[0].strip()
    start = text.find(wanted)
    if start < 0:
        start = text.lower().find(wanted.lower())
    return (start, start + len(wanted)) if start >= 0 else None


@pytest.mark.slow
def test_country_and_sector_accuracy_on_plover_gold(nlp, shared):
    pairs = [(text, actor, locate(text, actor["actorText"])) for text, actor in gold_actors(shared)]
    pairs = [p for p in pairs if p[2] is not None]
    texts = sorted({text for text, _, _ in pairs})
    resolvers = {text: ActorResolver(doc, None) for text, doc in zip(texts, nlp.pipe(texts))}
    countries = sectors = sector_total = 0
    for text, gold, (start, end) in pairs:
        actor = resolvers[text].resolve_span(start, end)
        if actor is not None and actor.country == CAMEO_TO_ISO.get(gold["code"], gold["code"]):
            countries += 1
        sector = (gold.get("sector") or "")[:3]
        if sector and sector != "***":
            sector_total += 1
            sectors += actor is not None and actor.sector == sector
    assert len(pairs) > 600
    assert countries / len(pairs) >= 0.85
    assert sectors / sector_total >= 0.70
