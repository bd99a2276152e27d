"""read_paths: files, directories and globs of any mix, formats by extension or content, bad input."""

from __future__ import annotations

import gzip
import json
import os
import shutil
import sys
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dateline.readers import ReaderOptions, detect_format, read_paths
from dateline.readers import common, text as text_module
from dateline.readers.common import FORMATS
from dateline.readers.dispatch import sniff_bytes
from dateline.types import Article, Problem

DATA = Path(__file__).parent / "data" / "readers"
STORY = "WASHINGTON (Reuters) - The Senate passed the budget bill on Tuesday.\n"


def split(items):
    items = list(items)
    return ([i for i in items if isinstance(i, Article)], [i for i in items if isinstance(i, Problem)])


def make_corpus(root: Path) -> Path:
    (root / "b" / "deeper").mkdir(parents=True)
    (root / ".git").mkdir()
    (root / "a.txt").write_text("date 2018-09-21 " + STORY, encoding="utf-8")
    (root / "b" / "news.jsonl").write_text(
        json.dumps({"text": "Story one.", "id": "j1"}) + "\n" + json.dumps({"text": "Story two.", "id": "j2"}) + "\n",
        encoding="utf-8")
    (root / "b" / "deeper" / "page.html").write_bytes((DATA / "news_article.html").read_bytes())
    (root / "b" / "deeper" / "z-extensionless").write_text("title: Z\n\nZ story.", encoding="utf-8")
    (root / ".hidden.txt").write_text("hidden story", encoding="utf-8")
    (root / ".git" / "config.txt").write_text("hidden folder", encoding="utf-8")
    return root


def test_readers_dispatch_directory_recursive_sorted_hidden_skipped(tmp_path):
    root = make_corpus(tmp_path / "corpus")
    articles, problems = split(read_paths([root]))
    assert problems == []
    assert [Path(a.origin.split(":")[0]).name for a in articles] == [
        "a.txt", "news.jsonl", "news.jsonl", "page.html", "z-extensionless"]
    assert [a.id for a in articles][1:3] == ["j1", "j2"]
    assert articles[3].metadata_date == date(2018, 9, 27)
    assert articles[4].title == "Z"
    assert not any("hidden" in a.text for a in articles)


def test_readers_dispatch_globs(tmp_path, monkeypatch):
    root = make_corpus(tmp_path / "corpus")
    monkeypatch.chdir(tmp_path)
    jsonl, problems = split(read_paths(["corpus/*/*.jsonl"]))
    assert [a.id for a in jsonl] == ["j1", "j2"] and problems == []
    everything, problems = split(read_paths(["corpus/**"]))
    assert len(everything) == 5 and problems == []  # `**` lists each file once
    html, _ = split(read_paths([str(root / "**" / "*.html")]))
    assert len(html) == 1
    folders, _ = split(read_paths(["corpus/**/"]))  # only folders match: their files are read
    assert len(folders) == 5
    nothing, [problem] = split(read_paths(["corpus/*.csv"]))
    assert nothing == [] and problem.origin == "corpus/*.csv" and "no files match" in problem.message


def test_readers_dispatch_missing_path_and_single_path_argument(tmp_path, seed_path):
    _, [problem] = split(read_paths([tmp_path / "missing.txt"]))
    assert problem.severity == "error" and problem.message == "no such file or directory"
    [seed], _ = split(read_paths(str(seed_path)))  # one path, not a list, is accepted too
    assert seed.metadata_date == date(2018, 9, 21)


@pytest.mark.parametrize(
    "content, expected",
    [
        (b'{"text": "x"}\n', "jsonl"),
        (b"\xef\xbb\xbf  <!DOCTYPE html><html></html>", "html"),
        (b"<HTML><body>x</body></HTML>", "html"),
        (b'<?xml version="1.0"?>\n<html xmlns="http://www.w3.org/1999/xhtml">', "html"),
        (b"WARC/1.0\r\nWARC-Type: warcinfo\r\n", "warc"),
        (b'<?xml version="1.0" ?>\n<TimeML xmlns:xsi="x">\n<DOCID>X</DOCID>', "timeml"),
        (b'<?xml version="1.0" ?><Document doc_id="1" doc_name="x">', "catxml"),
        (b"date 2018-09-21 United Nations, Sep 27 (IANS)", "text"),
        (gzip.compress(b'{"text": "x"}\n'), "jsonl"),
        (gzip.compress(b"WARC/1.1\r\n"), "warc"),
    ],
)
def test_readers_dispatch_sniffing_without_extension(tmp_path, content, expected):
    path = tmp_path / "download"
    path.write_bytes(content)
    assert detect_format(path) == expected


@pytest.mark.parametrize(
    "name, expected",
    [("a.TXT", "text"), ("a.jsonl.gz", "jsonl"), ("a.NDJSON", "jsonl"), ("a.htm", "html"),
     ("a.warc.gz", "warc"), ("a.tml", "timeml"), ("a.TE3input", "timeml"), ("a.txt.gz", "text")],
)
def test_readers_dispatch_extension_decides(tmp_path, name, expected):
    path = tmp_path / name
    path.write_bytes(b'{"text": "looks like json but the extension wins"}')
    assert detect_format(path) == expected


def test_readers_dispatch_timeml_from_shared(shared):
    path = sorted((shared / "data" / "timeml" / "timebank").glob("*.tml"))[0]
    [article], problems = split(read_paths([path]))
    assert problems == []
    assert article.metadata_date is not None and article.text.strip()


