"""Is a candidate (an LSH hit) really the same story? Decided on the texts themselves.

LSH only says two texts share many shingles. Reposts do, but so do two reports built on one
template (another town's name put in) and two sittings of one meeting (same officials,
another date). Three checks, all on the comparable texts:

1. overlap: Jaccard of the shingle sets, or containment of the smaller (an excerpt);
2. numbers: if each text has a number-with-unit (3月, 5日, 12项) the other lacks, they report
   different days or figures (a repost may drop or add a dated line, not change one);
3. places: each text names a place (北塘镇) the other never names;
4. renames: one place name put for another (北塘镇 -> 南湖街道), or the same short substitution
   repeated (a presider's name, twice), is a template re-issued for another place.
"""
from __future__ import annotations

from collections import Counter
from difflib import SequenceMatcher

import numpy as np

from pipelines.logic.dedup.normalise import Story

from pipelines.logic.dedup.patterns import (
    CONTAINMENT, DEICTIC, JACCARD, MIN_CONTAINED_RATIO, NUMBER, PLACE_SUFFIXES, RENAME_MAX_CHARS,
    RENAME_REPEATS,
)


def overlap(a: np.ndarray, b: np.ndarray) -> tuple[float, float]:
    """(Jaccard, containment of the smaller set) of two sorted distinct hash arrays."""
    if not len(a) or not len(b):
        return 0.0, 0.0
    shared = len(np.intersect1d(a, b, assume_unique=True))
    return shared / (len(a) + len(b) - shared), shared / min(len(a), len(b))


def numbers_conflict(a: str, b: str) -> bool:
    """Each text has a number-with-unit the other lacks (counted: 9日 twice vs once differs)."""
    left, right = Counter(NUMBER.findall(a)), Counter(NUMBER.findall(b))
    return bool(left - right) and bool(right - left)


def places_conflict(left: frozenset[str], right: frozenset[str]) -> bool:
    """Each text names a place the other never names (北塘镇 here, 青石镇 there)."""
    return bool(left - right) and bool(right - left)


def _place_swap(a: str, i1: int, i2: int, b: str, j1: int, j2: int) -> bool:
    """The swap replaces one place name by another: 北塘镇 -> 南湖街道, 北塘 -> 西岭 before 镇,
    新 -> 华 before 泾镇. Not 我区 -> 长宁区 (a repost naming the place 我/本 meant)."""
    old, new = a[i1:i2], b[j1:j2]
    if not old or not new or old[0] in DEICTIC or new[0] in DEICTIC:
        return False
    if old.endswith(PLACE_SUFFIXES) and new.endswith(PLACE_SUFFIXES):
        return True
    single = len(old) == 1 and len(new) == 1
    for tail in range(1, 4):
        shared = a[i2:i2 + tail]
        if len(shared) < tail or shared != b[j2:j2 + tail]:
            break
        if shared in PLACE_SUFFIXES or (single and shared[1:] in PLACE_SUFFIXES):
            return True
    return False


def renamed(a: str, b: str) -> bool:
    """True when ``b`` is ``a`` with a name consistently replaced (see the module docstring)."""
    swaps: Counter[tuple[str, str]] = Counter()
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag != "replace" or i2 - i1 > RENAME_MAX_CHARS or j2 - j1 > RENAME_MAX_CHARS:
            continue
        if _place_swap(a, i1, i2, b, j1, j2):
            return True
        if i2 - i1 > 1 or j2 - j1 > 1:
            swaps[(a[i1:i2], b[j1:j2])] += 1
    return any(n >= RENAME_REPEATS for n in swaps.values())


def same_story(a: Story, a_shingles: np.ndarray, b: Story, b_shingles: np.ndarray) -> float | None:
    """The overlap score of two stories (``normalise.story`` views and their shingles) when
    they are the same story, else None."""
    jaccard, contained = overlap(a_shingles, b_shingles)
    small, large = sorted((len(a_shingles), len(b_shingles)))
    score = jaccard
    if jaccard < JACCARD:
        if contained < CONTAINMENT or small < MIN_CONTAINED_RATIO * large:
            return None
        score = contained
    if a.text == b.text:
        return 1.0
    if numbers_conflict(a.text, b.text) or places_conflict(a.places, b.places) \
            or renamed(a.marked, b.marked):
        return None
    return round(score, 4)
