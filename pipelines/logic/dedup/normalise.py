"""The text two copies of one story have in common, whatever site printed it.

Reposts differ in what does not matter to the story: the 来源/责任编辑 lines, script
(traditional on one site, simplified on another), full-width digits, spacing and
punctuation. ``story_text`` removes those differences and nothing else, so what is left to
compare is the wording of the story itself. It is only ever compared, never stored or shown.
"""
from __future__ import annotations

import re

from pipelines.logic.dedup.patterns import (
    DEICTIC, HEADER_FOOTER_LINE, HEADER_FOOTER_SHORT, MIN_CHARS, PLACE_NAME,
)
from pipelines.logic.meeting.fold import fold

#: Everything but letters, digits and ideographs (punctuation, spaces, underscores).
_NOT_WORD = re.compile(r"[\W_]+")
_SPACE = re.compile(r"\s+")


def _is_header_or_footer(line: str) -> bool:
    return bool(HEADER_FOOTER_LINE.match(line) or HEADER_FOOTER_SHORT.match(line))


def _folded(text: str) -> str:
    """Simplified script, ASCII digits and letters (from full-width), lower case. (NFKC
    would add little once punctuation is dropped, and cost more than the rest together.)"""
    return fold(text).lower()


def comparable(text: str) -> str:
    """``_folded``, then only letters, digits and ideographs kept."""
    return _NOT_WORD.sub("", _folded(text))


def story_lines(body: str) -> list[str]:
    """The body's lines, comparable, without header/footer lines and empty lines."""
    lines = []
    for raw in _folded(body or "").splitlines():
        squeezed = _SPACE.sub("", raw)
        if squeezed and not _is_header_or_footer(squeezed):
            line = _NOT_WORD.sub("", squeezed)
            if line:
                lines.append(line)
    return lines


def story_text(title: str | None, body: str | None) -> str:
    """The comparable text of a story: its body (the title too when the body is very short,
    e.g. a notice whose body is one line; reposts often retitle, so titles count only then)."""
    text = "".join(story_lines(body or ""))
    if len(text) < MIN_CHARS:
        text = comparable(title or "") + text
    return text


def place_names(body: str | None) -> frozenset[str]:
    """Place names the story's lines write (see ``patterns.PLACE_NAME``)."""
    names = set()
    for raw in _folded(body or "").splitlines():
        squeezed = _SPACE.sub("", raw)
        if squeezed and not _is_header_or_footer(squeezed):
            names.update(m for m in PLACE_NAME.findall(squeezed) if m[1] not in DEICTIC)
    return frozenset(names)
