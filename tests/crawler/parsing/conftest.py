"""Paths shared by the parsing tests: hand-written fixtures and the shared devset."""
from __future__ import annotations

from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[3]
FIXTURES = Path(__file__).resolve().parent / "fixtures"
DEVSET = REPO_ROOT.parent / "shared" / "devset"


def fixture_bytes(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


@pytest.fixture(scope="session")
def devset() -> Path:
    if not (DEVSET / "pages" / "labels.jsonl").exists():
        pytest.skip(f"devset not found at {DEVSET}")
    return DEVSET
