"""Paths shared by the parsing tests: hand-written fixtures (the devset fixture is the suite's,
in ``tests/conftest.py``)."""
from __future__ import annotations

from pathlib import Path

FIXTURES = Path(__file__).resolve().parent / "fixtures"


def fixture_bytes(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()
