"""`dateline tag` (TimeML and JSON out) and `dateline eval timex` without --system, run as the real command."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from dateline.readers.timeml import read_timeml
from dateline.types import Article

NAMES = ["APW19980807.0261", "APW19980818.0515"]


def dateline(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "dateline", *args], capture_output=True, text=True,
                          timeout=600, cwd=cwd)


@pytest.fixture()
def inputs(shared, tmp_path) -> Path:
    """Two gold files as TE3 input (one .tml, one .tml.TE3input) and one broken file."""
    directory = tmp_path / "in"
    directory.mkdir()
    aquaint = shared / "data" / "timeml" / "aquaint"
    shutil.copy(aquaint / f"{NAMES[0]}.tml", directory / f"{NAMES[0]}.tml")
    shutil.copy(aquaint / f"{NAMES[1]}.tml", directory / f"{NAMES[1]}.tml.TE3input")
    (directory / "broken.tml").write_text("<TimeML><DCT></DCT><TEXT>no end", encoding="utf-8")
    return directory


def test_cli_tag_writes_timeml_and_reports_broken_files(inputs, tmp_path):
    out = tmp_path / "out"
    result = dateline("tag", str(inputs), "--out", str(out))
    assert result.returncode == 1
    assert "broken.tml" in result.stderr and "not well-formed" in result.stderr
    assert sorted(p.name for p in out.iterdir()) == [f"{NAMES[0]}.tml", f"{NAMES[1]}.tml"]
    for name in NAMES:
        (source,) = list(read_timeml(next(inputs.glob(f"{name}.tml*"))))
        (written,) = list(read_timeml(out / f"{name}.tml"))
        assert isinstance(written, Article), str(written)
        assert written.text == source.text
        assert written.timeml.dct_value == source.timeml.dct_value
        assert written.timeml.head == source.timeml.head  # the DCT TIMEX3 kept as it was
        tagged = written.timeml.gold_timexes
        assert tagged, "the tagger found nothing in a news story"
        tids = [line for line in (out / f"{name}.tml").read_text(encoding="utf-8").split('tid="')[1:]]
        assert not any(t.startswith('t0"') for t in tids[1:])  # t0 is the DCT's id only
    (written,) = list(read_timeml(out / f"{NAMES[0]}.tml"))
    friday = next(t for t in written.timeml.gold_timexes if t.text == "Friday")
    assert (friday.type, friday.value) == ("DATE", "1998-08-07")


def test_cli_tag_json_gives_spans_values_and_reference_date(inputs, seed_path):
    result = dateline("tag", str(inputs / f"{NAMES[0]}.tml"), str(seed_path), "--format", "json")
    assert result.returncode == 0, result.stderr
    timeml_line, seed_line = result.stdout.splitlines()
    record = json.loads(timeml_line)
    (source,) = list(read_timeml(inputs / f"{NAMES[0]}.tml"))
    assert record["id"] == NAMES[0] and record["reference_date"] == "1998-08-07"
    for timex in record["timexes"]:
        start, end = timex["span"]
        assert source.text[start:end] == timex["text"]
        assert set(timex) == {"text", "span", "type", "value", "mod", "anchor", "rule"}
    # Other formats: the seed's dateline "Sep 27" is the reference date, not its metadata
    # date (2018-09-21).
    seed = json.loads(seed_line)
    assert seed["reference_date"] == "2018-09-27"
    assert any(t["text"] == "Sep 27" and t["value"] == "2018-09-27" for t in seed["timexes"])


def test_cli_tag_usage_errors(inputs, seed_path, tmp_path):
    assert dateline("tag", str(inputs)).returncode == 2  # TimeML output needs --out
    result = dateline("tag", str(seed_path), "--out", str(tmp_path / "o"))
    assert result.returncode == 1 and "not a TimeML file" in result.stderr
    missing = dateline("tag", str(tmp_path / "nope.tml"), "--format", "json")
    assert missing.returncode == 1 and "nope.tml" in missing.stderr


def test_cli_tag_eval_timex_tags_the_gold_itself(inputs, tmp_path):
    gold = tmp_path / "gold"
    gold.mkdir()
    for name in NAMES:
        shutil.copy(next(inputs.glob(f"{name}.tml*")), gold / f"{name}.tml")
    result = dateline("eval", "timex", "--gold", str(gold), "--json", "--errors", "-1")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["documents"] == 2
    assert data["relaxed"]["f1"] > 0.5
    assert all(e["system"] is None or e["system"]["rule"] not in ("", "gold") for e in data["errors"])