def test_readers_dispatch_missing_timeml_module_is_a_problem(tmp_path, monkeypatch):
    path = tmp_path / "doc.tml"
    path.write_text('<?xml version="1.0"?><TimeML><TEXT>x</TEXT></TimeML>', encoding="utf-8")
    monkeypatch.setitem(sys.modules, "dateline.readers.timeml", None)  # import now fails
    _, [problem] = split(read_paths([path]))
    assert "no TimeML reader" in problem.message


def test_readers_dispatch_reader_crash_becomes_a_problem(tmp_path, monkeypatch):
    good = tmp_path / "good.jsonl"
    good.write_text(json.dumps({"text": "Fine."}) + "\n", encoding="utf-8")
    bad = tmp_path / "bad.txt"
    bad.write_text("anything", encoding="utf-8")

    def explode(path, options):
        raise RuntimeError("boom")
        yield  # pragma: no cover

    monkeypatch.setattr(text_module, "read_text_file", explode)
    articles, [problem] = split(read_paths([bad, good]))
    assert [a.text for a in articles] == ["Fine."]
    assert problem.origin == str(bad) and "internal error" in problem.message and "boom" in problem.message


def test_readers_dispatch_forced_format(tmp_path):
    path = tmp_path / "story.html"
    path.write_text("date 2018-09-21 Plain text saved as .html.", encoding="utf-8")
    [article], _ = split(read_paths([path], ReaderOptions(format="text")))
    assert article.text == "Plain text saved as .html."


def test_readers_dispatch_bad_input_batch_goes_on(tmp_path, monkeypatch, seed_path):
    folder = tmp_path / "mixed"
    folder.mkdir()
    (folder / "01-empty.txt").write_bytes(b"")
    (folder / "02-binary.bin").write_bytes(b"\x7fELF\x02\x01\x01\x00" + bytes(range(256)) * 8)
    (folder / "03-latin1.txt").write_bytes("Caf\u00e9 owners protested on Monday.".encode("latin-1"))
    (folder / "04-lines.jsonl").write_text('{"text": "ok"}\n{not json}\n', encoding="utf-8")
    shutil.copy(DATA / "no_article.html", folder / "05-nav.html")
    (folder / "06-secret.txt").write_text("Locked story.", encoding="utf-8")
    shutil.copy(seed_path, folder / "07-seed.txt")
    os.symlink(folder / "nowhere", folder / "08-broken-link.txt")
    real_open = common.open_binary

    def guarded(path):
        if Path(path).name == "06-secret.txt":
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path)

    monkeypatch.setattr(text_module, "open_binary", guarded)
    articles, problems = split(read_paths([folder, tmp_path / "nope", str(tmp_path / "*.none")]))
    assert [Path(a.origin.split(":")[0]).name for a in articles] == ["03-latin1.txt", "04-lines.jsonl", "07-seed.txt"]
    by_file = {Path(p.origin).name: p for p in problems}
    assert "empty" in by_file["01-empty.txt"].message
    assert "binary" in by_file["02-binary.bin"].message
    assert by_file["03-latin1.txt"].severity == "warning"
    assert by_file["04-lines.jsonl"].line == 2
    assert "no article text" in by_file["05-nav.html"].message
    assert "permission denied" in by_file["06-secret.txt"].message
    assert "no such file" in by_file["08-broken-link.txt"].message
    assert "no such file" in by_file["nope"].message
    assert "no files match" in by_file["*.none"].message
    errors = [p for p in problems if p.severity == "error"]
    assert len(errors) == 8


def test_readers_dispatch_unusable_paths_are_problems(tmp_path):
    problems = list(read_paths([str(tmp_path / "a\x00b.txt"), str(tmp_path / ("x" * 5000)), "nul*\x00"]))
    assert len(problems) == 3 and all(isinstance(p, Problem) and p.severity == "error" for p in problems)
    assert "name too long" in problems[1].message.lower()


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=200))
def test_readers_dispatch_property_sniff_any_bytes(sample):
    assert sniff_bytes(sample) in FORMATS


@settings(max_examples=40, deadline=None)
@given(st.binary(max_size=300), st.sampled_from(["x.txt", "x", "x.jsonl", "x.html", "x.warc", "x.jsonl.gz", "x.dat"]))
def test_readers_dispatch_property_any_file_never_raises(tmp_path_factory, content, name):
    path = tmp_path_factory.mktemp("any") / name
    path.write_bytes(content)
    for item in read_paths([path]):
        assert isinstance(item, (Article, Problem))
        if isinstance(item, Article):
            assert item.text and item.origin.startswith(str(path))
        else:
            assert "internal error" not in item.message


@pytest.mark.slow
def test_readers_dispatch_whole_shared_folder(shared):
    """Every file of ../shared/data reads without an internal error; TimeML and CAT XML by content."""
    items = list(read_paths([shared / "data"]))
    articles, problems = split(items)
    assert not any("internal error" in p.message for p in problems)
    assert all(p.severity == "warning" for p in problems)
    tml = list((shared / "data" / "timeml").rglob("*.tml"))
    cat = list((shared / "data").rglob("*.xml"))
    with_timeml = [a for a in articles if a.timeml is not None]
    assert len(with_timeml) == len(tml)
    assert len(articles) >= len(tml) + len(cat)
    assert len({a.origin for a in articles}) == len(articles)
