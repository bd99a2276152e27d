"""The JSON record of one analysed article: what ``dateline extract`` writes.

The record is documented twice, for people in the README ("The extract record") and for machines
in ``dateline/schema/article.schema.json``; a test validates real output against the schema.
Spans are ``[start, end]`` character offsets into ``text`` (end exclusive), the article text as
read (headers removed).
"""

from __future__ import annotations

import json
from datetime import date
from functools import lru_cache
from importlib import resources
from typing import Any

from dateline.types import (
    Actor,
    AnalyzedArticle,
    Attribution,
    Dateline,
    EventMention,
    Place,
    Timex,
)

SCHEMA_VERSION = "1.0"


def to_record(analyzed: AnalyzedArticle, *, include_text: bool = True) -> dict[str, Any]:
    """The extract record of ``analyzed`` as plain JSON-ready values."""
    article = analyzed.article
    record: dict[str, Any] = {
        "schema_version": SCHEMA_VERSION,
        "id": article.id,
        "origin": article.origin,
        "title": article.title,
        "url": article.url,
        "source": article.source,
        "metadata_date": _iso(article.metadata_date),
        "dateline": dateline_record(analyzed.dateline),
        "reference_date": _iso(analyzed.reference_date),
        "reference_date_source": analyzed.reference_date_source,
        "language": analyzed.language,
        "skipped": analyzed.skipped,
        "warnings": list(analyzed.warnings),
        "sentences": [list(s.span) for s in analyzed.sentences],
        "entities": [{"text": e.text, "label": e.label, "span": list(e.span)} for e in analyzed.entities],
        "timexes": [timex_record(t) for t in analyzed.timexes],
        "events": [event_record(e) for e in analyzed.events],
    }
    if include_text:
        record["text"] = article.text
    return record


def dateline_record(dateline: Dateline | None) -> dict[str, Any] | None:
    if dateline is None:
        return None
    return {
        "place": dateline.place,
        "date": _iso(dateline.date),
        "date_text": dateline.date_text,
        "agency": dateline.agency,
        "span": list(dateline.span),
    }


def timex_record(timex: Timex) -> dict[str, Any]:
    record = {
        "text": timex.text,
        "span": list(timex.span),
        "type": timex.type,
        "value": timex.value,
        "mod": timex.mod,
        "anchor": timex.anchor,
        "rule": timex.rule,
    }
    if timex.quant or timex.freq:
        record["quant"] = timex.quant
        record["freq"] = timex.freq
    return record


def actor_record(actor: Actor) -> dict[str, Any]:
    return {
        "text": actor.text,
        "span": list(actor.span),
        "name": actor.name,
        "country": actor.country,
        "sector": actor.sector,
    }


def place_record(place: Place | None) -> dict[str, Any] | None:
    if place is None:
        return None
    return {
        "text": place.text,
        "span": list(place.span),
        "name": place.name,
        "geonameid": place.geonameid,
        "lat": place.lat,
        "lon": place.lon,
        "country": place.country,
    }


def attribution_record(attribution: Attribution | None) -> dict[str, Any] | None:
    if attribution is None:
        return None
    return {"text": attribution.text, "span": list(attribution.span), "source": attribution.source}


def event_record(event: EventMention) -> dict[str, Any]:
    time = event.time
    return {
        "trigger": {"text": event.trigger, "span": list(event.trigger_span)},
        "plover": {"type": event.plover_type, "mode": event.plover_mode},
        "cameo": event.cameo,
        "cameo_root": event.cameo_root,
        "actors": [actor_record(a) for a in event.actors],
        "recipients": [actor_record(a) for a in event.recipients],
        "location": place_record(event.location),
        "time": {
            "value": time.value,
            "precision": time.precision,
            "source": time.source,
            "mod": time.mod,
            "timex_span": list(time.timex_span) if time.timex_span else None,
        },
        "modality": event.modality,
        "attribution": attribution_record(event.attribution),
        "sentence": event.sentence,
        "confidence": round(event.confidence, 3),
        "rule": event.rule,
    }


@lru_cache(maxsize=1)
def record_schema() -> dict[str, Any]:
    """The JSON Schema of the extract record (``dateline/schema/article.schema.json``)."""
    text = resources.files("dateline").joinpath("schema", "article.schema.json").read_text(encoding="utf-8")
    return json.loads(text)


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None
