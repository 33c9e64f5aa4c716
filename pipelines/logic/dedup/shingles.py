"""Character n-gram shingles of a comparable text, as 32-bit hashes (vectorised with numpy).

Hashing is arithmetic on code points, identical in every process and on every machine (unlike
Python's ``hash``), because the band keys built from it are stored in the archive and must
match what another crawler process computes days later.
"""
from __future__ import annotations

import numpy as np

from pipelines.logic.dedup.patterns import SHINGLE

_MULT = np.uint64(1_000_003)
_MIX = np.uint64(0x9E3779B97F4A7C15)


def shingle_hashes(text: str, size: int = SHINGLE) -> np.ndarray:
    """Sorted distinct uint32 hashes of every ``size``-character window of ``text``
    (one window, the whole text, when it is shorter)."""
    if not text:
        return np.empty(0, dtype=np.uint32)
    points = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
    size = min(size, len(points))
    count = len(points) - size + 1
    value = np.zeros(count, dtype=np.uint64)
    for offset in range(size):
        value = value * _MULT + points[offset:offset + count]  # wraps mod 2**64, as intended
    value = value * _MIX
    value ^= value >> np.uint64(32)
    return np.unique(value.astype(np.uint32))
