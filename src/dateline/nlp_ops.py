"""thinc operations that multiply matrices with numpy's BLAS instead of the bundled BLIS kernels.

spaCy's models run on thinc, whose CPU backend (``NumpyOps``) sends every float32 matrix product
to the ``blis`` package. On the x86 machines dateline was measured on, those kernels reach about
22 GFLOPS for the shapes of en_core_web_sm's layers, where numpy's OpenBLAS reaches about 65 on
one thread: the matrix products of the two tok2vec encoders, the tagger and the parser's and NER's
input layers dominate the parse, and doing them with numpy cuts its CPU time by about a quarter.
(thinc-apple-ops does the same with Apple's Accelerate on macOS.)

The model is unchanged: same weights, same layers, only the routine that multiplies differs. The
sums may be added in another order, so a score can differ in its last bits; on the shared corpora
(over 200,000 tokens) no tag, dependency, head or entity changed. ``tests/test_nlp_ops.py``
checks both the products and the annotations.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

import numpy
from thinc.api import NumpyOps, get_current_ops, set_current_ops


class NumpyBlasOps(NumpyOps):
    """``NumpyOps`` with ``gemm`` done by ``numpy.matmul`` (OpenBLAS) rather than ``blis``."""

    name = "dateline_numpy_blas"

    def gemm(self, x, y, out=None, trans1: bool = False, trans2: bool = False):  # noqa: ANN001 - thinc's signature
        """``x @ y`` (either transposed first), written into ``out`` when given, as thinc expects."""
        if trans1:
            x = x.T
        if trans2:
            y = y.T
        if out is None:
            return numpy.matmul(x, y)
        numpy.matmul(x, y, out=out)
        return out


@contextlib.contextmanager
def models_built_with_numpy_blas() -> Iterator[None]:
    """Within this block, models that thinc builds (spaCy's, on load) multiply with numpy.

    The models keep these operations after the block; thinc's default for anything built later
    is restored, so dateline changes nothing for other code in the same process.
    """
    previous = get_current_ops()
    set_current_ops(NumpyBlasOps())
    try:
        yield
    finally:
        set_current_ops(previous)
