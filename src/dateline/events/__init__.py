"""Event mentions: who did what to whom, when, where, how sure the text is, and who says so.

``extract_events(doc, timexes, reference_date, dateline)`` reads one parsed article and returns
one ``EventMention`` per clause that reports an interaction. The work is split into small
stages, each testable alone: ``triggers`` (which words report an event, typed from the lexicon),
``arguments`` (which tokens are actor and recipient), ``modality``, ``attribution``, ``timing``;
actors and places are resolved by ``actors`` and ``places``. Reporting clauses add two kinds of
mention of their own: a demand made by saying that something must happen ("the US government said
that X must be finalized"), and a bare STATEMENT when a say-verb's clause reports nothing else.
"""

from __future__ import annotations

import bisect
import contextlib
from collections.abc import Iterator
from datetime import date

from spacy.tokens import Doc, Span, Token

from dateline.events.arguments import actor_tokens, between_tokens, recipient_tokens
from dateline.events.attribution import ReportingClause, is_reporting_verb, reporting_clause_for, subject_of
from dateline.events.cameo import lookup
from dateline.events.lexicon import cues
from dateline.events.lexicon import lexicon as event_lexicon
from dateline.events.modality import has_future_or_modal, has_obligation, is_conditional, modality_of
from dateline.events.timing import time_of
from dateline.events.triggers import Trigger, find_triggers, is_cooperative, is_hostile
from dateline.types import Actor, Dateline, EventMention, Modality, Place, Timex

__all__ = ["extract_events"]

PRONOUN_SUBJECTS = frozenset({"it", "they", "he", "she", "we", "i"})
MAX_SENTENCE_TOKENS = 1000


def extract_events(doc: Doc, timexes: tuple[Timex, ...], reference_date: date | None,
                   dateline: Dateline | None = None, *, user_actors=None) -> tuple[EventMention, ...]:
    """Every event mention of the document, in text order.

    ``timexes`` come from ``dateline.timex.tag``; ``reference_date`` is the article's date (None
    when unknown: times then fall back to ``none``); the ``dateline`` span is not story text and
    is skipped. ``user_actors`` adds people and organisations the text cannot resolve.

    Raises ``ValueError`` when the doc has no dependency parse (it must come from
    ``dateline.nlp``); an empty doc has no mentions.
    """
    if len(doc) == 0:
        return ()
    if not doc.has_annotation("DEP"):
        raise ValueError("extract_events needs a parsed Doc (dependency parse): use dateline.nlp.parse")
    with _sentence_lookup(doc) as sentences:
        context = _Context(doc, tuple(timexes), reference_date, dateline.span if dateline else None,
                           user_actors)
        mentions: list[EventMention] = []
        for index, sentence in enumerate(sentences):
            if len(sentence) > MAX_SENTENCE_TOKENS:
                continue
            mentions.extend(_sentence_mentions(context, sentence, index))
    return tuple(sorted(mentions, key=lambda m: m.trigger_span))


@contextlib.contextmanager
def _sentence_lookup(doc: Doc) -> Iterator[list[Span]]:
    """Make ``token.sent`` and ``span.sent`` constant-time while events are extracted.

    spaCy finds a token's sentence by checking the whole document's annotation first, so each
    call costs the document's length; the stages call it often. The hooks are removed afterwards,
    so the caller's ``Doc`` is left as it was.
    """
    sentences = list(doc.sents)
    starts = [sentence.start for sentence in sentences]

    def sentence_of_token(token: Token) -> Span:
        return sentences[bisect.bisect_right(starts, token.i) - 1]

    def sentence_of_span(span: Span) -> Span:
        return sentences[bisect.bisect_right(starts, span.start) - 1]

    saved = [(hooks, hooks.get("sent"), "sent" in hooks) for hooks in (doc.user_token_hooks, doc.user_span_hooks)]
    doc.user_token_hooks["sent"] = sentence_of_token
    doc.user_span_hooks["sent"] = sentence_of_span
    try:
        yield sentences
    finally:
        for hooks, previous, present in saved:
            if present:
                hooks["sent"] = previous
            else:
                hooks.pop("sent", None)


_NOT_BUILT = object()


