"""Three agencies report the Pompeo-Ri meeting: one event with three sources, end to end."""

from __future__ import annotations

import json

from tests.store_samples import run_dateline as run

REPORTS = {
    "ians.txt": None,  # the seed story itself
    "reuters.txt": (
        "date 2018-09-27\nsource Reuters\nUNITED NATIONS (Reuters) - US Secretary of State Mike Pompeo met on "
        "Wednesday with North Korean Foreign Minister Ri Yong-ho at the United Nations General Assembly in "
        "New York, the State Department said.\n\nPompeo will travel to Pyongyang in October, the department said."
    ),
    "afp.txt": (
        "date 2018-09-26\nsource AFP\nNEW YORK, Sept 26 (AFP) - Secretary of State Mike Pompeo met North "
        "Korea's Foreign Minister Ri Yong-ho on Wednesday on the sidelines of the UN General Assembly, "
        "officials said."
    ),
}


def test_merge_wire_reports_of_one_meeting_become_one_event(tmp_path, seed_text):
    corpus = tmp_path / "wire"
    corpus.mkdir()
    for name, text in REPORTS.items():
        (corpus / name).write_text(text or seed_text, encoding="utf-8")
    db = str(tmp_path / "events.db")
    ingest = run("ingest", str(corpus), "--db", db, "--no-progress")
    assert ingest.returncode == 0, ingest.stderr

    listed = run("timeline", "--db", db, "--actor", "Mike Pompeo", "--type", "CONSULT", "--include", "all",
                 "--format", "json")
    assert listed.returncode == 0, listed.stderr
    events = json.loads(listed.stdout)
    meetings = [e for e in events if e["date"] == "2018-09-26" and e["modality"] == "asserted"]
    assert len(meetings) == 1, [e["line"] for e in events]
    assert meetings[0]["num_articles"] == 3
    assert meetings[0]["num_sources"] == 3

    # The planned trip, reported by two of them, is one planned event dated 2018-10, kept apart.
    trips = [e for e in events if e["modality"] == "planned" and e["date"] == "2018-10"]
    assert len(trips) == 1 and trips[0]["num_articles"] == 2
