"""spaCy's attribute ruler with its plain patterns checked by lookup instead of the Matcher.

en_core_web_sm's ``attribute_ruler`` maps every fine-grained tag to its coarse part of speech and
morphology, and fixes a few words ("n't" is PART, "is" is AUX, "gets" has lemma "get"). It holds
179 patterns and runs them all through spaCy's ``Matcher``, then builds a ``Span`` per match,
which makes it about a tenth of the whole parse's CPU time: more than the tagger and parser
together. Nearly all its patterns test a token or two for equality (TAG, LOWER, DEP, ORTH,
IS_SPACE), membership (IN, NOT_IN) or a regex, so they can be filed by the first token's tag,
word or dependency and checked with a few comparisons; the answer for each distinct token shape
is remembered.

``IndexedAttributeRuler`` keeps spaCy's patterns, attribute values and precedence (a later pattern
wins, as in spaCy, which applies matches sorted by pattern number); only the matching changes.
Patterns it cannot check itself (operators such as ``OP``, other attributes) still go through a
``Matcher`` that holds just those. The tests check that it gives the same POS, MORPH, LEMMA and
DEP as spaCy's ruler on news text, on the model's rare rules and on arbitrary token sequences.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from itertools import product
from typing import Any

from spacy.language import Language
from spacy.matcher import Matcher
from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc, Token
from spacy.tokens._retokenize import set_token_attrs

FACTORY = "dateline_indexed_attribute_ruler"

#: Token attributes a pattern may test and still be checked here rather than by a Matcher. Each is
#: read as the Matcher reads it: the string of the attribute's value ("" when unset).
TESTED_ATTRIBUTES = frozenset({"TAG", "LOWER", "ORTH", "DEP", "IS_SPACE"})

Condition = tuple[str, str, Any]  # (attribute, "==" | "in" | "not in" | "regex", value)
TokenTest = tuple[Condition, ...]  # every condition on one token of a pattern
Rule = tuple[int, tuple[TokenTest, ...]]  # (pattern number, the tests of consecutive tokens)


def _condition(attribute: str, spec: Any) -> Condition | None:
    """One pattern key as a condition, or None if it is not an equality, membership or regex test."""
    if attribute not in TESTED_ATTRIBUTES:
        return None
    if isinstance(spec, (str, bool)):
        return (attribute, "==", spec)
    if isinstance(spec, dict) and len(spec) == 1:
        (operator, values), = spec.items()
        if operator in ("IN", "NOT_IN") and isinstance(values, list) and all(isinstance(v, str) for v in values):
            return (attribute, "in" if operator == "IN" else "not in", frozenset(values))
        if operator == "REGEX" and isinstance(values, str) and attribute != "IS_SPACE":
            return (attribute, "regex", re.compile(values))
    return None


def pattern_tests(pattern: list[dict]) -> tuple[TokenTest, ...] | None:
    """The tests of a pattern's tokens, or None if it needs the Matcher (operators, other keys)."""
    tests = []
    for token_spec in pattern:
        if not token_spec or "OP" in token_spec:
            return None
        conditions = tuple(_condition(attribute, spec) for attribute, spec in token_spec.items())
        if None in conditions:
            return None
        tests.append(conditions)
    return tuple(tests) or None


def token_values(token: Token) -> dict[str, Any]:
    """The attributes patterns test, read once per token."""
    return {"TAG": token.tag_, "LOWER": token.lower_, "ORTH": token.orth_, "DEP": token.dep_,
            "IS_SPACE": token.is_space}


def _holds(conditions: TokenTest, values: dict[str, Any]) -> bool:
    for attribute, operator, value in conditions:
        actual = values[attribute]
        if operator == "==":
            if actual != value:
                return False
        elif operator == "regex":
            if not value.search(actual):
                return False
        elif (actual in value) != (operator == "in"):
            return False
    return True


def _index_keys(conditions: TokenTest, attribute: str) -> frozenset | None:
    """The values of ``attribute`` a token must have for the pattern to hold, if it says."""
    for name, operator, value in conditions:
        if name == attribute and operator == "==":
            return frozenset([value])
        if name == attribute and operator == "in":
            return value
    return None


#: The keys rules are filed under, most selective first: a rule that fixes the token's tag and its
#: word is looked up by both; one that fixes only one of them (or only its dependency) by that one.
INDEX_KEYS = (("TAG", "LOWER"), ("TAG",), ("LOWER",), ("DEP",), ("IS_SPACE",))

#: Tokens with the same tested values start the same rules; that answer is remembered for this many
#: distinct tokens (a news corpus has tens of thousands), then forgotten and learnt again.
MEMORY_SIZE = 200_000


