"""Benchmarks of the store, merging and timelines (results in BENCHMARKS.md).

  python bench/store_bench.py write --articles 1000 10000     # store write path (merge included)
  python bench/store_bench.py ingest --articles 200 --workers 2  # the whole pipeline into a store
  python bench/store_bench.py query --events 1000000          # timeline queries over 1M events

Each size runs in a fresh subprocess so that its peak memory (max RSS) is its own.  Every timing
comes with a baseline measured in the same run (machines here are shared and noisy: read ratios).
The corpus cycles the shared TimeML and MEANTIME texts with fresh ids (a distinct last line keeps
each article's content hash distinct); the write benchmark analyses each distinct text once and
reuses the analysis, so it measures the store, not the NLP.  The write benchmark also reports the
CPU seconds of the main process (what it takes from the NLP workers on a shared machine).
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
sys.path.insert(0, str(ROOT / "src"))


def max_rss_mib(children: bool = False) -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN if children else resource.RUSAGE_SELF)
    return usage.ru_maxrss / 1024


def cpu_seconds(children: bool = False) -> float:
    """User + system CPU time of this process, or of its finished children (the workers)."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN if children else resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def source_articles(limit: int | None = None):
    """The shared TimeML and MEANTIME articles, read by the project's readers."""
    from dateline.readers import read_paths
    from dateline.types import Article

    paths = sorted((SHARED / "data" / "timeml").glob("*/*.tml")) + sorted((SHARED / "data" / "meantime-apple").glob("*.xml"))
    articles = [a for a in read_paths([str(p) for p in paths]) if isinstance(a, Article)]
    return articles[:limit] if limit else articles


def cycled(articles, count: int):
    """``count`` articles cycling ``articles`` with fresh ids and a distinct last line."""
    for number in range(count):
        base = articles[number % len(articles)]
        yield replace(base, id=f"bench-{number:07d}", text=f"{base.text}\nCopy {number}.",
                      origin=f"bench/{number:07d}")


# -- write path -----------------------------------------------------------------------------


def analysed_templates(limit: int):
    from dateline.pipeline import Settings, analyze
    from dateline.types import AnalyzedArticle

    return [r for r in analyze(source_articles(limit), Settings()) if isinstance(r, AnalyzedArticle)]


def run_write(count: int, templates_count: int) -> dict:
    """Store ``count`` articles whose analysis is reused from ``templates_count`` real ones."""
    from dateline.store import ingest, open_store

    templates = analysed_templates(templates_count)
    by_origin = {t.article.origin: t for t in templates}
    articles = list(cycled([t.article for t in templates], count))
    words = statistics.mean(len(t.article.text.split()) for t in templates)
    mentions = statistics.mean(len(t.events) for t in templates)

    def reuse(items):
        for article in items:
            template = by_origin[templates[int(article.id.split("-")[1]) % len(templates)].article.origin]
            yield replace(template, article=article)

    with tempfile.TemporaryDirectory() as folder:
        baseline_path = Path(folder) / "baseline.db"
        start = time.perf_counter()
        _raw_insert(baseline_path, articles)
        baseline = time.perf_counter() - start
        path = Path(folder) / "events.db"
        start, cpu_start = time.perf_counter(), time.process_time()
        with open_store(path) as store:
            counts = ingest(store, articles, reuse, batch_size=50)
        elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu_start
        start = time.perf_counter()
        with open_store(path) as store:
            rerun = ingest(store, articles, reuse, batch_size=50)
        rerun_elapsed = time.perf_counter() - start
        size = path.stat().st_size / 2**20
    return {"articles": count, "stored": counts.stored, "words_per_article": round(words),
            "mentions_per_article": round(mentions, 1), "seconds": round(elapsed, 2),
            "articles_per_s": round(count / elapsed, 1), "cpu_seconds": round(cpu, 2),
            "articles_per_cpu_s": round(count / cpu, 1), "baseline_raw_insert_articles_per_s": round(count / baseline, 1),
            "rerun_skip_articles_per_s": round(count / rerun_elapsed, 1), "rerun_skipped": rerun.skipped,
            "db_mib": round(size, 1), "max_rss_mib": round(max_rss_mib(), 1)}


