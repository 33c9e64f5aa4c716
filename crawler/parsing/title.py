"""Find the headline (and a kicker/subheading when one is marked up).

The ``<title>`` tag is the best witness of what the headline is but carries the site and
channel names (``标题_新闻频道_中国青年网``); the page's heading elements carry the headline
cleanly but so do the site logo, nav tickers and related links. So the headline is the
heading-like text that the ``<title>`` (or a title meta) contains, preferring the copy
closest before the body. Without such a match: the TRS ``ArticleTitle`` meta, then the
nearest heading before the body, then the ``<title>`` with its site suffix removed, never a
bare site or section name.
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher

from lxml.html import HtmlElement

from crawler.parsing.dom import (
    class_tokens,
    cjk_count,
    contains,
    element_text,
    link_density,
    nospace,
    select,
    selected_text,
)
from crawler.parsing.infoline import is_info_line
from crawler.parsing.page import Page
from crawler.parsing.patterns.containers import HEADING_TAGS, SUBTITLE_TOKENS, TITLE_TOKENS
from crawler.parsing.patterns.meta import SITE_NAME_METAS, SITE_NAME_SUFFIXES, SUBTITLE_METAS, TITLE_METAS
from crawler.parsing.patterns.pages import SECTION_TITLE_RE
from crawler.parsing.patterns.titles import (
    ORIGINAL_TITLE_RE,
    STRAY_MARKUP_RE,
    TITLE_SEGMENT_EDGES,
    TITLE_SEPARATOR_RE,
)
from pipelines.logic.text_cleaning import clean_line


MIN_TITLE_CHARS = 4
MAX_TITLE_CHARS = 150
#: Share of a candidate that must appear verbatim in the ``<title>`` to count as a match.
MIN_MATCH_SHARE = 0.8


@dataclass
class TitleResult:
    title: str | None
    element: HtmlElement | None  # where the headline sits, when found in the page
    subtitle: str | None = None
    how: str = "none"  # "selector" | "heading" | "meta" | "near-body" | "title-tag" | "none"


@dataclass
class _Candidate:
    text: str
    element: HtmlElement
    position: int  # index of its first line in the page
    rest: str | None = None  # the other lines of its element, when it is one line of several


def clean_title(text: str | None) -> str:
    """Headline text without stray markup, line breaks or surrounding quotes of layout."""
    return clean_line(STRAY_MARKUP_RE.sub("\n", text or "")).strip()


def title_tag_main(title_tag: str) -> str:
    """The ``<title>`` without its trailing site/channel segments."""
    parts = [part for part in TITLE_SEPARATOR_RE.split(title_tag or "") if part and part.strip()]
    if not parts:
        return clean_title(title_tag)
    for part in parts:
        if len(nospace(part)) >= MIN_TITLE_CHARS:
            return clean_title(part)
    return clean_title(parts[0])


def site_name(page: Page, headline: str | None) -> str | None:
    """The publisher's name as the page gives it: the ``<title>`` segment (other than the
    headline) that extends the site-name meta (``BBC`` -> ``BBC中文网``) or ends like a
    publisher's name (…网, …日报, …人民政府); else the site-name meta; else None. Used as the
    source of a page that prints no 来源 (the publisher is then its own source)."""
    flat_headline = nospace(headline)
    parts = [clean_title(part) for part in TITLE_SEPARATOR_RE.split(page.title_tag or "") if part and part.strip()]
    parts = [part for part in parts if part and nospace(part) not in flat_headline and flat_headline not in nospace(part)]
    meta = clean_title(page.meta(SITE_NAME_METAS))
    if meta:
        for part in parts:
            if part.startswith(meta):
                return part
    for part in reversed(parts):
        if len(part) <= 20 and part.endswith(SITE_NAME_SUFFIXES):
            return part
    return meta or None


def _site_segments(page: Page) -> list[str]:
    """``<title>`` segments that name the site (``中国地理学会官网``, ``长宁区人民政府``, the site-name
    meta), whitespace removed: a page text found inside one (the logo's ``中国地理学会``) is the
    site's name, not the headline. The first segment is never one (it is the headline's place)."""
    parts = [nospace(part) for part in TITLE_SEPARATOR_RE.split(page.title_tag or "") if part and part.strip()]
    meta = nospace(page.meta(SITE_NAME_METAS))
    return [part for part in parts[1:] if part and (part.endswith(SITE_NAME_SUFFIXES + ("官网", "官方网站"))
                                                   or (meta and part.startswith(meta)))]


def is_site_name(text: str, page: Page) -> bool:
    """The text names the site or a section, not a story."""
    flat = nospace(text)
    if not flat:
        return True
    site = page.meta(SITE_NAME_METAS)
    if site and flat == nospace(site):
        return True
    return bool(SECTION_TITLE_RE.match(flat))


def _candidates(page: Page) -> list[_Candidate]:
    """Runs of page lines sharing one block element, of headline length."""
    out: list[_Candidate] = []
    index = 0
    lines = page.lines
    while index < len(lines):
        line = lines[index]
        if line.image is not None:
            index += 1
            continue
        start, parts = index, [line.text]
        while (index + 1 < len(lines) and lines[index + 1].image is None
               and lines[index + 1].block is line.block):
            index += 1
            parts.append(lines[index].text)
        text = clean_title("\n".join(parts))
        if MIN_TITLE_CHARS <= len(nospace(text)) <= MAX_TITLE_CHARS:
            out.append(_Candidate(text, line.block, start))
        if 1 < len(parts) <= 3:
            # A kicker and a headline in one element (``<h1>引题<br>主题</h1>``): each line
            # is also a candidate, the others being its kicker/subheading.
            for number, part in enumerate(parts):
                others = [other for index, other in enumerate(parts) if index != number and not is_info_line(other)]
                rest = clean_title("\n".join(others))
                part_text = clean_title(part)
                if MIN_TITLE_CHARS <= len(nospace(part_text)) <= MAX_TITLE_CHARS:
                    out.append(_Candidate(part_text, line.block, start + number, rest))
        index += 1
    return out


def _heading_rank(element: HtmlElement) -> int:
    """Lower is more headline-like."""
    node: HtmlElement | None = element
    for _ in range(3):
        if node is None:
            break
        if node.tag in HEADING_TAGS:
            return HEADING_TAGS.index(node.tag)
        if TITLE_TOKENS.intersection(class_tokens(node)):
            return 3
        node = node.getparent()
    return 4


def _in_link(element: HtmlElement) -> bool:
    node: HtmlElement | None = element
    for _ in range(3):
        if node is None:
            return False
        if node.tag == "a":
            return True
        node = node.getparent()
    return False


def _match_length(candidate: str, reference: str) -> int:
    """Length of the candidate's longest run found in the reference (0 if too partial)."""
    a, b = nospace(candidate), nospace(reference)
    if not a or not b:
        return 0
    if a in b:
        return len(a)
    if b in a and len(b) >= 0.6 * len(a):
        return len(b)
    # A common run can be no longer than the candidate's characters found in the reference:
    # a cheap bound that spares SequenceMatcher on unrelated headings (most of them).
    present = set(b)
    if sum(1 for ch in a if ch in present) < MIN_MATCH_SHARE * len(a):
        return 0
    match = SequenceMatcher(None, a, b, autojunk=False).find_longest_match(0, len(a), 0, len(b))
    return match.size if match.size >= MIN_MATCH_SHARE * len(a) else 0


