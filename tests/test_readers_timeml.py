"""The TimeML reader on the shared TempEval-3 and WikiWars files, on broken files, and the writer's round trips."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dateline.export.timeml import write_timeml
from dateline.readers.timeml import escape_text, parse_timeml, read_timeml, timeml_name
from dateline.types import Article, Problem, Timex

TIMEML = Path("data") / "timeml"


def read_one(path) -> Article | Problem:
    items = list(read_timeml(path))
    assert len(items) == 1
    return items[0]


def te3_document(text_content: str, dct: str = '<DCT><TIMEX3 tid="t0" type="DATE" value="2018-09-27" '
                 'temporalFunction="false" functionInDocument="CREATION_TIME">2018-09-27</TIMEX3></DCT>') -> str:
    return f'<?xml version="1.0" ?>\n<TimeML>\n<DOCID>doc1</DOCID>\n{dct}\n<TEXT>{text_content}</TEXT>\n</TimeML>\n'


def all_timeml_files(shared: Path) -> list[Path]:
    return sorted((shared / TIMEML).glob("*/*.tml"))


def test_readers_timeml_reads_dct_docid_text_and_gold(shared):
    article = read_one(shared / TIMEML / "aquaint" / "APW19980807.0261.tml")
    assert isinstance(article, Article)
    assert article.id == "APW19980807.0261"
    assert article.metadata_date == date(1998, 8, 7)
    assert article.timeml.dct_value == "1998-08-07" and article.timeml.dct_tid == "t0"
    assert "<" not in article.text and "EVENT" not in article.text
    assert "Suspected bombs exploded outside the U.S. embassies" in article.text
    friday = article.timeml.gold_timexes[0]
    assert (friday.text, friday.type, friday.value, friday.rule) == ("Friday", "DATE", "1998-08-07", "gold")
    assert article.text[friday.span[0]:friday.span[1]] == "Friday"
    assert article.timeml.head.endswith("<TEXT>") and article.timeml.tail.startswith("</TEXT>")


def test_readers_timeml_unescapes_entities_and_resolves_anchors(shared):
    article = read_one(shared / TIMEML / "aquaint" / "NYT20000106.0007.tml")
    assert "&QL;" in article.text and "&amp;" not in article.text
    thursday = next(t for t in article.timeml.gold_timexes if t.text == "Thursday")
    # anchorTimeID="t1" points at "Jan. 6" (2000-01-06): the anchor is that TIMEX3's value.
    assert thursday.anchor == "2000-01-06"


def test_readers_timeml_every_shared_file_reads_with_consistent_spans(shared):
    files = all_timeml_files(shared)
    assert len(files) >= 250
    for path in files:
        article = read_one(path)
        assert isinstance(article, Article), str(article)
        assert article.metadata_date is not None
        for timex in article.timeml.gold_timexes:
            assert article.text[timex.span[0]:timex.span[1]] == timex.text
            assert timex.type in {"DATE", "TIME", "DURATION", "SET"}


@pytest.mark.parametrize("name", ["aquaint/NYT20000106.0007.tml", "timebank/ABC19980108.1830.0711.tml",
                                  "wikiwars-train/01_WW2.tml"])
def test_readers_timeml_round_trip_through_the_writer(shared, name):
    article = read_one(shared / TIMEML / name)
    gold = article.timeml.gold_timexes
    written = write_timeml(article, gold)
    again = parse_timeml(written, origin="written")
    assert again.text == article.text
    assert again.metadata_date == article.metadata_date

    def key(t: Timex):
        return (t.span, t.text, t.type, t.value, t.mod, t.quant, t.freq)

    assert [key(t) for t in again.timeml.gold_timexes] == [key(t) for t in gold]
    assert written.startswith(article.timeml.head)


def test_readers_timeml_writing_no_timexes_gives_the_te3input_text(shared):
    article = read_one(shared / TIMEML / "aquaint" / "NYT20000106.0007.tml")
    written = write_timeml(article, ())
    text = re.search(r"<TEXT>(.*)</TEXT>", written, re.S).group(1)
    assert text == re.sub(r"<[^<>]+>", "", article.timeml.raw_text)
    assert "&amp;QL;" in text
    assert "<TLINK" not in written and "<MAKEINSTANCE" not in written
    # A TE3input-like file comes back exactly.
    assert write_timeml(parse_timeml(written), ()) == written


def test_readers_timeml_te3input_name_and_id_from_stem(tmp_path):
    path = tmp_path / "NYT_ABC.tml.TE3input"
    path.write_text(te3_document("\nHe left on Monday.\n").replace("<DOCID>doc1</DOCID>", ""), encoding="utf-8")
    article = read_one(path)
    assert isinstance(article, Article)
    assert timeml_name(path) == "NYT_ABC"
    assert article.id == "NYT_ABC"
    assert article.text == "\nHe left on Monday.\n"
    assert article.timeml.gold_timexes == ()
    assert article.warnings == ()


def test_readers_timeml_missing_dct_is_a_warning_not_a_guess(tmp_path):
    path = tmp_path / "nodct.tml"
    path.write_text(te3_document("\nHe left on Monday.\n", dct=""), encoding="utf-8")
    article = read_one(path)
    assert isinstance(article, Article)
    assert article.metadata_date is None and article.timeml.dct_value is None
    assert any("creation time" in w for w in article.warnings)


@pytest.mark.parametrize(
    ("content", "reason", "line"),
    [
        (te3_document("Monday").replace("<TEXT>", "<BODY>").replace("</TEXT>", "</BODY>"), "no <TEXT>", None),
        (te3_document('on <TIMEX3 tid="t1" type="DATE" value="2018-09-24">Monday'), "not well-formed", 5),
        (te3_document("on Monday", dct='<DCT><TIMEX3 tid="t0" type="DATE" value="yesterday" '
                      'functionInDocument="CREATION_TIME">x</TIMEX3></DCT>'), "creation time", 4),
        (te3_document("on Monday", dct='<DCT><TIMEX3 tid="t0" type="DATE" value="2018-02-30" '
                      'functionInDocument="CREATION_TIME">x</TIMEX3></DCT>'), "not a real date", 4),
        (te3_document('on <TIMEX3 tid="t1" type="DAY" value="2018-09-24">Monday</TIMEX3>'), "type 'DAY'", 5),
        ("just some text, no XML at all", "not well-formed", 1),
    ],
)
def test_readers_timeml_malformed_is_a_problem_naming_the_file(tmp_path, content, reason, line):
    path = tmp_path / "broken.tml"
    path.write_text(content, encoding="utf-8")
    problem = read_one(path)
    assert isinstance(problem, Problem)
    assert problem.origin == str(path)
    assert reason in problem.message
    assert problem.line == line
    assert problem.severity == "error"


def test_readers_timeml_missing_and_undecodable_files_are_problems(tmp_path):
    missing = read_one(tmp_path / "missing.tml")
    assert isinstance(missing, Problem) and "cannot read" in missing.message
    latin = tmp_path / "latin.tml"
    latin.write_bytes(te3_document("caf\u00e9").encode("latin-1"))
    problem = read_one(latin)
    assert isinstance(problem, Problem) and "UTF-8" in problem.message and problem.line == 5


# Characters XML 1.0 allows (no control characters other than tab and newline, no surrogates);
# carriage returns are left out because XML parsers fold them, which TimeML files never rely on.
XML_TEXT = st.text(st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\ufffe\uffff")
                   | st.sampled_from("\n\t&<>\"'"), max_size=200)


@settings(max_examples=150, deadline=None)
@given(XML_TEXT, st.data())
def test_readers_timeml_any_escaped_text_reads_back_with_consistent_offsets(text, data):
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    raw = (escape_text(text[:start]) + '<TIMEX3 tid="t1" type="DATE" value="2018-09-24">'
           + escape_text(text[start:end]) + "</TIMEX3>" + escape_text(text[end:]))
    article = parse_timeml(te3_document(raw))
    assert article.text == text
    (timex,) = article.timeml.gold_timexes
    assert timex.span == (start, end) and timex.text == text[start:end]
    written = write_timeml(article, article.timeml.gold_timexes if start < end else ())
    assert parse_timeml(written).text == text


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=200))
def test_readers_timeml_arbitrary_text_content_never_raises(raw):
    content = te3_document(raw)
    from dateline.readers.timeml import TimemlError

    try:
        article = parse_timeml(content)
    except TimemlError:
        return
    for timex in article.timeml.gold_timexes:
        assert 0 <= timex.span[0] <= timex.span[1] <= len(article.text)
        assert article.text[timex.span[0]:timex.span[1]] == timex.text
