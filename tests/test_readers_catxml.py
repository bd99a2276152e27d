"""The CAT XML reader on the real SemEval-2015 Task 4 and MEANTIME files, and on broken input."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from dateline.readers.catxml import (
    markables_of_kind,
    mention_name,
    parse_cat_document,
    read_cat_document,
    read_catxml,
    token_index,
    tokens_in_span,
    event_instances,
)
from dateline.types import Article, Problem


def trial_docs(shared: Path) -> Path:
    return shared / "data" / "timeline-trial" / "docs"


def one(directory: Path, prefix: str) -> Path:
    return next(directory.glob(f"{prefix}*.xml"))


def test_catxml_article_rebuilt_from_tokens_with_dct(shared):
    path = one(trial_docs(shared), "16844")
    article = read_catxml(path)
    assert isinstance(article, Article)
    assert article.id == "16844"
    assert article.metadata_date == date(2010, 6, 8)
    lines = article.text.split("\n")
    assert lines[0] == "Apple unveils iPhone 4 , iOS 4 at Worldwide Developers Conference 2010"
    assert lines[1] == "June 8 , 2010"
    assert lines[2].startswith("Yesterday , at this year 's Apple Worldwide")


def test_catxml_token_spans_point_at_their_text(shared):
    document = read_cat_document(one(trial_docs(shared), "18355"))
    text = document.article.text
    assert len(document.tokens) > 100
    for token in document.tokens:
        assert text[token.span[0]:token.span[1]] == token.text
    sentences = [token.sentence for token in document.tokens]
    assert sentences == sorted(sentences)
    assert text.count("\n") == len(set(sentences)) - 1


def test_catxml_naming_reproduces_gold_mention_ids(shared):
    """Every single-word gold mention of the trial timelines names a token of its document."""
    documents = {}
    for path in trial_docs(shared).glob("*.xml"):
        document = read_cat_document(path)
        documents[document.doc_id] = document
    names, checked = set(), 0
    for document in documents.values():
        names.update(mention_name(document, [token]).lower() for token in document.tokens)
    for gold in (shared / "data" / "timeline-trial" / "gold").glob("*.txt"):
        for line in gold.read_text(encoding="utf-8").splitlines()[1:]:
            for mention in line.split("\t")[2:]:
                doc_id = mention.split("-", 1)[0]
                if doc_id in documents and "_" not in mention:
                    checked += 1
                    assert mention.lower() in names, mention
    assert checked > 150


def test_catxml_naming_by_character_span(shared):
    document = read_cat_document(one(trial_docs(shared), "16844"))
    text = document.article.text
    start = text.index("unveiled")
    tokens = tokens_in_span(document, (start, start + len("unveiled")))
    assert mention_name(document, tokens) == "16844-2-unveiled"
    start = text.index("showed off")
    assert mention_name(document, tokens_in_span(document, (start, start + 10))) == "16844-12-showed_off"


def test_catxml_trial_gold_event_markables_name_gold_mentions(shared):
    """The anchored EVENT_MENTIONs of a trial document include the gold mention 16844-16-use."""
    document = read_cat_document(one(trial_docs(shared), "16844"))
    index = token_index(document)
    names = {mention_name(document, [index[t] for t in m.token_ids])
             for m in markables_of_kind(document, "EVENT_MENTION")}
    assert "16844-16-use" in names
    assert "16844-2-unveiled" in names


def test_catxml_meantime_markables_factuality_and_instances(shared):
    directory = shared / "data" / "meantime-apple"
    document = read_cat_document(one(directory, "190356"))
    assert document.dct == "2010-06-08"
    events = markables_of_kind(document, "EVENT_MENTION")
    by_id = {m.m_id: m for m in events}
    assert by_id["29"].attribute("certainty") == "CERTAIN"
    assert by_id["29"].attribute("pred") == "long-awaited"
    assert any(m.attribute("polarity") == "NEG" for m in events)
    timexes = markables_of_kind(document, "TIMEX3")
    assert "2010-06-07" in {t.attribute("value") for t in timexes}
    assert markables_of_kind(document, "ENTITY_MENTION")
    instances = event_instances(document)
    assert set(instances) == {m.m_id for m in events}
    # "unveiled" (sentence 2) refers to the cross-document instance of Jobs unveiling iPhone 4
    unveil = next(i.instance_id for i in document.instances if i.descriptor.startswith("unveil-SE"))
    assert unveil in instances.values()


def test_catxml_meantime_cross_document_instance_is_shared(shared):
    """Some event instance id is referred to from more than one MEANTIME document."""
    seen: dict[str, set[str]] = {}
    for path in (shared / "data" / "meantime-apple").glob("*.xml"):
        document = read_cat_document(path)
        for key in set(event_instances(document).values()):
            seen.setdefault(key, set()).add(document.doc_id)
    shared_keys = [key for key, docs in seen.items() if len(docs) > 1]
    assert shared_keys
    assert all("#" not in key for key in shared_keys)


def test_catxml_malformed_xml_is_a_problem_with_line(tmp_path):
    path = tmp_path / "bad.xml"
    path.write_text('<Document doc_id="1">\n<token t_id="1" sentence="0">A</token>\n<oops>\n', encoding="utf-8")
    problem = read_catxml(path)
    assert isinstance(problem, Problem)
    assert problem.origin == str(path)
    assert problem.line is not None
    assert "XML" in problem.message


def test_catxml_missing_file_and_wrong_root_are_problems(tmp_path):
    assert isinstance(read_catxml(tmp_path / "absent.xml"), Problem)
    other = tmp_path / "other.xml"
    other.write_text("<TimeML><TEXT>hi</TEXT></TimeML>", encoding="utf-8")
    problem = read_catxml(other)
    assert isinstance(problem, Problem) and "Document" in problem.message
    empty = tmp_path / "empty.xml"
    empty.write_text('<Document doc_id="9"></Document>', encoding="utf-8")
    assert isinstance(read_catxml(empty), Problem)


def test_catxml_unknown_token_anchor_is_a_warning():
    data = ('<Document doc_id="5"><token t_id="1" sentence="0" number="0">Hi</token>'
            '<Markables><EVENT_MENTION m_id="1"><token_anchor t_id="7"/></EVENT_MENTION></Markables>'
            '</Document>')
    document = parse_cat_document(data, "mem.xml")
    assert not isinstance(document, Problem)
    assert document.article.warnings and "7" in document.article.warnings[0]
    assert document.markables[0].token_ids == ()


words = st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), min_size=0, max_size=8)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(words, st.integers(min_value=0, max_value=3)), min_size=1, max_size=20))
def test_catxml_any_tokens_give_spans_inside_the_text(items):
    from xml.sax.saxutils import escape

    body = "".join(
        f'<token t_id="{i + 1}" sentence="{sentence}" number="{i}">{escape(word)}</token>'
        for i, (word, sentence) in enumerate(sorted(items, key=lambda item: item[1]))
    )
    document = parse_cat_document(f'<Document doc_id="x">{body}</Document>', "gen.xml")
    if isinstance(document, Problem):
        return
    text = document.article.text
    for token in document.tokens:
        assert 0 <= token.span[0] < token.span[1] <= len(text)
        assert text[token.span[0]:token.span[1]] == token.text
        assert mention_name(document, [token]).startswith("x-")


@settings(max_examples=80, deadline=None)
@given(st.text(max_size=300))
def test_catxml_any_text_never_raises(data):
    result = parse_cat_document(data, "any.xml")
    assert isinstance(result, Problem) or result.tokens
