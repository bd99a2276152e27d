"""Scoring event mentions against coded gold events (the PLOVER gold standard records and the like).

Each gold record is one sentence with one coded event: a PLOVER type (older PLOVER names are
mapped, see ``TYPE_MAP``), maybe a mode and a CAMEO code, and the source and target actors with
country codes and sectors. The system's mentions for that sentence are reduced to one: the most
confident mention of the gold type if there is one, else the most confident non-statement
mention, else the most confident statement. Then, over records:

* **type** precision = records whose chosen mention has the gold type / records with a mention;
  recall = the same count / all records; F1 their harmonic mean;
* **cameo root**: the same, over records whose gold carries a CAMEO code (none in the PLOVER file);
* **mode** accuracy over records with a gold mode (mapped to current PLOVER modes);
* **actor / recipient country** and **sector** accuracy over records where both the gold and the
  chosen mention give a value: correct when any system value is among the gold values.

Older PLOVER names, mapped onto the 2021 ontology as the CAMEO2PLOVER-2021 table does:
DEMAND -> REQUEST (CAMEO 10 is REQUEST), DISAPPROVE -> ACCUSE (CAMEO 11, modes disapprove or
allege, so no mode is implied), FIGHT -> ASSAULT (CAMEO 19), INVESTIGATE -> ACCUSE with mode
investigate (CAMEO 09). Old modes are mapped by ``MODE_MAP`` (e.g. strike-hun -> hunger); gold
sectors are cut to their first three letters ("CVLalb" -> CVL); "***" means unknown.

Everything is a pure function over parsed JSON and ``EventMention`` values.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from dateline.eval import f_measure
from dateline.types import EventMention

TYPE_MAP = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "FIGHT": "ASSAULT", "INVESTIGATE": "ACCUSE"}
TYPE_IMPLIED_MODE = {"INVESTIGATE": "investigate"}
# Older PLOVER modes (PLOVER GSR 2016) -> 2021 modes; None drops the mode (no 2021 counterpart).
MODE_MAP = {
    "strike-hun": "hunger", "strike-gen": "boycott", "demo-org": "demo", "demo-spon": "demo",
    "riot-spon": "riot", "host": "visit", "multilateral": None, "destroy": "seize",
    "confiscate": "seize", "detain": "arrest", "censor": "restrict", "curfew": "restrict",
    "martial-law": "restrict", "other": None,
}
UNKNOWN_SECTORS = frozenset({"***", ""})


class GoldFormatError(ValueError):
    """The gold file is not a JSON list of event records; the message says where."""


@dataclass(frozen=True)
class GoldEvent:
    """One gold record, with type and mode already mapped onto the current PLOVER ontology."""

    id: str
    text: str
    date: str | None
    plover_type: str | None
    original_type: str | None
    mode: str | None
    cameo: str | None
    source_countries: frozenset[str]
    source_sectors: frozenset[str]
    target_countries: frozenset[str]
    target_sectors: frozenset[str]
    event_text: str = ""


def map_type(name: str | None) -> str | None:
    if not name:
        return None
    name = name.strip().upper()
    return TYPE_MAP.get(name, name)


def map_mode(event_type: str | None, mode: str | None) -> str | None:
    """The gold mode in 2021 terms (types that imply a mode give it when the record has none)."""
    if mode:
        mode = mode.strip().lower()
        return MODE_MAP.get(mode, mode) if mode in MODE_MAP else mode
    return TYPE_IMPLIED_MODE.get((event_type or "").upper())


def _sector(raw: object) -> str | None:
    if not isinstance(raw, str) or raw.strip() in UNKNOWN_SECTORS:
        return None
    return raw.strip()[:3].upper()


def _actors(raw: object) -> tuple[frozenset[str], frozenset[str]]:
    if not isinstance(raw, list):
        return frozenset(), frozenset()
    countries = {str(a["code"]).upper() for a in raw if isinstance(a, dict) and a.get("code")}
    sectors = {s for a in raw if isinstance(a, dict) for s in [_sector(a.get("sector"))] if s}
    return frozenset(countries), frozenset(sectors)


def parse_gold(text: str, origin: str = "gold") -> list[GoldEvent]:
    """The event records of a gold JSON file (DOCUMENT records skipped).

    Raises ``GoldFormatError`` naming the origin and the record when the file cannot be used.
    """
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise GoldFormatError(f"{origin}:{error.lineno}: not valid JSON: {error.msg}") from error
    if not isinstance(data, list):
        raise GoldFormatError(f"{origin}: expected a JSON list of records")
    events = []
    for number, record in enumerate(data, start=1):
        if not isinstance(record, dict):
            raise GoldFormatError(f"{origin}: record {number} is not an object")
        if str(record.get("event", "")).upper() == "DOCUMENT":
            continue
        problem = _record_problem(record)
        if problem:
            raise GoldFormatError(f"{origin}: record {number} ({record.get('id', '?')}) {problem}")
        events.append(_gold_event(record, number))
    return events


def _record_problem(record: dict) -> str | None:
    """Why a record cannot be scored, or None."""
    from dateline.events.cameo import cameo_table

    if not isinstance(record.get("text"), str):
        return "needs a 'text' string"
    event, cameo = record.get("event"), record.get("cameo")
    if not event and not cameo:
        return "needs 'event' or 'cameo'"
    if event and not isinstance(event, str):
        return "'event' must be a string"
    if cameo and (not isinstance(cameo, (str, int)) or isinstance(cameo, bool)
                  or str(cameo).strip()[:2] not in cameo_table()):
        return f"'cameo' {cameo!r} is not a CAMEO code"
    for key in ("mode", "date", "eventText"):
        if record.get(key) is not None and not isinstance(record[key], str):
            return f"'{key}' must be a string"
    return None


def _gold_event(record: dict, number: int) -> GoldEvent:
    cameo = str(record["cameo"]).strip() if record.get("cameo") else None
    original = record.get("event") or None
    event_type = map_type(original)
    if event_type is None and cameo:
        from dateline.events.cameo import lookup

        event_type = lookup(cameo).plover_type
    source_countries, source_sectors = _actors(record.get("source"))
    target_countries, target_sectors = _actors(record.get("target"))
    return GoldEvent(
        id=str(record.get("id", f"record-{number}")),
        text=record["text"],
        date=record.get("date"),
        plover_type=event_type,
        original_type=original,
        mode=map_mode(original, record.get("mode")),
        cameo=cameo,
        source_countries=source_countries,
        source_sectors=source_sectors,
        target_countries=target_countries,
        target_sectors=target_sectors,
        event_text=str(record.get("eventText", "")),
    )


def choose_mention(gold: GoldEvent, mentions: Sequence[EventMention]) -> EventMention | None:
    """The system mention compared with the gold record (see the module docstring)."""
    if not mentions:
        return None
    by_confidence = sorted(mentions, key=lambda m: (-m.confidence, m.trigger_span))
    for mention in by_confidence:
        if mention.plover_type == gold.plover_type:
            return mention
    for mention in by_confidence:
        if mention.plover_type != "STATEMENT":
            return mention
    return by_confidence[0]


@dataclass
class Tally:
    """Correct over total for one accuracy figure."""

    correct: int = 0
    total: int = 0

    def add(self, ok: bool) -> None:
        self.total += 1
        self.correct += int(ok)

    @property
    def accuracy(self) -> float | None:
        return self.correct / self.total if self.total else None


@dataclass
class PRFTally:
    correct: int = 0
    system: int = 0
    gold: int = 0

    @property
    def precision(self) -> float | None:
        return self.correct / self.system if self.system else None

    @property
    def recall(self) -> float | None:
        return self.correct / self.gold if self.gold else None

    @property
    def f1(self) -> float | None:
        p, r = self.precision, self.recall
        if p is None or r is None:
            return None
        return f_measure(p, r)

    def as_dict(self) -> dict:
        return {"precision": self.precision, "recall": self.recall, "f1": self.f1,
                "correct": self.correct, "system": self.system, "gold": self.gold}


@dataclass(frozen=True)
class EventError:
    """One record the system got (partly) wrong, with what it said instead."""

    id: str
    kind: str  # missed, wrong_type, wrong_mode, wrong_actor_country, ...
    gold: str
    system: str
    text: str
    rule: str = ""

    def as_dict(self) -> dict:
        return {"id": self.id, "kind": self.kind, "gold": self.gold, "system": self.system,
                "text": self.text, "rule": self.rule}


@dataclass
class EventReport:
    records: int = 0
    type: PRFTally = field(default_factory=PRFTally)
    cameo_root: PRFTally = field(default_factory=PRFTally)
    mode: Tally = field(default_factory=Tally)
    actor_country: Tally = field(default_factory=Tally)
    actor_sector: Tally = field(default_factory=Tally)
    recipient_country: Tally = field(default_factory=Tally)
    recipient_sector: Tally = field(default_factory=Tally)
    per_type: dict[str, PRFTally] = field(default_factory=dict)
    errors: list[EventError] = field(default_factory=list)

    def as_dict(self) -> dict:
        def acc(t: Tally) -> dict:
            return {"accuracy": t.accuracy, "correct": t.correct, "total": t.total}

        return {
            "records": self.records,
            "plover_type": self.type.as_dict(),
            "cameo_root": self.cameo_root.as_dict(),
            "mode": acc(self.mode),
            "actor_country": acc(self.actor_country),
            "actor_sector": acc(self.actor_sector),
            "recipient_country": acc(self.recipient_country),
            "recipient_sector": acc(self.recipient_sector),
            "per_type": {k: v.as_dict() for k, v in sorted(self.per_type.items())},
        }


def _describe(mention: EventMention | None) -> str:
    if mention is None:
        return "no event"
    actors = ",".join(f"{a.country or '?'}/{a.sector or '?'}" for a in mention.actors) or "-"
    recipients = ",".join(f"{a.country or '?'}/{a.sector or '?'}" for a in mention.recipients) or "-"
    return (f"{mention.plover_type}/{mention.plover_mode or '-'} {mention.cameo} "
            f"{mention.trigger!r} {actors} -> {recipients}")


def _score_parties(tally: Tally, gold_values: frozenset[str], system_values: set[str]) -> bool | None:
    if not gold_values or not system_values:
        return None
    ok = bool(gold_values & system_values)
    tally.add(ok)
    return ok


def score_record(report: EventReport, gold: GoldEvent, mentions: Sequence[EventMention]) -> None:
    """Add one gold record and the system's mentions of its sentence to the report."""
    report.records += 1
    chosen = choose_mention(gold, mentions)
    per_type = report.per_type.setdefault(gold.plover_type or "?", PRFTally())
    report.type.gold += 1
    per_type.gold += 1
    if chosen is not None:
        report.type.system += 1
        report.per_type.setdefault(chosen.plover_type, PRFTally()).system += 1
    type_ok = chosen is not None and chosen.plover_type == gold.plover_type
    if type_ok:
        report.type.correct += 1
        per_type.correct += 1
    if gold.cameo:
        report.cameo_root.gold += 1
        if chosen is not None:
            report.cameo_root.system += 1
            report.cameo_root.correct += int(chosen.cameo_root == gold.cameo[:2])
    described = _describe(chosen)
    rule = chosen.rule if chosen else ""
    gold_text = f"{gold.plover_type}/{gold.mode or '-'} ({gold.original_type}) " \
                f"{','.join(sorted(gold.source_countries)) or '-'} -> {','.join(sorted(gold.target_countries)) or '-'}"
    if not type_ok:
        kind = "missed" if chosen is None else "wrong_type"
        report.errors.append(EventError(gold.id, kind, gold_text, described, gold.text, rule))
    if gold.mode:
        ok = chosen is not None and chosen.plover_mode == gold.mode
        report.mode.add(ok)
        if type_ok and not ok:
            report.errors.append(EventError(gold.id, "wrong_mode", gold_text, described, gold.text, rule))
    if chosen is None:
        return
    checks = (
        ("actor_country", report.actor_country, gold.source_countries, {a.country for a in chosen.actors if a.country}),
        ("actor_sector", report.actor_sector, gold.source_sectors, {a.sector for a in chosen.actors if a.sector}),
        ("recipient_country", report.recipient_country, gold.target_countries,
         {a.country for a in chosen.recipients if a.country}),
        ("recipient_sector", report.recipient_sector, gold.target_sectors,
         {a.sector for a in chosen.recipients if a.sector}),
    )
    for name, tally, gold_values, system_values in checks:
        if _score_parties(tally, gold_values, system_values) is False and type_ok:
            report.errors.append(EventError(gold.id, f"wrong_{name}", gold_text, described, gold.text, rule))


def score(pairs: Iterable[tuple[GoldEvent, Sequence[EventMention]]]) -> EventReport:
    """Score every (gold record, system mentions of its sentence) pair."""
    report = EventReport()
    for gold, mentions in pairs:
        score_record(report, gold, mentions)
    return report
