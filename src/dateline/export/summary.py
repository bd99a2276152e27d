"""A plain-text report of one analysed article, for people reading a terminal.

``dateline extract --format text`` prints it: the dates the article rests on and why, every time
expression with its value, and every event mention with who, what, whom, when, where, modality
and attribution. It shows the same facts as the JSON record, without the offsets.
"""

from __future__ import annotations

from dateline.types import Actor, AnalyzedArticle, EventMention


def article_summary(analyzed: AnalyzedArticle) -> str:
    """The report of ``analyzed`` as lines of text ending with a newline."""
    article = analyzed.article
    lines = [f"== {article.title or article.id}  ({article.origin})"]
    dateline = analyzed.dateline
    if dateline:
        parts = [p for p in (dateline.place, dateline.date_text, dateline.agency) if p]
        lines.append(f"dateline        {' | '.join(parts)}")
    lines.append(f"metadata date   {article.metadata_date or '-'}")
    lines.append(f"reference date  {analyzed.reference_date or '-'}  (from {analyzed.reference_date_source})")
    lines.extend(f"warning         {w}" for w in analyzed.warnings)
    if analyzed.skipped:
        return "\n".join(lines) + "\n"
    lines.append(f"time expressions ({len(analyzed.timexes)})")
    for timex in analyzed.timexes:
        mod = f" {timex.mod}" if timex.mod else ""
        lines.append(f"  {timex.text!r:28} {timex.type:9} {timex.value}{mod}")
    lines.append(f"events ({len(analyzed.events)})")
    lines.extend(f"  {event_line(e)}" for e in analyzed.events)
    return "\n".join(lines) + "\n"


def event_line(event: EventMention) -> str:
    """``2018-09-26 Mike Pompeo (USA GOV) -met-> Ri Yong-ho (PRK GOV) CONSULT 040 ...``."""
    when = event.time.value or "undated"
    who = _actors(event.actors) or "?"
    whom = _actors(event.recipients)
    code = f"{event.plover_type}{'/' + event.plover_mode if event.plover_mode else ''} {event.cameo}"
    line = f"{when:10} {who} -{event.trigger}->{' ' + whom if whom else ''}  {code}  [{event.modality}]"
    if event.location:
        line += f" at {event.location.name}"
    if event.attribution:
        line += f" (says {event.attribution.text})"
    return line


def _actors(actors: tuple[Actor, ...]) -> str:
    return ", ".join(f"{a.name} ({' '.join(x for x in (a.country, a.sector) if x)})" for a in actors)
