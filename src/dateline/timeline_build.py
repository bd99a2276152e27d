"""Entity timelines: the events a named entity takes part in, dated and put in order.

This is the system side of SemEval-2015 Task 4 (TimeLine, track A): given raw documents and a
target entity ("Steve Jobs", "iPhone 4"), list the events in which the entity participates,
anchor each to a date and order them. The steps, each a small function:

1. ``parse_cat_documents``: the spaCy pipeline runs over the documents' own tokens (so every
   spaCy token is exactly one CAT token and can be named ``docid-sentence-word``), and
   dateline's time-expression tagger (``dateline.timex.tag``) tags each with its creation time
   as reference date. Headlines and the date line before the story are skipped: they repeat the
   story in headline tense and the task annotates the story.
2. ``entity_mentions``: where the entity is named (its full name, two or more of its
   distinctive words, a person's surname or unambiguous first name; not the start of a longer
   name such as "iPod Touch"), the personal pronouns that continue a person, and "it"/"its" or
   a definite description ("the store", "the new iPhone") that continue a thing.
3. ``entity_events``: the predicates the entity is an argument of (subject, object, agent,
   prepositional object, possessor or modifier of an eventive noun, head of a relative clause),
   plus the verbs sharing its subject (coordinated verbs, ``by saying``, ``plans to launch``).
   Light verbs give way to their eventive object ("made the decision" -> decision) and control
   verbs to the verb they govern ("chose to step down" -> step_down).
4. ``event_date``: the time expression that governs the event's clause (or the occasion it
   happens at: "in a July 16 press conference"), inherited along chains of coordinated and
   controlled verbs. Without one, by tense: future and modal events stay undated,
   present-tense ones take the creation day, past ones the story's day (the first date within
   a week before the creation day, as news reports "yesterday"'s event).
5. ``build_timeline``: dated events in date order, one ordinal per date (coarser dates first:
   ``2010`` before ``2010-06`` before ``2010-06-07``); undated ones at ordinal 0 as
   ``XXXX-XX-XX``, as the task does.

Word lists are data (``resources/timeline/events.yaml``).
"""

from __future__ import annotations

import functools
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from itertools import pairwise
from datetime import date
from importlib import resources
from pathlib import Path

import yaml
from spacy.tokens import Doc, Token

from dateline.eval.timeline import Timeline, TimelineEntry
from dateline.readers.catxml import CatDocument, mention_name
from dateline.types import Timex
from dateline.events.resources import ResourceError

UNDATED = "XXXX-XX-XX"
TimexTagger = Callable[[Doc, "date | None"], Sequence[Timex]]

# Dependency labels through which an argument attaches to its predicate.
_CORE_ARGUMENTS = frozenset({"nsubj", "nsubjpass", "dobj", "dative", "obj", "csubj", "oprd"})
_SUBJECTS = frozenset({"nsubj", "nsubjpass"})
_NOUN_MODIFIERS = frozenset({"poss", "compound", "nmod"})
# Verbs that share the subject of the verb they hang from.
_SHARED_SUBJECT = frozenset({"conj", "xcomp", "advcl"})
# How far back (in sentences) a pronoun may reach for the person it continues, provided no
# other person is named in between.
PRONOUN_WINDOW_SENTENCES = 4
# How many days before the creation day the story's main event may lie ("last Monday").
STORY_WINDOW_DAYS = 7
_CALENDAR = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


@dataclass(frozen=True)
class Lexicon:
    non_event_verbs: frozenset[str]
    eventive_nouns: frozenset[str]
    person_pronouns: frozenset[str]
    no_space_before: frozenset[str]
    no_space_after: frozenset[str]
    light_verbs: frozenset[str]
    control_verbs: frozenset[str]
    thing_pronouns: frozenset[str]
    frame_prepositions: frozenset[str]
    particles: frozenset[str]
    legal_suffixes: frozenset[str]


def _resource_path() -> Path:
    return Path(str(resources.files("dateline") / "resources" / "timeline" / "events.yaml"))


@functools.lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """The builder's word lists, read once and validated as a whole."""
    path = _resource_path()
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as error:
        raise ResourceError(str(path), [("file", str(error))]) from error
    return parse_lexicon(data, str(path))


