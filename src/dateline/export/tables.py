"""The store as flat tables: events and mentions as JSON Lines, CSV, Parquet or GDELT TSV.

Rows stream from a read-only connection (one query, fetched in chunks), so exporting a large
store keeps memory flat; Parquet is written in row groups of ``ROW_GROUP`` rows.  Every column
has a fixed name and type (``EVENT_COLUMNS``, ``MENTION_COLUMNS``) so that files of two runs line
up.  The GDELT rows are one per merged *event* (GDELT's unit, with its real NumMentions,
NumSources and NumArticles), in the columns of :mod:`dateline.export.gdelt`, whose CAMEO table
gives QuadClass and Goldstein.
"""

from __future__ import annotations

import csv
import json
import sqlite3
from collections.abc import Iterator, Sequence
from datetime import date
from typing import IO, Any

ROW_GROUP = 10_000
_FETCH = 1_000

#: (column, type) of the events table: ``str``, ``int``, ``float``.
EVENT_COLUMNS: tuple[tuple[str, str], ...] = (
    ("event_id", "int"), ("date", "str"), ("date_value", "str"), ("date_precision", "str"), ("date_mod", "str"),
    ("date_start", "str"), ("date_end", "str"), ("plover_type", "str"), ("plover_mode", "str"), ("cameo", "str"),
    ("cameo_root", "str"), ("modality", "str"), ("modality_class", "str"), ("actors", "str"),
    ("actor_codes", "str"), ("recipients", "str"), ("recipient_codes", "str"), ("place", "str"),
    ("place_geonameid", "int"), ("place_lat", "float"), ("place_lon", "float"), ("place_country", "str"),
    ("num_mentions", "int"), ("num_sources", "int"), ("num_articles", "int"), ("first_seen", "str"),
    ("last_seen", "str"), ("confidence", "float"), ("summary", "str"), ("plans", "str"), ("realises", "str"),
    ("source_url", "str"),
)

MENTION_COLUMNS: tuple[tuple[str, str], ...] = (
    ("mention_id", "int"), ("event_id", "int"), ("article_id", "str"), ("article_date", "str"),
    ("source", "str"), ("url", "str"), ("trigger", "str"), ("trigger_start", "int"), ("trigger_end", "int"),
    ("plover_type", "str"), ("plover_mode", "str"), ("cameo", "str"), ("cameo_root", "str"),
    ("actors", "str"), ("actor_codes", "str"), ("recipients", "str"), ("recipient_codes", "str"),
    ("place", "str"), ("place_start", "int"), ("place_end", "int"), ("time_value", "str"),
    ("time_precision", "str"), ("time_source", "str"), ("time_mod", "str"), ("timex_start", "int"),
    ("timex_end", "int"), ("modality", "str"), ("attribution", "str"), ("attribution_source", "str"),
    ("sentence", "int"), ("sentence_start", "int"), ("sentence_end", "int"), ("sentence_text", "str"),
    ("confidence", "float"), ("rule", "str"),
)

_PARTICIPANTS = """(SELECT group_concat(a.name, '; ') FROM (SELECT a.name FROM {table} x JOIN actors a ON a.id = x.actor_id
        WHERE x.{key} = {owner} AND x.role = '{role}' ORDER BY {order}) a)"""
_CODES = """(SELECT group_concat(c, '; ') FROM (SELECT TRIM(COALESCE(a.country, '') || ' ' || COALESCE(a.sector, '')) AS c
        FROM {table} x JOIN actors a ON a.id = x.actor_id WHERE x.{key} = {owner} AND x.role = '{role}'
        ORDER BY {order}))"""


def _participants(table: str, key: str, owner: str, role: str, order: str) -> str:
    names = _PARTICIPANTS.format(table=table, key=key, owner=owner, role=role, order=order)
    codes = _CODES.format(table=table, key=key, owner=owner, role=role, order=order)
    return f"{names}, {codes}"


