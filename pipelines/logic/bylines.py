"""Bylines and staff lines at the edges of a body belong in the record's fields, not its text.

``记者 周晓宁 通讯员 李欣`` opening a body, or ``（通讯员 黄一鸣）`` / ``责任编辑：李明`` /
``编辑 刘晓阳 校对 李铭`` closing it, are metadata: the names go to ``author`` / ``editor`` (a
field already filled is kept: the page's own info line is the better witness) and the line
leaves the body. Only whole lines at the start or end are taken, so a sentence quoting a
reporter stays; a dated signature ending a notice (``2023年1月18日``) is text and stays.

The line shapes are the extractor's (:mod:`crawler.parsing.infoline`), so that HTML pages and
plain text are read the same way.
"""
from __future__ import annotations

from dataclasses import dataclass

from crawler.parsing.infoline import is_info_line, parse_byline, parse_editor_line, parse_info

#: How many lines at each end of the body are examined (repeatedly: after one goes, the next
#: line is at the edge).
HEAD_LINES = 1
TAIL_LINES = 1
#: Longest line taken for a staff line.
MAX_STAFF_LINE_CHARS = 60


@dataclass
class Staff:
    author: str | None = None
    editor: str | None = None
    source: str | None = None


def _staff_line(line: str) -> Staff | None:
    """The names a whole line gives, when it is a byline, an editor line or a labelled
    source/author/editor line; else None."""
    if len(line) > MAX_STAFF_LINE_CHARS:
        return None
    byline = parse_byline(line)
    if byline is not None and (byline[0] or byline[1]):
        return Staff(author=byline[0], source=byline[1])
    editor = parse_editor_line(line)
    if editor:
        return Staff(editor=editor)
    if is_info_line(line):
        fields = parse_info(line)
        if (fields.author or fields.editor or fields.source) and not fields.published:
            return Staff(author=fields.author, editor=fields.editor, source=fields.source)
    return None


def take_staff_lines(lines: list[str]) -> tuple[list[str], Staff]:
    """``lines`` without the bylines/staff lines at its edges, and what they said.

    Repeated until nothing changes at either end, so the result is stable under a second call.
    """
    found = Staff()
    lines = list(lines)

    def absorb(staff: Staff) -> None:
        found.author = found.author or staff.author
        found.editor = found.editor or staff.editor
        found.source = found.source or staff.source

    changed = True
    while changed and lines:
        changed = False
        for index in range(min(HEAD_LINES, len(lines))):
            staff = _staff_line(lines[index])
            if staff is not None:
                absorb(staff)
                del lines[index]
                changed = True
                break
        if changed or not lines:
            continue
        for index in range(len(lines) - 1, max(-1, len(lines) - 1 - TAIL_LINES), -1):
            staff = _staff_line(lines[index])
            if staff is not None:
                absorb(staff)
                del lines[index]
                changed = True
                break
    return lines, found