def _raw_insert(path: Path, articles) -> None:
    """Baseline: the articles' text alone, one executemany per 50, no index, no merging."""
    import sqlite3

    conn = sqlite3.connect(path)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("CREATE TABLE a (id TEXT PRIMARY KEY, text TEXT)")
    for start in range(0, len(articles), 50):
        with conn:
            conn.executemany("INSERT INTO a VALUES (?, ?)", [(a.id, a.text) for a in articles[start:start + 50]])
    conn.close()


# -- whole pipeline -----------------------------------------------------------------------------


def run_ingest(count: int, workers: int) -> dict:
    from dateline.pipeline import Settings, analyze
    from dateline.store import ingest, open_store

    sources = source_articles()
    articles = list(cycled(sources, count))
    words = sum(len(a.text.split()) for a in articles)
    settings = Settings(workers=workers)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "events.db"
        warm = list(analyze(articles[:4], Settings()))  # load spaCy and the resources before timing
        start = time.perf_counter()
        main_start, workers_start = cpu_seconds(), cpu_seconds(children=True)
        with open_store(path) as store:
            counts = ingest(store, articles, lambda items: analyze(items, settings), batch_size=50)
        elapsed = time.perf_counter() - start
        main_cpu, workers_cpu = cpu_seconds() - main_start, cpu_seconds(children=True) - workers_start
        events = _count(path, "events")
    return {"articles": count, "workers": workers, "stored": counts.stored, "failed": counts.failed,
            "events": events, "words_per_article": round(words / count), "seconds": round(elapsed, 1),
            "articles_per_s": round(count / elapsed, 2),
            "articles_600_words_per_s_per_core": round(words / 600 / elapsed / workers, 2),
            "cpu_ms_per_article_main": round(1000 * main_cpu / count, 1),
            "cpu_ms_per_article_workers": round(1000 * workers_cpu / count, 1),
            "max_rss_mib_main": round(max_rss_mib(), 1), "max_rss_mib_workers": round(max_rss_mib(True), 1),
            "warmup_results": len(warm)}


def _count(path: Path, table: str) -> int:
    import sqlite3

    conn = sqlite3.connect(path)
    try:
        return conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
    finally:
        conn.close()


# -- 1M events for timeline queries ---------------------------------------------------------------

TYPES = ["CONSULT", "AGREE", "REQUEST", "SUPPORT", "ACCUSE", "REJECT", "THREATEN", "PROTEST", "ASSAULT", "COERCE",
         "AID", "COOPERATE", "MOBILIZE", "SANCTION", "RETREAT", "CONCEDE", "INVESTIGATE", "DEMAND", "DISAPPROVE",
         "FIGHT"]
COUNTRIES = ["USA", "CHN", "RUS", "GBR", "FRA", "DEU", "PRK", "KOR", "JPN", "IND", "PAK", "IRN", "ISR", "PSE", "SYR",
             "TUR", "UKR", "BRA", "MEX", "ZAF", "NGA", "EGY", "SAU", "IRQ", "AFG", "CAN", "AUS", "IDN", "PHL", "VEN"]
SECTORS = ["GOV", "MIL", "COP", "REB", "OPP", "BUS", "MED", "CVL"]
#: Frequency rank of the words queried: "summit" is in ~1.5% of sentences, "talks" in ~20%.
QUERY_WORDS = {3: "talks", 10: "nuclear", 12: "treaty", 100: "summit"}
WORDS = ("talks summit minister president army police protest sanctions aid treaty ceasefire election rebels "
         "border troops nuclear trade agreement visit meeting attack strike refugees embassy parliament court "
         "ministry spokesman official envoy delegation negotiations deal crisis violence oil gas bank market").split()


