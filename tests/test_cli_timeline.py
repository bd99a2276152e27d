"""`dateline timeline`: formats, filters, evidence, errors that name the store."""

from __future__ import annotations

import csv
import io
import json

import pytest

from dateline.cli import main
from tests import store_samples as samples


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> str:
    return samples.build_store(tmp_path_factory.mktemp("timeline") / "events.db")


def run(capsys, *args: str) -> tuple[int, str, str]:
    status = main(["timeline", *args])
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def test_cli_timeline_table_lists_events_in_date_order(db, capsys):
    status, out, _ = run(capsys, "--db", db)
    assert status == 0
    lines = out.splitlines()
    assert lines == [
        "2018-08 Mike Pompeo (USA GOV) met Ri Yong-ho (PRK GOV), CONSULT, 1 source",
        "2018-09-26 Mike Pompeo (USA GOV) met Ri Yong-ho (PRK GOV) at United Nations, CONSULT, 3 sources",
        "2018-10-07 Mike Pompeo (USA GOV) visited North Korea (PRK), CONSULT, 1 source",
    ]


def test_cli_timeline_evidence_and_planned(db, capsys):
    status, out, _ = run(capsys, "--db", db, "--include", "planned", "--evidence", "--actor", "Pompeo",
                         "--from", "2018-09-20", "--to", "2018-10")
    assert status == 0
    assert "[planned]" in out
    assert "    [2018-09-28 efe] New York, Sep 28 (EFE) Pompeo held talks with Ri Yong-ho" in out
    assert "plans event #" in out and "realises event #" in out
    assert "2018-08" not in out


def test_cli_timeline_json_csv_md(db, capsys, tmp_path):
    status, out, _ = run(capsys, "summit", "--db", db, "--format", "json", "--evidence")
    assert status == 0
    records = json.loads(out)
    assert [r["date"] for r in records] == ["2018-09-26"]
    assert records[0]["num_sources"] == 3 and records[0]["evidence"][0]["source"] == "ians"
    status, out, _ = run(capsys, "--db", db, "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [r["date"] for r in rows] == ["2018-08", "2018-09-26", "2018-10-07"]
    target = tmp_path / "timeline.md"
    status, out, _ = run(capsys, "--db", db, "--format", "md", "--type", "consult", "--limit", "1", "--out",
                         str(target))
    assert status == 0 and out == ""
    assert target.read_text(encoding="utf-8").splitlines()[2].startswith("| 2018-08 | Mike Pompeo (USA GOV) met")


def test_cli_timeline_no_match_is_not_an_error(db, capsys):
    status, out, err = run(capsys, "--db", db, "--actor", "Nobody Atall")
    assert (status, out) == (0, "")
    assert "no events match" in err


def test_cli_timeline_errors_name_the_store_or_the_option(db, capsys, tmp_path):
    missing = tmp_path / "missing.db"
    status, _, err = run(capsys, "--db", str(missing))
    assert status == 1 and "missing.db" in err
    assert not missing.exists()
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"not a database at all")
    status, _, err = run(capsys, "--db", str(junk))
    assert status == 1 and "junk.db" in err
    status, _, err = run(capsys, "--db", db, "--from", "last week")
    assert status == 2 and "not a date" in err
    status, _, err = run(capsys, "--db", db, "--include", "rumoured")
    assert status == 2 and "unknown modality" in err
    status, _, err = run(capsys, '"open phrase', "--db", db)
    assert status == 1 and "FTS5" in err
