"""Read TimeML files (TempEval-3 ``.tml`` gold and ``.tml.TE3input`` inputs) into Articles.

The text to tag is the content of ``<TEXT>`` with every tag removed and the XML character
references unescaped; the creation time (the ``TIMEX3`` with
``functionInDocument="CREATION_TIME"`` inside ``<DCT>``) becomes the article's metadata date.
Gold ``TIMEX3`` tags inside ``<TEXT>`` become ``Timex`` objects with spans into that plain text,
so that a scorer compares offsets, never strings. Everything needed to write the file back around
new tags (head, raw ``<TEXT>`` content, tail) is kept in ``Article.timeml``.

Malformed input (not XML, no ``<TEXT>``, a broken tag, a bad creation time) is reported as a
``Problem`` naming the file and, when known, the line; this module never raises on bad input.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ElementTree
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from dateline.types import Article, Problem, Timex, TimemlSource

SUFFIXES = (".tml.TE3input", ".TE3input", ".tml")
TIMEX_TYPES = frozenset({"DATE", "TIME", "DURATION", "SET"})

_TEXT_OPEN = re.compile(r"<TEXT(?:\s[^<>]*)?>")
_TEXT_CLOSE = re.compile(r"</TEXT\s*>")
_DOCID = re.compile(r"<DOCID(?:\s[^<>]*)?>(.*?)</DOCID\s*>", re.S)
_DCT = re.compile(r"<DCT(?:\s[^<>]*)?>(.*?)</DCT\s*>", re.S)
_TIMEX_OPEN = re.compile(r"<TIMEX3\b([^<>]*?)(/?)>", re.S)
_ATTRIBUTE = re.compile(r"""([A-Za-z_:][-\w:.]*)\s*=\s*(?:"([^"]*)"|'([^']*)')""")
# One piece of raw TEXT content: a comment, a CDATA section, a tag, a character reference, or
# a run of plain characters. The scanner walks these in order.
_PIECE = re.compile(
    r"(?P<comment><!--.*?-->)"
    r"|(?P<cdata><!\[CDATA\[(?P<cdata_text>.*?)\]\]>)"
    r"|(?P<tag><(?P<close>/)?(?P<name>[A-Za-z_][-\w:.]*)(?P<attrs>[^<>]*?)(?P<empty>/)?>)"
    r"|(?P<ref>&(?:#[0-9]+|#x[0-9A-Fa-f]+|[A-Za-z][A-Za-z0-9]*);)"
    r"|(?P<chars>[^<&]+)",
    re.S,
)
_NAMED_REFERENCES = {"amp": "&", "lt": "<", "gt": ">", "quot": '"', "apos": "'"}
NO_DCT_WARNING = "no creation time (<DCT>): relative time expressions have no reference date"
_DCT_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")


class TimemlError(ValueError):
    """A TimeML file that cannot be read; ``line`` is 1-based in the file when known."""

    def __init__(self, message: str, line: int | None = None):
        super().__init__(message)
        self.line = line


@dataclass(frozen=True)
class PlainText:
    """The plain text of a raw ``<TEXT>`` content and where each plain character came from.

    ``raw_pieces[i]`` is the raw string that produced ``text[i]`` (the character itself, or a
    reference such as ``&amp;``), so the raw TEXT can be rebuilt with its escaping intact.
    ``raw_starts[i]`` is the offset of that piece in the raw content; ``raw_starts[len(text)]``
    is the end of the raw content. ``timex_tags`` are the TIMEX3 elements found, as
    ``(plain_start, plain_end, attributes, raw_offset)``.
    """

    text: str
    raw_pieces: tuple[str, ...]
    raw_starts: tuple[int, ...]
    timex_tags: tuple[tuple[int, int, dict[str, str], int], ...]


def timeml_name(path: str | Path) -> str:
    """The document's name: the file name without ``.tml``/``.TE3input`` (what scorers pair on)."""
    name = Path(path).name
    for suffix in SUFFIXES:
        if name.endswith(suffix):
            return name[: -len(suffix)]
    return Path(name).stem


def is_timeml_path(path: str | Path) -> bool:
    """Whether a path looks like a TimeML file by its name."""
    return Path(path).name.endswith(SUFFIXES)


def read_timeml(path: str | Path, options: Any = None) -> Iterator[Article | Problem]:
    """Read one TimeML file: yields exactly one ``Article`` or one ``Problem``.

    ``options`` is accepted for the common reader signature and not used.
    """
    origin = str(path)
    try:
        data = Path(path).read_bytes()
    except OSError as error:
        yield Problem(origin, f"cannot read the file: {error.strerror or error}")
        return
    try:
        content = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        yield Problem(origin, f"not UTF-8 text (byte {error.start}): TimeML files must be UTF-8", line)
        return
    try:
        yield parse_timeml(content, origin=origin, name=timeml_name(path))
    except TimemlError as error:
        yield Problem(origin, str(error), error.line)


