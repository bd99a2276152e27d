"""Reading the rule and word-list files under ``dateline/resources/``, and their one error type.

Every stage keeps its rules as data and validates them when they load, collecting every problem
before raising, so that a broken file is reported whole (file, entry, reason) in one
``ResourceError``. The command line catches this one type and prints the list; library code never
exits the process.
"""

from __future__ import annotations

from collections.abc import Iterable
from importlib import resources
from importlib.resources.abc import Traversable
from typing import Any

import yaml

# libyaml's parser when PyYAML was built with it: about ten times faster on the larger lexicons.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class ResourceError(ValueError):
    """A resource file is malformed; ``problems`` lists every ``(file, entry, reason)`` found."""

    def __init__(self, problems: Iterable[tuple[str, str, str]]) -> None:
        self.problems = tuple(problems)
        lines = [f"{file}: {entry}: {reason}" for file, entry, reason in self.problems]
        super().__init__(f"{len(lines)} problem(s) in dateline resources:\n" + "\n".join(lines))


def resource(*parts: str) -> Traversable:
    """The packaged file ``dateline/resources/<parts...>``."""
    return resources.files("dateline").joinpath("resources", *parts)


def parse_yaml(text: str, file: str) -> Any:
    """The YAML document in ``text``; a syntax error becomes a ``ResourceError`` naming ``file``."""
    try:
        return yaml.load(text, Loader=_LOADER)
    except yaml.YAMLError as error:
        raise ResourceError([(file, "(file)", f"not valid YAML: {error}")]) from error


def load_yaml(*parts: str) -> Any:
    """The packaged YAML file ``dateline/resources/<parts...>``, parsed with the fast loader."""
    file = "/".join(parts)
    try:
        text = resource(*parts).read_text(encoding="utf-8")
    except OSError as error:
        raise ResourceError([(file, "(file)", f"cannot be read: {error}")]) from error
    return parse_yaml(text, file)
