"""Who says so: the reporting clause that governs an event clause.

An event is attributed to a source when its clause is the complement of a reporting verb ("X will
travel, the Department of State said"; "Efe reported"; "said Pompeo on Twitter"; "the statement
read"), or when "according to X" hangs on it. The attribution text covers the reporting verb, its
subject and the verb's own prepositional phrases ("said in a communique on Wednesday"); an event
in the author's own voice has no attribution.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from dateline.events.lexicon import cues
from dateline.types import Attribution

SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
# How an event clause hangs under its reporting verb ("said [ccomp] that X met").
COMPLEMENT_DEPS = frozenset({"ccomp", "parataxis", "xcomp", "dobj", "conj", "advcl"})
# How a reporting verb hangs under the event clause it reports (inverted order, "X met, Efe said").
INVERTED_DEPS = frozenset({"parataxis", "ccomp", "advcl", "conj"})
MAX_STEPS = 4


@dataclass(frozen=True)
class ReportingClause:
    """A reporting verb with its subject (the source) and the text span to show."""

    verb: Token
    subject: Token | None
    span: tuple[int, int]  # character offsets of the attribution text

    def attribution(self, text: str) -> Attribution:
        """The Attribution value; ``text`` is the document text (read once by the caller)."""
        source = subject_text(self.subject) if self.subject is not None else None
        return Attribution(text=text[self.span[0]:self.span[1]], span=self.span, source=source)


def is_reporting_verb(token: Token) -> bool:
    return token.pos_ in {"VERB", "AUX"} and token.lemma_.lower() in cues().reporting_verbs


def subject_of(verb: Token) -> Token | None:
    for child in verb.children:
        if child.dep_ in SUBJECT_DEPS:
            return child
    return None


def subject_text(subject: Token) -> str:
    """The subject's phrase without trailing prepositional phrases ("Pompeo", not "Pompeo on Twitter")."""
    tokens = [t for t in subject.subtree if t.i == subject.i or not _inside_prep(t, subject)]
    return subject.doc[tokens[0].i:tokens[-1].i + 1].text


def _inside_prep(token: Token, root: Token) -> bool:
    node = token
    while node.i != root.i:
        if node.dep_ in {"prep", "relcl", "acl", "punct"}:
            return True
        node = node.head
    return False


def clause_span(verb: Token, reported: Token | None) -> tuple[int, int]:
    """The reporting verb, its subject and its own modifiers, leaving out the reported clause."""
    keep = [verb]
    for child in verb.children:
        if reported is not None and (child.i == reported.i or reported.i in {t.i for t in child.subtree}):
            continue
        if child.dep_ in SUBJECT_DEPS or child.dep_ in {"prep", "npadvmod", "neg", "aux", "agent", "dative", "dobj"}:
            keep.extend(child.subtree)
    keep = [t for t in keep if not t.is_punct or t.i == verb.i]
    first = min(keep, key=lambda t: t.i)
    last = max(keep, key=lambda t: t.i)
    return first.idx, last.idx + len(last)


def reporting_clause_for(token: Token) -> ReportingClause | None:
    """The reporting clause governing the clause of ``token``, or None (author's voice).

    Walks up the parse from the trigger; when the parse is broken (quotes often break it), a
    sentence whose root is a reporting verb with a subject still governs everything outside
    that subject.
    """
    return _walk_up(token) or _reporting_root(token)


def _reporting_root(token: Token) -> ReportingClause | None:
    root = token.sent.root
    subject = subject_of(root)
    if root.i == token.i or subject is None or not is_reporting_verb(root):
        return None
    if token.i in {t.i for t in subject.subtree}:
        return None
    reported = token
    while reported.head.i != root.i and reported.head.i != reported.i:
        reported = reported.head
    return ReportingClause(root, subject, clause_span(root, reported))


def _walk_up(token: Token) -> ReportingClause | None:
    node = token
    for _ in range(MAX_STEPS):
        according = _according_to(node)
        if according is not None:
            return according
        for child in node.children:
            if child.dep_ in INVERTED_DEPS and child.i > token.i and is_reporting_verb(child) \
                    and subject_of(child) is not None:
                return ReportingClause(child, subject_of(child), clause_span(child, node))
        if node.head.i == node.i:
            return None
        if node.dep_ in COMPLEMENT_DEPS and is_reporting_verb(node.head):
            verb = node.head
            return ReportingClause(verb, subject_of(verb), clause_span(verb, node))
        if node.dep_ not in COMPLEMENT_DEPS | {"xcomp", "acl", "prep", "pobj", "pcomp", "dobj", "relcl"}:
            return None
        node = node.head
    return None


def _according_to(node: Token) -> ReportingClause | None:
    for child in node.children:
        if child.dep_ != "prep":
            continue
        for phrase in cues().attribution_phrases:
            if child.lower_ == phrase[0] and len(phrase) > 1:
                rest = [g for g in child.children if g.lower_ == phrase[1]]
                anchor = rest[0] if rest else (child if child.lower_ == phrase[-1] else None)
                if anchor is None and child.nbor(1).lower_ == phrase[1] if child.i + 1 < len(child.doc) else False:
                    anchor = child.nbor(1)
                if anchor is None:
                    continue
                source = next((g for g in anchor.subtree if g.dep_ == "pobj"), None)
                tokens = list(child.subtree)
                span = (tokens[0].idx, tokens[-1].idx + len(tokens[-1]))
                return ReportingClause(child, source, span)
    return None


def attribution_for(token: Token) -> Attribution | None:
    """The attribution of the event whose trigger is ``token``; None for the author's voice."""
    clause = reporting_clause_for(token)
    if clause is None or clause.verb.i == token.i:
        return None
    doc = token.doc
    span = doc.char_span(clause.span[0], clause.span[1], alignment_mode="expand")
    text = span.text if span is not None else ""
    return Attribution(text=text, span=clause.span,
                       source=subject_text(clause.subject) if clause.subject is not None else None)