class _Context:
    """What every mention of one document needs: the doc, the times, the resolvers."""

    def __init__(self, doc: Doc, timexes: tuple[Timex, ...], reference_date: date | None,
                 skip: tuple[int, int] | None, user_actors) -> None:
        self.doc = doc
        self.text = doc.text  # spaCy rebuilds Doc.text on every access: read it once
        self.timexes = timexes
        self.reference_date = reference_date
        self.skip = skip
        self._user_actors = user_actors
        self._actors = None
        self._places: object = _NOT_BUILT

    def actor(self, token: Token) -> Actor | None:
        if self._actors is None:  # built on first use: documents without events never pay for it
            self._actors = _actor_resolver(self.doc, self.reference_date, self._user_actors)
        return self._actors.resolve_token(token)

    def actors_for(self, token: Token) -> tuple[Actor, ...]:
        """The actors a noun stands for: one, or several for a plural reference such as
        "the two leaders" or "both countries" when the phrase itself names no country."""
        actor = self.actor(token)
        if token.tag_ in ("NNS", "NNPS") and (actor is None or actor.country is None):
            resolve_group = getattr(self._actors, "resolve_group", None)
            if resolve_group is not None:
                start = token.left_edge.idx
                group = resolve_group(start, token.idx + len(token.text))
                if group:
                    return group
        return (actor,) if actor is not None else ()

    def location(self, token: Token) -> Place | None:
        if self._places is _NOT_BUILT:
            self._places = _place_resolver(self.doc)
        return self._places.location_for(token) if self._places is not None else None


def _actor_resolver(doc: Doc, reference_date: date | None, user_actors):
    try:
        from dateline.events.actors import ActorResolver
    except ImportError:
        return _PlainActors()
    return ActorResolver(doc, reference_date, user_actors)


def _place_resolver(doc: Doc):
    try:
        from dateline.events.places import PlaceResolver
    except ImportError:
        return None
    return PlaceResolver(doc)


class _PlainActors:
    """Stand-in when the actor resolver is not installed: the noun phrase, unresolved."""

    def resolve_token(self, token: Token) -> Actor | None:
        tokens = [t for t in token.subtree if t.i == token.i or not _below(t, token)]
        start, end = min(t.idx for t in tokens), max(t.idx + len(t) for t in tokens)
        text = _span_text(token, start, end)
        return Actor(text=text, span=(start, end), name=text)


def _span_text(token: Token, start: int, end: int) -> str:
    """The text between two character offsets, read from the tokens (not the whole Doc.text)."""
    span = token.doc.char_span(start, end, alignment_mode="expand")
    return span.text if span is not None else token.text


def _below(token: Token, root: Token) -> bool:
    """Whether ``token`` hangs under ``root`` through a clause, phrase or conjunct (not its name)."""
    node = token
    while node.i != root.i:
        if node.dep_ in {"prep", "punct", "relcl", "acl", "appos", "conj", "cc"}:
            return True
        node = node.head
    return False


def _sentence_mentions(context: _Context, sentence: Span, index: int) -> list[EventMention]:
    """The mentions of one sentence: its triggers, then acts made by reporting (demands,
    promises), then bare statements of say-verbs that report nothing else."""
    triggers = find_triggers(sentence, context.skip)
    by_token = {t.token.i: t for t in triggers}
    mentions: dict[int, EventMention] = {}
    reported_by: dict[int, int] = {}
    for trigger in triggers:
        clause = reporting_clause_for(trigger.token)
        mention = _mention(context, trigger, index, clause)
        if mention is not None:
            mentions[trigger.token.i] = mention
            if clause is not None:
                reported_by[trigger.token.i] = clause.verb.i
    for verb in sentence:
        if not is_reporting_verb(verb) or (context.skip and context.skip[0] <= verb.idx < context.skip[1]):
            continue
        derived = _reported_act(context, verb, by_token, index)
        if derived is not None:
            key, mention = derived
            mentions[key] = mention
            reported_by[key] = verb.i
    reporting_verbs = set(reported_by.values())
    for verb in sentence:
        if verb.i in reporting_verbs or verb.i in mentions:
            continue
        statement = _statement(context, verb, index)
        if statement is not None:
            mentions[verb.i] = statement
    return list(mentions.values())