def parse_lexicon(data: object, origin: str) -> Lexicon:
    """Validate the word lists: each section a list of entries with a word and a ``why``."""
    problems: list[tuple[str, str]] = []
    sections = {"non_event_verbs": "lemma", "eventive_nouns": "word", "person_pronouns": "word",
                "no_space_before": "word", "no_space_after": "word", "light_verbs": "lemma",
                "control_verbs": "lemma", "thing_pronouns": "word", "frame_prepositions": "word",
                "particles": "word", "legal_suffixes": "word"}
    words: dict[str, set[str]] = {name: set() for name in sections}
    if not isinstance(data, dict):
        raise ResourceError(origin, [("file", "expected a mapping of sections")])
    for section, key in sections.items():
        entries = data.get(section)
        if not isinstance(entries, list):
            problems.append((section, "missing or not a list"))
            continue
        for index, entry in enumerate(entries):
            label = f"{section}[{index}]"
            if not isinstance(entry, dict) or not isinstance(entry.get(key), str) or not entry[key].strip():
                problems.append((label, f"needs a non-empty '{key}'"))
                continue
            word = entry[key].strip().casefold()
            if not isinstance(entry.get("why"), str) or not entry["why"].strip():
                problems.append((f"{label} {word}", "needs a 'why' saying why the entry exists"))
            if word in words[section]:
                problems.append((f"{label} {word}", "listed twice"))
            words[section].add(word)
    unknown = set(data) - set(sections)
    problems.extend((name, "unknown section") for name in sorted(unknown))
    if problems:
        raise ResourceError(origin, problems)
    return Lexicon(*(frozenset(words[name]) for name in sections))


# --- 1. parsing -------------------------------------------------------------------------------


@dataclass(frozen=True)
class ParsedDocument:
    """A CAT document with its spaCy parse (one spaCy token per CAT token) and time expressions.

    ``body_start`` is the index of the first token of the story (after headline and date line).
    """

    cat: CatDocument
    doc: Doc
    timexes: tuple[Timex, ...]
    body_start: int = 0


def default_tagger() -> TimexTagger:
    """dateline's time-expression tagger (imported late: the builder is usable without it)."""
    from dateline.timex import tag

    return tag


def cat_doc(document: CatDocument, vocab) -> Doc:
    """An unparsed spaCy ``Doc`` over the CAT tokens, CAT sentences fixed as sentence starts.

    Token ``i`` of the ``Doc`` is CAT token ``i``. Spaces are put back as in running text
    ("February 24, 1955", "Jobs' death"): the parser and the time-expression rules expect it.
    """
    tokens = document.tokens
    words = [token.text for token in tokens]
    spaces = [_space_between(left, right) for left, right in pairwise(words)] + [False]
    starts = [index == 0 or token.sentence != tokens[index - 1].sentence for index, token in enumerate(tokens)]
    return Doc(vocab, words=words, spaces=spaces, sent_starts=starts)


def _space_between(left: str, right: str) -> bool:
    words = lexicon()
    return not (right.casefold() in words.no_space_before or left.casefold() in words.no_space_after)


def parse_cat_documents(documents: Iterable[CatDocument], tagger: TimexTagger | None = None,
                        batch_size: int = 16) -> list[ParsedDocument]:
    """Parse documents with dateline's pipeline and tag their time expressions (DCT as reference)."""
    from dateline.nlp import load_pipeline

    nlp = load_pipeline()
    tagger = tagger or default_tagger()
    documents = list(documents)
    docs = nlp.pipe((cat_doc(d, nlp.vocab) for d in documents), batch_size=batch_size)
    parsed = []
    for document, doc in zip(documents, docs):
        timexes = tuple(tagger(doc, document.article.metadata_date))
        parsed.append(ParsedDocument(document, doc, timexes, story_start(doc, timexes)))
    return parsed


def story_start(doc: Doc, timexes: Sequence[Timex]) -> int:
    """The first token after the date line (a sentence that is only a date) among the first three.

    Wire and Wikinews documents open with a headline and a date line; their events are the
    story's, retold in headline tense. No date line: the story starts at the first token.
    """
    for index, sentence in enumerate(doc.sents):
        if index >= 3:
            break
        words = [t for t in sentence if not t.is_punct]
        if words and all(_inside_timex(t, timexes) for t in words):
            return sentence.end
    return 0


