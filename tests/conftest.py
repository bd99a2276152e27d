"""Shared fixtures: the read-only corpora beside the checkout, the seed, the spaCy pipeline."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SEED = ROOT / "examples" / "000_fb44a1e465c71499.txt"


@pytest.fixture(scope="session")
def shared() -> Path:
    """``../shared`` from the project root (present in CI); tests needing it skip loudly if not."""
    if not SHARED.is_dir():
        pytest.skip(f"shared data not found at {SHARED}")
    return SHARED


@pytest.fixture(scope="session")
def seed_path() -> Path:
    return SEED


@pytest.fixture(scope="session")
def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def nlp():
    from dateline.nlp import load_pipeline

    return load_pipeline()
