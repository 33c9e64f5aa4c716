"""A story's fingerprint: LSH band keys (for the archive's index) and what verification needs.

MinHash signatures follow datasketch's 32-bit affine scheme with its permutations (fixed
seed); the signature is cut into BANDS bands of ROWS values and each band is hashed to one
signed 64-bit key, which is all the archive stores: stories sharing keys are candidates.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass, field

import numpy as np
from datasketch import MinHash

from pipelines.logic.dedup.normalise import Story, story
from pipelines.logic.dedup.patterns import BANDS, MIN_CHARS, NUM_PERM, ROWS, SEED
from pipelines.logic.dedup.shingles import shingle_hashes


@functools.lru_cache(maxsize=1)
def _permutations() -> tuple[np.ndarray, np.ndarray]:
    """datasketch's (a, b) permutation parameters for NUM_PERM and SEED, generated once."""
    a, b = MinHash(num_perm=NUM_PERM, seed=SEED, scheme="affine32").permutations
    return a.reshape(1, -1), b.reshape(1, -1)


def _fmix32(values: np.ndarray) -> np.ndarray:
    """MurmurHash3's 32-bit finaliser, as datasketch applies it before permuting."""
    h = values.astype(np.uint32, copy=True)
    h ^= h >> np.uint32(16)
    h *= np.uint32(0x85EBCA6B)
    h ^= h >> np.uint32(13)
    h *= np.uint32(0xC2B2AE35)
    h ^= h >> np.uint32(16)
    return h


def signature(shingles: np.ndarray) -> np.ndarray:
    """The MinHash signature (NUM_PERM uint32 values) of a set of shingle hashes.

    Exactly what ``datasketch.MinHash(scheme="affine32", seed=SEED).update_batch`` computes
    with an identity hash function (tests/pipelines/logic/test_dedup.py checks it), done in
    one numpy expression: datasketch's per-value Python call cost twice the whole signature.
    """
    a, b = _permutations()
    if not len(shingles):
        return np.full(NUM_PERM, np.iinfo(np.uint32).max, dtype=np.uint32)
    return (_fmix32(shingles).reshape(-1, 1) * a + b).min(axis=0)


_BAND_SALT = np.arange(1, BANDS + 1, dtype=np.uint64) * np.uint64(0x9E3779B97F4A7C15)
_PRIME = np.uint64(0x100000001B3)


def band_keys(values: np.ndarray) -> tuple[int, ...]:
    """One signed 64-bit key per band (its ROWS values hashed together with the band's index,
    so equal values in different bands never collide)."""
    rows = np.asarray(values, dtype=np.uint32).reshape(BANDS, ROWS).astype(np.uint64)
    h = _BAND_SALT.copy()
    for r in range(ROWS):  # FNV-style mixing, wrapping mod 2**64
        h = (h ^ rows[:, r]) * _PRIME
        h ^= h >> np.uint64(29)
    return tuple(h.view(np.int64).tolist())


@dataclass(frozen=True)
class Fingerprint:
    """What the archive needs to find and confirm reposts of one article.

    ``keys`` go into the persistent LSH table; ``similarity`` is called by the archive with
    each candidate's stored title and body and says whether it is the same story.
    """

    story: Story = field(repr=False)  # comparable views (never stored)
    shingles: np.ndarray = field(repr=False)
    keys: tuple[int, ...] = ()

    @property
    def text(self) -> str:
        return self.story.text

    def similarity(self, title: str | None, body: str | None) -> float | None:
        """Similarity to a stored article, or None when it is not the same story."""
        from pipelines.logic.dedup.verify import same_story

        other, other_shingles = _stored_story(title or "", body or "")
        return same_story(self.story, self.shingles, other, other_shingles)


@functools.lru_cache(maxsize=2048)
def _stored_story(title: str, body: str) -> tuple[Story, np.ndarray]:
    """Comparable views and shingles of a stored article: one archived article is often the
    candidate of several newcomers in a row (a story reposted by many sites)."""
    view = story(title, body)
    return view, shingle_hashes(view.text)


def fingerprint(title: str | None, body: str | None) -> Fingerprint | None:
    """The fingerprint of an article, or None when its text is too short to judge."""
    view = story(title, body)
    if len(view.text) < MIN_CHARS:
        return None
    shingles = shingle_hashes(view.text)
    return Fingerprint(story=view, shingles=shingles, keys=band_keys(signature(shingles)))
