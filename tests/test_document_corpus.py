"""Datelines over the TimeBank and AQUAINT news texts in ../shared (TempEval-3 release).

The texts are AP, NYT, Xinhua and WSJ stories with a creation time (DCT): wire datelines there
must be found with their agency, their dates must fall next to the DCT, and the company-led
openings of the WSJ stories ("Crane Co. said ...") must not be taken for datelines.
"""

from __future__ import annotations

import html
import re
from datetime import date
from pathlib import Path

import pytest

from dateline.document import parse_dateline

_TEXT = re.compile(r"<TEXT>(.*?)</TEXT>", re.S)
_DCT = re.compile(r'<TIMEX3[^>]*functionInDocument="CREATION_TIME"[^>]*>')
_VALUE = re.compile(r'value="(\d{4})-?(\d\d)-?(\d\d)')


def _documents(shared: Path) -> list[tuple[str, str, date | None]]:
    """(name, story text, DCT) per document; the text with its tags removed, as readers give it."""
    documents = []
    for path in sorted((shared / "data" / "timeml").glob("*/*.tml")):
        if path.parent.name not in ("timebank", "aquaint"):
            continue
        raw = path.read_text(encoding="utf-8")
        text = html.unescape(re.sub(r"<[^>]+>", "", _TEXT.search(raw).group(1)))
        dct_tag = _DCT.search(raw)
        value = _VALUE.search(dct_tag.group()) if dct_tag else None
        dct = date(*map(int, value.groups())) if value else None
        documents.append((path.name, text, dct))
    return documents


@pytest.fixture(scope="module")
def documents(shared):
    found = _documents(shared)
    if not found:
        pytest.skip("no TimeBank/AQUAINT files in ../shared")
    return found


@pytest.mark.slow
def test_document_corpus_wire_datelines_found_with_agency(documents):
    missed = []
    checked = 0
    for name, text, dct in documents:
        first_line = text.lstrip().split("\n", 1)[0]
        wire = re.match(r"[A-Z][A-Za-z .,'’]+\((AP|Xinhua) ?\)", first_line)
        if not wire:
            continue
        checked += 1
        found = parse_dateline(text, dct)
        if found is None or found.agency != wire.group(1):
            missed.append(name)
    assert checked >= 40
    assert missed == []


@pytest.mark.slow
def test_document_corpus_dateline_dates_are_next_to_the_creation_time(documents):
    dated = 0
    for name, text, dct in documents:
        found = parse_dateline(text, dct)
        if found is None or found.date is None or dct is None:
            continue
        dated += 1
        assert abs((found.date - dct).days) <= 3, (name, found.date_text, dct)
    assert dated >= 10


@pytest.mark.slow
def test_document_corpus_spans_and_story_starts(documents):
    for name, text, dct in documents:
        found = parse_dateline(text, dct)
        if found is None:
            continue
        assert text[found.span[1]:found.span[1] + 1].strip(), name  # the story starts right there
        assert text[found.place_span[0]:found.place_span[1]] == found.place


@pytest.mark.slow
def test_document_corpus_company_openings_are_not_datelines(documents):
    company = re.compile(r"[A-Z][\w&.'-]*(?: [A-Z][\w&.'-]*)* (?:Corp|Inc|Co|Cos|Ltd|PLC|AG|S\.A|N\.V)\.?\b")
    checked = 0
    for name, text, dct in documents:
        if company.match(text.lstrip()):
            checked += 1
            assert parse_dateline(text, dct) is None, name
    assert checked >= 20
