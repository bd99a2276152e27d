"""CPU time of each part of the analysis, in one process: every spaCy component, then each stage.

  .venv/bin/python bench/stage_profile.py --articles 300 [--released]

The articles cycle the shared TimeML and MEANTIME texts (as ``store_bench.py`` does). The texts
are tokenized, then each pipeline component runs over all of them with its own ``pipe`` (batches
of 32) and is timed apart; then the reference date, time expressions and events. ``--released``
times the model exactly as released (spaCy's attribute ruler, thinc's BLIS products) instead of
dateline's pipeline: the two runs side by side show what ``dateline.nlp_ops`` and
``dateline.nlp_attributes`` save. Times are CPU seconds of this process (a shared machine's wall
time is noise); read the shares and ratios. BLAS is held to one thread, as in ingest's workers
(more threads spin and add CPU time without adding work).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))


def profile(count: int, released: bool) -> dict:
    import spacy
    from threadpoolctl import threadpool_limits

    from dateline import document, nlp, timex
    from dateline.events import extract_events
    from store_bench import cycled, source_articles

    threadpool_limits(limits=1, user_api="blas")
    articles = list(cycled(source_articles(), count))
    words = sum(len(a.text.split()) for a in articles)
    pipeline = spacy.load(nlp.MODEL_PACKAGE) if released else nlp.load_pipeline()
    list(pipeline.pipe([a.text for a in articles[:4]]))  # warm-up: weights, caches of the first calls
    seconds: dict[str, float] = {}

    def timed(name, work):
        start = time.process_time()
        result = work()
        seconds[name] = round(time.process_time() - start, 2)
        return result

    docs = timed("tokenizer", lambda: [pipeline.make_doc(a.text) for a in articles])
    for name, component in pipeline.pipeline:
        docs = timed(name, lambda c=component, d=docs: list(c.pipe(d, batch_size=32)))
    infos = timed("document", lambda: [document.resolve_reference(a) for a in articles])
    tagged = timed("timex", lambda: [timex.tag(d, i.reference_date) for d, i in zip(docs, infos)])
    timed("events", lambda: [extract_events(d, t, i.reference_date, i.dateline)
                             for d, t, i in zip(docs, tagged, infos)])
    total = sum(seconds.values())
    return {"pipeline": "released" if released else "dateline", "articles": count, "words": words,
            "cpu_seconds": seconds, "total": round(total, 2), "words_per_cpu_s": round(words / total),
            "articles_600_words_per_cpu_s": round(words / 600 / total, 2)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--released", action="store_true", help="time the model as released")
    args = parser.parse_args()
    print(json.dumps(profile(args.articles, args.released)))


if __name__ == "__main__":
    main()
