"""Which tokens are the actor and the recipient of a trigger.

Pure dependency-tree reading, no resolution: the actor is the subject (the "by" agent of a
passive, the subject inherited by an infinitive or a conjoined verb, the possessor or nationality
adjective of an eventive noun, the subject of the verb whose object the noun is); the recipient is
the direct object or passive subject (unless the object is the thing the entry names, as in "signed
a declaration") and the objects of the entry's recipient prepositions. Conjuncts are expanded
("Trump and Kim"). The actor resolver of ``dateline.events.actors`` turns these tokens into actors.
"""

from __future__ import annotations

from spacy.tokens import Token

from dateline.events.triggers import Trigger

SUBJECT_DEPS = frozenset({"nsubj", "csubj"})
INHERIT_SUBJECT_DEPS = frozenset({"xcomp", "conj", "advcl", "acl", "pcomp"})
RELATIVE_PRONOUNS = frozenset({"who", "which", "that", "whom"})
ACTOR_ENTITY_TYPES = frozenset({"GPE", "NORP", "ORG", "PERSON"})
MAX_STEPS = 3
# Composed codes whose target is the one asked to act (the subject of the governed clause).
ASKING_TABLES = frozenset({"demand", "appeal", "order"})


def _conjuncts(token: Token) -> list[Token]:
    """The token and the tokens conjoined to it ("Trump and Kim")."""
    found = [token]
    for child in token.children:
        if child.dep_ == "conj" and child.pos_ in {"PROPN", "NOUN", "PRON"}:
            found.extend(_conjuncts(child))
    return found


def _outside(token: Token, skip: tuple[int, int] | None) -> bool:
    return not (skip and skip[0] <= token.idx < skip[1])


def _story_subject(subject: Token, skip: tuple[int, int] | None) -> Token | None:
    """A subject inside the dateline ("United Nations, Sep 27 (IANS) US Secretary ... Pompeo")
    is a parse error: its apposition outside the dateline is the real subject."""
    if _outside(subject, skip):
        return subject
    for child in subject.children:
        if child.dep_ == "appos" and _outside(child, skip):
            return child
    return None


def subject_of(verb: Token, skip: tuple[int, int] | None = None) -> Token | None:
    for child in verb.children:
        if child.dep_ in SUBJECT_DEPS:
            if child.lower_ in RELATIVE_PRONOUNS and verb.dep_ == "relcl":
                return verb.head
            return _story_subject(child, skip)
    for child in verb.children:
        if child.dep_ == "agent":
            return next((g for g in child.children if g.dep_ == "pobj"), None)
    return None


def _left_subject(verb: Token, skip: tuple[int, int] | None) -> Token | None:
    """A finite verb the parser left without a subject ("At the summit in Singapore, Trump and
    Kim signed" parses Trump as a conjunct of Singapore): the run of names right before it."""
    if verb.dep_ not in {"ROOT", "ccomp", "advcl"} or verb.tag_ not in {"VBD", "VBZ", "VBP"}:
        return None
    run: list[Token] = []
    index = verb.i - 1
    while index >= verb.sent.start:
        token = verb.doc[index]
        if token.pos_ in {"AUX", "ADV", "PART"} and not run:
            index -= 1
            continue
        if token.pos_ not in {"PROPN", "NOUN", "CCONJ", "PUNCT"} or token.lower_ in {",", ";", ":"}:
            break
        run.append(token)
        index -= 1
    heads = [t for t in run if t.pos_ in {"PROPN", "NOUN"} and t.dep_ != "compound"]
    if not heads or not _outside(heads[-1], skip):
        return None
    return min(heads, key=lambda t: t.i)


def _inherited_subject(token: Token, skip: tuple[int, int] | None) -> Token | None:
    node = token
    for _ in range(MAX_STEPS):
        if node.dep_ not in INHERIT_SUBJECT_DEPS or node.head.i == node.i:
            return None
        node = node.head
        if node.pos_ == "NOUN" and node.dep_ in {"dobj", "pobj"}:
            # "accepted Kim's invitation to travel": the one who accepts travels.
            node = node.head if node.dep_ == "dobj" else node.head.head
        if node.pos_ in {"VERB", "AUX", "ADJ"}:
            found = subject_of(node, skip)
            if found is not None:
                return found
    return None


