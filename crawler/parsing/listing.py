"""List-page analysis: which links on a news list page are articles, and where the next page is.

Generic mode has no profile, so the rules look at the page's structure the way a
person does: a news list is a block of sibling rows (``li``, ``tr``, ``dd``...)
each holding one headline link and usually a date; navigation, breadcrumbs and
footers are not. Pagers are read from 下一页-style links, from TRS's script-written
``createPageHTML(...)`` pager, or from a profile's ``index_N.html`` rule.
"""
from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

import lxml.html
from lxml import etree

from crawler.parsing import listing_patterns as P
from crawler.urls import canonical_url, host_allowed


@dataclass
class Link:
    url: str
    text: str


@dataclass
class Listing:
    """What a list page offers: article links (in page order) and next list pages."""

    article_links: list[Link] = field(default_factory=list)
    next_pages: list[str] = field(default_factory=list)
    page_count: int | None = None  # total list pages when the pager says so


def _select(root, selector: str):
    if selector.startswith(("/", "./", "(")):
        return root.xpath(selector)
    return root.cssselect(selector)


def _text(el) -> str:
    return re.sub(r"\s+", " ", el.text_content() or "").strip()


def _link_text(a) -> str:
    text = _text(a)
    title = (a.get("title") or "").strip()
    return title if len(title) > len(text) else text


def _is_nav(el) -> bool:
    """True when the element sits inside navigation, header, footer or similar."""
    node = el
    while node is not None and isinstance(node.tag, str):
        if node.tag in P.NAV_TAGS:
            return True
        marker = f"{node.get('class', '')} {node.get('id', '')}"
        if marker.strip() and P.NAV_CONTAINER_RE.search(marker):
            return True
        node = node.getparent()
    return False


def _row_of(a):
    """The list row holding a link: the nearest li/tr/dd/dt, else the link's parent."""
    node = a.getparent()
    while node is not None and isinstance(node.tag, str):
        if node.tag in ("li", "tr", "dd", "dt"):
            return node
        if node.tag in ("ul", "ol", "table", "tbody", "body"):
            break
        node = node.getparent()
    return a.getparent()


def article_url_score(url: str) -> int:
    """+1 when the URL has an article shape, -1 when it has a list/asset shape."""
    parts = urlsplit(url)
    tail = parts.path + (("?" + parts.query) if parts.query else "")
    if any(p.search(parts.path) for p in P.NON_ARTICLE_URL_PATTERNS):
        return -1
    return 1 if any(p.search(tail) for p in P.ARTICLE_URL_PATTERNS) else 0


def _candidates(root, base_url: str, allowed_hosts) -> list[tuple[object, Link]]:
    out = []
    for a in root.iter("a"):
        href = (a.get("href") or "").strip()
        if not href or href.startswith(("#", "javascript:", "mailto:", "tel:")):
            continue
        url = urljoin(base_url, href)
        if allowed_hosts is not None and not host_allowed(url, allowed_hosts):
            continue
        out.append((a, Link(canonical_url(url), _link_text(a))))
    return out


def find_article_links(root, base_url: str, allowed_hosts=None) -> list[Link]:
    """Generic article-link detection (see module docstring)."""
    candidates = [(a, link) for a, link in _candidates(root, base_url, allowed_hosts)
                  if not _is_nav(a)
                  and len(link.text) >= P.MIN_ARTICLE_LINK_TEXT
                  and not P.PAGER_TEXT_RE.match(link.text)
                  and article_url_score(link.url) >= 0]
    page_url = canonical_url(base_url)
    groups: dict[object, list[tuple[object, Link]]] = defaultdict(list)
    for a, link in candidates:
        if link.url == page_url:
            continue
        row = _row_of(a)
        container = row.getparent() if row is not None else None
        groups[container].append((a, link))

    chosen: list[tuple[object, Link]] = []
    for members in groups.values():
        rows = [_row_of(a) for a, _ in members]
        dated = sum(1 for row in rows if row is not None and P.LIST_DATE_RE.search(_text(row)))
        shaped = sum(1 for _, link in members if article_url_score(link.url) > 0)
        n = len(members)
        if n >= P.MIN_LIST_GROUP and (dated * 2 >= n or shaped * 2 >= n):
            chosen.extend(members)
    if not chosen:
        # No list block: fall back to links that are article-shaped and carry a headline.
        chosen = [(a, link) for a, link in candidates
                  if article_url_score(link.url) > 0 and len(link.text) >= 8 and link.url != page_url]

    seen: set[str] = set()
    order = {id(a): i for i, a in enumerate(root.iter("a"))}
    links = []
    for a, link in sorted(chosen, key=lambda item: order.get(id(item[0]), 0)):
        if link.url not in seen:
            seen.add(link.url)
            links.append(link)
    return links