def parse_timeml(content: str, origin: str = "<string>", name: str | None = None) -> Article:
    """Parse the text of a TimeML file into an Article; raises ``TimemlError`` when malformed."""
    check_well_formed(content)
    text_open = _TEXT_OPEN.search(content)
    if text_open is None:
        raise TimemlError("no <TEXT> element: TimeML needs the text to tag inside <TEXT>...</TEXT>")
    text_close = _TEXT_CLOSE.search(content, text_open.end())
    if text_close is None:
        raise TimemlError("<TEXT> is never closed", line_of(content, text_open.start()))
    if _TEXT_OPEN.search(content, text_open.end()):
        raise TimemlError("more than one <TEXT> element", line_of(content, text_open.end()))
    head = content[: text_open.end()]
    raw_text = content[text_open.end() : text_close.start()]
    tail = content[text_close.start() :]
    plain = scan_text(raw_text, base_line=line_of(content, text_open.end()))
    dct_value, dct_tid, dct_line = read_dct(head)
    metadata_date = dct_date(dct_value, dct_line)
    values_by_tid = {dct_tid: dct_value} if dct_tid and dct_value else {}
    for _start, _end, attributes, _raw in plain.timex_tags:
        if attributes.get("tid") and attributes.get("value"):
            values_by_tid[attributes["tid"]] = attributes["value"]
    gold = tuple(
        gold_timex(plain.text, start, end, attributes, values_by_tid, line_of(content, text_open.end() + raw))
        for start, end, attributes, raw in plain.timex_tags
    )
    docid = _DOCID.search(head)
    article_id = unescape(docid.group(1).strip()) if docid and docid.group(1).strip() else (name or origin)
    return Article(
        id=article_id,
        text=plain.text,
        origin=origin,
        metadata_date=metadata_date,
        warnings=() if dct_value else (NO_DCT_WARNING,),
        timeml=TimemlSource(
            head=head, tail=tail, dct_value=dct_value, dct_tid=dct_tid, gold_timexes=gold, raw_text=raw_text
        ),
    )


def check_well_formed(content: str) -> None:
    """Reject what is not XML at all, with the parser's line number."""
    try:
        ElementTree.fromstring(content)
    except ElementTree.ParseError as error:
        line = error.position[0] if error.position else None
        raise TimemlError(f"not well-formed XML: {error.msg if hasattr(error, 'msg') else error}", line) from error


def line_of(content: str, offset: int) -> int:
    """1-based line number of an offset."""
    return content.count("\n", 0, offset) + 1


def read_dct(head: str) -> tuple[str | None, str | None, int | None]:
    """The creation time's ``(value, tid, line)``; all ``None`` when the file has no ``<DCT>``."""
    dct = _DCT.search(head)
    if dct is None:
        return None, None, None
    line = line_of(head, dct.start())
    for timex in _TIMEX_OPEN.finditer(dct.group(1)):
        attributes = parse_attributes(timex.group(1))
        if attributes.get("functionInDocument", "CREATION_TIME") == "CREATION_TIME":
            value = attributes.get("value")
            if not value:
                raise TimemlError("the creation-time TIMEX3 in <DCT> has no value", line)
            return value, attributes.get("tid"), line
    raise TimemlError("<DCT> holds no TIMEX3 with functionInDocument=\"CREATION_TIME\"", line)


def dct_date(value: str | None, line: int | None) -> date | None:
    """The calendar date of a creation-time value such as ``1998-08-07`` or ``1998-08-07T06:18``."""
    if value is None:
        return None
    match = _DCT_DATE.match(value)
    if match is None:
        raise TimemlError(f"the creation time {value!r} is not a YYYY-MM-DD date", line)
    try:
        return date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    except ValueError as error:
        raise TimemlError(f"the creation time {value!r} is not a real date ({error})", line) from error


def parse_attributes(raw: str) -> dict[str, str]:
    """The attributes of a start tag, values unescaped."""
    return {m.group(1): unescape(m.group(2) if m.group(2) is not None else m.group(3)) for m in _ATTRIBUTE.finditer(raw)}


def unescape(raw: str) -> str:
    """Resolve XML character references (``&amp;``, ``&#233;``); unknown ones stay as written."""
    return re.sub(r"&(#[0-9]+|#x[0-9A-Fa-f]+|[A-Za-z][A-Za-z0-9]*);", lambda m: resolve_reference(m.group(0)), raw)