def _inside_timex(token: Token, timexes: Sequence[Timex]) -> bool:
    return any(t.span[0] <= token.idx and token.idx + len(token) <= t.span[1] for t in timexes)


# --- 2. where the entity is named ---------------------------------------------------------------


@dataclass(frozen=True)
class TargetEntity:
    """The entity to follow: its words (casefolded) and the distinctive ones among them.

    Distinctive words are those written with a capital or a digit in the name ("iTunes" in
    "iTunes store"); a mention must carry enough of them to be this entity and not another.
    """

    name: str
    words: tuple[str, ...]
    distinctive: tuple[str, ...]

    @classmethod
    def from_name(cls, name: str) -> "TargetEntity":
        """The entity called ``name``; a legal form ("Inc.", "Ltd") is never distinctive:
        "Apple Inc." is "Apple" in running text."""
        words = tuple(w.casefold() for w in name.split())
        suffixes = lexicon().legal_suffixes
        distinctive = tuple(
            w.casefold() for w in name.split()
            if any(c.isupper() or c.isdigit() for c in w) and w.casefold() not in suffixes
        )
        return cls(name, words, distinctive or words)

    @property
    def may_be_person(self) -> bool:
        """Two or more capitalised alphabetic words ("Steve Jobs"): a surname may stand alone."""
        words = self.name.split()
        return len(words) >= 2 and all(w[:1].isupper() and w.isalpha() for w in words)


def name_mentions(doc: Doc, entity: TargetEntity) -> list[tuple[int, int]]:
    """Token ranges ``(start, end)`` naming the entity, longest first at each position.

    A match followed by another proper noun that is not part of the entity's name is a longer,
    different name ("iPod Touch" is not the iPod) unless the rest of the entity's name follows
    within that run ("iTunes Music Store" is the iTunes store).
    """
    found, index, words = [], 0, entity.words
    person = entity.may_be_person and _named_as_person(doc, entity)
    first_name = person and _first_name_is_unique(doc, entity)
    while index < len(doc):
        best, best_offset = 0, 0
        for offset in range(len(words)):
            length = 0
            while (index + length < len(doc) and offset + length < len(words)
                   and _same_word(doc[index + length], words[offset + length])):
                length += 1
            if length > best and _acceptable(words[offset:offset + length], entity, person, first_name):
                best, best_offset = length, offset
        end = _name_end(doc, index + best, words[best_offset + best:]) if best else None
        if end is not None:
            found.append((index, end))
            index = end
        else:
            index += 1
    return found


def _same_word(token: Token, word: str) -> bool:
    """The token is the name's word, or its plural ("iPods")."""
    text = token.text.casefold()
    if text == word:
        return True
    return text == word + "s" and word.isalpha() and len(word) > 2 and not word.endswith("s")


def _name_end(doc: Doc, end: int, rest: Sequence[str]) -> int | None:
    """Where the matched name ends, or ``None`` when it is the start of a different name."""
    run_end = end
    while (run_end < len(doc) and doc[run_end].pos_ == "PROPN" and not doc[run_end].is_sent_start
           and doc[run_end].text.casefold() not in rest):
        run_end += 1
    if run_end == end:
        return end
    if rest and run_end < len(doc) and doc[run_end].text.casefold() == rest[0]:
        return run_end + 1
    return None


def _acceptable(matched: Sequence[str], entity: TargetEntity, person: bool, first_name: bool = False) -> bool:
    distinctive = [w for w in matched if w in entity.distinctive]
    if set(entity.distinctive) <= set(matched):
        return True
    if len(distinctive) >= 2 and len(distinctive) == len(matched):
        return True
    if first_name and list(matched) == [entity.words[0]]:
        return True
    return person and list(matched) == [entity.words[-1]]


def _first_name_is_unique(doc: Doc, entity: TargetEntity) -> bool:
    """Whether "Steve" alone can mean Steve Jobs here: no other Steve is named in the document."""
    first, last = entity.words[0], entity.words[-1]
    for ent in doc.ents:
        words = ent.text.casefold().split()
        if ent.label_ == "PERSON" and first in words and last not in words and len(words) > 1:
            return False
    return True


def _named_as_person(doc: Doc, entity: TargetEntity) -> bool:
    full = " ".join(entity.words)
    return any(ent.label_ == "PERSON" and full in ent.text.casefold() for ent in doc.ents)


