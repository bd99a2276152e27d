"""`dateline extract` through the real console script, on the seed and on bad input."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

from dateline.export.record import record_schema

SCRIPT = shutil.which("dateline", path=str(Path(sys.executable).parent)) or "dateline"


def extract(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([SCRIPT, "extract", *args], capture_output=True, text=True, timeout=600, cwd=cwd)


@pytest.fixture(scope="module")
def seed_record(seed_path) -> dict:
    result = extract(str(seed_path), "--format", "jsonl")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert len(lines) == 1
    return json.loads(lines[0])


def test_cli_extract_seed_reference_date_comes_from_the_dateline(seed_record):
    assert seed_record["reference_date"] == "2018-09-27"
    assert seed_record["reference_date_source"] == "dateline"
    assert seed_record["metadata_date"] == "2018-09-21"
    dateline = seed_record["dateline"]
    assert dateline["place"] == "United Nations"
    assert dateline["agency"] == "IANS"
    assert dateline["date"] == "2018-09-27"
    start, end = dateline["span"]
    assert seed_record["text"][start:end].startswith("United Nations, Sep 27 (IANS)")


def test_cli_extract_seed_warns_about_the_six_day_disagreement(seed_record):
    warning = next(w for w in seed_record["warnings"] if "2018-09-21" in w)
    assert "2018-09-27" in warning and "6 days" in warning


def test_cli_extract_seed_record_follows_the_schema(seed_record):
    jsonschema.validate(seed_record, record_schema())


def test_cli_extract_seed_spans_point_into_the_text(seed_record):
    text = seed_record["text"]
    assert len(seed_record["sentences"]) >= 10
    for start, end in seed_record["sentences"]:
        assert 0 <= start < end <= len(text)
    for entity in seed_record["entities"]:
        start, end = entity["span"]
        assert text[start:end] == entity["text"]
    assert any(e["text"] == "Mike Pompeo" and e["label"] == "PERSON" for e in seed_record["entities"])
    for timex in seed_record["timexes"]:
        start, end = timex["span"]
        assert text[start:end] == timex["text"]


def test_cli_extract_json_is_one_array(seed_path):
    result = extract(str(seed_path), "--no-text")
    assert result.returncode == 0, result.stderr
    records = json.loads(result.stdout)
    assert isinstance(records, list) and len(records) == 1
    assert "text" not in records[0]


def test_cli_extract_bad_input_is_named_and_the_rest_goes_on(tmp_path, seed_path):
    shutil.copy(seed_path, tmp_path / "good.txt")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.txt").write_bytes(bytes(range(256)) * 40)
    (tmp_path / "feed.jsonl").write_text(
        '{"id": "a1", "text": "Officials met in Paris on Monday to discuss the treaty.", "date": "2020-03-04"}\n'
        '{"id": "a2", "text": broken json\n'
        '{"id": "a3", "text": "Rebels attacked a convoy near Goma on Sunday, the army said.", "date": "2020-03-05"}\n',
        encoding="utf-8",
    )
    result = extract(str(tmp_path), str(tmp_path / "missing.txt"), "--format", "jsonl", "--no-text")
    assert result.returncode == 1
    ids = [json.loads(line)["id"] for line in result.stdout.splitlines()]
    assert "a1" in ids and "a3" in ids and len(ids) == 3
    assert "feed.jsonl:2" in result.stderr
    assert "empty.txt" in result.stderr and "binary.txt" in result.stderr and "missing.txt" in result.stderr
    assert "Traceback" not in result.stderr


def test_cli_extract_non_english_is_skipped_counted_and_not_a_failure(tmp_path):
    (tmp_path / "fr.txt").write_text(
        "date 2020-01-02\nLe président de la République a annoncé mardi que les élections auront lieu "
        "en mars, selon un communiqué publié par le ministère de l'Intérieur après le conseil.",
        encoding="utf-8",
    )
    result = extract(str(tmp_path / "fr.txt"), "--format", "jsonl")
    assert result.returncode == 0, result.stderr
    record = json.loads(result.stdout)
    assert record["skipped"] is True and record["language"] == "fr"
    assert record["events"] == [] and record["timexes"] == []
    assert "1 skipped" in result.stderr


def test_cli_extract_workers_give_the_same_records(tmp_path, shared):
    files = sorted((shared / "data" / "timeml" / "timebank").glob("*.tml"))[:6]
    one = extract(*map(str, files), "--format", "jsonl", "--no-text", "--batch-size", "2")
    two = extract(*map(str, files), "--format", "jsonl", "--no-text", "--batch-size", "2", "--workers", "2")
    assert one.returncode == 0 and two.returncode == 0, one.stderr + two.stderr
    assert one.stdout == two.stdout
    assert len(one.stdout.splitlines()) == 6


def test_cli_extract_writes_to_out_file(tmp_path, seed_path):
    out = tmp_path / "records.jsonl"
    result = extract(str(seed_path), "--format", "jsonl", "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert result.stdout == ""
    assert json.loads(out.read_text(encoding="utf-8"))["reference_date"] == "2018-09-27"


def test_cli_extract_unwritable_out_is_a_clear_failure(tmp_path, seed_path):
    result = extract(str(seed_path), "--out", str(tmp_path / "no" / "such" / "dir" / "x.json"))
    assert result.returncode == 1
    assert "cannot write" in result.stderr and "Traceback" not in result.stderr


def test_cli_extract_bad_option_value_is_usage_error(seed_path):
    result = extract(str(seed_path), "--workers", "0")
    assert result.returncode == 2
    assert "--workers" in result.stderr


def test_cli_extract_broken_actor_file_is_a_usage_error_before_any_work(tmp_path, seed_path):
    actors = tmp_path / "actors.yaml"
    actors.write_text("people:\n  - name: 5\n", encoding="utf-8")
    result = extract(str(seed_path), "--actors", str(actors))
    assert result.returncode == 2
    assert str(actors) in result.stderr and "Traceback" not in result.stderr
    assert result.stdout == ""