def generate_events(path: Path, count: int, seed: int = 7) -> None:
    """A store of ``count`` events with a realistic shape: actors, types and sentence words
    Zipf-distributed, dates over 15 years, precisions mostly days, 1 in 7 not asserted, one
    mention and one 14-word sentence per event, five events per article."""
    from dateline.merge import date_interval, precision_rank
    from dateline.store import open_store
    from dateline.store.write import EVIDENCE_SLOTS

    from itertools import accumulate

    rng = random.Random(seed)
    actors = [(f"{c}/{s}/{n}", f"Person {c} {s} {n}", c, s) for c in COUNTRIES for s in SECTORS for n in range(10)]
    actor_ranks = list(range(len(actors)))
    rng.shuffle(actor_ranks)
    actor_ranks[actor_ranks.index(0)], actor_ranks[0] = actor_ranks[0], 0  # the most frequent: USA GOV 0
    zipf = list(accumulate(1 / (rank + 1) for rank in range(len(actors))))
    type_weights = list(accumulate(1 / (rank + 1) ** 0.8 for rank in range(len(TYPES))))
    vocabulary = [f"w{n}" for n in range(5000)]
    for rank, word in QUERY_WORDS.items():  # words the queries use, at known frequency ranks
        vocabulary[rank] = word
    word_weights = list(accumulate(1 / (rank + 1) for rank in range(len(vocabulary))))
    with open_store(path) as store:
        conn = store.conn
        conn.execute("PRAGMA synchronous = OFF")
        with store.atomic():
            conn.executemany("INSERT INTO actors (key, name, country, sector) VALUES (?, ?, ?, ?)", actors)
            conn.executemany("INSERT INTO places (key, name, country) VALUES (?, ?, ?)",
                             [(f"n:city {i}|{COUNTRIES[i % 30]}", f"City {i}", COUNTRIES[i % 30]) for i in range(500)])
        per_article = 5
        for chunk_start in range(0, count, 50_000):
            with store.atomic():
                size = min(50_000, count - chunk_start)
                events, event_actors, mentions, sentences, articles, evidence = [], [], [], [], [], []
                for offset in range(size):
                    event_id = chunk_start + offset + 1
                    day = 730_000 + rng.randrange(15 * 365)  # ordinal days from 1999-09 on
                    value, precision = _dated(rng, day)
                    interval = date_interval(value)
                    actor, recipient = (actor_ranks[i] for i in rng.choices(range(len(actors)), cum_weights=zipf, k=2))
                    plover = rng.choices(TYPES, cum_weights=type_weights)[0]
                    modality = rng.choices(["asserted", "planned", "negated", "irrealis"], weights=[86, 8, 3, 3])[0]
                    events.append((event_id, plover, "040", "04", modality, modality, rng.randrange(1, 501), value,
                                   precision if interval else "unknown", interval[0].isoformat() if interval else None,
                                   interval[1].isoformat() if interval else None,
                                   precision_rank(precision, value),
                                   f"{actors[actor][1]} met {actors[recipient][1]}"))
                    event_actors += [(event_id, "actor", actor + 1), (event_id, "recipient", recipient + 1)]
                    article_id = f"a{(event_id - 1) // per_article}"
                    ordinal = (event_id - 1) % per_article
                    if ordinal == 0:
                        articles.append((article_id,))
                    text = " ".join(rng.choices(vocabulary, cum_weights=word_weights, k=14))
                    sentences.append((article_id, ordinal, text))
                    mentions.append((event_id, article_id, ordinal, plover, value, precision, modality, ordinal, event_id,
                                     event_id * EVIDENCE_SLOTS))
                    evidence.append((event_id * EVIDENCE_SLOTS, text))
                conn.executemany(
                    "INSERT INTO articles (id, content_hash, origin, source_key, reference_date_source, language, "
                    "num_events, text) VALUES (?1, ?1, ?1, 'bench', 'none', 'en', 5, '')", articles)
                conn.executemany(
                    "INSERT INTO events (id, plover_type, cameo, cameo_root, modality_class, modality, place_id, "
                    "date_value, date_precision, date_start, date_end, precision_rank, num_mentions, num_sources, "
                    "num_articles, confidence, summary) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, 1, 1, 0.8, ?)",
                    events)
                conn.executemany("INSERT OR IGNORE INTO event_actors VALUES (?, ?, ?)", event_actors)
                conn.executemany('INSERT INTO sentences (article_id, idx, start, "end", text) VALUES (?, ?, 0, 0, ?)',
                                 sentences)
                conn.executemany(
                    "INSERT INTO mentions (id, article_id, ordinal, trigger, trigger_start, trigger_end, plover_type, "
                    "cameo, cameo_root, time_value, time_precision, time_source, modality, sentence, confidence, "
                    "event_id, evidence_rowid) VALUES (?, ?, ?, 'met', 0, 3, ?, '040', '04', ?, ?, 'timex', ?, ?, 0.8, "
                    "?, ?)", mentions)
                conn.executemany("INSERT INTO evidence_fts (rowid, text) VALUES (?, ?)", evidence)
        conn.execute("ANALYZE")


