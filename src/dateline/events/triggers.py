"""Finding event triggers in a parsed sentence and typing them from the lexicon.

Finding is separate from writing mentions: ``find_triggers`` returns ``Trigger`` values (the
token, the lexicon entry that matched, the CAMEO code, and the act it governs when the code was
composed), so the typing can be tested without actors, places or times.

A trigger is a verb, an adjective ("ready to", "willing to") or an eventive noun ("talks",
"sanctions"). Entries with conditions ("sign" + agreement, "call" + for) are tried before bare
ones. When a trigger governs another ("agreed to withdraw", "demanded talks") the pair becomes one
trigger whose code comes from a composition table, and the governed act is consumed.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from spacy.tokens import Span, Token

from dateline.events.lexicon import LexEntry, lexicon

OBJECT_DEPS = frozenset({"dobj", "nsubjpass", "attr", "oprd", "obj"})
PREP_DEPS = frozenset({"prep", "prt", "agent", "dative"})
NOUN_MODIFIER_DEPS = frozenset({"compound", "amod", "nmod", "npadvmod"})
# A participle used as a modifier ("alleged mastermind", "accused killer") reports no event.
MODIFIER_DEPS = frozenset({"amod", "compound", "nmod"})
# Dependency steps through which a trigger governs another act ("agreed [xcomp] to withdraw",
# "demanded [dobj] the withdrawal", "called [prep] for [pobj] talks").
GOVERNING_DEPS = frozenset({"xcomp", "ccomp", "dobj", "pobj", "prep", "pcomp", "acl", "attr",
                            "nsubjpass"})
# A purpose clause of the same kind repeats its head's event ("met ... to discuss the summit").
PURPOSE_DEPS = frozenset({"advcl", "acl", "xcomp"})
MAX_GOVERNING_STEPS = 3


@dataclass(frozen=True)
class Trigger:
    """A token that reports an event, with the entry that typed it."""

    token: Token
    entry: LexEntry
    cameo: str
    governed: "Trigger | None" = None
    refined: bool = False

    @property
    def rule(self) -> str:
        """Where the code came from: the entry, the governed act's entry, a weapon refinement."""
        base = f"lex:{self.entry.id}"
        if self.governed:
            base = f"{base}+{self.governed.entry.id}"
        return f"{base}+refine:{self.cameo}" if self.refined else base


def pos_class(token: Token) -> str | None:
    """The lexicon's part-of-speech class of a token, or None for words that never trigger.

    Asked of every token: ``pos_`` (a string store look-up each time) is read once."""
    pos = token.pos_
    if pos == "VERB":
        return "verb"
    if pos == "NOUN":
        return "noun"
    if pos == "ADJ":
        return "adj"
    if pos == "PROPN" and token.tag_ in {"NNS", "NN"}:
        return "noun"
    return None


def lemmas_of(token: Token) -> tuple[str, ...]:
    """The lemma and, when it differs, the lower-cased form ("talks" is both talk and talks)."""
    lemma, lower = token.lemma_.lower(), token.lower_
    return (lemma,) if lemma == lower else (lemma, lower)


def object_words(token: Token, entry_pos: str) -> set[str]:
    """Words that can satisfy an entry's `objects` condition.

    For verbs: the direct object or passive subject, their compounds, their conjuncts, the object
    of their "of" ("a state of emergency") and the objects of the verb's prepositions ("agree on
    a deal"). For nouns: the noun's modifiers ("hunger strike", "car bomb").
    """
    words: set[str] = set()
    if entry_pos == "noun":
        for child in token.children:
            if child.dep_ in NOUN_MODIFIER_DEPS:
                words.update(lemmas_of(child))
        return words
    heads = [c for c in token.children if c.dep_ in OBJECT_DEPS]
    # "declined to comment": the infinitive names what is declined
    words.update(w for c in token.children if c.dep_ == "xcomp" for w in lemmas_of(c))
    for prep in (c for c in token.children if c.dep_ in PREP_DEPS):
        heads.extend(g for g in prep.children if g.dep_ == "pobj")
    for head in list(heads):
        heads.extend(c for c in head.children if c.dep_ == "conj")
    for head in heads:
        words.update(_phrase_words(head))
        for child in head.children:
            if child.dep_ == "prep" and child.lower_ == "of":
                # "a state of emergency", "part of a military aid program"
                for pobj in (g for g in child.children if g.dep_ == "pobj"):
                    words.update(_phrase_words(pobj))
    return words


def _phrase_words(head: Token) -> set[str]:
    """A noun's lemmas with those of its compounds and adjectives ("hunger strike")."""
    words = set(lemmas_of(head))
    for child in head.children:
        if child.dep_ in {"compound", "amod"}:
            words.update(lemmas_of(child))
    return words


def subject_words(token: Token) -> set[str]:
    """The subject's words ("peacekeeping troops arrived", "the first deployment of troops
    arrived"), for entries with `subjects`."""
    for child in token.children:
        if child.dep_ in {"nsubj", "nsubjpass"}:
            words = _phrase_words(child)
            for prep in (g for g in child.children if g.dep_ == "prep" and g.lower_ == "of"):
                for pobj in (g for g in prep.children if g.dep_ == "pobj"):
                    words.update(_phrase_words(pobj))
            return words
    return set()


def is_clausal(token: Token) -> bool:
    """Whether the verb reports a clause ("protested that ...", "..., the group protested")."""
    if any(c.dep_ in {"ccomp", "parataxis"} for c in token.children):
        return True
    return token.dep_ in {"parataxis", "ccomp"} and token.head.i < token.i and any(
        c.dep_ == "nsubj" for c in token.children)