class IndexedAttributeRuler(AttributeRuler):
    """``AttributeRuler`` whose plain patterns are looked up by tag, word or dependency, not matched."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._index: tuple[dict, list, Matcher] | None = None
        self._starting: dict[tuple, tuple[Rule, ...]] = {}

    def add(self, patterns: Iterable, attrs: dict, index: int = 0) -> None:
        super().add(patterns, attrs, index)
        self._forget()

    def clear(self) -> None:
        super().clear()
        self._forget()

    def _forget(self) -> None:
        """Drop the index and what was learnt from it: the patterns changed (rebuilt on next use)."""
        self._index = None
        self._starting = {}

    def _build_index(self) -> tuple[dict, list, Matcher]:
        """Rules filed by ``INDEX_KEYS``, rules to test on every token, and a Matcher for the rest."""
        filed: dict[tuple, list[Rule]] = {}
        everywhere: list[Rule] = []
        rest = Matcher(self.vocab, validate=self.validate)
        for number in range(len(self.attrs)):
            patterns = self.matcher.get(str(number))[1]
            checked = [pattern_tests(p) for p in patterns]
            if None in checked:
                rest.add(self.vocab.strings.add(str(number)), patterns)
                continue
            for tests in checked:
                keys = _file_keys(tests[0])
                for key in keys or ():
                    filed.setdefault(key, []).append((number, tests))
                if keys is None:
                    everywhere.append((number, tests))
        return filed, everywhere, rest

    def match(self, doc: Doc) -> list[tuple[int, int, int, int]]:
        """``(pattern number, match id, start, end)`` for every match, sorted as spaCy's ruler does."""
        if self._index is None:
            self._index = self._build_index()
        rest = self._index[2]
        matches = []
        values = [token_values(token) for token in doc]
        for start, first in enumerate(values):
            for number, tests in self._rules_starting(first):
                if len(tests) == 1 or _matches_at(tests[1:], values, start + 1):
                    matches.append((number, 0, start, start + len(tests)))
        if len(rest):
            for match_id, start, end in rest(doc, allow_missing=True, as_spans=False):
                matches.append((int(self.vocab.strings[match_id]), match_id, start, end))
        return sorted(set(matches))  # one pattern matched twice on one token sets the same values

    def _rules_starting(self, values: dict[str, Any]) -> tuple[Rule, ...]:
        """The rules whose first token test holds on a token with these values (remembered)."""
        key = tuple(values.values())
        rules = self._starting.get(key)
        if rules is None:
            assert self._index is not None
            filed, everywhere, _ = self._index
            candidates = [rule for attributes in INDEX_KEYS
                          for rule in filed.get((attributes, *(values[a] for a in attributes)), ())]
            rules = tuple(rule for rule in candidates + everywhere if _holds(rule[1][0], values))
            if len(self._starting) >= MEMORY_SIZE:
                self._starting = {}
            self._starting[key] = rules
        return rules

    def set_annotations(self, doc: Doc, matches: list[tuple[int, int, int, int]]) -> None:
        """Apply each match's attributes in pattern order, so that later patterns win."""
        for number, _match_id, start, end in matches:
            index = self.indices[number]
            position = start + index if index >= 0 else end + index
            if not start <= position < end:
                raise ValueError(f"attribute ruler pattern {number}: index {index} outside a match of {end - start} tokens")
            set_token_attrs(doc[position], self.attrs[number])


def _matches_at(tests: tuple[TokenTest, ...], values: list[dict[str, Any]], start: int) -> bool:
    """Whether consecutive token tests all hold from token ``start`` on."""
    if start + len(tests) > len(values):
        return False
    return all(_holds(test, values[start + offset]) for offset, test in enumerate(tests))


def _file_keys(conditions: TokenTest) -> list[tuple] | None:
    """The index keys a rule is filed under: the first of ``INDEX_KEYS`` its conditions fix."""
    for attributes in INDEX_KEYS:
        choices = [_index_keys(conditions, a) for a in attributes]
        if all(c is not None for c in choices):
            return [(attributes, *combination) for combination in product(*choices)]
    return None


@Language.factory(FACTORY, default_config={"validate": False})
def make_indexed_attribute_ruler(nlp: Language, name: str, validate: bool) -> IndexedAttributeRuler:
    return IndexedAttributeRuler(nlp.vocab, name, validate=validate)


def index_attribute_ruler(nlp: Language, name: str = "attribute_ruler") -> None:
    """Replace the pipeline's attribute ruler by an indexed one holding the same patterns."""
    if name not in nlp.pipe_names or isinstance(nlp.get_pipe(name), IndexedAttributeRuler):
        return
    patterns = nlp.get_pipe(name).patterns
    indexed = nlp.replace_pipe(name, FACTORY)
    indexed.add_patterns(patterns)
