"""Which pagination rule a list page follows, read from its markup.

Tried in this order, because each is more explicit than the next:
1. a TRS script pager ``createPageHTML(total, current, "index", "html")``: rule ``index_n``
   with the script's prefix and extension (the script also says when to stop);
2. a 下一页-style link with a real href: rule ``next_link`` naming that link by its text
   (works for ``index_N.html``, ``?page=N`` and any other URL scheme);
3. numbered pager links ``index_1.html``, ``index_2.html`` … with no next link: rule
   ``index_n`` with that stem; other numbered pagers (``list_2.html`` first, ``?page=N``):
   rule ``numbered``, naming the pager's links (generic mode follows neither);
otherwise ``none``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

from lxml.html import HtmlElement

from crawler.parsing import listing_patterns as LP
from crawler.parsing.listing import create_page_html_args, index_n_next, numbered_pages
from crawler.probe.probe_patterns import NUMBERED_PAGE_RE
from crawler.probe.selectors import common_ancestor, css_for
from crawler.urls import canonical_url


@dataclass
class PaginationRule:
    mode: str  # as in the profile: index_n | next_link | none
    evidence: str
    next_link: str | None = None
    index_pattern: str = "index_{n}.html"
    next_url: str | None = None  # page 2, to confirm the rule


def _text(el: HtmlElement) -> str:
    return re.sub(r"\s+", " ", el.text_content() or "").strip()


def detect(root: HtmlElement, html_text: str, page_url: str) -> PaginationRule:
    script = create_page_html_args(html_text)
    if script is not None:
        total, current, prefix, ext = script
        pattern = f"{prefix}_{{n}}.{ext}"
        nxt = index_n_next(page_url, pattern) if total > current + 1 else None
        return PaginationRule("index_n", f"script pager createPageHTML: {total} pages, "
                              f"{prefix}.{ext} then {prefix}_1.{ext} …", index_pattern=pattern,
                              next_url=canonical_url(nxt) if nxt else None)

    for a in root.iter("a"):
        href = (a.get("href") or "").strip()
        text = _text(a)
        if href and not href.startswith(("javascript:", "#")) and LP.NEXT_PAGE_TEXT_RE.match(text):
            xpath = f"//a[normalize-space(.)='{text}']" if "'" not in text else None
            if xpath:
                return PaginationRule("next_link", f"next-page link {text!r} -> {href}",
                                      next_link=xpath,
                                      next_url=canonical_url(urljoin(page_url, href)))

    directory = urlsplit(page_url).path.rpartition("/")[0]
    numbered: dict[str, set[int]] = {}
    number_links = []
    for a in root.iter("a"):
        href = (a.get("href") or "").strip()
        if not href or href.startswith(("javascript:", "#")) or not LP.PAGE_NUMBER_TEXT_RE.match(_text(a)):
            continue
        number_links.append(a)
        path = urlsplit(urljoin(page_url, href)).path
        folder, _, name = path.rpartition("/")
        match = NUMBERED_PAGE_RE.match(name)
        if match and folder == directory:
            key = f"{match['stem']}_{{n}}.{match['ext']}"
            numbered.setdefault(key, set()).add(int(match["n"]))
    for pattern, numbers in numbered.items():
        if 1 in numbers:
            nxt = index_n_next(page_url, pattern)
            return PaginationRule("index_n", f"numbered pager links {pattern.replace('{n}', 'N')} "
                                  f"(N = {min(numbers)}..{max(numbers)} seen)", index_pattern=pattern,
                                  next_url=canonical_url(nxt) if nxt else None)
    if number_links:
        block = common_ancestor(number_links) if len(number_links) > 1 else number_links[0].getparent()
        named = css_for(block) if block is not None else None
        selector = f"{named} a" if named else None
        urls = numbered_pages(root, page_url, None, selector)
        if urls:
            return PaginationRule("numbered", f"numbered pager links ({len(urls)} other pages linked, "
                                  f"e.g. {urls[0]})", next_link=selector, next_url=urls[0])
    return PaginationRule("none", "no pager found on the first list page")