def prep_words(token: Token) -> set[str]:
    return {c.lower_ for c in token.children if c.dep_ in PREP_DEPS}


def has_direct_object(token: Token) -> bool:
    return any(c.dep_ in {"dobj", "obj"} for c in token.children)


def matches(entry: LexEntry, token: Token) -> bool:
    """Whether the entry's conditions hold for this token."""
    if entry.needs_object and not has_direct_object(token):
        return False
    if entry.preps and not entry.preps & prep_words(token):
        return False
    if entry.objects and not entry.objects & object_words(token, entry.pos):
        return False
    if entry.subjects and not entry.subjects & subject_words(token):
        return False
    if entry.clausal and not is_clausal(token):
        return False
    return True


def entry_for(token: Token) -> LexEntry | None:
    """The first lexicon entry (specific before bare) whose conditions hold for the token.

    A matching blocker ("met expectations", "released a statement", "the earthquake struck")
    means the word is no event here."""
    pos = pos_class(token)
    if pos is None or (pos == "verb" and token.dep_ in MODIFIER_DEPS):
        return None
    lex = lexicon()
    for lemma in lemmas_of(token):
        for entry in lex.candidates(pos, lemma):
            if matches(entry, token):
                return None if entry.block else entry
    return None


def governs(upper: Token, lower: Token) -> bool:
    """Whether ``lower`` hangs under ``upper`` through complement-like steps only."""
    node = lower
    for _ in range(MAX_GOVERNING_STEPS):
        if node.dep_ not in GOVERNING_DEPS or node.head.i == node.i:
            return False
        node = node.head
        if node.i == upper.i:
            return True
    return False


def _compose(triggers: list[Trigger]) -> list[Trigger]:
    """Fold each governed act into its composing trigger ("threatened to strike" is one threat)."""
    lex = lexicon()
    consumed: set[int] = set()
    result: list[Trigger] = []
    for trigger in triggers:
        table = lex.compose.get(trigger.entry.compose) if trigger.entry.compose else None
        if table is None:
            result.append(trigger)
            continue
        governed = next((t for t in triggers if t is not trigger and t.token.i not in consumed
                         and governs(trigger.token, t.token)), None)
        if governed is None:
            result.append(trigger)
            continue
        consumed.add(governed.token.i)
        if table.name == "intent" and is_hostile(governed.cameo):
            # An intention to do harm is a threat ("prepared to impose martial law").
            table = lex.compose["threaten"]
        result.append(replace(trigger, cameo=table.code_for(governed.cameo), governed=governed))
    return [t for t in result if t.token.i not in consumed]


def is_hostile(cameo: str) -> bool:
    """Acts of force, coercion, sanctions and protest (CAMEO 14 to 20)."""
    return int(cameo[:2]) >= 14


def is_cooperative(cameo: str) -> bool:
    """Acts of support, material cooperation, aid and concession (CAMEO 05 to 08)."""
    return 5 <= int(cameo[:2]) <= 8


def _drop_objects_of_specific_verbs(triggers: list[Trigger]) -> list[Trigger]:
    """A noun that satisfied a verb's `objects` condition is part of that verb's trigger.

    "signed a declaration", "held talks", "imposed sanctions": one event, typed by the verb entry.
    """
    covered: set[int] = set()
    for trigger in triggers:
        if trigger.entry.pos != "noun" and trigger.entry.objects:
            for child in trigger.token.children:
                if child.dep_ in OBJECT_DEPS:
                    covered.add(child.i)
                if child.dep_ in PREP_DEPS:
                    covered.update(g.i for g in child.children if g.dep_ == "pobj")
    return [t for t in triggers if t.token.i not in covered]


def _drop_repeated_purposes(triggers: list[Trigger]) -> list[Trigger]:
    """Drop "to discuss" after "met": a purpose clause with its head's CAMEO root adds no event."""
    roots = {t.token.i: t.cameo[:2] for t in triggers}
    return [t for t in triggers
            if not (t.token.dep_ in PURPOSE_DEPS and is_infinitive(t.token)
                    and roots.get(t.token.head.i) == t.cameo[:2])]


def is_infinitive(token: Token) -> bool:
    return any(c.dep_ == "aux" and c.tag_ == "TO" for c in token.children)


def _refine(triggers: list[Trigger]) -> list[Trigger]:
    """Let the weapon refine acts of violence (see `refine` in verbs.yaml)."""
    rules = lexicon().refine
    refined = []
    for trigger in triggers:
        if trigger.cameo[:2] in {"18", "19", "20"}:
            words = [t.lower_ for t in trigger.token.subtree]
            rule = next((r for r in rules if r.applies(trigger.cameo, words)), None)
            if rule is not None and rule.cameo != trigger.cameo:
                trigger = replace(trigger, cameo=rule.cameo, refined=True)
        refined.append(trigger)
    return refined


def find_triggers(sentence: Span, skip: tuple[int, int] | None = None) -> list[Trigger]:
    """All triggers of one sentence, composed, in text order.

    ``skip`` is a character span to ignore (the dateline, which is not part of the story).
    """
    found: list[Trigger] = []
    for token in sentence:
        if skip and skip[0] <= token.idx < skip[1]:
            continue
        entry = entry_for(token)
        if entry is not None:
            found.append(Trigger(token, entry, entry.cameo))
    found = _drop_objects_of_specific_verbs(found)
    return _refine(_drop_repeated_purposes(_compose(found)))