def _noun_actor(noun: Token, actor_preps: frozenset[str], skip: tuple[int, int] | None) -> Token | None:
    for child in noun.children:
        if child.dep_ == "poss":
            return child
    for child in noun.children:
        if child.dep_ in {"prep", "agent"} and (child.lower_ == "by" or child.lower_ in actor_preps):
            return next((g for g in child.children if g.dep_ == "pobj"), None)
    for child in noun.children:
        # "Israeli strikes", "NATO raids", "US sanctions"; a person named before the noun is
        # more often its target ("the Bin Laden investigation")
        if child.dep_ in {"compound", "amod", "nmod"} and child.ent_type_ in ACTOR_ENTITY_TYPES - {"PERSON"}:
            return child
    if noun.dep_ in {"dobj", "nsubjpass"} and noun.head.pos_ == "VERB":
        return subject_of(noun.head, skip)
    return None


def actor_tokens(trigger: Trigger, skip: tuple[int, int] | None = None) -> list[Token]:
    """The tokens naming who acts, conjuncts expanded, in text order."""
    token = trigger.token
    if trigger.entry.pos == "noun":
        found = _noun_actor(token, trigger.entry.actor_preps, skip)
    elif trigger.entry.pos == "adj":
        found = subject_of(token.head, skip) if token.dep_ in {"acomp", "amod", "xcomp"} else None
    else:
        found = subject_of(token, skip) or _inherited_subject(token, skip)
        if found is None:
            return _left_run(token, skip)
    if found is None or _is_eventive(found):
        return []
    return sorted(_conjuncts(found), key=lambda t: t.i)


def _is_eventive(token: Token) -> bool:
    """An event noun as subject ("the bombings killed 200 people") is no actor."""
    from dateline.events.triggers import entry_for

    entry = entry_for(token) if token.pos_ == "NOUN" else None
    return entry is not None and entry.pos == "noun" and entry.cameo[:2] not in {"14"}


def _left_run(verb: Token, skip: tuple[int, int] | None) -> list[Token]:
    first = _left_subject(verb, skip)
    if first is None:
        return []
    return [t for t in verb.doc[first.i:verb.i] if t.pos_ in {"PROPN", "NOUN"} and t.dep_ != "compound"]


def _pobjs(token: Token, preps: frozenset[str]) -> list[Token]:
    found = []
    for child in token.children:
        if child.dep_ in {"prep", "dative"} and child.lower_ in preps:
            for grandchild in child.children:
                if grandchild.dep_ == "pobj":
                    found.extend(_conjuncts(grandchild))
    return found


def _is_party(token: Token, compose: str | None) -> bool:
    """Whether a direct object names a party rather than the thing done.

    For composing verbs the object is usually the content ("demanded progress"), so it is a party
    only when it is a name or a pronoun, or when an infinitive follows ("urged Israel to withdraw").
    """
    if token.pos_ not in {"PROPN", "NOUN", "PRON"}:
        return False
    if compose is None:
        return True
    if token.pos_ in {"PROPN", "PRON"} or token.ent_type_ in ACTOR_ENTITY_TYPES:
        return True
    return any(s.dep_ in {"xcomp", "ccomp"} and s.i > token.i for s in token.head.children)


def between_tokens(trigger: Trigger) -> list[Token]:
    """The parties of "talks between X and Y" (the first acts when nothing else does)."""
    return _pobjs(trigger.token, frozenset({"between"}))


def recipient_tokens(trigger: Trigger) -> list[Token]:
    """The tokens naming who is acted on, conjuncts expanded, in text order."""
    token = trigger.token
    entry = trigger.entry
    found: list[Token] = []
    governed = trigger.governed.token if trigger.governed else None
    if entry.pos == "verb":
        for child in token.children:
            if child.dep_ == "nsubjpass" or child.dep_ == "dative" and child.pos_ != "ADP":
                found.extend(_conjuncts(child))
            elif child.dep_ in {"dobj", "obj"} and not entry.objects and \
                    (governed is None or child.i != governed.i) and _is_party(child, entry.compose):
                found.extend(_conjuncts(child))
    found.extend(_pobjs(token, entry.recipient_preps))
    if trigger.governed is not None:
        asked = subject_of(trigger.governed.token) if trigger.entry.compose in ASKING_TABLES else None
        if asked is not None and asked.i != token.i and asked.pos_ != "PRON" or \
                asked is not None and not found:
            # "demanded that the US cancel the sale to Taiwan": the US is asked, not Taiwan
            found.extend(_conjuncts(asked))
        else:
            found.extend(recipient_tokens(trigger.governed))
    unique = {t.i: t for t in found}
    return [unique[i] for i in sorted(unique)]
