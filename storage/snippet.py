"""A short excerpt around the first match of a search, with the matches located.

The snippet is returned as plain text plus ``[start, end]`` offsets rather than
with markers inserted, so the CLI can colour, bracket or ignore matches as suits
its output format, and JSON consumers get text they can quote as is.
"""
from __future__ import annotations

from collections.abc import Sequence

#: About how many characters of text a snippet shows.
SNIPPET_WIDTH = 80
#: The share of the width shown before the first match (context leading into it).
LEAD_FRACTION = 0.25
ELLIPSIS = "…"
#: Layout characters shown as a space in a one-line snippet (same length: offsets hold).
_FLATTEN = str.maketrans({"\n": " ", "\r": " ", "\t": " "})


def fold(text: str) -> str:
    """Case-fold for matching, keeping one character per character so offsets line up.

    ``str.lower`` only ever lengthens text (İ becomes two characters), so when the length is
    unchanged every character was mapped to one: the common case, done at C speed."""
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    return "".join(ch if len(low := ch.lower()) != 1 else low for ch in text)


def find_spans(text: str, terms: Sequence[str]) -> list[list[int]]:
    """Sorted, merged ``[start, end]`` offsets of every occurrence of every term in ``text``."""
    folded = fold(text)
    spans: list[list[int]] = []
    for term in terms:
        needle = fold(term)
        if not needle:
            continue
        start = folded.find(needle)
        while start >= 0:
            spans.append([start, start + len(needle)])
            start = folded.find(needle, start + 1)
    spans.sort()
    merged: list[list[int]] = []
    for span in spans:
        if merged and span[0] <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], span[1])
        else:
            merged.append(span)
    return merged


def make_snippet(text: str, terms: Sequence[str], width: int = SNIPPET_WIDTH) -> tuple[str, list[list[int]]]:
    """About ``width`` characters of ``text`` around the first match, and the match spans in it.

    Text cut off at either end is marked with ``…``. If no term occurs, the start of
    the text is returned with no spans.
    """
    spans = find_spans(text, terms)
    first = spans[0][0] if spans else 0
    start = max(0, first - int(width * LEAD_FRACTION))
    end = min(len(text), start + width)
    start = max(0, end - width)  # near the end of the text: show more before the match
    prefix = ELLIPSIS if start > 0 else ""
    suffix = ELLIPSIS if end < len(text) else ""
    snippet = prefix + text[start:end].translate(_FLATTEN) + suffix
    return snippet, find_spans(snippet, terms)
