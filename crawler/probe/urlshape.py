"""Article URL patterns learnt from examples: cluster links by shape, generalise the biggest.

A shape keeps letters and punctuation and turns every run of digits into ``#``:
``/col6991/20221125/1226260.html`` -> ``/col#/#/#.html``. A news list's headlines share one
shape; navigation and sidebars rarely do. Digits are always generalised (a column id may
stay fixed on one page, a date never does across pages); a segment whose letters differ
between examples becomes ``[^/]+``.
"""
from __future__ import annotations

import re
from collections import defaultdict
from urllib.parse import urlsplit

_DIGITS = re.compile(r"\d+")


def _segments(url: str) -> tuple[str, ...]:
    parts = urlsplit(url)
    segs = parts.path.split("/")[1:]
    if parts.query:
        segs = segs + ["?" + parts.query]
    return tuple(segs)


def shape(url: str) -> tuple[str, ...]:
    return tuple(_DIGITS.sub("#", seg) for seg in _segments(url))


def _segment_regex(values: list[str]) -> str:
    skeletons = {_DIGITS.sub("#", v) for v in values}
    if len(skeletons) > 1:
        return r"[^/?]+"
    pieces = re.split(r"(#)", skeletons.pop())
    return "".join(r"\d+" if piece == "#" else re.escape(piece) for piece in pieces if piece)


def pattern_for(urls: list[str]) -> str:
    """A regex (searched in absolute URLs) matching every URL of one shape cluster."""
    columns = list(zip(*(_segments(u) for u in urls)))
    regexes = [_segment_regex(list(col)) for col in columns]
    path = "".join(("" if r.startswith(r"\?") else "/") + r for r in regexes)
    return r"^https?://[^/]+" + path + "$"


def best_cluster(urls: list[str]) -> list[str]:
    """The URLs of the most common shape (ties: the shape seen first)."""
    groups: dict[tuple[str, ...], list[str]] = defaultdict(list)
    for url in urls:
        groups[shape(url)].append(url)
    if not groups:
        return []
    return max(groups.values(), key=len)
