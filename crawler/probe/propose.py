"""``jiezhen sites probe URL``: propose a profile for a news list page.

Reads the list page the way the generic crawler would (``find_article_links``), then
makes explicit what the generic rules only guess each time: the article URL shape(s),
the block holding the list, the pagination rule (confirmed on page 2), and where title,
date, source and body sit (learnt from a few articles). The proposal is checked against
the generic reading of the same page: its links must include every article link the
generic rules found there, so a probed profile never crawls less than generic mode.
"""
from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Callable
from urllib.parse import urljoin, urlsplit

from crawler.parsing.encoding import decode_html
from crawler.parsing.listing import analyse_listing, find_article_links, parse_html
from crawler.probe import urlshape
from crawler.probe.fetch import Fetched, FetchError, fetch
from crawler.probe.fields import FieldFindings, learn_fields
from crawler.probe.pagination import PaginationRule, detect
from crawler.probe.probe_patterns import GOVERNMENT_RE, REGION_PREFIX_RE, SAMPLE_ARTICLES
from crawler.probe.selectors import common_ancestor, css_for
from crawler.urls import canonical_url, host_of

#: A URL shape makes it into the pattern when it holds this share of the page's article links.
MIN_SHAPE_SHARE = 0.2


class ProbeError(RuntimeError):
    """The page cannot be made into a profile (not fetched, or no news list on it)."""


@dataclass
class Proposal:
    slug: str
    name: str
    level: str
    region: str | None
    parent: str | None
    base_url: str
    start_url: str  # path (and query) under base_url
    article_url_pattern: str
    article_links: str | None
    pagination: PaginationRule
    fields: FieldFindings
    list_links: list[str]
    encoding: str
    page2_links: int | None = None
    sampled: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def slug_for(url: str) -> str:
    host = urlsplit(url).hostname or "site"
    host = re.sub(r"^www\.", "", host)
    return re.sub(r"[^a-z0-9]+", "-", host.lower()).strip("-") or "site"


def place_of(name: str) -> tuple[str | None, str | None]:
    """(region, level) from the government a page title names, e.g. (长宁区, 区)."""
    match = GOVERNMENT_RE.search(name)
    if not match:
        return None, None
    region = match.group(1)
    if match.group(2) != "市":
        region = REGION_PREFIX_RE.sub("", region)
    return region, match.group(2)


def _article_pattern(links: list[str]) -> str:
    groups: dict[tuple[str, ...], list[str]] = defaultdict(list)
    for url in links:
        groups[urlshape.shape(url)].append(url)
    big = max(len(g) for g in groups.values())
    kept = [g for g in groups.values()
            if len(g) == big or (len(g) >= 2 and len(g) >= MIN_SHAPE_SHARE * len(links))]
    patterns = list(dict.fromkeys(urlshape.pattern_for(g) for g in kept))
    return patterns[0] if len(patterns) == 1 else "|".join(f"(?:{p})" for p in patterns)


def _list_selector(root, page_url: str, wanted: set[str]) -> str | None:
    anchors = [a for a in root.iter("a")
               if a.get("href") and canonical_url(urljoin(page_url, a.get("href").strip())) in wanted]
    block = common_ancestor(anchors)
    selector = css_for(block) if block is not None else None
    return f"{selector} a" if selector else None


def probe(url: str, *, slug: str | None = None, level: str | None = None,
          parent: str | None = None, name: str | None = None,
          fetcher: Callable[[str], Fetched] = fetch) -> Proposal:
    first = fetcher(url)
    page = decode_html(first.body, first.headers)
    root = parse_html(page.text)
    hosts = (host_of(first.url),)
    generic = [link.url for link in find_article_links(root, first.url, hosts)]
    if not generic:
        raise ProbeError(f"{first.url}: no list of article links found on this page")
    pattern = _article_pattern(generic)
    wanted = {u for u in generic if re.search(pattern, u)}
    links_selector = _list_selector(root, first.url, wanted)
    notes = []
    if len(wanted) < len(generic):
        notes.append(f"{len(generic) - len(wanted)} generic link(s) of rare shapes left out: "
                     + ", ".join(sorted(set(generic) - wanted)[:3]))

    rule = detect(root, page.text, first.url)

    def read(text: str, at: str, selector: str | None):
        return analyse_listing(text, at, allowed_hosts=hosts, article_links_selector=selector,
                               article_url_pattern=pattern, pagination_mode=rule.mode,
                               next_selector=rule.next_link, index_pattern=rule.index_pattern)

    listing = read(page.text, first.url, links_selector)
    if links_selector and not wanted <= {link.url for link in listing.article_links}:
        notes.append(f"list selector {links_selector!r} missed links; left to the generic rules")
        links_selector = None
        listing = read(page.text, first.url, None)
    found = [link.url for link in listing.article_links]

    page2 = None
    if rule.next_url:
        try:
            second = fetcher(rule.next_url)
            text2 = decode_html(second.body, second.headers).text
            page2 = len([u for u in (link.url for link in read(text2, second.url, links_selector).article_links)
                         if u not in found])
            if not page2:
                notes.append(f"page 2 ({rule.next_url}) lists no new article: check the pagination rule")
        except FetchError as exc:
            notes.append(f"page 2 could not be fetched ({exc}): check the pagination rule")

    samples, sampled = [], []
    for article_url in found[:SAMPLE_ARTICLES]:
        try:
            samples.append(fetcher(article_url))
            sampled.append(article_url)
        except FetchError as exc:
            notes.append(f"sample article not fetched: {exc}")
    findings = learn_fields(samples)

    parts = urlsplit(first.url)
    title_el = root.find(".//title")
    page_title = re.sub(r"\s+", " ", title_el.text_content()).strip() if title_el is not None else ""
    site_name = name or page_title or parts.hostname or url
    region, found_level = place_of(site_name)
    if not (level or found_level):
        notes.append("level not found in the page title: 区 assumed (use --level)")
    return Proposal(
        slug=slug or slug_for(first.url), name=site_name, level=level or found_level or "区",
        region=region,
        parent=parent, base_url=f"{parts.scheme}://{parts.netloc}",
        start_url=parts.path + (f"?{parts.query}" if parts.query else ""),
        article_url_pattern=pattern, article_links=links_selector, pagination=rule,
        fields=findings, list_links=found, encoding=page.encoding, page2_links=page2,
        sampled=sampled, notes=notes,
    )