def entity_mentions(parsed: ParsedDocument, entity: TargetEntity) -> list[Token]:
    """The head token of every mention of the entity in the story, pronouns included.

    A person is continued by personal pronouns; a thing by "it"/"its" when it was the subject
    of the previous clause, and by a definite description made of its own words ("the store"
    after "the iTunes store", "the new iPhone" after "iPhone 4").
    """
    doc = parsed.doc
    heads = [_span_root(doc, start, end) for start, end in name_mentions(doc, entity)]
    if heads and entity.may_be_person and _named_as_person(doc, entity):
        heads.extend(_continuing_pronouns(doc, heads))
    elif heads:
        heads.extend(_definite_descriptions(doc, entity, heads))
        heads.extend(_continuing_subject_pronouns(doc, heads))
        heads.extend(_nearby_possessives(doc, heads))
    unique = {t.i: t for t in heads if t.i >= parsed.body_start}
    return [unique[i] for i in sorted(unique)]


def _definite_descriptions(doc: Doc, entity: TargetEntity, heads: list[Token]) -> list[Token]:
    """"the (new) store" / "the new iPhone" after the entity was named: the same thing again."""
    generic_head = entity.words[-1] if entity.words[-1] not in entity.distinctive else None
    # "the new iPhone" continues "iPhone 4": the base word of a numbered product name
    versioned = len(entity.words) > 1 and any(ch.isdigit() for w in entity.words[1:] for ch in w)
    own_head = entity.words[0] if versioned else None
    first = min(t.i for t in heads)
    named = {t.i for t in heads}
    found = []
    for token in doc[first + 1:]:
        word = token.text.casefold()
        if token.i in named or word not in (generic_head, own_head) or token.pos_ not in ("NOUN", "PROPN"):
            continue
        if any(c.dep_ == "det" and c.text.casefold() == "the" for c in token.children) \
                and not any(c.dep_ in ("compound", "nmod") and c.pos_ == "PROPN" for c in token.children) \
                and not (token.i + 1 < len(doc) and doc[token.i + 1].pos_ in ("PROPN", "NUM")):
            found.append(token)
    return found


def _continuing_subject_pronouns(doc: Doc, heads: list[Token]) -> list[Token]:
    """"It"/"its" whose nearest preceding subject (a few sentences back) was the entity."""
    pronouns = lexicon().thing_pronouns
    named = {t.i for t in heads}
    sentence_of = {token.i: n for n, sent in enumerate(doc.sents) for token in sent}
    subjects = [t for t in doc if t.dep_ in _SUBJECTS]
    result = []
    for token in doc:
        if token.pos_ != "PRON" or token.text.casefold() not in pronouns:
            continue
        before = [t for t in subjects if t.i < token.i and t.i not in (token.i,)]
        if not before:
            continue
        last = before[-1]
        if (last.i in named or _root_of_mention(last, named)) \
                and sentence_of[token.i] - sentence_of[last.i] <= PRONOUN_WINDOW_SENTENCES:
            named.add(token.i)
            result.append(token)
    return result


def _nearby_possessives(doc: Doc, heads: list[Token]) -> list[Token]:
    """"its" next to a mention of the entity in the same sentence, no other name in between
    ("since its launch in 2003" after "the iTunes store"; "Since its launch the store ...")."""
    named = {t.i for t in heads}
    result = []
    for token in doc:
        if token.pos_ != "PRON" or token.text.casefold() != "its" or token.i in named:
            continue
        sentence = token.sent
        for mention in sorted((h for h in heads if sentence.start <= h.i < sentence.end),
                              key=lambda h: abs(h.i - token.i)):
            low, high = sorted((mention.i, token.i))
            if not any(t.pos_ == "PROPN" and t.i not in named for t in doc[low + 1:high]):
                result.append(token)
            break
    return result


def _root_of_mention(subject: Token, named: set[int]) -> bool:
    """The subject is a noun phrase whose modifiers name the entity ("the iPod player")."""
    return any(c.i in named and c.dep_ in ("compound", "nmod", "appos") for c in subject.children)


def _span_root(doc: Doc, start: int, end: int) -> Token:
    for token in doc[start:end]:
        if not (start <= token.head.i < end) or token.head.i == token.i:
            return token
    return doc[end - 1]


