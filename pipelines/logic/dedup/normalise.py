"""The text two copies of one story have in common, whatever site printed it.

Reposts differ in what does not matter to the story: the 来源/责任编辑 lines, script
(traditional on one site, simplified on another), full-width digits, spacing and
punctuation. ``story`` removes those differences and nothing else, so what is left to
compare is the wording of the story itself. It is only ever compared, never stored or shown.
"""
from __future__ import annotations

import re
from typing import NamedTuple

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


class Story(NamedTuple):
    """What verification compares, read once per text.

    ``text``: letters, digits and ideographs only (shingles, overlap, numbers);
    ``marked``: the same lines with their punctuation (renames: 召开。区委 must not read as
    召开区); ``places``: place names written (``patterns.PLACE_NAME``).
    """

    text: str
    marked: str
    places: frozenset[str]


def _kept_lines(body: str) -> list[str]:
    """Folded body lines without whitespace, header/footer and empty lines."""
    lines = []
    for raw in _folded(body or "").splitlines():
        squeezed = _SPACE.sub("", raw)
        if squeezed and not _is_header_or_footer(squeezed):
            lines.append(squeezed)
    return lines


def story(title: str | None, body: str | None) -> Story:
    """The comparable views of a story: its body (the title too when the body is very short,
    e.g. a notice whose body is one line; reposts often retitle, so titles count only then)."""
    lines = _kept_lines(body or "")
    text = "".join(_NOT_WORD.sub("", line) for line in lines)
    marked = "\n".join(lines)
    if len(text) < MIN_CHARS and title:
        text, marked = comparable(title) + text, _SPACE.sub("", _folded(title)) + "\n" + marked
    places = frozenset(m for line in lines for m in PLACE_NAME.findall(line) if m[1] not in DEICTIC)
    return Story(text, marked, places)


def story_text(title: str | None, body: str | None) -> str:
    """Only the ``text`` view of ``story``."""
    return story(title, body).text
