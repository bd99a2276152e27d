"""How much dateline adds to bare spaCy: the foundation, then time expressions, then events.

Every configuration runs in a fresh subprocess (so peak memory is its own), after loading the
model and warming up on a few texts; rounds alternate the configurations so that a noisy machine
hurts them alike, and each round's time is divided by the same round's bare-spaCy time (paired
ratios). Reported: articles/s, words/s, peak RSS, and the median ratio with its range.

Configurations:
  spacy       bare ``nlp.pipe`` over the texts, already in memory, with the model exactly as
              released (the baseline; dateline swaps in a faster attribute ruler)
  foundation  dateline.readers -> document (dateline, reference date) -> language check ->
              nlp.pipe -> sentences/entities -> extract record as JSON (no timexes, no events)
  timex       foundation + time expressions
  events      foundation + time expressions + events (the whole ``dateline extract``)

Usage:
  .venv/bin/python bench/extract_bench.py [--rounds 3] [--corpus ../shared/data/timeml] [--configs ...]
"""

from __future__ import annotations

import argparse
import json
import platform
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

from store_bench import cpu_seconds  # user + system CPU: steadier than wall time on a shared machine

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = ROOT.parent / "shared" / "data" / "timeml"
CONFIGS = ("spacy", "foundation", "timex", "events")


def corpus_files(corpus: Path) -> list[str]:
    return sorted(str(p) for sub in ("timebank", "aquaint") for p in (corpus / sub).glob("*.tml"))


def run_one(config: str, files: list[str]) -> dict:
    """Runs inside the subprocess: time one configuration over all files."""
    from dateline import nlp
    from dateline.export.record import to_record
    from dateline.pipeline import Settings, analyze
    from dateline.readers import read_paths
    from dateline.types import AnalyzedArticle, Article

    texts = [a.text for a in read_paths(files) if isinstance(a, Article)]
    words = sum(len(t.split()) for t in texts)
    if config == "spacy":  # the model as released, with spaCy's own attribute ruler
        import spacy

        pipeline = spacy.load(nlp.MODEL_PACKAGE)
    else:
        pipeline = nlp.load_pipeline()
    for _ in pipeline.pipe(texts[:5]):  # warm-up: model weights, and for dateline its rule files
        pass
    if config != "spacy":
        warm = Settings(timexes=config in ("timex", "events"), events=config == "events")
        for _ in analyze(read_paths(files[:3]), warm):
            pass
    start = time.perf_counter()
    cpu_start = cpu_seconds()
    if config == "spacy":
        for _ in pipeline.pipe(texts, batch_size=32):
            pass
    else:
        settings = Settings(timexes=config in ("timex", "events"), events=config == "events")
        for result in analyze(read_paths(files), settings):
            if isinstance(result, AnalyzedArticle):
                json.dumps(to_record(result))
    seconds = time.perf_counter() - start
    cpu = cpu_seconds() - cpu_start
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"config": config, "seconds": seconds, "cpu": cpu, "articles": len(texts), "words": words, "peak_mb": peak_mb}


def measure(config: str, corpus: Path) -> dict:
    out = subprocess.run(
        [sys.executable, __file__, "--child", config, "--corpus", str(corpus)],
        check=True, capture_output=True, text=True,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--configs", nargs="+", choices=CONFIGS, default=list(CONFIGS))
    parser.add_argument("--child", choices=CONFIGS, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(run_one(args.child, corpus_files(args.corpus))))
        return

    configs = ["spacy", *[c for c in args.configs if c != "spacy"]]
    rounds: list[dict[str, dict]] = []
    for number in range(args.rounds):
        order = configs if number % 2 == 0 else [configs[0], *reversed(configs[1:])]
        rounds.append({c: measure(c, args.corpus) for c in order})
        print(f"round {number + 1}: " + ", ".join(
            f"{c} {rounds[-1][c]['seconds']:.1f}s wall {rounds[-1][c]['cpu']:.1f}s cpu" for c in configs), file=sys.stderr)

    first = rounds[0]["spacy"]
    print(f"corpus: {first['articles']} articles, {first['words']} words ({args.corpus})")
    print(f"machine: {platform.processor() or platform.machine()}, python {platform.python_version()}, "
          f"{len(rounds)} rounds, single process")
    print("| configuration | articles/s | words/s | peak RSS MB | wall / bare spaCy (median, min-max) "
          "| CPU / bare spaCy (median, min-max) |")
    print("| --- | ---: | ---: | ---: | --- | --- |")
    for config in configs:
        seconds = statistics.median(r[config]["seconds"] for r in rounds)
        peak = max(r[config]["peak_mb"] for r in rounds)
        print(f"| {config} | {first['articles'] / seconds:.1f} | {first['words'] / seconds:,.0f} | {peak:.0f} | "
              f"{_ratio(rounds, config, 'seconds')} | {_ratio(rounds, config, 'cpu')} |")


def _ratio(rounds: list[dict[str, dict]], config: str, key: str) -> str:
    ratios = [r[config][key] / r["spacy"][key] for r in rounds]
    return f"{statistics.median(ratios):.3f} ({min(ratios):.3f}-{max(ratios):.3f})"


if __name__ == "__main__":
    main()