def _resolve_all(context: _Context, tokens: list[Token]) -> tuple[Actor, ...]:
    actors: list[Actor] = []
    for token in tokens:
        for actor in context.actors_for(token):
            if any(_within(actor.span, a.span) for a in actors):
                continue  # the same phrase again, or a title inside the full name phrase
            actors = [a for a in actors if not _within(a.span, actor.span)]
            actors.append(actor)
    return tuple(sorted(actors, key=lambda a: a.span))


def _within(inner: tuple[int, int], outer: tuple[int, int]) -> bool:
    return outer[0] <= inner[0] and inner[1] <= outer[1]


def _split_between(actors: tuple[Actor, ...], recipients: tuple[Actor, ...],
                   between: tuple[Actor, ...]) -> tuple[tuple, tuple]:
    """"a summit between Trump and Kim": with no subject, the first party acts, the others receive.

    A recipient that is also an actor (same resolved name) is dropped from the recipients."""
    if not actors and len(between) >= 2:
        actors = between[:1]
        recipients = tuple(r for r in recipients if r.span != between[0].span)
    names = {a.name for a in actors}
    return actors, tuple(r for r in recipients if r.name not in names)


def _confidence(trigger: Trigger, actors: tuple, recipients: tuple) -> float:
    """A rough score of how much the parse supports the mention (not a calibrated probability)."""
    score = 0.45
    score += 0.2 if actors else 0.0
    score += 0.1 if recipients else 0.0
    score += 0.1 if trigger.entry.pos == "verb" else 0.0
    score += 0.1 if trigger.entry.specific or trigger.governed else 0.0
    return round(min(score, 0.95), 2)


def _build(context: _Context, trigger_tokens: list[Token], cameo: str, actors: tuple,
           recipients: tuple, modality: Modality, clause: ReportingClause | None, index: int,
           confidence: float, rule: str, anchor: Token, is_report_act: bool = False) -> EventMention:
    """The mention itself: code readings, time, location and attribution added to the parts.

    ``anchor`` is the token whose clause is dated and located; ``is_report_act`` marks mentions
    that are made by saying them (demands), dated by the reporting verb (``clause.verb``).
    """
    code = lookup(cameo)
    start = min(t.idx for t in trigger_tokens)
    end = max(t.idx + len(t) for t in trigger_tokens)
    report_verb = clause.verb if clause is not None and clause.verb.pos_ != "ADP" else None
    time = time_of(anchor, context.timexes, context.reference_date, modality, report_verb=report_verb,
                   skip=context.skip, is_report_act=is_report_act)
    return EventMention(
        trigger=context.text[start:end],
        trigger_span=(start, end),
        plover_type=code.plover_type,
        plover_mode=code.plover_mode,
        cameo=cameo,
        cameo_root=cameo[:2],
        actors=actors,
        recipients=recipients,
        location=context.location(anchor),
        time=time,
        modality=modality,
        attribution=clause.attribution(context.text) if clause is not None else None,
        sentence=index,
        confidence=confidence,
        rule=rule,
    )


def _mention(context: _Context, trigger: Trigger, index: int,
             clause: ReportingClause | None) -> EventMention | None:
    actors = _resolve_all(context, actor_tokens(trigger, context.skip))
    recipients = _resolve_all(context, recipient_tokens(trigger))
    actors, recipients = _split_between(actors, recipients,
                                        _resolve_all(context, between_tokens(trigger)))
    if trigger.entry.pos == "noun" and not actors and clause is not None and clause.subject is not None \
            and clause.verb.pos_ != "ADP" and _heads_its_clause(trigger.token):
        # '"Very positive meeting with Ri," said Pompeo': the speaker took part.
        actors, recipients = _split_between(_resolve_all(context, [clause.subject]), recipients, ())
    if trigger.entry.pos == "noun" and not actors and not recipients and not _physical(trigger.cameo):
        return None
    modality = modality_of(trigger.token)
    if trigger.entry.pos == "noun" and modality == "asserted":
        modality = _clause_modality(trigger.token)
    if trigger.governed is not None and modality == "demanded" and trigger.entry.compose == "demand":
        modality = "asserted"
    demander = _demander(trigger.token, context.skip) if has_obligation(trigger.token) else None
    if demander is not None:
        return _demand_mention(context, trigger, demander, actors, recipients, index)
    cameo, modality, rule = _reframe(trigger, modality)
    return _build(context, [trigger.token], cameo, actors, recipients, modality, clause, index,
                  _confidence(trigger, actors, recipients), rule, trigger.token)


