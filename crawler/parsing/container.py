"""Find the element that holds the article body.

The profile's selector wins; else a known CMS container (TRS_Editor, #zoom ...) when it
agrees with the text density; else the element with the most running text: every line of
text scores by its Chinese characters and punctuation, the score flows to the enclosing
elements (full to the paragraph's container, half to the next level, as in Readability) and
is discounted by the element's link density. Widget subtrees do not score.
"""
from __future__ import annotations

import re
from collections.abc import Sequence

import lxml.etree
from lxml.html import HtmlElement

from crawler.parsing.dom import Line, contains, is_noise, linearize, nospace, select
from crawler.parsing.page import Page
from crawler.parsing.patterns.containers import BODY_CONTAINERS, MIN_CONTAINER_CJK

_PUNCT_RE = re.compile("[，。、；：！？,;]")
#: Tags whose text lines are paragraphs; their score goes to the element around them.
_PARAGRAPH_TAGS = frozenset({"p", "span", "font", "li", "h1", "h2", "h3", "h4", "h5", "h6", "strong", "b",
                             "em", "a", "br", "dd", "dt", "blockquote", "pre", "center", "figcaption"})
_NEVER_CONTAINERS = frozenset({"html", "body", "head", "form"})
#: Lines with fewer CJK characters than this do not count as running text when scoring.
MIN_SCORED_CJK = 8


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


#: The known containers are all ``.class`` or ``#id`` selectors: matched by one pass over the
#: elements that have a class or an id (a CSS union of 40 selectors costs ~3 ms a page).
_CONTAINER_CLASSES = frozenset(item[1:] for item in BODY_CONTAINERS if item.startswith("."))
_CONTAINER_IDS = frozenset(item[1:] for item in BODY_CONTAINERS if item.startswith("#"))
_WITH_CLASS_OR_ID = lxml.etree.XPath("//*[@class or @id]")
if len(_CONTAINER_CLASSES) + len(_CONTAINER_IDS) != len(BODY_CONTAINERS):
    raise ValueError("BODY_CONTAINERS entries must be simple .class or #id selectors")


def _is_known_container(element: HtmlElement) -> bool:
    if element.get("id") in _CONTAINER_IDS:
        return True
    classes = element.get("class")
    return bool(classes) and not _CONTAINER_CLASSES.isdisjoint(classes.split())


def _known_containers(page: Page) -> list[HtmlElement]:
    """Known CMS containers holding enough text; inner ones first, so that of two nested
    containers with the same text the inner (more precise) one wins the tie."""
    found = []
    for element in reversed([el for el in _WITH_CLASS_OR_ID(page.doc) if _is_known_container(el)]):
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
