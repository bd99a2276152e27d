"""Who acts and who is acted on: noun phrases resolved to a name, a country and a sector.

An actor phrase is read as a few parts found by table look-up (``gazetteer``): organisations
("the Department of State" USA/GOV), countries, capitals and regions ("North Korea",
"Washington", "Gaza"), demonyms ("North Korean", ethnic "Hutu"), role words ("Foreign Minister"
GOV, "troops" MIL, "Dr." an honorific) and names (PERSON entities and runs of proper nouns).
The parts combine by fixed priorities (``docs/actors.md`` has the full rules):

* name: the person's full name, else the organisation's, else the country's, else the text;
* country: the phrase's head when it is a place ("NATO-member Norway"), a country word before an
  organisation, the organisation's code, a country word after it; an ethnic group where the
  sentence puts it; then the actor files; the same person or role noun earlier in the document;
  and - for titled people and role words only - the context rule: the nearest free-standing
  country of the sentence, else the document's most mentioned country;
* sector: the last strong role word before the head ("leader", "official" only when nothing
  else), else the organisation's, else the actor file's, else GOV for a state acting ("North Korea
  said") and CVL for a people, a city or a capital used as a place ("protests in Paris").

Names are carried through the document: a later "Pompeo" or "Kim" takes the full name of an
earlier "Mike Pompeo" / "Kim Jong-un" and its country and sector; "the embassy" takes the country
of an earlier "U.S. Embassy". Everything is computed in one pass when the resolver is built; the
public methods are look-ups and small combinations.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass
from datetime import date

from spacy.tokens import Doc, Span, Token

from dateline.events.gazetteer import (Entry, Hit, TokenTable, actor_table, char_span, country_names, find_hits,
                                       loud_tokens, token_table, words_of)
from dateline.events.places import PLACE_LABELS, city_index
from dateline.events.user_actors import UserActor, UserActors, builtin_actors, name_key
from dateline.types import Actor

COUNTRY_KINDS = {"country", "metonym", "region", "demonym", "city"}
STATE_KINDS = {"country", "metonym"}
NON_NAME_LABELS = {"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY", "NORP",
                   "EVENT", "LAW", "WORK_OF_ART", "PRODUCT", "LANGUAGE"}
LEADING_WORDS = {"the", "a", "an", "his", "her", "its", "their", "our", "my", "your", "this", "that",
                 "these", "those"}
PHRASE_BREAKS = {",", ";", ":", "(", ")", "“", "”", '"', "—", "–", "[", "]"}
NP_RIGHT_PREPOSITIONS = {"of", "in", "from"}
# Dashes that separate rather than join: the "-" after a dateline ("(AFP) - Secretary ..."), AP's
# "_". Only free-standing ones: the "-" inside "Jong-un" is part of the name.
FREE_DASHES = {"-", "--", "_"}
PERSON_PRONOUNS = {"he", "she", "him", "her", "his"}
GROUP_NUMBERS = {"two": 2, "both": 2, "three": 3, "four": 4}
GROUP_PEOPLE = {"leaders", "presidents", "ministers", "men", "women", "sides", "officials", "heads"}
GROUP_STATES = {"countries", "nations", "governments", "states", "sides", "neighbours", "neighbors",
                "allies", "powers", "capitals", "koreas"}
MAX_APPOSITION_GAP = 2
# entity labels of places and organisations, built once: _is_name_token asks per token
PLACE_OR_ORG_LABELS = PLACE_LABELS | {"ORG"}
FORMER_WORDS = {"former", "ex", "ex-", "ousted", "deposed", "exiled", "late", "retired", "then"}
ETHNIC_NOUNS = {"population", "minority", "minorities", "community", "communities"}
LOCATIVE_PREPOSITIONS = {"in", "at", "near", "inside", "outside", "across", "throughout", "on"}


@dataclass(frozen=True)
class Part:
    """One piece of an actor phrase: a table hit, or a person or unknown-organisation name."""

    start: int
    end: int
    kind: str  # "hit", "person", "org"
    entry: Entry | None = None


def _is_free_dash(tokens: TokenTable, i: int) -> bool:
    """A dash token with space on both sides, which separates phrases instead of joining words."""
    return tokens.text[i] in FREE_DASHES and tokens.spaced[i] and (i == 0 or tokens.spaced[i - 1])


class ActorResolver:
    """Actors of one parsed document, resolved from the text, the actor files and the date."""

    def __init__(self, doc: Doc, reference_date: date | None, user_actors: UserActors | None = None):
        self.doc = doc
        self.reference_date = reference_date
        self.user_actors = user_actors
        self.builtin = builtin_actors()
        self._part_at: dict[int, Part] = {}
        self._hit_tokens: set[int] = set()
        self._name_tokens: set[int] = set()
        self._full_names: list[tuple[tuple[str, ...], str]] = []
        self._known: dict[str, tuple[str | None, str | None]] = {}
        self._mentions: list[Actor] = []
        self._mention_heads: dict[tuple[int, int], int] = {}
        self._role_countries: dict[str, list[tuple[int, str]]] = {}
        self._by_token: dict[int, Actor | None] = {}  # resolve_token answers, asked again per trigger
        self._ents = doc.ents  # spaCy builds new Span objects on every Doc.ents access: once
        self._tokens = token_table(doc)  # the per-token loops read attributes from plain lists
        self._loud_flags: list[bool] | None = None
        self._full_name_memo: dict[tuple[str, ...], str | None] = {}
        self._index_parts()
        self._parts = self._distinct_parts(0, len(doc))  # every part in text order (fixed from here on)
        self._country_parts = [p for p in self._parts if p.kind == "hit"
                               and p.entry.kind in COUNTRY_KINDS and p.entry.country
                               and not self._stance_modifier(p)]
        self._country_starts = [p.start for p in self._country_parts]
        self._free_countries = self._find_free_countries()
        self._dominant = self._dominant_country()
        self._resolve_all()

    # -- finding the parts -------------------------------------------------------------------

    def _index_parts(self) -> None:
        """Every token that belongs to a part, in priority order: table hits, cities of place
        entities, unknown organisations, then the remaining runs of names."""
        doc = self.doc
        hits = find_hits(doc, actor_table())
        self._hit_tokens = {i for hit in hits for i in range(hit.start, hit.end)}
        for hit in hits:
            if not self._inside_longer_person(hit):
                self._add(Part(hit.start, hit.end, "hit", hit.entry))
        self._add_full_names()
        for ent in self._ents:
            if ent.label_ in PLACE_LABELS | {"ORG", "NORP"} and self._is_known_name(ent):
                self._name_tokens.update(range(ent.start, ent.end))
            elif ent.label_ in PLACE_LABELS and self._surname_after_given_name(ent):
                self._name_tokens.update(range(ent.start, ent.end))
        for ent in self._ents:
            if (ent.label_ in PLACE_LABELS and not self._covered(ent.start, ent.end)
                    and not self._is_known_name(ent) and not self._surname_after_given_name(ent)):
                place = city_index().get(strip_leading(words_of(ent.text)))
                if place and place.country:
                    self._add(Part(ent.start, ent.end, "hit", Entry("city", place.name, place.country)))
        for ent in self._ents:
            if ent.label_ == "ORG" and not self._covered(ent.start, ent.end) and not self._is_known_name(ent):
                start = ent.start + (1 if ent[0].lower_ in LEADING_WORDS else 0)
                if start < ent.end:
                    self._add(Part(start, ent.end, "person" if self._after_title(start) else "org"))
        for start, end in self._name_runs():
            self._add(Part(start, end, "person" if self._looks_personal(start, end) else "org"))

    def _surname_after_given_name(self, ent: Span) -> bool:
        """'Kenzo Oshima' with 'Oshima' tagged GPE: a place name glued to a preceding unknown
        capitalised name is the surname of a person, not a city."""
        if ent.start == 0 or len(ent) > 1:
            return False
        before = self.doc[ent.start - 1]
        return (before.pos_ == "PROPN" and before.text[:1].isupper() and before.i not in self._part_at
                and before.ent_type_ in ("", "PERSON"))

    def _after_title(self, start: int) -> bool:
        """'Vice-President Moody Awori' (tagged ORG): a name right after a title is a person."""
        before = self._part_at.get(start - 1)
        return before is not None and before.entry is not None and before.entry.title

    def _inside_longer_person(self, hit: Hit) -> bool:
        """'Michael Jordan' is a person, not Jordan: a country word strictly inside a PERSON name."""
        if hit.entry.kind == "role":
            return False
        token = self.doc[hit.start]
        if token.ent_type_ != "PERSON":
            return False
        ent = next((e for e in self._ents if e.start <= hit.start < e.end), None)
        if ent is None or ent.label_ != "PERSON" or (ent.end - ent.start) <= (hit.end - hit.start):
            return False
        # 'Bosnian Serbs' tagged PERSON is still two demonyms: only unknown words make a name.
        return any(i not in self._hit_tokens and self.doc[i].text not in ("-", "‑") for i in range(ent.start, ent.end))

    def _add_full_names(self) -> None:
        """Register multi-word PERSON names in document order, so surnames can find them."""
        for ent in self._ents:
            if ent.label_ != "PERSON":
                continue
            start, end = self._trim_titles(ent.start, ent.end)
            words = words_of(self.doc[start:end].text) if start < end else ()
            if len(words) >= 2 and all(self._name_like(i) for i in range(start, end)):
                if self._full_name_for(words) is None:  # 'Bin Laden' after 'Osama Bin Laden' is him
                    self._full_names.append((words, self.doc[start:end].text))
                    self._full_name_memo.clear()  # answers may change with a new full name

    def _name_like(self, i: int) -> bool:
        """Capitalised, a joining hyphen, or the lower-case part after one ('Jong-un'): token ``i``."""
        text = self._tokens.text
        if text[i][:1].isupper() or text[i] in ("-", "‑"):
            return True
        return i > 1 and text[i - 1] in ("-", "‑") and not self._tokens.spaced[i - 1]

    def _trim_titles(self, start: int, end: int) -> tuple[int, int]:
        while start < end and (start in self._part_at or self.doc[start].lower_ in LEADING_WORDS):
            start += 1
        return start, end

    def _is_known_name(self, ent: Span) -> bool:
        """A GPE/ORG-labelled entity that is really a person named elsewhere ('Pompeo' as GPE)."""
        words = strip_leading(words_of(ent.text))
        if not words:
            return False
        return self._full_name_for(words) is not None or self._actor_entry(" ".join(words)) is not None

    def _name_runs(self) -> list[tuple[int, int]]:
        """Runs of capitalised proper-noun tokens not claimed by a table or an entity."""
        runs, start = [], None
        for i in range(len(self.doc)):
            is_name = self._is_name_token(i)  # asked once per token (it may look two tokens back)
            if is_name and (start is None or not self.doc[i].is_sent_start):
                start = i if start is None else start
                continue
            if start is not None:
                runs.append((start, i))
                start = None
            if is_name:
                start = i
        if start is not None:
            runs.append((start, len(self.doc)))
        return [(s, e) for s, e in (self._strip_hyphens(s, e) for s, e in runs) if s < e]

    def _looks_personal(self, start: int, end: int) -> bool:
        """A name run is a person when the tagger says so or an actor file or the document knows
        it; other capitalised runs ('Twitter', 'KoreaSingapore') are left as unknown names."""
        if any(self._tokens.ent_type[i] == "PERSON" or i in self._name_tokens for i in range(start, end)):
            return True
        words = words_of(self.doc[start:end].text)
        return self._full_name_for(words) is not None or self._actor_entry(self.doc[start:end].text) is not None

    def _is_name_token(self, i: int) -> bool:
        """Whether token ``i`` can be part of a person's or organisation's name."""
        if i in self._part_at or self._loud(i):
            return False
        tokens = self._tokens
        text, ent_type = tokens.text[i], tokens.ent_type[i]
        if text in ("-", "‑"):  # only a glued hyphen joins a name ('Jong-un')
            return not tokens.spaced[i] and i > 0 and not tokens.spaced[i - 1]
        if i in self._name_tokens:
            return True
        if not self._name_like(i) or ent_type in NON_NAME_LABELS:
            return False
        if not text[:1].isupper():  # 'un' in 'Jong-un', after a glued hyphen (see _name_like)
            return i >= 2 and (ent_type == "PERSON" or (i - 2) in self._name_tokens or self._is_name_token(i - 2))
        if ent_type == "PERSON":
            return True
        if tokens.pos[i] != "PROPN" and text[:1].isupper():
            # a capitalised word the tagger took for a noun ('Toure met') that an actor file knows
            return any(actors is not None and text in actors for actors in (self.user_actors, self.builtin))
        return tokens.pos[i] == "PROPN" and ent_type not in PLACE_OR_ORG_LABELS

    def _loud(self, i: int) -> bool:
        """Headlines in capitals: every word looks like a name there, so none is taken as one."""
        if self._loud_flags is None:  # the per-document list, fetched once per resolver
            self._loud_flags = loud_tokens(self.doc)
        return self._loud_flags[i]

    def _strip_hyphens(self, start: int, end: int) -> tuple[int, int]:
        text = self._tokens.text
        while start < end and text[start] in ("-", "‑"):
            start += 1
        while end > start and text[end - 1] in ("-", "‑"):
            end -= 1
        return start, end

    def _covered(self, start: int, end: int) -> bool:
        return any(i in self._part_at for i in range(start, end))

    def _add(self, part: Part) -> None:
        if self._covered(part.start, part.end):
            return
        for i in range(part.start, part.end):
            self._part_at[i] = part

    # -- document context --------------------------------------------------------------------

    def _find_free_countries(self) -> list[Part]:
        """Country mentions that stand alone (not 'North Korean' inside another actor's phrase)."""
        free = []
        for part in self._parts:
            if part.kind != "hit" or part.entry.kind not in COUNTRY_KINDS or not part.entry.country:
                continue
            start, end = self._phrase_bounds(self._phrase_head(self._part_root(part)))
            others = [p for p in self._distinct_parts(start, end) if p is not part]
            if not any(p.kind == "person" or (p.entry is not None and p.entry.kind in ("role", "org")) for p in others):
                free.append(part)
        return free

    def _stance_modifier(self, part: Part) -> bool:
        """'anti-Syria', 'pro-Iranian': a country named as a stance says nothing of who acts."""
        if part.start < 2:
            return False
        return self._tokens.text[part.start - 1] in ("-", "‑") and self.doc[part.start - 2].lower_ in ("anti", "pro")

    def _dominant_country(self) -> str | None:
        counts = Counter(p.entry.country for p in self._parts
                         if p.kind == "hit" and p.entry.kind in COUNTRY_KINDS and p.entry.country
                         and p.entry.country not in ("IGO", "NGO", "IMG"))
        return counts.most_common(1)[0][0] if counts else None

    def _context_country(self, start: int, end: int) -> str | None:
        """Whose office or force an unqualified role is: the nearest country named before it in
        the sentence, even inside another actor ('The Israeli Defense Ministry said the army ...'),
        else the nearest free-standing one after it ('Gunmen killed five people in Kabul'), else
        the document's commonest."""
        sentence = self.doc[start].sent
        # country parts are in text order: only those starting between the sentence and the role
        first, last = (bisect_left(self._country_starts, at) for at in (sentence.start, start))
        before = [p for p in self._country_parts[first:last] if p.end <= start
                  and p.entry.country not in ("IGO", "NGO", "IMG")]
        if before:
            return before[-1].entry.country
        best, distance = None, None
        for part in self._free_countries:
            if sentence.start <= part.start < sentence.end and part.start >= end:
                gap = part.start - end
                if distance is None or gap < distance:
                    best, distance = part.entry.country, gap
        return best or self._dominant

    # -- names -------------------------------------------------------------------------------

    def _full_name_for(self, words: tuple[str, ...]) -> str | None:
        """The document's full name containing these words ('Kim' -> 'Kim Jong-un'), first wins.

        Memoised per resolver (every phrase with a person asks, often for the same words); the
        memo is cleared whenever a full name is registered."""
        if words not in self._full_name_memo:
            self._full_name_memo[words] = self._search_full_name(words)
        return self._full_name_memo[words]

    def _search_full_name(self, words: tuple[str, ...]) -> str | None:
        for full_words, text in self._full_names:
            if words == full_words:
                return text
        for full_words, text in self._full_names:
            if len(words) < len(full_words) and any(full_words[i:i + len(words)] == words
                                                    for i in range(len(full_words) - len(words) + 1)):
                return text
        return None

    def _actor_entry(self, name: str) -> UserActor | None:
        """The user's actor file first, then the built-in one, on the article's date."""
        for actors in (self.user_actors, self.builtin):
            if actors is not None:
                entry = actors.lookup(name, self.reference_date)
                if entry is not None:
                    return entry
        return None

    def _person_fact(self, name: str, fact: str) -> str | None:
        """A person's ``"country_of"`` or ``"sector_of"`` from the user's actor file, else the
        built-in one: the first file that knows the name and has that fact."""
        for actors in (self.user_actors, self.builtin):
            if actors is not None and name in actors:
                value = getattr(actors, fact)(name)
                if value:
                    return value
        return None

    # -- phrases -----------------------------------------------------------------------------

    def _distinct_parts(self, start: int, end: int) -> list[Part]:
        parts, seen = [], set()
        for i in range(start, end):
            part = self._part_at.get(i)
            if part is not None and id(part) not in seen and part.start >= start and part.end <= end:
                seen.add(id(part))
                parts.append(part)
        return parts

    def _phrase_head(self, token: Token) -> Token:
        """Climb from a modifier to the noun it modifies ('Mike' -> 'Pompeo', 'US' -> 'government')."""
        seen = 0
        if token.dep_ == "conj" and token.head.dep_ in ("amod", "compound", "nmod") and token.head.i < token.i:
            token = token.head  # 'Chinese' in 'Indian and Chinese troops' modifies 'troops'
        while (token.dep_ in ("compound", "amod", "nmod", "flat") and token.head.i > token.i
               and token.head.pos_ in ("NOUN", "PROPN") and token.head.i - token.i <= 6 and seen < 8
               and not any(self._tokens.text[i] in PHRASE_BREAKS for i in range(token.i, token.head.i))):
            token = token.head
            seen += 1
        return token

    def _phrase_bounds(self, head: Token) -> tuple[int, int]:
        """Token range of the noun phrase headed by ``head``, cut at commas, verbs and clauses."""
        sentence, tokens = head.sent, self._tokens
        start = head.i
        i = head.i - 1
        while i >= max(head.left_edge.i, sentence.start):
            if (tokens.text[i] in PHRASE_BREAKS or tokens.is_space[i]
                    or tokens.pos[i] in ("VERB", "AUX", "CCONJ", "SCONJ")):
                break
            if _is_free_dash(tokens, i):
                break
            if tokens.pos[i] == "ADP" and not self._joins_title(i):
                break
            start = i
            i -= 1
        end = head.i + 1
        if head.i not in self._part_at or self._part_at[head.i].kind != "person":
            for child in head.rights:
                if child.dep_ == "prep" and child.lower_ in NP_RIGHT_PREPOSITIONS and child.i == end:
                    stop = child.right_edge.i + 1
                    breaks = [j for j in range(child.i, stop)
                              if tokens.text[j] in PHRASE_BREAKS or tokens.pos[j] == "VERB"]
                    stop = breaks[0] if breaks else stop
                    # 'President of Armenia', 'rebels in Darfur'; not 'accused X of war crimes'
                    if any(i in self._part_at for i in range(child.i + 1, stop)):
                        end = stop
                    break
        while end > start + 1 and tokens.text[end - 1] in PHRASE_BREAKS:
            end -= 1
        for i in (start, end - 1):
            part = self._part_at.get(i)  # never cut a name in two
            if part is not None:
                start, end = min(start, part.start), max(end, part.end)
        return start, end

    def _joins_title(self, i: int) -> bool:
        """'of' (token ``i``) inside 'Secretary of State' or 'King Hassan of Morocco' belongs to the phrase."""
        doc, text = self.doc, self._tokens.text
        if doc[i].lower_ != "of" or i == 0 or i + 1 >= len(text):
            return False
        after = i + 1
        if doc[after].lower_ == "the" and i + 2 < len(text):  # 'Chancellor of the Exchequer'
            after = i + 2
        return text[i - 1][:1].isupper() and text[after][:1].isupper()

    def _apposition_bounds(self, head: Token, start: int, end: int) -> list[tuple[int, int]]:
        """Phrases in apposition right next to this one: 'his counterpart, Foreign Minister Ri'."""
        linked = [child for child in head.children if child.dep_ == "appos"]
        if head.dep_ == "appos":
            linked.append(head.head)
        bounds = []
        for other in linked:
            o_start, o_end = self._phrase_bounds(self._phrase_head(other))
            gap = o_start - end if o_start >= end else start - o_end
            between = range(min(end, o_end), max(start, o_start))
            if 0 <= gap <= MAX_APPOSITION_GAP and all(self._tokens.text[i] in PHRASE_BREAKS
                                                      or self.doc[i].lower_ in LEADING_WORDS for i in between):
                bounds.append((o_start, o_end))
        return bounds

    # -- combining parts into an actor -------------------------------------------------------

    def _combine(self, start: int, end: int, extra: list[tuple[int, int]] = (), head: int | None = None) -> Actor | None:
        ranges = [(start, end), *extra]
        parts = [p for s, e in ranges for p in self._distinct_parts(s, e)]
        if not parts:
            return None
        if head is None:
            head = self._span_root(start, end)
        persons = [p for p in parts if p.kind == "person"]
        orgs = [p for p in parts if p.kind == "hit" and p.entry.kind == "org"]
        unknown_orgs = [p for p in parts if p.kind == "org"]
        places = [p for p in parts if p.kind == "hit" and p.entry.kind in COUNTRY_KINDS
                  and not self._stance_modifier(p)]
        all_roles = [p for p in parts if p.kind == "hit" and p.entry.kind == "role"]
        # the head noun and its modifiers say what the actor is; 'the bombing of the embassy'
        # is a bombing, so roles in a complement after the head count only when none come before
        roles = [p for p in all_roles if p.start <= head] or all_roles

        person_name, entry = None, None
        if persons:
            person = max(persons, key=lambda p: p.end - p.start)
            written = self.doc[person.start:person.end].text
            titled = self._titled_entry(person)
            if titled is not None:  # 'King Hussein' is not the 'Saddam Hussein' named before
                person_name, entry = titled.name, titled
            else:
                person_name = self._full_name_for(words_of(written)) or written
                entry = self._actor_entry(person_name) or self._actor_entry(written)
                if entry is not None:
                    person_name = entry.name if self._full_name_for(words_of(written)) is None else person_name

        name = person_name
        if name is None and orgs:
            name = orgs[0].entry.name
        if name is None and unknown_orgs:
            name = self.doc[unknown_orgs[0].start:unknown_orgs[0].end].text
        if name is None and places and not roles:
            first = places[0].entry
            name = country_names().get(first.country, first.name) if first.kind in STATE_KINDS else first.name
            if first.kind == "demonym" and first.plural:
                name = first.name

        country = self._explicit_country(places, orgs, head)
        ethnic = self._ethnic_demonym(places, roles)
        if ethnic is not None:
            country = self._ethnic_home(ethnic, places, start, end)
        known = self._known.get(name_key(person_name)) if person_name else None
        if country is None and entry is not None:
            country = entry.country
        if country is None and known:
            country = known[0]
        if country is None and person_name:
            country = self._person_fact(person_name, "country_of")
        if country is None and any(p.entry.sector == "NGO" for p in roles):
            country = "NGO"
        if country is None and roles and not persons and not orgs:
            country = self._role_country_before(roles[-1], start)
        if (country is None and any(p.entry.sector for p in roles)  # offices, not 'Mr.'
                and not self._is_plural_anaphor(start, end)):
            country = self._context_country(start, end)

        sector = self._sector(roles, orgs, entry, known, places, persons, start)
        if sector == "GOV" and self._out_of_office(roles, start):
            sector = "ELI"
        if sector is None and person_name and entry is None:
            sector = self._person_fact(person_name, "sector_of")
        if (sector == "GOV" and not roles and not orgs and not persons and places[0].entry.kind == "metonym"
                and self._is_located(head, start, end)):
            sector = "CVL"
        text_start, text_end = self._text_bounds(start, end, parts, head)
        span = self.doc[text_start:text_end]
        if name is None:
            name = span.text
        return Actor(span.text, (span.start_char, span.end_char), name, country, sector)

    def _span_root(self, start: int, end: int) -> int:
        """The token of ``[start, end)`` whose syntactic head lies outside it (the last if none)."""
        for token in self.doc[start:end]:
            if not (start <= token.head.i < end) or token.head.i == token.i:
                if token.pos_ != "ADP":
                    return token.i
                objects = [c.i for c in token.children if c.dep_ == "pobj" and start <= c.i < end]
                return objects[0] if objects else token.i
        return end - 1

    def _role_country_before(self, role: Part, start: int) -> str | None:
        """'the embassy' after 'the U.S. Embassy': a bare role noun is the last one of the same
        word that had a country, as a surname is the last full name."""
        key = name_key(role.entry.name)
        position = self.doc[start].idx
        found = None
        for at, country in self._role_countries.get(key, ()):
            if at < position:
                found = country
        return found

    def _is_plural_anaphor(self, start: int, end: int) -> bool:
        """'the two leaders', 'both sides' refer back (see ``resolve_group``): no context guess."""
        return any(self.doc[i].lower_ in GROUP_NUMBERS for i in range(start, end))

    def _out_of_office(self, roles: list[Part], start: int) -> bool:
        """'Former Socialist prime minister Andreas Papandreou': an office held no longer makes an
        elite (CAMEO ELI), not the government."""
        titles = [p for p in roles if p.entry.title]
        if not titles:
            return False
        return any(self.doc[i].lower_ in FORMER_WORDS for i in range(start, titles[-1].start))

    def _titled_entry(self, person: Part) -> UserActor | None:
        """An actor-file entry named by title and name together ('King Hussein', 'Pope Francis')."""
        title = self._part_at.get(person.start - 1)
        if title is None or title.entry is None or title.entry.kind != "role":
            return None
        return self._actor_entry(self.doc[title.start:person.end].text)

    def _explicit_country(self, places: list[Part], orgs: list[Part], head: int) -> str | None:
        """The phrase's head when it is a place ('NATO-member Norway'), else a country word before
        the organisation ('US Congress'), then the organisation's country, then a country after
        it ('the Red Cross operating in Iraq' stays IGO)."""
        at_head = self._part_at.get(head)
        if at_head in places and at_head.entry.country and at_head.entry.kind != "demonym":
            return at_head.entry.country
        first_org = min((p.start for p in orgs if p.entry.country), default=None)
        for part in places:
            if part.entry.country and not part.entry.ethnic and (first_org is None or part.start < first_org):
                return part.entry.country
        for part in orgs:
            if part.entry.country:
                return part.entry.country
        for part in places:
            if part.entry.country and not part.entry.ethnic:
                return part.entry.country
        return None

    def _ethnic_demonym(self, places: list[Part], roles: list[Part]) -> Part | None:
        """The demonym naming a people rather than a state: an ethnonym ('Hutu'), or any demonym
        after 'ethnic' or before 'population'/'minority'/'community' ('ethnic Albanians')."""
        demonyms = [p for p in places if p.entry.kind == "demonym"]
        if not demonyms:
            return None
        first = demonyms[0]
        if first.entry.ethnic:
            return first
        if first.start > 0 and self.doc[first.start - 1].lower_ == "ethnic":
            return first
        if any(p.entry.name in ETHNIC_NOUNS for p in roles):
            return first
        if first.entry.plural and any(p.start > first.start and p.entry.kind != "demonym" for p in places):
            return first  # 'the Albanians of southern Serbia': a people where they live
        return None

    def _ethnic_home(self, ethnic: Part, places: list[Part], start: int, end: int) -> str | None:
        """Where a people lives: a state named in the phrase, else in the sentence, else its own."""
        for part in places:
            if part is ethnic or not part.entry.country:
                continue
            if part.entry.kind != "demonym" or (not part.entry.ethnic and part.start < ethnic.start):
                return part.entry.country
        sentence = self.doc[start].sent
        nearby = [p for p in self._free_countries
                  if sentence.start <= p.start < sentence.end and not (start <= p.start < end)
                  and p.entry.kind != "demonym"]
        if nearby:
            return min(nearby, key=lambda p: abs(p.start - start)).entry.country
        return ethnic.entry.country

    def _is_located(self, head: int | None, start: int, end: int) -> bool:
        """A capital in 'protests in Paris' is where people are (CVL), not the state acting."""
        if head is None:
            head = next((t.i for t in self.doc[start:end] if not (start <= t.head.i < end) or t.head == t), end - 1)
        token = self.doc[head]
        if token.pos_ == "ADP":  # the span was given with its preposition: 'in central Baghdad'
            return token.lower_ in LOCATIVE_PREPOSITIONS
        return token.dep_ == "pobj" and token.head.lower_ in LOCATIVE_PREPOSITIONS

    def _sector(self, roles: list[Part], orgs: list[Part], entry: UserActor | None,
                known: tuple[str | None, str | None] | None, places: list[Part], persons: list[Part],
                start: int) -> str | None:
        roles = [p for p in roles if p.entry.sector]  # honorifics ('Dr.', 'Mr.') say nothing
        strong = [p for p in roles if not p.entry.weak]
        if strong:
            if strong[-1].entry.name.startswith("counterpart") and not places_name_office(strong):
                return self._counterpart_sector(start) or strong[-1].entry.sector
            return strong[-1].entry.sector
        if orgs:
            return orgs[-1].entry.sector
        if entry is not None and entry.sector:
            return entry.sector
        if known and known[1]:
            return known[1]
        if roles:
            if roles[-1].entry.title and any(p.entry.ethnic for p in places if p.entry.kind == "demonym"):
                return "ELI"  # 'Yoruba leaders': leaders of a people, not of a state
            return roles[-1].entry.sector
        if places and not persons:
            first = places[0].entry
            if first.kind in STATE_KINDS:
                return "GOV"
            if any(p.entry.kind == "demonym" and p.entry.plural for p in places) or first.kind == "city":
                return "CVL"
            if first.kind == "demonym":
                return self._modified_role_sector(places[-1])
        return None

    def _modified_role_sector(self, demonym: Part) -> str | None:
        """'Hungarian' in 'Hungarian and Romanian officials' is an actor through the noun it
        modifies: follow amod/conj links up to a role word."""
        token = self.doc[demonym.end - 1]
        for _ in range(3):
            if token.dep_ not in ("amod", "conj", "compound", "nmod") or token.head.i == token.i:
                return None
            token = token.head
            part = self._part_at.get(token.i)
            if part is not None and part.entry is not None and part.entry.kind == "role":
                return part.entry.sector
        return None

    def _counterpart_sector(self, start: int) -> str | None:
        """'his counterpart' holds the same kind of office as the person before it in the sentence."""
        sentence = self.doc[start].sent
        for actor in reversed(self._mentions):
            if (actor.span[1] <= self.doc[start].idx and actor.span[0] >= sentence.start_char and actor.sector
                    and name_key(actor.name) in self._known):
                return actor.sector
        return None

    def _text_bounds(self, start: int, end: int, parts: list[Part], head: int | None) -> tuple[int, int]:
        """The actor's text: the phrase without leading determiners; only the named parts when
        the head noun is not an actor word ('US guarantees' -> 'US')."""
        inside = [p for p in parts if p.start >= start and p.end <= end] or parts
        head_covered = (end - 1 if head is None else head) in self._part_at
        if not head_covered:
            start, end = min(p.start for p in inside), max(p.end for p in inside)
        is_space = self._tokens.is_space
        while start < end - 1 and (self.doc[start].lower_ in LEADING_WORDS or is_space[start]):
            start += 1
        while end > start + 1 and is_space[end - 1]:
            end -= 1
        return start, end

    # -- the pass over the document ----------------------------------------------------------

    def _resolve_all(self) -> None:
        bounds: dict[int, tuple[int, int]] = {}
        emitted: set[int] = set()
        spans = set()
        for part in self._parts:
            head = self._phrase_head(self._part_root(part))
            if head.i not in bounds:
                bounds[head.i] = self._phrase_bounds(head)
            start, end = bounds[head.i]
            if not (start <= part.start and part.end <= end):
                # 'Indian' in 'Indian and Chinese troops': a conjoined modifier is its own actor
                start, end = part.start, part.end
                head = self._part_root(part)
            elif head.i in emitted:
                continue
            emitted.add(head.i)
            actor = self._combine(start, end, head=head.i)
            if actor is None or actor.span in spans:
                continue
            spans.add(actor.span)
            self._mentions.append(actor)
            self._mention_heads[actor.span] = head.i
            self._remember(actor, start, end)
        self._mentions.sort(key=lambda a: a.span)

    def _part_root(self, part: Part) -> Token:
        """The token of a multi-word part whose syntactic head lies outside it."""
        for token in self.doc[part.start:part.end]:
            if not (part.start <= token.head.i < part.end) or token.head.i == token.i:
                return token
        return self.doc[part.end - 1]

    def _remember(self, actor: Actor, start: int, end: int) -> None:
        """Keep a person's country and sector for the later mentions of the same name, and a
        role word's country when the phrase itself named it ('U.S. Embassy')."""
        parts = self._distinct_parts(start, end)
        countries = [p for p in parts if p.kind == "hit" and p.entry.kind in COUNTRY_KINDS and p.entry.country]
        for role in (p for p in parts if p.kind == "hit" and p.entry.kind == "role"):
            if countries and actor.country:
                self._role_countries.setdefault(name_key(role.entry.name), []).append((actor.span[0], actor.country))
        if any(p.kind == "person" for p in parts):
            key = name_key(actor.name)
            old = self._known.get(key, (None, None))
            self._known[key] = (old[0] or actor.country, old[1] or actor.sector)

    # -- public API --------------------------------------------------------------------------

    def resolve_span(self, start_char: int, end_char: int) -> Actor | None:
        """The actor a noun phrase at these character offsets names, or ``None`` if it names none."""
        span = char_span(self.doc, start_char, end_char)
        if span is None or len(span) == 0:
            return None
        start, end = span.start, span.end
        for i in (start, end - 1):
            part = self._part_at.get(i)  # a name cut by the span is taken whole
            if part is not None:
                start, end = min(start, part.start), max(end, part.end)
        return self._combine(start, end)

    def resolve_token(self, token: Token) -> Actor | None:
        """The actor of the noun phrase around ``token`` (with an adjacent apposition), pronouns
        ``he``/``she`` as the last person named before them."""
        if token.i not in self._by_token:
            self._by_token[token.i] = self._resolve_token(token)
        return self._by_token[token.i]

    def _resolve_token(self, token: Token) -> Actor | None:
        if token.lower_ in PERSON_PRONOUNS and token.i not in self._part_at:
            return self._last_person_before(token)
        head = self._phrase_head(token)
        start, end = self._phrase_bounds(head)
        return self._combine(start, end, self._apposition_bounds(head, start, end), head=head.i)

    def _last_person_before(self, token: Token) -> Actor | None:
        """Who 'he'/'his' is: a person subject of the same sentence that the pronoun's phrase
        opens ('During his visit ..., Pompeo will'), else the latest person who was a subject in
        this or the previous two sentences, else the latest person named."""
        people = [a for a in self._mentions if name_key(a.name) in self._known and a.country]
        sentence = token.sent
        opening = [a for a in people if a.span[0] > token.idx and a.span[0] < sentence.end_char
                   and self._is_subject(a) and self.doc[self._mention_heads[a.span]].head == sentence.root
                   and token.i < sentence.root.i]
        if opening:
            return self._as_pronoun(token, opening[0])
        earlier = [a for a in people if a.span[1] <= token.idx]
        window_start = self._sentence_start_before(token, 2)
        subjects = [a for a in earlier if a.span[0] >= window_start and self._is_subject(a)]
        chosen = subjects[-1] if subjects else (earlier[-1] if earlier else None)
        return self._as_pronoun(token, chosen) if chosen else None

    def _is_subject(self, actor: Actor) -> bool:
        head = self._mention_heads.get(actor.span)
        return head is not None and self.doc[head].dep_ in ("nsubj", "nsubjpass")

    def _sentence_start_before(self, token: Token, count: int) -> int:
        """Character offset where the sentence ``count`` sentences before ``token``'s begins."""
        start = token.sent.start
        for _ in range(count):
            if start == 0:
                break
            start = self.doc[start - 1].sent.start
        return self.doc[start].idx

    def _as_pronoun(self, token: Token, actor: Actor) -> Actor:
        return Actor(token.text, (token.idx, token.idx + len(token)), actor.name, actor.country, actor.sector)

    def resolve_group(self, start_char: int, end_char: int) -> tuple[Actor, ...]:
        """A plural phrase as the actors it stands for: 'Trump and Kim' -> both; 'the two
        leaders' -> the last two people named before it; 'both countries' -> the last two states."""
        span = char_span(self.doc, start_char, end_char)
        if span is None or len(span) == 0:
            return ()
        count = next((GROUP_NUMBERS[t.lower_] for t in span if t.lower_ in GROUP_NUMBERS), None)
        nouns = {t.lower_ for t in span if t.pos_ in ("NOUN", "PROPN")}
        if count and nouns & (GROUP_PEOPLE | GROUP_STATES):
            people = bool(nouns & GROUP_PEOPLE) and not nouns & GROUP_STATES
            return self._antecedents(span.start_char, count, people)
        heads = [t for t in span if t.dep_ == "conj" and t.head.i >= span.start] + \
                [t for t in span if any(c.dep_ == "conj" for c in t.children)]
        if heads:
            actors = [self.resolve_token(t) for t in sorted(set(heads), key=lambda t: t.i)]
            return tuple(a for a in actors if a is not None)
        actor = self.resolve_span(start_char, end_char)
        return (actor,) if actor else ()

    def _antecedents(self, before: int, count: int, people: bool) -> tuple[Actor, ...]:
        """The last ``count`` distinct people (or states) named before ``before``, in text order.
        A capital used as a place ('talks in Cairo') is not a state acting."""
        found: list[Actor] = []
        keys = set()
        for actor in reversed(self._mentions):
            if actor.span[1] > before or not actor.country:
                continue
            is_person = name_key(actor.name) in self._known
            key = actor.name if people else actor.country
            if is_person != people or key in keys or (not people and actor.sector == "CVL"):
                continue
            found.append(actor)
            keys.add(key)
            if len(found) == count:
                break
        return tuple(reversed(found))

    def mentions(self) -> tuple[Actor, ...]:
        """Every actor mention of the document, in text order."""
        return tuple(self._mentions)


def places_name_office(roles: list[Part]) -> bool:
    """Whether a phrase with 'counterpart' also names the office itself ('defence counterpart')."""
    return len([p for p in roles if not p.entry.weak]) > 1


def strip_leading(words: tuple[str, ...]) -> tuple[str, ...]:
    while words and words[0] in LEADING_WORDS:
        words = words[1:]
    return words