def _physical(cameo: str) -> bool:
    """Protests and violence are worth a mention even when the text names nobody ("died of torture")."""
    return cameo[:2] in {"14", "18", "19", "20"}


def _reframe(trigger: Trigger, modality: Modality) -> tuple[str, Modality, str]:
    """How CAMEO codes an act that did not (yet) happen.

    A planned act of support, cooperation, aid or concession is the promise of it (CAMEO 03:
    "Finland will give Tanzania a grant"), and so is a conditional offer to meet ("would meet X if
    ..."); a conditional hostile act is a threat (CAMEO 13: "will withdraw its force unless ...");
    a cooperative act refused for the future is a
    rejection (CAMEO 12: "will not accept refugees"). A planned meeting stays a planned CONSULT, so
    that scheduled visits keep their own date and place.
    """
    cameo, rule = trigger.cameo, trigger.rule
    if trigger.governed is not None:
        return cameo, modality, rule
    compose = event_lexicon().compose
    if modality == "planned" and is_cooperative(cameo):
        return compose["intent"].code_for(cameo), modality, rule + "+intent"
    if modality == "hypothetical" and is_hostile(cameo) and is_conditional(trigger.token):
        return compose["threaten"].code_for(cameo), modality, rule + "+threat"
    if modality == "hypothetical" and 4 <= int(cameo[:2]) <= 8 and is_conditional(trigger.token):
        # "would meet the mediator if ...": a conditional offer is an expression of intent
        return compose["intent"].code_for(cameo), modality, rule + "+offer"
    if modality == "negated" and 3 <= int(cameo[:2]) <= 8 and has_future_or_modal(trigger.token):
        return compose["reject"].code_for(cameo), "asserted", rule + "+refusal"
    return cameo, modality, rule


def _demander(token: Token, skip: tuple[int, int] | None) -> Token | None:
    """Who demands an act stated with "must"/"should": the subject of the nearest governing verb
    ("Chirac issued a reminder to Iraq that it must cooperate"), or None in the author's voice."""
    own = subject_of(token)
    node = token
    for _ in range(4):
        if node.dep_ not in {"ccomp", "acl", "dobj", "pobj", "prep", "relcl", "parataxis", "advcl"} \
                or node.head.i == node.i:
            return None
        node = node.head
        if node.pos_ in {"VERB", "AUX"}:
            speaker = subject_of(node)
            if speaker is not None and (own is None or speaker.i != own.i) \
                    and not (skip and skip[0] <= speaker.idx < skip[1]):
                return speaker
    return None


def _demand_mention(context: _Context, trigger: Trigger, demander: Token, actors: tuple,
                    recipients: tuple, index: int) -> EventMention:
    """"X said that Y must do Z": a demand by X on Y (CAMEO 10, refined by Z), made when X said it."""
    cameo = event_lexicon().compose["demand"].code_for(trigger.cameo)
    speaker = _resolve_all(context, [demander])
    names = {a.name for a in speaker}
    targets = tuple(a for a in actors + recipients if a.name not in names)
    clause = ReportingClause(demander.head, demander, _clause_span(demander.head, trigger.token))
    return _build(context, _modal_span(trigger.token), cameo, speaker, targets, "demanded", clause, index,
                  _confidence(trigger, speaker, targets), f"demand:{trigger.rule}", trigger.token,
                  is_report_act=True)


def _heads_its_clause(noun: Token) -> bool:
    """Whether the noun is the whole reported content ('"Very positive meeting with Ri," said X'),
    not a phrase inside a clause of its own ("to discuss the summit")."""
    node = noun
    while node.head.i != node.i:
        if node.dep_ in {"prep", "pobj", "dobj", "nsubj", "nsubjpass", "pcomp"}:
            return False
        node = node.head
        if node.pos_ in {"VERB", "AUX"} and not is_reporting_verb(node):
            return False
    return True


def _clause_modality(noun: Token) -> Modality:
    """An eventive noun takes the modality of the verb it hangs on ("During his visit, X will ...")."""
    node = noun
    for _ in range(4):
        if node.head.i == node.i:
            return "asserted"
        node = node.head
        if node.pos_ in {"VERB", "AUX"}:
            found = modality_of(node)
            return found if found in {"planned", "hypothetical"} else "asserted"
    return "asserted"


