"""Run the rule patterns over a text faster, with exactly the matches a plain ``finditer`` gives.

Every rule is one case-insensitive regex run over the whole text, and Python's regex engine tries
it at every character: most of the tagger's time went into attempts that fail at once (a long
alternation of month names tried in front of every word). Two facts read off each pattern, at
load time, cut those attempts without changing a single match:

* the characters a match can begin with (``first_chars``): a lookahead on them lets the engine
  give up after one character test instead of trying each alternative;
* words at least one of which every match contains (``required_words``: "quarter", the month
  names, "tonight"): a text that contains none of them cannot match, so the rule is not run on
  it (``may_match``, a plain substring test).

Both analyses read the parsed pattern (``re._parser``, CPython's own parser): every construct they
do not know makes them answer "anything", never "nothing", so an unknown pattern is simply run as
before. The tests check the matches against the plain regex on real and adversarial text.
"""

from __future__ import annotations

import functools
import re
from typing import Any

try:  # CPython's regex parser (re._parser since 3.11): used only to read patterns, never to match
    from re import _constants as _op
    from re import _parser as _sre_parse
except ImportError:  # another implementation: no analysis, every rule runs as written
    _op = _sre_parse = None

#: The repeat opcodes (``POSSESSIVE_REPEAT`` is new in 3.11).
_REPEATS = () if _op is None else tuple(
    getattr(_op, name) for name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT") if hasattr(_op, name))

#: Regex categories that can stand in a character class as they are.
_CATEGORIES = {
    "CATEGORY_DIGIT": r"\d", "CATEGORY_NOT_DIGIT": r"\D", "CATEGORY_SPACE": r"\s",
    "CATEGORY_NOT_SPACE": r"\S", "CATEGORY_WORD": r"\w", "CATEGORY_NOT_WORD": r"\W",
}
#: Matches the characters a case-insensitive ASCII letter matches (and ASCII itself): the Kelvin
#: sign matches "k", the long s "s", a dotted capital I "i".
_ASCII_LIKE = re.compile(r"[\x00-\x7f]", re.IGNORECASE)


def first_chars(pattern: str, flags: int) -> str | None:
    """A character class of the characters a match of ``pattern`` can begin with, or None when
    they cannot be told (or the pattern may match the empty string).

    Put in a lookahead before the pattern it is true at every position where a match begins, so
    the matches are the same; it only rejects the other positions after one character test.
    """
    parsed = _parse(pattern, flags)
    if parsed is None:
        return None
    first = _first_of_sequence(list(parsed))
    if first is None or first[1] or not first[0]:
        return None
    return f"[{''.join(sorted(first[0]))}]"


def required_words(pattern: str, flags: int) -> frozenset[str] | None:
    """Lower-case ASCII words one of which is in every match (None when no such set is known)."""
    parsed = _parse(pattern, flags)
    if parsed is None or not flags & re.IGNORECASE:
        return None
    found = _required_of_sequence(list(parsed))
    return frozenset(found) if found else None


def folded(text: str) -> str | None:
    """The text as the required-word test reads it (lower case), or None when the text holds a
    character that a case-insensitive ASCII letter matches without being ASCII (then lower-casing
    would not show every match, and no rule may be skipped)."""
    if not text.isascii() and any(_ascii_like(c) for c in set(text) if not c.isascii()):
        return None
    return text.lower()


def may_match(required: frozenset[str] | None, folded_text: str | None) -> bool:
    """Whether a rule with these required words can match the text (see :func:`folded`)."""
    if required is None or folded_text is None:
        return True
    return any(word in folded_text for word in required)


@functools.lru_cache(maxsize=4096)
def _ascii_like(char: str) -> bool:
    return _ASCII_LIKE.match(char) is not None


def _parse(pattern: str, flags: int) -> Any:
    if _sre_parse is None:
        return None
    try:
        return _sre_parse.parse(pattern, flags)
    except Exception:  # noqa: BLE001 - an unreadable pattern is simply not analysed
        return None


# -- first characters ---------------------------------------------------------------------------

def _first_of_sequence(items: list) -> tuple[set[str], bool] | None:
    """(class items a match of the sequence can begin with, whether it can match empty text)."""
    found: set[str] = set()
    for op, arg in items:
        first = _first_of_item(op, arg)
        if first is None:
            return None
        found |= first[0]
        if not first[1]:
            return found, False
    return found, True


def _first_of_item(op: Any, arg: Any) -> tuple[set[str], bool] | None:
    if op is _op.LITERAL:
        return {re.escape(chr(arg))}, False
    if op is _op.IN:
        members = set()
        for kind, value in arg:
            if kind is _op.LITERAL:
                members.add(re.escape(chr(value)))
            elif kind is _op.RANGE:
                members.add(f"{re.escape(chr(value[0]))}-{re.escape(chr(value[1]))}")
            elif kind is _op.CATEGORY and str(value) in _CATEGORIES:
                members.add(_CATEGORIES[str(value)])
            else:  # a negated class or an unusual category: anything
                return None
        return members, False
    if op is _op.BRANCH:
        found, empty = set(), False
        for alternative in arg[1]:
            first = _first_of_sequence(list(alternative))
            if first is None:
                return None
            found |= first[0]
            empty = empty or first[1]
        return found, empty
    if op is _op.SUBPATTERN:
        _group, add_flags, del_flags, body = arg
        return None if add_flags or del_flags else _first_of_sequence(list(body))
    if op in _REPEATS:
        low, _high, body = arg
        first = _first_of_sequence(list(body))
        return None if first is None else (first[0], first[1] or low == 0)
    if op in (_op.AT, _op.ASSERT, _op.ASSERT_NOT):
        return set(), True  # zero-width: the next item begins the match
    return None


# -- required words -----------------------------------------------------------------------------

def _required_of_sequence(items: list) -> set[str] | None:
    """The most selective word set among the sequence's mandatory parts (runs of literals,
    alternations whose every branch requires words, repeats of at least one)."""
    options: list[set[str]] = []
    run = ""
    for op, arg in items:
        if op is _op.LITERAL and chr(arg).isascii():
            run += chr(arg).lower()
            continue
        if run:
            options.append({run})
            run = ""
        found = _required_of_item(op, arg)
        if found:
            options.append(found)
    if run:
        options.append({run})
    if not options:
        return None
    return max(options, key=lambda words: (min(map(len, words)), -len(words)))


def _required_of_item(op: Any, arg: Any) -> set[str] | None:
    if op is _op.BRANCH:
        found: set[str] = set()
        for alternative in arg[1]:
            words = _required_of_sequence(list(alternative))
            if not words:
                return None
            found |= words
        return found
    if op is _op.SUBPATTERN:
        _group, add_flags, del_flags, body = arg
        return None if add_flags or del_flags else _required_of_sequence(list(body))
    if op in _REPEATS:
        low, _high, body = arg
        return _required_of_sequence(list(body)) if low >= 1 else None
    return None  # lookarounds look outside the match; classes and the rest require nothing known
