"""Write an article and its time expressions as a TempEval-3 TimeML file.

The file is the input's own head (XML declaration, DOCID, the DCT TIMEX3 as it was) and tail, with
the ``<TEXT>`` rewritten as the input's plain text, escaped exactly as the input escaped it, and
one ``TIMEX3`` tag (``tid``, ``type``, ``value``, ``mod`` and ``quant``/``freq`` when known,
``anchorTimeID`` when the value was computed from the creation time) around each expression.
Annotations of the input other than the creation time (gold TIMEX3, EVENT, SIGNAL tags in the
text, MAKEINSTANCE and LINK elements after it) are left out, since they would describe a text that
is no longer there; a ``.tml.TE3input`` file therefore comes back exactly as it was, plus the new
tags. Articles not read from TimeML get a minimal TempEval-3 document.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from dateline.readers.timeml import escape_char, scan_text
from dateline.types import Article, Timex

# The elements after </TEXT> that annotate events and links of the input's own annotation.
_ANNOTATION_ELEMENT = re.compile(
    r"[ \t]*<(MAKEINSTANCE|TLINK|SLINK|ALINK)\b[^<>]*?(?:/>|>.*?</\1\s*>)[ \t]*\r?\n?", re.S
)
_TID_NUMBER = re.compile(r"^t(\d+)$")


class TimemlWriteError(ValueError):
    """The article cannot be written as TimeML (its text no longer matches its TimeML source)."""


def write_timeml(article: Article, timexes: Iterable[Timex]) -> str:
    """The TimeML file of ``article`` with ``timexes`` tagged in its ``<TEXT>``.

    Timexes outside the text, empty, or overlapping an earlier (longer-first) one are left out:
    TimeML cannot nest TIMEX3 tags.
    """
    source = article.timeml
    pieces = raw_pieces(article)
    head = source.head if source else minimal_head(article)
    tail = _ANNOTATION_ELEMENT.sub("", source.tail) if source else "</TEXT>\n\n</TimeML>\n"
    dct_tid = source.dct_tid if source else ("t0" if article.metadata_date else None)
    dct_value = source.dct_value if source else (article.metadata_date.isoformat() if article.metadata_date else None)
    opening: dict[int, list[str]] = {}
    closing: dict[int, str] = {}
    tids = fresh_tids(dct_tid)
    for timex in taggable(timexes, len(article.text)):
        start, end = timex.span
        opening.setdefault(start, []).append(timex_start_tag(timex, next(tids), dct_tid, dct_value))
        closing[end] = "</TIMEX3>"
    out: list[str] = [head]
    for index, piece in enumerate(pieces):
        if index in closing:
            out.append(closing.pop(index))
        out.extend(opening.pop(index, ()))
        out.append(piece)
    if len(pieces) in closing:
        out.append(closing.pop(len(pieces)))
    out.append(tail)
    return "".join(out)


def raw_pieces(article: Article) -> tuple[str, ...]:
    """How each character of the text is written in the file: as the input wrote it, if known."""
    source = article.timeml
    if source is None or source.raw_text is None:
        return tuple(escape_char(char) for char in article.text)
    plain = scan_text(source.raw_text)
    if plain.text != article.text:
        raise TimemlWriteError(f"{article.origin}: the article text differs from its TimeML <TEXT>; "
                               "cannot write it back around new tags")
    return plain.raw_pieces


def taggable(timexes: Iterable[Timex], length: int) -> list[Timex]:
    """The timexes that can be tagged: inside the text, not empty, not overlapping a kept one."""
    kept: list[Timex] = []
    last_end = -1
    for timex in sorted(timexes, key=lambda t: (t.span[0], -t.span[1])):
        start, end = timex.span
        if not 0 <= start < end <= length or start < last_end:
            continue
        kept.append(timex)
        last_end = end
    return kept


def fresh_tids(taken: str | None):
    """``t1``, ``t2``, ... skipping the creation time's id."""
    number = 0
    while True:
        number += 1
        tid = f"t{number}"
        if tid != taken:
            yield tid


def timex_start_tag(timex: Timex, tid: str, dct_tid: str | None, dct_value: str | None) -> str:
    attributes = [("tid", tid), ("type", timex.type), ("value", timex.value)]
    for name, value in (("mod", timex.mod), ("quant", timex.quant), ("freq", timex.freq)):
        if value:
            attributes.append((name, value))
    if timex.anchor and dct_tid and timex.anchor == dct_value:
        attributes.append(("anchorTimeID", dct_tid))
    return "<TIMEX3 " + " ".join(f'{name}="{escape_attribute(value)}"' for name, value in attributes) + ">"


def escape_attribute(value: str) -> str:
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def minimal_head(article: Article) -> str:
    """The head of a TempEval-3 document for an article that was not read from TimeML."""
    lines = ['<?xml version="1.0" ?>', "<TimeML>", "", f"<DOCID>{''.join(escape_char(c) for c in article.id)}</DOCID>", ""]
    if article.metadata_date:
        value = article.metadata_date.isoformat()
        lines += [f'<DCT><TIMEX3 tid="t0" type="DATE" value="{value}" temporalFunction="false" '
                  f'functionInDocument="CREATION_TIME">{value}</TIMEX3></DCT>', ""]
    return "\n".join(lines) + "\n<TEXT>"
