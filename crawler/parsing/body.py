"""Find the article body and turn it into clean paragraphs.

The container is the profile's selector, else a known CMS container (TRS_Editor, #zoom ...),
else the element with the most running text: every line of text scores by its Chinese
characters and punctuation, the score flows to the enclosing elements (full to the
paragraph's container, half to the next level, as in Readability) and is discounted by link
density. Inside the container, widget subtrees are skipped and each line is judged: widget
bars, info lines, bylines, editor lines, captions and trailers are taken out (the fields
they carry are kept), a headline repeated at the top is removed.
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from lxml.html import HtmlElement

from crawler.parsing import infoline
from crawler.parsing.dates import parse_datetime
from crawler.parsing.dom import (
    Line,
    cjk_count,
    contains,
    is_centered,
    is_noise,
    linearize,
    nospace,
    select,
    word_count,
)
from crawler.parsing.page import Page
from crawler.parsing.patterns.boilerplate import (
    DROP_LINE_RES,
    NUMBERISH_TOKEN_RE,
    STOP_LINE_RE,
    STRIP_SUFFIX_RE,
    WIDGET_SPLIT_RE,
    WIDGET_WORDS,
)
from crawler.parsing.patterns.containers import (
    BODY_CONTAINERS,
    CAPTION_CLASS_RE,
    CAPTION_CREDIT_RE,
    CAPTION_START_RE,
    MAX_CAPTION_CHARS,
    MIN_CONTAINER_CJK,
)
from crawler.parsing.title import clean_title

_PUNCT_RE = re.compile("[，。、；：！？,;]")
_SENTENCE_END_RE = re.compile("[。！？!?；;]")
#: Tags whose text lines are paragraphs; their score goes to the element around them.
_PARAGRAPH_TAGS = frozenset({"p", "span", "font", "li", "h1", "h2", "h3", "h4", "h5", "h6", "strong", "b",
                             "em", "a", "br", "dd", "dt", "blockquote", "pre", "center", "figcaption"})
_NEVER_CONTAINERS = frozenset({"html", "body", "head", "form"})
#: Lines with fewer CJK characters than this do not count as running text when scoring.
MIN_SCORED_CJK = 8
#: Link text length from which a mostly-link line counts as a list row (a story title).
MIN_ROW_LINK_CHARS = 6


@dataclass
class BodyResult:
    container: HtmlElement | None
    paragraphs: list[str] = field(default_factory=list)
    images: list[dict] = field(default_factory=list)  # {"src", "caption", "element"}
    info: infoline.InfoFields = field(default_factory=infoline.InfoFields)
    kicker: str | None = None
    dropped_title: bool = False
    loose_date: str | None = None  # an unlabelled date on an info line inside the container
    link_rows: int = 0  # lines before any trailer that are mostly a titled link (list rows)
    prose_paragraphs: int = 0  # kept paragraphs that are mostly not links


def _line_score(line: Line) -> float:
    if line.image is not None or line.link_ratio > 0.5:
        return 0.0
    cjk = line.cjk
    if cjk < MIN_SCORED_CJK:
        return 0.0
    return cjk + 5 * len(_PUNCT_RE.findall(line.text))


def find_container(page: Page, selectors: Sequence[str] | None = None) -> tuple[HtmlElement | None, str]:
    """The body container and how it was found ("selector" | "known" | "density" | "none").

    A known CMS container is preferred when it lies inside the densest element and holds most
    of its running text (it is then the more precise of the two), or when it is unrelated to
    it but holds more running text; a known container that merely wraps the densest element
    (a page-wide ``.article-content``) is not used.
    """
    for selector in selectors or ():
        for item in select(page.doc, selector):
            if isinstance(item, HtmlElement) and nospace(item.text_content()):
                return item, "selector"
    scorer = _DensityScorer(page)
    dense = scorer.best()
    best_known, best_known_score = None, 0.0
    for element in _known_containers(page):
        if dense is not None and element is not dense and contains(element, dense):
            continue
        score = scorer.running_text(element)
        if score > best_known_score:
            best_known, best_known_score = element, score
    if best_known is not None:
        if dense is None:
            return best_known, "known"
        dense_score = scorer.running_text(dense)
        share = 0.6 if contains(dense, best_known) else 0.8
        if best_known_score >= share * dense_score:
            return best_known, "known"
    return (dense, "density") if dense is not None else (None, "none")


def _known_containers(page: Page) -> list[HtmlElement]:
    found = []
    for selector in BODY_CONTAINERS:
        for element in select(page.doc, selector):
            if not isinstance(element, HtmlElement) or is_noise(element):
                continue
            cjk = sum(line.cjk for line in linearize(element, is_noise, with_images=False)
                      if line.link_ratio < 0.5)
            if cjk >= MIN_CONTAINER_CJK:
                found.append(element)
    return found


def densest_element(page: Page) -> HtmlElement | None:
    """The element with the most running text, discounted by its link density."""
    return _DensityScorer(page).best()


class _DensityScorer:
    """Scores of every element of a page (see the module docstring)."""

    def __init__(self, page: Page) -> None:
        self.totals: dict[HtmlElement, list[int]] = {}
        self.scores: dict[HtmlElement, float] = {}
        self.running: dict[HtmlElement, float] = {}
        chains = []
        for line in page.lines:
            if line.image is not None:
                continue
            chain = [line.block]
            node = line.block.getparent()
            while node is not None:
                chain.append(node)
                node = node.getparent()
            chains.append((line, chain))
            for element in chain:
                total = self.totals.setdefault(element, [0, 0])
                total[0] += len(line.text)
                total[1] += line.link_chars
        page_chars = max((total[0] for total in self.totals.values()), default=1)
        noise: dict[HtmlElement, bool] = {}

        def noisy(element: HtmlElement) -> bool:
            # A "nav"-classed wrapper holding the headline or most of the page is layout, not a
            # widget (BBC wraps everything in ``blq-int-nav``); a page-wide footer still is one.
            if element not in noise:
                noise[element] = is_noise(element) and not (
                    self.totals[element][0] >= 0.7 * page_chars or element.find(".//h1") is not None)
            return noise[element]

        for line, chain in chains:
            if any(noisy(element) for element in chain):
                continue
            score = _line_score(line)
            if not score:
                continue
            for element in chain:
                self.running[element] = self.running.get(element, 0.0) + score
            if line.block.tag in _PARAGRAPH_TAGS and len(chain) > 1:
                weights = ((chain[1], 1.0), (chain[2] if len(chain) > 2 else None, 0.5))
            else:
                weights = ((chain[0], 1.0), (chain[1] if len(chain) > 1 else None, 0.5))
            for element, weight in weights:
                if element is not None and element.tag not in _NEVER_CONTAINERS:
                    self.scores[element] = self.scores.get(element, 0.0) + score * weight

    def best(self) -> HtmlElement | None:
        best, best_score = None, 0.0
        for element, score in self.scores.items():
            chars, links = self.totals.get(element, [1, 0])
            adjusted = score * (1.0 - min(1.0, links / max(chars, 1)))
            if adjusted > best_score:
                best, best_score = element, adjusted
        return best

    def running_text(self, element: HtmlElement) -> float:
        """Total score of the running-text lines inside ``element``."""
        if element in self.running:
            return self.running[element]
        # Elements that are not block ancestors of any line (inline wrappers): count directly.
        return sum(_line_score(line) for line in linearize(element, is_noise, with_images=False))


def _is_widget_line(text: str) -> bool:
    tokens = [token for token in WIDGET_SPLIT_RE.split(text) if token]
    if not tokens:
        return True
    return all(token in WIDGET_WORDS or NUMBERISH_TOKEN_RE.match(token) for token in tokens)


def _is_caption(line: Line) -> bool:
    text = line.text
    if len(text) > MAX_CAPTION_CHARS * 2:
        return False
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
    pending_label_value = False
    for line in lines:
        if line.image is not None:
            image = _image_record(page, line.image)
            if image is not None:
                images.append(image)
                last_was_image = True
            continue
        suffix = STRIP_SUFFIX_RE.search(line.text)
        text = line.text
        if suffix:
            result.info.merge(infoline.parse_info(suffix.group(0)))  # 【责任编辑：刘峻凌】
            text = text[:suffix.start()].strip()
        if last_was_image and images and text and _is_caption(line):
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
            if not fields.published and not paragraphs:
                result.loose_date = result.loose_date or parse_datetime(text)
            if re.search(r"(?:来源|稿源)\s*[:：]\s*$", text):
                pending_label_value = True  # 来源： / 新华网 on two lines
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

    paragraphs, result.kicker, result.dropped_title = _drop_repeated_title(paragraphs, title)
    result.paragraphs = paragraphs
    result.images = images
    return result


def _drop_repeated_title(paragraphs: list[str], title: str | None) -> tuple[list[str], str | None, bool]:
    """Remove a headline repeated in the first lines (and a kicker printed just above it)."""
    if not title:
        return paragraphs, None, False
    flat_title = nospace(clean_title(title))
    for index, paragraph in enumerate(paragraphs[:4]):
        flat = nospace(clean_title(paragraph))
        if flat == flat_title:
            kicker = None
            head = paragraphs[:index]
            if len(head) == 1 and len(head[0]) <= 30 and not _SENTENCE_END_RE.search(head[0]):
                kicker = head[0]
                head = []
            return head + paragraphs[index + 1:], kicker, True
    return paragraphs, None, False


def _image_record(page: Page, image: HtmlElement) -> dict | None:
    from crawler.parsing.media import image_source

    src = image_source(page, image)
    if src is None:
        return None
    return {"src": src, "caption": None, "element": image}


def header_lines(page: Page, title_element: HtmlElement | None, body_span: tuple[int, int] | None,
                 limit: int = 30) -> list[Line]:
    """Page lines between the headline and the body (where info lines live)."""
    if body_span is None:
        return []
    start = body_span[0]
    title_index = None
    if title_element is not None:
        span = page.line_span(title_element)
        if span is not None and span[1] < start:
            title_index = span[1]
    if title_index is not None and start - title_index <= limit:
        return page.lines[title_index + 1:start]
    return page.lines[max(0, start - 12):start]


def trailer_lines(page: Page, body_span: tuple[int, int] | None, limit: int = 15) -> list[Line]:
    """Page lines of the body container (widgets included) and the few after it: where
    editor lines sit, often inside a share/tag bar that the body itself skips."""
    if body_span is None:
        return []
    return page.lines[body_span[0]:body_span[1] + 1 + limit]