def _segment_position(text: str, references: list[str]) -> str | None:
    """Whether ``text`` is a whole segment of a reference: "whole" (the entire reference),
    "head"/"middle" (a leading or inner segment) or "tail" (the last segment, where site
    names go); None when it is not cut at separators."""
    flat = nospace(text)
    for reference in references:
        ref = nospace(reference)
        if flat == ref:
            return "whole"
    for reference in references:
        ref = nospace(reference)
        start = ref.find(flat)
        while start >= 0:
            end = start + len(flat)
            before_ok = start == 0 or ref[start - 1] in TITLE_SEGMENT_EDGES
            after_ok = end == len(ref) or ref[end] in TITLE_SEGMENT_EDGES
            if before_ok and after_ok:
                if start == 0:
                    return "head"
                return "tail" if end == len(ref) else "middle"
            start = ref.find(flat, start + 1)
    return None


def _closeness(position: int, body_start: int | None) -> int:
    """Distance in lines to the body start; headlines after the body start rank last."""
    if body_start is None:
        return position
    return body_start - position if position < body_start else 10_000 + position


def find_title(page: Page, body_span: tuple[int, int] | None,
               selectors: Mapping[str, Sequence[str]] | None = None) -> TitleResult:
    """The headline of ``page``; ``body_span`` (page line indices of the body) breaks ties."""
    selectors = selectors or {}
    body_start = body_span[0] if body_span else None
    result = _from_selectors(page, selectors.get("title"))
    if result is None:
        result = _from_page(page, body_start)
    result.subtitle = find_subtitle(page, result, selectors.get("subtitle")) or result.subtitle
    return result


def _from_selectors(page: Page, selectors: Sequence[str] | None) -> TitleResult | None:
    for selector in selectors or ():
        for item in select(page.doc, selector):
            text = clean_title(selected_text(item))
            if text:
                element = item if isinstance(item, HtmlElement) else None
                return TitleResult(text, element, how="selector")
    return None


