"""Realistic analysed articles for the store, merge and query tests, built by hand.

The seed's story told by several agencies: Pompeo met Ri Yong-ho at the UN General Assembly on
Wednesday 2018-09-26 (one article knows the day, one only the week, one only the month), and
Pompeo *will* travel to Pyongyang in October (planned), which an October article reports as done.
Every span is found in the text it points into, so the store keeps real evidence.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from dateline.types import (
    Actor,
    AnalyzedArticle,
    Article,
    Attribution,
    Dateline,
    EventMention,
    EventTime,
    Place,
    Sentence,
)


def span_of(text: str, needle: str, start: int = 0) -> tuple[int, int]:
    index = text.index(needle, start)
    return index, index + len(needle)


def sentences_of(text: str) -> tuple[Sentence, ...]:
    """Paragraph-and-period sentences: good enough for hand-made articles."""
    sentences, start = [], 0
    for index, char in enumerate(text):
        if char in ".\n" and (index + 1 == len(text) or text[index + 1] in " \n"):
            piece = text[start:index + 1]
            if piece.strip():
                lead = len(piece) - len(piece.lstrip())
                sentences.append(Sentence((start + lead, index + 1), piece.strip()))
            start = index + 1
    if text[start:].strip():
        lead = len(text[start:]) - len(text[start:].lstrip())
        sentences.append(Sentence((start + lead, len(text)), text[start:].strip()))
    return tuple(sentences)


def sentence_index(sentences: tuple[Sentence, ...], offset: int) -> int:
    return next(i for i, s in enumerate(sentences) if s.span[0] <= offset < s.span[1])


def actor(text: str, body: str, name: str, country: str | None, sector: str | None) -> Actor:
    return Actor(text=text, span=span_of(body, text), name=name, country=country, sector=sector)


def meeting(body: str, sentences, trigger: str, pompeo_text: str, ri_text: str, value: str | None,
            precision: str, *, modality: str = "asserted", place: str | None = None) -> EventMention:
    trigger_span = span_of(body, trigger)
    location = None
    if place:
        location = Place(text=place, span=span_of(body, place), name="United Nations", country=None)
    return EventMention(
        trigger=trigger, trigger_span=trigger_span, plover_type="CONSULT", plover_mode="visit", cameo="040",
        cameo_root="04",
        actors=(actor(pompeo_text, body, "Mike Pompeo", "USA", "GOV"),),
        recipients=(actor(ri_text, body, "Ri Yong-ho", "PRK", "GOV"),),
        location=location,
        time=EventTime(value=value, precision=precision, source="timex" if value else "none"),
        modality=modality, attribution=None, sentence=sentence_index(sentences, trigger_span[0]),
        confidence=0.8, rule="test.meet")


def visit(body: str, sentences, trigger: str, value: str | None, precision: str, modality: str) -> EventMention:
    trigger_span = span_of(body, trigger)
    return EventMention(
        trigger=trigger, trigger_span=trigger_span, plover_type="CONSULT", plover_mode="visit", cameo="042",
        cameo_root="04",
        actors=(actor("Pompeo", body, "Mike Pompeo", "USA", "GOV"),),
        recipients=(actor("North Korea", body, "North Korea", "PRK", None),),
        location=None,
        time=EventTime(value=value, precision=precision, source="timex"),
        modality=modality, attribution=Attribution("the Department of State said", (0, 0), "Department of State")
        if modality == "planned" else None,
        sentence=sentence_index(sentences, trigger_span[0]), confidence=0.7, rule="test.visit")


def analyzed(article_id: str, body: str, reference: date, agency: str, events, source: str | None = None,
             sentences=None) -> AnalyzedArticle:
    article = Article(id=article_id, text=body, origin=f"{article_id}.txt", source=source,
                      metadata_date=reference)
    return AnalyzedArticle(
        article=article, dateline=Dateline(span=(0, 0), agency=agency), reference_date=reference,
        reference_date_source="dateline", sentences=sentences or sentences_of(body), events=tuple(events))


IANS = ("United Nations, Sep 27 (IANS) US Secretary of State Mike Pompeo will travel to Pyongyang in October "
        "to prepare a second summit, the Department of State said.\n"
        "Pompeo met on Wednesday at the United Nations General Assembly with his North Korean counterpart, "
        "Foreign Minister Ri Yong-ho, to discuss the upcoming summit.")
EFE = ("New York, Sep 28 (EFE) Pompeo held talks with Ri Yong-ho this week on the sidelines of the General "
       "Assembly.\nThe two discussed steps toward denuclearization.")
AFP = ("Seoul, Sep 30 (AFP) In September Pompeo met North Korea's foreign minister Ri Yong Ho in New York.\n"
       "Analysts said the talks went well.")
YONHAP = ("Seoul, Oct 8 (Yonhap) Pompeo visited North Korea on Sunday and met leader Kim Jong-un.\n"
          "The visit lasted one day.")
UNRELATED = ("Tokyo, Aug 2 (Kyodo) Pompeo met Ri Yong-ho in Singapore in August.\n"
             "Nothing was agreed.")


def ians() -> AnalyzedArticle:
    sentences = sentences_of(IANS)
    return analyzed("ians-0927", IANS, date(2018, 9, 27), "IANS", [
        visit(IANS, sentences, "travel", "2018-10", "month", "planned"),
        meeting(IANS, sentences, "met", "Pompeo met", "Ri Yong-ho", "2018-09-26", "day",
                place="United Nations General Assembly"),
    ], sentences=sentences)


def efe() -> AnalyzedArticle:
    sentences = sentences_of(EFE)
    return analyzed("efe-0928", EFE, date(2018, 9, 28), "EFE", [
        meeting(EFE, sentences, "held talks", "Pompeo", "Ri Yong-ho", "2018-W39", "week"),
    ], sentences=sentences)


def afp() -> AnalyzedArticle:
    sentences = sentences_of(AFP)
    return analyzed("afp-0930", AFP, date(2018, 9, 30), "AFP", [
        meeting(AFP, sentences, "met", "Pompeo", "Ri Yong Ho", "2018-09", "month"),
    ], sentences=sentences)


def yonhap() -> AnalyzedArticle:
    sentences = sentences_of(YONHAP)
    return analyzed("yonhap-1008", YONHAP, date(2018, 10, 8), "Yonhap", [
        visit(YONHAP, sentences, "visited", "2018-10-07", "day", "asserted"),
    ], sentences=sentences)


def kyodo_august() -> AnalyzedArticle:
    sentences = sentences_of(UNRELATED)
    return analyzed("kyodo-0802", UNRELATED, date(2018, 8, 2), "Kyodo", [
        meeting(UNRELATED, sentences, "met", "Pompeo", "Ri Yong-ho", "2018-08", "month"),
    ], sentences=sentences)


def corpus() -> list[AnalyzedArticle]:
    return [ians(), efe(), afp(), yonhap(), kyodo_august()]


def renamed(item: AnalyzedArticle, new_id: str) -> AnalyzedArticle:
    return replace(item, article=replace(item.article, id=new_id, origin=f"{new_id}.txt"))


TEMPLATES = {"ians": ians, "efe": efe, "afp": afp, "yonhap": yonhap, "kyodo": kyodo_august}


def synthetic_articles(count: int, prefix: str = "syn") -> list[Article]:
    """``count`` distinct articles cycling the templates: fresh ids, a distinct last line."""
    names = sorted(TEMPLATES)
    articles = []
    for number in range(count):
        template = TEMPLATES[names[number % len(names)]]().article
        articles.append(Article(id=f"{prefix}-{names[number % len(names)]}-{number:05d}",
                                text=f"{template.text}\nCopy {number}.", origin=f"{prefix}/{number:05d}.txt",
                                metadata_date=template.metadata_date))
    return articles


def analyze_synthetic(articles, delay: float = 0.0):
    """A stand-in for the pipeline over :func:`synthetic_articles`: the template's analysis,
    moved onto the article (the spans stay valid: the template text is the article's prefix)."""
    import time

    for article in articles:
        if delay:
            time.sleep(delay)
        kind = article.id.split("-")[1]
        template = TEMPLATES[kind]()
        yield replace(template, article=article, sentences=sentences_of(article.text))


# -- helpers for tests that run a real second process ------------------------------------------

ROOT = __import__("pathlib").Path(__file__).resolve().parent.parent

INGEST_SCRIPT = """
import sys, time
from dateline.store import open_store, ingest, StoreError
from tests import store_samples as samples
path, count, delay, lock_timeout = sys.argv[1], int(sys.argv[2]), float(sys.argv[3]), float(sys.argv[4])
try:
    with open_store(path, lock_timeout=lock_timeout) as store:
        print("opened", flush=True)
        counts = ingest(store, samples.synthetic_articles(count),
                        lambda items: samples.analyze_synthetic(items, delay), batch_size=4)
except StoreError as error:
    print(f"error: {error}", file=sys.stderr)
    sys.exit(1)
print(counts.summary(), flush=True)
"""

HOLD_SCRIPT = """
import sys, time, pathlib
from dateline.store import open_store
release = pathlib.Path(sys.argv[2])
with open_store(sys.argv[1]) as store:
    print("holding", flush=True)
    deadline = time.monotonic() + 60
    while not release.exists() and time.monotonic() < deadline:
        time.sleep(0.02)
"""


def python_command(script: str, *args: object) -> list[str]:
    import sys

    return [sys.executable, "-c", script, *map(str, args)]


def run_dateline(*args: str):
    """``dateline ARGS`` through the virtualenv's console script, output captured as text."""
    import shutil
    import subprocess
    import sys
    from pathlib import Path

    script = shutil.which("dateline", path=str(Path(sys.executable).parent)) or "dateline"
    return subprocess.run([script, *args], capture_output=True, text=True, timeout=600)


def subprocess_env() -> dict[str, str]:
    import os

    env = dict(os.environ)
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    return env


def wait_for(condition, timeout: float = 60.0, interval: float = 0.02) -> bool:
    """Poll ``condition`` until true or ``timeout`` seconds pass (no fixed sleeps in tests)."""
    import time

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(interval)
    return condition()


def check_store_invariants(path) -> dict[str, int]:
    """No duplicate and no half-written article: each article has exactly the mentions it was
    written with, each mention an event, each event the counts of its mentions."""
    import sqlite3

    conn = sqlite3.connect(path, timeout=30)  # read-write: after a kill -9 the WAL index may need recovery
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        half = conn.execute(
            "SELECT a.id FROM articles a WHERE a.num_events != (SELECT count(*) FROM mentions m WHERE m.article_id = a.id)"
        ).fetchall()
        assert half == [], f"half-written articles: {half}"
        assert conn.execute("SELECT count(*) FROM mentions WHERE event_id IS NULL").fetchone()[0] == 0
        wrong = conn.execute(
            "SELECT e.id FROM events e WHERE e.num_mentions != (SELECT count(*) FROM mentions m WHERE m.event_id = e.id)"
        ).fetchall()
        assert wrong == [], f"events with wrong counts: {wrong}"
        duplicates = conn.execute("SELECT content_hash FROM articles GROUP BY content_hash HAVING count(*) > 1").fetchall()
        assert duplicates == []
        return {"articles": conn.execute("SELECT count(*) FROM articles").fetchone()[0],
                "mentions": conn.execute("SELECT count(*) FROM mentions").fetchone()[0],
                "events": conn.execute("SELECT count(*) FROM events").fetchone()[0]}
    finally:
        conn.close()


def build_store(path) -> str:
    """A store at ``path`` holding every article of ``corpus()``, one transaction each."""
    from dateline.store import open_store, write_article

    with open_store(path) as store:
        for item in corpus():
            with store.atomic() as conn:
                write_article(conn, item)
    return str(path)
