"""The modality of an event clause: asserted, planned, negated, hypothetical or demanded.

Read from the trigger's own auxiliaries and negators and from the words that govern it, in this
order of strength: a negation wins ("will not meet" did not happen as far as the text says), then
a demand ("must be finalized", "urged X to withdraw"), a condition or possibility ("could meet",
"if talks resume"), a plan ("will travel", "plans to visit", "the upcoming summit"), else the
clause is asserted. "would" is the future of the past under a past reporting verb ("said he
would visit": planned) and hypothetical elsewhere.
"""

from __future__ import annotations

from spacy.tokens import Token

from dateline.events.lexicon import cues
from dateline.types import Modality

# Steps up the tree through which a governing word sets the modality ("plans [xcomp] to visit",
# "the invitation [acl] to travel", "urged [xcomp] to withdraw").
CONTROL_DEPS = frozenset({"xcomp", "acl", "ccomp", "pcomp", "pobj", "prep", "dobj", "advcl", "attr"})
MAX_STEPS = 3


def _aux_words(token: Token) -> set[str]:
    """The auxiliaries, negators and marks attached to the trigger (or, for "be able to", its head)."""
    return {c.lower_ for c in token.children if c.dep_ in {"aux", "auxpass", "neg", "mark", "advmod", "det"}}


def _is_negated(token: Token) -> bool:
    words = cues()
    for child in token.children:
        if child.dep_ == "neg" or (child.dep_ in {"advmod", "det", "aux"} and child.lower_ in words.negation_words):
            return True
    return False


def _has_modal(token: Token, modals: frozenset[str]) -> bool:
    return any(c.dep_ in {"aux", "auxpass"} and (c.lower_ in modals or c.lemma_.lower() in modals)
               for c in token.children)


def _has_to_obligation(token: Token) -> bool:
    """'have to', 'need to', 'has got to' govern the trigger: an obligation."""
    head = token.head
    return (token.dep_ == "xcomp" and head.lemma_.lower() in {"have", "need", "got"}
            and any(c.dep_ == "aux" and c.tag_ == "TO" for c in token.children))


def _is_conditional(token: Token) -> bool:
    """The clause is a condition ("if they attack") or has one ("will withdraw unless ...")."""
    marks = cues().conditional_marks
    node = token
    for _ in range(MAX_STEPS):
        if any(c.dep_ == "mark" and c.lower_ in marks for c in node.children):
            return True
        if any(c.dep_ == "advcl" and any(g.dep_ == "mark" and g.lower_ in marks for g in c.children)
               for c in node.children):
            return True
        if node.dep_ not in {"conj", "xcomp"} or node.head.i == node.i:
            return False
        node = node.head
    return False


def _under_past_report(token: Token) -> bool:
    """Whether the clause is the complement of a past-tense verb ("said he would come")."""
    head = token.head
    return token.dep_ in {"ccomp", "conj"} and head.tag_ in {"VBD", "VBN"}


def _governing_words(token: Token) -> list[Token]:
    """Words that govern the trigger through control steps, nearest first."""
    found, node = [], token
    for _ in range(MAX_STEPS):
        if node.dep_ not in CONTROL_DEPS or node.head.i == node.i:
            break
        node = node.head
        found.append(node)
    return found


def _modifier_words(token: Token) -> set[str]:
    return {c.lemma_.lower() for c in token.children if c.dep_ in {"amod", "compound", "advmod"}}


def has_obligation(token: Token) -> bool:
    """The trigger itself carries an obligation: "must", "should", "have to", "need to"."""
    return _has_modal(token, cues().demanded_aux) or _has_to_obligation(token)


def has_future_or_modal(token: Token) -> bool:
    """Any future or modal auxiliary on the trigger ("will not accept", "would not meet", "cannot")."""
    words = cues()
    return _has_modal(token, words.planned_aux | words.hypothetical_aux) or _is_going_to(token)


def is_conditional(token: Token) -> bool:
    return _is_conditional(token)


def modality_of(token: Token, composed_with: Token | None = None) -> Modality:
    """The modality of the clause whose trigger is ``token``.

    ``composed_with`` is the governed act when the trigger was composed ("threatened to strike"):
    the threat itself is asserted, whatever the modality of the act threatened.
    """
    words = cues()
    if _is_negated(token):
        return "negated"
    if _has_modal(token, words.demanded_aux) or _has_to_obligation(token):
        return "demanded"
    if _is_conditional(token):
        return "hypothetical"
    if _has_modal(token, words.hypothetical_aux):
        if _has_modal(token, frozenset({"would"})) and _under_past_report(token):
            return "planned"
        return "hypothetical"
    if _has_modal(token, words.planned_aux) or _is_going_to(token):
        return "planned"
    if token.pos_ == "NOUN" and _modifier_words(token) & words.planned_modifiers:
        return "planned"
    return _governed_modality(token)


def _is_going_to(token: Token) -> bool:
    head = token.head
    return token.dep_ == "xcomp" and head.lower_ == "going" and any(
        c.dep_ == "aux" and c.lemma_ == "be" for c in head.children)


def _governed_modality(token: Token) -> Modality:
    """The modality a governing word imposes: "failed to", "urged to", "may consider", "plans to"."""
    words = cues()
    for head in _governing_words(token):
        lemma = head.lemma_.lower()
        if lemma in words.negating_heads and token.dep_ in {"xcomp", "dobj", "pcomp", "pobj"}:
            return "negated"
        if lemma in words.demanding_heads and token.dep_ in {"xcomp", "dobj", "pobj"}:
            return "demanded"
        if lemma in words.demanding_that_heads and token.dep_ == "ccomp":
            return "demanded"
        if lemma in words.hypothetical_heads:
            return "hypothetical"
        if lemma in words.planning_heads:
            return "planned"
        if head.pos_ in {"VERB", "AUX"}:
            break
    return "asserted"