def _continuing_pronouns(doc: Doc, heads: list[Token]) -> list[Token]:
    """Personal pronouns whose nearest preceding person (a few sentences back) is the entity."""
    pronouns = lexicon().person_pronouns
    named = {t.i for t in heads}
    others = [ent for ent in doc.ents if ent.label_ == "PERSON"
              and not any(ent.start <= i < ent.end for i in named)]
    sentence_of = {token.i: n for n, sent in enumerate(doc.sents) for token in sent}
    result = []
    for token in doc:
        if token.pos_ != "PRON" or token.text.casefold() not in pronouns:
            continue
        before = [h for h in heads if h.i < token.i]
        if not before:
            continue
        last = before[-1]
        if sentence_of[token.i] - sentence_of[last.i] > PRONOUN_WINDOW_SENTENCES:
            continue
        if any(last.i < ent.start < token.i for ent in others):
            continue
        result.append(token)
    return result


# --- 3. the events the entity takes part in --------------------------------------------------


def is_event(token: Token) -> bool:
    """A verb that reports something (not a copula or support verb), or an eventive noun."""
    words = lexicon()
    if token.pos_ == "VERB":
        return token.lemma_.casefold() not in words.non_event_verbs
    if token.pos_ == "NOUN":
        return token.lemma_.casefold() in words.eventive_nouns or token.text.casefold() in words.eventive_nouns
    return False


def predicates_of(mention: Token) -> list[Token]:
    """The predicates the mention is an argument of, and the verbs sharing its subject."""
    argument = _noun_phrase_head(mention)
    found: list[Token] = []
    head, dep = argument.head, argument.dep_
    if head.pos_ == "AUX" and head.dep_ in ("aux", "auxpass") and head.head.i != head.i:
        head = head.head  # a subject attached to its auxiliary ("iPhone <- was unveiled")
    if dep in _SUBJECTS and head.lemma_ == "be":  # "the store was a breach of the agreement"
        found.extend(c for c in head.children if c.dep_ == "attr" and c.pos_ == "NOUN" and is_event(c))
    elif dep in _CORE_ARGUMENTS and is_event(head):
        found.append(head)
    elif dep == "agent" or (dep == "pobj" and head.dep_ == "agent"):
        verb = head.head if dep == "pobj" else head
        if is_event(verb):
            found.append(verb)
    elif dep == "pobj" and head.head.i != head.i and is_event(head.head):
        found.append(head.head)
    elif dep in _NOUN_MODIFIERS and head.pos_ == "NOUN" and is_event(head):
        found.append(head)
    for child in argument.children:
        if child.dep_ in ("acl", "relcl") and is_event(child):
            found.append(child)
            found.extend(_sharing_subject(child))
    if dep in _SUBJECTS:  # an agent ("started by Jobs") is not the subject its conjuncts share
        for verb in list(found):
            found.extend(_sharing_subject(verb))
    return [carrier for predicate in found for carrier in event_carriers(predicate)]


def _noun_phrase_head(mention: Token) -> Token:
    """The head of the noun phrase the mention stands in ("iPod" -> "player" in "iPod music player").

    Climbs appositions, coordinations and name parts, and noun modifiers of a noun that is not
    itself an event (a modifier of "launch" is that event's argument, handled by the caller).
    """
    argument = mention
    while argument.head.i != argument.i and argument.head.pos_ in ("PROPN", "NOUN", "PRON"):
        if argument.dep_ in ("appos", "conj", "flat"):
            argument = argument.head
        elif argument.dep_ in ("compound", "nmod") and not is_event(argument.head):
            argument = argument.head
        else:
            break
    return argument


def event_carriers(predicate: Token) -> list[Token]:
    """The words that carry the event of a predicate.

    A light verb's eventive object ("made the decision" -> decision) and a control verb's
    governed verb ("chose to step down" -> step) carry it instead of the verb itself.
    """
    words = lexicon()
    lemma = predicate.lemma_.casefold()
    if predicate.pos_ == "VERB" and lemma in words.light_verbs:
        objects = [c for c in predicate.children if c.dep_ == "dobj" and c.pos_ == "NOUN" and is_event(c)]
        if objects:
            return objects
    if predicate.pos_ == "VERB" and lemma in words.control_verbs:
        governed = [c for c in predicate.children if c.dep_ == "xcomp" and is_event(c)]
        if governed:
            return [carrier for verb in governed for carrier in event_carriers(verb)]
    return [predicate]


