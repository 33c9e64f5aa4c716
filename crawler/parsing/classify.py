"""Decide whether an extracted page is an article worth archiving.

The crawler relies on this in generic mode, where every page of a site is seen: archiving a
list or a home page as an "article" pollutes the archive, while missing a very short notice
costs little. So the rules are conservative:

* no headline, a home-page URL, or a site-information headline (联系我们, 网站地图; an
  undated …概况, …简介, …机构职能): no;
* a body that is a run of title links (a news list, a 政务公开 list, a list with summaries):
  "list-page";
* a headline naming a topic section (…专题, …专栏) on an undated or link-heavy page: "topic-page";
* otherwise the body must be running text: at least ``MIN_BODY_CJK_DATED`` Chinese
  characters when a publish date was found (about three sentences: a real short notice),
  ``MIN_BODY_CJK_UNDATED`` without a date, and one paragraph of at least
  ``MIN_LONGEST_PARAGRAPH_CJK`` characters (a list of short items is not prose).
"""
from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

from lxml.html import HtmlElement

from crawler.parsing.dom import cjk_count, link_density, nospace, squash, word_count
from crawler.parsing.patterns.pages import (
    HOME_PATH_RE,
    MAX_BODY_LINK_DENSITY,
    MIN_BODY_CJK_DATED,
    MIN_BODY_CJK_UNDATED,
    MIN_LIST_ROWS,
    MIN_LONGEST_PARAGRAPH_CJK,
    ROW_DATE_RE,
    SITE_INFO_TITLE_RE,
    SITE_INFO_TITLES,
    TOPIC_TITLE_RE,
)

_ROW_TAGS = frozenset({"li", "tr", "dd", "dt", "p", "div", "td", "span", "h3", "h4"})
_ITEM_TAGS = frozenset({"li", "tr", "dd", "dt"})
#: Shortest link text that can be a list item's title.
MIN_ITEM_CHARS = 6


@dataclass
class ListStats:
    rows: int  # dated link rows in the largest group
    chars: int  # characters of those rows' link text


def dated_link_rows(root: HtmlElement | None) -> ListStats:
    """Size of the largest group of "title link + date" rows under ``root``."""
    if root is None:
        return ListStats(0, 0)
    groups: dict[HtmlElement, list[int]] = {}
    for anchor in root.iter("a"):
        text = squash(anchor.text_content())
        if word_count(text) < MIN_ITEM_CHARS:
            continue
        row: HtmlElement | None = anchor
        found = None
        for _ in range(4):
            row = row.getparent() if row is not None else None
            if row is None:
                break
            if row.tag in _ROW_TAGS and ROW_DATE_RE.search(squash(row.text_content())):
                found = row
                break
        if found is None:
            continue
        key = _list_of(found)
        group = groups.setdefault(key, [0, 0])
        group[0] += 1
        group[1] += len(text)
    if not groups:
        return ListStats(0, 0)
    rows, chars = max(groups.values())
    return ListStats(rows, chars)


def _list_of(row: HtmlElement) -> HtmlElement:
    """The element holding the repeated rows: the parent of the enclosing li/tr/dd, or of the
    row itself; a row holding several titled links (``<td>`` with ``<br>``) is its own list."""
    anchors = sum(1 for a in row.iter("a") if word_count(squash(a.text_content())) >= MIN_ITEM_CHARS)
    if anchors > 1:
        return row
    item: HtmlElement | None = row
    for _ in range(3):
        if item is None or item.tag in _ITEM_TAGS:
            break
        item = item.getparent()
    if item is not None and item.tag in _ITEM_TAGS and item.getparent() is not None:
        return item.getparent()
    return row.getparent() if row.getparent() is not None else row


def is_home_url(url: str | None) -> bool:
    if not url:
        return False
    parts = urlsplit(url)
    return bool(parts.netloc) and not parts.query and bool(HOME_PATH_RE.match(parts.path or "/"))


def classify(*, url: str | None, title: str | None, paragraphs: list[str], published: str | None,
             container: HtmlElement | None, doc: HtmlElement | None,
             heading: str | None = None, link_rows: int = 0,
             prose_paragraphs: int = 0, caption_cjk: int = 0) -> tuple[bool, str | None]:
    """``(is_article, reason)``; reason is None for articles.

    ``heading`` is the page's own name when no headline was accepted (the ``<title>`` of a
    section page): it only serves to name the reason. ``caption_cjk``: Chinese characters of
    the captions of the body's photos, which count as text (a photo story is one paragraph
    and its captions); the longest-paragraph rule still asks for one real paragraph.
    """
    name = nospace(title or heading)
    if is_home_url(url):
        return False, "home-page"
    if name in SITE_INFO_TITLES or (published is None and name and SITE_INFO_TITLE_RE.search(name)):
        return False, "site-info-page"
    lists: list[ListStats] = []

    def page_rows() -> int:
        """Dated title-link rows of the whole page: computed only when a rule needs them (it
        walks every link of the page, the costliest check, and most articles never need it)."""
        if not lists:
            lists.append(dated_link_rows(doc))
        return lists[0].rows

    if name and TOPIC_TITLE_RE.search(name) and (not title or published is None or page_rows() >= MIN_LIST_ROWS):
        return False, "topic-page"
    if not title:
        return False, "list-page" if page_rows() >= MIN_LIST_ROWS else "no-title"
    if container is None or not paragraphs:
        return False, "list-page" if page_rows() >= MIN_LIST_ROWS else "no-body"
    # The body is itself a list: many title links, as many as (or more than) prose lines
    # (a list with summaries); or mostly links on a page that has a dated list.
    if (link_rows >= MIN_LIST_ROWS and 2 * link_rows >= prose_paragraphs) or (
            link_density(container) > MAX_BODY_LINK_DENSITY and page_rows() >= MIN_LIST_ROWS):
        return False, "list-page"
    body_cjk = sum(cjk_count(paragraph) for paragraph in paragraphs) + caption_cjk
    longest = max(cjk_count(paragraph) for paragraph in paragraphs)
    needed = MIN_BODY_CJK_DATED if published else MIN_BODY_CJK_UNDATED
    if body_cjk < needed or longest < MIN_LONGEST_PARAGRAPH_CJK:
        return False, "list-page" if page_rows() >= MIN_LIST_ROWS else "too-short"
    return True, None
