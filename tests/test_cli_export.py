"""`dateline export`: events and mentions as JSON Lines, CSV, Parquet and GDELT TSV."""

from __future__ import annotations

import csv
import io
import json

import pytest

from dateline.cli import main
from tests import store_samples as samples


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> str:
    return samples.build_store(tmp_path_factory.mktemp("export") / "events.db")


def run(capsys, *args: str) -> tuple[int, str, str]:
    status = main(["export", *args])
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def test_cli_export_events_jsonl(db, capsys):
    status, out, err = run(capsys, "--db", db)
    assert status == 0 and "4 events" in err
    events = [json.loads(line) for line in out.splitlines()]
    meeting = next(e for e in events if e["date"] == "2018-09-26")
    assert (meeting["num_mentions"], meeting["num_sources"], meeting["num_articles"]) == (3, 3, 3)
    assert (meeting["actors"], meeting["actor_codes"], meeting["recipients"]) == ("Mike Pompeo", "USA GOV", "Ri Yong-ho")
    planned = next(e for e in events if e["modality"] == "planned")
    realised = next(e for e in events if e["date"] == "2018-10-07")
    assert planned["plans"] == str(realised["event_id"]) and realised["realises"] == str(planned["event_id"])


def test_cli_export_mentions_csv_keeps_spans_and_evidence(db, capsys):
    status, out, _ = run(capsys, "--db", db, "--what", "mentions", "--format", "csv")
    assert status == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert len(rows) == 6
    texts = {item.article.id: item.article.text for item in samples.corpus()}
    for row in rows:
        assert texts[row["article_id"]][int(row["trigger_start"]):int(row["trigger_end"])] == row["trigger"]
        assert row["trigger"] in row["sentence_text"]


def test_cli_export_parquet_has_typed_columns(db, capsys, tmp_path):
    pq = pytest.importorskip("pyarrow.parquet")
    target = tmp_path / "events.parquet"
    status, _, _ = run(capsys, "--db", db, "--format", "parquet", "--out", str(target))
    assert status == 0
    table = pq.read_table(target)
    assert table.num_rows == 4
    assert str(table.schema.field("num_sources").type) == "int64"
    assert sorted(table.column("num_mentions").to_pylist()) == [1, 1, 1, 3]
    status, _, err = run(capsys, "--db", db, "--format", "parquet")
    assert status == 2 and "--out" in err


def test_cli_export_gdelt_has_one_row_per_asserted_event(db, capsys):
    from dateline.export.tables import gdelt_columns

    status, out, _ = run(capsys, "--db", db, "--format", "gdelt")
    assert status == 0
    lines = out.splitlines()
    header = lines[0].split("\t")
    assert header == list(gdelt_columns())
    rows = [dict(zip(header, line.split("\t"))) for line in lines[1:]]
    assert len(rows) == 3  # the planned visit is not a GDELT event
    meeting = next(r for r in rows if r["Day"] == "20180926")
    assert (meeting["Actor1Code"], meeting["Actor2Code"], meeting["EventRootCode"]) == ("USAGOV", "PRKGOV", "04")
    assert (meeting["NumSources"], meeting["QuadClass"]) == ("3", "1")


def test_cli_export_bad_store_is_named(capsys, tmp_path):
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"\x00" * 100)
    status, _, err = run(capsys, "--db", str(junk))
    assert status == 1 and "junk.db" in err
