"""Real documents that once broke the tagger."""

from __future__ import annotations

from dateline.document import resolve_reference
from dateline.readers import read_paths
from dateline.timex import tag


def test_timex_infinitive_chain_does_not_recurse_forever(shared, nlp):
    # "... to give free cases ..." chains of infinitives whose heads lead back through nouns made
    # verb_direction climb without end (RecursionError); the climb is now bounded.
    path = shared / "data" / "meantime-apple" / "195869_Apple_to_give_free_cases.xml"
    [article] = list(read_paths([path]))
    doc = nlp(article.text)
    timexes = tag(doc, resolve_reference(article).reference_date)
    assert timexes
    for timex in timexes:
        assert article.text[timex.span[0]:timex.span[1]] == timex.text