def _sharing_subject(verb: Token) -> list[Token]:
    """Verbs hanging from ``verb`` without a subject of their own: they share the entity."""
    result = []
    for child in verb.children:
        candidates = [child] if child.dep_ in _SHARED_SUBJECT else []
        if child.dep_ == "prep":  # "by saying", "after leaving"
            candidates = [c for c in child.children if c.dep_ == "pcomp" and c.pos_ == "VERB"]
        for candidate in candidates:
            if is_event(candidate) and not any(c.dep_ in _SUBJECTS for c in candidate.children):
                result.append(candidate)
                result.extend(_sharing_subject(candidate))
    return result


@dataclass(frozen=True)
class TimelineEvent:
    """One event mention of the entity: its task name, where it is, its date (or ``None``)."""

    mention: str
    doc_id: str
    position: int
    lemma: str
    date: str | None


def trigger_tokens(token: Token) -> list[Token]:
    """The words naming the event: the trigger and its verb particles ("took ... off").

    The parser labels a detached particle as an adverb or a preposition ("took six months
    off"); a listed word after the verb counts when it stands alone (not "sued over its use").
    """
    if token.pos_ != "VERB":
        return [token]
    words = lexicon().particles
    particles = (c for c in token.children if c.i > token.i and (
        c.dep_ == "prt" or (c.dep_ in ("advmod", "prep") and c.text.casefold() in words and not c.n_lefts + c.n_rights)))
    return sorted([token, *particles], key=lambda t: t.i)


def entity_events(parsed: ParsedDocument, entity: TargetEntity) -> list[TimelineEvent]:
    """The entity's event mentions in one document, in text order, each dated."""
    governed = governed_dates(parsed)
    reference = reference_times(parsed)
    seen: dict[int, TimelineEvent] = {}
    for mention in entity_mentions(parsed, entity):
        for predicate in predicates_of(mention):
            if predicate.i < parsed.body_start or predicate.i in seen:
                continue
            cat_tokens = [parsed.cat.tokens[w.i] for w in trigger_tokens(predicate)]
            seen[predicate.i] = TimelineEvent(
                mention=mention_name(parsed.cat, cat_tokens),
                doc_id=parsed.cat.doc_id,
                position=predicate.i,
                lemma=predicate.lemma_.casefold(),
                date=event_date(predicate, governed, reference),
            )
    return [seen[i] for i in sorted(seen)]


# --- 4. dates ------------------------------------------------------------------------------------


def calendar_date(value: str | None) -> str | None:
    """The day, month or year a TimeML value names (``2010-06-07``, ``2010-06``, ``2010``).

    Weeks, seasons, quarters keep their year; references such as ``PAST_REF`` name no date.
    """
    match = _CALENDAR.match(value or "")
    if not match:
        return None
    return "-".join(part for part in match.groups() if part)


def governed_dates(parsed: ParsedDocument) -> dict[int, str]:
    """Token index of the predicate each dated time expression governs -> its calendar date.

    The governor is found by climbing from the expression's head to the first event word
    (``in 1976`` -> ``started``); when two govern the same predicate, one governing it directly
    wins over one reaching it through an occasion noun, then the more precise ("Yesterday, at
    this year's conference, Jobs unveiled": the day), then the nearer one.
    """
    doc, result, distance = parsed.doc, {}, {}
    for timex in parsed.timexes:
        if timex.type not in ("DATE", "TIME"):
            continue
        value = calendar_date(timex.value)
        if value is None:
            continue
        span = doc.char_span(timex.span[0], timex.span[1], alignment_mode="expand")
        if span is None or len(span) == 0:
            continue
        governor = _governor(span.root)
        if governor is None:
            continue
        for indirect, target in enumerate((governor, _adjunct_verb(governor))):
            if target is None:
                continue
            rank = (indirect, -value.count("-"), min(abs(target.i - span.start), abs(target.i - span.end)))
            if target.i not in result or rank < distance[target.i]:
                result[target.i], distance[target.i] = value, rank
    return result


def _adjunct_verb(noun: Token) -> Token | None:
    """The verb an eventive noun's prepositional phrase modifies: "In a July 16 press conference,
    Jobs said" dates the saying as well as the conference."""
    preposition = noun.head
    if noun.pos_ == "NOUN" and noun.dep_ == "pobj" and preposition.dep_ == "prep" \
            and preposition.text.casefold() in lexicon().frame_prepositions \
            and preposition.head.pos_ == "VERB" and is_event(preposition.head):
        return preposition.head
    return None


