"""Turn the body container into clean paragraphs, images with captions, and the metadata
lines found inside it.

Widget subtrees are skipped and each remaining line is judged in turn: widget bars, info
lines, bylines and editor lines are taken out (the fields they carry are kept), a caption
right after an image goes to that image, a trailer heading (相关链接, 推荐阅读...) ends the
body, and a headline repeated at the top is removed.
"""
from __future__ import annotations

import re
from difflib import SequenceMatcher
from dataclasses import dataclass, field

from lxml.html import HtmlElement

from crawler.parsing import infoline
from crawler.parsing.dates import parse_datetime
from crawler.parsing.dom import Line, cjk_count, is_centered, is_noise, linearize, nospace, word_count
from crawler.parsing.media import image_source
from crawler.parsing.page import Page
from crawler.parsing.patterns.boilerplate import (
    DROP_LINE_RES,
    EDITOR_LINE_END_RE,
    NUMBERISH_TOKEN_RE,
    STOP_LINE_RE,
    STRIP_SUFFIX_RE,
    WIDGET_SPLIT_RE,
    WIDGET_WORDS,
)
from crawler.parsing.patterns.containers import (
    CAPTION_CLASS_RE,
    CAPTION_CREDIT_RE,
    CAPTION_START_RE,
    MAX_CAPTION_CHARS,
)
from crawler.parsing.title import clean_title

_SENTENCE_END_RE = re.compile("[。！？!?；;]")
#: Link text length from which a mostly-link line counts as a list row (a story title).
MIN_ROW_LINK_CHARS = 6
#: Shortest alt text that identifies the line under an image as its caption.
MIN_ALT_CAPTION_CHARS = 4


@dataclass
class BodyResult:
    container: HtmlElement | None
    paragraphs: list[str] = field(default_factory=list)
    images: list[dict] = field(default_factory=list)  # {"src", "caption"}
    info: infoline.InfoFields = field(default_factory=infoline.InfoFields)
    kicker: str | None = None
    loose_date: str | None = None  # an unlabelled date on an info line inside the container
    link_rows: int = 0  # lines before any trailer that are mostly a titled link (list rows)
    prose_paragraphs: int = 0  # kept paragraphs that are mostly not links


def _is_widget_line(text: str) -> bool:
    tokens = [token for token in WIDGET_SPLIT_RE.split(text) if token]
    if not tokens:
        return True
    return all(token in WIDGET_WORDS or NUMBERISH_TOKEN_RE.match(token) for token in tokens)


def _is_caption(line: Line, image: HtmlElement | None = None) -> bool:
    text = line.text
    if len(text) > MAX_CAPTION_CHARS * 2:
        return False
    if image is not None:
        described = nospace(image.get("alt") or image.get("title"))
        if len(described) >= MIN_ALT_CAPTION_CHARS and nospace(text) == described:
            return True  # the text under the photo repeats its alt text
    node: HtmlElement | None = line.block
    for _ in range(3):
        if node is None:
            break
        if CAPTION_CLASS_RE.search(f"{node.get('class') or ''} {node.get('id') or ''}") or node.tag == "figcaption":
            return True
        node = node.getparent()
    if len(text) > MAX_CAPTION_CHARS:
        return False
    if CAPTION_CREDIT_RE.search(text) or CAPTION_START_RE.match(text):
        return True
    if is_centered(line.block) and len(text) <= 40 and not _SENTENCE_END_RE.search(text[:-1]) \
            and not _fully_bold(line.block):
        return True
    return False


def _fully_bold(element: HtmlElement) -> bool:
    """All the text of the element is inside <strong>/<b> (a subheading, not a caption)."""
    total = nospace(element.text_content())
    bold = "".join(nospace(node.text_content()) for node in element.iter("strong", "b"))
    return bool(total) and len(bold) >= len(total) * 0.9


