"""CAMEO codes and what they mean in PLOVER: type, mode, Goldstein score, quad class.

The table is project data (``resources/events/cameo_plover.tsv``), written for dateline and
checked by a test against the PLOVER 2021 conversion table in ``../shared``. Codes are strings
because their leading zeros matter ("057" is not "57").
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from dateline.events.resources import ResourceError, read_tsv

TABLE = "cameo_plover.tsv"

PLOVER_TYPES = frozenset({
    "STATEMENT", "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT",
    "REQUEST", "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE",
    "ASSAULT",
})

_CODE = re.compile(r"\d{2,4}")


@dataclass(frozen=True)
class CameoCode:
    """One CAMEO code with its PLOVER reading."""

    code: str
    plover_type: str
    plover_mode: str | None
    goldstein: float
    name: str

    @property
    def root(self) -> str:
        return self.code[:2]

    @property
    def quad_class(self) -> int:
        """GDELT's QuadClass: 1 verbal and 2 material cooperation, 3 verbal and 4 material conflict."""
        return quad_class(self.code)


def quad_class(code: str) -> int:
    """QuadClass of a CAMEO code from its root, as GDELT defines it."""
    root = int(code[:2])
    if root <= 5:
        return 1
    if root <= 9:
        return 2
    if root <= 14:
        return 3
    return 4


@functools.lru_cache(maxsize=1)
def cameo_table() -> dict[str, CameoCode]:
    """Every code of the table, validated: all problems are raised at once."""
    path, rows = read_tsv(TABLE)
    table: dict[str, CameoCode] = {}
    problems: list[tuple[str, str]] = []
    for line, row in rows:
        entry = f"line {line} ({row.get('code', '?')})"
        code = row["code"].strip()
        if not _CODE.fullmatch(code):
            problems.append((entry, "code must be 2 to 4 digits"))
            continue
        if code in table:
            problems.append((entry, "duplicate code"))
        if row["plover_type"] not in PLOVER_TYPES:
            problems.append((entry, f"unknown PLOVER type {row['plover_type']!r}"))
        if not row["why"].strip():
            problems.append((entry, "every code needs a why"))
        try:
            goldstein = float(row["goldstein"])
        except ValueError:
            problems.append((entry, f"goldstein {row['goldstein']!r} is not a number"))
            continue
        if not -10.0 <= goldstein <= 10.0:
            problems.append((entry, "goldstein must lie in [-10, 10]"))
        table[code] = CameoCode(code, row["plover_type"], row["plover_mode"].strip() or None,
                                goldstein, row["name"])
    for code in table:
        if len(code) > 2 and code[:2] not in table:
            problems.append((code, f"its root {code[:2]} is missing"))
    if problems:
        raise ResourceError(path, problems)
    return table


def lookup(code: str) -> CameoCode:
    """The entry for ``code``, falling back to its 3-digit parent and root when not listed."""
    table = cameo_table()
    for candidate in (code, code[:3], code[:2]):
        if candidate in table:
            return table[candidate]
    raise KeyError(code)
