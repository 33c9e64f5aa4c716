"""Parse HTML leniently and read it as lines of text, the way a reader sees the page.

Everything else in the parser works on :class:`Line` objects: one per run of text between
block boundaries (or ``<br>``), plus one per image, each remembering the element it came
from. Walking is iterative (``lxml.etree.iterwalk``), so broken pages with thousands of
unclosed tags cannot hit Python's recursion limit.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache

import lxml.etree
import lxml.html
from lxml.cssselect import CSSSelector
from lxml.html import HtmlElement

from crawler.parsing.patterns.boilerplate import (
    HIDDEN_STYLE_RE,
    STRONG_NOISE_PREFIXES,
    STRONG_NOISE_TOKENS,
    WEAK_NOISE_MAX_PROSE,
    WEAK_NOISE_PREFIXES,
    WEAK_NOISE_TOKENS,
)
from crawler.parsing.patterns.containers import BLOCK_TAGS, CENTER_TOKENS, SKIP_TAGS

_XML_DECL_RE = re.compile(r"^\s*<\?xml[^>]*\?>", re.IGNORECASE)
_CONTROL_RE = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f]")
_SPACE_RE = re.compile("[\\s\u00a0\u3000\u2000-\u200a\u202f\u205f]+")
_ZERO_WIDTH_RE = re.compile("[\u200b\u200c\u200d\ufeff\u2060]")
#: A line break in the HTML source between two Chinese characters of one text node is layout:
#: the characters are joined without a space (CSS segment-break rules). Breaks between
#: elements (``<a>新京报</a>\n<a>举报</a>``) stay separators.
_CJK_CLASS = "\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef"
_SEGMENT_BREAK_RE = re.compile(f"(?<=[{_CJK_CLASS}])[ \\t\\r\\f\\v]*\\n\\s*(?=[{_CJK_CLASS}])")
_CAMEL_RE = re.compile(r"(?<=[a-z0-9])(?=[A-Z])")
_TOKEN_SPLIT_RE = re.compile(r"[\s_\-]+")
_CJK_RE = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_WORD_RE = re.compile("[0-9A-Za-z\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_PARSER = lxml.html.HTMLParser(remove_comments=True, remove_pis=True)


@dataclass
class Line:
    """A run of text (or one image) and the block element it sits in."""

    text: str
    block: HtmlElement
    link_chars: int = 0
    image: HtmlElement | None = None

    @property
    def cjk(self) -> int:
        return cjk_count(self.text)

    @property
    def link_ratio(self) -> float:
        return self.link_chars / len(self.text) if self.text else 0.0


def cjk_count(text: str) -> int:
    return len(_CJK_RE.findall(text))


def word_count(text: str) -> int:
    """CJK characters plus ASCII letters and digits: the "content" of a string."""
    return len(_WORD_RE.findall(text))


def squash(text: str | None) -> str:
    """Whitespace runs (of any width) to one space, trimmed."""
    return _SPACE_RE.sub(" ", _ZERO_WIDTH_RE.sub("", text or "")).strip()


def nospace(text: str | None) -> str:
    """Text with every kind of whitespace removed, for comparisons."""
    return _SPACE_RE.sub("", _ZERO_WIDTH_RE.sub("", text or ""))


def parse_html(text: str) -> HtmlElement | None:
    """An lxml document for ``text``, or None when there is nothing to parse."""
    text = _CONTROL_RE.sub("", _XML_DECL_RE.sub("", text or "", count=1))
    if not text.strip():
        return None
    try:
        return lxml.html.document_fromstring(text, parser=_PARSER)
    except (lxml.etree.ParserError, ValueError):
        try:
            return lxml.html.fragment_fromstring(text, create_parent="div", parser=_PARSER)
        except (lxml.etree.ParserError, ValueError):
            return None


def class_tokens(element: HtmlElement) -> list[str]:
    """Lower-cased words of an element's class and id (split on ``-``, ``_``, camelCase)."""
    raw = f"{element.get('class') or ''} {element.get('id') or ''}"
    raw = _CAMEL_RE.sub(" ", raw)
    return [token for token in _TOKEN_SPLIT_RE.split(raw.lower()) if token]


def class_string(element: HtmlElement) -> str:
    return f"{element.get('class') or ''} {element.get('id') or ''}".strip()


def is_hidden(element: HtmlElement) -> bool:
    return bool(HIDDEN_STYLE_RE.search(element.get("style") or "")) or element.get("hidden") is not None


def is_noise(element: HtmlElement) -> bool:
    """A widget/navigation subtree, judged by its tag, class and id words.

    Weak widget words (share, print, tools...) do not condemn a subtree that holds real prose:
    some sites hang them on the wrapper of the whole article.
    """
    if is_hidden(element):
        return True
    if element.tag in ("nav", "aside", "footer"):
        return True
    weak = False
    for token in class_tokens(element):
        if token in STRONG_NOISE_TOKENS or token.startswith(STRONG_NOISE_PREFIXES):
            return True
        if token in WEAK_NOISE_TOKENS or token.startswith(WEAK_NOISE_PREFIXES):
            weak = True
    return weak and prose_chars(element) < WEAK_NOISE_MAX_PROSE


