"""Load, validate and compile the temporal rules in ``resources/timex/``.

Rules are data (HeidelTime's good idea): ``rules.yaml`` holds one record per pattern with an id,
an explicit priority, the TimeML type, the name of the normaliser that turns its named slots
into a value, a ``why`` and runnable ``examples``; ``blockers.yaml`` vetoes false matches;
``words/*.tsv`` are the flat commented word lists the patterns refer to as ``{list}`` or
``{list:group}``. Everything is checked when loaded and every problem is reported at once in a
:class:`ResourceError` (file, entry, reason); nothing here exits or prints.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from datetime import date
from importlib import resources
from pathlib import Path
from typing import Any, Callable

import yaml

from dateline.resource_files import ResourceError as BaseResourceError
from dateline.timex import scan

TIMEX_TYPES = ("DATE", "TIME", "DURATION", "SET")
MODS = ("BEFORE", "AFTER", "ON_OR_BEFORE", "ON_OR_AFTER", "START", "MID", "END", "APPROX",
        "LESS_THAN", "MORE_THAN", "EQUAL_OR_LESS", "EQUAL_OR_MORE")

_SLOT = re.compile(r"\{(\w+)(?::(\w+))?\}")
_WORD_FILES = ("months", "weekdays", "numbers", "ordinals", "units", "seasons", "parts_of_day",
               "holidays", "date_modifiers", "amount_modifiers", "forward_cues")

#: Slots that are regex macros rather than word lists, with how their text becomes a value.
MACROS: dict[str, str] = {
    "year": r"(?:1[0-9]|20)\d\d",
    "yy": r"'?\d\d",
    "day": r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?",
    "hour": r"(?:1[0-2]|0?[1-9])",
    "hour24": r"(?:[01]?\d|2[0-3])",
    "minute": r"[0-5]\d",
    "digits": r"\d{1,3}(?:,\d{3})*(?:\.\d+|\s+1/2|\s*\u00bd)?",
}


class ResourceError(BaseResourceError):
    """Rule or word-list files are invalid; ``errors`` lists every (file, entry, reason)."""

    def __init__(self, errors: list[tuple[str, str, str]]):
        self.errors = errors
        super().__init__(errors)


@dataclass(frozen=True)
class Example:
    text: str
    reference: date | None
    extent: str
    value: str
    type: str | None = None
    mod: str | None = None


@dataclass(frozen=True)
class Rule:
    """One recognition pattern and how to normalise what it finds."""

    id: str
    priority: int
    type: str
    pattern: str
    regex: re.Pattern[str]
    normalize: str
    args: dict[str, Any]
    slots: dict[str, str]
    why: str
    examples: tuple[Example, ...] = ()
    #: Lower-case words one of which every match contains (see ``timex.scan``); None: unknown.
    required: frozenset[str] | None = None


@dataclass(frozen=True)
class Blocker:
    """A veto: a candidate whose text, neighbours and token tags all match is dropped."""

    id: str
    why: str
    rules: frozenset[str] | None
    text: re.Pattern[str] | None
    before: re.Pattern[str] | None
    after: re.Pattern[str] | None
    tags: frozenset[str] | None
    pos: frozenset[str] | None


@dataclass(frozen=True)
class RuleSet:
    rules: tuple[Rule, ...]
    blockers: tuple[Blocker, ...]
    words: dict[str, dict[str, str]] = field(default_factory=dict)
    forward_cue: re.Pattern[str] | None = None


def resource_dir() -> Path:
    return Path(str(resources.files("dateline") / "resources" / "timex"))


def read_word_list(path: Path, errors: list[tuple[str, str, str]]) -> dict[str, str]:
    """A ``text<TAB>value[<TAB># why]`` file as a dict keyed by lower-cased text."""
    words: dict[str, str] = {}
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        cells = [c.strip() for c in line.split("\t")]
        if len(cells) < 2 or not cells[0] or not cells[1] or cells[1].startswith("#"):
            errors.append((path.name, f"line {number}", "expected 'text<TAB>value'"))
            continue
        key = normalise_words(cells[0])
        if key in words:
            errors.append((path.name, f"line {number}", f"duplicate entry {cells[0]!r}"))
        words[key] = cells[1]
    return words


def normalise_words(text: str) -> str:
    """Lookup key of a matched phrase: lower case, single spaces, straight apostrophes."""
    return " ".join(text.lower().replace("\u2019", "'").split())


def list_regex(words: dict[str, str]) -> str:
    """An alternation of the phrases, longest first so that ``sept.`` beats ``sep``."""
    alternatives = []
    for phrase in sorted(words, key=len, reverse=True):
        alternatives.append(r"\s+".join(re.escape(part).replace("'", "['\u2019]")
                                        for part in phrase.split()))
    return "(?:" + "|".join(alternatives) + ")"


def number_regex(numbers: dict[str, str]) -> str:
    """Digits, or number words possibly compounded (``twenty-four``, ``twenty four``)."""
    words = list_regex(numbers)
    tens = r"(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
    units = r"(?:one|two|three|four|five|six|seven|eight|nine)"
    return rf"(?:{MACROS['digits']}|{tens}[\s-]+{units}|{words})"


def expand(pattern: str, words: dict[str, dict[str, str]], slots: dict[str, str],
           where: tuple[str, str], errors: list[tuple[str, str, str]]) -> str:
    """Replace ``{list}``/``{list:group}`` by named groups, recording which list fills each group."""

    def replace(match: re.Match[str]) -> str:
        name, group = match.group(1), match.group(2) or match.group(1)
        if name == "number":
            body = number_regex(words["numbers"])
        elif name in MACROS:
            body = MACROS[name]
        elif name in words:
            body = list_regex(words[name])
        else:
            errors.append((*where, f"unknown slot {{{name}}}"))
            return "(?:)"
        if group in slots:
            errors.append((*where, f"slot group {group!r} used twice; name it {{{name}:other}}"))
            return "(?:)"
        slots[group] = name
        return f"(?P<{group}>{body})"

    return _SLOT.sub(replace, pattern)


def _parse_example(raw: Any, where: tuple[str, str], errors: list) -> Example | None:
    if not isinstance(raw, dict) or not {"text", "value"} <= raw.keys():
        errors.append((*where, "each example needs 'text' and 'value' (and 'extent', 'ref')"))
        return None
    ref = raw.get("ref")
    if isinstance(ref, str):
        try:
            ref = date.fromisoformat(ref)
        except ValueError:
            errors.append((*where, f"example ref {ref!r} is not an ISO date"))
            return None
    return Example(text=str(raw["text"]), reference=ref, extent=str(raw.get("extent", raw["text"])),
                   value=str(raw["value"]), type=raw.get("type"), mod=raw.get("mod"))


def build_rules(entries: Any, words: dict[str, dict[str, str]], normalisers: dict[str, Callable],
                errors: list[tuple[str, str, str]], file: str = "rules.yaml") -> list[Rule]:
    """Validate rule records and compile their patterns; problems go to ``errors``."""
    if not isinstance(entries, list):
        errors.append((file, "-", "expected a list of rules under 'rules:'"))
        return []
    rules, seen = [], set()
    for index, raw in enumerate(entries):
        rule_id = raw.get("id") if isinstance(raw, dict) else None
        where = (file, str(rule_id or f"entry {index}"))
        if not isinstance(raw, dict):
            errors.append((*where, "a rule is a mapping"))
            continue
        missing = [k for k in ("id", "priority", "type", "pattern", "normalize", "why") if k not in raw]
        if missing:
            errors.append((*where, f"missing {', '.join(missing)}"))
            continue
        if rule_id in seen:
            errors.append((*where, "duplicate rule id"))
        seen.add(rule_id)
        if raw["type"] not in TIMEX_TYPES:
            errors.append((*where, f"type must be one of {TIMEX_TYPES}"))
        if not isinstance(raw["priority"], int):
            errors.append((*where, "priority must be an integer"))
        if raw["normalize"] not in normalisers:
            errors.append((*where, f"unknown normaliser {raw['normalize']!r}"))
        if not str(raw["why"]).strip():
            errors.append((*where, "'why' must say why the rule exists"))
        args = raw.get("args") or {}
        if not isinstance(args, dict):
            errors.append((*where, "'args' must be a mapping"))
            args = {}
        if "mod" in args and args["mod"] not in MODS:
            errors.append((*where, f"mod must be one of {MODS}"))
        slots: dict[str, str] = {}
        body = expand(str(raw["pattern"]), words, slots, where, errors)
        try:
            regex = compile_rule(body)
        except re.error as error:
            errors.append((*where, f"pattern does not compile: {error}"))
            continue
        examples = tuple(e for e in (_parse_example(x, where, errors) for x in raw.get("examples") or ())
                         if e is not None)
        rules.append(Rule(id=rule_id, priority=raw["priority"], type=raw["type"], pattern=body,
                          regex=regex, normalize=raw["normalize"], args=args, slots=slots,
                          why=str(raw["why"]), examples=examples,
                          required=scan.required_words(body, re.IGNORECASE)))
    return rules


def compile_rule(body: str) -> re.Pattern[str]:
    """A rule's regex: whole words only, any case; with a lookahead on the characters a match
    can begin with when they are known (same matches, found faster: see ``timex.scan``)."""
    plain = re.compile(rf"(?<![\w.'])(?:{body})(?!\w)", re.IGNORECASE)  # raises as it always did
    first = scan.first_chars(body, re.IGNORECASE)
    if first is None:
        return plain
    # the lookahead goes first: it rejects most positions (spaces, most letters) in one test
    return re.compile(rf"(?={first})(?<![\w.'])(?:{body})(?!\w)", re.IGNORECASE)


def _compile_optional(raw: Any, where: tuple[str, str], errors: list, anchored: str) -> re.Pattern | None:
    if raw is None:
        return None
    try:
        return re.compile(anchored.format(raw))
    except re.error as error:
        errors.append((*where, f"pattern does not compile: {error}"))
        return None


def build_blockers(entries: Any, rule_ids: set[str], errors: list, file: str = "blockers.yaml") -> list[Blocker]:
    if not isinstance(entries, list):
        errors.append((file, "-", "expected a list of blockers under 'blockers:'"))
        return []
    blockers = []
    for index, raw in enumerate(entries):
        where = (file, str(raw.get("id") if isinstance(raw, dict) else f"entry {index}"))
        if not isinstance(raw, dict) or "id" not in raw or not str(raw.get("why", "")).strip():
            errors.append((*where, "a blocker needs an 'id' and a 'why'"))
            continue
        if not any(k in raw for k in ("text", "before", "after", "tags", "pos")):
            errors.append((*where, "a blocker needs at least one of text/before/after/tags/pos"))
            continue
        unknown = set(raw.get("rules") or ()) - rule_ids
        if unknown:
            errors.append((*where, f"unknown rule ids {sorted(unknown)}"))
        blockers.append(Blocker(
            id=raw["id"], why=raw["why"],
            rules=frozenset(raw["rules"]) if raw.get("rules") else None,
            text=_compile_optional(raw.get("text"), where, errors, "(?:{})$"),
            before=_compile_optional(raw.get("before"), where, errors, "(?:{})$"),
            after=_compile_optional(raw.get("after"), where, errors, "(?:{})"),
            tags=frozenset(raw["tags"]) if raw.get("tags") else None,
            pos=frozenset(raw["pos"]) if raw.get("pos") else None,
        ))
    return blockers


def _load_yaml(path: Path, errors: list) -> Any:
    try:
        loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
        return yaml.load(path.read_text(encoding="utf-8"), Loader=loader) or {}
    except (OSError, yaml.YAMLError) as error:
        errors.append((path.name, "-", f"cannot read: {error}"))
        return {}


def load_ruleset(directory: Path | None = None) -> RuleSet:
    """Read and validate every timex resource file; raise one ResourceError listing all problems."""
    from dateline.timex.normalize import NORMALISERS

    directory = directory or resource_dir()
    errors: list[tuple[str, str, str]] = []
    words = {}
    for name in _WORD_FILES:
        path = directory / "words" / f"{name}.tsv"
        if not path.is_file():
            errors.append((f"words/{name}.tsv", "-", "missing word list"))
            words[name] = {}
            continue
        words[name] = read_word_list(path, errors)
    rule_data = _load_yaml(directory / "rules.yaml", errors)
    rules = build_rules(rule_data.get("rules") if isinstance(rule_data, dict) else None,
                        words, NORMALISERS, errors)
    blocker_data = _load_yaml(directory / "blockers.yaml", errors)
    blockers = build_blockers(blocker_data.get("blockers") if isinstance(blocker_data, dict) else None,
                              {r.id for r in rules}, errors)
    if errors:
        raise ResourceError(errors)
    return RuleSet(rules=tuple(sorted(rules, key=lambda r: -r.priority)), blockers=tuple(blockers),
                   words=words, forward_cue=forward_cue_regex(words["forward_cues"]))


def forward_cue_regex(cues: dict[str, str]) -> re.Pattern[str]:
    """Matches text ending in a forward cue word (searched on the text just before a timex)."""
    return re.compile(rf"\b{list_regex(cues)}\s+(?:on\s+)?$", re.IGNORECASE)


@functools.lru_cache(maxsize=1)
def default_ruleset() -> RuleSet:
    """The packaged rules, loaded and validated once per process."""
    return load_ruleset()
