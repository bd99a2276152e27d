"""Loading the events stage's resource files: one place that reads, validates and caches them.

Every file under ``resources/events/`` is read once per process (``functools.lru_cache``) and
validated as a whole: all problems of a file are collected and raised together as one
``ResourceError`` naming the file, the entry and the reason, so a bad edit is fixed in one pass.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import yaml

from dateline.resource_files import ResourceError as BaseResourceError

# libyaml when available: the lexicons are large and every process loads them once.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class ResourceError(BaseResourceError):
    """A resource file is malformed; ``problems`` lists every ``(file, entry, reason)`` found."""

    def __init__(self, path: str, problems: list[tuple[str, str]]):
        self.path = path
        super().__init__((path, entry, reason) for entry, reason in problems)


def resource_path(name: str) -> Path:
    """The path of ``resources/events/NAME`` inside the installed package."""
    return Path(str(resources.files("dateline") / "resources" / "events" / name))


def read_yaml(name: str) -> object:
    """Parse a YAML resource, turning a syntax error into a ``ResourceError``."""
    path = resource_path(name)
    try:
        return yaml.load(path.read_text(encoding="utf-8"), Loader=_LOADER)
    except (OSError, yaml.YAMLError) as error:
        raise ResourceError(str(path), [("file", str(error))]) from error


def list_under(data: object, name: str, key: str, article: str = "a") -> tuple[str, list]:
    """The path of resource ``name`` and the list under ``key`` of its parsed YAML ``data`` (the
    shape of every table file here), raising "expected {article} 'key' list" when there is none.
    Callers read the file themselves (``read_yaml``), so tests can substitute its contents."""
    path = str(resource_path(name))
    rows = data.get(key) if isinstance(data, dict) else None
    if not isinstance(rows, list):
        raise ResourceError(path, [("file", f"expected {article} {key!r} list")])
    return path, rows


def read_tsv(name: str) -> tuple[str, list[tuple[int, dict[str, str]]]]:
    """Rows of a TSV resource as ``(line number, {column: value})``; ``#`` lines are comments."""
    path = resource_path(name)
    rows: list[tuple[int, dict[str, str]]] = []
    header: list[str] | None = None
    problems: list[tuple[str, str]] = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if header is None:
            header = cells
            continue
        if len(cells) != len(header):
            problems.append((f"line {number}", f"expected {len(header)} columns, found {len(cells)}"))
            continue
        rows.append((number, dict(zip(header, cells))))
    if problems:
        raise ResourceError(str(path), problems)
    return str(path), rows