EVENT_SQL = f"""
SELECT e.id, e.date_value, e.date_precision, e.date_mod, e.date_start, e.date_end, e.plover_type, e.plover_mode,
       e.cameo, e.cameo_root, e.modality, e.modality_class,
       {_participants('event_actors', 'event_id', 'e.id', 'actor', 'a.id')},
       {_participants('event_actors', 'event_id', 'e.id', 'recipient', 'a.id')},
       p.name, p.geonameid, p.lat, p.lon, p.country, e.num_mentions, e.num_sources, e.num_articles, e.first_seen,
       e.last_seen, e.confidence, e.summary,
       (SELECT group_concat(to_event, ' ') FROM event_links WHERE from_event = e.id AND relation = 'plans'),
       (SELECT group_concat(to_event, ' ') FROM event_links WHERE from_event = e.id AND relation = 'realises'),
       (SELECT COALESCE(ar.url, ar.origin) FROM mentions m JOIN articles ar ON ar.id = m.article_id
         WHERE m.event_id = e.id ORDER BY m.id LIMIT 1)
FROM events e LEFT JOIN places p ON p.id = e.place_id
ORDER BY e.date_start IS NULL, e.date_start, e.precision_rank, e.id
"""

MENTION_SQL = f"""
SELECT m.id, m.event_id, m.article_id, COALESCE(ar.reference_date, ar.metadata_date), ar.source_key, ar.url,
       m.trigger, m.trigger_start, m.trigger_end, m.plover_type, m.plover_mode, m.cameo, m.cameo_root,
       {_participants('mention_actors', 'mention_id', 'm.id', 'actor', 'x.position')},
       {_participants('mention_actors', 'mention_id', 'm.id', 'recipient', 'x.position')},
       p.name, m.place_start, m.place_end, m.time_value, m.time_precision, m.time_source, m.time_mod,
       m.timex_start, m.timex_end, m.modality, m.attribution_text, m.attribution_source, m.sentence,
       m.sentence_start, m.sentence_end, s.text, m.confidence, m.rule
FROM mentions m JOIN articles ar ON ar.id = m.article_id LEFT JOIN places p ON p.id = m.place_id
LEFT JOIN sentences s ON s.article_id = m.article_id AND s.idx = m.sentence
ORDER BY m.article_id, m.ordinal
"""


def _date_label(value: str | None, mod: str | None, start: str | None) -> str:
    if not value or start is None:
        return "undated"
    return f"{mod} {value}" if mod else value


def event_records(conn: sqlite3.Connection) -> Iterator[dict[str, Any]]:
    """One dict per merged event, in timeline order (undated last)."""
    names = [name for name, _ in EVENT_COLUMNS]
    for row in _stream(conn, EVENT_SQL):
        values = list(row)
        values.insert(1, _date_label(row[1], row[3], row[4]))
        yield dict(zip(names, values))


def mention_records(conn: sqlite3.Connection) -> Iterator[dict[str, Any]]:
    """One dict per mention, with its evidence sentence, in article order."""
    names = [name for name, _ in MENTION_COLUMNS]
    for row in _stream(conn, MENTION_SQL):
        yield dict(zip(names, row))


def _stream(conn: sqlite3.Connection, sql: str) -> Iterator[tuple]:
    cursor = conn.execute(sql)
    while rows := cursor.fetchmany(_FETCH):
        yield from rows


def records(conn: sqlite3.Connection, what: str) -> tuple[Sequence[tuple[str, str]], Iterator[dict[str, Any]]]:
    """``(columns, rows)`` for ``what`` in ``events``/``mentions``."""
    if what == "events":
        return EVENT_COLUMNS, event_records(conn)
    if what == "mentions":
        return MENTION_COLUMNS, mention_records(conn)
    raise ValueError(f"unknown table {what!r}; choose events or mentions")


# -- writers ------------------------------------------------------------------------------------


def write_jsonl(rows: Iterator[dict[str, Any]], out: IO[str]) -> int:
    count = 0
    for row in rows:
        out.write(json.dumps(row, ensure_ascii=False) + "\n")
        count += 1
    return count


def write_csv(columns: Sequence[tuple[str, str]], rows: Iterator[dict[str, Any]], out: IO[str]) -> int:
    writer = csv.writer(out)
    writer.writerow([name for name, _ in columns])
    count = 0
    for row in rows:
        writer.writerow(["" if row[name] is None else row[name] for name, _ in columns])
        count += 1
    return count


def parquet_schema(columns: Sequence[tuple[str, str]]):
    import pyarrow as pa

    types = {"str": pa.string(), "int": pa.int64(), "float": pa.float64()}
    return pa.schema([(name, types[kind]) for name, kind in columns])