def create_page_html_args(html_text: str) -> tuple[int, int, str, str] | None:
    """``(total, current 0-based, prefix, ext)`` of a TRS ``createPageHTML`` call, if any."""
    match = P.CREATE_PAGE_HTML_RE.search(html_text)
    if not match:
        return None
    args = [a.strip().strip("'\"") for a in match.group(1).split(",")]
    quoted = [a.strip() for a in match.group(1).split(",")]
    try:
        if quoted and quoted[0][:1] in "'\"":  # newer signature: (div, total, current(1-based), prefix, ext, ...)
            return int(args[1]), int(args[2]) - 1, args[3], args[4]
        return int(args[0]), int(args[1]), args[2], args[3]  # classic: (total, current(0-based), prefix, ext)
    except (IndexError, ValueError):
        return None


def _create_page_html(html_text: str, page_url: str) -> tuple[list[str], int | None]:
    """Next page from a TRS ``createPageHTML`` call, and the page count it states."""
    args = create_page_html_args(html_text)
    if args is None:
        return [], None
    total, current, prefix, ext = args
    nxt = current + 1
    if nxt >= total:
        return [], total
    return [urljoin(page_url, f"{prefix}_{nxt}.{ext}")], total


def index_n_next(page_url: str, pattern: str = "index_{n}.html") -> str | None:
    """Next URL under an ``index_N`` rule: index.html -> index_1.html -> index_2.html ..."""
    parts = urlsplit(page_url)
    path = parts.path
    directory, _, name = path.rpartition("/")
    first = pattern.split("_{n}")[0].split("{n}")[0]
    regex = re.escape(pattern).replace(re.escape("{n}"), r"(\d+)")
    match = re.fullmatch(regex, name)
    if match:
        n = int(match.group(1)) + 1
    elif name == "" or name.startswith(first + ".") or name == first:
        n = 1
    else:
        return None
    return urljoin(page_url, f"{directory}/{pattern.format(n=n)}")


def find_next_pages(root, html_text: str, page_url: str, allowed_hosts=None,
                    next_selector: str | None = None) -> tuple[list[str], int | None]:
    """Next list page(s): a profile's selector, else 下一页-style links, else createPageHTML."""
    page = canonical_url(page_url)
    found: list[str] = []
    if next_selector:
        for el in _select(root, next_selector):
            href = el if isinstance(el, str) else el.get("href")
            if href and not href.startswith(("javascript:", "#")):
                found.append(canonical_url(urljoin(page_url, href)))
    else:
        for a, link in _candidates(root, page_url, allowed_hosts):
            if P.NEXT_PAGE_TEXT_RE.match(_text(a)) or P.NEXT_PAGE_TEXT_RE.match(a.get("title") or "-"):
                found.append(link.url)
    total = None
    if not found:
        scripted, total = _create_page_html(html_text, page_url)
        found = [canonical_url(u) for u in scripted]
    if allowed_hosts is not None:
        found = [u for u in found if host_allowed(u, allowed_hosts)]
    return [u for u in dict.fromkeys(found) if u != page], total