def resolve_reference(reference: str) -> str:
    """The character a reference stands for; raises ``TimemlError`` for an unknown name."""
    body = reference[1:-1]
    if body.startswith("#x"):
        code = int(body[2:], 16)
    elif body.startswith("#"):
        code = int(body[1:])
    elif body in _NAMED_REFERENCES:
        return _NAMED_REFERENCES[body]
    else:
        raise TimemlError(f"unknown entity {reference}")
    try:
        return chr(code)
    except (ValueError, OverflowError) as error:
        raise TimemlError(f"character reference {reference} is out of range") from error


def scan_text(raw: str, base_line: int = 1) -> PlainText:
    """Strip the tags of a raw ``<TEXT>`` content, keeping where every plain character came from.

    TIMEX3 elements are recorded with their plain offsets; EVENT, SIGNAL and any other tags are
    dropped. Raises ``TimemlError`` for a stray ``<``/``&`` or TIMEX3 tags that do not pair.
    """
    chars: list[str] = []
    pieces: list[str] = []
    starts: list[int] = []
    timexes: list[tuple[int, int, dict[str, str], int]] = []
    open_timex: tuple[int, dict[str, str], int] | None = None
    position = 0
    while position < len(raw):
        match = _PIECE.match(raw, position)
        if match is None:
            raise TimemlError(f"stray {raw[position]!r} in <TEXT>", base_line + raw.count("\n", 0, position))
        if match.group("chars") is not None:
            for offset, char in enumerate(match.group("chars")):
                chars.append(char)
                pieces.append(char)
                starts.append(position + offset)
        elif match.group("ref") is not None:
            try:
                chars.append(resolve_reference(match.group("ref")))
            except TimemlError as error:
                raise TimemlError(str(error), base_line + raw.count("\n", 0, position)) from error
            pieces.append(match.group("ref"))
            starts.append(position)
        elif match.group("cdata") is not None:
            for offset, char in enumerate(match.group("cdata_text")):
                chars.append(char)
                pieces.append(escape_char(char))
                starts.append(position + 9 + offset)
        elif match.group("tag") is not None and match.group("name") == "TIMEX3":
            open_timex = handle_timex_tag(match, open_timex, len(chars), position, timexes, raw, base_line)
        position = match.end()
    if open_timex is not None:
        raise TimemlError("a TIMEX3 in <TEXT> is never closed", base_line + raw.count("\n", 0, open_timex[2]))
    starts.append(len(raw))
    return PlainText("".join(chars), tuple(pieces), tuple(starts), tuple(timexes))


def handle_timex_tag(match: re.Match, open_timex, plain_offset: int, position: int, timexes: list, raw: str, base_line: int):
    """Pair TIMEX3 start and end tags; returns the TIMEX3 still open after this tag."""
    line = base_line + raw.count("\n", 0, position)
    if match.group("close"):
        if open_timex is None:
            raise TimemlError("</TIMEX3> without a matching <TIMEX3>", line)
        start, attributes, raw_offset = open_timex
        timexes.append((start, plain_offset, attributes, raw_offset))
        return None
    if open_timex is not None:
        raise TimemlError("TIMEX3 inside another TIMEX3", line)
    attributes = parse_attributes(match.group("attrs"))
    if match.group("empty"):
        # An empty TIMEX3 (a non-consuming one, e.g. a computed beginPoint) covers no text:
        # it is not an extent to score.
        return None
    return (plain_offset, attributes, position)


def gold_timex(text: str, start: int, end: int, attributes: dict[str, str], values_by_tid: dict[str, str], line: int) -> Timex:
    """A gold TIMEX3 as a Timex; raises ``TimemlError`` for a type outside TimeML's four."""
    timex_type = attributes.get("type", "")
    if timex_type not in TIMEX_TYPES:
        raise TimemlError(f"TIMEX3 {attributes.get('tid', '?')} has type {timex_type!r}, not one of DATE, TIME, DURATION, SET", line)
    anchor_id = attributes.get("anchorTimeID")
    return Timex(
        span=(start, end),
        text=text[start:end],
        type=timex_type,  # type: ignore[arg-type]
        value=attributes.get("value", ""),
        mod=attributes.get("mod") or None,
        anchor=values_by_tid.get(anchor_id) if anchor_id else None,
        rule="gold",
        quant=attributes.get("quant") or None,
        freq=attributes.get("freq") or None,
    )


def escape_char(char: str) -> str:
    """How a plain character is written inside an XML text node."""
    return {"&": "&amp;", "<": "&lt;", ">": "&gt;"}.get(char, char)


def escape_text(text: str) -> str:
    """Escape plain text for an XML text node (``&``, ``<``, ``>``)."""
    return "".join(escape_char(char) for char in text)
