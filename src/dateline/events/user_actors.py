"""Actor files: people and organisations the text alone cannot place, chosen by the article's date.

A news story says "President Bouteflika" or "Trump" without a country; an analyst knows who they
are and when they held office. An actor file records that knowledge as data (format in
``docs/actors.md``)::

    actors:
      - name: Donald Trump
        aliases: [Trump, President Trump]
        country: USA
        sector: GOV
        valid_from: 2017-01-20
        valid_to: 2021-01-20
        why: 45th president of the United States

dateline ships one (``resources/events/actors.yaml``, heads of state and government); a user's
file, given with ``--actors``, is consulted first. Entries are matched on name or alias ignoring
case, periods and hyphens; an entry with dates matches only articles dated inside them.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import yaml

from dateline.events.resources import resource_path

COUNTRY_CODE = re.compile(r"^[A-Z]{3}$")
SECTOR_CODE = re.compile(r"^[A-Z]{3}$")
KNOWN_FIELDS = {"name", "aliases", "country", "sector", "valid_from", "valid_to", "why", "comment"}


class ActorsFileError(ValueError):
    """An actor file is malformed; ``problems`` lists every ``(entry, reason)`` found at once."""

    def __init__(self, path: str, problems: list[tuple[str, str]]):
        self.path = path
        self.problems = tuple(problems)
        lines = "\n".join(f"  {path}: {entry}: {reason}" for entry, reason in problems)
        super().__init__(f"{len(problems)} problem(s) in actor file {path}:\n{lines}")


@dataclass(frozen=True)
class UserActor:
    """One person or organisation of an actor file, valid between two dates (inclusive)."""

    name: str
    aliases: tuple[str, ...]
    country: str | None
    sector: str | None
    valid_from: date | None = None
    valid_to: date | None = None

    @property
    def dated(self) -> bool:
        return self.valid_from is not None or self.valid_to is not None

    def valid_on(self, day: date) -> bool:
        """Whether the entry holds on ``day`` (open ends are unbounded)."""
        if self.valid_from is not None and day < self.valid_from:
            return False
        return not (self.valid_to is not None and day > self.valid_to)


@functools.lru_cache(maxsize=65536)
def name_key(text: str) -> str:
    """The form names are compared in: lower case, no periods or apostrophes, hyphens as spaces.

    Memoised: actor resolution asks it for the same few names over and over (a pure function of
    the string, so the cache changes no answer)."""
    text = text.replace("’", "'").lower()
    text = re.sub(r"['.]", "", text)
    return " ".join(re.split(r"[\s\-]+", text)).strip()


class UserActors:
    """A loaded actor file: name or alias -> entries, several per name when offices changed."""

    def __init__(self, entries: tuple[UserActor, ...], origin: str = "<memory>"):
        self.entries = entries
        self.origin = origin
        index: dict[str, list[UserActor]] = {}
        for entry in entries:
            for key in {name_key(entry.name), *(name_key(alias) for alias in entry.aliases)}:
                index.setdefault(key, []).append(entry)
        self._index = index

    @classmethod
    def load(cls, path: str | Path) -> UserActors:
        """Read and validate an actor file; every bad entry is reported in one ``ActorsFileError``."""
        path = Path(path)
        try:
            loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
            data = yaml.load(path.read_text(encoding="utf-8"), Loader=loader)  # noqa: S506 - a safe loader
        except OSError as error:
            raise ActorsFileError(str(path), [("file", f"cannot read: {error.strerror or error}")]) from error
        except yaml.YAMLError as error:
            raise ActorsFileError(str(path), [("file", f"not valid YAML: {error}")]) from error
        return cls(parse_entries(data, str(path)), str(path))

    def lookup(self, name: str, on_date: date | None) -> UserActor | None:
        """The entry for ``name`` on ``on_date``: a dated entry valid that day, else an undated one.

        With no date only undated entries match: an office cannot be chosen without knowing when.
        """
        candidates = self._index.get(name_key(name), ())
        if on_date is not None:
            for entry in candidates:
                if entry.dated and entry.valid_on(on_date):
                    return entry
        for entry in candidates:
            if not entry.dated:
                return entry
        return None

    def country_of(self, name: str) -> str | None:
        """The country every entry of ``name`` agrees on, whatever the date (people keep it)."""
        countries = {entry.country for entry in self._index.get(name_key(name), ())}
        return countries.pop() if len(countries) == 1 else None

    def sector_of(self, name: str) -> str | None:
        """The sector every entry of ``name`` agrees on, for articles without a date."""
        sectors = {entry.sector for entry in self._index.get(name_key(name), ())}
        return sectors.pop() if len(sectors) == 1 else None

    def __contains__(self, name: str) -> bool:
        return name_key(name) in self._index

    def __len__(self) -> int:
        return len(self.entries)


def parse_entries(data: object, origin: str) -> tuple[UserActor, ...]:
    """Validate the parsed YAML of an actor file, collecting every problem before raising."""
    if not isinstance(data, dict) or not isinstance(data.get("actors"), list):
        raise ActorsFileError(origin, [("file", "expected a mapping with an 'actors' list")])
    entries: list[UserActor] = []
    problems: list[tuple[str, str]] = []
    for number, raw in enumerate(data["actors"], start=1):
        label = f"entry {number}"
        if isinstance(raw, dict) and isinstance(raw.get("name"), str):
            label = f"entry {number} ({raw['name']})"
        entry, reasons = parse_entry(raw)
        problems.extend((label, reason) for reason in reasons)
        if entry is not None and not reasons:
            entries.append(entry)
    if problems:
        raise ActorsFileError(origin, problems)
    return tuple(entries)


def parse_entry(raw: object) -> tuple[UserActor | None, list[str]]:
    """One entry and the reasons it is wrong (empty when it is fine)."""
    if not isinstance(raw, dict):
        return None, ["expected a mapping with name, aliases, country, sector"]
    reasons = [f"unknown field {key!r}" for key in raw if key not in KNOWN_FIELDS]
    name = raw.get("name")
    if not isinstance(name, str) or not name.strip():
        reasons.append("'name' must be a non-empty string")
    aliases = raw.get("aliases") or []
    if not isinstance(aliases, list) or not all(isinstance(a, str) and a.strip() for a in aliases):
        reasons.append("'aliases' must be a list of non-empty strings")
        aliases = []
    country = optional_code(raw, "country", COUNTRY_CODE, reasons)
    sector = optional_code(raw, "sector", SECTOR_CODE, reasons)
    valid_from = optional_date(raw, "valid_from", reasons)
    valid_to = optional_date(raw, "valid_to", reasons)
    if valid_from and valid_to and valid_from > valid_to:
        reasons.append(f"valid_from {valid_from} is after valid_to {valid_to}")
    if reasons:
        return None, reasons
    return UserActor(name.strip(), tuple(a.strip() for a in aliases), country, sector, valid_from, valid_to), []


def optional_code(raw: dict, key: str, pattern: re.Pattern, reasons: list[str]) -> str | None:
    value = raw.get(key)
    if value is None:
        return None
    if not isinstance(value, str) or not pattern.match(value):
        reasons.append(f"{key!r} must be a three-letter upper-case code, got {value!r}")
        return None
    return value


def optional_date(raw: dict, key: str, reasons: list[str]) -> date | None:
    value = raw.get(key)
    if value is None or isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value)
        except ValueError:
            pass
    reasons.append(f"{key!r} must be a date written YYYY-MM-DD, got {value!r}")
    return None


@functools.lru_cache(maxsize=1)
def builtin_actors() -> UserActors:
    """dateline's own actor dictionary (``resources/events/actors.yaml``), loaded once."""
    return UserActors.load(resource_path("actors.yaml"))
