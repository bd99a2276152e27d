"""Matrix products through numpy's BLAS: the same products, the same annotations as spaCy's own."""

from __future__ import annotations

import numpy
import spacy
from hypothesis import given, settings
from hypothesis import strategies as st
from thinc.api import NumpyOps, get_current_ops

from dateline.nlp import MODEL_PACKAGE
from dateline.nlp_ops import NumpyBlasOps, models_built_with_numpy_blas


@settings(max_examples=200, deadline=None)
@given(
    rows=st.integers(1, 40), inner=st.integers(1, 40), cols=st.integers(1, 40),
    trans1=st.booleans(), trans2=st.booleans(), use_out=st.booleans(), seed=st.integers(0, 2**16),
)
def test_nlp_ops_gemm_equals_thincs(rows, inner, cols, trans1, trans2, use_out, seed):
    rng = numpy.random.default_rng(seed)
    x = rng.standard_normal((inner, rows) if trans1 else (rows, inner)).astype("float32")
    y = rng.standard_normal((cols, inner) if trans2 else (inner, cols)).astype("float32")
    expected = NumpyOps().gemm(x, y, trans1=trans1, trans2=trans2)
    out = numpy.full((rows, cols), numpy.nan, dtype="float32") if use_out else None
    got = NumpyBlasOps().gemm(x, y, out=out, trans1=trans1, trans2=trans2)
    assert got.shape == (rows, cols) and got.dtype == numpy.float32
    assert numpy.allclose(got, expected, rtol=1e-4, atol=1e-4)
    if use_out:
        assert got is out


def test_nlp_ops_only_the_pipeline_is_changed(nlp):
    before = get_current_ops()
    with models_built_with_numpy_blas():
        assert isinstance(get_current_ops(), NumpyBlasOps)
    assert get_current_ops() is before
    assert not isinstance(before, NumpyBlasOps)
    for name in ("tok2vec", "tagger", "parser", "ner"):
        assert isinstance(nlp.get_pipe(name).model.ops, NumpyBlasOps), name


def test_nlp_ops_same_annotations_as_the_released_pipeline(nlp, shared, seed_text):
    """Sums in another order may change a score's last bits, never (here) a decision."""
    from dateline.readers import read_paths
    from dateline.types import Article

    paths = sorted((shared / "data" / "meantime-apple").glob("*.xml"))[:15]
    texts = [seed_text] + [a.text for a in read_paths([str(p) for p in paths]) if isinstance(a, Article)]
    released = spacy.load(MODEL_PACKAGE)
    assert not isinstance(released.get_pipe("ner").model.ops, NumpyBlasOps)
    tokens = same = 0
    entities = same_entities = 0
    for ours, theirs in zip(nlp.pipe(texts), released.pipe(texts)):
        assert [t.text for t in ours] == [t.text for t in theirs]
        for a, b in zip(ours, theirs):
            tokens += 1
            same += (a.tag_, a.dep_, a.head.i, a.ent_iob_, a.ent_type_, a.lemma_) == (
                b.tag_, b.dep_, b.head.i, b.ent_iob_, b.ent_type_, b.lemma_)
        ours_ents = {(e.start, e.end, e.label_) for e in ours.ents}
        theirs_ents = {(e.start, e.end, e.label_) for e in theirs.ents}
        entities += len(theirs_ents)
        same_entities += len(ours_ents & theirs_ents)
    assert tokens > 5_000
    # Measured identical on 200,000 tokens; another CPU's BLAS kernels may flip a near tie.
    assert same / tokens >= 0.999
    assert same_entities / entities >= 0.995
