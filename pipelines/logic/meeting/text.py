r"""The article text the meeting extractor reads: one flat string, plus the bylines.

Reports reach us with layout damage: PDF line breaks inside words (安全生\n产, 主\n持, 区行政\n
中心), blank lines inside sentences, spaces between characters, byline lines (记者 周晓宁
通讯员 李欣), page furniture (breadcrumbs, publish line, related links). ``prepare`` joins a
line to the next when it does not end a sentence and is as wide as the text's lines (a PDF)
or too long for a heading (a page break), or when the next is only the tail of its sentence
(breaks the layout made); keeps other line ends as ``\n``; drops spaces
between Chinese characters; takes byline lines out (they are people of their own role); skips
furniture lines and stops at the related links.

Characters are never changed: the flat text is a sub-sequence of the input, so names sliced
from it are as the source wrote them.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from pipelines.logic.meeting import patterns as P
from pipelines.logic.meeting.fold import fold

#: A line that ends with one of these ends a sentence or a paragraph.
SENTENCE_END = "。！？；：…”」』）)!?;"
#: A line that does not end a sentence was cut by the layout when it is nearly as long as the
#: text's longest line (a PDF's line width: 安全生\n产) and not short, or long for a heading
#: (a paragraph cut by a page break). Subheadings and captions are shorter than both.
LAYOUT_SHARE = 0.8
LONG_LINE = 16
PARAGRAPH_LINE = 40
#: A line this short ending a sentence finishes the one before (主 / 持。).
TAIL_LINE = 4
#: Longest line that can be nothing but bylines.
MAX_BYLINE = 40
_INNER_SPACE_RE = re.compile(rf"(?<=[{P.HAN}，。、；：“”（）])[ \t\u3000\u00a0]+(?=[{P.HAN}，。、；：“”（）])")
_BYLINE_SPLIT_RE = re.compile(r"[\s\u3000、，,：:/]+")
_HAN_NAME_RE = re.compile(rf"[{P.HAN}·]{{2,5}}")


@dataclass
class Byline:
    position: int  # offset in the flat text where the byline stood
    role: str  # 记者, 通讯员, ... as written
    name: str


@dataclass
class Prepared:
    flat: str  # the text as written, layout breaks joined
    folded: str  # ``fold(flat)``: same length, for matching
    bylines: list[Byline] = field(default_factory=list)


def parse_byline(text: str) -> list[tuple[str, str]] | None:
    """[(role, name)] if ``text`` is nothing but bylines (记者 周晓宁 通讯员 李欣), else None."""
    text = text.strip().strip("（）()【】[]「」 ")
    if not text or len(text) > MAX_BYLINE:
        return None
    folded = fold(text)
    if not P.BYLINE_ROLE_RE.match(folded):
        return None
    pairs: list[tuple[str, str]] = []
    role: str | None = None
    position = 0
    for token in _BYLINE_SPLIT_RE.split(folded):
        start = folded.find(token, position)
        position = start + len(token)
        if not token:
            continue
        original = text[start:start + len(token)]
        head = P.BYLINE_ROLE_RE.match(token)
        if head:
            role = original[:head.end()]
            rest = original[head.end():]
            if rest:
                if not _HAN_NAME_RE.fullmatch(rest):
                    return None
                pairs.append((role, rest))
            continue
        if role is None or not _HAN_NAME_RE.fullmatch(token):
            return None
        pairs.append((role, original))
    return pairs or None


def author_bylines(author: str | None, position: int) -> list[Byline]:
    """Bylines from a record's ``author`` field: 记者 周晓宁 通讯员 李欣 keeps its roles; plain
    names (周晓宁 李欣, as the cleaning stage leaves them) get an empty role."""
    if not author or not author.strip():
        return []
    pairs = parse_byline(author)
    if pairs is not None:
        return [Byline(position, role, name) for role, name in pairs]
    names = [n for n in _BYLINE_SPLIT_RE.split(author.strip()) if n]
    if not names or len(names) > 6 or not all(_HAN_NAME_RE.fullmatch(n) for n in names):
        return []
    return [Byline(position, "", name) for name in names]


def prepare(body: str) -> Prepared:
    """Flatten ``body`` (see the module docstring)."""
    parts: list[str] = []
    folded_parts: list[str] = []
    bylines: list[Byline] = []
    length = 0
    previous = ""
    width = max((len(raw.strip()) for raw in body.split("\n")), default=0)
    # Folding keeps every character in place, so the body is folded once and each line's
    # folded twin is sliced at the same offsets.
    for raw, folded_raw in zip(body.split("\n"), fold(body).split("\n")):
        left = len(raw) - len(raw.lstrip())
        right = len(raw.rstrip())
        line, folded_line = raw[left:right], folded_raw[left:right]
        if not line:
            continue
        if P.FOOTER_LINE_RE.match(folded_line):
            break
        if len(line) < 80 and P.CHROME_LINE_RE.search(folded_line):
            continue
        head = P.BYLINE_HEAD_RE.match(folded_line)  # 本报讯（记者 张三）2月3日上午，…
        if head and (byline := parse_byline(line[head.start(1):head.end(1)])):
            bylines.extend(Byline(length, role, name) for role, name in byline)
            cut = len(line) - len(line[head.end():].lstrip())
            line, folded_line = line[cut:], folded_line[cut:]
            if not line:
                continue
        if len(line) <= MAX_BYLINE + 8 and (byline := parse_byline(line)) is not None:
            bylines.extend(Byline(length, role, name) for role, name in byline)
            continue
        tail = P.BYLINE_TAIL_RE.search(folded_line)  # ……落实。（通讯员 黄一鸣）
        if tail and (byline := parse_byline(line[tail.start(1):tail.end(1)])):
            bylines.extend(Byline(length + tail.start(), role, name) for role, name in byline)
            cut = len(line[:tail.start()].rstrip())
            line, folded_line = line[:cut], folded_line[:cut]
        # The same characters are dropped from both: fold maps Chinese to Chinese and ASCII-like
        # to ASCII, so the space pattern decides alike on the twin.
        line = _INNER_SPACE_RE.sub("", line)
        folded_line = _INNER_SPACE_RE.sub("", folded_line)
        if parts:
            cut_here = previous[-1] not in SENTENCE_END and (
                len(previous) >= max(LONG_LINE, LAYOUT_SHARE * width) or len(previous) >= PARAGRAPH_LINE
                or (len(line) <= TAIL_LINE and line[-1] in SENTENCE_END))
            glue = "" if cut_here else "\n"
            parts.append(glue)
            folded_parts.append(glue)
            length += len(glue)
        parts.append(line)
        folded_parts.append(folded_line)
        length += len(line)
        previous = line
    return Prepared("".join(parts), "".join(folded_parts), bylines)
