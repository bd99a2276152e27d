"""Long texts are parsed in pieces that join back into one Doc with the exact original text."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from dateline.nlp import join_pieces, split_for_parsing


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=4000), st.integers(min_value=1, max_value=500))
def test_nlp_split_pieces_concatenate_to_the_text_and_respect_the_limit(text, limit):
    pieces = split_for_parsing(text, limit)
    assert "".join(pieces) == text
    assert all(len(p) <= limit for p in pieces)
    assert all(pieces[:-1])


def test_nlp_split_cuts_at_paragraphs_first():
    text = ("First paragraph sentence one. Sentence two.\n\n" * 40).strip()
    pieces = split_for_parsing(text, 300)
    assert all(p.endswith("\n\n") for p in pieces[:-1])


def test_nlp_split_joined_doc_keeps_offsets(nlp, seed_text):
    text = seed_text * 4
    pieces = split_for_parsing(text, 1500)
    assert len(pieces) > 2
    doc = join_pieces(list(nlp.pipe(pieces)))
    assert doc.text == text
    whole = nlp(text)
    # The same names are found at the same offsets whether parsed whole or in pieces.
    persons = {(e.start_char, e.end_char) for e in whole.ents if e.label_ == "PERSON"}
    joined = {(e.start_char, e.end_char) for e in doc.ents if e.label_ == "PERSON"}
    assert len(persons & joined) >= 0.8 * len(persons)
    for ent in doc.ents:
        assert text[ent.start_char:ent.end_char] == ent.text