def _complement(verb: Token) -> Token | None:
    """The verb of the clause a reporting verb reports ("said that X must ...")."""
    for child in verb.children:
        if child.dep_ in {"ccomp", "parataxis"} and child.pos_ in {"VERB", "AUX"}:
            return child
    if verb.dep_ in {"parataxis", "ccomp"} and verb.head.pos_ in {"VERB", "AUX"} and verb.head.i < verb.i:
        return verb.head
    return None


def _reported_act(context: _Context, verb: Token, by_token: dict[int, Trigger],
                  index: int) -> tuple[int, EventMention] | None:
    """A demand, promise or threat made by reporting it.

    "X said that Y must be finalized" is a demand by X (CAMEO 10) made when X said it; "X said it
    will release them" is a promise by X (CAMEO 03); "X said it will strike unless ..." a threat
    (CAMEO 13). An unconditional announced hostile act stays that act, planned.
    """
    complement = _complement(verb)
    speaker = subject_of(verb)
    if complement is None or speaker is None:
        return None
    modality = modality_of(complement)
    inner = by_token.get(complement.i)
    table = None
    if has_obligation(complement):
        table = event_lexicon().compose["demand"]
        modality = "demanded"
    elif modality in {"planned", "hypothetical"} and inner is not None and _same_party(complement, speaker):
        if modality == "planned" and is_cooperative(inner.cameo):
            table = event_lexicon().compose["intent"]
        elif is_hostile(inner.cameo) and is_conditional(complement):
            table = event_lexicon().compose["threaten"]
    if table is None:
        return None
    cameo = table.code_for(inner.cameo if inner else None)
    clause = ReportingClause(verb, speaker, _clause_span(verb, complement))
    actors = _resolve_all(context, [speaker])
    recipient_sources = recipient_tokens(inner) if inner else []
    if not recipient_sources:
        inner_subject = subject_of(complement) or next(
            (c for c in complement.children if c.dep_ == "nsubjpass"), None)
        if inner_subject is not None:
            recipient_sources = [inner_subject]
    recipients = tuple(r for r in _resolve_all(context, recipient_sources)
                       if all(r.name != a.name for a in actors))
    trigger_tokens = _modal_span(complement)
    rule = f"report:{table.name}" + (f"+{inner.entry.id}" if inner else "")
    mention = _build(context, trigger_tokens, cameo, actors, recipients, modality, clause, index,
                     0.6 if actors else 0.45, rule, complement, is_report_act=(modality == "demanded"))
    return complement.i, mention


def _clause_span(verb: Token, complement: Token) -> tuple[int, int]:
    from dateline.events.attribution import clause_span

    return clause_span(verb, complement)


def _modal_span(verb: Token) -> list[Token]:
    """"must be finalized": the modal and auxiliaries up to the verb, as the trigger text."""
    auxiliaries = [c for c in verb.children if c.dep_ in {"aux", "auxpass"} and c.i < verb.i]
    return [*auxiliaries, verb] if auxiliaries else [verb]


def _same_party(complement: Token, speaker: Token) -> bool:
    """The reported act is the speaker's own: a pronoun, no subject, or the same words."""
    subject = subject_of(complement)
    if subject is None:
        return True
    return subject.lower_ in PRONOUN_SUBJECTS or subject.lemma_ == speaker.lemma_


def _statement(context: _Context, verb: Token, index: int) -> EventMention | None:
    """A bare statement (CAMEO 010) by the subject of a say-verb whose clause reports nothing else."""
    if verb.pos_ != "VERB" or verb.lemma_.lower() not in cues().statement_verbs:
        return None
    speaker = subject_of(verb)
    if speaker is None:
        return None
    actors = _resolve_all(context, [speaker])
    if not actors:
        return None
    recipients = _resolve_all(context, [c for c in verb.children if c.dep_ in {"dobj", "dative"}
                                        and c.pos_ in {"PROPN", "NOUN"}])
    clause = None
    modality = modality_of(verb)
    return _build(context, [verb], "010", actors, recipients, modality, clause, index, 0.5,
                  "statement", verb)
