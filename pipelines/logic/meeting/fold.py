"""Fold text to one script and one digit width, character for character.

Every pattern and lexicon of the meeting extractor is written once, in simplified characters
and ASCII digits. Reports also come in traditional characters (區委書記) and with full-width
digits (３月１２日下午２：３０), so the matching runs on a *folded* copy of the text. Folding
maps each character to exactly one character, never merging or splitting, so an offset in
the folded copy is the same offset in the original: what we report (names, titles, orgs) is
sliced from the original and stays as the source wrote it (鍾鳴, 副區長).

The traditional-to-simplified table is OpenCC's character dictionary (``TSCharacters``),
first candidate of each single-character entry; OpenCC's phrase tables are not used because
they may change a text's length.
"""
from __future__ import annotations

import functools
import os
import unicodedata

#: Full-width digits and Latin letters to ASCII. Full-width punctuation (，：（）) stays: it
#: is how Chinese text is punctuated, and the patterns are written with it.
_WIDTH = {code: code - 0xFEE0 for code in (*range(0xFF10, 0xFF1A), *range(0xFF21, 0xFF3B),
                                           *range(0xFF41, 0xFF5B))}


@functools.lru_cache(maxsize=1)
def _table() -> dict[int, int]:
    table = dict(_WIDTH)
    try:
        import opencc  # opencc-python-reimplemented ships OpenCC's dictionaries as text
    except ImportError:  # pragma: no cover - then traditional reports are matched as written
        return table
    path = os.path.join(os.path.dirname(opencc.__file__), "dictionary", "TSCharacters.txt")
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            source, _, targets = line.rstrip("\n").partition("\t")
            target = targets.split(" ")[0] if targets else ""
            if len(source) == 1 and len(target) == 1 and source != target:
                table[ord(source)] = ord(target)
    return table


@functools.lru_cache(maxsize=1)
def _foldable() -> frozenset[str]:
    """Every character ``fold`` changes: most reports have none of them, and checking for one
    is much cheaper than translating every character."""
    return frozenset(chr(code) for code in _table())


def fold(text: str) -> str:
    """``text`` in simplified characters with ASCII digits and letters; same length.

    >>> fold("區委書記３月")
    '区委书记3月'
    """
    if _foldable().isdisjoint(text):
        return text
    return text.translate(_table())  # int -> int mapping: the length cannot change


def is_han(char: str) -> bool:
    """True for a CJK ideograph (the characters names and titles are written in)."""
    return "\u4e00" <= char <= "\u9fff" or "\u3400" <= char <= "\u4dbf" or (
        len(char) == 1 and unicodedata.name(char, "").startswith("CJK COMPATIBILITY IDEOGRAPH"))
