"""Text output for terminals: aligned tables that count CJK characters as two columns."""
from __future__ import annotations

import os
import sys
import unicodedata
from typing import Iterable, Sequence, TextIO


def display_width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1 for ch in text)


def truncate(text: str, width: int) -> str:
    """Cut to at most ``width`` display columns, marking the cut with …."""
    if display_width(text) <= width:
        return text
    out, used = [], 0
    for ch in text:
        w = display_width(ch)
        if used + w > width - 1:
            break
        out.append(ch)
        used += w
    return "".join(out) + "…"


def pad(text: str, width: int) -> str:
    return text + " " * max(0, width - display_width(text))


def table(headers: Sequence[str], rows: Iterable[Sequence[object]], *,
          max_widths: dict[int, int] | None = None) -> str:
    rows = [["" if v is None else str(v) for v in row] for row in rows]
    max_widths = max_widths or {}
    rows = [[truncate(v, max_widths.get(i, 10_000)) for i, v in enumerate(row)] for row in rows]
    widths = [display_width(h) for h in headers]
    for row in rows:
        for i, v in enumerate(row):
            widths[i] = max(widths[i], display_width(v))
    lines = ["  ".join(pad(h, widths[i]) for i, h in enumerate(headers)).rstrip(),
             "  ".join("-" * w for w in widths)]
    lines += ["  ".join(pad(v, widths[i]) for i, v in enumerate(row)).rstrip() for row in rows]
    return "\n".join(lines)


def use_colour(stream: TextIO = sys.stdout) -> bool:
    """Colour only on a terminal, and never when NO_COLOR is set."""
    return stream.isatty() and "NO_COLOR" not in os.environ


def highlight(text: str, spans: Sequence[Sequence[int]], colour: bool) -> str:
    """Mark matches: bold yellow on a terminal, «…» elsewhere."""
    if not spans:
        return text
    start_mark, end_mark = ("\033[1;33m", "\033[0m") if colour else ("«", "»")
    out, last = [], 0
    for start, end in sorted(spans):
        if start < last:
            continue
        out += [text[last:start], start_mark, text[start:end], end_mark]
        last = end
    out.append(text[last:])
    return "".join(out)
