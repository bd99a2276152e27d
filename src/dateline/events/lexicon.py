"""The event lexicon (``verbs.yaml``) and cue lists (``cues.yaml``), loaded once and validated.

An entry says which words trigger an event, under which conditions (an object, a preposition),
with which CAMEO code and which dependents give the recipient. Composition tables say how a
governing verb ("agreed to", "threatened to", "demanded") combines with the act it governs.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from dateline.events.cameo import cameo_table
from dateline.events.resources import ResourceError, read_yaml, resource_path

VERBS = "verbs.yaml"
CUES = "cues.yaml"
POS_CLASSES = ("verb", "noun", "adj")
_ENTRY_KEYS = {"id", "lemmas", "pos", "cameo", "objects", "preps", "recipient_preps", "compose",
               "actor_preps", "needs_object", "subjects", "clausal", "block", "why"}


@dataclass(frozen=True)
class LexEntry:
    """One trigger sense: the words, the conditions, the code and where the recipient is."""

    id: str
    lemmas: frozenset[str]
    pos: str
    cameo: str
    objects: frozenset[str] = frozenset()
    preps: frozenset[str] = frozenset()
    recipient_preps: frozenset[str] = frozenset()
    actor_preps: frozenset[str] = frozenset()
    compose: str | None = None
    needs_object: bool = False
    subjects: frozenset[str] = frozenset()
    clausal: bool = False
    block: bool = False

    @property
    def specificity(self) -> int:
        """Entries with more telling conditions are tried first (blockers, objects, subjects, preps)."""
        return (16 * self.block + 4 * bool(self.objects) + 4 * bool(self.subjects) + 2 * bool(self.preps)
                + bool(self.needs_object) + bool(self.clausal))

    @property
    def specific(self) -> bool:
        return self.specificity > 0


@dataclass(frozen=True)
class ComposeTable:
    """How a governing trigger's code follows from the code of the act it governs."""

    name: str
    default: str
    by_complement: tuple[tuple[str, str], ...]  # (prefix, code), longest prefix first

    def code_for(self, complement: str | None) -> str:
        if complement:
            for prefix, code in self.by_complement:
                if complement.startswith(prefix):
                    return code
        return self.default


@dataclass(frozen=True)
class RefineRule:
    """A word in the trigger's phrase that refines its code ("killed ... car bomb" -> 1832)."""

    words: frozenset[str]
    phrases: tuple[tuple[str, ...], ...]
    roots: frozenset[str]
    cameo: str

    def applies(self, cameo: str, words: list[str]) -> bool:
        if cameo[:2] not in self.roots:
            return False
        if self.words & set(words):
            return True
        return any(tuple(words[i:i + len(p)]) == p for p in self.phrases for i in range(len(words)))


@dataclass(frozen=True)
class Lexicon:
    entries: tuple[LexEntry, ...]
    index: dict[tuple[str, str], tuple[LexEntry, ...]]
    compose: dict[str, ComposeTable]
    refine: tuple[RefineRule, ...] = ()

    def candidates(self, pos: str, lemma: str) -> tuple[LexEntry, ...]:
        return self.index.get((pos, lemma), ())


def _as_words(value: object) -> frozenset[str]:
    return frozenset(str(v).lower() for v in (value or []))


def _non_strings(raw: dict, keys: tuple[str, ...]) -> list[str]:
    """Words YAML did not read as text: unquoted on/off/yes/no become booleans."""
    return [f"{key}: {item!r}" for key in keys for item in (raw.get(key) or [])
            if not isinstance(item, str)]


_WORD_LISTS = ("lemmas", "objects", "preps", "recipient_preps", "actor_preps", "subjects")


def _check_code(code: object, where: str, problems: list[tuple[str, str]]) -> str:
    text = str(code)
    if text not in cameo_table():
        problems.append((where, f"CAMEO code {text!r} is not in cameo_plover.tsv"))
    return text


def _compose_tables(raw: object, problems: list[tuple[str, str]]) -> dict[str, ComposeTable]:
    tables: dict[str, ComposeTable] = {}
    if not isinstance(raw, dict):
        problems.append(("compose", "must be a mapping of table name to table"))
        return tables
    for name, table in raw.items():
        where = f"compose.{name}"
        if not isinstance(table, dict) or "default" not in table or not table.get("why"):
            problems.append((where, "needs `default`, `by_complement` and `why`"))
            continue
        pairs = []
        for prefix, code in (table.get("by_complement") or {}).items():
            pairs.append((str(prefix), _check_code(code, f"{where}.{prefix}", problems)))
        pairs.sort(key=lambda pair: -len(pair[0]))
        tables[name] = ComposeTable(name, _check_code(table["default"], where, problems), tuple(pairs))
    return tables


def _refine_rules(raw: object, problems: list[tuple[str, str]]) -> tuple[RefineRule, ...]:
    rules = []
    for number, item in enumerate(raw or [], start=1):
        where = f"refine {number}"
        if not isinstance(item, dict) or not item.get("why") or not item.get("roots") or not item.get("cameo"):
            problems.append((where, "needs `words` or `phrases`, `roots`, `cameo` and `why`"))
            continue
        phrases = tuple(tuple(str(w).lower() for w in p) for p in item.get("phrases") or [])
        rules.append(RefineRule(_as_words(item.get("words")), phrases,
                                frozenset(str(r) for r in item["roots"]),
                                _check_code(item["cameo"], where, problems)))
    return tuple(rules)


