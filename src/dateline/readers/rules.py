"""The readers' rule data: which header lines a text file may start with (``header.yaml``).

Loaded once per process and validated when loaded; every problem of the file is reported at once
in one ``ResourceError`` naming the file, the entry and the reason.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from importlib import resources

import yaml

from dateline.resource_files import ResourceError as BaseResourceError

_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

HEADER_FILE = "resources/readers/header.yaml"
HEADER_FIELDS = ("date", "title", "url", "source")


class ResourceError(BaseResourceError):
    """A rule file is malformed; the message lists every problem as ``file: entry: reason``."""

    def __init__(self, file: str, problems: list[str]):
        self.file = file
        super().__init__((file, *problem.split(": ", 1)) if ": " in problem else (file, "(file)", problem)
                         for problem in problems)


def _packaged_text(file: str) -> str:
    """The text of a rule file shipped in the package (``file`` relative to ``dateline/``)."""
    return resources.files("dateline").joinpath(file).read_text(encoding="utf-8")


def _load_mapping(text: str, file: str, contents: str) -> dict:
    """The YAML mapping in ``text``; bad YAML, or another top level, raises ``ResourceError``
    (``contents`` names the keys the mapping should have, for the message)."""
    try:
        data = yaml.load(text, Loader=_LOADER)
    except yaml.YAMLError as error:
        raise ResourceError(file, [f"not valid YAML: {error}"]) from error
    if not isinstance(data, dict):
        raise ResourceError(file, [f"top level must be a mapping with {contents}"])
    return data


@dataclass(frozen=True)
class DatePrefix:
    """A date form that may open a ``date`` header line followed by the story (seed format)."""

    id: str
    pattern: re.Pattern[str]
    examples: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class HeaderRules:
    keys: dict[str, str]  # lower-case header key -> Article field
    date_prefixes: tuple[DatePrefix, ...]


@functools.lru_cache(maxsize=1)
def header_rules() -> HeaderRules:
    """The header rules shipped with the package (validated; cached for the process)."""
    text = _packaged_text(HEADER_FILE)
    return parse_header_rules(text, HEADER_FILE)


def parse_header_rules(text: str, file: str) -> HeaderRules:
    """Validate and build header rules from YAML text; raise ``ResourceError`` listing all errors."""
    data = _load_mapping(text, file, "'keys' and 'inline_date_prefixes'")
    problems: list[str] = []
    keys = _header_keys(data.get("keys"), problems)
    prefixes = _date_prefixes(data.get("inline_date_prefixes"), problems)
    if problems:
        raise ResourceError(file, problems)
    return HeaderRules(keys=keys, date_prefixes=prefixes)


def _header_keys(entries: object, problems: list[str]) -> dict[str, str]:
    if not isinstance(entries, list) or not entries:
        problems.append("keys: must be a non-empty list")
        return {}
    keys: dict[str, str] = {}
    for number, entry in enumerate(entries, 1):
        where = f"keys[{number}]"
        if not isinstance(entry, dict):
            problems.append(f"{where}: must be a mapping with key, field and why")
            continue
        key, field_name, why = entry.get("key"), entry.get("field"), entry.get("why")
        if not isinstance(key, str) or not re.fullmatch(r"[a-z][a-z_-]*", key or ""):
            problems.append(f"{where}: key must be a lower-case word, got {key!r}")
        elif key in keys:
            problems.append(f"{where} ({key}): duplicate key")
        if field_name not in HEADER_FIELDS:
            problems.append(f"{where} ({key}): field must be one of {', '.join(HEADER_FIELDS)}, got {field_name!r}")
        if not isinstance(why, str) or not why.strip():
            problems.append(f"{where} ({key}): 'why' must say why the entry exists")
        if isinstance(key, str) and field_name in HEADER_FIELDS:
            keys[key] = field_name
    return keys


def _date_prefixes(entries: object, problems: list[str]) -> tuple[DatePrefix, ...]:
    if not isinstance(entries, list):
        problems.append("inline_date_prefixes: must be a list")
        return ()
    prefixes = []
    for number, entry in enumerate(entries, 1):
        prefix = _date_prefix(entry, f"inline_date_prefixes[{number}]", problems)
        if prefix is not None:
            prefixes.append(prefix)
    return tuple(prefixes)


def _date_prefix(entry: object, where: str, problems: list[str]) -> DatePrefix | None:
    if not isinstance(entry, dict):
        problems.append(f"{where}: must be a mapping with id, why, pattern and examples")
        return None
    rule_id = entry.get("id")
    where = f"{where} ({rule_id})"
    ok = True
    if not isinstance(rule_id, str) or not rule_id:
        problems.append(f"{where}: id must be a non-empty string")
        ok = False
    if not isinstance(entry.get("why"), str) or not entry["why"].strip():
        problems.append(f"{where}: 'why' must say why the rule exists")
        ok = False
    try:
        pattern = re.compile(entry.get("pattern", ""), re.IGNORECASE)
    except (re.error, TypeError) as error:
        problems.append(f"{where}: pattern does not compile: {error}")
        return None
    if "date" not in pattern.groupindex:
        problems.append(f"{where}: pattern needs a named group 'date'")
        ok = False
    examples = _examples(entry.get("examples"), where, problems)
    if examples is None:
        ok = False
    return DatePrefix(rule_id, pattern, examples) if ok else None


def _examples(entries: object, where: str, problems: list[str]) -> tuple[tuple[str, str], ...] | None:
    if not isinstance(entries, list) or not entries:
        problems.append(f"{where}: examples must be a non-empty list of {{text, date}}")
        return None
    examples = []
    for entry in entries:
        if not (isinstance(entry, dict) and isinstance(entry.get("text"), str) and isinstance(entry.get("date"), str)):
            problems.append(f"{where}: example {entry!r} needs string 'text' and 'date'")
            return None
        examples.append((entry["text"], entry["date"]))
    return tuple(examples)


FORMATS_FILE = "resources/readers/formats.yaml"
SIGNATURE_KINDS = ("starts", "contains")


@dataclass(frozen=True)
class Signature:
    """A format recognised by its first bytes: ``kind`` is ``starts`` or ``contains``."""

    kind: str
    marker: bytes  # lower-case
    format: str


@dataclass(frozen=True)
class FormatRules:
    extensions: dict[str, str]  # lower-case suffix (".jsonl.gz") -> format
    signatures: tuple[Signature, ...]


@functools.lru_cache(maxsize=1)
def format_rules() -> FormatRules:
    """The extension and signature tables shipped with the package (validated; cached)."""
    text = _packaged_text(FORMATS_FILE)
    return parse_format_rules(text, FORMATS_FILE)


def parse_format_rules(text: str, file: str) -> FormatRules:
    """Validate and build format rules from YAML text; raise ``ResourceError`` listing all errors."""
    from dateline.readers.common import FORMATS

    data = _load_mapping(text, file, "'extensions' and 'signatures'")
    problems: list[str] = []
    extensions: dict[str, str] = {}
    for number, entry in enumerate(_entries(data, "extensions", problems), 1):
        where = f"extensions[{number}] ({entry.get('suffix')})"
        suffix, fmt = entry.get("suffix"), entry.get("format")
        _check_common(entry, where, FORMATS, problems)
        if not isinstance(suffix, str) or not re.fullmatch(r"(\.[a-z0-9]+)+", suffix):
            problems.append(f"{where}: suffix must be lower-case like '.jsonl' or '.jsonl.gz'")
        elif suffix in extensions:
            problems.append(f"{where}: duplicate suffix")
        elif fmt in FORMATS:
            extensions[suffix] = fmt
    signatures = []
    for number, entry in enumerate(_entries(data, "signatures", problems), 1):
        kinds = [kind for kind in SIGNATURE_KINDS if kind in entry]
        where = f"signatures[{number}] ({entry.get(kinds[0]) if kinds else '?'})"
        ok = _check_common(entry, where, FORMATS, problems)
        if len(kinds) != 1 or not isinstance(entry[kinds[0]], str) or not entry[kinds[0]]:
            problems.append(f"{where}: needs exactly one non-empty 'starts' or 'contains'")
        elif ok:
            signatures.append(Signature(kinds[0], entry[kinds[0]].lower().encode("utf-8"), entry["format"]))
    if problems:
        raise ResourceError(file, problems)
    return FormatRules(extensions, tuple(signatures))


def _entries(data: dict, name: str, problems: list[str]) -> list[dict]:
    entries = data.get(name)
    if not isinstance(entries, list) or not entries:
        problems.append(f"{name}: must be a non-empty list")
        return []
    good = []
    for number, entry in enumerate(entries, 1):
        if isinstance(entry, dict):
            good.append(entry)
        else:
            problems.append(f"{name}[{number}]: must be a mapping")
    return good


def _check_common(entry: dict, where: str, formats: tuple[str, ...], problems: list[str]) -> bool:
    ok = True
    if entry.get("format") not in formats:
        problems.append(f"{where}: format must be one of {', '.join(formats)}, got {entry.get('format')!r}")
        ok = False
    if not isinstance(entry.get("why"), str) or not entry["why"].strip():
        problems.append(f"{where}: 'why' must say why the entry exists")
        ok = False
    return ok


PAGE_DATES_FILE = "resources/readers/page_dates.yaml"


@dataclass(frozen=True)
class PageDateRules:
    meta: tuple[tuple[str, str], ...]  # (attribute, lower-case value)
    json_ld: tuple[str, ...]
    elements: tuple[tuple[str, str], ...]  # (xpath, attribute)
    url: tuple[tuple[re.Pattern[str], tuple[tuple[str, str], ...]], ...]  # (pattern, examples)


@functools.lru_cache(maxsize=1)
def page_date_rules() -> PageDateRules:
    """Where pages state their publication date (validated; cached for the process)."""
    text = _packaged_text(PAGE_DATES_FILE)
    return parse_page_date_rules(text, PAGE_DATES_FILE)


def parse_page_date_rules(text: str, file: str) -> PageDateRules:
    """Validate and build page-date rules from YAML; raise ``ResourceError`` listing all errors."""
    data = _load_mapping(text, file, "meta, json_ld, elements and url")
    problems: list[str] = []
    meta = tuple(
        (entry["attribute"], entry["value"].lower())
        for entry in _string_entries(data, "meta", ("attribute", "value"), problems)
    )
    json_ld = tuple(entry["key"] for entry in _string_entries(data, "json_ld", ("key",), problems))
    elements = []
    for entry in _string_entries(data, "elements", ("xpath", "attribute"), problems):
        if _xpath_compiles(entry["xpath"], f"elements ({entry['xpath']})", problems):
            elements.append((entry["xpath"], entry["attribute"]))
    url = []
    for entry in _string_entries(data, "url", ("pattern",), problems):
        where = f"url ({entry['pattern']})"
        try:
            pattern = re.compile(entry["pattern"])
        except re.error as error:
            problems.append(f"{where}: pattern does not compile: {error}")
            continue
        if not {"year", "month", "day"} <= set(pattern.groupindex):
            problems.append(f"{where}: pattern needs named groups year, month and day")
            continue
        examples = _examples(entry.get("examples"), where, problems)
        if examples is not None:
            url.append((pattern, examples))
    if problems:
        raise ResourceError(file, problems)
    return PageDateRules(meta, json_ld, tuple(elements), tuple(url))


def _string_entries(data: dict, name: str, keys: tuple[str, ...], problems: list[str]) -> list[dict]:
    good = []
    for number, entry in enumerate(_entries(data, name, problems), 1):
        where = f"{name}[{number}]"
        missing = [key for key in keys if not isinstance(entry.get(key), str) or not entry[key]]
        if missing:
            problems.append(f"{where}: needs non-empty string(s) {', '.join(missing)}")
        elif not isinstance(entry.get("why"), str) or not entry["why"].strip():
            problems.append(f"{where} ({entry[keys[0]]}): 'why' must say why the entry exists")
        else:
            good.append(entry)
    return good


def _xpath_compiles(xpath: str, where: str, problems: list[str]) -> bool:
    from lxml import etree

    try:
        etree.XPath(xpath)
    except etree.XPathSyntaxError as error:
        problems.append(f"{where}: XPath does not compile: {error}")
        return False
    return True


METADATA_DATES_FILE = "resources/readers/metadata_dates.yaml"


@functools.lru_cache(maxsize=1)
def metadata_date_formats() -> tuple[tuple[str, tuple[tuple[str, str], ...]], ...]:
    """The strptime formats tried before dateparser, with their examples (validated; cached)."""
    text = _packaged_text(METADATA_DATES_FILE)
    return parse_metadata_date_formats(text, METADATA_DATES_FILE)


def parse_metadata_date_formats(text: str, file: str) -> tuple[tuple[str, tuple[tuple[str, str], ...]], ...]:
    """Validate the format list; every example must parse to its date with its own format."""
    from datetime import datetime

    data = _load_mapping(text, file, "'formats'")
    problems: list[str] = []
    formats = []
    for entry in _string_entries(data, "formats", ("format",), problems):
        where = f"formats ({entry['format']})"
        examples = _examples(entry.get("examples"), where, problems)
        if examples is None:
            continue
        for example_text, expected in examples:
            try:
                parsed = datetime.strptime(example_text, entry["format"]).date().isoformat()
            except ValueError as error:
                problems.append(f"{where}: example {example_text!r} does not parse: {error}")
                continue
            if parsed != expected:
                problems.append(f"{where}: example {example_text!r} gives {parsed}, not {expected}")
        formats.append((entry["format"], examples))
    if problems:
        raise ResourceError(file, problems)
    return tuple(formats)