def numbered_pages(root, page_url: str, allowed_hosts=None, selector: str | None = None) -> list[str]:
    """Every page-number link of a static pager (1 2 3 … / [4]), for ``numbered`` pagination:
    pagers that start at ``list_2.html`` or use ``?page=N`` and have no 下一页 link."""
    anchors = [el for el in _select(root, selector) if hasattr(el, "get")] if selector else root.iter("a")
    page = canonical_url(page_url)
    found = []
    for a in anchors:
        href = (a.get("href") or "").strip()
        if not href or href.startswith(("javascript:", "#")) or not P.PAGE_NUMBER_TEXT_RE.match(_text(a)):
            continue
        url = canonical_url(urljoin(page_url, href))
        if url != page and (allowed_hosts is None or host_allowed(url, allowed_hosts)):
            found.append(url)
    return list(dict.fromkeys(found))


def parse_html(html_text: str):
    try:
        root = lxml.html.fromstring(html_text or "<html></html>")
    except (etree.ParserError, ValueError):
        root = lxml.html.fromstring("<html></html>")
    return root


def analyse_listing(html_text: str, page_url: str, *, allowed_hosts=None,
                    article_links_selector: str | None = None,
                    article_url_pattern: str | None = None,
                    pagination_mode: str = "auto", next_selector: str | None = None,
                    index_pattern: str = "index_{n}.html") -> Listing:
    """Analyse one list page (already decoded text). Profile settings, when given, win."""
    root = parse_html(html_text)
    if article_links_selector:
        links = []
        for el in _select(root, article_links_selector):
            if not hasattr(el, "get") or not el.get("href"):
                continue
            href = el.get("href").strip()
            if href.startswith(("javascript:", "#", "mailto:")):
                continue
            url = canonical_url(urljoin(page_url, href))
            if allowed_hosts is None or host_allowed(url, allowed_hosts):
                links.append(Link(url, _link_text(el)))
    else:
        links = find_article_links(root, page_url, allowed_hosts)
    if article_url_pattern:
        regex = re.compile(article_url_pattern)
        links = [link for link in links if regex.search(link.url)]
    links = list({link.url: link for link in links}.values())

    next_pages: list[str] = []
    total = None
    if pagination_mode == "index_n":
        _, total = _create_page_html(html_text, page_url)
        nxt = index_n_next(page_url, index_pattern)
        current = _index_number(page_url, index_pattern)
        if nxt and (total is None or (current is not None and current + 1 < total)):
            next_pages = [canonical_url(nxt)]
        if next_pages and total is None and _last_of_static_pager(root, page_url, index_pattern, nxt):
            next_pages = []
    elif pagination_mode == "numbered":
        next_pages = numbered_pages(root, page_url, allowed_hosts, next_selector)
    elif pagination_mode in ("auto", "next_link"):
        next_pages, total = find_next_pages(
            root, html_text, page_url, allowed_hosts,
            next_selector if pagination_mode == "next_link" else None)
    return Listing(article_links=links, next_pages=next_pages, page_count=total)


def _last_of_static_pager(root, page_url: str, pattern: str, nxt: str) -> bool:
    """True when the page shows a numbered ``index_N`` pager that does not link the next page:
    the last page (without this, an index_n crawl with no script total ends on a 404)."""
    regex = re.compile(re.escape(pattern).replace(re.escape("{n}"), r"\d+") + "$")
    linked = {canonical_url(urljoin(page_url, a.get("href").strip())) for a in root.iter("a")
              if a.get("href") and regex.search(urlsplit(urljoin(page_url, a.get("href").strip())).path)}
    return bool(linked) and canonical_url(nxt) not in linked


def _index_number(page_url: str, pattern: str) -> int | None:
    name = urlsplit(page_url).path.rpartition("/")[2]
    regex = re.escape(pattern).replace(re.escape("{n}"), r"(\d+)")
    match = re.fullmatch(regex, name)
    if match:
        return int(match.group(1))
    return 0 if name == "" or name.startswith("index.") else None