def prose_chars(element: HtmlElement) -> int:
    """Chinese characters of the element's text outside links."""
    total = cjk_count(element.text_content())
    links = sum(cjk_count(anchor.text_content()) for anchor in element.iter("a"))
    return total - links


def link_density(element: HtmlElement | None) -> float:
    """Share of an element's text (whitespace excluded) that is link text."""
    if element is None:
        return 0.0
    total = len(nospace(element.text_content()))
    links = sum(len(nospace(anchor.text_content())) for anchor in element.iter("a"))
    return links / total if total else 0.0


def is_centered(element: HtmlElement, depth: int = 2) -> bool:
    """The element (or one of its nearest ancestors) is centred by markup."""
    node = element
    for _ in range(depth + 1):
        if node is None or not isinstance(node.tag, str):
            return False
        style = (node.get("style") or "").replace(" ", "").lower()
        if "text-align:center" in style or (node.get("align") or "").lower() == "center":
            return True
        if node.tag == "center" or CENTER_TOKENS.intersection(class_tokens(node)):
            return True
        node = node.getparent()
    return False


def linearize(root: HtmlElement, skip: Callable[[HtmlElement], bool] | None = None,
              *, with_images: bool = True) -> list[Line]:
    """Read ``root`` as lines. ``skip(element)`` True drops that element's subtree (not its tail)."""
    lines: list[Line] = []
    buffer: list[str] = []
    link_chars = 0
    blocks: list[HtmlElement] = [root]
    link_depth = 0
    skipping: HtmlElement | None = None

    def add(text: str | None) -> None:
        nonlocal link_chars
        if text:
            if "\n" in text:
                text = _SEGMENT_BREAK_RE.sub("", text)
            buffer.append(text)
            if link_depth:
                link_chars += len(squash(text))

    def flush() -> None:
        nonlocal link_chars
        text = squash("".join(buffer))
        if text:
            lines.append(Line(text, blocks[-1], min(link_chars, len(text))))
        buffer.clear()
        link_chars = 0

    walker = lxml.etree.iterwalk(root, events=("start", "end"))
    for event, element in walker:
        tag = element.tag if isinstance(element.tag, str) else None
        if event == "start":
            if element is not root and (tag is None or tag in SKIP_TAGS or is_hidden(element)
                                        or (skip is not None and skip(element))):
                skipping = element
                walker.skip_subtree()
                continue
            if tag in BLOCK_TAGS:
                flush()
                blocks.append(element)
            if tag == "a":
                link_depth += 1
            elif tag == "img" and with_images:
                flush()
                lines.append(Line("", blocks[-1], 0, element))
            add(element.text)
        else:
            if element is skipping:
                skipping = None
                if element is not root:
                    add(element.tail)
                continue
            if tag == "a":
                link_depth -= 1
            if tag in BLOCK_TAGS:
                flush()
                if len(blocks) > 1:
                    blocks.pop()
            if element is not root:
                add(element.tail)
    flush()
    return lines


def element_text(element: HtmlElement | None) -> str:
    """An element's text with block boundaries and ``<br>`` as newlines."""
    if element is None:
        return ""
    return "\n".join(line.text for line in linearize(element, with_images=False))


def is_xpath(selector: str) -> bool:
    return selector.startswith(("/", "./", "("))


@lru_cache(maxsize=512)
def _css(selector: str) -> CSSSelector:
    return CSSSelector(selector, translator="html")


@lru_cache(maxsize=512)
def _xpath(selector: str) -> lxml.etree.XPath:
    """Compiled once: ``element.xpath(text)`` would compile the expression on every call."""
    return lxml.etree.XPath(selector)


def select(root: HtmlElement, selector: str) -> list[HtmlElement | str]:
    """Elements (or strings, for XPath ``@attr``/``text()``) matched by a CSS or XPath selector.

    A selector that does not compile matches nothing: a broken profile selector must fall
    back to the generic rules, not crash the crawl.
    """
    try:
        if is_xpath(selector):
            result = _xpath(selector)(root)
            if not isinstance(result, list):
                result = [result]
        else:
            result = _css(selector)(root)
    except Exception:  # noqa: BLE001 - lxml/cssselect raise many unrelated error types
        return []
    out: list[HtmlElement | str] = []
    for item in result:
        if isinstance(item, HtmlElement):
            out.append(item)
        elif isinstance(item, (str, bytes, int, float)):
            out.append(str(item))
    return out


def selected_text(item: HtmlElement | str) -> str:
    return element_text(item) if isinstance(item, HtmlElement) else str(item)


def first_selected_text(root: HtmlElement, selectors: Iterable[str] | None) -> str | None:
    """Text of the first selector that matches something non-empty."""
    for selector in selectors or ():
        for item in select(root, selector):
            text = selected_text(item).strip()
            if text:
                return text
    return None


def ancestors(element: HtmlElement) -> Iterable[HtmlElement]:
    node = element.getparent()
    while node is not None:
        yield node
        node = node.getparent()


def contains(outer: HtmlElement, inner: HtmlElement) -> bool:
    """``inner`` is ``outer`` or one of its descendants."""
    node: HtmlElement | None = inner
    while node is not None:
        if node is outer:
            return True
        node = node.getparent()
    return False
