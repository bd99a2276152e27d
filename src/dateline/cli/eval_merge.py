"""Score dateline's cross-document merging against MEANTIME event instances (pairwise F1).

dateline reads the CAT XML documents in --docs, extracts its event mentions (spaCy parse, time
expressions, events) and merges them into events with the store's own rules
(dateline.merge.cluster). Gold event mentions dateline also detects (overlapping tokens, one to
one) are then compared pair by pair: a pair is right when dateline puts both in one event exactly
when MEANTIME gives both the same event instance. Figures: pairwise precision, recall and F1, also
within one document and across documents, next to two baselines over the same mentions (every
mention alone; one event per trigger lemma). Figures in the table are percentages.

Examples:
  dateline eval merge --docs ../shared/data/meantime-apple
  dateline eval merge --docs ../shared/data/meantime-apple --json

Exit status: 0 all documents scored, 1 some document could not be read (named on stderr; the rest
was scored), 2 wrong usage.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import IO

from dateline.cli import EXIT_FAILED, EXIT_OK
from dateline.cli._common import ProblemLog, positive_int
from dateline.eval.merge import MergeReport, PairCounts, SystemEventMention, gold_event_mentions, score_merge

NAME = "merge"
HELP = "pairwise same-event precision/recall/F1 of dateline's merging against MEANTIME instances"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--docs", required=True, metavar="DIR",
                        help="directory of MEANTIME CAT XML documents (*.xml) with event instances")
    parser.add_argument("--json", action="store_true", help="print one JSON object (fractions) instead of the table")
    parser.add_argument("--batch-size", type=positive_int, default=16, metavar="N",
                        help="documents parsed together by spaCy (default: 16)")


def run(args: argparse.Namespace) -> int:
    from dateline.readers.catxml import read_cat_directory

    log = ProblemLog()
    documents, problems = read_cat_directory(Path(args.docs))
    for problem in problems:
        log.report(problem)
    if not documents:
        log.fail(f"no CAT XML document could be read in {args.docs}")
        return EXIT_FAILED
    gold = [mention for document in documents for mention in gold_event_mentions(document)]
    system, cluster_of = detect_and_merge(documents, args.batch_size)
    report = score_merge(gold, system, cluster_of)
    if args.json:
        print(json.dumps(report.as_dict(), ensure_ascii=False))
    else:
        write_table(report, sys.stdout)
    return log.exit_status or EXIT_OK


def detect_and_merge(documents, batch_size: int = 16):
    """dateline's event mentions of the documents and its merge of them: ``(mentions, ref -> event)``."""
    from dateline.events import extract_events
    from dateline.merge import cluster, facts_of
    from dateline.timeline_build import parse_cat_documents

    system: list[SystemEventMention] = []
    facts = []
    for parsed in parse_cat_documents(documents, batch_size=batch_size):
        doc, created = parsed.doc, parsed.cat.article.metadata_date
        for index, mention in enumerate(extract_events(doc, parsed.timexes, created, None)):
            span = doc.char_span(*mention.trigger_span, alignment_mode="expand")
            if span is None or len(span) == 0:
                continue
            ref = (parsed.cat.doc_id, index)
            system.append(SystemEventMention(parsed.cat.doc_id, frozenset(t.i for t in span), ref,
                                             span.root.lemma_.casefold()))
            facts.append(facts_of(mention, ref, parsed.cat.doc_id, created, parsed.cat.doc_id))
    cluster_of = {}
    for number, event in enumerate(cluster(facts)):
        for fact in event.mentions:
            cluster_of[fact.ref] = number
    return system, cluster_of


def write_table(report: MergeReport, out: IO[str]) -> None:
    print(f"MEANTIME event merging: {report.gold_mentions} gold mentions, {report.system_mentions} dateline "
          f"mentions, {report.aligned} aligned", file=out)
    print(f"{'pairs':28}{'P':>8}{'R':>8}{'F1':>8}{'right':>7}{'sys':>7}{'gold':>7}", file=out)
    rows: list[tuple[str, PairCounts]] = [
        ("dateline: all pairs", report.all_pairs),
        ("dateline: within a document", report.within),
        ("dateline: across documents", report.across),
    ]
    rows.extend((f"baseline: {name}", counts) for name, counts in report.baselines.items())
    for label, counts in rows:
        print(f"{label:28}{counts.precision * 100:8.2f}{counts.recall * 100:8.2f}{counts.f1 * 100:8.2f}"
              f"{counts.correct:7}{counts.system:7}{counts.gold:7}", file=out)