def _from_page(page: Page, body_start: int | None) -> TitleResult:
    references = [page.title_tag] + [value for name in TITLE_METAS for value in page.metas.get(name, ())]
    references = [ref for ref in references if nospace(ref)]
    site_parts = _site_segments(page)
    candidates = [c for c in _candidates(page)
                  if not is_site_name(c.text, page) and not ORIGINAL_TITLE_RE.match(c.text)
                  and not is_info_line(c.text) and not any(nospace(c.text) in part for part in site_parts)]

    scored = []
    for candidate in candidates:
        length = max((_match_length(candidate.text, ref) for ref in references), default=0)
        if length >= MIN_TITLE_CHARS:
            scored.append((candidate, length))
    if scored:
        # Candidates that are a whole segment of the <title> (or a whole title meta) are the
        # best evidence; among them a site name printed last in <title> ranks after the rest
        # and an <h1> before other elements. Otherwise: the longest matches, closest to the body.
        whole = [(c, n, _segment_position(c.text, references)) for c, n in scored]
        whole = [(c, n, where) for c, n, where in whole if where is not None]
        if whole:
            best = min(whole, key=lambda item: (_in_link(item[0].element), item[2] == "tail",
                                                _heading_rank(item[0].element) > 0,
                                                _closeness(item[0].position, body_start),
                                                _heading_rank(item[0].element), -item[1]))[0]
        else:
            best_length = max(length for _, length in scored)
            near = [(c, n) for c, n in scored if n >= best_length - 2]
            best = min(near, key=lambda item: (_in_link(item[0].element),
                                               _closeness(item[0].position, body_start),
                                               _heading_rank(item[0].element)))[0]
        subtitle = best.rest if best.rest and len(best.rest) <= 40 else None
        return TitleResult(best.text, best.element, subtitle=subtitle, how="heading")

    meta_title = page.meta(("articletitle",))
    if meta_title and not is_site_name(meta_title, page):
        return TitleResult(clean_title(meta_title), _element_with_text(candidates, meta_title), how="meta")

    near_body = _nearest_heading(candidates, body_start)
    if near_body is not None:
        return TitleResult(near_body.text, near_body.element, how="near-body")

    for reference in references:
        main = title_tag_main(reference)
        if len(nospace(main)) >= MIN_TITLE_CHARS and not is_site_name(main, page):
            return TitleResult(main, _element_with_text(candidates, main), how="title-tag")
    return TitleResult(None, None)


def _element_with_text(candidates: list[_Candidate], text: str) -> HtmlElement | None:
    flat = nospace(text)
    for candidate in candidates:
        if nospace(candidate.text) == flat:
            return candidate.element
    return None


#: Heading tags accepted for the headline printed right before the body, when nothing else
#: names it (``<h5>`` on some society and association sites).
_NEAR_BODY_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})


def _nearest_heading(candidates: list[_Candidate], body_start: int | None) -> _Candidate | None:
    """A heading element (h1-h6 or title-classed) shortly before the body."""
    if body_start is None:
        return None
    best = None
    for candidate in candidates:
        if candidate.position > body_start or body_start - candidate.position > 15:
            continue
        if (_heading_rank(candidate.element) <= 3 or candidate.element.tag in _NEAR_BODY_HEADINGS) \
                and not _in_link(candidate.element):
            best = candidate  # the last one before the body is the closest
    return best


def find_subtitle(page: Page, title: TitleResult, selectors: Sequence[str] | None) -> str | None:
    """A kicker or subheading: from a selector, a meta, or a subtitle-classed neighbour."""
    for selector in selectors or ():
        for item in select(page.doc, selector):
            text = clean_title(selected_text(item))
            if text:
                return text
    meta = page.meta(SUBTITLE_METAS)
    if meta and nospace(meta) != nospace(title.title):
        return clean_title(meta)
    if title.element is None:
        return None
    # A subtitle-classed element next to the headline: a sibling of it or of its parent.
    scope = title.element.getparent()
    for _ in range(2):
        if scope is None:
            break
        for element in _near_descendants(scope, depth=3):
            if not (element.get("class") or element.get("id")):
                continue
            tokens = set(class_tokens(element))
            if not (SUBTITLE_TOKENS.intersection(tokens) or {"sub", "title"} <= tokens):
                continue
            if contains(element, title.element) or contains(title.element, element):
                continue
            text = clean_title(element_text(element))
            if (MIN_TITLE_CHARS <= len(text) <= MAX_TITLE_CHARS and cjk_count(text) >= 2
                    and nospace(text) != nospace(title.title) and link_density(element) < 0.5):
                return text
        scope = scope.getparent()
    return None


def _near_descendants(root: HtmlElement, depth: int) -> list[HtmlElement]:
    """Descendants of ``root`` at most ``depth`` levels down, nearest levels first."""
    out: list[HtmlElement] = []
    level = [root]
    for _ in range(depth):
        level = [child for node in level for child in node if isinstance(child.tag, str)]
        out.extend(level)
    return out

