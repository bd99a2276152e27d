"""Event extraction speed against its baseline, spaCy's parse, in the same run (single process).

Corpus: the TBAQ-cleaned TimeML news (TimeBank 1.2 + AQUAINT, read from ../shared, never copied).
For each repeat, after a warm-up: the spaCy parse of every document is timed (nlp.pipe, batch 16),
then time expressions are tagged (not timed here: bench/timex_bench.py does that), then
``dateline.events.extract_events`` is timed on the parsed documents. Reported: the medians, the
ratio events/parse (goal: at most +30%), mentions per document, and the slowest single sentence
(events time per sentence, measured on the sentence's own Doc span set: the whole document's
extraction divided by its sentence count, and the worst document).

Usage:
  .venv/bin/python bench/events_bench.py              # 3 repeats over all 256 documents
  .venv/bin/python bench/events_bench.py --limit 50 --repeats 1
Results also go to bench/out/events_bench.json.
"""

from __future__ import annotations

import argparse
import json
import platform
import statistics
import sys
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "data" / "timeml"
OUT = ROOT / "bench" / "out"


def read_corpus(limit: int | None) -> list[tuple[str, date | None]]:
    from dateline.readers.timeml import read_timeml
    from dateline.types import Article

    texts = []
    for folder in ("timebank", "aquaint"):
        for path in sorted((SHARED / folder).glob("*.tml")):
            for item in read_timeml(path):
                if isinstance(item, Article):
                    texts.append((item.text, item.metadata_date))
    return texts[:limit] if limit else texts


def run_once(nlp, corpus, tag, extract_events) -> dict:
    started = time.perf_counter()
    docs = list(nlp.pipe((text for text, _ in corpus), batch_size=16))
    parse_seconds = time.perf_counter() - started
    timexes = [tag(doc, reference) for doc, (_, reference) in zip(docs, corpus)]
    events_seconds = 0.0
    mentions = 0
    sentences = 0
    worst_per_sentence = 0.0
    for doc, found, (_, reference) in zip(docs, timexes, corpus):
        began = time.perf_counter()
        result = extract_events(doc, found, reference)
        spent = time.perf_counter() - began
        events_seconds += spent
        mentions += len(result)
        count = max(1, sum(1 for _ in doc.sents))
        sentences += count
        worst_per_sentence = max(worst_per_sentence, spent / count)
    return {"parse_s": parse_seconds, "events_s": events_seconds, "mentions": mentions,
            "sentences": sentences, "worst_doc_s_per_sentence": worst_per_sentence}


def run_on_longest_sentence(nlp, corpus, extract_events) -> float:
    """Events time of the longest single sentence of the corpus, parsed alone."""
    longest = ""
    for text, _ in corpus:
        for sentence in nlp(text).sents:
            if len(sentence.text) > len(longest):
                longest = sentence.text
    doc = nlp(longest)
    began = time.perf_counter()
    extract_events(doc, (), None)
    return time.perf_counter() - began


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--limit", type=int, default=None, help="only the first N documents")
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args(argv)

    from dateline.events import extract_events
    from dateline.nlp import load_pipeline
    from dateline.timex import tag

    nlp = load_pipeline()
    corpus = read_corpus(args.limit)
    if not corpus:
        print(f"no documents found under {SHARED}", file=sys.stderr)
        return 1
    run_once(nlp, corpus[:10], tag, extract_events)  # warm-up: loads lexicons, gazetteers, caches
    runs = [run_once(nlp, corpus, tag, extract_events) for _ in range(args.repeats)]
    parse = statistics.median(r["parse_s"] for r in runs)
    events = statistics.median(r["events_s"] for r in runs)
    result = {
        "documents": len(corpus),
        "sentences": runs[0]["sentences"],
        "mentions": runs[0]["mentions"],
        "parse_s_median": round(parse, 3),
        "events_s_median": round(events, 3),
        "events_over_parse": round(events / parse, 4),
        "events_ms_per_sentence": round(1000 * events / runs[0]["sentences"], 3),
        "worst_doc_ms_per_sentence": round(1000 * max(r["worst_doc_s_per_sentence"] for r in runs), 3),
        "longest_sentence_events_ms": round(1000 * run_on_longest_sentence(nlp, corpus, extract_events), 3),
        "repeats": args.repeats,
        "python": platform.python_version(),
    }
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "events_bench.json").write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(f"TBAQ news: {result['documents']} documents, {result['sentences']} sentences, "
          f"{result['mentions']} event mentions")
    print(f"spaCy parse   {parse:8.2f} s (median of {args.repeats})")
    print(f"events        {events:8.2f} s  = +{100 * events / parse:.1f}% of parse time")
    print(f"per sentence  {result['events_ms_per_sentence']:.2f} ms mean, "
          f"{result['worst_doc_ms_per_sentence']:.2f} ms worst document mean, "
          f"{result['longest_sentence_events_ms']:.2f} ms on the longest sentence")
    return 0


if __name__ == "__main__":
    sys.exit(main())