def _governor(token: Token) -> Token | None:
    current = token
    while current.head.i != current.i:
        current = current.head
        if is_event(current):
            return current
    return None


@dataclass(frozen=True)
class ReferenceTimes:
    """The document's two fallback dates: its creation day, and the day the story is about.

    News reports its main event on or just before the creation day ("Yesterday, Jobs
    unveiled ..."); past-tense events no time expression governs are taken to happen then,
    present-tense ones at the creation time.
    """

    creation: str | None
    story: str | None


def reference_times(parsed: ParsedDocument) -> ReferenceTimes:
    """The creation day, and the first story date within a week before it (else the creation day)."""
    created = parsed.cat.article.metadata_date
    if created is None:
        return ReferenceTimes(None, None)
    story = created
    doc = parsed.doc
    story_char = doc[parsed.body_start].idx if parsed.body_start < len(doc) else len(doc.text)
    for timex in parsed.timexes:
        if timex.span[0] < story_char:
            continue
        day = _iso_day(calendar_date(timex.value))
        if day is not None and 0 <= (created - day).days <= STORY_WINDOW_DAYS:
            story = day
            break
    return ReferenceTimes(created.isoformat(), story.isoformat())


def _iso_day(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value) if value and len(value) == 10 else None
    except ValueError:
        return None


def event_date(predicate: Token, governed: dict[int, str], reference: ReferenceTimes | None = None) -> str | None:
    """The date governing the predicate (or the verb it shares a subject with), else by tense.

    Without a governing time expression: future and modal events stay undated, present-tense
    ones take the creation day, the others the story day.
    """
    current = predicate
    while current.i not in governed and current.head.i != current.i:
        light = current.dep_ == "dobj" and current.head.lemma_.casefold() in lexicon().light_verbs
        if current.dep_ not in _SHARED_SUBJECT and not light:
            break
        current = current.head
    if current.i in governed:
        return governed[current.i]
    if reference is None:
        return None
    tense = tense_of(current)
    if tense == "future":
        return None
    return reference.creation if tense == "present" else reference.story


def tense_of(token: Token) -> str:
    """``future`` (will, modals), ``present`` (finite present verb) or ``past`` (the rest)."""
    auxiliaries = [c for c in token.children if c.dep_ in ("aux", "auxpass")]
    if any(a.tag_ == "MD" for a in auxiliaries):
        return "future"
    if token.tag_ in ("VBZ", "VBP") and not auxiliaries:
        return "present"
    if any(a.tag_ in ("VBZ", "VBP") and a.lemma_ == "be" for a in auxiliaries):
        return "present"
    return "past"


# --- 5. the timeline -------------------------------------------------------------------------


def date_key(value: str) -> tuple[int, int, int]:
    """Chronological order, a coarser date first among those starting together."""
    parts = [int(p) for p in value.split("-")] + [0, 0]
    return parts[0], parts[1], parts[2]


def build_timeline(entity_name: str, parsed: Sequence[ParsedDocument]) -> Timeline:
    """The entity's timeline over all documents, in the task's shape."""
    entity = TargetEntity.from_name(entity_name)
    events = [event for document in parsed for event in entity_events(document, entity)]
    return timeline_of(entity_name, events)


def timeline_of(entity_name: str, events: Sequence[TimelineEvent]) -> Timeline:
    """Order dated events (one ordinal per date) after the undated ones (ordinal 0).

    Mentions of the same lemma on the same date are written on one line, as the task writes
    coreferent mentions; for the score, one line and one ordinal mean the same thing.
    """
    undated = [TimelineEntry(0, UNDATED, (e.mention,)) for e in events if e.date is None]
    by_date: dict[str, dict[str, list[str]]] = defaultdict(dict)
    for event in events:
        if event.date is not None:
            by_date[event.date].setdefault(event.lemma, []).append(event.mention)
    dated = [
        TimelineEntry(ordinal, value, tuple(mentions))
        for ordinal, value in enumerate(sorted(by_date, key=date_key), start=1)
        for mentions in by_date[value].values()
    ]
    return Timeline(entity_name, tuple(undated + dated))