def extract_body(page: Page, container: HtmlElement, title: str | None) -> BodyResult:
    """Paragraphs, images and the metadata lines found inside ``container``."""
    result = BodyResult(container)
    lines = linearize(container, is_noise)
    paragraphs: list[str] = []
    images: list[dict] = []
    last_was_image = False
    last_image: HtmlElement | None = None
    pending_label_value = False
    for line in lines:
        if line.image is not None:
            image = _image_record(page, line.image)
            if image is not None:
                images.append(image)
                last_was_image = True
                last_image = line.image
            continue
        suffix = STRIP_SUFFIX_RE.search(line.text)
        text = line.text
        if suffix:
            result.info.merge(infoline.parse_info(suffix.group(0)))  # 【责任编辑：刘峻凌】
            text = text[:suffix.start()].strip()
        if last_was_image and images and text and _is_caption(line, last_image):
            images[-1]["caption"] = text if images[-1]["caption"] is None else images[-1]["caption"] + " " + text
            continue
        last_was_image = False
        if not text or not word_count(text):
            continue
        if line.link_ratio >= 0.5 and line.link_chars >= MIN_ROW_LINK_CHARS and not STOP_LINE_RE.match(text):
            result.link_rows += 1
        if pending_label_value:
            pending_label_value = False
            if len(text) <= 20 and not _SENTENCE_END_RE.search(text):
                result.info.source = result.info.source or infoline.clean_source(text)
                continue
        if STOP_LINE_RE.match(text):
            if paragraphs:
                break
            continue
        if _is_widget_line(text) or any(pattern.match(text) for pattern in DROP_LINE_RES):
            continue
        if infoline.is_date_only(text) and paragraphs:
            paragraphs.append(text)  # a dated signature ending a notice is part of it
            continue
        if infoline.is_info_line(text):
            fields = infoline.parse_info(text)
            result.info.merge(fields)
            if paragraphs and EDITOR_LINE_END_RE.match(text):
                break  # 责任编辑 closes the article: what follows is another item
            if not fields.published and not paragraphs:
                result.loose_date = result.loose_date or parse_datetime(text)
            if re.search(r"(?:来源|稿源)\s*[:：]\s*$", text):
                pending_label_value = True  # 来源： / 新华网 on two lines
            continue
        editor = infoline.parse_editor_line(text)
        if editor is not None:
            result.info.editors.setdefault("编辑", editor)
            result.info.editor = infoline.preferred_editor(result.info.editors)
            continue
        byline = infoline.parse_byline(text)
        if byline is not None:
            author, source = byline
            result.info.author = result.info.author or author
            result.info.source = result.info.source or source
            continue
        if line.link_ratio >= 0.9 and cjk_count(text) < 80:
            continue  # a link on its own: related item, "click here" banner
        paragraphs.append(text)
        if line.link_ratio < 0.5:
            result.prose_paragraphs += 1

    paragraphs, result.kicker = _drop_repeated_title(paragraphs, title)
    result.paragraphs = paragraphs
    result.images = images
    return result


def _drop_repeated_title(paragraphs: list[str], title: str | None) -> tuple[list[str], str | None]:
    """Remove a headline repeated in the first lines (and a kicker printed just above it).

    The copy may be broken over two lines (``<p>…社区治理<br>工作推进会</p>``)."""
    if not title:
        return paragraphs, None
    flat_title = nospace(clean_title(title))
    for index, paragraph in enumerate(paragraphs[:4]):
        flat = nospace(clean_title(paragraph))
        width = 1
        if flat != flat_title and index + 1 < len(paragraphs) and flat and flat_title.startswith(flat) \
                and flat + nospace(clean_title(paragraphs[index + 1])) == flat_title:
            width = 2
        if width == 2 or flat == flat_title or (index <= 1 and _variant_of(flat, flat_title)):
            kicker = None
            head = paragraphs[:index]
            if len(head) == 1 and len(head[0]) <= 30 and not _SENTENCE_END_RE.search(head[0]):
                kicker = head[0]
                head = []
            return head + paragraphs[index + width:], kicker
    return paragraphs, None


def _variant_of(line: str, title: str) -> bool:
    """A headline variant printed at the top of the body (``…大魔王上下半场…`` for
    ``…周琦上下半场…``): short, not a sentence (no ``。``), mostly the same characters.
    A first sentence that restates the headline (``从2月24日起，…开设…咨询日。``) stays."""
    if not line or len(line) > max(40, len(title) + 6) or "。" in line:
        return False
    # A mark the headline itself has (``姚明对周琦说了啥？…``) does not make the line a sentence.
    inner = "".join(char for char in line[:-1] if char not in title)
    if _SENTENCE_END_RE.search(inner):
        return False
    return SequenceMatcher(None, line, title, autojunk=False).ratio() >= 0.75


def _image_record(page: Page, image: HtmlElement) -> dict | None:
    src = image_source(page, image)
    if src is None:
        return None
    return {"src": src, "caption": None}
