"""The indexed attribute ruler gives exactly spaCy's annotations: real text, rare rules, any tokens."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc

from dateline import nlp_attributes
from dateline.nlp_attributes import IndexedAttributeRuler, pattern_tests

ANNOTATIONS = ("tag_", "pos_", "lemma_", "dep_")


def _rulers(nlp):
    """spaCy's ruler and the indexed one, both holding the model's own patterns."""
    patterns = nlp.get_pipe("attribute_ruler").patterns
    stock = AttributeRuler(nlp.vocab)
    stock.add_patterns(patterns)
    indexed = IndexedAttributeRuler(nlp.vocab)
    indexed.add_patterns(patterns)
    return stock, indexed


def _annotations(doc: Doc) -> list[tuple]:
    return [(*(getattr(t, a) for a in ANNOTATIONS), str(t.morph)) for t in doc]


def _before_the_ruler(nlp, texts):
    """Docs tagged and parsed, as the attribute ruler receives them."""
    return list(nlp.pipe(texts, disable=["attribute_ruler", "lemmatizer", "ner"]))


def _apply_both(stock, indexed, doc: Doc) -> tuple[Doc, Doc]:
    copy = Doc(doc.vocab).from_bytes(doc.to_bytes())
    return stock(doc), indexed(copy)


def test_nlp_attributes_pipeline_uses_the_indexed_ruler(nlp):
    assert isinstance(nlp.get_pipe("attribute_ruler"), IndexedAttributeRuler)
    assert nlp.pipe_names == ["tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "ner"]


def test_nlp_attributes_same_annotations_on_news(nlp, shared, seed_text):
    from dateline.readers import read_paths
    from dateline.types import Article

    paths = sorted((shared / "data" / "timeml" / "timebank").glob("*.tml"))[:25]
    texts = [seed_text] + [a.text for a in read_paths([str(p) for p in paths]) if isinstance(a, Article)]
    stock, indexed = _rulers(nlp)
    tokens = 0
    for doc in _before_the_ruler(nlp, texts):
        expected, got = _apply_both(stock, indexed, doc)
        assert _annotations(got) == _annotations(expected)
        tokens += len(doc)
    assert tokens > 10_000


# Sentences that fire the model's rarer rules: two-token patterns ("gon na", "ai n't", "let 's",
# "there is"), regex patterns ("nothin'", "y'all"), object pronouns, auxiliaries, spaces.
RARE = (
    "We're gonna win, ain't we? Let's go, y'all. It was nothin' at all.\n\n"
    "There is a plan and there are two ways. She gave it to him; he told you and me.\n"
    "They had done what he'd said. Whether it gets better, nobody got it. I'm sure.  Really."
)


def test_nlp_attributes_rare_rules_fire_and_agree(nlp):
    stock, indexed = _rulers(nlp)
    doc = _before_the_ruler(nlp, [RARE])[0]
    fired = {number for number, *_ in stock.match(doc)}
    multi_token = {n for n in fired if len(stock.matcher.get(str(n))[1][0]) > 1}
    assert multi_token, "the sample should exercise two-token patterns"
    assert {number for number, *_ in indexed.match(doc)} == fired
    expected, got = _apply_both(stock, indexed, doc)
    assert _annotations(got) == _annotations(expected)
    assert [t.lemma_ for t in got if t.lower_ in ("gon", "na")] == ["go", "to"]


def test_nlp_attributes_same_after_forgetting(nlp, monkeypatch):
    """The remembered answers are an optimisation only: a tiny memory gives the same result."""
    monkeypatch.setattr(nlp_attributes, "MEMORY_SIZE", 3)
    stock, indexed = _rulers(nlp)
    doc = _before_the_ruler(nlp, [RARE])[0]
    expected, got = _apply_both(stock, indexed, doc)
    assert _annotations(got) == _annotations(expected)
    assert len(indexed._starting) <= 3


def test_nlp_attributes_pattern_added_later_is_used(nlp):
    stock, indexed = _rulers(nlp)
    doc = _before_the_ruler(nlp, ["The talks ended."])[0]
    indexed(Doc(doc.vocab).from_bytes(doc.to_bytes()))  # builds the index
    for ruler in (stock, indexed):
        ruler.add([[{"LOWER": "talks"}]], {"LEMMA": "negotiation"})
    expected, got = _apply_both(stock, indexed, doc)
    assert got[1].lemma_ == "negotiation"
    assert _annotations(got) == _annotations(expected)


def test_nlp_attributes_patterns_with_operators_go_to_the_matcher():
    assert pattern_tests([{"LOWER": "a", "OP": "?"}]) is None
    assert pattern_tests([{"LENGTH": 3}]) is None
    assert pattern_tests([{"LOWER": {"FUZZY": "nothing"}}]) is None
    assert pattern_tests([{"TAG": {"IN": ["VB", "VBZ"]}}, {"LOWER": {"REGEX": "^n't$"}}]) is not None


@pytest.fixture(scope="module")
def vocabulary(nlp):
    """Words, tags and dependencies the model's patterns test, with some they never test."""
    words, tags, deps = {"xyz", "Hello", " ", "\n"}, {"NN", "VB", "_SP", ""}, {"nsubj", "", "punct"}
    for pattern in nlp.get_pipe("attribute_ruler").patterns:
        for alternative in pattern["patterns"]:
            for token in alternative:
                for attribute, spec in token.items():
                    values = spec.get("IN", spec.get("NOT_IN", [])) if isinstance(spec, dict) else [spec]
                    target = {"LOWER": words, "ORTH": words, "TAG": tags, "DEP": deps}.get(attribute)
                    if target is not None:
                        target.update(v for v in values if isinstance(v, str))
    words |= {"nothin'", "nuthin'", "y'", "y", "all"}
    return sorted(words), sorted(tags), sorted(deps)


@settings(max_examples=150, deadline=None)
@given(data=st.data())
def test_nlp_attributes_same_annotations_on_any_tokens(nlp, vocabulary, data):
    words, tags, deps = vocabulary
    size = data.draw(st.integers(min_value=1, max_value=12))
    chosen = [data.draw(st.sampled_from(words)) for _ in range(size)]
    doc = Doc(nlp.vocab, words=chosen)
    for token in doc:
        token.tag_ = data.draw(st.sampled_from(tags))
        token.dep_ = data.draw(st.sampled_from(deps))
    stock, indexed = _rulers(nlp)
    expected, got = _apply_both(stock, indexed, doc)
    assert _annotations(got) == _annotations(expected)
