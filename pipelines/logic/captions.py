"""Photo captions left in plain text (newsletters, PDFs, pages saved as text).

In print the caption sits under its photo; once the page is text it is a short line among the
paragraphs (``会议现场``, ``走访调研``, ``图为演练现场``). It is not article text, and it must not
be glued to a neighbouring paragraph by line-break repair. A line is a caption when it

* opens like one (``图为…``, ``上图：…``, ``图一 …``), up to :data:`MAX_OPENER_CAPTION_CHARS`;
* ends with a photo credit (``…（记者 张三 摄）``, ``…新泾镇供图``); or
* is a short label without punctuation ending in a word that names a scene or a shot
  (:data:`SCENE_WORDS`: 现场, 调研, 合影, 一角 …), up to :data:`MAX_SCENE_CAPTION_CHARS`.

A subheading (``守牢商场消防底线``) has none of these shapes and stays in the body. Tables
first; the logic is :func:`is_caption_line`.
"""
from __future__ import annotations

import re

#: How a caption opens.
CAPTION_OPENER_RE = re.compile(r"^(?:图为|图片为|图中为|上图|下图|左图|右图|中图|组图|图[一二三四五六七八九十\d]{1,2}(?:[:：、\s]|$))")
#: How a caption ends: a photo credit.
CAPTION_CREDIT_RE = re.compile(
    r"(?:[（(]\s*(?:(?:记者|通讯员|特约记者)\s*)?[\u4e00-\u9fff·、\s]{0,16}\s*(?:摄|摄影|供图|提供)\s*[）)]"
    r"|(?:记者|通讯员)?\s*[\u4e00-\u9fff·]{2,8}\s*(?:摄|供图)"
    r"|[（(]\s*(?:图片|资料图|图)[:：]?[^）)]{0,20}[）)])$")
#: Words that end a short scene label: the place or kind of a shot.
SCENE_WORDS = (
    "现场", "调研", "走访", "合影", "留影", "掠影", "一角", "剪影", "瞬间", "风采", "场景", "实景",
    "全景", "集锦", "镜头", "照片", "图片", "现场图", "活动照", "工作照",
)
#: Longest caption recognised by its opener or its credit.
MAX_OPENER_CAPTION_CHARS = 90
#: Longest caption recognised as a scene label alone.
MAX_SCENE_CAPTION_CHARS = 12

_PUNCT_RE = re.compile(r"[，,。！？!?；;：:、“”\"]")
_SPACE_RE = re.compile(r"\s+")


def is_caption_line(line: str) -> bool:
    """The line is a photo caption (see the module docstring)."""
    text = line.strip()
    if not text:
        return False
    flat = _SPACE_RE.sub("", text)
    if len(flat) <= MAX_OPENER_CAPTION_CHARS and (CAPTION_OPENER_RE.match(text) or CAPTION_CREDIT_RE.search(text)):
        return True
    return (len(flat) <= MAX_SCENE_CAPTION_CHARS and not _PUNCT_RE.search(text)
            and flat.endswith(SCENE_WORDS))