def _dated(rng: random.Random, ordinal: int) -> tuple[str | None, str]:
    from datetime import date

    day = date.fromordinal(ordinal)
    roll = rng.random()
    if roll < 0.70:
        return day.isoformat(), "day"
    if roll < 0.85:
        return f"{day:%Y-%m}", "month"
    if roll < 0.90:
        iso = day.isocalendar()
        return f"{iso.year:04d}-W{iso.week:02d}", "week"
    if roll < 0.95:
        return f"{day.year:04d}", "year"
    return None, "unknown"


def run_query(count: int, path: Path | None, repeats: int) -> dict:
    from dateline.query import TimelineQuery, parse_bound, timeline
    from dateline.store import open_readonly

    path = path or Path(tempfile.gettempdir()) / f"dateline-bench-{count}.db"
    generated = None
    if not path.exists():
        start = time.perf_counter()
        generate_events(path, count)
        generated = round(time.perf_counter() - start, 1)
    conn = open_readonly(path)
    queries = {
        "baseline: first 100 rows of the date index": None,
        "default timeline (no filter)": TimelineQuery(),
        "actor, frequent (USA GOV)": TimelineQuery(actor="USA GOV"),
        "actor, one person": TimelineQuery(actor="Person PRK GOV 3"),
        "date range (one month)": TimelineQuery(date_from=parse_bound("2010-03", end=False),
                                                date_to=parse_bound("2010-03", end=True)),
        "type, frequent (CONSULT)": TimelineQuery(plover_type="CONSULT"),
        "type, rare, with date range": TimelineQuery(plover_type="FIGHT", date_from=parse_bound("2005", end=False),
                                                     date_to=parse_bound("2006", end=True)),
        "full text, word in ~1.5% of sentences": TimelineQuery(text="summit"),
        "full text, word in ~20% of sentences": TimelineQuery(text="talks"),
        "full text, phrase": TimelineQuery(text='"nuclear treaty"'),
        "actor + date range + evidence": TimelineQuery(actor="Person PRK GOV 3", evidence=True,
                                                       date_from=parse_bound("2005", end=False),
                                                       date_to=parse_bound("2010", end=True)),
    }
    results = {}
    for name, query in queries.items():
        timings, rows = [], 0
        for _ in range(repeats):
            start = time.perf_counter()
            if query is None:
                rows = len(conn.execute("SELECT id FROM events WHERE date_start IS NOT NULL "
                                        "ORDER BY date_start, precision_rank, id LIMIT 100").fetchall())
            else:
                rows = len(timeline(conn, query))
            timings.append((time.perf_counter() - start) * 1000)
        timings.sort()
        results[name] = {"rows": rows, "p50_ms": round(statistics.median(timings), 1),
                         "p95_ms": round(timings[max(0, int(round(0.95 * len(timings))) - 1)], 1)}
    conn.close()
    return {"events": _count(path, "events"), "db_mib": round(path.stat().st_size / 2**20), "generated_s": generated,
            "repeats": repeats, "queries": results}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="what", required=True)
    write = sub.add_parser("write", help="store write path (analysis reused)")
    write.add_argument("--articles", type=int, nargs="+", default=[1000, 10000])
    write.add_argument("--templates", type=int, default=40, help="distinct real articles analysed once")
    ingest = sub.add_parser("ingest", help="whole pipeline into a store")
    ingest.add_argument("--articles", type=int, nargs="+", default=[200])
    ingest.add_argument("--workers", type=int, default=2)
    query = sub.add_parser("query", help="timeline queries over a generated store")
    query.add_argument("--events", type=int, default=1_000_000)
    query.add_argument("--db", type=Path, help="reuse or create this generated store (default: in the temp dir)")
    query.add_argument("--repeats", type=int, default=20)
    sub.add_parser("_one", help=argparse.SUPPRESS).add_argument("spec")
    args = parser.parse_args()

    if args.what == "_one":
        spec = json.loads(args.spec)
        kind = spec.pop("kind")
        result = run_write(**spec) if kind == "write" else run_ingest(**spec)
        print(json.dumps(result))
        return 0
    if args.what == "query":
        print(json.dumps(run_query(args.events, args.db, args.repeats), indent=2))
        return 0
    for count in args.articles:
        spec = ({"kind": "write", "count": count, "templates_count": args.templates} if args.what == "write"
                else {"kind": "ingest", "count": count, "workers": args.workers})
        output = subprocess.run([sys.executable, __file__, "_one", json.dumps(spec)], capture_output=True, text=True,
                                check=False)
        if output.returncode != 0:
            print(output.stderr, file=sys.stderr)
            return 1
        print(output.stdout.strip().splitlines()[-1], flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