def write_parquet(columns: Sequence[tuple[str, str]], rows: Iterator[dict[str, Any]], path: str) -> int:
    """Parquet in row groups of ``ROW_GROUP`` rows (memory stays flat however big the store)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = parquet_schema(columns)
    count = 0
    with pq.ParquetWriter(path, schema) as writer:
        batch: list[dict[str, Any]] = []
        for row in rows:
            batch.append(row)
            if len(batch) >= ROW_GROUP:
                writer.write_table(pa.Table.from_pylist(batch, schema=schema))
                count += len(batch)
                batch = []
        if batch or not count:
            writer.write_table(pa.Table.from_pylist(batch, schema=schema))
            count += len(batch)
    return count


# -- GDELT ------------------------------------------------------------------------------------

def gdelt_columns() -> tuple[str, ...]:
    """The GDELT 2.0 columns of :mod:`dateline.export.gdelt`, shared with ``dateline extract``."""
    from dateline.export.gdelt import GDELT_COLUMNS

    return tuple(GDELT_COLUMNS)


def _first(text: str | None) -> str:
    return (text or "").split("; ")[0]


def _actor_fields(prefix: str, names: str | None, codes: str | None) -> dict[str, str]:
    name, code = _first(names), _first(codes)
    country, _, sector = code.partition(" ")
    if not country and not sector and len(code) == 3:
        country = code
    return {
        f"{prefix}Code": (country + sector).replace(" ", ""),
        f"{prefix}Name": name.upper(),
        f"{prefix}CountryCode": country,
        f"{prefix}Type1Code": sector,
    }


def gdelt_event_row(event: dict[str, Any]) -> dict[str, str]:
    """One merged event as a GDELT 2.0 event row (fields GDELT has that we do not stay empty)."""
    from dateline.events.cameo import lookup
    from dateline.export.gdelt import fraction_date

    row: dict[str, str] = {"GlobalEventID": str(event["event_id"])}
    if event["date_start"]:
        day = date.fromisoformat(event["date_start"])
        row.update(Day=day.strftime("%Y%m%d"), MonthYear=day.strftime("%Y%m"), Year=str(day.year),
                   FractionDate=fraction_date(day))
    row.update(_actor_fields("Actor1", event["actors"], event["actor_codes"]))
    row.update(_actor_fields("Actor2", event["recipients"], event["recipient_codes"]))
    cameo = event["cameo"] or ""
    try:
        code = lookup(cameo) if cameo else None
    except KeyError:  # a code the CAMEO table does not know: leave QuadClass and Goldstein empty
        code = None
    row.update(IsRootEvent="0", EventCode=cameo, EventBaseCode=cameo[:3], EventRootCode=event["cameo_root"] or "",
               QuadClass=str(code.quad_class) if code else "",
               GoldsteinScale=f"{code.goldstein:.1f}" if code else "",
               NumMentions=str(event["num_mentions"]), NumSources=str(event["num_sources"]),
               NumArticles=str(event["num_articles"]))
    if event["place"]:
        row.update(ActionGeo_Type="4" if event["place_geonameid"] else "", ActionGeo_FullName=event["place"],
                   ActionGeo_CountryCode=event["place_country"] or "",
                   ActionGeo_Lat="" if event["place_lat"] is None else f"{event['place_lat']:.4f}",
                   ActionGeo_Long="" if event["place_lon"] is None else f"{event['place_lon']:.4f}",
                   ActionGeo_FeatureID="" if event["place_geonameid"] is None else str(event["place_geonameid"]))
    if event["first_seen"]:
        row["DATEADDED"] = event["first_seen"].replace("-", "") + "000000"
    row["SOURCEURL"] = event["source_url"] or ""
    return row


def write_gdelt(rows: Iterator[dict[str, Any]], out: IO[str]) -> int:
    """GDELT TSV with a header line; only asserted events (GDELT records what happened)."""
    columns = gdelt_columns()
    out.write("\t".join(columns) + "\n")
    count = 0
    for event in rows:
        if event["modality_class"] != "asserted":
            continue
        row = gdelt_event_row(event)
        out.write("\t".join(_tsv(row.get(column, "")) for column in columns) + "\n")
        count += 1
    return count


def _tsv(value: str) -> str:
    return value.replace("\t", " ").replace("\n", " ")
