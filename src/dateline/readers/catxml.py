"""Reader for CAT XML: the token-level format of MEANTIME and of SemEval-2015 Task 4 (TimeLine).

A CAT document is a list of ``<token t_id sentence number>`` elements followed by
``<Markables>`` (mentions anchored to tokens through ``<token_anchor t_id>``, and token-less
instances such as ``<EVENT instance_id=...>``) and ``<Relations>`` (``TLINK``, ``REFERS_TO``,
``HAS_PARTICIPANT`` ... with ``<source m_id>``/``<target m_id>``).

The gold of these corpora names things by token: TimeLine mentions read
``docid-sentence-word`` and MEANTIME mentions are sets of token ids. So besides the ``Article``
(whose text is rebuilt from the tokens: one space between tokens, one newline between sentences)
the reader keeps the token table with each token's character span in that text, which is what
lets a system's character offsets be turned back into gold names. The creation time (the
``TIMEX3`` with ``functionInDocument="CREATION_TIME"``) becomes the article's metadata date.

Bad input never raises: ``read_cat_document`` returns a ``Problem`` naming the file (and line for
malformed XML).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ElementTree
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from dateline.readers.common import checked_date
from dateline.types import Article, Problem, Span

CREATION_TIME = "CREATION_TIME"
_ISO_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")


@dataclass(frozen=True)
class CatToken:
    """One token: its CAT id, sentence number, position in the document and span in the text."""

    t_id: str
    sentence: int
    number: int
    text: str
    span: Span


@dataclass(frozen=True)
class CatMarkable:
    """A markable anchored to tokens (``EVENT_MENTION``, ``ENTITY_MENTION``, ``TIMEX3`` ...).

    ``attributes`` keeps every XML attribute (factuality of events, value of timexes ...) as
    sorted ``(name, value)`` pairs so the object stays hashable.
    """

    m_id: str
    kind: str
    token_ids: tuple[str, ...]
    attributes: tuple[tuple[str, str], ...] = ()

    def attribute(self, name: str) -> str | None:
        return dict(self.attributes).get(name)


@dataclass(frozen=True)
class CatInstance:
    """A token-less markable standing for a real-world instance (``EVENT``, ``ENTITY`` ...).

    ``instance_id`` is the cross-document id when the annotators gave one, else ``None``.
    """

    m_id: str
    kind: str
    instance_id: str | None
    descriptor: str
    attributes: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class CatRelation:
    """A relation between markables: ``kind`` is the element name (``TLINK``, ``REFERS_TO`` ...)."""

    r_id: str
    kind: str
    sources: tuple[str, ...]
    targets: tuple[str, ...]
    attributes: tuple[tuple[str, str], ...] = ()

    def attribute(self, name: str) -> str | None:
        return dict(self.attributes).get(name)


@dataclass(frozen=True)
class CatDocument:
    """A CAT document: the rebuilt ``Article`` plus the token table and the gold annotation."""

    doc_id: str
    name: str
    article: Article
    tokens: tuple[CatToken, ...]
    markables: tuple[CatMarkable, ...] = ()
    instances: tuple[CatInstance, ...] = ()
    relations: tuple[CatRelation, ...] = ()
    dct: str | None = None


def read_catxml(path: str | Path) -> Article | Problem:
    """The article of a CAT XML file (text rebuilt from tokens, DCT as metadata date)."""
    document = read_cat_document(path)
    return document if isinstance(document, Problem) else document.article


def read_cat_document(path: str | Path) -> CatDocument | Problem:
    """Parse a CAT XML file completely; a ``Problem`` naming the file when it cannot be used."""
    origin = str(path)
    try:
        data = Path(path).read_bytes()
    except OSError as error:
        return Problem(origin, f"cannot read file: {error.strerror or error}")
    return parse_cat_document(data, origin)


def parse_cat_document(data: bytes | str, origin: str) -> CatDocument | Problem:
    """Parse CAT XML held in memory; ``origin`` names it in problems and in the article."""
    try:
        root = ElementTree.fromstring(data)
    except ElementTree.ParseError as error:
        line = error.position[0] if error.position else None
        return Problem(origin, f"not well-formed XML: {error}", line)
    if root.tag != "Document":
        return Problem(origin, f"not a CAT document: root element is <{root.tag}>, expected <Document>")
    tokens = _read_tokens(root)
    if isinstance(tokens, Problem):
        return Problem(origin, tokens.message)
    if not tokens:
        return Problem(origin, "CAT document has no <token> elements")
    known = {token.t_id for token in tokens}
    markables, instances, warnings = _read_markables(root, known)
    relations = _read_relations(root)
    dct = _creation_time(markables)
    doc_id = root.get("doc_id") or Path(origin).stem
    article = Article(
        id=doc_id,
        text=_rebuild_text(tokens),
        origin=origin,
        url=root.get("url") or root.get("src_url"),
        metadata_date=_iso_day(dct),
        warnings=tuple(warnings),
    )
    return CatDocument(
        doc_id=doc_id,
        name=root.get("doc_name") or doc_id,
        article=article,
        tokens=tokens,
        markables=markables,
        instances=instances,
        relations=relations,
        dct=dct,
    )


def _read_tokens(root: ElementTree.Element) -> tuple[CatToken, ...] | Problem:
    """Tokens in document order with their spans in the rebuilt text.

    Spans are computed here, in the same pass that fixes the text layout (``_rebuild_text``
    must agree: single space inside a sentence, newline between sentences).
    """
    raw = []
    for element in root.iter("token"):
        t_id, sentence = element.get("t_id"), element.get("sentence")
        if t_id is None or sentence is None or not sentence.lstrip("-").isdigit():
            return Problem("", f"token {t_id or '?'} lacks a t_id or a numeric sentence attribute")
        number = element.get("number")
        raw.append((t_id, int(sentence), int(number) if number and number.isdigit() else len(raw),
                    _clean_token_text(element.text)))
    tokens, offset, previous_sentence = [], 0, None
    for t_id, sentence, number, text in raw:
        if previous_sentence is not None:
            offset += 1  # the space or the newline before this token
        tokens.append(CatToken(t_id, sentence, number, text, (offset, offset + len(text))))
        offset += len(text)
        previous_sentence = sentence
    return tuple(tokens)


def _clean_token_text(text: str | None) -> str:
    """Token text without whitespace inside (it would break the one-space layout); never empty."""
    cleaned = re.sub(r"\s+", "_", (text or "").strip())
    return cleaned or "_"


def _rebuild_text(tokens: tuple[CatToken, ...]) -> str:
    parts = []
    for index, token in enumerate(tokens):
        if index:
            parts.append("\n" if token.sentence != tokens[index - 1].sentence else " ")
        parts.append(token.text)
    return "".join(parts)


def _sorted_attributes(element: ElementTree.Element) -> tuple[tuple[str, str], ...]:
    return tuple(sorted(element.attrib.items()))


def _read_markables(root: ElementTree.Element, known: set[str]):
    """Anchored markables and token-less instances; unknown token anchors become warnings."""
    markables, instances, warnings = [], [], []
    section = root.find("Markables")
    if section is None:
        return (), (), []
    for element in section:
        m_id = element.get("m_id", "")
        anchors = tuple(a.get("t_id", "") for a in element.iter("token_anchor"))
        if "instance_id" in element.attrib or ("TAG_DESCRIPTOR" in element.attrib and not anchors):
            instances.append(CatInstance(
                m_id=m_id,
                kind=element.tag,
                instance_id=element.get("instance_id") or None,
                descriptor=element.get("TAG_DESCRIPTOR", ""),
                attributes=_sorted_attributes(element),
            ))
            continue
        missing = [t for t in anchors if t not in known]
        if missing:
            warnings.append(f"{element.tag} {m_id}: token anchors {', '.join(missing)} not in the document")
        markables.append(CatMarkable(
            m_id=m_id,
            kind=element.tag,
            token_ids=tuple(t for t in anchors if t in known),
            attributes=_sorted_attributes(element),
        ))
    return tuple(markables), tuple(instances), warnings


def _read_relations(root: ElementTree.Element) -> tuple[CatRelation, ...]:
    section = root.find("Relations")
    if section is None:
        return ()
    return tuple(
        CatRelation(
            r_id=element.get("r_id", ""),
            kind=element.tag,
            sources=tuple(s.get("m_id", "") for s in element.findall("source")),
            targets=tuple(t.get("m_id", "") for t in element.findall("target")),
            attributes=_sorted_attributes(element),
        )
        for element in section
    )


def _creation_time(markables: tuple[CatMarkable, ...]) -> str | None:
    for markable in markables:
        if markable.kind == "TIMEX3" and markable.attribute("functionInDocument") == CREATION_TIME:
            return markable.attribute("value")
    return None


def _iso_day(value: str | None) -> date | None:
    """The calendar day of a TimeML value such as ``2010-06-08`` (``None`` if it names no day)."""
    match = _ISO_DAY.match(value or "")
    return checked_date(*match.groups()) if match else None


# --- naming and lookup, shared by the timeline and merge evaluations -------------------------


def token_index(document: CatDocument) -> dict[str, CatToken]:
    """Tokens by ``t_id``."""
    return {token.t_id: token for token in document.tokens}


def mention_name(document: CatDocument, tokens: tuple[CatToken, ...] | list[CatToken]) -> str:
    """The TimeLine name of a mention: ``docid-sentence-word`` (words joined with ``_``).

    The sentence is that of the first token, as in the SemEval-2015 Task 4 gold.
    """
    ordered = sorted(tokens, key=lambda token: token.number)
    words = "_".join(token.text for token in ordered)
    return f"{document.doc_id}-{ordered[0].sentence}-{words}"


def tokens_in_span(document: CatDocument, span: Span) -> tuple[CatToken, ...]:
    """Tokens whose characters overlap ``span`` (a character range of the rebuilt text)."""
    start, end = span
    return tuple(t for t in document.tokens if t.span[0] < end and start < t.span[1])


def markables_of_kind(document: CatDocument, kind: str) -> tuple[CatMarkable, ...]:
    """Anchored markables of one kind (e.g. ``EVENT_MENTION``) that have at least one token."""
    return tuple(m for m in document.markables if m.kind == kind and m.token_ids)


def event_instances(document: CatDocument) -> dict[str, str]:
    """Gold event instance of each anchored ``EVENT_MENTION``: ``m_id -> instance key``.

    ``REFERS_TO`` relations link mentions to an ``EVENT`` instance; its ``instance_id`` is the
    cross-document key. An instance without one is local to the document
    (``docid#m_id``), and a mention referring to nothing is its own instance.
    """
    events = {i.m_id: i for i in document.instances if i.kind == "EVENT"}
    refers = {}
    for relation in document.relations:
        if relation.kind != "REFERS_TO":
            continue
        for target in relation.targets:
            if target in events:
                for source in relation.sources:
                    refers[source] = target
    keys = {}
    for mention in markables_of_kind(document, "EVENT_MENTION"):
        target = refers.get(mention.m_id)
        if target is None:
            keys[mention.m_id] = f"{document.doc_id}#{mention.m_id}"
        else:
            keys[mention.m_id] = events[target].instance_id or f"{document.doc_id}#{target}"
    return keys


def read_cat_directory(directory: Path) -> tuple[list[CatDocument], list[Problem]]:
    """Every ``*.xml`` CAT document of ``directory`` in name order, and the problems met.

    A directory that does not exist is one problem naming it.
    """
    directory = Path(directory)
    if not directory.is_dir():
        return [], [Problem(str(directory), "not a directory")]
    documents: list[CatDocument] = []
    problems: list[Problem] = []
    for path in sorted(directory.glob("*.xml")):
        document = read_cat_document(path)
        if isinstance(document, Problem):
            problems.append(document)
        else:
            documents.append(document)
    if not documents and not problems:
        problems.append(Problem(str(directory), "no CAT XML document (*.xml) found"))
    return documents, problems