def _entry(raw: object, number: int, tables: dict, seen: set, problems: list) -> LexEntry | None:
    where = f"entry {number}"
    if not isinstance(raw, dict):
        problems.append((where, "must be a mapping"))
        return None
    where = f"entry {number} ({raw.get('id', '?')})"
    unknown = set(raw) - _ENTRY_KEYS
    if unknown:
        problems.append((where, f"unknown keys {sorted(unknown)}"))
    for bad in _non_strings(raw, _WORD_LISTS):
        problems.append((where, f"{bad} is not a word: quote on/off/yes/no, YAML reads them as booleans"))
    block = bool(raw.get("block", False))
    for key in ("id", "lemmas", "why") if block else ("id", "lemmas", "cameo", "why"):
        if not raw.get(key):
            problems.append((where, f"missing {key!r}"))
    if block and not (raw.get("objects") or raw.get("subjects") or raw.get("preps") or raw.get("needs_object")):
        problems.append((where, "a blocker needs `objects`, `subjects`, `preps` or `needs_object`"))
    if not raw.get("id") or not raw.get("lemmas") or not (raw.get("cameo") or block):
        return None
    if raw["id"] in seen:
        problems.append((where, "duplicate id"))
    seen.add(raw["id"])
    pos = raw.get("pos", "verb")
    if pos not in POS_CLASSES:
        problems.append((where, f"pos must be one of {POS_CLASSES}"))
    compose = raw.get("compose")
    if compose is not None and compose not in tables:
        problems.append((where, f"unknown compose table {compose!r}"))
    return LexEntry(
        id=str(raw["id"]),
        lemmas=_as_words(raw["lemmas"]),
        pos=pos,
        cameo="" if block else _check_code(raw["cameo"], where, problems),
        objects=_as_words(raw.get("objects")),
        preps=_as_words(raw.get("preps")),
        recipient_preps=_as_words(raw.get("recipient_preps")),
        actor_preps=_as_words(raw.get("actor_preps")),
        compose=compose,
        needs_object=bool(raw.get("needs_object", False)),
        subjects=_as_words(raw.get("subjects")),
        clausal=bool(raw.get("clausal", False)),
        block=block,
    )


@functools.lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """The validated event lexicon; every problem of the file is raised at once."""
    raw = read_yaml(VERBS)
    problems: list[tuple[str, str]] = []
    if not isinstance(raw, dict) or not isinstance(raw.get("entries"), list):
        raise ResourceError(str(resource_path(VERBS)), [("file", "needs `compose` and a list `entries`")])
    tables = _compose_tables(raw.get("compose", {}), problems)
    refine = _refine_rules(raw.get("refine"), problems)
    seen: set[str] = set()
    entries = []
    for number, item in enumerate(raw["entries"], start=1):
        entry = _entry(item, number, tables, seen, problems)
        if entry is not None:
            entries.append(entry)
    if problems:
        raise ResourceError(str(resource_path(VERBS)), problems)
    index: dict[tuple[str, str], list[LexEntry]] = {}
    for entry in sorted(entries, key=lambda e: -e.specificity):
        for lemma in entry.lemmas:
            index.setdefault((entry.pos, lemma), []).append(entry)
    return Lexicon(tuple(entries), {k: tuple(v) for k, v in index.items()}, tables, refine)


@dataclass(frozen=True)
class Cues:
    reporting_verbs: frozenset[str]
    statement_verbs: frozenset[str]
    attribution_phrases: tuple[tuple[str, ...], ...]
    planned_aux: frozenset[str]
    hypothetical_aux: frozenset[str]
    demanded_aux: frozenset[str]
    negation_words: frozenset[str]
    negating_heads: frozenset[str]
    planning_heads: frozenset[str]
    planned_modifiers: frozenset[str]
    hypothetical_heads: frozenset[str]
    demanding_heads: frozenset[str]
    demanding_that_heads: frozenset[str]
    conditional_marks: frozenset[str]


_MODALITY_LISTS = ("planned_aux", "hypothetical_aux", "demanded_aux", "negation_words",
                   "negating_heads", "planning_heads", "planned_modifiers", "hypothetical_heads",
                   "demanding_heads", "demanding_that_heads", "conditional_marks")


@functools.lru_cache(maxsize=1)
def cues() -> Cues:
    """The validated cue lists; each list must have lemmas and a why."""
    raw = read_yaml(CUES)
    problems: list[tuple[str, str]] = []
    path = str(resource_path(CUES))
    if not isinstance(raw, dict):
        raise ResourceError(path, [("file", "must be a mapping")])

    def words(section: object, name: str, key: str = "lemmas") -> frozenset[str]:
        if not isinstance(section, dict) or not section.get(key) or not section.get("why"):
            problems.append((name, f"needs {key!r} and 'why'"))
            return frozenset()
        for bad in _non_strings(section, (key,)):
            problems.append((name, f"{bad} is not a word: quote on/off/yes/no, YAML reads them as booleans"))
        return _as_words(section[key])

    modality = raw.get("modality") or {}
    lists = {name: words(modality.get(name), f"modality.{name}") for name in _MODALITY_LISTS}
    phrases_section = raw.get("attribution_preps") or {}
    phrases = tuple(tuple(str(w).lower() for w in p) for p in phrases_section.get("phrases", []))
    if not phrases or not phrases_section.get("why"):
        problems.append(("attribution_preps", "needs 'phrases' and 'why'"))
    result = Cues(
        reporting_verbs=words(raw.get("reporting_verbs"), "reporting_verbs"),
        statement_verbs=words(raw.get("statement_verbs"), "statement_verbs"),
        attribution_phrases=phrases,
        **lists,
    )
    if problems:
        raise ResourceError(path, problems)
    return result
