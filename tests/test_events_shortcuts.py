"""The shortcuts the event stage takes for speed give what the spaCy calls they replace give.

``gazetteer.text_length`` stands for ``len(doc.text)`` (which rebuilds the text), the
``TokenTable`` for per-token attribute reads, ``shouting`` counts capitals before letters, and
``name_key`` is memoised: each is checked against the slow form on the seed article and on
headline-like and joined documents.
"""

from __future__ import annotations

from spacy.tokens import Doc

from dateline.events.gazetteer import find_hits, actor_table, shouting, text_length, token_table, token_words
from dateline.events.user_actors import name_key


def test_text_length_is_the_length_of_the_text(nlp, seed_text):
    doc = nlp(seed_text)
    assert text_length(doc) == len(doc.text) == len(seed_text)
    assert text_length(nlp("")) == 0
    joined = Doc.from_docs([nlp("Kim met Trump. "), nlp("They talked  for hours.\n")])
    assert text_length(joined) == len(joined.text)


def test_token_table_holds_the_token_attributes(nlp, seed_text):
    doc = nlp(seed_text)
    table = token_table(doc)
    assert table.text == [t.text for t in doc]
    assert table.pos == [t.pos_ for t in doc]
    assert table.ent_type == [t.ent_type_ for t in doc]
    assert table.spaced == [bool(t.whitespace_) for t in doc]
    assert table.is_space == [t.is_space for t in doc]
    assert token_table(doc) is table  # built once per document


def test_token_words_join_hyphenated_names(nlp):
    doc = nlp("Kim Jong-un met the People's Republic envoy.")
    words = [w for w, _ in token_words(doc)]
    assert words[:4] == ["kim", "jong", "un", "met"]
    assert "'s" not in words and "people" in words


def test_hits_of_the_seed_article_are_names_in_the_text(nlp, seed_text):
    doc = nlp(seed_text)
    hits = find_hits(doc, actor_table())
    assert hits and all(seed_text[h.start_char:h.end_char] == doc[h.start:h.end].text for h in hits)
    assert all(a.end <= b.start for a, b in zip(hits, hits[1:]))  # left to right, no overlap


def _slow_shouting(text: str) -> bool:
    letters = sum(c.isalpha() for c in text)
    return letters >= 12 and sum(c.isupper() for c in text) > 0.7 * letters


def test_shouting_agrees_with_counting_every_character(nlp):
    texts = ["US AND NORTH KOREA AGREE TO TALKS", "US and North Korea agree to talks.",
             "NATO OK", "ABCDEFGHI jklm", "ABCDEFGHIJ klm", "Pompeo met Kim Jong-un in Pyongyang."]
    for text in texts:
        sentence = next(nlp(text).sents)
        assert shouting(sentence) == _slow_shouting(sentence.text), text
    assert shouting(next(nlp("US AND NORTH KOREA AGREE TO TALKS").sents))


def test_name_key_memo_gives_the_plain_answer():
    for name in ["Kim Jong-un", "U.S. Embassy", "O\u2019Neill", "al-Assad", "Kim Jong-un"]:
        assert name_key(name) == name_key.__wrapped__(name)
    assert name_key("Kim Jong-un") == "kim jong un"
